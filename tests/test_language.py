"""The analyser puts French, English and Arabic words in one term space: accents,
elisions, Arabic letter forms and ordinals are normalised; stop words are dropped."""

import pytest

from rag.language import analyse, detect_language, normalise_arabic
from rag.lexicon import expand


def test_accents_case_and_elision_are_folded():
    assert analyse("L'édition") == analyse("edition")
    assert analyse("d’Agadir") == analyse("AGADIR")


def test_french_stemming_joins_inflections():
    assert analyse("présidée")[0] == analyse("présidé")[0]
    assert analyse("thématiques") == analyse("thématique")


@pytest.mark.parametrize("form", ["4e", "4ème", "quatrième", "4th", "fourth", "IVe", "الرابعة", "الرابع"])
def test_ordinals_in_every_form_are_one_term(form):
    assert analyse(form) == ["4e"]


@pytest.mark.parametrize("form", ["4ᵉ", "4-ème", "4 - e"])
def test_ordinals_with_a_superscript_or_detached_ending_are_read(form):
    assert analyse(form) == ["4e"]


@pytest.mark.parametrize("sentence", ["Le congrès", "De quels pays", "Ce congrès", "Me voici"])
def test_words_that_look_like_roman_numerals_are_not_ordinals(sentence):
    assert not any(term.endswith("e") and term[:-1].isdigit() for term in analyse(sentence))


@pytest.mark.parametrize(
    "text, ordinal",
    [("المؤتمر 36 للجمعية", "36e"), ("الدورة الـ15 للمؤتمر", "15e"), ("المؤتمر الطبي الوطني 41", "41e"), ("في دورتها الـ20", "20e")],
)
def test_an_arabic_event_numbered_after_its_noun_is_its_ordinal(text, ordinal):
    assert ordinal in analyse(text)


def test_an_arabic_year_or_count_stays_a_number():
    assert "2019" in analyse("المؤتمر الدولي 2019")
    assert "300" in analyse("شارك 300 طبيب")


@pytest.mark.parametrize("form", ["23e", "23ème", "vingt-troisième", "twenty-third", "23rd", "XXIIIe", "الثالث والعشرين", "الثالثة والعشرون"])
def test_compound_ordinals_are_one_term(form):
    assert analyse(form) == ["23e"]


def test_arabic_ordinals_of_the_teens():
    assert analyse("الدورة الحادية عشرة") == [analyse("الدورة")[0], "11e"]
    assert analyse("المؤتمر الثاني عشر")[-1] == "12e"


def test_different_editions_stay_different():
    assert analyse("2e édition") != analyse("4e édition")


def test_arabic_diacritics_tatweel_and_letter_forms_are_normalised():
    assert normalise_arabic("المُؤْتَمَـــر") == normalise_arabic("المؤتمر")
    assert analyse("المُؤْتَمَـــرُ") == analyse("المؤتمر")
    assert analyse("إفران") == analyse("افران")
    assert analyse("الدورة") == analyse("الدوره")
    assert analyse("٢٠١٩") == ["2019"]


def test_arabic_words_with_diacritics_are_kept():
    terms = analyse("مُؤْتَمَرُ الأَشِعَّةِ فِي مَرَّاكُش")
    assert len(terms) == 3


def test_stop_words_are_dropped():
    assert sorted(analyse("Quand a lieu le congrès ?")) == sorted(analyse("congrès lieu"))
    assert analyse("متى ينعقد المؤتمر في مراكش") == analyse("ينعقد المؤتمر مراكش")


@pytest.mark.parametrize("form", ["16es", "16èmes", "16e"])
def test_plural_ordinals_are_the_ordinal(form):
    assert analyse(f"les {form} Journées") == analyse("les 16e Journées")


# --- one spelling for words written two ways -----------------------------------------------------------

@pytest.mark.parametrize(
    "american, british",
    [
        ("organized", "organised"), ("organization", "organisation"), ("hospitalization", "hospitalisation"),
        ("analyze", "analyse"), ("tumor", "tumour"), ("color", "colour"), ("behavior", "behaviour"),
        ("hematology", "haematology"), ("anemia", "anaemia"), ("leukemia", "leukaemia"), ("pediatrics", "paediatrics"),
        ("orthopedics", "orthopaedics"), ("anesthesia", "anaesthesia"), ("gynecology", "gynaecology"),
        ("esophagus", "oesophagus"), ("edema", "oedema"), ("fetus", "foetus"), ("diarrhea", "diarrhoea"),
    ],
)
def test_american_and_british_spellings_are_one_term(american, british):
    for languages in (("fr",), ("en",), ("fr", "en")):
        assert analyse(american, languages) == analyse(british, languages)


def test_an_english_spelling_meets_the_french_word_it_shares():
    assert analyse("organization", ("fr",)) == analyse("organisation", ("fr",))
    assert analyse("hospitalization", ("fr",)) == analyse("hospitalisation", ("fr",))
    assert analyse("oedema", ("fr",)) == analyse("œdème", ("fr",))


def test_endings_only_english_writes_two_ways_are_one_in_english_terms():
    assert analyse("center", ("en",)) == analyse("centre", ("en",))
    assert analyse("theater", ("en",)) == analyse("theatre", ("en",))
    assert analyse("program", ("en",)) == analyse("programme", ("en",))
    assert analyse("centre", ("fr",)) != analyse("center", ("fr",))  # French "centre" is a French word: left to the lexicon


@pytest.mark.parametrize("word", ["size", "prize", "jour", "four", "pour", "tour"])
def test_short_words_whose_ending_only_looks_alike_keep_their_spelling(word):
    from rag.language import unify_spelling

    assert unify_spelling(word, english=True) == word


def test_persian_and_maghrebi_letter_forms_read_as_the_arabic_letter():
    assert normalise_arabic("أڭادير") == normalise_arabic("أكادير")  # the Moroccan ڭ for the g of Agadir
    assert normalise_arabic("ڤيتامين") == normalise_arabic("فيتامين")
    assert normalise_arabic("کلیه") == normalise_arabic("كليه")  # Persian kaf and ya


def test_the_analyser_rules_are_in_the_digest_that_rebuilds_indexes():
    import rag.language as language

    language.analyser_digest.cache_clear()
    before = language.analyser_digest()
    try:
        language._ANALYSER_RULES += " changed"
        language.analyser_digest.cache_clear()
        assert language.analyser_digest() != before
    finally:
        language._ANALYSER_RULES = language._ANALYSER_RULES.removesuffix(" changed")
        language.analyser_digest.cache_clear()


@pytest.mark.parametrize(
    "text, language",
    [
        ("Quand a lieu la session sur le cancer de la prostate ?", "fr"),
        ("Who chairs the lung cancer session?", "en"),
        ("ما هو موضوع المؤتمر؟", "ar"),
    ],
)
def test_language_is_detected(text, language):
    assert detect_language(text) == language


def test_lexicon_expands_english_and_arabic_into_french():
    assert "cancer du poumon" in expand("Who chairs the lung cancer session?", "en")
    assert "Marrakech" in expand("متى انعقد المؤتمر بمراكش؟", "ar")
    assert "موضوع" in expand("Quel est le thème ?", "fr")  # French questions reach Arabic documents


# --- the question's language: understood or not, and which -------------------------------------------

SPANISH_ITALIAN_PORTUGUESE = [
    ("¿Cuándo se celebra el congreso nacional de radiología en Marrakech?", "es"),
    ("¿Quién preside la Sociedad Marroquí de Radiología?", "es"),
    ("¿Dónde se celebró la Master Class de Hemostasia y quién la organizó?", "es"),
    ("¿Qué sesiones hay sobre el cáncer de mama en el congreso de la OMM?", "es"),
    ("Quién organiza la mesa redonda con el Royal College of Radiologists?", "es"),
    ("Quando si tiene il congresso nazionale di radiologia a Marrakech?", "it"),
    ("Chi presiede la Società marocchina di radiologia?", "it"),
    ("Dove si è svolta la Master Class sull'emostasi e chi l'ha organizzata?", "it"),
    ("Quali sessioni ci sono sul cancro al seno al congresso dell'OMM?", "it"),
    ("Quando acontece o congresso nacional de radiologia em Marrakech?", "pt"),
    ("Quem preside a Sociedade Marroquina de Radiologia?", "pt"),
    ("Onde foi realizada a Master Class de Hemostasia e quem a organizou?", "pt"),
    ("Quais sessões existem sobre o câncer de mama no congresso da OMM?", "pt"),
    ("Wann beginnt die Sitzung über Prostatakrebs?", "de"),
    ("Wann ist der Kongress?", "de"),
]
UNDERSTOOD = [
    ("Qui est la présidente de la SMR ?", "fr"), ("Et où se tient-il ?", "fr"), ("Y a-t-il un parking ?", "fr"),
    ("Quand a lieu la session sur le cancer de la prostate ?", "fr"), ("Qui organise la Master Class en Hémostase ?", "fr"),
    ("Quelle est la date du congrès ?", "fr"), ("Table ronde avec la Royal College of Radiologists", "fr"),
    ("Combien de pays africains étaient attendus à l'African Congress of Dentistry and Implantology de 2016 ?", "fr"),
    ("Who chairs the lung cancer session?", "en"), ("When is the closing ceremony?", "en"), ("Where is it?", "en"),
    ("What is the theme of the Congrès annuel de l'Association Marocaine d'Oncologie Médicale du Secteur Libéral?", "en"),
    ("Which sessions are about “Cancer du poumon et immunothérapie”?", "en"), ("When does Dr Mustapha Belkadi speak?", "en"),
    ("من ينظم Master Class en Hémostase؟", "ar"), ("ما هي الجلسات حول «Cancer du poumon et immunothérapie»؟", "ar"),
    ("ما هو موضوع Congrès annuel de l'Association Marocaine d'Oncologie Médicale du Secteur Libéral؟", "ar"),
    ("متى الجلسة؟", "ar"), ("من يترأس جلسة سرطان الرئة؟", "ar"),
]
UNCLEAR = ["Master Class en Hémostase", "Lung cancer", "Salle 2", "Pr Mehdi Berrada", "Cancer du sein", "And in 2019?"]


@pytest.mark.parametrize("question, code", SPANISH_ITALIAN_PORTUGUESE)
def test_spanish_italian_portuguese_and_german_questions_are_told_apart(question, code):
    from rag.language import question_language, unsupported_language

    assert unsupported_language(question) == code
    assert question_language(question) is None


@pytest.mark.parametrize("question, code", UNDERSTOOD)
def test_french_english_and_arabic_questions_are_understood_whatever_names_they_hold(question, code):
    from rag.language import question_language, unsupported_language

    assert unsupported_language(question) is None
    assert question_language(question) == code


@pytest.mark.parametrize("question", UNCLEAR)
def test_a_name_or_two_words_are_neither_flagged_nor_given_a_language(question):
    from rag.language import question_language, unsupported_language

    assert unsupported_language(question) is None
    assert question_language(question) is None


def test_no_question_of_the_test_sets_is_taken_for_another_language():
    import json

    from conftest import ROOT
    from rag.language import unsupported_language

    sets = sorted((ROOT / "eval" / "sets").glob("*.jsonl"))
    questions = {json.loads(line)["question"] for path in sets for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    assert len(questions) > 300
    assert [q for q in questions if unsupported_language(q)] == []


def test_the_lead_in_follows_the_question_when_it_is_clear_and_the_reader_when_it_is_not(shipped_assistant):
    from rag.answer import FRAMING

    arabic = shipped_assistant.ask("من ينظم Master Class en Hémostase؟")
    assert arabic.language == "ar" and FRAMING["ar"] in arabic.answer and FRAMING["en"] not in arabic.answer
    unclear = shipped_assistant.ask("Master Class en Hémostase", language="ar")
    assert unclear.language == "ar" and FRAMING["ar"] in unclear.answer
    clear = shipped_assistant.ask("Qui organise la Master Class en Hémostase ?", language="ar")  # a French question: French
    assert clear.language == "fr" and FRAMING["fr"] in clear.answer
