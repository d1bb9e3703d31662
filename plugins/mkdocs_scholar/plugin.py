"""The MkDocs adapter: each hook reads config, calls the core, hands results to MkDocs.

Nothing here parses BibTeX or news or builds HTML by hand; see `bibliography/`, `news/`, `render/`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import escape
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from . import site
from .blocks import Block, BlocksExtension
from .config import NEWS_BLOCK, PUBLICATIONS_BLOCK, ScholarConfig, validate_block
from .problems import Problem

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)
NOT_IN_NAV = InclusionLevel.NOT_IN_NAV


class ScholarPlugin(BasePlugin[ScholarConfig]):
    """Publication lists, paper pages, a news timeline and an Atom feed."""

    def __init__(self) -> None:
        self.site: site.Site | None = None
        self.page: Page | None = None

    # -- configuration -------------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        project = Path(config.config_file_path or ".").resolve().parent
        custom_dir = config.theme.custom_dir
        self.site = site.Site(
            config=self.config,
            project=project,
            docs_dir=Path(config.docs_dir),
            bib_dir=project / self._bib_dir(config),
            site_url=config.site_url or "",
            site_name=config.site_name,
            override_dirs=[Path(custom_dir)] if custom_dir else [],
            math="pymdownx.arithmatex" in config.markdown_extensions,
            markdown_extensions=[e for e in config.markdown_extensions if isinstance(e, str)],
            mdx_configs=dict(config.mdx_configs),
        )
        self.report(self.site.load_bibliography())
        config.markdown_extensions.append(BlocksExtension(self))  # type: ignore[arg-type]
        # Both stylesheets on every page: a home page with the latest news and selected papers is
        # the common case, and the two files are small.
        for uri in (site.CSS_URI, site.NEWS_CSS_URI):
            if uri not in config.extra_css:
                config.extra_css.append(uri)
        # Both scripts on every page too: with Material's instant navigation a page is swapped into
        # the one first loaded, whose scripts are the only ones that run; the scripts set up each
        # page on Material's `document$` (else on DOMContentLoaded) and do nothing without a list.
        for uri in (site.PUBLICATIONS_JS, site.NEWS_JS):
            if uri not in (str(script) for script in config.extra_javascript):
                script = ExtraScriptValue(uri)
                script.defer = True
                config.extra_javascript.append(script)
        return config

    def _bib_dir(self, config: MkDocsConfig) -> str:
        if self.config.bib_dir:
            return self.config.bib_dir
        # Share mkdocs-bibtex's folder when it is configured, so one setting serves both plugins.
        bibtex = config.plugins.get("bibtex")
        bib_dir = getattr(bibtex, "config", {}).get("bib_dir") if bibtex else None
        return str(bib_dir) if bib_dir else "bib"

    # -- files and navigation ------------------------------------------------------------------

    @event_priority(-50)  # after other plugins have added their files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.site is None:
            return None
        self.report(self.site.load_news())
        self.report(self.site.feed_problems())
        self.report(self.site.find_list_page(lambda uri: files.get_file_from_path(uri) is not None))
        for uri in self.site.news_uris_without_page():
            news_file = files.get_file_from_path(uri)
            if news_file is not None:
                files.remove(news_file)
        for uri, content in self.site.generated_files():
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, content=content, inclusion=NOT_IN_NAV))
        # News pages are reached from the timeline, not the sidebar: say so, so MkDocs does not
        # list them as "not included in the nav".
        for uri in self.site.generated_page_uris():
            page_file = files.get_file_from_path(uri)
            if page_file is not None and page_file.inclusion in (
                InclusionLevel.UNDEFINED,
                InclusionLevel.INCLUDED,
            ):
                page_file.inclusion = NOT_IN_NAV
        for uri, path in site.ASSET_FILES:
            files.append(File.generated(config, uri, abs_src_path=str(path)))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if self.site is None:
            return None
        # Paper and news pages are reached from the lists; with an automatic nav they would
        # otherwise fill the sidebar with one entry per file.
        hidden = self.site.generated_page_uris()
        nav.items[:] = _without(nav.items, hidden)
        return nav

    # -- pages ---------------------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self.site is None:
            return None
        self.page = page
        replaced = self.site.page_markdown(page.file.src_uri)
        if replaced is not None:
            title, markdown = replaced
            page.meta["title"] = str(escape(title))  # the theme prints titles unescaped
        return markdown

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.site is None:
            return None
        head = self.site.head_html(page.file.src_uri, page.url)
        output, missing = self.site.finish_page(page.url, output, head=head)
        if missing:
            log.warning(
                "%s: %d publication list(s) were changed by another plugin", page.file.src_uri, missing
            )
        return output

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        if self.site is not None:
            for path in self.site.watched_paths():
                if path.exists():
                    server.watch(str(path))
        return server

    # -- blocks (called by the Markdown extension) ---------------------------------------------

    def render_block(self, block: Block, options: dict[str, Any], stash: Callable[[str], str]) -> list[str]:
        assert self.site is not None and self.page is not None
        schema = {"publications": PUBLICATIONS_BLOCK, "news": NEWS_BLOCK}.get(block.name)
        if schema is not None:
            options, messages = validate_block(schema, options)
            for message in messages:
                self.block_error(block, message)
            if messages:
                return []
        url = self.page.url
        if block.name == "publications":
            lines, problems = self.site.publications_block(options, url, stash)
        elif block.name == "news":
            lines, problems = self.site.news_block(options, url, stash)
        else:
            lines, problems = self.site.paper_block(options, url, stash)
        for message in problems:
            self.block_error(block, message)
        return lines

    def block_error(self, block: Block, message: str) -> None:
        src = self.page.file.src_uri if self.page else "?"
        self.report([Problem(message, file=f"docs/{src}", line=block.line, level="error")])

    # -- reporting -----------------------------------------------------------------------------

    def report(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        """Log every problem once; `mkdocs build --strict` turns them into a failed build."""
        for problem in problems:
            if problem.level == "error":
                log.error("%s", problem)
            elif problem.level == "warning":
                log.warning("%s", problem)
            else:
                log.info("%s", problem.message)


def _without(items: list[Any], hidden: set[str]) -> list[Any]:
    kept = []
    for item in items:
        if isinstance(item, Page) and item.file.src_uri in hidden:
            continue
        if isinstance(item, Section):
            item.children = _without(item.children, hidden)
        kept.append(item)
    return kept
