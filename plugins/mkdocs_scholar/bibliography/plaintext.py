"""Display text (LaTeX decoded, `$...$` math kept) split into text and math, and made plain text.

Shared by the HTML renderer (render/text.py `rich_text`) and by what needs plain text: meta
tags, JSON-LD, CSL-JSON, search texts, page titles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .latex import LITERAL_DOLLAR, math_to_text

__all__ = ["math_segments", "plain_text"]

# `$$...$$` first so it is not read as two empty `$...$`. A single-dollar segment must not start or
# end with a space (arithmatex's "smart dollar" rule), so "$5 and $10" stays text. A dollar after
# a backslash or the literal-dollar mark (U+2060) is no delimiter, and math holds no marked dollar.
# In a .bib file (LaTeX, not Markdown) "$ \Omega $" is math too: a segment with spaces inside its
# dollars counts when it holds a command, "^" or "_".
_MATH = re.compile(
    r"(?<![\\\u2060])\$\$(?P<display>(?:[^\\\u2060]|\\.)+?)\$\$"
    r"|(?<![\\\u2060])\$(?=[^\s$])(?P<inline>(?:[^$\\\u2060]|\\.)+?)(?<=\S)\$"
    # (The lookahead checks for a command, "^" or "_" in one pass that cannot backtrack.)
    r"|(?<![\\\u2060])\$(?=(?:[^$\\\u2060^_]|\\[^A-Za-z])*(?:\\[A-Za-z]|[\^_]))"
    r"(?P<spaced>(?:[^$\\\u2060]|\\.)*?)\$",
    re.S,
)


def _literal(text: str) -> str:
    """Text outside math with its literal dollars (marked, or `\\$`) as plain "$"."""
    return text.replace(LITERAL_DOLLAR, "$").replace("\\$", "$")


def math_segments(text: str) -> Iterator[tuple[bool, str]]:
    """Split text into (is_math, part) pairs; a literal dollar outside math becomes a plain "$".

    A literal dollar is `latex.LITERAL_DOLLAR` (what the loader makes of `\\$`) or `\\$`.
    """
    pos = 0
    for match in _MATH.finditer(text):
        if match.start() > pos:
            yield False, _literal(text[pos : match.start()])
        yield True, match.group("display") or match.group("inline") or match.group("spaced").strip()
        pos = match.end()
    if pos < len(text):
        yield False, _literal(text[pos:])


def plain_text(text: str) -> str:
    """Text with math replaced by its Unicode approximation (for meta tags, CSL, search)."""
    if "$" not in text:
        return text
    return "".join(math_to_text(p) if m else p for m, p in math_segments(text))
