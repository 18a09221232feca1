"""Questions about published programme documents, answered end to end (reader → index →
assistant), on a folder of real documents with `questions.jsonl` (`../shared/programme-docs/`,
whose content never goes into this repository).

    .venv/bin/python -m eval.programme_questions [--dir ../shared/programme-docs] [--only NAME] [-v]

Each document is indexed alone (in a temporary folder) and asked its questions. An answer is
right when it holds every `must_contain` string, times compared as times (`13h30`, `13:30` and
`1:30 PM` are one time; "1:00" is not inside "11:00"); an unanswerable question is right when
it is refused. Prints one line per document and the share right by language and kind.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

from rag.language import fold
from rag.programme.clock import find_range

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "programme-docs"
_TIME_LIKE = re.compile(r"\d{1,2}\s?[:hH.]\s?\d{2}|\d{1,2}\s?[hH]\b|\d{1,2}\s?[ap]\.?m\b", re.I)


def times_in(text: str) -> set[dt.time]:
    found = set()
    for match in re.finditer(r"\d{1,2}\s?(?:[:hH.]\s?\d{2}(?::\d{2})?)?\s?(?:[ap]\.?\s?m\b\.?)?", text, re.I):
        result = find_range(match.group())
        if result:
            found.add(result[0].time)
    return found


def holds(answer: str, expected: str, norm: list[str], not_time: list[str] = ()) -> bool:
    if _TIME_LIKE.fullmatch(expected.strip()) and expected not in not_time:
        wanted = find_range(expected)
        return bool(wanted) and wanted[0].time in times_in(answer) | {t.replace(hour=(t.hour + 12) % 24) for t in times_in(answer) if t.hour < 12 and wanted[0].time.hour >= 12}
    a, e = " ".join(fold(answer).lower().split()), " ".join(fold(expected).lower().split())
    if e.isdigit():
        return re.search(rf"(?<!\d){e}(?!\d)", a) is not None
    return e in a


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--only")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    questions = [json.loads(line) for line in (args.dir / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    by_file: dict[str, list[dict]] = defaultdict(list)
    for q in questions:
        by_file[q["programme"]].append(q)
    from rag.assistant import Assistant
    from rag.ingest import ingest
    from rag.settings import Settings

    right_by: dict[str, list[bool]] = defaultdict(list)
    for name, cases in sorted(by_file.items()):
        if args.only and args.only not in name:
            continue
        with tempfile.TemporaryDirectory() as folder:
            corpus = Path(folder) / "corpus"
            corpus.mkdir()
            shutil.copy(args.dir / name, corpus / name)  # a temporary copy, outside the repository
            settings = Settings(corpus_dir=corpus, index_dir=Path(folder) / "index", data_dir=Path(folder) / "data")
            ingest(settings)
            assistant = Assistant(settings)
            results = []
            for case in cases:
                answer = assistant.ask(case["question"])
                text = answer.answer
                if case["kind"] == "unanswerable":
                    ok = answer.refused
                else:
                    ok = not answer.refused and all(holds(text, expected, case.get("norm", []), case.get("not_time", [])) for expected in case["must_contain"])
                results.append(ok)
                for key in ("all", f"lang={case['lang']}", f"kind={case['kind']}"):
                    right_by[key].append(ok)
                if args.verbose and not ok:
                    print(f"  ✘ [{case['lang']}/{case['kind']}] {case['question']}\n      want {case['must_contain']}  got: {text[:220]!r}")
            print(f"{name:48} {sum(results)}/{len(results)}")
    for key, values in sorted(right_by.items()):
        print(f"{key:18} {sum(values) / len(values):.3f}  ({sum(values)}/{len(values)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
