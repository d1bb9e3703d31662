"""Text helpers of the renderers: math segments, safe link targets, dates and pages."""

from __future__ import annotations

import pytest

from mkdocs_scholar.bibliography.latex import LITERAL_DOLLAR, to_text
from mkdocs_scholar.render.text import (
    is_external,
    math_segments,
    month_name,
    page_range,
    plain_text,
    rich_text,
    safe_href,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain title", [(False, "plain title")]),
        ("a $x^2$ b", [(False, "a "), (True, "x^2"), (False, " b")]),
        ("$$E=mc^2$$", [(True, "E=mc^2")]),
        ("costs \\$5", [(False, "costs $5")]),
        ("pay $5 and $10", [(False, "pay $5 and $10")]),
        ("a $ b $ c", [(False, "a $ b $ c")]),
        ("a $ \\Omega $ c", [(False, "a "), (True, "\\Omega"), (False, " c")]),  # LaTeX: math
        ("$ x_1 $ and $ y $", [(True, "x_1"), (False, " and $ y $")]),
        ("pay $5 per user_id, $10", [(False, "pay "), (True, "5 per user_id,"), (False, "10")]),  # as LaTeX
        ("unclosed $x", [(False, "unclosed $x")]),
        ("$a$$b$", [(True, "a"), (True, "b")]),
        ("$x\\$y$", [(True, "x\\$y")]),
        ("", []),
    ],
)
def test_math_segments(text: str, expected: list[tuple[bool, str]]) -> None:
    """Math is `$...$` or `$$...$$`; with a space just inside single dollars only when it holds a
    command, "^" or "_" (arithmatex's smart-dollar rule, relaxed for LaTeX); `\\$` is a dollar."""
    assert list(math_segments(text)) == expected


@pytest.mark.parametrize(
    ("text", "math", "expected"),
    [
        ("Plain & simple", True, "Plain &amp; simple"),
        ("Bound $O(n^2)$", True, 'Bound <span class="arithmatex">\\(O(n^2)\\)</span>'),
        ("$x<y$ & z", True, '<span class="arithmatex">\\(x&lt;y\\)</span> &amp; z'),
        ("$</span><script>$", True, '<span class="arithmatex">\\(&lt;/span&gt;&lt;script&gt;\\)</span>'),
        ("$$ \\sum_i x_i $$", True, '<span class="arithmatex">\\(\\sum_i x_i\\)</span>'),
        ("Bound $O(n^2)$", False, "Bound O(n²)"),
        ("$\\alpha$-stable", False, "α-stable"),
        ("$x<y$", False, "x&lt;y"),
        ("<b>not bold</b>", False, "&lt;b&gt;not bold&lt;/b&gt;"),
        ("pay \\$5", False, "pay $5"),
    ],
)
def test_rich_text(text: str, math: bool, expected: str) -> None:
    """Text is escaped; math goes to MathJax as arithmatex spans or becomes Unicode."""
    assert str(rich_text(text, math)) == expected


def test_plain_text_replaces_math() -> None:
    """Plain text (for meta tags and search) has no dollars and no TeX commands."""
    assert plain_text("On $\\ell_2$ and $\\alpha$ <b>") == "On ℓ₂ and α <b>"


LD = LITERAL_DOLLAR


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{LD}x{LD} literal", [(False, "$x$ literal")]),
        (f"Costs {LD}5/{LD}10", [(False, "Costs $5/$10")]),
        (f"{LD}x{LD} and $y$", [(False, "$x$ and "), (True, "y")]),
        (f"$y$ {LD}$z$", [(True, "y"), (False, " $"), (True, "z")]),
        (f"$$a {LD}5$$ b", [(False, "$$a $5$$ b")]),  # a marked dollar is never inside math
        (f"{LD}$a$$", [(False, "$"), (True, "a"), (False, "$")]),
    ],
)
def test_math_segments_literal_dollars(text: str, expected: list[tuple[bool, str]]) -> None:
    """A literal dollar (`LITERAL_DOLLAR`, the loader's `\\$`) opens and closes no math: plain "$"."""
    assert list(math_segments(text)) == expected


@pytest.mark.parametrize(
    ("latex", "shown"),
    [
        (r"\$x\$ literal", "$x$ literal"),
        (r"Costs \$5/\$10", "Costs $5/$10"),
        (r"Between \$1M--\$2M a year", "Between $1M–$2M a year"),
        (r"US\textdollar{}5 for $\alpha$", "US$5 for α"),
    ],
)
def test_escaped_dollars_show_as_dollars(latex: str, shown: str) -> None:
    """From the .bib value to every output: `\\$` is "$", with or without MathJax, never math."""
    text = to_text(latex)
    assert str(rich_text(text, False)) == shown
    assert plain_text(text) == shown
    with_mathjax = str(rich_text(text, True))
    assert with_mathjax.replace('<span class="arithmatex">\\(\\alpha\\)</span>', "α") == shown
    assert LD not in with_mathjax


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("https://arxiv.org/abs/2310.05169", "../", "https://arxiv.org/abs/2310.05169"),
        ("HTTP://EXAMPLE.ORG/x", "", "HTTP://EXAMPLE.ORG/x"),
        ("assets/papers/p.pdf", "../../", "../../assets/papers/p.pdf"),
        ("assets/papers/p.pdf", "", "assets/papers/p.pdf"),
        ("  https://doi.org/10.1/x  ", "", "https://doi.org/10.1/x"),
        ("javascript:alert(1)", "", None),
        ("JaVaScRiPt:alert(1)", "", None),
        (" \x01javascript:alert(1)", "", None),
        ("java\nscript:alert(1)", "", None),
        ("java\tscript:alert(1)", "../", None),
        ("vbscript:msgbox", "", None),
        ("data:text/html,<script>alert(1)</script>", "", None),
        ("file:///etc/passwd", "", None),
        ("mailto:someone@example.org", "", None),
        ("//evil.example/x", "", None),
        ("/assets/p.pdf", "", None),
        ("\\\\evil.example\\x", "", None),
        ("assets\\p.pdf", "", None),
        ("a\x00b", "", None),
        ("", "", None),
        (None, "", None),
    ],
)
def test_safe_href(url: str | None, base: str, expected: str | None) -> None:
    """Only http(s) and site-relative targets pass; relative ones get the base prefix."""
    assert safe_href(url, base) == expected


@pytest.mark.parametrize(
    ("href", "expected"),
    [("https://a.org", True), ("http://a.org", True), ("../assets/p.pdf", False), ("assets/x", False)],
)
def test_is_external(href: str, expected: bool) -> None:
    """Absolute http(s) links are external."""
    assert is_external(href) is expected


@pytest.mark.parametrize(
    ("month", "expected"), [(1, "January"), (6, "June"), (12, "December"), (0, ""), (13, ""), (None, "")]
)
def test_month_name(month: int | None, expected: str) -> None:
    """Months 1-12 have English names; anything else is empty."""
    assert month_name(month) == expected


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ("56--66", ("56", "66")),
        ("56–66", ("56", "66")),
        ("56 - 66", ("56", "66")),
        ("025063", ("025063", "")),
        ("7:1--7:9", ("7:1", "7:9")),
        ("101+", ("101+", "")),
        ("e1234", ("e1234", "")),
        ("", ("", "")),
    ],
)
def test_page_range(pages: str, expected: tuple[str, str]) -> None:
    """First and last page come from any dash; a single page has no last page."""
    assert page_range(pages) == expected
