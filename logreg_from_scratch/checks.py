"""Guard rails: the shape, type and label checks at every entry point.

NumPy broadcasts silently: a ``(m, 1)`` label column against ``(m,)``
logits gives an ``(m, m)`` matrix and a cost that is wrong without a word.
These checks turn a student's slip into a ``ValueError`` (``TypeError`` for
a setting of the wrong kind) that names the shapes or values involved and
what to do about it.  They are kept apart from the maths so that each step
of the derivation reads as its equation.

Precision: integers become float64; float32 stays float32, and a result has
the precision of its widest input (float32 everywhere gives float32 back).
"""
import numbers

import numpy as np

SEED_LAYOUT = ("the original notebook's layout, one example a column; here one example is "
               "a row")


def as_array(x, name):
    """`x` as an ndarray of real numbers or labels, refusing what NumPy would mangle.

    A sparse matrix, a ragged list, complex numbers, strings and objects are
    refused with the fix, instead of NumPy's shape ``()`` or a ComplexWarning.
    """
    if hasattr(x, "toarray") and hasattr(x, "nnz"):
        raise TypeError(f"{name} is a sparse matrix; pass a dense array: {name}.toarray()")
    try:
        array = np.asarray(x)
    except ValueError:  # NumPy 1.24+: "inhomogeneous shape"
        raise ValueError(f"{name} is a ragged list, its rows of different lengths; "
                         "every row must have the same length") from None
    if array.dtype.kind == "c":
        raise TypeError(f"{name} holds complex numbers; logistic regression needs real "
                        f"ones (if the imaginary parts are all 0, pass {name}.real)")
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold numbers; got dtype {array.dtype} "
                        f"(e.g. {array.ravel()[:1].tolist()})")
    return array


def is_whole(value):
    """True for a Python or NumPy integer (not a bool): a count of classes, epochs or examples."""
    return isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_))


def non_whole(y):
    """The entries of a float array `y` that are not whole numbers (labels must be)."""
    return y[y != np.round(y)] if y.dtype.kind == "f" else y[:0]


def as_float(array):
    """`array` as floats: integers and booleans become float64, floats keep their precision."""
    return array if array.dtype.kind == "f" else array.astype(np.float64)


def check_logits(z, name="z"):
    """Return logits `z` (any shape) as a finite float array, or raise ValueError."""
    z = as_float(as_array(z, name))
    _check_finite(z, name, "an infinite logit means the weights or the inputs have blown up")
    return z


def check_X(X):
    """Return `X` as a finite 2-D float array ``(m, d)``, or raise ValueError."""
    X = as_array(X, "X")
    if X.ndim != 2:
        hint = {1: "for one example pass X[None], of shape (1, d)",
                3: "flatten the images: X.reshape(len(X), -1)"}.get(
                    X.ndim, "flatten each example into one row")
        raise ValueError(f"X must be 2-D, one row per example (m, d); got shape {X.shape}: "
                         f"{hint}")
    if X.dtype.kind == "b":
        raise TypeError("X holds booleans; pass numbers (X.astype(float))")
    X = as_float(X)
    _check_finite(X, "X", "clean the data before training")
    return X


def check_params(w, b, d, *, m=None):
    """Return `w`, `b` as float arrays after checking them against ``d`` features.

    Binary: `w` ``(d,)`` and `b` a scalar, or `w` ``(d, 1)`` (the seed's
    column) and `b` a scalar or ``(1,)``.  k classes: `W` ``(d, k)`` and `b`
    ``(k,)``.  `m`, the number of examples, lets the message spot ``X``
    passed in the seed's layout ``(d, m)``.
    """
    w, b = as_array(w, "w"), as_array(b, "b")
    if w.ndim not in (1, 2) or w.shape[0] != d:
        seed = (f"X looks transposed ({SEED_LAYOUT}): pass X.T, of shape ({d}, {m})"
                if _looks_transposed(w.shape, m, d) else
                f"w must be ({d},) for one binary model or ({d}, k) for k classes")
        raise ValueError(f"w has shape {w.shape} but X has {d} columns: {seed}")
    w, b = as_float(w), as_float(b)
    expected = () if w.ndim == 1 else (w.shape[1],)
    if w.shape[1:] == (1,) and b.shape == ():
        b = b.reshape(1)  # the seed's scalar bias beside its (d, 1) weight column
    if b.shape != expected:
        raise ValueError(
            f"b has shape {b.shape} but w has shape {w.shape}: b must have "
            f"shape {expected} (a float for a binary model, one bias a class)")
    _check_finite(w, "w", "start from finite weights, e.g. zeros")
    _check_finite(b, "b", "start from a finite bias, e.g. 0")
    return w, b[()]


def check_binary_targets(y, shape, dtype=np.float64):
    """Return `y` as an array of 0s and 1s with the logits' ``shape``, in `dtype`.

    For a single model kept as a column (logits ``(m, 1)``), labels ``(m,)``
    are taken as that column.
    """
    y = as_array(y, "y")
    if len(shape) == 2 and shape[1] == 1 and y.shape == shape[:1]:
        y = y.reshape(shape)
    if y.shape != shape:
        if y.ndim == 2 and y.shape[0] == 1 and y.shape[1:] == shape[:1]:
            hint = f": y looks like the seed's row of labels; pass y.ravel(), shape {shape}"
        elif len(shape) == 2 and y.ndim == 1:
            hint = f"; for k = {shape[1]} classes pass one-hot labels, one_hot(y, {shape[1]})"
        else:
            hint = ""
        raise ValueError(f"y has shape {y.shape} but the logits z = X @ w + b have shape "
                         f"{shape}: they must match{hint}")
    bad = (y != 0) & (y != 1)
    if bad.any():
        raise ValueError(f"y must hold only 0 and 1; found {np.unique(y[bad])[:5]}. "
                         "For 'is it digit d?' use binary_labels(y, d)")
    return y.astype(dtype)


def check_k(k, name="k"):
    """Return the number of classes `k` as an int >= 1, or raise TypeError/ValueError."""
    if not is_whole(k):
        raise TypeError(f"{name}, the number of classes, must be a whole number such as 10; "
                        f"got {k!r}")
    if k < 1:
        raise ValueError(f"{name}, the number of classes, must be >= 1; got {k}")
    return int(k)


def check_class_labels(y, k, m=None, name="y"):
    """Return `y` as int64 ``(m,)`` after checking every label is in 0..k-1."""
    k = check_k(k)
    y = as_array(y, name)
    if y.ndim != 1 or (m is not None and len(y) != m):
        raise ValueError(f"{name} must have shape ({'m' if m is None else m},), one label "
                         f"an example; got {y.shape}")
    if y.dtype.kind == "b" or non_whole(y).size:
        raise ValueError(f"{name} must hold class labels, whole numbers 0..{k - 1}; "
                         f"found {non_whole(y)[:3] if y.dtype.kind == 'f' else y.dtype}")
    outside = (y < 0) | (y >= k)
    if outside.any():
        raise ValueError(f"{name} must lie in 0..{k - 1}; found {np.unique(y[outside])[:5]}")
    return y.astype(np.int64)


def check_examples(X):
    """Raise ValueError if `X` has no rows: a cost is a mean over at least one example."""
    if X.shape[0] == 0:
        raise ValueError("X has no examples (0 rows): the cost is a mean over the "
                         "examples and needs at least one")


def check_logistic_problem(w, b, X, y):
    """Checked ``(w, b, X, y)`` for logistic regression, binary or one-vs-rest."""
    X = check_X(X)
    y_shape = as_array(y, "y").shape
    m = X.shape[0]
    if _looks_transposed(np.shape(w), m, X.shape[1]) and y_shape[-1:] == (X.shape[1],):
        raise ValueError(  # every fix at once, not one error after another
            f"X {X.shape}, w {np.shape(w)} and y {y_shape} are in {SEED_LAYOUT}: pass X.T "
            f"(shape ({X.shape[1]}, {m})) and y.ravel() (shape ({X.shape[1]},)); "
            f"w of shape ({m},) or ({m}, 1) is fine")
    check_examples(X)
    w, b = check_params(w, b, X.shape[1], m=m)
    dtype = np.result_type(X, w, b)
    return w, b, X, check_binary_targets(y, (m,) + w.shape[1:], dtype)


def check_softmax_problem(W, b, X, y, l2):
    """Checked ``(W, b, X, y)`` for softmax regression with penalty `l2`."""
    X = check_X(X)
    check_examples(X)
    W, b = check_params(W, b, X.shape[1], m=X.shape[0])
    if W.ndim != 2:
        raise ValueError(f"softmax regression needs W of shape (d, k); got {W.shape}: "
                         f"for k classes start from np.zeros(({X.shape[1]}, k))")
    check_number(l2, "l2", zero_ok=True)
    return W, b, X, check_class_labels(y, W.shape[1], X.shape[0])


def check_number(value, name, *, zero_ok=False):
    """Raise TypeError unless `value` is a real number, ValueError unless finite and > 0
    (>= 0 with `zero_ok`)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number; got {value!r} "
                        f"({type(value).__name__})")
    if not np.isfinite(value) or value < 0 or (value == 0 and not zero_ok):
        raise ValueError(f"{name} must be a finite number {'>=' if zero_ok else '>'} 0; "
                         f"got {value!r}")


def check_schedule(epochs, rate, batch_size, decay, rng, m, momentum=0.0, threads=1,
                   shuffle="examples"):
    """Raise unless the training loop's settings make sense for m examples."""
    if not is_whole(epochs) or epochs < 0:
        raise ValueError(f"the number of iterations/epochs must be a whole number >= 0; "
                         f"got {epochs!r}")
    check_number(rate, "rate")
    if not is_whole(batch_size):
        raise TypeError(f"batch_size must be a whole number of examples; got {batch_size!r}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1; got {batch_size}")
    if decay not in ("none", "linear"):
        raise ValueError(f'decay must be "none" or "linear"; got {decay!r}')
    if shuffle not in ("examples", "batches"):
        raise ValueError(f'shuffle must be "examples" or "batches"; got {shuffle!r}')
    check_number(momentum, "momentum", zero_ok=True)
    if not momentum < 1:
        raise ValueError(f"momentum must be below 1 (0.9 is usual; 0 for none): each step keeps "
                         f"that fraction of the last, and {momentum!r} never lets a step fade")
    if threads is not None and (not is_whole(threads) or threads < 1):
        raise ValueError(f"threads must be a whole number >= 1, or None for the BLAS's own "
                         f"setting; got {threads!r}")
    if batch_size < m and not isinstance(rng, np.random.Generator):
        raise TypeError("mini-batches are drawn at random: pass "
                        f"rng=np.random.default_rng(seed), a Generator; got {rng!r}")


def _looks_transposed(w_shape, m, d):
    """True when w's first axis matches X's rows, not its columns: X was passed as (d, m)."""
    return len(w_shape) in (1, 2) and w_shape[0] == m != d


def _check_finite(A, name, advice):
    """Raise ValueError naming the first NaN or infinite entry of `A`."""
    # min and max carry any NaN or inf through and make no array the size of A
    if A.size == 0 or (np.isfinite(A.min()) and np.isfinite(A.max())):
        return
    finite = np.isfinite(A)
    if not finite.all():
        bad = np.argwhere(~finite)
        where = tuple(int(i) for i in bad[0])
        raise ValueError(f"{name} holds {len(bad)} NaN or infinite value(s), the first at "
                         f"index {where} ({A[where]}); {advice}")
