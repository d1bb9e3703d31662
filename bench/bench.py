"""Benchmark: build a site that lists every entry of a .bib file, beside the baselines, in one run.

Usage:
    python bench/bench.py ../shared/data/bib/large/bbt__unabbreviate_on_import_1436-3.bib [--repeat 3]
        [--no-mkdocs-bibtex] [--paper-pages]

Each build runs in its own process; we report wall time (median of --repeat runs) and that
process's peak memory (ru_maxrss). The targets are ratios, so they compare numbers from the
same machine in the same run:
    scholar / mkdocs-bibtex          (faster is better; target >= 10x faster)
    scholar / (bare + bibtexparser)  (target <= 2x)
"""

from __future__ import annotations

import argparse
import compileall
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

RUNNER = textwrap.dedent(
    """
    import json, resource, sys, time
    t = time.perf_counter()
    if sys.argv[1] == "parse":
        import bibtexparser
        lib = bibtexparser.parse_string(open(sys.argv[2], encoding="utf-8", errors="replace").read())
        extra = {"entries": len(lib.entries)}
    else:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        cfg = load_config(sys.argv[2])
        build(cfg)
        extra = {}
    wall = time.perf_counter() - t
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall": wall, "rss_mb": rss, **extra}))
    """
)

BASE_YML = """site_name: Bench
site_url: https://example.org/
theme:
  name: material
  font: false
"""


def make_site(root: Path, bib: list[Path], variant: str, paper_pages: bool) -> Path:
    """Write one benchmark site: `bare`, `scholar` or `mkdocs-bibtex`."""
    site = root / variant
    (site / "docs").mkdir(parents=True)
    (site / "bib").mkdir()
    for i, b in enumerate(bib):
        shutil.copy(b, site / "bib" / f"{i:02d}-{b.name}")
    yml = BASE_YML
    page = "# Publications\n\n"
    if variant == "scholar":
        yml += (
            "plugins:\n  - search\n  - scholar:\n      bib_dir: bib\n"
            f"      paper_pages: {str(paper_pages).lower()}\n      downloads: false\n      feed: false\n"
        )
        page += "/// publications\ngroup_by: year\nfilter: true\n///\n"
    elif variant == "mkdocs-bibtex":
        yml += "plugins:\n  - search\n  - bibtex:\n      bib_dir: bib\n      bib_by_default: false\n"
        page += "\\full_bibliography\n"
    else:
        yml += "plugins:\n  - search\n"
    (site / "mkdocs.yml").write_text(yml, encoding="utf-8")
    (site / "docs" / "index.md").write_text(page, encoding="utf-8")
    return site


def run(args: list[str], timeout: float) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, "-c", RUNNER, *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        return {"error": 1.0, "wall": float("nan"), "rss_mb": float("nan"), "message": " | ".join(tail)}  # type: ignore[dict-item]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure(args: list[str], repeat: int, timeout: float) -> dict[str, float]:
    runs = [run(args, timeout) for _ in range(repeat)]
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return runs[0]
    return {
        "wall": statistics.median(r["wall"] for r in ok),
        "rss_mb": max(r["rss_mb"] for r in ok),
        **{k: v for k, v in ok[0].items() if k not in ("wall", "rss_mb")},
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("bib", nargs="+", type=Path, help=".bib files loaded together (in this order)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-mkdocs-bibtex", action="store_true", help="skip the slow baseline")
    parser.add_argument("--paper-pages", action="store_true", help="also build one page per paper")
    parser.add_argument("--timeout", type=float, default=900)
    ns = parser.parse_args()

    # pip compiles an installed package's modules once; an editable install leaves that to the
    # first import, which never happens when PYTHONDONTWRITEBYTECODE is set (as on some CI
    # machines): then every timed build would also compile the plugin (~45 ms). Compile it now,
    # as mkdocs and the theme (the bare build's code) already are.
    import mkdocs_scholar

    compileall.compile_dir(Path(mkdocs_scholar.__file__).parent, quiet=1)

    with tempfile.TemporaryDirectory(prefix="scholar-bench-") as tmp:
        root = Path(tmp)
        results: dict[str, dict[str, float]] = {}
        results["bibtexparser parse"] = {"wall": 0.0, "rss_mb": 0.0, "entries": 0.0}
        for b in ns.bib:
            r = measure(["parse", str(b)], ns.repeat, ns.timeout)
            results["bibtexparser parse"]["wall"] += r["wall"]
            results["bibtexparser parse"]["rss_mb"] = max(
                results["bibtexparser parse"]["rss_mb"], r["rss_mb"]
            )
            results["bibtexparser parse"]["entries"] += r.get("entries", 0)
        variants = ["bare", "scholar"] + ([] if ns.no_mkdocs_bibtex else ["mkdocs-bibtex"])
        for variant in variants:
            site = make_site(root, ns.bib, variant, ns.paper_pages)
            repeat = 1 if variant == "mkdocs-bibtex" else ns.repeat
            results[variant] = measure(["build", str(site / "mkdocs.yml")], repeat, ns.timeout)
            if variant == "scholar" and "error" not in results[variant]:
                html = (site / "site" / "index.html").read_text(encoding="utf-8")
                results[variant]["entries"] = html.count('class="scholar-entry"')

    print(f"files: {', '.join(str(b) for b in ns.bib)}")
    print(f"{'build':<22}{'wall s':>10}{'peak MB':>10}  notes")
    for name, r in results.items():
        note = r.get("message", "")
        if "entries" in r:
            note = f"{int(r['entries'])} entries"
        print(f"{name:<22}{r['wall']:>10.2f}{r['rss_mb']:>10.0f}  {note}")
    s, bare, parse = (
        results["scholar"]["wall"],
        results["bare"]["wall"],
        results["bibtexparser parse"]["wall"],
    )
    print(f"scholar / (bare + parse) = {s / (bare + parse):.2f}  (target <= 2)")
    if "mkdocs-bibtex" in results:
        mb = results["mkdocs-bibtex"]
        if "error" in mb:
            print(f"mkdocs-bibtex failed: {mb.get('message', '')}")
        else:
            print(f"mkdocs-bibtex / scholar = {mb['wall'] / s:.1f}x  (target >= 10)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
