"""Bytes of a text file → str, whatever encoding it was saved in.

In order: a byte-order mark; the charset the file declares (an HTML `<meta charset>` or
`http-equiv` content type, an XML declaration); UTF-8 if it decodes; else the encoding
charset-normalizer finds most likely (a page saved from Word in windows-1252, a CSV from
Excel in cp1252 or MacRoman). Never refuses a file for its encoding: the last resort is
UTF-8 with the undecodable bytes replaced, and the metadata says which encoding was used.
"""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_SNIFF_BYTES = 4096


def declared_charset(data: bytes) -> str | None:
    """The encoding a file names for itself in its first bytes, if Python knows it."""
    match = _DECLARED.search(data[:_SNIFF_BYTES])
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding used)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name
    declared = declared_charset(data)
    if declared and declared not in ("utf-8", "ascii"):
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration lies (a page re-saved as UTF-8 that still says windows-1252)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("utf-8", errors="replace"), "utf-8 (undecodable bytes replaced)"
