"""Property-based tests (Hypothesis): whatever bytes a file holds, reading it gives a document
or one `DocumentError` (one line, the reason); whatever text a question holds, the CLI and the
web chat's handler answer, refuse or say what is wrong in one line. Never another exception.

Inputs: arbitrary bytes, damaged copies of a valid (fictional) file of each type (truncated,
bytes flipped, re-encoded as Latin-1 or UTF-16), and the hostile files of `tests/data/fuzz/`
(failing examples kept as regression fixtures, and hand-made bombs). Hypothesis runs
derandomized, without an example database, with a bounded number of examples per property.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from bench.hostile import alias_bomb_yaml, deep_json, entity_bomb_xml
from conftest import ROOT, copy_articles
from rag.documents import Document, load_document
from rag.errors import DocumentError
from rag.limits import Limits

FUZZ = ROOT / "tests" / "data" / "fuzz"
PROGRAMMES = ROOT / "tests" / "data" / "programmes"
LIMITS = Limits(max_document_chars=50_000, max_sentence_chars=500)
FUZZ_SETTINGS = settings(
    derandomize=True, database=None, max_examples=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "Note fictive"
    document.add_heading("Note fictive", level=1)
    document.add_paragraph("Le congrès fictif de pneumologie a eu lieu à Fès en octobre 2026.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_bytes() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Le congres fictif de pneumologie a eu lieu a Fes en octobre 2026.")
    page.save()
    return buffer.getvalue()


SAMPLES: dict[str, bytes] = {
    ".md": "---\ntitle: Note fictive\ncity: Fès\n---\n# Note fictive\n\nLe congrès fictif a eu lieu à Fès. Il a réuni 300 médecins.\n".encode(),
    ".txt": "Le congrès fictif a eu lieu à Fès.\n\nIl a réuni 300 médecins.\n".encode(),
    ".html": "<html><head><title>Note fictive</title></head><body><h1>Note</h1><p>Le congrès fictif a eu lieu à Fès.</p></body></html>".encode(),
    ".docx": _docx_bytes(),
    ".pdf": _pdf_bytes(),
    ".json": (ROOT / "eval" / "corpora" / "programme-fictif" / "jnof-2026.json").read_bytes(),
    ".xml": (PROGRAMMES / "rfp-2026.frab.xml").read_bytes(),
    ".ics": (PROGRAMMES / "rfp-2026.ics").read_bytes(),
    ".yaml": (PROGRAMMES / "rfp-2026.yaml").read_bytes(),
    ".csv": (PROGRAMMES / "rfp-2026.csv").read_bytes(),
}


def read(suffix: str, data: bytes) -> Document | DocumentError:
    """Write `data` as a file of type `suffix` and read it: a document, or the one error."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzzed{suffix}"
        path.write_bytes(data)
        try:
            document = load_document(path, Path(folder), LIMITS)
        except DocumentError as error:
            message = str(error)
            assert message and "\n" not in message.strip(), repr(message)
            return error
    assert isinstance(document.text, str) and document.text.strip()
    assert len(document.text) <= LIMITS.max_document_chars and len(document.title) <= 300
    return document


@st.composite
def damaged(draw, original: bytes) -> bytes:
    how = draw(st.sampled_from(["truncate", "flip", "splice", "latin-1", "utf-16"]))
    if how == "truncate":
        return original[: draw(st.integers(0, len(original)))]
    if how == "flip":
        data = bytearray(original)
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    if how == "splice":
        at = draw(st.integers(0, len(original)))
        return original[:at] + draw(st.binary(max_size=200)) + original[at:]
    try:
        return original.decode("utf-8").encode(how, errors="replace")
    except UnicodeDecodeError:  # a binary format
        return original[::-1]


@pytest.mark.parametrize("suffix", sorted(SAMPLES))
def test_the_valid_sample_of_each_type_is_read(suffix):
    assert isinstance(read(suffix, SAMPLES[suffix]), Document)


@pytest.mark.parametrize("suffix", sorted(SAMPLES))
@FUZZ_SETTINGS
@given(data=st.data())
def test_any_bytes_give_a_document_or_one_error(suffix, data):
    content = data.draw(st.one_of(st.binary(max_size=3000), damaged(SAMPLES[suffix])), label="content")
    read(suffix, content)


@FUZZ_SETTINGS
@given(text=st.text(max_size=3000), suffix=st.sampled_from([".md", ".txt", ".html", ".yaml", ".json", ".csv", ".ics"]))
def test_any_text_gives_a_document_or_one_error(text, suffix):
    read(suffix, text.encode("utf-8", errors="surrogatepass"))


# Hostile files: each is refused with its reason, or read within the limits -----------------------

HOSTILE: list[tuple[str, bytes, str]] = [  # (file name, content, expected reason, or "" when it may be read)
    ("deep.json", deep_json(100_000), "RecursionError"),
    ("deep.yaml", b"sessions: " + b"[" * 50_000 + b"]" * 50_000, "YAML"),
    ("bomb.xml", entity_bomb_xml(), "DOCTYPE or entities is refused"),
    ("bomb.yaml", alias_bomb_yaml(), "aliases"),
    ("schedule-list.json", b'{"schedule": []}', "not a programme"),
    ("conference-string.json", b'{"schedule": {"conference": "JNOF"}}', "schedule.conference"),
    ("days-of-numbers.json", b'{"schedule": {"conference": {"title": "X", "days": [1, 2]}}}', "no sessions"),
    ("sessions-string.yaml", b"congress: {name: X}\nsessions: oui\n", "`sessions` must be a list"),
    ("sessions-numbers.json", b'{"congress": {"name": "X"}, "sessions": [1, null]}', "must be a mapping"),
    ("top-level-list.yaml", b"- 1\n- 2\n", "must hold a mapping"),
    ("deep.html", b"<div>" * 100_000 + b"<p>Texte fictif.</p>" + b"</div>" * 100_000, ""),
    ("huge-line.md", b"# " + b"titre " * 100_000 + b"\n\n" + b"x" * 300_000, ""),
    ("nul-bytes.txt", b"Texte fictif\x00 avec des octets nuls\x00.", ""),
    ("utf16.md", "Congrès fictif à Fès.".encode("utf-16"), ""),  # its byte-order mark says UTF-16: read
    ("not-a-zip.docx", b"PK\x03\x04 pas vraiment un zip", "DOCX"),
    ("random.pdf", bytes(range(256)) * 8, "PDF"),
]


@pytest.mark.parametrize("name, content, reason", HOSTILE, ids=[case[0] for case in HOSTILE])
def test_hostile_files_are_refused_with_their_reason_or_read_within_limits(name, content, reason):
    outcome = read(Path(name).suffix, content)
    if reason:
        assert isinstance(outcome, DocumentError) and reason in str(outcome), outcome
    else:
        assert isinstance(outcome, Document)


@pytest.mark.parametrize("fixture", sorted(p.name for p in FUZZ.iterdir() if p.suffix != ".md"), ids=str)
def test_regression_fixtures_are_refused_with_the_reason_recorded_beside_them(fixture):
    """Each file of tests/data/fuzz/ is listed in its README with the reason it must be refused for."""
    expected = json.loads((FUZZ / "expected.json").read_text(encoding="utf-8"))
    if fixture == "expected.json":
        assert set(expected) == {p.name for p in FUZZ.iterdir()} - {"expected.json", "README.md"}
        return
    outcome = read((FUZZ / fixture).suffix, (FUZZ / fixture).read_bytes())
    assert isinstance(outcome, DocumentError) and expected[fixture] in str(outcome), outcome


# The question path ----------------------------------------------------------------------------

QUESTION_SETTINGS = settings(
    derandomize=True, database=None, max_examples=12, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
HOSTILE_QUESTIONS = ["\ud800 quand ?", "\x00", "?" * 2000, "\u202e\u200f", "{{7*7}} <script>alert(1)</script>", "Dr. " * 400]


@pytest.fixture(scope="module")
def fuzz_index(tmp_path_factory):
    """An index of the shipped articles (use-m3: this is about the question path, not the model)."""
    from rag.ingest import ingest
    from rag.settings import Settings

    root = tmp_path_factory.mktemp("fuzz-index")
    corpus = copy_articles(root / "corpus")
    settings_ = Settings(corpus_dir=corpus, index_dir=root / "index", data_dir=root / "data", embedder="use-m3")
    ingest(settings_)
    return settings_


@pytest.fixture(scope="module")
def respond(fuzz_index):
    """The web chat's question handler, taken from the page as Gradio runs it (no server)."""
    from rag.assistant import Assistant
    from web.attendee import attendee_page, question_handler
    from web.service import ChatService

    page = attendee_page(ChatService(Assistant(fuzz_index), fuzz_index))
    return question_handler(page)


@QUESTION_SETTINGS
@given(question=st.text(max_size=2500), history=st.lists(st.text(max_size=300), max_size=3))
@example(question=HOSTILE_QUESTIONS[0], history=["\udcff"])
@example(question="x" * 2001, history=[])
def test_the_web_handler_answers_any_text_with_a_message(respond, question, history):
    result = respond(question, [], history, {}, "fr")  # extractive: one update; an LLM: a stream of them
    updates = [result] if isinstance(result, tuple) else list(result)
    assert updates, "the handler gave nothing to show"
    chat = updates[-1][1]
    notice = updates[-1][5]
    if chat:  # an answer, a refusal or one line saying what is wrong, as the last chat message
        assert chat[-1]["role"] == "assistant" and chat[-1]["content"] not in ("", "…")
    else:  # empty or too long: a notice, and nothing sent to retrieval
        assert notice["visible"] and notice["value"]


def _cli(*args: str) -> tuple[int, str, str]:
    from cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


@QUESTION_SETTINGS
@given(question=st.text(max_size=2500))
@example(question=HOSTILE_QUESTIONS[0])
@example(question="   ")
def test_the_cli_answers_any_text_or_says_what_is_wrong_in_one_line(fuzz_index, question):
    status, out, err = _cli("ask", question, "--json", "--corpus", str(fuzz_index.corpus_dir), "--index", str(fuzz_index.index_dir),
                            "--embedder", "use-m3")
    if status == 0:
        answer = json.loads(out)
        assert answer["answer"] and isinstance(answer["citations"], list)
    else:
        assert status == 2 and err.startswith("error: ") and len(err.strip().splitlines()) == 1, err


def test_the_real_cli_answers_hostile_questions_one_line_each(fuzz_index, tmp_path):
    from conftest import run_cli

    batch = tmp_path / "questions.jsonl"
    lines = [json.dumps({"id": n, "question": q}) for n, q in enumerate(HOSTILE_QUESTIONS)]  # lone surrogates as JSON escapes
    batch.write_text("\n".join([*lines, '{"id": "bad", "question": 42}', "not json"]) + "\n", encoding="utf-8")
    result = run_cli("ask", "--batch", str(batch), "--corpus", str(fuzz_index.corpus_dir), "--index", str(fuzz_index.index_dir),
                     "--embedder", "use-m3")
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
    answered = [json.loads(line) for line in result.stdout.splitlines()]
    wordless = [n for n, q in enumerate(HOSTILE_QUESTIONS) if not any(ch.isalnum() for ch in q)]  # "\x00", "???…": no question asked
    assert wordless == [1, 2, 3]
    assert [a["id"] for a in answered] == [n for n in range(len(HOSTILE_QUESTIONS)) if n not in wordless] and all(a["answer"] for a in answered)
    skipped = result.stderr.splitlines()
    assert [line.split(": skipped")[0] for line in skipped] == [f"{batch}:{n + 1}" for n in wordless] + [f"{batch}:{len(lines) + 1}", f"{batch}:{len(lines) + 2}"]
    assert all("has no words" in line for line in skipped[:len(wordless)])
