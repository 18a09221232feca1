"""The learned answer selection and the short answer: what an attendee sees first."""

from __future__ import annotations

import numpy as np
import pytest

from rag.selection import FEATURES, SelectionModel, shipped_model
from rag.short_answer import render_date, short_answer


def test_the_shipped_model_covers_every_feature_and_says_how_it_was_fitted():
    model = shipped_model()
    assert len(model.coefficients) == len(FEATURES)
    assert 0 < model.refusal_threshold < 1
    assert model.provenance.get("command") == "python -m eval.fit_selection"
    assert "cross_validation" in model.provenance


def test_each_encoder_has_its_own_model_and_others_borrow_the_default():
    fast = shipped_model("use-m3")
    assert fast.provenance.get("embedder") == "use-m3"
    assert fast.refusal_threshold != shipped_model("e5-small").refusal_threshold or not np.allclose(fast.means, shipped_model("e5-small").means)
    assert shipped_model("st:some/model").to_json() == shipped_model("e5-small").to_json()


def test_a_sentence_holding_what_is_asked_scores_above_one_that_does_not():
    model = shipped_model()
    base = dict.fromkeys(FEATURES, 0.0) | {"dense": 0.85, "coverage": 0.8, "own_coverage": 0.6, "passage_rank": 0.5, "doc_rank": 1.0, "words": 3.0, "novelty": 0.5}
    typed = base | {"typed": 1.0, "typed_new": 1.0, "numbers": 1.0, "new_numbers": 1.0}
    missing = base | {"type_missing": 1.0}
    rows = np.array([[features[name] for name in FEATURES] for features in (typed, missing)])
    with_answer, without = model.probabilities(rows)
    assert with_answer > without


def test_a_model_fitted_on_other_features_is_refused_with_a_clear_message():
    data = shipped_model().to_json() | {"features": ["dense", "coverage"]}
    with pytest.raises(ValueError, match="refit"):
        SelectionModel.from_json(data)


@pytest.mark.parametrize(
    "language, expected",
    [("fr", "18 et 19 novembre 2025"), ("en", "18–19 November 2025"), ("ar", "18 و19 نونبر 2025")],
)
def test_dates_are_rendered_in_the_askers_language(language, expected):
    assert short_answer("date", "Le congrès se tient les 18 et 19 novembre 2025 à Marrakech.", language) == expected


def test_a_range_with_weekdays_keeps_both_days():
    assert short_answer("date", "Il s'est tenu le vendredi 19 et samedi 20 octobre au Sofitel.", "en") == "19–20 October"
    assert render_date(1, None, 5, None, "fr") == "1er mai"


def test_a_month_and_year_without_a_day_gets_no_invented_day():
    assert short_answer("date", "Le congrès fictif a eu lieu en mai 2019 à Ifrane.", "en") == "May 2019"
    assert short_answer("date", "Le congrès fictif a eu lieu en mai 2019 à Ifrane.", "ar") == "ماي 2019"


def test_numbers_people_organisers_and_places_are_copied_from_the_sentence():
    assert short_answer("count", "Plus de 600 personnes étaient présentes à ce 36e congrès.", "fr", "Combien au 36e congrès ?") == "600 personnes"
    assert short_answer("person", "Le président du comité scientifique, M. Eliot Dupont (fictif), a parlé.", "en") == "M. Eliot Dupont"
    assert short_answer("organiser", "Cet événement, organisé par la Société Fictive de Cardiologie, a duré deux jours.", "fr") == "Société Fictive de Cardiologie"
    assert short_answer("place", "Le congrès s'est tenu à Ifrane les 4 et 5 février.", "fr", "Où a eu lieu le congrès ?") == "Ifrane"


def test_no_short_answer_when_the_sentence_does_not_hold_the_asked_thing():
    assert short_answer("date", "Les débats ont porté sur la prévention.", "fr") is None
    assert short_answer("count", "Le congrès 2025 a eu lieu.", "fr", "Combien ?") is None
    assert short_answer(None, "Une phrase.", "fr") is None


def test_an_ordinal_is_no_quantity_and_the_asked_quantity_comes_first():
    assert short_answer("count", "Le 1er congrès fictif a ouvert ses travaux.", "en", "How many participants?") is None
    sentence = "La caravane fictive mobilisait 30 infirmiers et 43 médecins."
    assert short_answer("count", sentence, "fr", "Combien de médecins ?") == "43 médecins"
    assert short_answer("count", sentence, "fr", "Combien de soignants ?") == "30 infirmiers"


def test_a_place_is_given_to_an_arabic_reader_in_arabic_with_the_quoted_spelling():
    sentence = "Le congrès fictif a débuté vendredi à Casablanca."
    assert short_answer("place", sentence, "ar", "في أي مدينة انعقد المؤتمر؟") == "الدار البيضاء (Casablanca)"
    assert short_answer("place", sentence, "fr", "Où ?") == "Casablanca"
    assert short_answer("place", "Le congrès fictif s'est tenu à Tazorbla.", "ar", "أين؟") == "Tazorbla"  # not in the lexicon: as written


def test_the_answer_starts_with_the_short_answer_then_cites_its_quote(shipped_assistant):
    answer = shipped_assistant.ask("When is the OMM congress?")
    assert not answer.refused
    first, _, rest = answer.answer.partition("\n")
    assert "November" in first and "[" not in first
    assert "[1]" in rest and "18 et 19 novembre" in rest


@pytest.mark.parametrize(
    "question, kind",
    [
        ("Combien coûte l'inscription aux journées ?", "price"),
        ("How much does the registration cost?", "price"),
        ("Combien de participants sont attendus ?", "count"),
        ("Qui a organisé le congrès ?", "organiser"),
        ("Combien coûtait l'inscription ?", "price"),
        ("كم بلغت ميزانية القافلة؟", "price"),
        ("On what day were the autumn days held?", "date"),
        ("في أي أيام تنعقد الأيام الطبية؟", "date"),
        ("De combien progressent les admissions chaque année ?", "count"),
    ],
)
def test_the_question_asks_for_one_kind_of_thing(question, kind):
    from rag.answer import answer_type

    assert answer_type(question) == kind
