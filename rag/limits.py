"""Limits of reading and indexing, so that no file can exhaust memory or stall `ingest`.

The values are fields of `rag.settings.Settings` (environment `CONGRESS_CHAT_MAX_…`); this
module holds them as one small object and the cuts they make:

- a file larger than its type's limit is refused (`DocumentError`, named in the report);
- runs of over 200 characters without a space (base64, minified code) are left out;
- a document's text beyond `max_document_chars` is cut at a word boundary;
- a "sentence" longer than `max_sentence_chars` (a minified export, one unbroken token) is cut
  at word boundaries, else at character boundaries, so a chunk never exceeds
  max(`chunk_max_chars`, `max_sentence_chars`) characters;
- one embedder input is at most `max_embed_chars`, one batch at most `max_batch_chars`.

Each cut that changes what is indexed is recorded in the document's metadata (`limits`) and
shown in the ingest report as one line ("oneline.txt: cut to 200,000 characters").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

_MB = 1_000_000
PROGRAMME_SUFFIXES = (".json", ".xml", ".ics", ".yaml", ".yml", ".csv")  # structured programmes: rag.programme.loaders


@dataclass(frozen=True)
class Limits:
    max_text_file_mb: float = 10
    max_pdf_mb: float = 50
    max_docx_mb: float = 20
    max_programme_mb: float = 10
    max_pdf_pages: int = 500
    max_cells: int = 200_000
    max_document_chars: int = 200_000
    max_sentence_chars: int = 1000
    max_embed_chars: int = 2000
    max_batch_chars: int = 32_000

    @classmethod
    def from_settings(cls, settings) -> "Limits":
        return cls(**{name: getattr(settings, name) for name in cls.__dataclass_fields__})

    def max_file_bytes(self, suffix: str) -> tuple[int, str]:
        """(largest size in bytes, the setting that says so) for a file of type `suffix`."""
        zipped = (".docx", ".xlsx", ".xlsm", ".xls", ".ods")
        setting = "max_pdf_mb" if suffix == ".pdf" else "max_docx_mb" if suffix in zipped else None
        if setting is None:
            setting = "max_programme_mb" if suffix in PROGRAMME_SUFFIXES else "max_text_file_mb"
        return int(getattr(self, setting) * _MB), setting


def cut_at_word(text: str, max_chars: int) -> str:
    """`text` cut to at most `max_chars`, at the last whitespace of the second half, else hard."""
    if len(text) <= max_chars:
        return text
    head = text[:max_chars]
    space = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
    return head[:space] if space >= max_chars // 2 else head


UNBROKEN_RUN_CHARS = 200  # no word, name or address a reader needs is longer
_UNBROKEN_RUN = re.compile(rf"\S{{{UNBROKEN_RUN_CHARS + 1},}}")


def drop_unbroken_runs(text: str) -> tuple[str, int]:
    """(`text` without its runs of over UNBROKEN_RUN_CHARS non-space characters, how many
    characters that left out). Such runs are not words (a base64 image, minified code, one
    2 MB token): embedding them costs minutes and answers nothing."""
    dropped = 0

    def drop(match: re.Match) -> str:
        nonlocal dropped
        dropped += len(match.group(0))
        return " "

    return _UNBROKEN_RUN.sub(drop, text), dropped


def pieces(text: str, start: int, end: int, max_chars: int) -> Iterator[tuple[int, int]]:
    """`text[start:end]` as consecutive (start, end) pieces of at most `max_chars`, each ending at
    whitespace when there is some in its second half, else cut between characters."""
    while end - start > max_chars:
        stop = start + max_chars
        cut = stop
        floor = start + max_chars // 2
        while cut > floor and not text[cut - 1].isspace():
            cut -= 1
        if cut <= floor:
            cut = stop
        yield start, cut
        start = cut
    yield start, end


_YAML_MAX_NODES = 100_000


def safe_yaml(text: str):
    """`yaml.safe_load(text)`, refusing a document whose aliases would expand it past
    100,000 nodes (a "billion laughs": a few lines that become gigabytes once copied)."""
    import yaml

    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if node is None:
        return None
    sizes: dict[int, int] = {}

    def expanded(node) -> int:
        key = id(node)
        if key not in sizes:
            sizes[key] = 1  # a cycle counts once
            children = node.value if isinstance(node.value, list) else []
            total = 1
            for child in children:
                total += sum(expanded(part) for part in child) if isinstance(child, tuple) else expanded(child)
                if total > _YAML_MAX_NODES:
                    break
            sizes[key] = total
        return sizes[key]

    if expanded(node) > _YAML_MAX_NODES:
        raise yaml.YAMLError(f"more than {_YAML_MAX_NODES:,} values once its aliases are expanded")
    return yaml.safe_load(text)
