"""Entries as the loader hands them on: raw values (LaTeX kept, macros expanded), and problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..problems import Problem

__all__ = ["Database", "RawEntry"]


@dataclass
class RawEntry:
    """An entry as parsed: values still LaTeX, but macros expanded and whitespace collapsed."""

    entry_type: str
    """Lower-case entry type as written ("article", "livelink", ...)."""
    key: str
    fields: dict[str, str]
    """Lower-case field name -> value, in file order; xdata- then crossref-inherited fields come last."""
    file: str
    """Path as shown to the user."""
    line: int
    """1-based line of the `@`."""
    order: int = 0
    """Position among all entries of all files."""


@dataclass
class Database:
    """Every entry of every file (first of each key only) and the problems met."""

    entries: list[RawEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
