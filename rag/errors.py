"""The product's own exceptions: each carries a one-line message meant for users.

Adapters (CLI, web chat, eval harness) catch `CongressChatError` and show `str(error)`;
anything else is a bug and keeps its traceback.
"""


class CongressChatError(Exception):
    """Base class: a problem the user can fix, described in one line (a parser's multi-line
    message is joined into one)."""

    def __init__(self, message: object = "", *args: object) -> None:
        super().__init__(" ".join(str(message).split()), *args)


class ConfigError(CongressChatError):
    """A setting is invalid (unknown embedder, bad path, bad value)."""


class CorpusError(CongressChatError):
    """The corpus folder is missing or holds nothing readable."""


class DocumentError(CongressChatError):
    """One file cannot be read; ingest names it and goes on with the others."""


class IndexMissingError(CongressChatError):
    """No index has been built yet where one was expected."""


class IndexMismatchError(CongressChatError):
    """The index was built with another embedder than the one asked for."""


class QuestionError(CongressChatError):
    """The question is empty or too long."""


class RebuildRunningError(CongressChatError):
    """Another rebuild of the same index is running, in this process or another (`rag.rebuild_lock`)."""
