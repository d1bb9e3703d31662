"""Files -> one database of raw entries, with every problem kept as data.

All files form one database, as if concatenated but without caring about order: @string
macros and crossref targets from any file work in every file. bibtexparser's splitter cuts
each file into blocks (with line numbers; blocks it cannot parse are kept as failed blocks);
what spans files is done after: @string macros (macros.py), duplicate keys (here), crossref
and @xdata inheritance (inherit.py). File bytes become text in read.py.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bibtexparser.exceptions import BlockAbortedException
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ImplicitComment,
    ParsingFailedBlock,
    String,
)
from bibtexparser.splitter import Splitter

from ..problems import Level, Problem
from .inherit import CONTAINERS, expand_crossrefs, hold, resolve_xdata
from .macros import (
    MAX_DEPTH,
    MAX_LENGTH,
    MAX_TOTAL,
    SPACES,
    TOKEN,
    Issue,
    Macros,
    one_group,
    parse_value,
)
from .raw import Database, RawEntry
from .read import read_bib

__all__ = [
    "MAX_DEPTH",
    "MAX_LENGTH",
    "MAX_TOTAL",
    "Database",
    "RawEntry",
    "display_path",
    "expand_crossrefs",
    "parse_files",
    "read_bib",
    "resolve_xdata",
]


def display_path(path: Path, root: Path | None) -> str:
    """`path` relative to `root` in "/" form when it is inside it, else as given."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except (ValueError, OSError):
            pass
    return path.as_posix()


@contextmanager
def _quiet_splitter() -> Iterator[None]:
    """bibtexparser logs each syntax error itself; we report them as Problems instead."""
    logger = logging.getLogger("bibtexparser.splitter")
    was_disabled = logger.disabled
    logger.disabled = True
    try:
        yield
    finally:
        logger.disabled = was_disabled


# ---------------------------------------------------------------------------------------------
# Files -> database.

_ENTRY_HEAD = re.compile(r"@\s*(\w*)\s*[{(]\s*([^,\s{}()=]*)")
_LOST_ENTRY = re.compile(r"^[ \t]*[A-Za-z]+[ \t]*[{(][ \t]*[^\s,{}=]+[ \t]*,[ \t]*$", re.M)


@dataclass
class _Pending:
    entry: Entry
    file: str
    repeated: frozenset[str]


_NONE_REPEATED: frozenset[str] = frozenset()


def _failed_block_problem(block: ParsingFailedBlock, file: str) -> Problem:
    raw = block.raw or ""
    head = _ENTRY_HEAD.match(raw.lstrip())
    kind = head.group(1).lower() if head else ""
    key = head.group(2) if head and kind not in ("string", "preamble", "comment") else ""
    error = block.error
    reason = error.abort_reason if isinstance(error, BlockAbortedException) else str(error)
    what = f"@{kind} block" if kind else "block"
    skipped = (
        "the entry is skipped" if key or kind not in ("string", "preamble", "comment") else "it is skipped"
    )
    return Problem(
        f"syntax error in {what}: {reason.strip()}; {skipped}",
        file=file,
        line=(block.start_line or 0) + 1,
        key=key or None,
        level="error",
    )


def _stray_text_problem(block: ImplicitComment, file: str) -> Problem | None:
    """Text outside entries is a comment, but some of it is a broken entry the user wants to see."""
    text = block.comment
    if "{" not in text and "}" not in text:
        return None
    # Braces in "%" comment lines do not count (iridia's journals.bib: `} %"... Science"}`).
    text = "\n".join(line.split("%", 1)[0] for line in text.split("\n"))
    lost = _LOST_ENTRY.search(text)
    if lost:
        line = (block.start_line or 0) + 1 + text.count("\n", 0, lost.start())
        return Problem(
            f"text outside any entry looks like an entry without '@' ({lost.group().strip()!r}); it is ignored",
            file=file,
            line=line,
        )
    if text.count("{") != text.count("}"):
        return Problem(
            "text outside any entry has unbalanced braces (a broken entry?); it is ignored",
            file=file,
            line=(block.start_line or 0) + 1,
        )
    return None


def _split_file(path: Path, root: Path | None, db: Database) -> tuple[str, list[Block]]:
    shown = display_path(path, root)
    try:
        text, problem = read_bib(path, shown)
    except OSError as error:
        db.problems.append(
            Problem(f"cannot read the file: {error.strerror or error}", file=shown, level="error")
        )
        return shown, []
    if problem is not None:
        db.problems.append(problem)
    try:
        with _quiet_splitter():
            library = Splitter(text).split()
    except Exception as error:
        # bibtexparser raises only on its own bugs; one odd file must not stop the build.
        db.problems.append(
            Problem(
                f"bibtexparser could not split the file ({type(error).__name__}: {error})",
                file=shown,
                level="error",
            )
        )
        return shown, []
    blocks = library.blocks
    cleaned = _without_field_comments(text) if _has_field_comments(text) else text
    if cleaned != text:
        try:
            with _quiet_splitter():
                blocks = Splitter(cleaned).split().blocks
        except Exception:
            pass  # keep the first split: its fields are at worst odd
    return shown, blocks


# ---------------------------------------------------------------------------------------------
# `%` comments inside entries.
#
# biber reads `%` outside a value as a comment to the end of the line, inside entries too;
# bibtexparser's splitter does not: a commented-out line `% doi = {10.1/x},` becomes the
# field "% doi" (the comment glued to the name of the field after it), one without a comma
# swallows the next field into its value, and one holding a comma or a brace breaks the
# entry. So a file whose entries hold such comments is split again with them blanked out
# (line breaks kept, so line numbers do not move). `%` inside a braced or quoted value
# (`{50\% off}`, `{http://x/%20y}`) is text, not a comment.

_BLOCK_HEAD = re.compile(r"@\w*[ \t]*[{(]")
_COMMENT_MARKS = re.compile(r'(?<!\\)[{}"%)]|\n(?=[ \t]*@\w*[ \t]*[{(])')


def _comment_spans(text: str, start: int = 0, until: int = -1) -> Iterator[tuple[int, int]]:
    """(start, end) of each `%` comment at field level of the blocks in `text` (line breaks excluded).

    Only blocks starting at `start` or after are read, and (with `until`) before `until`.
    """
    # Heads are looked for only before `until` (a head holds no "%", so none crosses it):
    # searching on to the end of the file for each "%" was quadratic.
    stop = len(text) if until < 0 else until
    head = _BLOCK_HEAD.search(text, start, stop)
    while head is not None:
        if "%" in text[text.rfind("\n", 0, head.start()) + 1 : head.start()]:
            # `% @misc{...}`: an entry commented out line by line, left as the splitter sees it.
            head = _BLOCK_HEAD.search(text, head.end(), stop)
            continue
        depth, quoted, skip = 1, False, 0
        paren = head.group().endswith("(")
        end = len(text)
        for m in _COMMENT_MARKS.finditer(text, head.end()):
            at = m.start()
            if at < skip:
                continue
            char = m.group()
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    end = m.end()
                    break
            elif char == '"':
                if depth == 1:
                    quoted = not quoted
            elif char == "%":
                if depth == 1 and not quoted:
                    newline = text.find("\n", at)
                    skip = len(text) if newline < 0 else newline
                    yield at, skip
            elif char == ")":
                if paren and depth == 1 and not quoted:
                    end = m.end()
                    break
            else:
                # An `@` at the start of a line: the splitter gives up the block there too.
                end = at
                break
        head = _BLOCK_HEAD.search(text, end, stop) if end < stop else None


def _has_field_comments(text: str) -> bool:
    """True when a block of `text` holds a `%` comment at field level."""
    # Most files have no "%" at all, the others a few (URLs, "50\\%"): only the blocks
    # around them are read, from the last line-start "@" before each.
    at = text.find("%")
    if at < 0:
        return False
    start = text.rfind("\n@", 0, at) + 1
    while True:
        if next(_comment_spans(text, start, at + 1), None) is not None:
            return True
        # A block is read to its end: the next "%" needs a look only past a new line-start "@".
        previous, at = at, text.find("%", at + 1)
        while at >= 0 and (head := text.rfind("\n@", previous, at)) < 0:
            previous, at = at, text.find("%", at + 1)
        if at < 0:
            return False
        start = head + 1


def _without_field_comments(text: str) -> str:
    parts: list[str] = []
    done = 0
    for start, end in _comment_spans(text):
        parts.append(text[done:start])
        done = end
    parts.append(text[done:])
    return "".join(parts)


def parse_files(files: Sequence[Path], display_root: Path | None = None) -> Database:
    """Read and parse all files as one database.

    Args:
        files: .bib files, in the order their entries should be listed when dates tie.
        display_root: paths in problems are shown relative to this folder.

    Returns:
        The entries (first of each key; macros expanded, crossrefs inherited) and all problems.
    """
    db = Database()
    macros = Macros()
    pending: list[_Pending] = []
    for path in files:
        shown, blocks = _split_file(Path(path), display_root, db)
        for block in blocks:
            repeated = _NONE_REPEATED
            if isinstance(block, DuplicateFieldKeyBlock):
                repeated = frozenset(block.duplicate_keys)
            if isinstance(block, (DuplicateBlockKeyBlock, DuplicateFieldKeyBlock)):
                # Duplicates are judged across all files below, not per file.
                inner = block.ignore_error_block
                block = inner if inner is not None else block
            if isinstance(block, Entry):
                pending.append(_Pending(block, shown, repeated))
            elif isinstance(block, String):
                _define(macros, block, shown, db)
            elif isinstance(block, ParsingFailedBlock):
                db.problems.append(_failed_block_problem(block, shown))
            elif isinstance(block, ImplicitComment):
                stray = _stray_text_problem(block, shown)
                if stray is not None:
                    db.problems.append(stray)
            # @preamble and @comment carry nothing to show.
    seen: dict[str, RawEntry] = {}
    users: list[RawEntry] = []
    expander = _Expander(macros)
    for item in pending:
        try:
            entry = _expand_entry(item, expander, db)
        except Exception as error:
            # A bug of ours on odd input must cost one entry, not the build.
            line = (item.entry.start_line or 0) + 1
            message = f"could not read this entry ({type(error).__name__}: {error}); it is skipped"
            db.problems.append(Problem(message, item.file, line, item.entry.key or None, "error"))
            continue
        if entry is None:
            continue
        first = seen.get(entry.key)
        if first is not None:
            db.problems.append(
                Problem(
                    f"duplicate key {entry.key!r}: first defined at {first.file}:{first.line}, "
                    f"again at {entry.file}:{entry.line}; the first is used and this one is skipped",
                    file=entry.file,
                    line=entry.line,
                    key=entry.key,
                )
            )
            continue
        seen[entry.key] = entry
        if entry.entry_type in CONTAINERS:
            hold(entry, db)
            continue
        if "xdata" in entry.fields:
            users.append(entry)
        entry.order = len(db.entries)
        db.entries.append(entry)
    if users:
        resolve_xdata(users, seen, db)
    expand_crossrefs(db)
    return db


def _define(macros: Macros, block: String, file: str, db: Database) -> None:
    line = (block.start_line or 0) + 1
    pieces, error = parse_value(block.value)
    name = block.key.strip()
    if error:
        db.problems.append(Problem(f"@string {name!r}: malformed value ({error})", file=file, line=line))
    if not name or not TOKEN.fullmatch(name):
        db.problems.append(
            Problem(f"@string has an invalid macro name {name!r}; it is ignored", file=file, line=line)
        )
        return
    if not macros.define(name, pieces):
        db.problems.append(
            Problem(
                f"@string {name!r} is defined again with another value; the last definition is used",
                file=file,
                line=line,
            )
        )


@dataclass(frozen=True)
class _Trouble:
    """What is wrong with a value: a syntax error, macros that could not be expanded."""

    error: str | None
    issues: tuple[Issue, ...]


class _Expander:
    """Field names and values as entries use them, each distinct one worked out once.

    Every @string is read before the first entry is expanded, so a raw value always
    expands to the same text: years, months, journals and publishers repeat across entries.
    """

    def __init__(self, macros: Macros) -> None:
        self.macros = macros
        self.names: dict[str, str] = {}
        self.values: dict[str, tuple[str, _Trouble | None]] = {}

    def name(self, raw: str) -> str:
        """A field name in lower case ("" for none)."""
        name = raw.strip().lower()
        if "%" in name:
            # "% a comment\n  author": the field name is on the last line, after any "%".
            name = name.rsplit("\n", 1)[-1].lstrip("% \t")
        self.names[raw] = name
        return name

    def value(self, raw: str) -> tuple[str, _Trouble | None]:
        """A value with macros expanded and whitespace collapsed, and what is wrong with it."""
        text = raw.strip()
        trouble = None
        if text[:1] == "{" and text[-1] == "}" and one_group(text[1:-1]):
            # One braced literal, as most values are: `parse_value`'s first case, spelled out.
            text = text[1:-1]
        else:
            pieces, error = parse_value(raw)
            issues: list[Issue] = []
            text = self.macros.join(pieces, issues)
            if error or issues:
                trouble = _Trouble(error, tuple(dict.fromkeys(issues)))
        if "\n" in text or "  " in text or "\t" in text:
            text = SPACES.sub(" ", text)
        if not text.isprintable():  # rare (controls, no-break spaces): a quick test before the regex
            text, found = _without_controls(text)
            if found:
                issues_found = (*(trouble.issues if trouble else ()), ("control", ""))
                trouble = _Trouble(trouble.error if trouble else None, issues_found)
        done = (text.strip(), trouble)
        self.values[raw] = done
        return done


# C0 controls (tab, line feed and carriage return are whitespace here) and DEL: none means
# anything in BibTeX, HTML forbids them even escaped, and XML outputs (Atom, sitemap) break.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _without_controls(text: str) -> tuple[str, bool]:
    cleaned = _CONTROL.sub("", text)
    return cleaned, len(cleaned) != len(text)


def _expand_entry(item: _Pending, expander: _Expander, db: Database) -> RawEntry | None:
    block = item.entry
    line = (block.start_line or 0) + 1
    key, controls = _without_controls(block.key.strip())
    if controls:
        db.problems.append(
            Problem(
                f"key {block.key.strip()!r} holds control characters; it is used without them",
                file=item.file,
                line=line,
                key=key,
            )
        )
    if not key:
        db.problems.append(
            Problem(
                f"@{block.entry_type} entry has no key; it is skipped",
                file=item.file,
                line=line,
                level="error",
            )
        )
        return None
    fields: dict[str, str] = {}
    repeated = item.repeated
    issues: list[tuple[str, str, str]] = []
    syntax: list[str] = []
    names, values = expander.names, expander.values
    # The loop runs for every field of every entry: lookups in the expander's memory first.
    for f in block.fields:
        name = names.get(f.key)
        if name is None:
            name = expander.name(f.key)
        if not name or name in fields:
            if name:
                repeated = repeated | {name}
            continue
        raw = f.value
        text, trouble = values.get(raw) or expander.value(raw)
        if trouble is not None:
            if trouble.error:
                syntax.append(f"{name}: {trouble.error}")
            issues.extend((kind, what, name) for kind, what in trouble.issues)
        fields[name] = text
    if syntax or issues or repeated:
        return _entry_with_problems(item, key, line, fields, repeated, issues, syntax, db)
    return RawEntry(block.entry_type.strip().lower(), key, fields, item.file, line)


def _entry_with_problems(
    item: _Pending,
    key: str,
    line: int,
    fields: dict[str, str],
    repeated: frozenset[str],
    issues: list[tuple[str, str, str]],
    syntax: list[str],
    db: Database,
) -> RawEntry | None:
    def problem(message: str, level: Level = "warning") -> Problem:
        return Problem(message, file=item.file, line=line, key=key, level=level)

    if syntax:
        # The splitter was lenient, but the fields are not what the author meant (often a
        # missing comma that merged two fields): treat it like any other syntax error.
        db.problems.append(
            problem(f"syntax error in field value ({'; '.join(syntax)}); the entry is skipped", level="error")
        )
        return None
    for message in _issue_messages(issues):
        db.problems.append(problem(message))
    if repeated:
        names = ", ".join(sorted(repeated))
        db.problems.append(problem(f"field repeated in the entry ({names}); the first value is used"))
    return RawEntry(item.entry.entry_type.strip().lower(), key, fields, item.file, line)


_ISSUE_MESSAGES = {
    "undefined": "undefined macro {}",
    "control": "control characters left out of {}",
    "self": "@string macro refers to itself, so it is left unexpanded: {}",
    "cycle": "@string macros refer to each other in a cycle, so they are left unexpanded: {}",
    "deep": f"@string macros nest more than {MAX_DEPTH} deep, so they are left unexpanded from {{}} on",
    "long": f"@string macros would expand to {MAX_LENGTH:,} characters or more, so they are left unexpanded: {{}}",
    "budget": f"@string macros expand to over {MAX_TOTAL:,} characters in all files, so the rest are left unexpanded: {{}}",
}


def _issue_messages(issues: list[tuple[str, str, str]]) -> Iterator[str]:
    """One message per kind of issue, each listing the macros (or fields) it concerns."""
    by_kind: dict[str, dict[str, None]] = {}
    for kind, what, field_name in issues:
        if kind == "cycle":
            where = f"{what} (in {field_name})"
        else:
            where = f"{what!r} (in {field_name})" if what else f"the value of {field_name}"
        by_kind.setdefault(kind, {})[where] = None
    for kind, wheres in by_kind.items():
        yield _ISSUE_MESSAGES[kind].format(", ".join(wheres))
