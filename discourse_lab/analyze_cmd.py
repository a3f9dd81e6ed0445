"""The ``discourse-lab analyze PATH...`` command: analyse one or many text files.

One file prints the analysis (JSON, indented, or a text report). A folder or several files print
one JSON line per file (``{"path": ..., **analysis}``) with a tqdm progress bar on stderr. A file
that is missing, empty, binary, not UTF-8 or too long (see ``analysis.MAX_FILE_CHARS`` and
``text.MAX_PARAGRAPH_CHARS``) gives one line on stderr naming it and the limit; the other files
are still analysed, and the exit status is 2 if any file failed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .errors import DataFileError, DiscourseLabError

PROG = "discourse-lab"


def expand(paths: list[str]) -> list[Path]:
    """Files named on the command line; a folder stands for the .txt files under it."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.txt") if p.is_file())
            if not found:
                raise DataFileError(path, "folder holds no .txt files")
            out.extend(found)
        else:
            out.append(path)
    return out


def run(paths: list[str], fmt: str = "json", out=None, err=None) -> int:
    from tqdm import tqdm

    from .analysis import analyze_path, text_report

    out = out or sys.stdout
    err = err or sys.stderr
    files = expand(paths)
    single = len(files) == 1 and not Path(paths[0]).is_dir()
    failures = 0
    bar = tqdm(files, desc="analyse", unit="file", file=err, disable=single, leave=False)
    for path in bar:
        try:
            analysis = analyze_path(path)
        except DiscourseLabError as exc:
            failures += 1
            bar.write(f"{PROG}: error: {exc}", file=err)
            continue
        if fmt == "text":
            if not single:
                print(f"== {path}", file=out)
            print(text_report(analysis), file=out)
        elif single:
            print(json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2), file=out)
        else:
            print(json.dumps({"path": str(path), **analysis.to_dict()}, ensure_ascii=False), file=out)
    return 2 if failures else 0
