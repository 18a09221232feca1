"""Speed and memory of congress-chat beside the LangChain tutorial pipeline.

    .venv/bin/python bench/speed.py [--chunks 10000] [--out bench/out]

For the shipped corpus and a synthetic corpus of about `--chunks` chunks, each system runs
in its own process (so peak memory is its own) and reports: ingest throughput (chunks/s,
fresh index), re-ingest of the unchanged corpus (in process, and as a whole
`congress-chat ingest` command), warm ask latency p50/p95 over 100 questions (retrieval +
extractive answer; the tutorial: retrieval only), and peak RSS. Prints a Markdown table
and writes it to OUT/speed.md, raw figures to OUT/speed.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    "Quand a lieu le congrès ?", "Où se tient la 4e édition du congrès de néphrologie ?", "Qui préside la société ?",
    "Quel est le thème du congrès de cardiologie de Rabat ?", "Combien de participants au congrès d'Agadir en 2019 ?",
    "Quels ateliers étaient proposés ?", "Qui a présenté les résultats de l'étude ?", "Et quel était son thème ?",
    "Where was the pediatrics congress held?", "Who chaired the 2nd edition?", "What was the theme of the oncology congress?",
    "How many patients were followed in the study?", "When did the radiology congress take place?",
    "Which workshops were offered to young doctors?", "Is there a registration fee?",
    "أين انعقد مؤتمر أمراض القلب؟", "ما هو موضوع المؤتمر؟", "من ترأس الدورة الثانية؟", "متى انعقد مؤتمر الأشعة في مراكش؟",
    "كم عدد المشاركين؟", "Qui dirige la Fondation Promalab ?", "Quelle est la date de la master class ?",
    "Who is the president of the SMR?", "ما هو موضوع مؤتمر الأورام؟", "Quels cancers étaient au programme ?",
]
N_ASKS = 100
TARGETS = {"ask_p50_ms": "≤ 25 (10k)", "ask_p95_ms": "≤ 60 (10k)", "ingest_chunks_per_s": "≥ 50", "reingest_s": "≤ 1"}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def warm_latencies(ask) -> tuple[float, float]:
    """p50 and p95 in ms of `ask(question)` over N_ASKS questions, after one warm-up call."""
    ask(QUESTIONS[0])
    latencies = []
    for number in range(N_ASKS):
        started = time.perf_counter()
        ask(QUESTIONS[number % len(QUESTIONS)])
        latencies.append((time.perf_counter() - started) * 1000)
    return percentiles(latencies)


def congress_worker(corpus: Path, work: Path) -> dict:
    """congress-chat: fresh ingest, unchanged re-ingest, warm asks."""
    from rag.assistant import Assistant
    from rag.ingest import ingest
    from rag.settings import Settings

    settings = Settings(corpus_dir=corpus, index_dir=work / "index")
    first = ingest(settings)
    again = ingest(settings)
    started = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).parent / "congress-chat"), "ingest", "--corpus", str(corpus), "--index", str(work / "index"), "--quiet"],
        check=True, capture_output=True,
    )
    command_seconds = time.perf_counter() - started
    assistant = Assistant(settings)
    p50, p95 = warm_latencies(assistant.ask)
    return {
        "chunks": first.chunks, "ingest_s": first.seconds, "ingest_chunks_per_s": first.chunks / first.seconds,
        "reingest_s": again.seconds, "reingest_command_s": command_seconds,
        "ask_p50_ms": p50, "ask_p95_ms": p95, "peak_rss_mb": peak_rss_mb(),
    }


def tutorial_worker(corpus: Path, work: Path) -> dict:
    """The LangChain tutorial pipeline: build, warm retrievals."""
    from bench.baseline import TutorialRetriever

    retriever = TutorialRetriever.build(corpus, work / "tutorial", threads=len(os.sched_getaffinity(0)))
    p50, p95 = warm_latencies(retriever.retrieve)
    return {
        "chunks": retriever.chunks, "ingest_s": retriever.build_seconds, "ingest_chunks_per_s": retriever.chunks / retriever.build_seconds,
        "ask_p50_ms": p50, "ask_p95_ms": p95, "peak_rss_mb": peak_rss_mb(),
    }


def run_worker(system: str, corpus: Path) -> dict:
    with tempfile.TemporaryDirectory() as work:
        output = subprocess.run(
            [sys.executable, __file__, "--worker", system, "--corpus", str(corpus), "--work", work],
            check=True, capture_output=True, text=True, cwd=ROOT,
        ).stdout
    return json.loads(output.strip().splitlines()[-1])


def table(rows: list[tuple[str, str, dict]]) -> str:
    lines = [
        "| corpus | system | chunks | ingest (chunks/s) | re-ingest unchanged (s, in process / whole command) | ask p50 (ms) | ask p95 (ms) | peak RSS (MB) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for corpus, system, r in rows:
        reingest = f"{r['reingest_s']:.3f} / {r['reingest_command_s']:.2f}" if "reingest_s" in r else "—"
        lines.append(
            f"| {corpus} | {system} | {r['chunks']} | {r['ingest_chunks_per_s']:.0f} | {reingest} | {r['ask_p50_ms']:.1f} | {r['ask_p95_ms']:.1f} | {r['peak_rss_mb']:.0f} |"
        )
    lines.append("")
    lines.append("Targets: " + ", ".join(f"{k} {v}" for k, v in TARGETS.items()) + ". The tutorial's 'ask' is retrieval only (no answer).")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--worker", choices=["congress", "tutorial"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker = congress_worker if args.worker == "congress" else tutorial_worker
        print(json.dumps(worker(args.corpus, args.work)))
        return

    from bench.synthetic import generate

    print(f"# congress-chat speed — {dt.date.today()}, {len(os.sched_getaffinity(0))} cores, Python {platform.python_version()}\n", flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        synthetic = Path(scratch) / "synthetic"
        generate(synthetic, args.chunks)
        for label, corpus in [("shipped (3 articles)", ROOT / "corpus"), (f"synthetic (~{args.chunks:,} chunks)", synthetic)]:
            for system, name in [("congress", "congress-chat"), ("tutorial", "LangChain tutorial")]:
                print(f"… {label}: {name}", file=sys.stderr, flush=True)
                rows.append((label, name, run_worker(system, corpus)))
    text = table(rows)
    print(text)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "speed.md").write_text(text + "\n", encoding="utf-8")
    (args.out / "speed.json").write_text(json.dumps([{"corpus": c, "system": s, **r} for c, s, r in rows], indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
