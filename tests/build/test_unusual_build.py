"""Full `mkdocs build`s of unusual but legitimate sites (second hunt): blocks in odd places and with
edge options, pages nested deep, a site without a page at `publications_url`, downloads and head
tags for unusual entries, and a rebuild in one process after a .bib edit.

One site is built once for the module (a plain build: some pages hold deliberate option errors);
the tests read its output and its log.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest
from bibtexparser.entrypoint import parse_string

from tests.conftest import run_mkdocs_build

YML = """site_name: T
site_url: https://example.org/sub/
theme: material
markdown_extensions: [admonition, pymdownx.details, pymdownx.superfences]
plugins:
  - search
  - scholar:
      highlight_authors: ["Jane Doe"]
"""

BIB = r"""
@ARTICLE(alpha2020,
  title = "Deep {"}quotes{"} and (parens)",
  author = {Doe, Jane and van Beethoven, Ludwig and {\'E}mile Zola and {World Health Organization} and others},
  journal = {Journal of Things},
  year = {2020}, month = may, day = {3},
  keywords = {PDE, theory},
  pdf = {alpha.pdf},
  doi = {10.1234/abc},
)
@inproceedings{beta2021,
  title = {Beta {\"U}ber \emph{alles} --- na\"{\i}ve},
  author = {Smith, Jr., John and J.R.R. Tolkien},
  booktitle = {Proc. of Things},
  year = 2021,
  keywords = {theory},
}
@misc{gamma2019,
  title = {Gamma *not bold* [link](http://x.org) `code` <b>tag</b>},
  author = {Roe, R.},
  date = {2019-05/2019-06},
}
@thesis{delta2018, title = {A Thesis}, type = {phdthesis}, institution = {MIT}, author = {Doe, J.}, year = 2018}
@online{eps2017, title = {A Web Page}, url = {https://example.org/x}, date = {2017-02-01}}
"""
KEYS = {"alpha2020", "beta2021", "gamma2019", "delta2018", "eps2017"}

PAGES = {
    "docs/index.md": "# Home\n\n/// publications\ngroup_by: none\n///\n\nAgain:\n\n/// publications\ngroup_by: none\n///\n",
    "docs/a/b/c/deep.md": "# Deep\n\n/// publications\ngroup_by: keyword\nkeywords: [theory]\n///\n",
    "docs/adm.md": '# Adm\n\n!!! note "Papers"\n\n    /// publications\n    group_by: none\n    ///\n',
    "docs/opts.md": "# Opts\n\n/// publications\nheading_level: 7\n///\n\n/// publications\nheading_level: 0\n///\n",
    "docs/news/index.md": "# News\n\n/// news\n///\n",
    "docs/news/item.md": "---\ndate: 2021-01-02\ntitle: New paper\npapers: [alpha2020, beta2021]\n---\nHello.\n",
}


class _Page(HTMLParser):
    """Ids, data-bibkeys, hrefs and meta tags of one HTML page (parsing it proves it parses)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.keys: list[str] = []
        self.hrefs: list[str] = []
        self.meta: list[tuple[str, str]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        info = {k: v or "" for k, v in attrs}
        if "id" in info:
            self.ids.append(info["id"])
        if "data-bibkey" in info:
            self.keys.append(info["data-bibkey"])
        if tag == "a" and info.get("href"):
            self.hrefs.append(info["href"])
        if tag == "meta" and info.get("name", "").startswith("citation_"):
            self.meta.append((info["name"], info.get("content", "")))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """(project folder, build log) of the unusual site, built once without --strict."""
    root = tmp_path_factory.mktemp("unusual")
    (root / "mkdocs.yml").write_text(YML, encoding="utf-8")
    files = {"bib/papers.bib": BIB, **PAGES}
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    proc = run_mkdocs_build(root, strict=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    return root, proc.stderr


def page(root: Path, uri: str) -> _Page:
    return _Page((root / "site" / uri).read_text(encoding="utf-8"))


def _resolves(root: Path, page_uri: str, href: str) -> bool:
    """Whether a relative href from a page of the site points at a file of the build."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("#"):
        return True
    target = PurePosixPath(page_uri).parent / parts.path
    path = root / "site" / str(target)
    return path.is_file() or (path / "index.html").is_file()


# -- what works ---------------------------------------------------------------------------------------


def test_every_entry_is_listed_and_nested_page_links_resolve(built: tuple[Path, str]) -> None:
    root, _ = built
    assert set(page(root, "index.html").keys) == KEYS
    deep = page(root, "a/b/c/deep/index.html")
    assert set(deep.keys) == {"alpha2020", "beta2021"}
    entry_links = [h for h in deep.hrefs if "publications/" in h or "assets/papers" in h]
    assert entry_links and all(h.startswith("../../../../") for h in entry_links), entry_links
    # Paper pages and the download exist where the deep page's links point (the pdf file itself is
    # not part of this site, only its address is checked above).
    assert all(_resolves(root, "a/b/c/deep/index.html", h) for h in entry_links if "assets/" not in h)


def test_downloads_parse_and_hold_every_entry(built: tuple[Path, str]) -> None:
    root, _ = built
    pubs = root / "site" / "publications"
    items = json.loads((pubs / "publications.json").read_text(encoding="utf-8"))
    assert {i["id"] for i in items} == KEYS
    listing = parse_string((pubs / "publications.bib").read_text(encoding="utf-8"))
    assert {e.key for e in listing.entries} == KEYS and not listing.failed_blocks
    for key in KEYS:
        one = parse_string((pubs / f"{key}.bib").read_text(encoding="utf-8"))
        assert [e.key for e in one.entries] == [key] and not one.failed_blocks


def test_paper_page_head_tags(built: tuple[Path, str]) -> None:
    """One citation_author per author (not "others"), full dates as YYYY/MM/DD, absolute pdf URL."""
    root, _ = built
    meta = page(root, "publications/alpha2020/index.html").meta
    authors = [v for n, v in meta if n == "citation_author"]
    assert authors == ["Doe, Jane", "van Beethoven, Ludwig", "Zola, Émile", "World Health Organization"]
    assert ("citation_publication_date", "2020/05/03") in meta
    assert ("citation_pdf_url", "https://example.org/sub/assets/papers/alpha.pdf") in meta
    assert ("citation_title", 'Deep "quotes" and (parens)') in meta
    thesis = dict(page(root, "publications/delta2018/index.html").meta)
    assert thesis["citation_dissertation_institution"] == "MIT"
    gamma = page(root, "publications/gamma2019/index.html")
    assert ("citation_title", "Gamma *not bold* [link](http://x.org) `code` <b>tag</b>") in gamma.meta
    assert not any(h == "http://x.org" for h in gamma.hrefs), "markdown in a title became a link"


def test_sitemap_and_search_index_are_valid(built: tuple[Path, str]) -> None:
    root, _ = built
    tree = ET.parse(root / "site" / "sitemap.xml")
    locs = {el.text for el in tree.iter() if el.tag.endswith("loc")}
    assert "https://example.org/sub/publications/alpha2020/" in locs
    index = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "Beta Über alles — naïve" in text
    for html in (root / "site").rglob("*.html"):
        _Page(html.read_text(encoding="utf-8"))


def test_rebuild_in_one_process_sees_an_edited_bib(tmp_path: Path) -> None:
    """Two builds in one process (as `mkdocs serve` does) with a .bib edited in between."""
    (tmp_path / "mkdocs.yml").write_text(YML, encoding="utf-8")
    (tmp_path / "bib").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "bib" / "a.bib").write_text("@misc{one, title = {One}, year = 2020}\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(PAGES["docs/index.md"].split("Again")[0], encoding="utf-8")
    script = (
        "import sys\nfrom pathlib import Path\nfrom mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        "def once():\n"
        "    cfg = load_config('mkdocs.yml', site_dir='site')\n"
        "    cfg.plugins.on_startup(command='serve', dirty=False)\n"
        "    build(cfg)\n"
        "    return Path('site/index.html').read_text().count('data-bibkey')\n"
        "first = once()\n"
        "bib = Path('bib/a.bib')\n"
        "bib.write_text(bib.read_text().replace('One', 'Uno') + '@misc{two, title = {Two}, year = 2021}\\n')\n"
        "second = once()\n"
        "html = Path('site/index.html').read_text()\n"
        "print(first, second, 'Uno' in html, Path('site/publications/two/index.html').is_file())\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split() == ["1", "2", "True", "True"], proc.stdout


# -- bugs -----------------------------------------------------------------------------------------------


def test_two_lists_on_one_page_keep_ids_unique(built: tuple[Path, str]) -> None:
    """Two `/// publications` blocks showing the same entries give every entry's `id="pub-<slug>"`
    twice today: invalid HTML, and `#pub-<slug>` links go to whichever comes first. Within one list
    repeated entries (keyword groups) already get no second id; across lists they should not either."""
    root, _ = built
    ids = page(root, "index.html").ids
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    assert not repeated, repeated


def test_block_indented_in_an_admonition_is_rendered_or_reported(built: tuple[Path, str]) -> None:
    """A `/// publications` block inside an admonition (indented) is shown as the literal text
    "/// publications group_by: none ///" today, with no message: render it, or name the page."""
    root, log = built
    html = (root / "site" / "adm" / "index.html").read_text(encoding="utf-8")
    rendered = bool(_Page(html).keys) and "/// publications" not in html
    assert rendered or "docs/adm.md" in log, "block shown as raw text without a word"


@pytest.mark.parametrize("level", ["7", "0"])
def test_heading_level_out_of_range_is_an_error(built: tuple[Path, str], level: str) -> None:
    """README: "a bad value is an error naming the page and line". `heading_level: 7` (or 0) is
    silently clamped to 6 (or 1) today."""
    _, log = built
    line = 3 if level == "7" else 7
    assert re.search(rf"docs/opts\.md:{line}:.*heading_level", log), [
        x for x in log.splitlines() if "scholar" in x
    ]


def test_links_to_the_list_page_resolve_or_are_reported(built: tuple[Path, str]) -> None:
    """The list lives on the home page and nothing is at `publications_url` (publications/):
    paper pages and news items link to `publications/#pub-<slug>`, a page that does not exist,
    and the build says nothing. Either link to a page that exists or warn about the setting."""
    root, log = built
    broken = []
    for uri in ("publications/alpha2020/index.html", "news/index.html"):
        hrefs = [h for h in page(root, uri).hrefs if "assets/" not in h]  # the pdf is not part of this site
        broken += [f"{uri}: {h}" for h in hrefs if not _resolves(root, uri, h)]
    assert not broken or "publications_url" in log, broken
