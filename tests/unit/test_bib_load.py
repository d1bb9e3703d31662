"""Files -> one database: macros and crossrefs across files, errors as data (bibliography/load.py)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from mkdocs_scholar.bibliography import BibOptions, load_bibliography, parse_files
from mkdocs_scholar.bibliography.load import MAX_DEPTH, MAX_LENGTH, MAX_TOTAL, parse_value
from mkdocs_scholar.bibliography.model import Bibliography


def write(folder: Path, name: str, text: str | bytes) -> Path:
    """Write a .bib file into folder and return its path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, *files: tuple[str, str | bytes]) -> Bibliography:
    """Load the given (name, text) files from tmp_path/bib with problems shown relative to tmp_path."""
    paths = [write(tmp_path / "bib", name, text) for name, text in files]
    return load_bibliography(paths, BibOptions(), display_root=tmp_path)


def messages(bib: Bibliography) -> list[str]:
    """Every problem as the user sees it."""
    return [str(p) for p in bib.problems]


def test_macro_defined_in_a_later_file(tmp_path: Path) -> None:
    """@string macros work across files whatever the order."""
    bib = load(
        tmp_path,
        ("papers.bib", "@article{a,\n  title = {T},\n  journal = jacm,\n  year = 2001,\n  month = mar\n}\n"),
        ("strings.bib", '@string{jacm = "Journal of the " # ACM}\n@STRING{acm = "{ACM}"}\n'),
    )
    pub = bib.publications[0]
    assert pub.venue == "Journal of the ACM"
    assert dict(pub.fields)["journal"] == "Journal of the {ACM}"
    assert pub.month == 3
    assert bib.problems == ()


def test_crossref_target_in_another_file(tmp_path: Path) -> None:
    """A child gets booktitle (from the parent's title), year, publisher and editor from its crossref."""
    bib = load(
        tmp_path,
        (
            "a.bib",
            "@inproceedings{child,\n  title = {Child},\n  author = {A. Author},\n  crossref = {parent}\n}\n",
        ),
        (
            "b.bib",
            "@proceedings{parent,\n  title = {Proceedings of X},\n  year = 2019,\n  publisher = {ACM},\n"
            "  editor = {E. Editor},\n  doi = {10.1000/parent}\n}\n",
        ),
    )
    child = bib.by_key()["child"]
    assert child.venue == "Proceedings of X"
    assert child.year == 2019
    assert child.publisher == "ACM"
    assert [e.display for e in child.editors] == ["E. Editor"]
    assert child.doi is None  # the parent's own DOI is not the child's
    assert "crossref" not in child.bibtex
    assert "booktitle = {Proceedings of X}" in child.bibtex
    assert bib.problems == ()


def test_crossref_chain(tmp_path: Path) -> None:
    """Crossrefs are followed through several levels."""
    bib = load(
        tmp_path,
        (
            "a.bib",
            "@inbook{c, title={C}, crossref={b}}\n@book{b, title={B}, crossref={a}}\n"
            "@mvbook{a, title={A}, year={1999}, publisher={P}}\n",
        ),
    )
    assert bib.by_key()["c"].year == 1999
    assert bib.by_key()["c"].publisher == "P"


def test_crossref_cycle(tmp_path: Path) -> None:
    """A crossref cycle is a problem naming the key and file; both entries are still shown."""
    bib = load(
        tmp_path,
        ("x.bib", "@misc{circ1, title={One}, year=2000, crossref={circ2}}\n"),
        ("y.bib", "@misc{circ2, title={Two}, year=2000, crossref={circ1}}\n"),
    )
    assert len(bib.publications) == 2
    cycle = [p for p in bib.problems if "cycle" in p.message]
    assert len(cycle) == 1
    assert cycle[0].key in ("circ1", "circ2")
    assert cycle[0].file in ("bib/x.bib", "bib/y.bib")
    assert "circ1" in cycle[0].message and "circ2" in cycle[0].message


def test_unknown_crossref_target(tmp_path: Path) -> None:
    """A crossref to a missing key is a problem with key, file and line."""
    bib = load(tmp_path, ("a.bib", "\n\n@misc{k, title={T}, year=2000, crossref={nowhere}}\n"))
    assert messages(bib) == ["bib/a.bib:3: [k] crossref target 'nowhere' not found"]


def test_duplicate_key_across_files(tmp_path: Path) -> None:
    """The first of two entries with one key wins; the warning names both places."""
    bib = load(
        tmp_path,
        ("a.bib", "@misc{same, title={First}, year=2000}\n"),
        ("b.bib", "\n@misc{same, title={Second}, year=2001}\n"),
    )
    assert [p.title for p in bib.publications] == ["First"]
    (problem,) = bib.problems
    assert problem.level == "warning"
    assert (problem.file, problem.line, problem.key) == ("bib/b.bib", 2, "same")
    assert "bib/a.bib:1" in problem.message and "bib/b.bib:2" in problem.message


def test_duplicate_key_in_one_file(tmp_path: Path) -> None:
    """Duplicates inside one file are reported the same way, never renamed."""
    bib = load(tmp_path, ("a.bib", "@misc{k, title={A}, year=1}\n@misc{k, title={B}, year=2}\n"))
    assert [p.key for p in bib.publications] == ["k"]
    assert [p.title for p in bib.publications] == ["A"]
    assert "duplicate key" in bib.problems[0].message


def test_month_macros_and_concatenation(tmp_path: Path) -> None:
    """jan..dec are predefined; `#` joins macros, quoted and braced parts."""
    bib = load(
        tmp_path,
        (
            "a.bib",
            '@string{me = "Ann"}\n@misc{k, title = me # " and " # {B}, year = 1999, month = dec # "~24"}\n',
        ),
    )
    pub = bib.publications[0]
    assert pub.title == "Ann and B"
    assert pub.month == 12
    assert dict(pub.fields)["month"] == "December~24"


def test_macro_names_are_case_insensitive_and_nested(tmp_path: Path) -> None:
    """@string values may use earlier or later macros, in any letter case (bibtexparser-v1__features2.bib)."""
    bib = load(
        tmp_path,
        ("a.bib", '@string{FULL = Part # "2"}\n@string{part = "x"}\n@misc{k, title = full, year=1}\n'),
    )
    assert bib.publications[0].title == "x2"


def test_undefined_macro_is_a_warning(tmp_path: Path) -> None:
    """An undefined macro is named in a warning and shown as its name."""
    bib = load(tmp_path, ("a.bib", '@string{foo = "bar"}\n@a{b,\n  title = "Foo" # foo # bar\n}\n'))
    assert bib.publications[0].title == "Foobarbar"
    assert "bib/a.bib:2: [b] undefined macro 'bar' (in title)" in messages(bib)


def test_undefined_macro_inside_a_string_is_reported_for_every_user(tmp_path: Path) -> None:
    """Each entry using a @string built from an undefined macro gets the warning."""
    bib = load(
        tmp_path, ("a.bib", "@string{j = nope # {x}}\n@misc{a, title=j, year=1}\n@misc{b, title=j, year=1}\n")
    )
    assert [p.key for p in bib.problems] == ["a", "b"]
    assert all("'nope'" in p.message for p in bib.problems)


def test_preamble_and_comment_are_ignored(tmp_path: Path) -> None:
    """@preamble and @comment blocks give neither entries nor problems."""
    bib = load(
        tmp_path,
        (
            "a.bib",
            '@preamble{"\\newcommand{\\noopsort}[1]{}"}\n@comment{jabref-meta: x;}\n@misc{k, title={T}, year=1}\n',
        ),
    )
    assert [p.key for p in bib.publications] == ["k"]
    assert bib.problems == ()


def test_latin1_file_is_read_with_a_warning(tmp_path: Path) -> None:
    """A file that is not UTF-8 is decoded anyway, with a warning naming file and line."""
    data = "@misc{k,\n  title = {Caf\u00e9},\n  year = 2000\n}\n".encode("latin-1")
    bib = load(tmp_path, ("latin.bib", data))
    assert bib.publications[0].title == "Café"
    (problem,) = bib.problems
    assert (problem.file, problem.line, problem.level) == ("bib/latin.bib", 2, "warning")
    assert "UTF-8" in problem.message


def test_utf8_bom_is_skipped(tmp_path: Path) -> None:
    """A byte-order mark before the first entry does not matter."""
    bib = load(tmp_path, ("bom.bib", b"\xef\xbb\xbf@misc{k, title={T}, year=1}\n"))
    assert [p.key for p in bib.publications] == ["k"]
    assert bib.problems == ()


def test_lines_are_one_based(tmp_path: Path) -> None:
    """source_line is the 1-based line of the `@`, also after CRLF line ends."""
    bib = load(
        tmp_path,
        ("a.bib", "% header\r\n\r\n@misc{k,\r\n title={T}, year=1}\r\n\r\n@misc{m, title={U}, year=2}\r\n"),
    )
    lines = {p.key: (p.source_file, p.source_line) for p in bib.publications}
    assert lines == {"k": ("bib/a.bib", 3), "m": ("bib/a.bib", 6)}


def test_syntax_error_is_an_error_and_the_rest_loads(tmp_path: Path) -> None:
    """A broken entry is an error with file, line and key; the entries around it still load."""
    text = (
        "@misc{good1, title={A}, year=1}\n\n@misc{bad\n  title = {A}\n}\n\n@misc{good2, title={B}, year=2}\n"
    )
    bib = load(tmp_path, ("a.bib", text))
    assert sorted(p.key for p in bib.publications) == ["good1", "good2"]
    errors = [p for p in bib.problems if p.level == "error"]
    assert len(errors) == 1
    assert (errors[0].file, errors[0].line, errors[0].key) == ("bib/a.bib", 3, "bad")
    assert str(errors[0]).startswith("bib/a.bib:3: [bad] syntax error")


def test_missing_comma_between_fields_is_an_error(tmp_path: Path) -> None:
    """Two fields run together (a missing comma) make the entry an error; it is skipped."""
    bib = load(
        tmp_path, ("a.bib", "@misc{bad,\n  title = {A} {B}\n  year = 2\n}\n@misc{ok, title={T}, year=1}\n")
    )
    assert [p.key for p in bib.publications] == ["ok"]
    assert [(p.line, p.key, p.level) for p in bib.problems] == [(1, "bad", "error")]
    assert "missing '#'" in bib.problems[0].message


def test_entry_without_key_is_an_error(tmp_path: Path) -> None:
    """An entry with an empty key cannot be cited: it is skipped with an error."""
    bib = load(tmp_path, ("a.bib", "@misc{,\n  title = {T}\n}\n"))
    assert bib.publications == ()
    assert [(p.line, p.level) for p in bib.problems] == [(1, "error")]


def test_repeated_field_uses_the_first_value(tmp_path: Path) -> None:
    """A field given twice keeps its first value, with a warning (ernst.bib has three such entries)."""
    bib = load(tmp_path, ("a.bib", "@misc{k, title={First}, Title={Second}, year=1}\n"))
    assert bib.publications[0].title == "First"
    assert "field repeated" in bib.problems[0].message


def test_percent_comments_inside_entries(tmp_path: Path) -> None:
    """% comments inside an entry (typst-biblatex__comments.bib style) are skipped."""
    bib = load(
        tmp_path, ("a.bib", "@misc{k,\n  % a comment\n  title = {T}, % trailing\n  year = 2001 % end\n}\n")
    )
    pub = bib.publications[0]
    assert (pub.title, pub.year) == ("T", 2001)
    assert bib.problems == ()


def test_stray_broken_text_is_reported(tmp_path: Path) -> None:
    """Text outside entries with unbalanced braces is reported (jabref__bibWithMixedContent.bib)."""
    bib = load(tmp_path, ("a.bib", "@misc{k, title={T}, year=1}\n\nsdjfdsbhfuwefwiuqhfer}}}\n"))
    assert [(p.line, p.level) for p in bib.problems] == [(3, "warning")]


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    """A file that cannot be read is an error, not an exception."""
    bib = load_bibliography([tmp_path / "nope.bib"], BibOptions(), display_root=tmp_path)
    assert bib.publications == ()
    assert [(p.file, p.level) for p in bib.problems] == [("nope.bib", "error")]


def test_display_root_outside_keeps_the_path(tmp_path: Path) -> None:
    """Files outside display_root are shown as given."""
    path = write(tmp_path, "a.bib", "@misc{k, title={T}, year=1}\n")
    bib = load_bibliography([path], display_root=tmp_path / "elsewhere")
    assert bib.publications[0].source_file == path.as_posix()


@pytest.mark.parametrize(
    ("value", "pieces", "error"),
    [
        ("{a}", [(False, "a")], None),
        ('"a"', [(False, "a")], None),
        ("2001", [(False, "2001")], None),
        ("jan", [(True, "jan")], None),
        ("JAN", [(True, "JAN")], None),
        ('Mar # "~28--30,"', [(True, "Mar"), (False, "~28--30,")], None),
        (
            "Abramson_D #and# {Amoorthy, M.}",
            [(True, "Abramson_D"), (True, "and"), (False, "Amoorthy, M.")],
            None,
        ),
        ("{a {b} c}", [(False, "a {b} c")], None),
        ("{n-{{ZnO}}/{{NiO}} {x}}", [(False, "n-{{ZnO}}/{{NiO}} {x}")], None),  # bbt 1436-3 titles
        ("{a} {b}", [(False, "a"), (False, "b")], "missing '#'"),
        ("{a} # {b}", [(False, "a"), (False, "b")], None),
        ("{a \\} b}", [(False, "a \\} b")], None),  # an escaped brace does not count
        ("{a {b}\\}", [(False, "a {b}\\}")], "unclosed '{'"),  # the last brace is escaped
        ('"a {"} b"', [(False, 'a {"} b')], None),
        ("{intro} # {outro}", [(False, "intro"), (False, "outro")], None),
        ('"long" = "short"', [(False, "long"), (False, "short")], "missing '#'"),
        ("{open", [(False, "open")], "unclosed '{'"),
        ("a # # b", [(True, "a"), (True, "b")], "'#' without"),
        ('"x" #', [(False, "x")], "'#' without a value after it"),
        ("{x} # % a comment\n", [(False, "x")], "'#' without a value after it"),
        ("# {x}", [(False, "x")], "'#' without a value before it"),
        ("", [], None),
    ],
)
def test_parse_value(value: str, pieces: list[tuple[bool, str]], error: str | None) -> None:
    """Values split into literals and macro names; malformed ones say why."""
    got, got_error = parse_value(value)
    assert got == pieces
    if error is None:
        assert got_error is None
    else:
        assert got_error is not None and error in got_error


# -- hostile input ----------------------------------------------------------------------------

HOSTILE: list[tuple[str, str | bytes]] = [
    ("script-title", "@misc{x, title={<script>alert(1)</script>}, year=2000}\n"),
    ("javascript-url", "@misc{x, title={T}, url={javascript:alert(1)}, year=2000}\n"),
    ("nested-braces", "@misc{x, title={" + "{" * 5000 + "deep" + "}" * 5000 + "}, year=2000}\n"),
    ("nested-pylatexenc", "@misc{x, title={\\textvisiblespace" + "{" * 3000 + "x" + "}" * 3000 + "}}\n"),
    ("unterminated", "@misc{ok, title={T}, year=1}\n@article{x,\n  title = {never closed\n"),
    ("empty", ""),
    ("whitespace", "\n\n   \n"),
    ("binary", bytes(range(256)) * 8),
    ("nul-in-entry", "@misc{x, title={a\x00b}, year=2000}\n"),
    ("key-with-quotes", '@misc{"quoted key", title={T}, year=2000}\n'),
    ("key-with-spaces", "@misc{my key here, title={T}, year=2000}\n"),
    ("at-signs", "@@@@{{{{,,,,}}}}\n@\n@misc\n@misc{\n"),
    ("many-ands", "@misc{x, author={" + " and ".join(["A B"] * 3000) + "}, title={T}, year=1}\n"),
    (
        "deep-macro-chain",
        "".join(f"@string{{m{i} = m{i + 1}}}\n" for i in range(5000)) + "@misc{x, title = m0}\n",
    ),
    ("crossref-self", "@misc{x, title={T}, year=1, crossref={x}}\n"),
    ("macro-loop", "@string{a = b}\n@string{b = a}\n@misc{x, title = a, year=1}\n"),
    (
        "long-crossref-chain",
        "".join(f"@misc{{k{i}, title={{T}}, crossref={{k{i + 1}}}}}\n" for i in range(3000)),
    ),
    ("backslash-end", "@misc{x, title={ends with \\\\}, year=1}\n"),
    (
        "html-everywhere",
        '@misc{x, title={<b onmouseover="x">T</b>}, pdf={<a href="javascript:x">p</a>}, year=1}\n',
    ),
]


@pytest.mark.parametrize(("name", "text"), HOSTILE, ids=[name for name, _ in HOSTILE])
def test_hostile_input_never_raises(tmp_path: Path, name: str, text: str | bytes) -> None:
    """Hostile or broken files give publications and problems, never an exception."""
    bib = load(tmp_path, (f"{name}.bib", text))
    for pub in bib.publications:
        for link in pub.links:
            assert link.url.startswith(("https://", "http://")) or ":" not in link.url.split("/")[0]
    for problem in bib.problems:
        assert problem.file == f"bib/{name}.bib"


def test_hostile_values_are_kept_as_text(tmp_path: Path) -> None:
    """A <script> title stays text (templates escape it); a javascript: url is refused with a warning."""
    bib = load(
        tmp_path,
        ("a.bib", "@misc{x, title={<script>alert(1)</script>}, url={ JaVaScRiPt:alert(1)}, year=2000}\n"),
    )
    pub = bib.publications[0]
    assert pub.title == "<script>alert(1)</script>"
    assert pub.links == ()
    assert any("javascript" in m for m in messages(bib))


def test_parse_files_keeps_order(tmp_path: Path) -> None:
    """parse_files numbers entries in file order across files."""
    a = write(tmp_path, "a.bib", "@misc{a1, title={T}}\n@misc{a2, title={T}}\n")
    b = write(tmp_path, "b.bib", "@misc{b1, title={T}}\n")
    db = parse_files([a, b])
    assert [(e.key, e.order) for e in db.entries] == [("a1", 0), ("a2", 1), ("b1", 2)]


# -- encodings --------------------------------------------------------------------------------

CAFE = "@misc{k1, title={Café}, year=1}\n@misc{k2,\n  title={Two}, year=2}\n"


@pytest.mark.parametrize(
    ("data", "problem", "line"),
    [
        (CAFE.encode(), None, None),
        (codecs.BOM_UTF8 + CAFE.encode(), None, None),
        (codecs.BOM_UTF16_LE + CAFE.encode("utf-16-le"), None, None),
        (codecs.BOM_UTF16_BE + CAFE.encode("utf-16-be"), None, None),
        # UTF-32's mark begins with UTF-16's: it must be checked first.
        (codecs.BOM_UTF32_LE + CAFE.encode("utf-32-le"), None, None),
        (codecs.BOM_UTF32_BE + CAFE.encode("utf-32-be"), None, None),
        (CAFE.encode("utf-16-le"), "looks like UTF-16-LE", None),
        (CAFE.encode("utf-16-be"), "looks like UTF-16-BE", None),
        (CAFE.encode("utf-32-le"), "looks like UTF-32-LE", None),
        (CAFE.encode("utf-32-be"), "looks like UTF-32-BE", None),
        (CAFE.encode("cp1252"), "first bad byte on line 1", 1),
        (CAFE.encode().replace(b"Two", b"Tw\xff"), "first bad byte on line 3", 3),
        (CAFE.replace("\n", "\r").encode().replace(b"Two", b"Tw\xff"), "first bad byte on line 3", 3),
    ],
    ids=[
        "utf-8", "utf-8 bom", "utf-16-le bom", "utf-16-be bom", "utf-32-le bom", "utf-32-be bom",
        "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp1252", "one stray byte", "stray byte, cr",
    ],
)  # fmt: skip
def test_encodings(tmp_path: Path, data: bytes, problem: str | None, line: int | None) -> None:
    """Files in any Unicode form load whole; guesses and bad bytes are warnings naming the file."""
    bib = load(tmp_path, ("a.bib", data))
    assert bib.by_key()["k1"].title == "Café"
    assert bib.by_key()["k2"].source_line == 2
    if problem is None:
        assert bib.problems == ()
    else:
        (got,) = bib.problems
        assert (got.file, got.line, got.level) == ("bib/a.bib", line, "warning")
        assert problem in got.message


def test_stray_byte_is_read_alone(tmp_path: Path) -> None:
    """Only the bytes that are not UTF-8 are read as Windows-1252: the rest keeps its accents."""
    bib = load(
        tmp_path,
        (
            "a.bib",
            "@misc{k, title={Café \u2013 Ünïcode}, note={x \x80 y}}\n".encode().replace(b"\xc2\x80", b"\x80"),
        ),
    )
    pub = bib.by_key()["k"]
    assert (pub.title, dict(pub.fields)["note"]) == ("Café \u2013 Ünïcode", "x \u20ac y")


def test_bad_utf16_is_replaced_with_a_warning(tmp_path: Path) -> None:
    """A lone surrogate in UTF-16 becomes U+FFFD; the line of the first one is given."""
    data = codecs.BOM_UTF16_LE + "@misc{a, year=1, title={x}}\n@misc{b, year=1, title={".encode("utf-16-le")
    data += b"\x00\xd8" + "}}\n".encode("utf-16-le")
    bib = load(tmp_path, ("a.bib", data))
    assert bib.by_key()["b"].title == "\ufffd"
    assert [(p.line, p.level) for p in bib.problems] == [(2, "warning")]


# -- macros that cannot be expanded -----------------------------------------------------------


@pytest.mark.parametrize(
    ("strings", "title", "message"),
    [
        ("", "nope", "undefined macro 'nope' (in title)"),
        ("@string{a = a}", "a", "refers to itself, so it is left unexpanded: 'a' (in title)"),
        ("@string{A = {x} # a}", "a", "refers to itself, so it is left unexpanded: 'a' (in title)"),
        (
            '@string{a = b # "x"}\n@string{b = a # "y"}',
            "a",
            "in a cycle, so they are left unexpanded: a -> b -> a (in title)",
        ),
        (
            "@string{a = b}\n@string{b = c}\n@string{c = a}",
            "a",
            "in a cycle, so they are left unexpanded: a -> b -> c -> a (in title)",
        ),
        (
            "".join(f"@string{{m{i} = m{i + 1}}}\n" for i in range(1000)),
            "m0",
            f"nest more than {MAX_DEPTH} deep, so they are left unexpanded from 'm{MAX_DEPTH}' (in title) on",
        ),
        (
            "".join(f"@string{{m{i} = m{i + 1} # m{i + 1}}}\n" for i in range(40)) + '@string{m40 = "ab"}',
            "m0",
            f"would expand to {MAX_LENGTH:,} characters or more, so they are left unexpanded: 'm21' (in title)",
        ),
        (
            '@string{half = "' + "x" * (MAX_LENGTH // 2) + '"}',
            "half # half",
            "would expand to 1,000,000 characters or more, so they are left unexpanded: the value of title",
        ),
    ],
    ids=["undefined", "self", "self via pieces", "cycle", "long cycle", "deep chain", "bomb", "long field"],
)
def test_macro_issues_say_what_is_wrong(tmp_path: Path, strings: str, title: str, message: str) -> None:
    """A macro that cannot be expanded is a warning on the entry saying why, naming the macro."""
    bib = load(tmp_path, ("a.bib", f"{strings}\n@misc{{k, title = {title}, year = 1}}\n"))
    problems = [p for p in bib.problems if p.key == "k"]
    assert [(p.file, p.level) for p in problems] == [("bib/a.bib", "warning")]
    assert message in problems[0].message
    assert len(bib.by_key()["k"].title) < MAX_LENGTH


def test_expansion_budget_for_all_files(tmp_path: Path) -> None:
    """Many values just under the cap stop expanding once MAX_TOTAL characters are built."""
    n = MAX_TOTAL // (MAX_LENGTH - 10) + 5
    strings = '@string{big = "' + "x" * (MAX_LENGTH - 10) + '"}\n'
    strings += "".join(f'@string{{x{i} = big # "{i}"}}\n' for i in range(n))
    entries = "".join(f"@misc{{k{i}, title = x{i}}}\n" for i in range(n))
    bib = load(tmp_path, ("a.bib", strings + entries))
    assert sum(len(p.title) for p in bib.publications) <= MAX_TOTAL
    assert any(f"over {MAX_TOTAL:,} characters in all files" in p.message for p in bib.problems)
    assert {p.key for p in bib.problems} >= {f"k{n - 1}"}


def test_issues_in_a_doubling_chain_are_not_repeated(tmp_path: Path) -> None:
    """An undefined macro under 30 doubling levels is named once, quickly (not 2^30 times)."""
    strings = "".join(f"@string{{m{i} = m{i + 1} # m{i + 1}}}\n" for i in range(30))
    bib = load(tmp_path, ("a.bib", strings + "@misc{k, title = m0, year = 1}\n"))
    undefined, too_long = bib.problems
    assert undefined.message == "undefined macro 'm30' (in title)"
    assert "'m11' (in title)" in too_long.message


def test_control_characters_are_left_out_with_a_warning(tmp_path: Path) -> None:
    """NUL, ESC, DEL in a key or value: left out everywhere (display, links, BibTeX), entry named."""
    bib = load(
        tmp_path,
        ("a.bib", "@misc{a\x00b, title = {T\x1bi\x7ftle}, url = {https://ex\x01ample.org/}, year = 2020}\n"),
    )
    pub = bib.by_key()["ab"]
    assert pub.title == "Title"
    assert [link.url for link in pub.links] == ["https://example.org/"]
    assert "\x00" not in pub.bibtex and "\x1b" not in pub.bibtex
    messages = [(p.key, p.line, p.message) for p in bib.problems]
    assert ("ab", 1, "key 'a\\x00b' holds control characters; it is used without them") in messages
    assert ("ab", 1, "control characters left out of the value of title, the value of url") in messages


# -- % comment lines inside entries (biber: `%` outside a value comments out the rest of the line)

COMMENTED = "@misc{k,\n  title = {T},\n{comment}\n  year = 2001}\n@misc{m, title = {M}, year = 2002}\n"


@pytest.mark.parametrize(
    "comment",
    [
        "  % doi = {10.1234/old},",  # the splitter makes it the field "% doi"
        "  % doi = {10.1234/old}",  # no comma: the splitter glues the next field into its value
        "  % doi = {10.1234/old}, with a comma",  # a comma the splitter cannot place: failed block
        "  % an old note } with a closing brace",  # would close the entry early
        "  % an old note { with an opening brace",  # would swallow the next entry
        "% title = {Old title},",  # a commented-out older value does not win
        "  %doi = {x}, % twice",
    ],
)
def test_commented_out_field_lines_are_ignored(tmp_path: Path, comment: str) -> None:
    bib = load(tmp_path, ("a.bib", COMMENTED.replace("{comment}", comment)))
    assert bib.problems == ()
    k = bib.by_key()["k"]
    assert dict(k.fields) == {"title": "T", "year": "2001"}
    assert (k.title, k.year, k.source_line) == ("T", 2001, 1)
    assert (bib.by_key()["m"].title, bib.by_key()["m"].source_line) == ("M", 5)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (r"title = {50\% off}", r"50\% off"),
        ("url = {http://x/%20y}", "http://x/%20y"),
        ("note = {a\n% not a comment inside braces\nb}", "a % not a comment inside braces b"),
        ('note = "a\n% not a comment inside quotes\nb"', "a % not a comment inside quotes b"),
    ],
)
def test_percent_inside_values_is_text(tmp_path: Path, field: str, value: str) -> None:
    bib = load(tmp_path, ("a.bib", f"@misc{{k,\n  {field},\n  % doi = {{x}},\n  year = 2001}}\n"))
    name = field.split(" ", 1)[0]
    assert dict(bib.publications[0].fields) == {name: value, "year": "2001"}
    assert not [p for p in bib.problems if p.message != "missing title"]


# -- biblatex containers: @xdata (fields for other entries) and @set (entry sets)


@pytest.mark.parametrize(
    ("text", "expected", "problems"),
    [
        (  # the container's fields are copied; the entry's own win; `xdata` itself is dropped
            "@xdata{x, publisher = {XPub}, year = 2018}\n@book{b, title = {B}, year = 2020, xdata = {x}}\n",
            {"title": "B", "year": "2020", "publisher": "XPub"},
            [],
        ),
        (  # several containers, the first named wins; containers may use containers
            "@xdata{a, publisher = {A}, xdata = {c}}\n@xdata{b, publisher = {B}, note = {NB}}\n"
            "@xdata{c, series = {S}, publisher = {C}}\n@book{k, title = {K}, year = 1, xdata = { a , b }}\n",
            {"title": "K", "year": "1", "publisher": "A", "series": "S", "note": "NB"},
            [],
        ),
        (  # `ids` names the container, not the entry
            "@xdata{x, ids = {y}, note = {N}}\n@misc{k, title = {K}, year = 1, xdata = {X}}\n",
            {"title": "K", "year": "1", "note": "N"},
            [],
        ),
        (
            "@misc{k, title = {K}, year = 1, xdata = {nope}}\n",
            {"title": "K", "year": "1"},
            ["bib/a.bib:1: [k] xdata entry 'nope' not found; the fields are not used"],
        ),
        (
            "@misc{k, title = {K}, year = 1, xdata = {m}}\n@misc{m, title = {M}, year = 2}\n",
            {"title": "K", "year": "1"},
            ["bib/a.bib:1: [k] xdata entry 'm' is a @misc, not an @xdata entry; the fields are not used"],
        ),
        (
            "@xdata{x, xdata = {y}, note = {X}}\n@xdata{y, xdata = {x}, series = {Y}}\n"
            "@misc{k, title = {K}, year = 1, xdata = {x}}\n",
            {"title": "K", "year": "1", "note": "X", "series": "Y"},
            ["bib/a.bib:2: [y] xdata cycle (x -> y -> x); the loop is not followed"],
        ),
    ],
)
def test_xdata(tmp_path: Path, text: str, expected: dict[str, str], problems: list[str]) -> None:
    bib = load(tmp_path, ("a.bib", text))
    assert messages(bib) == problems
    k = next(p for p in bib.publications if p.key in ("b", "k"))
    assert dict(k.fields) == expected
    assert not [p for p in bib.publications if p.entry_type == "xdata"]


def test_xdata_key_counts_for_duplicates_and_crossref_is_unchanged(tmp_path: Path) -> None:
    bib = load(
        tmp_path,
        (
            "a.bib",
            "@xdata{d, note = {N}}\n@misc{d, title = {D}, year = 1}\n"
            "@proceedings{p, title = {Proc}, year = 2000, xdata = {pub}}\n@xdata{pub, publisher = {P}}\n"
            "@inproceedings{c, title = {C}, crossref = {p}}\n",
        ),
    )
    assert [p.key for p in bib.publications] == ["p", "c"]
    assert "duplicate key 'd'" in messages(bib)[0] and len(bib.problems) == 1
    c = bib.by_key()["c"]
    assert (c.year, c.publisher, dict(c.fields)["booktitle"]) == (2000, "P", "Proc")


def test_set_is_not_listed(tmp_path: Path) -> None:
    """An entry set groups entries cited together: its members are listed, the set is not (info)."""
    bib = load(
        tmp_path,
        (
            "a.bib",
            "@set{s, entryset = {a, b}}\n@misc{a, title = {A}, year = 1}\n@misc{b, title = {B}, year = 1}\n",
        ),
    )
    assert sorted(bib.by_key()) == ["a", "b"]
    assert [(p.key, p.level, p.line) for p in bib.problems] == [("s", "info", 1)]
    assert "the set of a, b" in bib.problems[0].message
