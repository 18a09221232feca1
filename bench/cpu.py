"""CPU time per answered question, in one process, over the shipped index: what the web chat's
throughput under load is made of (`bench/load.py`: 20 questions arriving together on 2 cores
wait about 20 × CPU per question / 2 for the last).

    python bench/cpu.py                 # the load benchmark's conversations and the shipped set, 3 rounds
    python bench/cpu.py --profile 25    # and the 25 costliest functions (cProfile, cumulative time)
    python bench/cpu.py --conversations 2 --rounds 1 --index DIR   # a quick run (the smoke test's)

Every question is new to the process in each round (the vectors of questions the embedder keeps
are dropped between rounds); a follow-up reuses its conversation's earlier questions, as in a
server. Process CPU time (`time.process_time`: every thread, the encoder's included) is steady on a
busy machine where wall time is not. Each round asks every question once, in conversation order
(follow-ups carry their history); the first round also warms the process and is not counted.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load import CONVERSATIONS  # noqa: E402


def conversations() -> list[list[str]]:
    """The load benchmark's conversations, then each case of the shipped evaluation set with its history."""
    talks = [questions for _, questions in CONVERSATIONS]
    for line in (ROOT / "eval" / "sets" / "shipped.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        talks.append([*case.get("history", []), case["question"]])
    return talks


def ask_all(assistant, talks: list[list[str]]) -> list[float]:
    """CPU seconds of each question, asked with the conversation's earlier questions, as a server
    meets them the first time (the question vectors it keeps are dropped before each round)."""
    assistant.embedder.forget_questions()
    spent = []
    for questions in talks:
        for number, question in enumerate(questions):
            began = time.process_time()
            assistant.ask(question, questions[:number])
            spent.append(time.process_time() - began)
    return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="counted rounds over the questions (after one warm-up round)")
    parser.add_argument("--profile", type=int, metavar="N", help="print the N costliest functions of the counted rounds")
    parser.add_argument("--conversations", type=int, metavar="N", help="only the first N conversations (default: all)")
    parser.add_argument("--corpus", type=Path, help="corpus folder (default: the settings', the shipped corpus)")
    parser.add_argument("--index", type=Path, help="index folder (default: the settings')")
    args = parser.parse_args(argv)

    from rag.assistant import Assistant
    from rag.settings import Settings

    settings = Settings(**{key: value for key, value in (("corpus_dir", args.corpus), ("index_dir", args.index)) if value is not None})
    assistant = Assistant(settings)
    talks = conversations()[: args.conversations]
    ask_all(assistant, talks)  # warm-up: lazy models, session vectors, caches of the index
    profiler = cProfile.Profile() if args.profile else None
    spent: list[float] = []
    if profiler:
        profiler.enable()
    for _ in range(args.rounds):
        spent += ask_all(assistant, talks)
    if profiler:
        profiler.disable()
    ms = sorted(s * 1000 for s in spent)
    print(f"{settings.embedder}, {len(ms)} questions ({len(ms) // args.rounds} per round × {args.rounds}): "
          f"CPU per question mean {statistics.fmean(ms):.1f} ms, p50 {statistics.median(ms):.1f}, "
          f"p95 {ms[round(0.95 * (len(ms) - 1))]:.1f}")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
