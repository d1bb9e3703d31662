"""The news tag chips and the publication filter: what they show, URL state, and no-JavaScript reading."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from urllib.parse import unquote_plus

import pytest
from playwright.sync_api import BrowserContext, Locator, Page

from .conftest import Site

pytestmark = pytest.mark.browser

NEWS_CHIPS = ".scholar-news-filter button[aria-pressed]"
PUB_CHIPS = ".scholar-filter button[aria-pressed]"
PUB_BOX = ".scholar-filter input[type=search]"
CLEAR = re.compile(r"^\s*(show\s+)?all\b|clear|reset", re.IGNORECASE)
ENTRIES = ".scholar-entry[data-bibkey]"
KINDS = ("journal", "conference", "workshop", "preprint", "thesis", "book", "other")


def split_tags(value: str | None) -> set[str]:
    """The tags of a `data-tags` / `data-keywords` attribute (comma- or space-separated), lower-cased."""
    return {t.lower() for t in re.split(r"[,\s]+", value or "") if t}


def visible_ids(page: Page, selector: str) -> list[str]:
    """Bibkeys (or ids) of the elements matching `selector` that are visible now."""
    return [str(x) for x in page.eval_on_selector_all(
        selector,
        "els => els.filter(e => e.getClientRects().length > 0).map(e => e.dataset.bibkey || e.id)",
    )]  # fmt: skip


def all_ids(page: Page, selector: str) -> list[str]:
    """Bibkeys (or ids) of all elements matching `selector`, hidden or not."""
    return [
        str(x) for x in page.eval_on_selector_all(selector, "els => els.map(e => e.dataset.bibkey || e.id)")
    ]


def chip_value(chip: Locator, choices: set[str]) -> str | None:
    """Which of `choices` a filter chip stands for: its data-* value, else the start of its label."""
    attrs = chip.evaluate("el => Object.values(el.dataset)")
    for value in attrs:
        if str(value).lower() in choices:
            return str(value).lower()
    label = chip.inner_text().strip().lower()
    exact = [c for c in choices if label == c or label.startswith((c + " ", c + "("))]
    if exact:
        return max(exact, key=len)
    stems = [c for c in choices if len(c) >= 4 and label.startswith(c[:5])]
    return stems[0] if len(stems) == 1 else None


def eventually(check: Callable[[], bool], seconds: float = 5.0) -> bool:
    """Whether `check()` becomes true within `seconds` (filters may debounce typing and URL updates)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_news_tag_chip_filters_and_keeps_state(page: Page, any_site: Site) -> None:
    """A tag chip shows only items with that tag; the state is in the URL, survives reload, and clears."""
    page.goto(any_site.url + "news/")
    items = ".scholar-news-item"
    everything = all_ids(page, items)
    assert everything, "news/ shows no .scholar-news-item"
    tags_of = {
        str(i): split_tags(t)
        for i, t in page.eval_on_selector_all(items, "els => els.map(e => [e.id, e.dataset.tags])")
    }
    all_tags = set().union(*tags_of.values())
    chips = page.locator(NEWS_CHIPS)
    if any_site.is_home and not chips.count():
        pytest.skip("the homepage's news/ has no tag filter (its blocks say `filter: false`); demo covers it")
    assert chips.count(), f"news/ has no tag chips ({NEWS_CHIPS})"
    # A chip whose tag some items lack, so that filtering has a visible effect.
    for n in range(chips.count()):
        tag = chip_value(chips.nth(n), all_tags)
        if tag and any(tag not in t for t in tags_of.values()):
            break
    else:
        pytest.skip("every news tag is on every item: a tag filter cannot change what is shown")
    expected = [item for item in everything if tag in tags_of[item]]

    url_before = page.url
    chip = chips.nth(n)
    chip.click()
    assert eventually(lambda: chip.get_attribute("aria-pressed") == "true"), (
        f"chip {tag!r} not pressed after a click"
    )
    assert eventually(lambda: visible_ids(page, items) == expected), (
        f"after chip {tag!r}, the visible items are not those tagged {tag!r}"
    )
    assert eventually(lambda: page.url != url_before and tag in unquote_plus(page.url).lower()), (
        f"the URL does not record the tag filter: {page.url}"
    )

    page.reload()
    chip = page.locator(NEWS_CHIPS).nth(n)
    assert eventually(lambda: chip.get_attribute("aria-pressed") == "true"), (
        "after reload, the chip is not pressed"
    )
    assert eventually(lambda: visible_ids(page, items) == expected), "after reload, the tag filter is lost"

    # A "Show all" / "Clear" button when there is one, else a second click on the chip.
    clear = page.locator(".scholar-news-filter button").filter(has_text=CLEAR)
    (clear.first if clear.count() else chip).click()
    assert eventually(lambda: visible_ids(page, items) == everything), (
        "after clearing the filter, not every news item is visible"
    )


def test_publication_text_filter(page: Page, any_site: Site) -> None:
    """Typing part of a title shows fewer entries, that one among them; the URL state survives reload."""
    page.goto(any_site.url + "publications/")
    entries = ENTRIES
    everything = all_ids(page, entries)
    assert len(everything) > 1, "publications/ needs two entries to test its filter"
    box = page.locator(PUB_BOX)
    assert box.count(), f"publications/ has no filter text box ({PUB_BOX})"
    first = page.locator(entries).first
    key = first.get_attribute("data-bibkey") or ""
    # The title's first words, so the query is plain text whatever the filter's matching rules.
    query = " ".join(first.locator(".scholar-title").first.inner_text().split()[:4])

    box.first.click()
    box.first.press_sequentially(query, delay=10)
    assert eventually(lambda: len(visible_ids(page, entries)) < len(everything)), (
        f"typing {query!r} hid no entry"
    )
    shown = visible_ids(page, entries)
    assert key in shown, f"typing {query!r} hid the entry {key!r} it comes from"
    assert eventually(lambda: query in unquote_plus(page.url)), (
        f"the URL does not record the text filter: {page.url}"
    )

    page.reload()
    box = page.locator(PUB_BOX).first
    assert eventually(lambda: box.input_value() == query), "after reload, the filter text box lost the query"
    assert eventually(lambda: visible_ids(page, entries) == shown), "after reload, the text filter is lost"


def test_publication_kind_chip(page: Page, any_site: Site) -> None:
    """A kind chip shows only entries of that kind, and the choice survives a reload."""
    page.goto(any_site.url + "publications/")
    entries = ENTRIES
    kind_of = {str(k): str(v) for k, v in page.eval_on_selector_all(
        entries, "els => els.map(e => [e.dataset.bibkey, e.dataset.kind])"
    )}  # fmt: skip
    assert kind_of, "publications/ shows no entry"
    chips = page.locator(PUB_CHIPS)
    assert chips.count(), f"publications/ has no kind chips ({PUB_CHIPS})"
    for n in range(chips.count()):
        kind = chip_value(chips.nth(n), set(KINDS))
        if kind and kind in kind_of.values() and set(kind_of.values()) != {kind}:
            break
    else:
        pytest.skip("all entries are of one kind: a kind filter cannot change what is shown")
    expected = [k for k in kind_of if kind_of[k] == kind]

    page.locator(PUB_CHIPS).nth(n).click()
    assert eventually(lambda: visible_ids(page, entries) == expected), (
        f"after chip {kind!r}, visible entries are not the {kind} ones"
    )
    assert eventually(lambda: kind in unquote_plus(page.url).lower()), (
        f"the URL does not record the kind: {page.url}"
    )
    page.reload()
    chip = page.locator(PUB_CHIPS).nth(n)
    assert eventually(lambda: chip.get_attribute("aria-pressed") == "true"), (
        "after reload, the chip is not pressed"
    )
    assert eventually(lambda: visible_ids(page, entries) == expected), "after reload, the kind filter is lost"


def test_without_javascript_everything_is_visible(
    new_context: Callable[..., BrowserContext], any_site: Site
) -> None:
    """With JavaScript off, every publication entry and every news item is visible."""
    page = new_context(java_script_enabled=False).new_page()
    for path, selector in (("publications/", ENTRIES), ("news/", ".scholar-news-item")):
        page.goto(any_site.url + path)
        everything = all_ids(page, selector)
        assert everything, f"{path} has no {selector} without JavaScript"
        hidden = sorted(set(everything) - set(visible_ids(page, selector)))
        assert not hidden, f"without JavaScript, {path} hides {hidden}"
