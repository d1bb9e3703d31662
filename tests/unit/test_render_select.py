"""Which entries a `/// publications` block shows, in what order, under which headings."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mkdocs_scholar.bibliography.model import Publication
from mkdocs_scholar.render.publications import date_text
from mkdocs_scholar.render.select import Group, ListOptions, select

BASE = Publication(key="", slug="", entry_type="article", kind="journal", title="")

# Newest first, as the bibliography hands them over.
PUBS = (
    replace(
        BASE, key="j24", slug="j24", year=2024, kind="journal", keywords=("PDE", "Theory"), selected=True
    ),
    replace(BASE, key="p24", slug="p24", year=2024, kind="preprint", keywords=("pde",)),
    replace(BASE, key="c23", slug="c23", year=2023, kind="conference", keywords=("Optimisation",)),
    replace(BASE, key="w21", slug="w21", year=2021, kind="workshop", selected=True),
    replace(
        BASE, key="t20", slug="t20", year=2020, kind="thesis", entry_type="phdthesis", keywords=("Theory",)
    ),
    replace(BASE, key="o00", slug="o00", year=None, kind="other"),
)


def keys(groups: list[Group]) -> list[tuple[str, list[str]]]:
    """Groups as (title, keys) pairs."""
    return [(g.title, [p.key for p in g.entries]) for g in groups]


@pytest.mark.parametrize(
    ("opts", "expected"),
    [
        (
            ListOptions(),
            [
                ("2024", ["j24", "p24"]),
                ("2023", ["c23"]),
                ("2021", ["w21"]),
                ("2020", ["t20"]),
                ("Undated", ["o00"]),
            ],
        ),
        (ListOptions(group_by="none"), [("", ["j24", "p24", "c23", "w21", "t20", "o00"])]),
        (
            ListOptions(group_by="type"),
            [
                ("Journal articles", ["j24"]),
                ("Conference papers", ["c23"]),
                ("Workshop papers", ["w21"]),
                ("Preprints", ["p24"]),
                ("Theses", ["t20"]),
                ("Other", ["o00"]),
            ],
        ),
        (
            ListOptions(group_by="keyword"),
            [
                ("Optimisation", ["c23"]),
                ("PDE", ["j24", "p24"]),
                ("Theory", ["j24", "t20"]),
                ("Other", ["w21", "o00"]),
            ],
        ),
        (ListOptions(group_by="none", selected=True), [("", ["j24", "w21"])]),
        (ListOptions(group_by="none", limit=2), [("", ["j24", "p24"])]),
        (ListOptions(group_by="none", limit=0), []),
        (ListOptions(group_by="none", type=("thesis", "workshop")), [("", ["w21", "t20"])]),
        (ListOptions(group_by="none", years=(2023, 2020)), [("", ["c23", "t20"])]),
        (ListOptions(group_by="none", keywords=("pde",)), [("", ["j24", "p24"])]),
        (ListOptions(group_by="keyword", keywords=("theory",)), [("Theory", ["j24", "t20"])]),
        (ListOptions(group_by="none", keys=("t20", "j24", "c23")), [("", ["t20", "j24", "c23"])]),
        (ListOptions(group_by="year", keys=("t20", "j24")), [("2024", ["j24"]), ("2020", ["t20"])]),
        (ListOptions(group_by="none", keys=("t20", "j24"), limit=1), [("", ["t20"])]),
        (ListOptions(group_by="none", selected=True, type=("journal",), years=(2024,)), [("", ["j24"])]),
        (ListOptions(selected=True, years=(1999,)), []),
    ],
)
def test_select(opts: ListOptions, expected: list[tuple[str, list[str]]]) -> None:
    """Filters combine, order is newest first (or the keys' order), groups come in a fixed order."""
    groups, messages = select(PUBS, opts)
    assert keys(groups) == expected
    assert messages == []


def test_unknown_keys_are_reported_once() -> None:
    """A key not in the bibliography is a message; the known keys still show."""
    groups, messages = select(PUBS, ListOptions(group_by="none", keys=("nope", "j24", "nope")))
    assert keys(groups) == [("", ["j24"])]
    assert messages == ["unknown BibTeX key 'nope' in `keys`"]


def test_unknown_keyword_is_reported() -> None:
    """A keyword no entry has is probably a typo: say so."""
    groups, messages = select(PUBS, ListOptions(keywords=("Theroy",)))
    assert groups == []
    assert messages == ["no entry has the keyword 'Theroy' (in `keywords`)"]


def test_negative_limit_is_reported_and_ignored() -> None:
    """A negative limit is a message, not an empty list."""
    groups, messages = select(PUBS, ListOptions(group_by="none", limit=-1))
    assert len(groups[0].entries) == len(PUBS)
    assert len(messages) == 1 and "limit" in messages[0]


def test_keyword_groups_mark_repeats() -> None:
    """An entry under two keywords is marked as a repeat in the later group (no duplicate id)."""
    groups, _ = select(PUBS, ListOptions(group_by="keyword"))
    repeats = {g.title: g.repeats for g in groups}
    assert repeats["PDE"] == frozenset()
    assert repeats["Theory"] == frozenset({"j24"})


def test_empty_bibliography() -> None:
    """No publications: no groups, no messages."""
    assert select((), ListOptions()) == ([], [])


@pytest.mark.parametrize(
    ("flag", "count", "expected"), [(None, 5, False), (None, 6, True), (True, 1, True), (False, 50, False)]
)
def test_shows_filter(flag: bool | None, count: int, expected: bool) -> None:
    """The filter bar shows when asked, else for lists longer than five."""
    assert ListOptions(filter=flag).shows_filter(count) is expected


class CountingPublication(Publication):
    """A publication that counts reads of its keywords (frozen dataclasses allow no counter field)."""

    reads = 0

    def __getattribute__(self, name: str) -> object:
        if name == "keywords":
            CountingPublication.reads += 1
        return super().__getattribute__(name)


@pytest.mark.parametrize("count", [100, 400])
def test_keyword_grouping_reads_each_entry_once(count: int) -> None:
    """Grouping by keyword is one pass over the entries, however many keywords there are: reference
    managers give nearly every entry keywords of its own, and a pass per keyword made 2,000 entries
    take seconds (quadratic)."""
    pubs = [
        CountingPublication(
            key=f"k{i}", slug=f"k{i}", entry_type="misc", kind="other", title="T",
            keywords=(f"kw{i}a", f"kw{i}b", "shared"),
        )
        for i in range(count)
    ]  # fmt: skip
    CountingPublication.reads = 0
    groups, _ = select(pubs, ListOptions(group_by="keyword"))
    assert len(groups) == 2 * count + 1
    assert groups[-1].title == "shared" and len(groups[-1].entries) == count
    assert CountingPublication.reads <= 2 * count, "entries are read a bounded number of times each"


def test_forthcoming_group_comes_first_and_undated_last() -> None:
    """Entries with a status but no year ("in press") head a year-grouped list; undated ones end it."""
    pubs = [
        replace(BASE, key="soon", slug="soon", status="in press"),
        replace(BASE, key="y24", slug="y24", year=2024),
        replace(BASE, key="none", slug="none"),
    ]
    groups, _ = select(pubs, ListOptions(group_by="year"))
    assert keys(groups) == [("Forthcoming", ["soon"]), ("2024", ["y24"]), ("Undated", ["none"])]


@pytest.mark.parametrize(
    ("year", "month", "status", "shown"),
    [
        (None, None, "in press", "in press"),
        (2025, None, "forthcoming", "2025 (forthcoming)"),
        (2024, 6, "", "June 2024"),
        (None, None, "", ""),
    ],
)
def test_date_text_shows_the_status(year: int | None, month: int | None, status: str, shown: str) -> None:
    assert date_text(replace(BASE, year=year, month=month, status=status)) == shown
