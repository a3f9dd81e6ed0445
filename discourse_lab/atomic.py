"""Writing a file safely: readers see the old file or the new one, never half of either.

:func:`write_atomic` is the atomic step (temporary file beside the target, fsync, rename).
:func:`replace_with_backup` adds the one step back every store of a person's work keeps: the
current file is first copied to ``<name>.bak`` (itself written atomically). :func:`locked` holds an
exclusive lock beside a file, so a read-change-write by two kernels takes turns. The answer store
(:mod:`discourse_lab.exercises.store`), the marks file (:mod:`discourse_lab.course.marks`) and the
annotation widget's file (:mod:`discourse_lab.annotate.store`) all write through these.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# POSIX: saves from two kernels take turns; on Windows (no fcntl) the atomic rename alone protects
# the file. A platform test rather than try/except ImportError, so the type checker follows it.
if sys.platform == "win32":  # pragma: no cover
    fcntl = None
else:
    import fcntl


def write_atomic(target: Path, data: bytes | str) -> Path:
    """Write ``data`` (text goes in as UTF-8, line endings untouched) to a temporary file beside
    ``target``, flush it to disk, then rename it over ``target``. The rename replaces a symlink
    rather than writing through it; on any failure the temporary file is removed and ``target``
    is as it was."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f"{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def backup_path(path: Path) -> Path:
    """Where :func:`replace_with_backup` keeps the previous version: ``<name>.bak`` beside it."""
    return Path(path).with_name(Path(path).name + ".bak")


def replace_with_backup(target: Path, data: bytes | str, keep_backup: bool = True) -> Path:
    """Write ``data`` to ``target`` atomically, first keeping the current file (if any) as
    ``<name>.bak``. A crash at any point leaves the old file, or the new one, whole."""
    target = Path(target)
    if keep_backup and target.exists():
        write_atomic(backup_path(target), target.read_bytes())
    return write_atomic(target, data)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive ``fcntl`` lock on ``<name>.lock`` beside ``path`` (skipped where there is no fcntl)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover
        yield
        return
    with open(path.with_name(path.name + ".lock"), "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
