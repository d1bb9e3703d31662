"""The filter bars and copy buttons under Material's instant navigation (`navigation.instant`).

With instant navigation a click on an internal link fetches the next page and swaps Material's
`container` into the open document: scripts outside it (the `scripts` block before </body>) are
not run for the new page, and DOMContentLoaded does not fire again. So publications.js and
news.js are on every page and set up each page on Material's `document$`, once per element.

The first page opened here is a home page without any list or news filter: before the fix no
script was on it, and the publication filter of a page reached from it stayed inert.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page

from .conftest import _MountedHandler, _QuietHandler

pytestmark = pytest.mark.browser

SITE_FILES = {
    "mkdocs.yml": """site_name: Instant demo
site_url: SITE_URL
theme:
  name: material
  font: false
  features:
    - navigation.instant
plugins:
  - search
  - scholar
nav:
  - Home: index.md
  - Publications: publications.md
  - News: news/index.md
""",
    "bib/demo.bib": """@article{lovelace2024engine,
  title = {On the Analytical Engine and Its Notes},
  author = {Lovelace, Ada and Babbage, Charles},
  journal = {Journal of Engines},
  year = {2024},
  keywords = {engines},
}
@misc{lovelace2023bernoulli,
  title = {A Preprint on Bernoulli Numbers},
  author = {Lovelace, Ada},
  year = {2023},
  eprint = {2310.05169},
  archivePrefix = {arXiv},
  keywords = {numbers},
}
@inproceedings{babbage2022difference,
  title = {Difference Engines at Scale},
  author = {Babbage, Charles and Lovelace, Ada},
  booktitle = {Proceedings of the Workshop on Engines},
  year = {2022},
  keywords = {engines},
}
@article{somerville2021orbits,
  title = {Orbits of the Outer Planets},
  author = {Somerville, Mary},
  journal = {Annals of Astronomy},
  year = {2021},
  keywords = {astronomy},
}
@inproceedings{herschel2021comets,
  title = {A Catalogue of Comets},
  author = {Herschel, Caroline},
  booktitle = {Proceedings of the Comet Society},
  year = {2021},
  keywords = {astronomy},
}
@misc{noether2020rings,
  title = {Ideal Theory in Rings},
  author = {Noether, Emmy},
  year = {2020},
  eprint = {2001.00001},
  archivePrefix = {arXiv},
  keywords = {numbers},
}
""",
    # No list and no news filter on the first page a reader opens.
    "docs/index.md": "# Home\n\nRead the [publications](publications.md) or the [news](news/index.md).\n",
    "docs/publications.md": (
        "# Publications\n\nSee also the [news](news/index.md).\n\n/// publications\ngroup_by: year\n///\n"
    ),
    "docs/news/index.md": "# News\n\nBack to the [publications](../publications.md).\n\n/// news\n///\n",
    "docs/news/2024-05-01-award.md": "---\ndate: 2024-05-01\ntitle: An award for the engine\ntags: [award]\n---\n\nThe engine won.\n",
    "docs/news/2023-03-02-paper.md": "---\ndate: 2023-03-02\ntitle: A paper on numbers\ntags: [paper]\n---\n\nOut now.\n",
    "docs/news/2022-01-03-talk.md": "---\ndate: 2022-01-03\ntitle: A talk on engines\ntags: [talk, paper]\n---\n\nGiven.\n",
}

BAR = "form[data-scholar-filter]"
TEXT_BOX = BAR + " input[name=text]"
ENTRIES = ".scholar-entry[data-bibkey]"
NEWS_BAR = ".scholar-news-filter"
NEWS_ITEMS = ".scholar-news-item"
# Set on the first page: it survives instant navigation and is gone after a full page load.
MARK = "window.__scholarNoReload"


@pytest.fixture(scope="module")
def instant_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of SITE_FILES built with `--strict` and served over http (instant navigation needs http).

    Material matches a clicked link against sitemap.xml after giving the sitemap's URLs the
    protocol and host name of the page, but not its port: so `site_url` names the test server's
    own address and port, and the server is bound before the site is built.
    """
    root = tmp_path_factory.mktemp("instant")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _QuietHandler)  # the handler is set below
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_address[1]}/instant/"
    for name, text in SITE_FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text.replace("SITE_URL", base), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"],
        cwd=root, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    server.RequestHandlerClass = functools.partial(  # type: ignore[assignment]
        _MountedHandler, directory=str(root / "site"), mount="/instant/"
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def tab(new_context: Callable[..., BrowserContext]) -> Page:
    """A tab that may use the clipboard, with page errors collected in `tab.errors`."""
    page = new_context(permissions=["clipboard-read", "clipboard-write"]).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors  # type: ignore[attr-defined]
    return page


def visible(page: Page, selector: str) -> list[str]:
    """Bibkeys (or ids) of the elements matching `selector` that are shown."""
    return [str(x) for x in page.eval_on_selector_all(
        selector,
        "els => els.filter(e => e.getClientRects().length > 0).map(e => e.dataset.bibkey || e.id)",
    )]  # fmt: skip


def query(page: Page) -> dict[str, list[str]]:
    """The query string of the tab's address."""
    return parse_qs(urlsplit(page.url).query)


def follow(page: Page, link_text: str, path: str) -> None:
    """Click a link in the page's content and wait until Material has swapped in the page at `path`."""
    page.evaluate("window.__scholarOldContent = document.querySelector('.md-content')")
    page.locator(".md-content a", has_text=link_text).first.click()
    # The address changes on the click, the content once the page is fetched.
    page.wait_for_function(
        "path => location.pathname.endsWith(path) && !document.contains(window.__scholarOldContent)",
        arg=path,
    )
    assert page.evaluate(MARK) is True, f"following {link_text!r} reloaded the page: no instant navigation"


def check_copy(page: Page) -> None:
    """One click on an entry's Copy button copies its BibTeX, once."""
    entry = page.locator(ENTRIES).filter(visible=True).first
    key = entry.get_attribute("data-bibkey") or ""
    details = entry.locator("details.scholar-bibtex")
    details.locator("summary").click()
    button = details.locator("button.scholar-copy")
    assert button.is_visible(), f"the Copy button of {key!r} stays hidden"
    # Count the writes to the clipboard, starting from an empty one.
    page.evaluate(
        """async () => {
            const clip = navigator.clipboard;
            if (!clip.__scholarCounted) {
                const write = clip.writeText.bind(clip);
                clip.writeText = text => { window.__scholarCopies += 1; return write(text); };
                clip.__scholarCounted = true;
            }
            await clip.writeText('');
            window.__scholarCopies = 0;
        }"""
    )
    button.click()
    page.wait_for_function("async () => (await navigator.clipboard.readText()).length > 0")
    copied = str(page.evaluate("navigator.clipboard.readText()")).strip()
    assert copied.startswith("@") and key in copied, f"clipboard does not hold {key!r}: {copied[:80]!r}"
    assert button.inner_text().strip() == "Copied"
    assert page.evaluate("window.__scholarCopies") == 1, "one click on Copy wrote the clipboard twice"
    details.locator("summary").click()  # close it again


def check_publication_filter(page: Page) -> None:
    """Typing filters the entries and goes to ?text=; one click on a chip presses it (one handler)."""
    bar = page.locator(BAR)
    assert bar.is_visible(), "the publication filter bar is hidden"
    everything = page.eval_on_selector_all(ENTRIES, "els => els.map(e => e.dataset.bibkey)")
    box = page.locator(TEXT_BOX)
    box.fill("")
    box.press_sequentially("comets", delay=10)
    page.wait_for_function(f"document.querySelectorAll('{ENTRIES}:not([hidden])').length === 1")
    assert visible(page, ENTRIES) == ["herschel2021comets"]
    assert query(page).get("text") == ["comets"], f"the address does not hold the search: {page.url}"
    status = page.locator(".scholar-filter-status").inner_text()
    assert status.startswith("1 of 6"), f"status line says {status!r}"

    page.locator(BAR + " button[type=reset]").click()
    page.wait_for_function(
        f"document.querySelectorAll('{ENTRIES}:not([hidden])').length === {len(everything)}"
    )
    assert "text" not in query(page)

    # A second listener would toggle the chip back: pressed once, then released once.
    chip = page.locator(BAR + ' .scholar-chip[data-facet="kw"][data-value="astronomy"]')
    chip.click()
    assert chip.get_attribute("aria-pressed") == "true", "one click on a chip did not press it"
    assert sorted(visible(page, ENTRIES)) == ["herschel2021comets", "somerville2021orbits"]
    assert query(page).get("kw") == ["astronomy"]
    chip.click()
    assert chip.get_attribute("aria-pressed") == "false", "a second click did not release the chip"
    assert len(visible(page, ENTRIES)) == len(everything)


def check_news_filter(page: Page) -> None:
    """One click on a tag chip shows that tag's items and sets ?tag=; "All" shows all again."""
    bar = page.locator(NEWS_BAR)
    assert bar.is_visible(), "the news tag filter is hidden"
    everything = visible(page, NEWS_ITEMS)
    assert len(everything) == 3
    chip = bar.locator('button[data-tag="award"]')
    chip.click()
    assert chip.get_attribute("aria-pressed") == "true", "one click on a tag chip did not press it"
    assert len(visible(page, NEWS_ITEMS)) == 1
    assert query(page).get("tag") == ["award"], f"the address does not hold the tag: {page.url}"
    status = bar.locator(".scholar-news-filter__status").inner_text()
    assert status == "1 item shown", status
    chip.click()
    assert chip.get_attribute("aria-pressed") == "false", "a second click did not release the tag chip"
    assert visible(page, NEWS_ITEMS) == everything
    assert "tag" not in query(page)


def test_filters_and_copy_work_after_instant_navigation(tab: Page, instant_site_url: str) -> None:
    """Home -> publications -> news -> back -> forward, all by instant navigation: every page works, once."""
    page = tab
    page.goto(instant_site_url)
    # Material takes a click for instant navigation only once it has read sitemap.xml.
    page.wait_for_load_state("networkidle")
    page.evaluate(f"{MARK} = true")
    assert page.locator(BAR).count() == 0 and page.locator(NEWS_BAR).count() == 0

    follow(page, "publications", "/publications/")
    check_publication_filter(page)
    check_copy(page)

    # Leave a search in the address, go to the news, then come back to it.
    page.locator(TEXT_BOX).press_sequentially("engine", delay=10)
    page.wait_for_function(f"document.querySelectorAll('{ENTRIES}:not([hidden])').length === 2")
    follow(page, "news", "/news/")
    check_news_filter(page)
    page.locator(NEWS_BAR + ' button[data-tag="paper"]').click()
    assert query(page).get("tag") == ["paper"]

    page.go_back()  # popstate: Material fetches the page again and swaps it in
    page.wait_for_function("location.pathname.endsWith('/publications/')")
    page.wait_for_function(f"document.querySelectorAll('{ENTRIES}:not([hidden])').length === 2")
    assert page.evaluate(MARK) is True, "Back reloaded the page"
    assert query(page).get("text") == ["engine"], page.url
    assert page.locator(TEXT_BOX).input_value() == "engine", "Back lost the search kept in the address"
    assert sorted(visible(page, ENTRIES)) == ["babbage2022difference", "lovelace2024engine"]
    check_publication_filter(page)
    check_copy(page)

    page.go_forward()
    page.wait_for_function("location.pathname.endsWith('/news/')")
    page.wait_for_function(f"document.querySelectorAll('{NEWS_ITEMS}:not([hidden])').length === 2")
    assert page.locator(NEWS_BAR + ' button[data-tag="paper"]').get_attribute("aria-pressed") == "true"
    page.locator(NEWS_BAR + ' button[data-tag=""]').click()  # "All"
    assert len(visible(page, NEWS_ITEMS)) == 3
    check_news_filter(page)

    # And once more by link, so each page has now been set up three times in this document.
    follow(page, "publications", "/publications/")
    check_publication_filter(page)
    assert page.evaluate(MARK) is True
    assert page.errors == [], page.errors  # type: ignore[attr-defined]


def test_full_page_load_keeps_url_state(tab: Page, instant_site_url: str) -> None:
    """Opened directly (no instant navigation yet), each page applies the filter in its address."""
    page = tab
    page.goto(instant_site_url + "publications/?kind=preprint&text=numbers")
    page.wait_for_function(f"document.querySelectorAll('{ENTRIES}:not([hidden])').length === 1")
    assert visible(page, ENTRIES) == ["lovelace2023bernoulli"]
    assert page.locator(TEXT_BOX).input_value() == "numbers"
    assert page.locator(BAR + ' .scholar-chip[data-value="preprint"]').get_attribute("aria-pressed") == "true"

    page.goto(instant_site_url + "news/?tag=talk")
    page.wait_for_function(f"document.querySelectorAll('{NEWS_ITEMS}:not([hidden])').length === 1")
    assert page.locator(NEWS_BAR + ' button[data-tag="talk"]').get_attribute("aria-pressed") == "true"
    assert page.errors == [], page.errors  # type: ignore[attr-defined]


def test_lists_complete_without_javascript(
    new_context: Callable[..., BrowserContext], instant_site_url: str
) -> None:
    """With JavaScript off, every entry and news item shows and the (inert) filter bars stay hidden."""
    page = new_context(java_script_enabled=False).new_page()
    page.goto(instant_site_url + "publications/?text=comets")
    assert len(visible(page, ENTRIES)) == 6
    assert not page.locator(BAR).is_visible()
    assert not page.locator("button.scholar-copy").first.is_visible()
    page.goto(instant_site_url + "news/?tag=award")
    assert len(visible(page, NEWS_ITEMS)) == 3
    assert not page.locator(NEWS_BAR).is_visible()


def test_home_page_loads_both_scripts_once(tab: Page, instant_site_url: str) -> None:
    """The page without lists carries both scripts, so a page reached from it by instant navigation works."""
    page = tab
    page.goto(instant_site_url)
    srcs = page.eval_on_selector_all("script[src]", "els => els.map(e => e.getAttribute('src'))")
    for name in ("publications.js", "news.js"):
        found = [s for s in srcs if re.search(rf"assets/scholar/{name}$", s)]
        assert len(found) == 1, f"{name} is on the home page {len(found)} times: {srcs}"


def test_scripts_work_without_material_document_observable(tab: Page, instant_site_url: str) -> None:
    """Without Material's bundle (no `document$`, as with another theme) the scripts start on DOMContentLoaded."""
    page = tab
    page.route(re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), lambda route: route.abort())
    page.goto(instant_site_url + "publications/?text=comets")
    assert page.evaluate("window.document$") is None
    page.wait_for_function(f"document.querySelectorAll('{ENTRIES}:not([hidden])').length === 1")
    assert visible(page, ENTRIES) == ["herschel2021comets"]
    check_publication_filter(page)
    check_copy(page)
    page.goto(instant_site_url + "news/")
    check_news_filter(page)
    assert page.errors == [], page.errors  # type: ignore[attr-defined]
