"""The ``discourse-lab`` command (also ``python -m discourse_lab``): a thin layer over the package.

Each subcommand parses its arguments here and calls a function of the package that does the
work. A mistake in user input ends with one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import DiscourseLabError, display_path

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


def cmd_exercises(args: argparse.Namespace) -> int:
    """Print the exercise bank as a table."""
    from .course import assign

    rows = assign.bank_rows(args.chapter)
    if not rows:
        print(f"{PROG}: no exercises" + (f" for chapter {args.chapter}" if args.chapter is not None else ""), file=sys.stderr)
        return 1
    print(assign.format_table(rows))
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    """Write a student notebook and the instructor's manifest and key."""
    from .course import assign

    ids = [i.strip() for i in args.exercises.split(",") if i.strip()] if args.exercises else None
    exercises = assign.select(ids, args.chapter, args.bank)
    man = assign.assign(exercises, args.title, Path(args.out))
    out = Path(args.out)
    print(f"assignment {man['assignment_id']}: {len(exercises)} exercises, {man['total_points']:g} points")
    print(f"  for students:    {out / 'student' / (man['assignment_id'] + '.ipynb')}, "
          f"{out / 'student' / (man['assignment_id'] + '.exercises.json')} (hand out both, no key in them)")
    print(f"  for you only:    {out / 'instructor' / 'manifest.json'}, {out / 'instructor' / 'key.json'}")
    return 0


def cmd_grade(args: argparse.Namespace) -> int:
    """Grade submission files into a CSV gradebook; exit 1 if any was rejected."""
    from .course import grade

    report = grade.grade(args.assignment, args.submissions, args.out, args.feedback, args.manual, bank=args.bank)
    for line in report.errors:
        print(f"{PROG}: rejected: {line}", file=sys.stderr)
    for line in report.warnings:
        print(f"{PROG}: warning: {line}", file=sys.stderr)
    accepted = [g for g in report.graded if not g.rejected]
    manual = sum(f.startswith("needs-manual:") for g in accepted for f in g.flags)
    print(f"graded {len(accepted)} of {len(report.graded)} submissions ({report.rejected} rejected)")
    if manual:
        where = f"; fill in {Path(args.feedback) / grade.MANUAL_SHEET} and pass it with --manual" if args.feedback else \
            "; pass --feedback DIR to get a sheet to score them in"
        print(f"{manual} judgement answer(s) need a manual score{where}")
    for path in report.written:
        print(f"  wrote {display_path(path)}")
    return 1 if report.rejected else 0


def cmd_generate(args: argparse.Namespace) -> int:
    """Generate the standard exercises of an annotated source as a bank file (or print them)."""
    import yaml

    from .exercises import generate

    if args.out:
        path = generate.write_bank(args.slug, Path(args.out), chapter=args.chapter)
        count = len(generate.bank_data(args.slug, args.chapter)["exercises"])
        print(f"{count} exercises written to {path}")
    else:
        print(yaml.safe_dump(generate.bank_data(args.slug, args.chapter), sort_keys=False, allow_unicode=True, width=100))
    return 0


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

    p = sub.add_parser("exercises", help="list the exercise bank (id, chapter, type, points, kind)")
    p.add_argument("--chapter", type=int, help="only this chapter's exercises")
    p.set_defaults(func=cmd_exercises)

    p = sub.add_parser("assign", help="write a graded student notebook and the instructor's key")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--exercises", metavar="ID[,ID…]", help="exercise ids, comma-separated, in the order to ask them")
    which.add_argument("--chapter", type=int, help="every exercise of one chapter")
    p.add_argument("--title", required=True, help="the assignment's title (its id is made from it)")
    p.add_argument("--out", required=True, help="a new folder; receives student/ and instructor/")
    p.add_argument("--bank", metavar="DIR", help="a private bank folder (*.yml) instead of the public data/exercises")
    p.set_defaults(func=cmd_assign)

    p = sub.add_parser("grade", help="grade submissions into a CSV gradebook and feedback files")
    p.add_argument("--assignment", required=True, help="the assignment's instructor/ folder (manifest.json, key.json)")
    p.add_argument("submissions", nargs="+", metavar="SUBMISSION", help="submission .json files or saved student .ipynb")
    p.add_argument("--out", required=True, help="the gradebook CSV to write")
    p.add_argument("--feedback", help="folder for one feedback page per student and the manual-scoring sheet")
    p.add_argument("--manual", help="the marking desk's marks.json, or a filled manual-scores.csv (docs/marking.md)")
    p.add_argument("--bank", metavar="DIR", help="the private bank folder the assignment was made from (assign --bank)")
    p.set_defaults(func=cmd_grade)

    p = sub.add_parser("generate", help="generate exercises from an annotated source (data/sources/SLUG/annotations.yml)")
    p.add_argument("slug", help="the source folder's name under data/sources/")
    p.add_argument("--chapter", type=int, default=0, help="chapter number recorded in the exercises (default 0)")
    p.add_argument("--out", help="write a bank file here (e.g. data/exercises/ch90-my-article.yml) instead of printing")
    p.set_defaults(func=cmd_generate)

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
