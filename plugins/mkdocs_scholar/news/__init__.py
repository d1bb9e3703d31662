"""Dated Markdown notes to a news timeline and an Atom feed. Knows nothing of MkDocs."""
