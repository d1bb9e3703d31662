"""Benchmark: how the cost of odd inputs grows with their size (linear, or worse?).

Usage:
    python bench/inputs_bench.py [--scale 1.0] [--repeat 3]

For each shape of input (one huge field, many authors, many fields, long crossref chains, many
keywords grouped by keyword, ...) it loads a generated .bib of size n and of size 4n and reports
both times (best of --repeat) and their ratio: about 4 means linear, about 16 quadratic. The
tests check these inputs load and are accounted for; this script is where their speed is
measured, since timing assertions in tests fail on a busy machine.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mkdocs_scholar.bibliography import load_bibliography
from mkdocs_scholar.render.select import ListOptions, select


def big_title(n: int) -> str:
    return "@misc{k, title = {" + "a \\infty b {\\'e} " * n + "}, year = 2020}\n"


def many_authors(n: int) -> str:
    return (
        "@misc{k, title = {T}, year = 2020, author = {"
        + " and ".join(f"Last{i}, F." for i in range(n))
        + "}}\n"
    )


def many_fields(n: int) -> str:
    return "@misc{k, title = {T}, year = 2020, " + ", ".join(f"f{i} = {{v}}" for i in range(n)) + "}\n"


def crossref_chain(n: int) -> str:
    chain = "".join(f"@inproceedings{{c{i}, title = {{T{i}}}, crossref = {{c{i + 1}}}}}\n" for i in range(n))
    return chain + f"@proceedings{{c{n}, title = {{Root}}, year = 2020}}\n"


def many_entries_with_own_keywords(n: int) -> str:
    return "".join(
        f"@misc{{k{i}, title = {{T{i}}}, year = 2020, keywords = {{kw{i}a, kw{i}b, shared}}}}\n"
        for i in range(n)
    )


def duplicate_keys(n: int) -> str:
    return "".join(f"@misc{{same, title = {{T{i}}}, year = 2020}}\n" for i in range(n))


def string_chain(n: int) -> str:
    macros = "".join(f'@string{{m{i} = m{i + 1} # "x"}}\n' for i in range(n)) + f'@string{{m{n} = "end"}}\n'
    return macros + "@misc{k, title = m0, year = 2020}\n"


SHAPES: list[tuple[str, Callable[[int], str], int, bool]] = [
    # (name, generator, n at scale 1, also group the result by keyword)
    ("one huge title (chars/18)", big_title, 50_000, False),
    ("authors in one entry", many_authors, 2_500, False),
    ("fields in one entry", many_fields, 2_500, False),
    ("crossref chain", crossref_chain, 500, False),
    ("@string chain (<=100 deep)", string_chain, 25, False),
    ("duplicate keys", duplicate_keys, 1_000, False),
    ("entries, group_by keyword", many_entries_with_own_keywords, 1_000, True),
]


def timed(text: str, group: bool, repeat: int) -> float:
    best = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.bib"
        path.write_text(text, encoding="utf-8")
        for _ in range(repeat):
            start = time.perf_counter()
            bib = load_bibliography([path])
            if group:
                select(bib.publications, ListOptions(group_by="keyword"))
            best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every n")
    parser.add_argument("--repeat", type=int, default=3)
    ns = parser.parse_args()
    print(f"{'input':<30}{'n':>9}{'t(n) s':>10}{'t(4n) s':>10}{'ratio':>8}  (4 = linear, 16 = quadratic)")
    for name, make, base, group in SHAPES:
        n = max(1, int(base * ns.scale))
        small = timed(make(n), group, ns.repeat)
        large = timed(make(4 * n), group, ns.repeat)
        print(f"{name:<30}{n:>9}{small:>10.3f}{large:>10.3f}{large / small:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
