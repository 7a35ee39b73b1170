# %% [markdown]
"""Exercise 8. Newton's method (the package's logreg_from_scratch/newton.py).

Replace each ``raise NotImplementedError`` below with your code, then
grade this file from the clone's folder:

    python -m logreg_from_scratch.exercises check exercises/e8_newton.py

or run it (``python exercises/e8_newton.py``), or open it in Jupyter as a
notebook and run its last cell: it grades each function with ``check``.
Each function is graded in a process of its own, and fails if it
computes for more than 30 s (``check --time-limit``), ends the program,
changes numpy's error settings or the package, or silences a warning
(``np.errstate(over="ignore")`` and the like: the book's conventions
forbid it, so the grader fails it).

What counts as correct, function by function (the grader's properties,
the ones the package's own tests hold the package to):

- hessian: agrees with central differences of the penalised gradient (error
  <= 1e-6).
- newton_step: returns theta + delta with H delta = -g (error <= 1e-5).

Each function is graded on its own, with the package's versions of the
other steps in their place: a slip in one never fails another.  The
package is the solution, in logreg_from_scratch/newton.py: look there
only after trying.  A fresh copy of every exercise file:
``python -m logreg_from_scratch.exercises new FOLDER``.
"""

# %%
import numpy as np

# the earlier steps, as the package has them: use them, or your own
from logreg_from_scratch.gradients import propagate
from logreg_from_scratch.sigmoid import sigmoid


# %%
def hessian(w, b, X, l2=0.0):
    """The Hessian of the L2-penalised binary cost with respect to (w, b), (10.2).

    Parameters
    ----------
    w : ndarray, shape (d,)
    b : float
    X : ndarray, shape (m, d)
    l2 : float
        Strength of (l2 / 2) ||w||^2, >= 0; the bias is not penalised.

    Returns
    -------
    H : ndarray, shape (d + 1, d + 1)
        (1/m) [X 1]^T S [X 1] + l2 diag(1, ..., 1, 0), with
        S = diag(a (1 - a)), the bias last.  Symmetric; positive definite
        when l2 > 0.
    """
    raise NotImplementedError


# %%
def newton_step(w, b, X, y, l2=0.0):
    """One Newton step (10.4): solve H delta = -g, return theta + delta, theta = (w, b).

    g = (dw + l2 w, db) and H are the gradient and the Hessian (`hessian`) of
    the penalised cost at (w, b).

    Parameters
    ----------
    w : ndarray, shape (d,)
    b : float
    X : ndarray, shape (m, d)
    y : ndarray, shape (m,)
        Labels 0/1.
    l2 : float
        Strength of (l2 / 2) ||w||^2, >= 0.

    Returns
    -------
    w : ndarray, shape (d,)
    b : float
        The new parameters; the inputs are not modified.

    Raises
    ------
    ValueError
        H is singular: l2 = 0 with a pixel blank in every image (give l2 > 0), a
        point so far from the minimum that every a (1 - a) rounds to 0, or any
        other direction the curvature misses.
    """
    raise NotImplementedError


# %%
if __name__ == "__main__":  # run as a script or a notebook: grade them here
    from logreg_from_scratch.exercises import check

    check(hessian)
    check(newton_step)
