"""Small text helpers shared by the renderers: math segments, safe link targets, dates, pages.

Titles and abstracts keep `$...$` math as LaTeX (the rest is already Unicode). With MathJax on
the site we hand math to it the way pymdownx.arithmatex's generic mode does; without it we show
the loader's Unicode approximation (`bibliography.latex.math_to_text`), because raw `\\alpha`
in a title reads worse than `α`. A literal dollar (`\\$` in the .bib file) reaches us as
`latex.LITERAL_DOLLAR` (a marked "$"): it never opens or closes math, and leaves here as "$".
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from mkdocs_scholar.bibliography.dates import MONTH_NAMES
from mkdocs_scholar.bibliography.latex import math_to_text
from mkdocs_scholar.bibliography.plaintext import math_segments, plain_text

__all__ = [
    "MONTHS",
    "is_external",
    "math_segments",
    "math_to_text",
    "month_name",
    "page_range",
    "plain_text",
    "rich_text",
    "safe_href",
]

MONTHS = MONTH_NAMES
"""English month names, January first (the bibliography's own table)."""

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Browsers drop these anywhere in a URL, so "java\nscript:" is still javascript:.
_URL_DROPPED = re.compile(r"[\t\n\r]")
_URL_STRIPPED = "".join(chr(c) for c in range(0x21)) + "\x7f"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_PAGE_DASH = re.compile(r"--|[-–—]")  # parts stripped after: "\s*...\s*" is quadratic on spaces


def rich_text(text: str, math: bool) -> Markup:
    """Display text as HTML: escaped, with `$...$` math for MathJax or as Unicode.

    Args:
        text: Unicode text that may hold `$...$` LaTeX math segments.
        math: True when the site runs MathJax through pymdownx.arithmatex (generic mode).

    Returns:
        Safe HTML. Math becomes `<span class="arithmatex">\\(...\\)</span>` (the TeX escaped)
        when `math` is true, else an escaped Unicode approximation.
    """
    if "$" not in text:  # most titles and abstracts: no math and no escaped dollar: nothing to split
        return escape(text)
    out: list[str] = []
    for is_math, part in math_segments(text):
        if not is_math:
            out.append(escape(part))
        elif math:
            out.append(Markup('<span class="arithmatex">\\({}\\)</span>').format(part.strip()))
        else:
            out.append(escape(math_to_text(part)))
    return Markup("").join(out)


def safe_href(url: str | None, base: str = "") -> str | None:
    """A link target fit for `href`, or None when it must not become a link.

    Args:
        url: An absolute http(s) URL or a site-root-relative path (no leading slash).
        base: The relative path from the current page to the site root, put before relative paths.

    Returns:
        The http(s) URL unchanged, `base + url` for a relative path, or None for any other
        scheme (javascript:, data:, ...), protocol-relative or root-absolute paths, backslashes
        and control characters.
    """
    if not url:
        return None
    if _CONTROL.search(url) is None:  # the usual case: only spaces can need stripping
        cleaned = url.strip(_URL_STRIPPED)
    else:
        cleaned = _URL_DROPPED.sub("", url).strip(_URL_STRIPPED)
        if _CONTROL.search(cleaned):
            return None
    if not cleaned:
        return None
    scheme = _SCHEME.match(cleaned)
    if scheme:
        return cleaned if scheme.group(1).lower() in ("http", "https") else None
    # "//host" and "\\host" leave the site; "/path" breaks sites served from a sub-folder.
    if cleaned.startswith(("/", "\\")) or "\\" in cleaned:
        return None
    return base + cleaned


def is_external(href: str) -> bool:
    """True for an absolute http(s) link (it gets rel="noopener")."""
    return href.lower().startswith(("http://", "https://"))


def month_name(month: int | None) -> str:
    """English month name for 1-12, else ""."""
    return MONTHS[month - 1] if month is not None and 1 <= month <= 12 else ""


def page_range(pages: str) -> tuple[str, str]:
    """(first, last) page of "56--66", "56–66", "56-66" or "e1234"; last is "" for one page."""
    parts = [p.strip() for p in _PAGE_DASH.split(pages.strip(), maxsplit=1)]
    first = parts[0]
    last = parts[1].rstrip("+") if len(parts) > 1 else ""
    return first, last
