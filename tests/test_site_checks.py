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
