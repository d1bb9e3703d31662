"""Paper-page `<head>` tags: Highwire `citation_*` for Google Scholar and schema.org JSON-LD."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from mkdocs_scholar.bibliography.model import Link, Person, Publication
from mkdocs_scholar.render.meta import citation_name, head_tags, publication_date, script_json
from tests.papers import CONFERENCE, JOURNAL, PREPRINT, THESIS

SITE = "https://Anirbit-AI.github.io"
PAGE = "publications/kumar2024pinns/"


class Head(HTMLParser):
    """The meta tags as (name, content) pairs and the JSON-LD script text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta":
            self.meta.append((a["name"] or "", a["content"] or ""))
        self._in_script = tag == "script" and a.get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)

    def get(self, name: str) -> list[str]:
        return [content for n, content in self.meta if n == name]


def head(pub: Publication, site_url: str | None = SITE) -> Head:
    return Head(head_tags(pub, site_url=site_url, page_url=f"publications/{pub.slug}/"))


@pytest.mark.parametrize(
    ("pub", "required", "absent"),
    [
        (
            JOURNAL,
            {
                "citation_title", "citation_author", "citation_publication_date", "citation_journal_title",
                "citation_volume", "citation_issue", "citation_firstpage", "citation_doi",
                "citation_arxiv_id", "citation_pdf_url", "citation_abstract_html_url",
            },
            {"citation_conference_title", "citation_dissertation_institution", "citation_lastpage"},
        ),
        (
            CONFERENCE,
            {
                "citation_title", "citation_author", "citation_publication_date", "citation_conference_title",
                "citation_firstpage", "citation_lastpage", "citation_doi", "citation_pdf_url",
            },
            {"citation_journal_title", "citation_volume", "citation_dissertation_institution"},
        ),
        (
            THESIS,
            {
                "citation_title", "citation_author", "citation_publication_date",
                "citation_dissertation_institution", "citation_arxiv_id", "citation_pdf_url",
            },
            {"citation_journal_title", "citation_conference_title", "citation_doi"},
        ),
        (
            PREPRINT,
            {"citation_title", "citation_author", "citation_publication_date", "citation_arxiv_id", "citation_doi"},
            {"citation_journal_title", "citation_conference_title", "citation_firstpage"},
        ),
    ],
)  # fmt: skip
def test_required_tags_per_kind(pub: Publication, required: set[str], absent: set[str]) -> None:
    """Each kind has the tags Google Scholar wants for it, and none meant for other kinds."""
    names = {name for name, _ in head(pub).meta}
    assert required <= names, required - names
    assert not names & absent, names & absent
    assert all(content for _, content in head(pub).meta)


def test_journal_values() -> None:
    """Values are the display values: authors one per tag, pages split, absolute URLs."""
    h = head(JOURNAL)
    assert h.get("citation_title") == [JOURNAL.title]
    assert h.get("citation_author") == ["Kumar, Dibyakanti", "Mukherjee, Anirbit"]
    assert h.get("citation_publication_date") == ["2024"]
    assert h.get("citation_journal_title") == ["Machine Learning: Science and Technology"]
    assert h.get("citation_volume") == ["5"] and h.get("citation_issue") == ["2"]
    assert h.get("citation_firstpage") == ["025063"]
    assert h.get("citation_pdf_url") == ["https://arxiv.org/pdf/2310.05169"]
    assert h.get("citation_abstract_html_url") == [f"{SITE}/{PAGE}"]


def test_thesis_institution() -> None:
    """A thesis names its institution."""
    assert head(THESIS).get("citation_dissertation_institution") == ["Johns Hopkins University"]


def test_report_tags() -> None:
    """A technical report names its institution and number."""
    report = replace(THESIS, entry_type="techreport", kind="other", number="TR-12", institution="Some Lab")
    h = head(report)
    assert h.get("citation_technical_report_institution") == ["Some Lab"]
    assert h.get("citation_technical_report_number") == ["TR-12"]
    assert not h.get("citation_dissertation_institution")


@pytest.mark.parametrize(
    ("links", "site_url", "expected"),
    [
        ((Link("pdf", "assets/papers/p.pdf", "PDF"),), SITE, [f"{SITE}/assets/papers/p.pdf"]),
        ((Link("pdf", "assets/papers/p.pdf", "PDF"),), SITE + "/sub/", [f"{SITE}/sub/assets/papers/p.pdf"]),
        ((Link("pdf", "assets/papers/p.pdf", "PDF"),), None, ["https://arxiv.org/pdf/2310.05169"]),
        ((Link("pdf", "https://example.org/p.pdf", "PDF"),), None, ["https://example.org/p.pdf"]),
        ((Link("pdf", "javascript:alert(1)", "PDF"),), SITE, ["https://arxiv.org/pdf/2310.05169"]),
        ((), SITE, ["https://arxiv.org/pdf/2310.05169"]),
    ],
)
def test_pdf_url(links: tuple[Link, ...], site_url: str | None, expected: list[str]) -> None:
    """The PDF address is absolute: a pdf link (site-relative ones joined to site_url), else arXiv's."""
    assert head(replace(JOURNAL, links=links), site_url).get("citation_pdf_url") == expected


def test_no_site_url_leaves_out_page_url() -> None:
    """Without site_url there is no absolute page address to give."""
    h = head(JOURNAL, None)
    assert not h.get("citation_abstract_html_url")
    assert "url" not in json.loads(h.scripts[0])


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        (Person(first="Anirbit", last="Mukherjee"), "Mukherjee, Anirbit"),
        (
            Person(first="Johannes Diderik", von="van der", last="Waals", jr="Jr"),
            "van der Waals, Johannes Diderik, Jr",
        ),
        (Person(last="Rubin Observatory", corporate=True), "Rubin Observatory"),
        (Person(last="Plato"), "Plato"),
    ],
)
def test_citation_name(person: Person, expected: str) -> None:
    """Names are "Last, First"; corporate and single names are given whole."""
    assert citation_name(person) == expected


@pytest.mark.parametrize(
    ("year", "month", "day", "expected"),
    [(2024, 6, 2, "2024/06/02"), (2024, 6, None, "2024"), (2024, None, None, "2024"), (None, None, None, "")],
)
def test_publication_date(year: int | None, month: int | None, day: int | None, expected: str) -> None:
    """A full date or the year alone, as the guidelines ask."""
    assert publication_date(replace(JOURNAL, year=year, month=month, day=day)) == expected


def test_json_ld() -> None:
    """JSON-LD describes the article: headline, authors, date, journal, DOI and arXiv, page URL."""
    data = json.loads(head(JOURNAL).scripts[0])
    assert data["@context"] == "https://schema.org" and data["@type"] == "ScholarlyArticle"
    assert data["headline"] == data["name"] == JOURNAL.title
    assert data["author"] == [
        {"@type": "Person", "name": "Dibyakanti Kumar"},
        {"@type": "Person", "name": "Anirbit Mukherjee"},
    ]
    assert data["datePublished"] == "2024-06"
    assert data["isPartOf"] == {"@type": "Periodical", "name": "Machine Learning: Science and Technology"}
    assert data["sameAs"] == ["https://doi.org/10.1088/2632-2153/ad51cd", "https://arxiv.org/abs/2310.05169"]
    assert data["url"] == f"{SITE}/{PAGE}"
    assert json.loads(head(THESIS).scripts[0])["@type"] == "Thesis"


def test_math_in_title_is_plain_text() -> None:
    """Meta tags carry the Unicode approximation of math, not TeX."""
    h = head(replace(JOURNAL, title="Bounds of order $O(n^2)$"))
    assert h.get("citation_title") == ["Bounds of order O(n²)"]
    assert json.loads(h.scripts[0])["headline"] == "Bounds of order O(n²)"


def test_hostile_values_are_escaped() -> None:
    """Quotes and tags in values stay inside the attribute; the JSON cannot end its script early."""
    evil = replace(
        JOURNAL,
        title='"><script>alert(1)</script><!-- ',
        authors=(Person(first='x" onload="alert(2)', last="</script>"),),
        venue="]]></script>",
        abstract="<!--<script>",
    )
    html = head_tags(evil, site_url=SITE, page_url=PAGE)
    assert html.count("<script") == 1 and html.count("</script>") == 1
    assert "<!--" not in html
    h = Head(html)
    assert h.get("citation_title") == [evil.title]
    assert h.get("citation_author") == ['</script>, x" onload="alert(2)']
    data = json.loads(h.scripts[0])
    assert data["headline"] == evil.title and data["abstract"] == "<!--<script>"


@pytest.mark.parametrize(
    "value",
    ["</script>", "<!--", "]]>", "a & b", "\u2028", {"k": "</SCRIPT >"}],
)
def test_script_json_never_holds_markup(value: object) -> None:
    """Safe JSON has no `<`, `>` or `&` and still decodes to the same value."""
    text = script_json(value)
    assert not re.search(r"[<>&\u2028]", text)
    assert json.loads(text) == value


# -- math outside the title ---------------------------------------------------------------------

ALPHA = Person(last=r"$\alpha$ Collaboration", corporate=True)
BOOK = replace(JOURNAL, entry_type="book", kind="book")


@pytest.mark.parametrize(
    ("pub", "tag", "expected"),
    [
        (
            replace(JOURNAL, venue="Journal of $L^p$ Spaces"),
            "citation_journal_title",
            ["Journal of L^p Spaces"],
        ),
        (replace(CONFERENCE, venue=r"Proc. $\Sigma$ Conf"), "citation_conference_title", ["Proc. Σ Conf"]),
        (replace(JOURNAL, authors=(ALPHA,)), "citation_author", ["α Collaboration"]),
        (replace(JOURNAL, authors=(Person(first="A.", last="M$^2$"),)), "citation_author", ["M², A."]),
        (replace(JOURNAL, publisher=r"$\pi$ Press"), "citation_publisher", ["π Press"]),
        (replace(THESIS, institution=r"$\Sigma$ U"), "citation_dissertation_institution", ["Σ U"]),
        (replace(JOURNAL, keywords=("$k$-means", "PDE")), "citation_keywords", ["k-means", "PDE"]),
        (replace(JOURNAL, volume="$n$"), "citation_volume", ["n"]),
        (replace(JOURNAL, pages="$n$--5"), "citation_firstpage", ["n"]),
    ],
)
def test_math_in_any_tag_is_plain_text(pub: Publication, tag: str, expected: list[str]) -> None:
    """Every display value in the Highwire tags carries math as Unicode, not TeX."""
    h = head(pub)
    assert h.get(tag) == expected
    assert not [(n, v) for n, v in h.meta if "$" in v]


@pytest.mark.parametrize(
    ("pub", "key", "expected"),
    [
        (replace(JOURNAL, venue="J of $L^p$"), "isPartOf", {"@type": "Periodical", "name": "J of L^p"}),
        (
            replace(CONFERENCE, venue=r"$\Sigma$ Conf"),
            "isPartOf",
            {"@type": "CreativeWork", "name": "Σ Conf"},
        ),
        (
            replace(JOURNAL, authors=(ALPHA,)),
            "author",
            [{"@type": "Organization", "name": "α Collaboration"}],
        ),
        (
            replace(JOURNAL, publisher=r"$\pi$ Press"),
            "publisher",
            {"@type": "Organization", "name": "π Press"},
        ),
        (
            replace(THESIS, institution=r"$\Sigma$ U"),
            "sourceOrganization",
            {"@type": "Organization", "name": "Σ U"},
        ),
        (replace(JOURNAL, keywords=("$k$-means",)), "keywords", ["k-means"]),
        (replace(JOURNAL, pages="$n$--5"), "pagination", "n–5"),
        (replace(JOURNAL, abstract="With $x^2$."), "abstract", "With x²."),
    ],
)
def test_math_in_any_json_ld_value_is_plain_text(pub: Publication, key: str, expected: object) -> None:
    """JSON-LD values are display text too: no TeX left in them."""
    data = json.loads(head(pub).scripts[0])
    assert data[key] == expected
    assert "$" not in json.dumps(data, ensure_ascii=False)


def test_identifiers_and_urls_are_not_read_as_math() -> None:
    """Only display text goes through the math conversion: a URL with dollars is kept as it is."""
    pub = replace(JOURNAL, links=(Link("pdf", "https://e.org/a$b$.pdf", "PDF"),))
    assert head(pub).get("citation_pdf_url") == ["https://e.org/a$b$.pdf"]


def test_citation_name_with_math() -> None:
    """`citation_name` gives math in a name as Unicode."""
    assert citation_name(ALPHA) == "α Collaboration"
    assert citation_name(Person(first=r"$\beta$", last="Doe")) == "Doe, β"
