"""The support check of the citation metrics lives in the core (`rag.support`), where the
generative answerer uses the same check on every sentence it returns."""

from rag.support import supports

__all__ = ["supports"]
