"""A .bib file's bytes -> text: byte-order marks, UTF-16/32 without one, stray non-UTF-8 bytes.

Whatever the encoding, the text comes back with "\n" line ends and at most one problem saying
what was guessed, so line numbers in later messages match what the author's editor shows.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..problems import Problem

__all__ = ["read_bib"]


def read_bib(path: Path, shown: str) -> tuple[str, Problem | None]:
    """A .bib file's text, decoded by its byte-order mark, else as UTF-8; the problem says what was guessed.

    Bytes that are not UTF-8 are read as Windows-1252 (or Latin-1) one by one, with a warning:
    one stray byte must not garble every accent of the file. A file without a mark whose NUL
    bytes fall like UTF-16's or UTF-32's is read as such, with a warning.

    Raises:
        OSError: when the file cannot be read.
    """
    data = path.read_bytes()
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8":
                return _decode_utf8(data[len(bom) :], shown)
            return _decode_wide(data[len(bom) :], encoding, shown, guessed=False)
    wide = _sniff_wide(data[:_SNIFF_BYTES])
    if wide is not None:
        return _decode_wide(data, wide, shown, guessed=True)
    return _decode_utf8(data, shown)


# Longest first: UTF-32-LE's mark begins with UTF-16-LE's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_LABELS = {
    "utf-32-le": "UTF-32-LE",
    "utf-32-be": "UTF-32-BE",
    "utf-16-le": "UTF-16-LE",
    "utf-16-be": "UTF-16-BE",
}
_SNIFF_BYTES = 4096

# Which of the four byte positions of each 4-byte group hold mostly NULs (True), hardly any
# (False) or either (None), for ASCII-heavy text: UTF-32 code units below U+10000 have two
# NUL bytes, UTF-16 ones of ASCII characters one.
_WIDE_PATTERNS = (
    ("utf-32-le", (False, None, True, True)),
    ("utf-32-be", (True, True, None, False)),
    ("utf-16-le", (False, True, False, True)),
    ("utf-16-be", (True, False, True, False)),
)


def _sniff_wide(sample: bytes) -> str | None:
    """The UTF-16/32 encoding a file without a byte-order mark is in, told by where its NULs fall."""
    if b"\0" not in sample:
        # Text in UTF-8 or an 8-bit code page has no NUL bytes: the common case ends here.
        return None
    groups = len(sample) // 4
    if groups < 2:
        return None
    end = groups * 4
    share = [sample[i:end:4].count(0) / groups for i in range(4)]
    for encoding, pattern in _WIDE_PATTERNS:
        # "Mostly" is lenient (a third) for files in non-Latin scripts; "hardly any" is strict.
        if all(
            want is None or (s > 0.3 if want else s < 0.05) for want, s in zip(pattern, share, strict=True)
        ):
            return encoding
    return None


def _decode_wide(data: bytes, encoding: str, shown: str, *, guessed: bool) -> tuple[str, Problem | None]:
    label = _LABELS[encoding]
    notes = []
    if guessed:
        notes.append(f"file has no byte-order mark but looks like {label}; read it as {label}")
    try:
        text = data.decode(encoding)
        line = None
    except UnicodeDecodeError as error:
        text = data.decode(encoding, errors="replace")
        line = _line_of(data[: error.start].decode(encoding, errors="replace"))
        notes.append(
            f"file is not valid {label} (first bad bytes on line {line}); they are shown as '\ufffd'"
        )
    if not notes:
        return _newlines(text), None
    message = "; ".join(notes) + ". Save it as UTF-8 to be sure it is read right"
    return _newlines(text), Problem(message, file=shown, line=line)


def _line_of(head: str) -> int:
    """1-based line of the character after `head`, whatever the line ends."""
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


def _decode_utf8(data: bytes, shown: str) -> tuple[str, Problem | None]:
    try:
        return _newlines(data.decode("utf-8")), None
    except UnicodeDecodeError as error:
        line = _line_of(data[: error.start].decode("utf-8"))
    text = data.decode("utf-8", errors=_CP1252_FALLBACK)
    problem = Problem(
        f"file is not valid UTF-8 (first bad byte on line {line}); bytes that are not UTF-8 were read "
        "as Windows-1252. Save it as UTF-8 to be sure accents come out right",
        file=shown,
        line=line,
    )
    return _newlines(text), problem


# Byte -> character in Windows-1252; its five unassigned bytes as in Latin-1.
_CP1252 = tuple(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))
_CP1252_FALLBACK = "mkdocs_scholar.cp1252"


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the bytes UTF-8 could not decode, read as Windows-1252."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_CP1252[b] for b in bad), error.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_fallback)


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
