"""Every internal link and anchor of the built homepage resolves; external links are not fetched."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

# A made-up origin to resolve relative URLs against: anything that resolves elsewhere is external.
ORIGIN = "http://site.invalid"
CANONICAL = re.compile(r'<link\s+rel="canonical"\s+href="([^"]+)"')
SKIPPED_SCHEMES = ("mailto:", "tel:", "data:")
# Material's 404.html is served at any depth by the host, so it must use root-absolute addresses.
ROOT_ABSOLUTE_ALLOWED = {"404.html"}


@dataclass(frozen=True)
class Ref:
    """One href/src attribute of a page."""

    page: str
    attr: str
    value: str


class _Collector(HTMLParser):
    """Collects the ids (and `<a name>`s) a page defines and the href/src values it uses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in ("href", "src"):
                self.refs.append((name, value.strip()))


def read_site(site: Path) -> tuple[dict[str, set[str]], list[Ref]]:
    """Ids defined by each HTML page (by site-relative path) and every href/src of every page."""
    ids: dict[str, set[str]] = {}
    refs: list[Ref] = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        parser = _Collector()
        parser.feed(path.read_text(encoding="utf-8"))
        ids[rel] = parser.ids
        refs += [Ref(rel, attr, value) for attr, value in parser.refs]
    return ids, refs


def site_path(site: Path) -> str:
    """The URL path the site is published at ("/" or "/sub/"), from the home page's canonical link."""
    home = site / "index.html"
    found = CANONICAL.search(home.read_text(encoding="utf-8")) if home.is_file() else None
    return urlsplit(found.group(1)).path if found else "/"


def target_file(site: Path, rel: str) -> str | None:
    """The file a site-relative URL path names (directory URLs mean their index.html), or None."""
    rel = unquote(rel)
    candidates = [rel + "index.html"] if rel.endswith("/") or not rel else [rel, rel + "/index.html"]
    return next((c for c in candidates if (site / c).is_file()), None)


def broken_links(site: Path) -> list[str]:
    """One line per internal href/src that names a missing file or a missing #fragment."""
    ids, refs = read_site(site)
    base = ORIGIN + site_path(site)
    broken = []
    for ref in refs:
        if not ref.value or ref.value.lower().startswith(SKIPPED_SCHEMES):
            continue
        url = urljoin(base + ref.page, ref.value)
        where = f"{ref.page}: {ref.attr}={ref.value!r}"
        if not url.startswith(ORIGIN + "/"):
            continue
        if not url.startswith(base):
            broken.append(f"{where} -> outside the site ({urlsplit(url).path})")
            continue
        parts = urlsplit(url)
        target = target_file(site, parts.path[len(urlsplit(base).path) :])
        if target is None:
            broken.append(f"{where} -> missing file {unquote(parts.path)}")
        elif parts.fragment and target in ids and unquote(parts.fragment) not in ids[target]:
            broken.append(f"{where} -> no id {unquote(parts.fragment)!r} in {target}")
    return broken


def unsafe_or_rooted_links(site: Path) -> list[str]:
    """Links with a script scheme, and root-absolute "/..." addresses that break in a sub-folder."""
    _, refs = read_site(site)
    bad = []
    for ref in refs:
        low = ref.value.lower().replace(" ", "")
        if low.startswith(("javascript:", "vbscript:", "file:")):
            bad.append(f"{ref.page}: {ref.attr}={ref.value!r} (script or file scheme)")
        elif (
            ref.value.startswith("/")
            and not ref.value.startswith("//")
            and ref.page not in ROOT_ABSOLUTE_ALLOWED
        ):
            bad.append(
                f"{ref.page}: {ref.attr}={ref.value!r} (root-absolute: breaks when served from a sub-folder)"
            )
    return bad


def test_internal_links_and_anchors_resolve(built_home: Path) -> None:
    """Every internal href/src of every page names an existing file, and its #fragment an existing id."""
    broken = broken_links(built_home)
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken)


def test_no_script_or_root_absolute_links(built_home: Path) -> None:
    """No javascript:/vbscript:/file: link anywhere, and no "/..." address outside 404.html."""
    bad = unsafe_or_rooted_links(built_home)
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(
    ("href", "broken"),
    [
        ("b/", False),
        ("b/#here", False),
        ("b/#nowhere", True),
        ("b/index.html#here", False),
        ("b", False),
        ("c/", True),
        ("#top", False),
        ("#gone", True),
        ("style%20sheet.css", False),
        ("../outside.html", True),
        ("https://example.org/missing/", False),
        ("//cdn.example.org/x.js", False),
        ("mailto:someone@example.org", False),
    ],
)
def test_checker_finds_what_is_broken(tmp_path: Path, href: str, broken: bool) -> None:
    """The checker itself: directory URLs, fragments, escapes and external links are judged right."""
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<h1 id="here">B</h1>', encoding="utf-8")
    (tmp_path / "style sheet.css").write_text("", encoding="utf-8")
    (tmp_path / "index.html").write_text(f'<p id="top"><a href="{href}">x</a></p>', encoding="utf-8")
    assert bool(broken_links(tmp_path)) == broken


@pytest.mark.parametrize(
    ("href", "broken"), [("/sub/b/", False), ("/b/", True), ("../b/", True), ("b/", False)]
)
def test_checker_knows_the_site_path(tmp_path: Path, href: str, broken: bool) -> None:
    """For a site published at /sub/, "/sub/b/" is the page b/ and "/b/" is outside the site."""
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text("<h1>B</h1>", encoding="utf-8")
    page = f'<link rel="canonical" href="https://example.org/sub/"><a href="{href}">x</a>'
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    assert bool(broken_links(tmp_path)) == broken
