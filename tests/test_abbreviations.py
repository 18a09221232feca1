"""Abbreviations a document defines are read back to their long form, so that a question
naming a society in full finds the sentence that names it by its acronym, and the other way round."""

import pytest

from rag.abbreviations import definitions, long_form
from rag.answer import holds_names


@pytest.mark.parametrize(
    "text, acronym, expansion",
    [
        ("Initiée par la Société marocaine de la médecine d'urgence (SMMU) sous le thème", "SMMU", "Société marocaine de la médecine d'urgence"),
        ("organised by the International Committee of Military Medicine (ICMM) in Rabat", "ICMM", "International Committee of Military Medicine"),
        ("l’Association Marocaine de Pneumologie Interventionnelle (AMPI), cet événement", "AMPI", "Association Marocaine de Pneumologie Interventionnelle"),
    ],
)
def test_a_parenthesised_acronym_is_defined_by_the_words_before_it(text, acronym, expansion):
    assert definitions(text) == {acronym: expansion}


def test_a_parenthesis_that_spells_nothing_before_it_defines_nothing():
    assert definitions("Le congrès s'est tenu à Rabat (SMX) et à Fès (2019).") == {}
    assert long_form("GIE", "operating in the sector") is None


def test_the_first_definition_of_an_acronym_wins():
    text = "Société fictive de cardiologie (SFC). Plus loin, Section française de chirurgie (SFC)."
    assert definitions(text) == {"SFC": "Société fictive de cardiologie"}


def test_a_document_must_hold_the_edition_and_acronym_the_question_names():
    terms = frozenset({"36e", "smacot", "2018"})
    assert holds_names(terms, {"36e"}, {"smacot"})
    assert not holds_names(terms, {"37e"}, set())
    assert not holds_names(terms, {"2019"}, set())
    assert not holds_names(terms, set(), {"smmu"})


def test_one_of_several_named_editions_is_enough():
    """"Où se sont tenus les 14e et 15e congrès ?": each report tells of one."""
    assert holds_names(frozenset({"15e"}), {"14e", "15e"}, set())
    assert not holds_names(frozenset({"16e"}), {"14e", "15e"}, set())
