# %% [markdown]
"""Exercise 6. Softmax regression (the package's logreg_from_scratch/softmax.py).

Replace each ``raise NotImplementedError`` below with your code, then
grade this file from the clone's folder:

    python -m logreg_from_scratch.exercises check exercises/e6_softmax.py

or run it (``python exercises/e6_softmax.py``), or open it in Jupyter as a
notebook and run its last cell: it grades each function with ``check``.
Each function is graded in a process of its own, and fails if it
computes for more than 30 s (``check --time-limit``), ends the program,
changes numpy's error settings or the package, or silences a warning
(``np.errstate(over="ignore")`` and the like: the book's conventions
forbid it, so the grader fails it).

What counts as correct, function by function (the grader's properties,
the ones the package's own tests hold the package to):

- softmax: agrees with scipy.special.softmax(Z, axis=1) (absolute error <=
  1e-12) for logits up to 1000.
- log_softmax: agrees with scipy.special.log_softmax(Z, axis=1) (error <=
  1e-12 relative or absolute) for logits up to 1000.
- propagate_softmax: costs log k at W = 0, b = 0 (relative error <= 1e-12);
  returns the penalised cost (error <= 1e-12) and its gradients (error <=
  1e-6 against central differences).

Each function is graded on its own, with the package's versions of the
other steps in their place: a slip in one never fails another.  The
package is the solution, in logreg_from_scratch/softmax.py: look there
only after trying.  A fresh copy of every exercise file:
``python -m logreg_from_scratch.exercises new FOLDER``.
"""

# %%
import numpy as np

# the earlier steps, as the package has them: use them, or your own
from logreg_from_scratch.labels import one_hot


# %%
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
    raise NotImplementedError


# %%
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
    raise NotImplementedError


# %%
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
    raise NotImplementedError


# %%
if __name__ == "__main__":  # run as a script or a notebook: grade them here
    from logreg_from_scratch.exercises import check

    check(softmax)
    check(log_softmax)
    check(propagate_softmax)
