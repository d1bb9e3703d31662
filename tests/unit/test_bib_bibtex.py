"""BibTeX regeneration (bibliography/bibtex.py)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from bibtexparser.entrypoint import parse_string

from mkdocs_scholar.bibliography import BibOptions, format_bibliography, format_entry, load_bibliography
from mkdocs_scholar.bibliography.dates import MONTH_NAMES
from mkdocs_scholar.bibliography.model import Publication
from mkdocs_scholar.bibliography.options import DEFAULT_BIBTEX_EXCLUDE

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "bib"


def reparse(text: str) -> dict[str, tuple[str, dict[str, str]]]:
    """key -> (entry type, fields) as bibtexparser reads `text` (strings resolved, enclosings removed)."""
    library = parse_string(text)
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    return {e.key: (e.entry_type, {f.key: f.value for f in e.fields}) for e in library.entries}


def expected_fields(pub: Publication, exclude: Iterable[str] = DEFAULT_BIBTEX_EXCLUDE) -> dict[str, str]:
    """The fields a publication's BibTeX should hold."""
    skip = {*exclude, "crossref"}
    fields = {name: value for name, value in pub.fields if name not in skip}
    if fields.get("month", "").lower() in {n.lower() for n in MONTH_NAMES}:  # written back as the macro
        fields["month"] = fields["month"][:3].lower()
    return fields


def test_format_entry_layout() -> None:
    """One field per line, two-space indent, braces around values, trailing commas."""
    text = format_entry("article", "Key2020", [("title", "A {B} title"), ("year", "2020")])
    assert text == "@article{Key2020,\n  title = {A {B} title},\n  year = {2020},\n}"


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        "with {braces} inside",
        r"escaped \{ brace",
        "unbalanced { open",
        "unbalanced } close",
        "ends with \\",
        "a } b { c",
        "{a}} {{b}",
        "a}{b",
        "n-{{ZnO}}/{{NiO}}",
        "ends in a brace \\}",
    ],
)
def test_format_entry_reparses(value: str) -> None:
    """Values parse back whole, even odd ones (unbalanced braces are escaped)."""
    parsed = reparse(format_entry("misc", "k", [("note", value), ("year", "1")]))
    assert parsed["k"][1]["year"] == "1"
    assert "note" in parsed["k"][1]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("n-{{ZnO}}/{{NiO}}/p-{{GaN}}", "n-{{ZnO}}/{{NiO}}/p-{{GaN}}"),  # balanced: as it is
        (r"a \{ b", r"a \{ b"),  # an escaped brace needs nothing
        ("a}{b", "a\\}\\{b"),  # counts match, but neither brace has a partner
        ("{a", "\\{a"),
        ("ends \\", "ends \\ "),  # a last backslash would escape the closing brace
    ],
)
def test_format_entry_escapes_only_what_it_must(value: str, written: str) -> None:
    """Balanced values are written unchanged; unmatched braces are escaped."""
    assert format_entry("misc", "k", [("note", value)]) == f"@misc{{k,\n  note = {{{written}}},\n}}"


def test_quoted_value_with_stray_braces_is_an_error(tmp_path: Path) -> None:
    """BibTeX wants balanced braces inside quotes too: "a } b { c" is a syntax error, not broken output."""
    path = tmp_path / "a.bib"
    path.write_text('@misc{k, title = "a } b { c", year = 1}', encoding="utf-8")
    bib = load_bibliography([path])
    assert bib.publications == ()
    assert [(p.key, p.level) for p in bib.problems] == [("k", "error")]


def test_bibtex_keeps_latex_and_expands_macros(tmp_path: Path) -> None:
    """Regenerated BibTeX keeps LaTeX, expands macros, inherits crossref fields, drops display-only fields."""
    path = tmp_path / "a.bib"
    path.write_text(
        '@string{acm = "{ACM}"}\n'
        '@inproceedings{child, title = {{\\"U}ber $x^2$}, author = {Erd{\\H{o}}s, Paul}, crossref = {parent},\n'
        "  publisher = acm, month = jan, abstract = {long}, selected = {true}, pdf = {p.pdf}}\n"
        "@proceedings{parent, title = {Proc. of X}, year = 2020}\n",
        encoding="utf-8",
    )
    bib = load_bibliography([path])
    child = bib.by_key()["child"]
    assert child.bibtex == (
        "@inproceedings{child,\n"
        '  title = {{\\"U}ber $x^2$},\n'
        "  author = {Erd{\\H{o}}s, Paul},\n"
        "  publisher = {{ACM}},\n"
        "  month = jan,\n"
        "  booktitle = {Proc. of X},\n"
        "  year = {2020},\n"
        "}"
    )


def test_exclude_fields_option(tmp_path: Path) -> None:
    """bibtex_exclude_fields decides which fields are left out (case-insensitive)."""
    path = tmp_path / "a.bib"
    path.write_text("@misc{k, title={T}, Note={N}, abstract={A}, year=1}", encoding="utf-8")
    bib = load_bibliography([path], BibOptions(bibtex_exclude_fields=("NOTE",)))
    assert reparse(bib.publications[0].bibtex)["k"][1] == {"title": "T", "abstract": "A", "year": "1"}


SETS = [
    [
        "homepage/ernst-plumebib__bibstring-unabbrev.bib",
        "homepage/ernst-plumebib__crossrefs.bib",
        "homepage/ernst__ernst.bib",
    ],
    *[[f"homepage/{p.name}"] for p in sorted((CORPUS / "homepage").glob("*.bib")) if "ernst" not in p.name],
    *[[f"hard/{p.name}"] for p in sorted((CORPUS / "hard").glob("*.bib")) if "iridia" not in p.name],
    *[[f"malformed/{p.name}"] for p in sorted((CORPUS / "malformed").glob("*.bib"))],
]


@pytest.mark.parametrize("files", SETS, ids=[s[-1] for s in SETS])
def test_corpus_bibtex_round_trips(files: list[str]) -> None:
    """Every publication's BibTeX, and the whole download, parse back to the same keys and values."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/data/bib is not beside the checkout")
    bib = load_bibliography([CORPUS / f for f in files])
    # The download is every entry's `bibtex` joined: parsing it with no failed block and the
    # same keys checks each entry's text too.
    whole = reparse(format_bibliography(bib.publications))
    assert list(whole) == [p.key for p in bib.publications]
    for pub in bib.publications:
        assert whole[pub.key] == (pub.entry_type, expected_fields(pub))


def test_format_bibliography_of_nothing() -> None:
    """No publications give an empty .bib text."""
    assert format_bibliography([]) == "\n"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("June", "jun"),  # what `month = jun` expands to: written back as the macro
        ("december", "dec"),
        ("6", "{6}"),  # numbers and other spellings are the author's: kept as they were
        ("Jun", "{Jun}"),
        ("June/July", "{June/July}"),
        ("", "{}"),
    ],
)
def test_month_names_are_written_as_macros(value: str, written: str) -> None:
    """A month spelled out is written as BibTeX's macro, which biblatex reads as the month too."""
    text = format_entry("article", "k", [("month", value)])
    assert text == f"@article{{k,\n  month = {written},\n}}"
    assert reparse(text)["k"][1]["month"] == written.strip("{}")
