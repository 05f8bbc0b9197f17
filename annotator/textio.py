"""How input text becomes stored text — the one place that decides it.

Stored text = decoded input with a leading UTF-8 BOM removed and CRLF/CR turned
into LF. Nothing else changes (no NFC, no trimming), so offsets computed by other
tools on the same text stay valid.
"""

from __future__ import annotations

import hashlib
import os

BOM = "\ufeff"


def to_stored_text(text: str) -> str:
    if text.startswith(BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode_utf8(data: bytes, where: str) -> str:
    """Decode UTF-8 strictly; the error gives the byte offset within ``where``
    (e.g. "invalid UTF-8 at byte 7 of the line")."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"invalid UTF-8 at byte {exc.start} of the {where}") from exc


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def encoding_hint(data: bytes) -> str:
    """For bytes that are not UTF-8: a hint when they read as Arabic in a legacy code
    page (Windows-1256, the usual encoding of older Arabic news files), else ''."""
    for codec, name in (("utf-16", "UTF-16"), ("cp1256", "Windows-1256")):
        if codec == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec == "utf-16" or sum("\u0600" <= ch <= "\u06ff" for ch in text) >= 3:
            return (
                f"; the file looks like {name}: convert it to UTF-8 first, e.g. "
                f"iconv -f {codec.upper()} -t UTF-8"
            )
    return ""


def is_utf8_name(name: str) -> bool:
    """Whether a file name (as Python decoded it from the OS) is valid UTF-8. Names that
    are not come back with lone surrogates (PEP 383), which no database or UTF-8 file
    can store."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable_path(path: str | os.PathLike[str]) -> str:
    """A path for messages and reports: bytes that are not UTF-8 shown as ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
