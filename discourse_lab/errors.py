"""Errors a user can cause, reported as one line that names the file and the problem."""

from __future__ import annotations

from pathlib import Path


class DiscourseLabError(Exception):
    """Base class for mistakes in user input: shown as one line, never as a traceback."""


class DataFileError(DiscourseLabError):
    """A data file is missing, unreadable, malformed or fails its schema."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{display_path(self.path)}: {problem}")


def display_path(path: Path) -> str:
    """The path relative to the working directory when it lies below it, else as given."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
