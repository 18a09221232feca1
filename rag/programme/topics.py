"""Which sessions a schedule question is about: the question's topic words against each
session's words, across languages.

Questions are translated towards French with the lexicon (`rag.retrieve.Query.concepts`);
English and Arabic sessions carry the French terms of their words, so French is where the
languages meet. A session's share of the topic weighs each concept by the rarest of its terms
the session has. With an encoder whose cosine gaps were measured (`_DENSE_GAPS`), the session
titles, types, tracks and descriptions are embedded once and settle what the words leave open.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np

from rag.language import analyse, detect_language, raw_tokens
from rag.lexicon import LEXICON_FILES, translations
from rag.programme.model import Session
from rag.retrieve import Query

Key = tuple[str, str]  # (programme doc id, session id)

# Cosine gaps between the first session and the next, per encoder, measured with it (see `_across_languages`);
# another encoder's scale differs, so it leaves topics to the lexicon until gaps are measured for it.
_DENSE_GAPS = {"e5-small": (0.012, 0.03)}
# Words that say *how* a schedule question is asked, not *what* it is about: not topics.
_SCHEDULE_WORDS = (
    "quand lieu avoir a lieu aura se passe passer tenir tient tiendra prévu programme programmé séance session sessions atelier heure horaire "
    "jour journée date salle où qui intervient intervenant intervenants parle parlera préside présidée modère modérateur modération anime "
    "maintenant prochaine prochain suivante ensuite aujourd'hui demain hier matin après-midi soir congrès cours actuellement moment "
    "commence commencer débute débuter termine finit "
    "donne donner donnera présente présenter présentera présentent "
    "give gives giving present presents presenting deliver delivers delivering "
    "يقدم تقدم يلقي تلقي "
    "when where who what time day room session talk speak speaks speaking speaker speakers chair chairs chaired moderate moderates "
    "now next today tomorrow morning afternoon evening happening scheduled schedule on in at the congress programme program about "
    "start starts begin begins end ends finish finishes take takes place held "
    "متى أين من يترأس جلسة الجلسة جلسات القاعة قاعة الآن التالية القادمة اليوم غدا صباح مساء بعد الظهر يتحدث المتحدث المؤتمر البرنامج موعد "
    "تبدأ يبدأ تنتهي ينتهي تنعقد تقام "
    "lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday"
)


class Topics:
    def __init__(self, sessions: list[tuple[Key, Session]], languages: tuple[str, ...], identity_terms: frozenset[str], embedder=None) -> None:
        """`identity_terms`: the congresses' names, organisers and cities (they say which programme, not which session)."""
        self.languages = languages
        self.embedder = embedder
        self.identity_terms = identity_terms
        self.sessions: dict[Key, Session] = dict(sessions)
        self.terms = {key: self._session_terms(session) for key, session in sessions}
        self.schedule_terms = frozenset(analyse(_SCHEDULE_WORDS, languages))
        df: dict[str, int] = {}
        for terms in self.terms.values():
            for term in terms:
                df[term] = df.get(term, 0) + 1
        total = max(len(self.terms), 1)
        self.idf = {term: math.log(1 + total / count) for term, count in df.items()}
        self.unseen_idf = math.log(1 + total)
        self._vectors: np.ndarray | None = None

    def about(self, query: Query, rooms: frozenset[str], people: frozenset[str], structured: bool,
              worth_encoding: Callable[[dict[Key, float]], bool] = lambda topic: True) -> tuple[dict[Key, float], bool]:
        """(session → share of the question's topic it matches, whether the question names a topic).
        `structured`: the question also names a day, room or person, which settle it without the encoder.
        `worth_encoding(topic)`: whether what the encoder could change in the lexicon's topic of a
        question that names one matters to the caller; when not, the question's words are not encoded."""
        concepts = self._topic_concepts(query, rooms, people)
        topic = self._topic(concepts)
        if concepts and not structured and getattr(self.embedder, "name", None) in _DENSE_GAPS and worth_encoding(topic):
            topic = self._across_languages(topic, self._topic_words(query.question, rooms, people))
        return topic, bool(concepts)

    def _session_terms(self, session: Session) -> frozenset[str]:
        """A session's words; in an English or Arabic session, the words the lexicon translates
        stand as their French terms: questions are translated towards French, so French is where
        the languages meet, and a word counts the same whichever language the session spells it in."""
        text = " ".join([session.title, session.type, session.track, *session.topics, session.description])
        language = session.language if session.language in LEXICON_FILES else detect_language(session.title)
        if language not in LEXICON_FILES:  # a title too short to tell ("Dinner", "Keynote"): its words in every lexicon too
            pivot = [t for lexicon in LEXICON_FILES for _, _, targets in translations(text, lexicon) for t in targets
                     if not re.search(r"[\u0600-\u06ff]", t)]
            return frozenset(analyse(" ".join([text, *pivot]), self.languages))
        tokens = raw_tokens(text)
        covered: set[int] = set()
        pivot: list[str] = []
        for first, end, targets in translations(text, language):
            covered.update(range(first, end))
            pivot += [t for t in targets if not re.search(r"[\u0600-\u06ff]", t)] or list(targets)
        kept = " ".join(token for position, token in enumerate(tokens) if position not in covered)
        return frozenset(analyse(" ".join([kept, *pivot]), self.languages))

    def _topic_concepts(self, query: Query, rooms: frozenset[str], people: frozenset[str]) -> list:
        """The question's concepts that say what it is about: not schedule words, rooms, people or numbers."""
        excluded = set(self.schedule_terms)
        for name in [*rooms, *people]:
            excluded.update(analyse(name, self.languages))
        concepts = [c for c in query.concepts if c.weight >= 1.0 and not (c.terms & excluded) and not all(t.isdigit() for t in c.terms)]
        # A word inside a translated phrase ("de", "la" in "cancer de la prostate") carries only the
        # phrase's translations: it is the phrase again, not another topic.
        concepts = [c for c in concepts if not any(c.terms < other.terms for other in concepts)]
        concepts = list({c.terms: c for c in concepts}.values())
        about = [c for c in concepts if not c.terms & self.identity_terms]
        return about or concepts  # "au congrès d'oncologie" names the congress, unless nothing else is asked

    def names_only_the_congress(self, query: Query, rooms: frozenset[str], people: frozenset[str]) -> bool:
        """Whether every topic word of the question is the congress's name, organiser or city
        ("Où se tient la journée de cardiologie de Safi ?"): it asks about the event, not a session."""
        concepts = self._topic_concepts(query, rooms, people)
        return bool(concepts) and all(c.terms & self.identity_terms for c in concepts)

    def _topic_words(self, question: str, rooms: frozenset[str], people: frozenset[str]) -> str:
        """The question without its schedule words, rooms and people: "closing ceremony" of "When is the closing ceremony?"."""
        excluded = set(self.schedule_terms)
        for name in [*rooms, *people]:
            excluded.update(analyse(name, self.languages))
        words = [w for w in re.findall(r"[\w'-]+", question) if (terms := set(analyse(w, self.languages))) and not terms <= excluded]
        return " ".join(words)

    def _session_vectors(self) -> np.ndarray:
        """Each session's title, type, track and description, embedded once (on the first question that needs them)."""
        if self._vectors is None:
            texts = [". ".join(p for p in (s.title, s.type, s.track, s.description) if p) for s in self.sessions.values()]
            self._vectors = self.embedder.embed_array(texts)
        return self._vectors

    def _across_languages(self, topic: dict[tuple[str, str], float], words: str) -> dict[tuple[str, str], float]:
        """The encoder settles what the lexicon leaves open. Sessions tied on the question's words
        keep those the encoder also puts first; when no session has most of the words, the one the
        encoder clearly puts first is the one asked about — if some of the words agree, or if it
        stands far ahead (on the programme evaluation set, topics no session has never put a
        session more than 0.007 ahead with e5-small; `_DENSE_GAPS`)."""
        gap_ahead, gap_alone = _DENSE_GAPS[self.embedder.name]
        best = max(topic.values(), default=0.0)
        tied = [key for key, share in topic.items() if share >= best * 0.75]
        if not words or (best >= 0.5 and len(tied) < 2):
            return topic
        sims = self._session_vectors() @ self.embedder.query_array([words])[0]
        keys = list(self.sessions)
        topic = dict(topic)
        if best >= 0.5:
            by_key = dict(zip(keys, sims))
            first = max(by_key[key] for key in tied)
            for key in tied:
                if by_key[key] < first - gap_ahead:
                    topic[key] = min(topic[key], best * 0.7)
            return topic
        order = np.argsort(-sims)
        ahead = float(sims[order[0]] - sims[order[1]]) if len(order) > 1 else 1.0
        key = keys[order[0]]
        if (topic.get(key, 0.0) >= 0.2 and ahead >= gap_ahead) or ahead >= gap_alone:
            topic[key] = max(topic.get(key, 0.0), 0.67)
        return topic

    def _topic(self, concepts: list) -> dict[tuple[str, str], float]:
        """(doc id, session id) → share of the topic the session matches."""
        if not concepts:
            return {}
        # A concept counts for a session by the rarest of its terms the session has: "prostate"
        # translated as "cancer de la prostate" matches a lung-cancer session only through "cancer".
        weights = [max((self.idf.get(t, 0.0) for t in c.terms), default=0.0) or self.unseen_idf for c in concepts]
        total = sum(weights)
        shares = {}
        for key, terms in self.terms.items():
            matched = sum(max((self.idf.get(t, 0.0) for t in c.terms & terms), default=0.0) for c in concepts)
            if matched:
                shares[key] = matched / total
        return shares
