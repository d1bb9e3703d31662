"""Field values as BibTeX writes them: `{...}`, `"..."`, numbers and @string macros joined by `#`.

Macros of all files are one table, expanded on first use (definition order does not matter),
with bounds on depth and size so that hostile chains ("billion laughs") cannot exhaust memory.
"""

from __future__ import annotations

import re

from .dates import MONTH_MACROS
from .latex import balanced_braces

__all__ = [
    "MAX_DEPTH", "MAX_LENGTH", "MAX_TOTAL", "SPACES", "TOKEN", "Issue", "Macros", "Piece", "one_group",
    "parse_value",
]  # fmt: skip

# Values: `{...}`, `"..."`, numbers and macro names joined by `#`.

_MARKS = re.compile(r'(?<!\\)[{}"]')
TOKEN = re.compile(r'[^\s#{}"=,%]+')
"""A number or a macro name."""
SPACES = re.compile(r"[ \t\n]+")
"""Runs of whitespace, which a value shows as one space."""

Piece = tuple[bool, str]
"""(is_macro, text): a literal, or a macro name as written."""


def _closing(value: str, start: int) -> int:
    """Index of the delimiter closing the `{` or `"` at `start`, or -1."""
    quote = value[start] == '"'
    depth = 0
    for m in _MARKS.finditer(value, start + 1):
        char = m.group()
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                if not quote:
                    return m.start()
            else:
                depth -= 1
        elif quote and depth == 0:
            return m.start()
    return -1


def one_group(inner: str) -> bool:
    """True when `{inner}` is one braced literal: the first brace closes at the very end."""
    if "{" not in inner and "}" not in inner:
        return True
    # Most titles have braces ("{{GaN}} Nanowires"); `_closing` would walk them one by one.
    # (A backslash before the last brace escapes it: then the value is not closed.)
    return not inner.endswith("\\") and bool(balanced_braces(inner))


def parse_value(value: str) -> tuple[list[Piece], str | None]:
    """Split a raw value into literal and macro pieces; the second item describes a syntax error."""
    value = value.strip()
    first = value[:1]
    # Fast paths for the common cases: one braced or quoted literal, or a number.
    if first == "{" and value[-1] == "}":
        inner = value[1:-1]
        if one_group(inner):
            return [(False, inner)], None
    elif first == '"' and value[-1] == '"' and len(value) > 1:
        inner = value[1:-1]
        if '"' not in inner and "{" not in inner and "}" not in inner:
            return [(False, inner)], None
    elif value.isdigit():
        return [(False, value)], None
    pieces: list[Piece] = []
    error = None
    i, n = 0, len(value)
    expect_piece = True
    while i < n:
        char = value[i]
        if char in " \t\n":
            i += 1
        elif char == "%":
            # A comment to the end of the line (biber and typst allow them inside entries).
            newline = value.find("\n", i)
            i = n if newline < 0 else newline + 1
        elif char == "#":
            if expect_piece:
                error = error or "'#' without a value before it"
            expect_piece = True
            i += 1
        elif not expect_piece:
            error = error or f"missing '#' before {value[i : i + 20]!r}"
            expect_piece = True
        elif char in '{"':
            end = _closing(value, i)
            if end < 0:
                error = error or f"unclosed {char!r}"
                end = n
            pieces.append((False, value[i + 1 : end]))
            i = end + 1
            expect_piece = False
        else:
            m = TOKEN.match(value, i)
            if m is None:
                error = error or f"unexpected {char!r}"
                i += 1
                continue
            token = m.group()
            pieces.append((not token.isdigit(), token))
            i = m.end()
            expect_piece = False
    if expect_piece and pieces:
        error = error or "'#' without a value after it"
    return pieces, error


Issue = tuple[str, str]
"""(kind, macro name or cycle) met while expanding: kinds are the keys of `_ISSUE_MESSAGES`."""

MAX_DEPTH = 100
"""@string macros defined through macros nest this deep at most; deeper ones stay unexpanded."""

MAX_LENGTH = 1_000_000
"""A value expanded from @string macros holds fewer characters than this, else they stay unexpanded.

Macros that each repeat the previous one twice ("billion laughs") grow exponentially: 40 lines
would make a 2 TB value. Real values (abstracts included) are thousands of characters.
"""

MAX_TOTAL = 10 * MAX_LENGTH
"""Characters that macro expansion may build for all files together; later values stay unexpanded.

Else many macros just under `MAX_LENGTH` each would still take gigabytes. The largest real
files of the test corpus build under 50,000.
"""


class Macros:
    """@string macros of all files, expanded on first use so that definition order does not matter."""

    def __init__(self) -> None:
        self._pieces: dict[str, list[Piece]] = {}
        # name -> (text, issues met while expanding it)
        self._values: dict[str, tuple[str, tuple[Issue, ...]]] = {}
        self._resolving: list[str] = []
        self._budget = MAX_TOTAL

    def define(self, name: str, pieces: list[Piece]) -> bool:
        """Add a macro; returns False if it was defined before with another value (the new one wins)."""
        name = name.strip().lower()
        previous = self._pieces.get(name)
        self._pieces[name] = pieces
        self._values.clear()
        return previous is None or previous == pieces

    def value(self, name: str, issues: list[Issue]) -> str:
        """The text of a macro (names are case-insensitive); one that cannot be expanded is an issue and stands for its own name."""
        key = name.lower()
        cached = self._values.get(key)
        if cached is not None:
            issues.extend(cached[1])
            return cached[0]
        pieces = self._pieces.get(key)
        if pieces is None:
            month = MONTH_MACROS.get(key)
            if month is None:
                issues.append(("undefined", name))
            return month or name
        if key in self._resolving or len(self._resolving) >= MAX_DEPTH:
            issues.append(self._loop_issue(key, name))
            return name
        self._resolving.append(key)
        met: list[Issue] = []
        try:
            text = self.join(pieces, met, name)
        finally:
            self._resolving.pop()
        # Without duplicates: each level of a "billion laughs" would double the list.
        self._values[key] = (text, tuple(dict.fromkeys(met)))
        issues.extend(met)
        return text

    def _loop_issue(self, key: str, name: str) -> Issue:
        if key not in self._resolving:
            return ("deep", name)
        cycle = self._resolving[self._resolving.index(key) :]
        if len(cycle) == 1:
            return ("self", name)
        return ("cycle", " -> ".join([*cycle, key]))

    def join(self, pieces: list[Piece], issues: list[Issue], owner: str = "") -> str:
        """Concatenate pieces, expanding macro names; `owner` is the macro they define, if any.

        The length is checked before joining, so a too long result is never built: a macro
        then stands for its name, a field value for the value as written.
        """
        if len(pieces) == 1 and not pieces[0][0]:
            return pieces[0][1]
        parts = [self.value(text, issues) if is_macro else text for is_macro, text in pieces]
        size = sum(map(len, parts))
        if size < MAX_LENGTH and size <= self._budget:
            self._budget -= size
            return "".join(parts)
        issues.append(("long" if size >= MAX_LENGTH else "budget", owner))
        return owner or " # ".join(text for _, text in pieces)
