# %% [markdown]
"""Exercise 2. The cost, from the logits (the package's logreg_from_scratch/cost.py).

Replace each ``raise NotImplementedError`` below with your code, then
grade this file from the clone's folder:

    python -m logreg_from_scratch.exercises check exercises/e2_cost.py

or run it (``python exercises/e2_cost.py``), or open it in Jupyter as a
notebook and run its last cell: it grades each function with ``check``.
Each function is graded in a process of its own, and fails if it
computes for more than 30 s (``check --time-limit``), ends the program,
changes numpy's error settings or the package, or silences a warning
(``np.errstate(over="ignore")`` and the like: the book's conventions
forbid it, so the grader fails it).

What counts as correct, function by function (the grader's properties,
the ones the package's own tests hold the package to):

- cross_entropy: is log 2 at z = 0 for one model and k log 2 for k models,
  whatever the labels (relative error <= 1e-12); agrees with -(y
  log_expit(z) + (1 - y) log_expit(-z)) from scipy, its mean over the
  examples summed over the k models (error <= 1e-12 relative or 1e-15
  absolute) for |z| up to 1e6.

Each function is graded on its own, with the package's versions of the
other steps in their place: a slip in one never fails another.  The
package is the solution, in logreg_from_scratch/cost.py: look there
only after trying.  A fresh copy of every exercise file:
``python -m logreg_from_scratch.exercises new FOLDER``.
"""

# %%
import numpy as np

# the earlier steps, as the package has them: use them, or your own
from logreg_from_scratch.sigmoid import log_one_minus_sigmoid, log_sigmoid


# %%
def cross_entropy(z, y):
    """Binary cross-entropy of logits `z` against 0/1 labels `y`: one model, or k summed.

        J = -1/m sum_i [ y_i log sigma(z_i) + (1 - y_i) log(1 - sigma(z_i)) ]

    for one model (2.4); for k one-vs-rest models, one a column, the sum
    of the k models' costs J_l, each the mean over the m examples (3.2).

    Parameters
    ----------
    z : ndarray, shape (m,) or (m, k)
        Logits X @ w + b, finite (|z| up to the largest float).
    y : ndarray, same shape as `z`
        Labels 0 or 1.  With ``(m, k)``, a one-hot matrix, one column a
        one-vs-rest model.

    Returns
    -------
    J : float
        For ``(m,)``: the binary cost, the mean of the m losses.  For
        ``(m, k)``: J = sum_l J_l, the sum of the k one-vs-rest costs
        (computed as k times the mean of all m k losses, the same number).
        Exactly log 2 = 0.6931... when z = 0 for one model (every loss is
        log 2), k log 2 for k models; never negative.  Finite for every
        finite z for one model; for k models, inf only where the sum of
        the k costs passes the largest float (about 1.8e308).
    """
    raise NotImplementedError


# %%
if __name__ == "__main__":  # run as a script or a notebook: grade them here
    from logreg_from_scratch.exercises import check

    check(cross_entropy)
