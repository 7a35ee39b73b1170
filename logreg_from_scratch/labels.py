"""Labels in the two forms the models need.

The files give each image its digit, an integer 0..9.  A binary model asks
"is it digit d?" and wants y = 1 for d and 0 otherwise; k one-vs-rest
models want one such 0/1 column each, the one-hot matrix Y with
Y[i, j] = 1 exactly when example i is of class j.
"""
import numpy as np

from .checks import check_class_labels


def binary_labels(y, digit):
    """1 where ``y == digit``, 0 elsewhere.

    Parameters
    ----------
    y : ndarray of int, shape (m,)
        Digits 0..9.
    digit : int
        The digit the binary model should recognise.

    Returns
    -------
    y_binary : ndarray of int64, shape (m,)
    """
    y = check_class_labels(y, 10)
    if digit not in range(10):
        raise ValueError(f"digit must be one of 0..9; got {digit!r}")
    return (y == digit).astype(np.int64)


def one_hot(y, k):
    """One-hot encoding: Y[i, j] = 1 if y[i] == j else 0.

    Parameters
    ----------
    y : ndarray of int, shape (m,)
        Class labels 0..k-1.
    k : int
        Number of classes.

    Returns
    -------
    Y : ndarray of float64, shape (m, k)
    """
    y = check_class_labels(y, k)
    Y = np.zeros((len(y), k))
    Y[np.arange(len(y)), y] = 1.0
    return Y
