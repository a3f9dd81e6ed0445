"""Class statistics (discourse_lab.course.report) on a simulated class whose answers are known.

Thirty students answer the tour's seven exercise types by a fixed pattern (the ``DESIGN`` below);
every figure the page and the table show is checked against a value worked out by hand from that
pattern, and the point-biserial against a five-student example computed with the textbook
formula.
"""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

import pytest

from discourse_lab.course import grade, report
from discourse_lab.exercises import catalogue, scoring

HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)> & "quoted"'
ORDER_WRONG = ["darrow", "signed", "welcome"]


def answers_of(i: int) -> dict:
    """Student i's answer to each tour exercise (None: left unanswered)."""
    return {
        # 21 right, 6 "reporter", 3 "quell"
        "tour-choice": "minister" if i <= 21 else ("reporter" if i <= 27 else "quell"),
        # key [browser]: 15 right; 9 add "internet"; 4 pick internet+account; 1 nothing; 1 unanswered
        "tour-multi": (
            ["browser"]
            if i <= 15
            else ["browser", "internet"]
            if i <= 24
            else ["internet", "account"]
            if i <= 28
            else []
            if i == 29
            else None
        ),
        # 10 all four right; 10 mistag p2s1; 10 mistag p2s1 and p1s3
        "tour-tagging": {
            "p1s3": "quoted" if i > 20 else "not_quoted",
            "p2s1": "quoted" if i <= 10 else "not_quoted",
            "p2s2": "not_quoted",
            "p3s2": "not_quoted",
        },
        # odd students send Brell to Marovia
        "tour-matching": {"darrow": "marovia", "quell": "kestland", "brell": "marovia" if i % 2 else "kestland"},
        # 24 right, 6 swap the first two
        "tour-ordering": ["signed", "darrow", "welcome"] if i <= 24 else ORDER_WRONG,
        # 18 select "Tomas Quell", 12 "water minister"
        "tour-span": ["p2s2t6", "p2s2t7"] if i <= 18 else ["p2s2t3", "p2s2t4"],
        # three hand in the same hostile text, two another identical text
        "tour-short": HOSTILE if i in (7, 8, 9) else ("Same words." if i in (5, 6) else f"My own answer {i}."),
    }


def manual_points(i: int) -> float | None:
    """The short answer's manual mark: pending for students 28-30."""
    return None if i >= 28 else (1.0 if i <= 20 else 0.5)


IDS = ("tour-choice", "tour-multi", "tour-tagging", "tour-matching", "tour-ordering", "tour-span", "tour-short")


def tour_assignment() -> grade.Assignment:
    bank = {e.id: e for e in catalogue.bank(0)}
    exercises = [bank[i] for i in IDS]
    return grade.Assignment(Path("."), "tour-week", "Tour <week>", exercises, {})


def graded_row(i: int, assignment: grade.Assignment) -> grade.Graded:
    g = grade.Graded(path=Path(f"s{i:02d}.json"), student_id=f"s{i:02d}", created="2027-02-01T10:00:00Z")
    for ex in assignment.exercises:
        answer = answers_of(i)[ex.id]
        if answer is None:
            g.points[ex.id] = 0.0
            g.flags.append(f"unanswered:{ex.id}")
            continue
        g.answers[ex.id] = answer
        result = scoring.score(ex, answer)
        g.results[ex.id] = result
        g.points[ex.id] = result.points if ex.objective else manual_points(i)
    g.late = i == 29
    g.counts = True
    return g


def simulated_class(n: int = 30) -> grade.Report:
    assignment = tour_assignment()
    rows = [graded_row(i, assignment) for i in range(1, n + 1)]
    # a duplicate superseded by s01's counted row and a rejected file: neither is analysed
    dup = graded_row(1, assignment)
    dup.counts = False
    dup.rejected = "duplicate: superseded"
    bad = grade.Graded(path=Path("broken.json"), rejected="is not valid JSON", flags=["rejected"])
    bad.counts = False
    rep = grade.Report(rows + [dup, bad], ["broken.json: is not valid JSON"], [], [])
    rep.assignment = assignment
    rep.roster = None
    return rep


@pytest.fixture(scope="module")
def klass():
    return simulated_class()


@pytest.fixture(scope="module")
def stats(klass):
    return {row["exercise_id"]: row for row in report.item_stats(klass)}


# ---------------------------------------------------------------- hand-computed figures


def test_point_biserial_matches_the_textbook_formula_on_a_hand_example():
    # item 1 1 0 1 0, rest 4 3 2 5 1: M1 = 4, M0 = 1.5, population SD of rest = sqrt(2), p = 0.6
    # r = (M1 - M0) / s * sqrt(p q) = 2.5 / sqrt(2) * sqrt(0.24) = sqrt(3) / 2
    r = report.point_biserial([1, 1, 0, 1, 0], [4, 3, 2, 5, 1])
    assert r == pytest.approx(math.sqrt(3) / 2, abs=1e-12)
    assert report.point_biserial([1, 1, 1], [1, 2, 3]) is None  # zero variance: undefined
    assert report.point_biserial([1], [3]) is None


def test_upper_lower_index_on_a_hand_example():
    # ten students, groups of round(2.7) = 3: top by total s1 s2 s3 (fractions 1, 1, 0), bottom s8 s9 s10 (0, 0, 1)
    fractions = [1, 1, 0, 1, 0, 1, 0, 0, 0, 1]
    totals = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]
    index, size = report.upper_lower(fractions, totals, [f"s{i}" for i in range(10)])
    assert size == 3
    assert index == pytest.approx(2 / 3 - 1 / 3)


def test_histogram_bins_hand_example():
    # max 8 points: width 1, eight bins; 8 itself falls in the last bin, 7.99 too
    bins = report.histogram([0, 0.5, 1, 3.5, 7.99, 8], 8)
    assert [b[:2] for b in bins] == [(i, i + 1) for i in range(8)]
    assert [b[2] for b in bins] == [2, 1, 0, 1, 0, 0, 0, 2]
    # 40 points: width 5 (40/2.5 = 16 bins would be too many)
    assert [b[:2] for b in report.histogram([], 40)][:2] == [(0, 5), (5, 10)]


def test_difficulty_of_each_item(stats):
    assert stats["tour-choice"]["difficulty"] == pytest.approx(21 / 30)
    assert stats["tour-multi"]["difficulty"] == pytest.approx(15 / 30)  # the unanswered one counts as 0
    assert stats["tour-tagging"]["difficulty"] == pytest.approx((10 * 1 + 10 * 0.75 + 10 * 0.5) / 30)
    assert stats["tour-matching"]["difficulty"] == pytest.approx((15 * 1 + 15 * 0.67) / 30)
    assert stats["tour-ordering"]["difficulty"] == pytest.approx((24 * 1 + 6 * 0.67) / 30)
    assert stats["tour-span"]["difficulty"] == pytest.approx(18 / 30)
    # the short answer: only the 27 marked rows have points
    assert stats["tour-short"]["n_scored"] == 27
    assert stats["tour-short"]["difficulty"] == pytest.approx((20 * 1 + 7 * 0.5) / 27)
    assert stats["tour-short"]["pending_manual"] == 3


def test_most_common_wrong_answer_of_each_type(stats):
    expect = {
        "tour-choice": ("The reporter's own.", 6),
        "tour-multi": ("An internet connection.", 13),
        "tour-tagging": ("p2s1: No quotation", 20),
        "tour-matching": ("Ana Brell \u2192 Marovia", 15),
        "tour-ordering": (
            "The foreign minister is quoted. | The two countries sign the treaty. | "
            "The agreement is called a welcome sign.",
            6,
        ),
        "tour-span": ("water minister", 12),
        "tour-short": (HOSTILE, 3),  # a text three students handed in word for word
    }
    for ex_id, (text, count) in expect.items():
        assert (stats[ex_id]["most_common_wrong"], stats[ex_id]["most_common_wrong_count"]) == (text, count), ex_id


def test_unanswered_counts(stats):
    assert stats["tour-multi"]["unanswered"] == 1
    assert all(stats[i]["unanswered"] == 0 for i in IDS if i != "tour-multi")


def expected_complete_totals() -> list[float]:
    """Totals of students 1-27 (28-30 are incomplete), from the design, item by item."""
    out = []
    for i in range(1, 28):
        choice = 1.0 if i <= 21 else 0.0
        multi = 1.0 if i <= 15 else 0.0
        tagging = 2.0 if i <= 10 else (1.5 if i <= 20 else 1.0)
        matching = 0.67 if i % 2 else 1.0
        ordering = 1.0 if i <= 24 else 0.67
        span = 1.0 if i <= 18 else 0.0
        short = 1.0 if i <= 20 else 0.5
        out.append(choice + multi + tagging + matching + ordering + span + short)
    return out


def test_discrimination_uses_complete_rows_and_the_rest_of_the_test(klass, stats):
    totals = expected_complete_totals()
    # choice: item score 1 for students 1-21; point-biserial against total minus the item,
    # by the textbook formula (M1 - M0) / s_n * sqrt(p q) on the rest-of-test scores
    item = [1.0 if i <= 21 else 0.0 for i in range(1, 28)]
    rest = [t - x for t, x in zip(totals, item)]
    right = [r for r, x in zip(rest, item) if x]
    wrong = [r for r, x in zip(rest, item) if not x]
    mean = sum(rest) / len(rest)
    s_n = math.sqrt(sum((r - mean) ** 2 for r in rest) / len(rest))
    p = len(right) / len(rest)
    by_hand = (sum(right) / len(right) - sum(wrong) / len(wrong)) / s_n * math.sqrt(p * (1 - p))
    assert stats["tour-choice"]["n_complete"] == 27
    assert stats["tour-choice"]["point_biserial"] == pytest.approx(by_hand, abs=1e-9)
    # upper-lower: groups of round(0.27 * 27) = 7. The seven highest totals are the even students
    # 2-10 (8 points) and 1, 3 (7.67, ties by id), who all got the choice item; the seven lowest
    # are students 21-27 (4.17 down to 2.84), of whom only student 21 got it: 1 - 1/7.
    assert stats["tour-choice"]["upper_lower_group"] == 7
    assert stats["tour-choice"]["upper_lower"] == pytest.approx(1 - 1 / 7)
    # every item has variance among students 1-27, so every index is defined
    assert all(stats[i]["point_biserial"] is not None for i in IDS)
    # odd students miss the matching item whatever else they do: it hardly discriminates, and says so
    assert stats["tour-matching"]["point_biserial"] < 0.2 and "worth a look" in stats["tour-matching"]["note"]
    assert "worth a look" not in stats["tour-choice"]["note"]


def test_class_summary_counts_and_histogram(klass):
    summary = report.class_summary(klass)
    assert summary["submitted"] == 30
    assert summary["complete"] == 27
    assert summary["incomplete"] == 3
    assert summary["late"] == 1
    assert summary["rejected_files"] == 2  # the superseded duplicate and the broken file
    totals = expected_complete_totals()
    assert summary["mean"] == pytest.approx(sum(totals) / 27)
    # by hand from expected_complete_totals: 2.84 x2 | 3.17 x2, 3.5 x2 | 4.17 | 5.17, 5.5 |
    # 6.17, 6.5 x2 | 7.17 x3, 7.5 x2, 7.67 x5, 8 x5 (8 falls in the last bin)
    assert [b[:2] for b in summary["histogram"]] == [(i, i + 1) for i in range(8)]
    assert [b[2] for b in summary["histogram"]] == [0, 0, 2, 4, 1, 2, 3, 15]


def test_zero_variance_item_is_flagged_not_given_a_number():
    rep = simulated_class(12)  # students 1-12: the ordering item is right for all of them
    stats = {r["exercise_id"]: r for r in report.item_stats(rep)}
    assert stats["tour-ordering"]["point_biserial"] is None
    assert "scored the same" in stats["tour-ordering"]["note"]
    assert "unreliable" in stats["tour-choice"]["note"]  # 12 < 20 complete rows


# ---------------------------------------------------------------- the page and the table


def parsed_tags(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every start tag of the page and its attributes, as a browser's tokenizer sees them."""
    from html.parser import HTMLParser

    found = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Tags().feed(html)
    return found


def test_page_is_inert_offline_and_escapes_answers(klass):
    html = report.class_report_html(klass)
    assert "<script" not in html.lower()
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"https?://", html), "no URL of any kind: nothing can be fetched"
    tags = parsed_tags(html)
    assert "script" not in {t for t, _ in tags} and "img" not in {t for t, _ in tags}
    links = [v for _, attrs in tags for k, v in attrs if k in ("src", "href", "xlink:href")]
    assert links and all(v.startswith("#") for v in links)  # only the figure's own markers
    assert not [k for _, attrs in tags for k, _ in attrs if k.startswith("on")]  # no event handlers
    csp = [dict(a) for t, a in tags if t == "meta" and dict(a).get("http-equiv") == "Content-Security-Policy"]
    assert csp and csp[0]["content"].startswith("default-src 'none'")
    assert "Tour &lt;week&gt;" in html  # the title is escaped too
    assert html.count("<svg") == 1 and "<text" in html  # one inline figure, its labels as text
    assert "3 incomplete row(s) are left out" in html


def test_page_explains_each_figure(klass):
    html = report.class_report_html(klass)
    for term in ("Difficulty", "Point-biserial", "Upper\u2013lower index", "rest-of-test", "unreliable below about 20"):
        assert term in html


def test_item_stats_csv_matches_the_figures(klass, stats):
    rows = list(csv.DictReader(io.StringIO(report.item_stats_csv(klass))))
    assert [r["exercise_id"] for r in rows] == list(IDS)
    assert tuple(rows[0]) == report.ITEM_COLUMNS
    choice = rows[0]
    assert float(choice["difficulty"]) == pytest.approx(0.7)
    assert float(choice["point_biserial"]) == pytest.approx(stats["tour-choice"]["point_biserial"], abs=5e-4)
    assert choice["most_common_wrong"] == "The reporter's own." and choice["most_common_wrong_count"] == "6"
    short = rows[-1]
    assert short["most_common_wrong"] == HOSTILE  # a text, not a formula: it starts with "<"


def write_submission(instructor: Path, path: Path, student_id: str, answers: dict) -> Path:
    """A submission file as the assignment's notebook exports it: ``answers`` (exercise id -> answer
    in the bank's ids; None: not answered) written in the handout's shuffled ids."""
    import json

    from discourse_lab.course import shuffle

    assignment = grade.load_assignment(instructor)
    stamp = "2026-11-20T10:00:00Z"
    entries = {}
    for ex in assignment.exercises:
        if answers.get(ex.id) is None:
            continue
        handout = assignment.key[ex.id].get("handout") or {}
        entries[ex.id] = {
            "exercise_version": ex.version,
            "type": ex.type,
            "answer": shuffle.handout_answer(ex.type, handout, answers[ex.id]),
            "attempts": 1,
            "first_answered": stamp,
            "last_answered": stamp,
        }
    data = {
        "format": "discourse-lab-submission",
        "format_version": 1,
        "student_id": student_id,
        "assignment_id": assignment.id,
        "created": stamp,
        "answers": entries,
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_cli_writes_report_and_item_stats(tmp_path, capsys):
    """`grade --report --item-stats` on real submission files of a chapter-0 assignment."""
    from discourse_lab import cli
    from discourse_lab.course import assign

    exercises = [e for e in catalogue.bank(0) if e.id in IDS]
    assign.assign(exercises, "Tour", tmp_path / "a", allow_public=True)  # a test class: public keys are fine
    instructor = tmp_path / "a" / "instructor"
    files = [
        str(write_submission(instructor, tmp_path / f"s{i:02d}.json", f"s{i:02d}", answers_of(i))) for i in range(1, 6)
    ]
    html, table = tmp_path / "class.html", tmp_path / "items.csv"
    argv = ["grade", "--assignment", str(tmp_path / "a" / "instructor"), *files, "--out", str(tmp_path / "gb.csv")]
    code = cli.main(argv + ["--report", str(html), "--item-stats", str(table)])
    assert code == 0, capsys.readouterr().err
    page = html.read_text(encoding="utf-8")
    assert "5 incomplete row(s) are left out" in page  # no manual marks given: every row is incomplete
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    choice = next(r for r in rows if r["exercise_id"] == "tour-choice")
    assert choice["difficulty"] == "1" and choice["n_scored"] == "5"


def test_notebook_view_is_a_scoped_block_of_the_same_report(klass):
    view = report.class_report_view(klass)
    assert view._repr_html_() == str(view)
    assert "<html" not in view and "<body" not in view and "body{" not in view
    assert (
        "<h1" not in view
        and "<h2" not in view
        and '<h3 class="dl-cr-title">Class report: Tour &lt;week&gt;</h3>' in view
    )
    tags = parsed_tags(view)
    assert "script" not in {t for t, _ in tags}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in view
    # every style rule is scoped to the report's box (a book page's own styles stay as they are)
    css = view[view.index("<style>") + 7 : view.index("</style>")]
    selectors = [sel.strip() for block in re.findall(r"([^{}]+)\{", css) for sel in block.split(",")]
    assert all(sel.startswith((".dl-class-report", "@media")) for sel in selectors), selectors
