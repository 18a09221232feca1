"""The logistic regressions the assistant ships as numbers (`rag.selection`, `rag.refusal`): fitted
by scikit-learn in `eval.fit_selection`, applied here as a dot product."""

from __future__ import annotations

import numpy as np


def standardised_logistic(rows: np.ndarray, means: np.ndarray, scales: np.ndarray, coefficients: np.ndarray, intercept: float) -> np.ndarray:
    """The probability of each row (n × features) under a logistic regression fitted on standardised
    features: the sentence model's and the refusal model's (`rag.refusal`)."""
    logits = ((rows - means) / scales) @ coefficients + intercept
    return 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))
