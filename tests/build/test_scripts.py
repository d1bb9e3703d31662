"""Where the plugin's two scripts go: on every page, once, deferred, after the theme's own scripts.

Every page, not only pages with a list: with Material's instant navigation a page reached by a
click is swapped into the page first loaded, and only that page's scripts ever run.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_mkdocs_build

SCRIPTS = ("assets/scholar/publications.js", "assets/scholar/news.js")
SCRIPT_TAG = re.compile(r"<script\b[^>]*>")

YML = """site_name: Scripts
site_url: https://example.org/site/
theme:
  name: {theme}
plugins:
  - search
  - scholar
{extra}"""

BIB = """@article{lovelace2024engine,
  title = {On the Analytical Engine},
  author = {Lovelace, Ada},
  journal = {Journal of Engines},
  year = {2024},
}
@misc{babbage2023notes,
  title = {Notes on Difference Engines},
  author = {Babbage, Charles},
  year = {2023},
}
"""

FILES = {
    "bib/papers.bib": BIB,
    "docs/index.md": "# Home\n\nNo list here.\n",
    "docs/publications.md": "# Publications\n\n/// publications\n///\n",
    "docs/about/index.md": "# About\n\nNested, and no list either.\n",
    "docs/news/index.md": "# News\n\n/// news\n///\n",
    "docs/news/2024-05-01-award.md": "---\ndate: 2024-05-01\ntitle: An award\ntags: [award]\n---\n\nWon.\n",
}


def script_srcs(page: str) -> list[tuple[str, str]]:
    """(src, whole tag) of every external script of a page, in document order."""
    found = []
    for tag in SCRIPT_TAG.findall(page):
        src = re.search(r'\bsrc="([^"]+)"', tag)
        if src:
            found.append((src.group(1), tag))
    return found


def check_pages(site: Path) -> None:
    """Each page carries each script once, deferred, after the theme's scripts, at an address that exists."""
    pages = sorted((site / "site").rglob("*.html"))
    names = {p.relative_to(site / "site").as_posix() for p in pages}
    # A page without a list, a nested one, a list, the timeline, a paper page, a news page.
    for expected in ("index.html", "about/index.html", "publications/index.html", "news/index.html"):
        assert expected in names
    assert any(n.startswith("publications/lovelace2024engine/") for n in names), sorted(names)
    for path in pages:
        rel = path.relative_to(site / "site").as_posix()
        page = path.read_text(encoding="utf-8")
        srcs = script_srcs(page)
        for uri in SCRIPTS:
            mine = [(i, src, tag) for i, (src, tag) in enumerate(srcs) if src.endswith(uri)]
            assert len(mine) == 1, f"{rel}: {uri} appears {len(mine)} times: {srcs}"
            index, src, tag = mine[0]
            assert " defer" in tag, f"{rel}: {tag} is not deferred"
            assert index == len(srcs) - 2 + SCRIPTS.index(uri), (
                f"{rel}: {uri} is not after the theme's scripts"
            )
            if src.startswith("/"):  # 404.html: root-absolute, below site_url's path
                target = site / "site" / src.removeprefix("/site/")
            else:
                target = site / "site" / posixpath.normpath(posixpath.join(posixpath.dirname(rel), src))
            assert target.is_file(), f"{rel}: {src} does not lead to a file"


@pytest.mark.parametrize("theme", ["material", "mkdocs"])
def test_both_scripts_on_every_page(make_site: Callable[..., Path], theme: str) -> None:
    """Material and MkDocs' own theme alike: both scripts on each page, whatever the page holds."""
    site = make_site(YML.format(theme=theme, extra=""), FILES)
    proc = run_mkdocs_build(site)
    assert proc.returncode == 0, proc.stderr
    check_pages(site)


def test_instant_navigation_site_and_a_script_already_listed(make_site: Callable[..., Path]) -> None:
    """With `navigation.instant` and the author's own scripts, ours are added once, after theirs."""
    extra = (
        "extra_javascript:\n  - js/mine.js\n  - assets/scholar/news.js\n"
        "  - path: assets/scholar/publications.js\n    defer: true\n"
    )
    yml = YML.format(theme="material", extra=extra).replace(
        "  name: material\n", "  name: material\n  features:\n    - navigation.instant\n"
    )
    site = make_site(yml, {**FILES, "docs/js/mine.js": "window.mine = 1;\n"})
    proc = run_mkdocs_build(site)
    assert proc.returncode == 0, proc.stderr
    page = (site / "site" / "index.html").read_text(encoding="utf-8")
    srcs = [src for src, _ in script_srcs(page)]
    assert srcs[-3:] == ["js/mine.js", "assets/scholar/news.js", "assets/scholar/publications.js"], srcs
