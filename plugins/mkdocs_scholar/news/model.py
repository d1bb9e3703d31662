"""The news data the rest of the plugin sees: plain, frozen, MkDocs-free.

Nothing here is escaped; `title`, `body`, `excerpt` and `tags` are the user's text, and the
Markdown fields are still Markdown. Escaping and rendering are the renderer's (and the lead's) job.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..bibliography.dates import MONTH_NAMES


@dataclass(frozen=True)
class NewsDate:
    """A date with the precision its source had: a day, a month or only a year.

    Many old news lines say only "2021" or "October 2023"; inventing a day would print a
    date nobody wrote, so the missing parts stay None and only machine uses pad them.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        # Let `datetime.date` decide what a real calendar day is (2024-02-30 is not).
        self.start()

    @property
    def precision(self) -> str:
        """ "day", "month" or "year"."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def iso(self) -> str:
        """ "YYYY-MM-DD", missing parts padded with 01 — for machines only (sorting, data-date)."""
        return self.start().isoformat()

    def partial_iso(self) -> str:
        """ "2024-06-11", "2023-10" or "2023": as precise as the source (HTML `<time datetime>`)."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def display(self) -> str:
        """ "11 June 2024", "October 2023" or "2023"."""
        if self.month is None:
            return str(self.year)
        month = MONTH_NAMES[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def start(self) -> dt.date:
        """The first day of the period (the day itself when it is known)."""
        month = 1 if self.month is None else self.month
        return dt.date(self.year, month, 1 if self.day is None else self.day)

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Chronological key; a day-less date sorts as the start of its period, before its days.

        Newest first, "October 2023" therefore comes after "15 October 2023": the vague item
        closes its period instead of claiming its last day. The feed uses the same instant.
        """
        return (self.year, self.month or 0, self.day or 0)


@dataclass(frozen=True)
class NewsItem:
    """One validated news item, read from `<news_dir>/<slug>.md`."""

    slug: str
    """URL- and id-safe name from the file name, unique among the items."""
    date: NewsDate
    title: str
    """Plain text; "" when the item has none (the body then speaks for itself)."""
    tags: tuple[str, ...] = ()
    """Tags as the user wrote them (display text); see `tag_slug` for their URL/id form."""
    papers: tuple[str, ...] = ()
    """BibTeX keys of related papers (canonical spelling when `known_keys` was given)."""
    body: str = ""
    """Markdown of the whole item, without the `<!-- more -->` marker."""
    excerpt: str = ""
    """Markdown shown on the timeline when the item has its own page (see `timeline_markdown`)."""
    has_page: bool = False
    """The item gets its own page at `news/<slug>/`."""
    link: str | None = None
    """An absolute http(s) URL the title points to when the item has no page of its own."""
    source_file: str = ""
    """Path of the source as the user knows it (relative to the display root, "/" separators)."""
    source_path: Path = Path()

    @property
    def timeline_markdown(self) -> str:
        """What the timeline shows: the excerpt when a page holds the rest, else the whole body."""
        return self.excerpt if self.has_page else self.body

    @property
    def tag_pairs(self) -> tuple[tuple[str, str], ...]:
        """(slug, label) per tag: the slug goes into `data-tags` and `?tag=`, the label is shown."""
        return tuple((tag_slug(tag), tag) for tag in self.tags)


def slugify(text: str) -> str:
    """Lower-case letters, digits and single hyphens: "Résumé — 2024!" -> "resume-2024".

    Accents are folded (é -> e) but other scripts are kept ("数学" stays), so a non-Latin
    name never collapses to an empty string.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    folded = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))
    return re.sub(r"[\W_]+", "-", folded.lower()).strip("-")


def tag_slug(tag: str) -> str:
    """A tag's token form for `data-tags` (space-separated) and `?tag=`: "Machine Learning" -> "machine-learning"."""
    return slugify(tag) or "tag"
