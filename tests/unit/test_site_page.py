"""The page-level shortcuts of `site.py`: search stand-ins, the one-pass splice, the paused collector."""

from __future__ import annotations

import gc

import pytest

from mkdocs_scholar.render.env import make_environment
from mkdocs_scholar.render.publications import PublicationRenderer, clear_view_cache
from mkdocs_scholar.site import paused_gc, search_stand_in, splice_page
from tests.papers import CONFERENCE, JOURNAL


def page(*content: str) -> str:
    return "<html><head><title>t</title></head><body>" + "".join(content) + "</body></html>"


def test_stand_in_is_one_escaped_paragraph_of_sentences() -> None:
    html = search_stand_in(["A <b>bold</b> title. Ann Lee. Venue 2024", "Second & last"], 3)
    assert html == (
        '<div class="scholar-group" data-scholar-stand-in="3"><p>'
        "A &lt;b&gt;bold&lt;/b&gt; title. Ann Lee. Venue 2024.\nSecond &amp; last.</p></div>"
    )


@pytest.mark.parametrize(
    ("content", "groups", "expected", "missing"),
    [
        # in document order
        (
            [search_stand_in(["a"], 0), "<h2>x</h2>", search_stand_in(["b"], 1)],
            ["<ol>A</ol>", "<ol>B</ol>"],
            "<ol>A</ol><h2>x</h2><ol>B</ol>",
            0,
        ),
        # groups numbered out of document order
        (
            [search_stand_in(["b"], 1), search_stand_in(["a"], 0)],
            ["<ol>A</ol>", "<ol>B</ol>"],
            "<ol>B</ol><ol>A</ol>",
            0,
        ),
        # another plugin dropped a stand-in: the rest is still swapped, the loss counted
        ([search_stand_in(["a"], 0)], ["<ol>A</ol>", "<ol>B</ol>"], "<ol>A</ol>", 1),
        # no lists on the page: content untouched
        (["<p>plain</p>"], [], "<p>plain</p>", 0),
        # escaped stand-in text in a code block is not a stand-in
        (
            ["<code>&lt;div class=&quot;scholar-group&quot;</code>"],
            [],
            "<code>&lt;div class=&quot;scholar-group&quot;</code>",
            0,
        ),
    ],
)
def test_splice_swaps_stand_ins(content: list[str], groups: list[str], expected: str, missing: int) -> None:
    out, lost = splice_page(page(*content), groups)
    assert out == page(expected)
    assert lost == missing


def test_splice_adds_head_once() -> None:
    out, lost = splice_page(page(search_stand_in(["a"], 0)), ["<ol>A</ol>"], head="<meta x>")
    assert out == "<html><head><title>t</title><meta x></head><body><ol>A</ol></body></html>"
    assert lost == 0


def test_group_texts_are_the_views_search_texts() -> None:
    clear_view_cache()
    renderer = PublicationRenderer(make_environment(), math=False)
    html, texts = renderer.group_with_text([JOURNAL, CONFERENCE], base="")
    assert html == renderer.group([JOURNAL, CONFERENCE], base="")
    assert texts == [renderer.view(p, base="").search for p in (JOURNAL, CONFERENCE)]
    assert texts[0].startswith(JOURNAL.title + ". ")
    assert all(a.display in texts[0] for a in JOURNAL.authors)


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_gc_restores_the_collector(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with paused_gc():
            assert not gc.isenabled()
            made = [[i] for i in range(1000)]
        assert gc.isenabled() is enabled
        assert gc.get_freeze_count() == 0, "objects are aged, never left frozen"
        assert made[-1] == [999]
    finally:
        gc.enable() if was else gc.disable()
