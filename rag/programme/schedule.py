"""Schedule questions answered from the programme data, not from free text.

"Quand a lieu la session sur le cancer de la prostate ?", "Qu'est-ce qui se passe maintenant
en salle 2 ?", "Who speaks about immunotherapy tomorrow?", "من يترأس جلسة سرطان الرئة؟".

A question is read for what it asks (when / where / who / what) and for its filters: a
day or part of the day (`timewords.read_when`, relative to a clock in the congress time
zone), a room, a person (fuzzy: accents, initials, typos — rapidfuzz), a topic (`topics`:
the question's words against each session's, across languages).
The answer lists the matching sessions — day, time, room, chairs, speakers — each cited to
its programme passage. When the programme cannot answer (no session matches, or the
sessions found lack the time or room asked for), `answer` returns None and the free-text
answerer takes over.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from rapidfuzz import fuzz

from rag.answer import Answer, Citation
from rag.index import LoadedIndex
from rag.language import analyse, fold, normalise_arabic
from rag.programme.model import Person, Programme, Session, programme_from_json
from rag.programme.names import TITLES, name_skeletons, named_in_arabic
from rag.programme.timewords import When, format_day, format_time, read_when
from rag.programme.topics import Topics
from rag.retrieve import Query, ScoredChunk

MAX_LISTED = 6
_HONORIFICS = TITLES | {"د", "ذ"}
_NAME_THRESHOLD, _SURNAME_THRESHOLD = 86, 90



def _pattern(source: str) -> re.Pattern:
    """Questions are matched as `normalise_arabic(fold(…))` writes them (متى → متي): so are the patterns."""
    return re.compile(normalise_arabic(source))


_WHEN = _pattern(r"\b(quand|quel jour|quelle heure|a quelle heure|horaires?|heure|date|when|what time|which day|what day|timing|schedule[d]?|starts?|begins?|commence\w*|debute\w*)\b|متى|موعد|توقيت|في اي ساعه|اي يوم|الساعه|تبدأ|يبدأ|تنطلق|ينطلق")
# "lieu" asks where ("quel est le lieu"), "a lieu" / "ont lieu" only that something takes place
_WHERE = _pattern(r"\b(ou|dans quelle salle|quelle salle|where|which room|what room|in which room|venue|location|located|(?<!\ba )(?<!\bont )(?<!aura )(?<!ront )lieu)\b|اين|في اي قاعه")
_WHO = _pattern(r"\b(qui|who|whom|intervenants?|orateurs?|speakers?|moderateurs?|moderat\w*|chairs?|chaired|presides?|presid\w*|anime\w*|speak\w*|talks?)\b|^من |\sمن ي|يترأس|يتراس|يراس|يسير|المتحدث|المتدخل|المحاضر|يتحدث|يلقي")
_WHAT = _pattern(r"\b(programme|program|sessions?|seances?|ateliers?|workshops?|tables? rondes?|round ?tables?|symposiums?|symposia|plenieres?|plenary|conferences?|talks?|lectures?|keynotes?|ceremon\w*|qu'est-ce qui|what'?s on|what is on|what happens|happening|se passe|prevu|lieu)\b|جلس|ورش|البرنامج|برنامج|مائده مستديره|محاضر|ماذا|ما هي|ندوه|حفل")

# "who chairs" asks for a chair, not for whoever speaks: a session with speakers only does not answer it
_CHAIR_ASK = _pattern(r"\b(preside\w*|presid\w+|modere\w*|moderat\w*|chair\w*)\b|يرأس|يتراس|يترأس|يراس|رئيس|رئاسه|يسير|يدير|مسير")
# "when does it end / close": the last session of the day (or of the congress) answers, when no session is named
_END_ASK = _pattern(r"\b(fin|finit|finissent|termine\w*|end|ends|ending|finish\w*|close|closes)\b|ينتهي|تنتهي|نهايه|يختتم|تختتم")
_ROOM_ASK = _pattern(r"\b(salles?|rooms?|hall|amphi\w*)\b|قاعه|القاعه")  # a room, not the event's venue
_TRACK_ASK = _pattern(r"\b(tracks?|parcours|filieres?)\b|المسار")  # not "thématiques du congrès": its themes
_TOPIC_FOUND = 0.34  # share of a question's topic a session must match to be the one asked about


@dataclass(frozen=True)
class _Entry:
    """One session of one programme, with what matching needs."""

    programme: Programme
    session: Session
    chunk_id: str | None


@dataclass(frozen=True)
class Reading:
    """What a schedule question asks and the filters it names."""

    asks: frozenset[str]  # of "when", "where", "who", "what"
    when: When
    rooms: frozenset[str]
    people: frozenset[str]  # folded names matched in the programme
    topic: dict[tuple[str, str], float]  # (doc id, session id) → share of the topic words the session matches
    programmes: frozenset[str] = frozenset()  # programmes (doc ids) whose congress the question names
    topic_asked: bool = False  # the question names a topic (beyond schedule words, rooms and people)
    room_asked: bool = False  # the question asks for a room ("quelle salle"), not the event's venue

    @property
    def asks_about_a_session(self) -> bool:
        """"Quand a lieu la session sur X ?": when/where/who of a session named by its topic."""
        return _asks_about_a_session(self.asks, self.topic_asked)


def _asks_about_a_session(asks: frozenset[str], topic_asked: bool) -> bool:
    return topic_asked and "what" in asks and bool(asks & {"when", "where", "who"})


def _facts_of(session: Session) -> frozenset[str]:
    """What a session can answer of "when" (a day or a time), "where" (a room) and "who" (people)."""
    return frozenset(name for name, known in (("when", session.day or session.start), ("where", session.room), ("who", session.people)) if known)


class ScheduleAnswerer:
    def __init__(self, index: LoadedIndex, embedder=None) -> None:
        """`embedder`: the index's encoder (`rag.embedders`), which matches topics across languages; None: the lexicon alone."""
        self.index = index
        self.languages = index.stem_languages
        self.entries: list[_Entry] = []
        for doc_id, document in index.documents.items():
            data = document.metadata.get("programme")
            if not isinstance(data, dict):
                continue
            programme = programme_from_json(data)
            for session in programme.sessions:
                self.entries.append(_Entry(programme, session, self._chunk_of(doc_id, programme, session)))
        # The congress's own name, organiser and city say which programme, not which session.
        self.programme_terms: dict[str, frozenset[str]] = {}
        for entry in self.entries:
            c = entry.programme.congress
            self.programme_terms.setdefault(entry.programme.doc_id, frozenset(analyse(f"{c.name} {c.edition} {c.organiser} {c.city}", self.languages)))
        self.people = sorted({person.name for entry in self.entries for person in entry.session.people})
        self.people_skeletons = name_skeletons(self.people)
        identity = frozenset().union(*self.programme_terms.values())
        self.facts = frozenset().union(*(_facts_of(e.session) for e in self.entries))  # of "when", "where", "who"
        self.topics = Topics([(self._key(e), e.session) for e in self.entries], self.languages, identity, embedder)

    @property
    def has_programmes(self) -> bool:
        return bool(self.entries)

    def _chunk_of(self, doc_id: str, programme: Programme, session: Session) -> str | None:
        span = programme.spans.get(session.id)
        chunk = self._chunk_at(doc_id, span) if span else None
        return chunk.chunk_id if chunk else None

    def _chunk_at(self, doc_id: str, span: tuple[int, int]):
        """The first passage of the document that overlaps `span`."""
        return next((c for c in self.index.chunks if c.doc_id == doc_id and c.start < span[1] and span[0] < c.end), None)

    # Reading the question --------------------------------------------------------------------

    def read(self, query: Query, now: dt.datetime) -> Reading:
        text = f" {normalise_arabic(fold(query.question))} "
        asks = {name for name, pattern in (("when", _WHEN), ("where", _WHERE), ("what", _WHAT)) if pattern.search(text)}
        if _WHO.search(re.sub(r"\b(qu'est-ce|ce) qui\b", " ", text)):  # "qu'est-ce qui se passe" asks what, not who
            asks.add("who")
            if _CHAIR_ASK.search(text):
                asks.add("chair")
        if "when" in asks and _END_ASK.search(text):
            asks.add("end")
        if _TRACK_ASK.search(text):
            asks.add("track")
        days = sorted({e.session.day for e in self.entries if e.session.day})
        zone = self.entries[0].programme.congress.timezone if self.entries else "Africa/Casablanca"
        when = read_when(query.question, now.astimezone(ZoneInfo(zone)), days)
        rooms = self._rooms_named(text)
        people = self._people_named(text)
        named = self._programmes_named(query)
        asks = frozenset(asks)
        topic, asked = self.topics.about(query, rooms, people, structured=bool(rooms or people or when.any),
                                         worth_encoding=lambda lexical: self._encoder_may_decide(asks, lexical))
        return Reading(asks, when, rooms, people, topic, named, topic_asked=asked, room_asked=bool(_ROOM_ASK.search(text)))

    def _encoder_may_decide(self, asks: frozenset[str], topic: dict[tuple[str, str], float]) -> bool:
        """Whether the encoder's reading of the topic an unstructured question names (`Topics.about`) could change
        `decide`. It cannot when the question asks nothing of the schedule, or asks when, where or who
        and no session of the programmes has it (a day, a room, people): `_answer` finds nothing to
        list whatever sessions the topic points to. Except when the question asks about a session by
        a topic the lexicon finds in none: a session the encoder points to keeps programme passages as
        answers (`decide`). Skipping it saves the question's second encoding (~20 ms of CPU with e5-small)."""
        if not asks:
            return False
        if _asks_about_a_session(asks, topic_asked=True) and max(topic.values(), default=0.0) < _TOPIC_FOUND:
            return True
        return asks & {"when", "where", "who"} <= self.facts

    def _programmes_named(self, query: Query) -> frozenset[str]:
        """The programmes whose congress name, organiser or city the question uses most."""
        hits = {doc_id: sum(1 for c in query.concepts if c.terms & terms) for doc_id, terms in self.programme_terms.items()}
        best = max(hits.values(), default=0)
        return frozenset(doc_id for doc_id, count in hits.items() if best and count == best) if best else frozenset()

    def _rooms_named(self, text: str) -> frozenset[str]:
        found = set()
        for room in {e.session.room for e in self.entries if e.session.room}:
            folded = fold(room)
            key = re.sub(r"\b(salle|room|hall|amphi(theatre)?|auditorium|قاعه)\b", "", folded).strip(" '-")
            if f" {folded} " in text or (key and re.search(rf"\b(salle|room|hall|amphi\w*|auditorium)\s+(d'|de |du )?{re.escape(key)}\b|قاعه {re.escape(key)}|\b{re.escape(key)} (room|hall)\b", text)):
                found.add(room)
        return frozenset(found)

    def _people_named(self, text: str) -> frozenset[str]:
        tokens = [t for t in re.findall(r"[a-z][a-z'-]*", text) if t not in _HONORIFICS]
        scores: dict[str, float] = {}
        for person in self.people:
            parts = [t for t in re.findall(r"[a-z][a-z'-]*", fold(person)) if t not in _HONORIFICS]
            if not parts:
                continue
            variants = [(" ".join(parts), _NAME_THRESHOLD)]
            if len(parts) > 1:
                surname = " ".join(parts[1:])
                variants += [(f"{parts[0][0]} {surname}", _NAME_THRESHOLD), (surname, _SURNAME_THRESHOLD if len(surname) >= 5 else 101)]
            best = 0.0
            for variant, threshold in variants:
                size = len(variant.split())
                for start in range(0, max(len(tokens) - size + 1, 0)):
                    score = fuzz.ratio(" ".join(tokens[start:start + size]), variant)
                    if score >= threshold:
                        best = max(best, score + (2 if variant == variants[0][0] else 0))
            if best:
                scores[person] = best
        for name in named_in_arabic(text, self.people_skeletons):
            scores[name] = max(scores.get(name, 0.0), 100.0)  # "كريم الإدريسي" is Karim El Idrissi
        if not scores:
            return frozenset()
        top = max(scores.values())
        return frozenset(name for name, score in scores.items() if score >= top - 4)

    # Answering -------------------------------------------------------------------------------

    def decide(self, query: Query, retrieved: list[str], now: dt.datetime) -> tuple[Answer | None, bool, frozenset[str]]:
        """(the schedule's answer or None, whether programme passages are ruled out as answers, the
        documents whose passages are ruled out too). Programme passages are ruled out when the
        question asks about a session by its topic and no session has it: the documents may still
        say, but another session's line would be a wrong answer. A document read as a programme is
        ruled out too when the question names one of its sessions and asks what the document does
        not give it (a chair, a room): its other lines (a table row, a neighbour's name) would be a
        wrong answer."""
        if not self.entries:
            return None, False, frozenset()
        reading = self.read(query, now)
        answer = self._answer(query, reading, retrieved, now)
        if answer is not None:
            return answer, False, frozenset()
        best = max(reading.topic.values(), default=0.0)
        return None, reading.asks_about_a_session and best < _TOPIC_FOUND, self._silent_on(reading, best)

    def _silent_on(self, reading: Reading, best: float) -> frozenset[str]:
        """The documents whose session the question names, when that session lacks the fact asked."""
        if best < _TOPIC_FOUND:
            return frozenset()
        named = [e for e in self.entries if reading.topic.get(self._key(e), 0.0) >= best * 0.75]
        needs = {"chair": lambda s: s.chairs, "where": lambda s: s.room, "who": lambda s: s.people, "when": lambda s: s.day or s.start}
        asked = [fact for fact in needs if fact in reading.asks and not (fact == "who" and "chair" in reading.asks)]
        if named and any(not any(needs[fact](e.session) for e in named) for fact in asked):
            return frozenset(e.programme.doc_id for e in named)
        return frozenset()

    def _answer(self, query: Query, reading: Reading, retrieved: list[str], now: dt.datetime) -> Answer | None:
        structured = bool(reading.rooms or reading.people or reading.when.any)
        if "where" in reading.asks and not structured and not reading.room_asked and (
            max(reading.topic.values(), default=0.0) < _TOPIC_FOUND or self.topics.names_only_the_congress(query, reading.rooms, reading.people)
        ):
            held = self._where_held(query, reading)
            if held is not None:
                return held
        if not reading.asks and not structured:
            return None
        scope = self._in_scope(reading, retrieved, now)
        entries = self._filter(scope, reading)
        lead = ""
        topical = self._topical(scope, reading)
        if topical and not any(e in topical for e in entries) and (reading.when.day or reading.when.part or reading.rooms):
            entries, lead = topical, _NOT_THEN.get(query.language, _NOT_THEN["fr"]) + "\n"
        if reading.topic:
            best = max((reading.topic.get(self._key(e), 0.0) for e in entries), default=0.0)
            if best < 0.5 and not structured:
                return None
            if best >= _TOPIC_FOUND:
                entries = [e for e in entries if reading.topic.get(self._key(e), 0.0) >= best * 0.75]
            elif not structured:
                return None
        elif not structured:
            return None
        if "end" in reading.asks and len(entries) > 1 and max(reading.topic.values(), default=0.0) < _TOPIC_FOUND:
            last = max(entries, key=lambda e: (e.session.day or dt.date.min, e.session.end or e.session.start or dt.time.min))
            entries = [last]
        local_now = now.astimezone(ZoneInfo(entries[0].programme.congress.timezone)) if entries else now
        if reading.when.now:
            running = [e for e in entries if _running(e, local_now)]
            if not running:
                upcoming = _upcoming(entries, local_now)
                if not upcoming:
                    return None
                lead = _NOTHING_NOW[query.language].format(time=format_time(local_now.time()), day=format_day(local_now.date(), query.language)) + " "
                entries = upcoming
            else:
                entries = running
        elif reading.when.next:
            entries = _upcoming(entries, local_now)
        if not entries:
            return None
        if "when" in reading.asks and not any(e.session.day or e.session.start for e in entries):
            return None  # the programme gives these sessions neither a day nor a time: let the documents answer
        if "where" in reading.asks and not any(e.session.room for e in entries):
            return None
        if "who" in reading.asks and not any(e.session.people for e in entries):
            return None
        if "chair" in reading.asks and not any(e.session.chairs for e in entries):
            return None  # the programme names no chair for these sessions: not their speakers instead
        entries.sort(key=lambda e: (e.session.day or dt.date.max, e.session.start or dt.time.max, e.session.room))
        return self._compose(query, entries, lead, show_track="track" in reading.asks)

    def _topical(self, entries: list[_Entry], reading: Reading) -> list[_Entry]:
        """The sessions the question's topic words clearly point to, whatever their day or room."""
        shares = [reading.topic.get(self._key(e), 0.0) for e in entries]
        best = max(shares, default=0.0)
        return [e for e, share in zip(entries, shares) if best >= 0.5 and share >= best * 0.75]

    @staticmethod
    def _key(entry: _Entry) -> tuple[str, str]:
        return (entry.programme.doc_id, entry.session.id)

    def _in_scope(self, reading: Reading, retrieved: list[str], now: dt.datetime) -> list[_Entry]:
        """Sessions of the programmes the question is about: the one running now for now/next
        questions, else the best-retrieved programme when several match equally."""
        entries = list(self.entries)
        doc_ids = {e.programme.doc_id for e in entries}
        if len(doc_ids) == 1:
            return entries
        if reading.programmes and len(reading.programmes) < len(doc_ids):
            return [e for e in entries if e.programme.doc_id in reading.programmes]
        if reading.when.relative:
            today = now.date()
            live = [e for e in entries if e.programme.congress.start and e.programme.congress.start <= today <= (e.programme.congress.end or e.programme.congress.start)]
            if live:
                return live
        for doc_id in retrieved:
            if doc_id in doc_ids and (not reading.topic or any(k[0] == doc_id for k in reading.topic)):
                if reading.people or reading.rooms or reading.topic:
                    return entries  # filters pick the sessions across programmes
                return [e for e in entries if e.programme.doc_id == doc_id]
        return entries

    @staticmethod
    def _filter(entries: list[_Entry], reading: Reading) -> list[_Entry]:
        when = reading.when
        if reading.rooms:
            entries = [e for e in entries if e.session.room in reading.rooms]
        if reading.people:
            entries = [e for e in entries if any(p.name in reading.people for p in e.session.people)]
        if when.day and not when.now:
            entries = [e for e in entries if e.session.day == when.day]
        if when.part:
            low, high = when.part
            entries = [e for e in entries if e.session.start and e.session.end and e.session.start < high
                       and (e.session.crosses_midnight or e.session.end > low)]
        if when.at:  # the sessions that start at the time named, else those running then
            starting = [e for e in entries if e.session.start == when.at]
            entries = starting or [e for e in entries if e.session.start and e.session.end and e.session.start <= when.at < e.session.end]
        return entries

    def _where_held(self, query: Query, reading: Reading) -> Answer | None:
        """"Where is the congress held?" of a programme read from a brochure that prints its venue
        (structured programmes say it in their overview passage, which the documents' answerer quotes)."""
        programmes = {e.programme.doc_id: e.programme for e in self.entries}
        named = reading.programmes or (frozenset(programmes) if len(programmes) == 1 else frozenset())
        chosen = [programmes[doc_id] for doc_id in sorted(named)
                  if programmes[doc_id].congress.venue and programmes[doc_id].source != "structured"]
        if len(chosen) != 1:
            return None
        programme = chosen[0]
        c = programme.congress
        span = programme.spans.get("congress")
        citation = self._span_citation(1, programme.doc_id, span, c.name) if span else None
        place = ", ".join(part for part in (c.venue, c.city) if part)
        text = f"« {c.name} » — {place}." + (" [1]" if citation else "")
        citations = [citation] if citation else []
        return Answer(query.question, text, False, query.language, citations, [programme.doc_id], support=1.0, passages=citations)

    def _span_citation(self, n: int, doc_id: str, span: tuple[int, int], section: str) -> Citation | None:
        document = self.index.documents.get(doc_id)
        chunk = self._chunk_at(doc_id, span)
        if document is None or chunk is None:
            return None
        start, end = span
        return Citation(
            n=n, doc_id=doc_id, title=chunk.title, section=section, text=document.text[start:end].strip(), start=start, end=end,
            score=1.0, sentence_start=start, sentence_end=end, page=_page(document, start), source=document.source,
        )

    def _compose(self, query: Query, entries: list[_Entry], lead: str, show_track: bool = False) -> Answer:
        language = query.language if query.language in _LABELS else "fr"
        labels = _LABELS[language]
        lines, citations = [], []
        for entry in entries[:MAX_LISTED]:
            citation = self._citation(len(citations) + 1, entry)
            marker = f" [{citation.n}]" if citation else ""
            if citation:
                citations.append(citation)
            line = describe(entry.session, language, entry.programme.clock)
            if entry.session.track and show_track:
                line = line.rstrip(".") + f" ; {labels.get('track', 'track')} : {entry.session.track}."
            talks = [t for t in entry.session.description.split("\n") if t.strip()] if entry.programme.source != "structured" else []
            if talks and len(entries) <= 3:  # a brochure's talks under the session: what it holds, in its own words
                shown = " / ".join(talks[:3])
                line = line.rstrip(".") + f" — {shown[:200]}{' …' if len(shown) > 200 or len(talks) > 3 else ''}"
            lines.append(line + marker)
        more = len(entries) - MAX_LISTED
        if more > 0:
            lines.append(labels["more"].format(count=more))
        text = lead + ("\n".join(lines) if len(lines) > 1 else lines[0])
        retrieved = list(dict.fromkeys(e.programme.doc_id for e in entries))
        return Answer(query.question, text, False, query.language, citations, retrieved, support=1.0, passages=citations)

    def _citation(self, n: int, entry: _Entry) -> Citation | None:
        """The session's own section of the programme document (its title and facts)."""
        chunk = self.index.chunk_by_id.get(entry.chunk_id) if entry.chunk_id else None
        if chunk is None:
            return None
        document = self.index.documents[chunk.doc_id]
        start, end = entry.programme.spans.get(entry.session.id, (chunk.start, chunk.end))
        while start < end and document.text[start] in "# ":
            start += 1
        return Citation(
            n=n, doc_id=chunk.doc_id, title=chunk.title, section=entry.session.title, text=document.text[start:end].strip(),
            start=start, end=end, score=1.0, sentence_start=start, sentence_end=end, page=_page(document, start), source=document.source,
        )


def _page(document, offset: int) -> int | None:
    """The page of a PDF programme that holds `offset` (a session read from a brochure is cited with its page)."""
    starts = getattr(document, "page_starts", ()) or ()
    return max((i + 1 for i, start in enumerate(starts) if start <= offset), default=None) if starts else None


def _running(entry: _Entry, now: dt.datetime) -> bool:
    start, end = entry.session.starts_at(entry.programme.congress.timezone), entry.session.ends_at(entry.programme.congress.timezone)
    return bool(start and end and start <= now < end)


def _upcoming(entries: list[_Entry], now: dt.datetime) -> list[_Entry]:
    """The sessions that start next (several when parallel sessions start at the same time)."""
    later = [(e.session.starts_at(e.programme.congress.timezone), e) for e in entries]
    later = [(start, e) for start, e in later if start and start > now]
    if not later:
        return []
    first = min(start for start, _ in later)
    return [e for start, e in later if start == first]


_LABELS = {
    "fr": {"programme": "Programme", "chairs": "modération", "speakers": "intervenants", "track": "parcours", "more": "… et {count} autres sessions (voir l'onglet Programme)."},
    "en": {"programme": "Programme", "chairs": "chairs", "speakers": "speakers", "track": "track", "more": "… and {count} more sessions (see the Programme tab)."},
    "ar": {"programme": "البرنامج", "chairs": "رئاسة الجلسة", "speakers": "المتدخلون", "track": "المسار", "more": "… و{count} جلسات أخرى (انظر تبويب البرنامج)."},
}
_NOT_THEN = {
    "fr": "Le programme ne prévoit pas de session sur ce sujet à ce moment-là ou à cet endroit. Sessions sur ce sujet :",
    "en": "The programme has no session on this topic at that time or place. Sessions on this topic:",
    "ar": "لا يتضمن البرنامج جلسة حول هذا الموضوع في ذلك الوقت أو المكان. الجلسات حول هذا الموضوع:",
}
_NOTHING_NOW = {
    "fr": "Aucune session n'est en cours ({day}, {time}). À suivre :",
    "en": "No session is running now ({day}, {time}). Next:",
    "ar": "لا توجد جلسة جارية الآن ({day}، {time}). الجلسة التالية:",
}


def clock_time(moment: dt.time, language: str, clock: str = "24h") -> str:
    """A time as the asker reads it and, for a programme printed on a 12-hour clock, as printed too:
    a French asker gets "13h00 (1:00 PM)", an English one "1:00 PM"."""
    if clock != "12h":
        return format_time(moment)
    twelve = f"{(moment.hour % 12) or 12}:{moment.minute:02d} {'PM' if moment.hour >= 12 else 'AM'}"
    if language == "en":
        return twelve
    return f"{moment.hour:02d}h{moment.minute:02d} ({twelve})" if language == "fr" else f"{format_time(moment)} ({twelve})"


def describe(session: Session, language: str = "fr", clock: str = "24h") -> str:
    """One line for a session: « title » — day, start–end, room; chairs; speakers."""
    labels = _LABELS.get(language, _LABELS["fr"])
    when = ""
    hours = ""
    if session.start:
        hours = clock_time(session.start, language, clock) + (f"–{clock_time(session.end, language, clock)}" if session.end else "")
    if session.day:
        when = format_day(session.day, language) + (f", {hours}" if hours else "")
    elif hours:
        when = hours
    facts = [part for part in (session.type if not when and not session.room else "", when, session.room) if part]
    line = f"« {session.title} »" + (f" — {', '.join(facts)}" if facts else "")
    if session.chairs:
        line += f" ; {labels['chairs']} : {_names(session.chairs)}"
    if session.speakers:
        line += f" ; {labels['speakers']} : {_names(session.speakers)}"
    return line + "."


def _names(people: tuple[Person, ...]) -> str:
    return ", ".join(p.name for p in people)
