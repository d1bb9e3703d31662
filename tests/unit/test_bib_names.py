"""Author lists and name matching (bibliography/names.py)."""

from __future__ import annotations

import pytest

from mkdocs_scholar.bibliography.model import Person
from mkdocs_scholar.bibliography.names import (
    NameMatcher,
    fold,
    new_person,
    parse_names,
    parse_person,
    split_names,
)

P = Person


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Donald E. Knuth", P(first="Donald E.", last="Knuth")),
        ("Knuth, Donald E.", P(first="Donald E.", last="Knuth")),
        ("Aristotle", P(last="Aristotle")),
        ("Ludwig van Beethoven", P(first="Ludwig", von="van", last="Beethoven")),
        ("van der Waals, Johannes Diderik", P(first="Johannes Diderik", von="van der", last="Waals")),
        ("Charles Louis Xavier Joseph de la Vall{\\'e}e Poussin",
         P(first="Charles Louis Xavier Joseph", von="de la", last="Vallée Poussin")),  # biber__names.bib
        ("Jolly, III, James", P(first="James", last="Jolly", jr="III")),  # biber__names.bib
        ("Pimentel, Jr. ,Joseph J.", P(first="Joseph J.", last="Pimentel", jr="Jr.")),  # biber__names.bib
        ("van Kluster, Jr., Kevin", P(first="Kevin", von="van", last="Kluster", jr="Jr.")),
        ("Van de Graaff, R. J.", P(first="R. J.", von="Van de", last="Graaff")),
        ("Brinch Hansen, Per", P(first="Per", last="Brinch Hansen")),
        ("Ian {Iliad Ipswich}", P(first="Ian", last="Iliad Ipswich")),
        ("{John Henry} Ford", P(first="John Henry", last="Ford")),
        ("{V{\\'a}squez-Sancho}, Fabi{\\'a}n", P(first="Fabián", last="Vásquez-Sancho")),  # bbt 1436-3
        ("{Chru{\\'s}ci{\\'n}ski}, D.", P(first="D.", last="Chruściński")),  # tidy-others__orcid-orcid-arXiv.bib
        ("{\\v S}omeone Smith", P(first="Šomeone", last="Smith")),
        ("Šomeone Smith", P(first="Šomeone", last="Smith")),
        ("Mustermann, Klaus-Peter", P(first="Klaus-Peter", last="Mustermann")),
        ("{Intel Corporation}", P(last="Intel Corporation", corporate=True)),  # typst-biblatex__rass.bib
        ("{The Mendeley Support Team}", P(last="The Mendeley Support Team", corporate=True)),
        ("{NSF-DOE Vera C. Rubin Observatory}", P(last="NSF-DOE Vera C. Rubin Observatory", corporate=True)),
        ("given=A, family=B", P(first="A", last="B")),  # citation-js__nameparts.bib
        ("id=testid, given=Alfred, family=Adler", P(first="Alfred", last="Adler")),  # biber__names.bib
        ("family=Beethoven, prefix=van, given=Ludwig", P(first="Ludwig", von="van", last="Beethoven")),
        ("W.~O'Mullane", P(first="W.", last="O'Mullane")),
        ("Yuan*", P(last="Yuan*")),  # 42shawn: equal-contribution marks stay
    ],
)  # fmt: skip
def test_parse_person(name: str, person: Person) -> None:
    """BibTeX name forms split into first/von/last/jr; braces keep corporate names whole."""
    assert parse_person(name) == person


@pytest.mark.parametrize("name", ["", "   ", ",", " , "])
def test_empty_name_is_none(name: str) -> None:
    """An empty name gives no person."""
    assert parse_person(name) is None


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("A and B", ["A", "B"]),
        ("A AND B", ["A", "B"]),  # citation-js__uppercase_and.bib
        ("A aNd B", ["A", "B"]),
        ("{{A and B}}", ["{{A and B}}"]),  # citation-js__escaped_and.bib
        ("{a and b} and c and D E", ["{a and b}", "c", "D E"]),  # citation-js__literals.bib
        ("Procheta Sen and\n                  Tulika Saha", ["Procheta Sen", "Tulika Saha"]),  # anirbit DBLP
        ("Xin, Bo and \\v{Z}eljko Ivezi\\'{c}", ["Xin, Bo", "\\v{Z}eljko Ivezi\\'{c}"]),  # lsst
        ("Anderson and Sandy", ["Anderson", "Sandy"]),
        ("Alexander Band", ["Alexander Band"]),
        ("A  and B", ["A", "B"]),  # runs of spaces
        ("A and\tB\nand C", ["A", "B", "C"]),
        # An "and" with nothing on one side separates too (BibTeX would keep it in a name).
        ("X And and Y", ["X", "", "Y"]),
        ("A and and B", ["A", "", "B"]),
        ("A and and and B", ["A", "", "", "B"]),
        ("A and\n and\tB", ["A", "", "B"]),
        ("and Smith, J.", ["", "Smith, J."]),
        ("AND\nSmith, J.", ["", "Smith, J."]),
        ("Smith, J. and", ["Smith, J.", ""]),
        ("Smith, J. AND", ["Smith, J.", ""]),
        ("{Barnes and Noble} and", ["{Barnes and Noble}", ""]),
        ("and , and", ["", ",", ""]),
        ("and and", ["", "", ""]),
        ("and", ["", ""]),
        ("and others", ["", "others"]),
        ("{A and and B}", ["{A and and B}"]),  # inside braces nothing separates
        ("{A and", ["{A and"]),  # the open brace holds the final "and"
        ("A\\ and", ["A\\ and"]),  # after an escaped space "and" is a word
        ("Andrea Anderson and Ferdinand Band", ["Andrea Anderson", "Ferdinand Band"]),
        ("Andy and Sandy", ["Andy", "Sandy"]),
        ("Band and Andersen", ["Band", "Andersen"]),
        (
            "{V{\\'a}squez-Sancho}, Fabi{\\'a}n and Catalan, G.",
            ["{V{\\'a}squez-Sancho}, Fabi{\\'a}n", "Catalan, G."],
        ),
        ("{A and} B and C", ["{A and} B", "C"]),
        ("A}{ and B", ["A}{ and B"]),  # the stray "{" opens a group to the end
        ("{A}\\ and B", ["{A}\\ and B"]),  # an escaped space is no separator
        ("{A \\} and B}", ["{A \\} and B}"]),  # nor is an "and" after an escaped brace
        ("", []),
    ],
)
def test_split_names(value: str, names: list[str]) -> None:
    """ "and" separates names in any case, never inside braces or words."""
    assert split_names(value) == names


@pytest.mark.parametrize(
    ("value", "persons", "et_al", "empty"),
    [
        ("Knuth, Donald E. and Lamport, L.", [P(first="Donald E.", last="Knuth"), P(first="L.", last="Lamport")], False, 0),
        ("Knuth, D. and others", [P(first="D.", last="Knuth")], True, 0),
        ("Knuth, D. and OTHERS", [P(first="D.", last="Knuth")], True, 0),
        ("others and Knuth, D.", [P(first="D.", last="Knuth")], True, 0),
        ("Knuth, D. and , and Lamport, L.", [P(first="D.", last="Knuth"), P(first="L.", last="Lamport")], False, 1),
        ("{\\'E}mile Zola and others", [P(first="Émile", last="Zola")], True, 0),
        ("Knuth, D. and {Others}", [P(first="D.", last="Knuth"), P(last="Others", corporate=True)], False, 0),
        ("Smith, and Jones, ", [P(last="Smith"), P(last="Jones")], False, 0),
        # Stray separators: empty names (warned), never "and" in a name.
        ("and , and", [], False, 3),
        ("and and", [], False, 3),
        ("Smith, J. and", [P(first="J.", last="Smith")], False, 1),
        ("and Smith, J.", [P(first="J.", last="Smith")], False, 1),
        ("and others", [], True, 1),
        ("Knuth, D. and and others", [P(first="D.", last="Knuth")], True, 1),
        ("Knuth, D. And\n\tand Lamport, L.", [P(first="D.", last="Knuth"), P(first="L.", last="Lamport")], False, 1),
        ("{\\'E}mile Zola and", [P(first="Émile", last="Zola")], False, 1),
        ("{Barnes and Noble} and Anderson, Andrea", [P(last="Barnes and Noble", corporate=True), P(first="Andrea", last="Anderson")], False, 0),
        ("Others, T. and Ferdinand Band and others", [P(first="T.", last="Others"), P(first="Ferdinand", last="Band")], True, 0),
    ],
)  # fmt: skip
def test_parse_names(value: str, persons: list[Person], et_al: bool, empty: int) -> None:
    """Plain and LaTeX lists give the same kinds of result: persons, "and others", empty names."""
    parsed = parse_names(value)
    assert (list(parsed.persons), parsed.et_al, parsed.empty) == (persons, et_al, empty)


def test_new_person_is_the_constructors_person() -> None:
    """new_person builds exactly what Person(...) builds: equal, same hash, same attributes."""
    fast, slow = new_person("Donald E.", "", "Knuth", "Jr"), P(first="Donald E.", last="Knuth", jr="Jr")
    assert fast == slow
    assert hash(fast) == hash(slow)
    assert vars(fast) == vars(slow)
    assert new_person(last="IEEE", corporate=True) == P(last="IEEE", corporate=True)


def test_and_others_sets_et_al() -> None:
    """A final "and others" is not a person but sets et_al."""
    parsed = parse_names("Madelung, O. and others")
    assert parsed.persons == (P(first="O.", last="Madelung"),)
    assert parsed.et_al


def test_empty_names_are_counted() -> None:
    """ "A and ," has one person and one empty name (citation-js__nameparts.bib)."""
    parsed = parse_names("A and ,")
    assert parsed.persons == (P(last="A"),)
    assert parsed.empty == 1


def test_corporate_author_with_and_is_one_person() -> None:
    """{{A and B}} in a field is one corporate author."""
    assert parse_names("{A and B}").persons == (P(last="A and B", corporate=True),)


@pytest.mark.parametrize(
    ("text", "folded"), [("Erdős", "erdos"), ("Bjørn", "bjorn"), ("O'Brien", "obrien"), ("Straße", "strasse")]
)
def test_fold(text: str, folded: str) -> None:
    """fold drops case, accents and punctuation."""
    assert fold(text) == folded


OWNER = NameMatcher([("A. Mukherjee", True)])


@pytest.mark.parametrize(
    ("person", "matches"),
    [
        (P(first="Anirbit", last="Mukherjee"), True),
        (P(first="A.", last="Mukherjee"), True),
        (P(first="A", last="MUKHERJEE"), True),
        (P(first="Anirbit", last="Mukhérjee"), True),
        (P(first="B.", last="Mukherjee"), False),
        (P(first="Bhaskar", last="Mukherjee"), False),
        (P(first="Anirbit", last="Banerjee"), False),
        (P(last="Mukherjee"), False),
    ],
)
def test_owner_matching(person: Person, matches: bool) -> None:
    """Matching ignores case and accents; an initial matches the full given name, not another one."""
    assert bool(OWNER.match(person)) is matches


@pytest.mark.parametrize(
    "pattern", ["Anirbit Mukherjee", "Mukherjee, Anirbit", "A. Mukherjee", "mukherjee, a"]
)
def test_any_written_form_matches(pattern: str) -> None:
    """The configured name may be written in any form."""
    matcher = NameMatcher([(pattern, "yes")])
    assert matcher.match(P(first="Anirbit", last="Mukherjee")) == "yes"
    assert matcher.match(P(first="Bhaskar", last="Mukherjee")) is None


def test_family_only_pattern_matches_any_given_name() -> None:
    """A pattern without a given name matches every person of that family."""
    assert NameMatcher([("Einstein", 1)]).match(P(first="Albert", last="Einstein")) == 1


def test_von_part_matches() -> None:
    """ "van der Waals" matches however the von part was split."""
    matcher = NameMatcher([("Johannes van der Waals", 1)])
    assert matcher.match(P(first="J. D.", von="van der", last="Waals")) == 1
    assert matcher.match(P(first="J.", last="van der Waals")) == 1


@pytest.mark.parametrize(
    ("author", "matched"),
    [
        ("Ludwig van Beethoven", True),
        ("Ludwig Van Beethoven", True),  # BibTeX: first "Ludwig Van", last "Beethoven"
        ("L. Van Beethoven", True),
        ("Beethoven, Ludwig van", True),
        ("Van Beethoven, Ludwig", True),
        ("Vincent Van Beethoven", False),
        ("Ludwig Van Gogh", False),
    ],
)
def test_particle_matches_whatever_its_case(author: str, matched: bool) -> None:
    """Matching ignores case, the case of a von particle included."""
    matcher = NameMatcher([("Ludwig van Beethoven", 1)])
    person = parse_names(author).persons[0]
    assert (matcher.match(person) == 1) is matched


@pytest.mark.parametrize(
    ("author", "matched"),
    [
        ("Mukherjee, AK", True),  # Scopus / PubMed style initials
        ("AK Mukherjee", True),
        ("Mukherjee, A", True),
        ("Mukherjee, BK", False),
        ("Mukherjee, ANI", False),  # A. N. I.: the second initial is not K.
    ],
)
def test_initials_without_dots_match(author: str, matched: bool) -> None:
    """Given-name initials written together ("AK") match like "A. K."."""
    matcher = NameMatcher([("Anirbit K. Mukherjee", 1)])
    person = parse_names(author).persons[0]
    assert (matcher.match(person) == 1) is matched


def test_hyphenated_given_names_match_initials() -> None:
    """ "J.-P. Sartre" matches "Jean-Paul Sartre"."""
    assert NameMatcher([("Jean-Paul Sartre", 1)]).match(P(first="J.-P.", last="Sartre")) == 1
