"""Programmes across the documents of one index, settled at ingest:

- a programme CSV whose `# source:` line names another file (the brochure it corrects) replaces
  that file's sessions: the brochure stays indexed as text, its sessions are the CSV's;
- the same session read from two documents of one programme (the brochure and the web page of
  the same congress: same day, same start, titles alike) is kept once, in the document that comes
  first (a structured programme before a published one, then in corpus order).
Each change is one line of the ingest report, for the file it touched.
"""

from __future__ import annotations

from dataclasses import replace

from rapidfuzz import fuzz

from rag.language import fold
from rag.programme.model import programme_from_json, programme_to_json

_SAME_TITLE = 85


def _title(text: str) -> str:
    return " ".join(fold(text).lower().split())


def settle_programmes(documents: dict, files: dict[str, str], sources: dict[str, str]) -> dict[str, str]:
    """`documents`: doc id → StoredDocument (changed in place); `files`: doc id → its corpus file;
    `sources`: doc id → the file a programme CSV says it corrects. Returns file → report line."""
    notes: dict[str, str] = {}
    for doc_id, document in list(documents.items()):  # settled by an earlier build: start again from what was read
        if "programme_read" in document.metadata:
            metadata = {k: v for k, v in document.metadata.items() if k not in ("programme_read", "schedule_read")}
            metadata["programme"] = document.metadata["programme_read"]
            if "schedule_read" in document.metadata:
                metadata["schedule"] = document.metadata["schedule_read"]
            documents[doc_id] = replace(document, metadata=metadata)
    by_name = {}
    for doc_id, file in files.items():
        by_name.setdefault(file, doc_id)
        by_name.setdefault(file.rsplit("/", 1)[-1], doc_id)
    for csv_id, source in sources.items():
        target = by_name.get(source) or by_name.get(source.rsplit("/", 1)[-1])
        if target is None or target == csv_id or not isinstance(documents[target].metadata.get("programme"), dict):
            continue
        metadata = _remember(documents[target].metadata)
        metadata.pop("programme")
        metadata["schedule"] = f"sessions replaced by {files[csv_id]}"
        documents[target] = replace(documents[target], metadata=metadata)
        notes[files[target]] = metadata["schedule"]
    order = sorted(
        (doc_id for doc_id, d in documents.items() if isinstance(d.metadata.get("programme"), dict)),
        key=lambda doc_id: (documents[doc_id].metadata["programme"].get("source") != "structured", files.get(doc_id, "")),
    )
    kept: list[tuple[str, object]] = []  # (doc id, session) of the documents settled so far
    for doc_id in order:
        document = documents[doc_id]
        programme = programme_from_json(document.metadata["programme"])
        unique, twins = [], []
        for session in programme.sessions:
            twin = next((other_id for other_id, other in kept if other_id != doc_id and (other.day == session.day or None in (other.day, session.day))
                         and other.start == session.start and session.start is not None
                         and fuzz.token_set_ratio(_title(other.title), _title(session.title)) >= _SAME_TITLE), None)
            (twins if twin else unique).append((session, twin))
        if twins and unique:
            sessions = tuple(s for s, _ in unique)
            spans = {s.id: programme.spans[s.id] for s in sessions if s.id in programme.spans}
            kept_in = sorted({files.get(t, t) for _, t in twins})
            programme = replace(programme, sessions=sessions, spans=spans)
            line = f"{len(twins)} session(s) also in {', '.join(kept_in)}: kept there once"
            metadata = {**_remember(document.metadata), "programme": programme_to_json(programme)}
            documents[doc_id] = replace(document, metadata=metadata)
            notes[files[doc_id]] = "; ".join(filter(None, [notes.get(files[doc_id]), line]))
        elif twins:  # every session is elsewhere: the document is a copy of that programme
            metadata = _remember(document.metadata)
            metadata.pop("programme")
            documents[doc_id] = replace(document, metadata=metadata)
            notes[files[doc_id]] = f"its {len(twins)} sessions are all in {', '.join(sorted({files.get(t, t) for _, t in twins}))}: kept there once"
            continue
        kept.extend((doc_id, s) for s, _ in unique)
    return notes


def _remember(metadata: dict) -> dict:
    """A copy of a document's metadata that keeps the programme as read, for the next build to settle anew."""
    kept = {**metadata, "programme_read": metadata["programme"]}
    if "schedule" in metadata:
        kept["schedule_read"] = metadata["schedule"]
    return kept
