"""Fixtures shared by every test tier."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
BIB_CORPUS = SHARED / "data" / "bib"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout's root folder."""
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` beside the checkout (seed text, facts, the BibTeX corpus)."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture
def pylatexenc_inputs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text latex.py hands pylatexenc during the test, in order (decoded as usual)."""
    from mkdocs_scholar.bibliography import latex

    handed: list[str] = []
    real = latex._PYLATEXENC_TEXT

    class Counting:
        def latex_to_text(self, text: str) -> str:
            handed.append(text)
            return str(real.latex_to_text(text))

    monkeypatch.setattr(latex, "_PYLATEXENC_TEXT", Counting())
    return handed


def run_mkdocs_build(
    project: Path, *, strict: bool = True, extra: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build` in `project` and return the finished process (output captured)."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "-d", "site"]
    if strict:
        cmd.append("--strict")
    cmd.extend(extra)
    return subprocess.run(cmd, cwd=project, capture_output=True, text=True, timeout=900, check=False)


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """Write a tiny MkDocs project into tmp_path: `make_site(mkdocs_yml, {"docs/index.md": "..."})`."""

    def make(mkdocs_yml: str, files: dict[str, str | bytes]) -> Path:
        (tmp_path / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return tmp_path

    return make


@pytest.fixture(scope="session")
def built_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real homepage built once with `mkdocs build --strict`; returns the site folder."""
    out = tmp_path_factory.mktemp("home") / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out
