"""Several machines serving one congress, as deploy/compose.yaml runs them, on loopback: a PostgreSQL
cluster, a Chroma server, two `congress-chat serve` replicas over one data folder, and nginx in front
with deploy/nginx.conf (its upstreams and paths replaced: `servers.nginx_config`). Attendees ask through
the proxy over Gradio's queue as the page does, each with the proxy's sticky cookie; one replica is
killed with SIGKILL in the middle of a burst of questions.

Real parts throughout; one topology for the module. Its index of the shipped corpus is in the Chroma
server before the replicas start, as a deployment's is after its first `congress-chat ingest`: built
in this process from the vectors of the session's shipped index (the same texts), so that neither
replica spends half a minute building it. How replicas build an empty shared index, one while the
other waits, is test_shared_index's."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
import uuid
from dataclasses import dataclass, field

import httpx
import pytest

from conftest import CLI, ROOT, SHIPPED_CORPUS, bench_module, make_settings
from servers import (chroma_server, nginx_missing_reason, nginx_proxy, postgres_missing_reason, postgres_server, start_replica,
                     stop_all, watch_start)

FIRST = "Où a eu lieu la Master Class en Hémostase ?"
DURING = "Quels troubles ont été abordés ?"
FOLLOW_UP = "Et qui l'organise ?"
OTHERS = ["Où se tient le congrès de l'OMM ?", "Qui préside la Société Marocaine de Radiologie ?",
          "Quand a eu lieu le 23e congrès de radiologie ?", "Quel est le thème du congrès de l'OMM ?"]


def organiser_of(name: str) -> str:
    """The `organiser:` of a shipped corpus document, as its front matter says."""
    for line in (SHIPPED_CORPUS / name).read_text(encoding="utf-8").splitlines():
        if line.startswith("organiser:"):
            return line.split(":", 1)[1].strip().strip('"')
    raise AssertionError(f"{name} names no organiser")


@dataclass
class Attendee:
    """One browser behind the proxy: its sticky cookie, Gradio session and what its localStorage keeps."""

    proxy: str
    cookie: str = field(default_factory=lambda: uuid.uuid4().hex)
    session: str = field(default_factory=lambda: uuid.uuid4().hex[:11])
    kept: dict = field(default_factory=dict)
    chat: list = field(default_factory=list)

    def client(self) -> httpx.Client:
        return httpx.Client(timeout=60, cookies={"cc_replica": self.cookie})

    def replica(self) -> str:
        with self.client() as client:
            return client.get(self.proxy + "readyz").json()["replica"]

    def ask(self, question: str) -> str:
        load = bench_module("load")
        with self.client() as client:
            output = load.ask_through_queue(client, self.proxy, EVENTS["respond"], self.session,
                                            [question, None, None, None, "fr", self.kept])
        self.chat, kept = output[0], output[6]
        if isinstance(kept, dict) and "chat" in kept:
            self.kept = kept  # what the page's BrowserState writes to localStorage
        return json.dumps(self.chat[-1]["content"], ensure_ascii=False)

    def thumb(self, liked: bool) -> str:
        """A thumb on the last answer, as the page sends it; the question it was given on, once the page
        shows it taken (thanks for a thumb up, the comment box for a thumb down)."""
        load = bench_module("load")
        with self.client() as client:
            output = load.ask_through_queue(client, self.proxy, EVENTS["like"], self.session, [None, "fr", self.kept],
                                            event_data={"index": len(self.chat) - 1, "value": self.chat[-1]["content"], "liked": liked})
        shown = output[2] if liked else output[0]
        assert isinstance(shown, dict) and (shown.get("visible") is True), f"the thumb was not taken: {output}"
        return self.chat[-2]["content"]

    def retrying(self, action, *args, retried: list | None = None):
        """`action`, tried once more after 1 s when it fails, as the page does after a lost connection."""
        try:
            return action(*args)
        except (httpx.HTTPError, RuntimeError) as error:
            if retried is not None:
                retried.append(f"{type(error).__name__}: {error}")
            time.sleep(1)
            return action(*args)


EVENTS: dict[str, int] = {}


@pytest.fixture(scope="module")
def topology(tmp_path_factory, shipped_index):
    """PostgreSQL, Chroma holding the index of the shipped corpus, two replicas, nginx in front."""
    from rag.ingest import ingest

    for reason in (postgres_missing_reason(), nginx_missing_reason()):
        if reason:
            pytest.skip(reason)
    root = tmp_path_factory.mktemp("replicas")
    with postgres_server() as database, chroma_server(root / "chroma") as chroma_url:
        env = {key: value for key, value in os.environ.items() if not key.startswith("CONGRESS_CHAT_")}
        env.update(CONGRESS_CHAT_DATA_DIR=str(root / "data"), CONGRESS_CHAT_CORPUS_DIR=str(SHIPPED_CORPUS), CONGRESS_CHAT_CHROMA_URL=chroma_url,
                   CONGRESS_CHAT_DATABASE_URL=database.url, CONGRESS_CHAT_LOG_FORMAT="json", CONGRESS_CHAT_INGEST_WORKERS="1")
        ingest(make_settings(corpus_dir=SHIPPED_CORPUS, data_dir=root / "data", chroma_url=chroma_url, database_url=database.url))
        started = [start_replica(CLI, name, root, env, ROOT) for name in ("a", "b")]
        try:
            replicas = {replica.name: replica for replica in watch_start(started)}
            upstreams = [replica.url.removeprefix("http://").rstrip("/") for replica in replicas.values()]
            with nginx_proxy(ROOT / "deploy" / "nginx.conf", upstreams) as proxy:
                load = bench_module("load")
                EVENTS.update(respond=load.respond_event(proxy), like=load.like_event(proxy))
                yield proxy, replicas, database
        finally:
            stop_all([process for _, _, process, _ in started])


def attendees_on(proxy: str, wanted: dict[str, int]) -> dict[str, list[Attendee]]:
    """Attendees (fresh cookies) until `wanted[replica]` of them are on each replica."""
    found: dict[str, list[Attendee]] = {name: [] for name in wanted}
    for _ in range(200):
        attendee = Attendee(proxy)
        name = attendee.replica()
        if name in found and len(found[name]) < wanted[name]:
            found[name].append(attendee)
        if all(len(found[name]) == count for name, count in wanted.items()):
            return found
    raise AssertionError(f"the proxy's cookies did not spread over the replicas: {found}")


def feedback_rows(database) -> list[tuple]:
    import psycopg

    with psycopg.connect(database.url) as connection:
        return connection.execute("SELECT uid, rating, question FROM feedback ORDER BY created_at, uid").fetchall()


def test_the_conversation_continues_from_what_the_browser_kept():
    from web.attendee import continued, kept_conversation

    chat = [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "R"}]
    record = {"question": "Q", "history": [], "answer": "R", "refused": False, "citations": [], "language": "fr", "ui_language": "fr"}
    saved = kept_conversation("fr", chat, ["Q"], {"1": record})
    assert continued([], [], {}, saved) == (chat, ["Q"], {"1": record}), "a replica that never saw the session"
    mine = ([{"role": "user", "content": "X"}], ["X"], {})
    assert continued(*mine, saved) == mine, "the server's own conversation comes first"
    assert continued([], [], {}, {"chat": [{"role": "system", "content": 1}], "turns": ["Q"]}) == ([], ["Q"], {}), "malformed: left out"


def test_the_test_proxy_is_deploy_nginx_conf_with_loopback_upstreams(tmp_path):
    from servers import nginx_config

    deployed = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    config = nginx_config(deployed, ["127.0.0.1:7001", "127.0.0.1:7002"], 8080, tmp_path)
    assert "replica-a" not in config and "server 127.0.0.1:7002 max_fails=1 fail_timeout=5s;" in config
    assert "listen 127.0.0.1:8080;" in config and f"pid {tmp_path / 'nginx.pid'};" in config
    directives = [line.strip() for line in deployed.splitlines() if line.strip() and not line.strip().startswith(("#", "server ", "listen "))]
    assert all(directive in config for directive in directives), "every other directive as deployed"
    assert "ip_hash;" not in deployed and "hash $sticky consistent;" in deployed


def test_the_compose_file_pins_the_chroma_server_of_the_lock_file():
    import yaml

    compose = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
    locked = next(line.split("==")[1].strip() for line in (ROOT / "requirements.lock").read_text().splitlines() if line.startswith("chromadb=="))
    services = compose["services"]
    assert services["chroma"]["image"] == f"chromadb/chroma:{locked}" and services["postgres"]["image"] == "postgres:15"
    for name in ("replica-a", "replica-b"):
        replica = services[name]
        assert replica["environment"]["CONGRESS_CHAT_REPLICA_NAME"] == name and "/readyz" in " ".join(replica["healthcheck"]["test"])
        assert {"shared-data:/data", "../corpus:/corpus:ro"} <= set(replica["volumes"])
    assert "--extra-index-url https://download.pytorch.org/whl/cpu" in (ROOT / "deploy" / "Dockerfile").read_text()


def test_questions_through_the_proxy_are_answered_by_both_replicas(topology):
    proxy, replicas, _ = topology
    page = httpx.get(proxy)
    assert page.status_code == 200 and "cc_replica=" in page.headers["set-cookie"] and "HttpOnly" in page.headers["set-cookie"]
    with httpx.Client(cookies={"cc_replica": "same"}) as client:
        assert len({client.get(proxy + "readyz").json()["replica"] for _ in range(5)}) == 1, "one cookie, one replica"
    spread = attendees_on(proxy, {"replica-a": 2, "replica-b": 2})
    for name, attendees in spread.items():
        for attendee, question in zip(attendees, OTHERS):
            assert "cc-answer" in attendee.ask(question), (name, question)
    answered = {name: sum(r["message"] == "answered" for r in replica.records()) for name, replica in replicas.items()}
    assert answered["a"] >= 2 and answered["b"] >= 2, answered


def test_thumbs_given_through_both_replicas_land_in_one_table(topology):
    proxy, _, database = topology
    before = len(feedback_rows(database))
    spread = attendees_on(proxy, {"replica-a": 1, "replica-b": 1})
    for liked, attendee, question in zip((True, False), (spread["replica-a"][0], spread["replica-b"][0]), OTHERS[2:]):
        attendee.ask(question)
        attendee.thumb(liked)
    rows = feedback_rows(database)[before:]
    assert sorted((question, rating) for _, rating, question in rows) == sorted(zip(OTHERS[2:], (1, -1))), rows


def test_a_replica_killed_in_a_burst_loses_no_question_no_conversation_and_no_feedback(topology):
    proxy, replicas, database = topology
    on_a = attendees_on(proxy, {"replica-a": 4})["replica-a"]
    remembering = on_a[0]
    assert "cc-answer" in remembering.ask(FIRST)
    for attendee, question in zip(on_a[1:], OTHERS):
        attendee.ask(question)
    before = len(feedback_rows(database))

    answered_at: list[float] = []
    failures: list[str] = []
    thumbs: list[str] = []
    retried: list[str] = []
    go = threading.Barrier(len(on_a) + 1)

    def burst(attendee: Attendee, questions: list[str]) -> None:
        go.wait()
        for question in questions:
            try:
                attendee.retrying(attendee.ask, question, retried=retried)
                answered_at.append(time.monotonic())
                thumbs.append(attendee.retrying(attendee.thumb, True, retried=retried))
            except Exception as error:  # noqa: BLE001 - every failure counts
                failures.append(f"{question!r}: {type(error).__name__}: {error}")

    plans = [[DURING]] + [[OTHERS[(n + k) % 4] for k in range(5)] for n in range(1, len(on_a))]
    threads = [threading.Thread(target=burst, args=(attendee, plan)) for attendee, plan in zip(on_a, plans)]
    for thread in threads:
        thread.start()
    go.wait()
    deadline = time.monotonic() + 30
    while len(answered_at) < 2 and time.monotonic() < deadline:  # the burst is under way: questions in flight on A
        time.sleep(0.005)
    replicas["a"].process.send_signal(signal.SIGKILL)
    killed = time.monotonic()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    after = [at - killed for at in answered_at if at > killed]
    assert after, "no answer came after the kill"
    print(f"\nreplica A killed (SIGKILL) during a burst of {sum(map(len, plans))} questions from its {len(on_a)} attendees: "
          f"first answer to one of them {min(after):.2f} s after the kill; all answered within {max(after):.2f} s; "
          f"{len(retried)} request(s) failed and were sent again after 1 s")
    assert all(attendee.replica() == "replica-b" for attendee in on_a), "A's attendees are now on B"

    assert "Promalab" not in Attendee(proxy).ask(FOLLOW_UP), "without the conversation, the follow-up cannot know"
    reply = remembering.ask(FOLLOW_UP)
    organiser = organiser_of("master-class-hemostase-casablanca-2025.md")
    assert "Promalab" in organiser and "Promalab" in reply, reply
    assert len(remembering.chat) == 2 * 3, "the whole conversation is shown, not only the turns B answered"
    assert FIRST in json.dumps(remembering.chat[0], ensure_ascii=False)

    rows = feedback_rows(database)
    assert len(thumbs) == sum(map(len, plans)) and len(rows) >= before + len(thumbs), "a thumb was lost"
