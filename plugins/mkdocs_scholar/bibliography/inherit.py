"""Fields one entry takes from another: crossref parents (BibTeX, biblatex) and @xdata containers."""

from __future__ import annotations

from collections.abc import Sequence

from ..problems import Problem
from .raw import Database, RawEntry

__all__ = ["CONTAINERS", "expand_crossrefs", "hold", "resolve_xdata"]

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


# ---------------------------------------------------------------------------------------------
# biblatex containers: @xdata (fields for other entries) and @set (a group of other entries).
# Neither is a publication: they are held back from `Database.entries`, but their keys count
# for duplicates like any other.

CONTAINERS = frozenset({"xdata", "set"})


def hold(entry: RawEntry, db: Database) -> None:
    """Keep a container out of the publications; a @set says so (an @xdata is used silently)."""
    if entry.entry_type == "xdata":
        return
    # An entry set (`@set{s, entryset = {a, b}}`) only groups entries to cite them together;
    # its members are entries of their own and listed as such, so listing the set too would
    # show them twice (and the set has no title, authors or year to show).
    members = ", ".join(_keys(entry.fields.get("entryset", "")))
    what = f"the set of {members}" if members else "an empty set"
    db.problems.append(
        Problem(
            f"@set {entry.key!r} ({what}) is not listed: only its members are publications",
            file=entry.file,
            line=entry.line,
            key=entry.key,
            level="info",
        )
    )


def _keys(value: str) -> list[str]:
    """The keys of a comma-separated list ("a, b" -> ["a", "b"])."""
    return [k for k in (part.strip() for part in value.split(",")) if k]


def resolve_xdata(users: Sequence[RawEntry], by_key: dict[str, RawEntry], db: Database) -> None:
    """Copy into each of `users` the fields of the @xdata entries its `xdata` field names.

    As in biblatex, `xdata` may name several containers ("a, b") and containers may use
    `xdata` themselves. An entry's own fields win, then the containers in the order named.
    The `xdata` field is dropped once resolved: it names entries that are not published.
    Unknown keys, entries that are not @xdata and cycles are warnings naming the entry.

    Args:
        users: entries with an `xdata` field.
        by_key: every entry by key, containers included.
        db: gets the problems.
    """
    lower: dict[str, RawEntry] = {}
    for e in by_key.values():
        lower.setdefault(e.key.lower(), e)
    for user in users:
        # Depth first without recursion (chains in hostile files can be long): a container
        # is merged into an entry only once its own containers are merged into it.
        path = [user]
        on_path = {user.key}
        # Keys still to visit, last named first (popped from the end).
        todo = [_keys(user.fields.get("xdata", ""))[::-1]]
        merge: list[list[RawEntry]] = [[]]
        while path:
            current = path[-1]
            if todo[-1]:
                name = todo[-1].pop()
                target = by_key.get(name) or lower.get(name.lower())
                if target is None or target.entry_type != "xdata":
                    what = (
                        "not found" if target is None else f"is a @{target.entry_type}, not an @xdata entry"
                    )
                    message = f"xdata entry {name!r} {what}; the fields are not used"
                    db.problems.append(Problem(message, current.file, current.line, current.key))
                elif target.key in on_path:
                    keys = [e.key for e in path]
                    cycle = " -> ".join([*keys[keys.index(target.key) :], target.key])
                    message = f"xdata cycle ({cycle}); the loop is not followed"
                    db.problems.append(Problem(message, current.file, current.line, current.key))
                else:
                    merge[-1].append(target)
                    if "xdata" in target.fields:  # not yet resolved (resolving drops the field)
                        path.append(target)
                        on_path.add(target.key)
                        todo.append(_keys(target.fields["xdata"])[::-1])
                        merge.append([])
                continue
            path.pop()
            on_path.discard(current.key)
            todo.pop()
            fields = current.fields
            for container in merge.pop():
                for field_name, value in container.fields.items():
                    if field_name not in fields and field_name not in _NOT_FROM_XDATA:
                        fields[field_name] = value
            fields.pop("xdata", None)


# biber never copies `ids` (the container's aliases); `xdata` is resolved, not copied.
_NOT_FROM_XDATA = frozenset({"ids", "xdata"})
