"""The attendee page: the chat with cited answers, feedback, and the Programme tab. The conversation
and the chosen language are kept in the browser (`gr.BrowserState`, in its localStorage), so that a
reload brings them back; "Nouvelle conversation" empties it there too. The page also sends what it
keeps with each question and each thumb: a server that has no conversation for this session (another
replica took over from one that died, behind the proxy) continues from the browser's."""

from __future__ import annotations

import secrets
import threading
from typing import Any

import gradio as gr

from rag.errors import CongressChatError
from rag.language import has_words, unsupported_language
from web import render
from web.service import ChatService
from web.texts import LANGUAGES, language_from_header, text


STORAGE_KEY = "congress-chat-conversation"  # the browser's localStorage key of the kept conversation
KEPT_MESSAGES = 40  # the last messages kept in the browser (20 questions and answers): a few hundred KB at most
_RECORD_KEYS = frozenset({"question", "history", "answer", "refused", "citations", "language", "ui_language"})


def kept_conversation(language: str, chat: list, turns: list, answers: dict) -> dict[str, Any]:
    """What the browser keeps of a conversation: the language, the last `KEPT_MESSAGES` chat messages,
    the questions asked (for follow-ups) and what feedback on each kept answer will store (its keys
    shifted with the messages left out)."""
    dropped = max(0, len(chat) - KEPT_MESSAGES)
    kept = {str(int(key) - dropped): record for key, record in answers.items() if key.isdigit() and int(key) >= dropped}
    return {"language": language, "chat": list(chat[dropped:]), "turns": list(turns[-KEPT_MESSAGES // 2:]), "answers": kept}


def continued(chat: list, turns: list, answers: dict, saved: Any) -> tuple[list, list, dict]:
    """The conversation to continue: this server's (`gr.State`, per session) when it holds one, else
    the one the browser kept (`saved`, checked by `restored_conversation`): after a replica dies, the
    proxy sends the session to another one, which never saw it."""
    if chat or turns or answers:
        return chat, turns, answers
    _, chat, turns, answers = restored_conversation(saved)
    return chat, turns, answers


def restored_conversation(saved: Any) -> tuple[str | None, list, list, dict]:
    """(language, chat, turns, answers) from what the browser kept (`kept_conversation`), anything
    malformed left out: it comes from the browser, like any input. Messages are shown with Gradio's
    sanitiser on, and feedback records keep only the fields the feedback store takes."""
    saved = saved if isinstance(saved, dict) else {}
    language = saved.get("language") if saved.get("language") in LANGUAGES else None
    chat = [{"role": m["role"], "content": m["content"]} for m in saved.get("chat") or []
            if isinstance(m, dict) and m.get("role") in ("user", "assistant") and isinstance(m.get("content"), str)]
    if len(chat) != len(saved.get("chat") or []):
        chat = []  # a message missing would shift the feedback records onto other answers
    turns = [turn for turn in saved.get("turns") or [] if isinstance(turn, str)]
    answers = {key: record for key, record in (saved.get("answers") or {}).items()
               if isinstance(key, str) and key.isdigit() and int(key) < len(chat) and isinstance(record, dict)
               and set(record) == _RECORD_KEYS} if isinstance(saved.get("answers"), dict) else {}
    return language, chat, turns[-KEPT_MESSAGES // 2:], answers


class _Examples:
    """Example questions per language, computed once (each is asked to be sure it is answered)."""

    def __init__(self, service: ChatService) -> None:
        self.service = service
        self._cache: dict[str, list[str]] = {}
        self._lock = threading.Lock()

    def of(self, language: str) -> list[str]:
        from rag.examples import example_questions

        with self._lock:
            if language not in self._cache:
                self._cache[language] = example_questions(self.service.assistant, language)
            return self._cache[language]


def attendee_page(service: ChatService) -> gr.Blocks:
    examples = _Examples(service)

    def chatbot_examples(language: str) -> list[dict[str, str]]:
        return [{"text": render.isolated_plain(question)} for question in examples.of(language)]

    def respond(question: str, chat: list, turns: list, answers: dict, language: str, saved: Any = None):
        """Streams the answer into the chat; `turns` are the conversation's questions (for follow-ups),
        `answers` maps a chat message index to what feedback will store; `saved` is what the browser
        kept (`kept`), continued from when this server holds no conversation for the session."""
        chat, turns, answers = continued(chat, turns, answers, saved)
        question = render.without_isolates(question).strip()  # an example's text comes with bidi isolates
        assistant = service.assistant
        if not question:
            example = (examples.of(language) or ["…"])[0]
            yield gr.update(), chat, turns, answers, gr.update(), gr.update(value=render.plain_message(text(language, "hint", example=example)), visible=True), gr.update()
            return
        if len(question) > service.settings.max_question_chars:
            message = text(language, "too_long", n=len(question), limit=service.settings.max_question_chars)
            yield gr.update(), chat, turns, answers, gr.update(), gr.update(value=render.plain_message(message), visible=True), gr.update()
            return
        asked = render.without_markup(question)  # markup is shown as typed, but the question asked is its text
        if not has_words(asked):  # nothing left, or only signs ("?????", emoji): the empty question's hint
            example = (examples.of(language) or ["…"])[0]
            yield gr.update(), chat, turns, answers, gr.update(), gr.update(value=render.plain_message(text(language, "hint", example=example)), visible=True), gr.update()
            return
        turn = secrets.token_hex(4)  # the answer's card ids (cc-<turn>-<n>): unique even beside a conversation kept from before
        chat = [*chat, {"role": "user", "content": render.question_html(question)}, {"role": "assistant", "content": "…"}]
        if unsupported_language(asked):
            chat[-1] = {"role": "assistant", "content": render.plain_message(text(language, "unsupported_language"))}
            yield chat, chat, turns, answers, "", "", kept_conversation(language, chat, turns, answers)
            return
        streaming = assistant.streams_tokens  # an extractive answer comes at once: one update, not three
        if streaming:
            yield chat, chat, turns, answers, "", "", gr.update()
        streamed = ""
        try:
            for piece in service.ask_stream(asked, turns, language=language):  # the interface's: when the question's is unclear; logged
                if isinstance(piece, str):
                    if not streaming:
                        continue
                    streamed += piece
                    chat[-1] = {"role": "assistant", "content": render.plain_message(streamed)}
                    yield chat, chat, turns, answers, gr.update(), gr.update(), gr.update()
                    continue
                links = _session_links(service, piece)
                chat[-1] = {"role": "assistant", "content": render.answer_html(piece, turn, language, service.document_dates(), links)}
                answers = {**answers, str(len(chat) - 1): _feedback_record(piece, turns, language)}
                turns = [*turns, asked]
                yield chat, chat, turns, answers, "", "", kept_conversation(language, chat, turns, answers)
        except CongressChatError as error:
            chat[-1] = {"role": "assistant", "content": render.plain_message(str(error))}
            yield chat, chat, turns, answers, "", "", kept_conversation(language, chat, turns, answers)

    def respond_at_once(question: str, chat: list, turns: list, answers: dict, language: str, saved: Any = None):
        """`respond` when the assistant answers at once (extractive): its one update, returned, so
        Gradio sends it without its streaming machinery (a second call to end the generator, diffs
        of the outputs, hashes of the states): a few milliseconds of CPU per question under load."""
        *_, last = respond(question, chat, turns, answers, language, saved)
        return last

    def on_feedback(answers: dict, language: str, saved: Any, data: gr.LikeData):
        answers = answers or continued([], [], {}, saved)[2]  # an answer another replica gave, before it died
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        record = answers.get(str(index))
        if record is None:
            return gr.update(visible=False), None, gr.update()
        feedback_id = service.feedback.record(rating=1 if data.liked else -1, **record)
        if not data.liked:  # the thanks come once the comment is sent (or skipped with an empty one)
            return gr.update(visible=True), feedback_id, gr.update(value="", visible=False)
        return gr.update(visible=False), feedback_id, gr.update(value=render.plain_message(text(language, "thanks")), visible=True)

    def on_comment(comment: str, feedback_id: str | None, language: str):
        if feedback_id is not None and (comment or "").strip():
            service.feedback.update_comment(feedback_id, comment)
        return gr.update(visible=False), "", gr.update(value=render.plain_message(text(language, "thanks")), visible=True)

    def new_conversation(language: str):
        return [], [], [], {}, gr.update(visible=False), gr.update(value="", visible=False), "", kept_conversation(language, [], [], {})

    def remember_language(language: str, chat: list, turns: list, answers: dict):
        """The language an attendee chose, kept in the browser with the conversation."""
        return kept_conversation(language, chat, turns, answers)

    def restore(saved: Any, request: gr.Request):
        """The page as the browser left it: its conversation and language (else the browser's language)."""
        language, chat, turns, answers = restored_conversation(saved)
        return language or guess_language(request), chat, chat, turns, answers

    def apply_language(language: str):
        rtl = language == "ar"
        return (
            gr.update(value=_header(language)),
            gr.update(placeholder=text(language, "placeholder"), rtl=rtl),
            gr.update(value=text(language, "send")),
            gr.update(value=text(language, "new")),
            gr.update(examples=chatbot_examples(language), placeholder=text(language, "empty"), rtl=rtl),
            gr.update(label=text(language, "comment"), rtl=rtl),
            gr.update(value=text(language, "comment_send")),
            gr.update(label=text(language, "chat_tab")),
            gr.update(label=text(language, "programme_tab")),
            *programme_filters(language),
            programme_html(language, "", "", "", "", ""),
        )

    def programme_filters(language: str):
        programmes = service.programmes
        days = sorted({s.day for p in programmes for s in p.sessions if s.day})
        rooms = sorted({s.room for p in programmes for s in p.sessions if s.room})
        tracks = sorted({s.track for p in programmes for s in p.sessions if s.track})
        people = sorted({person.name for p in programmes for s in p.sessions for person in s.people}, key=render.surname_key)
        every = (text(language, "all"), "")
        from rag.programme.timewords import format_day

        return (
            # A filter with nothing to choose (seed programmes without times or rooms) is hidden.
            gr.update(choices=[every, *((format_day(d, language), d.isoformat()) for d in days)], value="", label=text(language, "filter_day"), visible=bool(days)),
            gr.update(choices=[every, *((r, r) for r in rooms)], value="", label=text(language, "filter_room"), visible=bool(rooms)),
            gr.update(choices=[every, *((t, t) for t in tracks)], value="", label=text(language, "filter_track"), visible=bool(tracks)),
            gr.update(choices=[every, *((n, n) for n in people)], value="", label=text(language, "filter_speaker"), visible=bool(people)),
            gr.update(value="", label=text(language, "filter_text")),
        )

    def programme_html(language: str, day: str, room: str, track: str, speaker: str, query: str) -> str:
        return render.programme_table(service.programmes, language, service.congress_dates, day=day or "", room=room or "",
                                      track=track or "", speaker=speaker or "", query=query or "")

    def example_text(data: gr.SelectData) -> str:
        return data.value["text"] if isinstance(data.value, dict) else str(data.value)

    def guess_language(request: gr.Request) -> str:
        return language_from_header(request.headers.get("accept-language") if request else None)

    with gr.Blocks(title="congress-chat", analytics_enabled=False) as page:
        messages = gr.State([])  # the chat, kept on the server: questions do not send it back
        turns = gr.State([])
        answers = gr.State({})
        feedback_id = gr.State(None)
        # Kept in the browser's localStorage: a reload brings the conversation and the language back. Written
        # when they change (an answer, "Nouvelle conversation", the language switch), read at load, and sent
        # with each question and thumb for a replica that never saw this session (`continued`).
        kept = gr.BrowserState({}, storage_key=STORAGE_KEY, secret=STORAGE_KEY)
        with gr.Row(elem_id="cc-header", equal_height=False):
            header = gr.HTML(_header("fr"), elem_id="cc-title")
            language = gr.Radio(choices=[(label, code) for code, label in LANGUAGES.items()], value="fr", show_label=False,
                                elem_id="cc-language", container=False)
        with gr.Tabs():
            with gr.Tab(text("fr", "chat_tab"), id="chat") as chat_tab:
                chatbot = gr.Chatbot(
                    value=[], elem_id="cc-chat", height="62vh", render_markdown=False, sanitize_html=True,
                    feedback_options=("Like", "Dislike"), placeholder=text("fr", "empty"), show_label=False,
                    autoscroll=False, group_consecutive_messages=False, buttons=["copy"],
                )
                # Hints and thanks; an answer empties it (a value, not an update of the component's
                # visibility, which Gradio re-renders the component's configuration for) and CSS hides it empty.
                status = gr.HTML(visible=False, elem_id="cc-status")
                with gr.Row(visible=False, elem_id="cc-comment-row") as comment_row:
                    comment = gr.Textbox(label=text("fr", "comment"), lines=2, max_lines=6, scale=5, elem_id="cc-comment")
                    comment_send = gr.Button(text("fr", "comment_send"), scale=1, elem_id="cc-comment-send")
                with gr.Row(elem_id="cc-ask"):
                    question = gr.Textbox(placeholder=text("fr", "placeholder"), show_label=False, lines=1, max_lines=4,
                                          scale=5, elem_id="cc-question", autofocus=True, container=False)
                    send = gr.Button(text("fr", "send"), variant="primary", scale=1, min_width=80, elem_id="cc-send")
                new = gr.Button(text("fr", "new"), variant="secondary", size="sm", elem_id="cc-new")
            with gr.Tab(text("fr", "programme_tab"), id="programme") as programme_tab:
                with gr.Row():
                    day = gr.Dropdown(choices=[(text("fr", "all"), "")], value="", elem_id="cc-filter-day", min_width=140)
                    room = gr.Dropdown(choices=[(text("fr", "all"), "")], value="", elem_id="cc-filter-room", min_width=140)
                    track = gr.Dropdown(choices=[(text("fr", "all"), "")], value="", elem_id="cc-filter-track", min_width=140)
                    speaker = gr.Dropdown(choices=[(text("fr", "all"), "")], value="", elem_id="cc-filter-speaker", min_width=140,
                                          filterable=True)  # type a name to narrow the list
                    query = gr.Textbox(elem_id="cc-filter-text", min_width=140)
                table = gr.HTML(elem_id="cc-programme")

        outputs = [chatbot, messages, turns, answers, question, status, kept]
        inputs = [question, messages, turns, answers, language, kept]  # `kept`: for a replica that never saw this session
        internal = {"api_visibility": "undocumented"}  # what the page calls; only `respond` is described at /gradio_api/info
        answer = respond if service.assistant.streams_tokens else respond_at_once  # a rebuild keeps the chat model
        question.submit(answer, inputs, outputs, api_name="respond", concurrency_limit="default", show_progress="hidden")
        send.click(answer, inputs, outputs, concurrency_limit="default", show_progress="hidden", **internal)
        chatbot.example_select(example_text, None, question, **internal).then(answer, inputs, outputs, show_progress="hidden", **internal)
        chatbot.like(on_feedback, [answers, language, kept], [comment_row, feedback_id, status], **internal)
        comment_send.click(on_comment, [comment, feedback_id, language], [comment_row, comment, status], **internal)
        conversation = [chatbot, messages, turns, answers, comment_row, status, question, kept]
        new.click(new_conversation, language, conversation, **internal)
        chatbot.clear(new_conversation, language, conversation, **internal)
        translated = [header, question, send, new, chatbot, comment, comment_send, chat_tab, programme_tab, day, room, track, speaker, query, table]
        language.change(apply_language, language, translated, js="(code) => { window.ccSetLanguage?.(code); return code; }", **internal)
        language.input(remember_language, [language, messages, turns, answers], kept, show_progress="hidden", **internal)  # the attendee's choice
        filters = [language, day, room, track, speaker, query]
        for control in (day, room, track, speaker, query):
            control.change(programme_html, filters, table, show_progress="hidden", **internal)
        page.load(restore, kept, [language, chatbot, messages, turns, answers], **internal).then(apply_language, language, translated, **internal)
    return page


def question_handler(page: gr.Blocks):
    """The chat's question handler as the page runs it (its `respond` event), for callers without a
    server (the fuzz tests, bench/zoo.py): a function with the extractive answerer, a generator of
    updates with an LLM. Arguments and outputs: those of `respond` in `attendee_page`."""
    return next(block.fn for block in page.fns.values() if block.api_name == "respond")


def _header(language: str) -> str:
    return (f'<div dir="{"rtl" if language == "ar" else "ltr"}"><h1 class="cc-h1">{render.escape(text(language, "title"))}</h1>'
            f'<p class="cc-sub">{render.escape(text(language, "subtitle"))}</p></div>')


def _session_links(service: ChatService, answer) -> dict[int, str]:
    """Citation n → the programme row of the session it cites (for programme passages)."""
    links = {}
    for citation in answer.citations:
        programme = service.programme(citation.doc_id)
        if programme is None:
            continue
        for session_id, (start, end) in programme.spans.items():
            if start <= citation.sentence_start < end:
                links[citation.n] = f"/programme#{render.session_anchor(citation.doc_id, session_id)}"
                break
    return links


def _feedback_record(answer, turns: list[str], language: str) -> dict[str, Any]:
    return {
        "question": answer.question,
        "history": list(turns),
        "answer": answer.answer,
        "refused": answer.refused,
        "citations": [{"n": c.n, "doc_id": c.doc_id, "title": c.title, "section": c.section, "text": c.text} for c in answer.citations],
        "language": answer.language,
        "ui_language": language,
    }
