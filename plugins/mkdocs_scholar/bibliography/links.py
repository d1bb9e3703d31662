"""arXiv ids, DOIs and link fields -> checked `Link`s.

Every target is untrusted: only http(s) and site-relative targets become links, anything
else (javascript:, data:, file:, ...) is refused with a reason the caller reports.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, unquote, urlsplit

from .model import LINK_KINDS, Link, LinkKind

__all__ = [
    "LABELS",
    "LinkResult",
    "arxiv_from_text",
    "clean_target",
    "doi_url",
    "extract_links",
    "find_arxiv",
    "is_address",
    "normalize_arxiv",
    "normalize_doi",
    "safe_target",
]

LABELS: dict[LinkKind, str] = {
    "arxiv": "arXiv", "doi": "DOI", "pdf": "PDF", "code": "Code", "slides": "Slides",
    "poster": "Poster", "video": "Video", "website": "Website", "openreview": "OpenReview",
    "supp": "Supplement", "url": "Link",
}  # fmt: skip

# (field, kind) in the order links are looked for; the first field of a kind wins. `howpublished`
# counts only when it is an address (`\url{...}`, as Google Scholar and al-folio write it): then
# it is no venue, and it must not vanish.
_LINK_FIELDS: tuple[tuple[str, LinkKind], ...] = (
    ("pdf", "pdf"), ("code", "code"), ("slides", "slides"), ("poster", "poster"), ("video", "video"),
    ("website", "website"), ("html", "website"), ("openreview", "openreview"), ("supp", "supp"),
    ("supplement", "supp"), ("url", "url"), ("howpublished", "url"),
)  # fmt: skip
# Kinds whose bare file names ("paper.pdf") live in the assets folder.
_FILE_KINDS = frozenset({"pdf", "slides", "poster", "video", "supp"})

# arXiv's identifier schemes (https://info.arxiv.org/help/arxiv_identifier.html). New style, from
# April 2007: YYMM.NNNN up to 1412, YYMM.NNNNN from 1501; the month is 01-12. Old style (1991 to
# March 2007): archive[.subject]/YYMMNNN. "2313.05169" or "1412.12345" is no arXiv id.
_MONTH = r"(?:0[1-9]|1[0-2])"
_NEW_ID = (
    rf"(?:(?:070[4-9]|071[0-2]|0[89]{_MONTH}|1[0-4]{_MONTH})\.[0-9]{{4}}"
    rf"|(?:1[5-9]|[2-9][0-9]){_MONTH}\.[0-9]{{5}})(?:v[0-9]+)?(?![0-9])"
)
_OLD_NUMBER = rf"(?:9[1-9]|0[0-7]){_MONTH}[0-9]{{3}}"
_OLD_ID = rf"[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]{{2}}(?:-[A-Za-z]{{2}})?)?/{_OLD_NUMBER}(?:v[0-9]+)?(?![0-9])"
_ARXIV_ID = re.compile(rf"(?:{_NEW_ID}|{_OLD_ID})")
_ARXIV_IN_TEXT = re.compile(
    # `(?:\s*:\s*|\s+)`, not `\s*(?::|\s)\s*`, which splits a run of spaces n² ways.
    rf"arxiv(?:\s+e-?prints?)?(?:\s+preprint)?(?:\s*:\s*|\s+)(?:arxiv\s*:\s*)?(?:abs/)?(?P<id>{_NEW_ID}|{_OLD_ID})",
    re.I,
)
_CORR_IN_TEXT = re.compile(rf"\bCoRR\b[^/]{{0,20}}?\babs/(?P<id>{_NEW_ID}|{_OLD_ID})")
_ABS_ID = re.compile(rf"\babs/(?P<id>{_NEW_ID}|{_OLD_ID})")
_ARXIV_URL = re.compile(rf"arxiv\.org/(?:abs|pdf|html)/(?P<id>{_NEW_ID}|{_OLD_ID})(?:\.pdf)?", re.I)
_ARXIV_DOI = re.compile(rf"^10\.48550/arxiv\.(?P<id>{_NEW_ID}|{_OLD_ID})$", re.I)
_ARXIV_PREFIX = re.compile(r"^\s*arxiv\s*:\s*", re.I)
# Zotero and Mendeley write old-style ids as "0603845 [cond-mat]" or "0405236v1 [arXiv:hep-ph]".
_BRACKETED_OLD_ID = re.compile(
    rf"(?P<number>{_OLD_NUMBER}(?:v[0-9]+)?)\s*\[\s*(?:arxiv\s*:\s*)?(?P<archive>[a-z]+(?:-[a-z]+)?)(?:\.[A-Za-z-]+)?\s*\]",
    re.I,
)
# The archives of arXiv's old identifier scheme (before April 2007), from arxiv.org/help/arxiv_identifier.
_OLD_ARCHIVES = frozenset(
    {"acc-phys", "adap-org", "alg-geom", "ao-sci", "astro-ph", "atom-ph", "bayes-an", "chao-dyn",
     "chem-ph", "cmp-lg", "comp-gas", "cond-mat", "cs", "dg-ga", "funct-an", "gr-qc", "hep-ex",
     "hep-lat", "hep-ph", "hep-th", "math", "math-ph", "mtrl-th", "nlin", "nucl-ex", "nucl-th",
     "patt-sol", "physics", "plasm-ph", "q-alg", "q-bio", "quant-ph", "solv-int", "supr-con"}
)  # fmt: skip

_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(
    r"^\s*(?:doi\s*:\s*)?(?:https?://(?:dx\.|www\.)?doi\.org/|https?://doi\.acm\.org/)", re.I
)
_DOI_LABEL = re.compile(r"^\s*doi\s*:\s*", re.I)

# `[^<>]`, not `[^>]`: an "<a " without ">" must not scan on to the end of the value (quadratic).
_HREF = re.compile(r"""<a\s[^<>]*?href\s*=\s*["']?([^"'\s>]+)""", re.I)
# Only real HTML tags: "<1661::AID-SIM968>" in a DOI is not one.
_TAG = re.compile(r"</?(?:a|b|i|em|strong|span|sub|sup|br|p|div|tt|code)\b[^<>]*>", re.I)
# `\href{URL}{text}` keeps the URL (its text, one brace level deep at most, goes).
_URL_MACRO = re.compile(r"\\url\s*\{([^{}]*)\}|\\href\s*\{([^{}]*)\}(?:\s*\{(?:[^{}]|\{[^{}]*\})*\})?")
_TEX_ESCAPES = (
    ("\\textasciitilde{}", "~"), ("\\textasciitilde", "~"), ("$\\sim$", "~"), ("\\~{}", "~"),
    ("\\_", "_"), ("\\%", "%"), ("\\&", "&"), ("\\#", "#"), ("\\$", "$"), ("\\{", "{"), ("\\}", "}"),
)  # fmt: skip
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
# C0 and C1 control characters and DEL: never part of an address (the loader has turned tabs and
# line breaks into spaces already).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# A path segment that browsers resolve as "..": any mix of "." and "%2e" ("%2e%2e", ".%2E").
_DOT_DOT = re.compile(r"(?:^|/)(?:\.|%2e){2}(?:[/?#]|$)", re.I)
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~-._"
_DOI_SAFE = "/():;@!$&'*+,=-._~"
# What `quote(doi, safe=_DOI_SAFE)` leaves as it is: ASCII letters, digits and _DOI_SAFE.
_DOI_URL_SAFE = re.compile(r"[A-Za-z0-9/():;@!$&'*+,=\-._~]*")


@dataclass(frozen=True)
class LinkResult:
    """What `extract_links` found for one entry."""

    links: tuple[Link, ...]
    arxiv_id: str | None
    doi: str | None
    problems: tuple[str, ...]
    """Reasons for refused or invalid values, without the entry's name (the caller adds it)."""


def clean_target(value: str) -> str:
    """A link field's value without LaTeX and HTML wrapping: `\\url{..}`, `<a href=..>`, `\\_`, braces."""
    value = value.strip()
    if "<" in value:
        href = _HREF.search(value)
        value = href.group(1) if href else _TAG.sub("", value)
    if "\\" in value:
        value = _URL_MACRO.sub(r"\1\2", value)
        for old, new in _TEX_ESCAPES:
            value = value.replace(old, new)
    if "{" in value or "}" in value:
        value = value.replace("{", "").replace("}", "")
    return value.strip()


def _bracketed_old_id(text: str) -> str | None:
    """ "0603845 [cond-mat]" -> "cond-mat/0603845"; None unless the archive is one of arXiv's."""
    m = _BRACKETED_OLD_ID.fullmatch(text)
    if m is None:
        return None
    archive = m.group("archive").lower()
    return f"{archive}/{m.group('number')}" if archive in _OLD_ARCHIVES else None


@lru_cache(maxsize=4096)
def normalize_arxiv(value: str) -> str | None:
    """An arXiv id from a value that should be one.

    Takes "2310.05169", "arXiv:hep-th/9901001", an arxiv.org URL, and reference managers'
    "0603845 [cond-mat]" (-> "cond-mat/0603845").
    """
    text = _ARXIV_PREFIX.sub("", clean_target(value))
    if _ARXIV_ID.fullmatch(text):
        return text
    return _bracketed_old_id(text) or arxiv_from_text(text)


def arxiv_from_text(text: str) -> str | None:
    """An arXiv id mentioned in free text or a URL ("arXiv preprint arXiv:2405.08645", "CoRR abs/..."), or None."""
    for pattern in (_ARXIV_URL, _ARXIV_IN_TEXT):
        m = pattern.search(text)
        if m:
            return m.group("id")
    m = _ARXIV_DOI.match(text.strip())
    return m.group("id") if m else None


# Fields that can name an arXiv id outright; most entries have none of them.
_ARXIV_FIELDS = frozenset({"arxiv", "eprint", "arxivid", "archiveprefix", "eprinttype"})


@lru_cache(maxsize=4096)
def _arxiv_in_venue(value: str) -> str | None:
    """An arXiv id named in a venue or note ("arXiv preprint arXiv:ID", "CoRR abs/ID"); venues repeat."""
    m = _ARXIV_IN_TEXT.search(value) if "arxiv" in value.lower() else None
    m = m or (_CORR_IN_TEXT.search(value) if "CoRR" in value else None)
    return m.group("id") if m else None


def _arxiv_in_link(value: str) -> str | None:
    """An arXiv id in an arxiv.org URL or an arXiv DOI (10.48550/arXiv.ID)."""
    # normalize_doi is cached: extract_links asks again for the same values.
    m = _ARXIV_URL.search(value) or _ARXIV_DOI.match(normalize_doi(value) or "")
    return m.group("id") if m else None


@lru_cache(maxsize=4096)
def is_address(text: str) -> bool:
    """Whether display text is a web address ("https://...", "www..."), not words."""
    return text.lower().startswith(("http://", "https://", "www."))


def _howpublished_address(value: str) -> str:
    """The address in a `howpublished` field ("\\url{https://...}"), or "" when it is text.

    The same test as the venue step's, which skips such a value as a venue.
    """
    text = clean_target(value) if "/" in value or "www" in value.lower() else ""
    return text if is_address(text) else ""


def _address_in_howpublished(fields: Mapping[str, str]) -> str:
    value = fields.get("howpublished")
    return _howpublished_address(value) if value else ""


def find_arxiv(fields: Mapping[str, str]) -> tuple[str | None, str | None]:
    """The entry's arXiv id, and a problem if a field meant as an arXiv id holds something else.

    Looks, in order, at: `arxiv` (al-folio), `eprint` with `archiveprefix`/`eprinttype` arXiv,
    `arxivid`, a bare `eprint` that looks like an id, venue and note text ("arXiv:ID",
    "CoRR abs/ID"), arxiv.org URLs in url/howpublished/pdf, and arXiv DOIs (10.48550/arXiv.ID).
    """
    problem = None
    if not fields.keys().isdisjoint(_ARXIV_FIELDS):
        prefix = (fields.get("archiveprefix", "") or fields.get("eprinttype", "")).strip("{} ").lower()
        explicit = [("arxiv", fields.get("arxiv", ""))]
        if prefix == "arxiv":
            explicit.append(("eprint", fields.get("eprint", "")))
        explicit.append(("arxivid", fields.get("arxivid", "")))
        for name, written in explicit:
            if not written:
                continue
            found = normalize_arxiv(written)
            if found:
                return found, problem
            problem = problem or f"field '{name}' is not a valid arXiv id: {clean_target(written)!r}"
        eprint = fields.get("eprint", "")
        if eprint and not prefix:
            text = _ARXIV_PREFIX.sub("", clean_target(eprint))
            if _ARXIV_ID.fullmatch(text):
                return text, problem
            found = _bracketed_old_id(text)
            if found:
                return found, problem
    for name in ("journal", "journaltitle", "note", "howpublished", "booktitle"):
        value = fields.get(name)
        if value:
            found = _arxiv_in_venue(value)
            if found:
                return found, problem
    journal = fields.get("journal")
    if journal and journal.strip("{} ") == "CoRR":
        for name in ("volume", "number", "url"):
            m = _ABS_ID.search(fields.get(name, ""))
            if m:
                return m.group("id"), problem
    for name in ("url", "howpublished", "pdf", "file", "doi"):
        value = _address_in_howpublished(fields) if name == "howpublished" else fields.get(name)
        if value:
            found = _arxiv_in_link(value)
            if found:
                return found, problem
    return None, problem


@lru_cache(maxsize=65536)
def normalize_doi(value: str) -> str | None:
    """A DOI from "10.x/y", "doi:10.x/y", "DOI: 10.x/y", "https://doi.org/10.x/y", "http://dx.doi.org/...", or None."""
    text = clean_target(value)
    if text.startswith("10."):
        # A bare DOI (most values): no resolver or label to take off.
        return text if _DOI.fullmatch(text) else None
    without_resolver = _DOI_PREFIX.sub("", text)
    # A resolver URL's path is percent-encoded; "doi:" or "DOI:" labels a bare DOI.
    from_url = without_resolver != text
    stripped = (unquote(without_resolver) if from_url else _DOI_LABEL.sub("", text)).strip()
    return stripped if _DOI.fullmatch(stripped) else None


def _quote_doi(doi: str) -> str:
    """A DOI percent-encoded for a URL path (most need nothing, and `quote` is slow to say so)."""
    return doi if _DOI_URL_SAFE.fullmatch(doi) else quote(doi, safe=_DOI_SAFE)


def doi_url(doi: str) -> str:
    """The resolver address of a DOI, with URL-unsafe characters percent-encoded."""
    return "https://doi.org/" + _quote_doi(doi)


def arxiv_url(arxiv_id: str) -> str:
    """The abstract page of an arXiv id."""
    return f"https://arxiv.org/abs/{arxiv_id}"


def safe_target(value: str, *, base_dir: str = "") -> tuple[str | None, str | None]:
    """Check one link target.

    Args:
        value: the field value (LaTeX/HTML wrapping allowed).
        base_dir: site folder that relative file names resolve to (e.g. "assets/papers"); "" = site root.

    Returns:
        (url, None) for an http(s) URL or a site-root-relative path (no leading slash);
        (None, reason) when refused; (None, None) when the value is empty.
    """
    text = clean_target(value)
    if not text:
        return None, None
    # Browsers ignore spaces and control characters around and inside a scheme ("java\tscript:").
    probe = _INVISIBLE.sub("", text)
    scheme = _SCHEME.match(probe)
    name = scheme.group(1).lower() if scheme else ""
    if scheme and name not in ("http", "https"):
        return None, f"scheme '{name}:' is not allowed"
    # Checked after the scheme, so "java\x01script:" is refused as javascript:.
    if _CONTROL.search(text):
        return None, f"{text!r} contains control characters"
    if scheme:
        text = text.strip()
        try:
            host = urlsplit(text).netloc
        except ValueError:
            host = ""
        if not host or _INVISIBLE.search(text[: len(name) + 3]):
            return None, f"{text!r} is not a valid {name} address"
        return quote(text, safe=_URL_SAFE), None
    if probe.startswith(("//", "\\\\")):
        return None, "addresses starting with '//' are not allowed"
    if probe.lower().startswith("www."):
        return "https://" + quote(text.strip(), safe=_URL_SAFE), None
    path = text.strip().replace("\\", "/").lstrip("/")
    if _DOT_DOT.search(path):
        return None, f"relative path {text!r} must not contain '..' (or '%2e%2e')"
    if base_dir:
        path = posixpath.join(base_dir.strip("/"), path)
    return quote(path, safe=_URL_SAFE), None


def _canonical(url: str) -> str:
    """A URL form for spotting duplicates: scheme, "www." and a final slash do not matter."""
    url = url.strip()
    lowered = url.lower()
    for prefix in ("https://", "http://"):
        if lowered.startswith(prefix):
            url = url[len(prefix) :]
            break
    host, _, rest = url.partition("/")
    host = host.lower().removeprefix("www.")
    return f"{host}/{rest}".rstrip("/")


def _file_field_pdf(value: str) -> str | None:
    """The first http(s) PDF in a JabRef `file` field ("desc:path:type;..."), or None."""
    for item in value.split(";"):
        parts = re.split(r"(?<!\\):", item)
        if len(parts) >= 3:
            path = parts[-2].replace("\\:", ":")
            if path.lower().startswith(("http://", "https://")) and (
                parts[-1].strip().lower() == "pdf" or path.lower().endswith(".pdf")
            ):
                return path
    return None


# Fields extract_links turns into links besides arXiv and DOI (`file` may hold a PDF); a
# `howpublished` address is looked for apart, as most howpublished fields are text.
_OTHER_LINK_FIELDS = frozenset({name for name, _ in _LINK_FIELDS} - {"howpublished"} | {"file"})


def extract_links(fields: Mapping[str, str], assets_dir: str) -> LinkResult:
    """All links of an entry, each kind at most once, no URL twice.

    Args:
        fields: the entry's fields (lower-case names, raw LaTeX values, macros expanded).
        assets_dir: site folder for relative file names in pdf/slides/poster/video/supp.
    """
    problems: list[str] = []
    links: list[Link] = []
    # Canonical forms (see `_canonical`) of the addresses linked so far.
    seen: set[str] = set()

    arxiv_id, arxiv_problem = find_arxiv(fields)
    if arxiv_problem:
        problems.append(arxiv_problem)
    if arxiv_id:
        url = arxiv_url(arxiv_id)
        seen.add(_canonical(url))
        links.append(Link(kind="arxiv", url=url, label=LABELS["arxiv"]))

    doi = None
    doi_value = fields.get("doi")
    if doi_value:
        doi = normalize_doi(doi_value)
        if doi is None:
            problems.append(f"field 'doi' is not a valid DOI: {clean_target(doi_value)!r}")
    url_value = fields.get("url", "")
    if doi is None and url_value and "doi" in url_value.lower():
        doi = normalize_doi(url_value)
    address = _address_in_howpublished(fields)
    if doi is None and address and "doi" in address.lower():
        doi = normalize_doi(address)
    if doi is not None:
        quoted = _quote_doi(doi)
        url = "https://doi.org/" + quoted
        # `_canonical` of the two resolver addresses, spelled out: this runs for nearly every entry.
        canonical = ("doi.org/" + quoted).rstrip("/")
        # An arXiv DOI (10.48550/arXiv.ID) is kept beside the arXiv link: it is the DOI the
        # author gave, and citation managers key on DOIs.
        if canonical not in seen:
            seen.add(canonical)
            links.append(Link(kind="doi", url=url, label=LABELS["doi"]))
        seen.add(("dx.doi.org/" + quoted).rstrip("/"))

    if address or not fields.keys().isdisjoint(_OTHER_LINK_FIELDS):
        _other_links(fields, address, assets_dir, links, seen, problems)
    if len(links) > 1:
        links.sort(key=lambda link: LINK_KINDS.index(link.kind))
    return LinkResult(tuple(links), arxiv_id, doi, tuple(problems))


def _other_links(
    fields: Mapping[str, str],
    address: str,
    assets_dir: str,
    links: list[Link],
    seen: set[str],
    problems: list[str],
) -> None:
    """Add the links of the pdf, code, ..., url fields to `links` (each kind once, no address twice).

    address: the address in `howpublished` ("" if none), a second `url`.
    """
    values = {name: fields.get(name, "") for name, _ in _LINK_FIELDS}
    values["howpublished"] = address
    if not values["pdf"] and fields.get("file", ""):
        values["pdf"] = _file_field_pdf(fields["file"]) or ""
    for name in ("url", "howpublished"):
        if not values["openreview"] and "openreview.net" in values[name].lower():
            values["openreview"], values[name] = values[name], ""
    for name, kind in _LINK_FIELDS:
        value = values[name]
        if not value:
            continue
        if kind == "url" and (normalize_doi(value) or _ARXIV_URL.search(value)):
            # find_arxiv and the DOI lookup above have seen it: it is the arXiv or DOI link.
            continue
        url, reason = safe_target(value, base_dir=assets_dir if kind in _FILE_KINDS else "")
        if reason:
            problems.append(f"refused link in field '{name}': {reason}")
        elif url and not any(link.kind == kind for link in links):
            canonical = _canonical(url)
            if canonical not in seen:
                seen.add(canonical)
                links.append(Link(kind=kind, url=url, label=LABELS[kind]))
