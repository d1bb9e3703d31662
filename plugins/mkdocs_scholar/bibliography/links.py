"""arXiv ids, DOIs and link fields -> checked `Link`s.

Every target is untrusted: only http(s) and site-relative targets become links, anything
else (javascript:, data:, file:, ...) is refused with a reason the caller reports.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
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
    "normalize_arxiv",
    "normalize_doi",
    "safe_target",
]

LABELS: dict[LinkKind, str] = {
    "arxiv": "arXiv", "doi": "DOI", "pdf": "PDF", "code": "Code", "slides": "Slides",
    "poster": "Poster", "video": "Video", "website": "Website", "openreview": "OpenReview",
    "supp": "Supplement", "url": "Link",
}  # fmt: skip

# (field, kind) in the order links are looked for; the first field of a kind wins.
_LINK_FIELDS: tuple[tuple[str, LinkKind], ...] = (
    ("pdf", "pdf"), ("code", "code"), ("slides", "slides"), ("poster", "poster"), ("video", "video"),
    ("website", "website"), ("html", "website"), ("openreview", "openreview"), ("supp", "supp"),
    ("supplement", "supp"), ("url", "url"),
)  # fmt: skip
# Kinds whose bare file names ("paper.pdf") live in the assets folder.
_FILE_KINDS = frozenset({"pdf", "slides", "poster", "video", "supp"})

_NEW_ID = r"\d{4}\.\d{4,5}(?:v\d+)?(?!\d)"
_OLD_ID = r"[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]{2}(?:-[A-Za-z]{2})?)?/\d{7}(?:v\d+)?(?!\d)"
_ARXIV_ID = re.compile(rf"(?:{_NEW_ID}|{_OLD_ID})")
_ARXIV_IN_TEXT = re.compile(
    rf"arxiv(?:\s+e-?prints?)?(?:\s+preprint)?\s*(?::|\s)\s*(?:arxiv\s*:\s*)?(?:abs/)?(?P<id>{_NEW_ID}|{_OLD_ID})",
    re.I,
)
_CORR_IN_TEXT = re.compile(rf"\bCoRR\b[^/]{{0,20}}?\babs/(?P<id>{_NEW_ID}|{_OLD_ID})")
_ABS_ID = re.compile(rf"\babs/(?P<id>{_NEW_ID}|{_OLD_ID})")
_ARXIV_URL = re.compile(rf"arxiv\.org/(?:abs|pdf|html)/(?P<id>{_NEW_ID}|{_OLD_ID})(?:\.pdf)?", re.I)
_ARXIV_DOI = re.compile(rf"^10\.48550/arxiv\.(?P<id>{_NEW_ID}|{_OLD_ID})$", re.I)
_ARXIV_PREFIX = re.compile(r"^\s*arxiv\s*:\s*", re.I)

_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(
    r"^\s*(?:doi\s*:\s*)?(?:https?://(?:dx\.|www\.)?doi\.org/|https?://doi\.acm\.org/)", re.I
)
_DOI_LABEL = re.compile(r"^\s*doi\s*:\s*", re.I)

_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*["']?([^"'\s>]+)""", re.I)
# Only real HTML tags: "<1661::AID-SIM968>" in a DOI is not one.
_TAG = re.compile(r"</?(?:a|b|i|em|strong|span|sub|sup|br|p|div|tt|code)\b[^>]*>", re.I)
_URL_MACRO = re.compile(r"\\(?:url|href)\s*\{([^{}]*)\}")
_TEX_ESCAPES = (
    ("\\textasciitilde{}", "~"), ("\\textasciitilde", "~"), ("$\\sim$", "~"), ("\\~{}", "~"),
    ("\\_", "_"), ("\\%", "%"), ("\\&", "&"), ("\\#", "#"), ("\\$", "$"), ("\\{", "{"), ("\\}", "}"),
)  # fmt: skip
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~-._"
_DOI_SAFE = "/():;@!$&'*+,=-._~"


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
        value = _URL_MACRO.sub(r"\1", value)
        for old, new in _TEX_ESCAPES:
            value = value.replace(old, new)
    if "{" in value or "}" in value:
        value = value.replace("{", "").replace("}", "")
    return value.strip()


def normalize_arxiv(value: str) -> str | None:
    """An arXiv id from a value that should be one: "2310.05169", "arXiv:hep-th/9901001", an arxiv.org URL."""
    text = _ARXIV_PREFIX.sub("", clean_target(value))
    if _ARXIV_ID.fullmatch(text):
        return text
    return arxiv_from_text(text)


def arxiv_from_text(text: str) -> str | None:
    """An arXiv id mentioned in free text or a URL ("arXiv preprint arXiv:2405.08645", "CoRR abs/..."), or None."""
    for pattern in (_ARXIV_URL, _ARXIV_IN_TEXT):
        m = pattern.search(text)
        if m:
            return m.group("id")
    m = _ARXIV_DOI.match(text.strip())
    return m.group("id") if m else None


def find_arxiv(fields: Mapping[str, str]) -> tuple[str | None, str | None]:
    """The entry's arXiv id, and a problem if a field meant as an arXiv id holds something else.

    Looks, in order, at: `arxiv` (al-folio), `eprint` with `archiveprefix`/`eprinttype` arXiv,
    `arxivid`, a bare `eprint` that looks like an id, venue and note text ("arXiv:ID",
    "CoRR abs/ID"), arxiv.org URLs in url/pdf, and arXiv DOIs (10.48550/arXiv.ID).
    """
    problem = None
    prefix = (fields.get("archiveprefix", "") or fields.get("eprinttype", "")).strip("{} ").lower()
    explicit = [("arxiv", fields.get("arxiv", ""))]
    if prefix == "arxiv":
        explicit.append(("eprint", fields.get("eprint", "")))
    explicit.append(("arxivid", fields.get("arxivid", "")))
    for name, value in explicit:
        if not value:
            continue
        found = normalize_arxiv(value)
        if found:
            return found, problem
        problem = problem or f"field '{name}' is not a valid arXiv id: {clean_target(value)!r}"
    eprint = fields.get("eprint", "")
    if eprint and not prefix:
        text = _ARXIV_PREFIX.sub("", clean_target(eprint))
        if _ARXIV_ID.fullmatch(text):
            return text, problem
    for name in ("journal", "journaltitle", "note", "howpublished", "booktitle"):
        value = fields.get(name, "")
        if not value:
            continue
        m = _ARXIV_IN_TEXT.search(value) if "arxiv" in value.lower() else None
        m = m or (_CORR_IN_TEXT.search(value) if "CoRR" in value else None)
        if m:
            return m.group("id"), problem
    journal = fields.get("journal", "").strip("{} ")
    if journal == "CoRR":
        for name in ("volume", "number", "url"):
            m = _ABS_ID.search(fields.get(name, ""))
            if m:
                return m.group("id"), problem
    for name in ("url", "pdf", "file", "doi"):
        value = fields.get(name, "")
        if value:
            m = _ARXIV_URL.search(value) or _ARXIV_DOI.match(normalize_doi(value) or "")
            if m:
                return m.group("id"), problem
    return None, problem


def normalize_doi(value: str) -> str | None:
    """A DOI from "10.x/y", "doi:10.x/y", "DOI: 10.x/y", "https://doi.org/10.x/y", "http://dx.doi.org/...", or None."""
    text = clean_target(value)
    without_resolver = _DOI_PREFIX.sub("", text)
    # A resolver URL's path is percent-encoded; "doi:" or "DOI:" labels a bare DOI.
    from_url = without_resolver != text
    stripped = (unquote(without_resolver) if from_url else _DOI_LABEL.sub("", text)).strip()
    return stripped if _DOI.fullmatch(stripped) else None


def doi_url(doi: str) -> str:
    """The resolver address of a DOI, with URL-unsafe characters percent-encoded."""
    return "https://doi.org/" + quote(doi, safe=_DOI_SAFE)


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
    if scheme:
        name = scheme.group(1).lower()
        if name not in ("http", "https"):
            return None, f"scheme '{name}:' is not allowed"
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
    if ".." in path.split("/"):
        return None, f"relative path {text!r} must not contain '..'"
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


def extract_links(fields: Mapping[str, str], assets_dir: str) -> LinkResult:
    """All links of an entry, each kind at most once, no URL twice.

    Args:
        fields: the entry's fields (lower-case names, raw LaTeX values, macros expanded).
        assets_dir: site folder for relative file names in pdf/slides/poster/video/supp.
    """
    problems: list[str] = []
    links: list[Link] = []
    seen: set[str] = set()

    def add(kind: LinkKind, url: str) -> None:
        if any(link.kind == kind for link in links):
            return
        canonical = _canonical(url)
        if canonical in seen:
            return
        seen.add(canonical)
        links.append(Link(kind=kind, url=url, label=LABELS[kind]))

    arxiv_id, arxiv_problem = find_arxiv(fields)
    if arxiv_problem:
        problems.append(arxiv_problem)
    if arxiv_id:
        add("arxiv", arxiv_url(arxiv_id))

    doi = None
    doi_value = fields.get("doi", "")
    if doi_value:
        doi = normalize_doi(doi_value)
        if doi is None:
            problems.append(f"field 'doi' is not a valid DOI: {clean_target(doi_value)!r}")
    url_value = fields.get("url", "")
    if doi is None and url_value and "doi" in url_value.lower():
        doi = normalize_doi(url_value)
    if doi is not None and _ARXIV_DOI.match(doi) and arxiv_id:
        # DBLP gives arXiv papers the arXiv DOI: one arXiv link says it all.
        seen.add(_canonical(doi_url(doi)))
    elif doi is not None:
        add("doi", doi_url(doi))
        seen.add(_canonical(f"https://dx.doi.org/{quote(doi, safe=_DOI_SAFE)}"))

    values = {name: fields.get(name, "") for name, _ in _LINK_FIELDS}
    if not values["pdf"] and fields.get("file", ""):
        values["pdf"] = _file_field_pdf(fields["file"]) or ""
    if not values["openreview"] and "openreview.net" in values["url"].lower():
        values["openreview"], values["url"] = values["url"], ""
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
        elif url:
            add(kind, url)
    links.sort(key=lambda link: LINK_KINDS.index(link.kind))
    return LinkResult(tuple(links), arxiv_id, doi, tuple(problems))
