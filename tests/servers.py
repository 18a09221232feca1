"""Real servers for the tests that need them, started on loopback ports and stopped after:
a PostgreSQL cluster (Debian's package, `initdb` in a temporary folder, run as the `postgres`
user when the tests run as root, since PostgreSQL refuses root) and a Chroma server (`chroma
run`, from the project's own dependencies). Nothing here is faked: the product talks to them
as it would in a deployment (`deploy/`)."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 60, process: subprocess.Popen | None = None) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server on port {port} exited with code {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port} after {timeout:.0f} s")


def postgres_bin() -> Path | None:
    """Folder of Debian's PostgreSQL server programs (the newest installed), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def postgres_missing_reason() -> str | None:
    """Why a PostgreSQL server cannot be started here, or None when it can."""
    if postgres_bin() is None:
        return "PostgreSQL's server programs are not installed (Debian: apt-get install postgresql; `make test` does it)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a 'postgres' user to run the server as"
    return None


@dataclass
class Postgres:
    """A running cluster: `url` for the product (CONGRESS_CHAT_DATABASE_URL), `stop()`/`start()` for
    the tests that restart it under load."""

    folder: Path
    port: int
    bin: Path
    user: str | None  # the system user the server runs as (None: this process's)

    @property
    def url(self) -> str:
        return f"postgresql://congress@127.0.0.1:{self.port}/congress"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = [str(a) for a in args]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120)

    def init(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.user:
            shutil.chown(self.folder, self.user)
        data = self.folder / "data"
        self._run(self.bin / "initdb", "-D", data, "-U", "congress", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        self.start()
        self._run(self.bin / "createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "congress", "congress")

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.folder} -c fsync=off"
        self._run(self.bin / "pg_ctl", "-D", self.folder / "data", "-l", self.folder / "server.log", "-o", options, "-w", "start")
        wait_for_port(self.port, 30)

    def stop(self, mode: str = "fast") -> None:
        self._run(self.bin / "pg_ctl", "-D", self.folder / "data", "-m", mode, "-w", "stop", check=False)


@contextlib.contextmanager
def postgres_server() -> Iterator[Postgres]:
    """A fresh PostgreSQL cluster in a folder of its own under the system's temporary folder (pytest's
    are private to root, and the server runs as `postgres`), on a free loopback port; removed after."""
    user = "postgres" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="congress-chat-pg-"))
    os.chmod(folder, 0o755)
    server = Postgres(folder / "cluster", free_port(), postgres_bin(), user)
    server.init()
    try:
        yield server
    finally:
        server.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def chroma_server(folder: Path) -> Iterator[str]:
    """A `chroma run` server keeping its data in `folder`; yields its URL."""
    chroma = Path(sys.executable).parent / "chroma"
    if not chroma.exists():
        chroma = Path(shutil.which("chroma") or "chroma")
    port = free_port()
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(folder), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, 60, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


def stop(process: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM, then SIGKILL if the process has not ended within `timeout` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()


# --- replicas of `congress-chat serve` ---------------------------------------------------------

@dataclass
class Replica:
    """One running `congress-chat serve`: its name (CONGRESS_CHAT_REPLICA_NAME is `replica-<name>`), URL,
    process, stderr log (JSON lines) and what /healthz, /readyz and `/` said before it was ready."""

    name: str
    url: str
    process: subprocess.Popen
    log: Path
    while_loading: dict[str, tuple[int, str]]  # path → (status, body) seen before the replica was ready

    def ready(self) -> dict:
        import httpx

        return httpx.get(self.url + "readyz", timeout=10).json()

    def records(self) -> list[dict]:
        import json

        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines() if line.strip()]


def start_replica(command: list[str], name: str, folder: Path, env: dict[str, str], cwd: Path) -> tuple[str, str, subprocess.Popen, Path]:
    """`command` (`congress-chat serve`) on a free loopback port as replica `name`, its stderr in
    `folder`/replica-<name>.log; (name, url, process, log) for `watch_start`."""
    port, log = free_port(), folder / f"replica-{name}.log"
    with log.open("w") as stderr:
        process = subprocess.Popen([*command, "serve", "--port", str(port)], cwd=cwd, stdout=subprocess.DEVNULL, stderr=stderr,
                                   env={**env, "CONGRESS_CHAT_REPLICA_NAME": f"replica-{name}"})
    return name, f"http://127.0.0.1:{port}/", process, log


def watch_start(replicas: list[tuple[str, str, subprocess.Popen, Path]], timeout: float = 240) -> list[Replica]:
    """Wait until every replica is ready, noting what /healthz, /readyz and the chat page said before."""
    import httpx

    seen: dict[str, dict[str, tuple[int, str]]] = {name: {} for name, *_ in replicas}
    waiting = {name for name, *_ in replicas}
    deadline = time.monotonic() + timeout
    while waiting:
        if time.monotonic() > deadline:
            raise TimeoutError(f"replicas {sorted(waiting)} not ready after {timeout:.0f} s")
        for name, url, process, log in replicas:
            if name not in waiting:
                continue
            if process.poll() is not None:
                raise RuntimeError(f"replica {name} exited with {process.returncode}:\n{log.read_text()[-3000:]}")
            try:
                ready = httpx.get(url + "readyz", timeout=2)
            except httpx.HTTPError:
                continue  # not listening yet
            if ready.status_code == 200:
                waiting.discard(name)
            elif "/" not in seen[name]:
                seen[name]["/readyz"] = (ready.status_code, ready.text)
                health = httpx.get(url + "healthz", timeout=2)
                seen[name]["/healthz"] = (health.status_code, health.text)
                page = httpx.get(url, timeout=2)
                seen[name]["/"] = (page.status_code, page.text)
        time.sleep(0.2)
    return [Replica(name, url, process, log, seen[name]) for name, url, process, log in replicas]


def stop_all(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


# --- nginx, as deploy/nginx.conf configures it ---------------------------------------------------

NGINX = Path("/usr/sbin/nginx")


def nginx_missing_reason() -> str | None:
    """Why nginx cannot be started here, or None when it can."""
    if not NGINX.exists() and not shutil.which("nginx"):
        return "nginx is not installed (Debian: apt-get install nginx-light; scripts/test-deps.sh does it)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("nobody")
        except KeyError:
            return "running as root without a 'nobody' user to run nginx as"
    return None


def nginx_config(template: str, upstreams: list[str], port: int, folder: Path) -> str:
    """deploy/nginx.conf (`template`) for a proxy on loopback: its upstream servers replaced by
    `upstreams` (host:port), `listen` by 127.0.0.1:`port`, and its pid file, error log and temporary
    folders in `folder`; every other directive as deployed."""
    import re

    servers = re.findall(r"^\s*server [^\s{]+:\d+ ([^;]*);\n", template, flags=re.M)
    if not servers:
        raise ValueError("no upstream server line in the nginx template")
    options = servers[0]
    lines = "".join(f"        server {upstream} {options};\n" for upstream in upstreams)
    config = re.sub(r"(^\s*server [^\s{]+:\d+ [^;]*;\n)+", lines, template, count=1, flags=re.M)
    config, listens = re.subn(r"^(\s*)listen [^;]+;", rf"\g<1>listen 127.0.0.1:{port};", config, flags=re.M)
    if listens != 1:
        raise ValueError("expected one listen directive in the nginx template")
    paths = "".join(f"    {kind}_temp_path {folder / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    config = config.replace("http {\n", "http {\n" + paths, 1)
    return f"daemon off;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'} warn;\n" + config


@contextlib.contextmanager
def nginx_proxy(template: Path, upstreams: list[str]) -> Iterator[str]:
    """nginx in front of `upstreams`, configured by `template` (deploy/nginx.conf) through `nginx_config`,
    run unprivileged (as `nobody` when the tests run as root) on a free loopback port; yields its URL."""
    user = "nobody" if os.geteuid() == 0 else None
    folder = Path(tempfile.mkdtemp(prefix="congress-chat-nginx-"))
    os.chmod(folder, 0o755)
    port = free_port()
    (folder / "nginx.conf").write_text(nginx_config(template.read_text(encoding="utf-8"), upstreams, port, folder), encoding="utf-8")
    if user:
        shutil.chown(folder, user)
    nginx = str(NGINX if NGINX.exists() else shutil.which("nginx"))
    command = [nginx, "-p", str(folder), "-c", str(folder / "nginx.conf")]
    if user:
        command = ["runuser", "-u", user, "--", *command]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
    if checked.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"nginx -t refused the configuration:\n{checked.stderr}")
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, 30, process)
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop(process)
        shutil.rmtree(folder, ignore_errors=True)
