"""The ``discourse-lab`` command (also ``python -m discourse_lab``): a thin layer over the package.

Each subcommand parses its arguments here and calls a function of the package that does the
work. A mistake in user input ends with one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import DiscourseLabError

PROG = "discourse-lab"


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate every data file against its JSON Schema."""
    from . import datafiles

    root = Path(args.data) if args.data else datafiles.DATA_DIR
    problems = datafiles.validate_all(root)
    for line in problems:
        print(f"{PROG}: {line}", file=sys.stderr)
    count = len(datafiles.data_files(root))
    print(f"{count - len(problems)} of {count} data files valid")
    return 1 if problems else 0


def cmd_segment(args: argparse.Namespace) -> int:
    """Print a text's sentences with their stable ids."""
    from . import datafiles, text

    doc = text.parse(datafiles.read_text(Path(args.path)))
    if args.format == "json":
        print(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
    else:
        if doc.dateline:
            print(f"[dateline] {doc.dateline.text}")
        for s in doc.sentences:
            print(f"{s.id:>6}  {s.text}")
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    """Analyse texts: attribution, voice, framing and bias (see analyze_cmd.py)."""
    from . import analyze_cmd

    return analyze_cmd.run(args.paths, args.format)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="validate every data file against its schema")
    p.add_argument("--data", help="data folder (default: the project's data/)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("segment", help="split a text into paragraphs and sentences with ids")
    p.add_argument("path", help="a UTF-8 text file, paragraphs separated by blank lines")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_segment)

    p = sub.add_parser("analyze", help="analyse texts: attribution, voice, framing, bias")
    p.add_argument("paths", nargs="+", metavar="PATH", help="UTF-8 text files, or folders of .txt files")
    p.add_argument("--format", choices=["json", "text"], default="json")
    p.set_defaults(func=cmd_analyze)

    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except DiscourseLabError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
