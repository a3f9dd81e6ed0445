"""Every environment variable Discourse Lab reads, in one place.

No other module of the package, ``scripts/``, ``benchmarks/`` or ``tests/`` reads ``os.environ``
(``tests/test_gates.py`` fails if one does); they call the functions below. Code that *sets* a
variable for a child process (the book build for its kernels, a test for its server) names it with
the constants here.

| variable | read by | meaning (default) |
|---|---|---|
| `DISCOURSE_LAB_STORE_DIR` | `exercises.store` | the folder of the answer stores (`~/.discourse_lab`) |
| `DISCOURSE_LAB_STATIC` | `exercises.display` | `1`: exercises render as static HTML, not widgets (the book build sets it) |
| `DISCOURSE_LAB_EDITION` | `book.student_edition` | `student`: the student edition (`scripts/build_student_edition.py` sets it; unset: the instructor edition) |
| `DISCOURSE_LAB_EXERCISE_MODE` | `book.student_edition` | the student edition's exercises: `graded` or `self-check` (`graded`) |
| `DISCOURSE_LAB_CHECK_SALT` | `book.student_edition` | the salt of the self-check edition's digests (its build sets it) |
| `DISCOURSE_LAB_PARSER` | `syntax` | another tagger/parser folder (the package's own) |
| `SOURCE_DATE_EPOCH` | `exercises.store`, `scripts/build_book.py` | a build's fixed time in seconds since 1970 (reproducible-builds.org; the book build sets the last commit's) |
| `DISCOURSE_LAB_CHROMIUM` | `scripts/chromium.py`, `scripts/system_deps.py` | the Chromium or Chrome of the browser tests and the PDF (`/usr/bin/chromium`) |
| `DISCOURSE_LAB_BUILD_DIR` | `tests/conftest.py` | where the tests find or build the book (the repository's `_build/`) |
| `DISCOURSE_LAB_DESK_SCREENSHOT` | `tests/live/test_desk.py` | a PNG path for the marking desk's screenshot (none taken) |

An empty value counts as unset. The same table is in CONTRIBUTING.md ("Environment variables").
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

STORE_DIR = "DISCOURSE_LAB_STORE_DIR"
STATIC = "DISCOURSE_LAB_STATIC"
EDITION = "DISCOURSE_LAB_EDITION"
EXERCISE_MODE = "DISCOURSE_LAB_EXERCISE_MODE"
CHECK_SALT = "DISCOURSE_LAB_CHECK_SALT"
PARSER = "DISCOURSE_LAB_PARSER"
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
CHROMIUM = "DISCOURSE_LAB_CHROMIUM"
BUILD_DIR = "DISCOURSE_LAB_BUILD_DIR"
DESK_SCREENSHOT = "DISCOURSE_LAB_DESK_SCREENSHOT"

# Every variable above: what test_gates checks the table and CONTRIBUTING.md against.
VARIABLES = (
    STORE_DIR,
    STATIC,
    EDITION,
    EXERCISE_MODE,
    CHECK_SALT,
    PARSER,
    SOURCE_DATE_EPOCH,
    CHROMIUM,
    BUILD_DIR,
    DESK_SCREENSHOT,
)


def _value(name: str) -> str | None:
    return os.environ.get(name) or None


def store_dir() -> Path:
    """The folder of the answer stores: ``$DISCOURSE_LAB_STORE_DIR`` or ``~/.discourse_lab``."""
    value = _value(STORE_DIR)
    return Path(value).expanduser() if value else Path.home() / ".discourse_lab"


def static_build() -> bool:
    """Is this the book's build (exercises as static HTML, no widget state)?"""
    return _value(STATIC) == "1"


def edition() -> str | None:
    """The edition being built: ``"student"``, or None (the instructor edition, and notebooks)."""
    return _value(EDITION)


def exercise_mode() -> str:
    """The student edition's exercise mode as set (``graded`` when unset); checked by the caller."""
    return _value(EXERCISE_MODE) or "graded"


def check_salt() -> str | None:
    """The salt of the self-check edition's digests, or None."""
    return _value(CHECK_SALT)


def parser_path() -> str | None:
    """A tagger/parser folder to load instead of the package's own, or None."""
    return _value(PARSER)


def source_date_epoch() -> int | None:
    """The fixed time of a reproducible build (seconds since 1970), or None.

    A value that is not a whole number is refused with the variable's name, not a traceback of int().
    """
    value = _value(SOURCE_DATE_EPOCH)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{SOURCE_DATE_EPOCH}={value!r}: not a whole number of seconds") from None


def chromium() -> str | None:
    """The browser binary named by ``$DISCOURSE_LAB_CHROMIUM``, or None (Debian's chromium)."""
    return _value(CHROMIUM)


def build_dir() -> Path | None:
    """Where the tests find or build the book, if not the repository."""
    value = _value(BUILD_DIR)
    return Path(value) if value else None


def desk_screenshot() -> Path | None:
    """Where the live desk test saves its screenshot, if anywhere."""
    value = _value(DESK_SCREENSHOT)
    return Path(value) if value else None


@contextmanager
def override(values: Mapping[str, str | None]) -> Iterator[None]:
    """Set (a value) or unset (None) variables for what runs inside, e.g. the kernels of a build,
    and put back what was there before, so the calling process (a test session) is unchanged."""
    before = {name: os.environ.get(name) for name in values}
    try:
        _apply(values)
        yield
    finally:
        _apply(before)


def _apply(values: Mapping[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
