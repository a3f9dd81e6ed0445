"""The sidebar's section toggles have an accessible name (discourse_lab.book.navigation)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from discourse_lab.book.navigation import _wrap_toctree, label_toggles

NAV = (
    '<ul><li class="toctree-l1 has-children"><a class="reference internal" href="instructor_guide.html">'
    'Instructor guide</a><details><summary><span class="toctree-toggle" role="presentation"><i></i></span>'
    '</summary><ul><li class="toctree-l2"><a href="term_plan.html">A ten-week term</a></li></ul></details></li>'
    '<li class="toctree-l1 has-children"><details><summary><p class="caption">Lessons</p></summary></details></li></ul>'
)


def test_a_text_less_toggle_is_named_after_its_chapter():
    soup = BeautifulSoup(NAV, "html.parser")
    label_toggles(soup)
    summaries = soup.select("summary")
    assert summaries[0]["aria-label"] == "Sections of Instructor guide"
    assert "aria-label" not in summaries[1].attrs  # it has visible text already
    label_toggles(soup)  # twice changes nothing
    assert summaries[0]["aria-label"] == "Sections of Instructor guide"


def test_the_theme_toctree_is_wrapped_once_and_labels_its_toggles():
    context = {"generate_toctree_html": lambda **kwargs: BeautifulSoup(NAV, "html.parser")}
    _wrap_toctree(None, "intro", "page.html", context, None)
    wrapped = context["generate_toctree_html"]
    _wrap_toctree(None, "intro", "page.html", context, None)  # a second handler call keeps the wrapper
    assert context["generate_toctree_html"] is wrapped
    assert wrapped(kind="sidebar").select("summary")[0]["aria-label"] == "Sections of Instructor guide"
    plain = {"generate_toctree_html": lambda: "<ul></ul>"}
    _wrap_toctree(None, "intro", "page.html", plain, None)
    assert plain["generate_toctree_html"]() == "<ul></ul>"  # a string passes through unchanged
