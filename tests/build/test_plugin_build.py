"""Full MkDocs builds of tiny sites, asserting on the HTML, feed and files they produce."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import bibtexparser

from tests.conftest import run_mkdocs_build

MINIMAL = """site_name: Test Site
site_url: https://example.org/
theme:
  name: material
plugins:
  - search
  - scholar:
      highlight_authors: ["Ada Lovelace"]
"""

BIB = r"""
@article{lovelace2024engine,
  title = {On the {A}nalytical {E}ngine and {\"U}ber-Notes},
  author = {Lovelace, Ada and Babbage, Charles},
  journal = {Journal of Engines},
  year = {2024},
  month = jun,
  doi = {10.1234/engine.5678},
  abstract = {We study engines.},
}
@misc{lovelace2023preprint,
  title = {A Preprint on Bernoulli Numbers},
  author = {Ada Lovelace},
  year = {2023},
  eprint = {2310.05169},
  archivePrefix = {arXiv},
  keywords = {numbers},
}
@inproceedings{babbage2022difference,
  title = {Difference Engines at Scale},
  author = {Babbage, Charles and Lovelace, Ada},
  booktitle = {Proceedings of the Workshop on Engines},
  year = {2022},
  url = {javascript:alert(1)},
}
"""

CLEAN_BIB = BIB.replace("  url = {javascript:alert(1)},\n", "")

PUBS_PAGE = "# Publications\n\n/// publications\ngroup_by: year\n///\n"


def html(site: Path, page: str) -> str:
    return (site / "site" / page).read_text(encoding="utf-8")


def test_minimal_site_renders_every_entry(make_site: Callable[..., Path]) -> None:
    """theme + plugin only: every entry, its links, year headings in the TOC, entries in search."""
    site = make_site(MINIMAL, {"bib/papers.bib": BIB, "docs/index.md": PUBS_PAGE})
    proc = run_mkdocs_build(site, strict=False)
    assert proc.returncode == 0, proc.stderr
    page = html(site, "index.html")
    keys = re.findall(r'data-bibkey="([^"]+)"', page)
    assert sorted(keys) == ["babbage2022difference", "lovelace2023preprint", "lovelace2024engine"]
    assert keys[0] == "lovelace2024engine", "newest first"
    assert 'data-link="doi" href="https://doi.org/10.1234/engine.5678"' in page
    assert 'href="https://arxiv.org/abs/2310.05169"' in page
    assert "Über-Notes" in page
    assert not re.search(r"href=[\"']\s*javascript:", page, re.I)
    assert "javascript:" in proc.stderr, "the refused link is reported"
    toc = page[page.index("md-nav--secondary") :]
    for year in ("2024", "2023", "2022"):
        assert f">{year}<" in toc or f"{year}\n" in toc
    index = json.loads(html(site, "search/search_index.json"))
    text = " ".join(d["text"] + d["title"] for d in index["docs"])
    assert "Bernoulli Numbers" in text
    assert "archivePrefix" not in text, "BibTeX blocks stay out of the search index"


def test_strict_build_fails_on_bad_entry_but_plain_build_renders_the_rest(
    make_site: Callable[..., Path],
) -> None:
    """A syntax error names file and line; --strict fails, a plain build keeps the good entries."""
    bad = BIB + "\n@article{broken,\n  title = {Unclosed\n"
    site = make_site(MINIMAL, {"bib/papers.bib": bad, "docs/index.md": PUBS_PAGE})
    strict = run_mkdocs_build(site, strict=True)
    assert strict.returncode != 0
    assert re.search(r"bib/papers\.bib:\d+", strict.stderr), strict.stderr
    assert "Traceback" not in strict.stderr
    plain = run_mkdocs_build(site, strict=False)
    assert plain.returncode == 0, plain.stderr
    assert html(site, "index.html").count('class="scholar-entry"') == 3


def test_bad_block_option_names_the_page(make_site: Callable[..., Path]) -> None:
    """An unknown option or bad value is an error naming the page, and fails --strict."""
    page = "# P\n\n/// publications\ngroup_by: colour\nfrobnicate: 1\n///\n"
    site = make_site(MINIMAL, {"bib/papers.bib": CLEAN_BIB, "docs/index.md": page})
    proc = run_mkdocs_build(site, strict=True)
    assert proc.returncode != 0
    assert "docs/index.md:3" in proc.stderr
    assert "group_by" in proc.stderr and "frobnicate" in proc.stderr


def test_block_in_code_fence_is_left_alone_and_no_block_no_list(make_site: Callable[..., Path]) -> None:
    """A fenced block is shown as code; a page without a block gets no list."""
    page = "# Howto\n\n```\n/// publications\n///\n```\n"
    site = make_site(
        MINIMAL, {"bib/papers.bib": CLEAN_BIB, "docs/index.md": page, "docs/other.md": "# Other\n"}
    )
    proc = run_mkdocs_build(site, strict=True)
    assert proc.returncode == 0, proc.stderr
    assert "scholar-entry" not in html(site, "index.html")
    assert "/// publications" in html(site, "index.html")
    assert "scholar-entry" not in html(site, "other/index.html")


def test_paper_pages_and_downloads(make_site: Callable[..., Path]) -> None:
    """Each entry gets a page with Scholar meta tags; the .bib download re-parses to the same keys."""
    site = make_site(
        MINIMAL, {"bib/papers.bib": BIB, "docs/index.md": "# Home\n", "docs/publications.md": PUBS_PAGE}
    )
    proc = run_mkdocs_build(site, strict=False)
    assert proc.returncode == 0, proc.stderr
    paper = html(site, "publications/lovelace2024engine/index.html")
    assert '<meta name="citation_title"' in paper
    assert paper.count('name="citation_author"') == 2
    assert 'name="citation_doi" content="10.1234/engine.5678"' in paper
    assert "application/ld+json" in paper
    listing = html(site, "publications/index.html")
    assert 'href="lovelace2024engine/"' in listing or 'href="../publications/lovelace2024engine/"' in listing
    bib = (site / "site" / "publications" / "publications.bib").read_text(encoding="utf-8")
    keys = {e.key for e in bibtexparser.parse_string(bib).entries}
    assert keys == {"lovelace2024engine", "lovelace2023preprint", "babbage2022difference"}
    csl = json.loads((site / "site" / "publications" / "publications.json").read_text(encoding="utf-8"))
    assert {item["id"] for item in csl} == keys
    sitemap = (site / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "publications/lovelace2024engine/" in sitemap
    nav = html(site, "index.html")
    assert "lovelace2024engine" not in nav, "paper pages stay out of the navigation"


def test_keys_named_like_the_sites_own_files_get_their_own_pages(make_site: Callable[..., Path]) -> None:
    """Keys "index", "publications" and "talks" (a page the author keeps beside the paper pages)
    never overwrite the list, the full .bib download or the author's page."""
    bib = "".join(
        f"@misc{{{key}, title = {{Paper {key}}}, author = {{Ada Lovelace}}, year = {{2020}}}}\n"
        for key in ("index", "publications", "talks")
    )
    site = make_site(
        MINIMAL,
        {
            "bib/papers.bib": bib,
            "docs/index.md": "# Home\n",
            "docs/publications/index.md": PUBS_PAGE,
            "docs/publications/talks.md": "# My talks\n\nTalk list.\n",
        },
    )
    proc = run_mkdocs_build(site, strict=True)
    assert proc.returncode == 0, proc.stderr
    listing = html(site, "publications/index.html")
    assert listing.count('class="scholar-entry"') == 3
    assert "Talk list." in html(site, "publications/talks/index.html")
    for key, slug in (("index", "index-2"), ("publications", "publications-2"), ("talks", "talks-2")):
        assert f"Paper {key}" in html(site, f"publications/{slug}/index.html")
        assert f'href="../publications/{slug}/"' in listing
        assert f"@misc{{{key}," in (site / "site" / "publications" / f"{slug}.bib").read_text(
            encoding="utf-8"
        )
    whole = (site / "site" / "publications" / "publications.bib").read_text(encoding="utf-8")
    assert {e.key for e in bibtexparser.parse_string(whole).entries} == {"index", "publications", "talks"}


NEWS = {
    "docs/news/index.md": "# News\n\n/// news\n///\n",
    "docs/news/2024-06-11-paper.md": (
        "---\ndate: 2024-06-11\ntitle: Paper accepted\ntags: [paper]\npapers: [lovelace2024engine]\n---\n"
        "Our paper on *engines* is out. See [the list](../publications.md).\n"
    ),
    "docs/news/2024-01-02-talk.md": "---\ndate: 2024-01-02\ntitle: A talk\ntags: [talk]\n---\nI spoke.\n",
    "docs/news/2023-visit.md": "---\ndate: 2023\ntitle: A visit\n---\nVisiting somewhere in 2023.\n",
    "docs/news/2022-05-01-long.md": "---\ndate: 2022-05-01\ntitle: Long story\n---\n"
    + "First paragraph of a long story.\n\n"
    + " ".join(["word"] * 200)
    + "\n",
}


def test_news_timeline_home_excerpt_and_feed(make_site: Callable[..., Path]) -> None:
    """Timeline order and grouping, the home page's latest items, paper links, the Atom feed."""
    files = {
        "bib/papers.bib": CLEAN_BIB,
        "docs/index.md": "# Home\n\n/// news\nlimit: 2\ngroup_by: none\n///\n",
        "docs/publications.md": PUBS_PAGE,
        **NEWS,
    }
    site = make_site(MINIMAL, files)
    proc = run_mkdocs_build(site, strict=True)
    assert proc.returncode == 0, proc.stderr
    news = html(site, "news/index.html")
    dates = re.findall(r'class="scholar-news-item[^"]*"[^>]*data-date="([^"]+)"', news)
    dates = dates or re.findall(r'data-date="([^"]+)"', news)
    assert dates == sorted(dates, reverse=True) and len(dates) == 4
    assert 'href="../publications/#pub-' in news
    home = html(site, "index.html")
    assert len(re.findall(r"data-date=", home)) == 2
    assert 'href="publications/"' in home, "a relative link in a news body is rebased for the home page"
    assert (site / "site" / "news" / "2022-05-01-long" / "index.html").exists()
    assert not (site / "site" / "news" / "2024-01-02-talk" / "index.html").exists()
    assert 'type="application/atom+xml"' in home
    feed = ET.fromstring((site / "site" / "feed.xml").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 4
    for entry in entries:
        link = entry.find("a:link", ns)
        assert link is not None and link.get("href", "").startswith("https://example.org/")
    nav = re.findall(r'class="md-nav__link[^"]*"[^>]*href="([^"]+)"', home)
    assert not any("2024-06-11-paper" in h for h in nav), "news files do not fill the navigation"


def test_news_errors_name_the_file(make_site: Callable[..., Path]) -> None:
    """A bad date or an unknown paper key is a message naming the news file; --strict fails."""
    files = {
        "bib/papers.bib": CLEAN_BIB,
        "docs/index.md": "# Home\n",
        "docs/news/index.md": "# News\n\n/// news\n///\n",
        "docs/news/bad.md": "---\ndate: 2024-13-45\ntitle: Bad\n---\nBody.\n",
        "docs/news/2024-01-01-key.md": "---\ndate: 2024-01-01\npapers: [nosuchkey]\n---\nBody.\n",
    }
    site = make_site(MINIMAL, files)
    proc = run_mkdocs_build(site, strict=True)
    assert proc.returncode != 0
    assert "news/bad.md" in proc.stderr and "nosuchkey" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_mkdocs_bibtex_citations_from_the_same_folder(make_site: Callable[..., Path]) -> None:
    """mkdocs-bibtex cites `[@key]` from bib/; e-mail addresses and code do not trigger it."""
    yml = (
        MINIMAL.replace(
            "  - search\n",
            "  - search\n  - bibtex:\n      bib_dir: bib\n      enable_inline_citations: false\n",
        )
        + "markdown_extensions:\n  - footnotes\n"
    )
    page = "# Research\n\nAs shown [@lovelace2024engine].\n\nMail me: ada@example.org\n\n`@decorator`\n"
    site = make_site(yml, {"bib/papers.bib": CLEAN_BIB, "docs/index.md": page})
    proc = run_mkdocs_build(site, strict=True)
    assert proc.returncode == 0, proc.stderr
    out = html(site, "index.html")
    assert "footnote" in out and "Analytical" in out
    assert "ada@example.org" in out and "@decorator" in out


def test_coauthors_file_links_names_and_reports_bad_yaml(make_site: Callable[..., Path]) -> None:
    """A co-author file links names on the list; a broken one is a message naming it, not silence."""
    yml = MINIMAL.replace('highlight_authors: ["Ada Lovelace"]', "coauthors_file: people.yml")
    site = make_site(
        yml,
        {
            "bib/papers.bib": CLEAN_BIB,
            "docs/index.md": PUBS_PAGE,
            "people.yml": "Charles Babbage: https://example.org/babbage/\n",
        },
    )
    proc = run_mkdocs_build(site, strict=True)
    assert proc.returncode == 0, proc.stderr
    assert 'href="https://example.org/babbage/"' in html(site, "index.html")
    (site / "people.yml").write_text("Charles Babbage: [unclosed\n", encoding="utf-8")
    proc = run_mkdocs_build(site, strict=True)
    assert proc.returncode != 0
    assert "people.yml" in proc.stderr and "invalid YAML" in proc.stderr
