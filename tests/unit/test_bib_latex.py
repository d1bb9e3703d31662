"""LaTeX -> display Unicode (bibliography/latex.py)."""

from __future__ import annotations

import pytest

from mkdocs_scholar.bibliography.latex import (
    LITERAL_DOLLAR,
    balanced_braces,
    math_to_text,
    replace_controls,
    split_math,
    strip_math,
    to_text,
)


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("plain words", "plain words"),
        (r"{\"U}ber", "Über"),
        (r"Erd{\H{o}}s", "Erdős"),
        (r"Stra{\ss}e", "Straße"),
        (r"Stra\ss e", "Straße"),
        ("pages 12--15", "pages 12–15"),
        ("yes---no", "yes—no"),
        ("D.~E. Knuth", "D.\xa0E. Knuth"),
        (r"Tom \& Jerry", "Tom & Jerry"),
        (r"50\% more", "50% more"),
        (r"\textit{Italic} and \textbf{bold}", "Italic and bold"),
        (r"see \url{https://example.org/~me}", "see https://example.org/~me"),
        (r"\href{https://example.org}{the text}", "the text"),
        (r"Ch{\'a}vez-Garc{\'\i}a", "Chávez-García"),  # boqichen__papers.bib
        (r"Mart{\'{\i}}n and Va{\v{s}}ek", "Martín and Vašek"),  # tidy-php__string-var-with-special-char.bib
        (r"Morko{\c c}, Hadis", "Morkoç, Hadis"),  # bbt 1436-3
        (r"\u{g}", "ğ"),  # 4c-multiphysics__papers.bib
        (r"{{ZnO}} Nanowires on {GaN}", "ZnO Nanowires on GaN"),
        (r"{L}andolt-{B}\"ornstein", "Landolt-Börnstein"),  # tidy-bbt__unparsed_author_names_92.bib
        (r"\{112\} Morphology", "{112} Morphology"),
        (r"Crystal\textendash{}Vapor", "Crystal–Vapor"),
        (r"{\o}ster and \aa{}ngstr\"om", "øster and ångström"),
        (r"\l{}\'od\'z", "łódź"),
        (r"\LaTeX{} is", "LaTeX is"),
        (
            r"a\&b\%c\$d\#e\_f\textasciitilde{}\textasciicircum{}\textbackslash{}",
            f"a&b%c{LITERAL_DOLLAR}d#e_f~^\\",
        ),  # citation-js
        ("``quoted''", "“quoted”"),
        (r"\noopsort{a}Foo", "Foo"),
        (r"a\begin{it}b\end{it}c", "abc"),  # citation-js__rich_text.bib
        (r"{\textit{i}\textbf{b}\textsuperscript{sup}\textsubscript{sub}}", "ibsupsub"),
        (r"title = {\MaxMinAntSystem}", "title = MaxMinAntSystem"),  # user macro: keep its name
        (r"ElsevierGlyph: \ElsevierGlyph{2014}", "ElsevierGlyph: 2014"),  # unknown macro with argument
        (r"\alpha-helix", "α-helix"),
        (r"(011\=2) Surfaces", "(0112\u0304) Surfaces"),  # accent on a digit, bbt 1436-3
        ("  spaced\n  out  ", "spaced out"),
        ("tabs\tand\r\nreturns", "tabs and returns"),
        ("Hola!` y ?`que?", "Hola!` y ?`que?"),  # nothing else to decode: left as written
        ("{H}ola!` y ?`que?", "Hola¡ y ¿que?"),  # decoded: Spanish ligatures too
        ("it's a `quote'", "it's a `quote'"),
    ],
)
def test_to_text(latex: str, text: str) -> None:
    """Accents, escapes, ligatures, font commands and brace protection decode to Unicode."""
    assert to_text(latex) == text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"The $\Phi$ function", r"The $\Phi$ function"),
        (r"{Cu$_2$O} films", r"Cu$_2$O films"),  # tidy-bbt__author_splitter_failure.bib
        (r"Study of $\overline{X}$ in {GaN}", r"Study of $\overline{X}$ in GaN"),
        (r"$$E = mc^2$$ and {\"o}", r"$$E = mc^2$$ and ö"),
        (r"costs \$5 and \$6", f"costs {LITERAL_DOLLAR}5 and {LITERAL_DOLLAR}6"),
    ],
)
def test_math_is_kept_verbatim(latex: str, text: str) -> None:
    """`$...$` stays LaTeX (for MathJax) while the text around it is decoded."""
    assert to_text(latex) == text


@pytest.mark.parametrize(
    ("math", "text"),
    [
        (r"$\Phi$", "Φ"),
        ("x^2", "x²"),
        ("x_{12}", "x₁₂"),
        (r"\alpha+\beta", "α+β"),
        (r"\frac{1}{2}", "1/2"),
    ],
)
def test_math_to_text(math: str, text: str) -> None:
    """A math piece has a readable Unicode approximation."""
    assert math_to_text(math) == text


def test_strip_math_replaces_each_piece() -> None:
    """strip_math turns every `$...$` of a display string into text."""
    assert strip_math(r"The $\Phi$ and $x^2$ laws") == "The Φ and x² laws"


def test_split_math_marks_pieces() -> None:
    """split_math says which pieces are math."""
    assert split_math(r"a $b$ c") == [(False, "a "), (True, "$b$"), (False, " c")]


LD = LITERAL_DOLLAR


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"\$x\$ literal", f"{LD}x{LD} literal"),
        (r"Costs \$5/\$10", f"Costs {LD}5/{LD}10"),
        (r"Between \$1M--\$2M a year", f"Between {LD}1M–{LD}2M a year"),
        (r"US\textdollar{}5", f"US{LD}5"),
        (r"\url{https://x.org/?p=$5}", f"https://x.org/?p={LD}5"),
        (r"{\$}x{\$} and $y$", f"{LD}x{LD} and $y$"),  # real math next to literal dollars
        (r"$x \$ y$ and \$", f"$x \\$ y$ and {LD}"),  # inside math `\$` stays TeX
        (r"\uppercase{a \$5}", f"A {LD}5"),  # marked once, not twice
        ("pay $5 and $10", "pay $5 and $10"),  # unescaped: kept as written (math or not: the renderer's call)
    ],
)
def test_escaped_dollars_are_literal(latex: str, text: str) -> None:
    """`\\$` is a literal dollar: `LITERAL_DOLLAR` (marked, so that no math splitter pairs it)."""
    assert to_text(latex) == text


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        (f"{LD}x{LD} literal", [(False, f"{LD}x{LD} literal")]),
        (f"{LD}5 and $y$", [(False, f"{LD}5 and "), (True, "$y$")]),
        (f"$a$ {LD}$b$", [(True, "$a$"), (False, f" {LD}"), (True, "$b$")]),
        (f"$a {LD}5$", [(False, f"$a {LD}5$")]),  # a marked dollar is no delimiter, and not inside math
    ],
)
def test_split_math_skips_literal_dollars(text: str, pieces: list[tuple[bool, str]]) -> None:
    """A marked dollar neither opens nor closes math."""
    assert split_math(text) == pieces


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"Costs \$5/\$10", "Costs $5/$10"),
        (r"\$x\$ and $\alpha$", "$x$ and α"),
        (r"No dollars", "No dollars"),
    ],
)
def test_strip_math_shows_literal_dollars(latex: str, text: str) -> None:
    """strip_math (CSL) gives literal dollars as plain "$" and math as Unicode."""
    assert strip_math(to_text(latex)) == text


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"\noindent Word", "Word"),
        (r"A\xspace{} B", "A B"),
        (r"GPU\xspace computing\xspace, fast", "GPU computing, fast"),
        (r"Word\nobreak\ more", "Word more"),
        (r"Word \unskip more", "Word more"),
        (r"\ignorespaces Word", "Word"),
        (r"Word\null", "Word"),
        (r"\leavevmode\strut Word\hfill end", "Word end"),
        (r"\textquotedblleft x\textquotedblright{} y", "“x” y"),
        (r"\textquoteleft x\textquoteright", "‘x’"),
        (r"\color{red} x", "x"),
        (r"{\color[rgb]{1,0,0} red} text", "red text"),
        (r"\textcolor{red}{x} y", "x y"),
        (r"\uppercase{abc} \MakeUppercase{\'ecole {\ss}}", "ABC ÉCOLE SS"),
        (r"\MakeLowercase{ABC \{D\}}", "abc {d}"),
        (r"\MakeUppercase{a--b} x--y", "A–B x–y"),
        (r"See Section~\ref{sec:intro}", "See Section\xa0??"),
        (r"Eq.~\eqref{eq:1} and \cref{fig:a}", "Eq.\xa0(??) and ??"),
    ],
)
def test_layout_case_color_and_reference_commands(latex: str, text: str) -> None:
    """Layout commands print no name; case commands change case; a color is no text; a reference
    to a label prints "??" as LaTeX does for a label it does not know."""
    assert to_text(latex) == text


@pytest.mark.parametrize(
    ("latex_text", "text"),
    [
        (r"\overline{x} and \'e", "x and é"),  # a command only pylatexenc knows, then ours
        (r"{\it A} \S \textcircled{c} \infty", "A § c ∞"),
        (r"\sqrt[3]{x} \'a", "√(x) á"),  # optional and mandatory arguments
        (r"\(\lambda\) and {\"o}", r"\(\lambda\) and ö"),  # \(...\) is math, kept
        (r"x \(a {b}", r"x \(a {b}"),  # unclosed: the rest is kept
        (r"\cyrchar\CYRA.D.", "А.D."),  # bbt 1436-3
        (r"intro: \begin{itemize} \item one \item two \end{itemize}", "intro: * one * two"),
        (r"x \overline{ y", "x y"),  # a missing argument is an empty one
        (r"\overline", ""),
        ("Ge\\", "Ge"),  # a trailing backslash
    ],
)
def test_commands_only_pylatexenc_knows(latex_text: str, text: str) -> None:
    """pylatexenc decodes the commands it alone knows; the rest of the value is decoded as usual."""
    assert to_text(latex_text) == text


def test_pylatexenc_sees_only_its_commands(pylatexenc_inputs: list[str]) -> None:
    """Each command with its arguments goes to pylatexenc alone (its cost grows faster than its input)."""
    handed = pylatexenc_inputs
    value = r"{Long {\"o} words \textcircled{7} around \overline{ab} and \infty b} " * 50 + "tail"
    assert to_text(value).startswith("Long ö words 7 around ab and ∞b Long")
    assert set(handed) <= {r"\overline{ab}", r"\infty"}


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("A\x00B\x1bC\x7fD", "ABCD"),
        ("page\x0cbreak and\x0bvertical\x1ctab", "page break and vertical tab"),
        ("\x93theta\x94 and \x91place\x92\x81", "“theta” and ‘place’"),  # Windows-1252 read as Latin-1
        ("Gaia\xe2\x80\x99s, Ordo\xcc\x81n\xcc\x83ez", "Gaia’s, Ordóñez"),  # UTF-8 read as Latin-1
        ("non\xc2\x96uniformity", "non–uniformity"),  # Windows-1252 read as Latin-1, then as UTF-8
        ("Caf\xe9 \xa0 \u2028 ok", "Caf\xe9 \xa0 \u2028 ok"),  # not controls
        ("lone \ud800 surrogate \ufffe", "lone surrogate"),
        ("\\'e\x00\\'a", "éá"),
    ],
)
def test_control_characters_are_not_displayed(raw: str, text: str) -> None:
    """HTML and XML forbid control characters: they are dropped, or read as what they meant."""
    assert to_text(raw) == text


def test_replace_controls_keeps_whitespace() -> None:
    """Tab, newline and carriage return are no controls to remove (`to_text` collapses them)."""
    assert replace_controls("a\tb\nc\rd\x00") == "a\tb\nc\rd"


@pytest.mark.parametrize("junk", ["\\", "{{{{", "}}}}", "\\href{x", "$", "\\'{}", "\\unknown{", "\x00\x01"])
def test_to_text_never_raises(junk: str) -> None:
    """Broken LaTeX still gives a string."""
    assert isinstance(to_text(junk), str)


@pytest.mark.parametrize(
    ("text", "balanced"),
    [
        ("", True),
        ("no braces", True),
        ("{a}", True),
        ("n-{{ZnO}}/{{NiO}}/p-{{GaN}} Heterojunction", True),  # bbt 1436-3 title
        ("{a}{b{c}}", True),
        ("{a", False),
        ("a}", False),
        ("a}{b", False),  # counts match, order does not
        ("{a}}{{b}", False),
        ("{{a}", False),
        ("a \\{ b", None),  # escaped braces: each caller counts them its own way
        ("a \\} b", None),
    ],
)
def test_balanced_braces(text: str, balanced: bool | None) -> None:
    """Braces close in order inside the text; escaped braces give None."""
    assert balanced_braces(text) is balanced
