"""Benchmark `latex.to_text` on one big field value: the cost must grow linearly with its size.

Usage:
    python bench/latex_bench.py [--sizes 0.1 1 2 5] [--repeat 3]

For each kind of value and each size (MB) it times one cold `to_text` call (caches cleared,
best of `--repeat`) and prints the seconds and the rate per MB; a rate that grows with the
size means a superlinear step. The kinds:
    symbol     "a \\infty b " repeated: a command only pylatexenc knows, without arguments
    argument   "a \\overline{x} b " repeated: one with an argument
    braced     the symbol kind inside one pair of protecting braces ("{{...}}" titles)
    accents    "a \\'e b " repeated: the regular-expression fast path alone, for scale
"""

from __future__ import annotations

import argparse
import functools
import gc
import time

from mkdocs_scholar.bibliography import latex

KINDS = {
    "symbol": ("a \\infty b ", "{}"),
    "argument": ("a \\overline{x} b ", "{}"),
    "braced": ("a \\infty b ", "{{{}}}"),
    "accents": ("a \\'e b ", "{}"),
}


def clear_caches() -> None:
    for value in vars(latex).values():
        if isinstance(value, functools._lru_cache_wrapper):
            value.cache_clear()


def time_one(value: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        clear_caches()
        gc.collect()
        start = time.perf_counter()
        latex.to_text(value)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 1, 2, 5], help="value sizes in MB")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), choices=list(KINDS))
    args = parser.parse_args()
    print(f"{'kind':<10} {'MB':>5} {'seconds':>9} {'s/MB':>8}")
    for kind in args.kinds:
        unit, frame = KINDS[kind]
        for size in args.sizes:
            value = frame.format(unit * max(1, round(size * 1_000_000 / len(unit))))
            mb = len(value) / 1_000_000
            seconds = time_one(value, args.repeat)
            print(f"{kind:<10} {mb:>5.1f} {seconds:>9.3f} {seconds / mb:>8.3f}", flush=True)


if __name__ == "__main__":
    main()
