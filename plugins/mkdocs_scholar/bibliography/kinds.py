"""Entry type + venue -> the kind of work shown to readers (journal, conference, preprint, ...)."""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Kind

__all__ = ["STANDARD_TYPES", "is_preprint_venue", "kind_of"]

STANDARD_TYPES = frozenset(
    # BibTeX
    {"article", "book", "booklet", "conference", "inbook", "incollection", "inproceedings", "manual",
     "mastersthesis", "misc", "phdthesis", "proceedings", "techreport", "unpublished",
     # biblatex, with its aliases
     "bookinbook", "collection", "dataset", "inreference", "mvbook", "mvcollection", "mvproceedings",
     "mvreference", "online", "patent", "periodical", "reference", "report", "set", "software",
     "suppbook", "suppcollection", "suppperiodical", "thesis", "xdata", "electronic", "www",
     "artwork", "audio", "bibnote", "commentary", "image", "jurisdiction", "legal", "legislation",
     "letter", "movie", "music", "performance", "review", "standard", "video",
     "customa", "customb", "customc", "customd", "custome", "customf"}
)  # fmt: skip
"""Entry types of BibTeX and biblatex; anything else gets a warning (and kind "other")."""

# "CoRR" only in DBLP's spelling, so that "J. Corr. Sci." stays a journal.
_PREPRINT_VENUE = re.compile(r"(?i:\b(?:arxiv|preprint|biorxiv|medrxiv|chemrxiv)\b)|\bCoRR\b")
_WORKSHOP = re.compile(r"workshop", re.I)
_THESES = frozenset({"phdthesis", "mastersthesis", "thesis"})
_BOOKS = frozenset(
    {"book", "inbook", "incollection", "proceedings", "mvbook", "bookinbook", "collection", "mvcollection",
     "mvproceedings", "suppbook", "suppcollection"}
)  # fmt: skip
_ONLINE = frozenset({"misc", "unpublished", "online", "electronic", "www"})


def is_preprint_venue(venue: str) -> bool:
    """True for "arXiv preprint arXiv:2405.17403", "CoRR", "bioRxiv", "Preprint"."""
    return bool(_PREPRINT_VENUE.search(venue))


@lru_cache(maxsize=4096)
def kind_of(entry_type: str, journal: str, booktitle: str, has_arxiv: bool) -> Kind:
    """The kind of an entry.

    Args:
        entry_type: lower-case entry type.
        journal: the journal field (empty when none).
        booktitle: the booktitle field (empty when none).
        has_arxiv: whether an arXiv id was found for the entry.
    """
    if entry_type == "article":
        if is_preprint_venue(journal) or (not journal.strip() and has_arxiv):
            return "preprint"
        return "journal"
    if entry_type in ("inproceedings", "conference"):
        return "workshop" if _WORKSHOP.search(booktitle) else "conference"
    if entry_type in _THESES:
        return "thesis"
    if entry_type in _BOOKS:
        return "book"
    if entry_type in _ONLINE or entry_type in ("techreport", "report"):
        return "preprint" if has_arxiv else "other"
    return "other"
