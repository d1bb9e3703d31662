"""A folder of dated Markdown notes -> validated `NewsItem`s, newest first, and the problems met.

One file is one item: YAML front matter between `---` lines, then a Markdown body. Bad input
never raises: each problem becomes a `Problem` naming the file, the line and the key, and one
bad file never hides the good ones. An error drops the item (it cannot be placed or shown);
a warning drops only the offending value.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from mkdocs_scholar.news.model import NewsDate, NewsItem, slugify, tag_slug
from mkdocs_scholar.news.text import first_paragraph, split_more, word_count
from mkdocs_scholar.problems import Level, Problem

FRONT_MATTER_KEYS = ("date", "title", "tags", "papers", "page", "summary", "link", "draft")

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\S.*")


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings.

    PyYAML turns `2024-02-30` into a ValueError for the whole document and `2024-06-11` into a
    `date`; reading every date as text lets us parse it ourselves and name the one bad key.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _FileError(Exception):
    """The file cannot become an item; carries the message and its 1-based line."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class _Report:
    """Problems of one file, collected in order."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    def add(self, level: Level, message: str, line: int | None, key: str | None = None) -> None:
        self.problems.append(Problem(message, file=self.file, line=line, key=key, level=level))


@dataclass(frozen=True)
class _Field:
    key: str
    value: Any
    line: int


def parse_date(value: object) -> NewsDate:
    """A front-matter `date` value -> NewsDate.

    Accepts `date`/`datetime` objects, "YYYY-MM-DD" (time of day ignored), "YYYY-MM" and
    "YYYY" (strings or a YAML integer).

    Raises:
        ValueError: with a message fit for the user when the value is not such a date.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return NewsDate(value.year, value.month, value.day)
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"{value!r} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")
    text = str(value).strip()
    match = _DATE.fullmatch(text)
    try:
        if match:
            year, month, day = (int(part) if part else None for part in match.groups())
            assert year is not None  # the pattern's first group is not optional
            return NewsDate(year, month, day)
        if _DATETIME.fullmatch(text):
            moment = dt.datetime.fromisoformat(text)
            return NewsDate(moment.year, moment.month, moment.day)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a real date ({exc})") from None
    raise ValueError(f"{text!r} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")


def load_news(
    folder: Path,
    *,
    page_words: int = 80,
    display_root: Path | None = None,
    known_keys: frozenset[str] | None = None,
    warn_unknown_keys: bool = True,
) -> tuple[list[NewsItem], list[Problem]]:
    """Read every news item directly in `folder` (not `index.md`, which is the News page itself).

    Args:
        folder: The news folder (`docs/<news_dir>`). A missing folder means no news.
        page_words: An item with more words than this gets its own page.
        display_root: File names in items and problems are relative to this
            (default: the folder's parent, so they read "news/x.md").
        known_keys: BibTeX keys that exist; when given, `papers` naming others are warned
            about and dropped, and a key differing only in case is corrected.
        warn_unknown_keys: Warn about front-matter keys this plugin does not know.

    Returns:
        The items, newest first (ties by slug), and every problem found, in file order.
    """
    if not folder.is_dir():
        return [], []
    root = display_root if display_root is not None else folder.parent
    items: list[NewsItem] = []
    problems: list[Problem] = []
    slugs: dict[str, str] = {}
    for path in _item_files(folder):
        report = _Report(_shown(path, root))
        item = _read_item(
            path, report, page_words=page_words, known_keys=known_keys, warn_unknown_keys=warn_unknown_keys
        )
        if item is not None:
            slug = _unique_slug(path.stem, slugs, report)
            slugs[slug] = report.file
            items.append(replace(item, slug=slug))
        problems.extend(report.problems)
    for path in _nested_files(folder):
        problems.append(
            Problem(
                f"not read: news items must sit directly in {_shown(folder, root)}/ (subfolders are not read)",
                file=_shown(path, root),
            )
        )
    items.sort(key=lambda item: item.slug)
    # `reverse` keeps the sort stable, so equal dates stay in slug order.
    items.sort(key=lambda item: item.date.sort_key, reverse=True)
    return items, problems


def _item_files(folder: Path) -> list[Path]:
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file()
        and path.suffix.lower() == ".md"
        and path.name.lower() != "index.md"
        and not path.name.startswith(".")
    )


def _nested_files(folder: Path) -> Iterator[Path]:
    for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
        yield from sorted(
            p
            for p in sub.rglob("*.md")
            if p.name.lower() != "index.md"
            and not any(part.startswith(".") for part in p.relative_to(sub).parts)
        )


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _unique_slug(stem: str, taken: dict[str, str], report: _Report) -> str:
    base = slugify(stem) or "item"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    if slug != base:
        report.add("warning", f"slug {base!r} is already used by {taken[base]}; this item is {slug!r}", None)
    return slug


def _read_item(
    path: Path,
    report: _Report,
    *,
    page_words: int,
    known_keys: frozenset[str] | None,
    warn_unknown_keys: bool,
) -> NewsItem | None:
    """One file -> an item without its slug, or None (the reason is in `report`)."""
    try:
        yaml_text, raw_body = _split_front_matter(_read_text(path))
        fields = _parse_fields(yaml_text, first_line=2)
    except _FileError as exc:
        report.add("error", exc.message, exc.line)
        return None

    values: dict[str, _Field] = {}
    for fld in fields:
        if fld.key in values:
            report.add(
                "warning", f"key {fld.key!r} is given twice; the last value is used", fld.line, fld.key
            )
        values[fld.key] = fld
    for fld in values.values():
        if fld.key not in FRONT_MATTER_KEYS and warn_unknown_keys:
            report.add("warning", _unknown_key_message(fld.key), fld.line, fld.key)

    draft = values.get("draft")
    if draft is not None:
        if not isinstance(draft.value, bool):
            # Publishing something meant as a draft is worse than leaving a finished item out.
            report.add("error", "draft must be true or false; the item is left out", draft.line, "draft")
            return None
        if draft.value:
            return None

    date_field = values.get("date")
    if date_field is None or date_field.value is None:
        line = date_field.line if date_field else 1
        report.add("error", "missing date (write `date: YYYY-MM-DD`, `YYYY-MM` or `YYYY`)", line, "date")
        return None
    try:
        date = parse_date(date_field.value)
    except ValueError as exc:
        report.add("error", f"date: {exc}", date_field.line, "date")
        return None

    title = _title(values.get("title"), report)
    before_more, body = split_more(_trim_blank_lines(raw_body))
    if not title and not body.strip():
        report.add("error", "empty item: no title and no text", 1)
        return None

    long_item = word_count(body) > page_words
    page = _flag(values.get("page"), report)
    has_page = page if page is not None else (long_item or before_more is not None)
    summary = _summary(values.get("summary"), report)
    if summary:
        excerpt = summary
    elif before_more is not None:
        excerpt = before_more
    elif long_item:
        excerpt = first_paragraph(body)
    else:
        excerpt = body

    return NewsItem(
        slug="",
        date=date,
        title=title,
        tags=_tags(values.get("tags"), report),
        papers=_papers(values.get("papers"), report, known_keys),
        body=body,
        excerpt=excerpt,
        has_page=has_page,
        link=_link(values.get("link"), report),
        source_file=report.file,
        source_path=path,
    )


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _FileError("not UTF-8 text", data[: exc.start].count(b"\n") + 1) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_front_matter(text: str) -> tuple[str, str]:
    """(YAML text, body). The YAML starts on line 2 of the file."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise _FileError("no front matter: the file must start with a `---` line, then `date: YYYY-MM-DD`", 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :])
    raise _FileError("front matter is not closed: add a `---` line after it", 1)


def _parse_fields(yaml_text: str, *, first_line: int) -> list[_Field]:
    """The top-level keys with their values and file lines, in order."""
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            return []
        if not isinstance(node, yaml.MappingNode):
            raise _FileError("front matter must be `key: value` lines", first_line + node.start_mark.line)
        loader.flatten_mapping(node)  # resolve `<<:` merge keys like yaml.safe_load would
        fields = []
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            value = loader.construct_object(value_node, deep=True)
            fields.append(_Field(str(key), value, first_line + key_node.start_mark.line))
        return fields
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark is not None else first_line - 1
        raise _FileError(f"broken YAML front matter: {exc.problem or exc.context}", line) from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise _FileError(f"broken YAML front matter: {exc}", first_line - 1) from None
    finally:
        loader.dispose()


def _trim_blank_lines(text: str) -> str:
    return re.sub(r"\A(?:[ \t]*\n)+", "", text).rstrip()


def _unknown_key_message(key: str) -> str:
    close = difflib.get_close_matches(key, FRONT_MATTER_KEYS, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown front-matter key {key!r}{hint}; known keys: {', '.join(FRONT_MATTER_KEYS)}"


def _scalar_text(value: object) -> str | None:
    """Strings and numbers as text (YAML reads `title: 1984` as an int); None for anything else."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _title(fld: _Field | None, report: _Report) -> str:
    if fld is None or fld.value is None:
        return ""
    text = _scalar_text(fld.value)
    if text is None:
        report.add("warning", "title must be text; it is ignored", fld.line, "title")
        return ""
    return text


def _summary(fld: _Field | None, report: _Report) -> str:
    if fld is None or fld.value is None:
        return ""
    if not isinstance(fld.value, str):
        report.add("warning", "summary must be text; it is ignored", fld.line, "summary")
        return ""
    return fld.value.strip()


def _flag(fld: _Field | None, report: _Report) -> bool | None:
    if fld is None or fld.value is None:
        return None
    if not isinstance(fld.value, bool):
        report.add("warning", f"{fld.key} must be true or false; it is ignored", fld.line, fld.key)
        return None
    return fld.value


def _tags(fld: _Field | None, report: _Report) -> tuple[str, ...]:
    if fld is None or fld.value is None:
        return ()
    values = fld.value if isinstance(fld.value, list) else [fld.value]
    tags: dict[str, str] = {}  # by slug: "Talk" and "talk" are one tag
    for value in values:
        text = _scalar_text(value)
        if text is None:
            report.add(
                "warning", f"tags: {value!r} is not a tag (write a word or a list of words)", fld.line, "tags"
            )
        elif text:
            tags.setdefault(tag_slug(text), text)
    return tuple(tags.values())


def _papers(fld: _Field | None, report: _Report, known_keys: frozenset[str] | None) -> tuple[str, ...]:
    if fld is None or fld.value is None:
        return ()
    if not isinstance(fld.value, list):
        report.add(
            "warning",
            f"papers must be a list of BibTeX keys, e.g. `papers: [{fld.value}]`",
            fld.line,
            "papers",
        )
        return ()
    by_folded = _fold_keys(known_keys)
    papers: list[str] = []
    for value in fld.value:
        if not isinstance(value, str) or not value.strip():
            report.add("warning", f"papers: {value!r} is not a BibTeX key", fld.line, "papers")
            continue
        key = value.strip()
        if known_keys is not None and key not in known_keys:
            # BibTeX itself matches keys without regard to case.
            canonical = by_folded.get(key.casefold())
            if canonical is None:
                report.add("warning", f"papers: no BibTeX entry has the key {key!r}", fld.line, "papers")
                continue
            key = canonical
        if key not in papers:
            papers.append(key)
    return tuple(papers)


def _fold_keys(known_keys: frozenset[str] | None) -> dict[str, str]:
    """casefolded key -> key, only where the folding is unambiguous."""
    folded: dict[str, list[str]] = {}
    for key in known_keys or ():
        folded.setdefault(key.casefold(), []).append(key)
    return {fold: keys[0] for fold, keys in folded.items() if len(keys) == 1}


def _link(fld: _Field | None, report: _Report) -> str | None:
    if fld is None or fld.value is None:
        return None
    url = fld.value.strip() if isinstance(fld.value, str) else ""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not re.search(r"[\s<>\"'`\\]", url):
        return url
    report.add("warning", f"link must be an http(s) address; {fld.value!r} is ignored", fld.line, "link")
    return None
