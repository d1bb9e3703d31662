"""Moving a rendered news body between pages, into the feed, and making it safe to show.

A news body's relative links are written for one place (its own page, `news/x/`). Shown
inline on the home page or the timeline, or in a feed reader, they must be rewritten so
they still reach the same targets. Only `href`, `src`, `poster` and `srcset` values are
touched; the rest of the HTML is left byte for byte as it was.
"""

from __future__ import annotations

import html as html_lib
import re
import urllib.parse
from collections.abc import Callable

import nh3

# A start tag with its attributes (quoted values may hold ">"), or a comment, which is skipped.
_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<[A-Za-z][A-Za-z0-9:-]*"
    r"(?:\s+[^\s\"'<>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*"
    r"\s*/?>",
    re.DOTALL,
)
_ATTR = re.compile(r"(?P<before>\s(?P<name>[^\s\"'<>/=]+)\s*=\s*)(?P<value>\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+)")
_URL_ATTRS = frozenset({"href", "src", "poster"})
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_SRCSET_ITEM = re.compile(r"(\s*)([^\s,]+)([^,]*)")
_FAKE_ORIGIN = "https://site.invalid/"


def rebase_links(html: str, *, from_url: str, to_url: str) -> str:
    """Rewrite relative links so they keep their targets when the HTML moves to another page.

    Args:
        html: HTML whose relative links are relative to `from_url`.
        from_url: Site-root-relative URL the links are written against, without a leading
            slash: the page URL "news/x/" for HTML rendered for the item's page, or the source
            path "news/x.md" for links written relative to the Markdown file.
        to_url: Site-root-relative URL of the page that will show the HTML ("" for the home
            page, "news/" for the timeline).

    Only path-relative references change: "#frag", "/abs", "//host/x", "scheme:..." and ""
    are left as they are. Query and fragment are kept.
    """
    if from_url == to_url:
        return html
    return _rewrite(html, lambda url: rebase_url(url, from_url=from_url, to_url=to_url))


def rebase_url(url: str, *, from_url: str, to_url: str) -> str:
    """One reference, as `rebase_links` rewrites it."""
    ref = url.strip()
    if not ref or ref.startswith(("#", "/")) or _SCHEME.match(ref):
        return url
    resolved = urllib.parse.urlsplit(urllib.parse.urljoin(_FAKE_ORIGIN + from_url.lstrip("/"), ref))
    path = _relative_path(resolved.path.lstrip("/"), to_url.lstrip("/"))
    if _SCHEME.match(path):
        path = "./" + path  # "a:b.html" would otherwise read as a URL scheme
    return urllib.parse.urlunsplit(("", "", path, resolved.query, resolved.fragment))


def absolutize_links(html: str, base_url: str) -> str:
    """Make every reference absolute against `base_url` (the page the HTML was written for).

    Feed readers have no page to resolve relative links against, so even "#frag" and "/abs"
    become full URLs. References with a scheme are left alone.
    """
    return _rewrite(html, lambda url: absolutize_url(url, base_url))


def absolutize_url(url: str, base_url: str) -> str:
    """One reference, as `absolutize_links` rewrites it."""
    ref = url.strip()
    if not ref or _SCHEME.match(ref):
        return url
    return urllib.parse.urljoin(base_url, ref)


def _relative_path(target: str, page: str) -> str:
    """Path from the folder of site URL `page` to site-root-relative `target`."""
    page_dirs = page.split("/")[:-1]  # "news/" -> ["news"]; "" -> []; "news/index.html" -> ["news"]
    *target_dirs, name = target.split("/")
    common = 0
    while common < min(len(page_dirs), len(target_dirs)) and page_dirs[common] == target_dirs[common]:
        common += 1
    parts = [".."] * (len(page_dirs) - common) + target_dirs[common:] + [name]
    return "/".join(parts) or "./"


def _rewrite(html: str, change: Callable[[str], str]) -> str:
    """Apply `change` to each URL in href/src/poster/srcset values of every start tag."""

    def tag(match: re.Match[str]) -> str:
        token = match.group(0)
        if token.startswith("<!--"):
            return token
        return _ATTR.sub(attribute, token)

    def attribute(match: re.Match[str]) -> str:
        name = match.group("name").lower()
        if name not in _URL_ATTRS and name != "srcset":
            return match.group(0)
        raw = match.group("value")
        quoted = raw[:1] in ("'", '"')
        value = html_lib.unescape(raw[1:-1] if quoted else raw)
        new = _srcset(value, change) if name == "srcset" else change(value)
        if new == value:
            return match.group(0)
        return f'{match.group("before")}"{html_lib.escape(new, quote=True)}"'

    return _TOKEN.sub(tag, html)


def _srcset(value: str, change: Callable[[str], str]) -> str:
    """Rewrite each candidate URL of a `srcset` ("a.png 1x, b.png 2x"), keeping descriptors."""
    return ",".join(
        f"{m.group(1)}{change(m.group(2))}{m.group(3)}" for m in _SRCSET_ITEM.finditer(value) if m.group(2)
    )


# What a news body may keep: nh3's (ammonia's) default allowlist, plus what MkDocs' Markdown
# extensions emit (classes, heading and footnote ids, table alignment, Material's SVG icons).
_TAGS = frozenset(nh3.ALLOWED_TAGS | {"svg", "path", "g"})
_DROP_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template", "textarea", "title", "noembed"}
)
_GLOBAL_ATTRS = frozenset({"class", "id", "title", "lang", "dir"})
_EXTRA_ATTRS: dict[str, set[str]] = {
    "img": {"loading", "decoding"},
    "ol": {"reversed", "type"},
    "time": {"datetime"},
    "th": {"style"},
    "td": {"style"},
    "svg": {"viewBox", "xmlns", "width", "height", "fill", "aria-hidden", "focusable"},
    "path": {"d", "fill", "fill-rule", "clip-rule"},
    "g": {"fill"},
}


def _allowed_attributes() -> dict[str, set[str]]:
    allowed = {tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()}
    for tag, names in _EXTRA_ATTRS.items():
        allowed.setdefault(tag, set()).update(names)
    allowed["*"] = set(_GLOBAL_ATTRS)
    return allowed


_ATTRIBUTES = _allowed_attributes()


def sanitize_html(html: str) -> str:
    """Make rendered news HTML safe to show: an allowlist cleaner (nh3, i.e. Rust's ammonia).

    Drops `<script>`, `<style>`, `<iframe>`, `<object>`, `<embed>` (with their content), every
    element and attribute not on the list (so all `on*` handlers and `style`, except
    `text-align` on table cells), comments, and URLs whose scheme is not http, https or
    mailto (`javascript:`, `data:`, `vbscript:`, `file:` ...). Relative URLs and `#frag` stay.
    """
    return nh3.clean(
        html,
        tags=set(_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        filter_style_properties={"text-align"},
        strip_comments=True,
    )
