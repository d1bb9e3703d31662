"""arXiv ids, DOIs, link fields and refused targets (bibliography/links.py)."""

from __future__ import annotations

import pytest

from mkdocs_scholar.bibliography.links import (
    LABELS,
    doi_url,
    extract_links,
    find_arxiv,
    normalize_doi,
    safe_target,
)
from mkdocs_scholar.bibliography.model import LINK_KINDS


@pytest.mark.parametrize(
    ("fields", "arxiv_id"),
    [
        ({"arxiv": "2310.05169"}, "2310.05169"),  # al-folio field
        ({"arxiv": "arXiv:2310.05169v2"}, "2310.05169v2"),
        ({"arxiv": "https://arxiv.org/abs/2310.05169"}, "2310.05169"),
        ({"eprint": "2310.05169", "archiveprefix": "arXiv"}, "2310.05169"),
        ({"eprint": "2310.05169", "archiveprefix": "ARXIV"}, "2310.05169"),
        ({"eprint": "2310.05169", "eprinttype": "arxiv"}, "2310.05169"),  # biblatex
        ({"eprint": "arXiv:1501.03229v2", "eprinttype": "arXiv"}, "1501.03229v2"),
        ({"eprint": "0704.0001", "archiveprefix": "arXiv"}, "0704.0001"),  # first new-style id
        ({"eprint": "hep-th/9901001", "archiveprefix": "arXiv"}, "hep-th/9901001"),
        ({"eprint": "math.GT/0309136", "archiveprefix": "arXiv"}, "math.GT/0309136"),
        ({"eprint": "cond-mat/0102536v1"}, "cond-mat/0102536v1"),  # eprint alone, old style
        ({"eprint": "astro-ph/9610066"}, "astro-ph/9610066"),  # lsst__refs_ads.bib
        ({"eprint": "math/0307200v3"}, "math/0307200v3"),
        ({"eprint": "1206.0434"}, "1206.0434"),  # eprint alone, new style
        ({"arxivid": "1807.00144"}, "1807.00144"),  # Mendeley / BBT
        ({"arxivid": "arXiv:1405.2821v1"}, "1405.2821v1"),
        ({"journal": "arXiv preprint arXiv:2405.08645"}, "2405.08645"),  # Google Scholar export
        ({"journal": "arXiv preprint arXiv:2405.17403"}, "2405.17403"),  # 1zeryu__papers.bib
        ({"note": "arXiv:2101.00001"}, "2101.00001"),
        ({"howpublished": "arXiv preprint hep-ph/0101001"}, "hep-ph/0101001"),
        ({"booktitle": "ArXiv:1910.99999 [cs.LG]"}, "1910.99999"),
        ({"journal": "CoRR", "volume": "abs/2310.04856"}, "2310.04856"),  # DBLP
        ({"journal": "CoRR abs/2310.04856"}, "2310.04856"),
        ({"note": "CoRR, vol. abs/1904.00001"}, "1904.00001"),
        ({"journal": "Corrosion", "volume": "abs/1904.00001"}, None),
        ({"url": "https://arxiv.org/abs/2310.05169"}, "2310.05169"),
        ({"url": "http://arxiv.org/pdf/2310.05169v3.pdf"}, "2310.05169v3"),
        ({"pdf": "https://arxiv.org/pdf/1706.03762"}, "1706.03762"),
        ({"doi": "10.48550/arXiv.2310.05169"}, "2310.05169"),
        ({"doi": "10.48550/ARXIV.2302.00654"}, "2302.00654"),  # anirbit__papers.bib (DBLP)
        ({"file": ":http\\://arxiv.org/pdf/1503.06349v1:PDF"}, "1503.06349v1"),  # jabref__testjabref.bib
        ({"eprint": "http://dx.doi.org/10.1021/nl072622p"}, None),  # jbibtex__wiley.bib: not arXiv
        ({"eprint": "12345", "eprinttype": "pubmed"}, None),
        ({"journal": "Phys. Rev. Lett."}, None),
        ({"eprint": "2310.051699"}, None),
        # howpublished = {\url{...}} (Google Scholar, al-folio)
        ({"howpublished": "\\url{https://arxiv.org/abs/2310.05169}"}, "2310.05169"),
        ({"howpublished": "\\url{https://doi.org/10.48550/arXiv.2310.05169}"}, "2310.05169"),
        ({"url": "https://example.org", "howpublished": "\\url{https://arxiv.org/abs/2310.05169}"}, "2310.05169"),
        ({"howpublished": "\\href{https://arxiv.org/pdf/1706.03762}{arXiv}"}, "1706.03762"),
    ],
)  # fmt: skip
def test_find_arxiv(fields: dict[str, str], arxiv_id: str | None) -> None:
    """arXiv ids are found in every field real exports put them in."""
    assert find_arxiv(fields)[0] == arxiv_id


@pytest.mark.parametrize(
    ("fields", "arxiv_id"),
    [
        # Zotero / Mendeley: old-style ids as "number [archive]" (bbt__unabbreviate_on_import_1436-3.bib)
        ({"arxiv": "0603845 [cond-mat]"}, "cond-mat/0603845"),
        ({"arxiv": "0509168v1 [quant-ph]"}, "quant-ph/0509168v1"),
        ({"arxiv": "0405236v1 [arXiv:hep-ph]"}, "hep-ph/0405236v1"),
        ({"arxivid": "9901001 [hep-th]"}, "hep-th/9901001"),
        ({"eprint": "0307200v3 [math]", "archiveprefix": "arXiv"}, "math/0307200v3"),
        ({"eprint": "0102536 [cond-mat]"}, "cond-mat/0102536"),  # eprint alone
        ({"arxiv": "0102536 [cond-mat.mes-hall]"}, "cond-mat/0102536"),  # subject class dropped
        ({"arxiv": "{0701104 [cond-mat]}"}, "cond-mat/0701104"),
        ({"arxiv": "arXiv:0701104 [ Cond-Mat ]"}, "cond-mat/0701104"),
        ({"arxiv": "9610066 [astro-ph]"}, "astro-ph/9610066"),
        ({"arxiv": "0001001 [cs]"}, "cs/0001001"),
        ({"arxiv": "0501001 [q-bio]"}, "q-bio/0501001"),
        ({"arxiv": "hep-th/9901001"}, "hep-th/9901001"),  # already the canonical form
        ({"arxiv": "APEX.7.071001 [doi:10.7567]"}, None),  # not arXiv at all (bbt 1436-3)
        ({"arxiv": "nl403687h [10.1021]"}, None),
        ({"arxiv": "0603845 [chemistry]"}, None),  # not an arXiv archive
        ({"arxiv": "0603845 [doi:cond-mat]"}, None),
        ({"arxiv": "060384 [cond-mat]"}, None),  # six digits
        ({"arxiv": "06038451 [cond-mat]"}, None),  # eight digits
        ({"arxiv": "0603845 cond-mat"}, None),
        ({"arxiv": "٠٦٠٣٨٤٥ [cond-mat]"}, None),  # digits, but not ASCII ones
        ({"eprint": "0603845 [cond-mat]", "eprinttype": "pubmed"}, None),
    ],
)
def test_bracketed_old_style_arxiv_ids(fields: dict[str, str], arxiv_id: str | None) -> None:
    """ "NNNNNNN[vN] [archive]" becomes "archive/NNNNNNN[vN]" when archive is one of arXiv's."""
    assert find_arxiv(fields)[0] == arxiv_id


@pytest.mark.parametrize(
    ("arxiv_id", "valid"),
    [
        # https://info.arxiv.org/help/arxiv_identifier.html: YYMM.NNNN from 0704 to 1412,
        # YYMM.NNNNN from 1501, MM 01-12; old style archive/YYMMNNN up to 0703.
        ("0704.0001", True),
        ("0812.3456v2", True),
        ("1412.7878", True),
        ("1501.00001", True),
        ("2312.99999v12", True),
        ("9912.12345", True),
        ("0703.1234", False),  # before the new scheme
        ("2300.05169", False),  # month 00
        ("2313.05169", False),  # month 13
        ("2399.12345", False),
        ("1234.12345", False),
        ("1412.12345", False),  # five digits before 1501
        ("1501.0001", False),  # four digits from 1501 on
        ("2310.0516", False),
        ("hep-th/9901001", True),
        ("math.GT/0309136v1", True),
        ("hep-th/9913001", False),  # month 13
        ("cond-mat/0000001", False),  # month 00
    ],
)
def test_arxiv_ids_follow_arxivs_scheme(arxiv_id: str, valid: bool) -> None:
    """An id with an impossible month, date or number length is no arXiv id, wherever it is written."""
    expected = arxiv_id if valid else None
    assert find_arxiv({"eprint": arxiv_id, "archiveprefix": "arXiv"})[0] == expected
    assert find_arxiv({"eprint": arxiv_id})[0] == expected
    assert find_arxiv({"url": f"https://arxiv.org/abs/{arxiv_id}"})[0] == expected
    assert find_arxiv({"journal": f"arXiv preprint arXiv:{arxiv_id}"})[0] == expected


@pytest.mark.parametrize(
    "fields",
    [
        {"eprint": "2313.05169", "archiveprefix": "arXiv"},
        {"eprint": "2300.05169", "eprinttype": "arxiv"},
        {"arxiv": "2399.12345"},
        {"arxivid": "1412.12345"},
        {"arxiv": "0013845 [cond-mat]"},  # month 13
    ],
)
def test_impossible_arxiv_id_is_a_problem(fields: dict[str, str]) -> None:
    """A field meant as an arXiv id with an impossible month or length warns and gives no link."""
    result = extract_links(fields, "assets/papers")
    assert result.arxiv_id is None
    assert result.links == ()
    assert any("not a valid arXiv id" in p for p in result.problems)


def test_bare_eprint_with_impossible_month_is_silent() -> None:
    """A bare eprint need not be arXiv's (report numbers): no link, and no warning either."""
    result = extract_links({"eprint": "1234.12345"}, "assets/papers")
    assert (result.arxiv_id, result.links, result.problems) == (None, (), ())


def test_bracketed_old_style_id_is_no_problem() -> None:
    """A bracketed old-style id gives an arXiv link and no warning."""
    result = extract_links({"arxiv": "0603845 [cond-mat]", "doi": "10.1063/1.2378403"}, "assets/papers")
    assert result.problems == ()
    assert result.links[0].url == "https://arxiv.org/abs/cond-mat/0603845"


@pytest.mark.parametrize(
    "fields",
    [
        {"arxiv": "2"},
        {"eprint": "APEX.7.071001", "archiveprefix": "arXiv"},
        {"arxivid": "NIHMS150003"},
        {"arxiv": "APEX.7.071001 [doi:10.7567]"},
        {"arxiv": "0603845 [chemistry]"},
    ],
)
def test_invalid_arxiv_field_is_a_problem(fields: dict[str, str]) -> None:
    """A field meant as an arXiv id that is none gives a problem and no link (bbt 1436-3)."""
    result = extract_links(fields, "assets/papers")
    assert result.arxiv_id is None
    assert any("not a valid arXiv id" in p for p in result.problems)


@pytest.mark.parametrize(
    ("value", "doi"),
    [
        ("10.1103/PhysRev.47.777", "10.1103/PhysRev.47.777"),
        ("{10.1103/PhysRev.47.777}", "10.1103/PhysRev.47.777"),
        ("doi:10.1063/1.4916565", "10.1063/1.4916565"),  # tidy-bbt__unabbreviate_on_import_1436-1.bib
        ("DOI: 10.1016/j.jcrysgro.2012.01.001", "10.1016/j.jcrysgro.2012.01.001"),
        ("https://doi.org/10.1145/3642979.3642989", "10.1145/3642979.3642989"),
        ("http://dx.doi.org/10.1109/93.482300", "10.1109/93.482300"),  # beebe__java.bib
        ("http://doi.acm.org/10.1145/1039174.1039189", "10.1145/1039174.1039189"),  # jabref__complex.bib
        ("https://doi.org/10.1002/%28SICI%291521-4133%28199812%29100%3A12", "10.1002/(SICI)1521-4133(199812)100:12"),
        ('doi:<a href="https://doi.org/10.1007/s10237-026-02064-8">10.1007/s10237-026-02064-8</a>',
         "10.1007/s10237-026-02064-8"),  # 4c-multiphysics__papers.bib
        ("\\url{https://doi.org/10.1000/182}", "10.1000/182"),
        ("10.1016/0040-6090(91)90301-D", "10.1016/0040-6090(91)90301-D"),
        ("10.1002/(SICI)1097-0258(19980815/30)17:15/16<1661::AID-SIM968>3.0.CO;2-2",
         "10.1002/(SICI)1097-0258(19980815/30)17:15/16<1661::AID-SIM968>3.0.CO;2-2"),
        ("10.1000/a\\_b", "10.1000/a_b"),
        ("0.1088/0957-4484/22/26/265202", None),  # tidy-bbt__unabbreviate_on_import_1436-1.bib
        ("j.desal.2005.02.017", None),  # tidy-bbt__jabref_groups_97.bib
        ("10.1000/has space", None),
        ("10.12/x", None),
        ("", None),
    ],
)  # fmt: skip
def test_normalize_doi(value: str, doi: str | None) -> None:
    """DOIs in bare, doi:, DOI:, resolver-URL and HTML forms normalise; invalid ones give None."""
    assert normalize_doi(value) == doi


@pytest.mark.parametrize(
    ("doi", "url"),
    [
        ("10.1103/PhysRev.47.777", "https://doi.org/10.1103/PhysRev.47.777"),
        ("10.1016/0040-6090(91)90301-D", "https://doi.org/10.1016/0040-6090(91)90301-D"),
        ("10.1002/x<1661::AID>3.0.CO;2-2", "https://doi.org/10.1002/x%3C1661::AID%3E3.0.CO;2-2"),
        ('10.1000/a"b#c?d', "https://doi.org/10.1000/a%22b%23c%3Fd"),
    ],
)
def test_doi_url_encodes_unsafe_characters(doi: str, url: str) -> None:
    """<, >, ", # and ? are percent-encoded; / ( ) ; : stay."""
    assert doi_url(doi) == url


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "  javascript:alert(1)",
        "java\tscript:alert(1)",
        "\x01javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://ftp.example.org/pub/paper.ps",
        "mailto:someone@example.org",
        "C:\\Users\\me\\paper.pdf",
        "//evil.example.org/x",
        "\\\\server\\share\\x.pdf",
        "../secret.pdf",
        "papers/../../secret.pdf",
        "https://",
        # control characters inside an address: refused, not percent-encoded
        "https://ex\x01ample.org/",
        "https://example.org/\x7f",
        "https://example.org/a\x00b",
        "https://example.org/\x1b[31m",
        "https://example.org/a\x85b",  # C1 (NEL)
        "www.example.org/\x07",
        "pa\x00per.pdf",
        "java\x01script:alert(1)",
        # percent-encoded dot segments: browsers resolve them as ".."
        "%2e%2e/%2e%2e/secret.pdf",
        ".%2e/x.pdf",
        "%2e./x.pdf",
        "a/%2E%2E/%2e%2e/%2e%2e/x.pdf",
        "papers/..",
        "..?x=1",
        "%2e%2e#top",
    ],
)
def test_refused_targets(value: str) -> None:
    """Only http(s) and site-relative targets are accepted."""
    url, reason = safe_target(value)
    assert url is None
    assert reason


@pytest.mark.parametrize(
    ("value", "base", "url"),
    [
        ("https://example.org/a b", "", "https://example.org/a%20b"),
        ("HTTPS://Example.org/x", "", "HTTPS://Example.org/x"),
        ("http://www.math.utah.edu/~beebe/", "", "http://www.math.utah.edu/~beebe/"),
        ("\\url{https://example.org/a\\_b}", "", "https://example.org/a_b"),
        ('https://example.org/?q="x"<y>', "", "https://example.org/?q=%22x%22%3Cy%3E"),
        ("www.example.org/page", "", "https://www.example.org/page"),
        ("paper.pdf", "assets/papers", "assets/papers/paper.pdf"),
        ("my paper.pdf", "assets/papers", "assets/papers/my%20paper.pdf"),
        ("/assets/papers/paper.pdf", "", "assets/papers/paper.pdf"),
        ("sub/paper.pdf", "assets/papers/", "assets/papers/sub/paper.pdf"),
        ("projects/foo/", "", "projects/foo/"),
        # dots that are no ".." segment
        ("v1..2/paper.pdf", "assets/papers", "assets/papers/v1..2/paper.pdf"),
        ("..paper.pdf", "assets/papers", "assets/papers/..paper.pdf"),
        ("%2e/paper.pdf", "", "%2e/paper.pdf"),
        ("https://example.org/a/%2e%2e/b", "", "https://example.org/a/%2e%2e/b"),  # not on our site
        # \href{URL}{text}: the URL, not URL and text run together
        ("\\href{https://example.org/x}{the code}", "", "https://example.org/x"),
        ("\\href{https://example.org/x}{{T}he {C}ode}", "", "https://example.org/x"),
    ],
)
def test_accepted_targets(value: str, base: str, url: str) -> None:
    """http(s) URLs are kept (unsafe characters encoded); relative names resolve under the base folder."""
    assert safe_target(value, base_dir=base) == (url, None)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("https://ex\x01ample.org/", "control characters"),
        ("paper\x1b.pdf", "control characters"),
        ("java\x01script:alert(1)", "javascript"),
        ("%2e%2e/secret.pdf", "'..'"),
        ("../secret.pdf", "'..'"),
    ],
)
def test_refusal_reasons(value: str, reason: str) -> None:
    """The reason names what is wrong, and shows control characters escaped."""
    url, why = safe_target(value, base_dir="assets/papers")
    assert url is None
    assert why is not None
    assert reason in why
    assert not any(c < " " or c == "\x7f" for c in why)


def test_control_characters_in_a_link_field_are_a_problem() -> None:
    """A URL with a control character gives no link and a problem naming the field."""
    result = extract_links({"url": "https://example.org/a\x00b"}, "assets/papers")
    assert result.links == ()
    assert any("'url'" in p and "control characters" in p for p in result.problems)


def test_refused_link_becomes_a_problem_and_no_link() -> None:
    """A javascript: url gives a problem naming the field, and no link."""
    result = extract_links(
        {"url": "javascript:alert(1)", "pdf": "data:application/pdf;base64,AAAA"}, "assets/papers"
    )
    assert result.links == ()
    assert any("'url'" in p and "javascript" in p for p in result.problems)
    assert any("'pdf'" in p and "data" in p for p in result.problems)


def test_all_link_kinds_in_order() -> None:
    """Every kind of link field gives one link with its label, in LINK_KINDS order."""
    fields = {
        "url": "https://example.org/page",
        "supp": "supp.pdf",
        "openreview": "https://openreview.net/forum?id=abc",
        "html": "https://project.example.org",
        "video": "https://youtube.com/watch?v=x",
        "poster": "poster.pdf",
        "slides": "slides.pdf",
        "code": "https://github.com/x/y",
        "pdf": "paper.pdf",
        "doi": "10.1000/182",
        "eprint": "2310.05169",
        "archiveprefix": "arXiv",
    }
    result = extract_links(fields, "assets/papers")
    assert [link.kind for link in result.links] == list(LINK_KINDS)
    assert [link.label for link in result.links] == [LABELS[k] for k in LINK_KINDS]
    assert result.links[0].url == "https://arxiv.org/abs/2310.05169"
    assert result.links[1].url == "https://doi.org/10.1000/182"
    assert result.links[2].url == "assets/papers/paper.pdf"
    assert result.links[9].url == "assets/papers/supp.pdf"


@pytest.mark.parametrize(
    ("fields", "kinds"),
    [
        # url repeats the DOI (DBLP): shown once, as DOI
        ({"doi": "10.1145/3642979.3642989", "url": "https://doi.org/10.1145/3642979.3642989"}, ["doi"]),
        # url repeats the arXiv link
        ({"eprint": "2310.05169", "archiveprefix": "arXiv", "url": "http://arxiv.org/abs/2310.05169v1"}, ["arxiv"]),
        # url that is a doi.org URL gives the DOI (4c-multiphysics style HTML)
        ({"url": 'doi:<a href="https://doi.org/10.1115/1.4071133">10.1115/1.4071133</a>'}, ["doi"]),
        # url equal to pdf is not repeated (scheme and trailing slash do not matter)
        ({"pdf": "https://example.org/p.pdf", "url": "http://example.org/p.pdf/"}, ["pdf"]),
        # arXiv DOI with an arXiv id: both links, the url (same DOI) not again (anirbit__papers.bib)
        ({"doi": "10.48550/ARXIV.2302.00654", "url": "https://doi.org/10.48550/arXiv.2302.00654",
          "eprint": "2302.00654", "eprinttype": "arXiv"}, ["arxiv", "doi"]),
        # an OpenReview address in url becomes the OpenReview link
        ({"url": "https://openreview.net/forum?id=xyz"}, ["openreview"]),
        # website and html are one kind: the first wins
        ({"website": "https://a.example.org", "html": "https://b.example.org"}, ["website"]),
        # JabRef file field with a local path gives nothing
        ({"file": ":Fen2010 - From the Resource.pdf:PDF"}, []),
        # invalid DOI: no DOI link, url still shown
        ({"doi": "j.desal.2005.02.017", "url": "https://example.org"}, ["url"]),
        # howpublished = {\url{...}} is the link when no url field gives one
        ({"howpublished": "\\url{https://github.com/x/y}"}, ["url"]),
        ({"howpublished": "\\url{https://arxiv.org/abs/2310.05169}"}, ["arxiv"]),
        ({"howpublished": "\\url{https://doi.org/10.1000/182}"}, ["doi"]),
        ({"howpublished": "\\url{https://openreview.net/forum?id=xyz}"}, ["openreview"]),
        ({"howpublished": "\\url{https://example.org/x}", "url": "https://example.org/x/"}, ["url"]),
        ({"howpublished": "\\url{https://example.org/x}", "pdf": "https://example.org/x"}, ["pdf"]),
        # text in howpublished is a venue, not a link
        ({"howpublished": "Technical report, see https://example.org"}, []),
        ({"howpublished": "Online"}, []),
    ],
)  # fmt: skip
def test_no_duplicate_links(fields: dict[str, str], kinds: list[str]) -> None:
    """Each kind appears at most once and no address is shown twice."""
    assert [link.kind for link in extract_links(fields, "assets/papers").links] == kinds


def test_howpublished_address_is_a_link() -> None:
    """`howpublished = {\\url{...}}` is no venue: it becomes the url link (or is refused with a problem)."""
    result = extract_links({"howpublished": "\\url{https://example.org/x}"}, "assets/papers")
    assert [(link.kind, link.url) for link in result.links] == [("url", "https://example.org/x")]
    refused = extract_links({"howpublished": "\\url{https://example.org/\x01}"}, "assets/papers")
    assert refused.links == ()
    assert any("'howpublished'" in p for p in refused.problems)


def test_invalid_doi_is_a_problem() -> None:
    """An invalid DOI gives a problem naming the value."""
    result = extract_links({"doi": "0.1088/0957-4484/22/26/265202"}, "assets/papers")
    assert result.doi is None
    assert any("not a valid DOI" in p and "0.1088" in p for p in result.problems)
