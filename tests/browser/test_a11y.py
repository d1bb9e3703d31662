"""axe-core finds no serious or critical accessibility problem on any page, in light or dark."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
AXE = Axe()


def blocking_violations(page: Page) -> list[tuple[str, list[str]]]:
    """(rule and impact, node selectors) of each serious or critical axe violation on the current page.

    Every toggle is opened first, so abstracts, BibTeX and its copy button are checked too.
    """
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    results: dict[str, Any] = AXE.run(page).response
    return [
        (f"{v['id']} ({v['impact']}): {v['help']}", [" ".join(map(str, n["target"])) for n in v["nodes"]])
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]


def report(by_page: dict[str, list[tuple[str, list[str]]]]) -> str:
    """Violations grouped by rule, each with its pages and some of its nodes (Material's chrome repeats)."""
    pages: dict[str, list[str]] = {}
    nodes: dict[str, list[str]] = {}
    for path, found in by_page.items():
        for rule, targets in found:
            pages.setdefault(rule, []).append(path)
            seen = nodes.setdefault(rule, [])
            seen += [t for t in targets if t not in seen]
    lines = []
    for rule in sorted(pages):
        where, what = pages[rule], nodes[rule]
        lines.append(
            f"{rule}\n    on {len(where)} page(s): {', '.join(where[:10])}{' …' if len(where) > 10 else ''}"
            f"\n    nodes ({len(what)}): {'; '.join(what[:20])}{' …' if len(what) > 20 else ''}"
        )
    return "\n".join(lines)


def test_every_page_passes_axe(page: Page, site_url: str, html_pages: list[str]) -> None:
    """Every HTML page of the site, default scheme: no serious or critical axe violation."""
    assert html_pages, "the site has no HTML page"
    by_page = {}
    for path in html_pages:
        page.goto(site_url + path)
        by_page["/" + path] = blocking_violations(page)
    problems = report(by_page)
    if problems:
        pytest.fail("axe violations (default scheme):\n" + problems, pytrace=False)


@pytest.mark.parametrize("path", ["", "publications/", "news/"])
def test_dark_scheme_passes_axe(
    page: Page, site_url: str, path: str, dark_scheme: Callable[[Page], None]
) -> None:
    """Home, publications and news in the dark scheme: no serious or critical axe violation."""
    page.goto(site_url + path)
    dark_scheme(page)
    problems = report({f"/{path}": blocking_violations(page)})
    if problems:
        pytest.fail("axe violations (dark scheme):\n" + problems, pytrace=False)
