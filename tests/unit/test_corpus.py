"""The real-world .bib corpus in ../shared/data/bib: no exceptions, no entry lost silently.

The expected entries come from bibtexparser's own public parser (`parse_string`, no
middlewares), independently of our code path: every entry block and every failed block it
finds must be a publication or be named (file and line) in a problem.
"""

from __future__ import annotations

import codecs
from collections import Counter
from pathlib import Path

import pytest
from bibtexparser.entrypoint import parse_string
from bibtexparser.model import DuplicateBlockKeyBlock, String

from mkdocs_scholar.bibliography import BibOptions, load_bibliography
from mkdocs_scholar.bibliography.model import Bibliography

CORPUS = (Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "bib").resolve()

# Sets whose files must be loaded together (SOURCES.md), in the documented order.
TOGETHER = [
    ["homepage/ernst-plumebib__bibstring-unabbrev.bib", "homepage/ernst-plumebib__crossrefs.bib", "homepage/ernst__ernst.bib"],
    ["hard/iridia__abbrev.bib", "hard/iridia__journals.bib", "hard/iridia__authors.bib",
     "hard/iridia__crossref.bib", "hard/iridia__articles.bib", "hard/iridia__biblio.bib"],
    ["large/biber__definitions.bib", "large/biber__papers.bib"],
]  # fmt: skip
BIG = 1_000_000  # bytes; loading a set this large takes seconds


def _files(folder: str) -> list[str]:
    if not CORPUS.is_dir():
        return []
    return [f"{folder}/{p.name}" for p in sorted((CORPUS / folder).glob("*.bib"))]


def _sets() -> list[list[str]]:
    grouped = {f for group in TOGETHER for f in group}
    # The derived 23k concatenation has its own test below.
    alone = [
        [f]
        for folder in ("homepage", "hard", "large")
        for f in _files(folder)
        if f not in grouped and "combined" not in f
    ]
    return [*TOGETHER, *alone] if CORPUS.is_dir() else []


def _param(files: list[str]) -> object:
    size = sum((CORPUS / f).stat().st_size for f in files)
    marks = [pytest.mark.slow] if size > BIG else []
    return pytest.param(files, id=files[-1], marks=marks)


def independent_text(path: Path) -> str:
    """The file's text, decoded here without our loader (UTF-8, else Latin-1)."""
    data = path.read_bytes().removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def expected_blocks(files: list[str]) -> Counter[tuple[str, int]]:
    """(file, 1-based line) of every entry and failed block, as bibtexparser's parse_string sees them.

    Duplicate @string definitions are failed blocks for bibtexparser but are no entries.
    """
    found: Counter[tuple[str, int]] = Counter()
    for name in files:
        library = parse_string(independent_text(CORPUS / name), parse_stack=[])
        for block in [*library.entries, *library.failed_blocks]:
            if isinstance(block, DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, String):
                continue
            found[(name, (block.start_line or 0) + 1)] += 1
    return found


def check_invariant(files: list[str], bib: Bibliography) -> None:
    """Every entry block is a publication or is named (file and line) in a problem."""
    expected = expected_blocks(files)
    published = Counter((p.source_file, p.source_line) for p in bib.publications)
    named = {(p.file, p.line) for p in bib.problems}
    assert published <= expected, "a publication does not come from an entry block"
    missing = expected - published
    unnamed = sorted(pos for pos in missing if pos not in named)
    assert not unnamed, f"entries neither published nor named in a problem: {unnamed[:10]}"
    assert len(bib.publications) + sum(missing.values()) == sum(expected.values())


@pytest.mark.parametrize("files", [_param(s) for s in _sets()])
def test_corpus_set_loads(files: list[str]) -> None:
    """Each corpus set loads without an exception and loses no entry silently."""
    bib = load_bibliography([CORPUS / f for f in files], BibOptions(), display_root=CORPUS)
    check_invariant(files, bib)
    for problem in bib.problems:
        assert problem.file in files
    for pub in bib.publications:
        assert pub.slug and pub.bibtex.startswith("@")


def test_ernst_set_resolves_macros_and_crossrefs() -> None:
    """With its two companion files, ernst.bib has one undefined macro (genuine upstream) and inherits booktitles."""
    if not CORPUS.is_dir():
        pytest.skip("no corpus")
    files = TOGETHER[0]
    bib = load_bibliography([CORPUS / f for f in files], display_root=CORPUS)
    undefined = [p for p in bib.problems if "undefined macro" in p.message]
    assert [p.message for p in undefined] == ["undefined macro 'ErnstCGN2001TSEnote' (in omitnote)"]
    crossreffed = [p for p in bib.publications if "crossref" in dict(p.fields)]
    assert crossreffed
    assert all(p.venue for p in crossreffed if p.entry_type == "inproceedings")


def test_iridia_set_has_no_undefined_macros() -> None:
    """IRIDIA's author, journal and publisher macros all resolve when the six files load together."""
    if not CORPUS.is_dir():
        pytest.skip("no corpus")
    bib = load_bibliography([CORPUS / f for f in TOGETHER[1]], display_root=CORPUS)
    assert len(bib.publications) == 3305
    assert not [p for p in bib.problems if "undefined macro" in p.message]


def test_biber_papers_need_their_definitions() -> None:
    """biber's papers.bib alone has undefined macros; with definitions.bib first it has none."""
    if not CORPUS.is_dir():
        pytest.skip("no corpus")
    alone = load_bibliography([CORPUS / "large/biber__papers.bib"], display_root=CORPUS)
    together = load_bibliography([CORPUS / f for f in TOGETHER[2]], display_root=CORPUS)
    assert [p for p in alone.problems if "undefined macro" in p.message]
    assert not [p for p in together.problems if "undefined macro" in p.message]


@pytest.mark.parametrize("name", _files("malformed"))
def test_malformed_file_gives_located_problems(name: str) -> None:
    """Every malformed file gives at least one problem with file and line, and no exception."""
    bib = load_bibliography([CORPUS / name], display_root=CORPUS)
    located = [p for p in bib.problems if p.file == name and p.line]
    assert located
    check_invariant([name], bib)


@pytest.mark.slow
def test_combined_23k_file() -> None:
    """The derived 23k-entry concatenation loads whole (memory and time are reported, not asserted)."""
    name = "large/combined__23k-entries-concatenation.bib"
    if not (CORPUS / name).is_file():
        pytest.skip("no corpus")
    bib = load_bibliography([CORPUS / name], display_root=CORPUS)
    check_invariant([name], bib)
    assert len(bib.publications) > 23000


def test_non_utf8_corpus_files_warn() -> None:
    """The Latin-1 and GBK files are read with a warning naming the file."""
    if not CORPUS.is_dir():
        pytest.skip("no corpus")
    for name in ("hard/biber__encoding1.bib", "hard/bibtexparser-v2__gbk_test.bib"):
        bib = load_bibliography([CORPUS / name], display_root=CORPUS)
        assert any(p.file == name and "UTF-8" in p.message for p in bib.problems)
        assert len(bib.publications) == 1
