"""Find `/// publications` and `/// news` blocks in a page's Markdown and hand them to the plugin.

The block's body is YAML options. What the plugin returns replaces the block: Markdown headings
(so MkDocs puts the groups in the page's table of contents) and stashed raw HTML (so
Python-Markdown never re-parses thousands of entries — that is what makes big lists slow).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

import yaml
from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

BLOCK_NAMES = ("publications", "news", "paper")
# Indented blocks sit inside an admonition, a content tab or a list item: the indent is kept.
_OPEN = re.compile(r"^(?P<indent>[ \t]*)///\s*(?P<name>" + "|".join(BLOCK_NAMES) + r")\s*$")
_CLOSE = re.compile(r"^(?P<indent>[ \t]*)///\s*$")
_CONTAINER = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?|===|///|[-*+][ \t]|\d+[.)][ \t])")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")


@dataclass(frozen=True)
class Block:
    """One block as written: its name, raw option text and the line it starts on (1-based)."""

    name: str
    options_text: str
    line: int
    indent: str = ""
    """The opening line's leading whitespace; the lines that replace the block get it too."""


class BlockHandler(Protocol):
    def render_block(self, block: Block, options: dict[str, Any], stash: Callable[[str], str]) -> list[str]:
        """Return Markdown lines that replace the block; `stash(html)` gives a placeholder line."""

    def block_error(self, block: Block, message: str) -> None:
        """Report a problem with a block on the current page."""


def find_blocks(lines: list[str]) -> Iterator[tuple[int, int, Block]]:
    """Yield (start index, end index exclusive, block) for each block outside code fences."""
    fence: str | None = None
    closers = _closing_lines(lines)
    parents = _less_indented_before(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group("fence")[0] == fence[0] and len(m.group("fence")) >= len(fence):
                fence = None
            i += 1
            continue
        if m:
            fence = m.group("fence")
            i += 1
            continue
        opened = _OPEN.match(line)
        if not opened or not _in_container(lines, parents[i], opened.group("indent")):
            i += 1
            continue
        indent = opened.group("indent")
        later = closers.get(indent, [])
        at = bisect.bisect_right(later, i)
        end = later[at] if at < len(later) else None
        if end is None:
            # An unclosed block takes no lines: reporting it is kinder than eating the page.
            yield i, i + 1, Block(opened.group("name"), "\0unclosed", i + 1, indent)
            i += 1
            continue
        body = [line.removeprefix(indent) for line in lines[i + 1 : end]]
        yield i, end + 1, Block(opened.group("name"), "\n".join(body), i + 1, indent)
        i = end + 1


def _in_container(lines: list[str], parent: int, indent: str) -> bool:
    """Whether a block opening with this indent is one (not an indented code block).

    Four spaces or more make code, unless the block is the content of an admonition, a content
    tab, a list item or another `///` block: `lines[parent]`, the nearest less indented line
    before it, opens one.
    """
    if len(indent.expandtabs(4)) < 4:
        return True
    return parent >= 0 and _CONTAINER.match(lines[parent]) is not None


def _closing_lines(lines: list[str]) -> dict[str, list[int]]:
    """Indexes of `///` lines by their indent, ascending (one pass, not a scan per opener)."""
    found: dict[str, list[int]] = {}
    for j, line in enumerate(lines):
        closing = _CLOSE.match(line)
        if closing is not None:
            found.setdefault(closing.group("indent"), []).append(j)
    return found


def _less_indented_before(lines: list[str]) -> list[int]:
    """For each line, the index of the nearest earlier non-blank line indented less (-1: none).

    One pass with a stack of lines of increasing indent, instead of a walk back per line.
    """
    result: list[int] = []
    stack: list[tuple[int, int]] = []  # (indent width, index), indents increasing
    for j, line in enumerate(lines):
        if not line.strip():  # blank lines neither count nor end anything
            result.append(stack[-1][1] if stack else -1)
            continue
        width = len(line) - len(line.lstrip())
        while stack and stack[-1][0] >= width:
            stack.pop()
        result.append(stack[-1][1] if stack else -1)
        stack.append((width, j))
    return result


def parse_options(block: Block) -> tuple[dict[str, Any], str | None]:
    """The block's YAML options as a dict, or an error message."""
    if block.options_text == "\0unclosed":
        return {}, f"'/// {block.name}' block is not closed with a '///' line"
    if not block.options_text.strip():
        return {}, None
    if _has_aliases(block.options_text):
        # Nine aliases of nine aliases of ... make a value with 9^n leaves (a "billion laughs"
        # in a few lines); options never need them.
        return {}, f"YAML anchors and aliases (&, *) are not allowed in a '/// {block.name}' block"
    try:
        data = yaml.safe_load(block.options_text)
    except yaml.YAMLError as exc:
        return {}, f"invalid YAML in '/// {block.name}' block: {exc}".replace("\n", " ")
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        return {}, f"the '/// {block.name}' block must contain 'option: value' lines"
    return data, None


def _has_aliases(text: str) -> bool:
    if "*" not in text:
        return False
    try:
        return any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return False  # safe_load reports it


class _BlockPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, handler: BlockHandler) -> None:
        super().__init__(md)
        self.handler = handler

    def run(self, lines: list[str]) -> list[str]:
        found = list(find_blocks(lines))
        if not found:
            return lines
        out: list[str] = []
        last = 0
        for start, end, block in found:
            out.extend(lines[last:start])
            options, error = parse_options(block)
            if error:
                self.handler.block_error(block, error)
            else:
                replaced = self.handler.render_block(block, options, self._stash)
                out.extend(["", *(block.indent + line if line else line for line in replaced), ""])
            last = end
        out.extend(lines[last:])
        return out

    def _stash(self, html: str) -> str:
        return self.md.htmlStash.store(html)


class BlocksExtension(Extension):
    """Python-Markdown extension registered by the plugin itself: users enable nothing."""

    def __init__(self, handler: BlockHandler) -> None:
        super().__init__()
        self.handler = handler

    def extendMarkdown(self, md: Markdown) -> None:
        # Below fenced code (25): a block shown inside a code fence is already stashed as code.
        md.preprocessors.register(_BlockPreprocessor(md, self.handler), "scholar_blocks", 24)
