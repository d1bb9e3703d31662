"""Building the homepage twice gives byte-identical sites."""

from __future__ import annotations

import difflib
import gzip
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

# No file is excluded: every difference is either a bug or must be listed here with the reason.
EXCLUDED: set[str] = set()


def build(project: Path, out: Path, hash_seed: str) -> None:
    """`mkdocs build --strict` of `project` into `out`, with a given string-hash seed.

    Different seeds reorder sets and dicts keyed by strings, so output that depends on that
    order shows up as a difference.
    """
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env["PYTHONHASHSEED"] = hash_seed
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(out)],
        cwd=project, env=env, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr


def files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its site-relative path."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def explain(name: str, a: bytes, b: bytes) -> str:
    """A short account of how two versions of a file differ (a diff excerpt for text)."""
    if name.endswith(".gz"):
        inner_a, inner_b = gzip.decompress(a), gzip.decompress(b)
        if inner_a == inner_b:
            return f"{name}: same content, different gzip header (mtime {a[4:8].hex()} vs {b[4:8].hex()})"
        return explain(name.removesuffix(".gz"), inner_a, inner_b)
    try:
        lines_a, lines_b = a.decode().splitlines(), b.decode().splitlines()
    except UnicodeDecodeError:
        return f"{name}: binary files differ ({len(a)} vs {len(b)} bytes)"
    diff = list(difflib.unified_diff(lines_a, lines_b, "first", "second", n=0, lineterm=""))
    shown = [line[:200] for line in diff[2:14]]
    return f"{name}:\n    " + "\n    ".join(shown)


def test_two_builds_are_identical(repo_root: Path, tmp_path: Path) -> None:
    """Two builds of the real project (different hash seeds, different folders) match byte for byte."""
    day = datetime.now(timezone.utc).date()
    build(repo_root, tmp_path / "first", "1")
    build(repo_root, tmp_path / "second", "2")
    if datetime.now(timezone.utc).date() != day:
        pytest.skip("the builds straddled midnight UTC: MkDocs stamps the build date into sitemap.xml")
    first, second = files(tmp_path / "first"), files(tmp_path / "second")
    assert sorted(first) == sorted(second), (
        f"only in the first build: {sorted(set(first) - set(second))}; "
        f"only in the second: {sorted(set(second) - set(first))}"
    )
    differ = [n for n in first if n not in EXCLUDED and first[n] != second[n]]
    assert not differ, f"{len(differ)} files differ:\n" + "\n".join(
        explain(n, first[n], second[n]) for n in differ
    )
