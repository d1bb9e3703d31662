"""The news HTML: the public contract, escaping, sanitizing, the filter bar and item pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mkdocs_scholar.news.model import NewsDate, NewsItem
from mkdocs_scholar.render.env import ASSETS, make_environment
from mkdocs_scholar.render.news import NewsRenderer, RenderedItem


class Elements(HTMLParser):
    """Collects (tag, attributes) of every start tag, and checks that tags nest properly."""

    VOID = frozenset({"img", "br", "hr", "input", "meta", "link", "source", "wbr"})

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.feed(html)
        self.close()
        assert self.open == [], f"unclosed: {self.open}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open}"
        self.open.pop()

    def with_class(self, name: str) -> list[dict[str, str | None]]:
        """Attributes of the elements having this class."""
        return [attrs for _, attrs in self.found if name in (attrs.get("class") or "").split()]


def news_item(**changes: object) -> NewsItem:
    """A typical item, with some fields changed."""
    fields: dict[str, object] = {
        "slug": "burgers-pinn",
        "date": NewsDate(2024, 6, 11),
        "title": "PINNs near blow-up",
        "tags": ("paper", "Machine Learning"),
        "papers": ("kumar2024",),
        "body": "Body",
        "excerpt": "Body",
    }
    fields.update(changes)
    return NewsItem(**fields)  # type: ignore[arg-type]


@pytest.fixture
def renderer() -> NewsRenderer:
    """A renderer with the package's own templates."""
    return NewsRenderer(make_environment())


def test_item_root_follows_the_contract(renderer: NewsRenderer) -> None:
    """The item root is article.scholar-news-item with id news-<slug>, data-date and data-tags."""
    html = renderer.item(RenderedItem(news_item(), "<p>Body</p>"))
    tag, attrs = Elements(html).found[0]
    assert tag == "article"
    assert attrs == {
        "class": "scholar-news-item",
        "id": "news-burgers-pinn",
        "data-date": "2024-06-11",
        "data-tags": "paper machine-learning",
    }


@pytest.mark.parametrize(
    ("date", "datetime_attr", "data_date", "shown"),
    [
        (NewsDate(2024, 6, 11), "2024-06-11", "2024-06-11", "11 June 2024"),
        (NewsDate(2023, 10), "2023-10", "2023-10-01", "October 2023"),
        (NewsDate(2023), "2023", "2023-01-01", "2023"),
    ],
)
def test_dates_keep_their_precision(
    renderer: NewsRenderer, date: NewsDate, datetime_attr: str, data_date: str, shown: str
) -> None:
    """<time datetime> and the visible date are as precise as the source; data-date is padded."""
    html = renderer.item(RenderedItem(news_item(date=date), ""))
    assert f'data-date="{data_date}"' in html
    assert f'<time class="scholar-news-item__date" datetime="{datetime_attr}">{shown}</time>' in html


def test_untrusted_text_is_escaped(renderer: NewsRenderer) -> None:
    """Title, tags and paper labels from user files are escaped, never markup."""
    item = news_item(title="<script>alert(1)</script>", tags=('"><img src=x onerror=alert(1)>',))
    html = renderer.item(
        RenderedItem(item, "", more_url="x/", papers=(("<b>bold</b>", "p/#pub-k"),), tags_url="./")
    )
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Paper: &lt;b&gt;bold&lt;/b&gt;" in html
    Elements(html)  # still well-formed


def test_body_html_is_sanitized_by_default(renderer: NewsRenderer) -> None:
    """Markdown may carry raw HTML: scripts, handlers and javascript: links are removed."""
    body = (
        '<p>Hi<script>alert(1)</script><img src="a.png" onerror="alert(1)"><a href="javascript:x()">x</a></p>'
    )
    html = renderer.item(RenderedItem(news_item(), body))
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert '<img src="a.png">' in html


def test_sanitizing_can_be_turned_off() -> None:
    """A site that trusts its news files may keep raw HTML as it is."""
    html = NewsRenderer(make_environment(), sanitize=False).item(
        RenderedItem(news_item(), '<p onclick="x()">Hi</p>')
    )
    assert '<p onclick="x()">Hi</p>' in html


@pytest.mark.parametrize(
    ("more_url", "link", "title_href"),
    [
        ("burgers-pinn/", None, "burgers-pinn/"),
        (None, "https://arxiv.org/abs/2310.05169", "https://arxiv.org/abs/2310.05169"),
        ("burgers-pinn/", "https://arxiv.org/abs/2310.05169", "burgers-pinn/"),
        (None, None, None),
    ],
)
def test_title_link(
    renderer: NewsRenderer, more_url: str | None, link: str | None, title_href: str | None
) -> None:
    """The title links to the item's page, else to its `link`, else nowhere."""
    html = renderer.item(RenderedItem(news_item(link=link), "", more_url=more_url))
    match = re.search(r'<h3 class="scholar-news-item__title">(.*?)</h3>', html, re.DOTALL)
    assert match is not None
    expected = f'<a href="{title_href}">PINNs near blow-up</a>' if title_href else "PINNs near blow-up"
    assert match.group(1) == expected
    # With a page and a link both, the link still shows, labelled by its host.
    assert ('<a href="https://arxiv.org/abs/2310.05169">arxiv.org</a>' in html) == bool(more_url and link)


def test_read_more_names_its_item(renderer: NewsRenderer) -> None:
    """ "Read more" appears only with a page, and says which item to a screen reader."""
    html = renderer.item(RenderedItem(news_item(), "<p>Opening</p>", more_url="burgers-pinn/"))
    assert (
        '<a href="burgers-pinn/">Read more<span class="scholar-visually-hidden">: PINNs near blow-up</span></a>'
        in html
    )
    assert "Read more" not in renderer.item(RenderedItem(news_item(), "<p>All</p>"))


def test_papers_and_tag_chips(renderer: NewsRenderer) -> None:
    """Each paper is a "Paper: <label>" link; tag chips link to the timeline with ?tag=<slug>."""
    html = renderer.item(
        RenderedItem(
            news_item(),
            "",
            papers=(("Kumar & Mukherjee 2024", "../publications/#pub-kumar2024"),),
            tags_url="../news/",
        )
    )
    assert (
        '<a class="scholar-news-item__paper" href="../publications/#pub-kumar2024">Paper: Kumar &amp; Mukherjee 2024</a>'
        in html
    )
    chips = Elements(html).with_class("scholar-news-chip")
    assert [(c.get("href"), c.get("data-tag")) for c in chips] == [
        ("../news/?tag=paper", "paper"),
        ("../news/?tag=machine-learning", "machine-learning"),
    ]


def test_tag_chips_without_a_timeline_are_text(renderer: NewsRenderer) -> None:
    """Without tags_url the chips are plain spans, not links."""
    html = renderer.item(RenderedItem(news_item(), ""))
    assert [
        tag for tag, attrs in Elements(html).found if "scholar-news-chip" in (attrs.get("class") or "")
    ] == [
        "span",
        "span",
    ]


def test_an_item_without_tags_papers_or_title_has_no_empty_parts(renderer: NewsRenderer) -> None:
    """No footer, no heading when there is nothing to put in them."""
    html = renderer.item(RenderedItem(news_item(title="", tags=(), papers=()), "<p>Just text.</p>"))
    assert "<footer" not in html and "<h3" not in html


@pytest.mark.parametrize(("level", "tag"), [(3, "h3"), (4, "h4"), (1, "h2"), (9, "h6")])
def test_title_level(renderer: NewsRenderer, level: int, tag: str) -> None:
    """Item titles use the requested heading level, kept within h2-h6."""
    html = renderer.item(RenderedItem(news_item(), ""), title_level=level)
    assert f'<{tag} class="scholar-news-item__title">' in html


def test_filter_bar(renderer: NewsRenderer) -> None:
    """The bar is hidden (JS reveals it), has an All chip pressed, one chip per tag slug, and a live status."""
    parsed = Elements(renderer.filter_bar(["paper", "Talk", "talk", "Machine Learning"]))
    bar = parsed.with_class("scholar-news-filter")[0]
    assert "hidden" in bar and "data-search-exclude" in bar
    buttons = [attrs for tag, attrs in parsed.found if tag == "button"]
    assert [(b.get("data-tag"), b.get("aria-pressed"), b.get("type")) for b in buttons] == [
        ("", "true", "button"),
        ("paper", "false", "button"),
        ("talk", "false", "button"),
        ("machine-learning", "false", "button"),
    ]
    status = parsed.with_class("scholar-news-filter__status")[0]
    assert status.get("role") == "status" and status.get("aria-live") == "polite"


def test_timeline_renders_containers_not_headings(renderer: NewsRenderer) -> None:
    """timeline(): the bar once, then one group container per group — no year headings."""
    first = RenderedItem(news_item(), "<p>a</p>")
    second = RenderedItem(news_item(slug="old", date=NewsDate(2023)), "<p>b</p>")
    html = renderer.timeline([("2024", [first]), ("2023", [second])], show_filter=True, all_tags=["paper"])
    parsed = Elements(html)
    assert [t for t, _ in parsed.found if t in ("h1", "h2")] == []
    containers = ("scholar-news-filter", "scholar-news-group")
    classes = [attrs.get("class") for _, attrs in parsed.found if attrs.get("class") in containers]
    assert classes == ["scholar-news-filter", "scholar-news-group", "scholar-news-group"]
    assert [g.get("data-group") for g in parsed.with_class("scholar-news-group")] == ["2024", "2023"]
    ids = [attrs["id"] for _, attrs in parsed.found if "id" in attrs]
    assert ids == ["news-burgers-pinn", "news-old"]
    assert (
        renderer.timeline([("", [first])], show_filter=False, all_tags=[]).count("scholar-news-filter") == 0
    )


def test_timeline_group_alone(renderer: NewsRenderer) -> None:
    """timeline_group() is one container; without a label it has no data-group."""
    html = renderer.timeline_group([RenderedItem(news_item(), "")])
    assert html.startswith('<div class="scholar-news-group">')
    assert html.rstrip().endswith("</div>")


def test_item_page(renderer: NewsRenderer) -> None:
    """The page body: date, sanitized body, paper links, the link, tag links and a way back, all from `base`."""
    html = renderer.item_page(
        news_item(link="https://arxiv.org/abs/2310.05169"),
        body_html="<p>Full text<script>x()</script></p>",
        paper_links=[("Kumar 2024", "../../publications/#pub-kumar2024")],
        base="../../",
    )
    parsed = Elements(html)
    assert "<script" not in html and "<p>Full text</p>" in html
    assert '<time class="scholar-news-item__date" datetime="2024-06-11">11 June 2024</time>' in html
    assert 'href="../../publications/#pub-kumar2024">Paper: Kumar 2024</a>' in html
    assert [c.get("href") for c in parsed.with_class("scholar-news-chip")] == [
        "../../news/?tag=paper",
        "../../news/?tag=machine-learning",
    ]
    assert '<a href="../../news/#news-burgers-pinn">All news</a>' in html
    assert "<h1" not in html


def test_item_page_escapes_and_custom_news_url(renderer: NewsRenderer) -> None:
    """Tags are escaped on the page too; news_url moves the way back."""
    html = renderer.item_page(
        news_item(tags=("<x>",)), body_html="", paper_links=[], base="../", news_url="updates/"
    )
    assert "&lt;x&gt;" in html and "<x>" not in html
    assert 'href="../updates/#news-burgers-pinn"' in html


def test_user_template_overrides_win(tmp_path: Path) -> None:
    """A news_item.html in the user's folder replaces ours (the env puts it first)."""
    (tmp_path / "scholar").mkdir()
    (tmp_path / "scholar" / "news_item.html").write_text("<li>{{ news.title }}</li>", encoding="utf-8")
    html = NewsRenderer(make_environment([tmp_path])).item(RenderedItem(news_item(title="<T>"), ""))
    assert html == "<li>&lt;T&gt;</li>"


def test_assets_exist_and_use_material_variables() -> None:
    """news.css takes colours from Material's variables; news.js handles ?tag= and aria-pressed."""
    css = (ASSETS / "news.css").read_text(encoding="utf-8")
    js = (ASSETS / "news.js").read_text(encoding="utf-8")
    assert "#" not in "".join(line.split("/*")[0] for line in css.splitlines() if "color" in line)
    for variable in (
        "--md-default-fg-color--light",
        "--md-primary-fg-color",
        "--md-accent-fg-color",
        "--md-default-bg-color",
    ):
        assert variable in css
    assert "aria-pressed" in js and "URLSearchParams" in js and "replaceState" in js
    assert len(js.encode()) < 8000
