"""CSL-JSON export: item fields per kind, and that a real CSL processor (citeproc-py) accepts it."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from mkdocs_scholar.bibliography.csl import csl_name, csl_type, to_csl, to_csl_json
from mkdocs_scholar.bibliography.model import Link, Person, Publication
from tests import papers

JOURNAL = replace(
    papers.JOURNAL,
    publisher="IOP Publishing",
    abstract="Fixture abstract with $x^2$.",
    keywords=("PINNs", "PDE"),
    links=(Link("website", "https://iopscience.iop.org/article/10.1088/2632-2153/ad51cd", "Publisher"),),
)
# As an arXiv-only @article, without the arXiv DOI the paper-page tests use.
PREPRINT = replace(papers.PREPRINT, entry_type="article", doi=None)
CONFERENCE, THESIS = papers.CONFERENCE, papers.THESIS


@pytest.mark.parametrize(
    ("entry_type", "kind", "expected"),
    [
        ("article", "journal", "article-journal"),
        ("inproceedings", "conference", "paper-conference"),
        ("inproceedings", "workshop", "paper-conference"),
        ("article", "preprint", "article"),
        ("misc", "preprint", "article"),
        ("phdthesis", "thesis", "thesis"),
        ("mastersthesis", "thesis", "thesis"),
        ("book", "book", "book"),
        ("incollection", "book", "chapter"),
        ("techreport", "other", "report"),
        ("misc", "other", "document"),
        ("unpublished", "other", "manuscript"),
        ("weird", "journal", "article-journal"),
    ],
)
def test_csl_type(entry_type: str, kind: str, expected: str) -> None:
    """BibTeX type first, then our kind; preprints are always "article"."""
    pub = replace(JOURNAL, entry_type=entry_type, kind=kind)  # type: ignore[arg-type]
    assert csl_type(pub) == expected


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        (Person(first="Anirbit", last="Mukherjee"), {"family": "Mukherjee", "given": "Anirbit"}),
        (
            Person(first="Johannes", von="van der", last="Waals", jr="Jr"),
            {"family": "Waals", "given": "Johannes", "non-dropping-particle": "van der", "suffix": "Jr"},
        ),
        (Person(last="Rubin Observatory", corporate=True), {"literal": "Rubin Observatory"}),
        (Person(last="Plato"), {"family": "Plato"}),
    ],
)
def test_csl_name(person: Person, expected: dict[str, str]) -> None:
    """Names split into CSL parts; corporate names stay literal."""
    assert csl_name(person) == expected


def test_journal_item() -> None:
    """A journal article carries its container, numbers, pages, DOI, URL and plain-text fields."""
    item = to_csl(JOURNAL)
    assert item == {
        "id": "kumar2024pinns",
        "type": "article-journal",
        "title": JOURNAL.title,
        "author": [{"family": "Kumar", "given": "Dibyakanti"}, {"family": "Mukherjee", "given": "Anirbit"}],
        "issued": {"date-parts": [[2024, 6]]},
        "container-title": "Machine Learning: Science and Technology",
        "volume": "5",
        "issue": "2",
        "publisher": "IOP Publishing",
        "page": "025063",
        "DOI": "10.1088/2632-2153/ad51cd",
        "URL": "https://iopscience.iop.org/article/10.1088/2632-2153/ad51cd",
        "abstract": "Fixture abstract with x².",
        "keyword": "PINNs, PDE",
    }


def test_thesis_item() -> None:
    """A thesis names its school as publisher and its degree as genre."""
    item = to_csl(THESIS)
    assert item["type"] == "thesis"
    assert item["publisher"] == "Johns Hopkins University"
    assert item["genre"] == "PhD thesis"
    assert item["URL"] == "https://arxiv.org/abs/2104.14033"
    assert "container-title" not in item


def test_preprint_item() -> None:
    """An arXiv preprint is an article published by arXiv with its identifier as number."""
    item = to_csl(PREPRINT)
    assert (item["type"], item["publisher"], item["number"]) == ("article", "arXiv", "arXiv:2310.04856")


def test_conference_pages_and_date() -> None:
    """Page ranges use a plain hyphen; a year without month is one date part."""
    item = to_csl(CONFERENCE)
    assert item["page"] == "36-40"
    assert item["issued"] == {"date-parts": [[2018]]}


def test_undated_and_empty_fields_are_left_out() -> None:
    """No year, no issued; empty strings never appear."""
    bare = Publication(key="k", slug="k", entry_type="misc", kind="other", title="Only a title")
    assert to_csl(bare) == {"id": "k", "type": "document", "title": "Only a title"}


def test_csl_json_is_a_json_array() -> None:
    """The document is a JSON array of items, non-ASCII kept as is."""
    text = to_csl_json([JOURNAL, THESIS])
    assert [i["id"] for i in json.loads(text)] == ["kumar2024pinns", "mukherjee2020thesis"]
    assert "Burgers’" in text and text.endswith("\n")


def test_citeproc_renders_the_export() -> None:
    """citeproc-py reads the CSL-JSON and formats a bibliography with its bundled Harvard style."""
    pubs = [JOURNAL, THESIS, PREPRINT, CONFERENCE]
    source = CiteProcJSON(json.loads(to_csl_json(pubs)))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for pub in pubs:
        bibliography.register(Citation([CitationItem(pub.key.lower())]))
    rendered = [str(item) for item in bibliography.bibliography()]
    assert len(rendered) == len(pubs)
    text = "\n".join(rendered)
    assert "Kumar, D. and Mukherjee, A. (2024)" in text
    assert "Machine Learning: Science and Technology, 5(2)" in text
    assert "Johns Hopkins University" in text
    assert "pp. 36–40" in text


# -- math outside the title ---------------------------------------------------------------------

ALPHA = Person(last=r"$\alpha$ Collaboration", corporate=True)


@pytest.mark.parametrize(
    ("pub", "field", "expected"),
    [
        (replace(JOURNAL, title="Order $O(n^2)$"), "title", "Order O(n²)"),
        (replace(JOURNAL, venue="Journal of $L^p$ Spaces"), "container-title", "Journal of L^p Spaces"),
        (replace(JOURNAL, publisher=r"$\pi$ Press"), "publisher", "π Press"),
        (replace(THESIS, institution=r"$\Sigma$ U"), "publisher", "Σ U"),
        (replace(JOURNAL, volume="$n$"), "volume", "n"),
        (replace(JOURNAL, number="$m$"), "issue", "m"),
        (replace(JOURNAL, pages="$n$--5"), "page", "n-5"),
        (replace(JOURNAL, abstract="With $x^2$."), "abstract", "With x²."),
        (replace(JOURNAL, keywords=("$k$-means", "PDE")), "keyword", "k-means, PDE"),
        (replace(JOURNAL, authors=(ALPHA,)), "author", [{"literal": "α Collaboration"}]),
        (
            replace(JOURNAL, editors=(Person(first=r"$\beta$", von="$v$", last="M$^2$", jr="$j$"),)),
            "editor",
            [{"family": "M²", "given": "β", "non-dropping-particle": "v", "suffix": "j"}],
        ),
    ],
)
def test_math_in_any_field_is_plain_text(pub: Publication, field: str, expected: object) -> None:
    """CSL processors print TeX literally: every display field gives math as Unicode."""
    item = to_csl(pub)
    assert item[field] == expected
    assert "$" not in json.dumps(item, ensure_ascii=False)


def test_math_conversion_leaves_ids_and_urls_alone() -> None:
    """The key, DOI and URL are not display text and keep any dollar."""
    pub = replace(
        JOURNAL,
        key="a$b$",
        doi="10.1/$x$",
        links=(Link("url", "https://e.org/$y$", "Link"),),
    )
    item = to_csl(pub)
    assert (item["id"], item["DOI"], item["URL"]) == ("a$b$", "10.1/$x$", "https://e.org/$y$")
