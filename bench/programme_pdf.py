"""How long a published programme PDF takes to read (text, blocks and sessions), and the memory
it takes: a fictional 40-page brochure written with reportlab (two columns a page, a day
heading, timed sessions with chairs and talks), read by `rag.documents.load_document` as ingest
reads it. Prints seconds and peak memory; no threshold (a benchmark, not a test).

    .venv/bin/python bench/programme_pdf.py [--pages 40] [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def write_brochure(path: Path, pages: int) -> int:
    """A fictional brochure: every page two columns of eight sessions; returns the number of sessions."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    sessions = 0
    for page in range(pages):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(40, height - 30, f"Congrès fictif de test — programme, page {page + 1}/{pages}")
        canvas.setFont("Helvetica-Bold", 12)
        canvas.drawString(40, height - 55, f"Jour {page + 1} — {['Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche'][page % 7]} {1 + page % 28} juin 2026")
        for column, x in enumerate((40, width / 2 + 10)):
            y = height - 85
            for slot in range(8):
                hour = 8 + column * 4 + slot // 2
                minute = 30 * (slot % 2)
                canvas.setFont("Helvetica-Bold", 9)
                canvas.drawString(x, y, f"{hour}h{minute:02d} – {hour + (minute + 30) // 60}h{(minute + 30) % 60:02d} Session fictive {page}-{column}-{slot}")
                canvas.setFont("Helvetica", 8)
                canvas.drawString(x + 10, y - 11, f"Modérateurs : Pr Amina Fictive{slot}, Dr Omar Songe")
                canvas.drawString(x + 10, y - 22, f"Exposé fictif {slot} – Dr Nadia Chimère{column}")
                y -= 40
                sessions += 1
        canvas.drawString(40, 25, "Document fictif pour les tests — aucun événement réel")
        canvas.showPage()
    canvas.save()
    return sessions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from rag.documents import load_document
    from rag.programme.model import programme_from_json

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "brochure-fictive.pdf"
        written = write_brochure(path, args.pages)
        size = path.stat().st_size
        load_document(path, Path(folder))  # imports and first-use costs out of the timing
        seconds = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            document = load_document(path, Path(folder))
            seconds.append(time.perf_counter() - started)
        tracemalloc.start()
        load_document(path, Path(folder))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    read = len(programme_from_json(document.metadata["programme"]).sessions) if document.metadata.get("programme") else 0
    print(f"{args.pages}-page programme PDF ({size / 1e3:,.0f} kB): {written} sessions written, {read} read")
    print(f"read in {statistics.median(seconds):.2f} s (median of {args.repeat}; min {min(seconds):.2f}, max {max(seconds):.2f})")
    print(f"peak Python memory while reading {peak / 1e6:.0f} MB; process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB")
    print(f"schedule line: {document.metadata.get('schedule')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
