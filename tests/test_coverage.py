"""Does the coverage comparison stay true to its article, and say clearly when it does not?"""

from __future__ import annotations

import copy

import pytest

from discourse_lab import coverage, datafiles
from discourse_lab.errors import DataFileError
from discourse_lab.sources import load_source


def seed_data():
    source = load_source()
    path = source.folder / "coverage.yml"
    return source, path, datafiles.load(path, "coverage-comparison.schema.json")


def test_the_seed_comparison_loads_and_counts_every_point():
    comparison = coverage.load_comparison()
    assert sum(comparison.counts().values()) == len(comparison.points) > 0
    assert set(comparison.counts()) == set(coverage.STATUSES)


def test_a_point_marked_absent_whose_words_occur_is_refused():
    """Is an 'absent' point that the article does mention a one-line error naming file and point?"""
    source, path, data = seed_data()
    broken = copy.deepcopy(data)
    broken["points"][0].update(in_source="absent", terms=["Donbass"], sentences=[])
    with pytest.raises(DataFileError) as info:
        coverage.check_points(broken, source.document, path)
    message = str(info.value)
    assert "\n" not in message and "coverage.yml" in message and "marked absent" in message and "p3s2" in message


def test_a_covered_point_with_the_wrong_sentences_is_refused():
    source, path, data = seed_data()
    broken = copy.deepcopy(data)
    broken["points"][0].update(in_source="covered", terms=["Donbass"], sentences=["p1s1"])
    with pytest.raises(DataFileError, match="not in the sentences listed"):
        coverage.check_points(broken, source.document, path)


def test_terms_match_whole_words_only():
    document = load_source().document
    assert coverage.sentences_with(document, ["Iran"]) == ["p1s2", "p4s2"]
    assert coverage.sentences_with(document, ["Ira"]) == []


def test_table_and_figure_state_every_point():
    comparison = coverage.load_comparison()
    html = coverage.table_html(comparison)
    fig, alt = coverage.coverage_figure(comparison)
    for point in comparison.points:
        assert point.id and point.point.rstrip(".") in alt
        assert "<td" in html
