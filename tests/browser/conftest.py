"""Browser fixtures: the built homepage served over http and a headless Debian Chromium.

Playwright never downloads a browser here: we drive the system's /usr/bin/chromium
(`scripts/install-chromium.sh` installs it). Every request that leaves 127.0.0.1 is aborted,
so a test never waits on the network (web fonts, CDNs) and sees the same page offline as in CI.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Without a `site_url` the site is served below a sub-folder, as on a GitHub project page, so a
# root-absolute "/..." address breaks here the way it would break there. With one, it is served
# at that URL's path, as in production: Material's 404.html needs exactly that path.
FALLBACK_MOUNT = "/~scholar/"
CANONICAL = re.compile(r'<link\s+rel="canonical"\s+href="([^"]+)"')


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip browser tests, with the reason, when Chromium is not installed."""
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: run scripts/install-chromium.sh")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


# A tiny site built with the plugin where every interactive feature is on (the homepage's own
# content may turn some off: no abstracts in its BibTeX, `filter: false` on its news blocks),
# so the filter and toggle tests always have something to exercise.
DEMO_FILES = {
    "mkdocs.yml": """site_name: Scholar demo
site_url: https://example.org/demo/
theme:
  name: material
  font: false
  palette:
    - scheme: default
      toggle: {icon: material/brightness-7, name: Switch to dark mode}
    - scheme: slate
      toggle: {icon: material/brightness-4, name: Switch to light mode}
plugins:
  - search
  - scholar:
      highlight_authors: ["Ada Lovelace"]
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
  abstract = {We study the engine and what it can compute.},
}
@misc{lovelace2023bernoulli,
  title = {A Preprint on Bernoulli Numbers},
  author = {Lovelace, Ada},
  year = {2023},
  eprint = {2310.05169},
  archivePrefix = {arXiv},
}
@inproceedings{babbage2022difference,
  title = {Difference Engines at Scale},
  author = {Babbage, Charles and Lovelace, Ada},
  booktitle = {Proceedings of the Workshop on Engines},
  year = {2022},
}
""",
    "docs/index.md": "# Demo\n\nSee [publications](publications.md) and [news](news/index.md).\n",
    "docs/publications.md": "# Publications\n\n/// publications\ngroup_by: year\nfilter: true\n///\n",
    "docs/news/index.md": "# News\n\n/// news\nfilter: true\n///\n",
    "docs/news/2024-05-01-award.md": "---\ndate: 2024-05-01\ntitle: An award for the engine\ntags: [award]\n---\n\nThe engine won.\n",
    "docs/news/2023-03-02-paper.md": "---\ndate: 2023-03-02\ntitle: A paper on numbers\ntags: [paper]\n---\n\nOut now.\n",
    "docs/news/2022-01-03-talk.md": "---\ndate: 2022-01-03\ntitle: A talk on engines\ntags: [talk, paper]\n---\n\nGiven.\n",
}


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files and keeps the test output clean."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _MountedHandler(_QuietHandler):
    """Serves the site folder at `mount` only; anything else is a 404."""

    def __init__(self, *args: Any, mount: str, **kwargs: Any) -> None:
        self.mount = mount
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        url_path = urlsplit(path).path
        if not url_path.startswith(self.mount):
            return str(Path(self.directory) / "__outside_the_mount__")
        return super().translate_path("/" + url_path[len(self.mount) :])


def site_mount(site: Path) -> str:
    """The URL path the site expects to live at: its home page's canonical URL path, else a sub-folder."""
    home = site / "index.html"
    found = CANONICAL.search(home.read_text(encoding="utf-8")) if home.is_file() else None
    return urlsplit(found.group(1)).path if found else FALLBACK_MOUNT


@pytest.fixture(scope="session")
def site_dir(request: pytest.FixtureRequest) -> Path:
    """The built site under test: `$SCHOLAR_SITE_DIR` when set (a folder built earlier), else the real build."""
    given = os.environ.get("SCHOLAR_SITE_DIR")
    if given:
        return Path(given).resolve()
    built: Path = request.getfixturevalue("built_home")
    return built


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """Base URL (ending in "/") of the site under test served over http on a free 127.0.0.1 port."""
    with _serve(site_dir) as url:
        yield url


@contextlib.contextmanager
def _serve(site: Path) -> Iterator[str]:
    """Serve a built site on a free 127.0.0.1 port at the path it expects; yields its base URL."""
    mount = site_mount(site)
    handler = functools.partial(_MountedHandler, directory=str(site), mount=mount)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{mount}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def demo_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the small demo site (DEMO_FILES) built with `--strict` and served over http."""
    root = tmp_path_factory.mktemp("demo")
    for name, text in DEMO_FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"],
        cwd=root, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with _serve(root / "site") as url:
        yield url


@dataclass(frozen=True)
class Site:
    """A served site: "home" (the real homepage) or "demo" (DEMO_FILES), and its base URL."""

    name: str
    url: str

    @property
    def is_home(self) -> bool:
        """True for the real homepage, whose content may switch a feature off."""
        return self.name == "home"


@pytest.fixture(params=["home", "demo"])
def any_site(request: pytest.FixtureRequest) -> Site:
    """Each site in turn: the real homepage, then the demo site where every feature is on."""
    name = "site_url" if request.param == "home" else "demo_site_url"
    return Site(request.param, request.getfixturevalue(name))


@pytest.fixture(scope="session")
def html_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the site as a URL path relative to the site root ("", "news/", "404.html")."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        pages.append(rel.removesuffix("index.html"))
    return pages


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """The Playwright driver for the whole session."""
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Headless system Chromium, shared by all browser tests."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: run scripts/install-chromium.sh")
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def _local_only(route: Route) -> None:
    """Let requests to the local server through; abort the rest (fonts, CDNs, analytics)."""
    host = urlsplit(route.request.url).hostname
    if host == "127.0.0.1":
        route.continue_()
    else:
        route.abort()


def _open_context(browser: Browser, **options: Any) -> BrowserContext:
    """A new browser context that cannot reach the internet; options go to `new_context`."""
    options.setdefault("viewport", {"width": 1280, "height": 900})
    context = browser.new_context(**options)
    context.route("**/*", _local_only)
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def new_context(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """Factory of offline browser contexts (`new_context(java_script_enabled=False)`), closed after the test."""
    made: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        made.append(_open_context(browser, **options))
        return made[-1]

    yield make
    for ctx in made:
        ctx.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    """A new desktop-sized tab in a fresh context (own storage, so scheme and filters never leak)."""
    return new_context().new_page()


@pytest.fixture
def dark_scheme() -> Callable[[Page], None]:
    """A function that switches a page to Material's dark (slate) scheme."""
    return _set_dark_scheme


def _set_dark_scheme(page: Page) -> None:
    """Switch Material to its dark (slate) scheme the way a reader does, through the header toggle.

    Falls back to setting the scheme attribute Material itself sets, when the site has no toggle,
    so the dark styles are still checked.
    """
    toggle = page.locator("label[for=__palette_1]")
    if toggle.count() and toggle.first.is_visible():
        toggle.first.click()
    else:
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
