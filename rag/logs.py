"""Logs of the processes that serve and rebuild (`congress-chat serve`, `congress-chat ingest`), on stderr.

`CONGRESS_CHAT_LOG_FORMAT=text` (default): one line for a person, `time level logger: message key=value…`.
`CONGRESS_CHAT_LOG_FORMAT=json`: one JSON object per line for a log collector, with `time` (UTC, ISO 8601),
`level`, `logger`, `message`, `replica` (`CONGRESS_CHAT_REPLICA_NAME`, else hostname:pid) and the record's
own fields (`logger.info("…", extra={"generation": 4})`).

Modules log through `logging.getLogger(__name__)` and never configure anything; this module is called
once, by the command that runs. What is logged never holds an attendee's question or anything that
identifies them: an answer is logged by its language, latency, refusal and index generation only.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import sys

from rag.settings import Settings

# The attributes every LogRecord has; the others come from `extra=` and are the record's own fields.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}
_OURS = ("rag", "web", "cli")  # loggers shown at `level`; the libraries' (uvicorn's too) at WARNING


def replica_name(settings: Settings) -> str:
    """This process's name among the replicas: the configured one, else hostname:pid."""
    return settings.replica_name or f"{socket.gethostname()}:{os.getpid()}"


def fields_of(record: logging.LogRecord) -> dict[str, object]:
    """The fields a record was given with `extra=`."""
    return {key: value for key, value in vars(record).items() if key not in _STANDARD and not key.startswith("_")}


class JsonLines(logging.Formatter):
    """One JSON object per record, on one line."""

    def __init__(self, replica: str) -> None:
        super().__init__()
        self.replica = replica

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "replica": self.replica,
            **fields_of(record),
        }
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextLines(logging.Formatter):
    """`2026-12-02 10:15:03 INFO web.service: switched generation from=4 to=5`."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s", datefmt="%Y-%m-%d %H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extra = " ".join(f"{key}={value}" for key, value in fields_of(record).items())
        head, newline, rest = line.partition("\n")  # a traceback stays below the line
        return f"{head} {extra}{newline}{rest}" if extra else line


def _ours_or_warnings(record: logging.LogRecord) -> bool:
    """The project's records (their loggers' levels decide) and the libraries' warnings and errors: a
    library that sets its own logger to DEBUG (bm25s does) does not fill the log."""
    return record.levelno >= logging.WARNING or record.name.partition(".")[0] in _OURS


def configure_logging(settings: Settings, level: int = logging.INFO, stream=None) -> logging.Handler:
    """Send the project's records at `level` and above (the libraries' at WARNING) to `stream`
    (stderr), in the configured format; replaces what an earlier call installed. Returns the handler."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(_ours_or_warnings)
    handler.setFormatter(JsonLines(replica_name(settings)) if settings.log_format == "json" else TextLines())
    handler.set_name("congress-chat")
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == "congress-chat"]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.WARNING)
    logging.captureWarnings(settings.log_format == "json")  # Python's warnings as records, not bare lines
    for name in _OURS:
        logging.getLogger(name).setLevel(level)
    return handler
