"""Where the project's data lives. Everything is found relative to the repository root."""

from __future__ import annotations

import os
from pathlib import Path

# The package sits at the top of the repository (installed editable), so data/ is its sibling.
# DISCOURSE_LAB_ROOT lets tests point the toolkit at a fixture tree instead.
REPO_ROOT = Path(os.environ.get("DISCOURSE_LAB_ROOT", Path(__file__).resolve().parent.parent))
DATA_DIR = REPO_ROOT / "data"
SOURCES_DIR = DATA_DIR / "sources"
SCHEMAS_DIR = DATA_DIR / "schemas"
LEXICONS_DIR = DATA_DIR / "lexicons"
EXERCISES_DIR = DATA_DIR / "exercises"
