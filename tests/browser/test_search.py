"""Material's search finds papers and news items, and its results lead to them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

WORD = re.compile(r"[^\W\d_]{4,}")
MONTHS = {
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december",
}  # fmt: skip


def query_words(text: str, count: int = 3) -> list[str]:
    """A few plain, distinctive words of `text` (no math, no digits, no month names)."""
    text = re.sub(r"\$[^$]*\$", " ", text)
    words = [w for w in WORD.findall(text) if w.lower() not in MONTHS]
    return sorted(set(words), key=words.index)[:count]


def search(page: Page, query: str) -> None:
    """Open the header search with its keyboard shortcut and type `query` key by key."""
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.press_sequentially(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for()


def open_result(page: Page, words: list[str], under: str) -> None:
    """Click the first search result under the site path `under` that shows one of `words`; wait for the page."""
    before = page.url
    results = page.locator("a.md-search-result__link")
    lowered = [w.lower() for w in words]
    for i in range(results.count()):
        link = results.nth(i)
        href = link.evaluate("a => a.href")
        if f"/{under}" in href and any(w in link.inner_text().lower() for w in lowered):
            link.click()
            break
    else:
        found = results.evaluate_all("links => links.map(a => a.href + ' ' + a.innerText.slice(0, 60))")
        pytest.fail(f"no search result under /{under} shows any of {words}: {found}")
    page.wait_for_function("url => location.href !== url", arg=before)
    page.wait_for_load_state()


def test_search_finds_paper_by_title(page: Page, site_url: str) -> None:
    """Typing part of a paper's title finds it, and the result opens a page holding that entry."""
    page.goto(site_url + "publications/")
    entries = page.locator(".scholar-entry[data-bibkey]")
    assert entries.count(), "publications/ shows no .scholar-entry[data-bibkey]"
    key, words = "", []
    for i in range(entries.count()):
        title = entries.nth(i).locator(".scholar-title").first.inner_text()
        words = query_words(title)
        if len(words) >= 2:
            key = entries.nth(i).get_attribute("data-bibkey") or ""
            break
    assert key, "no entry has a .scholar-title with two plain words to search for"
    page.goto(site_url)
    search(page, " ".join(words))
    # A news item about the paper may rank first; the paper itself must be among the results.
    open_result(page, words, "publications/")
    landing = page.locator(f'[data-bibkey="{key}"]')
    assert landing.count(), f"search for {words!r} led to {page.url}, which has no entry {key!r}"


def test_search_finds_news_item(page: Page, site_url: str) -> None:
    """Typing words of a news item finds it, and the result opens the timeline or the item's page."""
    page.goto(site_url + "news/")
    item = page.locator(".scholar-news-item").first
    assert item.count(), "news/ shows no .scholar-news-item"
    item_id = item.get_attribute("id") or ""
    assert item_id.startswith("news-"), f"news item id {item_id!r} does not start with 'news-'"
    words = query_words(item.inner_text())
    assert len(words) >= 2, f"first news item has too few words to search for: {item.inner_text()!r}"
    page.goto(site_url)
    search(page, " ".join(words))
    open_result(page, words, "news/")
    slug = item_id.removeprefix("news-")
    on_timeline = page.locator(f'[id="{item_id}"]').count() > 0
    own_page = f"/{slug}/" in page.url
    assert on_timeline or own_page, f"search for {words!r} led to {page.url}, which does not hold {item_id}"
