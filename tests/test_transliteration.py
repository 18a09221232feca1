"""Names cross scripts: an attendee types in Latin letters the village an Arabic article names
("Taghlalt" / "تاغلالت"), or in Arabic letters the one a French article names ("أوفلاغن" /
"Ouflaghen"), and the article is found. Names the lexicons cannot list are read by their
consonants and long vowels (`rag.transliteration`); ordinary words are left alone. Over
`tests/data/names-across-scripts/` (fictional caravans in invented villages), a real index on
disk and the real embedding model."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.transliteration import NameSpellings, arabic_sounds, latin_sounds, spells

CORPUS = Path(__file__).resolve().parent / "data" / "names-across-scripts"


def may_spell(arabic: str, latin: str) -> bool:
    return any(spells(sounds, latin_sounds(latin), latin) for sounds in arabic_sounds(arabic))


@pytest.mark.parametrize("arabic, latin", [
    ("ورزازات", "Ouarzazate"), ("بنسليمان", "Benslimane"), ("الأقصر", "Luxor"), ("غربي", "Gharbi"),
    ("تمالوكت", "Tamaloukte"), ("أمزدار", "Amazdar"), ("إغرم", "Ighrem"), ("مراكش", "Marrakech"), ("بتاغلالت", "Taghlalt"),
])
def test_one_name_in_two_scripts_has_the_same_sounds(arabic, latin):
    assert may_spell(arabic, latin)


@pytest.mark.parametrize("arabic, latin", [
    ("مستديرة", "Amazdar"),  # a Latin name opening with a vowel opens with alef in Arabic
    ("أشرفوا", "Ashraf"),  # the long vowel Arabic writes at the end is not in the name
    ("تنغير", "Taroudant"),  # other consonants
])
def test_words_that_only_share_consonants_are_not_taken_for_one_name(arabic, latin):
    assert not may_spell(arabic, latin)


def test_a_question_word_is_spelled_in_the_other_script_only_when_the_documents_do_not_write_it():
    spellings = NameSpellings.of_texts([
        "Une caravane médicale au douar Ouflaghen, près de Marrakech.",
        "قافلة طبية بدوار تاغلالت قرب مراكش",
    ])
    assert spellings.other_script("Taghlalt") == ("تاغلالت",)
    assert spellings.other_script("أوفلاغن") == ("Ouflaghen",)
    # "Marrakech" is written in Latin letters by a document: the question's word finds it as typed
    assert spellings.spans("Combien de patients à Marrakech ?", []) == []
    assert spellings.spans("Combien de patients à Taghlalt ?", []) == [(4, 5, ("تاغلالت",))]
    # a word the lexicon translated is not spelled again
    assert spellings.spans("Combien de patients à Taghlalt ?", [(4, 5, ("x",))]) == []


@pytest.fixture(scope="module")
def names_assistant(tmp_path_factory):
    from rag.assistant import Assistant
    from rag.ingest import ingest
    from tests.conftest import make_settings

    settings = make_settings(corpus_dir=CORPUS, index_dir=tmp_path_factory.mktemp("names-index"))
    ingest(settings)
    return Assistant(settings)


@pytest.mark.parametrize("village, article", [
    ("Taghlalt", "qafila-taghlalt"),  # written تاغلالت by its (Arabic) article
    ("Tinfat", "caravane-tinfat"), ("Ouflaghen", "caravane-ouflaghen"),  # the same question about the other two
])
def test_the_village_typed_in_latin_letters_decides_which_caravan_is_meant(names_assistant, village, article):
    answer = names_assistant.ask(f"Quand la caravane de {village} a-t-elle eu lieu ?")
    assert answer.retrieved[0] == article


def test_a_village_typed_in_arabic_letters_finds_the_french_article(names_assistant):
    answer = names_assistant.ask("كم عدد المستفيدين من القافلة الطبية بدوار أوفلاغن؟")
    assert answer.retrieved[0] == "caravane-ouflaghen"
    assert "1 260" in answer.answer
