"""LaTeX in BibTeX values -> display Unicode.

`to_text` handles what real .bib files use (accents, escapes, ligatures, brace protection,
font commands, `\\url`, `\\href`) with a few regular expressions, because pylatexenc costs
about half a millisecond per value and a large file has tens of thousands of values.
pylatexenc only sees the rare value with a command this module does not know.

Math (`$...$`, `$$...$$`) is kept verbatim so that a math renderer (MathJax) can show it;
`math_to_text` and `strip_math` give a Unicode approximation for sites without one.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text, get_default_latex_context_db

# pylatexenc logs its own fallbacks ("macro '\\overline' failed its substitution") straight to
# stderr; we already fall back ourselves, and a user's build log is no place for them.
logging.getLogger("pylatexenc").setLevel(logging.CRITICAL)

__all__ = ["balanced_braces", "math_to_text", "split_math", "strip_math", "to_text"]

_MATH = re.compile(r"(?<!\\)\$\$(?:[^$\\]|\\.)+?\$\$|(?<!\\)\$(?:[^$\\]|\\.)+?\$", re.S)

# Commands whose first argument is not display text: removed together with it. For
# \href and \foreignlanguage the second argument (the text) stays and loses its braces later.
_DROP_WITH_ARG = re.compile(
    r"\\(?:noopsort|sortnoop|SortNoop|noop|selectlanguage|foreignlanguage|hyphenation|href"
    r"|cite[pt]?|label|index|vphantom|phantom|hspace|vspace|kern|begin|end)\s*(?:\[[^\]]*\])?\s*\{[^{}]*\}"
)
_URL = re.compile(r"\\(?:url|path|nolinkurl)\s*\{([^{}]*)\}")

# Placeholders for characters that must survive brace removal and ligatures.
_LBRACE, _RBRACE, _TILDE, _DOLLAR, _DASH, _QUOTE, _BACKQUOTE = (chr(0xE000 + i) for i in range(7))
_RESTORE = str.maketrans(
    {_LBRACE: "{", _RBRACE: "}", _TILDE: "~", _DOLLAR: "$", _DASH: "-", _QUOTE: "'", _BACKQUOTE: "`"}
)
_PROTECT = str.maketrans(
    {"{": _LBRACE, "}": _RBRACE, "~": _TILDE, "$": _DOLLAR, "-": _DASH, "'": _QUOTE, "`": _BACKQUOTE}
)

_COMBINING = {
    "`": "\u0300", "'": "\u0301", "^": "\u0302", "~": "\u0303", "=": "\u0304", "u": "\u0306",
    ".": "\u0307", '"': "\u0308", "r": "\u030a", "H": "\u030b", "v": "\u030c", "d": "\u0323",
    "c": "\u0327", "k": "\u0328", "b": "\u0331",
}  # fmt: skip

_SYMBOLS = {
    "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ",
    "oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð",
    "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ",
    "textendash": "–", "textemdash": "—", "textquoteleft": "‘", "textquoteright": "’",
    "textquotedblleft": "“", "textquotedblright": "”", "textquotedbl": '"', "textquotesingle": _QUOTE,
    "textasciitilde": _TILDE, "textasciicircum": "^", "textbackslash": "\\", "textbar": "|",
    "textless": "<", "textgreater": ">", "textunderscore": "_", "textbraceleft": _LBRACE,
    "textbraceright": _RBRACE, "textdollar": _DOLLAR, "textsterling": "£", "pounds": "£",
    "euro": "€", "texteuro": "€", "copyright": "©", "textcopyright": "©", "textregistered": "®",
    "texttrademark": "™", "textdegree": "°", "textperiodcentered": "·", "textbullet": "•",
    "dag": "†", "ddag": "‡", "S": "§", "P": "¶", "textsection": "§", "textparagraph": "¶",
    "ldots": "…", "dots": "…", "textellipsis": "…", "guillemotleft": "«", "guillemotright": "»",
    "guillemetleft": "«", "guillemetright": "»", "textmu": "µ", "textexclamdown": "¡",
    "textquestiondown": "¿", "textonehalf": "½", "textasteriskcentered": "*", "slash": "/",
    "textslash": "/", "quad": " ", "qquad": " ", "nobreakspace": "\xa0", "newline": " ",
    "par": " ", "relax": "", "protect": "", "LaTeX": "LaTeX", "TeX": "TeX", "LaTeXe": "LaTeX2ε",
    "BibTeX": "BibTeX", "textnumero": "№", "textdagger": "†", "textasciimacron": "¯",
    "textasciiacute": "´", "textasciibreve": "˘", "textasciicaron": "ˇ", "textasciidieresis": "¨",
    "texttimes": "×", "textdiv": "÷", "textpm": "±", "textminus": "−", "textrightarrow": "→",
    "textleftarrow": "←", "langle": "⟨", "rangle": "⟩", "times": "×", "pm": "±", "cdot": "·",
    "textperthousand": "‰", "textcelsius": "℃", "textohm": "Ω", "thinspace": " ", "vphantom": "",
    "phantom": "",
}  # fmt: skip
# Greek letters appear outside math in titles ("\\alpha-helix").
_GREEK_NAMES = (
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
    "nu", "xi", "omicron", "pi", "rho", "varsigma", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
)  # fmt: skip
_SYMBOLS.update(zip(_GREEK_NAMES, "αβγδεζηθικλμνξοπρςστυφχψω", strict=True))
_SYMBOLS.update(
    zip(
        ("Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega"),
        "ΓΔΘΛΞΠΣΥΦΨΩ",
        strict=True,
    )
)

# Symbols that end in a letter swallow the following space, as in TeX (`Stra\ss e`); word-like
# ones (\LaTeX, \dots) keep it, which is what authors of titles mean.
_SWALLOW_SPACE = frozenset(
    {"ss", "SS", "o", "O", "aa", "AA", "ae", "AE", "oe", "OE", "l", "L", "i", "j", "dh", "DH", "th", "TH",
     "ng", "NG", "dj", "DJ"}
)  # fmt: skip

# Font and case commands: the command goes, its argument stays (its braces go later).
_WRAPPERS = frozenset(
    {"textit", "textbf", "emph", "textsc", "textrm", "texttt", "textsf", "textup", "textsl", "textmd",
     "textnormal", "mbox", "hbox", "text", "textsubscript", "textsuperscript", "uppercase", "lowercase",
     "MakeUppercase", "MakeLowercase", "MakeTextUppercase", "MakeTextLowercase", "it", "bf", "em", "sc",
     "rm", "tt", "sf", "sl", "up", "normalfont", "itshape", "bfseries", "scshape", "upshape", "mdseries",
     "small", "footnotesize", "large", "Large", "tiny", "huge", "enquote", "mkbibquote", "underline",
     "textnhtt", "ensuremath", "mathrm", "mathit"}
)  # fmt: skip

_ESCAPES = {
    "&": "&", "%": "%", "$": _DOLLAR, "#": "#", "_": "_", "{": _LBRACE, "}": _RBRACE, " ": " ",
    ",": " ", ";": " ", ":": " ", "!": "", "-": "", "/": "", "\\": " ", "@": "", "~": _TILDE,
    "^": "^", "\n": " ", "\t": " ", "'": "´", '"': "¨", "=": "¯", ".": "˙", "`": _BACKQUOTE,
}  # fmt: skip

_COMMAND = re.compile(
    r"""
    \\(?P<acc>[`'^"~=.])\s*(?:\{\s*(?P<a1>\\[ij](?![A-Za-z])|[A-Za-z0-9])\s*\}|(?P<a2>\\[ij](?![A-Za-z])|[A-Za-z0-9]))
    |\\(?P<lacc>[uvHckrbd])(?:\s*\{\s*(?P<b1>\\[ij](?![A-Za-z])|[A-Za-z])\s*\}|\s+(?P<b2>[A-Za-z])|(?P<b3>\\[ij](?![A-Za-z])))
    |\\(?P<name>[A-Za-z]+)(?:(?P<empty>\s*\{\})|(?P<space>[ \t\n]*))
    |\\(?P<sym>[^A-Za-z]|$)
    """,
    re.X,
)

_LIGATURES = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"), ("~", "\xa0"), ("!`", "¡"), ("?`", "¿"))
_SPACES = re.compile(r"[ \t\r\n]+")

_PYLATEXENC_TEXT = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)
_PYLATEXENC_MATH = LatexNodes2Text(math_mode="text")
_PYLATEXENC_MACROS = get_default_latex_context_db()


class _UnknownCommand(Exception):
    """Raised inside a substitution when a command needs pylatexenc."""


def _accented(accent: str, letter: str) -> str:
    base = {"\\i": "i", "\\j": "j"}.get(letter, letter)
    return unicodedata.normalize("NFC", base + _COMBINING[accent])


def _replace(m: re.Match[str]) -> str:
    accent = m.group("acc")
    if accent is not None:
        return _accented(accent, m.group("a1") or m.group("a2"))
    accent = m.group("lacc")
    if accent is not None:
        return _accented(accent, m.group("b1") or m.group("b2") or m.group("b3"))
    name = m.group("name")
    if name is not None:
        space = m.group("space")
        if name in _WRAPPERS:
            return ""
        symbol = _SYMBOLS.get(name)
        if symbol is None:
            if _PYLATEXENC_MACROS.get_macro_spec(name) is not None:
                raise _UnknownCommand(name)
            # A macro nobody knows (a user's \newcommand from @preamble): with an argument
            # it is most likely markup, so the argument stays; alone, its name is the best text.
            if m.string.startswith("{", m.end()):
                return ""
            symbol = name
        if m.group("empty") or name in _SWALLOW_SPACE:
            return symbol
        return symbol + (" " if space else "")
    sym = m.group("sym")
    escaped = _ESCAPES.get(sym)
    if escaped is None:
        raise _UnknownCommand(sym)
    return escaped


def _ligatures(text: str) -> str:
    for old, new in _LIGATURES:
        if old in text:
            text = text.replace(old, new)
    return text


def _decode_text(segment: str) -> str:
    """Decode a piece of LaTeX text that holds no math."""
    if "\\" not in segment:
        return _ligatures(segment.replace("{", "").replace("}", ""))
    segment = _URL.sub(lambda m: m.group(1).translate(_PROTECT), segment)
    segment = _DROP_WITH_ARG.sub("", segment)
    try:
        segment = _COMMAND.sub(_replace, segment)
    except _UnknownCommand:
        segment = _pylatexenc(segment)
    segment = segment.replace("{", "").replace("}", "")
    # Escaped characters were parked on placeholders so that the steps above left them alone.
    return _ligatures(segment).translate(_RESTORE)


def _pylatexenc(segment: str) -> str:
    try:
        text = str(_PYLATEXENC_TEXT.latex_to_text(segment))
    except Exception:
        # pylatexenc can fail on odd input (e.g. \href without its second argument):
        # dropping the command names still leaves readable text.
        text = re.sub(r"\\[A-Za-z]+\s*|\\(.)", r"\1", segment)
    return text.translate(_PROTECT)


def balanced_braces(text: str) -> bool | None:
    """Whether every brace in `text` closes inside it, in order ("{a}{b{c}}" yes, "a}{b" no).

    Returns None for text with escaped braces (`\\{`), which readers count differently;
    callers then take their own exact path. This check runs on most titles, so it works
    on the pieces between closing braces rather than character by character.
    """
    if "\\{" in text or "\\}" in text:
        return None
    chunks = text.split("}")
    depth = 0
    for chunk in chunks[:-1]:
        depth += chunk.count("{") - 1
        if depth < 0:
            return False
    return depth + chunks[-1].count("{") == 0


def split_math(value: str) -> list[tuple[bool, str]]:
    """Split a value into (is_math, piece) pairs; math pieces keep their `$` delimiters."""
    pieces: list[tuple[bool, str]] = []
    pos = 0
    for m in _MATH.finditer(value):
        if m.start() > pos:
            pieces.append((False, value[pos : m.start()]))
        pieces.append((True, m.group(0)))
        pos = m.end()
    if pos < len(value):
        pieces.append((False, value[pos:]))
    return pieces


@lru_cache(maxsize=65536)
def to_text(value: str) -> str:
    """LaTeX -> display Unicode, with `$...$` math kept verbatim.

    Args:
        value: a field value with its outer delimiters already removed.

    Returns:
        The text as a reader should see it: accents composed, escapes and brace protection
        removed, `--`/`---`/`~` turned into dashes and no-break spaces, whitespace collapsed.
    """
    # Without a backslash, "$", a brace, "~", "--", "''" or "``" a value needs nothing but its
    # spaces collapsed. (Plain `in` tests: this runs on every title, faster than a regex.)
    if "\\" in value or "$" in value:
        if "$" in value:
            text = "".join(piece if is_math else _decode_text(piece) for is_math, piece in split_math(value))
        else:
            text = _decode_text(value)
    elif "{" in value or "}" in value or "~" in value or "--" in value or "''" in value or "``" in value:
        # Brace protection and ligatures only (what `_decode_text` does without commands).
        text = _ligatures(value.replace("{", "").replace("}", ""))
    else:
        text = value
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


_SUPERSCRIPTS = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUBSCRIPTS = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
_SCRIPT = re.compile(r"([\^_])(?:\{([0-9+\-=()n]+)\}|([0-9n]))")


@lru_cache(maxsize=4096)
def math_to_text(math: str) -> str:
    """A Unicode approximation of a math piece, for sites without a math renderer.

    Args:
        math: LaTeX math with or without its `$` delimiters, e.g. `$\\Phi$` or `x^2`.

    Returns:
        Readable text: `\\Phi` -> "Φ", `x^2` -> "x²", `\\frac{1}{2}` -> "1/2".
    """
    inner = math.strip().strip("$")
    inner = _SCRIPT.sub(
        lambda m: (m.group(2) or m.group(3)).translate(_SUPERSCRIPTS if m.group(1) == "^" else _SUBSCRIPTS),
        inner,
    )
    try:
        text = str(_PYLATEXENC_MATH.latex_to_text(inner))
    except Exception:
        text = re.sub(r"\\([A-Za-z]+)", r"\1", inner).replace("{", "").replace("}", "")
    return _SPACES.sub(" ", text).strip()


def strip_math(text: str) -> str:
    """Replace every `$...$` piece of a display string by `math_to_text` of it."""
    if "$" not in text:
        return text
    return "".join(math_to_text(piece) if is_math else piece for is_math, piece in split_math(text))
