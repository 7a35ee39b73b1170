"""The book's experiments, each in one place: the chapters and exercises/ANSWERS.md both call them.

An experiment that a chapter runs and an answer quotes lives here once, so
the two cannot disagree.  Every choice of a setting is made on the
validation images (``load_mnist(validation=True)``); the test images are
scored once, for the setting chosen.
"""
import numpy as np

from .optimize import train_softmax
from .predict import accuracy
from .softmax import predict_softmax

#: Chapter 5's training settings, chosen on validation accuracy by
#: benchmarks/softmax_settings.py (its rule is in its docstring); chapter 8 times them.
SOFTMAX_SGD = {"epochs": 2, "rate": 2.0, "batch_size": 100, "decay": "linear",
               "shuffle": "batches"}


def generators(seed, n):
    """`n` independent random generators from one --seed (numpy's SeedSequence.spawn).

    One for shuffling the data and one for the order of the batches, say:
    two generators from the same seed would draw the same numbers.
    """
    return [np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(n)]


def fit_softmax(X, y, rng, k=10, callback=None, **changes):
    """Softmax regression trained from zero with chapter 5's settings, or `changes` to them.

    Parameters
    ----------
    X : ndarray, shape (m, d)
    y : ndarray of int, shape (m,)
    rng : numpy.random.Generator
        The batches' order.
    changes
        Settings of ``train_softmax`` that differ from ``SOFTMAX_SGD``
        (``epochs``, ``rate``, ``l2``, ...).

    Returns
    -------
    W : ndarray, shape (d, k)
    b : ndarray, shape (k,)
    costs : ndarray
        Every step's batch cost.
    """
    return train_softmax(np.zeros((X.shape[1], k), X.dtype), np.zeros(k, X.dtype), X, y,
                         **{**SOFTMAX_SGD, **changes}, rng=rng, callback=callback)


def right(W, b, X, y):
    """Whether softmax weights `W`, `b` classify each row of `X` right: bool, shape (m,)."""
    return predict_softmax(W, b, X) == y

