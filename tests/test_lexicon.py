"""The lexicons meet attendees' words however they spell them, and their coverage of a question
set is measured: the share of its content words the analysis knows, per language."""

import json

import pytest

from eval.lexicon_coverage import content_words, corpus_vocabulary, coverage, main
from rag.lexicon import LEXICON_FILES, _read, expand


@pytest.mark.parametrize(
    "one, other",
    [("Who organized the congress?", "Who organised the congress?"), ("the haematology society", "the hematology society"),
     ("the paediatric days", "the pediatric days"), ("the university hospital center", "the university hospital centre")],
)
def test_one_entry_serves_both_spellings_of_an_english_word(one, other):
    assert expand(one, "en") == expand(other, "en")
    assert expand(one, "en")


@pytest.mark.parametrize(
    "with_pronoun, bare",
    [("متى انعقد مؤتمرها؟", "متى انعقد المؤتمر؟"), ("ما موضوع دورتها؟", "ما موضوع الدورة؟"), ("من رئيسها؟", "من الرئيس؟")],
)
def test_an_arabic_noun_with_a_possessive_ending_is_the_noun(with_pronoun, bare):
    assert expand(with_pronoun, "ar") == expand(bare, "ar")


def test_a_phrase_is_listed_only_where_its_words_do_not_translate_one_by_one():
    """Every word of a phrase stands for all its French terms (`rag.retrieve.concepts_of`): "scientific
    committee" as one entry would let "comité d'organisation" cover "scientific"."""
    expanded = expand("Who chaired the scientific committee?", "en")
    assert "comité" in expanded and "scientifique" in expanded and "comité scientifique" not in expanded


@pytest.mark.parametrize("language", sorted(LEXICON_FILES))
def test_every_entry_has_a_source_and_french_terms(language):
    for source, targets in _read(LEXICON_FILES[language]):
        assert source and targets and all(targets), source


# --- coverage of a question set (eval/lexicon_coverage.py), on a fictional corpus -----------------------

@pytest.fixture
def fictional(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "d1.md").write_text(
        "---\ntitle: Congrès fictif de cardiologie\n---\n"
        "Le congrès de la Société fictive de cardiologie (SFC) s'est tenu à Tafraout, avec 300 participants.\n",
        encoding="utf-8",
    )
    cases = [
        {"question": "Did the SFC hold its cardiology congress in Tafraout or in Zorbla?", "lang": "en"},
        {"question": "هل انعقد مؤتمرها الثالث في إفران أم في زوربلا؟", "lang": "ar"},
        {"question": "Combien de participants au 3e congrès de la SFC à Zorbla ?", "lang": "fr"},
    ]
    questions = tmp_path / "questions.jsonl"
    questions.write_text("".join(json.dumps(case, ensure_ascii=False) + "\n" for case in cases), encoding="utf-8")
    return corpus, questions, cases


def test_content_words_leave_out_stop_words_numbers_and_ordinals():
    words = [token for _, token, _ in content_words("Combien de participants au 3e congrès de 2019 ?", ("fr",))]
    assert words == ["participants", "congrès"]
    assert [token for _, token, _ in content_words("المؤتمر الحادي عشر", ("fr",))] == ["المؤتمر"]


def test_coverage_counts_words_known_by_the_lexicon_by_the_corpus_and_unknown(fictional):
    corpus, _, cases = fictional
    by_language = coverage(cases, corpus_vocabulary(corpus))
    english, arabic, french = by_language["en"], by_language["ar"], by_language["fr"]
    # SFC, Tafraout: the corpus's; hold, cardiology, congress: the lexicon's; Zorbla: nobody's
    assert (english.words, english.by_lexicon, english.by_corpus) == (6, 3, 2)
    assert english.share == pytest.approx(5 / 6) and dict(english.unknown) == {"zorbla": 1}
    # انعقد, مؤتمرها, إفران: the lexicon's; زوربلا unknown (الثالث is an ordinal, هل and في stop words)
    assert (arabic.words, arabic.known, dict(arabic.unknown)) == (4, 3, {"زوربلا": 1})
    # a French question: only the corpus counts (participants, congrès, SFC), not the lexicon
    assert (french.words, french.by_lexicon, french.by_corpus, dict(french.unknown)) == (4, 0, 3, {"zorbla": 1})


def test_the_command_prints_the_table_and_the_unknown_words(fictional, capsys):
    corpus, questions, _ = fictional
    assert main([str(questions), "--corpus", str(corpus), "--top", "5"]) == 0
    out = capsys.readouterr().out
    assert "| en | 6 | **0.833** |" in out and "unknown, en: zorbla (1)" in out


def test_the_command_names_a_missing_set_in_one_line(tmp_path, capsys):
    assert main([str(tmp_path / "none.jsonl")]) == 2
    assert "no test set" in capsys.readouterr().err
