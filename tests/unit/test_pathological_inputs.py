"""Hostile shapes that make a regex backtrack or a loop rescan: every stage stays linear.

No test asserts on time (machines are noisy). Each input is big enough that a super-linear
implementation (catastrophic backtracking, a rescan per position, quadratic string building)
takes minutes, while a linear one finishes in well under a second; `timeout` is the hang guard.
Tests named `test_problem_*` exercise a shape that was super-linear when the audit found it
(each timed out before its fix: nested or adjacent quantifiers, scans to the end of the value,
a rescan per opener, YAML aliases); `test_fine_*` pin shapes that were checked and are linear.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_scholar.bibliography import load_bibliography
from mkdocs_scholar.bibliography.csl import to_csl_json
from mkdocs_scholar.bibliography.latex import split_math, to_text
from mkdocs_scholar.bibliography.model import Bibliography, Publication
from mkdocs_scholar.bibliography.names import parse_names
from mkdocs_scholar.bibliography.options import BibOptions
from mkdocs_scholar.bibliography.plaintext import math_segments
from mkdocs_scholar.blocks import Block, find_blocks, parse_options
from mkdocs_scholar.config import PUBLICATIONS_BLOCK, validate_block
from mkdocs_scholar.render.env import make_environment
from mkdocs_scholar.render.meta import head_tags
from mkdocs_scholar.render.publications import PublicationRenderer, clear_view_cache

GUARD = pytest.mark.timeout(60)
EM_SPACE = "\u2003"
"""Unicode whitespace: `\\s` matches it, but the loader's whitespace collapsing ([ \\t\\n]) keeps it."""


def load(tmp_path: Path, text: str) -> Bibliography:
    path = tmp_path / "hostile.bib"
    path.write_text(text, encoding="utf-8")
    return load_bibliography([path], BibOptions())


def entry(**fields: str) -> str:
    body = ", ".join(f"{name} = {{{value}}}" for name, value in fields.items())
    return "@article{k, " + body + "}\n"


def only(bib: Bibliography) -> Publication:
    assert [p.key for p in bib.publications] == ["k"], [p.message for p in bib.problems]
    return bib.publications[0]


def render_everything(pub: Publication) -> None:
    """Entry HTML, paper page, meta tags and CSL-JSON: each runs regexes of its own."""
    clear_view_cache()
    renderer = PublicationRenderer(make_environment(), math=False)
    renderer.entry(pub, base="")
    renderer.paper_page(pub, base="../../", news=[])
    head_tags(pub, site_url="https://example.org/", page_url="publications/k/")
    to_csl_json([pub])


# -- problems: super-linear today -------------------------------------------------------------------


@GUARD
def test_problem_unclosed_dollar_before_carets_in_title_renders_in_linear_time(tmp_path: Path) -> None:
    """plaintext._MATH's "spaced" branch: `X*? (?:\\\\[A-Za-z]+|[\\^_]) X*? \\$` tries every split of
    a `$` followed by "^^^..." with no closing `$` (quadratic; 8,000 carets took 7 s to render)."""
    pub = only(load(tmp_path, entry(title="$" + "^" * 100_000, year="2020")))
    render_everything(pub)


@GUARD
def test_problem_unclosed_dollar_before_a_long_command_name_in_title_renders_in_linear_time(
    tmp_path: Path,
) -> None:
    """The same branch with `\\\\[A-Za-z]+` as the middle: "$\\aaaa..." (via \\textbackslash)."""
    title = "$\\textbackslash{}" + "a" * 100_000
    pub = only(load(tmp_path, entry(title=title, year="2020")))
    assert pub.title.startswith("$\\aaa")
    render_everything(pub)


@GUARD
def test_problem_optional_argument_brackets_in_title_load_in_linear_time(tmp_path: Path) -> None:
    """latex._DROP_WITH_ARG: `\\[[^\\]]*\\]` of every `\\cite[` scans to the end of the value."""
    only(load(tmp_path, entry(title="\\cite[" * 250_000, year="2020")))


@GUARD
def test_problem_unicode_spaces_after_a_dropped_command_load_in_linear_time(tmp_path: Path) -> None:
    """latex._DROP_WITH_ARG: `\\s*(?:\\[...\\])?\\s*\\{` - two adjacent `\\s*` split a run n ways."""
    only(load(tmp_path, entry(title="\\href" + EM_SPACE * 200_000 + "x", year="2020")))


@GUARD
def test_problem_many_unclosed_anchor_tags_in_url_load_in_linear_time(tmp_path: Path) -> None:
    """links._HREF: `<a\\s[^>]*?href` - every `<a ` scans to the end when no `>` follows."""
    load(tmp_path, entry(title="T", year="2020", url="<a " * 60_000))


@GUARD
def test_problem_many_unclosed_tags_in_url_load_in_linear_time(tmp_path: Path) -> None:
    """links._TAG: `</?(?:a|b|...)\\b[^>]*>` - every `<b ` scans to the end when no `>` follows."""
    load(tmp_path, entry(title="T", year="2020", url="<b " * 300_000))


@GUARD
def test_problem_unclosed_tags_in_howpublished_address_load_in_linear_time(tmp_path: Path) -> None:
    """The same scan through `howpublished` (an address there goes through `clean_target` too)."""
    load(tmp_path, entry(title="T", year="2020", howpublished="\\url{http://x/" + "<a " * 60_000 + "}"))


@GUARD
def test_problem_unicode_spaces_after_arxiv_in_journal_load_in_linear_time(tmp_path: Path) -> None:
    """links._ARXIV_IN_TEXT: `\\s*(?::|\\s)\\s*` splits a whitespace run after "arxiv" n² ways."""
    only(load(tmp_path, entry(title="T", year="2020", journal="arxiv" + EM_SPACE * 50_000 + "x")))


@GUARD
def test_problem_unicode_spaces_in_keywords_load_in_linear_time(tmp_path: Path) -> None:
    """normalize._KEYWORD_SPLIT: `\\s*[,;]\\s*` restarts at each space of a run with no comma."""
    pub = only(load(tmp_path, entry(title="T", year="2020", keywords="a" + EM_SPACE * 150_000 + "b")))
    assert len(pub.keywords) == 1


@GUARD
def test_problem_unicode_spaces_in_pages_render_in_linear_time(tmp_path: Path) -> None:
    """render.text._PAGE_DASH (meta tags) and csl._page: `\\s*(?:--|...)\\s*` on a run without a dash."""
    pub = only(load(tmp_path, entry(title="T", year="2020", pages="1" + EM_SPACE * 150_000 + "2")))
    render_everything(pub)


@GUARD
def test_problem_unmatched_braces_in_quoted_title_load_in_linear_time(tmp_path: Path) -> None:
    """bibtex._escape_unmatched inserts one backslash at a time, copying the value each time."""
    pub = only(load(tmp_path, '@article{k, title = "' + "}" * 1_500_000 + '", year = 2020}\n'))
    assert pub.bibtex.count("\\}") == 1_500_000


@GUARD
def test_problem_lines_starting_with_at_and_percent_in_a_value_load_in_linear_time(tmp_path: Path) -> None:
    """load._has_field_comments: each `%` after a line-start "@" that is no block head searches
    forward for the next block head (`_BLOCK_HEAD.search(text, start)`), to the end of the file."""
    note = "x\n@\n%" * 100_000
    only(load(tmp_path, "@misc{k, title = {T}, year = 2020, note = {" + note + "}}\n"))


@GUARD
def test_problem_unclosed_block_openers_are_found_in_linear_time() -> None:
    """blocks.find_blocks: each unclosed opener scans every later line for its `///`."""
    found = list(find_blocks(["/// publications"] * 40_000))
    assert len(found) == 40_000


@GUARD
def test_problem_indented_blocks_in_one_admonition_are_found_in_linear_time() -> None:
    """blocks._in_container: each indented opener copies and walks every line back to the container."""
    lines = ["!!! note", *(["    /// news", "    ///"] * 40_000)]
    assert len(list(find_blocks(lines))) == 40_000


@GUARD
def test_problem_yaml_alias_bomb_in_block_options_is_refused_quickly() -> None:
    """A few lines of YAML anchors make a value of 9**k leaves (shared, so cheap to load);
    the option check's error message (`repr` of the value, in MkDocs' `Choice`) walks all of them."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    lines.append("group_by: *a11")
    options, error = parse_options(Block("publications", "\n".join(lines), 1))
    if error is None:
        _, messages = validate_block(PUBLICATIONS_BLOCK, {"group_by": options["group_by"]})
        assert messages


# -- fine: checked and linear -----------------------------------------------------------------------


@GUARD
def test_fine_long_runs_of_backslashes_and_dollars() -> None:
    """latex._MATH `(?:[^$\\\\]|\\\\.)+?` on an unclosed `$` before 400,000 backslashes, and `$$a\\`."""
    assert split_math("$" + "\\\\" * 200_000) == [(False, "$" + "\\\\" * 200_000)]
    list(math_segments("$$a\\" * 100_000))
    to_text("$a\u2060" * 100_000)


@GUARD
def test_fine_many_case_commands_and_accents_with_spaces(tmp_path: Path) -> None:
    """latex._CASE on unclosed `\\uppercase{`, _COMMAND on an accent before a run of spaces."""
    title = "\\uppercase{" * 30_000 + "\\'" + EM_SPACE * 200_000 + "!"
    load(tmp_path, entry(title=title, year="2020"))


@GUARD
def test_fine_nested_and_unclosed_commands_only_pylatexenc_knows(tmp_path: Path) -> None:
    """`_decode_commands` with unclosed `\\(` and `\\sqrt[` (`_Groups` answers in amortised O(1))."""
    title = "\\infty \\(" * 20_000 + "\\sqrt[" * 20_000 + "\\overline{" * 2_000 + "}" * 2_000
    only(load(tmp_path, entry(title=title, year="2020")))


@GUARD
def test_fine_name_lists_with_many_ands_and_braces() -> None:
    """names.split_names / _split_strays on long "and and and" runs, in and out of braces."""
    parse_names("x" + " and" * 100_000)
    parse_names("x" + " AND" * 100_000)
    parse_names("{\\'a} b and " * 20_000 + "and")


@GUARD
def test_fine_percent_signs_and_macros_in_values(tmp_path: Path) -> None:
    """`%` inside values of many entries, and a value joined from 50,000 macro references."""
    entries = "".join(f"@misc{{k{i}, title = {{50\\% a%b}}, year = 2020}}\n" for i in range(5_000))
    joined = " # ".join(["a"] * 50_000)
    load(tmp_path, "@string{a = {x}}\n" + entries + "@misc{k, title = " + joined + ", year = 2020}\n")


@GUARD
def test_fine_long_dates_dois_and_eprints(tmp_path: Path) -> None:
    """dates' fullmatch patterns, the DOI label and arXiv prefix on long repetitive values."""
    load(
        tmp_path,
        entry(
            title="T",
            date="2020" + "-" * 100_000,
            month="x" * 100_000,
            doi="doi: " * 50_000,
            eprint="arxiv:" * 50_000,
        ),
    )
