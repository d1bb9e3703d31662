"""Choosing and grouping news items for a block."""

from __future__ import annotations

import pytest

from mkdocs_scholar.news.model import NewsDate, NewsItem
from mkdocs_scholar.news.select import all_tags, group_by_year, select


def item(slug: str, date: NewsDate, *tags: str) -> NewsItem:
    """A minimal item."""
    return NewsItem(slug=slug, date=date, title=slug, tags=tags)


ITEMS = [
    item("sebastien", NewsDate(2024, 9, 16), "group"),
    item("dibyakanti", NewsDate(2024, 7, 1), "group", "PhD"),
    item("burgers", NewsDate(2024, 6, 11), "paper"),
    item("imperial", NewsDate(2023, 10, 27), "talk"),
    item("q4", NewsDate(2023, 10), "paper", "Machine Learning"),
    item("grant", NewsDate(2023), "grant"),
    item("brown", NewsDate(2021, 6, 18), "talk"),
]


@pytest.mark.parametrize(
    ("kwargs", "slugs"),
    [
        ({}, ["sebastien", "dibyakanti", "burgers", "imperial", "q4", "grant", "brown"]),
        ({"limit": 2}, ["sebastien", "dibyakanti"]),
        ({"limit": 0}, []),
        ({"limit": -1}, []),
        ({"limit": 99}, ["sebastien", "dibyakanti", "burgers", "imperial", "q4", "grant", "brown"]),
        ({"tags": ["talk"]}, ["imperial", "brown"]),
        ({"tags": ["Talk", "grant"]}, ["imperial", "grant", "brown"]),
        ({"tags": ["machine learning"]}, ["q4"]),
        ({"tags": ["phd"]}, ["dibyakanti"]),
        ({"tags": ["nothing"]}, []),
        ({"years": [2023]}, ["imperial", "q4", "grant"]),
        ({"years": [2021, 2024], "tags": ["talk"]}, ["brown"]),
        ({"tags": ["paper", "talk"], "limit": 2}, ["burgers", "imperial"]),
    ],
)
def test_select(kwargs: dict[str, object], slugs: list[str]) -> None:
    """Tag (by slug, any of) and year filters apply before the limit; order is kept."""
    assert [i.slug for i in select(ITEMS, **kwargs)] == slugs  # type: ignore[arg-type]


def test_group_by_year_keeps_order() -> None:
    """Years appear in the order of their first item; items keep their order within a year."""
    groups = group_by_year(ITEMS)
    assert [(year, [i.slug for i in items]) for year, items in groups] == [
        (2024, ["sebastien", "dibyakanti", "burgers"]),
        (2023, ["imperial", "q4", "grant"]),
        (2021, ["brown"]),
    ]


def test_group_by_year_of_nothing() -> None:
    """No items, no groups."""
    assert group_by_year([]) == []


def test_all_tags_most_used_first() -> None:
    """Each tag once, most used first, ties alphabetical (ignoring case)."""
    assert all_tags(ITEMS) == ["group", "paper", "talk", "grant", "Machine Learning", "PhD"]
