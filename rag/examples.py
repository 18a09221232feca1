"""Example questions for the empty chat, drawn from what the index holds: the congresses its
documents report on and the sessions its programmes list. Each is asked once and kept only
if the assistant answers it, so an example never leads to a refusal."""

from __future__ import annotations

_TEMPLATES = {
    "fr": {"theme": "Quel est le thème du {congress} ?", "where": "Où s'est tenu le {congress} ?", "session": "Qu'est-ce qui est au programme sur « {topic} » ?",
           "organiser": "Qui organise le {congress} ?", "when": "Quand a lieu la session « {topic} » ?"},
    "en": {"theme": "What is the theme of the {congress}?", "where": "Where was the {congress} held?", "session": "Which sessions are about “{topic}”?",
           "organiser": "Who organises the {congress}?", "when": "When is the “{topic}” session?"},
    "ar": {"theme": "ما هو موضوع {congress}؟", "where": "أين انعقد {congress}؟", "session": "ما هي الجلسات حول «{topic}»؟",
           "organiser": "من ينظم {congress}؟", "when": "متى تعقد جلسة «{topic}»؟"},
}


def candidate_questions(index, language: str) -> list[str]:
    templates = _TEMPLATES.get(language, _TEMPLATES["fr"])
    questions: list[str] = []
    for document in index.documents.values():
        meta = document.metadata
        programme = meta.get("programme")
        if isinstance(programme, dict):
            sessions = sorted(programme.get("sessions", []), key=lambda s: len(s["title"]))  # short titles read best
            for session in sessions[:2]:
                template = templates["when"] if session.get("day") else templates["session"]
                questions.append(template.format(topic=session["title"].split(" : ")[0]))
            continue
        congress = meta.get("congress")
        if congress:
            short = str(congress).split(" (")[0]
            key = "theme" if meta.get("theme") else "organiser" if meta.get("organiser") else "where"
            questions.append(templates[key].format(congress=short))
    return questions


def example_questions(assistant, language: str, limit: int = 3) -> list[str]:
    """Up to `limit` questions in `language` the assistant answers, from different documents."""
    chosen, used_docs = [], set()
    for question in candidate_questions(assistant.index, language):
        answer = assistant.ask(question)
        if answer.refused or not answer.citations or answer.citations[0].doc_id in used_docs:
            continue
        chosen.append(question)
        used_docs.add(answer.citations[0].doc_id)
        if len(chosen) == limit:
            break
    return chosen
