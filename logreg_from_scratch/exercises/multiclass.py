"""The properties of the softmax steps: softmax, log_softmax, propagate_softmax with l2.

References: scipy.special's softmax and log_softmax, the sanity value
log k at W = 0, and central differences of the penalised cost.
"""
import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.special import log_softmax as scipy_log_softmax
from scipy.special import softmax as scipy_softmax

from ..gradients import numerical_gradient
from .grader import Property, call, described, expect, expect_tuple

# rows of k >= 2 logits up to 1000 in size: past 709.78 e^Z overflows unless each row is shifted
Zs = st.tuples(st.integers(1, 4), st.integers(2, 4)).flatmap(
    lambda shape: arrays(np.float64, shape, elements=st.floats(-1000, 1000))).map(lambda Z: (Z,))

SHIFT_HINT = ("e^Z overflows once Z > 709.78: subtract each row's maximum first, "
              "Z - Z.max(axis=1, keepdims=True); softmax does not change")


def _softmax_agrees(f, Z):
    expect(described("softmax", Z), call(f, "softmax", Z), scipy_softmax(Z, axis=1), atol=1e-12,
           within=" (absolute error <= 1e-12)")


def _log_softmax_agrees(f, Z):
    expect(described("log_softmax", Z), call(f, "log_softmax", Z), scipy_log_softmax(Z, axis=1),
           atol=1e-12, rtol=1e-12, within=" (error <= 1e-12 relative or absolute)")


SOFTMAX = [
    Property("agrees with scipy.special.softmax(Z, axis=1) (absolute error <= 1e-12) for "
             "logits up to 1000",
             Zs, _softmax_agrees,
             hint="each row is one image's k scores: normalise over axis=1 (keepdims=True), "
                  "so that every row sums to 1",
             hints={"warning": SHIFT_HINT}),
]

LOG_SOFTMAX = [
    Property("agrees with scipy.special.log_softmax(Z, axis=1) (error <= 1e-12 relative or "
             "absolute) for logits up to 1000",
             Zs, _log_softmax_agrees,
             hint="log P = (Z - max) - log sum_j e^(Z - max), row by row (axis=1, keepdims=True)",
             hints={"warning": "log(softmax(Z)) is log(0) once a probability rounds to 0: "
                               "compute (Z - max) - log sum e^(Z - max), never the log of P; "
                               + SHIFT_HINT}),
]


@st.composite
def softmax_problems(draw):
    """(W, b, X, y, l2): m images, d pixels, k classes, labels 0..k-1."""
    m, d, k = draw(st.integers(1, 5)), draw(st.integers(1, 4)), draw(st.integers(2, 4))
    values = st.floats(-2, 2)
    W = draw(arrays(np.float64, (d, k), elements=values))
    b = draw(arrays(np.float64, (k,), elements=values))
    X = draw(arrays(np.float64, (m, d), elements=values))
    y = draw(arrays(np.int64, (m,), elements=st.integers(0, k - 1)))
    return W, b, X, y, draw(st.sampled_from([0.0, 0.1, 1.0]))


def _reference_cost(W, b, X, y, l2):
    log_P = scipy_log_softmax(X @ W + b, axis=1)
    return -np.mean(log_P[np.arange(len(y)), y]) + l2 / 2 * np.sum(W * W)


def _log_k_at_zero(f, W, b, X, y, l2):
    W, b = np.zeros_like(W), np.zeros_like(b)
    text = described("propagate_softmax", W, b, X, y, l2)
    got = expect_tuple(text, call(f, "propagate_softmax", W, b, X, y, l2), ["cost", "dW", "db"])
    expect(text + " cost", got[0],
           np.log(W.shape[1]), rtol=1e-12, within=" = log k (relative error <= 1e-12)")


def _gradients(f, W, b, X, y, l2):
    text = described("propagate_softmax", W, b, X, y, l2)
    cost, dW, db = expect_tuple(text, call(f, "propagate_softmax", W, b, X, y, l2),
                                ["cost", "dW", "db"])
    expect(text + " cost", cost, _reference_cost(W, b, X, y, l2), rtol=1e-12,
           within=" = -(1/m) sum_i log P[i, y_i] + (l2/2) ||W||^2")
    expect(text + " dW", dW, numerical_gradient(lambda V: _reference_cost(V, b, X, y, l2), W),
           atol=1e-7, rtol=1e-6, within=" by central differences (error <= 1e-6)")
    expect(text + " db", db, numerical_gradient(lambda c: _reference_cost(W, c, X, y, l2), b),
           atol=1e-7, rtol=1e-6, within=" by central differences (error <= 1e-6)")


PROPAGATE_SOFTMAX = [
    Property("costs log k at W = 0, b = 0 (relative error <= 1e-12)", softmax_problems(),
             _log_k_at_zero,
             hint="J = -(1/m) sum_i log P[i, y_i]: pick each row's entry at its label, "
                  "log_P[np.arange(m), y], and take the mean"),
    Property("returns the penalised cost (error <= 1e-12) and its gradients (error <= 1e-6 "
             "against central differences)",
             softmax_problems(), _gradients,
             hint="dW = X.T @ (P - Y) / m + l2 * W and db = (P - Y).mean(axis=0), Y one-hot: "
                  "the penalty (l2/2) ||W||^2 is on W only, not on b"),
]
