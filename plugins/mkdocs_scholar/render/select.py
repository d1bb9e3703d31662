"""Which entries a `/// publications` block shows, in what order, under which headings.

Pure selection: publications in, groups of publications out; `publications.py` renders them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from mkdocs_scholar.bibliography.model import KINDS, Publication

__all__ = ["FORTHCOMING", "KIND_TITLES", "NO_KEYWORD", "UNDATED", "Group", "ListOptions", "select"]

KIND_TITLES: dict[str, str] = {
    "journal": "Journal articles",
    "conference": "Conference papers",
    "workshop": "Workshop papers",
    "preprint": "Preprints",
    "thesis": "Theses",
    "book": "Books and chapters",
    "other": "Other",
}
"""Group headings for `group_by: type`, in display order."""

UNDATED = "Undated"
"""Heading of entries without a year when grouping by year."""
FORTHCOMING = "Forthcoming"
"""Heading of entries with a status ("in press", "submitted") but no year, first when grouping by year."""
NO_KEYWORD = "Other"
"""Heading of entries without keywords when grouping by keyword."""


@dataclass(frozen=True)
class ListOptions:
    """The options of one `/// publications` block (a plain mirror of `config.PublicationsBlock`)."""

    group_by: str = "year"
    selected: bool = False
    limit: int | None = None
    keys: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    keywords: tuple[str, ...] = ()
    filter: bool | None = None
    heading_level: int = 2

    def shows_filter(self, count: int) -> bool:
        """Whether the list gets a filter bar: as asked, else when it has more than 5 entries."""
        return self.filter if self.filter is not None else count > 5


@dataclass(frozen=True)
class Group:
    """Entries under one heading; `title` is "" for `group_by: none`."""

    title: str
    entries: tuple[Publication, ...]
    repeats: frozenset[str] = frozenset()
    """Keys already shown in an earlier group of the same list (an entry with two keywords):
    pass them to `PublicationRenderer.group` so the page never has the same id twice."""


def select(pubs: Sequence[Publication], opts: ListOptions) -> tuple[list[Group], list[str]]:
    """Filter, order, limit and group publications for one list.

    Args:
        pubs: All publications, newest first (as the bibliography gives them).
        opts: The block's options.

    Returns:
        The groups in display order, and messages about the options (unknown keys, keywords
        no entry has, a negative limit); the caller adds the page's name.
    """
    messages: list[str] = []
    chosen = list(pubs)
    if opts.keys:
        by_key: dict[str, Publication] = {}
        for pub in pubs:
            by_key.setdefault(pub.key, pub)
        wanted = list(dict.fromkeys(opts.keys))
        messages += [f"unknown BibTeX key '{key}' in `keys`" for key in wanted if key not in by_key]
        if opts.group_by == "none":  # the author chose an order: keep it
            chosen = [by_key[key] for key in wanted if key in by_key]
        else:
            chosen = [pub for pub in chosen if pub.key in set(wanted)]
    if opts.selected:
        chosen = [pub for pub in chosen if pub.selected]
    if opts.type:
        chosen = [pub for pub in chosen if pub.kind in opts.type]
    if opts.years:
        chosen = [pub for pub in chosen if pub.year in opts.years]
    if opts.keywords:
        known = {kw.casefold() for pub in pubs for kw in pub.keywords}
        messages += [
            f"no entry has the keyword '{kw}' (in `keywords`)"
            for kw in opts.keywords
            if kw.casefold() not in known
        ]
        wanted_kw = {kw.casefold() for kw in opts.keywords}
        chosen = [pub for pub in chosen if any(kw.casefold() in wanted_kw for kw in pub.keywords)]
    if opts.limit is not None:
        if opts.limit < 0:
            messages.append(f"`limit` must be 0 or more, not {opts.limit}: ignored")
        else:
            chosen = chosen[: opts.limit]
    return _grouped(chosen, opts), messages


def _bucket(pubs: list[Publication], key: Callable[[Publication], Any]) -> dict[Any, list[Publication]]:
    """Entries by `key`, each bucket in input order."""
    buckets: dict[Any, list[Publication]] = {}
    for pub in pubs:
        buckets.setdefault(key(pub), []).append(pub)
    return buckets


def _grouped(pubs: list[Publication], opts: ListOptions) -> list[Group]:
    if not pubs:
        return []
    if opts.group_by == "year":
        # One pass, not one scan per year: a 7,000-entry file spans ~80 years.
        by_year = _bucket(pubs, lambda p: p.year)
        years = sorted((y for y in by_year if y is not None), reverse=True)
        groups = [Group(str(y), tuple(by_year[y])) for y in years]
        no_year = by_year.get(None, [])
        soon = tuple(p for p in no_year if p.status)  # "in press": newer than any year
        undated = tuple(p for p in no_year if not p.status)
        return (
            ([Group(FORTHCOMING, soon)] if soon else [])
            + groups
            + ([Group(UNDATED, undated)] if undated else [])
        )
    if opts.group_by == "type":
        by_kind = _bucket(pubs, lambda p: p.kind)
        return [Group(KIND_TITLES[k], tuple(by_kind[k])) for k in KINDS if k in by_kind]
    if opts.group_by == "keyword":
        return _keyword_groups(pubs, opts.keywords)
    return [Group("", tuple(pubs))]


def _keyword_groups(pubs: list[Publication], only: tuple[str, ...]) -> list[Group]:
    wanted = {kw.casefold() for kw in only}
    spelling: dict[str, str] = {}  # first spelling met names the heading
    members: dict[str, list[Publication]] = {}
    rest: list[Publication] = []
    # One pass over the entries, not one per keyword: reference managers give nearly every
    # entry keywords of its own, and a scan per keyword made 2,000 entries take seconds.
    for pub in pubs:
        folded: dict[str, str] = {}
        for kw in pub.keywords:
            folded.setdefault(kw.casefold(), kw)
        mine = [f for f in folded if not wanted or f in wanted]
        for f in mine:
            spelling.setdefault(f, folded[f])
            members.setdefault(f, []).append(pub)
        if not mine:
            rest.append(pub)
    groups: list[Group] = []
    seen: set[str] = set()
    for f in sorted(spelling):
        entries = tuple(members[f])
        keys = {p.key for p in entries}
        groups.append(Group(spelling[f], entries, frozenset(seen & keys)))
        seen |= keys
    if rest:
        groups.append(Group(NO_KEYWORD, tuple(rest), frozenset(seen & {p.key for p in rest})))
    return groups
