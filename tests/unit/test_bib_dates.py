"""Years, months and biblatex dates (bibliography/dates.py)."""

from __future__ import annotations

import pytest

from mkdocs_scholar.bibliography.dates import PartialDate, parse_date, parse_month, parse_year


@pytest.mark.parametrize(
    ("value", "year"),
    [
        ("2023", 2023),
        ("{2023}", 2023),
        ("2023a", 2023),
        ("1998/99", 1998),
        ("1727", 1727),  # lsst__refs_ads.bib
        ("{{13th Century}}", None),  # citation-js__literals.bib
        ("19xx", None),  # beebe__java.bib
        ("in press", None),
        ("", None),
    ],
)
def test_parse_year(value: str, year: int | None) -> None:
    """A year is a number; anything else has no year."""
    assert parse_year(value) == year


@pytest.mark.parametrize(
    ("value", "month"),
    [
        ("January", 1),  # the expansion of the jan macro
        ("mar", 3),
        ("Mar", 3),
        ("March~28--30,", 3),  # ernst.bib: Mar # "~28--30,"
        ("1~March", 3),  # tidy-others__example1.bib: "1~" # mar
        ("{May}", 5),  # alfolio__papers.bib
        ("Sept.", 9),
        ("12", 12),
        ("{1}", 1),  # jabref__bibWithMixedContent.bib
        ("jul", 7),
        ("Jan.-Feb.", 1),
        ("2016-06-03T00:00:00", 6),  # 4c-multiphysics__papers.bib
        ("13", None),
        ("Summer", None),
        ("????", None),  # beebe__java.bib
    ],
)
def test_parse_month(value: str, month: int | None) -> None:
    """Month numbers, names, abbreviations and month-plus-day texts give the month."""
    assert parse_month(value) == month


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2023", PartialDate(2023)),
        ("2023-05", PartialDate(2023, 5)),
        ("2023-05-17", PartialDate(2023, 5, 17)),
        ("2023-05-17/2023-06-01", PartialDate(2023, 5, 17)),
        ("1997/", PartialDate(1997)),
        ("2004-22", PartialDate(2004)),  # EDTF season: the year is still right
        ("1985~", PartialDate(1985)),
        ("19XXX-XX-XX", None),  # typst-biblatex__incorrect_data.bib
        ("2012-13", None),  # typst-biblatex__incorrect_data.bib
        ("2023-02-30", None),
        ("1.5.1998", None),  # biber__dateformats.bib
        ("/2010", None),
    ],
)
def test_parse_date(value: str, date: PartialDate | None) -> None:
    """biblatex dates give their start; impossible dates give None."""
    assert parse_date(value) == date
