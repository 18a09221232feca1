"""Generative answers through a chat model, held to the same standard as extractive ones.

The model sees the top passages, numbered and fenced as untrusted data, and a prompt (kept
as package data per language) asking for `[n]` after each claim or a refusal. What comes
back is checked before an attendee sees it:
- Markdown images and links whose address is not in the passages are removed;
- markers pointing to a passage that was not given are removed;
- each sentence must be supported by the passages it cites (the support check of the
  evaluation harness, `rag.support`); unsupported sentences are dropped and listed;
- nothing usable left, a failure or a timeout → the extractive answer, with a notice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from rag.answer import REFUSAL, Answer, Citation, ExtractiveAnswerer
from rag.language import detect_language
from rag.llm import prompt
from rag.retrieve import Query, ScoredChunk
from rag.support import supports, supports_across_languages

NOTICE = {
    "fr": "Le modèle de langue n'a pas répondu ; voici la réponse extraite des documents.",
    "en": "The language model did not answer; here is the answer extracted from the documents.",
    "ar": "لم يجب النموذج اللغوي؛ هذه هي الإجابة المستخرجة من الوثائق.",
}
_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
_MD_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]*)[^)]*\)")
_URL = re.compile(r"https?://[^\s)\]>\"']+")
_INJECTION = re.compile(
    r"(ignore|disregard|oublie[zr]?|ignore[zr]?)\b.{0,40}\b(instructions?|consignes?|rules|règles|prompt)|"
    r"\b(you are now|tu es maintenant|vous êtes maintenant|system prompt|new instructions|nouvelles instructions)\b|"
    r"تجاهل.{0,30}(التعليمات|الأوامر)",
    re.I,
)
_SENTENCE = re.compile(r"[^.!?؟…]+(?:[.!?؟…]+|$)(?:\s*\[\d+(?:\s*,\s*\d+)*\])*", re.S)


class GenerativeAnswerer:
    def __init__(self, model, extractive: ExtractiveAnswerer, embed=None) -> None:
        self.model = model
        self.extractive = extractive
        self.embed = embed  # texts → normalised vectors, for paraphrase and cross-language support

    def answer(self, query: Query, results: list[ScoredChunk], retrieved: list[str]) -> Answer:
        text = None
        try:
            text = "".join(self.stream_text(query, results))
        except Exception:  # endpoint down, timeout, bad reply: the attendee still gets an answer
            text = None
        return self.finish(query, results, retrieved, text)

    def stream_text(self, query: Query, results: list[ScoredChunk]) -> Iterator[str]:
        """Raw tokens from the model (for the web chat); `finish` checks the whole text."""
        for chunk in self.model.stream(self.messages(query, results)):
            content = chunk.content if isinstance(chunk.content, str) else "".join(
                part.get("text", "") for part in chunk.content if isinstance(part, dict)
            )
            if content:
                yield content

    def messages(self, query: Query, results: list[ScoredChunk]) -> list[tuple[str, str]]:
        language = query.language if query.language in REFUSAL else "en"
        template = prompt(language)
        passages = "\n".join(
            f'<passage n="{n}" source="{_fence(r.chunk.title)}">\n{_fence(passage_text(r))}\n</passage>'
            for n, r in enumerate(results[: self.extractive.settings.k], start=1)
        )
        return [
            ("system", template["system"].format(refusal=REFUSAL[language])),
            ("human", template["user"].format(passages=passages, question=query.question)),
        ]

    def finish(self, query: Query, results: list[ScoredChunk], retrieved: list[str], text: str | None) -> Answer:
        language = query.language if query.language in REFUSAL else "en"
        passages = results[: self.extractive.settings.k]
        fallback = self.extractive.answer(query, results, retrieved)
        if not text or not text.strip():
            return replace(fallback, notice=NOTICE[language])
        if _is_refusal(text, language):
            return replace(fallback, answer=REFUSAL[language], refused=True, citations=[])
        text = _strip_foreign_media(text, " ".join(passage_text(r) for r in passages))
        kept, dropped, cited = [], [], set()
        for sentence in _sentences(text):
            numbers = [n for n in _numbers(sentence) if 1 <= n <= len(passages)]
            claim = re.sub(r"\s+([.!?؟,;:…])", r"\1", _MARKER.sub("", sentence)).strip()
            if not claim:
                continue
            if numbers and self._supported(claim, " ".join(passage_text(passages[n - 1]) for n in numbers)):
                kept.append(claim + " " + "".join(f"[{n}]" for n in dict.fromkeys(numbers)))
                cited.update(numbers)
            else:
                dropped.append(claim)
        if not kept:
            return replace(fallback, notice=NOTICE[language], unsupported=dropped)
        citations = [self._citation(n, passages[n - 1]) for n in sorted(cited)]
        return replace(fallback, answer=" ".join(kept), refused=False, citations=citations, unsupported=dropped, notice=None)

    def _supported(self, claim: str, passage_text: str) -> bool:
        if supports(claim, passage_text, self.embed):
            return True
        if self.embed is not None and detect_language(claim) != detect_language(passage_text):
            return supports_across_languages(claim, passage_text, self.embed)
        return False

    def _citation(self, n: int, result: ScoredChunk) -> Citation:
        chunk = result.chunk
        return Citation(
            n=n, doc_id=chunk.doc_id, title=chunk.title, section=chunk.section, text=chunk.text, start=chunk.start,
            end=chunk.end, score=result.score, sentence_start=chunk.start, sentence_end=chunk.end, page=chunk.page,
            source=self.extractive.index.documents[chunk.doc_id].source,
        )


def passage_text(result: ScoredChunk) -> str:
    """The passage as the model sees it: sentences that read as instructions to a model are
    withheld (document text is data), so nothing they ask for can be supported either."""
    chunk = result.chunk
    kept = []
    for span in chunk.sentences:
        sentence = chunk.text[span.start - chunk.start : span.end - chunk.start]
        kept.append("[instruction removed]" if _INJECTION.search(sentence) else sentence)
    return " ".join(kept)


def rewrite_follow_up(model, question: str, history: list[str], language: str) -> str | None:
    """A standalone version of an elliptic follow-up, or None when the model fails."""
    try:
        reply = model.invoke([("human", prompt(language)["rewrite"].format(history=" / ".join(history), question=question))])
    except Exception:
        return None
    text = reply.content if isinstance(reply.content, str) else ""
    text = text.strip().splitlines()[0].strip() if text.strip() else ""
    return text if 3 <= len(text) <= 500 else None


def _fence(text: str) -> str:
    """Passage text cannot close its fence or open a new one."""
    return text.replace("<passage", "‹passage").replace("</passage", "‹/passage").replace('"', "'")


def _is_refusal(text: str, language: str) -> bool:
    flat = " ".join(text.split()).strip(" «»\"'")
    return any(REFUSAL[code].rstrip(".") in flat for code in REFUSAL) or flat == REFUSAL[language]


def _strip_foreign_media(text: str, passages: str) -> str:
    """No image at all; links and bare addresses only when the passages hold the address."""
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(lambda m: m.group(0) if m.group(2) and m.group(2) in passages else m.group(1), text)
    return _URL.sub(lambda m: m.group(0) if m.group(0) in passages else "", text)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(" ".join(text.split())) if s.strip()]


def _numbers(sentence: str) -> list[int]:
    return [int(n) for group in _MARKER.findall(sentence) for n in re.split(r"\s*,\s*", group)]
