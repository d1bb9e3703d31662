"""Benchmark the BibTeX core after bibtexparser's splitter: macro expansion, crossrefs, normalisation.

Usage:
    python bench/normalize_bench.py [FILE.bib ...] [--repeat 5] [--profile]

Without files it times the two large benchmark files of the shared corpus. Each step is timed
best-of-`--repeat` with the cyclic GC paused, as the plugin runs it (see `site.paused_gc`):
    split      bibtexparser's Splitter on every file (a given; reported for scale)
    expand     our work after splitting: @string macros, duplicate keys, crossrefs
    normalize  raw entries -> Publications (the STEPS pipeline, slugs, sorting)
Caches of pure string functions (lru_cache) are cleared before every run, so each run pays
what a fresh `mkdocs build` pays ("cold"); the "warm" line keeps them, as a rebuild in
`mkdocs serve` (or a best-of-N in one process) sees them. `--profile` prints a cProfile of
one cold expand + normalize run.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import importlib
import pstats
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from bibtexparser.model import Block

from mkdocs_scholar.bibliography import BibOptions, Database, load, normalize, parse_files

# By module name: the package's `normalize` attribute is the function, not the module.
CORE_MODULES = [
    importlib.import_module(f"mkdocs_scholar.bibliography.{name}")
    for name in ("load", "normalize", "names", "latex", "links", "dates", "kinds", "bibtex")
]

S = TypeVar("S")
T = TypeVar("T")

LARGE = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "bib" / "large"
DEFAULT_FILES = (
    LARGE / "bbt__unabbreviate_on_import_1436-3.bib",
    LARGE / "combined__23k-entries-concatenation.bib",
)


def clear_caches() -> None:
    """Empty every lru_cache of the core, so a run costs what a first build costs."""
    for module in CORE_MODULES:
        for value in vars(module).values():
            if isinstance(value, functools._lru_cache_wrapper):
                value.cache_clear()


@contextmanager
def paused_gc() -> Iterator[None]:
    """Like the plugin: no cyclic GC while loading."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def best_of(
    repeat: int, run: Callable[[S], T], setup: Callable[[], S], *, cold: bool = True
) -> tuple[float, T]:
    """The fastest of `repeat` runs of `run(setup())` (`setup` is not timed).

    cold: clear the caches before each run; else the first run fills them for the others.
    """
    best = float("inf")
    result: T | None = None
    for _ in range(repeat):
        result = None  # a build starts without the previous result
        arg = setup()
        if cold:
            clear_caches()
        gc.collect()
        with paused_gc():
            start = time.perf_counter()
            result = run(arg)
            best = min(best, time.perf_counter() - start)
    assert result is not None
    return best, result


@contextmanager
def pre_split(files: list[Path]) -> Iterator[None]:
    """Make `parse_files` reuse blocks split once, so that timing it measures only our part."""
    original = load._split_file
    cache: dict[Path, tuple[str, list[Block]]] = {}
    for path in files:
        cache[path] = original(path, None, Database())

    def split(path: Path, root: Path | None, db: Database) -> tuple[str, list[Block]]:
        return cache[path]

    load._split_file = split
    try:
        yield
    finally:
        load._split_file = original


def split_all(files: list[Path]) -> int:
    db = Database()
    return sum(len(load._split_file(path, None, db)[1]) for path in files)


def bench(files: list[Path], repeat: int, profile: bool) -> None:
    options = BibOptions()
    split_s, blocks = best_of(repeat, lambda _: split_all(files), lambda: None)
    parse_s, db = best_of(repeat, lambda _: parse_files(files), lambda: None)
    with pre_split(files):
        expand_s, db = best_of(repeat, lambda _: parse_files(files), lambda: None)
        norm_s, bib = best_of(repeat, lambda raw: normalize(raw, options), lambda: parse_files(files))
        warm_s, _ = best_of(
            repeat, lambda _: normalize(parse_files(files), options), lambda: None, cold=False
        )
        if profile:
            clear_caches()
            profiler = cProfile.Profile()
            with paused_gc():
                profiler.enable()
                normalize(parse_files(files), options)
                profiler.disable()
    n = len(db.entries)
    name = ", ".join(p.name for p in files)
    print(f"{name}: {blocks} blocks, {n} entries, {len(bib.problems)} problems")
    rows = (
        ("split (bibtexparser)", split_s),
        ("parse_files (split+expand)", parse_s),
        ("expand", expand_s),
        ("normalize", norm_s),
        ("expand + normalize", expand_s + norm_s),
        ("expand + normalize, warm", warm_s),
    )
    for label, seconds in rows:
        print(f"  {label:<28} {seconds:8.3f} s  {seconds / max(n, 1) * 1e6:8.1f} µs/entry")
    if profile:
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="files loaded together (default: two large ones)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of expand + normalize")
    args = parser.parse_args()
    if args.files:
        bench(list(args.files), args.repeat, args.profile)
    else:
        for path in DEFAULT_FILES:
            bench([path], args.repeat, args.profile)


if __name__ == "__main__":
    main()
