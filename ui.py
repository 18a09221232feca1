"""The web chat (Gradio), a thin adapter over `rag.assistant.Assistant`.

`create_app(assistant)` builds the page; `render_answer` turns an `Answer` into the
chat message (pure, testable without a server); `launch` serves it.
Run `python ui.py` or `congress-chat serve`.
"""

from __future__ import annotations

import html
import re
from typing import Any

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-!|>~<])")


def as_text(text: str) -> str:
    """Document or user text shown literally: HTML escaped, Markdown neutralised (no links, no images)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))


def render_answer(answer) -> str:
    """The chat message for an `Answer`: the answer, then its numbered sources."""
    notice = f"*{as_text(answer.notice)}*\n\n" if getattr(answer, "notice", None) else ""
    if answer.refused:
        return f"{notice}*{as_text(answer.answer)}*"
    lines = [notice + as_text(answer.answer).replace("\\[", "[").replace("\\]", "]")]
    for citation in answer.citations:
        section = f" — {as_text(citation.section)}" if citation.section else ""
        lines.append(f"\n**[{citation.n}] {as_text(citation.title)}**{section}  \n> {as_text(citation.text)}")
    return "\n".join(lines)


def user_turns(history: list[Any]) -> list[str]:
    """Earlier user questions from Gradio's message history (content is text or a list of blocks)."""
    turns = []
    for message in history or []:
        role = message.get("role") if isinstance(message, dict) else getattr(message, "role", None)
        content = message.get("content") if isinstance(message, dict) else getattr(message, "content", None)
        if role != "user":
            continue
        if isinstance(content, str):
            turns.append(content)
        elif isinstance(content, list):
            turns.extend(block.get("text", "") for block in content if isinstance(block, dict) and block.get("type") == "text")
    return [turn for turn in turns if turn.strip()]


def create_app(assistant):
    import gradio as gr

    from rag.errors import CongressChatError

    def respond(message: str, history: list):
        """Streams the text as it comes (LLM tokens), then the checked answer with its sources."""
        streamed = ""
        try:
            for piece in assistant.ask_stream(message, user_turns(history)):
                if isinstance(piece, str):
                    streamed += piece
                    yield as_text(streamed)
                else:
                    yield render_answer(piece)
        except CongressChatError as error:
            yield as_text(str(error))

    examples = [
        "Quel est le thème du 2e congrès de l'OMM ?",
        "Where was the 23rd radiology congress held?",
        "ما هي المواضيع التي ناقشها مؤتمر الأشعة؟",
    ]
    return gr.ChatInterface(
        respond,
        title="congress-chat",
        description="Posez vos questions sur les congrès — Ask about the congresses — اسألوا عن المؤتمرات",
        examples=examples,
        run_examples_on_click=True,
        concurrency_limit=4,
        api_visibility="private",
    )


def launch(assistant, settings) -> None:
    app = create_app(assistant)
    app.queue(default_concurrency_limit=4).launch(
        server_name=settings.host, server_port=settings.port, share=False, enable_monitoring=False, footer_links=[]
    )


def main() -> None:
    import cli

    raise SystemExit(cli.main(["serve"]))


if __name__ == "__main__":
    main()
