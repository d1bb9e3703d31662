"""mkdocs-scholar: BibTeX publication lists and a news timeline for MkDocs."""

from __future__ import annotations

__version__ = "0.1.0"
