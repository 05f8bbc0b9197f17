"""How input text becomes stored text — the one place that decides it.

Stored text = decoded input with a leading UTF-8 BOM removed and CRLF/CR turned
into LF. Nothing else changes (no NFC, no trimming), so offsets computed by other
tools on the same text stay valid.
"""

from __future__ import annotations

import hashlib

BOM = "\ufeff"


def to_stored_text(text: str) -> str:
    if text.startswith(BOM):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode_utf8(data: bytes, where: str) -> str:
    """Decode UTF-8 strictly; the error names ``where`` and the byte offset."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{where}: invalid UTF-8 at byte {exc.start}") from exc


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
