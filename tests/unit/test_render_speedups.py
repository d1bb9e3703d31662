"""The fast paths of the publication renderer print exactly what the plain ones did.

Author lists and venue lines are built in Python, a group is one template render that includes
entry.html per entry, and views are remembered between renders; these tests hold each shortcut to
the markup of the templates it replaced, and the view cache to fresh results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import jinja2
import pytest

from mkdocs_scholar.bibliography.model import Link, Person, Publication
from mkdocs_scholar.render import publications
from mkdocs_scholar.render.env import make_environment
from mkdocs_scholar.render.publications import (
    AuthorsView,
    PublicationRenderer,
    authors_view,
    clear_view_cache,
    venue_html,
)
from mkdocs_scholar.render.text import rich_text, safe_href

# The author-list macros as they were before the list moved to Python (`authors_html`).
REFERENCE_MACROS = """\
{% macro author(a) -%}
<span class="scholar-author">{% if a.href %}<a href="{{ a.href }}"{% if a.external %} rel="noopener"{% endif %}>{% endif %}{% if a.me %}<strong class="scholar-me">{{ a.name }}</strong>{% else %}{{ a.name }}{% endif %}{% if a.href %}</a>{% endif %}</span>
{%- endmacro %}
{% macro names(items, et_al) -%}
{% for a in items %}{% if not loop.first %}, {% endif %}{% if a %}{{ author(a) }}{% else %}<span class="scholar-gap">…</span>{% endif %}{% endfor %}{% if et_al %}, <span class="scholar-etal">et al.</span>{% endif %}
{%- endmacro %}
{% macro author_list(v) -%}
{% if v.hidden -%}
<span class="scholar-authors-short">{{ names(v.short, false) }}</span> <details class="scholar-authors-more"><summary><span class="scholar-more-closed">+{{ v.hidden }} more<span class="scholar-sr-only"> authors</span></span><span class="scholar-more-open">Show fewer authors</span></summary><span class="scholar-authors-full">{{ names(v.full, v.et_al) }}</span></details>
{%- else -%}
{{ names(v.full, v.et_al) }}
{%- endif %}
{%- endmacro %}
"""

# The venue loop entry.html had before `venue_html`.
REFERENCE_VENUE = (
    "{% for text, italic in venue %}{% if not loop.first %}, {% endif %}"
    "{% if italic %}<em>{{ text }}</em>{% else %}{{ text }}{% endif %}{% endfor %}"
)

ME = Person(first="Anirbit", last="Mukherjee", highlight=True)
EVIL = Person(first='<img src=x onerror="alert(1)">', last="O'Brien & Co", url="javascript:alert(2)")
LINKED = Person(first="Dibyakanti", last="Kumar", url='https://example.org/a?x=1&y="2"')
LOCAL = Person(first="Local", last="Friend", url="people/friend's page/")
CORP = Person(last="The <LIGO> Collaboration", corporate=True)


def _people(n: int, owner: int) -> tuple[Person, ...]:
    return tuple(ME if i == owner else Person(first="A", last=f"Author{i:02d}") for i in range(n))


AUTHOR_CASES: dict[str, tuple[tuple[Person, ...], bool, int, str]] = {
    "one": ((ME,), False, 10, ""),
    "linked-and-owner": ((LINKED, ME), False, 10, ""),
    "relative-link": ((LOCAL, ME), False, 10, "../../"),
    "hostile": ((EVIL, CORP), True, 10, ""),
    "et-al": ((ME, LINKED), True, 10, "../"),
    "long-with-gap": (_people(25, 13), True, 10, "../"),
    "long-owner-in-head": (_people(14, 2), False, 10, ""),
    "long-no-owner": ((LINKED, *_people(12, 99), LOCAL), False, 3, "../"),
    "limit-one": (_people(5, 4), False, 1, ""),
}


def _env(templates: dict[str, str]) -> jinja2.Environment:
    """An environment set up like `make_environment`, reading the given template texts."""
    return jinja2.Environment(
        loader=jinja2.DictLoader(templates),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def _macro(env: jinja2.Environment, template: str, name: str) -> Callable[..., str]:
    """A macro of a template, to call from Python."""
    macro: Callable[..., str] = getattr(env.get_template(template).module, name)
    return macro


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Each test starts and ends with no remembered views."""
    clear_view_cache()
    yield
    clear_view_cache()


@pytest.mark.parametrize("case", sorted(AUTHOR_CASES))
def test_authors_html_matches_the_old_macros(case: str) -> None:
    """The Python-built author list is byte for byte what the Jinja macros printed."""
    people, et_al, limit, base = AUTHOR_CASES[case]
    view = authors_view(people, et_al=et_al, max_authors=limit, base=base)
    reference = _macro(_env({"m": REFERENCE_MACROS}), "m", "author_list")(view)
    assert str(view.html) == str(reference)
    assert "<img" not in view.html and "javascript" not in view.html


@pytest.mark.parametrize("case", sorted(AUTHOR_CASES))
def test_package_names_macro_agrees_with_authors_html(case: str) -> None:
    """The `names` macro kept in authors.html for theme overrides prints the same full list."""
    people, et_al, limit, base = AUTHOR_CASES[case]
    view = authors_view(people, et_al=et_al, max_authors=limit, base=base)
    env = make_environment()
    whole = authors_view(people, et_al=et_al, max_authors=len(people), base=base)
    assert str(_macro(env, "scholar/authors.html", "names")(view.full, et_al)) == str(whole.html)
    assert str(_macro(env, "scholar/authors.html", "author_list")(view)) == str(view.html)


def test_authors_view_objects_come_from_the_plain_names() -> None:
    """`full` and `short` are AuthorViews made from `names` and `folded`, gap included."""
    view = authors_view(_people(25, 13), et_al=False, max_authors=10, base="")
    assert [tuple(a) for a in view.full] == list(view.names)
    assert [None if a is None else tuple(a) for a in view.short] == list(view.folded)
    assert view.short[9] is None and view.short[10] is not None and view.short[10].me
    assert isinstance(view, AuthorsView) and view.hidden == 15


@pytest.mark.parametrize(
    "venue",
    [
        (),
        (("Machine Learning: Science and Technology", True), ("5(2):025063", False)),
        (("PhD thesis", False), ("Johns Hopkins University", True)),
        (("</em><script>alert(1)</script>", True), ('O\'Reilly & "Sons"', False)),
        (("arXiv:2310.05169", False),),
    ],
)
def test_venue_html_matches_the_old_loop(venue: tuple[tuple[str, bool], ...]) -> None:
    """The venue line made in Python is what the template loop printed."""
    reference = _env({"v": REFERENCE_VENUE}).get_template("v").render(venue=venue)
    assert str(venue_html(venue)) == reference


JOURNAL = Publication(
    key="kumar2024pinns",
    slug="kumar2024pinns",
    entry_type="article",
    kind="journal",
    title="Investigating the ability of PINNs to solve Burgers’ PDE near $t^*$ & blowup",
    authors=(LINKED, ME, LOCAL),
    year=2024,
    month=6,
    venue="Machine Learning: Science and Technology",
    volume="5",
    number="2",
    pages="025063",
    abstract="First paragraph.\n\nSecond <b>paragraph</b>.",
    keywords=("PINNs", "PDE"),
    links=(
        Link("arxiv", "https://arxiv.org/abs/2310.05169", "arXiv"),
        Link("pdf", "assets/papers/kumar2024pinns.pdf", ""),
    ),
    bibtex="@article{kumar2024pinns,\n  title = {</code></pre><script>x</script>},\n}\n\n",
)
THESIS = Publication(
    key="thesis",
    slug="thesis",
    entry_type="phdthesis",
    kind="thesis",
    title="A thesis",
    authors=(ME,),
    year=2020,
    institution="Johns Hopkins University",
)
LONG = replace(JOURNAL, key="long", slug="long", authors=_people(25, 13), et_al=True, bibtex="")
PUBS = (JOURNAL, THESIS, LONG)


def renderer(**kwargs: object) -> PublicationRenderer:
    options: dict[str, object] = {"math": True}
    options.update(kwargs)
    return PublicationRenderer(make_environment(), **options)  # type: ignore[arg-type]


def test_entry_bibtex_box_is_the_macro() -> None:
    """entry.html writes out the BibTeX box of bibtex.html's macro (which paper pages use)."""
    box = str(_macro(make_environment(), "scholar/bibtex.html", "bibtex_box")(JOURNAL.bibtex))
    assert "&lt;/code&gt;&lt;/pre&gt;" in box
    assert box in renderer().entry(JOURNAL, base="")


@pytest.mark.parametrize("base", ["", "../"])
def test_group_is_its_entries_in_order(base: str) -> None:
    """One render of a group prints each entry as `entry` does, a newline after each."""
    r = renderer()
    repeats = frozenset({"thesis"})
    html = r.group(PUBS, base=base, repeats=repeats)
    entries = "".join(r.entry(p, base=base, anchor=p.key not in repeats) + "\n" for p in PUBS)
    assert html == f'<div class="scholar-group">\n<ol class="scholar-list">\n{entries}</ol>\n</div>'


def test_second_render_reuses_the_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A second render, even by a new renderer (a serve rebuild), does not redo the views."""
    made: list[str] = []
    original = PublicationRenderer._parts

    def counting(self: PublicationRenderer, pub: Publication, *, base: str, shorten: bool) -> object:
        made.append(pub.key)
        return original(self, pub, base=base, shorten=shorten)

    monkeypatch.setattr(PublicationRenderer, "_parts", counting)
    first = renderer().group(PUBS, base="../")
    again = renderer().group(PUBS, base="../", repeats=frozenset({"long"}))
    assert made == [p.key for p in PUBS]
    assert again == first.replace(' id="pub-long"', "")


@pytest.mark.parametrize(
    ("options", "base"),
    [
        ({"math": False}, ""),
        ({}, "../"),
        ({"max_authors": 3}, ""),
        ({"paper_pages": False}, ""),
        ({"publications_url": "/papers"}, ""),
    ],
)
def test_remembered_views_depend_on_base_and_settings(options: dict[str, object], base: str) -> None:
    """After a render with the defaults, other settings or another depth still print their own HTML."""
    renderer().group(PUBS, base="")
    remembered = renderer(**options).group(PUBS, base=base)
    clear_view_cache()
    assert remembered == renderer(**options).group(PUBS, base=base)


def test_paper_page_view_is_not_the_list_view() -> None:
    """A paper page after the list (same depth) keeps every author; the list stays shortened."""
    r = renderer()
    listed = r.entry(LONG, base="../")
    page = r.paper_page(LONG, base="../", news=[])
    assert "scholar-authors-more" in listed and "scholar-authors-more" not in page
    assert r.entry(LONG, base="../") == listed


def test_changed_publication_is_rendered_afresh() -> None:
    """An edited entry (a new object, as after re-reading the .bib) never gets the old HTML."""
    r = renderer()
    r.entry(JOURNAL, base="")
    edited = replace(JOURNAL, title="A new title")
    assert "A new title" in r.entry(edited, base="")
    assert r.entry(replace(JOURNAL), base="") == r.entry(JOURNAL, base="")


def test_view_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past its bound the cache starts afresh, and entries still render correctly."""
    monkeypatch.setattr(publications, "_PARTS_MAX", 3)
    pubs = [replace(THESIS, key=f"k{i}", slug=f"k{i}", title=f"Title {i}") for i in range(10)]
    html = renderer().group(pubs, base="")
    assert len(publications._PARTS) <= 3 and len(publications._PUBS) <= 3
    assert [f"Title {i}" in html for i in range(10)] == [True] * 10


def test_theme_override_can_use_author_objects(tmp_path: Path) -> None:
    """A theme's entry.html can still loop over `e.authors.full` and `short` in a group."""
    (tmp_path / "scholar").mkdir()
    (tmp_path / "scholar" / "entry.html").write_text(
        "<li>{% for a in e.authors.full %}{{ a.name }}{% if a.me %}*{% endif %};{% endfor %}"
        "{{ e.authors.short | length }}|{{ base }}</li>",
        encoding="utf-8",
    )
    r = PublicationRenderer(make_environment([tmp_path]), math=False)
    html = r.group([JOURNAL, LONG], base="../")
    assert "<li>Dibyakanti Kumar;Anirbit Mukherjee*;Local Friend;3|../</li>" in html
    assert "A Author24;11|../</li>" in html


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("  https://a.example/x  ", "", "https://a.example/x"),
        ("\x00\x7fhttps://a.example/x\x7f", "", "https://a.example/x"),
        ("https://a.example/\x00x", "", None),
        ("https://a.example/\x7fx", "", None),
        ("java\tscript:alert(1)", "", None),
        ("assets/a b.pdf", "../", "../assets/a b.pdf"),
        ("assets/\nfile.pdf", "../", "../assets/file.pdf"),
    ],
)
def test_safe_href_with_and_without_control_characters(url: str, base: str, expected: str | None) -> None:
    """The quick path for clean URLs and the full one for control characters agree."""
    assert safe_href(url, base) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("No math: a < b & 'c' \"d\"", "No math: a &lt; b &amp; &#39;c&#39; &#34;d&#34;"),
        ("one $ sign", "one $ sign"),
    ],
)
def test_rich_text_without_math(text: str, expected: str) -> None:
    """Text with no math is only escaped, whatever the math setting."""
    assert str(rich_text(text, True)) == str(rich_text(text, False)) == expected
