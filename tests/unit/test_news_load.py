"""Loading a news folder: validation, problems with file and line, order, excerpts and pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mkdocs_scholar.news.load import load_news
from mkdocs_scholar.news.model import NewsDate, NewsItem
from mkdocs_scholar.problems import Problem

LONG = " ".join(f"word{i}" for i in range(100))


def write(folder: Path, name: str, text: str | bytes) -> Path:
    """Write one file under `folder` (made if missing)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def load_one(tmp_path: Path, text: str | bytes, **kwargs: Any) -> tuple[list[NewsItem], list[Problem]]:
    """Load a folder holding one item `x.md`."""
    news = tmp_path / "news"
    write(news, "x.md", text)
    return load_news(news, **kwargs)


@pytest.mark.parametrize(
    ("text", "level", "line", "key", "message", "kept"),
    [
        ("---\ntitle: Hi\n---\nBody\n", "error", 1, "date", "missing date", False),
        ("---\ntitle: Hi\ndate:\n---\nBody\n", "error", 3, "date", "missing date", False),
        ("---\ndate: 2024-13-01\n---\nBody\n", "error", 2, "date", "month must be in 1..12", False),
        ("---\ntitle: Hi\ndate: 2024-02-30\n---\nBody\n", "error", 3, "date", "day is out of range", False),
        ("---\ndate: yesterday\n---\nBody\n", "error", 2, "date", "'yesterday' is not a date", False),
        ("---\ndate: [2024]\n---\nBody\n", "error", 2, "date", "not a date", False),
        (
            "---\ndate: 2024-01-01\ntitel: Hi\n---\nBody\n",
            "warning",
            3,
            "titel",
            "did you mean 'title'",
            True,
        ),
        (
            "---\ndate: 2024-01-01\ncolour: red\n---\nBody\n",
            "warning",
            3,
            "colour",
            "unknown front-matter key",
            True,
        ),
        (
            "---\ndate: 2024-01-01\npapers: smith2020\n---\nBody\n",
            "warning",
            3,
            "papers",
            "must be a list",
            True,
        ),
        (
            "---\ndate: 2024-01-01\npapers: [[a]]\n---\nBody\n",
            "warning",
            3,
            "papers",
            "not a BibTeX key",
            True,
        ),
        ("---\ndate: 2024-01-01\ntitle: a: b\n---\nBody\n", "error", 3, None, "broken YAML", False),
        ("---\ndate: 2024-01-01\ntitle: 'open\n---\nBody\n", "error", 3, None, "broken YAML", False),
        (
            "---\ndate: 2024-01-01\ntitle: !!python/object:os.system x\n---\nBody\n",
            "error",
            3,
            None,
            "broken YAML",
            False,
        ),
        ("Just text, no front matter.\n", "error", 1, None, "no front matter", False),
        ("\n---\ndate: 2024-01-01\n---\nBody\n", "error", 1, None, "no front matter", False),
        ("---\ndate: 2024-01-01\nBody without the closing line\n", "error", 1, None, "not closed", False),
        ("---\n- date\n- 2024\n---\nBody\n", "error", 2, None, "`key: value` lines", False),
        ("---\ndate: 2024-01-01\n---\n\n  \n", "error", 1, None, "empty item", False),
        ("---\ndate: 2024-01-01\ntitle: '  '\n---\n", "error", 1, None, "empty item", False),
        ("---\ndate: 2024-01-01\ntitle: [a]\n---\nBody\n", "warning", 3, "title", "title must be text", True),
        (
            "---\ndate: 2024-01-01\ndraft: maybe\n---\nBody\n",
            "error",
            3,
            "draft",
            "draft must be true or false",
            False,
        ),
        (
            "---\ndate: 2024-01-01\npage: sometimes\n---\nBody\n",
            "warning",
            3,
            "page",
            "page must be true or false",
            True,
        ),
        (
            "---\ndate: 2024-01-01\nsummary: [a]\n---\nBody\n",
            "warning",
            3,
            "summary",
            "summary must be text",
            True,
        ),
        ("---\ndate: 2024-01-01\ntags: [{a: 1}]\n---\nBody\n", "warning", 3, "tags", "is not a tag", True),
        (
            "---\ndate: 2024-01-01\nlink: javascript:alert(1)\n---\nBody\n",
            "warning",
            3,
            "link",
            "http(s)",
            True,
        ),
        ("---\ndate: 2024-01-01\nlink: data:text/html,x\n---\nBody\n", "warning", 3, "link", "http(s)", True),
        ("---\ndate: 2024-01-01\nlink: https://\n---\nBody\n", "warning", 3, "link", "http(s)", True),
        ("---\ndate: 2024-01-01\nlink: '/relative'\n---\nBody\n", "warning", 3, "link", "http(s)", True),
        (
            "---\ndate: 2024-01-01\ntitle: A\ntitle: B\n---\nBody\n",
            "warning",
            4,
            "title",
            "given twice",
            True,
        ),
        (b"---\ndate: 2024-01-01\n---\nOK\nbad \xff byte\n", "error", 5, None, "not UTF-8", False),
    ],
)
def test_bad_input_becomes_a_problem(
    tmp_path: Path, text: str | bytes, level: str, line: int, key: str | None, message: str, kept: bool
) -> None:
    """Each bad file gives one problem naming file, line and key; errors drop the item, warnings do not."""
    items, problems = load_one(tmp_path, text)
    assert len(problems) == 1, problems
    problem = problems[0]
    assert (problem.level, problem.file, problem.line, problem.key) == (level, "news/x.md", line, key)
    assert message in problem.message
    assert len(items) == (1 if kept else 0)


def test_unknown_paper_key_is_dropped_with_a_warning(tmp_path: Path) -> None:
    """With known_keys, a paper key that no entry has is warned about (file, line) and left out."""
    text = "---\ndate: 2024-01-01\ntitle: T\npapers: [Real2024, ghost2020]\n---\n"
    items, problems = load_one(tmp_path, text, known_keys=frozenset({"Real2024"}))
    assert items[0].papers == ("Real2024",)
    assert [(p.file, p.line, p.key, p.level) for p in problems] == [("news/x.md", 4, "papers", "warning")]
    assert "ghost2020" in problems[0].message


def test_paper_keys_are_matched_without_case_and_deduplicated(tmp_path: Path) -> None:
    """Like BibTeX, a key differing only in case is the same entry; its real spelling is kept."""
    text = "---\ndate: 2024-01-01\ntitle: T\npapers: [real2024, Real2024]\n---\n"
    items, problems = load_one(tmp_path, text, known_keys=frozenset({"Real2024"}))
    assert items[0].papers == ("Real2024",)
    assert problems == []


def test_paper_keys_are_not_checked_without_known_keys(tmp_path: Path) -> None:
    """Without known_keys the keys are taken as written."""
    items, problems = load_one(tmp_path, "---\ndate: 2024-01-01\ntitle: T\npapers: [anything]\n---\n")
    assert items[0].papers == ("anything",)
    assert problems == []


def test_unknown_keys_can_be_allowed(tmp_path: Path) -> None:
    """warn_unknown_keys=False (the `strict_news_keys: false` option) silences unknown keys."""
    items, problems = load_one(
        tmp_path, "---\ndate: 2024-01-01\nauthor: me\n---\nBody", warn_unknown_keys=False
    )
    assert len(items) == 1
    assert problems == []


def test_draft_is_skipped_silently(tmp_path: Path) -> None:
    """`draft: true` leaves the item out without a problem, even if the rest is unfinished."""
    items, problems = load_one(tmp_path, "---\ndraft: true\n---\n")
    assert (items, problems) == ([], [])


def test_a_full_item(tmp_path: Path) -> None:
    """Every front-matter key lands in the item; YAML's own date type is accepted."""
    text = (
        "---\n"
        "date: 2024-06-11\n"
        "title: '[IOP-MLST!] PINNs near finite-time blowup'\n"
        "tags: [paper, PDE, paper]\n"
        "papers: [kumar2024]\n"
        "link: https://arxiv.org/abs/2310.05169\n"
        "draft: false\n"
        "---\n"
        "\n"
        "What is the relationship between an ML model's error and its loss?\n"
    )
    items, problems = load_one(tmp_path, text)
    assert problems == []
    (item,) = items
    assert item.slug == "x"
    assert item.date == NewsDate(2024, 6, 11)
    assert item.title == "[IOP-MLST!] PINNs near finite-time blowup"
    assert item.tags == ("paper", "PDE")
    assert item.papers == ("kumar2024",)
    assert item.link == "https://arxiv.org/abs/2310.05169"
    assert item.body == "What is the relationship between an ML model's error and its loss?"
    assert item.has_page is False
    assert item.source_file == "news/x.md"
    assert item.source_path == tmp_path / "news" / "x.md"


@pytest.mark.parametrize(
    ("front", "tags"),
    [
        ("tags: talk", ("talk",)),
        ("tags: [Talk, talk, ' award ']", ("Talk", "award")),
        ("tags: [2024, '']", ("2024",)),
        ("tags:", ()),
    ],
)
def test_tags_forms(tmp_path: Path, front: str, tags: tuple[str, ...]) -> None:
    """Tags: one string or a list; numbers become text; blanks and same-slug repeats are dropped."""
    items, problems = load_one(tmp_path, f"---\ndate: 2024-01-01\n{front}\n---\nBody")
    assert items[0].tags == tags
    assert problems == []


def test_title_number_bom_and_crlf(tmp_path: Path) -> None:
    """A numeric title is text; a UTF-8 BOM and Windows line ends are fine."""
    items, problems = load_one(tmp_path, "\ufeff---\r\ndate: 2023\r\ntitle: 1984\r\n---\r\nBody\r\n".encode())
    assert problems == []
    assert (items[0].title, items[0].date, items[0].body) == ("1984", NewsDate(2023), "Body")


def test_order_is_newest_first_and_vague_dates_close_their_period(tmp_path: Path) -> None:
    """Items sort newest first; a month- or year-only item comes after the dated items of its period."""
    news = tmp_path / "news"
    for name, date in [
        ("a-year.md", "2023"),
        ("b-month.md", "2023-10"),
        ("c-day.md", "2023-10-27"),
        ("d-new.md", "2024-06-11"),
        ("e-same-day.md", "2024-06-11"),
        ("f-old.md", "2021-05-21"),
        ("g-sept.md", "2023-09-01"),
    ]:
        write(news, name, f"---\ndate: {date}\ntitle: {name}\n---\n")
    items, problems = load_news(news)
    assert problems == []
    assert [i.slug for i in items] == ["d-new", "e-same-day", "c-day", "b-month", "g-sept", "a-year", "f-old"]


def test_folder_rules(tmp_path: Path) -> None:
    """index.md and non-Markdown files are skipped; Markdown in subfolders is warned about."""
    news = tmp_path / "docs" / "news"
    write(news, "index.md", "# News\n")
    write(news, "photo.png", b"\x89PNG")
    write(news, ".#draft.md", "junk")
    write(news, "item.md", "---\ndate: 2024-01-01\ntitle: T\n---\n")
    write(news, "2023/old.md", "---\ndate: 2023-01-01\ntitle: T\n---\n")
    write(news, "2023/index.md", "# 2023\n")
    items, problems = load_news(news, display_root=tmp_path)
    assert [i.source_file for i in items] == ["docs/news/item.md"]
    assert [(p.file, p.level) for p in problems] == [("docs/news/2023/old.md", "warning")]
    assert "subfolders are not read" in problems[0].message


def test_missing_folder_means_no_news(tmp_path: Path) -> None:
    """A folder that does not exist gives no items and no problems."""
    assert load_news(tmp_path / "nowhere") == ([], [])


def test_slugs_are_url_safe_and_unique(tmp_path: Path) -> None:
    """File stems become slugs; a clash gets a numbered slug and a warning naming the first file."""
    news = tmp_path / "news"
    write(news, "A B.md", "---\ndate: 2024-01-01\ntitle: T\n---\n")
    write(news, "a-b.md", "---\ndate: 2024-01-02\ntitle: T\n---\n")
    write(news, "Über News!.md", "---\ndate: 2024-01-03\ntitle: T\n---\n")
    write(news, "!!!.md", "---\ndate: 2024-01-04\ntitle: T\n---\n")
    items, problems = load_news(news)
    assert sorted(i.slug for i in items) == ["a-b", "a-b-2", "item", "uber-news"]
    assert [(p.file, p.level) for p in problems] == [("news/a-b.md", "warning")]
    assert "news/A B.md" in problems[0].message


def test_one_bad_file_does_not_hide_the_good_ones(tmp_path: Path) -> None:
    """Problems of several files are all reported, in file order, and good items still load."""
    news = tmp_path / "news"
    write(news, "a.md", "no front matter")
    write(news, "b.md", "---\ndate: 2024-01-01\ntitle: Good\n---\n")
    write(news, "c.md", "---\ndate: 2024-02-30\n---\nx")
    items, problems = load_news(news)
    assert [i.slug for i in items] == ["b"]
    assert [p.file for p in problems] == ["news/a.md", "news/c.md"]


# ---- excerpts and own pages --------------------------------------------------------------


def item_of(tmp_path: Path, front: str, body: str, page_words: int = 80) -> NewsItem:
    """The one item of a file with this front matter and body (no problems expected)."""
    items, problems = load_one(
        tmp_path, f"---\ndate: 2024-01-01\ntitle: T\n{front}---\n{body}", page_words=page_words
    )
    assert problems == []
    return items[0]


def test_short_item_has_no_page_and_its_excerpt_is_the_body(tmp_path: Path) -> None:
    """Few words: no page; the timeline shows everything."""
    item = item_of(tmp_path, "", "Short one.\n\nSecond paragraph.")
    assert item.has_page is False
    assert item.excerpt == item.body == "Short one.\n\nSecond paragraph."


def test_long_item_gets_a_page_and_its_first_paragraph(tmp_path: Path) -> None:
    """More than page_words words: own page, excerpt = first paragraph."""
    item = item_of(tmp_path, "", f"Opening paragraph.\n\n{LONG}")
    assert item.has_page is True
    assert item.excerpt == "Opening paragraph."
    assert item.timeline_markdown == "Opening paragraph."


def test_page_words_threshold_is_strict(tmp_path: Path) -> None:
    """Exactly page_words words is not long; one more is."""
    assert item_of(tmp_path, "", "one two three", page_words=3).has_page is False
    assert item_of(tmp_path, "", "one two three four", page_words=3).has_page is True


def test_more_marker_sets_the_excerpt_and_asks_for_a_page(tmp_path: Path) -> None:
    """Text before `<!-- more -->` is the excerpt, and a short item with the marker gets a page."""
    item = item_of(tmp_path, "", "Teaser *here*.\n\n<!-- more -->\n\nThe rest.")
    assert item.excerpt == "Teaser *here*."
    assert item.has_page is True
    assert "<!-- more -->" not in item.body
    assert item.body.startswith("Teaser *here*.") and item.body.endswith("The rest.")


def test_page_false_forbids_a_page(tmp_path: Path) -> None:
    """`page: false` keeps even a long item (or one with a marker) on the timeline only."""
    item = item_of(tmp_path, "page: false\n", f"Opening.\n\n<!-- more -->\n\n{LONG}")
    assert item.has_page is False
    assert item.timeline_markdown == item.body


def test_page_true_forces_a_page(tmp_path: Path) -> None:
    """`page: true` gives a short item its own page."""
    assert item_of(tmp_path, "page: true\n", "Short.").has_page is True


def test_summary_overrides_the_excerpt(tmp_path: Path) -> None:
    """`summary` replaces the automatic excerpt."""
    item = item_of(tmp_path, "summary: A new paper on PINNs.\n", f"Opening.\n\n<!-- more -->\n\n{LONG}")
    assert item.excerpt == "A new paper on PINNs."


def test_item_with_title_only_is_fine(tmp_path: Path) -> None:
    """A title without a body is a complete item (one-line news)."""
    item = item_of(tmp_path, "", "")
    assert (item.title, item.body, item.has_page) == ("T", "", False)


def test_item_with_body_only_is_fine(tmp_path: Path) -> None:
    """A body without a title is a complete item."""
    items, problems = load_one(tmp_path, "---\ndate: 2022-11-24\n---\nI got selected as a member of ELLIS.\n")
    assert problems == []
    assert (items[0].title, items[0].body) == ("", "I got selected as a member of ELLIS.")
