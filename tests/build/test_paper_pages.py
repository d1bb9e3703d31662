"""Every paper page of the real site: Google Scholar tags for its kind, JSON-LD, search, downloads."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from mkdocs_scholar.bibliography import load_bibliography
from tests.conftest import REPO

BIB = load_bibliography(sorted((REPO / "bib").glob("*.bib")))
PUBS = BIB.publications


class HeadParser(HTMLParser):
    """Collects `<meta name=citation_*>` tags and JSON-LD scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.json_ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("name") or "").startswith("citation_"):
            self.meta.append((a["name"] or "", a.get("content") or ""))
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_ld = False


def head_of(site: Path, slug: str) -> HeadParser:
    parser = HeadParser()
    parser.feed((site / "publications" / slug / "index.html").read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("pub", PUBS, ids=[p.key for p in PUBS])
def test_paper_page_has_scholar_tags_for_its_kind(built_home: Path, pub: object) -> None:
    """Title, one author tag per author, date, venue tag by kind, DOI, absolute PDF, valid JSON-LD."""
    from mkdocs_scholar.bibliography.model import Publication

    assert isinstance(pub, Publication)
    head = head_of(built_home, pub.slug)
    meta: dict[str, list[str]] = {}
    for name, content in head.meta:
        meta.setdefault(name, []).append(unescape(content))
    assert meta["citation_title"] == [pub.title]
    assert len(meta["citation_author"]) == len(pub.authors)
    assert re.fullmatch(r"\d{4}(/\d{2}/\d{2})?", meta["citation_publication_date"][0])
    if pub.kind == "journal":
        assert meta["citation_journal_title"] == [pub.venue]
    if pub.kind in ("conference", "workshop"):
        assert "citation_conference_title" in meta
    if pub.kind == "thesis":
        assert meta["citation_dissertation_institution"]
    if pub.doi and not pub.doi.lower().startswith("10.48550/"):
        assert meta["citation_doi"] == [pub.doi]
    for url in meta.get("citation_pdf_url", []):
        assert url.startswith("https://")
    data = json.loads(head.json_ld[0])
    expected = {"thesis": "Thesis", "book": "Book"}.get(pub.kind, "ScholarlyArticle")
    assert data["@type"] == expected
    assert data["name"] == pub.title or data.get("headline") == pub.title


def test_paper_pages_are_searchable_and_in_the_sitemap(built_home: Path) -> None:
    """Material's search index and sitemap.xml list every paper page."""
    index = json.loads((built_home / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    sitemap = (built_home / "sitemap.xml").read_text(encoding="utf-8")
    for pub in PUBS:
        assert f"publications/{pub.slug}/" in locations
        assert f"/publications/{pub.slug}/</loc>" in sitemap


def test_downloads_reparse_and_csl_renders(built_home: Path) -> None:
    """publications.bib re-parses to the same keys; citeproc-py formats every CSL-JSON item."""
    text = (built_home / "publications" / "publications.bib").read_text(encoding="utf-8")
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    assert {e.key for e in library.entries} == {p.key for p in PUBS}
    for pub in PUBS:
        single = bibtexparser.parse_string(
            (built_home / "publications" / f"{pub.slug}.bib").read_text("utf-8")
        )
        assert [e.key for e in single.entries] == [pub.key]
        assert "abbr" not in single.entries[0].fields_dict, "display-only fields are left out"

    items = json.loads((built_home / "publications" / "publications.json").read_text(encoding="utf-8"))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(PUBS)
    assert all(rendered)
