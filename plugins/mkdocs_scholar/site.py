"""One build's state, between the MkDocs hooks and the core: what is loaded, what each block shows.

It imports nothing from MkDocs: `plugin.py` hands it plain paths, URLs and options, so a build
can be driven from tests without MkDocs.
"""

from __future__ import annotations

import gc
import json
import posixpath
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import markdown
import yaml
from markupsafe import escape

from .bibliography import load_bibliography
from .bibliography.bibtex import format_bibliography
from .bibliography.csl import to_csl_json
from .bibliography.model import Bibliography, Publication
from .bibliography.options import BibOptions
from .news.links import sanitize_html
from .news.load import load_news
from .news.model import NewsItem
from .news.select import group_by_year
from .news.select import select as select_news
from .problems import Problem
from .render.env import ASSETS, make_environment
from .render.meta import head_tags
from .render.news import NewsRenderer, RenderedItem
from .render.publications import PublicationRenderer
from .render.select import ListOptions
from .render.select import select as select_publications
from .render.text import plain_text, rich_text

CSS_URI = "assets/scholar/scholar.css"
NEWS_CSS_URI = "assets/scholar/news.css"
PUBLICATIONS_JS = "assets/scholar/publications.js"
NEWS_JS = "assets/scholar/news.js"
ASSET_FILES: tuple[tuple[str, Path], ...] = (
    (CSS_URI, ASSETS / "scholar.css"),
    (NEWS_CSS_URI, ASSETS / "news.css"),
    (PUBLICATIONS_JS, ASSETS / "publications.js"),
    (NEWS_JS, ASSETS / "news.js"),
)

# Parsed bibliographies survive `mkdocs serve` rebuilds (which make a new plugin object):
# the key is every file's path, size and mtime plus the options, so unchanged files parse once.
_BIB_CACHE: dict[tuple[Any, ...], Bibliography] = {}

_STAND_IN_ATTR = "data-scholar-stand-in"
_MD_LINK = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>[^"#:?]+\.md)(?P<frag>#[^"]*)?"')


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run a block without the cyclic garbage collector.

    Loading and rendering thousands of entries makes hundreds of thousands of small objects
    that all stay alive; each would-be collection walks them all for nothing (measured: 35%
    of normalising 7,166 entries). Nothing made here forms cycles that need collecting early.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What the block made is still "young" to the collector: the next young collections
        # would walk all of it twice to age it (measured: 0.15 s of a 7,166-entry build).
        # Freezing and unfreezing moves every tracked object to the oldest generation
        # without walking it; nothing is kept from being collected.
        gc.freeze()
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def paper_markdown(pub: Publication) -> str:
    """The whole Markdown of a paper's own page: one block the plugin fills in."""
    return f"/// paper\nkey: {json.dumps(pub.key)}\n///\n"


def base_of(url: str) -> str:
    """The relative path from a page at site URL `url` to the site root."""
    return "../" * url.count("/")


def md_text(text: str) -> str:
    """Untrusted text made safe inside a Markdown heading: HTML-escaped, Markdown punctuation escaped,
    and "$" as `&#36;` so that arithmatex never reads a literal dollar as math."""
    escaped = re.sub(r"([\\`*_{}\[\]()#+\-.!|<>])", r"\\\1", str(escape(text)).replace("&#39;", "'"))
    return escaped.replace("$", "&#36;")


@dataclass
class Site:
    """What the plugin knows during one build."""

    config: Any
    project: Path
    docs_dir: Path
    bib_dir: Path
    site_url: str
    site_name: str
    override_dirs: list[Path]
    math: bool
    markdown_extensions: list[str]
    mdx_configs: dict[str, Any]
    bib: Bibliography = field(default_factory=Bibliography)
    news: list[NewsItem] = field(default_factory=list)
    news_html: dict[str, str] = field(default_factory=dict)
    swaps: dict[str, list[str]] = field(default_factory=dict)
    """Per page URL: the full HTML of each publication group, in order; see `search_stand_in`."""
    anchored: dict[str, set[str]] = field(default_factory=dict)
    """Per page URL: keys whose entry already has its `id="pub-<slug>"` there (two lists on one
    page show an entry twice; the id goes to the first only)."""

    def __post_init__(self) -> None:
        env = make_environment(self.override_dirs)
        self.publications = PublicationRenderer(
            env,
            math=self.math,
            max_authors=self.config.max_authors,
            paper_pages=self.config.paper_pages,
            publications_url=self.pub_url,
        )
        self.news_renderer = NewsRenderer(env)
        self._md: markdown.Markdown | None = None
        self._papers: dict[str, Publication] | None = None

    @property
    def pub_url(self) -> str:
        return str(self.config.publications_url).strip("/") + "/"

    @property
    def news_url(self) -> str:
        return str(self.config.news_url).strip("/") + "/"

    @property
    def news_dir(self) -> str:
        return str(self.config.news_dir).strip("/")

    # -- loading --------------------------------------------------------------------------------

    def bib_files(self) -> tuple[list[tuple[Path, tuple[int, int]]], list[Problem]]:
        """Every regular `*.bib` file under bib_dir (any case of `.bib`) with its (size, mtime),
        and a problem for each one that is not a file that can be read.

        Only regular files: reading a named pipe would block the build, and a broken link or a
        file removed while listing (an editor saving by rename) must be named, not a traceback.
        A folder named `old.bib` is just a folder; rglob reads the files in it.
        """
        if not self.bib_dir.is_dir():
            return [], []
        found: list[tuple[Path, tuple[int, int]]] = []
        problems: list[Problem] = []
        for path in sorted(self.bib_dir.rglob("*")):
            if path.suffix.lower() != ".bib" or path.is_dir():
                continue
            # Not resolved: a broken link is named by its own name, not its missing target's.
            shown = (
                path.relative_to(self.project).as_posix() if path.is_relative_to(self.project) else str(path)
            )
            try:
                info = path.stat()
            except OSError as exc:
                problems.append(Problem(f"cannot read the file ({exc.strerror}); skipped", file=shown))
                continue
            if not stat.S_ISREG(info.st_mode):
                problems.append(Problem("not a regular file (a pipe or a device?); skipped", file=shown))
                continue
            found.append((path, (info.st_size, info.st_mtime_ns)))
        return found, problems

    def load_bibliography(self) -> list[Problem]:
        problems: list[Problem] = []
        if not self.bib_dir.is_dir():
            problems.append(
                Problem(f"bib_dir '{self.bib_dir}' does not exist: no publications", level="warning")
            )
        listed, file_problems = self.bib_files()
        files = [path for path, _ in listed]
        problems += file_problems
        coauthors, coauthor_problems = self._coauthors()
        problems += coauthor_problems
        options = BibOptions(
            highlight_authors=tuple(self.config.highlight_authors),
            coauthors=tuple(coauthors.items()),
            assets_dir=self.config.assets_dir.strip("/"),
            bibtex_exclude_fields=tuple(self.config.bibtex_exclude_fields),
            reserved_slugs=self.reserved_slugs(),
        )
        key = (tuple((str(path), info) for path, info in listed), options, str(self.project))
        cached = _BIB_CACHE.get(key)
        if cached is None:
            with paused_gc():
                cached = load_bibliography(files, options, display_root=self.project)
            _BIB_CACHE.clear()  # keep one: a serve session edits, it does not switch projects
            _BIB_CACHE[key] = cached
            problems.append(
                Problem(f"parsed {len(cached.publications)} entries from {len(files)} files", level="info")
            )
        else:
            problems.append(Problem("bibliography unchanged", level="info"))
        self.bib = cached
        return [*problems, *cached.problems]

    def reserved_slugs(self) -> tuple[str, ...]:
        """Names a paper's slug must not take: `index` (the list's own page), `publications`
        (the `publications.bib` download) and whatever the author keeps in the docs folder
        where paper pages go (`docs/publications/talks.md` makes `talks` taken)."""
        folder = self.docs_dir / self.pub_url
        taken = {"index", "publications"}
        if folder.is_dir():
            taken.update(child.name.split(".")[0].lower() for child in folder.iterdir())
        return tuple(sorted(taken))

    def _coauthors(self) -> tuple[dict[str, str], list[Problem]]:
        people = {str(k): str(v) for k, v in self.config.coauthors.items()}
        if not self.config.coauthors_file:
            return people, []
        path = self.project / self.config.coauthors_file
        shown = str(self.config.coauthors_file)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except OSError as exc:
            return people, [Problem(f"cannot read coauthors_file: {exc.strerror}", file=shown)]
        except yaml.YAMLError as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", None)
            return people, [
                Problem("invalid YAML in coauthors_file", file=shown, line=None if line is None else line + 1)
            ]
        if not isinstance(data, dict):
            return people, [Problem("coauthors_file must map names to addresses", file=shown)]
        people.update({str(k): str(v) for k, v in data.items()})
        return people, []

    def load_news(self) -> list[Problem]:
        folder = self.docs_dir / self.news_dir
        if not folder.is_dir():
            self.news = []
            return []
        items, problems = load_news(
            folder,
            page_words=self.config.news_page_words,
            display_root=self.project,
            known_keys=frozenset(self.bib.by_key()),
            warn_unknown_keys=self.config.strict_news_keys,
        )
        self.news = items
        self.news_html = {item.slug: self._render_markdown(item, item.body) for item in items}
        return problems

    def _render_markdown(self, item: NewsItem, text: str) -> str:
        """A news body as HTML with links made site-root-relative (they were relative to the file)."""
        if self._md is None:
            self._md = markdown.Markdown(
                extensions=self.markdown_extensions, extension_configs=self.mdx_configs
            )
        html = sanitize_html(self._md.reset().convert(text))
        src_dir = PurePosixPath(self.news_dir)
        return _site_relative(html, src_dir)

    # -- generated files ------------------------------------------------------------------------

    def news_uri(self, item: NewsItem) -> str:
        return f"{self.news_dir}/{item.source_path.name}"

    def news_uris_without_page(self) -> set[str]:
        return {self.news_uri(i) for i in self.news if not i.has_page} | self._broken_news_uris()

    def _broken_news_uris(self) -> set[str]:
        # Files that failed validation are not items, but must not become pages of raw front matter.
        folder = self.docs_dir / self.news_dir
        loaded = {i.source_path.name for i in self.news}
        return (
            {
                f"{self.news_dir}/{p.name}"
                for p in folder.glob("*.md")
                if p.name != "index.md" and p.name not in loaded
            }
            if folder.is_dir()
            else set()
        )

    def paper_uri(self, pub: Publication) -> str:
        return f"{self.pub_url}{pub.slug}.md"

    def generated_files(self) -> list[tuple[str, str | bytes]]:
        out: list[tuple[str, str | bytes]] = []
        pubs = self.bib.publications
        if self.config.paper_pages:
            out.extend((self.paper_uri(p), paper_markdown(p)) for p in pubs)
        if self.config.downloads:
            out.append((f"{self.pub_url}publications.bib", format_bibliography(pubs)))
            out.append((f"{self.pub_url}publications.json", to_csl_json(pubs)))
            out.extend((f"{self.pub_url}{p.slug}.bib", p.bibtex) for p in pubs)
        feed = self.feed()
        if feed is not None:
            out.append((str(self.config.feed_path).lstrip("/"), feed))
        return out

    def find_list_page(self, has_file: Callable[[str], bool]) -> list[Problem]:
        """Note whether a page is at `publications_url`, where paper pages and news items point.

        A minimal site keeps its list on the home page: then news items link to paper pages
        instead, and paper pages offer no way "back to the list". Only with paper pages off as
        well is there nothing to link to: that is worth a warning.
        """
        stem = self.pub_url.rstrip("/")
        found = any(has_file(f"{stem}{tail}") for tail in (".md", "/index.md", "/README.md"))
        self.publications.list_page = found
        if found or self.config.paper_pages or not any(item.papers for item in self.news):
            return []
        return [
            Problem(
                f"news items link their papers to the list at publications_url '{self.pub_url}', but "
                f"no page is there (docs/{stem}.md or docs/{stem}/index.md): set publications_url "
                "to the page that holds your list"
            )
        ]

    def generated_page_uris(self) -> set[str]:
        papers = {self.paper_uri(p) for p in self.bib.publications} if self.config.paper_pages else set()
        return papers | {self.news_uri(i) for i in self.news}

    def page_markdown(self, src_uri: str) -> tuple[str, str] | None:
        """Markdown standing in for a generated page: (title, markdown), or None for ordinary pages."""
        for item in self.news:
            if item.has_page and self.news_uri(item) == src_uri:
                return item.title, "/// paper\nnews: " + json.dumps(item.slug) + "\n///\n"
        if self.config.paper_pages and src_uri.startswith(self.pub_url):
            pub = self._paper_by_uri().get(src_uri)
            if pub is not None:
                return plain_text(pub.title), paper_markdown(pub)
        return None

    def _paper_by_uri(self) -> dict[str, Publication]:
        if self._papers is None:
            self._papers = {self.paper_uri(p): p for p in self.bib.publications}
        return self._papers

    # -- blocks -----------------------------------------------------------------------------------

    def publications_block(
        self, options: dict[str, Any], url: str, stash: Callable[[str], str]
    ) -> tuple[list[str], list[str]]:
        opts = ListOptions(
            group_by=options["group_by"],
            selected=options["selected"],
            limit=options["limit"],
            keys=tuple(options["keys"]),
            type=tuple(options["type"]),
            years=tuple(options["years"]),
            keywords=tuple(options["keywords"]),
            filter=options["filter"],
            heading_level=options["heading_level"],
        )
        groups, messages = select_publications(self.bib.publications, opts)
        base = base_of(url)
        shown = [p for g in groups for p in g.entries]
        has_filter = opts.filter if opts.filter is not None else len(shown) > 5
        lines: list[str] = []
        if has_filter and shown:
            lines += [stash(self.publications.filter_bar(shown)), ""]
        hashes = "#" * opts.heading_level
        swaps = self.swaps.setdefault(url, [])
        anchored = self.anchored.setdefault(url, set())
        with paused_gc():  # once for all groups: each re-enabling may start a full collection
            for group in groups:
                if group.title:
                    # Plain text: a heading's math would be Markdown-escaped, and the TOC is text.
                    lines += [f"{hashes} {md_text(plain_text(group.title))}", ""]
                keys = {p.key for p in group.entries}
                html, texts = self.publications.group_with_text(
                    group.entries, base=base, repeats=group.repeats | (anchored & keys)
                )
                anchored |= keys
                lines += [stash(search_stand_in(texts, len(swaps))), ""]
                swaps.append(html)
        return lines, messages

    def news_block(
        self, options: dict[str, Any], url: str, stash: Callable[[str], str]
    ) -> tuple[list[str], list[str]]:
        items = select_news(self.news, limit=options["limit"], tags=options["tags"], years=options["years"])
        base = base_of(url)
        has_filter = options["filter"] if options["filter"] is not None else options["limit"] is None
        lines: list[str] = []
        if has_filter and items:
            tags = sorted({t for i in items for t in i.tags}, key=str.lower)
            lines += [stash(self.news_renderer.filter_bar(tags)), ""]
        groups = group_by_year(items) if options["group_by"] == "year" else [(0, items)]
        hashes = "#" * options["heading_level"]
        for year, group in groups:
            if year:
                lines += [f"{hashes} {year}", ""]
            rendered = [self._rendered_item(i, base) for i in group]
            lines += [stash(self.news_renderer.timeline_group(rendered)), ""]
        return lines, []

    def _rendered_item(self, item: NewsItem, base: str) -> RenderedItem:
        if item.has_page:
            html = self._render_markdown(item, item.excerpt)
            more = f"{base}{self.news_dir}/{item.source_path.stem}/"
        else:
            html = self.news_html[item.slug]
            more = None
        return RenderedItem(
            item=item,
            html=_prefix(html, base),
            more_url=more,
            papers=self._paper_links(item, base),
            tags_url=f"{base}{self.news_url}",
        )

    def _paper_links(self, item: NewsItem, base: str) -> tuple[tuple[str, str], ...]:
        by_key = self.bib.by_key()
        to_page = self.config.paper_pages and not self.publications.list_page
        return tuple(
            (
                plain_text(by_key[k].title),
                f"{base}{self.pub_url}{by_key[k].slug}/"
                if to_page
                else f"{base}{self.pub_url}#pub-{by_key[k].slug}",
            )
            for k in item.papers
            if k in by_key
        )

    def paper_block(
        self, options: dict[str, Any], url: str, stash: Callable[[str], str]
    ) -> tuple[list[str], list[str]]:
        base = base_of(url)
        if "news" in options:
            item = next((i for i in self.news if i.slug == options["news"]), None)
            if item is None:
                return [], [f"unknown news item {options['news']!r}"]
            html = self.news_renderer.item_page(
                item,
                body_html=_prefix(self.news_html[item.slug], base),
                paper_links=self._paper_links(item, base),
                base=base,
            )
            return [stash(f"<h1>{escape(item.title)}</h1>" + html)], []
        pub = self.bib.by_key().get(str(options.get("key")))
        if pub is None:
            return [], [f"unknown BibTeX key {options.get('key')!r}"]
        mentions = [
            (i.date.display(), i.title, f"{base}{self.news_url}#news-{i.slug}")
            for i in self.news
            if pub.key in i.papers
        ]
        # Our own h1: the theme would print the title unescaped and without math.
        title = f"<h1>{rich_text(pub.title, self.math)}</h1>"
        return [stash(title + self.publications.paper_page(pub, base=base, news=mentions))], []

    def finish_page(self, url: str, output: str, *, head: str = "") -> tuple[str, int]:
        """Put each group's full HTML where its stand-in is and `head` before `</head>`, in one
        pass over the page; count the stand-ins not found.

        One pass because a 7,000-entry page is 14 MB: each `str.replace` or regex substitution
        over it copies all of it.
        """
        return splice_page(output, self.swaps.pop(url, []), head=head)

    # -- page head, scripts, feed -----------------------------------------------------------------

    def head_html(self, src_uri: str, url: str) -> str:
        base = base_of(url)
        parts: list[str] = []
        if self.config.feed:
            title = escape(self.feed_title)
            parts.append(
                f'<link rel="alternate" type="application/atom+xml" title="{title}" '
                f'href="{base}{self.config.feed_path}">'
            )
        if self.config.paper_pages and src_uri.startswith(self.pub_url) and src_uri.endswith(".md"):
            pub = self._paper_by_uri().get(src_uri)
            if pub is not None:
                parts.append(head_tags(pub, site_url=self.site_url or None, page_url=url))
        return "\n".join(parts)

    @property
    def feed_title(self) -> str:
        return self.config.feed_title or f"{self.site_name} — News"

    def feed_problems(self) -> list[Problem]:
        if self.config.feed and not self.site_url:
            return [
                Problem("the Atom feed needs 'site_url' in mkdocs.yml for absolute links; no feed written")
            ]
        return []

    def feed(self) -> bytes | None:
        """The Atom feed of all news, or None when there is none to write."""
        if not self.config.feed or not self.site_url:
            return None
        root = self.site_url.rstrip("/") + "/"

        def item_url(item: NewsItem) -> str:
            if item.has_page:
                return f"{root}{self.news_dir}/{item.source_path.stem}/"
            return f"{root}{self.news_url}#news-{item.slug}"

        # Imported here: feedgen brings lxml and dateutil (20 ms), which a site without a feed never needs.
        from .news.feed import atom_feed

        html = {slug: _prefix(body, root) for slug, body in self.news_html.items()}
        return atom_feed(
            self.news,
            html=html,
            site_url=root,
            feed_url=root + self.config.feed_path,
            title=self.feed_title,
            author=self.site_name,
            item_url=item_url,
        )

    def watched_paths(self) -> list[Path]:
        paths = [self.bib_dir]
        if self.config.coauthors_file:
            paths.append(self.project / self.config.coauthors_file)
        return paths


def search_stand_in(texts: Sequence[str], n: int) -> str:
    """What search and the TOC see of group `n` until `splice_page` puts the full entries in.

    Search plugins parse every tag of a page's content; full entries (links, toggles, BibTeX)
    have ~25 tags each, and indexing 7,000 of them took longer than the rest of the build.
    Searchable text is the same: each entry's "Title. Authors. Venue year", all in one
    paragraph per group (a paragraph per entry still cost Material's search parser 90 ms).
    """
    text = "\n".join([t if t.endswith(".") else f"{t}." for t in texts])
    return f'<div class="scholar-group" {_STAND_IN_ATTR}="{n}"><p>{escape(text)}</p></div>'


def splice_page(output: str, groups: Sequence[str], *, head: str = "") -> tuple[str, int]:
    """`output` with stand-in `i` replaced by `groups[i]` and `head` inserted before the first
    `</head>`; also returns how many stand-ins were missing."""
    pieces: list[str] = []
    pos = 0
    if head and (at := output.find("</head>")) >= 0:
        pieces += [output[:at], head]
        pos = at
    marker = f'<div class="scholar-group" {_STAND_IN_ATTR}="'
    found = 0
    while groups and (start := output.find(marker, pos)) >= 0:
        number_end = output.find('"', start + len(marker))
        number = output[start + len(marker) : number_end]
        # The stand-in holds escaped text only, so its own </div> is the first one after it.
        end = output.find("</div>", number_end)
        if not number.isdigit() or int(number) >= len(groups) or end < 0:
            break
        pieces += [output[pos:start], groups[int(number)]]
        pos = end + len("</div>")
        found += 1
    pieces.append(output[pos:])
    return "".join(pieces), len(groups) - found


def _site_relative(html: str, src_dir: PurePosixPath) -> str:
    """Turn links relative to a news file (`../publications.md#x`, `img.png`) into site-root-relative ones."""

    def fix(m: re.Match[str]) -> str:
        url = m.group("url")
        target = posix_norm(src_dir / url)
        if target.startswith("../"):
            return m.group(0)
        if url.endswith(".md"):
            stem = target[:-3]
            target = "" if stem == "index" else (stem[:-5] if stem.endswith("/index") else stem + "/")
        return f'{m.group("attr")}="\0root/{target}{m.group("frag") or ""}"'

    out = _MD_LINK.sub(fix, html)
    return re.sub(
        r'\b(href|src)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#|\0root/)([^"]+)"',
        lambda m: f'{m.group(1)}="\0root/{posix_norm(src_dir / m.group(2))}"',
        out,
    )


def _prefix(html: str, base: str) -> str:
    return html.replace("\0root/", base)


def posix_norm(path: PurePosixPath) -> str:
    return posixpath.normpath(str(path))
