"""Publication lists as HTML (`PublicationRenderer`); which entries a block shows is `select.py`.

The renderer turns each `Publication` into small frozen view objects (names, links, venue
parts) and hands them to Jinja templates under `scholar/`, so a theme override changes the
markup without touching the decisions made here (what is a safe link, who is highlighted,
which authors a long list keeps visible).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import NamedTuple, TypeAlias

import jinja2
from markupsafe import Markup, escape

from mkdocs_scholar.bibliography.model import KINDS, Person, Publication

from .text import is_external, month_name, plain_text, rich_text, safe_href

KIND_LABELS: dict[str, str] = {
    "journal": "Journal",
    "conference": "Conference",
    "workshop": "Workshop",
    "preprint": "Preprint",
    "thesis": "Thesis",
    "book": "Book",
    "other": "Other",
}
"""Short names of kinds, for the filter chips."""

LINK_LABELS: dict[str, str] = {
    "arxiv": "arXiv",
    "doi": "DOI",
    "pdf": "PDF",
    "code": "Code",
    "slides": "Slides",
    "poster": "Poster",
    "video": "Video",
    "website": "Website",
    "openreview": "OpenReview",
    "supp": "Supplement",
    "url": "Link",
}
"""Button text for a link whose label is empty."""

_THESIS_NAMES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
_REPORT_TYPES = frozenset({"techreport", "report"})
_BOOK_TYPES = frozenset({"book", "proceedings", "collection", "mvbook"})
_DASH = re.compile(r"[–—-]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


# -- views handed to the templates ------------------------------------------------------------------


_Name: TypeAlias = tuple[str, str | None, bool, bool]
"""An `AuthorView`'s fields as a plain tuple (what `AuthorsView` and the view cache keep)."""
_Names: TypeAlias = tuple[tuple[_Name, ...], tuple[_Name | None, ...], int]
"""`AuthorsView`'s (names, folded, hidden)."""


class AuthorView(NamedTuple):
    """One printed name; `href` is already safe and prefixed.

    `name` is display text, or `Markup` (`rich_text`: math for MathJax or as Unicode, the rest
    escaped) when the name holds `$...$` math, so `{{ a.name }}` prints either correctly.

    A named tuple, like `LinkView`, because views are remade from plain tuples of these fields
    (see `_Parts`) each time an entry is printed, and `_make` does that in one step.
    """

    name: str
    href: str | None = None
    me: bool = False
    external: bool = False


@dataclass(frozen=True, slots=True)
class AuthorsView:
    """An author list. When `hidden` > 0 the list is long: `short` is shown first (None marks
    the gap before an owner further down) and `full` is behind a "+N more" toggle.

    The names are kept as plain tuples (`names`, `folded`) and become `AuthorView`s only when a
    template asks for `full` or `short`: ours print `html`, and making the objects for every
    entry of a 7,000-entry list was a fifth of the time of printing it again.
    """

    names: tuple[_Name, ...]
    """Every author as (name, href, me, external): the fields of `full`. A name holding `$...$`
    math is `Markup` (`rich_text`), the others plain display text."""
    folded: tuple[_Name | None, ...]
    """The same for `short`."""
    hidden: int
    et_al: bool
    html: Markup
    """The whole list as HTML (`authors_html`)."""

    @property
    def full(self) -> tuple[AuthorView, ...]:
        """Every author, in order."""
        return tuple(map(AuthorView._make, self.names))

    @property
    def short(self) -> tuple[AuthorView | None, ...]:
        """The names shown while a long list is folded; None marks a gap."""
        return tuple(None if n is None else AuthorView._make(n) for n in self.folded)


class LinkView(NamedTuple):
    """One link button: `href` is safe and prefixed; `external` links get rel="noopener"."""

    kind: str
    label: str
    href: str
    external: bool


_NO_HTML = Markup("")


@dataclass(frozen=True, slots=True)
class EntryView:
    """Everything entry.html and paper.html print (made anew for each render from `_Parts`)."""

    pub: Publication
    anchor: str | None
    title: Markup
    title_href: str | None
    authors: AuthorsView
    venue: tuple[tuple[str, bool], ...]
    """(text, italic) parts joined with commas: venue, numbers, publisher. A text is display text,
    or `Markup` (`rich_text`) when it holds `$...$` math: `{{ text }}` prints either correctly."""
    venue_html: Markup
    """`venue` as HTML: the parts joined with ", ", the italic ones in `<em>` (`venue_html`)."""
    date: str
    year: str
    """The year for `data-year`, or ""."""
    links: tuple[LinkView, ...]
    abstract: tuple[Markup, ...]
    """Paragraphs."""
    keywords: str
    """Keywords for `data-keywords`, comma-separated."""
    search: str
    """Plain text the filter box and the site search match: "Title. Authors. Venue year"."""
    bibtex: str
    """The BibTeX text without trailing whitespace, or ""."""
    _parts: _Parts | None = field(default=None, repr=False, compare=False)
    """The remembered parts this view was made from (for the properties below)."""

    # The fields below are properties, not fields, so that a view costs no more to make than
    # before: entry.html asks for them only when the publication has the value (`pub.note`).

    @property
    def math(self) -> bool:
        """The site runs MathJax: math is printed for it, else as Unicode."""
        return self._parts.math if self._parts is not None else False

    @property
    def abbr(self) -> Markup:
        """`pub.abbr` as HTML (math as the title's), or ""."""
        return self._shown("abbr")

    @property
    def award(self) -> Markup:
        """`pub.award` as HTML, or ""."""
        return self._shown("award")

    @property
    def note(self) -> Markup:
        """`pub.note` as HTML, or ""."""
        return self._shown("note")

    @property
    def keyword_list(self) -> tuple[Markup, ...]:
        """`pub.keywords` as HTML, one per keyword."""
        return tuple([rich_text(kw, self.math) for kw in self.pub.keywords])

    @property
    def editors(self) -> tuple[Markup, ...]:
        """The editors' names as HTML."""
        return tuple([rich_text(p.display, self.math) for p in self.pub.editors])

    def _shown(self, name: str) -> Markup:
        if self._parts is None:
            return rich_text(getattr(self.pub, name), False)
        html: str = getattr(self._parts, name)
        return Markup(html) if html else _NO_HTML


def _html(text: str, math: bool) -> str:
    """`rich_text` as a plain `str` (what `_Parts` keeps), with the no-math case inline."""
    return str(escape(text)) if "$" not in text else str(rich_text(text, math))


def _rich_name(name: _Name, math: bool) -> _Name:
    return name if "$" not in name[0] else (rich_text(name[0], math), *name[1:])


def _rich_names(names: _Names, math: bool) -> _Names:
    """The names holding `$...$` math made `Markup` (`rich_text`), the others kept as they are."""
    full, short, hidden = names
    return (
        tuple([_rich_name(n, math) for n in full]),
        tuple([None if n is None else _rich_name(n, math) for n in short]),
        hidden,
    )


def _name(person: Person, base: str) -> _Name:
    href = safe_href(person.url, base) if person.url else None
    return (person.display, href, person.highlight, bool(href and is_external(href)))


def _split_names(people: Sequence[Person], max_authors: int, base: str) -> _Names:
    full = tuple([_name(p, base) for p in people])
    limit = max(1, max_authors)
    if len(full) <= limit + 1:  # "+1 more" would hide one name behind a toggle as long as the name
        return full, full, 0
    owners = [i for i, p in enumerate(people) if p.highlight]
    head = limit  # shrink the head until head + owners below it fit in the limit
    while head > 1 and head + sum(i >= head for i in owners) > limit:
        head -= 1
    late_owners = [i for i in owners if i >= head]
    short: list[_Name | None] = list(full[:head])
    last = head - 1
    for i in late_owners:
        if i > last + 1:
            short.append(None)
        short.append(full[i])
        last = i
    return full, tuple(short), len(full) - head - len(late_owners)


def authors_view(
    people: Sequence[Person], *, et_al: bool, max_authors: int, base: str, math: bool = False
) -> AuthorsView:
    """Split a long author list so the first names and every highlighted owner stay visible.

    Args:
        people: The authors in order.
        et_al: The list ended with "and others".
        max_authors: Lists longer than this are shortened, when that hides two names or more;
            the first name and highlighted owners always stay visible.
        base: Relative path to the site root, for relative co-author links.
        math: The site runs MathJax: a name's `$...$` math is left to it (else shown as Unicode).

    Returns:
        The view; `hidden` is 0 when the list is short enough to print whole.
    """
    names = _split_names(people, max_authors, base)
    if any("$" in name for name, *_ in names[0]):
        names = _rich_names(names, math)
    return AuthorsView(*names, et_al, authors_html(*names, et_al))


# The author-list markup is built here rather than in Jinja macros: an entry has six names on
# average, and a macro call per name was a third of the time of rendering a 7,000-entry list.
# Every piece of text goes through markupsafe's `escape`, the function Jinja's autoescape uses.
_GAP = '<span class="scholar-gap">…</span>'
_ET_AL = ', <span class="scholar-etal">et al.</span>'


def _name_html(name: str, href: str | None, me: bool, external: bool) -> str:
    text = f'<strong class="scholar-me">{escape(name)}</strong>' if me else escape(name)
    if href:
        rel = ' rel="noopener"' if external else ""
        text = f'<a href="{escape(href)}"{rel}>{text}</a>'
    return f'<span class="scholar-author">{text}</span>'


def _names_html(names: Sequence[_Name | None], et_al: bool) -> str:
    text = ", ".join([_GAP if n is None else _name_html(*n) for n in names])
    return text + _ET_AL if et_al else text


def authors_html(full: Sequence[_Name], short: Sequence[_Name | None], hidden: int, et_al: bool) -> Markup:
    """An author list as HTML: linked co-authors, the owner in `strong.scholar-me`, "et al.", and
    for a long list the short form followed by a `<details>` toggle holding every name.

    Args:
        full: Every author (`AuthorView`s, or tuples of their fields), in order. A name that
            is `Markup` is printed as it is (`authors_view` makes names with math so).
        short: The names shown while the list is folded; None marks a gap.
        hidden: How many names the folded list leaves out; 0 prints `full` without a toggle.
        et_al: The list ended with "and others".

    Returns:
        What the `names` macro of `scholar/authors.html` prints, names and links escaped.
    """
    if not hidden:
        return Markup(_names_html(full, et_al))
    return Markup(
        f'<span class="scholar-authors-short">{_names_html(short, False)}</span> '
        '<details class="scholar-authors-more"><summary><span class="scholar-more-closed">'
        f'+{hidden} more<span class="scholar-sr-only"> authors</span></span>'
        '<span class="scholar-more-open">Show fewer authors</span></summary>'
        f'<span class="scholar-authors-full">{_names_html(full, et_al)}</span></details>'
    )


def _numbers(pub: Publication) -> str:
    pages = pub.pages.replace("--", "–")
    if pub.volume:
        return pub.volume + (f"({pub.number})" if pub.number else "") + (f":{pages}" if pages else "")
    if pages:
        return f"pp. {pages}" if _DASH.search(pages) else f"p. {pages}"
    return ""


def venue_parts(pub: Publication) -> tuple[tuple[str, bool], ...]:
    """Where the work appeared, as (text, italic) parts: "PhD thesis", *school*; *journal*, 5(2):1–9."""
    parts: list[tuple[str, bool]] = []
    if pub.kind == "thesis" or pub.entry_type in _THESIS_NAMES:
        parts.append((_THESIS_NAMES.get(pub.entry_type, "Thesis"), False))
        parts.append((pub.institution or pub.venue, True))
    elif pub.entry_type in _REPORT_TYPES:
        parts.append(("Technical report" + (f" {pub.number}" if pub.number else ""), False))
        parts.append((pub.institution or pub.venue, True))
    elif pub.kind == "preprint" and not pub.venue:
        parts.append((f"arXiv:{pub.arxiv_id}" if pub.arxiv_id else "Preprint", False))
    else:
        parts.append((pub.venue, True))
        parts.append((_numbers(pub), False))
    is_book = pub.kind == "book" or pub.entry_type in _BOOK_TYPES
    # The loader may already use the publisher as a book's venue: say it once.
    if is_book and pub.publisher and pub.publisher.casefold() != pub.venue.casefold():
        parts.append((pub.publisher, False))
    return tuple((text, italic) for text, italic in parts if text)


def venue_html(parts: Sequence[tuple[str, bool]], math: bool = False) -> Markup:
    """Venue parts as HTML: joined with ", ", the italic ones in `<em>`, the text escaped and its
    `$...$` math given to MathJax when `math` is true, else shown as Unicode (`rich_text`)."""
    html = ", ".join([f"<em>{escape(text)}</em>" if italic else escape(text) for text, italic in parts])
    if "$" not in html:  # escaping leaves "$" alone: no part holds math
        return Markup(html)
    return Markup(
        ", ".join(
            [
                f"<em>{rich_text(text, math)}</em>" if italic else rich_text(text, math)
                for text, italic in parts
            ]
        )
    )


def _rich_venue(parts: tuple[tuple[str, bool], ...], math: bool) -> tuple[tuple[str, bool], ...]:
    """The parts holding `$...$` math made `Markup` (`rich_text`), for templates that print `e.venue`."""
    return tuple([(rich_text(text, math) if "$" in text else text, italic) for text, italic in parts])


def date_text(pub: Publication) -> str:
    """The date as printed: "2 June 2024", "June 2024", "2024", "in press", "2025 (forthcoming)" or ""."""
    if pub.year is None:
        return pub.status
    month = month_name(pub.month)
    if month and pub.day:
        date = f"{pub.day} {month} {pub.year}"
    else:
        date = f"{month} {pub.year}" if month else str(pub.year)
    return f"{date} ({pub.status})" if pub.status else date


def keywords_attr(keywords: Sequence[str]) -> str:
    """Keywords as the comma-separated `data-keywords` value: plain text, math as Unicode
    (`plain_text`), a comma inside a keyword becomes a space."""
    text = ",".join([kw.replace(",", " ").strip() for kw in keywords if kw.strip()])
    if "$" not in text:
        return text
    return ",".join([t for t in (_keyword_text(kw) for kw in keywords) if t])


def _keyword_text(keyword: str) -> str:
    """One keyword as `keywords_attr` writes it."""
    return plain_text(keyword).replace(",", " ").strip()


# -- the renderer ----------------------------------------------------------------------------------


class _Parts(NamedTuple):
    """What `view` remembers of an entry: everything but its anchor and what is cheap to redo.

    The fields hold only strings, booleans and plain tuples of them, HTML included (wrapped in
    `Markup` again on use; only the names and venue parts holding math are kept as `Markup`), so the garbage collector tracks one object per entry here: keeping
    the `Markup`s, dataclasses and named tuples instead (50,000 for a 7,000-entry list) set off
    full collections that cost more than the cache saved.
    """

    title: str
    title_href: str | None
    names: _Names
    et_al: bool
    authors: str
    venue: tuple[tuple[str, bool], ...]
    venue_html: str
    date: str
    links: tuple[tuple[str, str, str, bool], ...]
    """`LinkView` fields."""
    abstract: tuple[str, ...]
    keywords: str
    search: str
    abbr: str
    award: str
    note: str
    math: bool


_PARTS: dict[tuple[object, ...], _Parts] = {}
"""Parts by (id of the publication, base, shorten, renderer settings), so rendering an entry again
(a list at the same depth on another page, the next `mkdocs serve` rebuild: `Site` keeps the parsed
bibliography) costs only the template. Keyed by identity because hashing a Publication (every field,
the BibTeX text included) costs half as much as making its parts."""
_PUBS: dict[int, Publication] = {}
"""The publications `_PARTS` has parts of, by id: holding them keeps their ids from being reused."""
_PARTS_MAX = 20_000
"""About a 7,000-entry site's list and paper pages; past it both dicts start afresh (what is
there then is mostly a stale bibliography that a `mkdocs serve` session has since re-read)."""


def _join(pieces: Iterator[str]) -> str:
    """`"".join(pieces)`, a few hundred pieces at a time.

    `Template.render` joins all its output at once, and Jinja's autoescape makes most pieces
    `Markup` objects, which the garbage collector tracks: a 7,000-entry list held 100,000 of them
    alive together, enough to set off full collections that took a third of the render.
    """
    chunks = []
    while batch := list(islice(pieces, 256)):
        chunks.append("".join(batch))
    return "".join(chunks)


def clear_view_cache() -> None:
    """Forget every remembered view (for benchmarks and tests)."""
    _PARTS.clear()
    _PUBS.clear()


class PublicationRenderer:
    """Renders entries, lists, the filter bar and paper pages with the `scholar/` templates."""

    def __init__(
        self,
        env: jinja2.Environment,
        *,
        math: bool,
        max_authors: int = 10,
        paper_pages: bool = True,
        publications_url: str = "publications/",
    ) -> None:
        """Keep the settings every entry needs.

        Args:
            env: From `render.env.make_environment` (autoescape on, user overrides first).
            math: The site runs MathJax via pymdownx.arithmatex (else math is shown as Unicode).
            max_authors: Author lists longer than this are shortened behind a toggle.
            paper_pages: Titles link to the paper's own page.
            publications_url: Site URL of the full list; paper pages live under it.
        """
        self.env = env
        self.math = math
        self.max_authors = max_authors
        self.paper_pages = paper_pages
        url = publications_url.strip("/")
        self.publications_url = f"{url}/" if url else ""
        self.list_page = True
        """A page is at `publications_url` (paper pages link back to it); the site says when not."""

    def paper_href(self, pub: Publication, base: str) -> str:
        """Relative link from a page at `base` to the paper's own page."""
        return f"{base}{self.publications_url}{pub.slug}/"

    def view(self, pub: Publication, *, base: str, anchor: bool = True, shorten: bool = True) -> EntryView:
        """The entry's view; `shorten=False` keeps every author visible (paper pages).

        The work is remembered (see `_PARTS`): a second view of the same entry at the same
        depth costs a few object allocations.
        """
        key = (id(pub), base, shorten, self.math, self.max_authors, self.paper_pages, self.publications_url)
        parts = _PARTS.get(key) if _PUBS.get(id(pub)) is pub else None
        if parts is None:
            parts = self._parts(pub, base=base, shorten=shorten)
            if len(_PARTS) >= _PARTS_MAX:
                clear_view_cache()
            _PUBS[id(pub)] = pub
            _PARTS[key] = parts
        return EntryView(
            pub=pub,
            anchor=f"pub-{pub.slug}" if anchor else None,
            title=Markup(parts.title),
            title_href=parts.title_href,
            authors=AuthorsView(*parts.names, parts.et_al, Markup(parts.authors)),
            venue=parts.venue,
            venue_html=Markup(parts.venue_html),
            date=parts.date,
            year="" if pub.year is None else str(pub.year),
            links=tuple(map(LinkView._make, parts.links)),
            abstract=tuple(map(Markup, parts.abstract)),
            keywords=parts.keywords,
            search=parts.search,
            bibtex=pub.bibtex.rstrip(),
            _parts=parts,
        )

    def _parts(self, pub: Publication, *, base: str, shorten: bool) -> _Parts:
        names = _split_names(pub.authors, self.max_authors if shorten else len(pub.authors), base)
        links = []
        for link in pub.links:
            href = safe_href(link.url, base)
            if href:
                label = link.label or LINK_LABELS.get(link.kind, "Link")
                links.append((link.kind, label, href, is_external(href)))
        abstract = pub.abstract.strip()
        paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(abstract) if p.strip()] if abstract else []
        venue = venue_parts(pub)
        # Every text is display text that may hold `$...$` math: plain text (math as Unicode) for
        # the search, `rich_text` for the HTML. Checking for "$" once per field keeps entries
        # without math (nearly all) on the path they took before.
        names_text = ", ".join([name for name, *_ in names[0]])
        if "$" in names_text:
            names_text = ", ".join([plain_text(name) for name, *_ in names[0]])
            names = _rich_names(names, self.math)
        venue_text = " ".join([*(text for text, _ in venue), str(pub.year or "")]).strip()
        if "$" in venue_text:
            venue_text = " ".join([*(plain_text(text) for text, _ in venue), str(pub.year or "")]).strip()
            shown_venue = _rich_venue(venue, self.math)
        else:
            shown_venue = venue
        # Sentences, so that the search stand-in (all texts of a group in one paragraph) reads well.
        search = ". ".join(
            part for part in (plain_text(pub.title).rstrip("."), names_text, venue_text) if part
        )
        return _Parts(
            title=str(rich_text(pub.title, self.math)),
            title_href=self.paper_href(pub, base) if self.paper_pages else None,
            names=names,
            et_al=pub.et_al,
            authors=str(authors_html(*names, pub.et_al)),
            venue=shown_venue,
            venue_html=str(venue_html(venue, self.math)),
            date=date_text(pub),
            links=tuple(links),
            abstract=tuple([str(rich_text(p, self.math)) for p in paragraphs]),
            keywords=keywords_attr(pub.keywords),
            search=" ".join(search.split()),  # runs of whitespace become one space, as HTML shows them
            abbr=_html(pub.abbr, self.math) if pub.abbr else "",
            award=_html(pub.award, self.math) if pub.award else "",
            note=_html(pub.note, self.math) if pub.note else "",
            math=self.math,
        )

    def entry(self, pub: Publication, *, base: str, anchor: bool = True) -> str:
        """One entry's `<li class="scholar-entry">`.

        Args:
            pub: The publication.
            base: Relative path from the current page to the site root ("", "../", ...).
            anchor: Give the entry its `id="pub-<slug>"` (False for a repeat on the same page).
        """
        view = self.view(pub, base=base, anchor=anchor)
        return self.env.get_template("scholar/entry.html").render(e=view, pub=pub, base=base).strip()

    def group(
        self, entries: Sequence[Publication], *, base: str, repeats: frozenset[str] = frozenset()
    ) -> str:
        """A `<div class="scholar-group">` holding an `<ol>` of entries (the heading is the caller's).

        The whole group is one template render: publications.html includes scholar/entry.html
        (by name, so a theme's override of it applies) once per entry.

        Args:
            entries: The group's publications in order.
            base: Relative path from the current page to the site root.
            repeats: Keys already rendered higher on the page (`Group.repeats`): no id for them.
        """
        return self.group_with_text(entries, base=base, repeats=repeats)[0]

    def group_with_text(
        self, entries: Sequence[Publication], *, base: str, repeats: frozenset[str] = frozenset()
    ) -> tuple[str, list[str]]:
        """`group`, and each entry's plain search text (`EntryView.search`) in order.

        The texts come from the same views the template printed, so the search stand-in of a
        group costs no second pass over names and venues.
        """
        texts: list[str] = []

        # A generator, not a list: each view is garbage as soon as its entry is printed, so 7,000
        # views never live at once (the garbage collector would scan them again and again).
        def views() -> Iterator[tuple[EntryView, Publication]]:
            for pub in entries:
                view = self.view(pub, base=base, anchor=pub.key not in repeats)
                texts.append(view.search)
                yield view, pub

        template = self.env.get_template("scholar/publications.html")
        return _join(template.generate(entries=views(), base=base)).strip(), texts

    def filter_bar(self, pubs: Sequence[Publication], *, uid: str | None = None) -> str:
        """The search box and kind / year / keyword chips for a list (hidden until the script runs).

        Args:
            pubs: Every publication the list shows (all groups).
            uid: Prefix of the bar's element ids; default: derived from the keys, stable across builds.
        """
        # A keyword-grouped list repeats entries: count each publication once.
        unique = list({p.key: p for p in pubs}.values())
        kind_counts = Counter(p.kind for p in unique)
        year_counts = Counter(p.year for p in unique if p.year is not None)
        keyword_counts: Counter[str] = Counter()
        spelling: dict[str, str] = {}  # the first spelling met labels the chip
        math_source: dict[str, str] = {}  # chip value -> the keyword with `$...$` math it came from
        for pub in unique:
            folded = {kw.casefold(): kw for kw in keywords_attr(pub.keywords).split(",") if kw}
            keyword_counts.update(folded.keys())
            for key, kw in folded.items():
                spelling.setdefault(key, kw)
            if "$" in "".join(pub.keywords):
                for raw in pub.keywords:
                    if "$" in raw:
                        math_source.setdefault(_keyword_text(raw), raw.replace(",", " ").strip())
        # The chip's value is plain text (it must equal `data-keywords`); its label shows math
        # as the title does.
        labels = {
            spelling[k]: rich_text(math_source[spelling[k]], self.math)
            for k in spelling
            if spelling[k] in math_source
        }
        if uid is None:
            digest = hashlib.sha1("\n".join(p.key for p in pubs).encode("utf-8"), usedforsecurity=False)
            uid = f"scholar-filter-{digest.hexdigest()[:8]}"
        return (
            self.env.get_template("scholar/filter.html")
            .render(
                uid=uid,
                total=len(unique),
                kinds=[(k, KIND_LABELS[k], kind_counts[k]) for k in KINDS if kind_counts[k]],
                years=sorted(year_counts.items(), reverse=True),
                keywords=[(spelling[k], keyword_counts[k]) for k in sorted(spelling)],
                keyword_labels=labels,
            )
            .strip()
        )

    def paper_page(
        self,
        pub: Publication,
        *,
        base: str,
        news: Sequence[tuple[str, str, str]],
        downloads: bool = True,
    ) -> str:
        """The body of a paper's own page (its `# Title` is the caller's).

        Args:
            pub: The publication.
            base: Relative path from the paper page to the site root.
            news: (date, title, href) of news items that mention the paper; href is page-relative.
            downloads: Offer the `.bib` download (the plugin writes `<publications_url><slug>.bib`).
        """
        view = self.view(pub, base=base, anchor=False, shorten=False)
        news_items = [(date, title, safe_href(href)) for date, title, href in news]
        return (
            self.env.get_template("scholar/paper.html")
            .render(
                e=view,
                pub=pub,
                base=base,
                news=news_items,
                bib_href=f"{base}{self.publications_url}{pub.slug}.bib" if downloads else None,
                back_href=f"{base}{self.publications_url}#pub-{pub.slug}" if self.list_page else None,
            )
            .strip()
        )
