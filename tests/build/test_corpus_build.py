"""Every real-world .bib set of ../shared builds into a site listing each parsed entry once."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import bibtexparser
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_scholar.bibliography import load_bibliography
from mkdocs_scholar.bibliography.read import read_bib
from tests.conftest import BIB_CORPUS

# Sets that only make sense together, in SOURCES.md's load order.
TOGETHER = {
    "ernst": [
        "homepage/ernst-plumebib__bibstring-unabbrev.bib",
        "homepage/ernst-plumebib__crossrefs.bib",
        "homepage/ernst__ernst.bib",
    ],
    "iridia": [
        "hard/iridia__abbrev.bib",
        "hard/iridia__journals.bib",
        "hard/iridia__authors.bib",
        "hard/iridia__crossref.bib",
        "hard/iridia__articles.bib",
        "hard/iridia__biblio.bib",
    ],
    "biber": ["large/biber__definitions.bib", "large/biber__papers.bib"],
}
SLOW = {"large/combined__23k-entries-concatenation.bib"}


def corpus_sets() -> list[pytest.param]:
    if not BIB_CORPUS.is_dir():
        return []
    grouped = {f for files in TOGETHER.values() for f in files}
    sets = [pytest.param(files, id=name) for name, files in TOGETHER.items()]
    for folder in ("homepage", "hard", "large", "malformed"):
        for path in sorted((BIB_CORPUS / folder).glob("*.bib")):
            rel = f"{folder}/{path.name}"
            if rel not in grouped:
                marks = [pytest.mark.slow] if rel in SLOW else []
                sets.append(pytest.param([rel], id=rel, marks=marks))
    return sets


def read_like_a_user(path: Path) -> str:
    """The text the plugin reads (its encoding fallbacks are tested in tests/unit/test_bib_load.py),
    so that bibtexparser's own split of the same text is what the listed keys are checked against."""
    return read_bib(path, path.name)[0]


@pytest.mark.parametrize("files", corpus_sets())
def test_corpus_set_builds(files: list[str], tmp_path: Path) -> None:
    """The site builds (no exception), and the page lists exactly the entries the loader kept."""
    bib_dir = tmp_path / "bib"
    bib_dir.mkdir()
    copies = []
    for i, rel in enumerate(files):
        # Numbered names keep SOURCES.md's load order (the plugin reads files sorted by name).
        copies.append(Path(shutil.copy(BIB_CORPUS / rel, bib_dir / f"{i:02d}-{Path(rel).name}")))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# All\n\n/// publications\n///\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Corpus\nsite_url: https://example.org/\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - scholar:\n      paper_pages: false\n      feed: false\n",
        encoding="utf-8",
    )
    build(load_config(str(tmp_path / "mkdocs.yml")))

    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    keys = re.findall(r'<li class="scholar-entry"[^>]*\bdata-bibkey="([^"]*)"', html)
    loaded = load_bibliography(copies, display_root=tmp_path)
    assert len(keys) == len(loaded.publications)
    assert len(set(keys)) == len(keys), "an entry is listed twice"
    # Cross-check against bibtexparser's own reading: every entry it found is listed or named.
    named = {p.key for p in loaded.problems if p.key}
    listed = {unescape(k) for k in keys}
    for path in copies:
        library = bibtexparser.parse_string(read_like_a_user(path))
        keyless = any("no key" in p.message for p in loaded.problems)
        dropped = [
            e.key
            for e in library.entries
            if e.key not in listed and e.key not in named and (e.key or not keyless)
        ]
        assert not dropped, f"silently dropped: {dropped[:5]}"
