"""News items -> HTML: the timeline, its filter bar, one item, and the body of an item's own page.

The lead renders each item's Markdown (with the site's extensions) and rebases its links; this
module only arranges trusted-shape HTML around it. Every string from the news files goes
through Jinja's autoescape; the Markdown-made HTML is passed through `sanitize_html` first
(unless the renderer is built with `sanitize=False`), because news files are untrusted input.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from mkdocs_scholar.news.links import sanitize_html
from mkdocs_scholar.news.model import NewsItem, tag_slug


@dataclass(frozen=True)
class RenderedItem:
    """An item ready for a page: its HTML and the links that depend on where it is shown."""

    item: NewsItem
    html: str
    """Body or excerpt (`item.timeline_markdown`) rendered from Markdown, links rebased for this page."""
    more_url: str | None = None
    """Relative URL of the item's own page ("Read more" and the title link); None without one."""
    papers: tuple[tuple[str, str], ...] = ()
    """(label, relative href of `publications/#pub-<slug>`) per related paper."""
    tags_url: str | None = None
    """Relative URL of the news timeline from this page ("../news/", "./"): tag chips link to it
    with `?tag=<slug>`. None makes the chips plain text."""


class NewsRenderer:
    """Renders news HTML with the `scholar/news*.html` templates of an environment.

    Templates (override any by dropping a file of the same name in the user's folder):
    `news.html` (timeline), `news_filter.html`, `news_group.html`, `news_item.html`,
    `news_page.html`. CSS and JS: `render/assets/news.css`, `render/assets/news.js`.
    """

    def __init__(self, env: jinja2.Environment, *, sanitize: bool = True) -> None:
        self.env = env
        self.sanitize = sanitize

    def timeline(
        self,
        groups: Sequence[tuple[str, Sequence[RenderedItem]]],
        *,
        show_filter: bool,
        all_tags: Sequence[str],
        title_level: int = 3,
    ) -> str:
        """The filter bar (once, when `show_filter`) and one container per group.

        The group labels (years) are NOT rendered: the lead writes each as a Markdown heading
        right before its container, so the headings reach MkDocs' table of contents. The
        filter script relies on that: a group's heading is its `previousElementSibling`, and
        is hidden with the group when a filter leaves the group empty. A caller writing
        headings in between uses `filter_bar` and `timeline_group` directly instead.

        Args:
            groups: (label, items) per group, in display order; label "" when not grouped.
            show_filter: Render the tag filter bar.
            all_tags: The tags offered by the filter bar, in order.
            title_level: Heading level of item titles (one below the group headings).
        """
        return self.env.get_template("scholar/news.html").render(
            filter_html=Markup(self.filter_bar(all_tags)) if show_filter else "",
            groups_html=[
                Markup(self.timeline_group(items, label=label, title_level=title_level))
                for label, items in groups
            ],
        )

    def filter_bar(self, all_tags: Sequence[str]) -> str:
        """Tag chips (toggle buttons) and a live status line; `hidden` until news.js reveals it."""
        tags: dict[str, str] = {}
        for tag in all_tags:
            tags.setdefault(tag_slug(tag), tag)
        return self.env.get_template("scholar/news_filter.html").render(tags=list(tags.items()))

    def timeline_group(self, items: Sequence[RenderedItem], *, label: str = "", title_level: int = 3) -> str:
        """One `<div class="scholar-news-group">` holding the items (no heading; see `timeline`)."""
        return self.env.get_template("scholar/news_group.html").render(
            label=label, items_html=[Markup(self.item(entry, title_level=title_level)) for entry in items]
        )

    def item(self, item: RenderedItem, *, title_level: int = 3) -> str:
        """One `<article class="scholar-news-item" id="news-<slug>" data-date data-tags>`."""
        return self.env.get_template("scholar/news_item.html").render(
            entry=item,
            news=item.item,
            body=self._safe(item.html),
            title_level=min(max(title_level, 2), 6),
            title_href=item.more_url or item.item.link,
            link_host=_host(item.item.link),
        )

    def item_page(
        self,
        item: NewsItem,
        *,
        body_html: str,
        paper_links: Sequence[tuple[str, str]],
        base: str,
        news_url: str = "news/",
    ) -> str:
        """The body of an item's own page (Material puts the page title above it as `<h1>`).

        Args:
            item: The item.
            body_html: The whole body rendered from Markdown for this page.
            paper_links: (label, relative href) per related paper.
            base: Relative path from this page to the site root ("../../").
            news_url: Site URL of the news timeline: tag chips and "All news" point there.
        """
        return self.env.get_template("scholar/news_page.html").render(
            news=item,
            body=self._safe(body_html),
            papers=list(paper_links),
            tags_url=f"{base}{news_url}",
            link_host=_host(item.link),
        )

    def _safe(self, html: str) -> Markup:
        # Markup marks the HTML as already safe for Jinja; only sanitized (or trusted) HTML gets here.
        return Markup(sanitize_html(html) if self.sanitize else html)


def _host(url: str | None) -> str:
    """ "arxiv.org" for a link's label; the loader already checked it is http(s) with a host."""
    if not url:
        return ""
    host = urllib.parse.urlsplit(url).hostname or url
    return host.removeprefix("www.")
