"""The data the rest of the plugin sees: plain, frozen, MkDocs-free.

Every string here is display text (LaTeX already decoded to Unicode) except where a
field says otherwise. Nothing here is escaped: escaping is the templates' job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..problems import Problem

Kind = Literal["journal", "conference", "workshop", "preprint", "thesis", "book", "other"]
KINDS: tuple[Kind, ...] = ("journal", "conference", "workshop", "preprint", "thesis", "book", "other")

LinkKind = Literal[
    "arxiv", "doi", "pdf", "code", "slides", "poster", "video", "website", "openreview", "supp", "url"
]
LINK_KINDS: tuple[LinkKind, ...] = (
    "arxiv",
    "doi",
    "pdf",
    "code",
    "slides",
    "poster",
    "video",
    "website",
    "openreview",
    "supp",
    "url",
)


@dataclass(frozen=True)
class Person:
    """One name from an author or editor list.

    For a corporate author (`{{Rubin Observatory}}`) the whole name is in `last` and
    `corporate` is true, so it is never split or abbreviated.
    """

    first: str = ""
    von: str = ""
    last: str = ""
    jr: str = ""
    corporate: bool = False
    highlight: bool = False
    """True when the name matches one of the site owner's names (`highlight_authors`)."""
    url: str | None = None
    """A co-author's page, from the `coauthors` option; only http(s) or relative."""

    @property
    def family(self) -> str:
        """The family name with its von part: "van der Waals"."""
        return " ".join(p for p in (self.von, self.last) if p)

    @property
    def display(self) -> str:
        """The name as printed in a list: "Johannes Diderik van der Waals, Jr"."""
        if self.corporate:
            return self.last
        name = " ".join(p for p in (self.first, self.von, self.last) if p)
        return f"{name}, {self.jr}" if self.jr else name


@dataclass(frozen=True)
class Link:
    """A link button of an entry. `url` is http(s) or site-relative, already checked."""

    kind: LinkKind
    url: str
    label: str


@dataclass(frozen=True)
class Publication:
    """One rendered BibTeX entry."""

    key: str
    """The exact BibTeX key."""
    slug: str
    """URL- and id-safe form of the key, unique within a bibliography."""
    entry_type: str
    """Lower-cased BibTeX entry type ("article", "inproceedings", ...)."""
    kind: Kind
    title: str
    """Display title; `$...$` math segments are kept verbatim as LaTeX."""
    authors: tuple[Person, ...] = ()
    et_al: bool = False
    """The author list ended with `and others`."""
    editors: tuple[Person, ...] = ()
    year: int | None = None
    month: int | None = None
    day: int | None = None
    status: str = ""
    """Where the work stands when it has no date yet, or besides it: "in press", "forthcoming",
    "submitted", ... (biblatex's `pubstate`, or such words written in `year`)."""
    venue: str = ""
    """Journal, book title, school or institution: where the work appeared."""
    volume: str = ""
    number: str = ""
    pages: str = ""
    publisher: str = ""
    institution: str = ""
    """School for theses, institution for reports."""
    abbr: str = ""
    award: str = ""
    note: str = ""
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    selected: bool = False
    arxiv_id: str | None = None
    doi: str | None = None
    links: tuple[Link, ...] = ()
    bibtex: str = ""
    """The entry regenerated as BibTeX, display-only fields removed."""
    source_file: str = ""
    source_line: int = 0
    fields: tuple[tuple[str, str], ...] = ()
    """All fields after macro expansion and crossref inheritance, raw (still LaTeX), lower-case names."""

    def link(self, kind: LinkKind) -> Link | None:
        """The first link of a kind, or None."""
        return next((lnk for lnk in self.links if lnk.kind == kind), None)


@dataclass(frozen=True)
class Bibliography:
    """All entries of all files, newest first, with every problem met on the way."""

    publications: tuple[Publication, ...] = ()
    problems: tuple[Problem, ...] = field(default=())

    def by_key(self) -> dict[str, Publication]:
        return {p.key: p for p in self.publications}
