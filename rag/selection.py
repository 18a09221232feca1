"""Which sentence answers the question: a small model learned from labelled sentences.

Every sentence of the top passages is described by a few general features (no word of
any particular article): how close its meaning is to the question, how much of the
question it covers, whether it holds what the question asks for (a date, a number, a
person…), where its passage ranks, where it sits in its document, whether it reads like a
headline or merely repeats the question. A logistic regression turns the features into
the probability that the sentence holds the answer.

The model (feature means and scales, coefficients, the refusal threshold) is package
data, one per embedder (`rag/data/selection-<embedder>.json`: similarities of two encoders
are on different scales), fitted by `python -m eval.fit_selection` on labelled
sentences of the real dev set and the fictional sets, with every reported figure from a
cross-validation by article. At run time it is a dot product.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from rag.logistic import standardised_logistic

if TYPE_CHECKING:
    from rag.refusal import RefusalModel

FEATURES: tuple[str, ...] = (
    "dense",  # cosine similarity of the sentence and the question (multilingual encoder)
    "dense_gap",  # dense − the best dense among the candidates (≤ 0)
    "focus_dense",  # cosine similarity of the sentence and the question's focus (its words the document's title and lead do not hold)
    "focus_dense_gap",  # focus_dense − the best among the candidates
    "coverage",  # IDF-weighted share of the question's concepts the sentence holds (in itself or its context line)
    "coverage_gap",  # coverage − the best coverage among the candidates
    "own_coverage",  # the same share, counting only words of the sentence itself
    "typed",  # holds the kind of thing asked for (date for "when", number for "how many"…)
    "type_missing",  # the question asks for a date, number, place or price and the sentence holds none
    "passage_rank",  # 1 / (1 + rank of its passage in the fused search)
    "doc_rank",  # 1 / (1 + rank of its document)
    "lead",  # the first sentence of its document
    "doc_position",  # where it starts in its document, 0 (top) to 1 (end)
    "words",  # log(1 + number of words)
    "short",  # under six words: a headline, a byline, a caption
    "unfinished",  # does not end like a sentence (no . ! ? … or closing quote): headline, cut excerpt
    "novelty",  # share of its words the question does not already use
    "quote",  # holds a quotation
    "numbers",  # holds a number
    "new_numbers",  # holds a number the question does not name (an answer to "how many", "when")
    "new_names",  # log(1 + capitalised words the question does not use): the people, places, bodies it names
    "typed_new",  # what the question asks for is there and is not a repeat of the question ("36e congrès")
    "typed_near",  # what the question asks for stands within a few words of a word of the question ("55 poster displays")
    "counted",  # for "how many": a number of it counts a word of the question ("59 médecins" for "combien de médecins")
    "typed_near_focus",  # what the question asks for stands within a few words of a word of its focus (its concepts the document's title and lead do not hold: "présidé par X" for "qui présidait…")
    "typed_coverage",  # typed × own_coverage: the asked thing in a sentence that holds the question's words
    "count_missing",  # the question asks "how many" and no number of the sentence counts a word of it
    "doc_coverage",  # IDF-weighted share of the question's concepts its document names anywhere (title, facts, text, abbreviations)
    "doc_missing",  # share of the question's mass of its heaviest concept its document names nowhere (another congress's society, city, edition)
    "other_language",  # its document is in another language than the question (its words are found through the lexicons, less fully)
)


@dataclass(frozen=True)
class SelectionModel:
    """Standardised logistic regression over `FEATURES`, plus the refusal thresholds."""

    means: np.ndarray
    scales: np.ndarray
    coefficients: np.ndarray
    intercept: float
    refusal_threshold: float  # best probability under which the assistant refuses
    companion_ratio: float  # a further sentence joins the answer when its probability ≥ ratio × the best
    provenance: dict
    refusal: "RefusalModel | None" = None  # whether to answer at all, fitted with it (`rag.refusal`)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """P(the sentence holds the answer) for each row of `features` (n × len(FEATURES))."""
        if len(features) == 0:
            return np.zeros(0)
        return standardised_logistic(features, self.means, self.scales, self.coefficients, self.intercept)

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "means": self.means.round(6).tolist(),
            "scales": self.scales.round(6).tolist(),
            "coefficients": self.coefficients.round(6).tolist(),
            "intercept": round(float(self.intercept), 6),
            "refusal_threshold": round(float(self.refusal_threshold), 4),
            "companion_ratio": round(float(self.companion_ratio), 4),
            "provenance": self.provenance,
            **({"refusal": self.refusal.to_json()} if self.refusal is not None else {}),
        }

    @classmethod
    def from_json(cls, data: dict) -> "SelectionModel":
        if list(data["features"]) != list(FEATURES):
            raise ValueError("the selection model was fitted on other features: refit with `python -m eval.fit_selection`")
        return cls(
            np.asarray(data["means"], dtype=np.float64),
            np.asarray(data["scales"], dtype=np.float64),
            np.asarray(data["coefficients"], dtype=np.float64),
            float(data["intercept"]),
            float(data["refusal_threshold"]),
            float(data["companion_ratio"]),
            dict(data.get("provenance", {})),
            _refusal_model(data.get("refusal")),
        )

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _refusal_model(data: dict | None):
    from rag.refusal import RefusalModel

    return RefusalModel.from_json(data) if data else None


def feature_matrix(candidates) -> np.ndarray:
    """Rows of `FEATURES` of each candidate (anything with a `features` dict), n × len(FEATURES)."""
    return np.array([[candidate.features[name] for name in FEATURES] for candidate in candidates], dtype=np.float64).reshape(-1, len(FEATURES))


DEFAULT_EMBEDDER = "e5-small"
_SHIPPED: dict[str, SelectionModel] = {}


def model_file(embedder: str) -> str:
    """The package-data name of the model fitted for `embedder`."""
    return f"selection-{re.sub(r'[^A-Za-z0-9]+', '-', embedder).strip('-')}.json"


def shipped_model(embedder: str = DEFAULT_EMBEDDER) -> SelectionModel:
    """The model shipped for `embedder`; for an embedder without one (minilm, st:<model>),
    the default embedder's, whose threshold may not suit it (refit: `python -m eval.fit_selection --embedder …`)."""
    if embedder not in _SHIPPED:
        data = resources.files("rag").joinpath("data")
        name = model_file(embedder) if data.joinpath(model_file(embedder)).is_file() else model_file(DEFAULT_EMBEDDER)
        _SHIPPED[embedder] = SelectionModel.from_json(json.loads(data.joinpath(name).read_text(encoding="utf-8")))
    return _SHIPPED[embedder]


def log_words(count: int) -> float:
    return math.log1p(count)
