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
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
