"""Rebasing and absolutizing links in rendered news, and sanitizing it."""

from __future__ import annotations

import pytest

from mkdocs_scholar.news.links import absolutize_links, rebase_links, rebase_url, sanitize_html


@pytest.mark.parametrize(
    ("url", "from_url", "to_url", "expected"),
    [
        # Item page news/x/ shown on the home page.
        ("../../assets/papers/p.pdf", "news/x/", "", "assets/papers/p.pdf"),
        ("img.png", "news/x/", "", "news/x/img.png"),
        ("../", "news/x/", "", "news/"),
        ("../../publications/#pub-kumar", "news/x/", "", "publications/#pub-kumar"),
        ("../../", "news/x/", "", "./"),
        # ... shown on the timeline news/.
        ("../../assets/p.pdf", "news/x/", "news/", "../assets/p.pdf"),
        ("../", "news/x/", "news/", "./"),
        ("../y/", "news/x/", "news/", "y/"),
        ("./a/../b.png?v=2#top", "news/x/", "news/", "x/b.png?v=2#top"),
        ("?page=2", "news/x/", "news/", "x/?page=2"),
        # Links written relative to the Markdown file docs/news/x.md.
        ("../assets/p.pdf", "news/x.md", "", "assets/p.pdf"),
        ("other.md", "news/x.md", "", "news/other.md"),
        ("img/a.png", "news/x.md", "news/x/", "../img/a.png"),
        # Into deeper pages, and from the root.
        ("assets/a.png", "", "news/x/", "../../assets/a.png"),
        ("news/", "", "news/", "./"),
        ("a.png", "", "news/index.html", "../a.png"),
        # Going above the site root stays at the root.
        ("../../../../x.png", "news/x/", "", "x.png"),
        # A result whose first segment has a colon must not read as a scheme.
        ("x/a:b.html", "news/", "news/x/", "./a:b.html"),
        ("a:b.html", "news/x/", "", "a:b.html"),  # a browser reads "a:" as a scheme too
        # Left alone.
        ("#frag", "news/x/", "", "#frag"),
        ("/abs/path", "news/x/", "", "/abs/path"),
        ("//cdn.example.org/a.js", "news/x/", "", "//cdn.example.org/a.js"),
        ("https://arxiv.org/abs/2310.05169", "news/x/", "", "https://arxiv.org/abs/2310.05169"),
        ("mailto:a@b.org", "news/x/", "", "mailto:a@b.org"),
        ("javascript:alert(1)", "news/x/", "", "javascript:alert(1)"),
        ("", "news/x/", "", ""),
    ],
)
def test_rebase_url(url: str, from_url: str, to_url: str, expected: str) -> None:
    """A relative reference keeps its target when moved from one page to another."""
    assert rebase_url(url, from_url=from_url, to_url=to_url) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="../../a.pdf">x</a>', '<a href="a.pdf">x</a>'),
        ("<a href='../../a.pdf'>x</a>", '<a href="a.pdf">x</a>'),
        ("<a href=../../a.pdf>x</a>", '<a href="a.pdf">x</a>'),
        ('<A HREF="../../a.pdf">x</A>', '<A HREF="a.pdf">x</A>'),
        ('<img alt="a > b" src="p.png">', '<img alt="a > b" src="news/x/p.png">'),
        ('<img src="p.png"/>', '<img src="news/x/p.png"/>'),
        ('<a title="x href=../y" href="#f">t</a>', '<a title="x href=../y" href="#f">t</a>'),
        ('<a href="../../p?a=1&amp;b=2">t</a>', '<a href="p?a=1&amp;b=2">t</a>'),
        ('<img srcset="p.png 1x, p@2x.png 2x">', '<img srcset="news/x/p.png 1x, news/x/p@2x.png 2x">'),
        ('<video poster="v.jpg"></video>', '<video poster="news/x/v.jpg"></video>'),
        ('<!-- <a href="c.html"> -->', '<!-- <a href="c.html"> -->'),
        ('<code>&lt;a href="x.html"&gt;</code>', '<code>&lt;a href="x.html"&gt;</code>'),
        ('<p>href="x.html" in text</p>', '<p>href="x.html" in text</p>'),
        (
            '<a data-href="x.html" href="https://e.org">e</a>',
            '<a data-href="x.html" href="https://e.org">e</a>',
        ),
    ],
)
def test_rebase_links_touches_only_url_attributes(html: str, expected: str) -> None:
    """Only href/src/poster/srcset values change; quoting, case, text and comments stay as they were."""
    assert rebase_links(html, from_url="news/x/", to_url="") == expected


def test_rebase_links_same_page_is_identity() -> None:
    """Nothing moves when from and to are the same page."""
    html = '<a href="./a/../b">x</a>'
    assert rebase_links(html, from_url="news/", to_url="news/") == html


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<a href="../../a.pdf">', '<a href="https://ex.org/site/a.pdf">'),
        ('<a href="#sec">', '<a href="https://ex.org/site/news/x/#sec">'),
        ('<a href="/root">', '<a href="https://ex.org/root">'),
        ('<img src="//cdn.org/i.png">', '<img src="https://cdn.org/i.png">'),
        ('<a href="mailto:a@b.org">', '<a href="mailto:a@b.org">'),
        ('<a href="https://arxiv.org/abs/1">', '<a href="https://arxiv.org/abs/1">'),
    ],
)
def test_absolutize_links(html: str, expected: str) -> None:
    """For the feed every reference becomes absolute against the item's page URL."""
    assert absolutize_links(html, "https://ex.org/site/news/x/") == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>hi<script>alert(1)</script></p>", "<p>hi</p>"),
        ("<style>body{display:none}</style><p>x</p>", "<p>x</p>"),
        ('<img src="a.png" onerror="alert(1)">', '<img src="a.png">'),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="java&#x09;script:alert(1)">x</a>', "<a>x</a>"),
        ('<a href="vbscript:x">x</a>', "<a>x</a>"),
        ('<img src="data:image/svg+xml,<svg onload=alert(1)>">', "<img>"),
        ('<a href="file:///etc/passwd">x</a>', "<a>x</a>"),
        ('<iframe src="https://evil.org">inside</iframe><p>x</p>', "<p>x</p>"),
        ('<object data="x.swf">o</object><embed src="x.swf">', ""),
        ('<p onclick="x()" style="position:fixed">t</p>', "<p>t</p>"),
        ('<form action="https://e.org"><input name="q"></form>', ""),
        ("<p>a<!-- more -->b</p>", "<p>ab</p>"),
        (
            '<svg viewBox="0 0 1 1" onload="x()"><script>x()</script><path d="M0"/></svg>',
            '<svg viewBox="0 0 1 1"><path d="M0"></path></svg>',
        ),
    ],
)
def test_sanitize_html_removes_danger(html: str, expected: str) -> None:
    """Scripts, handlers, frames, forms and non-http(s)/mailto schemes are removed."""
    assert sanitize_html(html) == expected


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="../../publications/#pub-x">paper</a> <a href="https://arxiv.org/abs/2310.05169">arXiv</a></p>',
        '<p><a href="mailto:a@b.org">mail</a> <a href="#fn:1">1</a></p>',
        '<h2 id="results">Results</h2>',
        '<div class="admonition note"><p class="admonition-title">Note</p></div>',
        '<pre><code class="language-python"><span class="k">def</span></code></pre>',
        '<img alt="plot" src="img/plot.png">',
        '<table><thead><tr><th style="text-align:left">A</th></tr></thead></table>',
        '<span class="arithmatex">\\(x^2\\)</span>',
        "<details><summary>More</summary><p>x</p></details>",
    ],
)
def test_sanitize_html_keeps_what_markdown_makes(html: str) -> None:
    """Links, ids, classes, code, images, table alignment, math and details survive unchanged."""
    assert sanitize_html(html) == html
