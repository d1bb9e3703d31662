"""`<head>` tags of a paper's own page: Highwire Press `citation_*` meta tags and schema.org JSON-LD.

Google Scholar's inclusion guidelines read the Highwire tags: `citation_title` and at least one
`citation_author` are required, `citation_publication_date` is a full date ("2010/5/12") or just
the year, and the journal / conference / institution tags say where the work appeared. Values are
display text, so math (in any field: title, names, venue, publisher, keywords) is given as its
Unicode approximation (`plain_text`) rather than raw TeX.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup

from mkdocs_scholar.bibliography.model import Person, Publication

from .text import page_range, plain_text, safe_href

_THESIS_TYPES = frozenset({"phdthesis", "mastersthesis", "thesis"})
_REPORT_TYPES = frozenset({"techreport", "report"})
# ISBN/ISSN come from raw fields: only digits, X and hyphens are passed on.
_STANDARD_NUMBER = re.compile(r"^[0-9Xx\-]{8,20}$")
# Tags whose values are identifiers or URLs, passed on as they are (the rest is display text).
_VERBATIM = frozenset(
    {
        "citation_isbn",
        "citation_issn",
        "citation_doi",
        "citation_arxiv_id",
        "citation_pdf_url",
        "citation_abstract_html_url",
    }
)


def citation_name(person: Person) -> str:
    """ "Last, First" (Google Scholar accepts it, and it keeps particles with the family name),
    as plain text: `$...$` math in a name becomes its Unicode approximation."""
    return plain_text(_citation_name(person))


def _citation_name(person: Person) -> str:
    """`citation_name` before its math is made plain text."""
    if person.corporate or not person.first:
        return person.display
    name = f"{person.family}, {person.first}"
    return f"{name}, {person.jr}" if person.jr else name


def publication_date(pub: Publication) -> str:
    """The date as "YYYY/MM/DD" when the day is known, else "YYYY" (the forms the guidelines name)."""
    if pub.year is None:
        return ""
    if pub.month and pub.day:
        return f"{pub.year:04d}/{pub.month:02d}/{pub.day:02d}"
    return f"{pub.year:04d}"


def _absolute(url: str | None, site_url: str | None) -> str | None:
    """An absolute http(s) URL: already absolute, or site-relative joined to `site_url`."""
    href = safe_href(url)
    if href is None:
        return None
    if href.lower().startswith(("http://", "https://")):
        return href
    if not site_url:
        return None
    return urljoin(site_url.rstrip("/") + "/", href)


def _pdf_url(pub: Publication, site_url: str | None) -> str | None:
    pdf = pub.link("pdf")
    absolute = _absolute(pdf.url, site_url) if pdf else None
    if absolute:
        return absolute
    return f"https://arxiv.org/pdf/{pub.arxiv_id}" if pub.arxiv_id else None


def _field(pub: Publication, name: str) -> str:
    return next((value.strip("{} ") for key, value in pub.fields if key == name), "")


def citation_tags(pub: Publication, *, site_url: str | None, page_url: str) -> list[tuple[str, str]]:
    """The Highwire Press tags as (name, content) pairs, in the order Google's examples use.

    Args:
        pub: The publication.
        site_url: The site's absolute address (`site_url` in mkdocs.yml), or None.
        page_url: The paper page's URL relative to the site root ("publications/slug/").
    """
    tags: list[tuple[str, str]] = [("citation_title", pub.title)]
    tags += [("citation_author", _citation_name(p)) for p in pub.authors]
    tags.append(("citation_publication_date", publication_date(pub)))
    is_thesis = pub.kind == "thesis" or pub.entry_type in _THESIS_TYPES
    if is_thesis:
        tags.append(("citation_dissertation_institution", pub.institution or pub.venue))
    elif pub.entry_type in _REPORT_TYPES:
        tags.append(("citation_technical_report_institution", pub.institution or pub.venue))
        tags.append(("citation_technical_report_number", pub.number))
    elif pub.kind == "journal":
        tags.append(("citation_journal_title", pub.venue))
    elif pub.kind in ("conference", "workshop"):
        tags.append(("citation_conference_title", pub.venue))
    elif pub.kind == "book" and pub.entry_type not in ("book", "proceedings"):
        tags.append(("citation_inbook_title", pub.venue))
    if not is_thesis and pub.entry_type not in _REPORT_TYPES:
        tags.append(("citation_volume", pub.volume))
        tags.append(("citation_issue", pub.number))
    first, last = page_range(pub.pages)
    tags += [("citation_firstpage", first), ("citation_lastpage", last)]
    tags.append(("citation_publisher", pub.publisher))
    for name in ("isbn", "issn"):
        value = _field(pub, name)
        if _STANDARD_NUMBER.match(value):
            tags.append((f"citation_{name}", value))
    tags.append(("citation_doi", pub.doi or ""))
    tags.append(("citation_arxiv_id", pub.arxiv_id or ""))
    tags.append(("citation_pdf_url", _pdf_url(pub, site_url) or ""))
    tags.append(("citation_abstract_html_url", _absolute(page_url, site_url) or ""))
    tags += [("citation_keywords", kw) for kw in pub.keywords]
    # Display text may hold `$...$` math: every value but the identifiers and URLs becomes plain
    # text here, once (a second pass would read the literal dollars of `\$5` as math).
    return [(name, value if name in _VERBATIM else plain_text(value)) for name, value in tags if value]


def json_ld(pub: Publication, *, site_url: str | None, page_url: str) -> dict[str, Any]:
    """The schema.org description of the work (ScholarlyArticle, Thesis or Book)."""
    kind = "ScholarlyArticle"
    if pub.kind == "thesis" or pub.entry_type in _THESIS_TYPES:
        kind = "Thesis"
    elif pub.entry_type == "book":
        kind = "Book"
    title = plain_text(pub.title)
    venue = plain_text(pub.venue)
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": kind, "headline": title, "name": title}
    data["author"] = [
        {"@type": "Organization" if p.corporate else "Person", "name": plain_text(p.display)}
        for p in pub.authors
    ]
    if pub.year is not None:
        parts = [f"{pub.year:04d}"]
        if pub.month:
            parts.append(f"{pub.month:02d}")
            if pub.day:
                parts.append(f"{pub.day:02d}")
        data["datePublished"] = "-".join(parts)
    if venue and pub.kind == "journal":
        data["isPartOf"] = {"@type": "Periodical", "name": venue}
    elif venue and kind == "ScholarlyArticle":
        data["isPartOf"] = {"@type": "CreativeWork", "name": venue}
    if kind == "Thesis" and (pub.institution or venue):
        data["sourceOrganization"] = {"@type": "Organization", "name": plain_text(pub.institution) or venue}
    if pub.publisher:
        data["publisher"] = {"@type": "Organization", "name": plain_text(pub.publisher)}
    if pub.pages:
        data["pagination"] = plain_text(pub.pages.replace("--", "–"))
    if pub.abstract:
        data["abstract"] = plain_text(pub.abstract)
    if pub.keywords:
        data["keywords"] = [plain_text(kw) for kw in pub.keywords]
    same = []
    if pub.doi:
        same.append(f"https://doi.org/{pub.doi}")
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": pub.doi}
    if pub.arxiv_id:
        same.append(f"https://arxiv.org/abs/{pub.arxiv_id}")
    if same:
        data["sameAs"] = same
    url = _absolute(page_url, site_url)
    if url:
        data["url"] = url
    return data


def script_json(data: Any) -> str:
    """JSON safe inside `<script>`: no `</script>`, `<!--` or `]]>` can close or confuse the block."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def head_tags(pub: Publication, *, site_url: str | None, page_url: str) -> str:
    """Highwire `citation_*` meta tags and a JSON-LD block for a paper page's `<head>`.

    Args:
        pub: The publication the page is about.
        site_url: The site's absolute address, or None (absolute-only tags are then left out).
        page_url: The page's URL relative to the site root, e.g. "publications/slug/".

    Returns:
        HTML: one `<meta>` per line, then `<script type="application/ld+json">`. Every value is
        escaped; the JSON cannot end the script element early.
    """
    lines = [
        Markup('<meta name="{}" content="{}">').format(name, value)
        for name, value in citation_tags(pub, site_url=site_url, page_url=page_url)
    ]
    # script_json leaves no "<" or "&" in the text, so it is safe to mark as HTML.
    ld = Markup(script_json(json_ld(pub, site_url=site_url, page_url=page_url)))
    lines.append(Markup('<script type="application/ld+json">{}</script>').format(ld))
    return "\n".join(lines)
