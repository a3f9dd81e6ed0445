"""Does every relation carry its source's whole span, head and kind (issue 19, item 3)?"""

import pytest

from discourse_lab import analysis

# (sentence, source span as written, head, kind, the relation's `source`)
SOURCES = [
    ("Officials said the talks would resume.", "Officials", "Officials", "unnamed", None),
    ("According to a senior official, the deal is close.", "a senior official", "official", "unnamed", None),
    ("Two diplomats told reporters the meeting was tense.", "Two diplomats", "diplomats", "unnamed", None),
    (
        "The talks failed, officials from both delegations said.",
        "officials from both delegations",
        "officials",
        "unnamed",
        None,
    ),
    ("Western diplomats say the sanctions are working.", "Western diplomats", "diplomats", "unnamed", None),
    (
        "As of Monday, officials in besieged Kherson said that 40 civilians had been killed.",
        "officials in besieged Kherson",
        "officials",
        "unnamed",
        None,
    ),
    (
        "The Under-Secretary-General for Political Affairs, Maria Lind, noted that the talks had stalled.",
        "The Under-Secretary-General for Political Affairs, Maria Lind",
        "Lind",
        "named-person",
        "Maria Lind",
    ),
    (
        "Observers from the monitoring mission said the ceasefire was holding.",
        "Observers from the monitoring mission",
        "Observers",
        "unnamed",
        None,
    ),
    (
        "The Norland Water Agency said the dam would open in May.",
        "The Norland Water Agency",
        "Agency",
        "named-organisation",
        "Norland Water Agency",
    ),
    ("Iran said the talks would resume in Vienna.", "Iran", "Iran", "named-organisation", "Iran"),
    (
        "Ambassador Rhea Talvi told reporters the vote was close.",
        "Ambassador Rhea Talvi",
        "Talvi",
        "named-person",
        "Ambassador Rhea Talvi",
    ),
    ("The talks will reportedly resume in June.", None, None, "none", None),
]


@pytest.mark.parametrize("sentence, span, head, kind, source", SOURCES, ids=[s[0][:40] for s in SOURCES])
def test_source_span_head_and_kind(sentence, span, head, kind, source):
    (rel,) = analysis.analyze(sentence).attributions
    info = rel.source_info
    assert (info.text, info.head, info.kind, rel.source) == (span, head, kind, source)
    d = rel.to_dict()
    assert (d["source_span"], d["source_head"], d["source_kind"]) == (span, head, kind)


def test_it_added_is_the_agency():
    rels = analysis.analyze(
        '"We will not negotiate under fire," the agency said. "The talks are over", it added.'
    ).attributions
    second = rels[1]
    assert (second.source_info.kind, second.source_info.antecedent, second.source) == (
        "pronoun",
        "the agency",
        "agency",
    )


def test_he_names_his_antecedent_and_an_unresolved_she_stays_unnamed():
    rels = analysis.analyze("Envoy Piet Kaur said the border was calm. He added that patrols would go on.").attributions
    assert rels[1].source_info.antecedent == "Envoy Piet Kaur" and rels[1].source_info.entity == "Piet Kaur"
    (rel,) = analysis.analyze("She said the meeting had been postponed.").attributions
    assert (rel.source_info.kind, rel.source_info.antecedent, rel.source) == ("pronoun", None, None)


def test_unnamed_sources_are_listed_with_their_spans():
    d = analysis.analyze("Officials said the talks would resume. Two diplomats said the mood was calm.").bias[
        "source_diversity"
    ]
    assert d["unnamed_relations"] == 2 and d["unnamed_sources"] == ["Officials", "Two diplomats"]
    assert d["source_kinds"]["unnamed"] == 2
