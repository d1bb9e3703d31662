"""What the BibTeX core needs from the plugin's configuration, as plain frozen data."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_BIBTEX_EXCLUDE", "BibOptions"]

DEFAULT_BIBTEX_EXCLUDE: tuple[str, ...] = (
    "abbr", "abstract", "award", "award_name", "bibtex_show", "selected", "preview", "pdf", "code",
    "slides", "poster", "video", "website", "html", "supp", "blog", "arxiv", "openreview",
    "additional_info", "annotation", "altmetric", "dimensions", "google_scholar_id", "file",
    "timestamp", "biburl", "bibsource", "keywords", "note_display", "owner", "groups",
)  # fmt: skip
"""Display-only fields (al-folio's and reference managers' bookkeeping) left out of shown BibTeX."""


@dataclass(frozen=True)
class BibOptions:
    """Options of `load_bibliography`."""

    highlight_authors: tuple[str, ...] = ()
    """The site owner's names in any form; matching persons get `highlight=True`."""
    coauthors: tuple[tuple[str, str], ...] = ()
    """(name in any form, http(s) or relative address) pairs; matching persons get that `url`."""
    assets_dir: str = "assets/papers"
    """Site folder that relative file names in pdf/slides/poster/video/supp fields resolve to."""
    bibtex_exclude_fields: tuple[str, ...] = DEFAULT_BIBTEX_EXCLUDE
    """Fields left out of `Publication.bibtex` (case-insensitive)."""
    reserved_slugs: tuple[str, ...] = ("index",)
    """Slugs no entry may take (names the site already uses beside the paper pages); an entry
    whose key would give one gets the next free "-2", "-3", ... form instead."""
