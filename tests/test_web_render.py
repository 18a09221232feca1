"""The web chat's pure functions, without a browser: bidi isolation, markup-free questions, the
refusal in the interface's language, folded cards, and removing an upload."""

from __future__ import annotations

from rag.answer import REFUSAL, Answer
from rag.language import unsupported_language
from web.organiser import remove_upload, uploaded_files
from web.render import answer_html, isolated, isolated_plain, question_html, without_isolates, without_markup


def test_latin_runs_in_arabic_and_arabic_runs_in_french_are_isolated():
    assert isolated("ما هو موضوع «Médecine de précision»؟", "rtl") == "ما هو موضوع «<bdi>Médecine de précision</bdi>»؟"
    assert isolated("من يرأس SMR 2025؟", "rtl") == "من يرأس <bdi>SMR 2025</bdi>؟"
    assert isolated("La SMR (الجمعية المغربية) a dit", "ltr") == "La SMR (<bdi>الجمعية المغربية</bdi>) a dit"
    assert isolated("Qui préside la SMR ?", "ltr") == "Qui préside la SMR ?"


def test_plain_text_isolation_is_undone_before_asking():
    example = "متى تعقد جلسة «Séance d'ouverture»؟"
    assert isolated_plain(example) == "متى تعقد جلسة «\u2068Séance d'ouverture\u2069»؟"
    assert without_isolates(isolated_plain(example)) == example


def test_isolation_still_escapes_everything():
    html = question_html('ما <img src=x onerror="alert(1)"> هذا؟')
    assert "<img" not in html and "&lt;" in html and "<bdi>" in html


def test_markup_is_taken_out_of_the_question_asked():
    assert without_markup('<img src=x onerror="window.__pwned=true"> Qui préside la SMR ?') == "Qui préside la SMR ?"
    assert without_markup("<b>Who</b> chairs <!-- x --> the session?") == "Who chairs the session?"
    assert without_markup("Is 3 < 5 in the programme?") == "Is 3 < 5 in the programme?"
    assert without_markup("<script></script>") == ""


def test_a_refusal_is_in_the_interface_language_only():
    refused = Answer("How much is the train?", REFUSAL["en"], True, "en", [], [])
    html = answer_html(refused, 1, "fr")
    assert REFUSAL["fr"] in html and REFUSAL["en"] not in html and "Pas de réponse" in html
    arabic = answer_html(refused, 1, "ar")
    assert 'dir="rtl"' in arabic and 'lang="ar"' in arabic and REFUSAL["ar"] in arabic


def test_german_is_told_apart_from_french_english_and_arabic():
    assert unsupported_language("Wann beginnt die Sitzung über Prostatakrebs?") == "de"
    for supported in ("Qui est la présidente de la SMR ?", "Who chairs the lung cancer session?", "من يترأس جلسة سرطان الرئة؟",
                      "Et où se tient-il ?", "Najat Chérif Idrissi El Ganouni"):
        assert unsupported_language(supported) is None, supported


def test_an_upload_is_removed_by_its_name_only(tmp_path):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "note.md").write_text("# Note\n", encoding="utf-8")
    (tmp_path / "secret.md").write_text("# Secret\n", encoding="utf-8")
    assert uploaded_files(uploads) == ["note.md"]
    assert not remove_upload("../secret.md", uploads) and (tmp_path / "secret.md").exists()
    assert remove_upload("note.md", uploads) and uploaded_files(uploads) == []
    assert not remove_upload("note.md", uploads)
