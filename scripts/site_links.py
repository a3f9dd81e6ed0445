"""Static link checks on the built site: every relative href/src must name a file of the site,
and every #fragment an id on the target page. External URLs are only listed, never fetched."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlparse

from bs4 import BeautifulSoup, Tag

# Attributes through which a page links to or loads another file.
URL_ATTRS = {
    "a": "href",
    "link": "href",
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}
NOT_FILES = ("mailto", "javascript", "data", "blob", "tel")


def site_pages(root: Path) -> list[Path]:
    """The site's pages (not the theme's template fragments under _static/)."""
    return [p for p in sorted(root.rglob("*.html")) if "_static" not in p.relative_to(root).parts]


def attr_text(element: Tag, name: str) -> str:
    """A single-valued attribute's text (href, src, id, name), "" where it is absent; bs4 gives
    only multi-valued attributes such as ``class`` as lists."""
    value = element.get(name)
    return value if isinstance(value, str) else ""


def page_urls(soup: BeautifulSoup) -> list[str]:
    return [
        attr_text(element, attr).strip()
        for tag, attr in URL_ATTRS.items()
        for element in soup.find_all(tag)
        if attr_text(element, attr).strip()
    ]


def is_external(url: str) -> bool:
    return url.startswith("//") or urlparse(url).scheme.lower() not in ("",) + NOT_FILES


class Site:
    """The files of a built site and, parsed on demand, the ids each page defines."""

    def __init__(self, root: Path):
        self.root = root.resolve()
        self._ids: dict[Path, set[str]] = {}

    def ids(self, page: Path) -> set[str]:
        if page not in self._ids:
            soup = BeautifulSoup(page.read_text(encoding="utf-8", errors="replace"), "html.parser")
            self._ids[page] = {attr_text(e, "id") for e in soup.find_all(id=True)} | {
                attr_text(e, "name") for e in soup.find_all("a", attrs={"name": True})
            }
        return self._ids[page]

    def problem(self, page: Path, url: str) -> str | None:
        """Why ``url`` on ``page`` does not resolve inside the site, or None when it does."""
        parsed = urlparse(url)
        if parsed.scheme or url.startswith("//"):
            return None  # external or not a file (mailto:, data:, …)
        target = (page.parent / unquote(parsed.path)).resolve() if parsed.path else page
        if target.is_dir():
            target = target / "index.html"
        if self.root not in target.parents and target != self.root:
            return f"{url}: leaves the site"
        if not target.is_file():
            return f"{url}: no file {target.relative_to(self.root)}"
        fragment = unquote(parsed.fragment)
        if fragment and target.suffix == ".html" and fragment not in self.ids(target):
            return f"{url}: no id {fragment!r} in {target.relative_to(self.root)}"
        return None


def broken_links(root: Path) -> dict[str, list[str]]:
    """For each page with a problem, the relative links that do not resolve inside the site."""
    site = Site(root)
    problems = {}
    for page in site_pages(root):
        soup = BeautifulSoup(page.read_text(encoding="utf-8", errors="replace"), "html.parser")
        found = sorted({p for url in page_urls(soup) if (p := site.problem(page.resolve(), url))})
        if found:
            problems[page.relative_to(root).as_posix()] = found
    return problems


def external_links(root: Path) -> dict[str, list[str]]:
    """Each external URL the pages link to or load, with the pages that do (sorted)."""
    found = defaultdict(set)
    for page in site_pages(root):
        soup = BeautifulSoup(page.read_text(encoding="utf-8", errors="replace"), "html.parser")
        for url in page_urls(soup):
            if is_external(url):
                found[url].add(page.relative_to(root).as_posix())
    return {url: sorted(found[url]) for url in sorted(found)}
