"""Entry type + venue -> kind (bibliography/kinds.py)."""

from __future__ import annotations

import pytest

from mkdocs_scholar.bibliography.kinds import STANDARD_TYPES, kind_of
from mkdocs_scholar.bibliography.model import KINDS


@pytest.mark.parametrize(
    ("entry_type", "journal", "booktitle", "has_arxiv", "kind"),
    [
        ("article", "Phys. Rev.", "", False, "journal"),
        ("article", "arXiv preprint arXiv:2405.08645", "", True, "preprint"),  # boqichen__papers.bib
        ("article", "CoRR", "", True, "preprint"),  # anirbit__papers.bib (DBLP)
        ("article", "bioRxiv", "", False, "preprint"),
        ("article", "Preprint", "", False, "preprint"),
        ("article", "arXiv e-prints", "", True, "preprint"),  # NASA ADS
        ("article", "", "", True, "preprint"),
        ("article", "J. Corr. Sci.", "", False, "journal"),
        ("article", "Journal of Corrosion", "", False, "journal"),
        ("inproceedings", "", "Proceedings of NeurIPS", False, "conference"),
        ("conference", "", "ICML", False, "conference"),
        ("inproceedings", "", "Proceedings of the 23nd Workshop on Computational Models", False, "workshop"),
        ("phdthesis", "", "", False, "thesis"),
        ("mastersthesis", "", "", False, "thesis"),
        ("thesis", "", "", False, "thesis"),
        ("book", "", "", False, "book"),
        ("inbook", "", "", False, "book"),
        ("incollection", "", "", False, "book"),
        ("proceedings", "", "", False, "book"),
        ("misc", "", "", True, "preprint"),
        ("misc", "", "", False, "other"),
        ("unpublished", "", "", True, "preprint"),
        ("online", "", "", True, "preprint"),
        ("techreport", "", "", False, "other"),
        ("techreport", "", "", True, "preprint"),
        ("software", "", "", False, "other"),
        ("livelink", "", "", False, "other"),  # lsst__gaia_livelink_valid.bib
    ],
)
def test_kind_of(entry_type: str, journal: str, booktitle: str, has_arxiv: bool, kind: str) -> None:
    """Types map to kinds; the venue and an arXiv id refine them."""
    assert kind_of(entry_type, journal, booktitle, has_arxiv) == kind
    assert kind in KINDS


@pytest.mark.parametrize(
    "entry_type", ["article", "inproceedings", "online", "software", "dataset", "thesis"]
)
def test_standard_types(entry_type: str) -> None:
    """BibTeX and biblatex types are known."""
    assert entry_type in STANDARD_TYPES


@pytest.mark.parametrize("entry_type", ["livelink", "web_page", "a", "wrong", "conference_at"])
def test_non_standard_types(entry_type: str) -> None:
    """Types from other tools are not."""
    assert entry_type not in STANDARD_TYPES
