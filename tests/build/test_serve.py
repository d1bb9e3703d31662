"""`mkdocs serve` picks up edits to the bibliography and new news files while it runs."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

START_SECONDS = 120
CHANGE_SECONDS = 60
NEWS_TITLE = "Zebracorn serve announcement"
TITLE_MARKER = "Quokkaserve"
CACHE_LINE = "scholar: bibliography unchanged"


@dataclass
class Server:
    """A running `mkdocs serve` and everything it has printed so far."""

    proc: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)

    def output(self) -> str:
        """Everything printed so far."""
        return "".join(self.lines)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    """The body of `url`, or "" when the server does not answer it (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError):
        return ""


def wait_for(check: Callable[[], bool], seconds: float, server: Server, what: str) -> None:
    """Poll `check` until true; fail with the server's output after `seconds` or if it exits."""
    deadline = time.monotonic() + seconds
    while not check():
        if server.proc.poll() is not None:
            pytest.fail(
                f"mkdocs serve exited ({server.proc.returncode}) while waiting for {what}:\n{server.output()}"
            )
        if time.monotonic() > deadline:
            pytest.fail(
                f"after {seconds} s, still waiting for {what}. Server output:\n{server.output()[-6000:]}"
            )
        time.sleep(0.5)


def _collect(proc: subprocess.Popen[str], lines: list[str]) -> None:
    """Append each line the server prints to `lines` (a pipe left unread would block the server)."""
    assert proc.stdout is not None
    lines.extend(iter(proc.stdout.readline, ""))


@pytest.fixture
def server(project_copy: Path) -> Iterator[Server]:
    """`mkdocs serve` of the project copy on a free port; its whole process group is killed afterwards."""
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{free_port()}"]
    proc = subprocess.Popen(
        cmd, cwd=project_copy, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    running = Server(proc)
    threading.Thread(target=_collect, args=(proc, running.lines), daemon=True).start()
    try:
        yield running
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=15)


def mark_first_title(bib_dir: Path) -> str:
    """Put TITLE_MARKER at the start of the first title of the first .bib file; returns that file's name."""
    for bib in sorted(bib_dir.glob("*.bib")):
        text = bib.read_text(encoding="utf-8")
        # `\btitle` skips booktitle; the value is braced or quoted.
        edited, count = re.subn(r"(\btitle\s*=\s*[{\"])", rf"\g<1>{TITLE_MARKER} ", text, count=1, flags=re.I)
        if count:
            bib.write_text(edited, encoding="utf-8")
            return bib.name
    pytest.fail(f"no title field in {bib_dir}/*.bib")


def test_serve_rebuilds_on_bib_and_news_changes(server: Server, project_copy: Path) -> None:
    """A new news file reaches news/ and the feed (bibliography reused); a changed title reaches publications/."""
    served = re.compile(r"Serving on (http://\S+)")
    wait_for(lambda: bool(served.search(server.output())), START_SECONDS, server, "'Serving on ...'")
    match = served.search(server.output())
    assert match
    base = match.group(1).rstrip("/") + "/"
    wait_for(lambda: bool(fetch(base)), START_SECONDS, server, f"an answer from {base}")
    assert TITLE_MARKER not in fetch(base + "publications/")

    # 1. A news item: the bibliography is unchanged, so the rebuild must reuse it.
    before = len(server.lines)
    news = project_copy / "docs" / "news" / "2099-01-01-test.md"
    news.parent.mkdir(parents=True, exist_ok=True)
    news.write_text(
        f"---\ndate: 2099-01-01\ntitle: {NEWS_TITLE}\n---\n\nA news item written by the serve test.\n"
    )
    wait_for(lambda: NEWS_TITLE in fetch(base + "news/"), CHANGE_SECONDS, server, "the new item on news/")
    wait_for(
        lambda: NEWS_TITLE in fetch(base + "feed.xml"), CHANGE_SECONDS, server, "the new item in feed.xml"
    )
    wait_for(
        lambda: CACHE_LINE in "".join(server.lines[before:]),
        10,
        server,
        f"{CACHE_LINE!r} after the news rebuild",
    )

    # 2. A changed paper title in the bibliography.
    bib_name = mark_first_title(project_copy / "bib")
    wait_for(
        lambda: TITLE_MARKER in fetch(base + "publications/"), CHANGE_SECONDS, server,
        f"the edited title from bib/{bib_name} on publications/",
    )  # fmt: skip
