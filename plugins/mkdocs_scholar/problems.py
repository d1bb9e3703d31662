"""Problems found in user data, kept as data until the plugin reports them once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Level = Literal["info", "warning", "error"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the user's files.

    `file` is the path as the user knows it (relative to the project when possible),
    `line` is 1-based, `key` is the BibTeX key or front-matter key when known.
    """

    message: str
    file: str | None = None
    line: int | None = None
    key: str | None = None
    level: Level = "warning"

    def __str__(self) -> str:
        where = self.file or "<unknown>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        key = f" [{self.key}]" if self.key else ""
        return f"{where}:{key} {self.message}"
