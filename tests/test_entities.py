"""Are sources keyed by the entity they stand for, never by their last word (issue 19)?"""

from discourse_lab import analysis, entities
from discourse_lab.entities import ORGANISATION, PERSON


def test_opposing_ministries_and_states_stay_four_sources():
    text = (
        "The Russian Foreign Ministry said the talks had failed. The Ukrainian Foreign Ministry said the "
        "talks would go on. North Korea said it would respond. South Korea said the broadcasts would continue."
    )
    d = analysis.analyze(text).bias["source_diversity"]
    assert d["distinct_sources"] == 4
    assert d["sources"] == {
        "Russian Foreign Ministry": 1,
        "Ukrainian Foreign Ministry": 1,
        "North Korea": 1,
        "South Korea": 1,
    }


def test_surname_title_and_pronoun_link_to_the_full_name():
    text = (
        "Foreign Minister Amara Lind arrived in Geneva on Monday. Lind said the draft was ready. "
        "The minister added that a vote could follow. She said the delegations had agreed on the text."
    )
    rels = analysis.analyze(text).attributions
    assert [r.source_info.entity for r in rels] == ["Amara Lind"] * 3
    assert [r.source_info.kind for r in rels] == [PERSON, PERSON, "pronoun"]
    assert rels[2].source_info.antecedent == "The minister"
    assert analysis.analyze(text).bias["source_diversity"]["sources"] == {"Amara Lind": 3}


def test_a_title_shared_by_two_people_links_to_neither():
    index = entities.EntityIndex()
    index.read("Foreign Minister Amara Osei met Foreign Minister Jon Brandt in Oslo.")
    assert index.key("the minister", PERSON) == "minister"
    assert index.key("Brandt", PERSON) == "Jon Brandt"


def test_names_inside_titles_and_appositions():
    assert entities.person_name("Russian Foreign Minister Sergey Lavrov") == "Sergey Lavrov"
    assert entities.person_name("Secretary of State Marco Rubio") == "Marco Rubio"
    assert entities.person_name("The Under-Secretary-General for Political Affairs, Maria Lind") == "Maria Lind"
    assert entities.person_name("Ms. Lind") == "Lind"
    assert entities.person_name("the minister") is None
    assert entities.normalise("The Russian Foreign Ministry") == "Russian Foreign Ministry"


def test_a_body_named_again_by_its_head_noun():
    index = entities.EntityIndex()
    assert index.key("The Norland Water Agency", ORGANISATION) == "Norland Water Agency"
    assert index.key("the agency", ORGANISATION) == "Norland Water Agency"
