"""Raw entries -> `Publication`s, through a pipeline of small named steps.

Each step reads the raw entry and fills its part of a `Draft` (like bibtexparser's
middlewares); adding a normalisation means adding one function to `STEPS`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..problems import Problem
from . import latex
from .bibtex import format_entry
from .dates import MONTH_NAMES, days_in_month, parse_date, parse_month, parse_year
from .kinds import STANDARD_TYPES, kind_of
from .links import extract_links, is_address, safe_target
from .load import Database, RawEntry
from .model import Bibliography, Kind, Link, Person, Publication
from .names import NameMatcher, parse_names
from .options import BibOptions

__all__ = ["STEPS", "Context", "Draft", "normalize", "slugify"]


@dataclass
class Draft:
    """A publication being built; steps fill it in."""

    raw: RawEntry
    title: str = ""
    authors: tuple[Person, ...] = ()
    et_al: bool = False
    editors: tuple[Person, ...] = ()
    year: int | None = None
    month: int | None = None
    day: int | None = None
    status: str = ""
    venue: str = ""
    volume: str = ""
    number: str = ""
    pages: str = ""
    publisher: str = ""
    institution: str = ""
    abbr: str = ""
    award: str = ""
    note: str = ""
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    selected: bool = False
    arxiv_id: str | None = None
    doi: str | None = None
    links: tuple[Link, ...] = ()
    kind: Kind = "other"
    bibtex: str = ""
    problems: list[Problem] = field(default_factory=list)

    def value(self, name: str) -> str:
        """A raw field value ("" when absent)."""
        return self.raw.fields.get(name, "")

    def text(self, *names: str) -> str:
        """The first non-empty of some fields, decoded for display."""
        for name in names:
            value = self.raw.fields.get(name)
            if value:
                return latex.to_text(value)
        return ""

    def warn(self, message: str) -> None:
        """Record a warning about this entry."""
        raw = self.raw
        self.problems.append(Problem(message, file=raw.file, line=raw.line, key=raw.key))


@dataclass(frozen=True)
class Context:
    """What steps need besides the entry: options, prepared once per bibliography."""

    options: BibOptions
    highlight: NameMatcher[bool]
    coauthors: NameMatcher[str]
    exclude: frozenset[str]
    """Fields left out of the BibTeX (crossref among them: its fields are inherited)."""
    mark: bool = False
    """Whether any names are to be highlighted or linked."""


def check_type(d: Draft, ctx: Context) -> None:
    """Warn about entry types that neither BibTeX nor biblatex define (still shown, as "other")."""
    if d.raw.entry_type not in STANDARD_TYPES:
        d.warn(f"unknown entry type @{d.raw.entry_type}; shown as kind 'other'")


def _text(value: str | None) -> str:
    """A raw value decoded for display ("" for none)."""
    return latex.to_text(value) if value else ""


def title(d: Draft, ctx: Context) -> None:
    """Display title; math stays as `$...$`."""
    d.title = _text(d.raw.fields.get("title"))
    if not d.title:
        d.warn("missing title")


def _people(d: Draft, ctx: Context, value: str, name: str) -> tuple[tuple[Person, ...], bool]:
    parsed = parse_names(value)
    if parsed.empty:
        d.warn(f"{parsed.empty} empty name(s) in field '{name}' skipped")
    persons = parsed.persons
    if ctx.mark:
        persons = tuple(_mark(p, ctx) for p in persons)
    return persons, parsed.et_al


def _mark(person: Person, ctx: Context) -> Person:
    highlight = bool(ctx.highlight.match(person))
    url = ctx.coauthors.match(person)
    if highlight or url:
        return replace(person, highlight=highlight, url=url)
    return person


def people(d: Draft, ctx: Context) -> None:
    """Authors and editors, with the owner highlighted and co-authors linked."""
    fields = d.raw.fields
    value = fields.get("author")
    if value:
        d.authors, d.et_al = _people(d, ctx, value, "author")
    value = fields.get("editor")
    if value:
        d.editors, _ = _people(d, ctx, value, "editor")


@lru_cache(maxsize=1024)
def _year(value: str) -> int | None:
    # Years repeat: a library has a few dozen of them.
    return parse_year(latex.to_text(value))


@lru_cache(maxsize=1024)
def _month(value: str) -> int | None:
    return parse_month(latex.to_text(value))


def date(d: Draft, ctx: Context) -> None:
    """Year, month and day from biblatex `date`, else `year`/`month`/`day`."""
    fields = d.raw.fields
    value = fields.get("date")
    if value:
        parsed = parse_date(latex.to_text(value))
        if parsed is not None:
            d.year, d.month, d.day = parsed.year, parsed.month, parsed.day
            return
        d.warn(f"date {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    pubstate = fields.get("pubstate")
    if pubstate:
        d.status = _status(pubstate) or latex.to_text(pubstate)
    year = fields.get("year")
    if year:
        d.year = _year(year)
        if d.year is None:
            status = _status(year)
            if status:
                d.status = d.status or status
            else:
                d.warn(f"year {year!r} is not a year")
    elif not value and not d.status:
        d.warn("missing year")
    month = fields.get("month")
    if month:
        d.month = _month(month)
        if d.month is None:
            d.warn(f"month {month!r} is not a month")
    day = fields.get("day")
    if day:
        day = day.strip("{} ")
        if day.isdigit() and d.month and 1 <= int(day) <= days_in_month(d.year, d.month):
            d.day = int(day)
        else:
            when = (
                f"{MONTH_NAMES[d.month - 1]} {d.year or ''}".strip()
                if d.month
                else "an entry without a month"
            )
            d.warn(f"day {day!r} is not a day of {when}; not shown")


# Words that say a work has no date yet (in `year`, as many CVs write it, or biblatex's
# `pubstate`, whose standard values run words together), as printed.
_STATUS_WORDS = {
    "inpress": "in press", "forthcoming": "forthcoming", "toappear": "to appear",
    "accepted": "accepted", "submitted": "submitted", "underreview": "under review",
    "inreview": "in review", "inpreparation": "in preparation", "prepublished": "prepublished",
}  # fmt: skip


def _status(value: str) -> str:
    """ "In Press", "{in press}", "inpress" -> "in press"; "" for anything else."""
    return _STATUS_WORDS.get(re.sub(r"[^a-z]", "", value.lower()), "")


# Where a work appeared, in the order to look for it.
_VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "school", "institution", "publisher", "howpublished")


@lru_cache(maxsize=4096)
def _venue_text(value: str) -> str:
    """A venue field for display; "" for a link (`howpublished = {\\url{...}}` is no venue)."""
    text = latex.to_text(value)
    return "" if is_address(text) else text


def venue(d: Draft, ctx: Context) -> None:
    """Where the work appeared, and its volume, number, pages, publisher and institution."""
    fields = d.raw.fields
    for name in _VENUE_FIELDS:
        value = fields.get(name)
        if value:
            text = _venue_text(value)
            if text:
                d.venue = text
                break
    d.volume = _text(fields.get("volume"))
    d.number = _text(fields.get("number") or fields.get("issue"))
    d.pages = _text(fields.get("pages"))
    d.publisher = _text(fields.get("publisher"))
    d.institution = _text(fields.get("school") or fields.get("institution"))


_KEYWORD_SPLIT = re.compile(r"[,;]")  # parts stripped after: "\s*[,;]\s*" is quadratic on spaces


_EXTRA_FIELDS = frozenset({"abbr", "award", "award_name", "note", "abstract", "keywords", "selected"})


def extras(d: Draft, ctx: Context) -> None:
    """al-folio's abbr/award/selected, note, abstract and keywords."""
    if d.raw.fields.keys().isdisjoint(_EXTRA_FIELDS):
        return
    d.abbr = d.text("abbr")
    d.award = d.text("award", "award_name")
    d.note = d.text("note")
    d.abstract = d.text("abstract")
    keywords = d.text("keywords")
    if keywords:
        d.keywords = tuple(dict.fromkeys(k for k in map(str.strip, _KEYWORD_SPLIT.split(keywords)) if k))
    d.selected = d.value("selected").strip("{} ").lower() in ("true", "yes", "1")


def links(d: Draft, ctx: Context) -> None:
    """arXiv, DOI and link fields, each target checked."""
    result = extract_links(d.raw.fields, ctx.options.assets_dir)
    d.links, d.arxiv_id, d.doi = result.links, result.arxiv_id, result.doi
    for message in result.problems:
        d.warn(message)


def kind(d: Draft, ctx: Context) -> None:
    """journal / conference / workshop / preprint / thesis / book / other."""
    fields = d.raw.fields
    journal = _text(fields.get("journal") or fields.get("journaltitle"))
    d.kind = kind_of(d.raw.entry_type, journal, _text(fields.get("booktitle")), d.arxiv_id is not None)


def bibtex(d: Draft, ctx: Context) -> None:
    """The entry as BibTeX without display-only fields (and without crossref: its fields are inherited)."""
    exclude = ctx.exclude
    kept = [(n, v) for n, v in d.raw.fields.items() if n not in exclude]
    d.bibtex = format_entry(d.raw.entry_type, d.raw.key, kept)


Step = Callable[[Draft, Context], None]
STEPS: tuple[Step, ...] = (check_type, title, people, date, venue, extras, links, kind, bibtex)
"""The normalisation pipeline, in order (`kind` needs what `links` found)."""


_FOLD_EXTRA = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "đ": "d",
        "ı": "i",
    }
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(key: str) -> str:
    """A URL- and id-safe form of a key: "Köglmeier2026" -> "koglmeier2026", "DBLP:conf/x/Y23" -> "dblp-conf-x-y23".

    Characters with no ASCII form (Chinese keys, say) are replaced by a short hash of the
    key, so different keys do not end up with the same slug.
    """
    if key.isascii():
        # Most keys: the steps below would change nothing but case and punctuation.
        slug = _NOT_SLUG.sub("-", key.lower()).strip("-")
        if not slug:
            return f"entry-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"
        return slug if len(slug) <= _SLUG_MAX else _shortened(slug, key)
    decomposed = unicodedata.normalize("NFKD", key.translate(_FOLD_EXTRA))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    lost = any(ord(c) > 127 for c in ascii_text)
    slug = _NOT_SLUG.sub("-", ascii_text.encode("ascii", "ignore").decode().lower()).strip("-")
    if lost or not slug:
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
        slug = f"{slug}-{digest}" if slug else f"entry-{digest}"
    return slug if len(slug) <= _SLUG_MAX else _shortened(slug, key)


_SLUG_MAX = 80
"""Slugs name files (`<slug>.bib`, `<slug>/index.html`): file systems stop at 255 bytes."""


def _shortened(slug: str, key: str) -> str:
    """A long slug cut to `_SLUG_MAX` with a hash of the whole key, so two long keys stay apart."""
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return f"{slug[: _SLUG_MAX - 9].rstrip('-')}-{digest}"


def _unique(slug: str, used: set[str]) -> str:
    candidate, n = slug, 2
    while candidate in used:
        candidate, n = f"{slug}-{n}", n + 1
    used.add(candidate)
    return candidate


def _context(options: BibOptions, problems: list[Problem]) -> Context:
    coauthors: list[tuple[str, str]] = []
    for name, address in options.coauthors:
        url, reason = safe_target(address)
        if url:
            coauthors.append((name, url))
        else:
            problems.append(Problem(f"co-author {name!r}: address {address!r} refused: {reason or 'empty'}"))
    highlight = NameMatcher((name, True) for name in options.highlight_authors)
    linked = NameMatcher(coauthors)
    return Context(
        options=options,
        highlight=highlight,
        coauthors=linked,
        exclude=frozenset([*(f.lower() for f in options.bibtex_exclude_fields), "crossref"]),
        mark=bool(highlight or linked),
    )


def _publication(d: Draft, slug: str) -> Publication:
    """`Publication(key=..., ...)` from a finished draft.

    Built like `names.new_person`: a frozen dataclass's `__init__` sets its 30 fields one
    `object.__setattr__` at a time, which costs more than all of some steps. Every field is
    set here, so the object is the same as the constructor's (a test checks it).
    """
    raw = d.raw
    publication = object.__new__(Publication)
    publication.__dict__.update(
        key=raw.key, slug=slug, entry_type=raw.entry_type, kind=d.kind, title=d.title,
        authors=d.authors, et_al=d.et_al, editors=d.editors, year=d.year, month=d.month, day=d.day,
        status=d.status,
        venue=d.venue, volume=d.volume, number=d.number, pages=d.pages, publisher=d.publisher,
        institution=d.institution, abbr=d.abbr, award=d.award, note=d.note, abstract=d.abstract,
        keywords=d.keywords, selected=d.selected, arxiv_id=d.arxiv_id, doi=d.doi, links=d.links,
        bibtex=d.bibtex, source_file=raw.file, source_line=raw.line, fields=tuple(raw.fields.items()),
    )  # fmt: skip
    return publication


def _newest_first(p: Publication) -> tuple[int, int, int, int]:
    # Forthcoming work (a status, no year yet) first, then by date, undated last.
    rank = 1 if p.year is not None else (0 if p.status else 2)
    return (rank, -(p.year or 0), -(p.month or 0), -(p.day or 0))


def normalize(db: Database, options: BibOptions) -> Bibliography:
    """Run the pipeline on every entry; publications come out newest first, undated last.

    An entry that trips an unexpected error is reported (level "error") and left out, so
    one odd entry never stops the build.
    """
    problems = list(db.problems)
    ctx = _context(options, problems)
    used = set(options.reserved_slugs)
    publications: list[Publication] = []
    for raw in db.entries:
        draft = Draft(raw)
        try:
            for step in STEPS:
                step(draft, ctx)
        except Exception as error:
            problems.extend(draft.problems)
            problems.append(
                Problem(
                    f"could not read this entry ({type(error).__name__}: {error}); it is skipped",
                    file=raw.file,
                    line=raw.line,
                    key=raw.key,
                    level="error",
                )
            )
            continue
        problems.extend(draft.problems)
        publications.append(_publication(draft, _unique(slugify(raw.key), used)))
    publications.sort(key=_newest_first)
    return Bibliography(publications=tuple(publications), problems=tuple(problems))
