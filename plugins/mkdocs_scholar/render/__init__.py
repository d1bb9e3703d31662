"""HTML from the core's data: Jinja templates (user overrides first), CSS and JS assets."""
