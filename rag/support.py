"""Does a passage support a statement? A lexical-and-embedding check standing in for the
NLI model (TRUE) that ALCE uses: extractive answers quote their passages, so support is
mostly lexical, and the embedding check admits paraphrases (LLM answers).

A statement is supported when the passage holds every number of the statement and
either ≥ 80 % of its content terms, or — when an embedder is given — ≥ 50 % of them and
a cosine similarity ≥ 0.75."""

from __future__ import annotations

import re
from typing import Callable

import numpy as np

from rag.language import analyse, normalise

_DIGITS = re.compile(r"\d+")
TERM_SHARE, TERM_SHARE_WITH_MEANING, SIMILARITY = 0.8, 0.5, 0.75


def supports(statement: str, passage: str, embed: Callable[[list[str]], np.ndarray] | None = None) -> bool:
    numbers = set(_DIGITS.findall(normalise(statement)))
    if not numbers <= set(_DIGITS.findall(normalise(passage))):
        return False
    terms = set(analyse(statement, ("fr", "en")))
    if not terms:
        return True
    share = len(terms & set(analyse(passage, ("fr", "en")))) / len(terms)
    if share >= TERM_SHARE:
        return True
    if embed is None or share < TERM_SHARE_WITH_MEANING:
        return False
    vectors = embed([statement, passage])
    return float(vectors[0] @ vectors[1]) >= SIMILARITY


CROSS_LANGUAGE_SIMILARITY = 0.45
_NAME = re.compile(r"\b[A-Z][A-Za-zÀ-ÿ'-]{1,}\b")


def supports_across_languages(statement: str, passage: str, embed: Callable[[list[str]], np.ndarray]) -> bool:
    """For a statement in another language than its passage (an Arabic answer quoting a French
    report): every number and every Latin-script name of the statement is in the passage, and
    the two mean the same (multilingual cosine ≥ 0.45)."""
    folded = normalise(passage)
    if not set(_DIGITS.findall(normalise(statement))) <= set(_DIGITS.findall(folded)):
        return False
    if any(normalise(name) not in folded for name in _NAME.findall(statement)):
        return False
    vectors = embed([statement, passage])
    return float(vectors[0] @ vectors[1]) >= CROSS_LANGUAGE_SIMILARITY
