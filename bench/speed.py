"""Speed and memory of congress-chat beside the LangChain tutorial pipeline.

    .venv/bin/python bench/speed.py [--chunks 10000] [--embedder e5-small] [--rebuild] [--out bench/out]
    .venv/bin/python bench/speed.py --chunks 30 --asks 3 --embedder use-m3 --out /tmp/speed   # a quick run (the smoke test's)

Two corpora: the shipped one, indexed from nothing on every run (the organiser's first
`congress-chat ingest`: goal ≤ 30 s), and a synthetic one of about `--chunks` chunks.
Each system runs in its own process, so peak memory is its own, and reports: ingest
throughput (chunks/s, fresh index), re-ingest of the unchanged corpus (in process, and as a
whole `congress-chat ingest` command), warm ask latency p50/p95 over 100 questions and the
process CPU time per ask (retrieval + extractive answer; the tutorial: retrieval only), and
peak RSS.

congress-chat's synthetic index is built once per embedder and size and kept in
OUT/speed-index/ (10,000 chunks take about half an hour to embed with e5-small on 2 cores):
later runs bring it up to date with `ingest` (nothing to do unless the chunker or the
corpus changed) and measure re-ingest and asks on it; its row then gives the throughput,
time and peak memory of the run that built it, with that run's date and commit. `--rebuild`
builds it again. The tutorial's index (all-MiniLM-L6-v2, ~20 chunks/s) is built on every run.

Wall times depend on what else the machine runs: the load average is printed with them, and
the CPU time per ask is the steadier figure. Prints a Markdown table and writes it to
OUT/speed.md, raw figures to OUT/speed.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
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
# Issue 11's targets (asks at 10,000 chunks, index of the shipped corpus from nothing, unchanged re-ingest).
TARGETS = {"ask p50": "≤ 60 ms at 10k chunks", "ask p95": "≤ 120 ms at 10k chunks",
           "shipped corpus from nothing": "≤ 30 s", "re-ingest unchanged": "≤ 1 s"}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def warm_latencies(ask, asks: int = N_ASKS) -> dict[str, float]:
    """Wall p50 and p95 and mean process CPU, in ms, of `ask(question)` over `asks` questions, after one warm-up call."""
    ask(QUESTIONS[0])
    latencies, cpu = [], []
    for number in range(asks):
        started, cpu_started = time.perf_counter(), time.process_time()
        ask(QUESTIONS[number % len(QUESTIONS)])
        latencies.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    p50, p95 = percentiles(latencies)
    return {"ask_p50_ms": p50, "ask_p95_ms": p95, "ask_cpu_ms": statistics.fmean(cpu)}


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def congress_worker(corpus: Path, index_dir: Path, embedder: str, asks: int = N_ASKS) -> dict:
    """congress-chat: ingest (a build when the index is new or out of date), unchanged re-ingest, warm asks."""
    from rag.assistant import Assistant
    from rag.ingest import ingest
    from rag.settings import Settings

    settings = Settings(corpus_dir=corpus, index_dir=index_dir, embedder=embedder)
    first = ingest(settings)
    built = None
    if not first.up_to_date:
        built = {"chunks": first.chunks, "seconds": first.seconds, "peak_rss_mb": peak_rss_mb()}
    again = ingest(settings)
    started = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).parent / "congress-chat"), "ingest", "--corpus", str(corpus), "--index", str(index_dir),
         "--embedder", embedder, "--quiet"],
        check=True, capture_output=True,
    )
    command_seconds = time.perf_counter() - started
    assistant = Assistant(settings)
    return {
        "embedder": settings.embedder, "built": built, "chunks": len(assistant.index.chunks),
        "reingest_s": again.seconds, "reingest_command_s": command_seconds,
        **warm_latencies(assistant.ask, asks), "peak_rss_mb": peak_rss_mb(),
    }


def tutorial_worker(corpus: Path, work: Path, asks: int = N_ASKS) -> dict:
    """The LangChain tutorial pipeline: build, warm retrievals."""
    from bench.baseline import TutorialRetriever

    retriever = TutorialRetriever.build(corpus, work / "tutorial", threads=len(os.sched_getaffinity(0)))
    return {
        "embedder": "minilm", "built": {"chunks": retriever.chunks, "seconds": retriever.build_seconds, "peak_rss_mb": peak_rss_mb()},
        "chunks": retriever.chunks, **warm_latencies(retriever.retrieve, asks), "peak_rss_mb": peak_rss_mb(),
    }


def run_worker(*arguments: str, asks: int = N_ASKS) -> dict:
    command = [sys.executable, __file__, "--worker", *arguments, "--asks", str(asks)]
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(output.strip().splitlines()[-1])


def shipped_from_nothing(embedder: str, asks: int = N_ASKS) -> dict:
    """The whole `congress-chat ingest` command over the shipped corpus into an empty folder, then the rest in a worker."""
    with tempfile.TemporaryDirectory() as work:
        index = Path(work) / "index"
        started = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "congress-chat"), "ingest", "--corpus", str(ROOT / "corpus"),
                        "--index", str(index), "--embedder", embedder, "--quiet"], check=True, capture_output=True, cwd=ROOT)
        command_seconds = time.perf_counter() - started
        shutil.rmtree(index)
        figures = run_worker("congress", str(ROOT / "corpus"), str(index), embedder, asks=asks)
    return {**figures, "from_nothing_command_s": command_seconds}


def synthetic_kept(chunks: int, embedder: str, cache: Path, rebuild: bool, asks: int = N_ASKS) -> dict:
    """congress-chat over the synthetic corpus, its index kept in `cache` between runs (see the module's docstring)."""
    from bench.synthetic import generate

    folder = cache / f"congress-{embedder}-{chunks}"
    record = folder / "build.json"
    if rebuild and folder.exists():
        shutil.rmtree(folder)
    if not (folder / "corpus").is_dir():
        generate(folder / "corpus", chunks)  # deterministic: the same files on every run
    figures = run_worker("congress", str(folder / "corpus"), str(folder / "index"), embedder, asks=asks)
    if figures["built"] is not None:
        figures["built"] |= {"date": dt.date.today().isoformat(), "commit": commit(), "load_average": load_average()}
        record.write_text(json.dumps(figures["built"], indent=1), encoding="utf-8")
    elif record.is_file():
        figures["built"] = {**json.loads(record.read_text(encoding="utf-8")), "kept": True}
    return figures


def tutorial(corpus: Path, asks: int = N_ASKS) -> dict:
    with tempfile.TemporaryDirectory() as work:
        return run_worker("tutorial", str(corpus), work, "minilm", asks=asks)


def table(rows: list[tuple[str, str, dict]]) -> str:
    lines = [
        "| corpus | system | chunks | index from nothing (s) | ingest (chunks/s) | re-ingest unchanged (s, in process / whole command) "
        "| ask p50 (ms) | ask p95 (ms) | ask CPU (ms) | peak RSS (MB) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for corpus, system, r in rows:
        built = r.get("built") or {}
        seconds = r.get("from_nothing_command_s") or built.get("seconds")
        index = "—" if seconds is None else f"{seconds:.1f}"
        if "from_nothing_command_s" in r and built:
            index += f" ({built['seconds']:.1f} in process)"
        throughput = f"{built['chunks'] / built['seconds']:.1f}" if built.get("seconds") else "—"
        if built.get("kept"):
            index += f" (kept, built {built.get('date')} at {built.get('commit')})"
        reingest = f"{r['reingest_s']:.3f} / {r['reingest_command_s']:.2f}" if "reingest_s" in r else "—"
        peak = f"{r['peak_rss_mb']:.0f}" + (f" (build {built['peak_rss_mb']:.0f})" if built.get("kept") else "")
        lines.append(
            f"| {corpus} | {system} | {r['chunks']:,} | {index} | {throughput} | {reingest} | {r['ask_p50_ms']:.1f} | {r['ask_p95_ms']:.1f} "
            f"| {r['ask_cpu_ms']:.1f} | {peak} |"
        )
    lines.append("")
    lines.append("Targets (issue 11): " + ", ".join(f"{k} {v}" for k, v in TARGETS.items())
                 + ". The tutorial's 'ask' is retrieval only (no answer); its index is all-MiniLM-L6-v2, built on every run.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chunks", type=int, default=10_000)
    parser.add_argument("--asks", type=int, default=N_ASKS, help=f"warm questions timed per system and corpus (default {N_ASKS})")
    parser.add_argument("--embedder", help="congress-chat's encoder (default: the settings' default, e5-small)")
    parser.add_argument("--rebuild", action="store_true", help="build the kept synthetic index again")
    parser.add_argument("--no-tutorial", action="store_true", help="congress-chat only")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--worker", nargs=4, metavar=("SYSTEM", "CORPUS", "WORK", "EMBEDDER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        system, corpus, work, embedder = args.worker
        if system == "congress":
            figures = congress_worker(Path(corpus), Path(work), embedder, args.asks)
        else:
            figures = tutorial_worker(Path(corpus), Path(work), args.asks)
        print(json.dumps(figures))
        return 0

    from bench.synthetic import generate
    from rag.settings import Settings

    embedder = args.embedder or Settings().embedder
    print(f"# congress-chat speed — {dt.date.today()}, commit {commit()}, {len(os.sched_getaffinity(0))} cores, "
          f"Python {platform.python_version()}, embedder {embedder}; load average {load_average()}\n", flush=True)
    rows = []
    synthetic_label = f"synthetic (~{args.chunks:,} chunks)"
    print("… shipped: congress-chat", file=sys.stderr, flush=True)
    rows.append(("shipped (3 articles, 3 programmes)", f"congress-chat ({embedder})", shipped_from_nothing(embedder, args.asks)))
    if not args.no_tutorial:
        print("… shipped: LangChain tutorial", file=sys.stderr, flush=True)
        rows.append(("shipped (3 articles, 3 programmes)", "LangChain tutorial", tutorial(ROOT / "corpus", args.asks)))
    print(f"… {synthetic_label}: congress-chat (index kept in {args.out / 'speed-index'})", file=sys.stderr, flush=True)
    rows.append((synthetic_label, f"congress-chat ({embedder})",
                 synthetic_kept(args.chunks, embedder, args.out / "speed-index", args.rebuild, args.asks)))
    if not args.no_tutorial:
        print(f"… {synthetic_label}: LangChain tutorial", file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory() as scratch:
            generate(Path(scratch) / "synthetic", args.chunks)
            rows.append((synthetic_label, "LangChain tutorial", tutorial(Path(scratch) / "synthetic", args.asks)))
    text = table(rows) + f"\n\nLoad average at the end: {load_average()}."
    print(text)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "speed.md").write_text(text + "\n", encoding="utf-8")
    (args.out / "speed.json").write_text(json.dumps([{"corpus": c, "system": s, **r} for c, s, r in rows], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
