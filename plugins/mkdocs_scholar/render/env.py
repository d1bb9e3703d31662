"""The Jinja environment: the user's override folder first, our templates second."""

from __future__ import annotations

from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).parent / "templates"
ASSETS = Path(__file__).parent / "assets"


def make_environment(override_dirs: list[Path] | None = None) -> jinja2.Environment:
    """A Jinja environment with autoescape on.

    Templates live under `scholar/`; a user overrides `scholar/entry.html` by putting a file
    at `<custom_dir>/scholar/entry.html`, the same way Material's own partials are overridden.
    """
    search = [str(d) for d in (override_dirs or []) if d.is_dir()] + [str(TEMPLATES)]
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        # Each build (each `mkdocs serve` rebuild too) makes a new environment, so an edited override
        # is still picked up; re-checking template files on every get_template was a stat call each.
        auto_reload=False,
    )
