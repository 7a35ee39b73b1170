"""Step 5: using the model, probabilities, predicted labels, accuracy.

A binary model answers "yes" when a = sigma(X w + b) > 0.5, that is when
z > 0; ``predict`` decides from z itself, because sigma(z) rounds to exactly
0.5 for 0 < z < 1.1e-16.  A single model kept as a column, w of shape
(d, 1) as the seed stores it, is the same binary model.

With k one-vs-rest models (W of shape (d, k), k >= 2) the prediction is the
class whose model is most confident, argmax_j a_j.  In exact arithmetic
argmax_j sigma(z_j) = argmax_j z_j.  In float64, sigma(z) rounds to exactly
1.0 for z > 37, so two saturated models tie and argmax picks the lower
class.  The original notebook takes the argmax of a, and so does ``predict``,
to reproduce its numbers; chapter 3 shows what changes when you take the
argmax of z instead.

``distance_to_boundary`` gives the geometry behind the answer: how far each
image lies from the boundary z = 0, on which side (chapter 4, (4.5)).
"""
import numpy as np

from .checks import as_array, check_class_labels, check_k, check_params, check_X, non_whole
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
    w, b = check_params(w, b, X.shape[1], m=X.shape[0])
    return sigmoid(X @ w + b)


def predict(w, b, X):
    """Predicted labels.

    Parameters
    ----------
    w : ndarray, shape (d,), (d, 1) or (d, k)
    b : float, or ndarray of shape (1,) or (k,)
    X : ndarray, shape (m, d)

    Returns
    -------
    y_pred : ndarray of int64, shape (m,)
        For a binary model (w of shape (d,) or (d, 1)): 1 where z > 0, that
        is a > 0.5, else 0.  For k >= 2 one-vs-rest models: argmax_j a_j.
    """
    X = check_X(X)
    w, b = check_params(w, b, X.shape[1], m=X.shape[0])
    z = X @ w + b
    if w.ndim == 1 or w.shape[1] == 1:
        return (z.reshape(-1) > 0).astype(np.int64)
    return np.argmax(sigmoid(z), axis=1)


def distance_to_boundary(w, b, X):
    """Signed distance of each image from a binary model's boundary, (4.5).

    The boundary is the hyperplane {x : w.x + b = 0}, whose normal is w
    (4.4).  The distance of x from it, positive on the side the model
    answers "yes", is

        dist(x) = (w.x + b) / ||w||,

    so the logit is the distance times ||w|| (4.6).

    Parameters
    ----------
    w : ndarray, shape (d,) or (d, 1)
        A binary model's weights, not all 0.
    b : float, or ndarray of shape (1,)
    X : ndarray, shape (m, d)

    Returns
    -------
    dist : ndarray of float64, shape (m,)
        In the units of X's features (grey levels for raw pixels).
    """
    X = check_X(X)
    w, b = check_params(w, b, X.shape[1], m=X.shape[0])
    if w.ndim == 2 and w.shape[1] > 1:
        raise ValueError(
            f"w has shape {w.shape}: a boundary belongs to one binary model; for "
            f"model l of k one-vs-rest models pass its column, W[:, l], and b[l]")
    w, b = w.reshape(-1), float(np.reshape(b, -1)[0])
    length = np.linalg.norm(w)
    if length == 0:
        raise ValueError(
            "every weight in w is 0: such a model gives every image the same logit b, "
            "so it has no boundary to measure a distance from; train it first")
    return (X @ w + b) / length


def accuracy(y_pred, y):
    """Fraction of correct predictions, mean(y_pred == y).

    Parameters
    ----------
    y_pred : ndarray of int, shape (m,)
        Predicted labels, e.g. ``predict(w, b, X)``.
    y : ndarray of int, shape (m,)
        True labels.

    Returns
    -------
    accuracy : float in [0, 1]
    """
    y_pred, y = as_array(y_pred, "y_pred"), as_array(y, "y")
    if y_pred.shape != y.shape or y.ndim != 1 or y.size == 0:
        raise ValueError(
            f"y_pred has shape {y_pred.shape} and y {y.shape}: accuracy needs "
            "two non-empty label vectors of the same shape (m,); for one-hot "
            "labels compare against their argmax(axis=1)")
    for name, labels in (("y_pred", y_pred), ("y", y)):
        if non_whole(labels).size:
            raise ValueError(
                f"{name} holds {non_whole(labels)[:3]}, which are not "
                "labels: accuracy compares predicted labels with true ones; pass "
                "predict(w, b, X), not predict_proba(w, b, X)")
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
    k = check_k(k)
    accuracy(y_pred, y)  # the same shape checks
    y = check_class_labels(y, k)
    y_pred = check_class_labels(y_pred, k, name="y_pred")
    return np.bincount(k * y + y_pred, minlength=k * k).reshape(k, k)
