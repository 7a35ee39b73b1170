"""Step 5: using the model, probabilities, predicted labels, accuracy.

A binary model answers "yes" when a = sigma(X w + b) > 0.5, that is when
z > 0.  With k one-vs-rest models (W of shape (d, k)) the prediction is the
class whose model is most confident, argmax_j a_j.

In exact arithmetic argmax_j sigma(z_j) = argmax_j z_j.  In float64,
sigma(z) rounds to exactly 1.0 for z > 37, so two saturated models tie and
argmax picks the lower class.  The seed notebook takes the argmax of a, and
so does ``predict``, to reproduce its numbers; chapter 03 shows what
changes when you take the argmax of z instead.
"""
import numpy as np

from .checks import check_class_labels, check_params, check_X
from .sigmoid import sigmoid


def predict_proba(w, b, X):
    """Probabilities a = sigma(X @ w + b).

    Parameters
    ----------
    w : ndarray, shape (d,) or (d, k)
    b : float, or ndarray of shape (k,)
    X : ndarray, shape (m, d)

    Returns
    -------
    a : ndarray, shape (m,) or (m, k)
        P(y = 1 | x) for a binary model; for k one-vs-rest models each
        model's own "is it class j?" probability (rows need not sum to 1).
    """
    X = check_X(X)
    w, b = check_params(w, b, X.shape[1])
    return sigmoid(X @ w + b)


def predict(w, b, X):
    """Predicted labels.

    Parameters
    ----------
    w : ndarray, shape (d,) or (d, k)
    b : float, or ndarray of shape (k,)
    X : ndarray, shape (m, d)

    Returns
    -------
    y_pred : ndarray of int64, shape (m,)
        0/1 (a > 0.5) for a binary model, argmax over the k columns otherwise.
    """
    a = predict_proba(w, b, X)
    if a.ndim == 1:
        return (a > 0.5).astype(np.int64)
    return np.argmax(a, axis=1)


def accuracy(y_pred, y):
    """Fraction of correct predictions, mean(y_pred == y).

    Parameters
    ----------
    y_pred : ndarray, shape (m,)
    y : ndarray, shape (m,)

    Returns
    -------
    accuracy : float in [0, 1]
    """
    y_pred, y = np.asarray(y_pred), np.asarray(y)
    if y_pred.shape != y.shape or y.ndim != 1 or y.size == 0:
        raise ValueError(
            f"y_pred has shape {y_pred.shape} and y {y.shape}: accuracy needs "
            "two non-empty label vectors of the same shape (m,); for one-hot "
            "labels compare against their argmax(axis=1)")
    return float(np.mean(y_pred == y))


def confusion_matrix(y_pred, y, k):
    """Counts C[i, j] of examples of true class i predicted as class j.

    Parameters
    ----------
    y_pred : ndarray of int, shape (m,)
    y : ndarray of int, shape (m,)
    k : int
        Number of classes.

    Returns
    -------
    C : ndarray of int64, shape (k, k)
        Rows are true classes, columns predictions; the diagonal holds the
        correct ones and C.sum() == m.
    """
    accuracy(y_pred, y)  # the same shape checks
    y = check_class_labels(y, k)
    y_pred = check_class_labels(y_pred, k)
    return np.bincount(k * y + y_pred, minlength=k * k).reshape(k, k)
