"""A question across congresses is answered as a short list, one line per congress, each line
cited to its document, in French, English and Arabic; the same facts head each citation and
refuse a question about a city no document names. Over `eval/corpora/fictional-events/`
(fictional reports: invented societies, people and venues, real cities), a real index on disk
and the real embedding model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rag.answer import FRAMING, REFUSAL

CORPUS = Path(__file__).resolve().parent.parent / "eval" / "corpora" / "fictional-events"
SNPF = {"snpf-3e-rabat-2019", "snpf-4e-agadir-2021", "snpf-5e-rabat-2024"}
CARAVANS = {"caravane-ifrane-2022", "caravan-tiznit-2023", "qafila-taroudant-2024"}


@pytest.fixture(scope="module")
def events_assistant(tmp_path_factory):
    from rag.assistant import Assistant
    from rag.ingest import ingest
    from tests.conftest import make_settings

    settings = make_settings(corpus_dir=CORPUS, index_dir=tmp_path_factory.mktemp("events-index"))
    ingest(settings)
    return Assistant(settings)


def lines(answer) -> list[str]:
    """The answer's lines after the framing line, each checked to end with one citation."""
    head, *rows = answer.answer.split("\n")
    assert head in FRAMING.values()
    assert all(re.search(r" \[\d+\]$", row) for row in rows)
    return rows


def cited(answer) -> list[str]:
    by_number = {c.n: c.doc_id for c in answer.citations}
    return [by_number[int(n)] for n in re.findall(r"\[(\d+)\]$", answer.answer, re.M)]


def test_in_which_cities_one_line_per_edition_in_the_order_they_took_place(events_assistant):
    answer = events_assistant.ask("Dans quelles villes le congrès de la SNPF s'est-il tenu ?")
    assert not answer.refused
    rows = lines(answer)
    assert cited(answer) == ["snpf-3e-rabat-2019", "snpf-4e-agadir-2021", "snpf-5e-rabat-2024"]  # 2019, 2021, 2024
    assert [row.split(" — ")[-1].removesuffix(row[row.rindex(" [") :]) for row in rows] == ["Rabat", "Agadir", "Rabat"]


def test_each_line_is_cited_to_the_sentence_that_states_its_fact(events_assistant):
    answer = events_assistant.ask("Quand ont eu lieu les éditions du congrès de la SNPF ?")
    assert set(cited(answer)) == SNPF
    for citation in answer.citations:
        text = events_assistant.index.documents[citation.doc_id].text
        assert text[citation.start : citation.end] == citation.text
        assert citation.event is not None and citation.event.dates in text[citation.sentence_start : citation.sentence_end]
    assert "10 au 12 novembre 2021" in answer.answer and "May 16 to 18, 2024" in answer.answer


def test_a_city_named_lists_only_the_congresses_held_there(events_assistant):
    answer = events_assistant.ask("Quels congrès ont eu lieu à Rabat ?")
    assert set(cited(answer)) == {"snpf-3e-rabat-2019", "snpf-5e-rabat-2024"}


@pytest.mark.parametrize(
    "question",
    [
        "Which medical caravans does the corpus report, and where did they stop?",
        "Quelles caravanes médicales ont été organisées, et où se sont-elles arrêtées ?",
        "أين توقفت القوافل الطبية المذكورة؟",
    ],
)
def test_caravans_in_three_languages_each_with_the_village_it_stopped_in(events_assistant, question):
    answer = events_assistant.ask(question)
    assert set(cited(answer)) == CARAVANS  # no congress among them
    for place in ("Ait Fictif, Ifrane", "Tafraout Imaginary, Tiznit", "Taroudant"):
        assert place in answer.answer


def test_a_person_named_lists_each_report_that_names_them_with_their_role(events_assistant):
    answer = events_assistant.ask("À quel titre le Dr Samir Imaginé figure-t-il dans les événements décrits ?")
    assert set(cited(answer)) == {"snpf-3e-rabat-2019", "caravane-ifrane-2022"}
    assert "président de l'Association fictive des jeunes internes" in answer.answer
    assert "coordinateur médical de la caravane" in answer.answer


def test_english_question_lists_the_presidents(events_assistant):
    answer = events_assistant.ask("Who chaired the SNPF congresses covered?")
    assert set(cited(answer)) == SNPF
    for name in ("Karim Belfiction", "Leila Inventaire", "Omar Chimère"):
        assert name in answer.answer


def test_when_one_congress_answers_it_answers_alone(events_assistant):
    answer = events_assistant.ask("ما هي المؤتمرات التي انعقدت في طنجة؟")
    assert not answer.refused
    assert {c.doc_id for c in answer.citations} == {"derm-2e-tanger-2020"}  # no other congress's sentence


def test_citation_cards_are_headed_by_the_congress(events_assistant):
    answer = events_assistant.ask("Quels congrès ont eu lieu à Rabat ?")
    headings = {c.doc_id: c.event.heading for c in answer.citations}
    assert headings["snpf-3e-rabat-2019"].endswith(" · Rabat · 14 et 15 mars 2019")
    assert answer.to_json()["citations"][0]["event"]["heading"]


def test_a_question_about_one_congress_is_not_a_list(events_assistant):
    answer = events_assistant.ask("Quand a eu lieu la 4e édition du congrès de la SNPF ?")
    assert "10 au 12 novembre 2021" in answer.answer
    assert {c.doc_id for c in answer.citations} == {"snpf-4e-agadir-2021"}
    assert all(c.event is None for c in answer.citations)


@pytest.mark.parametrize(
    "question, language",
    [
        ("Quand a lieu le congrès de pneumologie à Oujda ?", "fr"),
        ("Who chaired the pulmonology congress in Dakhla?", "en"),
        ("متى انعقد المؤتمر في وجدة؟", "ar"),
    ],
)
def test_a_city_no_document_names_is_refused(events_assistant, question, language):
    answer = events_assistant.ask(question)
    assert answer.refused and answer.answer == REFUSAL[language]
