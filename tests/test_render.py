"""Is highlighted HTML escaped, labelled in words and never colour alone?"""

from bs4 import BeautifulSoup

from discourse_lab import analysis, render


def test_markup_in_the_text_is_shown_as_text():
    result = analysis.analyze('<script>alert("x")</script> said that <b>talks</b> would resume.')
    html = render.analysis_html(result)
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("b") is None
    assert "<script>" in soup.get_text()  # shown to the reader as text


def test_every_highlight_has_a_visible_label_and_a_style_besides_colour():
    result = analysis.analyze('Lavrov said that the "so-called" plan had reckless aims. Talks were held in Kiev.')
    soup = BeautifulSoup(render.analysis_html(result), "html.parser")
    labels = [s.get_text() for s in soup.select(".dl-label")]
    assert {"source", "cue: neutral", "content: mixed", "subjective", "name: Kiev"} <= set(labels)
    for span in soup.select(".dl-hl"):
        assert "text-decoration-style" in span["style"]
    voices = [s.get_text() for s in soup.select(".dl-sentence .dl-voice")]
    assert voices == ["source's voice", "writer's voice"]  # a mixed quotation is not a mixed voice


def test_cue_badges_show_the_stance_label_not_its_id():
    """The id "assertive" is kept in the data; the reader sees the glossary's "insistent"."""
    result = analysis.analyze("Lavrov emphasized that the talks had failed. The interview shed light on the talks.")
    soup = BeautifulSoup(render.analysis_html(result, layers=("cue",)), "html.parser")
    labels = [s.get_text() for s in soup.select(".dl-label")]
    assert labels == ["cue: insistent", "cue: writer's evaluation"]


def test_sentence_ids_are_visible():
    result = analysis.analyze("One. Two.\n\nThree.")
    soup = BeautifulSoup(render.analysis_html(result), "html.parser")
    assert [s.get_text() for s in soup.select(".dl-sentence .dl-sid")] == ["p1s1", "p1s2", "p2s1"]


def test_layers_can_be_chosen_and_unknown_layers_are_refused():
    result = analysis.analyze("Lavrov said that the reckless plan failed.")
    soup = BeautifulSoup(render.analysis_html(result, layers=("bias",), legend=False), "html.parser")
    assert [s.get_text() for s in soup.select(".dl-label")] == ["subjective"]
    try:
        render.analysis_html(result, layers=("colour",))
    except ValueError as exc:
        assert "colour" in str(exc)
    else:
        raise AssertionError("an unknown layer was accepted")


def test_plots_have_alt_text_and_are_deterministic():
    from discourse_lab import plots
    from discourse_lab.figures import figure_html
    from discourse_lab.sources import load_source

    result = analysis.analyze(load_source().document)
    for draw in (plots.voice_per_paragraph_figure, plots.verbs_by_stance_figure, plots.indicators_per_voice_figure):
        fig, alt = draw(result)
        assert len(alt) > 40
        # Drawn twice, a figure gives the same page bytes (no date, no version stamped in the PNG).
        assert str(figure_html(fig, alt)) == str(figure_html(draw(result)[0], alt))
    _, alt = plots.verbs_by_stance_figure(result)
    assert "insistent 2 (emphasized, asserted)" in alt


def test_the_scraped_head_is_not_badged_as_a_dateline():
    """The seed's "date 2024-04-23 (MENAFN)" is the copier's date and the credit line (glossary,
    "Dateline"); only a wire dateline is badged "dateline"."""
    from discourse_lab import text
    from discourse_lab.sources import load_source

    seed = BeautifulSoup(render.sentences_html(load_source().document), "html.parser")
    (badge,) = seed.select(".dl-dateline .dl-sid")
    assert "dateline" not in badge.get_text() and "credit line" in badge.get_text()
    wire = BeautifulSoup(
        render.sentences_html(text.parse("MOSCOW, April 19 (Reuters) - Talks resumed.")), "html.parser"
    )
    wire_badge = wire.select_one(".dl-dateline .dl-sid")
    assert wire_badge is not None and wire_badge.get_text() == "dateline"
