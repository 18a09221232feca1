"""How well published programme documents are read into sessions, on a folder of real
documents with reference session lists (`../shared/programme-docs/`, whose content never goes
into this repository).

    .venv/bin/python -m eval.programme_docs [--dir ../shared/programme-docs] [--show NAME]

For each document with `sessions/<file>.json`: a read session is right when its day and start
equal a reference session's and its title matches (one contains the other once folded, or
rapidfuzz's token-set ratio ≥ 80); recall = reference sessions found / reference sessions,
precision = read sessions that are right / read sessions. Rooms and people are scored on the
matched pairs. Every document must load; the others print what was read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from rapidfuzz import fuzz

from rag.documents import load_document
from rag.language import fold
from rag.programme.model import Session, programme_from_json

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "programme-docs"


def _norm(text: str | None) -> str:
    return " ".join(fold(text or "").lower().replace("’", "'").split())


def titles_match(read: str, reference: str) -> bool:
    a, b = _norm(read), _norm(reference)
    if not a or not b:
        return False
    return a in b or b in a or fuzz.token_set_ratio(a, b) >= 80


def _same_slot(session: Session, ref: dict) -> bool:
    day = dt.date.fromisoformat(ref["date"]) if ref.get("date") else None
    start = dt.time.fromisoformat(ref["start"]) if ref.get("start") else None
    return session.day == day and session.start == start


def score(sessions: list[Session], reference: list[dict]) -> dict:
    used: set[int] = set()
    pairs = []
    for ref in reference:
        for index, session in enumerate(sessions):
            if index not in used and _same_slot(session, ref) and titles_match(session.title, ref["title"]):
                used.add(index)
                pairs.append((session, ref))
                break
    rooms = [(s, r) for s, r in pairs if r.get("room")]
    people = [(s, r) for s, r in pairs if r.get("speakers") or r.get("chairs")]
    def names(items):
        return {_norm(n).split()[-1] for n in items or [] if n}
    return {
        "reference": len(reference), "read": len(sessions), "right": len(pairs),
        "recall": len(pairs) / len(reference) if reference else 1.0,
        "precision": len(used) / len(sessions) if sessions else 0.0,
        "room_right": sum(1 for s, r in rooms if titles_match(s.room, r["room"])), "room_total": len(rooms),
        "people_right": sum(1 for s, r in people if names([p.name for p in s.people]) & names((r.get("speakers") or []) + (r.get("chairs") or []))),
        "people_total": len(people),
        "missed": [r for r in reference if all(r is not ref for _, ref in pairs)],
        "extra": [s for i, s in enumerate(sessions) if i not in used],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--show", help="print the misses and extras of documents whose name contains this")
    args = parser.parse_args(argv)
    folder = args.dir
    if not folder.is_dir():
        print(f"no folder {folder}")
        return 1
    totals = {"reference": 0, "read": 0, "right": 0, "right_read": 0}
    print(f"{'document':48} {'found':>26} {'recall':>7} {'prec.':>6} {'rooms':>7} {'people':>7}")
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in (".pdf", ".docx", ".xlsx", ".ods", ".html", ".htm", ".md")):
        try:
            document = load_document(path, folder)
        except Exception as error:  # every document must load: say which did not
            print(f"{path.name:48} FAILED TO LOAD: {error}")
            continue
        data = document.metadata.get("programme")
        sessions = list(programme_from_json(data).sessions) if data else []
        found = document.metadata.get("schedule", "")
        reference_file = folder / "sessions" / f"{path.name}.json"
        if not reference_file.exists():
            print(f"{path.name:48} {found[:60]}")
            continue
        reference = json.loads(reference_file.read_text(encoding="utf-8"))["sessions"]
        result = score(sessions, reference)
        totals["reference"] += result["reference"]
        totals["read"] += result["read"]
        totals["right"] += result["right"]
        print(f"{path.name:48} {result['right']:>3}/{result['reference']:<3} of {result['read']:>3} read     "
              f"{result['recall']:>7.2f} {result['precision']:>6.2f} {result['room_right']:>3}/{result['room_total']:<3} "
              f"{result['people_right']:>3}/{result['people_total']:<3}")
        if args.show and args.show in path.name:
            for ref in result["missed"]:
                print(f"   missed {ref.get('date')} {ref.get('start')} {ref['title'][:70]!r} room={ref.get('room')}")
            for session in result["extra"]:
                print(f"   extra  {session.day} {session.start} {session.title[:70]!r} room={session.room!r}")
    recall = totals["right"] / totals["reference"] if totals["reference"] else 0
    precision = totals["right"] / totals["read"] if totals["read"] else 0
    print(f"\nall documents with session lists: recall {recall:.3f}, precision {precision:.3f} "
          f"({totals['right']} right of {totals['reference']} reference sessions, {totals['read']} read)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
