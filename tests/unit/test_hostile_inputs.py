"""Hostile and unusual .bib input through `load_bibliography` and the renderers.

Every case checks the product's promises: no exception escapes, every entry either becomes a
publication or is named in a problem, links are only http(s) or site-relative, and the HTML of
the list, the paper page and the `<head>` tags holds nothing executable. Big inputs are built
here in code; nothing large is stored in the repository.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mkdocs_scholar.bibliography import BibOptions, load_bibliography
from mkdocs_scholar.bibliography.model import Bibliography
from mkdocs_scholar.render.env import make_environment
from mkdocs_scholar.render.meta import head_tags
from mkdocs_scholar.render.publications import PublicationRenderer

# -- helpers ----------------------------------------------------------------------------------------


def load(tmp_path: Path, *files: tuple[str, str | bytes]) -> Bibliography:
    """Load (name, text or bytes) files from tmp_path/bib; problems are shown relative to tmp_path."""
    paths = []
    for name, text in files:
        path = tmp_path / "bib" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return load_bibliography(paths, BibOptions(), display_root=tmp_path)


def load_one(tmp_path: Path, text: str | bytes) -> Bibliography:
    return load(tmp_path, ("t.bib", text))


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def named(bib: Bibliography, key: str) -> bool:
    """Whether a problem names `key` (as its key or in its message)."""
    return any(p.key == key or key in p.message for p in bib.problems)


def assert_accounted_for(bib: Bibliography, keys: set[str]) -> None:
    """Each key is a publication or is named in a problem: nothing is dropped silently."""
    rendered = set(bib.by_key())
    # Keys are used without control characters (with a warning naming them).
    lost = {k for k in keys if _CONTROLS.sub("", k) not in rendered and not named(bib, k)}
    assert not lost, f"entries neither rendered nor reported: {lost}; problems: {bib.problems}"
    for problem in bib.problems:
        assert problem.file is not None, f"problem without a file: {problem}"


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def assert_links_safe(bib: Bibliography) -> None:
    """Link targets are http(s) with a host, or relative paths without '..', controls or backslashes."""
    for pub in bib.publications:
        for link in pub.links:
            url = link.url
            assert not re.search(r"[\x00-\x20\x7f\\]", url), (pub.key, url)
            scheme = _SCHEME.match(url)
            if scheme:
                assert scheme.group(1).lower() in ("http", "https"), (pub.key, url)
                assert re.match(r"(?i)https?://[^/]", url), (pub.key, url)
            else:
                assert not url.startswith("/"), (pub.key, url)
                segments = url.split("?")[0].split("#")[0].split("/")
                assert not any(s.lower() in ("..", ".%2e", "%2e.", "%2e%2e") for s in segments), url


class _Html(HTMLParser):
    """Start tags and inline script text of an HTML fragment."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[tuple[str, str]] = []
        """(type attribute, text) of each inline script."""
        self._script: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag == "script":
            self._script = dict(attrs).get("type") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append((self._script, data))


_ALLOWED_TAGS = frozenset(
    {"li", "div", "span", "a", "em", "strong", "button", "details", "summary", "pre", "code", "ol",
     "ul", "p", "h1", "h2", "h3", "small", "meta", "script", "section", "nav", "time", "svg", "path",
     "input", "label", "form", "select", "option", "fieldset", "legend", "b", "i", "br", "abbr", "sup", "sub", "dl", "dt", "dd", "mark"}
)  # fmt: skip


def assert_html_inert(html: str) -> None:
    """No event handlers, no javascript:/data:/vbscript: targets, no injected elements or scripts."""
    parsed = _Html(html)
    for tag, attrs in parsed.tags:
        assert tag in _ALLOWED_TAGS, f"unexpected <{tag}> in output: {html[:300]}"
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler {name}={value!r} on <{tag}>"
            if name in ("href", "src", "action", "formaction", "xlink:href") and value:
                probe = "".join(c for c in value if c > " ").lower()
                assert not probe.startswith(("javascript:", "data:", "vbscript:")), (tag, name, value)
    for kind, script in parsed.scripts:
        # Our own scripts: the JSON-LD block (all "<" escaped) and the filter bar's one-line reveal.
        assert "<" not in script, f"raw '<' in a script: {script[:200]}"
        if kind != "application/ld+json":
            assert "alert" not in script, f"injected script text: {script[:200]}"


def assert_renders_inert(bib: Bibliography) -> None:
    """The list (with and without MathJax), every paper page and every `<head>` is inert HTML."""
    for math in (False, True):
        renderer = PublicationRenderer(make_environment(), math=math)
        assert_html_inert(renderer.group(bib.publications, base="../"))
    renderer = PublicationRenderer(make_environment(), math=False)
    for pub in bib.publications:
        assert_html_inert(renderer.paper_page(pub, base="../../", news=[]))
        page_url = f"publications/{pub.slug}/"
        assert_html_inert(head_tags(pub, site_url="https://example.org/", page_url=page_url))
    if bib.publications:
        assert_html_inert(renderer.filter_bar(bib.publications))


def keys_in(text: str) -> set[str]:
    """Keys of `@type{key,` entries in generated text (for the accounting check)."""
    text = re.sub(r"@comment\{.*?\}\}", "", text)
    return {
        m.group(2)
        for m in re.finditer(r'@\s*(\w+)\s*[{(]\s*([^,\s{}()="]+)\s*,', text)
        if m.group(1).lower() not in ("string", "comment", "preamble")
    }


# -- inputs that must load, render safely and lose nothing --------------------------------------

E = "@article{{{key}, title = {{{title}}}, author = {{Doe, Jane}}, year = {{2020}}}}\n"

DEEP = 10_000

CASES: dict[str, str] = {
    "nested braces 10000 deep": "@article{deep, title = {"
    + "{" * DEEP
    + "x"
    + "}" * DEEP
    + "}, year = 2020}\n",
    "nested braces unbalanced": "@article{deep, title = {"
    + "{" * DEEP
    + "x"
    + "}" * (DEEP - 1)
    + "}, year = 2020}\n"
    + E.format(key="after", title="After"),
    "paren-delimited entries": '@ARTICLE(paren, title = {T (x)}, year = 2020)\n@misc(p2, title = "a (b) c", year = 2020)\n',
    "unbalanced quote": '@article{uq, title = "unclosed, year = 2020}\n' + E.format(key="next", title="Next"),
    "hash concatenation": '@string{j = "J"}\n@article{h1, title = # "x", year = 2020}\n'
    '@article{h3, title = "a" # # "b", year = 2020}\n@article{h4, title = j # {B} # 2020 # j, year = 2020}\n',
    "string self reference": "@string{a = a}\n@article{k, title = a, year = 2020}\n",
    "string cycle": '@string{a = b # "x"}\n@string{b = a # "y"}\n@article{k, title = a, journal = b, year = 2020}\n',
    "crossref cycle": "@inproceedings{a, title = {A}, crossref = {b}}\n@inproceedings{b, title = {B}, crossref = {c}}\n"
    "@inproceedings{c, title = {C}, crossref = {a}, year = 2020}\n",
    "crossref to itself": "@inproceedings{a, title = {A}, crossref = {a}, year = 2020}\n",
    "crossref unknown": "@inproceedings{a, title = {A}, crossref = {nowhere}, year = 2020}\n",
    "keys with spaces html unicode emoji": "@article{a b, title = {T}, year = 2020}\n"
    "@article{<script>alert(1)</script>, title = {T}, year = 2020}\n"
    "@article{Köglmeier2026, title = {T}, year = 2020}\n@article{李2020, title = {T}, year = 2020}\n"
    "@article{😀, title = {T}, year = 2020}\n",
    "keys with quote and equals": '@article{a"b, title = {T}, year = 2020}\n@article{<img/src=x/onerror=alert(1)>, title = {T}, year = 2020}\n'
    + E.format(key="ok", title="OK"),
    "keys differing in case": E.format(key="Smith2020", title="One") + E.format(key="smith2020", title="Two"),
    "duplicate keys": E.format(key="dup", title="First") + E.format(key="dup", title="Second"),
    "no key and no fields": "@article{, title = {T}, year = 2020}\n@article{nofields}\n@article{nf2,}\n",
    "unknown and empty types": "@weird{w, title = {T}, year = 2020}\n@{e, title = {T}, year = 2020}\n",
    "missing title and year": "@article{bare, author = {Doe, J.}}\n",
    "dates": "@misc{m13, title = {T}, year = {2020}, month = {13}}\n@misc{neg, title = {T}, year = {-5}}\n"
    "@misc{huge, title = {T}, year = {99999999999999999999}}\n@misc{range, title = {T}, date = {2020-05/2020-07}}\n"
    "@misc{zero, title = {T}, year = {0}}\n@misc{bad, title = {T}, date = {2020-13-01}}\n",
    "latex oddities": r"@article{tex, title = {\foo{bar} \baz \verb|x| \'{} \c \url{javascript:alert(1)} "
    r"\href{javascript:alert(2)}{click} $</script><script>alert(3)</script>$ $$x$$}, year = 2020}" + "\n",
    "html and markdown everywhere": "@article{xss, title = {<img src=x onerror=alert(1)>}, "
    "author = {<b onmouseover=alert(2)>Evil</b>, Eve and {{<svg onload=alert(3)>}}}, "
    "journal = {<iframe src=javascript:alert(4)>}, year = 2020, "
    'abstract = {**bold** <script>alert(5)</script> [x](javascript:alert(6)) <a href="javascript:alert(7)">y</a>}, '
    "keywords = {<script>alert(8)</script>, a;b, {: onclick=alert(9) }}, "
    'doi = {10.1234/"><script>alert(10)</script>}, url = {https://example.org/"><script>alert(11)</script>}, '
    'pdf = {x" onerror="alert(12).pdf}, note = {<script>alert(13)</script>}, abbr = {<script>}, '
    "award = {<b>}, pages = {<i>}, eprint = {<script>alert(14)</script>}, archiveprefix = {arXiv}}\n",
    "hostile link targets": "@misc{links, title = {T}, year = 2020, url = {javascript:alert(1)}, "
    "pdf = {../../etc/passwd}, code = {data:text/html,x}, slides = {vbscript:x}, video = {//evil.org/x}, "
    r"poster = {\\evil\share}, website = {java	script:alert(1)}, supp = {\url{javascript:alert(1)}}}"
    + "\n"
    "@misc{links2, title = {T}, year = 2020, url = {\x01javascript:alert(1)}, pdf = {file:///etc/passwd}}\n"
    '@misc{links3, title = {T}, year = 2020, url = {https://example.org/a b?q=ü&x="<>}}\n',
    "doi oddities": "@misc{d1, title = {T}, year = 2020, doi = {10.1000/<script>alert(1)</script>}}\n"
    "@misc{d2, title = {T}, year = 2020, doi = {10.1000/a\"b'c#d?e}}\n"
    "@misc{d3, title = {T}, year = 2020, doi = {javascript:alert(1)}}\n",
    "name oddities": "@misc{n1, title = {T}, year = 2020, author = {,,,}}\n"
    "@misc{n2, title = {T}, year = 2020, author = {A, B, C, D and {} and { } and {{}}}}\n"
    "@misc{n3, title = {T}, year = 2020, author = {{Barnes and Noble}, Inc. and others}}\n"
    "@misc{n4, title = {T}, year = 2020, author = {family=Doe, given=John, prefix=von and =}}\n",
    "control characters": "@article{nul\x00key, title = {A\x00B}, year = 2020}\n"
    "@article{ctl, title = {x\x01\x02\x1b\x7f}, year = 2020}\n",
    "at signs and stray text": "contact @ me, foo@bar.com\n{ stray }\n@comment{@article{hidden, title = {T}}}\n"
    "garbage @article{glued, title = {T}, year = 2020}@article{glued2, title = {T}, year = 2020}\n",
    "only comments and preamble": '@comment{hello}\n@preamble{"\\newcommand{\\x}{y}"}\n% just a comment\n',
    "empty file": "",
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_hostile_input_loads_renders_safely_and_loses_nothing(tmp_path: Path, text: str) -> None:
    """No exception; every entry rendered or named; links checked; HTML inert."""
    bib = load_one(tmp_path, text)
    assert_accounted_for(bib, keys_in(text))
    assert_links_safe(bib)
    assert_renders_inert(bib)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("crlf", E.format(key="k1", title="Café").replace("\n", "\r\n").encode()),
        (
            "cr only",
            (E.format(key="k1", title="Café") + "@article{k2,\n title = {A\nB}, year = 2020}\n")
            .replace("\n", "\r")
            .encode(),
        ),
        ("utf-8 bom", codecs.BOM_UTF8 + E.format(key="k1", title="Café").encode()),
        ("utf-16 le bom", codecs.BOM_UTF16_LE + E.format(key="k1", title="Café").encode("utf-16-le")),
        ("utf-16 be bom", codecs.BOM_UTF16_BE + E.format(key="k1", title="Café").encode("utf-16-be")),
        ("latin-1", E.format(key="k1", title="Café").encode("latin-1")),
    ],
)
def test_encodings_and_line_endings(tmp_path: Path, name: str, data: bytes) -> None:
    """Common encodings and line endings load with accents intact."""
    bib = load_one(tmp_path, data)
    assert bib.by_key()["k1"].title == "Café"
    assert bib.by_key()["k1"].source_line == 1


def test_problems_name_file_line_and_key(tmp_path: Path) -> None:
    """A broken entry and a duplicate in a second file: messages name file, line and key."""
    bib = load(
        tmp_path,
        ("a b/ünï 😀.bib", E.format(key="dup", title="One") + "\n@article{broken,\n  title = {Unclosed\n"),
        ("sub/deeper/c.bib", "\n\n" + E.format(key="dup", title="Two")),
    )
    text = [str(p) for p in bib.problems]
    assert any("bib/a b/ünï 😀.bib:3: [broken]" in t for t in text), text
    dup = next(t for t in text if "duplicate key" in t)
    assert "bib/a b/ünï 😀.bib:1" in dup and "bib/sub/deeper/c.bib:3" in dup


# -- size and speed ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("what", "text"),
    [
        ("5 MB title", "@article{big, title = {" + "word " * 1_000_000 + "}, year = 2020}\n"),
        ("5 MB of accents", "@article{big, title = {" + "\\'e " * 1_250_000 + "}, year = 2020}\n"),
        (
            "10,000 authors",
            "@article{many, title = {T}, year = 2020, author = {"
            + " and ".join(f'{{L\\"ast{i}}}, First{i}' for i in range(10_000))
            + "}}\n",
        ),
        (
            "crossref chain of 2,000",
            "".join(
                f"@inproceedings{{c{i}, title = {{T{i}}}, crossref = {{c{i + 1}}}}}\n" for i in range(2000)
            )
            + "@proceedings{c2000, title = {Root}, year = 2020}\n",
        ),
        (
            "10,000 fields",
            "@article{k, title = {T}, year = 2020, "
            + ", ".join(f"f{i} = {{v}}" for i in range(10_000))
            + "}\n",
        ),
        (
            "100,000 keywords",
            "@article{k, title = {T}, year = 2020, keywords = {"
            + ", ".join(f"kw{i}" for i in range(100_000))
            + "}}\n",
        ),
        ("1 MB of stray braces", "{" * 1_000_000),
    ],
)
@pytest.mark.timeout(120)  # a guard against hangs; bench/inputs_bench.py measures how cost grows
def test_big_inputs_load(tmp_path: Path, what: str, text: str) -> None:
    """Large values, long lists and long chains load, every entry accounted for."""
    bib = load_one(tmp_path, text)
    assert_accounted_for(bib, keys_in(text[:100_000]))


def test_crossref_chain_inherits_through_every_level(tmp_path: Path) -> None:
    """A 1,000-long chain: the first child gets the root's year, no problem reported."""
    text = (
        "".join(f"@inproceedings{{c{i}, title = {{T{i}}}, crossref = {{c{i + 1}}}}}\n" for i in range(1000))
        + "@proceedings{c1000, title = {Root}, year = 2020, publisher = {P}}\n"
    )
    bib = load_one(tmp_path, text)
    assert bib.by_key()["c0"].year == 2020
    assert bib.by_key()["c0"].publisher == "P"
    assert bib.problems == ()


# -- bugs: each asserts the behaviour the product promises ---------------------------------------


def test_string_expansion_bomb_is_bounded(tmp_path: Path) -> None:
    """@string macros that each double the previous one ("billion laughs") must not grow without bound.

    40 such lines expand to 2^41 bytes; 24 already give a 32 MB title. The expansion should be
    cut off with a problem naming the entry, not build a value thousands of times the file's size.
    """
    n = 24
    text = "".join(f"@string{{m{i} = m{i + 1} # m{i + 1}}}\n" for i in range(n))
    text += f'@string{{m{n} = "ab"}}\n@article{{k, title = m0, year = 2020}}\n'
    bib = load_one(tmp_path, text)
    title = bib.by_key()["k"].title if "k" in bib.by_key() else ""
    assert len(title) < 1_000_000, f"title expanded to {len(title):,} characters from {len(text)} bytes"
    assert named(bib, "k")


def test_string_self_reference_is_not_called_undefined(tmp_path: Path) -> None:
    """`@string{a = a}` and a two-macro cycle are defined macros: the message should say it loops."""
    bib = load_one(
        tmp_path, '@string{a = b # "x"}\n@string{b = a # "y"}\n@article{k, title = a, year = 2020}\n'
    )
    messages = [p.message for p in bib.problems if p.key == "k"]
    assert messages
    assert any(re.search(r"cycle|itself|recursi|loop", m) for m in messages), messages


def test_utf32_file_is_read_or_reported(tmp_path: Path) -> None:
    """A UTF-32 file (its BOM starts like UTF-16's) must not vanish without a word."""
    data = codecs.BOM_UTF32_LE + E.format(key="k1", title="Café").encode("utf-32-le")
    bib = load_one(tmp_path, data)
    assert "k1" in bib.by_key() or bib.problems, "no entry and no problem for a UTF-32 file"


def test_utf16_without_bom_is_read_or_named(tmp_path: Path) -> None:
    """UTF-16 without a BOM (NUL every other byte) loses every entry behind a 'read as Windows-1252' note."""
    data = (E.format(key="k1", title="Café") + E.format(key="k2", title="Two")).encode("utf-16-le")
    bib = load_one(tmp_path, data)
    ok = {"k1", "k2"} <= set(bib.by_key()) or any("UTF-16" in p.message for p in bib.problems)
    assert ok, [str(p) for p in bib.problems]


def test_one_stray_byte_does_not_garble_the_whole_file(tmp_path: Path) -> None:
    """A UTF-8 file with one bad byte: the other entries keep their accents (not "CafÃ©")."""
    data = E.format(key="k1", title="Café").encode() + b"@article{k2, title = {bad \xff byte}, year = 2020}\n"
    bib = load_one(tmp_path, data)
    assert bib.by_key()["k1"].title == "Café"
    assert any(p.line == 2 for p in bib.problems)


@pytest.mark.parametrize(
    ("value", "persons", "et_al"),
    [
        ("and , and", [], False),
        ("and and", [], False),
        ("Smith, J. and", [("J.", "Smith")], False),
        ("and Smith, J.", [("J.", "Smith")], False),
        ("and others", [], True),
    ],
)
def test_stray_and_separators_are_not_names(
    tmp_path: Path, value: str, persons: list[tuple[str, str]], et_al: bool
) -> None:
    """An "and" with nothing on one side is an empty name (warned), never part of a person's name."""
    bib = load_one(tmp_path, f"@misc{{k, title = {{T}}, year = 2020, author = {{{value}}}}}\n")
    pub = bib.by_key()["k"]
    assert [(p.first, p.family) for p in pub.authors] == persons
    assert pub.et_al is et_al
    if value != "and others":
        assert any("empty name" in p.message for p in bib.problems), bib.problems


@pytest.mark.parametrize(
    "fields",
    [
        "eprint = {2313.05169}, archivePrefix = {arXiv}",  # month 13
        "eprint = {2300.05169}, archivePrefix = {arXiv}",  # month 00
        "arxiv = {2399.12345}",
        "eprint = {1234.12345}",  # no prefix: a report number, not arXiv (month 34)
    ],
)
def test_arxiv_ids_with_impossible_months_are_refused(tmp_path: Path, fields: str) -> None:
    """New-style arXiv ids are YYMM.NNNNN with MM 01-12; anything else is no arXiv link."""
    bib = load_one(tmp_path, f"@misc{{k, title = {{T}}, year = 2020, {fields}}}\n")
    assert bib.by_key()["k"].arxiv_id is None


def test_arxiv_url_in_howpublished_is_found(tmp_path: Path) -> None:
    """Google Scholar and al-folio write `howpublished = {\\url{https://arxiv.org/abs/ID}}`."""
    bib = load_one(
        tmp_path,
        "@misc{k, title = {T}, year = 2020, howpublished = {\\url{https://arxiv.org/abs/2310.05169}}}\n",
    )
    assert bib.by_key()["k"].arxiv_id == "2310.05169"


def test_url_in_howpublished_is_not_dropped_silently(tmp_path: Path) -> None:
    """A web address in `howpublished` is neither venue nor link today: it vanishes without a word."""
    bib = load_one(
        tmp_path, "@misc{k, title = {T}, year = 2020, howpublished = {\\url{https://example.org/x}}}\n"
    )
    pub = bib.by_key()["k"]
    shown = [link.url for link in pub.links] + [pub.venue, pub.note]
    assert any("example.org/x" in s for s in shown) or named(bib, "k"), shown


def test_impossible_day_is_not_kept(tmp_path: Path) -> None:
    """year/month/day giving 31 February is not a date (the meta tags would say 2020/02/31)."""
    bib = load_one(tmp_path, "@misc{k, title = {T}, year = {2020}, month = {2}, day = {31}}\n")
    pub = bib.by_key()["k"]
    assert (pub.month, pub.day) != (2, 31)
    assert named(bib, "k")


def test_trailing_hash_is_a_syntax_problem(tmp_path: Path) -> None:
    """`title = "x" #` is as broken as `title = # "x"` (which is reported); today it is accepted silently."""
    bib = load_one(tmp_path, '@article{k, title = "x" #, year = 2020}\n')
    assert named(bib, "k")


@pytest.mark.parametrize(
    "url",
    [
        "https://ex\x01ample.org/",
        "https://example.org/\x7f",
        "https://example.org/a\x00b",
        "https://example.org/\x1b[31m",
    ],
)
def test_control_characters_inside_urls_never_reach_a_link(tmp_path: Path, url: str) -> None:
    """Control characters are left out of every value, with a warning naming the entry, before
    links are made: no link carries one, percent-encoded or not."""
    bib = load_one(tmp_path, f"@misc{{k, title = {{T}}, year = 2020, url = {{{url}}}}}\n")
    for link in bib.by_key()["k"].links:
        assert not re.search(r"[\x00-\x1f\x7f]|%(0[0-9a-f]|1[0-9a-f]|7f)", link.url, re.I), link.url
    assert any(p.key == "k" and "control characters" in p.message for p in bib.problems)


@pytest.mark.parametrize("pdf", ["%2e%2e/%2e%2e/secret.pdf", ".%2e/x.pdf", "a/%2E%2E/%2e%2e/%2e%2e/x.pdf"])
def test_percent_encoded_dot_segments_are_refused(tmp_path: Path, pdf: str) -> None:
    """Browsers resolve "%2e%2e" like "..": it climbs out of the assets folder just the same."""
    bib = load_one(tmp_path, f"@misc{{k, title = {{T}}, year = 2020, pdf = {{{pdf}}}}}\n")
    assert bib.by_key()["k"].links == ()
    assert named(bib, "k")


def test_control_characters_do_not_reach_display_text(tmp_path: Path) -> None:
    """NUL, ESC and DEL in a title or name are not shown (HTML forbids them; feeds and XML break)."""
    bib = load_one(
        tmp_path, "@article{k, title = {A\x00B\x1bC\x7fD}, author = {N\x00ul, X\x01}, year = 2020}\n"
    )
    pub = bib.by_key()["k"]
    shown = [pub.title, *(p.display for p in pub.authors)]
    assert not any(re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", s) for s in shown), shown


def test_long_key_gives_a_short_slug(tmp_path: Path) -> None:
    """A 300-character key must not become a 300-character file name (the build dies with ENAMETOOLONG)."""
    bib = load_one(
        tmp_path, E.format(key="k" * 300, title="Long") + E.format(key="x" * 300 + "y", title="Long2")
    )
    slugs = [p.slug for p in bib.publications]
    assert all(len(s.encode("utf-8")) <= 200 for s in slugs), [len(s) for s in slugs]
    assert len(set(slugs)) == 2


def test_big_field_with_a_command_only_pylatexenc_knows_is_fast(
    tmp_path: Path, pylatexenc_inputs: list[str]
) -> None:
    """A big title with commands only pylatexenc knows hands pylatexenc those commands, not the title.

    pylatexenc's cost grows faster than its input: a whole 1 MB title with `\\infty` in it took
    ~5 s (5 MB: ~40 s). Counted rather than timed (bench/latex_bench.py times it): pylatexenc
    must see each command with its argument, once, and nothing of the text between them.
    """
    handed = pylatexenc_inputs
    spans = [f"\\overline{{{i}}}" for i in range(400)]
    title = "".join(f"a {span} b \\infty c {{d \\infty e}} " for span in spans) * 6  # ~0.1 MB
    bib = load_one(tmp_path, "@misc{k, title = {" + title + "}, year = 2020}\n")
    shown = bib.by_key()["k"].title
    assert shown.startswith("a 0 b ∞"), shown[:40]
    assert "\\" not in shown
    assert sum(map(len, handed)) <= sum(map(len, spans)) + len("\\infty"), max(map(len, handed))
