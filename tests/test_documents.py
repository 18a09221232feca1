"""A file in the corpus becomes a document with text and metadata, whatever its format;
a file that cannot be read is refused with the reason."""

from pathlib import Path

import pytest

from rag.documents import iter_corpus_files, load_document, take_dateline
from rag.errors import DocumentError


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_markdown_front_matter_becomes_metadata_and_id_is_the_relative_path(tmp_path):
    path = write(tmp_path / "oncologie" / "omm.md", "---\ntitle: Congrès OMM\ncity: Marrakech\n---\nLe congrès a lieu à Marrakech.\n")
    document = load_document(path, tmp_path)
    assert document.doc_id == "oncologie/omm"
    assert document.title == "Congrès OMM"
    assert document.metadata["city"] == "Marrakech"
    assert document.text == "Le congrès a lieu à Marrakech.\n"


def test_front_matter_id_overrides_the_path(tmp_path):
    path = write(tmp_path / "a.md", "---\nid: custom-id\n---\nTexte du document.\n")
    assert load_document(path, tmp_path).doc_id == "custom-id"


def test_shipped_corpus_keeps_the_seed_articles_unchanged():
    root = Path(__file__).resolve().parents[1]
    seeds = root.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared/seeds is not beside this clone")
    for seed in seeds.glob("*.txt"):
        matches = [p for p in (root / "corpus").glob("*.md") if f"source_file: {seed.name}" in p.read_text(encoding="utf-8")]
        assert len(matches) == 1, seed.name
        document = load_document(matches[0], root / "corpus")
        published, text = take_dateline(seed.read_text(encoding="utf-8"))  # an opening date becomes `published`
        assert document.text == text
        assert published is None or document.metadata["published"] == published


def test_html_headings_become_sections_and_scripts_are_dropped(tmp_path):
    page = (
        "<html><head><title>Journée de cardiologie</title><script>alert(1)</script></head>"
        "<body><h1>Journée</h1><p>La journée a lieu à Rabat.</p><h2>Programme</h2><p>Atelier le matin.</p></body></html>"
    )
    document = load_document(write(tmp_path / "j.html", page), tmp_path)
    assert document.title == "Journée de cardiologie"
    assert "## Programme" in document.text and "alert" not in document.text


def test_pdf_text_and_pages(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "programme.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, "Page un : ouverture du congres a Agadir.")
    pdf.showPage()
    pdf.drawString(72, 720, "Page deux : cloture du congres.")
    pdf.save()
    document = load_document(path, tmp_path)
    assert "Agadir" in document.text and "cloture" in document.text
    assert document.page_at(document.text.index("cloture")) == 2
    assert document.page_at(0) == 1


def test_docx_headings_become_sections(tmp_path):
    import docx

    word = docx.Document()
    word.add_heading("Master class", level=1)
    word.add_paragraph("La master class se tient à Fès.")
    path = tmp_path / "mc.docx"
    word.save(str(path))
    document = load_document(path, tmp_path)
    assert "# Master class" in document.text and "Fès" in document.text


def test_a_text_file_in_another_encoding_is_read_not_refused(tmp_path):
    path = write(tmp_path / "latin1.txt", "Le congrès se tient à Fès, œuvre commune des sociétés savantes.".encode("cp1252"))
    document = load_document(path, tmp_path)
    assert "congrès se tient à Fès, œuvre" in document.text
    assert document.metadata["encoding"] in ("cp1252", "windows-1252", "latin_1", "iso8859_15")


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "PDF"),
        ("empty.md", "", "no text"),
        ("blank.md", "---\ntitle: x\n---\n\n   \n", "no text"),
        ("bad.docx", b"PK\x03\x04 not a zip", "DOCX"),
        ("badyaml.md", "---\ntitle: [unclosed\n---\ntext\n", "YAML"),
    ],
)
def test_unreadable_files_are_refused_with_the_reason(tmp_path, name, content, reason):
    path = write(tmp_path / name, content)
    with pytest.raises(DocumentError, match=reason):
        load_document(path, tmp_path)


def test_corpus_walk_skips_hidden_and_unknown_files(tmp_path):
    write(tmp_path / "a.md", "x")
    write(tmp_path / ".hidden" / "b.md", "x")
    write(tmp_path / "notes.rtf", "x")
    write(tmp_path / "sub" / "c.txt", "x")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_corpus_files(tmp_path)] == ["a.md", "sub/c.txt"]


def test_an_opening_dateline_becomes_the_publication_date(tmp_path):
    document = load_document(write(tmp_path / "a.txt", " date 2025-06 Des médecins se sont réunis à Marrakech.\n"), tmp_path)
    assert document.text == "Des médecins se sont réunis à Marrakech.\n"
    assert document.metadata["published"] == "2025-06"
    kept = load_document(write(tmp_path / "b.txt", "2025 a été une année chargée.\n"), tmp_path)
    assert kept.text.startswith("2025 a été") and "published" not in kept.metadata
