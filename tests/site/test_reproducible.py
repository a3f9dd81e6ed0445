"""Reproducible builds: two clean builds of the book, into two fresh folders (so with two empty
execution caches), give byte-identical sites, figures included.

Nothing is normalised before the comparison: Sphinx's ``?v=`` checksums and myst-nb's output
file names are content hashes, the search index is sorted, exercises number their element ids
with a counter, figures are written without the matplotlib version or a date
(``discourse_lab.figures``), and a timestamp written during the build (an assignment's "created")
is the last commit's time, SOURCE_DATE_EPOCH, which ``scripts/build_book.py`` sets. Pages carry no
widget state (whose model ids are random): notebooks create no widget at build time. Any
difference is a real one and is reported with its first lines.
"""

from __future__ import annotations

import base64
import difflib
import re
import struct

import pytest

pytestmark = [pytest.mark.book, pytest.mark.slow]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DATA_PNG = re.compile(rb"data:image/png;base64,([A-Za-z0-9+/=]+)")


@pytest.fixture(scope="session")
def two_clean_builds(clean_session_site, tmp_path_factory):
    """Two clean builds, once per test session: the session's own book build when it started from
    nothing (CI's clean clone; ``clean_session_site`` in tests/conftest.py) and one more, or else two
    of its own. Each clean build goes into a fresh folder, so with an empty execution cache."""
    from scripts import build_book

    sites = [clean_session_site] if clean_session_site else []
    for name in ("first", "second")[len(sites) :]:
        out = tmp_path_factory.mktemp(f"clean-build-{name}")
        if build_book.build(out) != 0:
            pytest.fail(f"clean build into {out} failed; see {out / '_build' / 'build.log'}")
        sites.append(out / "_build" / "html")
    return sites


def files(site):
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def first_difference(a: bytes, b: bytes) -> str:
    try:
        lines = list(difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(), lineterm="", n=0))
        return "\n".join(line[:200] for line in lines[2:8])
    except UnicodeDecodeError:
        return f"binary, {len(a)} vs {len(b)} bytes"


def test_two_clean_builds_give_identical_sites(two_clean_builds):
    """Do both clean builds produce the same files with the same bytes?"""
    first, second = (files(site) for site in two_clean_builds)
    assert sorted(first) == sorted(second)
    differing = {
        name: first_difference(first[name].read_bytes(), second[name].read_bytes())
        for name in first
        if first[name].read_bytes() != second[name].read_bytes()
    }
    assert differing == {}


def png_chunks(data: bytes) -> list[bytes]:
    assert data.startswith(PNG_SIGNATURE)
    chunks, offset = [], len(PNG_SIGNATURE)
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        chunks.append(kind + data[offset + 8 : offset + 8 + min(length, 200)])
        offset += 12 + length
    return chunks


def figures(site) -> dict[str, bytes]:
    """Every PNG of the site: image files and the data-URL figures inside pages."""
    found = {
        name: path.read_bytes() for name, path in files(site).items() if path.suffix == ".png" and "_static" not in name
    }
    for name, path in files(site).items():
        if path.suffix == ".html":
            for i, encoded in enumerate(DATA_PNG.findall(path.read_bytes())):
                found[f"{name}#figure{i}"] = base64.b64decode(encoded)
    return found


DATA_SVG = re.compile(rb"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)")


def svg_figures(site) -> dict[str, bytes]:
    """Every SVG figure inside the pages (data URLs; discourse_lab.figures)."""
    found = {}
    for name, path in files(site).items():
        if path.suffix == ".html":
            for i, encoded in enumerate(DATA_SVG.findall(path.read_bytes())):
                found[f"{name}#svg{i}"] = base64.b64decode(encoded)
    return found


def test_figures_are_identical_and_carry_no_date_or_version(two_clean_builds):
    """Are the book's figures byte-identical across builds, with no time chunk and no text chunk
    naming a date or the software version (which would change between runs or upgrades)?"""
    first, second = (figures(site) for site in two_clean_builds)
    first_svg, second_svg = (svg_figures(site) for site in two_clean_builds)
    assert first or first_svg, "the book has no figure"
    assert first == second
    assert first_svg == second_svg
    for name, data in first_svg.items():
        assert not re.search(rb"<dc:date>|Matplotlib v\d|<dc:creator>", data), name
    for name, data in first.items():
        kinds = png_chunks(data)
        assert not any(c.startswith(b"tIME") for c in kinds), name
        text = [c for c in kinds if c[:4] in (b"tEXt", b"iTXt", b"zTXt")]
        assert not any(re.search(rb"Software|Creation Time|date:", c) for c in text), (name, text)
