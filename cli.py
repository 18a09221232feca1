"""`congress-chat`: the command line, an adapter over `rag/`.

Heavy modules (models, Chroma, Gradio) are imported inside the chosen subcommand, so
`--help` answers at once. Errors users can cause print one line and exit 2; an ingest
that skipped unreadable files exits 3 (partial), as does one whose every file was refused
(nothing indexed). SIGTERM (service managers, containers) stops a command as Ctrl-C does:
the index being built is left aside, the previous one keeps answering (exit 143, or 130).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import signal
import sys
import textwrap
import time
from pathlib import Path

EXIT_ERROR = 2
EXIT_PARTIAL = 3


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so it unwinds like Ctrl-C."""


def _raise_terminated(signum, frame) -> None:
    raise Terminated()


def _settings_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--corpus", dest="corpus_dir", type=Path, help="corpus folder (default: corpus, or $CONGRESS_CHAT_CORPUS_DIR)")
    parent.add_argument("--index", dest="index_dir", type=Path, help="index folder (default: one per corpus under .congress-chat/indexes)")
    parent.add_argument("--embedder", help="e5-small (default), use-m3 (fast), minilm, or st:<sentence-transformers model>")
    parent.add_argument("--chroma-url", dest="chroma_url", help="Chroma server, e.g. http://127.0.0.1:8000 (default: embedded store)")
    parent.add_argument("--threads", type=int, help="threads for embedding (default: the machine's cores)")
    parent.add_argument("--llm-backend", dest="llm_backend", choices=["extractive", "openai-compatible", "ollama"], help="answer with an LLM (default: extractive, no LLM)")
    parent.add_argument("--llm-model", dest="llm_model", help="model name for the LLM backend")
    parent.add_argument("--llm-base-url", dest="llm_base_url", help="endpoint of the LLM backend (API key: $CONGRESS_CHAT_LLM_API_KEY)")
    return parent


# What each command does in one sentence, and its most useful invocations (`--help`'s epilog).
_HELP = {
    "congress-chat": (
        "Cited answers over medical congress documents (French, English, Arabic), offline, from a local index of corpus/.",
        """Examples:
  congress-chat ask "Quand a lieu le congrès de l'OMM ?"   # builds the index on first use
  congress-chat ingest                                     # rebuild the index after changing corpus/
  congress-chat serve                                      # web chat on http://127.0.0.1:7860
  congress-chat eval eval/sets/shipped.jsonl --out eval/out/today

Run `congress-chat COMMAND --help` for a command's options. Settings also come from
CONGRESS_CHAT_* environment variables (e.g. CONGRESS_CHAT_DATA_DIR: where indexes and
feedback are written). Exit status: 0 ok, 2 an error you can fix, 3 partial, 4 below a floor.""",
    ),
    "ingest": (
        "Build or update the index of the corpus folder: only new or changed files are embedded, "
        "and the previous index keeps answering until the new one is complete.",
        """Examples:
  congress-chat ingest                              # index corpus/ (incremental)
  congress-chat ingest --corpus my-congress/ --quiet
  congress-chat ingest --embedder use-m3            # faster to index a very large corpus

Exit status 3 when some files were skipped (each is named on stderr with the reason).""",
    ),
    "ask": (
        "Answer a question from the indexed documents, with numbered citations, or refuse when they do not say; "
        "the first question builds the index if there is none.",
        """Examples:
  congress-chat ask "Who is the director of the Promalab foundation?"
  congress-chat ask "Who is the president of the SMR?" --json
  congress-chat ask "Et quel était son thème ?" --history "Parle-moi du congrès de l'OMM"
  congress-chat ask --batch questions.jsonl         # one JSON answer per line""",
    ),
    "eval": (
        "Run a test set (JSONL) through the assistant and score retrieval, answers, citations, refusals and latency; "
        "writes results.jsonl, metrics.json, report.html and report.md to --out.",
        """Examples:
  congress-chat eval eval/sets/shipped.jsonl --out eval/out/today
  congress-chat eval my-questions.jsonl --corpus my-corpus/ --fail-under hit@1=0.9 --fail-under accuracy=0.8
  congress-chat eval eval/sets/shipped.jsonl --out eval/out/new --compare eval/out/today

Exit status 3 when lines of the set were skipped, 4 when a metric is below its --fail-under floor.""",
    ),
    "serve": (
        "Start the web chat for attendees (and the organiser space, when CONGRESS_CHAT_ORGANISER_PASSWORD is set); "
        "builds the index first if there is none.",
        """Examples:
  congress-chat serve                               # http://127.0.0.1:7860
  congress-chat serve --host 0.0.0.0 --port 8080    # reachable from other machines (put HTTPS in front)
  CONGRESS_CHAT_ORGANISER_PASSWORD='a long passphrase' congress-chat serve   # also /organiser/

The port opens at once: /healthz answers 200 while the models and the index load, /readyz 200
(generation, documents) once the chat answers. Replicas sharing one data folder, Chroma server
(CONGRESS_CHAT_CHROMA_URL) and database (CONGRESS_CHAT_DATABASE_URL) each answer from the index
generation the last rebuild made current; one rebuild runs at a time.""",
    ),
    "feedback": (
        "Attendees' thumbs up and down from the web chat, stored in the data folder (SQLite) or, when "
        "CONGRESS_CHAT_DATABASE_URL is set, in that PostgreSQL database.",
        """Examples:
  congress-chat feedback export --format csv --out feedback.csv
  congress-chat feedback export --format jsonl --out eval/sets/from-attendees.jsonl""",
    ),
    "feedback export": (
        "Write the feedback as CSV (every rating) or as JSONL (thumbs-down answers as evaluation cases whose "
        "answer, must_contain and doc_ids you complete).",
        """Examples:
  congress-chat feedback export                     # CSV on standard output
  congress-chat feedback export --format csv --out feedback.csv
  congress-chat feedback export --format jsonl --out eval/sets/from-attendees.jsonl""",
    ),
}


def _described(name: str) -> dict:
    """The keyword arguments that give a parser its one-sentence description and examples."""
    description, epilog = _HELP[name]
    return {"description": textwrap.fill(description, 88), "epilog": epilog, "formatter_class": argparse.RawDescriptionHelpFormatter}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="congress-chat", **_described("congress-chat"))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = _settings_options()

    ingest = commands.add_parser("ingest", parents=[common], help="build or update the index of the corpus", **_described("ingest"))
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.add_argument("--workers", dest="ingest_workers", type=int, metavar="N", help="processes embedding passages (default: the machine's cores, at most 4; 1: embed in this process)")

    ask = commands.add_parser("ask", parents=[common], help="answer a question (or a batch of them)", **_described("ask"))
    ask.add_argument("question", nargs="?", help="the question, in French, English or Arabic")
    ask.add_argument("--history", action="append", default=[], metavar="QUESTION", help="an earlier question of the conversation (repeatable, oldest first)")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.add_argument("--batch", type=Path, metavar="QUESTIONS.jsonl", help='one {"id", "question", "history", "now"} per line ("now": the clock of a programme question, ISO 8601 with offset); prints one JSON line each')

    evaluate = commands.add_parser("eval", parents=[common], help="run a test set and score the answers", **_described("eval"))
    evaluate.add_argument("test_set", type=Path, metavar="SET.jsonl", help='the test set, one {"id", "question", "answer", "must_contain", "doc_ids", …} per line')
    evaluate.add_argument("--out", type=Path, default=Path("eval/out/latest"), help="where results and reports go (default: eval/out/latest)")
    evaluate.add_argument("--mode", dest="retrieval_mode", choices=["hybrid", "dense", "lexical"], help="retrieval variant")
    evaluate.add_argument("--no-expansion", dest="query_expansion", action="store_false", default=None, help="no lexicon query expansion")
    evaluate.add_argument("--compare", type=Path, metavar="EARLIER_OUT_DIR", help="list cases that got better or worse since that run, with paired significance tests")
    evaluate.add_argument("--fail-under", action="append", default=[], metavar="METRIC=VALUE", help="exit 4 when a metric of the whole set is below VALUE")
    evaluate.add_argument(
        "--without-answering-articles", action="store_true",
        help="also ask each question about one article without that article (scored as unanswerable: kind=without_article)",
    )

    serve = commands.add_parser("serve", parents=[common], help="start the web chat", **_described("serve"))
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 7860)")

    feedback = commands.add_parser("feedback", help="export attendees' thumbs up and down from the web chat", **_described("feedback"))
    feedback_commands = feedback.add_subparsers(dest="feedback_command", required=True, metavar="SUBCOMMAND")
    export = feedback_commands.add_parser(
        "export", help="write the feedback as CSV (every rating) or JSONL (thumbs-down answers as evaluation cases to complete)",
        **_described("feedback export"),
    )
    export.add_argument("--format", choices=["csv", "jsonl"], default="csv", help="csv: every rating (default); jsonl: thumbs-down answers as evaluation cases")
    export.add_argument("--out", type=Path, metavar="FILE", help="write there (default: standard output)")
    return parser


def settings_from(args: argparse.Namespace):
    from rag.settings import Settings

    keys = (
        "corpus_dir", "index_dir", "embedder", "chroma_url", "threads", "ingest_workers", "host", "port", "retrieval_mode", "query_expansion",
        "llm_backend", "llm_model", "llm_base_url",
    )
    overrides = {key: getattr(args, key) for key in keys if getattr(args, key, None) is not None}
    return Settings(**overrides)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from pydantic import ValidationError

    from rag.errors import CongressChatError

    if args.command != "serve":  # the web server handles its own signals
        try:
            signal.signal(signal.SIGTERM, _raise_terminated)
        except ValueError:  # not the main thread (called from a test or a server): leave signals alone
            pass
    try:
        settings = settings_from(args)
        _log_to_stderr(args, settings)
        handler = {"ingest": _ingest, "ask": _ask, "eval": _eval, "serve": _serve, "feedback": _feedback}[args.command]
        return handler(args, settings)
    except CongressChatError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        message = str(first["msg"]).removeprefix("Value error, ")
        print(f"error: {field}: {message}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt as interruption:
        terminated = isinstance(interruption, Terminated)
        print(f"{'terminated' if terminated else 'interrupted'}: the previous index is still the one that answers", file=sys.stderr)
        return 128 + (signal.SIGTERM if terminated else signal.SIGINT)


def _log_to_stderr(args, settings) -> None:
    """The project's logs on stderr (`rag.logs`): as JSON lines for a log collector, every command's from
    INFO; as text, the server's from INFO and, for the other commands, whose own output tells a person
    what happened, only errors."""
    import logging

    from rag.logs import configure_logging

    shown = settings.log_format == "json" or args.command == "serve"
    configure_logging(settings, logging.INFO if shown else logging.ERROR)


# --- ingest -------------------------------------------------------------------------------

def _ingest(args, settings) -> int:
    report = run_ingest(settings, quiet=args.quiet)
    return EXIT_PARTIAL if report.partial else 0


def run_ingest(settings, quiet: bool = False, summary_stream=None):
    """Ingest with progress bars (unless quiet or logging JSON), skipped files named on stderr (log records
    with JSON logs), and the summary line on `summary_stream` (stdout by default; stderr where stdout carries JSON)."""
    from rag.ingest import ingest

    quiet = quiet or settings.log_format == "json"  # no progress bar among JSON lines
    bars: dict[str, object] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if quiet:
            return
        from tqdm import tqdm

        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc=stage, unit="file" if stage == "reading" else "chunk", file=sys.stderr, leave=False)
        bar.n = done
        bar.refresh()

    try:
        report = ingest(settings, on_progress=progress)
    finally:
        for bar in bars.values():
            bar.close()
    for path, reason in sorted(report.failed.items()):
        _tell(settings, f"skipped {path}: {reason}")
    for path, found in sorted(report.schedules.items()):
        _tell(settings, f"programme {path}: {found}")
    for path, warnings in sorted(report.warnings.items()):
        for warning in warnings:
            _tell(settings, f"warning {path}: {warning}")
    for path, cuts in sorted(report.limits.items()):
        for cut in cuts:
            _tell(settings, f"limit {path}: {cut}")
    if report.nothing_indexed:
        kept = f"generation {report.generation} still answers" if report.generation else "there is no index yet"
        _tell(settings, f"Nothing indexed: every file of {settings.corpus_dir} was refused; {kept}")
        return report
    if summary_stream is sys.stderr:
        _tell(settings, summary_line(report))
    else:
        print(summary_line(report), file=summary_stream or sys.stdout)
    return report


def _tell(settings, line: str) -> None:
    """A line for the person at the terminal, on stderr; with JSON logs (`CONGRESS_CHAT_LOG_FORMAT=json`),
    a log record of it instead, so that stderr holds only JSON lines."""
    if settings.log_format == "json":
        import logging

        logging.getLogger("cli").info(line)
    else:
        print(line, file=sys.stderr)


def summary_line(report) -> str:
    if report.up_to_date:
        head = f"Index up to date: {report.files} files, {report.documents} documents, {report.chunks} chunks"
    else:
        head = (
            f"Indexed {report.files} files: {report.documents} documents, {report.chunks} chunks "
            f"(new {len(report.new)}, changed {len(report.changed)}, removed {len(report.removed)}, "
            f"unchanged {report.unchanged}; {report.embedded} chunks embedded)"
        )
    tail = f" in {report.seconds:.2f} s → {report.index_dir}"
    if report.partial:
        tail += f"; PARTIAL: {len(report.failed)} file(s) skipped"
    return head + tail


# --- ask ----------------------------------------------------------------------------------

def load_assistant(settings, quiet: bool = False, warm_up: bool = True):
    """The assistant over the configured index; builds the index first if there is none yet.
    `warm_up`: load the language detector and the encoder's lazy parts before the first question
    (a server, a batch); False for one question, which loads them only if it needs them."""
    from rag.assistant import Assistant
    from rag.errors import IndexMissingError, RebuildRunningError
    from rag.index import IndexLayout

    layout = IndexLayout(settings.resolved_index_dir())
    waiting = False
    while layout.current_generation() is None:
        if not settings.corpus_dir.is_dir():
            raise IndexMissingError(
                f"no index at {settings.resolved_index_dir()} yet and no corpus folder at {settings.corpus_dir} to build it from"
            )
        if not waiting:
            _tell(settings, f"No index yet: building it from {settings.corpus_dir} (first run)…")
        try:
            run_ingest(settings, quiet=quiet, summary_stream=sys.stderr)
            break  # built, or nothing could be indexed (the assistant says there is no index)
        except RebuildRunningError:  # another process (a replica starting with this one) builds it: wait for it
            if not waiting:
                _tell(settings, "Another process is building it: waiting for it to finish…")
            waiting = True
            time.sleep(1)
    return Assistant(settings, warm_up=warm_up)


def _ask(args, settings) -> int:
    from rag.errors import QuestionError

    if args.batch is not None:
        return _ask_batch(args, settings)
    if args.question is None:
        raise QuestionError("give a question, e.g. congress-chat ask \"Quel est le thème du congrès ?\"")
    assistant = load_assistant(settings, quiet=args.json, warm_up=False)  # one question: the detector loads only if it needs it
    answer = assistant.ask(args.question, args.history)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False))
        return 0
    print(answer.answer)
    for citation in answer.citations:
        where = f" — {citation.section}" if citation.section else ""
        print(f"\n[{citation.n}] {citation.title}{where} ({citation.doc_id})")
        print("    " + " ".join(citation.text.split()))
    return 0


def _ask_batch(args, settings) -> int:
    from rag.errors import CongressChatError, CorpusError

    if not args.batch.is_file():
        raise CorpusError(f"batch file {args.batch} does not exist")
    assistant = load_assistant(settings, quiet=True)
    failures = 0
    with open(args.batch, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                case = json.loads(line)
                if not isinstance(case, dict) or not isinstance(case.get("question"), str):
                    raise ValueError('expected an object with a "question" string')
                history = case.get("history") or []
                if not isinstance(history, list):
                    raise ValueError('"history" must be a list of earlier questions')
                answer = assistant.ask(case["question"], [str(turn) for turn in history], now=_batch_clock(case.get("now")))
            except (ValueError, CongressChatError) as error:
                failures += 1
                print(f"{args.batch}:{number}: skipped: {error}", file=sys.stderr)
                continue
            print(json.dumps({"id": case.get("id"), **answer.to_json()}, ensure_ascii=False), flush=True)
    return EXIT_PARTIAL if failures else 0


def _batch_clock(value) -> dt.datetime | None:
    """A case's "now" (ISO 8601 with its offset, as in eval sets): the clock its programme question is read against."""
    if value in (None, ""):
        return None
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f'"now" {value!r} is not an ISO 8601 date-time (e.g. 2026-05-15T10:15:00+01:00)') from None
    if moment.tzinfo is None:
        raise ValueError(f'"now" {value!r} needs its offset (e.g. +01:00)')
    return moment


# --- eval ---------------------------------------------------------------------------------

def _eval(args, settings) -> int:
    from tqdm import tqdm

    from eval.harness import markdown_table
    from eval.run import below_floors, evaluate
    from rag.errors import CorpusError

    if not args.test_set.is_file():
        raise CorpusError(f"test set {args.test_set} does not exist")
    floors = {}
    for item in args.fail_under:
        metric, _, value = item.partition("=")
        try:
            floors[metric.strip()] = float(value)
        except ValueError:
            raise CorpusError(f"--fail-under takes METRIC=VALUE, got {item!r}") from None
    run_ingest(settings, quiet=True, summary_stream=sys.stderr)
    from rag.assistant import Assistant

    assistant = Assistant(settings)
    bar = tqdm(desc="eval", unit="case", file=sys.stderr, leave=False)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.update(1)

    if args.compare is not None and not (args.compare / "results.jsonl").is_file():
        raise CorpusError(f"--compare: no results.jsonl in {args.compare}")
    outcome = evaluate(
        assistant, args.test_set, args.out, on_progress=progress, compare_with=args.compare,
        without_answering_articles=args.without_answering_articles,
    )
    bar.close()
    for problem in outcome.problems:
        print(f"skipped {problem}", file=sys.stderr)
    print(markdown_table(outcome.summary))
    if outcome.comparison is not None:
        print("\n" + outcome.comparison.to_markdown())
    print(f"\nWritten to {args.out}/ (results.jsonl, metrics.json, report.html, report.md, ragas.jsonl). LLM judge: skipped, no LLM configured.", file=sys.stderr)
    failing = below_floors(outcome.summary, floors)
    for line in failing:
        print(f"below floor: {line}", file=sys.stderr)
    return 4 if failing else (EXIT_PARTIAL if outcome.problems else 0)


# --- feedback -----------------------------------------------------------------------------

def _feedback(args, settings) -> int:
    """Export from the store the web chat writes to: PostgreSQL when CONGRESS_CHAT_DATABASE_URL is set, else SQLite."""
    import io

    from rag.feedback import feedback_path, open_feedback_store

    path = feedback_path(settings)
    if settings.database_url is None and not path.exists():
        print(f"no feedback yet: {path} does not exist (the web chat creates it at the first thumbs up or down)", file=sys.stderr)
        return EXIT_ERROR
    store = open_feedback_store(settings)
    try:
        exported = io.StringIO(newline="")  # whole, before a file is made: an unreachable database leaves none
        count = (store.export_csv if args.format == "csv" else store.export_jsonl)(exported)
    finally:
        store.close()
    if args.out is None:
        sys.stdout.write(exported.getvalue())
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8", newline="") as stream:
            stream.write(exported.getvalue())
    what = "ratings" if args.format == "csv" else "thumbs-down answers as evaluation cases"
    print(f"exported {count} {what}" + (f" to {args.out}" if args.out else ""), file=sys.stderr)
    return 0


# --- serve --------------------------------------------------------------------------------

def _serve(args, settings) -> int:
    from web.app import serve

    serve(settings, load=lambda: load_assistant(settings))  # listens at once; /readyz says when the chat answers
    return 0


if __name__ == "__main__":
    sys.exit(main())
