"""YAML front matter of Markdown and text files: its keys become the document's metadata."""

from __future__ import annotations

import re
from typing import Any

from rag.errors import DocumentError
from rag.limits import safe_yaml

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(raw: str) -> tuple[dict[str, Any], str]:
    """(metadata, body) of a Markdown/text file; no front matter gives ({}, raw)."""
    import yaml

    match = _FRONT_MATTER.match(raw)
    if not match:
        return {}, raw
    try:
        meta = safe_yaml(match.group(1)) or {}
    except yaml.YAMLError as error:
        detail = error.__class__.__name__ if isinstance(error, yaml.MarkedYAMLError) else str(error)
        raise DocumentError(f"front matter is not valid YAML ({detail})") from error
    if not isinstance(meta, dict):
        raise DocumentError("front matter must be a YAML mapping (key: value lines)")
    return {str(key): _plain(value) for key, value in meta.items()}, raw[match.end():]


def _plain(value: Any) -> Any:
    """YAML dates and other scalars become strings so metadata stays JSON-friendly."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


