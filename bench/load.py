"""Load on the web chat: N simultaneous conversations of 3 questions each, through Gradio's
queue with the protocol browsers use (join the queue, read the event stream; one session
per conversation, follow-ups carry the conversation), against a server on 127.0.0.1. The
client is plain httpx, light enough that the figures are the server's on a 2-core machine.

    python bench/load.py                      # starts `congress-chat serve` on a free port itself
    python bench/load.py --url http://127.0.0.1:7860/ --conversations 20
    python bench/load.py --conversations 2 --index DIR --out /tmp/load   # a quick run (the smoke test's)
    python bench/load.py --replicas 2 --conversations 20   # two replicas behind nginx (deploy/nginx.conf),
                                          # with PostgreSQL and a Chroma server, as tests/test_replicas.py runs them
    python bench/load.py --url http://proxy/ --pid 1234 --pid 5678   # a running deployment; CPU of these processes

Prints errors (target 0), answer latency p50/p95 as the attendee waits for it (target p95 under 1 s
with the extractive answerer), questions answered per second (and that rate again under
`questions_per_s_at_p95_le_1s` when p95 ≤ 1 s: raise --conversations until it is empty to find the
most a deployment answers in time) and the CPU each server process used, and writes them to
bench/out/load.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]

# Twenty conversations, every question worded differently: the server keeps the vectors of texts
# it has encoded (an attendee's earlier questions, popular phrasings), and a benchmark that asks
# the same strings again would measure that cache rather than the attendees who each type their own.
CONVERSATIONS = [
    ("fr", ["Où se tient le congrès de l'OMM ?", "Et quel est son thème ?", "Qui l'organise ?"]),
    ("en", ["Who chairs the Moroccan Society of Radiology?", "What was the congress about?", "Where was it held?"]),
    ("ar", ["أين انعقد الماستر كلاس في الهيموستاز؟", "من نظمه؟", "ما هو موضوعه؟"]),
    ("fr", ["Quand a eu lieu le 23e congrès de radiologie ?", "Combien de jours a-t-il duré ?", "Y a-t-il un parking ?"]),
    ("fr", ["Quelles sont les dates du congrès d'oncologie médicale à Marrakech ?", "C'est quelle édition ?", "Qui en est le président ?"]),
    ("en", ["When is the oncology congress in Marrakech?", "Which association organises it?", "What innovations will it cover?"]),
    ("ar", ["متى ينعقد مؤتمر الأشعة في مراكش؟", "من هي الجهة المنظمة؟", "ما دور الذكاء الاصطناعي فيه؟"]),
    ("fr", ["Qui organise la Master Class en Hémostase ?", "Elle a eu lieu dans quelle ville ?", "Quels troubles ont été abordés ?"]),
    ("en", ["Which city hosted the hemostasis master class?", "Who was its partner foundation?", "Which diseases did the experts discuss?"]),
    ("fr", ["Quel rôle l'intelligence artificielle joue-t-elle en radiologie selon le congrès ?", "Avec quelle société française ?", "Combien de participants ?"]),
    ("ar", ["ما هو شعار مؤتمر جمعية الأنكولوجيا الطبية؟", "في أي مدينة؟", "ومتى بالضبط؟"]),
    ("en", ["What is the theme of the OMM annual congress?", "Is immunotherapy on the programme?", "And genomic sequencing?"]),
    ("fr", ["Le congrès de radiologie parle-t-il du cancer ?", "Qui étaient les intervenants ?", "Où exactement à Marrakech ?"]),
    ("ar", ["من شارك في لقاء أمراض الدم والتخثر بالدار البيضاء؟", "ما هي التوصيات؟", "هل حضر خبراء دوليون؟"]),
    ("en", ["Tell me about the national radiology congress of June 2025.", "Who partnered with the Moroccan society?", "How long did it last?"]),
    ("fr", ["Quels défis des troubles de la coagulation ont été soulignés ?", "Et les thromboses ?", "Quelle faculté était derrière cette rencontre ?"]),
    ("en", ["Does the master class mention hemorrhages?", "What did the speakers call for?", "When was the article published?"]),
    ("ar", ["ما هي المواضيع التي سيناقشها مؤتمر الأطباء الخواص في علاج السرطان؟", "ومن ينظمه؟", "كم يوما يدوم؟"]),
    ("fr", ["Je cherche la date du congrès de l'Association Marocaine d'Oncologie Médicale", "Sur quels traitements met-il l'accent ?", "Les inhibiteurs des CDK 4/6 sont-ils au programme ?"]),
    ("en", ["Who are the radiology congress's organisers?", "Did they discuss AI risks?", "Which patients benefit?"]),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_server(options: tuple[str, ...] = ()) -> tuple[subprocess.Popen, str]:
    """`congress-chat serve` on a free port, with `options` (--corpus, --index, --embedder)."""
    port = _free_port()
    env = {**os.environ, "CONGRESS_CHAT_PORT": str(port)}
    command = [str(Path(sys.executable).parent / "congress-chat"), "serve", *options]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {server.stderr.read()[-2000:]}")
        try:  # the port opens at once; /readyz says 200 once the chat answers (web.health)
            if httpx.get(url + "readyz", timeout=1).status_code == 200:
                return server, url
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    server.kill()
    raise SystemExit("the server did not start within 5 minutes")


def respond_event(url: str) -> int:
    """The queue index of the chat's `respond` event, from the page's config."""
    config = httpx.get(url.rstrip("/") + "/config", timeout=30).json()
    return next(i for i, d in enumerate(config["dependencies"]) if d.get("api_name") == "respond")


def like_event(url: str) -> int:
    """The queue index of the chat's thumbs up / down event, from the page's config."""
    config = httpx.get(url.rstrip("/") + "/config", timeout=30).json()
    return next(i for i, d in enumerate(config["dependencies"]) if any(target[1] == "like" for target in d.get("targets", [])))


def page_load_events(url: str) -> tuple[int, int]:
    """The queue indexes of what a browser runs when it opens the page: the load event (the
    conversation and language the browser kept, else the browser's language) and the event chained
    after it (the page in that language)."""
    dependencies = httpx.get(url.rstrip("/") + "/config", timeout=30).json()["dependencies"]
    load = next(i for i, d in enumerate(dependencies) if any(target[1] == "load" for target in d.get("targets", [])))
    then = next(i for i, d in enumerate(dependencies) if d.get("trigger_after") == load)
    return load, then


def ask_through_queue(client: httpx.Client, url: str, fn_index: int, session: str, data: list,
                      heard: list[str] | None = None, event_data: dict | None = None) -> list:
    """One event through Gradio's queue (sse_v3): join, then read the stream until completion.
    `heard`, when given, gets the kind of each message of the stream ("estimation", …) as it comes;
    `event_data` is what the browser sends with the event (a thumb's {"index", "value", "liked"})."""
    from gradio_client.utils import apply_diff

    base = url.rstrip("/") + "/gradio_api/queue"
    joined = client.post(f"{base}/join", json={"data": data, "fn_index": fn_index, "session_hash": session, "event_data": event_data, "trigger_id": None})
    joined.raise_for_status()
    output = None
    with client.stream("GET", f"{base}/data", params={"session_hash": session}) as stream:
        for line in stream.iter_lines():
            if not line.startswith("data:"):
                continue
            message = json.loads(line[5:])
            kind = message.get("msg")
            if heard is not None:
                heard.append(kind)
            if kind in ("process_generating", "process_completed"):
                if not message.get("success", True):
                    raise RuntimeError(message.get("output", {}).get("error") or "the event failed")
                payload = message.get("output", {}).get("data")
                if payload is not None:
                    output = payload if output is None else [apply_diff(old, new) if isinstance(new, list) and new and isinstance(new[0], list) else new
                                                            for old, new in zip(output, payload)]
                if kind == "process_completed":
                    return output
            elif kind == "unexpected_error":
                raise RuntimeError(message.get("message", "unexpected error"))
    raise RuntimeError("the event stream ended before the answer")


def _conversation(url: str, fn_index: int, page_events: tuple[int, int], language: str, questions: list[str],
                  start: threading.Barrier, latencies: list[float], errors: list[str]) -> None:
    session = uuid.uuid4().hex[:11]
    chat: list = []
    with httpx.Client(timeout=60, cookies={"cc_replica": session}) as client:  # behind deploy/nginx.conf: the sticky cookie
        try:
            # The attendee opens the page (its load events make the session, as a browser's do),
            # reads it and types: the questions come after every page is open.
            load, then = page_events
            ask_through_queue(client, url, load, session, [None])  # what the browser kept of an earlier visit: nothing
            ask_through_queue(client, url, then, session, [language])
        except Exception as error:  # noqa: BLE001
            errors.append(f"opening the page: {type(error).__name__}: {error}")
        try:
            start.wait(timeout=120)
        except threading.BrokenBarrierError:
            pass
        for question in questions:
            began = time.perf_counter()
            try:
                output = ask_through_queue(client, url, fn_index, session, [question, None, None, None, language, None])
                chat = output[0]
                if not chat or "cc-answer" not in json.dumps(chat[-1]):
                    raise RuntimeError(f"no answer in the chat for {question!r}")
                latencies.append(time.perf_counter() - began)
            except Exception as error:  # noqa: BLE001 - a load test counts every failure
                errors.append(f"{question!r}: {type(error).__name__}: {error}")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux), to tell server cost from client cost."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running server (default: start one on a free port over the shipped corpus)")
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--corpus", help="the started server's corpus folder (default: the settings', the shipped corpus)")
    parser.add_argument("--index", help="the started server's index folder (default: the settings')")
    parser.add_argument("--embedder", help="the started server's encoder (default: the settings')")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="where load.json goes")
    parser.add_argument("--replicas", type=int, default=1, help="2 or more: start that many replicas behind nginx, with PostgreSQL "
                        "and a Chroma server (tests/servers.py; the index is built by the first replica)")
    parser.add_argument("--pid", type=int, action="append", default=[], help="with --url: a server process whose CPU to report")
    args = parser.parse_args(argv)

    with contextlib.ExitStack() as stack:
        url, pids = args.url, {f"pid-{pid}": pid for pid in args.pid}
        if url is None and args.replicas > 1:
            print(f"starting PostgreSQL, a Chroma server, {args.replicas} replicas and nginx…", file=sys.stderr)
            url, pids = stack.enter_context(_topology(args.replicas, args.corpus, args.embedder))
        elif url is None:
            print("starting congress-chat serve…", file=sys.stderr)
            options = tuple(f"--{name}={value}" for name, value in (("corpus", args.corpus), ("index", args.index), ("embedder", args.embedder)) if value)
            server, url = _start_server(options)
            stack.callback(lambda: (server.terminate(), server.wait(timeout=30)))
            pids = {"server": server.pid}
        return _measure(args, url, pids)


@contextlib.contextmanager
def _topology(replicas: int, corpus: str | None, embedder: str | None):
    """PostgreSQL, a Chroma server, `replicas` × `congress-chat serve` over one data folder and nginx
    with deploy/nginx.conf, all on loopback (the helpers tests/test_replicas.py uses); (proxy URL, pids)."""
    import tempfile

    sys.path.insert(0, str(ROOT / "tests"))
    from servers import chroma_server, nginx_proxy, postgres_server, start_replica, stop_all, watch_start

    root = Path(tempfile.mkdtemp(prefix="congress-chat-load-"))
    with postgres_server() as database, chroma_server(root / "chroma") as chroma_url:
        env = {key: value for key, value in os.environ.items() if not key.startswith("CONGRESS_CHAT_")}
        env.update(CONGRESS_CHAT_DATA_DIR=str(root / "data"), CONGRESS_CHAT_CORPUS_DIR=corpus or str(ROOT / "corpus"),
                   CONGRESS_CHAT_CHROMA_URL=chroma_url, CONGRESS_CHAT_DATABASE_URL=database.url, CONGRESS_CHAT_LOG_FORMAT="json")
        if embedder:
            env["CONGRESS_CHAT_EMBEDDER"] = embedder
        command = [str(Path(sys.executable).parent / "congress-chat")]
        started = [start_replica(command, chr(ord("a") + n), root, env, ROOT) for n in range(replicas)]
        try:
            running = watch_start(started, timeout=600)
            upstreams = [replica.url.removeprefix("http://").rstrip("/") for replica in running]
            with nginx_proxy(ROOT / "deploy" / "nginx.conf", upstreams) as proxy:
                yield proxy, {f"replica-{replica.name}": replica.process.pid for replica in running}
        finally:
            stop_all([process for _, _, process, _ in started])


def _measure(args: argparse.Namespace, url: str, pids: dict[str, int]) -> int:
    fn_index, page_events = respond_event(url), page_load_events(url)
    for n in range(2 * max(1, len(pids))):  # the first questions warm the models (each replica's, most likely); not counted
        with httpx.Client(timeout=60, cookies={"cc_replica": f"warm-{n}"}) as warm:
            ask_through_queue(warm, url, fn_index, uuid.uuid4().hex[:11], ["Bonjour, où a lieu le congrès ?", None, None, None, "fr", None])
    latencies: list[float] = []
    errors: list[str] = []
    at_start: dict[str, float] = {}

    def questions_begin() -> None:  # every page is open: the server's CPU and the wall clock count from here
        at_start["wall"] = time.perf_counter()
        at_start["client_cpu"] = time.process_time()
        at_start.update({name: _cpu_seconds(pid) for name, pid in pids.items()})

    barrier = threading.Barrier(args.conversations, action=questions_begin)
    threads = [
        threading.Thread(target=_conversation, args=(url, fn_index, page_events, *CONVERSATIONS[n % len(CONVERSATIONS)], barrier, latencies, errors))
        for n in range(args.conversations)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - at_start.get("wall", time.perf_counter())
    client_cpu = time.process_time() - at_start.get("client_cpu", time.process_time())
    server_cpu = {name: _cpu_seconds(pid) - at_start[name] for name, pid in pids.items() if name in at_start}
    asked = args.conversations * 3
    figures = {
        "conversations": args.conversations, "questions": asked, "answered": len(latencies), "errors": len(errors),
        "p50_ms": round(statistics.median(latencies) * 1000) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95) * 1000) if latencies else None,
        "max_ms": round(max(latencies) * 1000) if latencies else None,
        "wall_s": round(wall, 2), "questions_per_s": round(len(latencies) / wall, 1) if wall else None,
        "questions_per_s_at_p95_le_1s": round(len(latencies) / wall, 1) if wall and latencies and percentile(latencies, 0.95) <= 1 else None,
        "servers": len(pids) or None,
        "server_cpu_ms_per_question": round(sum(server_cpu.values()) * 1000 / max(1, len(latencies))) if server_cpu else None,
        "cpu_s_per_server": {name: round(seconds, 2) for name, seconds in server_cpu.items()} or None,
        # This client runs on the same cores as the server here: what it takes, they lack.
        "client_cpu_ms_per_question": round(client_cpu * 1000 / max(1, len(latencies))),
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
    }
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    (out / "load.json").write_text(json.dumps({**figures, "error_messages": errors[:20]}, indent=1), encoding="utf-8")
    print(f"{args.conversations} conversations × 3 questions against {url}")
    for key, value in figures.items():
        print(f"  {key:28} {value}")
    for message in errors[:10]:
        print(f"  error: {message}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
