"""The web chat (first version) answers in a real browser with a cited passage, and shows
document text as text."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")


def test_rendered_answer_shows_sources_and_never_markup(shipped_assistant):
    import ui

    answer = shipped_assistant.ask("Qui préside la SMR ?")
    message = ui.render_answer(answer)
    assert "Najat Chérif Idrissi El Ganouni" in message and "**[1]" in message
    assert ui.as_text("<script>x</script> ![i](http://e/p.png)") == "&lt;script&gt;x&lt;/script&gt; \\!\\[i\\]\\(http://e/p.png\\)"


def test_user_turns_from_gradio_history():
    import ui

    history = [
        {"role": "user", "content": "Parle-moi de la SMR"},
        {"role": "assistant", "content": "…"},
        {"role": "user", "content": [{"type": "text", "text": "Et son thème ?"}]},
    ]
    assert ui.user_turns(history) == ["Parle-moi de la SMR", "Et son thème ?"]


@pytest.fixture(scope="module")
def server(shipped_assistant):
    import ui

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = ui.create_app(shipped_assistant)
    app.queue().launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, share=False, quiet=True)
    yield f"http://127.0.0.1:{port}"
    app.close()


@pytest.mark.browser
def test_question_in_the_browser_gets_a_cited_answer(server):
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(server)
        box = page.get_by_role("textbox").first
        box.fill("Qui est la présidente de la SMR ?")
        box.press("Enter")
        page.get_by_text("Najat Chérif Idrissi El Ganouni", exact=False).first.wait_for(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "web-chat-answer.png"), full_page=True)
        assert "[1]" in page.content()
        browser.close()
