"""Language-fair dense scores.

A multilingual encoder puts a question closer to every passage of its own language than
to any passage of another: an Arabic question about a French article ranks the Arabic
articles first, whatever they ask. So each dense similarity is read against the passages
of its own language: for the question vector q and the chunk vectors of language L with
mean μ_L (computed once, at ingest), a chunk of L scores

    s − q·μ_L

how far it stands above the average passage of its language for this question (q·μ_L is
that average, exactly). Rankings of several languages are merged on that score.

Measured on the dev set of real articles (dense side alone, multilingual-e5-small, doc
hit@1): Arabic questions 0.54 → 0.73, English 0.85 → 0.89, French 0.91 → 0.94. Dividing
by each language's spread as well (a z-score) was worse (Arabic 0.42): with a handful of
articles in a language, its spread is small and its best passage cannot stand out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class LanguageStats:
    """Mean chunk vector of each document language."""

    means: dict[str, np.ndarray]

    @classmethod
    def of(cls, vectors: np.ndarray, languages: list[str]) -> "LanguageStats":
        labels = np.asarray(languages)
        return cls({language: np.asarray(vectors[labels == language], dtype=np.float64).mean(axis=0) for language in sorted(set(languages))})

    @property
    def languages(self) -> list[str]:
        return sorted(self.means)

    def normalise(self, language: str, query: np.ndarray, similarities: np.ndarray) -> np.ndarray:
        """`similarities` (of chunks in `language`) less the question's mean similarity to that language."""
        return np.asarray(similarities, dtype=np.float64) - float(np.asarray(query, dtype=np.float64) @ self.means[language])

    def save(self, path: Path) -> None:
        with open(path, "wb") as handle:
            np.savez(handle, **{f"mean_{language}": mean for language, mean in self.means.items()})

    @classmethod
    def load(cls, path: Path) -> "LanguageStats":
        with np.load(path) as data:
            return cls({key[5:]: data[key] for key in data.files if key.startswith("mean_")})
