"""Whole rendered entries compared with reviewed HTML files in tests/golden/entries/ (and pages/).

After an intended change to the templates, rewrite the files and review the diff:

    UPDATE_GOLDEN=1 pytest tests/golden
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mkdocs_scholar.bibliography.model import Link, Person, Publication
from mkdocs_scholar.render.env import make_environment
from mkdocs_scholar.render.publications import PublicationRenderer
from tests import papers

HERE = Path(__file__).parent
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

ME = Person(first="Anirbit", last="Mukherjee", highlight=True)

# Bibliographic values from shared/data/publications-facts.md; abstracts and keywords are fixtures.
JOURNAL = replace(
    papers.JOURNAL,
    authors=(Person(first="Dibyakanti", last="Kumar", url="https://dibyakanti.github.io/"), ME),
    publisher="IOP Publishing",
    abbr="MLST",
    abstract="Fixture abstract: the viscous Burgers' equation $u_t + u u_x = \\nu u_{xx}$.\n\nA second paragraph.",
    keywords=("PINNs", "PDE"),
    links=(
        Link("arxiv", "https://arxiv.org/abs/2310.05169", "arXiv"),
        Link("doi", "https://doi.org/10.1088/2632-2153/ad51cd", "DOI"),
        Link("pdf", "assets/papers/kumar2024pinns.pdf", "PDF"),
        Link("code", "assets/papers/kumar2024pinns-code.zip", "Code"),
        Link("slides", "assets/papers/kumar2024pinns-slides.pdf", "Slides"),
        Link("poster", "assets/papers/kumar2024pinns-poster.pdf", "Poster"),
        Link("video", "https://youtube.com/playlist?list=PLm3bVOi7aD4yAvkiJ8k6fuWvJyGDZMu3e", "Video"),
        Link("website", "https://iopscience.iop.org/article/10.1088/2632-2153/ad51cd", "Publisher"),
        Link("supp", "assets/papers/kumar2024pinns-supp.pdf", "Supplement"),
    ),
    bibtex=(
        "@article{kumar2024pinns,\n"
        "  title = {Investigating the ability of {PINNs} to solve {Burgers'} {PDE} near finite-time blowup},\n"
        "  author = {Kumar, Dibyakanti and Mukherjee, Anirbit},\n"
        "  journal = {Machine Learning: Science and Technology},\n"
        "  volume = {5},\n  number = {2},\n  pages = {025063},\n  year = {2024},\n  month = jun,\n"
        "  doi = {10.1088/2632-2153/ad51cd},\n}\n"
    ),
)

MATH_PREPRINT = Publication(
    key="fixture2025math",
    slug="fixture2025math",
    entry_type="misc",
    kind="preprint",
    title="Fixture: bounds of order $O(\\sqrt{n}\\log n)$ for $\\ell_2$-regularised nets & more",
    authors=(ME, Person(first="Ada", last="Example")),
    year=2025,
    bibtex="@misc{fixture2025math,\n  title = {Fixture: bounds of order $O(\\sqrt{n}\\log n)$},\n}\n",
)

THESIS = Publication(
    key="mukherjee2020thesis",
    slug="mukherjee2020thesis",
    entry_type="phdthesis",
    kind="thesis",
    title="A Study of the Mathematics of Deep Learning",
    authors=(ME,),
    year=2020,
    month=7,
    institution="Johns Hopkins University",
    arxiv_id="2104.14033",
    links=(Link("arxiv", "https://arxiv.org/abs/2104.14033", "arXiv"),),
    bibtex=(
        "@phdthesis{mukherjee2020thesis,\n  title = {A Study of the Mathematics of Deep Learning},\n"
        "  author = {Mukherjee, Anirbit},\n  school = {Johns Hopkins University},\n  year = {2020},\n}\n"
    ),
)

HOSTILE = Publication(
    key='evil"><script>alert(1)</script>',
    slug="evil",
    entry_type="article",
    kind="journal",
    title='<script>alert("t")</script> & $</span><img src=x onerror=alert(1)>$',
    authors=(Person(first="<img src=x onerror=alert(2)>", last="Mallory", url="javascript:alert(3)"),),
    year=2024,
    venue="</em><script>alert(4)</script>",
    abbr="<b>X</b>",
    award="<i>award</i>",
    note='" onmouseover="alert(5)',
    abstract="</details><script>alert(6)</script>",
    keywords=('"><script>',),
    links=(
        Link("url", "javascript:alert(7)", "JS"),
        Link("pdf", "JaVaScRiPt:alert(8)", "PDF"),
        Link("code", "java\nscript:alert(9)", "Code"),
        Link("video", "data:text/html,<script>alert(10)</script>", "Video"),
        Link("website", "//evil.example/x", "Site"),
        Link("doi", "https://doi.org/10.1088/2632-2153/ad51cd", '<svg onload="alert(11)">'),
    ),
    bibtex="@article{evil,\n  title = {</code></pre><script>alert(12)</script>},\n}",
)

LONG = Publication(
    key="fixture2025long",
    slug="fixture2025long",
    entry_type="inproceedings",
    kind="conference",
    title="Fixture: a paper with a long author list",
    authors=tuple(
        ME
        if i == 13
        else Person(first="Author", last=f"Number{i:02d}", url="people/number02/" if i == 2 else None)
        for i in range(25)
    ),
    et_al=True,
    year=2025,
    month=2,
    venue="Fixture Conference",
    pages="1--12",
    award="Fixture award",
)

# Math outside the title: in a name, the venue, numbers, publisher, badge, award, note, keywords.
FIELDS_MATH = Publication(
    key="fixture2025fields",
    slug="fixture2025fields",
    entry_type="incollection",
    kind="book",
    title="Fixture: math outside the title",
    authors=(Person(last="$\\alpha$ Collaboration", corporate=True), ME),
    editors=(Person(first="Eve", last="$\\beta$-Editor"),),
    year=2025,
    venue="Handbook of $L^p$ Spaces & More",
    volume="$n$",
    pages="1--12",
    publisher="$\\pi$ Press",
    abbr="$\\Lambda$CDM",
    award="Best $\\epsilon$ paper",
    note="Extends $k$-means",
    keywords=("$k$-means", "PDE"),
)

CASES: dict[str, Callable[[], str]] = {
    "journal-all-links": lambda: renderer(True).entry(JOURNAL, base="../"),
    "preprint-math-mathjax": lambda: renderer(True).entry(MATH_PREPRINT, base=""),
    "preprint-math-unicode": lambda: renderer(False).entry(MATH_PREPRINT, base=""),
    "thesis": lambda: renderer(True).entry(THESIS, base=""),
    "hostile": lambda: renderer(True).entry(HOSTILE, base=""),
    "long-authors": lambda: renderer(True, max_authors=10).entry(LONG, base="../"),
    "fields-math-mathjax": lambda: renderer(True).entry(FIELDS_MATH, base=""),
    "fields-math-unicode": lambda: renderer(False).entry(FIELDS_MATH, base=""),
}
PAGES: dict[str, Callable[[], str]] = {
    "paper-journal": lambda: renderer(True).paper_page(
        JOURNAL, base="../../", news=[("2 December 2024", "Fixture news item", "../../news/#news-fixture")]
    ),
    "paper-fields-math": lambda: renderer(True).paper_page(FIELDS_MATH, base="../../", news=[]),
    "filter-fields-math": lambda: renderer(True).filter_bar([FIELDS_MATH, JOURNAL]),
    "group-and-filter": lambda: (
        renderer(True).filter_bar([JOURNAL, MATH_PREPRINT, THESIS])
        + "\n"
        + renderer(True).group([THESIS, MATH_PREPRINT], base="")
    ),
}


def renderer(math: bool, *, max_authors: int = 10) -> PublicationRenderer:
    """The renderer with the package's own templates."""
    return PublicationRenderer(make_environment(), math=math, max_authors=max_authors)


def check(folder: str, name: str, html: str) -> None:
    """Compare with (or, with UPDATE_GOLDEN=1, rewrite) `<folder>/<name>.html`."""
    path = HERE / folder / f"{name}.html"
    text = html + "\n"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run UPDATE_GOLDEN=1 pytest tests/golden"
    assert text == path.read_text(encoding="utf-8"), f"{name} changed: review, then UPDATE_GOLDEN=1"


@pytest.mark.parametrize("name", sorted(CASES))
def test_entry_matches_golden(name: str) -> None:
    """A rendered entry is byte-for-byte its reviewed golden file."""
    check("entries", name, CASES[name]())


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_matches_golden(name: str) -> None:
    """A paper page body and a list with its filter bar match their golden files."""
    check("pages", name, PAGES[name]())


@pytest.mark.parametrize(("folder", "cases"), [("entries", CASES), ("pages", PAGES)])
def test_no_stale_golden_files(folder: str, cases: dict[str, Callable[[], str]]) -> None:
    """Every golden file belongs to a case (a renamed case leaves no orphan behind)."""
    assert {p.stem for p in (HERE / folder).glob("*.html")} == set(cases)


class _Tags(HTMLParser):
    """Every start tag of a fragment as (name, attributes)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_hostile_golden_has_no_live_markup() -> None:
    """The reviewed hostile entry itself holds no script, no event handler, no bad link."""
    text = (HERE / "entries" / "hostile.html").read_text(encoding="utf-8")
    tags = _Tags(text).tags
    assert not {name for name, _ in tags} & {"script", "img", "svg", "iframe", "b", "i"}
    assert not [k for _, attrs in tags for k in attrs if k.startswith("on")]
    hrefs = [attrs["href"] for name, attrs in tags if name == "a"]
    assert hrefs == ["publications/evil/", "https://doi.org/10.1088/2632-2153/ad51cd"]
    assert "javascript:" not in text.lower() and "data:text" not in text and "evil.example" not in text
