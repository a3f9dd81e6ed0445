"""Does the self-containment checker itself catch outside resources (and only those)?"""

import pytest

from site_checks import is_outside, outside_resources_in_css, outside_resources_in_html


@pytest.mark.parametrize(
    "html",
    [
        '<script src="https://cdn.example.org/x.js"></script>',
        '<link rel="stylesheet" href="http://fonts.example.org/a.css">',
        '<img src="//images.example.org/a.png" alt="">',
        '<iframe src="https://video.example.org/embed/1"></iframe>',
        '<img srcset="a.png 1x, https://x.example.org/b.png 2x" alt="">',
        '<div style="background:url(https://x.example.org/bg.png)"></div>',
        '<style>@import "https://x.example.org/f.css";</style>',
        '<link rel="preconnect" href="https://x.example.org">',
    ],
)
def test_outside_resources_are_found(html):
    assert outside_resources_in_html(html)


@pytest.mark.parametrize(
    "html",
    [
        '<script src="../_static/a.js"></script>',
        '<img src="data:image/png;base64,AAAA" alt="x">',
        '<a href="https://example.org/">a link is navigation, not a load</a>',
        '<link rel="canonical" href="https://example.org/page.html">',
        '<div style="background:url(../_static/bg.png)"></div>',
    ],
)
def test_local_resources_pass(html):
    assert outside_resources_in_html(html) == []


def test_css_urls():
    assert outside_resources_in_css("a{src:url('https://x.example.org/f.woff2')}")
    assert not outside_resources_in_css("a{src:url('./f.woff2')}")
    assert is_outside("HTTPS://X.EXAMPLE.ORG/") and not is_outside("blob:abc")


# --- items_answered_above: the checker finds a key printed above its exercise, and only then ------

import json  # noqa: E402

from site_checks import items_answered_above  # noqa: E402


def _exercise(spec: dict) -> str:
    return (
        '<div class="dl-exercise"><script type="application/json" class="dl-exercise-spec">'
        + json.dumps(spec)
        + "</script></div>"
    )


TAGGING = {
    "id": "t",
    "type": "tagging",
    "kind": "objective",
    "prompt": "Label each sentence.",
    "sentences": [{"id": "p2s1", "text": "The minister said: \u201cYes.\u201d"}, {"id": "p2s2", "text": "It rained."}],
    "labels": [{"id": "direct", "text": "Direct"}, {"id": "none", "text": "No attribution"}],
    "key": {"answer": {"p2s1": "direct", "p2s2": "none"}},
}
CHOICE = {
    "id": "c",
    "type": "choice",
    "kind": "objective",
    "prompt": "When?",
    "passage": [{"id": "p1s1", "text": "x"}],
    "options": [{"id": "a", "text": "19 April 2024"}, {"id": "b", "text": "conflict"}],
    "key": {"answer": "a"},
}


@pytest.mark.parametrize(
    ("above", "spec"),
    [
        ("<pre>  p2s1  [source] The minister said: \u201cYes.\u201d\n        direct: cue='said'</pre>", TAGGING),
        ("<p>Coverage dates the interview to 19 April 2024.</p>", CHOICE),
        ("<details><summary>Notes</summary><p>It was 19 April 2024.</p></details>", CHOICE),
    ],
)
def test_a_key_shown_above_is_found(above, spec):
    assert items_answered_above(f"<article>{above}{_exercise(spec)}</article>")


@pytest.mark.parametrize(
    ("html", "spec"),
    [
        # the same output after the exercise, or folded as the toolkit's reading
        ("{ex}<pre>p2s1  [source]\n    direct: cue='said'</pre>", TAGGING),
        ('<details class="dl-reveal"><pre>p2s1 direct</pre></details>{ex}', TAGGING),
        # the source sentence itself, rendered, states no key
        (
            '<span class="dl-sentence" data-sid="p2s1"><span class="dl-sid">p2s1</span> The minister said: \u201cYes.\u201d</span>{ex}',
            TAGGING,
        ),
        ("<p>The word conflict names no aggressor.</p>{ex}", CHOICE),
    ],
)
def test_nothing_is_found_where_the_key_is_not_shown(html, spec):
    assert not items_answered_above("<article>" + html.format(ex=_exercise(spec)) + "</article>")
