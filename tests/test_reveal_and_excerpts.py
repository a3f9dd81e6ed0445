"""The toolkit's reading folded behind a reveal, output that wraps, and short cited excerpts of
other coverage (issue 17: no item answered from above it; the comparison in front of the student)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from discourse_lab import coverage, render
from discourse_lab.errors import DataFileError
from discourse_lab.figures import figure_and_axes, figure_html


def test_reveal_folds_text_closed_and_escapes_it():
    html = render.reveal_html("p1s2  [journalist] <b>not markup</b>\n  direct: cue='said'")
    soup = BeautifulSoup(html, "html.parser")
    details = soup.find("details")
    assert details is not None
    assert "dl-reveal" in details["class"] and not details.has_attr("open")
    assert details.summary is not None and details.summary.get_text() == render.REVEAL_SUMMARY
    pre = details.find("pre")
    assert pre is not None
    assert "pre-wrap" in pre["style"] and pre.find("b") is None and "<b>not markup</b>" in pre.get_text()


def test_reveal_keeps_html_such_as_a_figure():
    fig, ax = figure_and_axes(2, 1)
    ax.plot([0, 1], [0, 1])
    html = render.reveal_html(figure_html(fig, "a line", "caption"))
    img = BeautifulSoup(html, "html.parser").select_one("details.dl-reveal figure img")
    assert img is not None and img["alt"] == "a line"


def test_text_html_wraps_long_lines():
    assert "white-space:pre-wrap" in render.text_html("x" * 300)


def test_excerpts_are_quoted_with_outlet_date_and_link():
    comparison = coverage.load_comparison()
    html = coverage.excerpts_html(comparison, ["tass_quote", "frontnews_lead"])
    quotes = BeautifulSoup(html, "html.parser").find_all("blockquote")
    assert [q["data-excerpt"] for q in quotes] == ["tass_quote", "frontnews_lead"]
    assert "very serious security guarantees" in quotes[0].get_text()
    assert "TASS, 19 April 2024" in quotes[0].get_text() and quotes[0].find("a", class_="dl-cite")
    assert all(len(e.text.split()) <= coverage.EXCERPT_MAX_WORDS for e in comparison.excerpts)


def test_an_excerpt_too_long_to_quote_is_refused_naming_the_file():
    from discourse_lab import datafiles, sources

    path = sources.load_source().folder / "coverage.yml"
    data = datafiles.load(path, "coverage-comparison.schema.json")
    data["excerpts"][0]["text"] = "word " * (coverage.EXCERPT_MAX_WORDS + 1)
    with pytest.raises(DataFileError, match=r"coverage\.yml.*excerpts/0.*more than"):
        coverage.check_excerpts(data, path)


def test_an_unknown_excerpt_is_a_clear_error():
    with pytest.raises(KeyError, match="no excerpt 'nope'"):
        coverage.load_comparison().excerpt("nope")
