"""Step 3: the gradient of the cost, and a numerical check of it.

With z = X w + b and a = sigma(z), the chain rule through
dJ/da * da/dz = (a - y) gives, for the mean cost over m examples,

    dw = dJ/dw = (1/m) X^T (a - y)        shape (d,)
    db = dJ/db = (1/m) sum_i (a_i - y_i)  a float

The same two lines serve k one-vs-rest models at once, with W (d, k),
b (k,) and one-hot Y (m, k): each column is its own binary model, and
since the one-vs-rest cost is the sum of the k models' costs (3.2), the
gradient of that sum in column l is model l's own gradient (3.3).

Where the code departs from the notation: a - y is computed as

    a - y = (1 - y) sigma(z) - y sigma(-z),

the same number for labels 0 and 1 (one of the two terms is exactly 0),
because 1 - a = sigma(-z) is then taken from z itself.  Written as a - y,
an image labelled 1 with z = 37 gets a = 1.0 (sigma(37) rounds to 1) and
dz = 0, where the true value is -sigma(-37) = -8.5e-17: a confident model's
small gradients would vanish by cancellation, as they do at z = 20 to
about 8 digits.

``numerical_gradient`` estimates any gradient by central differences,
(f(x + h) - f(x - h)) / 2h per coordinate, so the analytic one can be
checked (``relative_error`` compares the two); it is slow (two calls of f
a coordinate) and only for checking.
"""
import numpy as np

from .checks import check_logistic_problem, check_number
from .cost import cross_entropy
from .sigmoid import sigmoid


def propagate(w, b, X, y):
    """Cost and gradients of logistic regression, vectorized.

    Parameters
    ----------
    w : ndarray, shape (d,) or (d, k)
        Weights: one binary model, or k one-vs-rest models as columns.
    b : float, or ndarray of shape (k,)
        Bias(es).
    X : ndarray, shape (m, d)
        One example a row.
    y : ndarray, shape (m,) or (m, k)
        Labels 0/1 (binary) or one-hot labels (k classes).

    Returns
    -------
    cost : float
        ``cross_entropy(X @ w + b, y)``: for k classes the sum of the k
        models' costs, J = sum_l J_l (3.2).
    dw : ndarray, shape (d,) or (d, k)
        (1/m) X^T (a - y), the gradient of `cost` in w (2.8, 3.3).  For k
        classes, column l is also model l's own gradient, since only J_l
        depends on column l: the k models learn independently, each as it
        would alone.
    db : float, or ndarray of shape (k,)
        (1/m) sum_i (a_i - y_i), the gradient of `cost` in b; per column
        for k classes.
    """
    return _propagate(*check_logistic_problem(w, b, X, y))


def _propagate(w, b, X, y):
    """`propagate` without the input checks, for loops that checked once."""
    return _from_logits(X @ w + b, X, y)  # z: (m,) or (m, k)


def _from_logits(z, X, y):
    """The cost and gradients once the logits z = X w + b are known."""
    m = X.shape[0]
    dz = (1 - y) * sigmoid(z) - y * sigmoid(-z)  # a - y, without cancellation (see above)
    dw = X.T @ dz / m                  # (d,) or (d, k)
    db = dz.mean(axis=0)               # (1/m) sum_i dz_i: float or (k,)
    return cross_entropy(z, y), dw, db


def numerical_gradient(f, x, h=1e-5, entries=None):
    """Central-difference estimate of the gradient of a scalar function.

        df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / (2 h)

    Each entry costs two calls of f.

    Parameters
    ----------
    f : callable
        Takes an array shaped like `x` and returns a float.
    x : float or ndarray, any shape
        Where to evaluate the gradient; not modified.
    h : float
        Step.  1e-5 balances the h^2 truncation error against the
        rounding error of f / h for float64.
    entries : sequence of int, optional
        Estimate only these entries, given as indices into ``x.ravel()``.

    Returns
    -------
    grad : float or ndarray
        The same shape as `x`; with `entries`, shape ``(len(entries),)``,
        the partial derivatives along those entries, in their order.
    """
    check_number(h, "h, the finite-difference step,")
    x = np.array(x, dtype=np.float64)  # a private copy: f never sees the caller's x
    flat, shape = x.reshape(-1), x.shape  # flat is a view of that copy
    along = np.arange(flat.size) if entries is None else np.asarray(entries, dtype=int)
    grad = np.array([_central(lambda v: f(v.reshape(shape)), flat, i, h) for i in along])
    return grad.reshape(shape)[()] if entries is None else grad


def _central(f, x, i, h):
    """(f(x + h e_i) - f(x - h e_i)) / 2h for the flat array x (restored afterwards)."""
    saved = x[i]
    x[i] = saved + h
    f_plus = f(x.copy())
    x[i] = saved - h
    f_minus = f(x.copy())
    x[i] = saved
    return (f_plus - f_minus) / (2 * h)


def relative_error(a, n):
    """Entrywise relative error of an analytic gradient `a` against a numerical `n`.

        err = |a - n| / max(|a| + |n|, 1e-12)

    Scale-free, so one threshold (1e-6 for float64 central differences)
    serves every entry; the floor keeps two exact zeros from giving 0/0.

    Parameters
    ----------
    a, n : float or ndarray, same shape

    Returns
    -------
    err : float or ndarray, same shape, each entry in [0, 1]
    """
    a, n = np.asarray(a), np.asarray(n)
    return (np.abs(a - n) / np.maximum(np.abs(a) + np.abs(n), 1e-12))[()]
