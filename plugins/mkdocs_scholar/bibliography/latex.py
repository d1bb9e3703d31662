"""LaTeX in BibTeX values -> display Unicode.

`to_text` handles what real .bib files use (accents, escapes, ligatures, brace protection,
font commands, `\\url`, `\\href`) with a few regular expressions, because pylatexenc costs
about half a millisecond per value and a large file has tens of thousands of values.
pylatexenc only sees the commands this module does not know, each with its arguments alone:
its cost grows faster than its input (a 1 MB title took 5 s whole), ours linearly.
Control characters (NUL, ESC, DEL, ...) never reach display text: HTML and XML forbid them.

Math (`$...$`, `$$...$$`) is kept verbatim so that a math renderer (MathJax) can show it;
`math_to_text` and `strip_math` give a Unicode approximation for sites without one. A literal
dollar (`\\$`, `\\textdollar`) is spelled `LITERAL_DOLLAR` in display text: a dollar sign behind
an invisible WORD JOINER, which no math splitter (`split_math` here, `render.text.math_segments`)
takes for a delimiter and which they turn back into a plain "$". Text shown without them still
reads "$".
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

from pylatexenc import latexwalker
from pylatexenc.latex2text import LatexNodes2Text, get_default_latex_context_db

# pylatexenc logs its own fallbacks ("macro '\\overline' failed its substitution") straight to
# stderr; we already fall back ourselves, and a user's build log is no place for them.
logging.getLogger("pylatexenc").setLevel(logging.CRITICAL)

__all__ = [
    "LITERAL_DOLLAR",
    "balanced_braces",
    "math_to_text",
    "replace_controls",
    "split_math",
    "strip_math",
    "to_text",
]

LITERAL_DOLLAR = "\u2060$"
"""A dollar sign that is text, never math: U+2060 WORD JOINER (invisible) marks it."""
_DOLLAR_MARK = LITERAL_DOLLAR[0]

# A delimiter is a `$` after neither a backslash nor the mark; math holds no marked dollar.
_MATH = re.compile(
    r"(?<![\\\u2060])\$\$(?:[^$\\\u2060]|\\.)+?\$\$|(?<![\\\u2060])\$(?:[^$\\\u2060]|\\.)+?\$", re.S
)

# Commands whose first argument is not display text: removed together with it, or replaced by
# their `_ARG_TEXT`. For \href and \foreignlanguage the second argument (the text) stays and
# loses its braces later. A cross-reference prints "??", as LaTeX does for a label it does not
# know (a .bib file has no labels; the label's name is no text for a reader).
_DROP_WITH_ARG = re.compile(
    r"\\(?P<cmd>noopsort|sortnoop|SortNoop|noop|selectlanguage|foreignlanguage|hyphenation|href"
    r"|cite[pt]?|label|index|vphantom|phantom|hspace|vspace|kern|begin|end|color"
    r"|ref|pageref|eqref|autoref|[cC]ref|nameref|vref)\*?\s*(?:\[[^\]]{0,256}\]\s*)?\{[^{}]*\}"
)
_ARG_TEXT = dict.fromkeys(("ref", "pageref", "autoref", "cref", "Cref", "nameref", "vref"), "??")
_ARG_TEXT["eqref"] = "(??)"
# Case commands whose argument holds at most one level of groups: the decoded argument, in that case.
_CASE = re.compile(
    r"\\(?P<cmd>uppercase|lowercase|MakeUppercase|MakeLowercase|MakeTextUppercase|MakeTextLowercase)"
    r"\s*\{(?P<arg>(?:[^{}\\]|\\.|\{(?:[^{}\\]|\\.)*\})*)\}",
    re.S,
)
_URL = re.compile(r"\\(?:url|path|nolinkurl)\s*\{([^{}]*)\}")

# Placeholders for characters that must survive brace removal and ligatures.
_LBRACE, _RBRACE, _TILDE, _DOLLAR, _DASH, _QUOTE, _BACKQUOTE = (chr(0xE000 + i) for i in range(7))
# A dollar in decoded text (escaped, from a URL or from pylatexenc) is literal: it gets its mark
# back on restoring, so a mark already there goes when protecting.
_RESTORE = str.maketrans(
    {
        _LBRACE: "{",
        _RBRACE: "}",
        _TILDE: "~",
        _DOLLAR: LITERAL_DOLLAR,
        _DASH: "-",
        _QUOTE: "'",
        _BACKQUOTE: "`",
    }
)
_PROTECT = str.maketrans(
    {"{": _LBRACE, "}": _RBRACE, "~": _TILDE, "$": _DOLLAR, "-": _DASH, "'": _QUOTE, "`": _BACKQUOTE,
     _DOLLAR_MARK: None}
)  # fmt: skip

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
    "par": " ", "relax": "", "protect": "", "cyrchar": "", "LaTeX": "LaTeX", "TeX": "TeX", "LaTeXe": "LaTeX2ε",
    "BibTeX": "BibTeX", "textnumero": "№", "textdagger": "†", "textasciimacron": "¯",
    "textasciiacute": "´", "textasciibreve": "˘", "textasciicaron": "ˇ", "textasciidieresis": "¨",
    "texttimes": "×", "textdiv": "÷", "textpm": "±", "textminus": "−", "textrightarrow": "→",
    "textleftarrow": "←", "langle": "⟨", "rangle": "⟩", "times": "×", "pm": "±", "cdot": "·",
    "textperthousand": "‰", "textcelsius": "℃", "textohm": "Ω", "thinspace": " ", "vphantom": "",
    "phantom": "",
}  # fmt: skip
# Layout commands without arguments print nothing, or a space, and never their name (pylatexenc
# does not know them, and an unknown command alone shows its name: see `_replace`).
_SYMBOLS.update(
    dict.fromkeys(
        ("noindent", "indent", "xspace", "nobreak", "unskip", "ignorespaces", "null", "leavevmode", "strut",
         "allowbreak", "hfil", "hss", "centering", "raggedright", "raggedleft", "sloppy", "fussy"),
        "",
    )
)  # fmt: skip
_SYMBOLS.update(
    dict.fromkeys(
        ("hfill", "vfill", "break", "newpage", "clearpage", "smallskip", "medskip", "bigskip", "newblock"),
        " ",
    )
)
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
# Opening marks swallow it too (`\textquotedblleft x` is "“x").
_SWALLOW_SPACE = frozenset(
    {"ss", "SS", "o", "O", "aa", "AA", "ae", "AE", "oe", "OE", "l", "L", "i", "j", "dh", "DH", "th", "TH",
     "ng", "NG", "dj", "DJ", "textquotedblleft", "textquoteleft", "guillemotleft", "guillemetleft",
     "textexclamdown", "textquestiondown"}
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
# The parser's table: which arguments a command takes ("{" one, "[{" optional then one, ...).
_PYLATEXENC_ARGS = latexwalker.get_default_latex_context_db()
_GROUP_TOKEN = re.compile(r"\\.|[{}]", re.S)
_CONTROL_SEQUENCE = re.compile(r"\\(?:[A-Za-z]+|.)", re.S)
_MATH_CLOSE = {"(": "\\)", "[": "\\]"}

# Control characters, surrogates and the noncharacters U+FFFE/U+FFFF: HTML forbids them and an
# XML document (feed, sitemap) holding one does not parse. Tab, newline and carriage return are
# whitespace, which `to_text` collapses; the other controls that separate words (vertical tab,
# form feed, \x1c-\x1f) become a space, the rest of C0 and DEL nothing. C1 controls (\x80-\x9f)
# in a .bib file are Windows-1252 bytes read as Latin-1 ("\x93theta\x94", "meaning\x97behavioral"
# in the corpus): they become the Windows-1252 characters, as HTML does for `&#x93;`. First,
# UTF-8 read as Latin-1 ("Gaia\xe2\x80\x99s", "Ordo\xcc\x81nez") is read again as UTF-8
# ("Gaia’s", "Ordóñez"): a character of such a sequence is a C1 control, never meant as one.
_MOJIBAKE = re.compile("[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CONTROL_TEXT = dict.fromkeys("\x0b\x0c\x1c\x1d\x1e\x1f", " ")
_CONTROL_TEXT.update((chr(byte), bytes([byte]).decode("cp1252", "ignore")) for byte in range(0x80, 0xA0))


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
    segment = _DROP_WITH_ARG.sub(lambda m: _ARG_TEXT.get(m.group("cmd"), ""), segment)
    if "case" in segment:
        segment = _CASE.sub(_change_case, segment)
    try:
        segment = _COMMAND.sub(_replace, segment)
    except _UnknownCommand:
        segment = _decode_commands(segment)
    segment = segment.replace("{", "").replace("}", "")
    # Escaped characters were parked on placeholders so that the steps above left them alone.
    return _ligatures(segment).translate(_RESTORE)


def _change_case(m: re.Match[str]) -> str:
    """`\\uppercase{...}` and its kin: the argument decoded, in upper or lower case."""
    text = _decode_text(m.group("arg"))
    text = text.upper() if "Upper" in m.group("cmd") or m.group("cmd") == "uppercase" else text.lower()
    # Protected again: its braces and dashes are text now, for the rest of `_decode_text`.
    return text.translate(_PROTECT)


def _decode_commands(segment: str) -> str:
    """`_COMMAND.sub(_replace, segment)`, with pylatexenc decoding each command it does not know.

    pylatexenc is handed one command with its arguments at a time (cached: a long value
    repeats its commands), so the cost stays linear in the length of the segment.
    """
    out: list[str] = []
    groups = _Groups(segment)
    pos = 0
    while (m := _COMMAND.search(segment, pos)) is not None:
        out.append(segment[pos : m.start()])
        try:
            out.append(_replace(m))
            pos = m.end()
            continue
        except _UnknownCommand:
            pass
        name = m.group("name")
        if name is None:
            # A control symbol: `\\(...\\)` and `\\[...\\]` are math, kept verbatim as
            # pylatexenc keeps them (an unclosed one: the rest of the segment).
            symbol = m.group("sym")
            end = m.end()
            close = _MATH_CLOSE.get(symbol)
            if close is not None:
                at = groups.find(close, end)
                end = len(segment) if at < 0 else at + 2
                out.append(segment[m.start() : end].translate(_PROTECT))
            else:
                out.append(_pylatexenc(segment[m.start() : end]))
            pos = end
            continue
        end, missing = _arguments_end(segment, m.start() + 1 + len(name), name, groups)
        # A missing argument is an empty one (pylatexenc would print "\\overline" as "%s").
        out.append(_pylatexenc(segment[m.start() : end] + "{}" * missing))
        pos = end
        if end == m.start() + 1 + len(name) and not missing:
            # A control word without arguments swallows the spaces after it, as in TeX (and
            # as pylatexenc did when it saw the whole value).
            while pos < len(segment) and segment[pos] in " \t\n\r":
                pos += 1
    out.append(segment[pos:])
    return "".join(out)


def _arguments_end(segment: str, pos: int, name: str, groups: _Groups) -> tuple[int, int]:
    """Where the arguments of the command `name` that ends at `pos` end, by pylatexenc's table.

    An argument is a group, or else one token (a character or a command alone), as in TeX.

    Returns:
        That index, and how many mandatory arguments are missing (unclosed or past the end).
    """
    spec = _PYLATEXENC_ARGS.get_macro_spec(name)
    argspec: str = getattr(getattr(spec, "args_parser", None), "argspec", "") or ""
    for i, kind in enumerate(argspec):
        start = pos
        while start < len(segment) and segment[start] in " \t\n\r":
            start += 1
        if kind == "*":
            if segment.startswith("*", start):
                pos = start + 1
        elif kind == "[":
            if segment.startswith("[", start):
                at = groups.find("]", start)
                if at < 0:
                    return pos, argspec.count("{", i)
                pos = at + 1
        elif segment.startswith("{", start):
            at = groups.closing_brace(start)
            if at < 0:
                return pos, argspec.count("{", i)
            pos = at + 1
        elif segment.startswith("\\", start):
            token = _CONTROL_SEQUENCE.match(segment, start)
            if token is None:
                return pos, argspec.count("{", i)
            pos = token.end()
        elif start < len(segment):
            pos = start + 1
        else:
            return pos, argspec.count("{", i)
    return pos, 0


class _Groups:
    """Where groups close in one segment, each answer found in amortised constant time.

    A scan per command would make a segment full of unclosed `{` or `[` quadratic.
    """

    def __init__(self, segment: str) -> None:
        self.segment = segment
        self.braces: dict[int, int] | None = None
        self.found: dict[str, tuple[int, int]] = {}

    def closing_brace(self, start: int) -> int:
        """Index of the `}` that closes the `{` at `start`; -1 when none does."""
        if self.braces is None:
            self.braces = {}
            stack: list[int] = []
            for token in _GROUP_TOKEN.finditer(self.segment):
                if token.group() == "{":
                    stack.append(token.start())
                elif token.group() == "}" and stack:
                    self.braces[stack.pop()] = token.start()
        return self.braces.get(start, -1)

    def find(self, needle: str, start: int) -> int:
        """`segment.find(needle, start)`, remembering the last answer for each needle."""
        searched, at = self.found.get(needle, (-1, -1))
        if searched < 0 or start < searched or (at >= 0 and start > at):
            at = self.segment.find(needle, start)
            self.found[needle] = (start, at)
        return at


@lru_cache(maxsize=4096)
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
    """Split a value into (is_math, piece) pairs; math pieces keep their `$` delimiters.

    A `$` after a backslash or marked literal (`LITERAL_DOLLAR`) is text; pieces keep it as it is.
    """
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
    if not text.isprintable():
        # Rare once newlines are gone: tabs, no-break spaces, format or control characters.
        text = replace_controls(text)
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def _utf8_again(m: re.Match[str]) -> str:
    """A UTF-8 sequence read as Latin-1 with a C1 control in it, read as UTF-8."""
    chars = m.group()
    if not any("\x80" <= c <= "\x9f" for c in chars):
        return chars
    try:
        return chars.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return chars


def replace_controls(text: str) -> str:
    """`text` without control characters (but tab, newline and carriage return).

    NUL, ESC, DEL and the like are dropped, vertical tab and form feed become a space, and
    C1 controls their Windows-1252 characters ("\\x93quoted\\x94" -> "“quoted”"), or, in
    UTF-8 read as Latin-1, the character the UTF-8 meant ("\\xe2\\x80\\x99" -> "’").
    """
    if _CONTROLS.search(text) is None:
        return text
    if _MOJIBAKE.search(text) is not None:
        repaired = _MOJIBAKE.sub(_utf8_again, text)
        if repaired != text:
            text = unicodedata.normalize("NFC", repaired)  # "o" + U+0301 -> "ó"
    return _CONTROLS.sub(lambda m: _CONTROL_TEXT.get(m.group(), ""), text)


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
    """Replace every `$...$` piece of a display string by `math_to_text` of it.

    Literal dollars (`LITERAL_DOLLAR`) become plain "$" signs.
    """
    if "$" not in text:
        return text
    return "".join(
        math_to_text(piece) if is_math else piece.replace(LITERAL_DOLLAR, "$")
        for is_math, piece in split_math(text)
    )
