"""Programmes are data: every format organisers export or type loads to the same sessions,
broken files are refused with the file, the session and the field named, the rest of the
corpus still loads, schedule questions are answered from the sessions (with a clock tests set),
and the calendar export reads back in an independent iCalendar parser.

Fixtures in tests/data/programmes are fictional; the pretalx export is the fictional JNOF
programme of the evaluation set (eval/corpora/make_programme.py)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import ROOT, encoder_calls, make_settings

DATA = Path(__file__).parent / "data" / "programmes"
PRETALX = ROOT / "eval" / "corpora" / "programme-fictif" / "jnof-2026.json"
CASABLANCA = ZoneInfo("Africa/Casablanca")


def load(path: Path):
    from rag.programme.loaders import load_programme

    return load_programme(path, doc_id=path.stem)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment of the fictional JNOF congress (14–16 May 2026), in Casablanca time."""
    return dt.datetime(2026, 5, day, hour, minute, tzinfo=CASABLANCA)


# --- loading ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["rfp-2026.yaml", "rfp-2026.csv", "rfp-2026.frab.xml", "rfp-2026.ics"])
def test_every_format_loads_the_same_sessions(name):
    programme = load(DATA / name)
    summary = [(s.title, s.day, s.start, s.end, s.room, s.track) for s in programme.sessions]
    assert summary == [
        ("Asthme sévère de l'adulte", dt.date(2026, 10, 2), dt.time(9, 0), dt.time(10, 30), "Amphi A", "Asthme"),
        ("Atelier d'échographie thoracique", dt.date(2026, 10, 3), dt.time(14, 0), dt.time(15, 0), "Salle B", "Imagerie"),
    ]
    asthma = programme.sessions[0]
    assert [p.name for p in asthma.chairs] == ["Pr Idriss Fictif"]
    assert [p.name for p in asthma.speakers] == ["Dr Salma Imaginaire"]
    assert programme.congress.timezone == "Africa/Casablanca"
    assert programme.warnings == ()


def test_a_real_shaped_pretalx_export_loads_as_it_is():
    programme = load(PRETALX)
    assert programme.congress.city == "Rabat" and programme.congress.start == dt.date(2026, 5, 14)
    assert len(programme.sessions) == 14
    assert programme.days == [dt.date(2026, 5, 14), dt.date(2026, 5, 15), dt.date(2026, 5, 16)]
    assert programme.rooms == ["Salle 1", "Salle 2", "Salle Atlas"]
    prostate = programme.session("SYM1")
    assert (prostate.day, prostate.start, prostate.end, prostate.room) == (dt.date(2026, 5, 14), dt.time(14), dt.time(15, 30), "Salle 1")
    assert [p.name for p in prostate.chairs] == ["Pr Omar Ouazzani"]
    assert prostate.track == "Uro-oncologie" and prostate.type


@pytest.mark.parametrize(
    "name, names",
    [
        ("end-before-start.yaml", ["session asthme", "end", "end 09:00 is not after start 10:30"]),
        ("unknown-day.csv", ["echo", "2026-10-09", "not a day of the congress"]),
        ("bad-time.yaml", ["s1", "start", "neuf heures"]),
        ("truncated.json", ["not valid JSON", "line 1"]),
        ("not-a-schedule.xml", ["<html>", "not <schedule>"]),
        ("entities.xml", ["DOCTYPE"]),
    ],
)
def test_a_broken_programme_is_refused_with_the_session_and_field_named(name, names):
    from rag.documents import load_document
    from rag.programme.loaders import ProgrammeError

    with pytest.raises(ProgrammeError) as refused:
        load_document(DATA / "broken" / name, DATA / "broken")
    message = str(refused.value)
    for expected in names:
        assert expected in message


def test_ingest_names_the_broken_file_and_warns_about_overlaps(tmp_path):
    from conftest import run_cli_here

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in (DATA / "rfp-2026.csv", DATA / "broken" / "unknown-day.csv", DATA / "warnings" / "overlap.yaml"):
        shutil.copy(path, corpus)
    result = run_cli_here("ingest", "--corpus", str(corpus), env={"CONGRESS_CHAT_INDEX_DIR": str(tmp_path / "index")})
    assert result.returncode == 3, "exit status 3: indexed, but some files were skipped"
    assert "skipped unknown-day.csv: invalid programme: session echo" in result.stderr
    assert "warning overlap.yaml: sessions a (Asthme sévère) and b (BPCO) overlap in Amphi A" in result.stderr
    assert "2 documents" in result.stdout and "PARTIAL" in result.stdout


def test_sessions_overlapping_in_one_room_are_a_warning_not_an_error():
    programme = load(DATA / "warnings" / "overlap.yaml")
    assert len(programme.sessions) == 2
    assert len(programme.warnings) == 1 and "overlap in Amphi A" in programme.warnings[0]


def test_a_broken_programme_does_not_stop_the_rest_of_the_corpus(tmp_path):
    from rag.assistant import Assistant
    from rag.ingest import ingest

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DATA / "rfp-2026.yaml", corpus)
    shutil.copy(DATA / "broken" / "end-before-start.yaml", corpus)
    settings = make_settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    report = ingest(settings)
    assert list(report.failed) == ["end-before-start.yaml"] and "asthme" in report.failed["end-before-start.yaml"]
    answer = Assistant(settings).ask("Dans quelle salle a lieu l'atelier d'échographie thoracique ?")
    assert "Salle B" in answer.answer


# --- answering from the schedule ----------------------------------------------------------------

def test_when_is_answered_with_day_time_room_and_a_citation_to_the_session(programme_assistant):
    answer = programme_assistant.ask("Quand a lieu la session sur le cancer de la prostate ?", now=at(13, 9))
    assert not answer.refused
    assert "14:00" in answer.answer and "Salle 1" in answer.answer and "14 mai" in answer.answer
    assert answer.citations and "Cancer de la prostate" in answer.citations[0].text


def test_who_chairs_tolerates_english_and_arabic(programme_assistant):
    english = programme_assistant.ask("Who chairs the lung cancer immunotherapy session?", now=at(13, 9))
    assert "Hamid Amrani" in english.answer
    arabic = programme_assistant.ask("من يترأس جلسة سرطان البروستاتا؟", now=at(13, 9))
    assert "Omar Ouazzani" in arabic.answer


def test_speaker_names_match_without_accents_or_with_a_typo(programme_assistant):
    for question in ["Quand parle Ghita Chraibi ?", "Quand intervient Ghita Chraïbi ?", "When does Ghita Chraybi speak?"]:
        answer = programme_assistant.ask(question, now=at(13, 9))
        assert "Atelier pratique" in answer.answer or "annonce" in answer.answer, question


def test_speaker_names_match_with_initials(programme_assistant):
    answer = programme_assistant.ask("Quand intervient le Pr O. Ouazzani ?", now=at(13, 9))
    assert "Cancer de la prostate" in answer.answer and "Cancer colorectal" in answer.answer
    assert "Immunothérapie" in programme_assistant.ask("When does K. El Idrissi speak?", now=at(13, 9)).answer


@pytest.mark.parametrize(
    "latin, arabic",
    [("Karim El Idrissi", "كريم الإدريسي"), ("Ghita Chraïbi", "غيثة الشرايبي"), ("Pr Omar Ouazzani", "عمر الوزاني"),
     ("Imane Fassi-Fihri", "إيمان الفاسي الفهري"), ("Youssef Tazi", "يوسف التازي")],
)
def test_a_name_written_in_arabic_is_the_same_person(latin, arabic):
    from rag.programme.names import name_skeletons, named_in_arabic

    assert named_in_arabic(f"متى يتحدث {arabic}؟", name_skeletons([latin, "Hajar Zniber"])) == {latin}


def test_a_short_surname_alone_needs_a_title():
    from rag.programme.names import name_skeletons, named_in_arabic

    idrissi = name_skeletons(["Karim El Idrissi"])
    assert named_in_arabic("متى درس السرطان؟", idrissi) == set()  # درس, "lesson", is not Idrissi
    assert named_in_arabic("متى يتحدث الدكتور الإدريسي؟", idrissi) == {"Karim El Idrissi"}


def test_arabic_questions_name_speakers_in_arabic_script(programme_assistant):
    answer = programme_assistant.ask("ما هي جلسات الدكتورة غيثة الشرايبي؟", now=at(13, 9))
    assert "Atelier pratique" in answer.answer and "Session patients" in answer.answer


def test_now_in_a_room_follows_the_clock(programme_assistant):
    during = programme_assistant.ask("Qu'est-ce qui se passe maintenant en salle 2 ?", now=at(15, 10, 15))
    assert "Cancer colorectal" in during.answer
    later = programme_assistant.ask("Qu'est-ce qui se passe maintenant en salle 2 ?", now=at(15, 14, 30))
    assert "Session patients" in later.answer and "Cancer colorectal" not in later.answer


def test_next_session_is_the_first_one_after_the_clock(programme_assistant):
    answer = programme_assistant.ask("What is the next session in Salle Atlas?", now=at(15, 12, 0))
    assert "Cancer de la vessie" in answer.answer
    assert "Cancer du sein métastatique" not in answer.answer


def test_tomorrow_is_read_from_the_clock_in_three_languages(programme_assistant):
    for question in ["Qui parle d'immunothérapie demain ?", "Who speaks about immunotherapy tomorrow?", "من يتحدث عن العلاج المناعي غدا؟"]:
        answer = programme_assistant.ask(question, now=at(13, 18))
        assert "Karim El Idrissi" in answer.answer, question


def test_a_session_the_programme_does_not_have_is_not_invented(programme_assistant):
    answer = programme_assistant.ask("Quand a lieu la session sur la dermatologie pédiatrique ?", now=at(13, 9))
    assert answer.refused


@pytest.mark.parametrize(
    "question, expected",
    [
        ("demain matin", (dt.date(2026, 5, 15), "morning")),
        ("cet après-midi", (dt.date(2026, 5, 14), "afternoon")),
        ("tomorrow afternoon", (dt.date(2026, 5, 15), "afternoon")),
        ("غدا", (dt.date(2026, 5, 15), None)),
        ("le 16 mai", (dt.date(2026, 5, 16), None)),
        ("on Saturday", (dt.date(2026, 5, 16), None)),
    ],
)
def test_time_words_in_french_english_and_arabic(question, expected):
    from rag.programme.timewords import read_when

    when = read_when(question, at(14, 8), [dt.date(2026, 5, 14), dt.date(2026, 5, 15), dt.date(2026, 5, 16)])
    day, part = expected
    assert when.day == day
    if part == "morning":
        assert when.part and when.part[1] <= dt.time(13)
    elif part == "afternoon":
        assert when.part and when.part[0] >= dt.time(12)


def test_now_is_understood_in_arabic():
    from rag.programme.timewords import read_when

    assert read_when("ما الذي يجري الآن في القاعة 2؟", at(14, 8), []).now


# --- calendar export ----------------------------------------------------------------------------

def test_calendar_export_reads_back_in_icalendar_with_the_same_sessions():
    import icalendar

    from rag.programme.calendar import calendar_bytes

    programme = load(PRETALX)
    calendar = icalendar.Calendar.from_ical(calendar_bytes(programme))
    events = calendar.walk("VEVENT")
    assert len(events) == len(programme.sessions)
    by_title = {str(event["SUMMARY"]): event for event in events}
    for session in programme.sessions:
        event = by_title[session.title]
        assert event.decoded("DTSTART") == session.starts_at("Africa/Casablanca")
        assert event.decoded("DTEND") == session.ends_at("Africa/Casablanca")
        assert str(event["LOCATION"]) == f"{session.room}, Centre de conférences fictif Al Manar, Rabat"  # room, venue, city
    assert len({str(event["UID"]) for event in events}) == len(events)


def test_a_congress_with_dates_but_no_session_days_exports_its_days_as_an_all_day_event():
    import icalendar

    from rag.programme.calendar import WHOLE_CONGRESS, calendar_bytes
    from rag.programme.model import Congress, Programme, Session

    congress = Congress(name="Journées fictives sans horaires", edition="3e édition", city="Fès", venue="Palais fictif",
                        start=dt.date(2026, 3, 5), end=dt.date(2026, 3, 6))
    programme = Programme(congress, (Session("a", "Asthme sévère"), Session("b", "BPCO")), doc_id="seed")
    exported = calendar_bytes(programme, links={WHOLE_CONGRESS: "https://congres.example.org/programme#congress-seed"})
    assert b"DTSTART;VALUE=DATE:20260305" in exported
    [event] = icalendar.Calendar.from_ical(exported).walk("VEVENT")
    assert event.decoded("DTSTART") == dt.date(2026, 3, 5) and event.decoded("DTEND") == dt.date(2026, 3, 7)  # the day after the last
    assert str(event["SUMMARY"]) == "Journées fictives sans horaires — 3e édition"
    assert str(event["LOCATION"]) == "Palais fictif, Fès"
    assert str(event["URL"]) == "https://congres.example.org/programme#congress-seed"
    assert "- Asthme sévère" in str(event["DESCRIPTION"]) and "- BPCO" in str(event["DESCRIPTION"])
    undated = Programme(Congress(name="Sans dates"), programme.sessions, doc_id="none")
    assert icalendar.Calendar.from_ical(calendar_bytes(undated)).walk("VEVENT") == []  # nothing known: nothing invented


def test_calendar_events_say_where_they_are_and_link_back_and_read_back_with_their_rooms(tmp_path):
    import icalendar

    from rag.programme.calendar import calendar_bytes

    programme = load(PRETALX)
    chosen = programme.session("SYM1")
    link = "https://congres.example.org/programme#session-jnof--SYM1"
    exported = calendar_bytes(programme, [chosen], {chosen.id: link})
    [event] = icalendar.Calendar.from_ical(exported).walk("VEVENT")
    assert str(event["LOCATION"]) == f"{chosen.room}, Centre de conférences fictif Al Manar, Rabat"
    assert str(event["URL"]) == link and str(event["DESCRIPTION"]).endswith(link)
    path = tmp_path / "one.ics"
    path.write_bytes(exported)
    [again] = load(path).sessions
    assert again.room == chosen.room and link not in again.description


def test_calendar_export_of_one_session_loads_back_as_a_programme(tmp_path):
    from rag.programme.calendar import calendar_bytes

    programme = load(PRETALX)
    chosen = programme.session("SYM1")
    path = tmp_path / "one.ics"
    path.write_bytes(calendar_bytes(programme, [chosen]))
    again = load(path).sessions
    assert [(s.title, s.day, s.start, s.end, s.room) for s in again] == [(chosen.title, chosen.day, chosen.start, chosen.end, chosen.room)]


@pytest.mark.parametrize("language, suffix", [("yaml", ".yaml"), ("csv", ".csv")])
def test_the_readme_examples_of_our_formats_load(tmp_path, language, suffix):
    import re
    import textwrap

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(rf"^( *)```{language}\n(.*?)^\1```", readme, flags=re.S | re.M)
    assert blocks, f"README has a {language} example"
    path = tmp_path / f"example{suffix}"
    path.write_text(textwrap.dedent(blocks[0][1]), encoding="utf-8")
    programme = load(path)
    session = programme.session("sym-prostate")
    assert (session.day, session.start, session.room) == (dt.date(2026, 5, 14), dt.time(14), "Salle 1")
    assert [p.affiliation for p in session.speakers][0] == "CHU fictif"


# --- questions in another language than the session's title ------------------------------------

@pytest.mark.parametrize(
    "question, expected",
    [
        ("When is the closing ceremony?", ["Séance de clôture", "12:00"]),
        ("متى حفل الاختتام؟", ["Séance de clôture", "12:00"]),
        ("In which room is the opening ceremony?", ["Séance d'ouverture", "Salle Atlas"]),
        ("في أي قاعة جلسة الآثار الجانبية للعلاج المناعي؟", ["Meet the expert", "Hercules Room"]),
        ("Dans quelle salle est la session sur les effets indésirables de l'immunothérapie ?", ["Meet the expert", "Hercules Room"]),
    ],
)
def test_a_session_is_found_from_a_question_in_another_language(programme_assistant, question, expected):
    answer = programme_assistant.ask(question, now=at(13, 9))
    assert not answer.refused, question
    for text in expected:
        assert text in answer.answer, (question, answer.answer)


def test_palliative_care_is_the_workshop_not_the_supportive_care_track(programme_assistant):
    answer = programme_assistant.ask("When does the lecture on palliative care start?", now=at(13, 9))
    assert "soins palliatifs" in answer.answer and "16:30" in answer.answer
    assert "Meet the expert" not in answer.answer


@pytest.mark.parametrize(
    "question, title",
    [("When is the talk about blood tests that find tumour DNA?", "liquid biopsy"),
     ("When is the meeting for junior doctors about grants?", "Young oncologists")],
)
def test_the_encoder_finds_a_session_the_lexicon_has_no_words_for(programme_assistant, question, title):
    """No lexicon entry links "blood tests that find tumour DNA" to "liquid biopsy": e5-small does."""
    answer = programme_assistant.ask(question, now=at(13, 9))
    assert title in answer.answer and answer.answer.count("«") == 1


def test_the_encoder_reads_the_topic_of_a_question_sessions_could_answer(programme_assistant, monkeypatch):
    encoded = encoder_calls(programme_assistant, monkeypatch, answerer=False)
    programme_assistant.ask("When is the talk about blood tests that find tumour DNA?", now=at(13, 9))
    assert len(encoded) == 2  # the question (for the passages), then its topic words (for the sessions)


@pytest.mark.parametrize("question", ["Où se tient le congrès de l'OMM ?", "Who chairs the Moroccan Society of Radiology?",
                                      "Y a-t-il un parking ?"])
def test_a_topic_is_not_encoded_when_no_session_has_what_is_asked(shipped_assistant, monkeypatch, question):
    """The shipped programmes give no day, room or speaker: a "where" or "who" question is the
    articles' to answer whatever session its topic points to, so the question is encoded once (~20 ms saved)."""
    encoded = encoder_calls(shipped_assistant, monkeypatch, answerer=False)
    shipped_assistant.ask(question)
    assert len(encoded) == 1


@pytest.mark.parametrize("question", ["When is the lecture on pediatric dermatology?", "متى محاضرة جراحة العيون؟",
                                      "In which room is the nephrology workshop?", "Quand a lieu la session sur le mélanome ?",
                                      "When is the session on heart failure?", "متى محاضرة السكري؟"])
def test_a_topic_no_session_has_is_still_refused_in_any_language(programme_assistant, question):
    assert programme_assistant.ask(question, now=at(13, 9)).refused
