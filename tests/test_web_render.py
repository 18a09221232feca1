"""The web chat's pure functions, without a browser: bidi isolation, markup-free questions, the
refusal in the interface's language, folded cards, and removing an upload."""

from __future__ import annotations

from rag.answer import REFUSAL, Answer, Citation
from rag.language import unsupported_language
from web.organiser import remove_upload, uploaded_files
from web.render import answer_html, answer_parts, direction, isolated, isolated_plain, question_html, without_isolates, without_markup


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


# --- dates, the document page and the pages' head (issue 26) ------------------------------------------

def test_the_rebuild_is_asked_for_only_when_a_file_was_added(tmp_path):
    from web.organiser import add_uploads
    from web.texts import text

    chosen = tmp_path / "chosen"
    chosen.mkdir()
    (chosen / "script.exe").write_bytes(b"MZ")
    (chosen / "note.md").write_text("# Note fictive\n\nUne note.\n", encoding="utf-8")
    uploads = tmp_path / "uploads"
    report, added = add_uploads([str(chosen / "script.exe")], uploads, 1_000_000, "fr")
    assert added == 0 and report.startswith("✘ script.exe : refusé") and text("fr", "org_then_rebuild") not in report
    report, added = add_uploads([str(chosen / "note.md")], uploads, 1_000_000, "fr")
    assert added == 1 and report.startswith("✔ note.md : ajouté") and report.endswith(text("fr", "org_then_rebuild"))
    assert not (chosen / "note.md").exists(), "the upload's temporary copy is not kept"
    (chosen / "other.md").write_text("# Autre note fictive\n\nUne autre note.\n", encoding="utf-8")
    report, added = add_uploads([str(chosen / "other.md")], uploads, 1_000_000, "fr", ask_for_rebuild=False)  # the rebuild adds it
    assert added == 1 and text("fr", "org_then_rebuild") not in report


def test_dates_are_written_in_the_interface_language():
    from web.render import format_date

    cases = {
        "2025-06": ("juin 2025", "June 2025", "يونيو 2025"),
        "2025-05-21": ("21 mai 2025", "21 May 2025", "21 ماي 2025"),
        "21/05/2025": ("21 mai 2025", "21 May 2025", "21 ماي 2025"),
        "2025-06-01": ("1er juin 2025", "1 June 2025", "1 يونيو 2025"),
        "2026-05-14/2026-05-16": ("du 14 au 16 mai 2026", "14 to 16 May 2026", "من 14 إلى 16 ماي 2026"),
        "2026-04-30/2026-05-02": ("du 30 avril au 2 mai 2026", "30 April to 2 May 2026", "من 30 أبريل إلى 2 ماي 2026"),
        "2025-12-30/2026-01-02": ("du 30 décembre 2025 au 2 janvier 2026", "30 December 2025 to 2 January 2026",
                                  "من 30 دجنبر 2025 إلى 2 يناير 2026"),
        "2026-05-14/2026-05-14": ("14 mai 2026", "14 May 2026", "14 ماي 2026"),
    }
    for value, written in cases.items():
        assert tuple(format_date(value, language) for language in ("fr", "en", "ar")) == written, value
    for as_written in ("du 12 au 15 juin 2025", "2025", "2025-13", "2025-02-30", ""):
        assert format_date(as_written, "en") == as_written, "what is not a date is shown as the document gives it"


def test_the_index_build_time_is_readable_in_utc():
    from web.render import format_timestamp

    built = "2026-11-26T10:05:00+01:00"
    assert format_timestamp(built, "fr") == "26 novembre 2026 à 09:05 (UTC)"
    assert format_timestamp(built, "en") == "26 November 2026, 09:05 (UTC)"
    assert format_timestamp(built, "ar") == "26 نونبر 2026 على الساعة 09:05 (UTC)"
    assert format_timestamp("not a time", "fr") == "not a time"


def _citation():
    from rag.answer import Citation

    passage = "La présidente de la SMR a ouvert le congrès."
    return Citation(1, "smr-2025", "Congrès de la SMR", "", passage, 100, 100 + len(passage), 1.0, 100, 100 + len(passage))


def test_a_card_shows_its_date_in_the_interface_language():
    from web.render import card_html

    assert "juin 2025" in card_html(_citation(), 1, "fr", "2025-06")
    english = card_html(_citation(), 1, "en", "2025-06")
    assert "June 2025" in english and "2025-06" not in english
    assert "يونيو 2025" in card_html(_citation(), 1, "ar", "2025-06")


def test_the_document_page_has_the_way_back_its_title_and_date_and_the_readers_language():
    from web.render import document_page
    from web.texts import text

    body = "Titre\n\n" + "Une phrase avant. " * 200 + "La phrase citée." + " Une phrase après." * 50
    start = body.index("La phrase citée.")
    for language, direction in (("fr", "ltr"), ("en", "ltr"), ("ar", "rtl")):
        page = document_page("Congrès de la SMR", body, start, start + 16, language, "2025-06", "fr")
        assert page.startswith(f"<!doctype html><html lang='{language}' dir='{direction}'>")
        assert f'<a class="cc-back" href="/">{text(language, "back_to_chat")}</a>' in page
        assert "<h1 dir=\"auto\">Congrès de la SMR</h1>" in page and "<title>Congrès de la SMR</title>" in page
        assert '<div class="doc" dir="auto" lang="fr">' in page and '<mark id="passage">La phrase citée.</mark>' in page
    assert '<p class="cc-date">juin 2025</p>' in document_page("T", body, start, start + 16, "fr", "2025-06")
    assert '<p class="cc-date">June 2025</p>' in document_page("T", body, start, start + 16, "en", "2025-06")
    assert '<p class="cc-date">' not in document_page("T", body, None, None, "fr"), "no date line without a date"


def test_the_programme_page_has_the_way_back_to_the_chat():
    from web.render import programme_page
    from web.texts import text

    for language in ("fr", "en", "ar"):
        page = programme_page([], language)
        assert f'<a class="cc-back" href="/">{text(language, "back_to_chat")}</a>' in page and f"<html lang='{language}'" in page


def test_gradios_page_is_rewritten_with_the_chats_own_name_language_and_icon():
    """On the template the installed Gradio serves: a change in it that the rewrite misses fails here."""
    from pathlib import Path

    import gradio

    from web.head import rewrite_page
    from web.texts import text

    template = (Path(gradio.__file__).parent / "templates" / "frontend" / "index.html").read_text(encoding="utf-8")
    assert 'property="og:title" content="Gradio"' in template and 'lang="en"' in template, "the template this rewrites"
    for path, title_key in (("/", "title"), ("/organiser/", "org_page_title")):
        for language, direction in (("fr", "ltr"), ("en", "ltr"), ("ar", "rtl")):
            page = rewrite_page(template, path, language)
            assert f'lang="{language}" dir="{direction}"' in page and page.count("lang=") == 1
            assert page.count("<title>") == 1 and f"<title>{text(language, title_key)}</title>" in page
            assert "gradio" not in " ".join(line for line in page.splitlines() if "og:" in line or "twitter:" in line).lower()
            assert "@Gradio" not in page and "@teamGradio" not in page and "{url}" not in page and "raw.githubusercontent" not in page
            assert 'rel="manifest"' not in page and 'control_page_title="false"' in page
            assert page.index("<base ") < page.index('rel="icon"'), "the icon's relative address is read against <base>"


def test_the_login_page_alone_gets_the_pages_script():
    """Gradio's login page carries none of the app's `head` (its configuration is withheld until the
    login): the script that keeps the user name after a wrong password is added to it, and only to it."""
    from pathlib import Path

    import gradio

    from web.head import rewrite_page

    template = (Path(gradio.__file__).parent / "templates" / "frontend" / "index.html").read_text(encoding="utf-8")
    script = "<script>/* web/client.js */</script>"
    login = template.replace("</head>", '<script>window.gradio_config = {"auth_required":true};</script></head>', 1)
    assert script in rewrite_page(login, "/organiser/", "fr", script)
    app = template.replace("</head>", '<script>window.gradio_config = {"components":[]};</script></head>', 1)
    assert script not in rewrite_page(app, "/organiser/", "fr", script)


# --- each part in its own direction (issue 26) -------------------------------------------------------

ARABIC_SENTENCE = "انعقد المؤتمر الوطني للأشعة يومي 18 و19 نونبر بمراكش."


def quoting_arabic_in_french() -> Answer:
    """A French answer with an Arabic date above it and an Arabic sentence quoted after a French one."""
    passage = Citation(1, "smr", "Congrès de la SMR", "", ARABIC_SENTENCE, 0, len(ARABIC_SENTENCE), 1.0, 0, len(ARABIC_SENTENCE))
    return Answer("Quand ?", f"18 و19 نونبر\nD'après les documents du congrès : Le congrès a lieu à Marrakech. [1] {ARABIC_SENTENCE} [1]",
                  False, "fr", [passage], ["smr"])


def test_direction_is_that_of_the_first_strong_letter():
    assert direction("من هي Najat Chérif Idrissi El Ganouni Benkirane Alaoui؟") == "rtl", "Arabic first, however long the Latin name"
    assert direction("« 18 و19 نونبر »") == "rtl" and direction("2025 : La SMR (الجمعية)") == "ltr" and direction("2025 ?") == "ltr"


def test_an_answer_is_cut_into_its_lead_its_quotes_and_its_other_lines():
    assert answer_parts(quoting_arabic_in_french().answer) == [
        ("line", "18 و19 نونبر"), ("lead", "D'après les documents du congrès :"),
        ("quote", "Le congrès a lieu à Marrakech. [1]"), ("quote", f"{ARABIC_SENTENCE} [1]")]
    assert answer_parts("D'après les documents du congrès : A. [2][3] B. [4]") == [
        ("lead", "D'après les documents du congrès :"), ("quote", "A. [2][3]"), ("quote", "B. [4]")]
    assert answer_parts("Un texte généré [1].\n\nSuite.") == [("line", "Un texte généré [1]."), ("line", "Suite.")]


def test_each_quote_date_and_question_has_its_own_direction_and_runs_stay_isolated():
    html = answer_html(quoting_arabic_in_french(), "t", "fr")
    assert html.startswith('<div class="cc-answer" dir="ltr">'), "the answer's frame (sources heading) in the page's direction"
    assert '<div class="cc-line" dir="rtl">18 و19 نونبر</div>' in html
    assert '<div class="cc-quote" dir="ltr">Le congrès a lieu à Marrakech. <a class="cc-ref" href="#cc-t-1">[1]</a></div>' in html
    assert f'<div class="cc-quote" dir="rtl">{ARABIC_SENTENCE} <a class="cc-ref" href="#cc-t-1">[1]</a></div>' in html
    assert '<blockquote class="cc-passage" dir="rtl">' in html
    question = question_html("من هي Najat Chérif Idrissi El Ganouni؟")
    assert question == '<div class="cc-question" dir="rtl">من هي <bdi>Najat Chérif Idrissi El Ganouni</bdi>؟</div>'
    arabic_lead = answer_html(Answer("متى؟", "حسب وثائق المؤتمر: Le congrès a lieu à Rabat. [1]", False, "ar", [], []), 1, "ar")
    assert '<div class="cc-lead" dir="rtl">حسب وثائق المؤتمر:</div><div class="cc-quote" dir="ltr">Le congrès a lieu à Rabat. [1]</div>' in arabic_lead
