# %% [markdown]
"""Exercise 13. Bayesian prediction by the Laplace approximation (the package's logreg_from_scratch/laplace.py).

Replace each ``raise NotImplementedError`` below with your code, then
grade this file from the clone's folder:

    python -m logreg_from_scratch.exercises check exercises/e13_laplace.py

or run it (``python exercises/e13_laplace.py``), or open it in Jupyter as a
notebook and run its last cell: it grades each function with ``check``.
Each function is graded in a process of its own, and fails if it
computes for more than 30 s (``check --time-limit``), ends the program,
changes numpy's error settings or the package, or silences a warning
(``np.errstate(over="ignore")`` and the like: the book's conventions
forbid it, so the grader fails it).

What counts as correct, function by function (the grader's properties,
the ones the package's own tests hold the package to):

- laplace_logits: gives each image's psi2 = x~ (m H*)^-1 x~^T, with x~ the
  image with a 1 appended and H* the penalised Hessian at (w, b) (relative
  error <= 1e-7); gives z = z* / sqrt(1 + pi psi2 / 8), z* = X @ w + b, the
  logit whose sigmoid is the predictive probability (relative error <=
  1e-7).

Each function is graded on its own, with the package's versions of the
other steps in their place: a slip in one never fails another.  The
package is the solution, in logreg_from_scratch/laplace.py: look there
only after trying.  A fresh copy of every exercise file:
``python -m logreg_from_scratch.exercises new FOLDER``.
"""

# %%
import numpy as np

# the earlier steps, as the package has them: use them, or your own
from logreg_from_scratch.newton import hessian, penalised


# %%
def laplace_logits(w, b, X_train, y_train, X, *, l2):
    """The Laplace approximation's logits for the images `X`, chi(psi^2) z*, (11.16).

    Parameters
    ----------
    w : ndarray, shape (d,)
    b : float
        The MAP: the minimum of the penalised cost J_l2 (10.1) on the
        training images, e.g. from ``newton.newton(..., l2=l2)``.
    X_train : ndarray, shape (m, d)
    y_train : ndarray, shape (m,)
        The training images and their 0/1 labels, which (w, b) minimises
        J_l2 on.
    X : ndarray, shape (n, d)
        The images to predict.
    l2 : float > 0
        The penalty's weight, the prior's precision over m (6.6).

    Returns
    -------
    z : ndarray, shape (n,)
        chi(psi^2) z*, with z* = X @ w + b and chi(psi^2) =
        (1 + pi psi^2 / 8)^(-1/2): sigma(z) is the predictive probability.
    psi2 : ndarray, shape (n,)
        Each logit's posterior variance, x~ (m H*)^-1 x~^T, x~ the image
        with a 1 appended.

    Raises
    ------
    ValueError
        (w, b) is not the minimum (its gradient is longer than 1e-6), or
        l2 is not above 0.
    """
    raise NotImplementedError


# %%
if __name__ == "__main__":  # run as a script or a notebook: grade them here
    from logreg_from_scratch.exercises import check

    check(laplace_logits)
