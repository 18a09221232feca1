"""CPU time per answered question, in one process, and where it goes: what the web chat's
throughput under load is made of (`bench/load.py`: 20 questions arriving together on 2 cores
wait about 20 × CPU per question / 2 for the last).

    python bench/cpu.py                      # real questions (bench/real_questions.py) over their own corpus, 1 round
    python bench/cpu.py --profile 25         # and the 25 costliest functions of one more round (cProfile, cumulative)
    python bench/cpu.py --questions load --rounds 3   # the load benchmark's conversations and the shipped set, shipped index
    python bench/cpu.py --questions load --conversations 2 --rounds 1 --index DIR   # a quick run (the smoke test's)

Real questions are the dev set's when `../shared/devset` is there (else the repository's editions
set), asked over the index of their own corpus (kept in `bench/out/speed-index/`, as
`bench/speed.py` keeps it). Every question is new to the process in each round (the vectors and
languages of questions it keeps are dropped between rounds); a follow-up's earlier turns are asked
before it, untimed, as in a server. The first round warms the process and is not counted.

Prints the CPU per question and where it goes by stage (question encoding, focus encoding,
language detection, the dense search, BM25, the schedule, the extractive answer, the rest), each stage's
own time (a stage inside another is counted in it only), timed by wrapping the functions that do
them (cheaper than a profiler, whose overhead inflates Python against the C of the encoder).
Process CPU time (`time.process_time`: every thread, the encoder's included) is steady on a busy
machine where wall time is not.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import functools
import importlib
import pstats
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.real_questions import ask_as_an_attendee, forget_questions, kept_index, question_set  # noqa: E402

# (stage, module, attribute): the function that does the stage. A stage called inside another is
# taken out of the outer one (the focus is encoded inside the extractive answer).
STAGES = [
    ("question encoding", "rag.retrieve", "HybridRetriever.embed"),
    ("language detection", "rag.retrieve", "detect_language"),
    ("language detection", "rag.assistant", "question_language"),
    ("dense search (vector store)", "rag.store", "VectorStore.search"),
    ("BM25", "rag.lexical", "LexicalIndex.search"),
    ("schedule", "rag.programme.schedule", "ScheduleAnswerer.decide"),
    ("focus encoding", "rag.answering.extractive", "focus_vector"),
    ("extractive answer (sentences, features, selection)", "rag.answering.extractive", "ExtractiveAnswerer.answer"),
]
# Counted inside the stages, not apart from them: every e5 encoding, and each time lingua runs.
PROBES = [
    ("encoder calls", "rag.embedders", "Embedder.encode_question"),
    ("lingua runs", "rag.language", "_best_guess.__wrapped__"),
]


class StageClock:
    """CPU seconds and calls of each stage, each stage's own (without the stages inside it)."""

    def __init__(self) -> None:
        self.own: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.probes: dict[str, list[float]] = defaultdict(list)
        self._stack: list[list] = []  # [stage, started, time of the stages inside]
        self._counting = False

    @contextlib.contextmanager
    def counting(self) -> Iterator[None]:
        """The wrapped functions count inside only (the untimed earlier turns of a follow-up do not)."""
        self._counting = True
        try:
            yield
        finally:
            self._counting = False

    def timed(self, stage: str, function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            if not self._counting or (self._stack and self._stack[-1][0] == stage):  # a stage calling itself: one call
                return function(*args, **kwargs)
            frame = [stage, time.process_time(), 0.0]
            self._stack.append(frame)
            try:
                return function(*args, **kwargs)
            finally:
                self._stack.pop()
                spent = time.process_time() - frame[1]
                self.own[stage] += spent - frame[2]
                self.calls[stage] += 1
                if self._stack:
                    self._stack[-1][2] += spent
        return wrapper

    def probed(self, probe: str, function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            if not self._counting:
                return function(*args, **kwargs)
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.probes[probe].append(time.process_time() - started)
        return wrapper

    @contextlib.contextmanager
    def watching(self) -> Iterator["StageClock"]:
        """The stages' functions wrapped while inside; a function that is not there is skipped."""
        undo = []
        try:
            for kind, table in (("stage", STAGES), ("probe", PROBES)):
                for name, module_name, attribute in table:
                    owner, leaf = _owner(module_name, attribute)
                    if owner is None:
                        continue
                    original = owner.__dict__[leaf] if isinstance(owner, type) else getattr(owner, leaf)
                    wrap = self.timed if kind == "stage" else self.probed
                    setattr(owner, leaf, wrap(name, original))
                    undo.append((owner, leaf, original))
            if "lingua runs" in [name for name, *_ in PROBES]:
                _wrap_lingua(self, undo)
            yield self
        finally:
            for owner, leaf, original in reversed(undo):
                setattr(owner, leaf, original)


def _owner(module_name: str, attribute: str):
    """(the object holding `attribute`'s last part, that part), or (None, None)."""
    try:
        owner = importlib.import_module(module_name)
    except ImportError:
        return None, None
    *path, leaf = attribute.split(".")
    for part in path:
        owner = getattr(owner, part, None)
        if owner is None:
            return None, None
    return (owner, leaf) if hasattr(owner, leaf) else (None, None)


def _wrap_lingua(clock: StageClock, undo: list) -> None:
    """lingua's detector behind a stand-in whose two methods are probed (its own type cannot be patched)."""
    import rag.language as language

    detector = language._detector

    def probed_detector():
        real = detector()
        return SimpleNamespace(
            detect_language_of=clock.probed("lingua runs", real.detect_language_of),
            compute_language_confidence_values=clock.probed("lingua runs", real.compute_language_confidence_values),
        )

    language._detector = probed_detector
    undo.append((language, "_detector", detector))


def stage_table(clock: StageClock, questions: int, total_cpu_s: float) -> str:
    """Markdown: each stage's CPU per question, share and calls per question, then the probes."""
    per_question = lambda seconds: seconds * 1000 / questions  # noqa: E731
    lines = ["| stage | CPU per question (ms) | share | calls per question |", "|---|---|---|---|"]
    rest = total_cpu_s - sum(clock.own.values())
    for stage, seconds in [*sorted(clock.own.items(), key=lambda item: -item[1]), ("the rest (query preparation, ranking, citations…)", rest)]:
        calls = f"{clock.calls[stage] / questions:.2f}" if stage in clock.calls else ""
        lines.append(f"| {stage} | {per_question(seconds):.1f} | {seconds / total_cpu_s:.0%} | {calls} |")
    lines.append(f"| **all** | **{per_question(total_cpu_s):.1f}** | 100% | |")
    for probe, spent in clock.probes.items():
        lines.append(f"\n{probe}: {len(spent) / questions:.2f} per question, {statistics.fmean(spent) * 1000:.1f} ms of CPU each"
                     f" ({per_question(sum(spent)):.1f} ms per question, counted in the stages above)")
    return "\n".join(lines)


def load_conversations() -> list[list[SimpleNamespace]]:
    """The load benchmark's conversations, then each case of the shipped evaluation set with its
    history; each conversation a list of cases (question, history, lang, clock)."""
    import json

    from bench.load import CONVERSATIONS

    talks = [(language, questions) for language, questions in CONVERSATIONS]
    for line in (ROOT / "eval" / "sets" / "shipped.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        talks.append((case.get("lang", "?"), [*case.get("history", []), case["question"]]))
    return [[SimpleNamespace(question=q, history=questions[:n], lang=language, clock=None) for n, q in enumerate(questions)]
            for language, questions in talks]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", choices=("real", "load"), default="real",
                        help="real: the dev set's (else the editions set's) over their corpus; load: the load benchmark's and the shipped set over the shipped corpus")
    parser.add_argument("--rounds", type=int, default=1, help="counted rounds over the questions (after one warm-up round)")
    parser.add_argument("--profile", type=int, metavar="N", help="also print the N costliest functions of one more round (cProfile)")
    parser.add_argument("--conversations", type=int, metavar="N", help="only the first N conversations (--questions load) or cases (real)")
    parser.add_argument("--question-set", type=Path, metavar="DIR",
                        help="real questions: a folder with questions.jsonl and the corpus/ they are about (default: ../shared/devset, else the editions set)")
    parser.add_argument("--corpus", type=Path, help="corpus folder (default: the questions')")
    parser.add_argument("--index", type=Path, help="index folder (default: real: the kept one; load: the settings')")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="where the kept index of real questions lives (speed-index/)")
    args = parser.parse_args(argv)

    from rag.assistant import Assistant
    from rag.settings import Settings

    if args.questions == "real":
        chosen = question_set(args.question_set)
        cases = chosen.cases()[: args.conversations]
        corpus = args.corpus or chosen.corpus
        index = args.index or kept_index(chosen, Settings().embedder, args.out / "speed-index")
        described = f"{chosen.name} ({chosen.questions})"
    else:
        cases = [case for talk in load_conversations()[: args.conversations] for case in talk]
        corpus, index, described = args.corpus, args.index, "the load benchmark's conversations and the shipped set"
    settings = Settings(**{key: value for key, value in (("corpus_dir", corpus), ("index_dir", index)) if value is not None})
    assistant = Assistant(settings)
    ask_as_an_attendee(assistant, cases)  # warm-up: lazy models, caches of the index

    clock = StageClock()
    spent: list[float] = []
    with clock.watching():
        for _ in range(args.rounds):
            spent += [timing.cpu_ms for timing in ask_as_an_attendee(assistant, cases, clock.counting)]
    ms = sorted(spent)
    print(f"{settings.embedder}, {described}: {len(ms)} questions ({len(ms) // args.rounds} per round × {args.rounds}): "
          f"CPU per question mean {statistics.fmean(ms):.1f} ms, p50 {statistics.median(ms):.1f}, "
          f"p95 {ms[round(0.95 * (len(ms) - 1))]:.1f}")
    print("\nWhere it goes (CPU of the timed questions; the earlier turns of follow-ups, asked before them, are not counted):\n")
    print(stage_table(clock, len(ms), sum(ms) / 1000))
    if args.profile:
        forget_questions(assistant)
        profiler = cProfile.Profile()
        profiler.enable()
        ask_as_an_attendee(assistant, cases)
        profiler.disable()
        print()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
