"""The `///` block finder: what counts as a block, what is left alone."""

from __future__ import annotations

import pytest

from mkdocs_scholar.blocks import find_blocks, parse_options
from mkdocs_scholar.config import NEWS_BLOCK, PUBLICATIONS_BLOCK, validate_block


def names(text: str) -> list[tuple[str, str]]:
    return [(b.name, b.options_text) for _, _, b in find_blocks(text.splitlines())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/// publications\n///", [("publications", "")]),
        ("/// publications\ngroup_by: year\n///", [("publications", "group_by: year")]),
        ("///   news  \nlimit: 5\n///", [("news", "limit: 5")]),
        (
            "text\n\n/// news\n///\n\n/// publications\nselected: true\n///",
            [("news", ""), ("publications", "selected: true")],
        ),
        ("```\n/// publications\n///\n```", []),
        ("~~~~md\n/// news\n///\n~~~~\n/// news\n///", [("news", "")]),
        ("````\n```\n/// news\n///\n```\n````", []),
        ("    /// publications\n    ///", []),  # an indented code block
        ("text\n\n    /// publications\n    ///", []),
        ('!!! note "Papers"\n\n    /// publications\n    limit: 2\n    ///', [("publications", "limit: 2")]),
        ('=== "Recent"\n\n    /// news\n    ///', [("news", "")]),
        ("- item\n\n    /// news\n    ///", [("news", "")]),
        ("  /// news\n  ///", [("news", "")]),
        ("!!! note\n    /// news\n///", [("news", "\0unclosed")]),  # closed at another indent
        ("/// publication\n///", []),
        ("/// admonition | Note\n///", []),
        ("no blocks here", []),
    ],
)
def test_find_blocks(text: str, expected: list[tuple[str, str]]) -> None:
    """Blocks are found outside code fences only, with their option text."""
    assert names(text) == expected


def test_block_line_numbers() -> None:
    """A block knows the 1-based line it opens on, for messages."""
    blocks = [b for _, _, b in find_blocks("a\nb\n/// news\n///".splitlines())]
    assert blocks[0].line == 3


@pytest.mark.parametrize(
    ("text", "ok", "error_part"),
    [
        ("/// news\nlimit: 5\n///", {"limit": 5}, None),
        ("/// news\n///", {}, None),
        ("/// news\n- a\n- b\n///", {}, "option: value"),
        ("/// news\nlimit: [\n///", {}, "invalid YAML"),
        ("/// news\nlimit: 5", {}, "not closed"),
        ("/// news\ntags: &a [x, x]\nyears: *a\n///", {}, "aliases"),
        ("/// news\ntags: ['*', a*b]\n///", {"tags": ["*", "a*b"]}, None),
    ],
)
def test_parse_options(text: str, ok: dict[str, object], error_part: str | None) -> None:
    """Options are YAML mappings; anything else is a message, never an exception."""
    block = next(b for _, _, b in find_blocks(text.splitlines()))
    options, error = parse_options(block)
    assert options == ok
    if error_part is None:
        assert error is None
    else:
        assert error is not None and error_part in error


@pytest.mark.parametrize(
    ("options", "error_part"),
    [
        ({"heading_level": 3}, None),
        ({"heading_level": 0}, "heading_level"),
        ({"heading_level": 7}, "heading_level"),
        ({"group_by": "venue"}, "group_by"),
        ({"limt": 3}, "limt"),
    ],
)
def test_block_options_are_validated(options: dict[str, object], error_part: str | None) -> None:
    """Out-of-range or unknown options are messages naming the option (the plugin adds page and line)."""
    for schema in (PUBLICATIONS_BLOCK, NEWS_BLOCK):
        if "group_by" in options and schema is NEWS_BLOCK:
            continue
        _, messages = validate_block(schema, options)
        if error_part is None:
            assert messages == []
        else:
            assert len(messages) == 1 and error_part in messages[0]
