"""HTML tables of analyses: accessible structure, escaped text, and rows that match the analysis."""

from __future__ import annotations

from bs4 import BeautifulSoup

from discourse_lab import tables
from discourse_lab.analysis import analyze
from discourse_lab.sources import load_source


def test_table_has_headers_scopes_and_caption():
    soup = BeautifulSoup(tables.table_html(["a", "b"], [("r1", "x")], caption="Cap"), "html.parser")
    caption, row_header = soup.caption, soup.select_one("tbody th")
    assert caption is not None and caption.get_text() == "Cap"
    assert [th["scope"] for th in soup.select("thead th")] == ["col", "col"]
    assert row_header is not None and row_header["scope"] == "row"


def test_text_from_a_source_is_escaped():
    analysis = analyze('The envoy said that "<img src=x onerror=alert(1)>" was a joke.')
    html = tables.attributions_html(analysis) + tables.voices_html(analysis)
    assert "<img" not in html and "&lt;img" in html


def test_attribution_rows_match_the_analysis():
    analysis = analyze(load_source().document)
    soup = BeautifulSoup(tables.attributions_html(analysis), "html.parser")
    assert len(soup.select("tbody tr")) == len(analysis.attributions)


def test_voice_table_compares_with_gold():
    source = load_source()
    analysis = analyze(source.document)
    agree, total = tables.voice_agreement(analysis, source.annotations)
    soup = BeautifulSoup(tables.voices_html(analysis, source.annotations), "html.parser")
    rows = soup.select("tbody tr")
    assert total == len(rows) == len(source.document.sentences)
    assert sum(1 for r in rows if r.find_all("td")[-1].get_text() == "yes") == agree


def test_framing_grid_marks_the_course_reading():
    source = load_source()
    soup = BeautifulSoup(tables.framing_functions_html(analyze(source.document), source.annotations), "html.parser")
    marks = sum(td.get_text().count("\u2714 course") for td in soup.select("tbody td"))
    assert marks == sum(len(s["framing"]["functions"]) for s in source.annotations["sentences"])
