"""Does each attribution rule find the relation it should, and nothing where it should not?

Every sentence here was written for these tests (none is taken from a news report). Each row
gives the expected (source, cue, type) of the sentence's relations, in order; an empty list
means the sentence must produce no relation at all.
"""

import pytest

from discourse_lab import analysis
from discourse_lab.attribution import attributions_in


def relations(text):
    return [(r.source, r.cue, r.type) for r in attributions_in(text)]


FORMS = [
    # direct quotation, cue after the quote
    ('"We will not be rushed into anything," Lavrov said.', [("Lavrov", "said", "direct")]),
    # direct, inverted cue and source
    ("“The door remains open,” said the minister Petrova.", [("minister Petrova", "said", "direct")]),
    # direct, cue before the quote with a colon
    ('Karimova told the committee: "The numbers do not add up."', [("Karimova", "told", "direct")]),
    # indirect with that-clause
    ("Lavrov said that Moscow would consider any serious proposal.", [("Lavrov", "said", "indirect")]),
    # indirect with no complementiser
    ("The envoy Haddad insisted the ceasefire would hold.", [("envoy Haddad", "insisted", "indirect")]),
    # indirect after a recipient
    ("Ortiz told reporters that the talks had stalled.", [("Ortiz", "told", "indirect")]),
    # mixed: a quoted fragment inside a paraphrase
    ('Lavrov claimed that the West had offered "empty promises" to Kyiv.', [("Lavrov", "claimed", "mixed")]),
    # according to X, content first
    (
        "According to the Foreign Ministry, the delegation will arrive on Monday.",
        [("Foreign Ministry", "According to", "indirect")],
    ),
    # content, according to X
    (
        "The meeting was postponed, according to Ambassador Lindqvist.",
        [("Ambassador Lindqvist", "according to", "indirect")],
    ),
    # unnamed source: source null
    ("Officials said that the convoy had turned back.", [(None, "said", "indirect")]),
    ("A senior diplomat said the document was still being drafted.", [(None, "said", "indirect")]),
    # according to an unnamed source
    ("According to sources close to the talks, a draft exists.", [(None, "According to", "indirect")]),
    # hedged: reportedly, it is understood that
    ("The minister reportedly left the summit early.", [(None, "reportedly", "indirect")]),
    ("It is understood that both sides exchanged drafts.", [(None, "It is understood", "indirect")]),
    # passive: was quoted as saying
    ("Novak was quoted as saying that supplies would resume.", [("Novak", "was quoted as saying", "indirect")]),
    # participle cue: the subject of the sentence is the source
    (
        "Moreover, Lavrov spoke at length, stressing that Russia wanted guarantees.",
        [("Lavrov", "stressing", "indirect")],
    ),
    # infinitive cue after a coordinated clause
    ("Russia withdrew its team, only to later accuse Ukraine of bad faith.", [("Russia", "accuse", "indirect")]),
    # pronoun resolved to the nearest named speaker
    ("Lavrov spoke for an hour. He added that sanctions had failed.", [("Lavrov", "added", "indirect")]),
    # pronoun inside a nested report
    (
        "Petrova said that what she described as a provocation would be answered.",
        [("Petrova", "said", "indirect"), ("Petrova", "described as", "indirect")],
    ),
    # content-object verb
    ("Haddad outlined three conditions for a new round of talks.", [("Haddad", "outlined", "indirect")]),
    # indirect question
    ("Reporters asked whether the talks would resume.", [(None, "asked", "indirect")]),
    # --- misses reported by the lesson authors (each row failed before its fix; rows marked
    # "guard" already passed and keep the fix from over-reaching) ---
    # a noun-phrase subject wins over the nearest named speaker: "Her" is a determiner here
    ("Her deputy said the talks would resume.", [("Her deputy", "said", "indirect")]),
    ("The minister Petrova spoke first. Her deputy said the talks would resume.", [("Her deputy", "said", "indirect")]),
    ("His colleague told reporters that the vote was postponed.", [("His colleague", "told", "indirect")]),
    ("The document said that the border would reopen.", [("document", "said", "indirect")]),
    # a quoted fragment inside a paraphrase without "that" is mixed, not direct
    ('The minister said her country was "ready to talk" on its own terms.', [("minister", "said", "mixed")]),
    # a role noun after the quote names the source
    ('"We will not sign this," the deputy added.', [("deputy", "added", "direct")]),
    # a quotation interrupted by its cue: both parts carry the cue; neither is a continuation
    (
        '"We are ready," Lavrov said, "but not at any price."',
        [("Lavrov", "said", "direct"), ("Lavrov", "said", "direct")],
    ),
    # a source in apposition: the name, whichever side of the description it stands (lesson 8, p2s2, p4s2)
    ("Norland's trade minister, Erik Vass, said the tariffs would stay.", [("Erik Vass", "said", "indirect")]),
    (
        "Erik Vass, Norland's trade minister, said that the tariffs would stay.",
        [("Erik Vass", "said", "indirect")],
    ),  # guard
    # a participle phrase between an unnamed source and its cue (lesson 8, p4s3)
    (
        "A Norlandic diplomat, speaking on condition of anonymity, said the visit would be postponed.",
        [(None, "said", "indirect")],
    ),
    # a relative clause between the subject and its cue: the whole subject is the source (lesson 8, p4s1)
    (
        "Farmers' unions in Norland, which had campaigned for lower tariffs, said they would study the figures.",
        [("Farmers' unions in Norland", "said", "indirect")],
    ),
    (
        "The ambassador, who had just landed in Geneva, said that the talks would resume.",
        [("ambassador", "said", "indirect")],
    ),  # guard
    # --- engine 2 (issue 12): parsed rules and PARC's other attribution types; each row failed
    # before its rule (sentences written for these tests) ---
    # content before the cue
    ("The convoy will turn back before the border, officials said.", [(None, "said", "indirect")]),
    ("The vote was postponed until March, the ministry said.", [("ministry", "said", "indirect")]),
    # source and cue interposed in the content
    ("The talks, Petrova said, will resume on Monday.", [("Petrova", "said", "indirect")]),
    # words between the cue and "that"
    ("Karimova said on Tuesday morning in Geneva that the border would reopen.", [("Karimova", "said", "indirect")]),
    # thought, intention and evidence (PARC 3.0)
    ("Haddad believes that the ceasefire will hold.", [("Haddad", "believes", "indirect")]),
    ("The envoy Ortiz wants to reopen the talks in spring.", [("envoy Ortiz", "wants", "indirect")]),
    ("A new poll shows that most voters oppose the tariffs.", [("new poll", "shows", "indirect")]),
    # a nominal cue
    ("The allegations that the ministry had leaked the draft surfaced on Friday.", [(None, "allegations", "indirect")]),
    # a headline or transcript line: the colon is the cue
    ("Petrova: the talks are over for this year.", [("Petrova", ":", "indirect")]),
    # a quotation with doubled apostrophes, as some newspapers print it
    ("''We are ready to sign,'' said Ortiz.", [("Ortiz", "said", "direct")]),
    # the person told is not the source
    ('"We will wait," he told Reuters. ', [(None, "told", "direct")]),
    # the passive of expectation hides who expects: hedged, no source (PARC 3.0 annotates it so)
    ("The delegation is expected to arrive on Monday.", [(None, "is expected to", "indirect")]),
    # "as X observed, ...": the content is on the other side of the as-clause's comma
    ("As Karimova observed, the border stayed closed all winter.", [("Karimova", "observed", "indirect")]),
    # a verb of naming with the label in quotation marks after its object
    ('Ortiz called the draft "a step backwards" on Friday.', [("Ortiz", "called", "mixed")]),
    # an addressee and what they are asked to do
    ("Lavrov urged Western capitals to stop the deliveries.", [("Lavrov", "urged", "indirect")]),
    # a quotation ending on "?" keeps its speaker tag in the same sentence
    ('"Will the talks resume?" the envoy asked.', [("envoy", "asked", "direct")]),
    # a headline in title case: the inflected cue after a name is the verb
    ("Karimova Endorses Ortiz For The Chair Of The Commission.", [("Karimova", "Endorses", "indirect")]),
    # someone and what they are expected to do
    ("Karimova expects the bank to raise rates in June.", [("Karimova", "expects", "indirect")]),
    # citing something as evidence: the object is the content
    ("Karimova cited the 2011 treaty in her reply.", [("Karimova", "cited", "indirect")]),
    # seeing something as something
    ("Farmers see the dam as a threat to the harvest.", [("Farmers", "see", "indirect")]),
    # a gerund clause as content
    ("The ministry reported raising $9 million in March.", [("ministry", "reported", "indirect")]),
    # --- issue 19 recall (PolNeAR development part's misses; each row failed before its fix) ---
    # a promise or threat and the action it is about, a to-infinitive right after the cue
    ("Karimova vowed to reopen the border crossing before winter.", [("Karimova", "vowed", "indirect")]),
    ("The rebels threatened to leave the talks in Geneva.", [("rebels", "threatened", "indirect")]),
    # a support or opposition cue made finite by an auxiliary of tense or "do"
    ("Ortiz has endorsed Karimova for the chair of the commission.", [("Ortiz", "endorsed", "indirect")]),
    ("The farmers' union did support the new river treaty.", [("farmers' union", "support", "indirect")]),
    # --- issue 19 items 4 and 5: the forms of its sentences, in sentences of their own ---
    # an as-clause after its content, with an adverb and a phrase after the cue
    ("The border stayed shut, as the envoy pointedly observed on Friday.", [("envoy", "observed", "indirect")]),
    # an as-clause inside a clause left open: the content runs over both sides
    ('The delegation has, as Ortiz has calmly confirmed, "left the room."', [("Ortiz", "confirmed", "mixed")]),
    # "as X put it": the quoted words are the content; the other report ends before the as-clause
    (
        'Karimova said the plan was a "dead end", as the Prime Minister put it.',
        [("Karimova", "said", "mixed"), ("Prime Minister", "put it", "direct")],
    ),
    # a directive with a long object before "not to"
    (
        "The envoy urged the leaders of both delegations not to leave Geneva.",
        [("envoy", "urged", "indirect")],
    ),
    # renewing a call or a demand, in running text and in a headline
    ("Norland renewed its demand that the dam be opened.", [("Norland", "renewed its demand that", "indirect")]),
    ("Envoys Repeat Call For Flow Limits On The Sarn", [(None, "Repeat Call For", "indirect")]),
    # a verb whose object is someone's statement: both report the that-clause
    (
        "Ortiz repeated Karimova's warning, made at the summit, that the dam was failing.",
        [("Ortiz", "repeated", "indirect"), ("Karimova", "warning", "indirect")],
    ),
    # a nested thought with a source of its own
    (
        "The envoy said that the council judges that the dam is safe.",
        [("envoy", "said", "indirect"), ("council", "judges", "indirect")],
    ),
    # a nested report inside a quotation
    (
        '"Karimova told me the dam would hold," the envoy said.',
        [("Karimova", "told", "indirect"), ("envoy", "said", "direct")],
    ),
    # "according to X" inside a relative clause and around a clause
    (
        "The farmers kept a quota which, according to Reuters, the council has condemned.",
        [("Reuters", "according to", "indirect"), ("council", "condemned", "indirect")],
    ),
    # a nominal cue with its owner and a preposition
    ("Karimova's attacks on the treaty drew a sharp reply.", [("Karimova", "attacks", "indirect")]),
]

TRAPS = [
    # "that said", "all told": fixed phrases with a verb of saying
    "That said, the talks continued into the night.",
    "All told, the delegation spent four days in Geneva.",
    "Having said that, the schedule slipped again.",
    # "according to plan"
    "The withdrawal went according to plan.",
    "Everything proceeded according to schedule, officials were relieved to see.",
    # "claims" and "report" as nouns
    "The claims were dismissed as baseless by the court.",
    "Russia's claims about the talks drew a sharp response.",
    "The report was published on Friday.",
    # negated verbs of saying
    "Lavrov did not say whether the talks would resume.",
    "The ministry declined to comment on the proposal.",
    "The spokesman never claimed that the talks had failed.",
    # verbs of saying with no content
    "Lavrov spoke to reporters for an hour.",
    "The minister said nothing about the convoy.",
    "Karimova addressed the assembly on Tuesday.",
    "The two sides discussed the issue of prisoners.",
    # endorsing verb with a thing as subject and no content
    "The interview shed light on the ministry's thinking.",
    # --- engine 2 (issue 12) ---
    # a cue word used as a noun in a name or a noun phrase
    "Fighters of the Islamic State attacked the town on Sunday.",
    "The state officials met in Geneva.",
    # "show" or "find" with a person or a thing that is no evidence as subject
    "The minister showed the delegates around the new building.",
    # a thought with "I" as subject: someone talking, not a report
    "I think the border will reopen soon.",
    # an intention in the passive: the subject is not the one who plans it
    "The talks were planned by the secretariat for Monday.",
    # a verb of the quotation-only class with no quotation beside it
    "Prices continued to rise through the winter.",
    # "call" with no quotation after its object names no words
    "The chairman called a meeting for Monday.",
    # a thing named, not someone quoted
    'She taught a class called "Perception" in 2002.',
    # "add" and "charge" with an amount
    "The economy added 292,000 jobs in December.",
    "The club charged a $100,000 initiation fee.",
    # a hyphenated participle is an adjective
    "Her newly-announced running mate arrived in Geneva.",
    # "see" without "as", and "figure out"
    "The delegates would like to see the river clean again.",
    "The engineers are figuring out how to repair the dam.",
    # a bare noun-first cue word in a noun phrase
    "But state funding is not the only factor.",
    # a to-infinitive after a passive directive: the subject is asked, not asking
    "The envoy was asked to leave the room.",
    # --- issue 19 item 4: verbs that report nothing with an object after them ---
    "The treaty establishes a joint commission that the two states can fund.",
    "He put it on the table and left.",
]


@pytest.mark.parametrize("sentence, expected", FORMS, ids=[f[0][:40] for f in FORMS])
def test_form(sentence, expected):
    assert relations(sentence) == expected


@pytest.mark.parametrize("sentence", TRAPS, ids=[t[:40] for t in TRAPS])
def test_trap_makes_no_relation(sentence):
    assert relations(sentence) == []


def test_weekday_or_conjunction_before_the_cue_is_not_the_source():
    """Word order gave "Sunday" and "And" as sources; the parse gives the cue's subject."""
    rels = attributions_in("Speaking on Sunday, Karimova said the border would reopen. And Ortiz said it would not.")
    assert [(r.source, r.cue) for r in rels] == [("Karimova", "said"), ("Ortiz", "said")]


def test_source_never_starts_with_a_line_break():
    rels = attributions_in("The talks resumed.\nThe ministry said the border would reopen.")
    assert rels and all(r.source_span is None or not r.source_span.text[:1].isspace() for r in rels)


def test_quotation_over_several_sentences_keeps_its_cues_inside():
    """A verb of saying inside a quotation that runs over sentences is the speaker's word, not a report."""
    doc = analysis.analyze(
        'Ortiz spoke first. "We came in good faith. They say the talks failed. We disagree," he said.'
    )
    assert not [r for r in doc.attributions if r.cue == "say"]
    assert any(r.reason.startswith("inside a quotation") for r in doc.result.rejected if r.text == "say")


def test_every_rejection_reason_comes_from_the_guard_table():
    """Are the guards a table: does every guard have a method, and every reason a guard or a rule?"""
    from discourse_lab import attribution

    assert all(callable(guard) and guard.__doc__ and why for guard, why in attribution.CUE_GUARDS)
    assert all(callable(rule) and rule.__doc__ for rule in attribution.RULES)
    assert {why for _, why in attribution.CUE_GUARDS} <= set(attribution.REJECTION_REASONS)


def test_continuing_quotation_has_null_cue_and_previous_speaker():
    """Does a quotation with no cue of its own continue the last speaker?"""
    text = '"We are ready to talk," Lavrov said. "But we will not be fooled twice."'
    rels = attributions_in(text)
    assert [(r.sentence, r.source, r.cue, r.type) for r in rels] == [
        ("p1s1", "Lavrov", "said", "direct"),
        ("p1s2", "Lavrov", None, "direct"),
    ]
    assert rels[1].rule == "continuing-quotation"
    assert rels[1].content == "But we will not be fooled twice."


def test_scare_quotes_are_reported_separately():
    """Are quotation marks with no source kept out of the relations and listed apart?"""
    result = analysis.analyze('The so-called "peace plan" was never published.')
    assert result.attributions == []
    assert [(q.text, q.rule) for q in result.scare_quotes] == [("peace plan", "scare-quote")]


def test_every_relation_names_its_rule_and_content_is_a_substring():
    text = (
        "Lavrov said that Moscow would wait. According to officials, the talks were frozen. "
        '"Nothing has changed," Petrova said.'
    )
    doc = analysis.analyze(text)
    assert doc.attributions
    for rel in doc.attributions:
        assert rel.rule
        assert rel.content in doc.document.sentence(rel.sentence).text
        assert rel.type in {"direct", "indirect", "mixed"}


def test_rejected_cues_say_why():
    """Are cues that made no relation kept with a reason a student can read?"""
    doc = analysis.analyze("That said, Lavrov did not say whether the talks would resume.")
    reasons = {r.text: r.reason for r in doc.result.rejected}
    assert "fixed phrase" in reasons["said"]
    assert "negated" in reasons["say"]


def test_seed_relations_match_the_checked_facts():
    """The seed's only quotation sits inside a paraphrase (mixed, p3s1); p2s4's withdrawal is not attributed."""
    from discourse_lab.sources import load_source

    doc = analysis.analyze(load_source().document)
    mixed = [r for r in doc.attributions if r.type == "mixed"]
    assert [(r.sentence, r.cue) for r in mixed] == [("p3s1", "revealing")]
    assert '"very serious security guarantees"' in mixed[0].content
    p2s4 = [r for r in doc.attributions if r.sentence == "p2s4"]
    assert all("goodwill" not in r.content for r in p2s4)


@pytest.mark.parametrize("slug", ["lavrov-interview-2024", "sarn-river-treaty"])
def test_no_quotation_is_both_attributed_and_continuing(slug):
    """Lesson 8 reported p2s1's quotation twice, once as a continuation: is every continuing
    quotation one that no other relation of its sentence already covers?"""
    from discourse_lab.sources import load_source

    rels = analysis.analyze(load_source(slug).document).attributions
    for cont in (r for r in rels if r.rule.startswith("continuing-quotation")):
        others = [r for r in rels if r is not cont and r.sentence == cont.sentence]
        assert not [
            r
            for r in others
            if r.content_span.start < cont.content_span.end and cont.content_span.start < r.content_span.end
        ]


def test_quotation_over_two_sentences_before_its_cue():
    """Its first sentence has no cue; it takes the source and cue named when the quotation closes."""
    doc = analysis.analyze('"We will not sign this. It is unfair," the deputy added.')
    assert [(r.sentence, r.source) for r in doc.attributions] == [("p1s1", "deputy"), ("p1s2", "deputy")]
    assert doc.scare_quotes == []
    assert doc.attributions[0].rule == "quotation-before-cue" and doc.attributions[0].cue == "added"


def test_earlier_parts_of_a_quotation_leave_the_previous_speaker():
    """Without the closing cue they would continue Ortiz; the cue names the deputy."""
    doc = analysis.analyze(
        'Ortiz said the talks were over. "We will not sign. It is unfair. We go home," the deputy added.'
    )
    assert [(r.sentence, r.source) for r in doc.attributions] == [
        ("p1s1", "Ortiz"),
        ("p1s2", "deputy"),
        ("p1s3", "deputy"),
        ("p1s4", "deputy"),
    ]


@pytest.mark.parametrize(
    "sentence, span",
    [
        ("Some of the women said the town had been quiet all winter.", "Some of the women"),
        ("Nearly a third say the treaty has not helped the farmers.", "Nearly a third"),
        ("In the debate, while most of his rivals called for a bigger effort, Ortiz kept quiet.", "most of his rivals"),
        ("Some said the talks had failed.", "Some"),
    ],
)
def test_a_share_of_a_group_is_an_unnamed_source(sentence, span):
    """Issue 19, PolNeAR development part: a share ("some of", "one in five") was no source at all."""
    (rel,) = attributions_in(sentence)
    assert rel.source_info is not None, sentence
    assert (rel.source, rel.source_info.text, rel.source_info.kind) == (None, span, "unnamed")
