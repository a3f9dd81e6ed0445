#!/usr/bin/env python3
"""Write the report of every external link in the built book, for a person to check by hand.

CI never fetches these URLs (the tests run without network); the report says which pages link
where, so that a dead link can be found and fixed before a course starts.

    python -m scripts.external_links                       # _build/html -> _build/external-links.txt
    python -m scripts.external_links --html DIR --out FILE
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scripts.site_links import external_links

ROOT = Path(__file__).resolve().parent.parent


def report(html: Path) -> str:
    links = external_links(html)
    lines = [f"# External links in {html.name}/: {len(links)} URLs (not fetched by CI; check them by hand)", ""]
    for url, pages in links.items():
        lines.append(url)
        lines += [f"    {page}" for page in pages]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html", help="the built site")
    parser.add_argument("--out", type=Path, help="the report (default: external-links.txt beside the site)")
    args = parser.parse_args()
    if not (args.html / "index.html").is_file():
        sys.exit(f"external_links: no built site in {args.html} (run `make book` first)")
    out = args.out or args.html.parent / "external-links.txt"
    out.write_text(report(args.html), encoding="utf-8")
    print(f"external_links: {out}")


if __name__ == "__main__":
    main()
