"""The one decision the detector makes about each candidate event: is it this article's own news?

A logistic model over named evidence features (extractors/candidates.py computes them, for fitting and
for serving alike). Its weights are data, `extractors/data/scorer.json`, written by `basewatch
fit-scorer`, which fits them deterministically on labelled corpora; `basewatch evaluate --cv K` scores
the same fitting on folds grouped by incident, so no attack is both learned and scored.

The fit is plain Newton-Raphson on an L2-penalised log-likelihood: a handful of features and a few
thousand candidates need nothing heavier, and serving stays a dot product with no dependency.
"""
from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

L2 = 1.0  # penalty on every weight but the bias: keeps rare features from deciding alone
THRESHOLD = 0.5


@dataclass(frozen=True)
class Scorer:
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float = THRESHOLD

    def probability(self, values: Mapping[str, float]) -> float:
        z = self.bias + sum(w * values[name] for name, w in zip(self.features, self.weights))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def is_primary(self, values: Mapping[str, float]) -> bool:
        return self.probability(values) >= self.threshold

    def as_json(self, **about: object) -> str:
        weights = {name: round(w, 6) for name, w in zip(self.features, self.weights)}
        return json.dumps({**about, "bias": round(self.bias, 6), "threshold": self.threshold, "weights": weights},
                          indent=1) + "\n"


def scorer_from_json(text: str) -> Scorer:
    raw = json.loads(text)
    names = tuple(raw["weights"])
    return Scorer(names, tuple(float(raw["weights"][n]) for n in names), float(raw["bias"]),
                  float(raw.get("threshold", THRESHOLD)))


@cache
def packaged_scorer() -> Scorer:
    """The weights shipped with basewatch."""
    return scorer_from_json(resources.files("extractors.data").joinpath("scorer.json").read_text("utf-8"))


def fit(features: tuple[str, ...], rows: Sequence[Mapping[str, float]], labels: Sequence[bool],
        l2: float = L2, iterations: int = 50) -> Scorer:
    """Weights maximising the penalised likelihood of `labels` (deterministic: same rows, same weights)."""
    # each row as its non-zero (index, value) pairs: most features are flags, so this is a few pairs a row
    x = [[(j, v) for j, v in enumerate((1.0, *(row[name] for name in features))) if v] for row in rows]
    y = [1.0 if label else 0.0 for label in labels]
    size = len(features) + 1
    beta = [0.0] * size
    for _ in range(iterations):
        gradient = [-l2 * b if j else 0.0 for j, b in enumerate(beta)]
        hessian = [[(l2 if i == j and i else 0.0) for j in range(size)] for i in range(size)]
        for xi, yi in zip(x, y):
            z = sum(beta[j] * v for j, v in xi)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            weight = p * (1 - p)
            for i, vi in xi:
                gradient[i] += (yi - p) * vi
                row = hessian[i]
                for j, vj in xi:
                    row[j] += weight * vi * vj
        step = _solve(hessian, gradient)
        beta = [b + s for b, s in zip(beta, step)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return Scorer(features, tuple(beta[1:]), beta[0])


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """x with matrix·x = vector (Gaussian elimination with partial pivoting; the matrix is small)."""
    n = len(vector)
    a = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        if abs(a[col][col]) < 1e-12:
            continue
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            if factor:
                a[r] = [vr - factor * vc for vr, vc in zip(a[r], a[col])]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        if abs(a[r][r]) >= 1e-12:
            x[r] = (a[r][n] - sum(a[r][c] * x[c] for c in range(r + 1, n))) / a[r][r]
    return x
