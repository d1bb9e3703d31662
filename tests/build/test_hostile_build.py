"""Full `mkdocs build`s of hostile .bib folders: odd files in bib_dir, script injection, long keys.

A plain build must finish (exit 0, no traceback) and name every entry it does not show; a
strict build fails on any problem; no generated page may hold an event handler, a
javascript:/data:/vbscript: link or a script the plugin did not write.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import run_mkdocs_build

YML = "site_name: T\nsite_url: https://example.org/\ntheme: material\nplugins: [search, scholar]\n"
PAGE = "# Publications\n\n/// publications\n///\n"
KEYWORD_PAGE = "# Publications\n\n/// publications\ngroup_by: keyword\n///\n"


def entry(key: str, title: str = "A title") -> str:
    return f"@article{{{key},\n  title = {{{title}}},\n  author = {{Doe, Jane}},\n  year = {{2020}},\n}}\n"


class _Scan(HTMLParser):
    """Data-bibkeys, event handlers, dangerous targets and inline scripts of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.keys: set[str] = set()
        self.bad: list[str] = []
        self.scripts: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Inline scripts other than JSON-LD (whose text is escaped JSON) are checked for injected code.
        info = dict(attrs)
        self._script = tag == "script" and not info.get("src") and info.get("type") != "application/ld+json"
        for name, value in attrs:
            if name == "data-bibkey" and value is not None:
                self.keys.add(value)
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction") and value:
                probe = "".join(c for c in value if c > " ").lower()
                if probe.startswith(("javascript:", "data:", "vbscript:")):
                    self.bad.append(f"<{tag} {name}={value!r}>")
            if tag in ("iframe", "object", "embed", "img"):
                self.bad.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = False

    def handle_data(self, data: str) -> None:
        if self._script:
            self.scripts.append(data)


def scan_site(site: Path) -> tuple[set[str], list[str]]:
    """Every data-bibkey in the built site, and every unsafe thing found (page: what)."""
    keys: set[str] = set()
    bad: list[str] = []
    for page in sorted((site / "site").rglob("*.html")):
        scan = _Scan()
        scan.feed(page.read_text(encoding="utf-8"))
        keys |= scan.keys
        bad += [f"{page.relative_to(site)}: {b}" for b in scan.bad]
        bad += [f"{page.relative_to(site)}: script {s[:80]!r}" for s in scan.scripts if "alert(" in s]
    return keys, bad


HOSTILE_BIB = (
    entry("good2024") + "@article{<script>alert(1)</script>,\n"
    "  title = {<img src=x onerror=alert(2)> $</script><script>alert(3)</script>$ {\\url{javascript:alert(4)}}},\n"
    "  author = {<b onmouseover=alert(5)>Evil</b>, Eve and {{<svg onload=alert(6)>}}},\n"
    "  journal = {<iframe src=javascript:alert(7)>},\n"
    "  year = 2021,\n"
    '  abstract = {**bold** <script>alert(8)</script> [x](javascript:alert(9)) <a href="javascript:alert(10)">y</a>},\n'
    "  keywords = {<script>alert(11)</script>, {: onclick=alert(12) }, # not a heading},\n"
    '  doi = {10.1234/"><script>alert(13)</script>},\n'
    '  url = {https://example.org/"><script>alert(14)</script>},\n'
    "  pdf = {javascript:alert(15)},\n"
    "  code = {//evil.example.org/x},\n"
    "}\n"
    "@misc{Köglmeier😀, title = {Unicode key}, year = 2019}\n"
    "@misc{with space, title = {Spaced key}, year = 2018}\n"
    "@misc{index, title = {Key named index}, year = 2017}\n"
    "@misc{publications, title = {Key named publications}, year = 2016}\n"
    "@misc{nul\x00key, title = {A\x00B}, year = 2015}\n"
    "@article{broken,\n  title = {Unclosed\n"
)
ALL_KEYS = {
    "good2024",
    "<script>alert(1)</script>",
    "Köglmeier😀",
    "with space",
    "index",
    "publications",
    "nulkey",  # "nul\x00key": keys are used without control characters, with a warning
}


def test_hostile_site_builds_inert_and_loses_nothing(make_site: Callable[..., Path]) -> None:
    """Injection attempts everywhere: plain build renders every good entry, the page is inert, strict fails."""
    site = make_site(YML, {"bib/hostile.bib": HOSTILE_BIB, "docs/index.md": KEYWORD_PAGE})
    proc = run_mkdocs_build(site, strict=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    keys, bad = scan_site(site)
    assert not bad, bad[:10]
    assert keys >= ALL_KEYS, ALL_KEYS - keys
    assert re.search(r"bib/hostile\.bib:\d+: \[broken\]", proc.stderr), proc.stderr[-3000:]
    assert "javascript" in proc.stderr, "the refused links are reported"
    listing = (site / "site" / "publications" / "publications.bib").read_text(encoding="utf-8")
    assert "Key named publications" in listing and "A title" in listing, "the full list is not overwritten"
    strict = run_mkdocs_build(site, strict=True)
    assert strict.returncode != 0
    assert "Traceback" not in strict.stderr


def test_broken_symlink_in_bib_dir(make_site: Callable[..., Path]) -> None:
    """A dangling `x.bib` symlink is reported by name; the build goes on (today: FileNotFoundError traceback)."""
    site = make_site(YML, {"bib/good.bib": entry("good"), "docs/index.md": PAGE})
    (site / "bib" / "dangling.bib").symlink_to(site / "bib" / "gone.bib")
    proc = run_mkdocs_build(site, strict=False)
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode == 0
    assert "dangling.bib" in proc.stderr
    assert scan_site(site)[0] == {"good"}


def test_very_long_key_builds(make_site: Callable[..., Path]) -> None:
    """A 300-character key must not become a 300-character file name (today: OSError ENAMETOOLONG)."""
    long_key = "k" * 300
    site = make_site(YML, {"bib/a.bib": entry(long_key) + entry("ok"), "docs/index.md": PAGE})
    proc = run_mkdocs_build(site, strict=False)
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode == 0
    assert scan_site(site)[0] == {long_key, "ok"}


def test_folder_named_like_a_bib_file_is_not_an_error(make_site: Callable[..., Path]) -> None:
    """`bib/old.bib/` is a folder: its files are read, and the folder itself is no problem for --strict."""
    site = make_site(
        YML, {"bib/old.bib/inner.bib": entry("inner"), "bib/top.bib": entry("top"), "docs/index.md": PAGE}
    )
    proc = run_mkdocs_build(site, strict=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert scan_site(site)[0] == {"inner", "top"}


def test_nested_unicode_and_spaced_file_names_and_a_symlink_loop(make_site: Callable[..., Path]) -> None:
    """Files in sub-folders and with odd names are read; a symlink back to bib_dir is not followed."""
    files = {
        "bib/with space.bib": entry("spaced"),
        "bib/ünï😀.bib": entry("unicode"),
        "bib/a/b/c/deep.bib": entry("deep"),
        "docs/index.md": PAGE,
    }
    site = make_site(YML, files)
    (site / "bib" / "loop").symlink_to(site / "bib", target_is_directory=True)
    proc = run_mkdocs_build(site, strict=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert scan_site(site)[0] == {"spaced", "unicode", "deep"}


def test_upper_case_extension_is_read_or_named(make_site: Callable[..., Path]) -> None:
    """`OLD.BIB` (old Windows tools) is read on macOS and Windows but silently ignored on Linux."""
    site = make_site(
        YML, {"bib/OLD.BIB": entry("upper"), "bib/new.bib": entry("lower"), "docs/index.md": PAGE}
    )
    proc = run_mkdocs_build(site, strict=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "upper" in scan_site(site)[0] or "OLD.BIB" in proc.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_in_bib_dir_does_not_hang_the_build(make_site: Callable[..., Path]) -> None:
    """A FIFO named `x.bib` blocks `read_bytes` forever: only regular files should be read."""
    site = make_site(YML, {"bib/good.bib": entry("good"), "docs/index.md": PAGE})
    os.mkfifo(site / "bib" / "pipe.bib")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "-d", "site"]
    try:
        proc = subprocess.run(cmd, cwd=site, capture_output=True, text=True, timeout=15, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("mkdocs build hung on a named pipe in bib_dir")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert scan_site(site)[0] == {"good"}
