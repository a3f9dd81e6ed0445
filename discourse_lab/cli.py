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
    """Validate every data file against its JSON Schema (or, with --bank, every exercise of a private bank)."""
    from . import datafiles

    if args.bank:
        from .course import bank

        problems, notes, count = bank.validate_bank(Path(args.bank))
        for line in problems:
            print(f"{PROG}: {line}", file=sys.stderr)
        for line in notes:
            print(f"{PROG}: note: {line}", file=sys.stderr)
        print(f"{count - len(problems)} of {count} exercises valid in {args.bank}")
        return 1 if problems else 0

    if args.source:
        from .annotate import new_source

        problems = new_source.check(Path(args.source))
        for line in problems:
            print(f"{PROG}: {line}", file=sys.stderr)
        print(f"{args.source}: " + ("valid" if not problems else f"{len(problems)} file(s) to fix"))
        return 1 if problems else 0

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
        print(
            f"{PROG}: no exercises" + (f" for chapter {args.chapter}" if args.chapter is not None else ""),
            file=sys.stderr,
        )
        return 1
    print(assign.format_table(rows))
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    """Write a student notebook and the instructor's manifest and key."""
    from .course import assign

    ids = [i.strip() for i in args.exercises.split(",") if i.strip()] if args.exercises else None
    due = assign.parse_due(args.due) if args.due else None  # a bad due time is refused before anything else
    exercises = assign.select(ids, args.chapter, args.bank)
    found = assign.check_public(exercises, args.allow_public)
    if found:
        print(f"{PROG}: warning: {assign.public_warning(found, len(exercises))}", file=sys.stderr)
    man = assign.assign(exercises, args.title, Path(args.out), due=due, allow_public=args.allow_public)
    out = Path(args.out)
    due = f", due {man['due']}" if man.get("due") else ""
    print(f"assignment {man['assignment_id']}: {len(exercises)} exercises, {man['total_points']:g} points{due}")
    secret = "answers public, see the warning" if found else "no key in them; options shuffled"
    print(
        f"  for students:    {out / 'student' / (man['assignment_id'] + '.ipynb')}, "
        f"{out / 'student' / (man['assignment_id'] + '.exercises.json')} (hand out both; {secret})"
    )
    print(f"  for you only:    {out / 'instructor' / 'manifest.json'}, {out / 'instructor' / 'key.json'}")
    return 0


def cmd_bank_new(args: argparse.Namespace) -> int:
    """Make a private bank from an annotated source kept outside the repository."""
    from .course import bank

    made = bank.new_bank(Path(args.dir), Path(args.source), chapter=args.chapter)
    for line in bank.summary(made):
        print(line)
    return 0


def cmd_regrade(args: argparse.Namespace) -> int:
    """Re-score every submission against the bank's current key after a key fix; say what changed."""
    from .course import regrade

    result = regrade.regrade(
        args.assignment,
        args.submissions,
        args.out,
        bank=args.bank,
        manual=args.manual,
        feedback=args.feedback,
        roster=args.roster,
        late_policy=args.late_policy,
    )
    report = result.report
    for line in report.errors:
        print(f"{PROG}: rejected: {line}", file=sys.stderr)
    for line in report.warnings:
        print(f"{PROG}: warning: {line}", file=sys.stderr)
    changed = len(result.changes)
    print(f"regrade {args.assignment}: {changed} exercise(s) changed in the bank since it was assigned")
    for line in regrade.change_lines(result):
        print(line)
    files = [g for g in report.graded if not getattr(g, "missing", False)]  # a roster student with no file has a row
    print(f"graded {len(files) - report.rejected} of {len(files)} submissions ({report.rejected} rejected)")
    for path in report.written:
        print(f"  wrote {display_path(path)}")
    return 1 if report.rejected else 0


def cmd_grade(args: argparse.Namespace) -> int:
    """Grade submissions into a CSV gradebook; exit 0 when none was rejected, 1 when any was, 2 on bad input."""
    from .course import grade, lms_export
    from .course import report as class_report

    lms_export.check_flags(args.canvas, args.moodle, args.roster)
    report = grade.grade(
        args.assignment,
        args.submissions,
        args.out,
        args.feedback,
        args.manual,
        bank=args.bank,
        roster=args.roster,
        late_policy=args.late_policy,
    )
    # Class statistics and LMS files: read from the report, after grading.
    report.written += class_report.write_outputs(report, report.assignment, args.report, args.item_stats)
    lms_written, lms_notes = lms_export.write_exports(
        report, report.assignment, args.canvas, args.moodle, args.missing_as_zero
    )
    report.written += lms_written
    for line in report.errors:
        print(grade.cap_line(f"{PROG}: rejected: {line}"), file=sys.stderr)
    for line in report.warnings:
        print(grade.cap_line(f"{PROG}: warning: {line}"), file=sys.stderr)
    counted = report.handed_in
    manual = sum(f.startswith("needs-manual:") for g in counted for f in g.flags)
    files = sum(1 for g in report.graded if not g.missing)
    summary = (
        f"graded {len(counted)} students from {files} files ({report.superseded} superseded, {report.rejected} rejected"
    )
    summary += f", {report.missing} on the roster handed in nothing)" if report.roster else ")"
    print(summary)
    if manual:
        where = (
            f"; fill in {Path(args.feedback) / grade.MANUAL_SHEET} and pass it with --manual"
            if args.feedback
            else "; pass --feedback DIR to get a sheet to score them in"
        )
        print(f"{manual} judgement answer(s) need a manual score{where}")
    for path in report.written:
        print(f"  wrote {display_path(path)}")
    for line in lms_notes:
        print(f"  note: {line}")
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
        print(
            yaml.safe_dump(generate.bank_data(args.slug, args.chapter), sort_keys=False, allow_unicode=True, width=100)
        )
    return 0


def cmd_new_source(args: argparse.Namespace) -> int:
    """Make a source folder (article.txt, meta.yml to fill in) from a plain-text file."""
    from .annotate import new_source

    made = new_source.new_source(Path(args.path), args.slug, Path(args.dir) if args.dir else None)
    for line in new_source.summary(made):
        print(line)
    return 0


def cmd_agree(args: argparse.Namespace) -> int:
    """Score two annotations of the same text against each other."""
    from .annotate.agree import agree

    result = agree(args.a, args.b)
    print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) if args.json else result)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="validate every data file against its schema, or a private bank")
    p.add_argument("--data", help="data folder (default: the project's data/)")
    p.add_argument(
        "--bank", metavar="DIR", help="check every exercise of a private bank instead (one line per problem)"
    )
    p.add_argument(
        "--source", metavar="DIR", help="check one source folder instead (e.g. one made by new-source, anywhere)"
    )
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
    which.add_argument(
        "--exercises", metavar="ID[,ID…]", help="exercise ids, comma-separated, in the order to ask them"
    )
    which.add_argument("--chapter", type=int, help="every exercise of one chapter")
    p.add_argument("--title", required=True, help="the assignment's title (its id is made from it)")
    p.add_argument("--out", required=True, help="a new folder; receives student/ and instructor/")
    p.add_argument("--bank", metavar="DIR", help="a private bank folder (*.yml) instead of the public data/exercises")
    p.add_argument("--due", metavar="WHEN", help="due time with its UTC offset, e.g. 2027-02-10T23:59+01:00")
    p.add_argument(
        "--allow-public",
        action="store_true",
        help="allow exercises of the public bank (their keys are public: one warning)",
    )
    p.set_defaults(func=cmd_assign)

    p = sub.add_parser("bank", help="private exercise banks: discourse-lab bank new DIR --source PATH")
    bank_sub = p.add_subparsers(dest="bank_command", required=True, metavar="ACTION")
    q = bank_sub.add_parser("new", help="make a bank from an annotated source kept outside the repository")
    q.add_argument("dir", metavar="DIR", help="a new (or empty) folder for the bank, outside the repository's data/")
    q.add_argument(
        "--source", required=True, metavar="PATH", help="a source folder: article.txt, meta.yml, annotations.yml"
    )
    q.add_argument("--chapter", type=int, default=1, help="chapter number of the bank's exercises (default 1)")
    q.set_defaults(func=cmd_bank_new)

    p = sub.add_parser("regrade", help="after a key fix: re-score every submission, say what changed per student")
    p.add_argument("--assignment", required=True, help="the assignment's instructor/ folder (its key is updated)")
    p.add_argument("submissions", nargs="+", metavar="SUBMISSION", help="the submissions, as given to grade")
    p.add_argument("--out", required=True, help="the gradebook CSV to write")
    p.add_argument("--bank", metavar="DIR", help="the private bank holding the fixed exercises")
    p.add_argument("--manual", help="the filled manual-scores file (its marks are kept)")
    p.add_argument("--feedback", help="folder for feedback pages and the manual-scoring sheet")
    p.add_argument("--roster", metavar="FILE", help="the class list, as for grade")
    p.add_argument("--late-policy", metavar="POLICY", help="as for grade: none, zero, percent-per-day:N")
    p.set_defaults(func=cmd_regrade)

    p = sub.add_parser(
        "grade",
        help="grade submissions into a CSV gradebook and feedback files",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Grade submissions into a CSV gradebook: one row per file, and with --roster one per student.",
        epilog="""\
which submission counts: the newest on-time one; duplicates are ordered by the LMS where it knows
  the order (Canvas's upload order), else by the created time in the files. A late one counts only
  when there is no on-time one, or with --late-policy percent-per-day:N (then the newest counts).
late: Canvas's _LATE_ file name, or a created time after the manifest's due time (assign --due).
  percent-per-day:N takes N % off per day late; every started day counts as a whole day.
exit status: 0 when no file was rejected (superseded duplicates are not a failure),
  1 when any file was rejected (each named on stderr), 2 for a usage or input error.""",
    )
    p.add_argument("--assignment", required=True, help="the assignment's instructor/ folder (manifest.json, key.json)")
    p.add_argument(
        "submissions",
        nargs="+",
        metavar="SUBMISSION",
        help="submission .json files, saved student .ipynb, folders of them (searched recursively), "
        "or the LMS's zip of all submissions (Canvas, Moodle)",
    )
    p.add_argument("--out", required=True, help="the gradebook CSV to write")
    p.add_argument("--feedback", help="folder for one feedback page per student and the manual-scoring sheet")
    p.add_argument("--manual", help="the marking desk's marks.json, or a filled manual-scores.csv (docs/marking.md)")
    p.add_argument("--bank", metavar="DIR", help="the private bank folder the assignment was made from (assign --bank)")
    p.add_argument(
        "--roster",
        metavar="FILE",
        help="the class list: a Canvas gradebook export, a Moodle grading worksheet, or a CSV with a "
        "student_id column; every student gets a row, ids not on it are rejected; "
        "an LMS zip needs that LMS's own export",
    )
    p.add_argument(
        "--late-policy",
        default="none",
        metavar="POLICY",
        help="none (default: late work flagged only), zero, or percent-per-day:N",
    )
    # Class statistics and LMS files.
    p.add_argument("--report", metavar="FILE.html", help="write the class statistics as one offline page")
    p.add_argument("--item-stats", metavar="FILE.csv", help="write the per-item statistics as a CSV table")
    p.add_argument(
        "--canvas", metavar="FILE", help="write a Canvas gradebook import CSV (needs --roster: the Canvas export)"
    )
    p.add_argument(
        "--moodle", metavar="FILE", help="write the filled Moodle grading worksheet (needs --roster: the worksheet)"
    )
    p.add_argument(
        "--missing-as-zero", action="store_true", help="in --canvas/--moodle give a missing student 0 (default: empty)"
    )
    p.set_defaults(func=cmd_grade)

    p = sub.add_parser(
        "generate", help="generate exercises from an annotated source (data/sources/SLUG/annotations.yml)"
    )
    p.add_argument("slug", help="the source folder's name under data/sources/")
    p.add_argument("--chapter", type=int, default=0, help="chapter number recorded in the exercises (default 0)")
    p.add_argument("--out", help="write a bank file here (e.g. data/exercises/ch90-my-article.yml) instead of printing")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser("new-source", help="make a source folder from a plain-text article (meta.yml to fill in)")
    p.add_argument(
        "path",
        metavar="FILE.txt",
        help="the article as plain text (UTF-8; a BOM, Windows line endings, hard wraps are fixed)",
    )
    p.add_argument("--slug", required=True, help="the source's name: lower-case words joined by hyphens")
    p.add_argument(
        "--dir",
        metavar="DIR",
        help="where to make SLUG/ (default: the course's data/sources/); may be outside the repository",
    )
    p.set_defaults(func=cmd_new_source)

    p = sub.add_parser("agree", help="agreement of two annotations of the same text (voices, relations, cues)")
    p.add_argument("a", metavar="A.yml", help="one annotations.yml")
    p.add_argument("b", metavar="B.yml", help="another annotations.yml of the same text")
    p.add_argument("--json", action="store_true", help="print the figures and disagreements as JSON")
    p.set_defaults(func=cmd_agree)

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
