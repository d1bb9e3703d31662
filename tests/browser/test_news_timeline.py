"""The tag filter (news.js) and the layout (news.css) in a real browser, on a Material-styled page."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest

from mkdocs_scholar.news.model import NewsDate, NewsItem
from mkdocs_scholar.render.env import ASSETS, make_environment
from mkdocs_scholar.render.news import NewsRenderer, RenderedItem

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Chromium at /usr/bin/chromium"),
]
playwright_sync = pytest.importorskip("playwright.sync_api")

LONG_URL = "https://www.helmholtz-hida.de/en/new-horizons/israel-exchange-program/israel-exchange-projects/"
ITEMS = [
    (
        "2024",
        NewsItem(slug="a", date=NewsDate(2024, 9, 16), title="A new PhD student joins", tags=("group",)),
    ),
    (
        "2024",
        NewsItem(
            slug="b", date=NewsDate(2024, 6, 11), title="Paper in IOP-MLST", tags=("paper",), has_page=True
        ),
    ),
    (
        "2023",
        NewsItem(slug="c", date=NewsDate(2023, 10, 27), title="Talk at Imperial", tags=("talk", "paper")),
    ),
    ("2023", NewsItem(slug="d", date=NewsDate(2023), title="Royal Society grant", tags=())),
    ("2021", NewsItem(slug="e", date=NewsDate(2021, 6, 18), title="Talk at Brown", tags=("talk",))),
]


def material_css() -> list[Path]:
    """Material's compiled stylesheets from the installed package."""
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    return sorted(folder.glob("main.*.min.css")) + sorted(folder.glob("palette.*.min.css"))


def page_html(scheme: str) -> str:
    """A Material-like page holding the timeline, with headings written between the groups."""
    renderer = NewsRenderer(make_environment())
    parts = [renderer.filter_bar(["paper", "talk", "group"])]
    for year in ("2024", "2023", "2021"):
        entries = [
            RenderedItem(
                item,
                f"<p>Text of {item.slug}. See {LONG_URL}</p>",
                more_url=f"{item.slug}/" if item.has_page else None,
                papers=(
                    ("Kumar and Mukherjee, Investigating the Ability of PINNs", "../publications/#pub-k"),
                ),
                tags_url="./",
            )
            for group, item in ITEMS
            if group == year
        ]
        parts.append(f'<h2 id="{year}">{year}</h2>')
        parts.append(renderer.timeline_group(entries, label=year))
    css = "".join(f'<link rel="stylesheet" href="/css/{p.name}">' for p in material_css())
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>News</title>{css}
<link rel="stylesheet" href="/css/news.css"></head>
<body dir="ltr" data-md-color-scheme="{scheme}" data-md-color-primary="indigo" data-md-color-accent="indigo">
<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid"><div class="md-content">
<article class="md-content__inner md-typeset"><h1>News</h1>{"".join(parts)}</article></div></div></main></div>
<script src="/js/news.js"></script></body></html>"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A local HTTP server for /news/ (light) and /dark/news/ (slate) with the assets."""
    root = tmp_path_factory.mktemp("newssite")
    for folder, scheme in (("news", "default"), ("dark/news", "slate")):
        (root / folder).mkdir(parents=True)
        (root / folder / "index.html").write_text(page_html(scheme), encoding="utf-8")
    (root / "css").mkdir()
    (root / "js").mkdir()
    for css in [*material_css(), ASSETS / "news.css"]:
        shutil.copy(css, root / "css" / css.name)
    shutil.copy(ASSETS / "news.js", root / "js" / "news.js")
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        """Say nothing."""


# `browser` is the session's Chromium from tests/browser/conftest.py: one Playwright per process.


def visible_ids(page: Page) -> list[str]:
    """Ids of the items shown."""
    ids = page.eval_on_selector_all(
        ".scholar-news-item", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)"
    )
    return cast("list[str]", ids)


def visible_headings(page: Page) -> list[str]:
    """Year headings shown."""
    headings = page.eval_on_selector_all("h2", "els => els.filter(e => !e.hidden).map(e => e.textContent)")
    return cast("list[str]", headings)


def test_filter_by_tag_hides_items_and_empty_years(site: str, browser: Browser) -> None:
    """Pressing a chip shows only matching items, hides empty years with their heading, and says how many."""
    page = browser.new_page()
    page.goto(f"{site}/news/")
    status = page.locator(".scholar-news-filter__status")
    assert page.locator(".scholar-news-filter").is_visible()
    assert status.text_content() == "5 items shown"
    page.get_by_role("button", name="talk").click()
    assert visible_ids(page) == ["news-c", "news-e"]
    assert visible_headings(page) == ["2023", "2021"]
    assert status.text_content() == "2 items shown"
    assert page.get_by_role("button", name="talk").get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="All").get_attribute("aria-pressed") == "false"
    assert page.url.endswith("/news/?tag=talk")
    page.get_by_role("button", name="group").click()  # a second tag widens the choice
    assert visible_ids(page) == ["news-a", "news-c", "news-e"]
    assert page.url.endswith("/news/?tag=talk&tag=group")
    page.get_by_role("button", name="talk").click()  # pressing again releases it
    assert visible_ids(page) == ["news-a"]
    assert status.text_content() == "1 item shown"
    page.get_by_role("button", name="All").click()
    assert len(visible_ids(page)) == 5
    assert page.url.endswith("/news/")
    page.close()


def test_choice_survives_reload_and_unknown_tags_are_ignored(site: str, browser: Browser) -> None:
    """?tag= in the address restores the filter; a tag the bar does not know is ignored."""
    page = browser.new_page()
    page.goto(f"{site}/news/?tag=paper&tag=nonsense")
    assert visible_ids(page) == ["news-b", "news-c"]
    assert visible_headings(page) == ["2024", "2023"]
    page.reload()
    assert visible_ids(page) == ["news-b", "news-c"]
    page.close()


def test_keyboard_only(site: str, browser: Browser) -> None:
    """The chips are reachable with Tab and toggled with Enter and Space."""
    page = browser.new_page()
    page.goto(f"{site}/news/")
    page.keyboard.press("Tab")  # All
    page.keyboard.press("Tab")  # paper
    assert page.evaluate("document.activeElement.dataset.tag") == "paper"
    page.keyboard.press("Enter")
    assert visible_ids(page) == ["news-b", "news-c"]
    page.keyboard.press("Space")
    assert len(visible_ids(page)) == 5
    page.close()


def test_item_tag_chip_filters_in_place(site: str, browser: Browser) -> None:
    """A tag chip inside an item filters the timeline without reloading and focuses the bar's chip."""
    page = browser.new_page()
    page.goto(f"{site}/news/")
    page.evaluate("window.marker = 1")
    page.locator("#news-e a.scholar-news-chip[data-tag=talk]").click()
    assert page.evaluate("window.marker") == 1  # same document: no navigation happened
    assert visible_ids(page) == ["news-c", "news-e"]
    assert page.evaluate("document.activeElement.dataset.tag") == "talk"
    page.close()


def test_without_javascript_everything_shows(site: str, browser: Browser) -> None:
    """With scripts off the bar stays hidden and every item is shown."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/news/?tag=talk")
    assert not page.locator(".scholar-news-filter").is_visible()
    assert len(visible_ids(page)) == 5
    context.close()


@pytest.mark.parametrize("path", ["news/", "dark/news/"])
def test_phone_width_has_no_horizontal_scroll(site: str, browser: Browser, path: str) -> None:
    """At 375 px, in light and dark schemes, nothing is wider than the screen."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(f"{site}/{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    too_wide = page.eval_on_selector_all(
        ".scholar-news-item, .scholar-news-item *, .scholar-news-filter *",
        "els => els.filter(e => e.getBoundingClientRect().right > 375.5).map(e => e.className || e.tagName)",
    )
    assert too_wide == []
    page.close()


@pytest.mark.parametrize("path", ["news/", "dark/news/"])
def test_no_serious_accessibility_violations(site: str, browser: Browser, path: str) -> None:
    """axe finds no serious or critical problem in the timeline (contrast included) in either scheme."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    page = browser.new_page()
    page.goto(f"{site}/{path}")
    page.get_by_role("button", name="paper").click()  # pressed chips must be readable too
    results = axe_module.Axe().run(page, context={"include": [[".md-content"]]})
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in serious]
    page.close()
