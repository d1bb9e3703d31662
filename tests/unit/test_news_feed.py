"""The Atom feed: valid structure, order, absolute URLs, stable unique ids."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
import pytest

from mkdocs_scholar.news.feed import atom_feed
from mkdocs_scholar.news.model import NewsDate, NewsItem

A = "{http://www.w3.org/2005/Atom}"
SITE = "https://example.org/home/"

ITEMS = [
    NewsItem(
        slug="burgers",
        date=NewsDate(2024, 6, 11),
        title="[IOP-MLST!] PINNs near blow-up",
        tags=("paper", "PDE"),
        body="What is the relationship between error and risk?",
        has_page=True,
        link="https://arxiv.org/abs/2310.05169",
    ),
    NewsItem(
        slug="ellis",
        date=NewsDate(2022, 11, 24),
        title="",
        body="I got selected as a member of **ELLIS**. Now I have a photo on this page!",
    ),
    NewsItem(slug="q4-results", date=NewsDate(2023, 10), title="New results <&>", tags=("paper",)),
    NewsItem(slug="grant", date=NewsDate(2023), title="Royal Society grant\x0b"),
]
HTML = {
    "burgers": '<p>See <a href="https://example.org/home/publications/#pub-kumar">the paper</a>.</p>',
    "ellis": "<p>I got selected as a member of <strong>ELLIS</strong>.</p>",
    "q4-results": "<p>Three papers.</p>",
}


def item_url(item: NewsItem) -> str:
    """The item's own page or its anchor on the timeline."""
    return f"{SITE}news/{item.slug}/" if item.has_page else f"{SITE}news/#news-{item.slug}"


def make_feed(items: list[NewsItem] = ITEMS, **kwargs: object) -> bytes:
    """The feed of `items` with test defaults."""
    options: dict[str, object] = {
        "html": HTML,
        "site_url": SITE,
        "feed_url": SITE + "feed.xml",
        "title": "Anirbit Mukherjee — News",
        "author": "Anirbit Mukherjee",
        "item_url": item_url,
        "alternate_url": SITE + "news/",
    }
    options.update(kwargs)
    return atom_feed(items, **options)  # type: ignore[arg-type]


def test_feed_head() -> None:
    """Feed id, title, updated (newest item), author, self and alternate links."""
    root = ET.fromstring(make_feed())
    assert root.tag == f"{A}feed"
    assert root.findtext(f"{A}id") == SITE
    assert root.findtext(f"{A}title") == "Anirbit Mukherjee — News"
    assert root.findtext(f"{A}updated") == "2024-06-11T00:00:00+00:00"
    assert root.findtext(f"{A}author/{A}name") == "Anirbit Mukherjee"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{A}link")}
    assert links == {"self": SITE + "feed.xml", "alternate": SITE + "news/"}


def test_entries_newest_first_with_required_elements() -> None:
    """One entry per item, newest first, each with id, title, updated, published, link and content."""
    entries = ET.fromstring(make_feed()).findall(f"{A}entry")
    assert len(entries) == 4
    updated = [e.findtext(f"{A}updated") for e in entries]
    assert updated == [
        "2024-06-11T00:00:00+00:00",
        "2023-10-01T00:00:00+00:00",  # a month-only item is dated at the start of its month
        "2023-01-01T00:00:00+00:00",
        "2022-11-24T00:00:00+00:00",
    ]
    for entry in entries:
        assert entry.findtext(f"{A}published") == entry.findtext(f"{A}updated")
        assert entry.findtext(f"{A}title")
    for entry in entries[:2] + entries[3:]:
        content = entry.find(f"{A}content")
        assert content is not None and content.get("type") == "html" and content.text


def test_entry_ids_are_unique_stable_tag_uris() -> None:
    """Ids are tag: URIs from the site host, date and slug — unchanged by a new page URL."""
    ids = [e.findtext(f"{A}id") for e in ET.fromstring(make_feed()).findall(f"{A}entry")]
    assert ids == [
        "tag:example.org,2024-06-11:news/burgers",
        "tag:example.org,2023-10:news/q4-results",
        "tag:example.org,2023:news/grant",
        "tag:example.org,2022-11-24:news/ellis",
    ]
    assert len(set(ids)) == len(ids)
    other_urls = make_feed(item_url=lambda item: f"https://example.org/home/elsewhere/{item.slug}/")
    assert ids == [e.findtext(f"{A}id") for e in ET.fromstring(other_urls).findall(f"{A}entry")]


def test_entry_links_are_absolute() -> None:
    """Alternate links are the item URLs; an item's `link` is a related link; all absolute."""
    entries = ET.fromstring(make_feed()).findall(f"{A}entry")
    first = {link.get("rel"): link.get("href") for link in entries[0].findall(f"{A}link")}
    assert first == {"alternate": SITE + "news/burgers/", "related": "https://arxiv.org/abs/2310.05169"}
    for entry in entries:
        for link in entry.findall(f"{A}link"):
            assert (link.get("href") or "").startswith("https://")


def test_entry_titles_content_and_categories() -> None:
    """Titles fall back to the first words; content is the given HTML (escaped in XML); tags are categories."""
    entries = {e.findtext(f"{A}id"): e for e in ET.fromstring(make_feed()).findall(f"{A}entry")}
    ellis = entries["tag:example.org,2022-11-24:news/ellis"]
    assert ellis.findtext(f"{A}title") == "I got selected as a member of ELLIS. Now I have a…"
    assert ellis.findtext(f"{A}content") == HTML["ellis"]
    q4 = entries["tag:example.org,2023-10:news/q4-results"]
    assert q4.findtext(f"{A}title") == "New results <&>"
    burgers = entries["tag:example.org,2024-06-11:news/burgers"]
    assert [(c.get("term"), c.get("label")) for c in burgers.findall(f"{A}category")] == [
        ("paper", "paper"),
        ("pde", "PDE"),
    ]


def test_missing_html_and_control_characters() -> None:
    """Without HTML an item gets its escaped plain opening, or no content; XML-illegal characters go."""
    entries = {
        e.findtext(f"{A}id", "").rsplit("/", 1)[-1]: e
        for e in ET.fromstring(make_feed()).findall(f"{A}entry")
    }
    assert entries["grant"].findtext(f"{A}title") == "Royal Society grant"
    assert entries["grant"].find(f"{A}content") is None
    content = ET.fromstring(make_feed([ITEMS[1]], html={})).findtext(f"{A}entry/{A}content")
    assert content == "<p>I got selected as a member of ELLIS. Now I have a photo on this page!</p>"
    tricky = NewsItem(slug="t", date=NewsDate(2024), title="", body="a <b>&</b> c")
    assert ET.fromstring(make_feed([tricky], html={})).findtext(f"{A}entry/{A}content") == "<p>a &amp; c</p>"


def test_no_author_and_no_items() -> None:
    """Without an author the title stands in (Atom requires one); an empty feed is still valid."""
    root = ET.fromstring(make_feed([], author=None))
    assert root.findtext(f"{A}author/{A}name") == "Anirbit Mukherjee — News"
    assert root.findall(f"{A}entry") == []
    assert root.findtext(f"{A}updated") == "1970-01-01T00:00:00+00:00"


def test_feed_is_reproducible() -> None:
    """Building twice gives the same bytes (no build-time clock in the feed)."""
    assert make_feed() == make_feed()


def test_site_without_host_uses_item_urls_as_ids() -> None:
    """When the site URL has no host, each entry's id is its URL."""
    feed = make_feed(site_url="news/", item_url=lambda item: f"https://x.org/news/#news-{item.slug}")
    ids = [e.findtext(f"{A}id") for e in ET.fromstring(feed).findall(f"{A}entry")]
    assert ids[0] == "https://x.org/news/#news-burgers"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_feedparser_reads_it_cleanly() -> None:
    """feedparser (what many readers use) parses the feed without complaint."""
    parsed = feedparser.parse(make_feed())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [e.title for e in parsed.entries][:2] == ["[IOP-MLST!] PINNs near blow-up", "New results <&>"]
    assert parsed.entries[0].link == SITE + "news/burgers/"
    assert parsed.entries[0].content[0].type == "text/html"
    assert [t.term for t in parsed.entries[0].tags] == ["paper", "pde"]
