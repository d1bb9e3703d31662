"""Benchmark: render every entry of a large .bib file as one publication group.

Usage:
    python bench/render_bench.py [BIB ...] [--repeat 5] [--profile]

Loads the bibliography once, then times `PublicationRenderer.group` on all entries with a
fresh renderer each run (a cold render: no view cache carried over) and reports the best of
`--repeat` runs, since the machine is shared and noisy. A second, warm render is timed too: the
view cache is full then, as on a `mkdocs serve` rebuild (the bibliography is kept between them). `--profile` adds a cProfile run
with the total function-call count and the top entries by internal time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

from mkdocs_scholar.bibliography import load_bibliography
from mkdocs_scholar.bibliography.options import BibOptions
from mkdocs_scholar.render import publications
from mkdocs_scholar.render.env import make_environment
from mkdocs_scholar.render.publications import PublicationRenderer

# Older renderers had no view cache: the same script then times them too.
clear_view_cache: Callable[[], None] = getattr(publications, "clear_view_cache", lambda: None)

DEFAULT_BIB = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "data"
    / "bib"
    / "large"
    / "bbt__unabbreviate_on_import_1436-3.bib"
)


def main(argv: list[str] | None = None) -> int:
    """Time cold and warm renders of all entries and print best-of-N seconds and µs/entry."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bib", nargs="*", type=Path, default=[DEFAULT_BIB])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)

    bib = load_bibliography(list(args.bib), BibOptions(highlight_authors=("Zhang, Wei",)))
    pubs = bib.publications
    count = max(1, len(pubs))

    cold: list[float] = []
    warm: list[float] = []
    size = 0
    for _ in range(max(1, args.repeat)):
        clear_view_cache()
        renderer = PublicationRenderer(make_environment(), math=False)
        start = time.perf_counter()
        html = renderer.group(pubs, base="")
        cold.append(time.perf_counter() - start)
        start = time.perf_counter()
        renderer.group(pubs, base="")
        warm.append(time.perf_counter() - start)
        size = len(html)

    print(f"{len(pubs)} entries, {size:,} characters of HTML")
    for name, times in (("cold", cold), ("warm", warm)):
        best = min(times)
        print(f"{name}: best of {len(times)} {best:.3f} s  {best / count * 1e6:.1f} µs/entry")

    if args.profile:
        clear_view_cache()
        renderer = PublicationRenderer(make_environment(), math=False)
        profile = cProfile.Profile()
        profile.runcall(renderer.group, pubs, base="")
        stats = pstats.Stats(profile, stream=sys.stdout)
        print(f"function calls (cold render): {stats.total_calls:,}")  # type: ignore[attr-defined]
        stats.sort_stats("tottime").print_stats(15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
