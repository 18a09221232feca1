"""Whether to answer at all: a question-level model over what the answer would rest on.

The sentence model (`rag.selection`) ranks the sentences of the passages found; how sure it is
of the best one is a poor guide to whether the corpus answers at all: a question about a congress
the corpus does not hold finds a neighbouring congress's sentence on the same topic, as likely
to the sentence model as a true answer. This model looks at the question as a whole — how likely
the best sentences are and how far apart, whether the best one's document names everything the
question names (its society, city, edition: `doc_coverage`, `doc_missing`), whether it holds the
kind of thing asked (a date for "when", a number counting the asked noun for "how many"), and
what kind of thing is asked — and gives the probability that the answer quoted would be right.
Under the threshold, the assistant says the documents do not say.

It is fitted by `python -m eval.fit_selection` with the sentence model, on each question's
out-of-fold answer: right (1) or not (0; every unanswerable question, and every question of the
dev set asked without its article, is 0), with a cross-validation by article for every figure.
At run time it is a dot product over a dozen numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from rag.answering.question import answer_type
from rag.logistic import standardised_logistic

_ASKED = ("date", "count", "person", "place", "organiser", "theme", "price", "winner")
QUESTION_FEATURES: tuple[str, ...] = (
    "best",  # the sentence model's probability of the best sentence
    "best_logit",  # its log-odds (how far past sure or unsure)
    "second",  # the probability of the next sentence
    "best_doc_coverage",  # share of the question's concept mass the best sentence's document names anywhere
    "best_doc_missing",  # share of its heaviest concept that document names nowhere
    "most_doc_coverage",  # the highest doc_coverage among the candidates' documents
    "best_typed",  # the best sentence holds the kind of thing asked
    "best_type_missing",  # the question asks a date, count, place or price and the best sentence holds none
    "best_counted",  # "how many": a number of the best sentence counts the asked noun
    "best_own_coverage",  # share of the question's concepts the best sentence itself holds
    "best_focus_dense",  # similarity of the best sentence and the question's focus
    "candidates",  # log(1 + eligible sentences)
    "best_other_language",  # the best sentence's document is in another language than the question (fewer of its words are found)
    *(f"asks_{name}" for name in _ASKED),  # what kind of thing the question asks (none: all 0)
)


def question_features(candidates, question: str) -> dict[str, float]:
    """The features of a question from its scored candidates (best first)."""
    best = candidates[0].features if candidates else {}
    asked = answer_type(question)
    best_score = candidates[0].score if candidates else 0.0
    clipped = min(max(best_score, 1e-6), 1 - 1e-6)
    return {
        "best": best_score,
        "best_logit": math.log(clipped / (1 - clipped)),
        "second": candidates[1].score if len(candidates) > 1 else 0.0,
        "best_doc_coverage": best.get("doc_coverage", 0.0),
        "best_doc_missing": best.get("doc_missing", 1.0),
        "most_doc_coverage": max((c.features.get("doc_coverage", 0.0) for c in candidates), default=0.0),
        "best_typed": best.get("typed", 0.0),
        "best_type_missing": best.get("type_missing", 0.0),
        "best_counted": best.get("counted", 0.0),
        "best_own_coverage": best.get("own_coverage", 0.0),
        "best_focus_dense": best.get("focus_dense", 0.0),
        "candidates": math.log1p(len(candidates)),
        "best_other_language": best.get("other_language", 0.0),
        **{f"asks_{name}": 1.0 if asked == name else 0.0 for name in _ASKED},
    }


def question_row(candidates, question: str) -> np.ndarray:
    features = question_features(candidates, question)
    return np.array([features[name] for name in QUESTION_FEATURES], dtype=np.float64)


@dataclass(frozen=True)
class RefusalModel:
    """Standardised logistic regression over `QUESTION_FEATURES`: P(the answer quoted is right)."""

    means: np.ndarray
    scales: np.ndarray
    coefficients: np.ndarray
    intercept: float
    threshold: float  # under this probability the assistant refuses

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """P(the answer is right) for each row of `QUESTION_FEATURES` (n × len)."""
        return standardised_logistic(rows, self.means, self.scales, self.coefficients, self.intercept)

    def probability(self, candidates, question: str) -> float:
        if not candidates:
            return 0.0
        return float(self.probabilities(question_row(candidates, question)[None, :])[0])

    def to_json(self) -> dict:
        return {
            "features": list(QUESTION_FEATURES),
            "means": self.means.round(6).tolist(),
            "scales": self.scales.round(6).tolist(),
            "coefficients": self.coefficients.round(6).tolist(),
            "intercept": round(float(self.intercept), 6),
            "threshold": round(float(self.threshold), 4),
        }

    @classmethod
    def from_json(cls, data: dict) -> "RefusalModel":
        if list(data["features"]) != list(QUESTION_FEATURES):
            raise ValueError("the refusal model was fitted on other features: refit with `python -m eval.fit_selection`")
        return cls(
            np.asarray(data["means"], dtype=np.float64), np.asarray(data["scales"], dtype=np.float64),
            np.asarray(data["coefficients"], dtype=np.float64), float(data["intercept"]), float(data["threshold"]),
        )
