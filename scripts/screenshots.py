"""Full-page screenshots of the homepage for the README: home, publications and news, light and dark,
at desktop (1280 px) and phone (375 px) widths.

    python scripts/screenshots.py              # builds the site first (mkdocs build --strict)
    python scripts/screenshots.py --site DIR   # uses a site built earlier

Writes `screenshots/<page>-<scheme>-<width>.png` at the repository root and prints each path.
Drives Debian's /usr/bin/chromium (scripts/install-chromium.sh); requests that leave
127.0.0.1 are aborted so the pictures show what an offline build serves.
"""

from __future__ import annotations

import argparse
import functools
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Page, Route, sync_playwright

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
PAGES = {"home": "", "publications": "publications/", "news": "news/"}
WIDTHS = (1280, 375)
SCHEMES = ("light", "dark")


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on a free 127.0.0.1 port; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def build(out: Path) -> Path:
    """Build the project with `mkdocs build --strict` into `out`; exits with MkDocs' output on failure."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(out)]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)
    if proc.returncode:
        sys.exit(f"mkdocs build failed:\n{proc.stdout}{proc.stderr}")
    return out


def _local_only(route: Route) -> None:
    """Let requests to the local server through; abort the rest (fonts, CDNs)."""
    if urlsplit(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:
        route.abort()


def use_dark_scheme(page: Page) -> None:
    """Switch Material to slate through its header toggle (or its scheme attribute when there is none)."""
    toggle = page.locator("label[for=__palette_1]")
    if toggle.count() and toggle.first.is_visible():
        toggle.first.click()
    else:
        page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")


def take(base: str, out_dir: Path) -> list[Path]:
    """Take every screenshot; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in WIDTHS:
            for scheme in SCHEMES:
                context = browser.new_context(
                    viewport={"width": width, "height": 900 if width > 600 else 812},
                    is_mobile=width < 600, has_touch=width < 600,
                )  # fmt: skip
                context.route("**/*", _local_only)
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto(base + path)
                    if scheme == "dark":
                        use_dark_scheme(page)
                    page.evaluate("document.fonts.ready")
                    target = out_dir / f"{name}-{scheme}-{width}.png"
                    # The first screenful: what a visitor sees, and small enough for the README.
                    page.screenshot(path=str(target), full_page=False)
                    written.append(target)
                context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--site", type=Path, help="a built site folder (default: build one now)")
    parser.add_argument("--out", type=Path, default=REPO / "screenshots", help="where the PNGs go")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site.resolve() if args.site else build(Path(tmp) / "site")
        with serve(site) as base:
            for path in take(base, args.out):
                print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
