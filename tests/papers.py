"""Publications shared by the render, meta and CSL tests, with values from publications-facts.md.

Tests that need more (abstracts, links, badges) derive their own with `dataclasses.replace`.
"""

from __future__ import annotations

from mkdocs_scholar.bibliography.model import Person, Publication

ISIT_AUTHORS = tuple(
    Person(first=first, last=last)
    for first, last in [
        ("Akshay", "Rangamani"), ("Anirbit", "Mukherjee"), ("Amitabh", "Basu"), ("Ashish", "Arora"),
        ("Tejaswini", "Ganapathi"), ("Sang", "Chin"), ("Trac D.", "Tran"),
    ]
)  # fmt: skip
LIPEX_AUTHORS = tuple(
    Person(first=first, last=last)
    for first, last in [("Hongbo", "Zhu"), ("Angelo", "Cangelosi"), ("Procheta", "Sen"), ("Anirbit", "Mukherjee")]
)  # fmt: skip

JOURNAL = Publication(
    key="kumar2024pinns",
    slug="kumar2024pinns",
    entry_type="article",
    kind="journal",
    title="Investigating the ability of PINNs to solve Burgers’ PDE near finite-time blowup",
    authors=(Person(first="Dibyakanti", last="Kumar"), Person(first="Anirbit", last="Mukherjee")),
    year=2024,
    month=6,
    venue="Machine Learning: Science and Technology",
    volume="5",
    number="2",
    pages="025063",
    arxiv_id="2310.05169",
    doi="10.1088/2632-2153/ad51cd",
)
CONFERENCE = Publication(
    key="rangamani2018sparse",
    slug="rangamani2018sparse",
    entry_type="inproceedings",
    kind="conference",
    title="Sparse Coding and Autoencoders",
    authors=ISIT_AUTHORS,
    year=2018,
    venue="2018 IEEE International Symposium on Information Theory (ISIT)",
    pages="36--40",
    arxiv_id="1708.03735",
    doi="10.1109/ISIT.2018.8437533",
)
THESIS = Publication(
    key="mukherjee2020thesis",
    slug="mukherjee2020thesis",
    entry_type="phdthesis",
    kind="thesis",
    title="A Study of the Mathematics of Deep Learning",
    authors=(Person(first="Anirbit", last="Mukherjee"),),
    year=2020,
    month=7,
    institution="Johns Hopkins University",
    arxiv_id="2104.14033",
)
PREPRINT = Publication(
    key="zhu2023lipex",
    slug="zhu2023lipex",
    entry_type="misc",
    kind="preprint",
    title="LIPEx – Locally Interpretable Probabilistic Explanations – To Look Beyond The True Class",
    authors=LIPEX_AUTHORS,
    year=2023,
    arxiv_id="2310.04856",
    doi="10.48550/arXiv.2310.04856",
)
