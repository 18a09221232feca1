"""Load on the web chat: N simultaneous conversations of 3 questions each, through Gradio's
queue exactly as browsers reach it (one `gradio_client` session per conversation, follow-ups
carry the conversation), against a server on 127.0.0.1.

    python bench/load.py                      # starts `congress-chat serve` on a free port itself
    python bench/load.py --url http://127.0.0.1:7860/ --conversations 20

Prints errors (target 0) and answer latency p50/p95 as the attendee waits for it (target p95
under 1 s with the extractive answerer), and writes them to bench/out/load.json.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CONVERSATIONS = [
    ("fr", ["Où se tient le congrès de l'OMM ?", "Et quel est son thème ?", "Qui l'organise ?"]),
    ("en", ["Who chairs the Moroccan Society of Radiology?", "What was the congress about?", "Where was it held?"]),
    ("ar", ["أين انعقد الماستر كلاس في الهيموستاز؟", "من نظمه؟", "ما هو موضوعه؟"]),
    ("fr", ["Quand a eu lieu le 23e congrès de radiologie ?", "Combien de jours a-t-il duré ?", "Y a-t-il un parking ?"]),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_server() -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {**os.environ, "CONGRESS_CHAT_PORT": str(port)}
    command = [str(Path(sys.executable).parent / "congress-chat"), "serve"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {server.stderr.read()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server, url
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the server did not start within 5 minutes")


def _conversation(url: str, language: str, questions: list[str], start: threading.Barrier, latencies: list[float], errors: list[str]) -> None:
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
    except Exception as error:  # noqa: BLE001 - a load test counts every failure
        errors.append(f"connect: {type(error).__name__}: {error}")
        start.abort()
        return
    chat: list = []
    try:
        start.wait(timeout=120)
    except threading.BrokenBarrierError:
        pass
    for question in questions:
        began = time.perf_counter()
        try:
            result = client.predict(question, chat, language, api_name="/respond")
            chat = result[0]
            answer = chat[-1]["content"] if chat else None
            if not answer or "cc-answer" not in json.dumps(answer):
                raise RuntimeError(f"no answer in the chat for {question!r}")
            latencies.append(time.perf_counter() - began)
        except Exception as error:  # noqa: BLE001
            errors.append(f"{question!r}: {type(error).__name__}: {error}")
    client.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running server (default: start one on a free port over the shipped corpus)")
    parser.add_argument("--conversations", type=int, default=20)
    args = parser.parse_args()

    server = None
    url = args.url
    if url is None:
        print("starting congress-chat serve…", file=sys.stderr)
        server, url = _start_server()
    try:
        from gradio_client import Client

        warm = Client(url, verbose=False)  # first question warms the models; not counted
        warm.predict("Bonjour, où a lieu le congrès ?", [], "fr", api_name="/respond")
        warm.close()
        latencies: list[float] = []
        errors: list[str] = []
        barrier = threading.Barrier(args.conversations)
        threads = [
            threading.Thread(target=_conversation, args=(url, *CONVERSATIONS[n % len(CONVERSATIONS)], barrier, latencies, errors))
            for n in range(args.conversations)
        ]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    asked = args.conversations * 3
    figures = {
        "conversations": args.conversations, "questions": asked, "answered": len(latencies), "errors": len(errors),
        "p50_ms": round(statistics.median(latencies) * 1000) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95) * 1000) if latencies else None,
        "max_ms": round(max(latencies) * 1000) if latencies else None,
        "wall_s": round(wall, 2), "questions_per_s": round(len(latencies) / wall, 1) if wall else None,
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
    }
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "load.json").write_text(json.dumps({**figures, "error_messages": errors[:20]}, indent=1), encoding="utf-8")
    print(f"{args.conversations} conversations × 3 questions against {url}")
    for key, value in figures.items():
        print(f"  {key:16} {value}")
    for message in errors[:10]:
        print(f"  error: {message}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
