"""Writing a benchmark's results file: the figures, with the machine and the time they were measured on."""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_results(path: Path, figures: dict) -> None:
    """``path`` (under ``benchmarks/results/``) as indented JSON: the machine's facts, then ``figures``."""
    data = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        **figures,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"written to {path.relative_to(ROOT)}")
