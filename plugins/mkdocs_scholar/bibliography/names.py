"""Author and editor lists -> `Person`s, and matching names written in different forms.

BibTeX's rules (first/von/last/jr, "and" separators, braces keep words together) come from
bibtexparser's helpers; brace-free names, which are most of them, take a quicker path that
follows the same rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from bibtexparser.middlewares.names import parse_single_name_into_parts

from .latex import balanced_braces, to_text
from .model import Person

__all__ = ["NameMatcher", "ParsedNames", "fold", "new_person", "parse_names", "parse_person", "split_names"]

T = TypeVar("T")

# biblatex's extended name format: "family=Doe, given=John, prefix=von, useprefix=true".
_EXTENDED = re.compile(r"^\s*(?:given|family|prefix|suffix|given-i|family-i|useprefix|id)\s*=", re.I)
_EXTENDED_PARTS = {"family": "last", "given": "first", "prefix": "von", "suffix": "jr"}


@dataclass(frozen=True)
class ParsedNames:
    """An author or editor list."""

    persons: tuple[Person, ...]
    et_al: bool
    """The list ended with `and others`."""
    empty: int
    """How many names were empty and skipped ("A and , and B")."""


def _case(word: str) -> int:
    """1 = starts upper-case, 0 = lower-case, -1 = no letter (as in BibTeX)."""
    for char in word:
        if char.isalpha():
            return 1 if char.isupper() else 0
    return -1


def _split_plain(name: str) -> tuple[list[str], list[str], list[str], list[str]]:
    """BibTeX's name split for a name without braces or backslashes.

    Same rules as bibtexparser's `parse_single_name_into_parts` (non-strict), without its
    per-character loop.
    """
    sections = [part.split() for part in name.replace("~", " ").split(",")]
    if len(sections) > 3:
        # Non-strict BibTeX keeps going: extra commas only separate words of the first name.
        sections = [*sections[:2], [w for s in sections[2:] for w in s]]
    while len(sections) > 1 and not sections[-1]:
        sections.pop()
    first: list[str] = []
    von: list[str] = []
    jr: list[str] = []
    if len(sections) == 1:
        words = sections[0]
        if len(words) <= 1:
            return first, von, words, jr
        if len(words) == 2:
            return words[:1], von, words[1:], jr
        cases = [_case(w) for w in words]
        if 0 in cases:
            firstl = cases.index(0) - len(cases)
            lastl = -cases[::-1].index(0) - 1
            if lastl == -1:
                lastl -= 1
            return words[:firstl], words[firstl : lastl + 1], words[lastl + 1 :], jr
        return words[:-1], von, words[-1:], jr
    first = sections[-1]
    if len(sections) == 3:
        jr = sections[1]
    words = sections[0]
    if len(words) == 1:
        return first, von, words, jr
    cases = [_case(w) for w in words[:-1]]
    if 0 in cases:
        split = len(cases) - cases[::-1].index(0)
        return first, words[:split], words[split:], jr
    return first, von, words, jr


def _is_braced_whole(name: str) -> bool:
    """True for "{Rubin Observatory}": one brace group around the whole name."""
    if len(name) < 2 or name[0] != "{" or name[-1] != "}":
        return False
    depth = 0
    for i, char in enumerate(name):
        if char == "{" and (i == 0 or name[i - 1] != "\\"):
            depth += 1
        elif char == "}" and name[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return i == len(name) - 1
    return False


def _strip_outer_braces(value: str) -> str:
    value = value.strip()
    return value[1:-1] if _is_braced_whole(value) else value


def _split_top_level_commas(value: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(value[start:i])
            start = i + 1
    parts.append(value[start:])
    return parts


def _parse_extended(name: str) -> Person | None:
    parts: dict[str, str] = {}
    for item in _split_top_level_commas(name):
        key, sep, value = item.partition("=")
        target = _EXTENDED_PARTS.get(key.strip().lower())
        if sep and target:
            parts[target] = to_text(_strip_outer_braces(value))
    first, last = parts.get("first", ""), parts.get("last", "")
    if not last:
        first, last = "", first
    if not last:
        return None
    return new_person(first, parts.get("von", ""), last, parts.get("jr", ""))


def new_person(
    first: str = "", von: str = "", last: str = "", jr: str = "", corporate: bool = False
) -> Person:
    """`Person(first=..., von=..., last=..., jr=..., corporate=...)`, three times faster.

    A frozen dataclass sets each field through `object.__setattr__`; tens of thousands of
    names make that a tenth of the time spent on them. The result is the same object
    (same `__dict__`, so equality, hashing, pickling and `asdict` agree).
    """
    person = object.__new__(Person)
    person.__dict__.update(
        first=first, von=von, last=last, jr=jr, corporate=corporate, highlight=False, url=None
    )
    return person


def _plain(text: str) -> bool:
    """True for names that need nothing but splitting on spaces and commas.

    No LaTeX to decode (to_text would return the words as they are), no braces, no
    "family=" keys. (`in` tests: they are three times faster than a regex with "--" in it.)
    """
    return not (
        "\\" in text or "{" in text or "}" in text or "$" in text or "~" in text or "=" in text
        or "--" in text or "''" in text or "``" in text
    )  # fmt: skip


@lru_cache(maxsize=65536)
def parse_person(name: str) -> Person | None:
    """One BibTeX name -> `Person`; None for an empty name.

    Handles "First von Last", "von Last, First", "von Last, Jr, First", a corporate name in
    braces ("{Rubin Observatory}", kept whole) and biblatex's "family=..., given=..." form.
    """
    name = name.strip()
    return _plain_person(name) if _plain(name) else _person(name)


def _plain_person(name: str) -> Person | None:
    """`parse_person` of a stripped `_plain` name."""
    family, comma, given = name.partition(",")
    if comma and "," not in given:
        # "Knuth, Donald E.", most names in real files: one family word, given names.
        family_words, given_words = family.split(), given.split()
        if len(family_words) == 1 and given_words:
            return new_person(" ".join(given_words), "", family_words[0], "")
    first, von, last, jr = _split_plain(name)
    return _from_texts([" ".join(first), " ".join(von), " ".join(last), " ".join(jr)])


def _person(name: str) -> Person | None:
    """`parse_person` of a stripped name with braces, LaTeX or keys."""
    if not name.strip(", "):
        return None
    if _is_braced_whole(name):
        inner = to_text(name[1:-1])
        return new_person(last=inner, corporate=True) if inner else None
    if _EXTENDED.match(name):
        return _parse_extended(name)
    if "{" in name or "\\" in name:
        parts = parse_single_name_into_parts(name, strict=False)
        first, von, last, jr = parts.first, parts.von, parts.last, parts.jr
    else:
        first, von, last, jr = _split_plain(name)
    return _from_texts([to_text(" ".join(words)) if words else "" for words in (first, von, last, jr)])


def _from_texts(texts: list[str]) -> Person | None:
    """A person from decoded [first, von, last, jr]; None when all are empty."""
    if not texts[2]:
        # "John," or ", John": keep the only name there is as the family name.
        texts[2], texts[0] = texts[0] or texts[1], ""
        if not texts[2] and not texts[3]:
            return None
    return new_person(texts[0], texts[1], texts[2], texts[3])


_AND = re.compile(r"[ \t\r\n]+[aA][nN][dD][ \t\r\n]+")
# A backslash escaping a space would hide the space from the "and" separator.
_ESCAPED_SPACE = re.compile(r"\\[ \t\r\n]")
# An "and" between single spaces in any case but lower case.
_ODD_AND = re.compile(r" (?!and )[aA][nN][dD] ")
_AND_OR_BRACE = re.compile(r"\\.|[{}]|[ \t\r\n]+[aA][nN][dD][ \t\r\n]+", re.S)


def split_names(value: str) -> list[str]:
    """Split a name list on "and" (any letter case) outside braces.

    Written here rather than taken from bibtexparser because its splitter drops the first
    characters of a name that starts with a command ("and \\v{Z}eljko" -> "{Z}eljko").

    An "and" with nothing on one side also separates, so "and" never ends up inside a name:
    "Smith, J. and" -> ["Smith, J.", ""], "A and and B" -> ["A", "", "B"]. (BibTeX wants
    whitespace on both sides and would give the names "J. and" and "and B".)
    """
    value = value.strip(" \t\r\n")
    if not value:
        return []
    # Single spaces and every "and" in lower case (what load.py leaves, usually): str.split
    # finds the same separators as _AND, twice as fast.
    simple = (
        "\n" not in value
        and "\t" not in value
        and "\r" not in value
        and "  " not in value
        and not _ODD_AND.search(value)
    )
    # An "and" at either end, or right after another one (with single spaces and lower-case
    # separators only " and and " can be that), separates too: see `_split_strays`.
    stray = (
        (value[0] in "aA" and value[:3].lower() == "and" and value[3:4] in _EDGE)
        or (value[-1] in "dD" and value[-3:].lower() == "and" and value[-4:-3] in _EDGE)
        or (" and and " in value if simple else _DOUBLE_AND.search(value) is not None)
    )
    if "{" not in value and "}" not in value:
        split: list[str] = value.split(" and ") if simple else _AND.split(value)
        return _split_strays(split) if stray else split
    # With braces: when every piece between "and"s is balanced, no "and" is inside braces.
    # (Unless a backslash hides a space from the separator.)
    found: list[str] | None = None
    if simple and "\\ " not in value:
        found = value.split(" and ")
    elif not _ESCAPED_SPACE.search(value):
        found = _AND.split(value)
    if found is not None and all(
        ("{" not in part and "}" not in part) or balanced_braces(part) for part in found
    ):
        return _split_strays(found) if stray else found
    parts: list[str] = []
    depth = start = 0
    for m in _AND_OR_BRACE.finditer(value):
        token = m.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
        elif token[0] != "\\" and depth == 0:
            parts.append(value[start : m.start()])
            start = m.end()
    parts.append(value[start:])
    return _split_strays(parts) if stray else parts


# What may stand next to a stray "and" at an end of the list: nothing, or whitespace.
_EDGE = ("", " ", "\t", "\r", "\n")
# "and" right after a separator: the second one would start a name.
_DOUBLE_AND = re.compile(r"[ \t\r\n][aA][nN][dD][ \t\r\n]+[aA][nN][dD](?:[ \t\r\n]|\Z)")
# An "and" word starting a piece / ending the last one (not after an escaped space).
_LEADING_AND = re.compile(r"[aA][nN][dD](?:[ \t\r\n]+|\Z)")
_TRAILING_AND = re.compile(r"(?<!\\)[ \t\r\n]+[aA][nN][dD]\Z")
_ESCAPE_OR_BRACE = re.compile(r"\\.|[{}]", re.S)


def _open_braces(text: str) -> int:
    """Brace depth at the end of `text`, counted as `split_names` counts it."""
    if "{" not in text:
        return 0
    depth = 0
    for m in _ESCAPE_OR_BRACE.finditer(text):
        token = m.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
    return depth


def _split_strays(parts: list[str]) -> list[str]:
    """`parts` with each "and" at the start of a piece, or at the end of the last, as a separator.

    A piece starts outside braces (it follows a separator or the start of the list), so its
    leading "and" always separates; a trailing one does unless a brace is still open.
    """
    out: list[str] = []
    last = len(parts) - 1
    for i, part in enumerate(parts):
        while m := _LEADING_AND.match(part):
            out.append("")
            part = part[m.end() :]
        tail = 0
        if i == last:
            while (m := _TRAILING_AND.search(part)) and not _open_braces(part[: m.start()]):
                part = part[: m.start()]
                tail += 1
        out.append(part)
        out.extend([""] * tail)
    return out


# What `_name_item` returns for "others": a marker compared by identity, never shown.
_OTHERS = new_person(last="others")


def _piece(raw: str, plain: bool) -> Person | None:
    """One piece of a name list: a `Person`, `_OTHERS` for "and others", None when empty."""
    if plain:
        # `_plain_person`'s first case, repeated here: most names of a large file take it.
        family, comma, given = raw.partition(",")
        if comma and "," not in given:
            family_words = family.split()
            if len(family_words) == 1:
                given_words = given.split()
                if given_words:
                    return new_person(" ".join(given_words), "", family_words[0], "")
    name = raw.strip()
    if name.lower() == "others":
        return _OTHERS
    return _plain_person(name) if plain else _person(name)


@lru_cache(maxsize=65536)
def _name_item(raw: str) -> Person | None:
    """`_piece` of a piece of any list (names repeat across entries)."""
    return _piece(raw, _plain(raw))


@lru_cache(maxsize=65536)
def _plain_item(raw: str) -> Person | None:
    """`_piece` of a piece of a `_plain` list."""
    return _piece(raw, True)


@lru_cache(maxsize=32768)
def parse_names(value: str) -> ParsedNames:
    """An author/editor field (raw LaTeX, macros expanded) -> its persons.

    "and" separates names in any letter case; "and" inside braces does not ("{{A and B}}");
    a final "and others" sets `et_al`. Empty names ("A and , and B", or the empty side of a
    stray "and": "A and", "and and B") are skipped and counted.
    """
    # Names repeat across entries, so each piece is parsed once; a list without LaTeX,
    # braces or keys (most of them) is checked once rather than name by name.
    parse = _plain_item if _plain(value) else _name_item
    items = [parse(raw) for raw in split_names(value)]
    persons = [p for p in items if p is not None and p is not _OTHERS]
    if len(persons) == len(items):
        return ParsedNames(tuple(persons), False, 0)
    et_al = any(p is _OTHERS for p in items)
    return ParsedNames(tuple(persons), et_al, sum(p is None for p in items))


# Letters that NFKD does not split into a base letter and an accent.
_FOLD_EXTRA = str.maketrans(
    {"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
     "đ": "d", "Đ": "d", "ð": "d", "ı": "i", "þ": "th", "Þ": "th"}
)  # fmt: skip
_TOKEN_SPLIT = re.compile(r"[\s.\-‐–]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case letters and digits only, accents removed: "Erdős" -> "erdos"."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c)).casefold()


def _given_tokens(first: str) -> tuple[str, ...]:
    tokens: list[str] = []
    for part in _TOKEN_SPLIT.split(first):
        if 2 <= len(part) <= 3 and part.isupper() and part.isalpha():
            # Initials run together, as Scopus and PubMed write them: "AK" is "A. K.".
            tokens.extend(fold(c) for c in part)
        elif folded := fold(part):
            tokens.append(folded)
    return tuple(tokens)


def _given_match(pattern: tuple[str, ...], given: tuple[str, ...]) -> bool:
    """ "A." matches "Anirbit"; "B." does not; no given name in the pattern matches any."""
    if not pattern:
        return True
    if not given:
        return False
    # Compare as many given names as both have: "A. Mukherjee" has one, "Anirbit K. Mukherjee" two.
    for p, g in zip(pattern, given, strict=False):
        if p == g:
            continue
        if (len(p) == 1 or len(g) == 1) and p[0] == g[0]:
            continue
        return False
    return True


class NameMatcher(Generic[T]):
    """Finds which of a few configured names a `Person` is, whatever form each is written in.

    Matching ignores case and accents, and an initial matches a full given name
    ("A. Mukherjee" == "Anirbit Mukherjee" == "Mukherjee, Anirbit" != "B. Mukherjee").
    """

    def __init__(self, names: Iterable[tuple[str, T]]) -> None:
        self._by_family: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        for name, payload in names:
            person = parse_person(name)
            if person is None:
                continue
            family = fold(person.family)
            self._by_family.setdefault(family, []).append((_given_tokens(person.first), payload))
            if person.von:
                # BibTeX reads a capitalised particle as a given name: "Ludwig Van Beethoven" is
                # first "Ludwig Van", last "Beethoven". Match that spelling too.
                given = _given_tokens(f"{person.first} {person.von}")
                self._by_family.setdefault(fold(person.last), []).append((given, payload))

    def __bool__(self) -> bool:
        return bool(self._by_family)

    def match(self, person: Person) -> T | None:
        """The payload of the first configured name that `person` matches, or None."""
        candidates = self._by_family.get(fold(person.family))
        if candidates is None and person.von:
            candidates = self._by_family.get(fold(person.last))
        if not candidates:
            return None
        given = _given_tokens(person.first)
        for pattern, payload in candidates:
            if _given_match(pattern, given):
                return payload
        return None
