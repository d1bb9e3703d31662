"""Raw entries -> publications: the normalisation pipeline (bibliography/normalize.py)."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest

from mkdocs_scholar.bibliography import BibOptions, RawEntry, load_bibliography
from mkdocs_scholar.bibliography.model import Bibliography, Publication
from mkdocs_scholar.bibliography.normalize import STEPS, Draft, _publication, slugify


def load(tmp_path: Path, text: str, options: BibOptions | None = None) -> Bibliography:
    """Load one .bib text from tmp_path/bib/papers.bib."""
    path = tmp_path / "bib" / "papers.bib"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return load_bibliography([path], options or BibOptions(), display_root=tmp_path)


def one(tmp_path: Path, text: str, options: BibOptions | None = None) -> Publication:
    """The single publication of a .bib text."""
    (pub,) = load(tmp_path, text, options).publications
    return pub


def test_pipeline_steps_are_named() -> None:
    """The pipeline is a tuple of small named steps."""
    assert [s.__name__ for s in STEPS] == [
        "check_type", "title", "people", "date", "venue", "extras", "links", "kind", "bibtex",
    ]  # fmt: skip


def test_full_entry(tmp_path: Path) -> None:
    """An al-folio style entry gives every display field."""
    pub = one(
        tmp_path,
        r"""@article{Einstein1935,
  abbr = {PhysRev},
  title = {Can Quantum-Mechanical Description of Physical Reality Be Considered {C}omplete?},
  author = {Einstein, A. and Podolsky, B. and Rosen, N.},
  journal = {Phys. Rev.},
  volume = {47}, number = {10}, pages = {777--780},
  year = {1935}, month = may,
  publisher = {American Physical Society},
  doi = {10.1103/PhysRev.47.777},
  pdf = {example_pdf.pdf},
  award = {Best {P}aper},
  note = {See also \textit{later work}},
  abstract = {In a complete theory $\Psi$ \ldots},
  keywords = {quantum; locality, EPR},
  selected = {true},
  bibtex_show = {true}
}""",
    )
    assert pub.key == "Einstein1935"
    assert pub.slug == "einstein1935"
    assert pub.entry_type == "article"
    assert pub.kind == "journal"
    assert pub.title == "Can Quantum-Mechanical Description of Physical Reality Be Considered Complete?"
    assert [a.display for a in pub.authors] == ["A. Einstein", "B. Podolsky", "N. Rosen"]
    assert (pub.year, pub.month, pub.day) == (1935, 5, None)
    assert (pub.venue, pub.volume, pub.number, pub.pages) == ("Phys. Rev.", "47", "10", "777–780")
    assert pub.publisher == "American Physical Society"
    assert (pub.abbr, pub.award, pub.note) == ("PhysRev", "Best Paper", "See also later work")
    assert pub.abstract == r"In a complete theory $\Psi$ …"
    assert pub.keywords == ("quantum", "locality", "EPR")
    assert pub.selected is True
    assert pub.doi == "10.1103/PhysRev.47.777"
    assert [(lnk.kind, lnk.url) for lnk in pub.links] == [
        ("doi", "https://doi.org/10.1103/PhysRev.47.777"),
        ("pdf", "assets/papers/example_pdf.pdf"),
    ]
    assert (pub.source_file, pub.source_line) == ("bib/papers.bib", 1)
    assert dict(pub.fields)["pages"] == "777--780"
    assert "bibtex_show" not in pub.bibtex and "abstract" not in pub.bibtex and "pdf" not in pub.bibtex
    assert "doi = {10.1103/PhysRev.47.777}" in pub.bibtex


def test_thesis_institution_and_venue(tmp_path: Path) -> None:
    """A thesis shows its school as venue and institution."""
    pub = one(tmp_path, r"@phdthesis{t, title={T}, author={A B}, school={TU M{\"u}nchen}, year=2020}")
    assert (pub.kind, pub.venue, pub.institution) == ("thesis", "TU München", "TU München")


def test_howpublished_url_is_not_a_venue(tmp_path: Path) -> None:
    r"""`howpublished = {\url{...}}` is a link, not where the work appeared."""
    pub = one(tmp_path, r"@misc{m, title={T}, howpublished={\url{https://example.org}}, year=2020}")
    assert pub.venue == ""


@pytest.mark.parametrize(
    ("fields", "kind"),
    [
        ("journal={arXiv preprint arXiv:2405.08645}", "preprint"),
        ("journal={Nature}", "journal"),
        ("journal={CoRR}, volume={abs/2310.04856}", "preprint"),
    ],
)
def test_kind_uses_venue_and_arxiv(tmp_path: Path, fields: str, kind: str) -> None:
    """An @article in an arXiv "journal" is a preprint."""
    assert one(tmp_path, f"@article{{a, title={{T}}, year=2024, {fields}}}").kind == kind


def test_highlight_and_coauthor_links(tmp_path: Path) -> None:
    """The owner is highlighted in any name form; co-authors get their address."""
    options = BibOptions(
        highlight_authors=("Mukherjee, Anirbit",),
        coauthors=(("Sen, P.", "https://example.org/sen"), ("Evil, E.", "javascript:alert(1)")),
    )
    bib = load(
        tmp_path,
        "@misc{a, author={A. Mukherjee and Procheta Sen and B. Mukherjee and E. Evil}, title={T}, year=1}",
        options,
    )
    authors = bib.publications[0].authors
    assert [a.highlight for a in authors] == [True, False, False, False]
    assert [a.url for a in authors] == [None, "https://example.org/sen", None, None]
    assert any(p.key is None and "javascript" in p.message for p in bib.problems)


def test_et_al_and_editors(tmp_path: Path) -> None:
    """`and others` sets et_al; editors are parsed like authors."""
    pub = one(tmp_path, "@book{b, author={A B and others}, editor={van der C, D}, title={T}, year=1}")
    assert pub.et_al is True
    assert [e.family for e in pub.editors] == ["van der C"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ("title={T}", "missing year"),
        ("year=2000", "missing title"),
        ("title={T}, year={{13th Century}}", "year '{13th Century}' is not a year"),
        ("title={T}, year=2000, month={Summer}", "month 'Summer' is not a month"),
        ("title={T}, date={19XXX-XX-XX}", "is not a date"),
        ("title={T}, year=2000, author={A and , and B}", "1 empty name(s) in field 'author' skipped"),
        ("title={T}, year=2000, doi={not-a-doi}", "not a valid DOI"),
        ("title={T}, year=2000, url={javascript:alert(1)}", "refused link in field 'url'"),
    ],
)
def test_warnings_name_key_file_and_line(tmp_path: Path, fields: str, message: str) -> None:
    """Each doubtful value gives a warning naming key, file and line; the entry is still shown."""
    bib = load(tmp_path, f"\n@misc{{k, {fields}}}\n")
    assert len(bib.publications) == 1
    (problem,) = bib.problems
    assert (problem.file, problem.line, problem.key, problem.level) == ("bib/papers.bib", 2, "k", "warning")
    assert message in problem.message


def test_unknown_entry_type_is_shown_as_other(tmp_path: Path) -> None:
    """An unknown type gives a warning and kind "other" (bibtexparser-v1__wrong.bib)."""
    bib = load(tmp_path, "@wrong{k, title={T}, year=1}")
    assert bib.publications[0].kind == "other"
    assert "unknown entry type @wrong" in bib.problems[0].message


def test_date_field_wins_over_year(tmp_path: Path) -> None:
    """biblatex `date` gives year, month and day."""
    pub = one(tmp_path, "@online{o, title={T}, date={2023-05-17/2023-06-01}, year=1999}")
    assert (pub.year, pub.month, pub.day) == (2023, 5, 17)


def test_newest_first_then_file_order_undated_last(tmp_path: Path) -> None:
    """Publications sort by year, month and day descending; ties keep file order; undated last."""
    bib = load(
        tmp_path,
        "@misc{old, title={T}, year=2001}\n"
        "@misc{nodate, title={T}}\n"
        "@misc{new_a, title={T}, year=2020}\n"
        "@misc{new_b, title={T}, year=2020}\n"
        "@misc{new_may, title={T}, year=2020, month=may}\n"
        "@misc{new_dec, title={T}, year=2020, month=dec}\n",
    )
    assert [p.key for p in bib.publications] == ["new_dec", "new_may", "new_a", "new_b", "old", "nodate"]


@pytest.mark.parametrize(
    ("key", "slug"),
    [
        ("Einstein1935", "einstein1935"),
        ("DBLP:journals/corr/abs-2310-04856", "dblp-journals-corr-abs-2310-04856"),
        ("Köglmeier2026", "koglmeier2026"),  # 4c-multiphysics__papers.bib
        ("Łódź_2020", "lodz-2020"),
        ("PhysRev.47.777", "physrev-47-777"),
        (
            "https://doi.org/10.1002/(SICI)1521-4133",
            "https-doi-org-10-1002-sici-1521-4133",
        ),  # jbibtex__wiley.bib
        ("--", "entry-" + hashlib.sha1(b"--").hexdigest()[:8]),
        ("中文", "entry-" + hashlib.sha1("中文".encode()).hexdigest()[:8]),
    ],
)
def test_slugify(key: str, slug: str) -> None:
    """Slugs are lower-case [a-z0-9-], transliterated from the key."""
    assert slugify(key) == slug


def test_slugify_keeps_keys_without_ascii_apart() -> None:
    """Keys with characters that have no ASCII form get a hash, so they stay distinct."""
    first, second = slugify("中文2020"), slugify("日本2020")
    assert first != second
    assert first.startswith("2020-")


def test_slugs_are_unique(tmp_path: Path) -> None:
    """Keys that give the same slug get -2, -3 suffixes in file order."""
    bib = load(
        tmp_path,
        "@misc{A:B, title={T}, year=3}\n@misc{a-b, title={T}, year=2}\n@misc{a_b, title={T}, year=1}\n",
    )
    assert [p.slug for p in bib.publications] == ["a-b", "a-b-2", "a-b-3"]


def test_reserved_slugs_are_never_given(tmp_path: Path) -> None:
    """A key whose slug the site already uses ("index", a page beside the paper pages) gets -2."""
    path = tmp_path / "a.bib"
    path.write_text("@misc{Index, title={T}, year=2}\n@misc{talks, title={T}, year=1}\n", encoding="utf-8")
    default = load_bibliography([path])
    assert [p.slug for p in default.publications] == ["index-2", "talks"]
    reserved = load_bibliography([path], BibOptions(reserved_slugs=("index", "talks")))
    assert [p.slug for p in reserved.publications] == ["index-2", "talks-2"]


def test_long_keys_give_short_distinct_slugs() -> None:
    """Slugs name files: a 300-character key gets 80 characters with a hash of the whole key."""
    first, second = slugify("k" * 300), slugify("k" * 299 + "x")
    assert len(first) == len(second) == 80
    assert first != second
    assert first.startswith("k" * 70)
    assert slugify("k" * 80) == "k" * 80
    assert len(slugify("ü" * 200)) <= 80


@pytest.mark.parametrize(
    ("fields", "day", "warned"),
    [
        ("year = 2020, month = 2, day = 29", 29, False),  # leap year
        ("year = 2021, month = 2, day = 29", None, True),
        ("year = 2020, month = feb, day = 31", None, True),
        ("year = 2020, month = apr, day = {30}", 30, False),
        ("year = 2020, day = 3", None, True),  # a day without a month
        ("year = 2020, month = 5, day = {3rd}", None, True),
    ],
)
def test_day_must_fit_its_month(tmp_path: Path, fields: str, day: int | None, warned: bool) -> None:
    """31 February is no date: the day is left out (not printed, not in meta tags) with a warning."""
    bib = load(tmp_path, f"@misc{{k, title = {{T}}, {fields}}}\n")
    assert bib.publications[0].day == day
    assert any("day" in p.message for p in bib.problems) is warned


@pytest.mark.parametrize(
    ("fields", "year", "status"),
    [
        ("year = {in press}", None, "in press"),
        ("year = {Forthcoming}", None, "forthcoming"),
        ("year = {To Appear}", None, "to appear"),
        ("pubstate = {inpress}", None, "in press"),
        ("year = 2025, pubstate = {forthcoming}", 2025, "forthcoming"),
        ("year = 2025, pubstate = {camera ready}", 2025, "camera ready"),
    ],
)
def test_status_instead_of_a_year(tmp_path: Path, fields: str, year: int | None, status: str) -> None:
    """'in press' and the like (in year, or biblatex's pubstate) are a status, not a bad year."""
    bib = load(tmp_path, f"@article{{k, title = {{T}}, {fields}}}\n")
    pub = bib.publications[0]
    assert (pub.year, pub.status) == (year, status)
    assert bib.problems == ()


def test_forthcoming_work_sorts_first(tmp_path: Path) -> None:
    """No year but a status: newer than anything dated; no year and no status: last."""
    bib = load(
        tmp_path,
        "@misc{old, title = {T}, year = 2020}\n@misc{undated, title = {T}}\n"
        "@misc{soon, title = {T}, year = {in press}}\n@misc{new, title = {T}, year = 2024}\n",
    )
    assert [p.key for p in bib.publications] == ["soon", "new", "old", "undated"]


def test_problem_text_names_file_line_and_key(tmp_path: Path) -> None:
    """str(Problem) reads "bib/<file>.bib:<line>: [key] <what>"."""
    bib = load(tmp_path, "\n\n@misc{k, year=2000}")
    assert [str(p) for p in bib.problems] == ["bib/papers.bib:3: [k] missing title"]


def test_publication_is_the_constructors_publication(tmp_path: Path) -> None:
    """_publication builds exactly what Publication(...) builds, every field set."""
    pub = one(
        tmp_path,
        "@article{k, title={T}, author={Doe, J.}, journal={J}, year=2020, doi={10.1000/1}}\n",
    )
    again = Publication(**{f.name: getattr(pub, f.name) for f in dataclasses.fields(Publication)})
    assert pub == again
    assert hash(pub) == hash(again)
    assert vars(pub) == vars(again)


def test_publication_sets_every_field() -> None:
    """A draft left at its defaults still gives a Publication with all its fields."""
    raw = RawEntry("misc", "k", {"title": "T"}, "a.bib", 1)
    pub = _publication(Draft(raw), "k")
    assert set(vars(pub)) == {f.name for f in dataclasses.fields(Publication)}
