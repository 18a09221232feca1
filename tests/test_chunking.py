"""Chunks follow the document's structure, never cut a sentence, keep offsets into the
source and the document's context, and have ids that depend only on their content."""

from rag.chunking import chunk_document
from rag.documents import Document
from rag.sentences import sentence_spans

ARTICLE = """# 4e congrès de l'AAP

La ville d'Agadir a abrité, du 14 au 16 mars 2019, la 4e édition du congrès de l'Association de l'Atlas pour la Pneumologie. Le Pr A. Benali en était le président.

## Programme

""" + " ".join(f"La séance numéro {i} a porté sur un sujet différent de pneumologie, présenté par le Dr. Alaoui." for i in range(1, 16)) + """

La présente édition a réuni 800 participants.
"""


def chunks():
    return chunk_document(Document("aap-4e", ARTICLE, "4e congrès de l'AAP"), max_chars=400, merge_chars=200)


def test_every_chunk_is_a_slice_of_the_source_made_of_whole_sentences():
    for chunk in chunks():
        assert ARTICLE[chunk.start : chunk.end] == chunk.text
        assert chunk.sentences[0].start == chunk.start and chunk.sentences[-1].end == chunk.end
        spans = sentence_spans(ARTICLE)
        starts, ends = {s.start for s in spans}, {s.end for s in spans}
        assert chunk.start in starts and chunk.end in ends


def test_long_paragraphs_are_split_with_one_sentence_overlap():
    programme = [c for c in chunks() if c.section == "Programme" and "séance" in c.text]
    assert len(programme) >= 3
    for first, second in zip(programme, programme[1:]):
        assert first.sentences[-1] == second.sentences[0]
        assert len(first.text) <= 400


def test_sections_come_from_headings():
    sections = {c.section for c in chunks()}
    assert sections == {"4e congrès de l'AAP", "Programme"}


def test_context_carries_title_and_lead_sentence():
    last = chunks()[-1]
    assert last.text == "La présente édition a réuni 800 participants."
    assert "Agadir" in last.context and "4e congrès de l'AAP" in last.context
    assert "Agadir" in last.index_text


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "Le Pr. A. Benali et le Dr. Alaoui ont parlé. M. Idrissi a conclu à 12 h. Fin."
    sentences = [text[s.start : s.end] for s in sentence_spans(text)]
    assert sentences == ["Le Pr. A. Benali et le Dr. Alaoui ont parlé.", "M. Idrissi a conclu à 12 h. Fin."] or len(sentences) == 3
    assert sentences[0] == "Le Pr. A. Benali et le Dr. Alaoui ont parlé."


def test_an_arabic_initial_does_not_end_a_sentence():
    text = "يشارك الخبير الفرنسي الدكتور (ف. مارتان) من تولوز. وانعقد المؤتمر في مراكش."
    sentences = [text[s.start : s.end] for s in sentence_spans(text)]
    assert sentences == ["يشارك الخبير الفرنسي الدكتور (ف. مارتان) من تولوز.", "وانعقد المؤتمر في مراكش."]


def test_arabic_sentences_end_with_arabic_question_mark():
    text = "ما هو موضوع المؤتمر؟ انعقد المؤتمر في مراكش."
    assert len(sentence_spans(text)) == 2


def test_chunk_ids_are_stable_and_change_with_content():
    ids = [c.chunk_id for c in chunks()]
    assert ids == [c.chunk_id for c in chunks()]
    assert len(set(ids)) == len(ids)
    edited = ARTICLE.replace("800 participants", "900 participants")
    other = chunk_document(Document("aap-4e", edited, "4e congrès de l'AAP"), max_chars=400, merge_chars=200)
    changed = set(ids) ^ {c.chunk_id for c in other}
    assert len(changed) == 2  # only the edited passage
