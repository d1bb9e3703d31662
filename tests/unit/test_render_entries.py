"""Entries, lists, the filter bar and paper pages as HTML: the public contract and escaping."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import Markup

from mkdocs_scholar.bibliography.model import Link, Person, Publication
from mkdocs_scholar.render.env import make_environment
from mkdocs_scholar.render.publications import (
    PublicationRenderer,
    authors_view,
    clear_view_cache,
    keywords_attr,
    venue_html,
    venue_parts,
)
from tests import papers

ME = Person(first="Anirbit", last="Mukherjee", highlight=True)
JOURNAL = replace(
    papers.JOURNAL,
    authors=(Person(first="Dibyakanti", last="Kumar", url="https://dibyakanti.github.io/"), ME),
    abstract="First paragraph.\n\nSecond paragraph.",
    keywords=("PINNs", "PDE"),
    links=(
        Link("arxiv", "https://arxiv.org/abs/2310.05169", "arXiv"),
        Link("doi", "https://doi.org/10.1088/2632-2153/ad51cd", "DOI"),
        Link("pdf", "assets/papers/kumar2024pinns.pdf", "PDF"),
    ),
    bibtex="@article{kumar2024pinns,\n  title = {Investigating ...},\n}\n",
)


class Tags(HTMLParser):
    """Every start tag as (name, attributes), and the text, of an HTML fragment."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data

    def find(self, tag: str = "", **attrs: str) -> list[dict[str, str | None]]:
        """Attributes of the tags with this name (any if "") whose attributes include `attrs`."""
        found = []
        for name, have in self.tags:
            classes = (have.get("class") or "").split()
            wanted_class = attrs.get("class_")
            if tag and name != tag:
                continue
            if wanted_class and wanted_class not in classes:
                continue
            if all(have.get(k) == v for k, v in attrs.items() if k != "class_"):
                found.append(have)
        return found


def renderer(**kwargs: object) -> PublicationRenderer:
    options: dict[str, object] = {"math": True}
    options.update(kwargs)
    return PublicationRenderer(make_environment(), **options)  # type: ignore[arg-type]


def test_entry_root_follows_the_contract() -> None:
    """The root `<li>` has the class, id, exact key and the filter's data attributes."""
    html = renderer().entry(replace(JOURNAL, key="Kumar:2024/PINNs"), base="")
    root = Tags(html).tags[0]
    assert root[0] == "li"
    assert root[1]["class"] == "scholar-entry"
    assert root[1]["id"] == "pub-kumar2024pinns"
    assert root[1]["data-bibkey"] == "Kumar:2024/PINNs"
    assert root[1]["data-kind"] == "journal"
    assert root[1]["data-year"] == "2024"
    assert root[1]["data-keywords"] == "PINNs,PDE"


def test_entry_without_anchor_has_no_id() -> None:
    """A repeated entry (second keyword group) keeps its key but not its id."""
    root = Tags(renderer().entry(JOURNAL, base="", anchor=False)).tags[0][1]
    assert "id" not in root and root["data-bibkey"] == "kumar2024pinns"


@pytest.mark.parametrize(("base", "prefix"), [("", ""), ("../", "../"), ("../../", "../../")])
def test_relative_links_get_the_base(base: str, prefix: str) -> None:
    """Site-relative links and the paper page link are prefixed with the page's base."""
    tags = Tags(renderer().entry(JOURNAL, base=base))
    assert tags.find("a", class_="scholar-title")[0]["href"] == f"{prefix}publications/kumar2024pinns/"
    assert tags.find("a", **{"data-link": "pdf"})[0]["href"] == f"{prefix}assets/papers/kumar2024pinns.pdf"
    assert tags.find("a", **{"data-link": "arxiv"})[0]["href"] == "https://arxiv.org/abs/2310.05169"


def test_link_buttons_carry_kind_and_rel() -> None:
    """Each link has data-link; external ones get rel=noopener, relative ones do not."""
    tags = Tags(renderer().entry(JOURNAL, base=""))
    links = {a["data-link"]: a for a in tags.find("a") if "data-link" in a}
    assert list(links) == ["arxiv", "doi", "pdf"]
    assert links["arxiv"]["rel"] == "noopener" and links["doi"]["rel"] == "noopener"
    assert "rel" not in links["pdf"]


def test_paper_pages_off_leaves_title_unlinked() -> None:
    """Without paper pages the title is text, not a link."""
    tags = Tags(renderer(paper_pages=False).entry(JOURNAL, base=""))
    assert not tags.find("a", class_="scholar-title")
    assert tags.find("span", class_="scholar-title")


def test_custom_publications_url() -> None:
    """The paper link follows publications_url, with or without slashes."""
    tags = Tags(renderer(publications_url="/papers").entry(JOURNAL, base="../"))
    assert tags.find("a", class_="scholar-title")[0]["href"] == "../papers/kumar2024pinns/"


def test_owner_is_highlighted_and_coauthor_linked() -> None:
    """The owner is in strong.scholar-me; a co-author with a page is a link."""
    html = renderer().entry(JOURNAL, base="")
    assert '<strong class="scholar-me">Anirbit Mukherjee</strong>' in html
    assert '<a href="https://dibyakanti.github.io/" rel="noopener">Dibyakanti Kumar</a>' in html


def test_bad_coauthor_url_is_not_a_link() -> None:
    """A co-author address with a refused scheme prints the name only."""
    evil = Person(first="Eve", last="Example", url="javascript:alert(1)")
    html = renderer().entry(replace(JOURNAL, authors=(evil,)), base="")
    assert "javascript" not in html and ">Eve Example<" in html


def test_corporate_author_and_et_al() -> None:
    """A corporate name prints whole; "and others" prints et al."""
    corp = Person(last="The LIGO Scientific Collaboration", corporate=True)
    text = Tags(renderer().entry(replace(JOURNAL, authors=(ME, corp), et_al=True), base="")).text
    assert "Anirbit Mukherjee, The LIGO Scientific Collaboration, et al." in text


def test_abstract_and_bibtex_toggles() -> None:
    """Abstract and BibTeX are closed <details>; BibTeX is excluded from search and copyable."""
    tags = Tags(renderer().entry(JOURNAL, base=""))
    details = tags.find("details")
    assert [d["class"] for d in details] == [
        "scholar-toggle scholar-abstract",
        "scholar-toggle scholar-bibtex",
    ]
    assert all("open" not in d for d in details)
    assert "data-search-exclude" in details[1]
    assert tags.find("pre")[0].get("data-search-exclude", "missing") is None
    button = tags.find("button", class_="scholar-copy")[0]
    assert "copy" in (button["aria-label"] or "").lower() and "hidden" in button
    assert "First paragraph." in tags.text and "Second paragraph." in tags.text


def test_entry_without_extras_has_no_empty_boxes() -> None:
    """No links, abstract or BibTeX: no actions row; no venue or date: no venue line."""
    bare = Publication(key="k", slug="k", entry_type="misc", kind="other", title="Only a title")
    html = renderer().entry(bare, base="")
    assert "scholar-actions" not in html and "scholar-venue" not in html and "scholar-authors" not in html
    assert 'data-year=""' in html


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
        Link("slides", "vbscript:msgbox(11)", "Slides"),
        Link("arxiv", "https://arxiv.org/abs/2310.05169", "arXiv"),
    ),
    bibtex="@article{evil,\n  title = {</code></pre><script>alert(12)</script>},\n}",
)


@pytest.mark.parametrize("math", [True, False])
def test_hostile_entry_is_neutralised(math: bool) -> None:
    """Markup in every field is escaped and only the http(s) link survives."""
    r = renderer(math=math)
    for html in (r.entry(HOSTILE, base=""), r.paper_page(HOSTILE, base="", news=[])):
        tags = Tags(html)
        assert "script" not in {name for name, _ in tags.tags}
        assert "img" not in {name for name, _ in tags.tags}
        assert not any(k.startswith("on") for _, attrs in tags.tags for k in attrs)
        hrefs = [a["href"] or "" for a in tags.find("a")]
        assert all(h.startswith(("https://", "publications/", "#")) or h.endswith(".bib") for h in hrefs), (
            hrefs
        )
        assert "javascript" not in html.lower() and "vbscript" not in html.lower()
        assert "evil.example" not in html and "data:text" not in html
        assert [a["data-link"] for a in tags.find("a") if "data-link" in a] == ["arxiv"]


def test_long_author_list_keeps_owner_visible() -> None:
    """Over max_authors: the first names, a gap, the owner, and a toggle with all names."""
    people = [Person(first="A", last=f"Author{i:02d}") for i in range(25)]
    people[14] = ME
    view = authors_view(people, et_al=False, max_authors=10, base="")
    short = [a.name if a else "…" for a in view.short]
    assert short == [f"A Author{i:02d}" for i in range(9)] + ["…", "Anirbit Mukherjee"]
    assert view.hidden == 15
    assert len(view.full) == 25

    html = renderer(max_authors=10).entry(replace(JOURNAL, authors=tuple(people)), base="")
    tags = Tags(html)
    more = tags.find("details", class_="scholar-authors-more")
    assert len(more) == 1 and "open" not in more[0]
    assert "+15 more" in tags.text
    assert html.count('<strong class="scholar-me">') == 2  # in the short list and in the full one


@pytest.mark.parametrize(
    ("n", "owner", "limit", "short", "hidden"),
    [
        (10, 9, 10, None, 0),
        (11, 0, 10, None, 0),
        (11, 10, 10, None, 0),
        (12, 10, 10, [*range(9), None, 10], 2),
        (12, 9, 10, [*range(10)], 2),
        (5, 4, 1, [0, None, 4], 3),
        (5, 4, 0, [0, None, 4], 3),
    ],
)
def test_authors_view_table(
    n: int, owner: int, limit: int, short: list[int | None] | None, hidden: int
) -> None:
    """A shortened list shows `limit` names (the first name and the owner at least), a gap where names are skipped."""
    people = [replace(ME, highlight=False, last=str(i)) for i in range(n)]
    people[owner] = replace(people[owner], highlight=True)
    view = authors_view(people, et_al=False, max_authors=limit, base="")
    got = [None if a is None else int(a.name.split()[-1]) for a in view.short]
    assert got == (list(range(n)) if short is None else short)
    assert view.hidden == hidden


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, (("Machine Learning: Science and Technology", True), ("5(2):025063", False))),
        ({"number": ""}, (("Machine Learning: Science and Technology", True), ("5:025063", False))),
        (
            {"volume": "", "pages": "56--66"},
            (("Machine Learning: Science and Technology", True), ("pp. 56–66", False)),
        ),
        ({"volume": "", "pages": "7"}, (("Machine Learning: Science and Technology", True), ("p. 7", False))),
        (
            {
                "kind": "thesis",
                "entry_type": "phdthesis",
                "venue": "",
                "institution": "Johns Hopkins University",
            },
            (("PhD thesis", False), ("Johns Hopkins University", True)),
        ),
        (
            {"kind": "thesis", "entry_type": "mastersthesis", "venue": "Some University"},
            (("Master's thesis", False), ("Some University", True)),
        ),
        (
            {
                "kind": "other",
                "entry_type": "techreport",
                "number": "TR-7",
                "venue": "",
                "institution": "Lab",
            },
            (("Technical report TR-7", False), ("Lab", True)),
        ),
        ({"kind": "preprint", "entry_type": "misc", "venue": ""}, (("arXiv:2310.05169", False),)),
        ({"kind": "preprint", "entry_type": "misc", "venue": "", "arxiv_id": None}, (("Preprint", False),)),
        (
            {
                "kind": "book",
                "entry_type": "book",
                "venue": "",
                "volume": "",
                "pages": "",
                "publisher": "Springer",
            },
            (("Springer", False),),
        ),
        (
            {
                "kind": "book",
                "entry_type": "book",
                "venue": "Vision",
                "volume": "",
                "pages": "",
                "publisher": "Vision",
            },
            (("Vision", True),),
        ),
    ],
)
def test_venue_parts(changes: dict[str, object], expected: tuple[tuple[str, bool], ...]) -> None:
    """Where the work appeared reads naturally for each kind."""
    assert venue_parts(replace(JOURNAL, **changes)) == expected  # type: ignore[arg-type]


def test_venue_line_with_date() -> None:
    """The venue line is italic venue, numbers, then month and year."""
    html = renderer().entry(JOURNAL, base="")
    assert (
        '<div class="scholar-venue"><em>Machine Learning: Science and Technology</em>, 5(2):025063, '
        '<span class="scholar-date">June 2024</span></div>'
    ) in html


def test_math_title_for_mathjax_and_without() -> None:
    """A math title becomes an arithmatex span, or Unicode when the site has no MathJax."""
    pub = replace(JOURNAL, title="Bounds of order $O(n^2)$")
    assert '<span class="arithmatex">\\(O(n^2)\\)</span>' in renderer(math=True).entry(pub, base="")
    plain = renderer(math=False).entry(pub, base="")
    assert "Bounds of order O(n²)" in plain and "arithmatex" not in plain


def test_group_wraps_entries_in_order() -> None:
    """A group is one div.scholar-group holding an ol of entries, repeats without ids."""
    second = replace(JOURNAL, key="b", slug="b")
    html = renderer().group([JOURNAL, second], base="", repeats=frozenset({"b"}))
    tags = Tags(html)
    assert [t[0] for t in tags.tags[:2]] == ["div", "ol"]
    entries = tags.find("li", class_="scholar-entry")
    assert [e["data-bibkey"] for e in entries] == ["kumar2024pinns", "b"]
    assert [e.get("id") for e in entries] == ["pub-kumar2024pinns", None]


def test_filter_bar() -> None:
    """The bar starts hidden, is labelled, and offers only the kinds, years and keywords present."""
    pubs = [
        JOURNAL,
        replace(JOURNAL, key="p", slug="p", kind="preprint", year=2023, keywords=("pde", "Theory")),
    ]
    tags = Tags(renderer().filter_bar(pubs))
    form = tags.tags[0][1]
    assert tags.tags[0][0] == "form" and "hidden" in form and "data-scholar-filter" in form
    assert form["aria-label"]
    box = tags.find("input", name="text")[0]
    assert tags.find("label", **{"for": box["id"] or ""})
    kinds = [b["data-value"] for b in tags.find("button", **{"data-facet": "kind"})]
    assert kinds == ["journal", "preprint"]
    assert all(b["aria-pressed"] == "false" for b in tags.find("button", class_="scholar-chip"))
    assert [o["value"] for o in tags.find("option")] == ["", "2024", "2023"]
    assert [b["data-value"] for b in tags.find("button", **{"data-facet": "kw"})] == [
        "PDE",
        "PINNs",
        "Theory",
    ]
    assert tags.find("p", role="status")
    assert "2 publications" in tags.text


def test_filter_bar_hides_single_valued_facets() -> None:
    """One kind and one year: no kind chips, no year menu."""
    tags = Tags(renderer().filter_bar([JOURNAL]))
    assert not tags.find("button", **{"data-facet": "kind"}) and not tags.find("select")
    assert "1 publication" in tags.text and "1 publications" not in tags.text


def test_paper_page() -> None:
    """The paper page shows everything, BibTeX with copy and download, news, and a way back."""
    news = [("2 June 2024", "Paper <accepted>", "../../news/#news-iop"), ("x", "bad", "javascript:alert(1)")]
    html = renderer().paper_page(JOURNAL, base="../../", news=news)
    tags = Tags(html)
    root = tags.tags[0][1]
    assert root["class"] == "scholar-paper" and root["data-bibkey"] == "kumar2024pinns"
    assert not tags.find("details", class_="scholar-toggle")  # abstract and BibTeX are open here
    assert "First paragraph." in tags.text
    assert tags.find("a", href="../../publications/kumar2024pinns.bib")
    assert tags.find("a", href="../../publications/#pub-kumar2024pinns")
    assert tags.find("a", href="../../news/#news-iop")
    assert "Paper &lt;accepted&gt;" in html
    assert "javascript" not in html
    assert tags.find("div", class_="scholar-bibtex")[0].get("data-search-exclude", "missing") is None


def test_paper_page_without_downloads() -> None:
    """With downloads off there is no .bib link."""
    html = renderer().paper_page(JOURNAL, base="../../", news=[], downloads=False)
    assert ".bib" not in html


def test_paper_page_lists_every_author() -> None:
    """Paper pages never shorten the author list."""
    people = tuple(Person(first="A", last=f"Author{i:02d}") for i in range(30))
    html = renderer(max_authors=3).paper_page(replace(JOURNAL, authors=people), base="", news=[])
    assert "scholar-authors-more" not in html and "Author29" in html


def test_filter_bar_counts_repeated_entries_once() -> None:
    """A keyword-grouped list passes an entry twice; the bar counts it once."""
    tags = Tags(renderer().filter_bar([JOURNAL, JOURNAL]))
    assert "1 publication" in tags.text and "(2)" not in tags.text


def test_user_template_override(tmp_path: Path) -> None:
    """A user's scholar/entry.html replaces ours; the other templates still come from the package."""
    (tmp_path / "scholar").mkdir()
    (tmp_path / "scholar" / "entry.html").write_text(
        '<li data-bibkey="{{ pub.key }}">mine</li>', encoding="utf-8"
    )
    r = PublicationRenderer(make_environment([tmp_path]), math=False)
    html = r.group([JOURNAL], base="")
    assert '<li data-bibkey="kumar2024pinns">mine</li>' in html and 'class="scholar-group"' in html


# -- math in every displayed field ----------------------------------------------------------------

COLLABORATION = Person(last=r"$\alpha$ Collaboration", corporate=True)
BOOK = replace(JOURNAL, entry_type="book", kind="book", venue="", volume="", number="", pages="")

# (case, the publication, the TeX that must not show raw, how MathJax gets it, its Unicode form)
MATH_FIELDS: list[tuple[str, Publication, str, str, str]] = [
    ("venue", replace(JOURNAL, venue="Journal of $L^p$ Spaces"), "$L^p$", r"\(L^p\)", "L^p"),
    ("publisher", replace(BOOK, publisher=r"$\pi$ Press"), r"$\pi$", r"\(\pi\)", "π"),
    ("school", replace(JOURNAL, kind="thesis", entry_type="phdthesis", institution=r"$\Sigma$ U"), r"$\Sigma$", r"\(\Sigma\)", "Σ"),
    ("numbers", replace(JOURNAL, volume="$n$"), "$n$", r"\(n\)", "n("),
    ("note", replace(JOURNAL, note="Extends $k$-means"), "$k$", r"\(k\)", "Extends k-means"),
    ("award", replace(JOURNAL, award=r"Best $\epsilon$ paper"), r"$\epsilon$", r"\(\epsilon\)", "Best ϵ paper"),
    ("abbr", replace(JOURNAL, abbr=r"$\Lambda$CDM"), r"$\Lambda$", r"\(\Lambda\)", "ΛCDM"),
    ("author", replace(JOURNAL, authors=(COLLABORATION, ME)), r"$\alpha$", r"\(\alpha\)", "α Collaboration"),
    ("owner", replace(JOURNAL, authors=(replace(ME, last="M$^2$"),)), "$^2$", r"\(^2\)", "M²"),
]  # fmt: skip


def _visible(html: str) -> str:
    """The entry without its BibTeX box (which rightly shows the source)."""
    return html.split('<details class="scholar-toggle scholar-bibtex"', 1)[0]


@pytest.mark.parametrize(("case", "pub", "raw", "tex", "text"), MATH_FIELDS, ids=[c[0] for c in MATH_FIELDS])
def test_math_in_any_field_goes_to_mathjax(
    case: str, pub: Publication, raw: str, tex: str, text: str
) -> None:
    """With MathJax every displayed field's `$...$` becomes an arithmatex span, as the title's does."""
    for html in (
        renderer(math=True).entry(pub, base=""),
        renderer(math=True).paper_page(pub, base="", news=[]),
    ):
        assert raw not in _visible(html)
        assert f'<span class="arithmatex">{tex}</span>' in html


@pytest.mark.parametrize(("case", "pub", "raw", "tex", "text"), MATH_FIELDS, ids=[c[0] for c in MATH_FIELDS])
def test_math_in_any_field_is_unicode_without_mathjax(
    case: str, pub: Publication, raw: str, tex: str, text: str
) -> None:
    """Without MathJax the math shows as Unicode in the list, on the paper page and in data-search."""
    for html in (
        renderer(math=False).entry(pub, base=""),
        renderer(math=False).paper_page(pub, base="", news=[]),
    ):
        assert raw not in _visible(html) and "arithmatex" not in html
        assert text in Tags(html).text
    search = Tags(renderer(math=True).entry(pub, base="")).tags[0][1]["data-search"] or ""
    assert "$" not in search


@pytest.mark.parametrize(
    ("keywords", "attr"),
    [
        (("PINNs", "PDE"), "PINNs,PDE"),
        (("$k$-means", "PDE"), "k-means,PDE"),
        ((r"$\ell_1$, sparse",), "ℓ₁  sparse"),
        (("a,b", " "), "a b"),
    ],
)
def test_keywords_attr_is_plain_text(keywords: tuple[str, ...], attr: str) -> None:
    """`data-keywords` holds plain text: math as Unicode, a comma inside a keyword a space."""
    assert keywords_attr(keywords) == attr


def test_math_keyword_chip_value_is_plain_and_label_is_math() -> None:
    """The chip's value matches the entries' data-keywords; its label shows the math."""
    pub = replace(JOURNAL, keywords=("$k$-means", "PDE"))
    html = renderer(math=True).filter_bar([pub])
    chips = Tags(html).find("button", **{"data-facet": "kw"})
    assert [c["data-value"] for c in chips] == ["k-means", "PDE"]
    assert '<span class="arithmatex">\\(k\\)</span>-means <span class="scholar-chip-count">' in html
    entry = Tags(renderer(math=True).entry(pub, base="")).tags[0][1]
    assert entry["data-keywords"] == "k-means,PDE"
    assert "$" not in renderer(math=False).filter_bar([pub])


def test_math_in_keywords_and_editors_on_the_paper_page() -> None:
    """The paper page's keyword list and editors get the title's math handling too."""
    pub = replace(JOURNAL, keywords=("$k$-means",), editors=(Person(first="E", last=r"$\beta$"),))
    html = renderer(math=True).paper_page(pub, base="", news=[])
    assert '<span class="scholar-keyword"><span class="arithmatex">\\(k\\)</span>-means</span>' in html
    assert 'Edited by E <span class="arithmatex">\\(\\beta\\)</span>' in html
    assert "Edited by E β" in renderer(math=False).paper_page(pub, base="", news=[])


def test_math_and_markup_in_one_field_stay_escaped() -> None:
    """Math does not open a way around escaping: the text around it and the TeX are escaped."""
    pub = replace(
        JOURNAL,
        venue="<b>J</b> of $a<b$ & co",
        note='"><script>$x$',
        award="<i>$y$</i>",
        authors=(Person(last="<img src=x> $z$", corporate=True),),
    )
    for math in (True, False):
        html = renderer(math=math).entry(pub, base="")
        assert "<script" not in html and "<b>" not in html and "<i>" not in html and "<img" not in html
    html = renderer(math=True).entry(pub, base="")
    assert '<span class="arithmatex">\\(a&lt;b\\)</span>' in html


def test_views_of_math_fields_are_markup_and_text_parts_print_right() -> None:
    """HTML fields are Markup; `e.venue` parts and author names holding math print as HTML."""
    pub = replace(JOURNAL, venue="J of $L^p$", note="$k$", award="A", abbr="", authors=(COLLABORATION,))
    view = renderer(math=True).view(pub, base="")
    assert (
        isinstance(view.note, Markup)
        and isinstance(view.award, Markup)
        and isinstance(view.venue_html, Markup)
    )
    assert view.abbr == "" and str(view.award) == "A"
    assert view.venue[0] == ('J of <span class="arithmatex">\\(L^p\\)</span>', True)
    assert isinstance(view.venue[0][0], Markup)
    assert isinstance(view.authors.full[0].name, Markup)
    assert "$" not in view.search and "L^p" in view.search and "α Collaboration" in view.search


def test_fields_without_math_keep_their_plain_values() -> None:
    """An entry without math takes the old path: venue parts and names stay plain strings."""
    view = renderer(math=True).view(JOURNAL, base="")
    assert all(type(text) is str for text, _ in view.venue)
    assert all(type(name) is str for name, *_ in view.authors.names)


def test_authors_view_and_macros_agree_on_math_names() -> None:
    """`authors_view(math=...)` and the `names` macro kept for overrides print the same math."""
    people = (COLLABORATION, ME)
    env = make_environment()
    names = env.get_template("scholar/authors.html").module.names  # type: ignore[attr-defined]
    for math, shown in (
        (True, '<span class="arithmatex">\\(\\alpha\\)</span> Collaboration'),
        (False, "α Collaboration"),
    ):
        view = authors_view(people, et_al=False, max_authors=10, base="", math=math)
        assert f'<span class="scholar-author">{shown}</span>' in view.html
        assert str(names(view.full, False)) == str(view.html)


@pytest.mark.parametrize(
    ("parts", "math", "expected"),
    [
        ((("J", True), ("5(2)", False)), True, "<em>J</em>, 5(2)"),
        ((("J of $L^p$", True),), True, '<em>J of <span class="arithmatex">\\(L^p\\)</span></em>'),
        ((("J of $L^p$", True),), False, "<em>J of L^p</em>"),
        ((("$5 & $10", False),), False, "$5 &amp; $10"),
    ],
)
def test_venue_html_math(parts: tuple[tuple[str, bool], ...], math: bool, expected: str) -> None:
    """The venue line gives math to MathJax or shows it as Unicode, and escapes the rest."""
    assert str(venue_html(parts, math)) == expected


def test_math_renderer_setting_is_part_of_the_view_cache_key() -> None:
    """The same entry rendered for a MathJax site and for a plain one is not mixed up."""
    clear_view_cache()
    pub = replace(JOURNAL, note="$k$")
    assert "arithmatex" in renderer(math=True).entry(pub, base="")
    assert "arithmatex" not in renderer(math=False).entry(pub, base="")
