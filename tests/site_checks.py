"""Static checks on built HTML: which resources a page would load, and from where."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from bs4 import BeautifulSoup

# Elements and attributes through which a page loads something (navigation links are not loads).
RESOURCE_ATTRS = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "frame": ["src"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "input": ["src"],
}
# <link rel=...> values that make the browser fetch the href.
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "preload", "prefetch", "modulepreload", "manifest",
                 "apple-touch-icon", "preconnect", "dns-prefetch", "mask-icon"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""")
CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)""")


def is_outside(url: str) -> bool:
    """True for a URL that leaves the site: any scheme other than data/blob, or protocol-relative."""
    url = url.strip()
    if url.startswith("//"):
        return True
    scheme = urlparse(url).scheme.lower()
    return scheme not in ("", "data", "blob") and not (len(scheme) == 1 and url[1:3] == ":\\")


def outside_resources_in_html(text: str) -> list[str]:
    soup = BeautifulSoup(text, "html.parser")
    found = []
    for tag, attrs in RESOURCE_ATTRS.items():
        for element in soup.find_all(tag):
            for attr in attrs:
                value = element.get(attr)
                if not value:
                    continue
                urls = [part.strip().split(" ")[0] for part in value.split(",")] if attr == "srcset" else [value]
                found += [f"<{tag} {attr}={u}>" for u in urls if is_outside(u)]
    for element in soup.find_all("link"):
        rels = {r.lower() for r in element.get("rel", [])}
        if rels & FETCHING_RELS and element.get("href") and is_outside(element["href"]):
            found.append(f"<link rel={' '.join(sorted(rels))} href={element['href']}>")
    for element in soup.find_all(style=True):
        found += [f"style url({u})" for u in CSS_URL.findall(element["style"]) if is_outside(u)]
    for element in soup.find_all("style"):
        found += outside_resources_in_css(element.get_text())
    return found


def outside_resources_in_css(text: str) -> list[str]:
    return [f"css url({u})" for u in CSS_URL.findall(text) + CSS_IMPORT.findall(text) if is_outside(u)]


def pages(html_root: Path) -> list[Path]:
    """The site's pages (not the theme's webpack macro fragments in _static)."""
    return [p for p in sorted(html_root.rglob("*.html")) if "_static" not in p.relative_to(html_root).parts]
