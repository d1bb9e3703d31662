"""The Abstract and BibTeX toggles work from the keyboard, and Copy puts the BibTeX on the clipboard."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Locator, Page

from .conftest import Site

pytestmark = pytest.mark.browser


def toggles(page: Page, label: str) -> Locator:
    """Every `<details>` inside an entry whose `<summary>` reads `label` (any case)."""
    return page.locator("[data-bibkey] details").filter(
        has=page.locator("summary", has_text=re.compile(label, re.IGNORECASE))
    )


def is_open(details: Locator) -> bool:
    """Whether a `<details>` element is open."""
    return bool(details.evaluate("el => el.open"))


@pytest.mark.parametrize("label", ["Abstract", "BibTeX"])
@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_toggle_opens_and_closes_from_keyboard(page: Page, any_site: Site, label: str, key: str) -> None:
    """Focusing a toggle's summary and pressing the key opens it, pressing again closes it."""
    page.goto(any_site.url + "publications/")
    found = toggles(page, label)
    if any_site.is_home and label == "Abstract" and not found.count():
        pytest.skip("no entry of the homepage has an abstract (the demo site's run covers it)")
    assert found.count(), f"no entry on publications/ has a <details> toggle labelled {label!r}"
    details = found.first
    assert not is_open(details), f"the {label} toggle starts open"
    summary = details.locator("summary").first
    summary.focus()
    assert summary.evaluate("el => el === document.activeElement"), f"the {label} summary cannot take focus"
    page.keyboard.press(key)
    assert is_open(details), f"{key} on the {label} summary did not open it"
    page.keyboard.press(key)
    assert not is_open(details), f"{key} again on the {label} summary did not close it"


def test_summary_is_reached_with_tab(page: Page, site_url: str) -> None:
    """The first BibTeX summary is in the Tab order (reached by tabbing from the element before it)."""
    page.goto(site_url + "publications/")
    summary = toggles(page, "BibTeX").first.locator("summary").first
    # Focus the focusable element just before the summary, then Tab: the summary must come next.
    summary.evaluate(
        """el => {
            const all = [...document.querySelectorAll('a[href], button, input, summary, [tabindex]')]
                .filter(e => e.tabIndex >= 0 && e.getClientRects().length);
            const i = all.indexOf(el);
            if (i > 0) all[i - 1].focus(); else document.body.focus();
        }"""
    )
    page.keyboard.press("Tab")
    assert summary.evaluate("el => el === document.activeElement"), "Tab does not reach the BibTeX summary"


def test_copy_button_copies_bibtex(new_context: Callable[..., BrowserContext], site_url: str) -> None:
    """The copy button of an entry's BibTeX puts exactly that BibTeX text on the clipboard."""
    page = new_context(permissions=["clipboard-read", "clipboard-write"]).new_page()
    page.goto(site_url + "publications/")
    details = toggles(page, "BibTeX").first
    assert details.count(), "no entry on publications/ has a BibTeX toggle"
    entry = details.locator("xpath=ancestor::*[@data-bibkey][1]")
    key = entry.get_attribute("data-bibkey") or ""
    details.locator("summary").first.click()
    expected = details.locator("pre").first.inner_text().strip()
    button = details.get_by_role("button", name=re.compile("copy", re.IGNORECASE))
    if not button.count():
        button = entry.get_by_role("button", name=re.compile("copy", re.IGNORECASE))
    assert button.count(), f"entry {key!r} has no button named 'copy' for its BibTeX"
    page.evaluate("navigator.clipboard.writeText('')")
    button.first.click()
    page.wait_for_function("async () => (await navigator.clipboard.readText()).length > 0")
    copied = str(page.evaluate("navigator.clipboard.readText()")).strip()
    assert copied.startswith("@"), f"clipboard does not hold BibTeX: {copied[:80]!r}"
    assert key in copied, f"clipboard BibTeX lacks the key {key!r}: {copied[:80]!r}"
    assert copied == expected, "clipboard text differs from the BibTeX shown on the page"
