"""Unusual but legitimate .bib input (second hunt): syntax corners, names, biblatex types, dates,
LaTeX in titles and in other displayed fields, owner highlighting, CSL-JSON and regenerated BibTeX.

The first part pins what works (tables of inputs and the display text they must give); the second
part holds the bugs found, each asserting the behaviour the product promises.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bibtexparser.entrypoint import parse_string
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from mkdocs_scholar.bibliography import BibOptions, load_bibliography
from mkdocs_scholar.bibliography.csl import to_csl_json
from mkdocs_scholar.bibliography.model import Bibliography
from mkdocs_scholar.render.env import make_environment
from mkdocs_scholar.render.meta import citation_tags, head_tags, json_ld
from mkdocs_scholar.render.publications import PublicationRenderer
from mkdocs_scholar.render.text import plain_text, rich_text

# -- helpers ----------------------------------------------------------------------------------------


def load(tmp_path: Path, text: str, options: BibOptions | None = None) -> Bibliography:
    """Load one file tmp_path/bib/t.bib; problems are shown relative to tmp_path."""
    path = tmp_path / "bib" / "t.bib"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return load_bibliography([path], options or BibOptions(), display_root=tmp_path)


def load_files(tmp_path: Path, files: dict[str, str]) -> Bibliography:
    paths = []
    for name, text in files.items():
        path = tmp_path / "bib" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return load_bibliography(paths, BibOptions(), display_root=tmp_path)


def title_of(tmp_path: Path, title: str) -> str:
    bib = load(tmp_path, f"@misc{{k, title = {{{title}}}, year = 2020}}\n")
    return bib.by_key()["k"].title


def messages(bib: Bibliography, key: str) -> list[str]:
    return [p.message for p in bib.problems if p.key == key]


# -- what works: syntax corners ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ('@article(k, title = "a {"} b", year = 2020)\n', 'a " b'),
        ("@article(k, title = {f(x) (y)}, year = 2020)\n", "f(x) (y)"),
        (
            "@article{k,\n title = {Hello % not a comment\n world},\n year = 2020}\n",
            "Hello % not a comment world",
        ),
        ('@article{k, title = "50% off", year = 2020}\n', "50% off"),
        ("@article{k, title = {50\\% off}, year = 2020}\n", "50% off"),
        ("@article{k,\n title = {T}, % trailing comment\n year = 2020}\n", "T"),
        (
            '@STRING{jn = "Nat"}\n@String{t = "Title"}\n@article{k, title = t # { } # jn, year = 2020}\n',
            "Title Nat",
        ),
        ("@COMMENT{x}\n@Comment(y)\n@comment x y\n@article{k, title = {T}, year = 2020}\n", "T"),
        ('@preamble{ "\\newcommand{\\noop}[1]{}" }\n@article{k, title = {T\\noop{x}}, year = 2020}\n', "T"),
        (
            "@article{k, title = {The @-operator, me@example.org}, year = 2020}\n",
            "The @-operator, me@example.org",
        ),
        ("@article{k, title = {T}, ti-tle = {x}, my.field = {y}, year = 2020}\n", "T"),
    ],
)
def test_syntax_corners_load(tmp_path: Path, text: str, title: str) -> None:
    bib = load(tmp_path, text)
    assert bib.by_key()["k"].title == title
    assert not [p for p in bib.problems if p.level == "error"], bib.problems


@pytest.mark.parametrize(
    "fields",
    ["title = {T}, title = {Second}", "title = {T}, Title = {Second}", "title = {T}, TITLE = {Second}"],
)
def test_repeated_field_in_any_case_is_named(tmp_path: Path, fields: str) -> None:
    bib = load(tmp_path, f"@article{{k, {fields}, year = 2020}}\n")
    assert bib.by_key()["k"].title == "T"
    assert any("repeated" in m for m in messages(bib, "k"))


@pytest.mark.parametrize("value", ["{}", '""', "{ }"])
def test_empty_title_is_named(tmp_path: Path, value: str) -> None:
    bib = load(tmp_path, f"@article{{k, title = {value}, year = 2020}}\n")
    assert "k" in bib.by_key()
    assert any("missing title" in m for m in messages(bib, "k"))


@pytest.mark.parametrize(
    "year", ["2020", '"2020"', "{2020}", "20 # 20", '"20" # {20}', "{{2020}}", "{ 2020 }", "{２０２０}"]
)
def test_year_spellings(tmp_path: Path, year: str) -> None:
    bib = load(tmp_path, f"@article{{k, title = {{T}}, year = {year}}}\n")
    assert bib.by_key()["k"].year == 2020
    assert bib.problems == ()


@pytest.mark.parametrize(
    "text",
    [
        "@article{k,comma, title = {T}, year = 2020}\n",
        "@article{k{b}, title = {T}, year = 2020}\n",
        '@misc{k, title = "See @book{x, in BibTeX", year = 2020}\n',
    ],
)
def test_keys_and_values_bibtex_cannot_read_are_named(tmp_path: Path, text: str) -> None:
    bib = load(tmp_path, text)
    assert any(p.key == "k" and p.line == 1 and "t.bib" in str(p) for p in bib.problems), bib.problems


# -- what works: names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (r"{\relax Ch}ristopher Manning", ["Christopher Manning"]),
        (r"{\'E}mile Zola", ["Émile Zola"]),
        (r"\'Emile Borel", ["Émile Borel"]),
        ("Jean-Pierre Serre", ["Jean-Pierre Serre"]),
        ("de la Fontaine, Jean", ["Jean de la Fontaine"]),
        ("van Beethoven, Ludwig", ["Ludwig van Beethoven"]),
        ("Last, Jr., First", ["First Last, Jr."]),
        (
            r"Charles Louis Xavier Joseph de la Vall{\'e}e Poussin",
            ["Charles Louis Xavier Joseph de la Vallée Poussin"],
        ),
        ("A and others and B", ["A", "B"]),
        ("Donald~E. Knuth", ["Donald E. Knuth"]),
        ("J.R.R. Tolkien", ["J.R.R. Tolkien"]),
        ("Tolkien, J.R.R.", ["J.R.R. Tolkien"]),
        (r"{\v{S}}t{\v{e}}p{\'a}n {\v{Z}}ilka", ["Štěpán Žilka"]),
        (r"Erd\H{o}s, Paul", ["Paul Erdős"]),
        (r"{\AA}str{\"o}m, Karl", ["Karl Åström"]),
        (r"{\L}ukasiewicz, Jan", ["Jan Łukasiewicz"]),
        (r"Dvo\v{r}\'{a}k, Anton\'{\i}n", ["Antonín Dvořák"]),
        (r"Stra{\ss}e, Hans", ["Hans Straße"]),
        ("{Le Cun}, Yann", ["Yann Le Cun"]),
        (r"Paul \textsc{Erdos}", ["Paul Erdos"]),
    ],
)
def test_names_display(tmp_path: Path, value: str, shown: list[str]) -> None:
    bib = load(tmp_path, f"@misc{{k, title = {{T}}, year = 2020, author = {{{value}}}}}\n")
    pub = bib.by_key()["k"]
    assert [a.display for a in pub.authors] == shown
    assert not any("\\" in a.display or "{" in a.display for a in pub.authors)


@pytest.mark.parametrize(
    ("author", "highlighted"),
    [
        ("Mukherjee, A.", True),
        ("A Mukherjee", True),
        ("A.~Mukherjee", True),
        ("Mukherjee, Anirbit K.", True),
        ("{Mukherjee}, Anirbit", True),
        ("MUKHERJEE, ANIRBIT", True),
        ("Mukherjée, Ánirbit", True),
        ("Mukherjee, A.K.", True),
        ("Anirbit\u00a0Mukherjee", True),
        ("Arijit Mukherjee", False),
        ("B. Mukherjee", False),
        ("Mukherjee", False),
    ],
)
def test_owner_highlighting_forms(tmp_path: Path, author: str, highlighted: bool) -> None:
    """README: matching ignores case, accents, initials; a different given name is someone else."""
    options = BibOptions(highlight_authors=("Anirbit Mukherjee",))
    bib = load(tmp_path, f"@misc{{k, title = {{T}}, year = 2020, author = {{{author}}}}}\n", options)
    assert [a.highlight for a in bib.by_key()["k"].authors] == [highlighted]


# -- what works: types, crossref, dates ---------------------------------------------------------------


def test_crossref_child_fields_win_and_parent_fills_gaps(tmp_path: Path) -> None:
    bib = load(
        tmp_path,
        "@inproceedings{c, title = {Child}, booktitle = {Child BT}, year = 2021, crossref = {P}}\n"
        "@proceedings{p, title = {Proc}, booktitle = {Parent BT}, year = 2020, publisher = {Pub}}\n",
    )
    child = bib.by_key()["c"]
    assert (child.venue, child.year, child.publisher) == ("Child BT", 2021, "Pub")
    assert bib.problems == ()


def test_crossref_to_an_entry_in_another_file(tmp_path: Path) -> None:
    bib = load_files(
        tmp_path,
        {
            "a.bib": "@inproceedings{c, title = {Child}, crossref = {p}}\n",
            "b.bib": "@proceedings{p, title = {Proc}, year = 2019, publisher = {P}}\n",
        },
    )
    child = bib.by_key()["c"]
    assert (child.year, child.venue, child.publisher) == (2019, "Proc", "P")
    assert bib.problems == ()


def test_biblatex_types_all_render(tmp_path: Path) -> None:
    text = (
        "@online{o, title = {O}, url = {https://x.org}, date = {2020}}\n"
        "@dataset{d, title = {D}, date = {2021-03-04}, publisher = {Zenodo}}\n"
        "@software{s, title = {S}, year = 2022, version = {1.2}}\n"
        "@patent{p, title = {P}, year = 2019, number = {US123}}\n"
        "@thesis{t, title = {T}, type = {phdthesis}, institution = {MIT}, year = 2015}\n"
        "@report{r, title = {R}, type = {techreport}, institution = {MIT}, year = 2014}\n"
        "@mvbook{m, title = {M}, year = 2006}\n@periodical{q, title = {Q}, year = 2005}\n"
    )
    bib = load(tmp_path, text)
    assert set(bib.by_key()) == set("odsptrmq")
    assert bib.problems == ()
    assert bib.by_key()["t"].kind == "thesis"
    assert bib.by_key()["t"].venue == "MIT"
    data = json.loads(to_csl_json(bib.publications))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    rendered = CitationStylesBibliography(style, CiteProcJSON(data), formatter.plain)
    for pub in bib.publications:
        rendered.register(Citation([CitationItem(pub.key.lower())]))
    assert len(rendered.bibliography()) == len(bib.publications)


@pytest.mark.parametrize(
    ("fields", "date"),
    [
        ("date = {2020-05/2021-06}", (2020, 5, None)),
        ("date = {2020~}", (2020, None, None)),
        ("date = {2020-05-03T10:00:00}", (2020, 5, 3)),
        ("year = {2020/21}", (2020, None, None)),
        ("year = {2020--2021}", (2020, None, None)),
        ("year = {2020}, month = {may--jun}", (2020, 5, None)),
        ("year = {2020}, month = {Sept.}", (2020, 9, None)),
        ("year = 2020, month = jan # {--} # feb", (2020, 1, None)),
        ("year = {2020}, date = {2019-03-02}", (2019, 3, 2)),
    ],
)
def test_date_spellings(tmp_path: Path, fields: str, date: tuple[int, int | None, int | None]) -> None:
    bib = load(tmp_path, f"@misc{{k, title = {{T}}, {fields}}}\n")
    pub = bib.by_key()["k"]
    assert (pub.year, pub.month, pub.day) == date
    assert bib.problems == ()


@pytest.mark.parametrize("year", ["n.d.", "c. 2020", "MMXX"])
def test_year_words_are_named(tmp_path: Path, year: str) -> None:
    bib = load(tmp_path, f"@misc{{k, title = {{T}}, year = {{{year}}}}}\n")
    assert bib.by_key()["k"].year is None
    assert any("not a year" in m for m in messages(bib, "k"))


@pytest.mark.parametrize("year", ["in press", "forthcoming"])
def test_year_status_words_are_a_status(tmp_path: Path, year: str) -> None:
    """CVs write "in press" where the year will go: a status, shown, not a broken year."""
    bib = load(tmp_path, f"@misc{{k, title = {{T}}, year = {{{year}}}}}\n")
    assert (bib.by_key()["k"].year, bib.by_key()["k"].status) == (None, year)
    assert messages(bib, "k") == []


# -- what works: LaTeX in titles ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        (r"\emph{Deep} \textit{learning} \textbf{now}", "Deep learning now"),
        (r"A \& B", "A & B"),
        ("A---B--C", "A—B–C"),
        ("``quoted'' text", "“quoted” text"),
        (r"\ss\ \o\ \aa\ \i\ {\"\i}", "ß ø å ı ï"),
        (r"\c{c}a \v{s}e \'{\i}", "ça še í"),
        (r"Na\"{\i}ve \'{E}tude", "Naïve Étude"),
        (r"{\em emphasized} {\it text}", "emphasized text"),
        (r"\LaTeX{} and \TeX", "LaTeX and TeX"),
        (r"\texttt{code\_name} 100\% \#tag", "code_name 100% #tag"),
        (r"\{braces\}", "{braces}"),
        (r"Line\\break", "Line break"),
        (r"$\alpha$-stable", r"$\alpha$-stable"),
        (r"Runs in $\mathcal{O}(n^{2})$ time", r"Runs in $\mathcal{O}(n^{2})$ time"),
        (r"\protect\emph{x} y", "x y"),
        (r"{\bf Bold} \small x", "Bold x"),
    ],
)
def test_latex_in_titles(tmp_path: Path, title: str, shown: str) -> None:
    assert title_of(tmp_path, title) == shown


def test_math_title_without_mathjax_shows_unicode(tmp_path: Path) -> None:
    title = title_of(tmp_path, r"Runs in $\mathcal{O}(n^{2})$ time for $\alpha$")
    shown = str(rich_text(title, False))
    assert "$" not in shown and "\\" not in shown, shown
    assert "α" in shown


def test_regenerated_bibtex_reparses_for_syntax_corners(tmp_path: Path) -> None:
    """Each entry's BibTeX (shown and downloaded) re-parses to its key and keeps its text."""
    text = (
        '@article(p1, title = "a {"} b", year = 2020)\n'
        "@article{p2, title = {Open \\{ brace}, year = 2020}\n"
        "@article{p3, title = {Close \\} brace}, year = 2020}\n"
        '@string{j = "J. " # "Things"}\n@article{p4, title = {T}, journal = j # { and } # j, year = 2020}\n'
        "@article{p5, title = {50% off}, note = {100% sure}, year = 2020}\n"
        "@article{p6, title = {T}, year = 2020, month = sep}\n"
    )
    bib = load(tmp_path, text)
    assert len(bib.publications) == 6
    for pub in bib.publications:
        library = parse_string(pub.bibtex)
        assert [e.key for e in library.entries] == [pub.key], pub.bibtex
        assert not library.failed_blocks, pub.bibtex
    assert "J. Things and J. Things" in bib.by_key()["p4"].bibtex


# -- bugs ---------------------------------------------------------------------------------------------


def test_commented_out_field_line_is_not_used(tmp_path: Path) -> None:
    """`% doi = {...},` inside an entry is a comment (biber, and load.py's own comment handling):
    the field must not be used. Today the `%` is stripped from the name and the DOI is kept."""
    bib = load(tmp_path, "@article{k,\n  title = {Hello},\n  % doi = {10.1234/old},\n  year = 2020}\n")
    pub = bib.by_key()["k"]
    assert pub.doi is None
    assert not any(name == "doi" for name, _ in pub.fields), pub.fields
    assert "10.1234/old" not in pub.bibtex


def test_commented_out_title_does_not_win_over_the_real_one(tmp_path: Path) -> None:
    """A commented-out older title above the real one: today the comment wins ("first value used")."""
    bib = load(tmp_path, "@article{k,\n  % title = {Old title},\n  title = {New title},\n  year = 2020}\n")
    assert bib.by_key()["k"].title == "New title"
    assert not any("repeated" in m for m in messages(bib, "k")), bib.problems


@pytest.mark.parametrize("title", [r"\$x\$ literal", r"Costs \$5/\$10", r"Between \$1M--\$2M a year"])
def test_escaped_dollars_stay_literal_dollars(tmp_path: Path, title: str) -> None:
    r"""`\$` is a literal dollar sign, never math. Today the loader turns it into a bare `$`, so
    two of them read as a math segment: "\$x\$ literal" shows "x literal" (dollars lost) without
    MathJax and an arithmatex span with it; the paper page's h1 and citation_title lose them too."""
    pub = load(tmp_path, f"@misc{{k, title = {{{title}}}, year = 2020}}\n").by_key()["k"]
    expected = title.replace("\\$", "$").replace("--", "–")
    assert str(rich_text(pub.title, False)) == expected
    assert "arithmatex" not in str(rich_text(pub.title, True))
    assert plain_text(pub.title) == expected
    assert dict(citation_tags(pub, site_url="https://e.org/", page_url="publications/k/"))[
        "citation_title"
    ] == (expected)


MATH_FIELDS = (
    r"@article{k, title = {T}, author = {{$\alpha$ Collaboration} and Doe, J.}, "
    r"journal = {Journal of $L^p$ Spaces}, note = {Extends $k$-means}, award = {Best $\epsilon$ paper}, "
    r"publisher = {$\pi$ Press}, keywords = {$k$-means}, year = 2020}" + "\n"
)


def test_math_outside_title_and_abstract_is_not_shown_raw(tmp_path: Path) -> None:
    """Without MathJax a title's `$\\alpha$` shows as α; the venue, note, award, publisher,
    keywords and author names show the raw TeX (`$L^p$`, `$\\epsilon$`) in the list."""
    bib = load(tmp_path, MATH_FIELDS)
    html = PublicationRenderer(make_environment(), math=False).group(bib.publications, base="../")
    visible = html.split('<details class="scholar-toggle scholar-bibtex"', 1)[0]
    for raw in (r"$L^p$", r"$k$", r"$\epsilon$", r"$\alpha$", r"$\pi$"):
        assert raw not in visible, f"{raw} shown as raw LaTeX"


def test_math_outside_title_is_not_raw_in_meta_tags_and_json_ld(tmp_path: Path) -> None:
    """Google Scholar tags and JSON-LD are display text: `citation_journal_title` is "Journal of
    $L^p$ Spaces" today, `citation_author` "$\\alpha$ Collaboration"."""
    pub = load(tmp_path, MATH_FIELDS).by_key()["k"]
    tags = citation_tags(pub, site_url="https://e.org/", page_url="publications/k/")
    assert not [(n, v) for n, v in tags if "$" in v], tags
    ld = json.dumps(json_ld(pub, site_url="https://e.org/", page_url="publications/k/"), ensure_ascii=False)
    assert "$" not in ld, ld
    assert "$" not in head_tags(pub, site_url="https://e.org/", page_url="publications/k/")


@pytest.mark.parametrize("command", ["noindent", "xspace", "nobreak", "unskip", "ignorespaces", "null"])
def test_argumentless_layout_commands_do_not_show_their_name(tmp_path: Path, command: str) -> None:
    r"""`\noindent x` shows as "noindent x" today: the command's name becomes title text."""
    bib = load(tmp_path, f"@misc{{k, title = {{\\{command} Word}}, year = 2020}}\n")
    title = bib.by_key()["k"].title
    assert command not in title.lower() or any(command in m for m in messages(bib, "k")), title


def test_xdata_container_is_used_not_listed(tmp_path: Path) -> None:
    """biblatex `@xdata` holds fields for other entries (`xdata = {id}`) and is never printed.
    Today it is listed as a publication without a title (two problems, so `--strict` fails a valid
    file) and the entry using it does not get its fields."""
    bib = load(
        tmp_path,
        "@xdata{pubinfo, publisher = {XPub}, year = 2018}\n"
        "@book{b, title = {B}, author = {Doe, Jane}, xdata = {pubinfo}}\n",
    )
    assert "pubinfo" not in bib.by_key()
    book = bib.by_key()["b"]
    assert (book.year, book.publisher) == (2018, "XPub")
    assert bib.problems == ()


@pytest.mark.parametrize("author", ["Ludwig Van Beethoven", "L. Van Beethoven"])
def test_owner_highlighting_ignores_the_case_of_a_particle(tmp_path: Path, author: str) -> None:
    """README: highlight matching "ignores case". With `highlight_authors: [Ludwig van Beethoven]`,
    "Ludwig Van Beethoven" differs only in case, yet is not highlighted (BibTeX puts a capitalised
    "Van" in the given name, and the matcher only compares family names)."""
    options = BibOptions(highlight_authors=("Ludwig van Beethoven",))
    bib = load(tmp_path, f"@misc{{k, title = {{T}}, year = 2020, author = {{{author}}}}}\n", options)
    assert [a.highlight for a in bib.by_key()["k"].authors] == [True]
