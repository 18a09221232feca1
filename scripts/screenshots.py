"""The README's pictures, taken from the running app: the chat on a phone in French and in Arabic
(an answer with its cited cards), the Programme tab, and the evaluation report of the shipped set.

    .venv/bin/python scripts/screenshots.py              # writes docs/images/*.png
    .venv/bin/python scripts/screenshots.py --no-eval    # the three app pictures only

An index of `corpus/` is built in a temporary data dir (never `.congress-chat/`), the app
(`web.app.create_app`) is served by uvicorn in a thread on a free loopback port, as the browser
tests do, and Debian's Chromium is driven by Playwright with the tests' flags. Each picture is
taken at device scale 1 and saved as a 256-colour PNG, so that it stays small (~150 KB at most).
"""

from __future__ import annotations

import argparse
import io
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 860}
REPORT_HEIGHT = 690  # the report's top: its summary, by language and by kind
MAX_BYTES = 150_000
SCROLL_TO_ANSWER = """answer => {
  const log = answer.closest('.bubble-wrap');
  const top = answer.getBoundingClientRect().top - log.getBoundingClientRect().top + log.scrollTop;
  log.scrollTop = Math.min(top - 8, log.scrollHeight - log.clientHeight);
  log.dispatchEvent(new Event('scroll'));
}"""

# Questions the shipped corpus answers (the README's "Try it" block asks them from the terminal).
QUESTIONS = {
    "fr": ("fr-FR", "Quand a lieu le congrès de l'OMM ?"),
    "ar": ("ar-MA", "أين انعقد المؤتمر الوطني للأشعة؟"),
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(settings):
    """The app over the index of `settings`, served in a daemon thread; returns (url, server, thread)."""
    import uvicorn

    from rag.assistant import Assistant
    from web.app import create_app

    app = create_app(Assistant(settings), settings)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline:
            raise SystemExit("the web server did not start within 60 s")
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server, thread


def save_small(png: bytes, path: Path, height: int | None = None) -> int:
    """`png` (its top `height` pixels if given) as a 256-colour PNG at `path`; returns its size in bytes."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    if height is not None:
        image = image.crop((0, 0, image.width, min(height, image.height)))
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)
    return path.stat().st_size


def chat_on_a_phone(browser, url: str, language: str, out: Path) -> Path:
    """One question asked in a phone browser of `language`: its answer and the folded card it cites."""
    locale, question = QUESTIONS[language]
    context = browser.new_context(viewport=PHONE, locale=locale, device_scale_factor=1)
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_function("lang => document.documentElement.lang === lang", arg=language, timeout=15_000)
        page.locator("#cc-chat button.example").first.wait_for(timeout=20_000)
        page.locator("#cc-question textarea").fill(question)
        page.locator("#cc-send").click()
        page.locator(".cc-answer").first.wait_for(timeout=60_000)
        page.wait_for_timeout(400)  # the app scrolls the question and the answer's start into view on the next frame
        page.locator("#cc-question textarea").evaluate("e => e.blur()")
        # On a 390 px phone the question, the answer and its folded source card do not all fit in the chat's
        # box: scroll the box (as the attendee would) to the answer's first line, so its card shows under it.
        page.locator(".cc-answer").last.evaluate(SCROLL_TO_ANSWER)
        page.wait_for_timeout(300)
        path = out / f"chat-phone-{language}.png"
        save_small(page.screenshot(), path)
        return path
    finally:
        context.close()


def programme_tab(browser, url: str, out: Path) -> Path:
    """The Programme tab, in a French browser on a laptop-sized screen."""
    context = browser.new_context(viewport=LAPTOP, locale="fr-FR", device_scale_factor=1)
    page = context.new_page()
    try:
        page.goto(url)
        page.locator("#cc-chat button.example").first.wait_for(timeout=20_000)
        page.get_by_role("tab").nth(1).click()
        page.locator("#cc-programme table").first.wait_for(timeout=15_000)
        page.wait_for_timeout(300)
        path = out / "programme-tab.png"
        save_small(page.screenshot(), path)
        return path
    finally:
        context.close()


def evaluation_report(browser, data_dir: Path, work: Path, out: Path) -> Path:
    """`congress-chat eval eval/sets/shipped.jsonl` over the same index, and the top of its report.html."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("CONGRESS_CHAT_")}
    env["CONGRESS_CHAT_DATA_DIR"] = str(data_dir)
    command = [str(Path(sys.executable).parent / "congress-chat"), "eval", "eval/sets/shipped.jsonl", "--out", str(work / "eval")]
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if run.returncode not in (0, 3):
        raise SystemExit(f"congress-chat eval failed (exit status {run.returncode}):\n{run.stderr[-2000:]}")
    context = browser.new_context(viewport=LAPTOP, device_scale_factor=1)
    page = context.new_page()
    try:
        page.goto((work / "eval" / "report.html").as_uri())
        page.wait_for_load_state()
        path = out / "eval-report.png"
        save_small(page.screenshot(full_page=True), path, height=REPORT_HEIGHT)  # full page: its tables overflow to the right
        return path
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images", help="folder of the pictures (docs/images)")
    parser.add_argument("--no-eval", action="store_true", help="skip the evaluation report's picture")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"error: {CHROMIUM} is missing (Debian's chromium: make test installs it)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    from rag.ingest import ingest
    from rag.settings import Settings

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="congress-chat-screenshots-") as tmp:
        work = Path(tmp)
        settings = Settings(corpus_dir=ROOT / "corpus", data_dir=work / "data", index_dir=None, uploads_dir=None)
        print("indexing corpus/ …", file=sys.stderr)
        ingest(settings)
        url, server, thread = start_server(settings)
        written: list[Path] = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                try:
                    written += [chat_on_a_phone(browser, url, language, args.out) for language in QUESTIONS]
                    written.append(programme_tab(browser, url, args.out))
                    if not args.no_eval:
                        print("evaluating eval/sets/shipped.jsonl …", file=sys.stderr)
                        written.append(evaluation_report(browser, settings.data_dir, work, args.out))
                finally:
                    browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    for path in written:
        size = path.stat().st_size
        note = "" if size <= MAX_BYTES else f"  (over {MAX_BYTES // 1000} KB)"
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {size // 1024} KB{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
