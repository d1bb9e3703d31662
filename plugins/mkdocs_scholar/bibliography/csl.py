"""CSL-JSON: the publications in the format citation managers and citeproc processors read.

One item per publication, built from the display fields (LaTeX already decoded; math, in any
field, given as its Unicode approximation by `plaintext.plain_text`, the function the meta tags
and the search use, because CSL processors would print `$\\alpha$` literally).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from .model import Person, Publication
from .plaintext import plain_text

_TYPES_BY_ENTRY = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "incollection": "chapter",
    "inbook": "chapter",
    "book": "book",
    "mvbook": "book",
    "proceedings": "book",
    "collection": "book",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "unpublished": "manuscript",
    "online": "webpage",
    "software": "software",
    "dataset": "dataset",
}
_TYPES_BY_KIND = {
    "journal": "article-journal",
    "conference": "paper-conference",
    "workshop": "paper-conference",
    "preprint": "article",
    "thesis": "thesis",
    "book": "book",
    "other": "document",
}
_GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
_TEXT_FIELDS = (
    "title",
    "container-title",
    "publisher",
    "number",
    "volume",
    "issue",
    "page",
    "abstract",
    "keyword",
)
"""Item fields holding display text (the others are identifiers, URLs, dates and names)."""


def csl_type(pub: Publication) -> str:
    """The CSL item type; a preprint is "article" whatever its BibTeX type."""
    if pub.kind == "preprint":
        return "article"
    return _TYPES_BY_ENTRY.get(pub.entry_type) or _TYPES_BY_KIND.get(pub.kind, "document")


def csl_name(person: Person) -> dict[str, str]:
    """A CSL name: family/given (particle and suffix kept), or literal for a corporate author;
    math in a name as its Unicode approximation."""
    if person.corporate:
        return {"literal": plain_text(person.last)}
    name = {"family": person.last, "given": person.first}
    if person.von:
        name["non-dropping-particle"] = person.von
    if person.jr:
        name["suffix"] = person.jr
    return {k: plain_text(v) for k, v in name.items() if v}


_PAGE_DASH = re.compile(r"--|[-–—]")


def _page(pages: str) -> str:
    """CSL writes page ranges with a plain hyphen: "56--66" and "56–66" become "56-66"."""
    # Split, then strip: "\s*(?:--|[-–—])\s*" tries each start of a long run of spaces (quadratic).
    return "-".join(part.strip() for part in _PAGE_DASH.split(pages.strip()))


def _url(pub: Publication) -> str:
    """The work's own address: a url/website link, else its arXiv abstract page."""
    for kind in ("url", "website"):
        link = pub.link(kind)
        if link and link.url.lower().startswith(("http://", "https://")):
            return link.url
    return f"https://arxiv.org/abs/{pub.arxiv_id}" if pub.arxiv_id else ""


def to_csl(pub: Publication) -> dict[str, Any]:
    """One publication as a CSL-JSON item (empty fields left out).

    Args:
        pub: The publication.

    Returns:
        A dict with at least `id` (the BibTeX key), `type` and `title`.
    """
    kind = csl_type(pub)
    item: dict[str, Any] = {"id": pub.key, "type": kind, "title": pub.title}
    if pub.authors:
        item["author"] = [csl_name(p) for p in pub.authors]
    if pub.editors:
        item["editor"] = [csl_name(p) for p in pub.editors]
    if pub.year is not None:
        parts = [pub.year]
        if pub.month:
            parts += [pub.month, pub.day] if pub.day else [pub.month]
        item["issued"] = {"date-parts": [parts]}
    if kind in ("thesis", "report"):
        # CSL has no "school": the degree-granting or issuing body is the publisher.
        item["publisher"] = pub.institution or pub.venue or pub.publisher
        item["number"] = pub.number if kind == "report" else ""
        item["genre"] = _GENRES.get(pub.entry_type, "Technical report" if kind == "report" else "")
    else:
        item["container-title"] = pub.venue
        item["volume"] = pub.volume
        item["issue"] = pub.number
        item["publisher"] = pub.publisher
    if kind == "article" and pub.arxiv_id and not pub.venue:
        # How Zotero and the CSL spec's examples describe an arXiv preprint.
        item["publisher"] = "arXiv"
        item["number"] = f"arXiv:{pub.arxiv_id}"
    item["page"] = _page(pub.pages) if pub.pages else ""
    item["DOI"] = pub.doi or ""
    item["URL"] = _url(pub)
    item["abstract"] = pub.abstract
    item["keyword"] = ", ".join(pub.keywords)
    item["status"] = pub.status
    for name in _TEXT_FIELDS:  # display text that may hold `$...$` math: made plain text once
        if isinstance(item.get(name), str):
            item[name] = plain_text(item[name])
    return {k: v for k, v in item.items() if v not in ("", None, [])}


def to_csl_json(pubs: Iterable[Publication]) -> str:
    """All publications as a CSL-JSON document (a JSON array), UTF-8 text, newline-terminated."""
    return json.dumps([to_csl(p) for p in pubs], ensure_ascii=False, indent=2) + "\n"
