"""Links: every relative link, anchor and resource of the built site resolves inside it, and the
external links are listed in a report (never fetched: the tests run offline)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from support import ROOT
from scripts.site_links import broken_links, external_links

SITE = {
    "index.html": '<a href="chapters/a.html#part-2">ok</a><a href="chapters/">dir</a>',
    "chapters/index.html": '<p id="top">chapters</p>',
    "chapters/a.html": '<h2 id="part-2">Part 2</h2><a href="#top">up</a><img src="../img/x.png" alt="x">'
    '<a href="https://example.org/a">out</a><a href="mailto:a@example.org">mail</a>',
    "img/x.png": "",
}


def make_site(tmp_path, **changes):
    for name, text in {**SITE, **changes}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_sound_site_has_no_broken_link(tmp_path):
    """Do files, folders with index.html, same-page and cross-page anchors all count as resolved?"""
    site = make_site(tmp_path, **{"chapters/a.html": SITE["chapters/a.html"].replace("#top", "#part-2")})
    assert broken_links(site) == {}


@pytest.mark.parametrize(
    "page, html, expected",
    [
        ("index.html", '<a href="chapters/missing.html">x</a>', "no file chapters/missing.html"),
        ("index.html", '<a href="chapters/a.html#nowhere">x</a>', "no id 'nowhere'"),
        ("chapters/a.html", '<a href="#top">same page, missing id</a>', "no id 'top'"),
        ("chapters/a.html", '<img src="../img/y.png" alt="y">', "no file img/y.png"),
        ("chapters/a.html", '<script src="../../outside.js"></script>', "leaves the site"),
    ],
)
def test_broken_links_are_found(tmp_path, page, html, expected):
    """Is each kind of broken link (file, anchor, resource, escape from the site) reported?"""
    site = make_site(tmp_path, **{page: html})
    problems = broken_links(site)
    assert any(expected in p for p in problems.get(page, [])), problems


def test_external_links_are_listed_not_checked(tmp_path):
    assert external_links(make_site(tmp_path)) == {"https://example.org/a": ["chapters/a.html"]}


def test_no_broken_internal_link_in_the_book(built_book):
    """Does every relative href/src on every built page name a file of the site (and an id in it)?"""
    assert broken_links(built_book) == {}


def test_external_link_report_is_written(built_book, tmp_path):
    """Does scripts/external_links.py list every external link of the book, with its pages?"""
    out = tmp_path / "external-links.txt"
    subprocess.run(
        [sys.executable, "-m", "scripts.external_links", "--html", str(built_book), "--out", str(out)],
        check=True,
        cwd=ROOT,
    )
    text = out.read_text(encoding="utf-8")
    links = external_links(built_book)
    assert links, "the book links to no external page at all (launch buttons, references)"
    assert f"{len(links)} URLs" in text.splitlines()[0]
    for url, pages in links.items():
        assert url in text and all(f"    {p}" in text for p in pages)
