"""Published programmes — PDF brochures, Word files, spreadsheets, web pages, Markdown — are read
into sessions, whatever their layout: two text columns, rooms as table columns, a day row merged
over a table, paragraphs with 12-hour times, real and textual spreadsheet times, rowspan and
colspan, hidden blocks, windows-1252 bytes, Arabic days and digits. A document without a
schedule stays text only.

The documents are fictional and written afresh by `published_programmes.py` (each writer's
docstring lists its file's quirks). A session is found when its day and start are those expected
and the expected title fragment is in its title (case-insensitive); its end, room and people are
then checked where the expectation gives them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from published_programmes import (
    CONTRADICTED_WEEKDAY,
    ENDOCRINO_WORDS,
    EXPECTED,
    RHUMATO_WORDS,
    Expected,
    ExpectedSession,
    write_all,
)

D, T = dt.date, dt.time
SCHEDULES = [name for name, expected in EXPECTED.items() if expected.sessions]
TEXT_ONLY = [name for name, expected in EXPECTED.items() if not expected.sessions]


class Published:
    """The fictional documents written once into a folder, each read at most once."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.expected = write_all(folder)
        self._documents: dict = {}

    def document(self, name: str):
        from rag.documents import load_document

        if name not in self._documents:
            self._documents[name] = load_document(self.folder / name, self.folder)
        return self._documents[name]

    def programme(self, name: str):
        from rag.programme.model import programme_from_json

        data = self.document(name).metadata.get("programme")
        assert isinstance(data, dict), f"{name}: no programme read (metadata keys: {sorted(self.document(name).metadata)})"
        return programme_from_json(data)

    def session(self, name: str, title: str):
        """The one session of `name` whose title holds `title`."""
        sessions = [s for s in self.programme(name).sessions if _holds(s.title, title)]
        assert len(sessions) == 1, f"{name}: {len(sessions)} sessions titled like {title!r} among\n{listing(self.programme(name))}"
        return sessions[0]

    def warnings(self, name: str) -> list[str]:
        document = self.document(name)
        programme = document.metadata.get("programme")
        from_programme = programme.get("warnings", []) if isinstance(programme, dict) else []
        return list(document.metadata.get("warnings") or []) + list(from_programme)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Published:
    return Published(tmp_path_factory.mktemp("published-programmes"))


def _holds(text: str, fragment: str) -> bool:
    return fragment.casefold() in (text or "").casefold()


def matches(session, expected: ExpectedSession) -> bool:
    return session.day == expected.day and session.start == expected.start and _holds(session.title, expected.title)


def names(people) -> list[str]:
    return [person.name for person in people]


def listing(programme) -> str:
    return "\n".join(
        f"  {s.day} {s.start}–{s.end} {s.title!r} room={s.room!r} chairs={names(s.chairs)} speakers={names(s.speakers)}"
        for s in programme.sessions
    ) or "  (no session)"


def differences(session, expected: ExpectedSession) -> list[str]:
    """What of `expected` the matching `session` does not have: end, room, a chair, a speaker."""
    found = []
    if expected.end is not None and session.end != expected.end:
        found.append(f"ends {session.end}, not {expected.end}")
    if expected.room is not None and not _holds(session.room, expected.room):
        found.append(f"room {session.room!r} lacks {expected.room!r}")
    for role in ("chairs", "speakers"):
        people = names(getattr(session, role))
        missing = [f for f in getattr(expected, role) if not any(_holds(person, f) for person in people)]
        if missing:
            found.append(f"{role} {people} lack {missing}")
    return found


# --- every document ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", SCHEDULES)
def test_every_session_of_the_document_is_read_with_its_times_room_and_people(published, name):
    programme = published.programme(name)
    problems = []
    for expected in published.expected[name].sessions:
        candidates = [s for s in programme.sessions if matches(s, expected)]
        if not candidates:
            problems.append(f"missing: {expected.day} {expected.start} {expected.title!r}")
        elif all(differences(s, expected) for s in candidates):
            problems.append(f"{expected.title!r}: " + "; ".join(differences(candidates[0], expected)))
    assert not problems, "\n".join(problems) + "\nread:\n" + listing(programme)


@pytest.mark.parametrize("name", SCHEDULES)
def test_nothing_but_the_sessions_is_read(published, name):
    """No session from a page header or footer, a hidden block, a heading, a talk line or a
    sheet that is not a schedule; none read twice."""
    expected = published.expected[name]
    programme = published.programme(name)
    stray = [s.title for s in programme.sessions if any(_holds(s.title, text) for text in expected.not_sessions)]
    assert not stray, f"{name}: sessions made of text that is no session: {stray}"
    assert len(programme.sessions) == len(expected.sessions), listing(programme)


@pytest.mark.parametrize("name", SCHEDULES)
def test_the_congress_is_named(published, name):
    assert _holds(published.programme(name).congress.name, published.expected[name].congress)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_document_says_it_is_fictional(published, name):
    text = published.document(name).text
    assert any(_holds(text, word) for word in ("fictif", "fictive", "fictional", "خيالي")), text[:300]


# --- PDF brochures ---------------------------------------------------------------------------------

PDF_COLUMNS = "cardiologie-fes-2026.pdf"


def test_a_two_column_pdf_is_read_column_by_column(published):
    """Lines side by side on the page belong to two sessions: each keeps its own chairs, and no
    title runs on into the other column's line."""
    insufficiency = published.session(PDF_COLUMNS, "Insuffisance cardiaque")  # left column
    hypertension = published.session(PDF_COLUMNS, "Hypertension artérielle")  # right column, same height
    assert len(insufficiency.chairs) == 2 and all("Amina" in n or "Youssef" in n for n in names(insufficiency.chairs))
    assert len(hypertension.chairs) == 2 and all("Rachida" in n or "Mehdi" in n for n in names(hypertension.chairs))
    for session in published.programme(PDF_COLUMNS).sessions:  # no chairs' line, talk or time of the next column
        assert not re.search(r"Modérateurs|— (?:Dr|Pr) |\d{1,2}h\d{2}", session.title), session.title


def test_page_headers_and_footers_are_not_sessions(published):
    programme = published.programme(PDF_COLUMNS)
    for session in programme.sessions:
        assert not any(_holds(session.title, text) for text in ("page 1/2", "page 2/2", "Palais fictif", "cardiologie de Fès")), session.title


def test_talks_continue_across_a_page_break(published):
    pregnancy = published.session(PDF_COLUMNS, "Cardiopathies et grossesse")
    speakers = names(pregnancy.speakers)
    for on_page_1 in ("Hind Allégorie", "Yassine Fantaisie"):
        assert any(on_page_1 in n for n in speakers), speakers
    for on_page_2 in ("Ilham Récit", "Nora Conteuse"):
        assert any(on_page_2 in n for n in speakers), speakers
    imaging = published.session(PDF_COLUMNS, "Imagerie cardiaque")
    assert not any("Récit" in n or "Conteuse" in n for n in names(imaging.speakers))


PDF_TABLE = "neurologie-rabat-2026.pdf"


def test_rooms_as_columns_give_one_session_per_room(published):
    at_nine = [s for s in published.programme(PDF_TABLE).sessions if (s.day, s.start) == (D(2026, 6, 12), T(9))]
    assert len(at_nine) == 2, listing(published.programme(PDF_TABLE))
    epilepsy, headache = sorted(at_nine, key=lambda s: not _holds(s.title, "Épilepsie"))
    assert _holds(epilepsy.title, "Épilepsie") and _holds(epilepsy.room, "Atlas")
    assert _holds(headache.title, "Céphalées") and _holds(headache.room, "Rif")


def test_a_cell_spanning_the_rooms_is_one_session(published):
    sessions = published.programme(PDF_TABLE).sessions
    assert sum(_holds(s.title, "Conférence plénière") for s in sessions) == 1
    assert sum(_holds(s.title, "Pause-café") for s in sessions) == 1


def test_a_day_heading_above_a_table_dates_its_rows(published):
    assert published.programme(PDF_TABLE).days == [D(2026, 6, 12), D(2026, 6, 13)]
    assert published.session(PDF_TABLE, "Sclérose en plaques").day == D(2026, 6, 12)
    assert published.session(PDF_TABLE, "Parkinson").day == D(2026, 6, 13)


# --- Word ------------------------------------------------------------------------------------------

DOCX_TABLE = "pediatrie-tanger-2026.docx"
DOCX_PARAGRAPHS = "dermatologie-agadir-2026.docx"


def test_a_day_row_merged_over_a_word_table_starts_a_day(published):
    programme = published.programme(DOCX_TABLE)
    assert programme.days == [D(2026, 6, 11), D(2026, 6, 12)]
    assert published.session(DOCX_TABLE, "Urgences pédiatriques").day == D(2026, 6, 12)
    assert not any(_holds(s.title, "juin 2026") for s in programme.sessions)


def test_day_headings_without_a_year_take_the_year_of_the_opening_line(published):
    assert published.programme(DOCX_PARAGRAPHS).days == [D(2026, 6, 12), D(2026, 6, 13)]


def test_chair_and_speaker_lines_belong_to_the_session_above_them(published):
    acne = published.session(DOCX_PARAGRAPHS, "Acne beyond the textbook")
    assert [n for n in names(acne.chairs) if "Nora Fictive" in n] and len(acne.chairs) == 1
    assert [n for n in names(acne.speakers) if "Ilyas Imaginaire" in n] and len(acne.speakers) == 1
    coffee = published.session(DOCX_PARAGRAPHS, "Coffee break")
    assert not coffee.chairs and not coffee.speakers


# --- spreadsheets -----------------------------------------------------------------------------------

XLSX = "oncologie-marrakech-2026.xlsx"


def test_excel_time_values_and_times_written_as_text_are_read_alike(published):
    real = published.session(XLSX, "Cancer du sein")  # cells holding Excel times
    text = published.session(XLSX, "Oncologie thoracique")  # cells holding "09h00"
    assert (real.day, real.start, real.end) == (D(2026, 6, 12), T(9), T(10, 30))
    assert (text.day, text.start, text.end) == (D(2026, 6, 13), T(9), T(10, 30))


def test_a_day_merged_down_its_rows_dates_each_of_them(published):
    for title in ("Cancer du sein", "Immunothérapie", "Tumeurs digestives"):
        assert published.session(XLSX, title).day == D(2026, 6, 12), title


@pytest.mark.parametrize("name, title, start, end", [
    (XLSX, "Atelier de radiothérapie", T(14, 30), T(16, 30)),  # a cell merged over two time rows
    ("gastro-oujda-2026.html", "Liver disease", T(9), T(11)),  # a cell with rowspan="2"
])
def test_a_cell_spanning_two_time_rows_is_one_session_spanning_both(published, name, title, start, end):
    session = published.session(name, title)
    assert (session.start, session.end) == (start, end)


def test_a_sheet_that_is_not_a_schedule_gives_no_session(published):
    for session in published.programme(XLSX).sessions:
        assert not any(_holds(session.title, word) for word in ("Zahra", "Répertoire", "Secrétariat", "Logistique")), session.title
        assert not any("Zahra" in n or "Répertoire" in n for n in names(session.people))


# --- web pages ---------------------------------------------------------------------------------------

HTML = "gastro-oujda-2026.html"
HIDDEN = ("Draft session", "Template session", "Commented-out", "Hidden lunch")


def test_hidden_content_is_not_read(published):
    """`display:none`, `hidden`, `<template>` and comments hold drafts, not the programme: they are
    neither sessions nor text."""
    for session in published.programme(HTML).sessions:
        assert not any(_holds(session.title, text) for text in HIDDEN), session.title
    text = published.document(HTML).text
    assert not [t for t in HIDDEN if _holds(text, t)]


def test_a_break_spanning_all_rooms_is_one_session(published):
    sessions = published.programme(HTML).sessions
    assert sum(_holds(s.title, "Coffee break") for s in sessions) == 1


def test_a_heading_over_a_list_is_read_as_a_day_of_sessions(published):
    friday = [s for s in published.programme(HTML).sessions if s.day == D(2026, 6, 12)]
    assert [(s.start, s.end) for s in sorted(friday, key=lambda s: s.start)] == [(T(9), T(10)), (T(10), T(11, 30)), (T(11, 30), None)]
    assert _holds(published.session(HTML, "Colorectal screening").room, "Rif")


WINDOWS_1252 = "endocrino-meknes-2026.html"
WINDOWS_1252_UNDECLARED = "rhumato-safi-2026.htm"


def test_a_windows_1252_page_is_read(published):
    text = published.document(WINDOWS_1252).text
    assert [word for word in ENDOCRINO_WORDS if word not in text] == []
    assert _holds(published.session(WINDOWS_1252, "Diabète et cœur").room, "Médina")


def test_a_windows_1252_page_without_declaration_is_read(published):
    """No `<meta charset>`: the bytes are French in windows-1252, not UTF-8 and not a central
    European code page (where à, è, ù and œ are other letters)."""
    text = published.document(WINDOWS_1252_UNDECLARED).text
    assert [word for word in RHUMATO_WORDS if word not in text] == []
    assert published.session(WINDOWS_1252_UNDECLARED, "Ostéoporose").start == T(9)


def test_a_definition_list_layout_is_read(published):
    diabetes = published.session(WINDOWS_1252, "Diabète et cœur")
    assert (diabetes.day, diabetes.start, diabetes.end) == (D(2026, 6, 12), T(9), T(10, 30))
    assert [n for n in names(diabetes.chairs) if "Hélène Fictive" in n]
    assert [n for n in names(diabetes.speakers) if "Chloé Inventée" in n]


ARABIC = "nephro-2026-ar.html"


def test_arabic_day_names_and_arabic_indic_digits_are_read(published):
    programme = published.programme(ARABIC)
    assert programme.days == [D(2026, 6, 11), D(2026, 6, 12)]
    kidney = published.session(ARABIC, "القصور الكلوي")
    assert (kidney.day, kidney.start, kidney.end) == (D(2026, 6, 11), T(9), T(10, 30))


# --- Markdown ----------------------------------------------------------------------------------------

MARKDOWN = "ophtalmo-tetouan-2026.md"


def test_markdown_holding_an_html_table_is_read_without_its_tags(published):
    text = published.document(MARKDOWN).text
    assert "<td" not in text and "<tr" not in text and "<br" not in text
    assert "Glaucome : dépistage fictif" in text
    assert _holds(published.session(MARKDOWN, "Glaucome").room, "Rif")


def test_a_weekday_contradicting_its_date_is_a_warning_and_the_date_is_kept(published):
    weekday, date = CONTRADICTED_WEEKDAY
    assert published.session(MARKDOWN, "Glaucome").day == date
    warnings = published.warnings(MARKDOWN)
    assert [w for w in warnings if _holds(w, weekday) and ("12" in w)], warnings


# --- how people write times and roles ---------------------------------------------------------------

@pytest.mark.parametrize("written, name, title, start, end", [
    ("8h30 – 9h00", PDF_COLUMNS, "Accueil des participants", T(8, 30), T(9)),
    ("09:00-10:00", PDF_TABLE, "Épilepsie", T(9), T(10)),
    ("8h30 - 9h", DOCX_TABLE, "Accueil et inscriptions", T(8, 30), T(9)),
    ("de 9h à 10h30", DOCX_TABLE, "Bronchiolite", T(9), T(10, 30)),
    ("10 h 30 – 11 h", DOCX_TABLE, "Pause", T(10, 30), T(11)),
    ("11H00 – 12H30", DOCX_TABLE, "Vaccination", T(11), T(12, 30)),
    ("14h30-16h", DOCX_TABLE, "Néonatologie", T(14, 30), T(16)),
    ("9.30am – 11.00am", DOCX_PARAGRAPHS, "Acne", T(9, 30), T(11)),
    ("11.30am – 12.30pm", DOCX_PARAGRAPHS, "Psoriasis", T(11, 30), T(12, 30)),
    ("2:30 PM – 3:15 PM", DOCX_PARAGRAPHS, "Hair and nails", T(14, 30), T(15, 15)),
    ("2.30pm – 4pm", DOCX_PARAGRAPHS, "Closing round table", T(14, 30), T(16)),
    ("Excel time values", XLSX, "Tumeurs digestives", T(14), T(15, 30)),
    ("14.30", XLSX, "Soins de support", T(14, 30), T(15, 30)),
    ("14:30 – 15:45", HTML, "Pancreas", T(14, 30), T(15, 45)),
    ("8 h 30 – 9 h 00", WINDOWS_1252, "Accueil café", T(8, 30), T(9)),
    ("09.00 – 10.00", WINDOWS_1252_UNDECLARED, "Ostéoporose", T(9), T(10)),
    ("١١:٠٠ - ١٢:٣٠", ARABIC, "غسيل الكلى", T(11), T(12, 30)),
    ("14H30 – 16H00", MARKDOWN, "Atelier de réfraction", T(14, 30), T(16)),
])
def test_times_as_people_write_them(published, written, name, title, start, end):
    session = published.session(name, title)
    assert (session.start, session.end) == (start, end), written


@pytest.mark.parametrize("label, name, title, role, people", [
    ("Modérateurs :", PDF_COLUMNS, "Rythmologie", "chairs", ("Nadia Chimère", "Omar Songe")),
    ("Modérateur :", PDF_TABLE, "Céphalées", "chairs", ("Samira Songe",)),
    ("Orateur :", PDF_TABLE, "Conférence plénière", "speakers", ("Driss Inventé",)),
    ("Président(e)s de séance :", DOCX_TABLE, "Bronchiolite", "chairs", ("Leila Fictive", "Omar Imaginaire")),
    ("Orateurs :", DOCX_TABLE, "Vaccination", "speakers", ("Ali Chimère", "Widad Fable")),
    ("Chair:", DOCX_PARAGRAPHS, "Psoriasis", "chairs", ("Amal Chimère",)),
    ("Speaker:", DOCX_PARAGRAPHS, "Psoriasis", "speakers", ("Fouad Fable",)),
    ("Chairs:", HTML, "Liver disease", "chairs", ("Amal Fictive", "Yassine Dream")),
    ("Moderator:", HTML, "IBD in practice", "chairs", ("Nadia Legend",)),
    ("Speaker:", HTML, "Microbiota", "speakers", ("Salma Madeup",)),
    ("Modératrice :", WINDOWS_1252, "Obésité", "chairs", ("Anaïs Fable",)),
    ("رئيس الجلسة", ARABIC, "زراعة الكلى", "chairs", ("نادية المفترضة",)),
    ("المتدخلون", ARABIC, "زراعة الكلى", "speakers", ("عمر الخيالي", "هند المتخيلة")),
])
def test_role_labels_in_french_english_and_arabic(published, label, name, title, role, people):
    read = names(getattr(published.session(name, title), role))
    assert len(read) == len(people) and all(any(p in n for n in read) for p in people), (label, read)


@pytest.mark.parametrize("name, title, end", [
    (PDF_COLUMNS, "Pause-café et visite", T(11)),  # "10h30 Pause-café…", then "11h00 – 12h30"
    (DOCX_PARAGRAPHS, "Opening of the fictional days", T(9, 30)),  # "9.00am", then "9.30am – 11.00am"
    (WINDOWS_1252_UNDECLARED, "Pause-café", T(11, 30)),  # "11.15 Pause-café", then "11.30 – 12.30"
    (XLSX, "Déjeuner", T(14, 30)),  # grid rows "12h30", then "14.30"
])
def test_a_slot_given_a_start_only_ends_when_the_next_one_starts(published, name, title, end):
    assert published.session(name, title).end == end


@pytest.mark.parametrize("name, title", [(PDF_COLUMNS, "Clôture du congrès"), (DOCX_TABLE, "Clôture"), (HTML, "Closing words")])
def test_the_last_slot_of_a_day_keeps_no_end(published, name, title):
    assert published.session(name, title).end is None


# --- text only ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", TEXT_ONLY)
def test_a_document_without_schedule_is_text_only(published, name):
    document = published.document(name)
    assert "programme" not in document.metadata
    assert "invitation" in document.text and "de 9h à 17h" in document.text


# --- the fixtures themselves ---------------------------------------------------------------------------

def test_the_fixtures_are_the_same_bytes_each_time(tmp_path):
    first, second = write_all(tmp_path / "first"), write_all(tmp_path / "second")
    assert first == second == EXPECTED
    for name in EXPECTED:
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes(), name


def test_every_expectation_is_a_well_formed_session():
    for name, expected in EXPECTED.items():
        assert isinstance(expected, Expected)
        for session in expected.sessions:
            assert session.day is not None and session.start is not None and session.title, (name, session)
            assert session.end is None or session.end > session.start, (name, session)


# Answers from a published programme, end to end (reader → real index → assistant) --------------

@pytest.fixture(scope="module")
def brochure_assistant(tmp_path_factory):
    """The two-column PDF brochure and the 12-hour Word agenda, indexed with the real model."""
    from conftest import make_settings
    from published_programmes import write_all

    from rag.assistant import Assistant
    from rag.ingest import ingest

    written = tmp_path_factory.mktemp("written")
    write_all(written)
    corpus = tmp_path_factory.mktemp("brochures")
    for name in ("cardiologie-fes-2026.pdf", "dermatologie-agadir-2026.docx"):
        (corpus / name).write_bytes((written / name).read_bytes())
    settings = make_settings(corpus_dir=corpus, index_dir=tmp_path_factory.mktemp("index"))
    report = ingest(settings)
    return Assistant(settings), report


@pytest.mark.slow
def test_ingest_says_what_the_reader_found_in_each_document(brochure_assistant):
    _, report = brochure_assistant
    assert report.schedules["cardiologie-fes-2026.pdf"].startswith("11 sessions over 2 days")
    assert report.schedules["dermatologie-agadir-2026.docx"].startswith("7 sessions over 2 days")


@pytest.mark.slow
def test_a_session_of_a_pdf_brochure_is_answered_with_its_time_and_cited_with_its_page(brochure_assistant):
    assistant, _ = brochure_assistant
    answer = assistant.ask("À quelle heure commence la session sur la rythmologie ?")
    assert not answer.refused and "11:00" in answer.answer, answer.answer
    assert answer.citations and answer.citations[0].doc_id == "cardiologie-fes-2026" and answer.citations[0].page == 1


@pytest.mark.slow
def test_a_french_asker_gets_a_12_hour_programme_s_time_in_both_conventions(brochure_assistant):
    assistant, _ = brochure_assistant
    answer = assistant.ask("À quelle heure commence le Closing round table ?")
    assert not answer.refused and "14h30 (2:30 PM)" in answer.answer, answer.answer
    english = assistant.ask("When is the hair and nails workshop?")
    assert "2:30 PM" in english.answer and "14h30" not in english.answer, english.answer


@pytest.mark.slow
def test_a_corrected_csv_replaces_the_sessions_of_the_brochure_it_came_from(tmp_path):
    """The organiser's workflow: download the sessions read from a brochure as CSV, correct them,
    upload the CSV; the brochure stays indexed as text and its sessions are the CSV's."""
    from conftest import make_settings
    from published_programmes import write_all

    from rag.documents import load_document
    from rag.ingest import ingest
    from rag.programme.csv_format import programme_csv
    from rag.programme.model import programme_from_json, programmes_in

    corpus = tmp_path / "corpus"
    written = tmp_path / "written"
    corpus.mkdir(), written.mkdir()
    write_all(written)
    brochure = corpus / "cardiologie-fes-2026.pdf"
    brochure.write_bytes((written / brochure.name).read_bytes())
    read = programme_from_json(load_document(brochure, corpus).metadata["programme"])
    corrected = programme_csv(read, source=brochure.name).replace("Rythmologie fictive", "Rythmologie fictive (salle corrigée)")
    (corpus / "cardiologie-fes-2026-corrige.csv").write_text(corrected, encoding="utf-8")

    settings = make_settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="use-m3")
    report = ingest(settings)

    assert report.schedules["cardiologie-fes-2026.pdf"] == "sessions replaced by cardiologie-fes-2026-corrige.csv"
    from rag.index import load_index

    index = load_index(settings.resolved_index_dir(), "use-m3", None)
    programmes = programmes_in(index.documents)
    assert [p.doc_id for p in programmes] == ["cardiologie-fes-2026-corrige"]
    assert any("salle corrigée" in s.title for s in programmes[0].sessions)
    assert "cardiologie-fes-2026" in index.documents  # still indexed as text


@pytest.mark.slow
def test_the_same_session_in_a_brochure_and_a_web_page_is_kept_once(tmp_path):
    from conftest import make_settings

    from rag.ingest import ingest
    from rag.index import load_index
    from rag.programme.model import programmes_in

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    page = "".join(f"<h2>{time} : {title}</h2>" for time, title in [
        ("8h30 – 9h00", "Accueil"), ("9h00 – 10h30", "Session une fictive"), ("10h30 – 11h00", "Pause"), ("11h00 – 12h00", "Session deux fictive")])
    (corpus / "a-brochure.html").write_text(f"<html><body><h1>Journée fictive de test, 12 juin 2026</h1>{page}</body></html>", encoding="utf-8")
    (corpus / "b-site.html").write_text(f"<html><body><h1>Journée fictive (site), 12 juin 2026</h1>{page}"
                                        "<h2>14h00 – 15h00 : Atelier seulement sur le site</h2></body></html>", encoding="utf-8")
    settings = make_settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="use-m3")
    report = ingest(settings)

    assert report.schedules["b-site.html"].endswith("4 session(s) also in a-brochure.html: kept there once")
    sessions = [s.title for p in programmes_in(load_index(settings.resolved_index_dir(), "use-m3", None).documents) for s in p.sessions]
    assert sorted(sessions) == sorted(["Accueil", "Session une fictive", "Pause", "Session deux fictive", "Atelier seulement sur le site"])


@pytest.mark.slow
def test_where_the_congress_is_held_is_answered_from_the_venue_its_cover_prints(tmp_path):
    from conftest import make_settings

    from rag.assistant import Assistant
    from rag.documents import load_document
    from rag.ingest import ingest
    from rag.programme.model import programme_from_json

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sessions = "".join(f"<p>{time} {title}</p>" for time, title in [
        ("8h30 – 9h00", "Accueil des participants"), ("9h00 – 10h30", "Cardiologie fictive"), ("11h00 – 12h00", "Clôture fictive")])
    (corpus / "journee-fictive.html").write_text(
        "<html><body><h1>Journée fictive de cardiologie de Safi</h1><p>Programme fictif — document de test</p>"
        f"<p>Hôtel Fictif Atlas</p><h2>Jeudi 11 juin 2026</h2>{sessions}</body></html>", encoding="utf-8")
    programme = programme_from_json(load_document(corpus / "journee-fictive.html", corpus).metadata["programme"])
    assert programme.congress.venue == "Hôtel Fictif Atlas"
    settings = make_settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="use-m3")
    ingest(settings)
    assistant = Assistant(settings)
    answer = assistant.ask("Où se tient la journée de cardiologie de Safi ?")
    assert not answer.refused and "Hôtel Fictif Atlas" in answer.answer and answer.citations, answer.answer
    assert assistant.ask("Dans quelle salle a lieu la clôture ?").refused  # a room is not the venue
