"""Writing a file atomically: readers see the old file or the new one, never half of either."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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
