"""News items -> an Atom feed (RFC 4287), written by feedgen."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from feedgen.feed import FeedGenerator
from markupsafe import escape

from mkdocs_scholar import __version__
from mkdocs_scholar.news.model import NewsItem
from mkdocs_scholar.news.text import first_words

# Characters XML 1.0 cannot carry at all; lxml refuses the whole feed if one slips through.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def atom_feed(
    items: Sequence[NewsItem],
    *,
    html: Mapping[str, str],
    site_url: str,
    feed_url: str,
    title: str,
    author: str | None,
    item_url: Callable[[NewsItem], str],
    alternate_url: str | None = None,
    subtitle: str | None = None,
    language: str | None = None,
) -> bytes:
    """The Atom feed of `items`, newest first.

    Args:
        items: The items to publish (usually all of them).
        html: slug -> the item's full body as HTML with absolute links (`absolutize_links`)
            and already sanitized. An item missing here gets its plain opening words.
        site_url: Absolute URL of the site; it is the feed's id and names the site in entry ids.
        feed_url: Absolute URL where the feed is published (the `self` link).
        title: The feed's title.
        author: The site owner. Atom requires an author; without one the feed title is used.
        item_url: Absolute URL of an item: its own page, or its anchor on the news page.
        alternate_url: The feed's web page (the news timeline); default `site_url`.
        subtitle: Optional feed subtitle.
        language: Optional `xml:lang` of the feed ("en").

    Returns:
        The feed as UTF-8 XML bytes.

    Atom needs full timestamps but many items only know a month or a year: such an item is
    dated at 00:00 UTC on the first day of its period (`NewsDate.start`), the same instant
    the timeline sorts it by. Entry ids are `tag:` URIs built from the site's host, the
    item's date and slug (RFC 4151), so they survive the item gaining a page of its own.
    """
    ordered = sorted(items, key=lambda item: item.date.sort_key, reverse=True)
    generator = FeedGenerator()
    generator.id(site_url)
    generator.title(_xml_text(title))
    if subtitle:
        generator.subtitle(_xml_text(subtitle))
    generator.author({"name": _xml_text(author or title)})
    generator.link(href=feed_url, rel="self", type="application/atom+xml")
    generator.link(href=alternate_url or site_url, rel="alternate", type="text/html")
    generator.generator("mkdocs-scholar", version=__version__)
    if language:
        generator.language(language)
    # The newest item's date, not "now": rebuilding an unchanged site gives an unchanged feed.
    newest = _timestamp(ordered[0]) if ordered else dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    generator.updated(newest)

    for item in ordered:
        entry = generator.add_entry(order="append")
        url = item_url(item)
        entry.id(_entry_id(item, site_url, url))
        entry.title(_xml_text(item.title or first_words(item.body) or item.date.display()))
        entry.updated(_timestamp(item))
        entry.published(_timestamp(item))
        links = [{"href": url, "rel": "alternate", "type": "text/html"}]
        if item.link and item.link != url:
            links.append({"href": item.link, "rel": "related", "type": "text/html"})
        for link in links:
            entry.link(**link)
        entry.register_extension("scholar_links", lambda links=links: _LinkAttributes(links), rss=False)
        content = html.get(item.slug) or _fallback_html(item)
        if content:  # a title-only item has no content; its alternate link is enough for Atom
            entry.content(_xml_text(content), type="html")
        for slug, label in item.tag_pairs:
            entry.category(term=slug, label=_xml_text(label))
    feed: bytes = generator.atom_str(pretty=True)
    return feed


class _LinkAttributes:
    """A feedgen entry extension that puts `rel` and `type` back on the entry's links.

    feedgen 1.0 writes only `href` for entry links (lkiesow/python-feedgen#135), which turns a
    `related` link into a second `alternate` one: invalid Atom. Harmless once that is fixed.
    """

    def __init__(self, links: list[dict[str, str]]) -> None:
        self.links = {link["href"]: link for link in links}

    def extend_atom(self, entry: Any) -> Any:
        for element in entry.findall("link"):
            element.attrib.update(self.links.get(element.get("href"), {}))
        return entry


def _timestamp(item: NewsItem) -> dt.datetime:
    start = item.date.start()
    return dt.datetime(start.year, start.month, start.day, tzinfo=dt.timezone.utc)


def _entry_id(item: NewsItem, site_url: str, url: str) -> str:
    """`tag:example.org,2024-06-11:news/slug`, or the item's URL when the site has no host."""
    host = urllib.parse.urlsplit(site_url).hostname
    if not host:
        return url
    return f"tag:{host},{item.date.partial_iso()}:news/{urllib.parse.quote(item.slug)}"


def _fallback_html(item: NewsItem) -> str:
    words = first_words(item.body, 60)
    return f"<p>{escape(words)}</p>" if words else ""


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)
