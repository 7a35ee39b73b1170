"""Step 6: softmax regression, one model for all k classes at once.

One-vs-rest trains k separate "is it class l?" models.  Softmax regression
makes the k scores compete for one probability distribution per image:

    Z = X W + b                                  (m, k) logits
    P = softmax(Z),  P[i, l] = e^Z[i, l] / sum_l' e^Z[i, l']
    J = -(1/m) sum_i log P[i, y_i]  +  (l2 / 2) ||W||^2
    dW = (1/m) X^T (P - Y) + l2 W,   db = (1/m) sum_i (P - Y)[i]

with Y = one_hot(y, k).  The L2 term penalises the weights only, not the
biases.  Adding a constant gamma to a row of Z changes nothing (e^gamma cancels),
so the row maximum is subtracted first: e^(Z - max) never overflows, and
log P = (Z - max) - log sum e^(Z - max) is finite whenever each row spans
less than the float range (max - min < 1.8e308).  A row that spans more,
such as [1e308, -1e308], has a log-probability below anything float64 can
hold: log P is then -inf there and P exactly 0, the correctly rounded answers.

scikit-learn's ``LogisticRegression(C=...)`` minimises
C sum_i loss_i + (1/2) ||W||^2; divided by C m that is J with
l2 = 1 / (C m).  Its default C = 1 on 60,000 images is l2 = 1.67e-5.
"""
import numpy as np

from .checks import check_logits, check_params, check_softmax_problem, check_X
from .cost import mean_of_losses


def log_softmax(Z):
    """log softmax(Z), row by row: (Z - max) - log sum_j e^(Z - max).

    Parameters
    ----------
    Z : ndarray, shape (m, k)
        Logits (float32 stays float32).

    Returns
    -------
    log_P : ndarray, shape (m, k)
        Each row's exponentials sum to 1.  Finite unless a row spans more
        than the float range (then -inf where P rounds to 0).
    """
    return _log_softmax(_check_Z(Z))


def _log_softmax(Z):
    """`log_softmax` of logits already checked, for the training loop's every step."""
    shifted = _shifted(Z)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax(Z):
    """softmax(Z), row by row: e^(Z - max) / sum_j e^(Z - max).

    Parameters
    ----------
    Z : ndarray, shape (m, k)

    Returns
    -------
    P : ndarray, shape (m, k)
        Entries in [0, 1], each row summing to 1.
    """
    E = np.exp(_shifted(_check_Z(Z)))
    return E / E.sum(axis=1, keepdims=True)


def _check_Z(Z):
    """Return `Z` as a finite 2-D float array of logits ``(m, k)``, k >= 1, or raise."""
    Z = check_logits(Z, "Z")
    if Z.ndim != 2 or Z.shape[1] == 0:
        raise ValueError(f"Z must be 2-D (m, k) with k >= 1, one row of logits an "
                         f"example; got shape {Z.shape}")
    return Z


def _shifted(Z):
    """Z - max_l Z[i, l] row by row: ``(m, k)`` logits in, ``(m, k)`` out, each row's max 0."""
    # The subtraction overflows only for a row spanning more than the float
    # range; its true value is then below -1.8e308 and -inf is its correct
    # rounding (see the module's text), so that one overflow is expected.
    with np.errstate(over="ignore"):
        return Z - Z.max(axis=1, keepdims=True)  # the row maximum becomes 0


def propagate_softmax(W, b, X, y, l2=0.0):
    """Cost and gradients of softmax regression with an L2 penalty on W.

    Parameters
    ----------
    W : ndarray, shape (d, k)
    b : ndarray, shape (k,)
    X : ndarray, shape (m, d)
    y : ndarray of int, shape (m,)
        Class labels 0..k-1 (not one-hot).
    l2 : float
        Strength of (l2 / 2) ||W||^2; 0 for none.

    Returns
    -------
    cost : float
        J = -(1/m) sum_i log P[i, y_i] + (l2 / 2) ||W||^2; exactly log k at W = 0, b = 0.
    dW : ndarray, shape (d, k)
        (1/m) X^T (P - Y) + l2 W.
    db : ndarray, shape (k,)
        (1/m) sum_i (P - Y)[i].
    """
    return _propagate_softmax(*check_softmax_problem(W, b, X, y, l2), l2)


def _propagate_softmax(W, b, X, y, l2=0.0):
    """`propagate_softmax` without the input checks, for loops that checked once."""
    m = X.shape[0]
    rows = np.arange(m)
    Z = X @ W + b                           # (m, k)
    log_P = _log_softmax(Z)
    cost = mean_of_losses(-log_P[rows, y])
    # P - Y, without building Y.  For the true class, P - 1 is computed as minus
    # the other classes' probabilities: P[i, y_i] - 1 would lose every digit of
    # a tiny 1 - P near P = 1, as a - y would in the binary model (gradients.py).
    dZ = np.exp(log_P)                      # P, from the logs already computed
    dZ[rows, y] = 0.0
    dZ[rows, y] = -dZ.sum(axis=1)
    dZ /= m                                 # the 1/m on (m, k) numbers rather than (d, k)
    dW = X.T @ dZ                           # (d, k)
    db = dZ.sum(axis=0)                     # (k,)
    if l2:                                  # skipped at l2 = 0: a step is many small operations
        cost += l2 / 2 * np.sum(W * W)
        dW += l2 * W
    return float(cost), dW, db


def predict_softmax(W, b, X):
    """The most probable class, argmax_l P[i, l] = argmax_l Z[i, l].

    Parameters
    ----------
    W : ndarray, shape (d, k)
    b : ndarray, shape (k,)
    X : ndarray, shape (m, d)

    Returns
    -------
    y_pred : ndarray of int64, shape (m,)
    """
    X = check_X(X)
    W, b = check_params(W, b, X.shape[1], m=X.shape[0])
    if W.ndim != 2:
        raise ValueError(f"predict_softmax needs W of shape (d, k); got {W.shape}: "
                         "for a binary model (w of shape (d,)) use predict.predict")
    return np.argmax(X @ W + b, axis=1)  # softmax is monotone in each row: no need for P
