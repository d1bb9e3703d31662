"""Small facts about a Markdown body: its excerpt, its first paragraph, its length in words.

These work on the Markdown source, not on HTML: the loader must decide about excerpts and
own pages before the lead renders anything. They only need to be right for prose, so they
skip fenced code and ignore link targets, and never try to parse Markdown fully.
"""

from __future__ import annotations

import re

_MORE = re.compile(r"^[ \t]*<!--\s*more\s*-->[ \t]*$", re.IGNORECASE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$", re.MULTILINE)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_BLOCK_MARKS = re.compile(r"^ {0,3}(?:#{1,6}\s+|(?:[-*+]|\d+[.)])\s+|>\s?)", re.MULTILINE)
# Emphasis and code marks; an underscore only at a word's edge (snake_case stays).
_INLINE_MARKS = re.compile(r"[*`~]+|(?<!\w)_+|_+(?!\w)")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def _outside_fences(lines: list[str]) -> list[bool]:
    """For each line: True when it is prose, False inside (or on) a fenced code block."""
    result: list[bool] = []
    fence: str | None = None
    for line in lines:
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            result.append(False)
        elif fence is not None:
            # A fence closes with the same character, at least as long as the opener.
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            result.append(False)
        else:
            result.append(True)
    return result


def split_more(markdown: str) -> tuple[str | None, str]:
    """Split at the first `<!-- more -->` line outside code.

    Returns:
        (text before the marker, stripped — or None when there is no marker;
        the whole text with that marker line removed).
    """
    lines = markdown.split("\n")
    for index, (line, prose) in enumerate(zip(lines, _outside_fences(lines), strict=True)):
        if prose and _MORE.match(line):
            before = "\n".join(lines[:index]).strip()
            whole = "\n".join(lines[:index] + lines[index + 1 :])
            return before, whole.strip("\n")
    return None, markdown


def first_paragraph(markdown: str) -> str:
    """The first block of the text: lines up to the first blank line that is not inside code."""
    lines = markdown.strip("\n").split("\n")
    taken: list[str] = []
    for line, prose in zip(lines, _outside_fences(lines), strict=True):
        if prose and not line.strip():
            if taken:
                break
            continue
        taken.append(line)
    return "\n".join(taken).strip()


def plain_text(markdown: str) -> str:
    """Markdown to rough plain text: link and image text kept, targets and markup dropped."""
    text = _COMMENT.sub(" ", markdown)
    text = _REF_DEF.sub(" ", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = _BLOCK_MARKS.sub(" ", text)
    text = _INLINE_MARKS.sub("", text)
    return " ".join(text.split())


def word_count(markdown: str) -> int:
    """Words a reader sees (link targets, HTML tags and comments do not count)."""
    return len(_WORD.findall(plain_text(markdown)))


def first_words(markdown: str, count: int = 12) -> str:
    """The opening `count` words as plain text, with "…" when the text goes on."""
    words = plain_text(markdown).split()
    if len(words) <= count:
        return " ".join(words)
    return " ".join(words[:count]).rstrip(",;:.") + "…"
