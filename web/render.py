"""Answers, documents and programmes as HTML. Pure functions, no Gradio.

Everything that comes from a document, a question or an answer is escaped here, once: HTML
or script in a document is shown as text, and since nothing is parsed as Markdown, an image
or link written in a document cannot make the browser fetch a remote address.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from urllib.parse import quote, urlencode

from rag.answer import FRAMING, REFUSAL, Answer, Citation
from rag.language import fold, normalise_arabic
from rag.programme.model import Programme, Session
from rag.programme.names import TITLES
from rag.programme.timewords import MONTHS, format_day, format_time, month_number
from web.texts import text

_MARKER = re.compile(r"\[(\d{1,2})\]")
_AFTER_MARKER = re.compile(r"(?<=\[\d\])\s+|(?<=\[\d\d\])\s+")  # where one quote of an extractive answer ends


def escape(value: str) -> str:
    return html.escape(value or "", quote=True)


_LATIN = "A-Za-z0-9\u00C0-\u024F"
_ARABIC = "\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF"
_FIRST_STRONG = re.compile(rf"[A-Za-z\u00C0-\u024F{_ARABIC}]")


def direction(value: str) -> str:
    """"rtl" when the first strong letter of `value` is Arabic, else "ltr": what `dir="auto"` gives in the
    browser, decided here so that the runs of the other script can be isolated (`isolated`). An Arabic
    question holding a long French name is right to left ("من هي Najat Chérif Idrissi El Ganouni؟"),
    an Arabic sentence quoted in a French answer too."""
    first = _FIRST_STRONG.search(value or "")
    return "rtl" if first and re.match(f"[{_ARABIC}]", first.group()) else "ltr"
# A run of the other script: words of it joined by spaces or inner punctuation, starting and ending on a letter or digit.
_RUNS = {
    "rtl": re.compile(rf"[A-Za-z\u00C0-\u024F][{_LATIN}'’&./-]*(?:[ \t]+[{_LATIN}'’&./-]*[{_LATIN}])*(?<=[{_LATIN}])"),
    "ltr": re.compile(rf"[{_ARABIC}]+(?:[ \t]+[{_ARABIC}0-9]+)*"),
}
_MARKUP = re.compile(r"<!--.*?-->|<[A-Za-z/!][^<>]*>", re.S)


def isolated(value: str, dir_: str) -> str:
    """`value` escaped, with each run of the other script wrapped in `<bdi>`, so that a French
    name inside Arabic text (or Arabic inside French) does not drag « », ؟ or a full stop to the
    wrong side (Unicode bidi isolation)."""
    pattern = _RUNS[dir_]
    out, last = [], 0
    for match in pattern.finditer(value or ""):
        out.append(escape(value[last:match.start()]))
        out.append(f"<bdi>{escape(match.group())}</bdi>")
        last = match.end()
    out.append(escape((value or "")[last:]))
    return "".join(out)


_FSI, _PDI = "\u2068", "\u2069"


def isolated_plain(value: str) -> str:
    """`value` with each run of the other script between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE:
    the plain-text form of `<bdi>`, for places that take text only (Gradio's example buttons)."""
    return _RUNS[direction(value)].sub(lambda m: f"{_FSI}{m.group()}{_PDI}", value or "")


def without_isolates(value: str) -> str:
    return (value or "").replace(_FSI, "").replace(_PDI, "")


def without_markup(question: str) -> str:
    """The question as asked, less any HTML tags or comments in it ("<img src=x onerror=…> Qui préside la SMR ?"
    → "Qui préside la SMR ?"): what is asked of the assistant, while the chat shows the question as typed."""
    return " ".join(_MARKUP.sub(" ", question or "").split())


def document_url(doc_id: str, start: int | None = None, end: int | None = None) -> str:
    query = f"?{urlencode({'start': start, 'end': end})}" if start is not None and end is not None else ""
    return f"/document/{quote(doc_id, safe='')}{query}#passage"


def calendar_url(doc_id: str, session_id: str | None = None) -> str:
    return "/calendar.ics?" + urlencode({"doc": doc_id, **({"session": session_id} if session_id else {})})


def session_anchor(doc_id: str, session_id: str) -> str:
    return "session-" + re.sub(r"[^A-Za-z0-9_-]", "-", f"{doc_id}--{session_id}")


def programme_anchor(doc_id: str) -> str:
    """The id of a congress's block in the programme (where its whole-programme calendar event links to)."""
    return "congress-" + re.sub(r"[^A-Za-z0-9_-]", "-", doc_id)


# Dates ------------------------------------------------------------------------------------------

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
_SLASHED_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")  # day/month/year, as French and Moroccan sources write it


def _as_day(value: str) -> dt.date | None:
    """"2025-05-21" (a time after it is ignored) or "21/05/2025" as a date; None for anything else."""
    try:
        if match := _ISO_DAY.fullmatch(value):
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _SLASHED_DAY.fullmatch(value):
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:  # "2025-13-40"
        return None
    return None


def _day_words(day: dt.date, language: str, month: bool = True, year: bool = True) -> str:
    """"21 mai 2025", "1er juin 2025", "21 May 2025", "21 ماي 2025"; without the month or year for the start of a range."""
    words = ["1er" if language == "fr" and day.day == 1 else str(day.day)]
    words += [MONTHS[language][day.month - 1]] if month else []
    words += [str(day.year)] if year else []
    return " ".join(words)


def format_date(value: str, language: str) -> str:
    """A date as the index keeps it, written for readers of `language` (fr, en, ar; French otherwise):
    "2025-06" → "juin 2025" / "June 2025" / "يونيو 2025"; "2025-05-21" or "21/05/2025" → "21 mai 2025";
    "2026-05-14/2026-05-16" (an ISO 8601 interval: a congress's days) → "du 14 au 16 mai 2026" /
    "14 to 16 May 2026" / "من 14 إلى 16 ماي 2026". Anything else (a year, "du 12 au 15 juin 2025"
    as a document wrote it) is shown as written."""
    value = (value or "").strip()
    language = language if language in MONTHS else "fr"
    if match := _ISO_MONTH.fullmatch(value):
        year, month = int(match.group(1)), int(match.group(2))
        return f"{MONTHS[language][month - 1]} {year}" if 1 <= month <= 12 else value
    if day := _as_day(value):
        return _day_words(day, language)
    first, slash, last = value.partition("/")
    start, end = (_as_day(first), _as_day(last)) if slash and "/" not in last else (None, None)
    if start is None or end is None:
        return value
    if start == end:
        return _day_words(start, language)
    same_year = start.year == end.year
    opening = _day_words(start, language, month=not (same_year and start.month == end.month), year=not same_year)
    return text(language, "date_range", start=opening, end=_day_words(end, language))


# "18 et 19 novembre", "les 18 et 19 novembre 2025", "du 12 au 15 juin 2025", "12 juin 2025": a congress's days as an
# article writes them (in French, the language of the corpus's articles).
_WRITTEN_DAYS = re.compile(r"(?:les?\s+|du\s+)?(\d{1,2})(?:er)?(?:\s*(?:et|au|à|-|–)\s*(\d{1,2})(?:er)?)?\s+([^\W\d_]+)(?:\s+(\d{4}))?", re.I)


def format_written_days(value: str, language: str) -> str:
    """A congress's days as an article gives them, written for readers of `language`: an ISO form as
    `format_date` writes it; "18 et 19 novembre" (no year: none is added) → "du 18 au 19 novembre" /
    "18 to 19 November" / "من 18 إلى 19 نونبر"; "du 12 au 15 juin 2025" → "du 12 au 15 juin 2025" /
    "12 to 15 June 2025"; anything else as written."""
    value = " ".join((value or "").split())
    written = format_date(value, language)
    match = _WRITTEN_DAYS.fullmatch(value)
    month = month_number(normalise_arabic(fold(match.group(3)))) if match else None
    if written != value or month is None:
        return written
    language = language if language in MONTHS else "fr"
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    year = int(match.group(4)) if match.group(4) else None
    try:  # a leap year stands in for an unknown one (29 February), and is not written
        start, end = dt.date(year or 2000, month, first), dt.date(year or 2000, month, last)
    except ValueError:
        return value
    if year:
        return format_date(f"{start.isoformat()}/{end.isoformat()}", language)
    if start == end:
        return _day_words(start, language, year=False)
    return text(language, "date_range", start=_day_words(start, language, month=False, year=False),
                end=_day_words(end, language, year=False))


def format_timestamp(value: str, language: str) -> str:
    """An ISO timestamp ("2026-11-26T09:05:00+00:00", as the index records its build) in UTC, for
    reading: "26 novembre 2026 à 09:05 (UTC)" / "26 November 2026, 09:05 (UTC)"; as written if it is not one."""
    try:
        moment = dt.datetime.fromisoformat((value or "").strip())
    except ValueError:
        return value
    moment = moment.astimezone(dt.timezone.utc) if moment.tzinfo else moment
    language = language if language in MONTHS else "fr"
    return text(language, "date_at", date=_day_words(moment.date(), language), time=moment.strftime("%H:%M"))


def question_html(question: str) -> str:
    dir_ = direction(question)
    return f'<div class="cc-question" dir="{dir_}">{isolated(question, dir_)}</div>'


def _marked(passage: Citation) -> str:
    """The passage with its supporting sentence highlighted."""
    body = passage.text
    first = max(0, min(len(body), passage.sentence_start - passage.start))
    last = max(first, min(len(body), passage.sentence_end - passage.start))
    dir_ = direction(body)
    return f"{isolated(body[:first], dir_)}<mark>{isolated(body[first:last], dir_)}</mark>{isolated(body[last:], dir_)}"


def card_html(citation: Citation, turn: int | str, language: str, meta: str = "", session_link: str | None = None) -> str:
    """A source card; `meta` is the document's date as the index keeps it ("2025-06"), written in `language` here."""
    facts = " · ".join(escape(part) for part in (citation.section, format_date(meta, language)) if part and part != citation.title)
    links = f'<a class="cc-open" href="{escape(document_url(citation.doc_id, citation.start, citation.end))}" target="_blank" rel="noopener">{escape(text(language, "open"))}</a>'
    if session_link:
        links += f' · <a class="cc-open" href="{escape(session_link)}" target="_blank" rel="noopener">{escape(text(language, "session_row"))}</a>'
    title_dir = direction(citation.title)
    # A card folds: its title shows, one tap opens the passage (open by default on wide screens, see web/client.js).
    return (
        f'<details class="cc-card" id="cc-{turn}-{citation.n}">'
        f'<summary class="cc-card-title" dir="{title_dir}"><span class="cc-n">{citation.n}</span> {isolated(citation.title, title_dir)}'
        f'<span class="cc-show"> · {escape(text(language, "show_passage"))}</span></summary>'
        + (f'<div class="cc-card-meta">{facts}</div>' if facts else "")
        + f'<blockquote class="cc-passage" dir="{direction(citation.text)}">{_marked(citation)}</blockquote>'
        f'<div class="cc-links">{links}</div></details>'
    )


def answer_html(answer: Answer, turn: int | str, language: str, metas: dict[str, str] | None = None,
                session_links: dict[int, str] | None = None) -> str:
    """The chat message for an answer: the text with `[n]` linked to card n, then the cards.
    A refusal is shown as a notice, without sources, all in the interface's language."""
    ui_dir = "rtl" if language == "ar" else "ltr"
    notice = f'<div class="cc-notice">{escape(text(language, "notice"))} : {escape(answer.notice)}</div>' if answer.notice else ""
    if answer.refused:
        return (f'<div class="cc-answer cc-refusal" role="note" dir="{ui_dir}" lang="{language}">{notice}'
                f'<span class="cc-refusal-label">{escape(text(language, "refusal_label"))}</span> '
                f'{escape(REFUSAL.get(language, answer.answer))}</div>')
    known = {c.n for c in answer.citations}
    body = "".join(_part(part, kind, turn, known) for kind, part in answer_parts(answer.answer))
    cards = "".join(
        card_html(c, turn, language, (metas or {}).get(c.doc_id, ""), (session_links or {}).get(c.n)) for c in answer.citations
    )
    sources = f'<div class="cc-sources"><div class="cc-sources-title">{escape(text(language, "sources"))}</div>{cards}</div>' if cards else ""
    return f'<div class="cc-answer" dir="{ui_dir}">{notice}<div class="cc-text">{body}</div>{sources}</div>'


def answer_parts(value: str) -> list[tuple[str, str]]:
    """An answer's text cut into the parts that each get their own direction: ("lead", the framing line
    "D'après les documents du congrès :"), ("quote", one quoted sentence with its `[n]`), ("line", any other
    line: the short answer "18 et 19 novembre" above the quotes, or a line of a generated answer). So an
    Arabic sentence quoted in a French answer, or an Arabic date above a French quote, reads right to left."""
    parts = []
    for line in (value or "").split("\n"):
        lead = next((framing for framing in FRAMING.values() if line.startswith(framing)), None)
        if lead is None:
            parts += [("line", line)] if line.strip() else []
            continue
        parts.append(("lead", lead))
        parts += [("quote", quote) for quote in _AFTER_MARKER.split(line[len(lead):].strip()) if quote]
    return parts


def _part(value: str, kind: str, turn: int | str, known: set[int]) -> str:
    """One part of an answer (`answer_parts`) as a block in its own direction, `[n]` linked to card n."""
    dir_ = direction(value)
    body = _MARKER.sub(lambda m: f'<a class="cc-ref" href="#cc-{turn}-{m.group(1)}">[{m.group(1)}]</a>' if int(m.group(1)) in known else m.group(0),
                       isolated(value, dir_))
    return f'<div class="cc-{kind}" dir="{dir_}">{body}</div>'


def plain_message(message: str) -> str:
    dir_ = direction(message)
    return f'<div class="cc-message" dir="{dir_}">{isolated(message, dir_)}</div>'


def document_page(title: str, body: str, start: int | None, end: int | None, language: str, date: str = "",
                  body_language: str = "") -> str:
    """A whole document as a standalone page in the reader's `language` (its way back to the chat, its
    date), the cited passage marked and scrolled to, under the title, which stays in view. `date` as the
    index keeps it (`format_date`); `body_language`, the document's own."""
    if start is not None and end is not None and 0 <= start < end <= len(body):
        content = f'{escape(body[:start])}<mark id="passage">{escape(body[start:end])}</mark>{escape(body[end:])}'
    else:
        content = f'<span id="passage"></span>{escape(body)}'
    lang = f' lang="{escape(body_language)}"' if body_language else ""
    return _page(title, f'<div class="doc" dir="auto"{lang}>{content}</div>', language, format_date(date, language))


def missing_document_page(language: str) -> str:
    """What a citation link to a document no longer in the index opens: a page in the reader's
    language (a rebuild dropped or renamed the document), with the way back to the chat."""
    return _page(text(language, "doc_missing_title"), f'<p>{escape(text(language, "doc_missing"))}</p>', language)


def _page(title: str, body: str, language: str, subtitle: str = "") -> str:
    """A standalone page in `language` (its `lang`, and right to left for Arabic), headed by the way back
    to the chat and its title: a header that stays at the top while the page scrolls, so that a page
    opened at a passage or a session row (`:target`, placed under the header) still shows what it is."""
    direction_ = "rtl" if language == "ar" else "ltr"
    header = (f'<header class="cc-bar"><a class="cc-back" href="/">{escape(text(language, "back_to_chat"))}</a>'
              f'<h1 dir="auto">{escape(title)}</h1>' + (f'<p class="cc-date">{escape(subtitle)}</p>' if subtitle else "") + "</header>")
    return (
        f"<!doctype html><html lang='{language}' dir='{direction_}'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'><meta name='color-scheme' content='light dark'>"
        f"<title>{escape(title)}</title><style>{PAGE_CSS}</style></head>"
        f"<body>{header}<main>{body}</main></body></html>"
    )


# One palette per colour scheme; every text is at least 4.5:1 on its background (WCAG AA) in both.
PAGE_CSS = (
    ":root{color-scheme:light dark;--bg:#fff;--fg:#1f2937;--muted:#4b5563;--line:#e5e7eb;--link:#1d4ed8;--mark:#fde68a;"
    "--mark-fg:#1f2937;--target:#fef3c7}"
    "@media (prefers-color-scheme:dark){:root{--bg:#18181b;--fg:#f4f4f5;--muted:#d4d4d8;--line:#3f3f46;--link:#93c5fd;"
    "--mark:#78350f;--mark-fg:#fef3c7;--target:#422006}}"
    "body{font-family:system-ui,sans-serif;max-width:46rem;margin:0 auto 1rem;padding:0 1rem;line-height:1.55;background:var(--bg);color:var(--fg)}"
    "a{color:var(--link)}"
    ".cc-bar{position:sticky;top:0;z-index:1;background:var(--bg);border-bottom:1px solid var(--line);padding:.5rem 0 .4rem;margin-bottom:.6rem}"
    ".cc-back{font-size:.9rem;display:inline-block;padding:.2rem 0}"
    # At most two lines of title, so that the header's height is known: what is scrolled to goes under it.
    ".cc-bar h1{font-size:1.2rem;line-height:1.3;margin:.2rem 0 0;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}"
    ".cc-date{margin:.15rem 0 0;color:var(--muted);font-size:.9rem}:target{scroll-margin-top:9rem}"
    ".doc{white-space:pre-wrap;overflow-wrap:anywhere}mark{background:var(--mark);color:var(--mark-fg);padding:0 .1em}"
    "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid var(--line);padding:.4rem;vertical-align:top;text-align:start}"
    "tr:target{background:var(--target)}td{overflow-wrap:anywhere}"
    # On a phone (390 px) each session is a block, not a row too wide for the screen.
    "@media (max-width:40rem){.cc-programme thead{display:none}.cc-programme tr{display:block;border-bottom:1px solid var(--line);"
    "padding:.3rem 0}.cc-programme td{display:block;border:none;padding:.1rem .2rem}}"
)


# Programme ------------------------------------------------------------------------------------

def session_when(session: Session, language: str) -> str:
    if not session.day:
        return ""
    when = format_day(session.day, language)
    if session.start:
        when += f" {format_time(session.start)}" + (f"–{format_time(session.end)}" if session.end else "")
    return when


def session_matches(session: Session, day: str = "", room: str = "", track: str = "", speaker: str = "", query: str = "",
                    congress: str = "") -> bool:
    """Whether `session` passes the filters. `query` is free text, every word of it found (accents and case
    aside, `rag.language.fold`) in the session's title, type, track, room, description, topics or people,
    or in `congress` (its congress's name, edition, organiser, city and venue: "Hemostase" finds the
    sessions of the "Master Class en Hémostase")."""
    if day and (not session.day or session.day.isoformat() != day):
        return False
    if room and session.room != room:
        return False
    if track and session.track != track:
        return False
    if speaker and speaker not in {p.name for p in session.people}:
        return False
    if query:
        haystack = fold(" ".join([session.title, session.type, session.track, session.room, session.description, *session.topics,
                                  *(p.name for p in session.people), congress]))
        return all(word in haystack for word in fold(query).split())
    return True


def congress_facts(programme: Programme, language: str, dates: str = "") -> str:
    """"du jeudi 14 mai 2026 au samedi 16 mai 2026 · Rabat · Centre…": what the programme knows of its
    congress. `dates`: the congress's days as another document gives them ("18 et 19 novembre", from an
    article about the same congress: `web.service.ChatService.congress_dates`), shown when the programme
    has none of its own."""
    from rag.programme.render import date_range

    c = programme.congress
    when = date_range(programme, language) or format_written_days(dates, language)
    return " · ".join(part for part in (when, c.city, c.venue) if part)


# Honorifics before a name, left out when names are sorted ("Pr Mehdi Berrada" sorts under B).
_HONORIFICS = TITLES | {"professeure", "docteure", "madame", "monsieur", "mlle", "mme", "dre", "sir", "prof"}
# Particles that belong to the surname after them ("El Idrissi", "van der Berg", "Ben Salah").
_PARTICLES = {"de", "del", "della", "da", "das", "dos", "du", "des", "di", "van", "von", "der", "den", "el", "al", "ben", "bin", "ibn",
              "le", "la", "abou", "abu", "ait", "ou"}


def surname_key(name: str) -> tuple[str, str]:
    """How a person's name sorts: (surname, given names), accents and case aside, without an honorific:
    "Pr Mehdi Berrada" → ("berrada", "mehdi"), "Dr Karim El Idrissi" → ("el idrissi", "karim"). The
    surname is the last word, with the particles before it."""
    words = [word for word in name.split() if fold(word).strip(".") not in _HONORIFICS] or name.split()
    start = len(words) - 1
    while start > 0 and fold(words[start - 1]) in _PARTICLES:
        start -= 1
    return fold(" ".join(words[start:])), fold(" ".join(words[:start]))


def programme_order(programmes: Iterable[Programme]) -> list[Programme]:
    """The programmes as the Programme tab lists them: those whose sessions have times first (a real
    schedule), then by their first day (the congress's start, else its first session's), those without
    a known day last; otherwise in the order given."""
    def key(programme: Programme):
        first = programme.congress.start or min((s.day for s in programme.sessions if s.day), default=None)
        return (not any(s.start for s in programme.sessions), first is None, first or dt.date.min)

    return sorted(programmes, key=key)


def _congress_text(programme: Programme) -> str:
    c = programme.congress
    return " ".join((c.name, c.edition, c.organiser, c.city, c.venue))


_COLUMNS = ("col_when", "col_session", "col_room", "col_people")


def programme_table(programmes: Iterable[Programme], language: str, dates: dict[str, str] | None = None, **filters: str) -> str:
    """The sessions of the programmes that match the filters, one row each (with an anchor and an
    .ics link), programmes in `programme_order`. A column no session of a programme fills is left out
    (seed programmes often know titles only; their congress's dates, city and venue are shown instead,
    the dates from `dates` (doc id → days as an article gives them) when the programme has none); with
    a filter set, a programme without a matching session is left out, and one line says when none matches."""
    filtering = any(filters.values())
    sections = []
    for programme in programme_order(programmes):
        congress = _congress_text(programme)
        shown = {
            "col_when": any(s.day for s in programme.sessions),
            "col_session": True,
            "col_room": any(s.room for s in programme.sessions),
            "col_people": any(s.people for s in programme.sessions),
        }
        rows = []
        for session in programme.sessions:
            if not session_matches(session, congress=congress, **filters):
                continue
            cells = {
                "col_when": escape(session_when(session, language)),
                "col_session": f"<strong>{escape(session.title)}</strong>"
                + (f"<br><small>{escape(session.type)}" + (f" · {escape(session.track)}" if session.track else "") + "</small>" if session.type or session.track else ""),
                "col_room": escape(session.room),
                "col_people": escape("; ".join(p.name for p in session.people)),
            }
            calendar = ""
            if session.day:
                href = calendar_url(programme.doc_id, session.id)
                calendar = f'<a class="cc-ics" href="{escape(href)}" download>{escape(text(language, "add_calendar"))}</a>'
            row = "".join(f"<td>{cells[key]}</td>" for key in _COLUMNS if shown[key])
            rows.append(f'<tr id="{session_anchor(programme.doc_id, session.id)}">{row}' + (f"<td>{calendar}</td>" if shown["col_when"] else "") + "</tr>")
        if filtering and not rows:
            continue
        whole = calendar_url(programme.doc_id)
        header = f'<h3 dir="auto">{escape(programme.congress.name)}</h3>'
        facts = congress_facts(programme, language, (dates or {}).get(programme.doc_id, ""))
        if facts:
            header += f'<p class="cc-congress-facts" dir="auto">{escape(facts)}</p>'
        if shown["col_when"] or programme.congress.start:  # sessions with a day, or the congress's days (`calendar_bytes`)
            header += f'<p><a class="cc-ics" href="{escape(whole)}" download>{escape(text(language, "whole_programme"))}</a></p>'
        head = "".join(f"<th>{escape(text(language, key))}</th>" for key in _COLUMNS if shown[key]) + ("<th></th>" if shown["col_when"] else "")
        table = f'<table class="cc-programme"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>' if rows else f'<p>{escape(text(language, "no_sessions"))}</p>'
        sections.append(f'<section class="cc-programme-block" id="{programme_anchor(programme.doc_id)}">{header}{table}</section>')
    if not sections:
        sections.append(f'<p>{escape(text(language, "no_sessions"))}</p>')
    return f'<div class="cc-programme-wrap" dir="{"rtl" if language == "ar" else "ltr"}">{"".join(sections)}</div>'


def programme_page(programmes: list[Programme], language: str, dates: dict[str, str] | None = None) -> str:
    return _page(text(language, "programme_tab"), programme_table(programmes, language, dates), language)
