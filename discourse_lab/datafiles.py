"""Load the project's YAML and JSON data files and validate each against its JSON Schema.

Every file under ``data/`` that holds structured data has a schema in ``data/schemas/``; the
table ``SCHEMA_FOR`` says which. A broken file raises :class:`DataFileError`, whose message is a
single line naming the file and the first problem found.
"""

from __future__ import annotations

import json
import sys
from fnmatch import fnmatch
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import DataFileError
from .paths import DATA_DIR, SCHEMAS_DIR

# Which schema governs which data file, as globs relative to data/. First match wins.
SCHEMA_FOR: tuple[tuple[str, str], ...] = (
    ("sources/*/meta.yml", "source-meta.schema.json"),
    ("sources/*/annotations.yml", "annotations.schema.json"),
    ("sources/*/frame-coding.yml", "frame-coding.schema.json"),
    ("lexicons/attribution-parameters.yml", "attribution-parameters.schema.json"),
    ("lexicons/*.yml", "lexicon.schema.json"),
    ("exercises/*.yml", "exercise-bank.schema.json"),
    ("exercise-hints.yml", "exercise-hints.schema.json"),
    ("sources/*/coverage.yml", "coverage-comparison.schema.json"),
    ("ratings/*.yml", "rating-schemes.schema.json"),
    ("evaluations/*.json", "evaluation-scores.schema.json"),
    ("course/*.yml", "term-plan.schema.json"),
)


def _jsonschema():
    """jsonschema, imported on first use and without its optional ``rfc3987_syntax`` checker.

    Jupyter installs ``jsonschema[format-nongpl]``, which brings ``rfc3987_syntax``; jsonschema
    imports it at once if present, and it compiles a grammar on import (about 1.5 s here, a
    quarter of a lesson's 6-second budget) only to check the "iri" formats, which no schema of
    ours uses (they use "date" and "date-time"). Hiding it for the one import makes jsonschema
    skip those checks; the entry is removed again, so anyone else can still import the package.
    """
    if "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules:
        # None makes ``import rfc3987_syntax`` raise ImportError (documented under sys.modules and in
        # importlib's import system); typeshed types the dict's values as modules only, hence the ignore.
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]
        try:
            import jsonschema
        finally:
            del sys.modules["rfc3987_syntax"]
    import jsonschema

    return jsonschema


class _PlainDatesLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings, so JSON Schema's "date" format can check them,
    and refuses a key given twice in one mapping (YAML would silently keep the last one, so a
    word list or an answer written first would be lost)."""

    def construct_mapping(self, node, deep=False):
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{key}' is given twice in one mapping", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_PlainDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# Files under data/ that are not structured data and so have no schema.
# *.py, *.pyc: data/ is also the package discourse_lab.data (its __init__.py and bytecode).
UNSCHEMATISED = ("*.txt", "*.md", "schemas/*.json", "*.py", "*.pyc")


def read_bytes(
    path: Path, error: type[DataFileError] = DataFileError, folder: str = "is a folder, not a file"
) -> bytes:
    """A file's bytes, with the usual failures as one-line ``error``s naming it (``folder``: what to
    say when the path is a folder)."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise error(path, "file not found") from None
    except IsADirectoryError:
        raise error(path, folder) from None
    except OSError as exc:
        raise error(path, f"cannot be read ({exc.strerror})") from None


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, turning the usual failures into one-line errors."""
    path = Path(path)
    raw = read_bytes(path)
    if b"\x00" in raw:
        raise DataFileError(path, "looks like a binary file, not UTF-8 text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(path, f"is not valid UTF-8 (byte {exc.start})") from None


def load_structured(path: Path) -> Any:
    """Parse a .yml/.yaml or .json file without validating it."""
    path = Path(path)
    text = read_text(path)
    try:
        if path.suffix in (".yml", ".yaml"):
            return yaml.load(text, Loader=_PlainDatesLoader)
        if path.suffix == ".json":
            return json.loads(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataFileError(path, f"invalid YAML{where}: {problem}") from None
    except json.JSONDecodeError as exc:
        raise DataFileError(path, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    raise DataFileError(path, f"unknown data file type '{path.suffix}'")


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    """A schema from data/schemas by file name, itself checked against its metaschema."""
    path = SCHEMAS_DIR / name
    loaded = load_structured(path)
    jsonschema = _jsonschema()
    try:
        jsonschema.Draft202012Validator.check_schema(loaded)
    except jsonschema.SchemaError as exc:
        raise DataFileError(path, f"not a valid JSON Schema: {exc.message}") from None
    return loaded


# The value of a field a generated file leaves for a person to write (``discourse-lab new-source``):
# ``TO FILL IN: what to write``. A schema cannot allow it without allowing it everywhere, so
# :func:`validate` names every such field at once instead of the first schema error it causes.
TO_FILL = "TO FILL IN"


def unfilled(data: Any, where: str = "") -> list[str]:
    """The paths (``provenance/obtained``) of every value still marked :data:`TO_FILL`."""
    if isinstance(data, str):
        return [where or "top level"] if data.startswith(TO_FILL) else []
    if isinstance(data, dict):
        return [p for k, v in data.items() for p in unfilled(v, f"{where}/{k}" if where else str(k))]
    if isinstance(data, list):
        return [p for i, v in enumerate(data) for p in unfilled(v, f"{where}/{i}" if where else str(i))]
    return []


def validate(data: Any, schema_name: str, path: Path) -> Any:
    """Check ``data`` (read from ``path``) against a schema; return it unchanged if valid."""
    todo = unfilled(data)
    if todo:
        raise DataFileError(
            path, f"still to fill in: {', '.join(todo)} (replace each {TO_FILL!r} value, or delete the optional ones)"
        )
    jsonschema = _jsonschema()
    validator = jsonschema.Draft202012Validator(
        schema(schema_name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "top level"
        raise DataFileError(path, f"at {where}: {error.message}")
    return data


def schema_for(path: Path, root: Path = DATA_DIR) -> str | None:
    """The schema file name for a data file under ``root``, or None if none is registered."""
    try:
        rel = Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return None
    for pattern, name in SCHEMA_FOR:
        if fnmatch(rel, pattern):
            return name
    return None


def load(path: Path, schema_name: str | None = None, root: Path = DATA_DIR) -> Any:
    """Load a data file and validate it against its schema (looked up under ``root`` unless given)."""
    path = Path(path)
    name = schema_name or schema_for(path, root)
    if name is None:
        raise DataFileError(path, "no schema is registered for this file (see SCHEMA_FOR)")
    return validate(load_structured(path), name, path)


def data_files(root: Path = DATA_DIR) -> list[Path]:
    """Every file under data/ that should validate against a schema."""
    files = []
    for path in sorted(Path(root).rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        rel = path.relative_to(root).as_posix()
        if any(fnmatch(rel, pattern) or fnmatch(path.name, pattern) for pattern in UNSCHEMATISED):
            continue
        files.append(path)
    return files


def validate_all(root: Path = DATA_DIR) -> list[str]:
    """Validate every data file; return one error line per broken file (empty when all pass)."""
    problems = []
    for path in data_files(root):
        try:
            load(path, root=root)
        except DataFileError as exc:
            problems.append(str(exc))
    return problems
