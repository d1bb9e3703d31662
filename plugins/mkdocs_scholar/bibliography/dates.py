"""Years, months and biblatex dates -> numbers, with a reason when a value makes no sense."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

__all__ = ["MONTH_MACROS", "PartialDate", "days_in_month", "parse_date", "parse_month", "parse_year"]

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTH_MACROS: dict[str, str] = {name[:3].lower(): name for name in MONTH_NAMES}
"""BibTeX's predefined month macros: jan -> "January", ..."""

_MONTH_BY_PREFIX = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_YEAR = re.compile(r"(\d{1,4})[a-z]?")
# "1998/99", "1998--1999": a span of years starts in its first year.
_YEAR_SPAN = re.compile(r"(\d{4})\s*(?:/|-{1,3}|–)\s*\d{2,4}")
_ISO_MONTH = re.compile(r"\d{4}-(\d{2})\b")
_WORD = re.compile(r"[^\W\d_]+")
_NUMBER = re.compile(r"\d+")
# ISO 8601 as biblatex takes it: YYYY, YYYY-MM, YYYY-MM-DD, with EDTF's uncertainty marks.
_ISO = re.compile(r"(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[\d:]+Z?)?[?~%]?")


@dataclass(frozen=True)
class PartialDate:
    """A date as precise as the entry gives it."""

    year: int | None = None
    month: int | None = None
    day: int | None = None


def _clean(value: str) -> str:
    return value.replace("{", "").replace("}", "").replace("~", " ").strip()


def parse_year(value: str) -> int | None:
    """The year of a `year` field ("2023", "{2023}", "2023a", "1998/99"), or None if it has none."""
    text = _clean(value)
    m = _YEAR.fullmatch(text) or _YEAR_SPAN.fullmatch(text)
    return int(m.group(1)) if m else None


def parse_month(value: str) -> int | None:
    """The month of a `month` field: "3", "mar", "March", "Mar.~28--30," -> 3; else None."""
    text = _clean(value)
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    iso = _ISO_MONTH.match(text)
    if iso:
        # A whole date in the month field ("2016-06-03T00:00:00", from some exporters).
        number = int(iso.group(1))
        return number if 1 <= number <= 12 else None
    word = _WORD.search(text)
    if word is not None:
        return _MONTH_BY_PREFIX.get(word.group(0)[:3].lower())
    number_match = _NUMBER.match(text)
    if number_match is not None and 1 <= int(number_match.group(0)) <= 12:
        return int(number_match.group(0))
    return None


def parse_date(value: str) -> PartialDate | None:
    """A biblatex `date` ("2023", "2023-05", "2023-05-17", "2023-05/2023-07") -> its start; None if invalid."""
    text = _clean(value)
    start = text.split("/", 1)[0].strip()
    if not start or start == "..":
        return None
    m = _ISO.fullmatch(start)
    if m is None:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        # EDTF seasons (21-24) and the like: keep the year only.
        return PartialDate(year) if 21 <= month <= 41 else None
    if day is not None and month is not None:
        try:
            datetime.date(max(year, 1), month, day)
        except ValueError:
            return None
    return PartialDate(year, month, day)


def days_in_month(year: int | None, month: int) -> int:
    """Days in `month` (1-12) of `year`; February has 29 when the year is unknown or out of range."""
    return calendar.monthrange(year if year is not None and 1 <= year <= 9999 else 2000, month)[1]
