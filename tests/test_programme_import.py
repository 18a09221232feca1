"""Programmes as organisers' tools really export them: every quirk of tests/data/programmes/quirks
(fictional files, each listing its quirks in its header) imports to the expected sessions, a bad
session is skipped with one warning naming it while the others are kept, and the `.ics` export of
what was imported reads back in `icalendar` — sessions crossing midnight included."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import run_cli_here

QUIRKS = Path(__file__).parent / "data" / "programmes" / "quirks"
BROKEN = Path(__file__).parent / "data" / "programmes" / "broken"
D, T = dt.date, dt.time


def load(path: Path):
    from rag.programme.loaders import load_programme

    return load_programme(path, doc_id=path.stem)


def summary(programme):
    return [(s.title, s.day, s.start, s.end, s.room) for s in programme.sessions]


def skipped(programme):
    return [w for w in programme.warnings if w.startswith("skipped ")]


def test_frab_export_with_nights_streams_and_no_time_zone_name():
    programme = load(QUIRKS / "night.frab.xml")
    assert summary(programme) == [
        ("Insuffisance cardiaque avancée", D(2026, 11, 6), T(9), T(10, 30), "Amphi A"),  # not its "(Stream)" copy
        ("Pause café", D(2026, 11, 6), T(10, 30), T(11), "Hall B, niveau 1"),
        ("Soirée dansante", D(2026, 11, 6), T(22), T(3), "Terrasse"),
        ("Dîner du congrès", D(2026, 11, 6), T(23, 30), T(1), "Restaurant fictif"),
        ("Projection nocturne", D(2026, 11, 7), T(0, 30), T(1, 15), "Cinéma"),  # filed under day 1, its date is day 2
        ("Exposition de posters", D(2026, 11, 7), T(9), T(18), "Hall B, niveau 1"),  # duration 09:00 = nine hours
        ("Cérémonie de clôture", D(2026, 11, 7), T(17), T(18), "Amphi A"),
        ("After-party fictive", D(2026, 11, 8), T(1), T(2), "Terrasse"),  # the night after the last day
    ]
    assert programme.congress.name == "Rencontres fictives de cardiologie 2026"
    assert programme.congress.timezone == "Etc/GMT-1"  # from the dates' +01:00
    heart = programme.sessions[0]
    assert [p.name for p in heart.chairs] == ["Dr Nadia Fictive"] and [p.name for p in heart.speakers] == ["Pr Karim Imaginaire"]
    party = programme.sessions[2]
    assert party.ends_at(programme.congress.timezone) == dt.datetime(2026, 11, 7, 3, tzinfo=ZoneInfo("Etc/GMT-1"))
    assert programme.warnings == ("skipped session 207 (Atelier mal saisi): duration 'une heure' is not HH:MM",)


def test_pretalx_export_with_extra_keys_offsets_markdown_and_a_stream_copy():
    programme = load(QUIRKS / "jfd-2026.pretalx.json")
    assert summary(programme) == [
        ("Séance d'ouverture", D(2026, 9, 10), T(9), T(9, 30), "Salle Lumière"),  # `date` only, no `start`
        ("Psoriasis : biothérapies", D(2026, 9, 10), T(14), T(15, 30), "Salle Lumière"),
        ("Soirée de gala", D(2026, 9, 10), T(23), T(0), "Salle Lumière"),  # 23:00–00:00
        ("Mélanome - nouveautés", D(2026, 9, 11), T(9, 30), T(10, 30), "Salle Lumière"),  # 07:30Z is 09:30 in Paris
        ("Cérémonie de clôture", D(2026, 9, 11), T(17), T(17, 30), "Salle Lumière"),
    ]
    assert (programme.congress.start, programme.congress.end, programme.congress.timezone) == (D(2026, 9, 10), D(2026, 9, 11), "Europe/Paris")
    psoriasis = programme.session("PSO")
    assert [p.name for p in psoriasis.chairs] == ["Dr Hind Fictive"]
    assert psoriasis.description == "Objectifs Choisir une biothérapie Suivre les recommandations fictives"
    assert skipped(programme) == ["skipped session BAD: title is missing"]


def test_ics_export_with_a_wrong_vtimezone_speakers_in_summary_and_folded_lines():
    programme = load(QUIRKS / "jfo-2026.ics")
    assert summary(programme) == [
        ("Mot d'accueil", D(2026, 10, 15), T(9, 25), T(9, 40), "Auditorium"),  # Australia/Darwin is +09:30, not the block's +09:00
        ("Glaucome - dépistage et suivi", D(2026, 10, 15), T(10), T(11), "Salle 3, aile nord"),
        ("Pause - café", D(2026, 10, 15), T(11), T(11, 30), "Hall"),
        ("Session 2 - Keynote Lecture", D(2026, 10, 15), T(14), T(15), "Auditorium"),
        ("Soirée des internes", D(2026, 10, 15), T(23, 30), T(1), "Terrasse"),
    ]
    assert programme.congress.timezone == "Australia/Darwin"
    glaucoma = programme.sessions[1]
    assert [p.name for p in glaucoma.speakers] == ["Pr Omar Inventé", "Dr Sara Imaginaire"]
    assert glaucoma.description == "Objectifs : repérer tôt le glaucome. examen du champ visuel fiche"
    assert [p.name for p in programme.sessions[0].speakers] == ["Dr Lina Fictive"]
    assert not programme.sessions[2].speakers and not programme.sessions[3].speakers
    assert skipped(programme) == ["skipped event 6 (Atelier mal daté): DTSTART 'notadate' is not a date-time"]


@pytest.mark.parametrize(
    "summary_text, expected",
    [
        ("Asthme - Dr Salma Imaginaire", ("Asthme", "Dr Salma Imaginaire")),
        ("BPCO - exacerbations - Pr A. El Fictif, Dr Anne-Marie van der Inventé", ("BPCO - exacerbations", "Pr A. El Fictif; Dr Anne-Marie van der Inventé")),
        ("Atelier - cas cliniques", ("Atelier - cas cliniques", "")),
        ("Closing Ceremony - Day 2", ("Closing Ceremony - Day 2", "")),
        ("Sans intervenant", ("Sans intervenant", "")),
    ],
)
def test_speakers_are_read_from_an_ics_summary_only_when_the_tail_is_names(summary_text, expected):
    from rag.programme.exports import split_summary

    assert split_summary(summary_text) == expected


@pytest.mark.parametrize("name", ["bad-sessions.yaml", "bad-sessions.csv"])
def test_bad_sessions_are_skipped_with_one_warning_each_and_the_rest_imported(name):
    programme = load(QUIRKS / name)
    titles = [s.title for s in programme.sessions]
    if name.endswith(".yaml"):
        assert titles == ["Dialyse péritonéale", "Hypertension et rein", "Dîner de gala"]
        assert skipped(programme) == [
            "skipped session greffe (Greffe rénale): end 10:00 is not after start 11:00",
            "skipped session sans-titre: title is missing",
            "skipped session lithiase (Lithiase urinaire): day 2026-12-09 is not a day of the congress (2026-12-03 to 2026-12-04)",
        ]
    else:
        assert titles == ["Dialyse péritonéale", "Hypertension et rein"]
        assert programme.sessions[0].room == "Salle 1, rez-de-chaussée"
        assert skipped(programme) == [
            "skipped session greffe (Greffe rénale): start 'onze heures' is not a time (HH:MM)",
            "skipped session 4: title is missing",
        ]


@pytest.mark.parametrize("name", ["night.frab.xml", "jfd-2026.pretalx.json", "jfo-2026.ics", "bad-sessions.yaml"])
def test_the_ics_export_of_an_imported_programme_reads_back(tmp_path, name):
    import icalendar

    from rag.programme.calendar import calendar_bytes

    programme = load(QUIRKS / name)
    zone = programme.congress.timezone
    exported = calendar_bytes(programme)
    events = icalendar.Calendar.from_ical(exported).walk("VEVENT")
    assert len(events) == len(programme.sessions)
    for session, event in zip(programme.sessions, events):
        assert str(event["SUMMARY"]) == session.title
        assert event.decoded("DTSTART") == session.starts_at(zone)
        assert event.decoded("DTEND") == session.ends_at(zone) and event.decoded("DTEND") > event.decoded("DTSTART")
    path = tmp_path / "again.ics"
    path.write_bytes(exported)
    assert summary(load(path)) == summary(programme)


def test_ingest_shows_one_warning_line_per_skipped_session_and_answers_in_the_night(tmp_path):
    from conftest import make_settings
    from rag.assistant import Assistant

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(QUIRKS / "bad-sessions.yaml", corpus)
    shutil.copy(QUIRKS / "night.frab.xml", corpus)
    index = tmp_path / "index"
    result = run_cli_here("ingest", "--corpus", str(corpus), "--embedder", "use-m3", env={"CONGRESS_CHAT_INDEX_DIR": str(index)})
    assert result.returncode == 0, result.stderr
    lines = re.findall(r"warning \S+: skipped session.*", result.stderr)  # between progress-bar redraws
    assert lines == [
        "warning bad-sessions.yaml: skipped session greffe (Greffe rénale): end 10:00 is not after start 11:00",
        "warning bad-sessions.yaml: skipped session sans-titre: title is missing",
        "warning bad-sessions.yaml: skipped session lithiase (Lithiase urinaire): day 2026-12-09 is not a day of the congress (2026-12-03 to 2026-12-04)",
        "warning night.frab.xml: skipped session 207 (Atelier mal saisi): duration 'une heure' is not HH:MM",
    ]
    assert "Traceback" not in result.stderr
    assistant = Assistant(make_settings(corpus_dir=corpus, index_dir=index, embedder="use-m3"))
    night = dt.datetime(2026, 11, 7, 0, 45, tzinfo=ZoneInfo("Etc/GMT-1"))
    answer = assistant.ask("Qu'est-ce qui se passe maintenant ?", now=night)
    for title in ("Soirée dansante", "Dîner du congrès", "Projection nocturne"):
        assert title in answer.answer
    assert "Pause café" not in answer.answer


@pytest.mark.parametrize("name, reason", [
    ("notadate.ics", "event 1 (Atelier fictif mal daté): DTSTART 'notadate' is not a date-time"),
    ("unterminated.csv", "not valid CSV at line 4: a quote is opened and never closed"),
])
def test_a_file_with_nothing_usable_is_refused_with_its_reason(name, reason):
    from rag.documents import load_document
    from rag.errors import CongressChatError

    with pytest.raises(CongressChatError) as refused:
        load_document(BROKEN / name, BROKEN)
    assert reason in str(refused.value)


def test_a_corpus_whose_only_file_is_a_refused_programme_ends_with_one_line(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(BROKEN / "notadate.ics", corpus)
    result = run_cli_here("ingest", "--corpus", str(corpus), "--embedder", "use-m3", env={"CONGRESS_CHAT_INDEX_DIR": str(tmp_path / "index")})
    assert "Traceback" not in result.stderr
    assert "notadate.ics" in result.stderr and "DTSTART 'notadate' is not a date-time" in result.stderr
    assert result.returncode == 3


def test_ask_batch_reads_each_case_against_its_own_now(tmp_path):
    import json

    from conftest import PROGRAMME_CORPUS

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(PROGRAMME_CORPUS / "jnof-2026.json", corpus)
    index = tmp_path / "index"
    assert run_cli_here("ingest", "--corpus", str(corpus), "--embedder", "use-m3", "--index", str(index)).returncode == 0
    question = "Qu'est-ce qui se passe maintenant en salle 2 ?"
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(case, ensure_ascii=False) for case in [
        {"id": "morning", "question": question, "now": "2026-05-15T10:15:00+01:00"},
        {"id": "afternoon", "question": question, "now": "2026-05-15T14:30:00+01:00"},
        {"id": "no-offset", "question": question, "now": "2026-05-15T14:30:00"},
    ]) + "\n", encoding="utf-8")
    result = run_cli_here("ask", "--batch", str(batch), "--index", str(index), "--embedder", "use-m3")
    answers = {line["id"]: line["answer"] for line in map(json.loads, result.stdout.splitlines())}
    assert "Cancer colorectal" in answers["morning"] and "Session patients" not in answers["morning"]
    assert "Session patients" in answers["afternoon"] and "Cancer colorectal" not in answers["afternoon"]
    assert result.returncode == 3 and f"{batch}:3: skipped:" in result.stderr and "needs its offset" in result.stderr
