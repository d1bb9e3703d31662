"""Files -> one database of raw entries, with every problem kept as data.

All files form one database, as if concatenated but without caring about order: @string
macros and crossref targets from any file work in every file. bibtexparser's splitter cuts
each file into blocks (with line numbers; blocks it cannot parse are kept as failed blocks);
macro expansion, duplicate keys and crossrefs are done here because they span files.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
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
from .dates import MONTH_MACROS
from .latex import balanced_braces
from .read import read_bib

__all__ = ["Database", "RawEntry", "display_path", "expand_crossrefs", "parse_files", "read_bib"]


@dataclass
class RawEntry:
    """An entry as parsed: values still LaTeX, but macros expanded and whitespace collapsed."""

    entry_type: str
    """Lower-case entry type as written ("article", "livelink", ...)."""
    key: str
    fields: dict[str, str]
    """Lower-case field name -> value, in file order; crossref-inherited fields come last."""
    file: str
    """Path as shown to the user."""
    line: int
    """1-based line of the `@`."""
    order: int = 0
    """Position among all entries of all files."""


@dataclass
class Database:
    """Every entry of every file (first of each key only) and the problems met."""

    entries: list[RawEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


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
# Values: `{...}`, `"..."`, numbers and macro names joined by `#`.

_MARKS = re.compile(r'(?<!\\)[{}"]')
_TOKEN = re.compile(r'[^\s#{}"=,%]+')
_SPACES = re.compile(r"[ \t\n]+")

Piece = tuple[bool, str]
"""(is_macro, text): a literal, or a macro name as written."""


def _closing(value: str, start: int) -> int:
    """Index of the delimiter closing the `{` or `"` at `start`, or -1."""
    quote = value[start] == '"'
    depth = 0
    for m in _MARKS.finditer(value, start + 1):
        char = m.group()
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                if not quote:
                    return m.start()
            else:
                depth -= 1
        elif quote and depth == 0:
            return m.start()
    return -1


def _one_group(inner: str) -> bool:
    """True when `{inner}` is one braced literal: the first brace closes at the very end."""
    if "{" not in inner and "}" not in inner:
        return True
    # Most titles have braces ("{{GaN}} Nanowires"); `_closing` would walk them one by one.
    # (A backslash before the last brace escapes it: then the value is not closed.)
    return not inner.endswith("\\") and bool(balanced_braces(inner))


def parse_value(value: str) -> tuple[list[Piece], str | None]:
    """Split a raw value into literal and macro pieces; the second item describes a syntax error."""
    value = value.strip()
    first = value[:1]
    # Fast paths for the common cases: one braced or quoted literal, or a number.
    if first == "{" and value[-1] == "}":
        inner = value[1:-1]
        if _one_group(inner):
            return [(False, inner)], None
    elif first == '"' and value[-1] == '"' and len(value) > 1:
        inner = value[1:-1]
        if '"' not in inner and "{" not in inner and "}" not in inner:
            return [(False, inner)], None
    elif value.isdigit():
        return [(False, value)], None
    pieces: list[Piece] = []
    error = None
    i, n = 0, len(value)
    expect_piece = True
    while i < n:
        char = value[i]
        if char in " \t\n":
            i += 1
        elif char == "%":
            # A comment to the end of the line (biber and typst allow them inside entries).
            newline = value.find("\n", i)
            i = n if newline < 0 else newline + 1
        elif char == "#":
            if expect_piece:
                error = error or "'#' without a value before it"
            expect_piece = True
            i += 1
        elif not expect_piece:
            error = error or f"missing '#' before {value[i : i + 20]!r}"
            expect_piece = True
        elif char in '{"':
            end = _closing(value, i)
            if end < 0:
                error = error or f"unclosed {char!r}"
                end = n
            pieces.append((False, value[i + 1 : end]))
            i = end + 1
            expect_piece = False
        else:
            m = _TOKEN.match(value, i)
            if m is None:
                error = error or f"unexpected {char!r}"
                i += 1
                continue
            token = m.group()
            pieces.append((not token.isdigit(), token))
            i = m.end()
            expect_piece = False
    if expect_piece and pieces:
        error = error or "'#' without a value after it"
    return pieces, error


Issue = tuple[str, str]
"""(kind, macro name or cycle) met while expanding: kinds are the keys of `_ISSUE_MESSAGES`."""

MAX_DEPTH = 100
"""@string macros defined through macros nest this deep at most; deeper ones stay unexpanded."""

MAX_LENGTH = 1_000_000
"""A value expanded from @string macros holds fewer characters than this, else they stay unexpanded.

Macros that each repeat the previous one twice ("billion laughs") grow exponentially: 40 lines
would make a 2 TB value. Real values (abstracts included) are thousands of characters.
"""

MAX_TOTAL = 10 * MAX_LENGTH
"""Characters that macro expansion may build for all files together; later values stay unexpanded.

Else many macros just under `MAX_LENGTH` each would still take gigabytes. The largest real
files of the test corpus build under 50,000.
"""


class Macros:
    """@string macros of all files, expanded on first use so that definition order does not matter."""

    def __init__(self) -> None:
        self._pieces: dict[str, list[Piece]] = {}
        # name -> (text, issues met while expanding it)
        self._values: dict[str, tuple[str, tuple[Issue, ...]]] = {}
        self._resolving: list[str] = []
        self._budget = MAX_TOTAL

    def define(self, name: str, pieces: list[Piece]) -> bool:
        """Add a macro; returns False if it was defined before with another value (the new one wins)."""
        name = name.strip().lower()
        previous = self._pieces.get(name)
        self._pieces[name] = pieces
        self._values.clear()
        return previous is None or previous == pieces

    def value(self, name: str, issues: list[Issue]) -> str:
        """The text of a macro (names are case-insensitive); one that cannot be expanded is an issue and stands for its own name."""
        key = name.lower()
        cached = self._values.get(key)
        if cached is not None:
            issues.extend(cached[1])
            return cached[0]
        pieces = self._pieces.get(key)
        if pieces is None:
            month = MONTH_MACROS.get(key)
            if month is None:
                issues.append(("undefined", name))
            return month or name
        if key in self._resolving or len(self._resolving) >= MAX_DEPTH:
            issues.append(self._loop_issue(key, name))
            return name
        self._resolving.append(key)
        met: list[Issue] = []
        try:
            text = self.join(pieces, met, name)
        finally:
            self._resolving.pop()
        # Without duplicates: each level of a "billion laughs" would double the list.
        self._values[key] = (text, tuple(dict.fromkeys(met)))
        issues.extend(met)
        return text

    def _loop_issue(self, key: str, name: str) -> Issue:
        if key not in self._resolving:
            return ("deep", name)
        cycle = self._resolving[self._resolving.index(key) :]
        if len(cycle) == 1:
            return ("self", name)
        return ("cycle", " -> ".join([*cycle, key]))

    def join(self, pieces: list[Piece], issues: list[Issue], owner: str = "") -> str:
        """Concatenate pieces, expanding macro names; `owner` is the macro they define, if any.

        The length is checked before joining, so a too long result is never built: a macro
        then stands for its name, a field value for the value as written.
        """
        if len(pieces) == 1 and not pieces[0][0]:
            return pieces[0][1]
        parts = [self.value(text, issues) if is_macro else text for is_macro, text in pieces]
        size = sum(map(len, parts))
        if size < MAX_LENGTH and size <= self._budget:
            self._budget -= size
            return "".join(parts)
        issues.append(("long" if size >= MAX_LENGTH else "budget", owner))
        return owner or " # ".join(text for _, text in pieces)


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
    return shown, library.blocks


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
        entry.order = len(db.entries)
        seen[entry.key] = entry
        db.entries.append(entry)
    expand_crossrefs(db)
    return db


def _define(macros: Macros, block: String, file: str, db: Database) -> None:
    line = (block.start_line or 0) + 1
    pieces, error = parse_value(block.value)
    name = block.key.strip()
    if error:
        db.problems.append(Problem(f"@string {name!r}: malformed value ({error})", file=file, line=line))
    if not name or not _TOKEN.fullmatch(name):
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
        if text[:1] == "{" and text[-1] == "}" and _one_group(text[1:-1]):
            # One braced literal, as most values are: `parse_value`'s first case, spelled out.
            text = text[1:-1]
        else:
            pieces, error = parse_value(raw)
            issues: list[Issue] = []
            text = self.macros.join(pieces, issues)
            if error or issues:
                trouble = _Trouble(error, tuple(dict.fromkeys(issues)))
        if "\n" in text or "  " in text or "\t" in text:
            text = _SPACES.sub(" ", text)
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


# ---------------------------------------------------------------------------------------------
# Crossref: a child gets the fields it lacks from its parent (and the parent's parents).

# Fields that describe the parent itself, not the child: its own identity and links.
_NOT_INHERITED = frozenset(
    {"crossref", "xref", "ids", "key", "title", "shorttitle", "subtitle", "titleaddon", "label",
     "shorthand", "sortkey", "entryset", "execute", "options", "related", "abstract", "selected",
     "award", "bibtex_show", "preview", "doi", "url", "urldate", "eprint", "eprinttype",
     "archiveprefix", "eprintclass", "primaryclass", "arxiv", "arxivid", "pdf", "code", "slides",
     "poster", "video", "website", "html", "supp", "openreview", "file", "keywords"}
)  # fmt: skip
_IN_TYPES = frozenset({"conference", "bookinbook", "suppbook", "suppcollection", "suppperiodical"})


def _inherit(child: RawEntry, parent: RawEntry) -> None:
    fields = child.fields
    if "booktitle" not in fields and (child.entry_type.startswith("in") or child.entry_type in _IN_TYPES):
        # biblatex's rule: the parent's title is the child's booktitle.
        title = parent.fields.get("booktitle") or parent.fields.get("title")
        if title:
            fields["booktitle"] = title
    for name, value in parent.fields.items():
        if name not in fields and name not in _NOT_INHERITED:
            fields[name] = value


def expand_crossrefs(db: Database) -> None:
    """Fill in crossref-inherited fields; unknown targets and cycles become problems."""
    children = [e for e in db.entries if "crossref" in e.fields]
    if not children:
        # Most files have no crossref at all: skip indexing every key.
        return
    by_key = {e.key: e for e in db.entries}
    by_lower: dict[str, RawEntry] = {}
    for e in db.entries:
        by_lower.setdefault(e.key.lower(), e)
    done: set[str] = set()
    for entry in children:
        if entry.key in done:
            continue
        # Walk up the chain first (no recursion: chains in hostile files can be long).
        chain = [entry]
        on_chain = {entry.key}
        current = entry
        while True:
            target = current.fields.get("crossref", "").strip()
            if not target or (current.key in done and current is not entry):
                break
            parent = by_key.get(target) or by_lower.get(target.lower())
            if parent is None:
                db.problems.append(
                    Problem(f"crossref target {target!r} not found", current.file, current.line, current.key)
                )
                break
            if parent.key in on_chain:
                cycle = " -> ".join([c.key for c in chain[chain.index(parent) :]] + [parent.key])
                message = f"crossref cycle ({cycle}); the loop is not followed"
                db.problems.append(Problem(message, current.file, current.line, current.key))
                break
            chain.append(parent)
            on_chain.add(parent.key)
            current = parent
        for child, parent in zip(reversed(chain[:-1]), reversed(chain[1:]), strict=True):
            if child.key not in done:
                _inherit(child, parent)
        done.update(on_chain)
