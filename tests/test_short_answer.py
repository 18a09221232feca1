"""A short answer never repeats what the question names: not by its words, not by its acronym,
not by the long form of an acronym the passage defines. The next thing of the asked kind in the
quoted sentence is put first instead, or nothing."""

import pytest

from rag.short_answer import Named, short_answer

CO_ORGANISED = ("Organisé par la Société fictive de cardiologie (SFC) en partenariat avec la Société "
                "imaginaire d'angiologie, ce congrès a réuni 400 médecins.")


@pytest.mark.parametrize(
    "question, language",
    [
        ("Which society co-organised the 4th cardiology congress with the SFC?", "en"),
        ("Which society co-organised the congress with the Société fictive de cardiologie?", "en"),
        ("Quelle société a co-organisé le congrès avec la societe fictive de cardiologie ?", "fr"),  # accents and case aside
        ("ما هي الجمعية التي نظمت المؤتمر بشراكة مع SFC؟", "ar"),
    ],
)
def test_the_society_the_question_names_is_not_the_answer_its_partner_is(question, language):
    assert short_answer("organiser", CO_ORGANISED, language, question) == "Société imaginaire d'angiologie"


def test_a_society_named_in_another_language_is_named_through_the_lexicon():
    sentence = "Organisé par la Société marocaine de cardiologie en partenariat avec la Société imaginaire d'angiologie."
    question = "Which society organised the congress together with the Moroccan Society of Cardiology?"
    assert short_answer("organiser", sentence, "en", question) == "Société imaginaire d'angiologie"


def test_a_question_that_names_no_organiser_gets_the_organiser():
    assert short_answer("organiser", CO_ORGANISED, "en", "Who organised the 4th cardiology congress?") == "Société fictive de cardiologie (SFC)"


def test_a_partner_answers_only_a_question_about_a_partner():
    sentence = "Le programme comprenait une table ronde organisée en partenariat avec le Collège fictif de radiologie."
    assert short_answer("organiser", sentence, "en", "Who organised the congress?") is None
    assert short_answer("organiser", sentence, "en", "Who partnered with the congress?") == "Collège fictif de radiologie"


def test_an_organiser_s_name_stops_where_its_partner_s_begins():
    sentence = "Il a été organisé par la SFC en collaboration avec la Société imaginaire d'angiologie (SIA)."
    assert short_answer("organiser", sentence, "fr", "Qui a organisé le congrès ?") == "SFC"


def test_an_acronym_the_passage_defines_names_its_long_form():
    """The sentence says the society in full, the question by its acronym, defined earlier in the passage."""
    passage = "La Société fictive de cardiologie (SFC) tient son congrès annuel."
    sentence = "Il a été organisé par la Société fictive de cardiologie en partenariat avec la Ligue imaginaire du cœur."
    question = "Who co-organised the congress with the SFC?"
    assert short_answer("organiser", sentence, "en", question) == "Société fictive de cardiologie"  # without the passage: not seen
    assert short_answer("organiser", sentence, "en", question, passage) == "Ligue imaginaire du cœur"


def test_the_person_the_question_names_is_not_the_answer():
    sentence = "Le Pr Amine Fictif, président de la SFC, a accueilli le Dr Salma Imaginaire."
    assert short_answer("person", sentence, "en", "Who welcomed Professor Amine Fictif?") == "Dr Salma Imaginaire"
    assert short_answer("person", sentence, "en", "Who is the president of the SFC?") == "Pr Amine Fictif"


def test_the_place_the_question_names_is_not_the_answer_in_any_language():
    sentence = "Le congrès de Marrakech s'est tenu à Marrakech puis à Agadir."
    assert short_answer("place", sentence, "fr", "Après Marrakech, où s'est tenu le congrès ?") == "Agadir"
    assert short_answer("place", sentence, "ar", "أين انعقد المؤتمر بعد مراكش؟") == "أكادير (Agadir)"


def test_nothing_is_put_first_when_the_sentence_holds_only_what_the_question_names():
    sentence = "Ce congrès a été organisé par la Société fictive de cardiologie."
    assert short_answer("organiser", sentence, "en", "Did the Société fictive de cardiologie organise it?") is None


@pytest.mark.parametrize(
    "span, named",
    [("SFC", True), ("Société fictive de cardiologie", True), ("Société fictive de cardiologie (SFC)", True),
     ("Société imaginaire d'angiologie", False), ("la Société fictive de pneumologie", False)],
)
def test_what_a_question_names(span, named):
    question = "Which society co-organised the congress with the SFC?"
    assert Named(question, "en", "la Société fictive de cardiologie (SFC)")(span) is named
