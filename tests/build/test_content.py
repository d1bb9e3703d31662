"""The homepage's content: its pages, the author's words, its links and its publication list.

The build tests use `built_home` (the real site built once with `mkdocs build --strict`); the
others read the source files (bib/, docs/news/) and the shared facts, so they run without a build.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from bibtexparser.entrypoint import parse_string
from bibtexparser.model import Entry

REPO = Path(__file__).resolve().parents[2]
BIB_DIR = REPO / "bib"
NEWS_DIR = REPO / "docs" / "news"
SEED_NAME = "000_848328dc37bd5ad1.txt"
SITE_URL = "https://anirbit-ai.github.io"
MIN_SEED_COVERAGE = 0.97

PAGES = (
    "index.html",
    "research/index.html",
    "publications/index.html",
    "news/index.html",
    "group/index.html",
    "talks/index.html",
    "reading/index.html",
    "why-deep-learning/index.html",
)

# Key -> (arXiv id, DOI) as publications-facts.md gives them (papers #1-#13, #16, #17).
# None: the facts have no such identifier, so the site must not show one.
PAPERS: dict[str, tuple[str | None, str | None]] = {
    "kumar2024burgers": ("2310.05169", "10.1088/2632-2153/ad51cd"),
    "zhu2023lipex": ("2310.04856", "10.48550/arXiv.2310.04856"),
    "gopalani2024sgd": ("2309.09258", None),
    "mukherjee2024sizelb": ("2308.06338", None),
    "karmakar2023depth2": ("2005.01699", "10.1016/j.neucom.2023.02.034"),
    "karmakar2022relugate": ("2005.04211", "10.1016/j.neunet.2022.03.040"),
    "gopalani2024generalization": ("2205.11359", None),
    "de2018rmsprop": ("1807.06766", None),
    "rangamani2018sparse": ("1708.03735", "10.1109/ISIT.2018.8437533"),
    "arora2018relu": ("1611.01491", None),
    "mukherjee2017boolean": ("1711.03073", None),
    "dan2023elasticity": ("2111.01166", None),
    "mukherjee2020thesis": ("2104.14033", None),
    "gopalani2021pendulum": (None, None),
    "karmakar2022heavytails": ("2204.12554", None),
}

# Standard BibTeX fields the facts can fill, plus the display-only fields the plugin reads.
BIB_FIELDS = {
    "title",
    "author",
    "year",
    "month",
    "journal",
    "booktitle",
    "school",
    "volume",
    "number",
    "pages",
    "publisher",
    "doi",
    "eprint",
    "archiveprefix",
    "primaryclass",
    "url",
    "openreview",
    "note",
    "abbr",
    "selected",
    "keywords",
}
NEWS_KEYS = {"date", "title", "tags", "papers"}
NEWS_TAGS = {"paper", "talk", "group", "award", "grant", "visit", "service"}
MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        start=1,
    )
}

# Elements whose start and end do not break a line of text.
INLINE_TAGS = {
    "a",
    "abbr",
    "b",
    "bdi",
    "cite",
    "code",
    "em",
    "i",
    "kbd",
    "mark",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
    "var",
}
VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
SKIPPED_TAGS = {"script", "style", "svg", "template", "noscript"}
URL_ATTRS = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
}


class PageParser(HTMLParser):
    """Reads one built page: the text of its article, every address it points at, and the
    publication entries (`data-bibkey`) with the links inside each."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.chunks: list[str] = []
        self.has_article = False
        self.body_chunks: list[str] = []
        self.urls: list[str] = []
        self.entries: dict[str, list[dict[str, str]]] = {}
        self.news_dates: list[str] = []

    def _inside(self, tag: str) -> bool:
        return any(name == tag for name, _ in self.stack)

    def _hidden(self) -> bool:
        # Theme and markup furniture whose text is not the author's: permalink pilcrows, scripts.
        return any(
            name in SKIPPED_TAGS or "headerlink" in attrs.get("class", "").split()
            for name, attrs in self.stack
        )

    def _bibkey(self) -> str | None:
        return next(
            (attrs["data-bibkey"] for _, attrs in reversed(self.stack) if "data-bibkey" in attrs), None
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record addresses and entries; keep the open-element stack for nesting."""
        values = {name: value or "" for name, value in attrs}
        for element, attr in URL_ATTRS:
            if tag == element and values.get(attr):
                self.urls.append(values[attr])
        if tag == "article":
            self.has_article = True
        if "data-bibkey" in values:
            self.entries.setdefault(values["data-bibkey"], [])
        if "scholar-news-item" in values.get("class", "").split():
            self.news_dates.append(values.get("data-date", ""))
        if tag == "a" and "data-link" in values and (key := self._bibkey()) is not None:
            self.entries[key].append(values)
        if tag not in INLINE_TAGS:
            self._text(" ")
        if tag not in VOID_TAGS:
            self.stack.append((tag, values))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A self-closed element opens nothing."""
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        """Close up to the matching element (browsers forgive missing end tags, so do we)."""
        if tag not in INLINE_TAGS:
            self._text(" ")
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data: str) -> None:
        """Keep visible text."""
        self._text(data)

    def _text(self, data: str) -> None:
        if self._hidden():
            return
        if self._inside("article"):
            self.chunks.append(data)
        if self._inside("body"):
            self.body_chunks.append(data)

    @property
    def text(self) -> str:
        """The article's text (the whole body's on pages without an article)."""
        return "".join(self.chunks if self.has_article else self.body_chunks)


def parse_page(path: Path) -> PageParser:
    """Parse one HTML file."""
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def normalise(text: str) -> str:
    """Compare text as a reader sees it: one kind of quote, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[‘’‚‛′]", "'", text)
    text = re.sub(r"[“”„‟″]", '"', text)
    text = text.replace("``", '"').replace("''", '"')
    return re.sub(r"\s+", " ", text).strip()


def seed_sentences(seed: str) -> list[str]:
    """The seed's sentences: each line split after . ! or ? (a line is never joined to the next,
    because the seed's lines are headings, dates and list items as often as prose).

    A leading "- " is dropped (the bullet becomes a Markdown list item); fragments that are only
    list numbering ("3.", "a.") or have no letters or digits (a rule of dashes) are left out,
    because lists and rules render them as markup, not text.
    """
    sentences = []
    for raw in seed.splitlines():
        line = re.sub(r"^-\s+", "", raw.strip())
        for part in re.split(r"(?<=[.!?])\s+", line):
            part = part.strip()
            if not re.search(r"[A-Za-z0-9]", part) or re.fullmatch(r"(\d+|[a-z])[.)]", part):
                continue
            sentences.append(part)
    return sentences


def site_text(site: Path) -> str:
    """The normalised text of every built page, one page per line."""
    return "\n".join(normalise(parse_page(path).text) for path in sorted(site.rglob("*.html")))


def seed_coverage(seed: str, site: Path) -> tuple[float, list[str]]:
    """Share of the seed's sentences found verbatim on the site, and the missing ones."""
    sentences = seed_sentences(seed)
    text = site_text(site)
    missing = [s for s in sentences if normalise(s) not in text]
    return 1 - len(missing) / len(sentences), missing


def known_addresses(shared: Path) -> tuple[set[str], set[str], set[str], set[str], set[str]]:
    """Addresses the facts allow: (links-facts URLs, e-mails, arXiv ids, DOIs, OpenReview ids)."""
    links = (shared / "data" / "links-facts.md").read_text(encoding="utf-8")
    facts = (shared / "data" / "publications-facts.md").read_text(encoding="utf-8")
    urls = {canonical(u.rstrip(".,;")) for u in re.findall(r"https?://[^\s|)>\]`]+", links)}
    emails = set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", links))
    arxiv = set(re.findall(r"\b\d{4}\.\d{4,5}\b", facts))
    dois = {d.rstrip(".").lower() for d in re.findall(r"\b10\.\d{4,9}/[^\s,;|\])]+", facts)}
    openreview = set(re.findall(r"forum\?id=([\w-]+)", links + facts))
    openreview |= set(re.findall(r"OpenReview ([\w-]{6,})", facts))
    return urls, emails, arxiv, dois, openreview


def canonical(url: str) -> str:
    """Lower-case scheme and host, no trailing slash: the form addresses are compared in."""
    match = re.match(r"([a-zA-Z][\w+.-]*://[^/?#]*)(.*)", url)
    if not match:
        return url
    return (match.group(1).lower() + match.group(2)).rstrip("/")


def is_allowed(url: str, known: tuple[set[str], set[str], set[str], set[str], set[str]]) -> bool:
    """True for a relative address, one on the site, or one the facts allow (see `known_addresses`)."""
    urls, emails, arxiv, dois, openreview = known
    if not re.match(r"[a-zA-Z][\w+.-]*:|//", url):
        return True  # relative: stays on the site
    address = canonical(unquote(url))
    if address.startswith(SITE_URL) or address in urls:
        return True
    if url.startswith("mailto:"):
        return url.removeprefix("mailto:") in emails
    patterns = (
        (r"https://arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?", arxiv),
        (r"https://doi\.org/(10\..+)", dois),
        (r"https://openreview\.net/forum\?id=([\w-]+)", openreview),
    )
    for pattern, ids in patterns:
        match = re.fullmatch(pattern, address)
        if match and (match.group(1) in ids or match.group(1).lower() in ids):
            return True
    return False


def bib_entries() -> list[Entry]:
    """Every entry of every .bib file in bib/."""
    entries = []
    for path in sorted(BIB_DIR.glob("*.bib")):
        library = parse_string(path.read_text(encoding="utf-8"))
        assert not library.failed_blocks, f"{path.name}: unparsable blocks"
        entries.extend(library.entries)
    return entries


def news_files() -> list[Path]:
    """The news items (docs/news/*.md without the timeline page)."""
    return sorted(p for p in NEWS_DIR.glob("*.md") if p.name != "index.md")


def front_matter(path: Path) -> dict[str, object]:
    """The YAML front matter of a Markdown file."""
    match = re.match(r"---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.DOTALL)
    assert match, f"{path.name}: no front matter"
    data = yaml.safe_load(match.group(1))
    assert isinstance(data, dict)
    return data


def date_text(value: object) -> str:
    """A news date as written: YYYY, YYYY-MM or YYYY-MM-DD (YAML reads some of them as numbers or dates)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def seed_news_dates(seed: str) -> Iterator[str]:
    """The dates of the seed's dated news lines ("16th September 2024 :")."""
    pattern = r"^(\d{1,2})(?:st|nd|rd|th) ([A-Z][a-z]+) (\d{4}) :"
    for match in re.finditer(pattern, seed, re.MULTILINE):
        day, month, year = match.groups()
        yield f"{year}-{MONTHS[month]:02d}-{int(day):02d}"


# --- source files (no build needed) ---------------------------------------------------------


def test_bib_holds_exactly_the_verified_papers() -> None:
    """bib/ has one entry per verified paper (#1-#13, #16, #17) and no other."""
    keys = [entry.key for entry in bib_entries()]
    assert sorted(keys) == sorted(PAPERS)


@pytest.mark.parametrize("key", sorted(PAPERS))
def test_bib_identifiers_match_facts(key: str) -> None:
    """Each entry's arXiv id and DOI are those of the facts table; no other field sneaks in."""
    entry = next(e for e in bib_entries() if e.key == key)
    fields = {name.lower(): field.value for name, field in entry.fields_dict.items()}
    arxiv, doi = PAPERS[key]
    assert fields.get("eprint") == arxiv
    assert (fields.get("doi") or "").lower() == (doi or "").lower()
    assert ("archiveprefix" in fields) == (arxiv is not None)
    assert set(fields) <= BIB_FIELDS, set(fields) - BIB_FIELDS


def test_paper_table_agrees_with_facts_file(shared_dir: Path) -> None:
    """Every arXiv id and DOI this file expects is written in publications-facts.md."""
    _, _, arxiv, dois, _ = known_addresses(shared_dir)
    for key, (arxiv_id, doi) in PAPERS.items():
        assert arxiv_id is None or arxiv_id in arxiv, key
        assert doi is None or doi.lower() in dois, key


@pytest.mark.parametrize("path", news_files(), ids=lambda p: p.name)
def test_news_front_matter(path: Path) -> None:
    """A news item has a partial-or-full date that its file name starts with, a title, known tags
    and only papers that are in bib/."""
    meta = front_matter(path)
    assert set(meta) <= NEWS_KEYS, set(meta) - NEWS_KEYS
    date = date_text(meta["date"])
    assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date)
    assert path.name.startswith(f"{date}-")
    assert isinstance(meta["title"], str) and meta["title"].strip()
    tags, papers = meta.get("tags", []), meta.get("papers", [])
    assert isinstance(tags, list) and set(tags) <= NEWS_TAGS
    assert isinstance(papers, list) and set(papers) <= set(PAPERS)


def test_every_dated_seed_news_has_a_file(shared_dir: Path) -> None:
    """Each dated item of the seed's NEWS ("16th September 2024 :") is one news file of that date."""
    seed = (shared_dir / "seed" / SEED_NAME).read_text(encoding="utf-8")
    dates = [date_text(front_matter(p)["date"]) for p in news_files()]
    expected = list(seed_news_dates(seed))
    assert len(expected) == 17
    for date in expected:
        assert dates.count(date) == 1, date


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Here is my official profile.", ["Here is my official profile."]),
        ("My Ph.D. Thesis : A Study", ["My Ph.D.", "Thesis : A Study"]),
        ("- its theme is titled", ["its theme is titled"]),
        ("3. Lecture notes by Geoff Gordon", ["Lecture notes by Geoff Gordon"]),
        ("a.", []),
        ("-----------", []),
        ("Why Deep-Learning?", ["Why Deep-Learning?"]),
    ],
)
def test_seed_sentences(line: str, expected: list[str]) -> None:
    """Seed lines split into sentences; bullets, bare list numbers and rules drop out."""
    assert seed_sentences(line) == expected


@pytest.mark.parametrize(
    "path", sorted((REPO / "docs").rglob("*.md")), ids=lambda p: str(p.relative_to(REPO / "docs"))
)
def test_front_matter_is_valid_yaml(path: Path) -> None:
    """A page's front matter parses (MkDocs silently prints broken front matter as page text)."""
    if path.read_text(encoding="utf-8").startswith("---\n"):
        front_matter(path)


# --- the built site ---------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_page_exists(built_home: Path, page: str) -> None:
    """Each page of the navigation is built and has text."""
    path = built_home / page
    assert path.is_file()
    assert normalise(parse_page(path).text)


def test_seed_sentences_are_on_the_site(built_home: Path, shared_dir: Path) -> None:
    """At least 97% of the seed's sentences appear verbatim on the built pages."""
    seed = (shared_dir / "seed" / SEED_NAME).read_text(encoding="utf-8")
    share, missing = seed_coverage(seed, built_home)
    assert share >= MIN_SEED_COVERAGE, f"{share:.1%} found; missing: {missing}"


def test_external_links_are_known(built_home: Path, shared_dir: Path) -> None:
    """Every address off the site is in links-facts.md or built from a known arXiv id, DOI or OpenReview id."""
    known = known_addresses(shared_dir)
    bad = {
        f"{path.relative_to(built_home)}: {url}"
        for path in built_home.rglob("*.html")
        for url in parse_page(path).urls
        if not is_allowed(url, known)
    }
    assert not bad, sorted(bad)


@pytest.mark.parametrize("key", sorted(PAPERS))
def test_paper_on_publications_page(built_home: Path, key: str) -> None:
    """Each paper of bib/ is on the publications page with exactly its facts' arXiv and DOI links."""
    entries = parse_page(built_home / "publications" / "index.html").entries
    assert key in entries, f"no data-bibkey={key}"
    links = entries[key]
    arxiv, doi = PAPERS[key]
    arxiv_hrefs = [a.get("href", "") for a in links if a.get("data-link") == "arxiv"]
    doi_hrefs = [unquote(a.get("href", "")).lower() for a in links if a.get("data-link") == "doi"]
    assert arxiv_hrefs == ([f"https://arxiv.org/abs/{arxiv}"] if arxiv else [])
    assert doi_hrefs == ([f"https://doi.org/{doi.lower()}"] if doi else [])


def test_news_timeline_has_every_item(built_home: Path) -> None:
    """The news page shows each news file once, with its date."""
    shown = parse_page(built_home / "news" / "index.html").news_dates
    expected = [date_text(front_matter(p)["date"]) for p in news_files()]
    assert len(shown) == len(expected)
    for date in expected:
        assert any(s.startswith(date) for s in shown), date
