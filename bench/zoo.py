"""The bad-input zoo: files a careless organiser could drop into the corpus, and hostile
questions, fed to the real `congress-chat ingest` and to the web chat's question handler.

    .venv/bin/python bench/zoo.py [--embedder e5-small] [--out bench/out]
    .venv/bin/python bench/zoo.py --quick --embedder use-m3 --out /tmp/zoo   # two inputs and two questions (the smoke test's)

Builds each input in a temporary folder (beside the shipped articles where it makes sense),
runs `congress-chat ingest` on it as a subprocess and prints, per input: exit status, the
message (first line that says what happened), the command's peak RSS (from `os.wait4`, the
child's own rusage) and its seconds. Then asks the web chat's handler (`respond`, taken from
the attendee page as Gradio runs it, no server) a few hostile questions. All clean means: no
traceback, exit 0 or 3 with the file named, peak RSS under 1.5 GB. Every input is fictional
or generated. Prints a Markdown table and writes it to OUT/zoo.md.
"""

from __future__ import annotations

import argparse
import html
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.hostile import alias_bomb_yaml, deep_json, entity_bomb_xml  # noqa: E402
CLI = str(Path(sys.executable).parent / "congress-chat")
RSS_TARGET_MB = 1500


def _no_sentence_end() -> bytes:
    return ("mot " * 500_000).encode()


def _one_token() -> bytes:
    letters = random.Random(14)
    return "".join(letters.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(2_000_000)).encode()


def _broken_ics() -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//zoo//fictif//FR\r\nBEGIN:VEVENT\r\nUID:s1@zoo\r\n"
        "SUMMARY:Ouverture (fictive)\r\nDTSTART:notadate\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def _unterminated_csv() -> bytes:
    return b'id,title,day,start,end\ns1,"Ouverture (fictive),2026-10-02,09:00,10:00\ns2,Cloture,2026-10-02,17:00,18:00\n'


def _random_bytes(size: int) -> bytes:
    return random.Random(size).randbytes(size)


def _broken_programme() -> bytes:
    return b"congress: {name: Congres fictif}\nsessions:\n  - {title: Ouverture, day: 2026-03-12, start: '10:00', end: '09:00'}\n"


# (name, file name, content, beside the shipped articles?)
ZOO = [
    ("2 MB text, no sentence end", "oneline.txt", _no_sentence_end, True),
    ("2 MB single token", "token.txt", _one_token, True),
    ("broken .ics (DTSTART:notadate)", "programme.ics", _broken_ics, True),
    ("CSV, unterminated quote", "programme.csv", _unterminated_csv, True),
    ("random bytes .pdf", "random.pdf", lambda: _random_bytes(200_000), True),
    ("random bytes .docx", "random.docx", lambda: _random_bytes(200_000), True),
    ("JSON nested 200,000 deep", "deep.json", deep_json, True),
    ("XML entity bomb", "bomb.xml", entity_bomb_xml, True),
    ("YAML alias bomb", "bomb.yaml", alias_bomb_yaml, True),
    ("only file refused (broken programme)", "programme.yaml", _broken_programme, False),
]

# `--quick`: a file refused beside the articles, a corpus whose only file is refused, two questions.
QUICK_INPUTS = ("broken .ics (DTSTART:notadate)", "only file refused (broken programme)")
QUICK_QUESTIONS = ("lone surrogate", "markup")

QUESTIONS = [
    ("lone surrogate", "\ud800 Quand a lieu le congrès ?"),
    ("NUL and control characters", "\x00\x01\x1b[31m Où ?"),
    ("2,000 question marks", "?" * 2000),
    ("2,001 characters", "x" * 2001),
    ("right-to-left override", "\u202e\u200f من يترأس المؤتمر؟"),
    ("markup", "<script>alert(1)</script> {{7*7}} ![x](http://203.0.113.7/x.png)"),
    ("400 abbreviations", "Dr. " * 400),
]


def run(args: list[str], env: dict[str, str]) -> tuple[int, str, str, float, float]:
    """(exit status, stdout, stderr, peak RSS in MB, seconds) of one command, its own rusage."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(args, stdout=out, stderr=err, env=env, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return process.returncode, out.read().decode(errors="replace"), err.read().decode(errors="replace"), usage.ru_maxrss / 1024, seconds


def message(stdout: str, stderr: str) -> str:
    """The line that says what happened to the zoo file: skipped / limit / nothing indexed / error."""
    lines = [line for line in stderr.splitlines() if line.startswith(("skipped", "limit", "Nothing", "error", "Traceback"))]
    first = lines[0] if lines else (stdout.strip().splitlines() or ["(no output)"])[0]
    if "Traceback" in stderr:
        first = "TRACEBACK: " + stderr.strip().splitlines()[-1]
    return first if len(first) <= 140 else first[:139] + "…"


def ingest_zoo(embedder: str, work: Path, quick: bool = False) -> list[dict]:
    env = {**os.environ, "CONGRESS_CHAT_DATA_DIR": str(work / "data")}
    # The shipped articles are embedded once; each input starts from a copy of that index, so
    # only the zoo file is new (as when an organiser adds it to a built corpus).
    articles = work / "articles"
    articles.mkdir()
    for article in (ROOT / "corpus").glob("*.md"):
        shutil.copy(article, articles / article.name)
    base = work / "base-index"
    status, _, stderr, _, _ = run([CLI, "ingest", "--corpus", str(articles), "--index", str(base), "--embedder", embedder, "--quiet"], env)
    if status != 0:
        raise SystemExit(f"cannot index the shipped articles: {stderr}")
    rows = []
    for number, (name, filename, make, beside) in enumerate(ZOO):
        if quick and name not in QUICK_INPUTS:
            continue
        corpus = work / f"corpus-{number}"
        index = work / f"index-{number}"
        if beside:
            shutil.copytree(articles, corpus)
            shutil.copytree(base, index)
        else:
            corpus.mkdir()
        (corpus / filename).write_bytes(make())
        status, stdout, stderr, rss, seconds = run([CLI, "ingest", "--corpus", str(corpus), "--index", str(index), "--embedder", embedder, "--quiet"], env)
        clean = "Traceback" not in stderr and status in (0, 3) and rss < RSS_TARGET_MB
        rows.append({"input": name, "status": status, "message": message(stdout, stderr), "rss": rss, "seconds": seconds, "clean": clean})
        print(f"{name}: exit {status}, {rss:.0f} MB, {seconds:.1f} s", file=sys.stderr)
    return rows


def ask_zoo(embedder: str, work: Path, quick: bool = False) -> list[dict]:
    from rag.assistant import Assistant
    from rag.settings import Settings
    from web.attendee import attendee_page, question_handler
    from web.service import ChatService

    settings = Settings(corpus_dir=work / "articles", index_dir=work / "base-index", data_dir=work / "data", embedder=embedder)
    page = attendee_page(ChatService(Assistant(settings), settings))
    respond = question_handler(page)
    rows = []
    for name, question in QUESTIONS:
        if quick and name not in QUICK_QUESTIONS:
            continue
        started = time.perf_counter()
        try:
            result = respond(question, [], [], {}, "fr")  # extractive: one update; an LLM: a stream of them
            last = result if isinstance(result, tuple) else list(result)[-1]
            status = last[5]  # the message line: a value, or an update of it (value and visibility)
            shown = last[1][-1]["content"] if last[1] else (status.get("value") if isinstance(status, dict) else status)
            text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", str(shown))).split())
            outcome, clean = text[:100], True
        except Exception as error:  # what the zoo is here to catch
            outcome, clean = f"EXCEPTION {type(error).__name__}: {error}"[:100], False
        rows.append({
            "input": f"question: {name}", "status": "—", "message": outcome,
            "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "seconds": time.perf_counter() - started, "clean": clean,
        })
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| input | exit | message (first line) | peak RSS (MB) | seconds | clean |", "|---|---|---|---|---|---|"]
    for row in rows:
        text = row["message"].replace("|", "\\|")
        lines.append(f"| {row['input']} | {row['status']} | {text} | {row['rss']:.0f} | {row['seconds']:.1f} | {'yes' if row['clean'] else 'NO'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedder", default="e5-small")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--quick", action="store_true", help="two inputs and two questions (a smoke test), not the whole zoo")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="congress-chat-zoo-") as folder:
        work = Path(folder)
        rows = ingest_zoo(args.embedder, work, args.quick) + ask_zoo(args.embedder, work, args.quick)
    report = table(rows)
    print(report)
    print("\nQuestion rows: peak RSS is the benchmark process's own (index and models loaded once).")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "zoo.md").write_text(report + "\n", encoding="utf-8")
    return 0 if all(row["clean"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
