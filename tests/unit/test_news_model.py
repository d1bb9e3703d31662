"""News dates, slugs and the Markdown text helpers."""

from __future__ import annotations

import datetime as dt

import pytest

from mkdocs_scholar.news.load import parse_date
from mkdocs_scholar.news.model import NewsDate, NewsItem, slugify, tag_slug
from mkdocs_scholar.news.text import first_paragraph, first_words, plain_text, split_more, word_count


@pytest.mark.parametrize(
    ("date", "iso", "partial", "shown", "precision"),
    [
        (NewsDate(2024, 6, 11), "2024-06-11", "2024-06-11", "11 June 2024", "day"),
        (NewsDate(2023, 10), "2023-10-01", "2023-10", "October 2023", "month"),
        (NewsDate(2023), "2023-01-01", "2023", "2023", "year"),
        (NewsDate(2021, 1, 5), "2021-01-05", "2021-01-05", "5 January 2021", "day"),
    ],
)
def test_news_date_forms(date: NewsDate, iso: str, partial: str, shown: str, precision: str) -> None:
    """iso() pads for machines, partial_iso() and display() never invent a day."""
    assert date.iso() == iso
    assert date.partial_iso() == partial
    assert date.display() == shown
    assert date.precision == precision


@pytest.mark.parametrize(
    ("year", "month", "day"), [(2024, 2, 30), (2024, 13, None), (2023, None, 5), (2024, 0, None)]
)
def test_news_date_rejects_impossible_dates(year: int, month: int | None, day: int | None) -> None:
    """A NewsDate is always a real calendar period."""
    with pytest.raises(ValueError):
        NewsDate(year, month, day)


def test_sort_key_puts_vague_dates_at_the_start_of_their_period() -> None:
    """Newest first, a month-only date follows that month's days and precedes the month before."""
    dates = [
        NewsDate(2023, 10),
        NewsDate(2023, 10, 27),
        NewsDate(2023),
        NewsDate(2023, 9, 30),
        NewsDate(2024),
    ]
    ordered = sorted(dates, key=lambda d: d.sort_key, reverse=True)
    assert [d.partial_iso() for d in ordered] == ["2024", "2023-10-27", "2023-10", "2023-09-30", "2023"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2024, 6, 11), NewsDate(2024, 6, 11)),
        (dt.datetime(2024, 6, 11, 10, 30), NewsDate(2024, 6, 11)),
        ("2024-06-11", NewsDate(2024, 6, 11)),
        (" 2024-06-11 ", NewsDate(2024, 6, 11)),
        ("2024-6-1", NewsDate(2024, 6, 1)),
        ("2024-06-11T10:30:00+01:00", NewsDate(2024, 6, 11)),
        ("2024-06-11 10:30", NewsDate(2024, 6, 11)),
        ("2023-10", NewsDate(2023, 10)),
        ("2023", NewsDate(2023)),
        (2023, NewsDate(2023)),
    ],
)
def test_parse_date_accepts(value: object, expected: NewsDate) -> None:
    """Date objects, full and partial ISO strings and a bare year are dates."""
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-13-01", "month must be in 1..12"),
        ("2024-02-30", "day is out of range"),
        ("2023-00", "month must be in 1..12"),
        ("yesterday", "not a date"),
        ("11/06/2024", "not a date"),
        ("2024W24", "not a date"),
        ("24-06-11", "not a date"),
        (True, "not a date"),
        (20240611, "not a date"),
        (2024.5, "not a date"),
        ([2024], "not a date"),
        (None, "not a date"),
    ],
)
def test_parse_date_rejects(value: object, message: str) -> None:
    """Everything else raises ValueError with a message for the user."""
    with pytest.raises(ValueError, match=message):
        parse_date(value)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("2024-06-11-burgers-pinn", "2024-06-11-burgers-pinn"),
        ("Résumé — 2024!", "resume-2024"),
        ("ELLIS member", "ellis-member"),
        ("a__b  c", "a-b-c"),
        ("数学", "数学"),
        ("---", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    """Slugs are lower-case, hyphen-separated, accent-folded, other scripts kept."""
    assert slugify(text) == slug


def test_tag_pairs_and_tag_slug() -> None:
    """A tag keeps its label and gets a token form; a tag of symbols still gets a token."""
    item = NewsItem(slug="x", date=NewsDate(2024), title="t", tags=("Machine Learning", "ICML"))
    assert item.tag_pairs == (("machine-learning", "Machine Learning"), ("icml", "ICML"))
    assert tag_slug("!!!") == "tag"


def test_timeline_markdown_is_the_excerpt_only_with_a_page() -> None:
    """The timeline shows the excerpt when a page holds the rest, else the whole body."""
    item = NewsItem(slug="x", date=NewsDate(2024), title="t", body="one\n\ntwo", excerpt="one", has_page=True)
    assert item.timeline_markdown == "one"
    flat = NewsItem(slug="x", date=NewsDate(2024), title="t", body="one\n\ntwo", excerpt="one")
    assert flat.timeline_markdown == "one\n\ntwo"


@pytest.mark.parametrize(
    ("markdown", "before", "whole"),
    [
        ("a\n\n<!-- more -->\n\nb", "a", "a\n\n\nb"),
        ("a\n<!--more-->\nb", "a", "a\nb"),
        ("a\n  <!-- MORE -->  \nb", "a", "a\nb"),
        ("a <!-- more --> b", None, "a <!-- more --> b"),
        ("```\n<!-- more -->\n```\nb", None, "```\n<!-- more -->\n```\nb"),
        ("no marker", None, "no marker"),
    ],
)
def test_split_more(markdown: str, before: str | None, whole: str) -> None:
    """Only a `<!-- more -->` line outside code splits the text; the marker line is removed."""
    assert split_more(markdown) == (before, whole)


@pytest.mark.parametrize(
    ("markdown", "first"),
    [
        ("one\ntwo\n\nthree", "one\ntwo"),
        ("\n\n  \none\n\ntwo", "one"),
        ("```\ncode\n\nmore code\n```\n\nafter", "```\ncode\n\nmore code\n```"),
        ("~~~~\n```\n\n~~~~\nx\n\ny", "~~~~\n```\n\n~~~~\nx"),
        ("only", "only"),
    ],
)
def test_first_paragraph(markdown: str, first: str) -> None:
    """The first block ends at a blank line that is not inside a fenced code block."""
    assert first_paragraph(markdown) == first


@pytest.mark.parametrize(
    ("markdown", "count"),
    [
        ("Got the UniCS award!", 4),
        ("See [our paper](https://arxiv.org/abs/2310.05169) now", 4),
        ("![a plot](img.png) here", 3),
        ("<!-- hidden words here --> two words", 2),
        ("**bold** and _it_", 3),
        ("Andre-Sloan joins, it's great", 4),
        ("[ref]: https://example.org/a-b-c\n\nword", 1),
        ("snake_case_name and __dunder__", 3),
        ("", 0),
    ],
)
def test_word_count(markdown: str, count: int) -> None:
    """Words a reader sees: link targets, comments, tags and markup do not count."""
    assert word_count(markdown) == count


def test_plain_text_and_first_words() -> None:
    """Plain text keeps link text; first_words cuts with an ellipsis only when the text goes on."""
    assert plain_text("## Hi [there](x.md) *you*") == "Hi there you"
    assert plain_text("- member of **ELLIS**.\n> quoted `code`") == "member of ELLIS. quoted code"
    assert first_words("one two three", 3) == "one two three"
    assert first_words("one two, three four", 2) == "one two…"
