"""Entries back to BibTeX text, for the "BibTeX" box and the .bib download.

Values are written as they were parsed (LaTeX kept, macros expanded, crossref fields
inherited), each in braces, so that the text parses back to the same key and values. The one
exception is a month spelled out in full (`jun` expands to "June"): it is written back as
BibTeX's month macro, the form both BibTeX styles and biblatex (which wants a number or a
macro, and warns about "June") read as that month.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .dates import MONTH_NAMES
from .latex import balanced_braces
from .model import Publication

__all__ = ["format_bibliography", "format_entry"]

# bibtexparser's convention: a brace right after a backslash is escaped and not counted.
_BRACE = re.compile(r"(?<!\\)[{}]")
_MONTH_MACRO = {name.lower(): name[:3].lower() for name in MONTH_NAMES}


def _balanced(value: str) -> str:
    """`value` with braces that would end the field early escaped, so `{value}` parses back whole.

    Braced values parse balanced; quoted values and values built by hand may not be.
    """
    if ("{" in value or "}" in value) and not balanced_braces(value):
        # Not only hand-built values: a quoted value may hold "a } b { c".
        depth = 0
        for token in _BRACE.findall(value):
            if token == "{":
                depth += 1
            elif token == "}":
                depth -= 1
                if depth < 0:
                    break
        if depth != 0:
            value = _escape_unmatched(value)
    if value.endswith("\\") and (len(value) - len(value.rstrip("\\"))) % 2:
        # A final backslash would escape the closing brace.
        value += " "
    return value


def _escape_unmatched(value: str) -> str:
    unmatched: list[int] = []
    opened: list[int] = []
    for m in _BRACE.finditer(value):
        token = m.group()
        if token == "{":
            opened.append(m.start())
        elif token == "}":
            if opened:
                opened.pop()
            else:
                unmatched.append(m.start())
    # Built once from slices: inserting one backslash at a time copied the value each time.
    pieces: list[str] = []
    last = 0
    for index in sorted(unmatched + opened):
        pieces += [value[last:index], "\\"]
        last = index
    pieces.append(value[last:])
    return "".join(pieces)


def format_entry(entry_type: str, key: str, fields: Iterable[tuple[str, str]]) -> str:
    """One entry as BibTeX: `@type{key,` then `  name = {value},` lines, then `}`.

    Args:
        entry_type: the entry type as it should be written ("article").
        key: the citation key, unchanged.
        fields: (name, raw LaTeX value) pairs in the order to write them.
    """
    lines = [f"@{entry_type}{{{key},"]
    for name, value in fields:
        if name == "month" and (macro := _MONTH_MACRO.get(value.lower())):
            lines.append(f"  month = {macro},")
            continue
        if "{" in value or "}" in value or value.endswith("\\"):
            value = _balanced(value)
        lines.append(f"  {name} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines)


def format_bibliography(publications: Iterable[Publication]) -> str:
    """All entries as one .bib text (each entry's `bibtex`, display-only fields already left out)."""
    return "\n\n".join(p.bibtex for p in publications if p.bibtex) + "\n"
