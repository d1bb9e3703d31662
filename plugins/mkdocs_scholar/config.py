"""Typed configuration: the plugin's options and the options of its page blocks.

Block options are validated with the same MkDocs machinery as the plugin's own, so a bad
value gets the same kind of message; the plugin adds the page's name.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from .bibliography.model import KINDS
from .bibliography.options import DEFAULT_BIBTEX_EXCLUDE


class ScholarConfig(base.Config):
    """Options of the `scholar` plugin in `mkdocs.yml`."""

    enabled = c.Type(bool, default=True)
    """Turn the whole plugin off (blocks are then left as they are)."""

    bib_dir = c.Optional(c.Type(str))
    """Folder of `*.bib` files, relative to `mkdocs.yml`. Default: mkdocs-bibtex's `bib_dir` when
    that plugin is configured, else `bib`."""

    highlight_authors = c.ListOfItems(c.Type(str), default=[])
    """The site owner's names in any form ("Mukherjee, Anirbit", "A. Mukherjee"); matching ignores
    case, accents and initial-vs-full given names."""

    coauthors = c.Type(dict, default={})
    """Co-author name -> http(s) address, matched like `highlight_authors`."""

    coauthors_file = c.Optional(c.Type(str))
    """A YAML file (relative to `mkdocs.yml`) mapping co-author names to addresses; merged with
    `coauthors`."""

    max_authors = c.Type(int, default=10)
    """Author lists longer than this are shortened (the owner stays visible) with a way to see all."""

    assets_dir = c.Type(str, default="assets/papers")
    """Folder under `docs/` where relative file names in `pdf`, `slides`, `poster`, `supp` fields point."""

    bibtex_exclude_fields = c.ListOfItems(c.Type(str), default=list(DEFAULT_BIBTEX_EXCLUDE))
    """Fields left out of the BibTeX shown and downloaded (display-only fields)."""

    paper_pages = c.Type(bool, default=True)
    """Make a page per paper at `<publications_url>/<slug>/` with Google Scholar meta tags."""

    publications_url = c.Type(str, default="publications/")
    """Site URL of the full publication list: paper pages live under it, news links to its anchors."""

    downloads = c.Type(bool, default=True)
    """Write `<publications_url>/publications.bib`, `publications.json` (CSL-JSON) and one `.bib` per paper."""

    news_dir = c.Type(str, default="news")
    """Folder of news items, relative to `docs_dir`. `index.md` in it is an ordinary page."""

    news_url = c.Type(str, default="news/")
    """Site URL of the full news timeline; news items' own pages live under it."""

    news_page_words = c.Type(int, default=80)
    """A news item longer than this many words also gets its own page; the timeline shows its opening."""

    feed = c.Type(bool, default=True)
    """Write an Atom feed of all news and link it from every page's `<head>`."""

    feed_path = c.Type(str, default="feed.xml")
    """Where the Atom feed is written, relative to the site root."""

    feed_title = c.Optional(c.Type(str))
    """Title of the feed; default: `site_name` + " — News"."""

    strict_news_keys = c.Type(bool, default=True)
    """Warn about unknown front-matter keys in news files."""


# Block options are plain schemas rather than `Config` subclasses because the option the
# issue names `keys` would shadow `Config.keys()`. Each option's doc is the comment above it.
HEADING_LEVELS = (1, 2, 3, 4, 5, 6)

PUBLICATIONS_BLOCK: base.PlainConfigSchema = (
    # Headings to group entries under.
    ("group_by", c.Choice(("year", "type", "keyword", "none"), default="year")),
    # Only entries with `selected = {true}`.
    ("selected", c.Type(bool, default=False)),
    # At most this many entries (after filtering and sorting).
    ("limit", c.Optional(c.Type(int))),
    # Only these BibTeX keys, in this order when `group_by: none`.
    ("keys", c.ListOfItems(c.Type(str), default=[])),
    # Only these kinds of work.
    ("type", c.ListOfItems(c.Choice(KINDS), default=[])),
    # Only these years.
    ("years", c.ListOfItems(c.Type(int), default=[])),
    # Only entries with one of these keywords.
    ("keywords", c.ListOfItems(c.Type(str), default=[])),
    # Show the search/filter bar; default: on when the list has more than 5 entries.
    ("filter", c.Optional(c.Type(bool))),
    # Level of the group headings (2 = `##`), 1 to 6.
    ("heading_level", c.Choice(HEADING_LEVELS, default=2)),
)

NEWS_BLOCK: base.PlainConfigSchema = (
    # At most this many items, newest first.
    ("limit", c.Optional(c.Type(int))),
    # Only items with one of these tags.
    ("tags", c.ListOfItems(c.Type(str), default=[])),
    # Only items from these years.
    ("years", c.ListOfItems(c.Type(int), default=[])),
    # Year headings, or one plain list.
    ("group_by", c.Choice(("year", "none"), default="year")),
    # Show the tag filter chips; default: on when not limited.
    ("filter", c.Optional(c.Type(bool))),
    # Level of the year headings, 1 to 6.
    ("heading_level", c.Choice(HEADING_LEVELS, default=2)),
)


def validate_block(
    schema: base.PlainConfigSchema, options: dict[str, object]
) -> tuple[dict[str, object], list[str]]:
    """Block options checked like `mkdocs.yml`: (values with defaults, messages). Unknown keys are errors."""
    checked = base.LegacyConfig(schema)
    checked.load_dict(options)
    failed, warned = checked.validate()
    messages = [f"option '{key}': {err}" for key, err in failed]
    # MkDocs only warns about unknown keys; in a block they are always typos, so they count.
    messages += [f"option '{key}': {err}" for key, err in warned]
    return dict(checked), messages
