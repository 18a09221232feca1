"""The questions the speed benchmarks ask as attendees do, and the index of their own corpus.

Real questions, not templates: the dev set's (`../shared/devset/questions.jsonl` beside the
repository: 408 questions in French, English and Arabic at their real length, follow-ups with their
`history`) when it is there, else the repository's own set most like it (`eval/sets/editions.jsonl`:
309 questions in the three languages, follow-ups too). They are read where they lie, at run time;
none is copied into the repository.

An attendee of a running server asks each question once, the earlier turns of a follow-up having
been asked before (the server keeps their vectors): `ask_as_an_attendee` asks them so, one at a
time, after the process has forgotten every question it met (`forget_questions`).
"""

from __future__ import annotations

import contextlib
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ContextManager

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = ROOT.parent / "shared" / "devset"


@dataclass(frozen=True)
class QuestionSet:
    name: str
    questions: Path  # one case a line: {"id", "question", "lang", "history", "now"…}
    corpus: Path  # the documents the questions are about

    def cases(self) -> list:
        """The set's cases (`eval.harness.Case`: question, lang, history, clock)."""
        from eval.harness import load_cases

        return load_cases(self.questions)[0]


def question_set(folder: Path | None = None) -> QuestionSet:
    """The questions of `folder` (its questions.jsonl, about the documents of its corpus/; default: the
    dev set) when they are there, else the repository's editions set."""
    folder = folder or DEV_SET
    if (folder / "questions.jsonl").is_file() and (folder / "corpus").is_dir():
        return QuestionSet("dev set" if folder == DEV_SET else folder.name, folder / "questions.jsonl", folder / "corpus")
    return QuestionSet("editions set", ROOT / "eval" / "sets" / "editions.jsonl", ROOT / "eval" / "corpora" / "fictional-editions")


def kept_index(questions: QuestionSet, embedder: str, cache: Path) -> Path:
    """The index of the set's corpus, built once in `cache` and brought up to date on later runs
    (nothing to do unless the corpus or the chunker changed)."""
    from rag.ingest import ingest
    from rag.settings import Settings

    index = kept_index_dir(questions, embedder, cache)
    ingest(Settings(corpus_dir=questions.corpus, index_dir=index, embedder=embedder))
    return index


def kept_index_dir(questions: QuestionSet, embedder: str, cache: Path) -> Path:
    return cache / f"{questions.name.replace(' ', '-')}-{embedder}" / "index"


def forget_questions(assistant) -> None:
    """Drop what the process keeps of the questions it met (their vectors, their languages), so that
    each is asked as a server meets it the first time."""
    from rag.language import _best_guess

    if assistant.embedder is not None:
        assistant.embedder.forget_questions()
    _best_guess.cache_clear()


@dataclass(frozen=True)
class Timing:
    language: str
    wall_ms: float
    cpu_ms: float  # the process's, every thread's


def ask_as_an_attendee(assistant, cases: list, timing: Callable[[], ContextManager] = contextlib.nullcontext) -> list[Timing]:
    """Each case asked once, in order, timed (wall and process CPU) inside `timing()`; a follow-up's
    earlier turns are asked first, untimed, as the attendee asked them before."""
    forget_questions(assistant)
    timings = []
    for case in cases:
        for number, turn in enumerate(case.history):
            assistant.ask(turn, case.history[:number], now=case.clock)
        with timing():
            started, cpu_started = time.perf_counter(), time.process_time()
            assistant.ask(case.question, case.history, now=case.clock)
        timings.append(Timing(case.lang or "?", (time.perf_counter() - started) * 1000, (time.process_time() - cpu_started) * 1000))
    return timings


def percentile(values: list[float], share: float) -> float:
    """The value at `share` of the sorted values (0.95: p95), as `congress-chat eval` reads it."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def by_language(timings: list[Timing]) -> dict[str, dict[str, float]]:
    """{"all" and each language: {"asked", "p50_ms", "p95_ms", "mean_ms", "cpu_mean_ms"}}."""
    groups: dict[str, list[Timing]] = {"all": timings}
    for timing in timings:
        groups.setdefault(timing.language, []).append(timing)
    return {
        group: {
            "asked": len(members),
            "p50_ms": statistics.median(t.wall_ms for t in members),
            "p95_ms": percentile([t.wall_ms for t in members], 0.95),
            "mean_ms": statistics.fmean(t.wall_ms for t in members),
            "cpu_mean_ms": statistics.fmean(t.cpu_ms for t in members),
        }
        for group, members in sorted(groups.items(), key=lambda item: (item[0] != "all", item[0]))
        if members
    }
