"""No input can make reading or chunking unbounded: a text without sentence ends, one
unbroken token, a huge heading or title, a YAML alias bomb; each cut is named. The
texts here are fictional."""

from __future__ import annotations

import time

import pytest

from rag.chunking import chunk_document
from rag.documents import Document, load_document
from rag.errors import DocumentError
from rag.ingest import _batches
from rag.limits import Limits, cut_at_word, pieces
from rag.sentences import sentence_spans

LIMITS = Limits(max_document_chars=20_000, max_sentence_chars=500)


def test_a_long_sentence_is_cut_at_word_boundaries_else_between_characters():
    words = "mot " * 1000
    spans = sentence_spans(words, max_chars=300)
    assert all(span.end - span.start <= 300 for span in spans) and all(span.cut for span in spans)
    assert all(words[span.start : span.end].endswith("mot") for span in spans)  # no word split
    token = "x" * 1000
    assert [(s.start, s.end) for s in sentence_spans(token, max_chars=300)] == [(0, 300), (300, 600), (600, 900), (900, 1000)]


def test_short_sentences_are_left_whole():
    text = "Le congrès fictif a eu lieu à Ifrane. Il a réuni 300 médecins."
    assert sentence_spans(text, max_chars=300) == sentence_spans(text)
    assert not any(span.cut for span in sentence_spans(text, max_chars=300))


@pytest.mark.parametrize("text", ["." * 300_000, "a" + "!" * 300_000 + " b", "# a" + " " * 300_000 + "b", "#" * 300_000])
def test_runs_of_punctuation_or_spaces_are_read_in_linear_time(text):
    from rag.documents import Document

    started = time.perf_counter()
    chunks = chunk_document(Document("d", text, "d"), max_sentence_chars=500)
    assert time.perf_counter() - started < 5  # quadratic backtracking took minutes
    assert all(len(chunk.text) <= 700 and len(chunk.context) <= 1000 and len(chunk.section) <= 200 for chunk in chunks)


def test_a_document_without_sentence_ends_is_cut_and_chunks_have_a_hard_size(tmp_path):
    (tmp_path / "oneline.txt").write_text("mot " * 50_000, encoding="utf-8")
    document = load_document(tmp_path / "oneline.txt", tmp_path, LIMITS)
    assert len(document.text) <= 20_000 and len(document.title) <= 300
    assert document.metadata["limits"] == ["cut to 19,999 characters (of 200,000; CONGRESS_CHAT_MAX_DOCUMENT_CHARS)"]
    chunks = chunk_document(document, 700, 350, LIMITS.max_sentence_chars)
    assert chunks and max(len(chunk.text) for chunk in chunks) <= 700
    assert max(len(chunk.index_text) for chunk in chunks) <= 700 + 1000 + 1


def test_one_unbroken_token_is_no_text(tmp_path):
    """A 2 MB token took e5 half an hour to embed, for nothing anyone can ask about."""
    (tmp_path / "token.md").write_text("x" * 100_000, encoding="utf-8")
    with pytest.raises(DocumentError, match="no text: its 100,000 characters are runs of over 200 without a space"):
        load_document(tmp_path / "token.md", tmp_path, LIMITS)


def test_runs_without_a_space_are_left_out_and_the_words_kept(tmp_path):
    (tmp_path / "image.txt").write_text("Congrès fictif\n\nUn texte fictif. " + "A" * 5000 + " La suite fictive.", encoding="utf-8")
    document = load_document(tmp_path / "image.txt", tmp_path, LIMITS)
    assert "Un texte fictif." in document.text and "La suite fictive." in document.text and "AAAA" not in document.text
    assert document.metadata["limits"] == ["5,000 characters in runs of over 200 without a space left out (not words: base64, minified code)"]


def test_sentence_pieces_of_a_long_run_have_a_hard_size():
    token = "x" * 2_000
    document = Document("d", f"Un texte fictif. {token} Fin.", "d")
    assert max(len(chunk.text) for chunk in chunk_document(document, 700, 350, 500)) <= 700


def test_a_file_over_its_type_limit_is_refused_naming_the_setting(tmp_path):
    (tmp_path / "big.txt").write_text("Un texte fictif. " * 70_000, encoding="utf-8")
    with pytest.raises(DocumentError, match=r"1\.2 MB is over the 1 MB limit for \.txt files \(CONGRESS_CHAT_MAX_TEXT_FILE_MB\)"):
        load_document(tmp_path / "big.txt", tmp_path, Limits(max_text_file_mb=1))


def test_a_yaml_alias_bomb_in_front_matter_is_refused(tmp_path):
    lines = ["---", 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    (tmp_path / "bomb.md").write_text("\n".join(lines) + "\n---\nUn texte fictif.\n", encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(DocumentError, match="aliases"):
        load_document(tmp_path / "bomb.md", tmp_path, LIMITS)
    assert time.perf_counter() - started < 5


def test_embedding_batches_hold_a_character_budget():
    texts = ["a" * 5000, "b" * 100, "c" * 100, "d" * 1500, "e" * 1500]
    batches = _batches(texts, size=32, max_chars=2000, max_batch_chars=3000)
    assert batches == [["a" * 2000, "b" * 100, "c" * 100], ["d" * 1500, "e" * 1500]]
    assert all(sum(map(len, batch)) <= 3000 for batch in batches)
    assert _batches(["x"] * 5, size=2, max_chars=10, max_batch_chars=100) == [["x", "x"], ["x", "x"], ["x"]]


def test_cuts_keep_words_whole_when_they_can():
    assert cut_at_word("un deux trois quatre", 12) == "un deux"
    assert cut_at_word("x" * 20, 12) == "x" * 12
    assert list(pieces("aaaa bbbb cccc", 0, 14, 6)) == [(0, 5), (5, 10), (10, 14)]


def test_a_pdf_of_more_pages_than_the_limit_is_refused_before_it_is_read(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "brochure-fictive.pdf"
    canvas = Canvas(str(path), invariant=1)
    for number in range(12):
        canvas.drawString(72, 720, f"Page fictive {number + 1}")
        canvas.showPage()
    canvas.save()
    with pytest.raises(DocumentError, match=r"12 pages, over the limit of 10 \(CONGRESS_CHAT_MAX_PDF_PAGES\)"):
        load_document(path, tmp_path, Limits(max_pdf_pages=10))


def test_a_spreadsheet_of_more_cells_than_the_limit_is_refused_with_the_setting_named(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in range(300):
        sheet.append([f"cellule fictive {row}-{column}" for column in range(10)])
    path = tmp_path / "tableur-fictif.xlsx"
    book.save(path)
    with pytest.raises(DocumentError, match="CONGRESS_CHAT_MAX_CELLS"):
        load_document(path, tmp_path, Limits(max_cells=1000))
    assert "cellule fictive 299-9" in load_document(path, tmp_path, Limits(max_cells=5000)).text


def test_deeply_nested_html_tables_are_read_as_their_text_without_recursing_without_end(tmp_path):
    path = tmp_path / "tables-imbriquees.html"
    depth = 3000
    path.write_text("<table><tr><td>" * depth + "Séance fictive au fond" + "</td></tr></table>" * depth, encoding="utf-8")
    started = time.perf_counter()
    document = load_document(path, tmp_path)
    assert "Séance fictive au fond" in document.text and time.perf_counter() - started < 60
