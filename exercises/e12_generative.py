# %% [markdown]
"""Exercise 12. Two Gaussian classes: where the sigmoid comes from (the package's logreg_from_scratch/generative.py).

Replace each ``raise NotImplementedError`` below with your code, then
grade this file from the clone's folder:

    python -m logreg_from_scratch.exercises check exercises/e12_generative.py

or run it (``python exercises/e12_generative.py``), or open it in Jupyter as a
notebook and run its last cell: it grades each function with ``check``.
Each function is graded in a process of its own, and fails if it
computes for more than 30 s (``check --time-limit``), ends the program,
changes numpy's error settings or the package, or silences a warning
(``np.errstate(over="ignore")`` and the like: the book's conventions
forbid it, so the grader fails it).

What counts as correct, function by function (the grader's properties,
the ones the package's own tests hold the package to):

- gaussian_classes: gives logits X @ w + b equal to Bayes' rule (4.7) with
  the classes' mean points, their pooled covariance (shrunk by `shrinkage`)
  and their shares, by SciPy's Gaussian density (error <= 1e-7); with
  shrinkage = 1 uses the mean variance times the identity, so that w = (nu_1
  - nu_0) / (trace(Sigma) / d).

Each function is graded on its own, with the package's versions of the
other steps in their place: a slip in one never fails another.  The
package is the solution, in logreg_from_scratch/generative.py: look there
only after trying.  A fresh copy of every exercise file:
``python -m logreg_from_scratch.exercises new FOLDER``.
"""

# %%
import numpy as np


# %%
def gaussian_classes(X, y, *, shrinkage=0.0):
    """The weights and bias of two Gaussian classes with a shared covariance, (4.9).

    Parameters
    ----------
    X : ndarray, shape (m, d)
        The images (or any features), one a row.
    y : ndarray, shape (m,)
        0 or 1; both must occur, each at least once.
    shrinkage : float in [0, 1]
        0 uses the pooled covariance Sigma as it is; s > 0 uses
        (1 - s) Sigma + s (trace(Sigma) / d) I, which is invertible for any
        s > 0 unless every feature is constant.

    Returns
    -------
    w : ndarray, shape (d,)
        Sigma^-1 (nu_1 - nu_0).
    b : float
        -1/2 nu_1.Sigma^-1 nu_1 + 1/2 nu_0.Sigma^-1 nu_0 + log(m_1 / m_0),
        with m_1, m_0 the numbers of 1s and 0s.

    Notes
    -----
    nu_l is the mean of the rows labelled l; Sigma is the pooled covariance,
    the mean over all m rows of (x - nu_y)(x - nu_y)^T, each row centred at
    its own class's mean.  sigma(w.x + b) is then the exact probability
    Pr(y = 1 | x) under the fitted model.
    """
    raise NotImplementedError


# %%
if __name__ == "__main__":  # run as a script or a notebook: grade them here
    from logreg_from_scratch.exercises import check

    check(gaussian_classes)
