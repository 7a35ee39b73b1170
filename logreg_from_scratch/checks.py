"""Guard rails: the shape and label checks at every entry point.

NumPy broadcasts silently: a ``(m, 1)`` label column against ``(m,)``
logits gives an ``(m, m)`` matrix and a cost that is wrong without a word.
These checks turn a student's slip into a ``ValueError`` that names the
shapes or values involved and what to do about it.  They are kept apart
from the maths so that each step of the derivation reads as its equation.
"""
import numpy as np


def check_X(X):
    """Return `X` as a finite 2-D float array ``(m, d)``, or raise ValueError.

    Integer pixels (raw 0-255 bytes) become float64; float32 stays float32.
    """
    X = np.asarray(X)
    if X.ndim != 2:
        raise ValueError(
            f"X must be 2-D, one row per example (m, d); got shape {X.shape}. "
            "Flatten images with X.reshape(len(X), -1).")
    if X.dtype.kind not in "fiu":
        raise ValueError(f"X must hold real numbers; got dtype {X.dtype}")
    if X.dtype.kind != "f":
        X = X.astype(np.float64)
    _check_finite(X, "X")
    return X


def check_params(w, b, d):
    """Return `w`, `b` as float arrays after checking them against ``d`` features.

    Integers become float64; float32 stays float32.

    Binary: `w` ``(d,)`` and `b` a scalar.  k classes: `W` ``(d, k)`` and
    `b` ``(k,)``.
    """
    w, b = np.asarray(w), np.asarray(b)
    if w.dtype.kind != "f":
        w = w.astype(np.float64)
    if b.dtype.kind != "f":
        b = b.astype(np.float64)
    if w.ndim not in (1, 2) or w.shape[0] != d:
        raise ValueError(
            f"w has shape {w.shape} but X has {d} columns: w must be ({d},) "
            f"for one binary model or ({d}, k) for k classes")
    expected = () if w.ndim == 1 else (w.shape[1],)
    if b.shape != expected:
        raise ValueError(
            f"b has shape {b.shape} but w has shape {w.shape}: b must have "
            f"shape {expected} (a float for a binary model, one bias a class)")
    _check_finite(w, "w")
    _check_finite(b, "b")
    return w, b[()]


def check_binary_targets(y, shape):
    """Return `y` as a float array of 0s and 1s with the logits' ``shape``."""
    y = np.asarray(y)
    if y.shape != shape:
        hint = (f"; for k = {shape[1]} classes pass one-hot labels, "
                f"one_hot(y, {shape[1]})" if len(shape) == 2 and y.ndim == 1 else "")
        raise ValueError(
            f"y has shape {y.shape} but the logits z = X @ w + b have shape "
            f"{shape}: they must match{hint}")
    bad = (y != 0) & (y != 1)
    if bad.any():
        raise ValueError(
            f"y must hold only 0 and 1; found {np.unique(y[bad])[:5]}. "
            "For 'is it digit d?' use binary_labels(y, d)")
    return y.astype(np.float64)


def check_class_labels(y, k, m=None):
    """Return `y` as int64 ``(m,)`` after checking every label is in 0..k-1."""
    y = np.asarray(y)
    if y.ndim != 1 or (m is not None and len(y) != m):
        raise ValueError(f"y must have shape ({'m' if m is None else m},), one label "
                         f"an example; got {y.shape}")
    if y.size and (y.dtype.kind not in "iuf" or np.any(y != np.round(y))):
        raise ValueError(f"labels must be whole numbers 0..{k - 1}; got dtype {y.dtype}")
    outside = (y < 0) | (y >= k)
    if outside.any():
        raise ValueError(
            f"labels must lie in 0..{k - 1}; found {np.unique(y[outside])[:5]}")
    return y.astype(np.int64)


def check_logistic_problem(w, b, X, y):
    """Checked ``(w, b, X, y)`` for logistic regression, binary or one-vs-rest."""
    X = check_X(X)
    w, b = check_params(w, b, X.shape[1])
    return w, b, X, check_binary_targets(y, (X.shape[0],) + w.shape[1:])


def check_softmax_problem(W, b, X, y, l2):
    """Checked ``(W, b, X, y)`` for softmax regression with penalty `l2`."""
    X = check_X(X)
    W, b = check_params(W, b, X.shape[1])
    if W.ndim != 2:
        raise ValueError(f"softmax regression needs W of shape (d, k); got {W.shape}")
    if not np.isfinite(l2) or l2 < 0:
        raise ValueError(f"l2 must be a finite number >= 0; got {l2!r}")
    return W, b, X, check_class_labels(y, W.shape[1], X.shape[0])


def check_schedule(epochs, rate, batch_size, decay, rng, m):
    """Raise ValueError unless the training loop's settings make sense for m examples."""
    if not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"the number of iterations/epochs must be a whole number >= 0; got {epochs!r}")
    if not np.isfinite(rate) or rate <= 0:
        raise ValueError(f"rate must be a finite number > 0; got {rate!r}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1; got {batch_size}")
    if decay not in ("none", "linear"):
        raise ValueError(f'decay must be "none" or "linear"; got {decay!r}')
    if batch_size < m and rng is None:
        raise ValueError("mini-batches are drawn at random: pass rng=np.random.default_rng(seed)")


def _check_finite(A, name):
    """Raise ValueError naming the first NaN or infinite entry of `A`."""
    if not np.isfinite(A).all():
        bad = np.argwhere(~np.isfinite(A))
        where = tuple(int(i) for i in bad[0])
        raise ValueError(
            f"{name} holds {len(bad)} NaN or infinite value(s), the first at "
            f"index {where} ({A[where]}); clean the data before training")
