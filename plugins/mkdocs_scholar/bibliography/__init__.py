"""BibTeX files to publications. Knows nothing of MkDocs.

`load_bibliography` is the one call: files -> `Bibliography` (publications newest first,
every problem as data). The steps behind it are importable for tests and tools:
`parse_files` (files -> raw entries) and `normalize` (raw entries -> publications).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .bibtex import format_bibliography, format_entry
from .load import Database, RawEntry, parse_files
from .model import Bibliography
from .normalize import normalize
from .options import DEFAULT_BIBTEX_EXCLUDE, BibOptions

__all__ = [
    "DEFAULT_BIBTEX_EXCLUDE",
    "BibOptions",
    "Database",
    "RawEntry",
    "format_bibliography",
    "format_entry",
    "load_bibliography",
    "normalize",
    "parse_files",
]


def load_bibliography(
    files: Sequence[Path], options: BibOptions | None = None, *, display_root: Path | None = None
) -> Bibliography:
    """Read .bib files as one database and turn every entry into a `Publication`.

    Never raises on bad input: syntax errors (level "error"), duplicate keys, undefined
    macros, bad crossrefs, odd dates, invalid ids and refused links come back as
    `Bibliography.problems`, each naming the file, line and key it is about.

    Args:
        files: .bib files; @string macros and crossref targets work across all of them.
        options: highlighting, co-author links, assets folder, fields left out of BibTeX.
        display_root: paths in problems are shown relative to this folder ("bib/papers.bib").

    Returns:
        Publications newest first (year, month, day; ties keep file order; undated last).
    """
    return normalize(parse_files(files, display_root), options or BibOptions())
