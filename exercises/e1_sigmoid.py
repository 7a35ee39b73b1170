# %% [markdown]
"""Exercise 1. The sigmoid and its logs (the package's logreg_from_scratch/sigmoid.py).

Replace each ``raise NotImplementedError`` below with your code, then
grade this file from the clone's folder:

    python -m logreg_from_scratch.exercises check exercises/e1_sigmoid.py

or run it (``python exercises/e1_sigmoid.py``), or open it in Jupyter as a
notebook and run its last cell: it grades each function with ``check``.
Each function is graded in a process of its own, and fails if it
computes for more than 30 s (``check --time-limit``), ends the program,
changes numpy's error settings or the package, or silences a warning
(``np.errstate(over="ignore")`` and the like: the book's conventions
forbid it, so the grader fails it).

What counts as correct, function by function (the grader's properties,
the ones the package's own tests hold the package to):

- sigmoid: no warning for any finite z, however large; agrees with
  scipy.special.expit (absolute error <= 1e-15) for every finite z.
- log_sigmoid: no warning for any finite z, however large; agrees with
  scipy.special.log_expit (relative error <= 1e-12) for every finite z.
- log_one_minus_sigmoid: no warning for any finite z, however large; agrees
  with scipy.special.log_expit(-z) (relative error <= 1e-12) for every
  finite z.

Each function is graded on its own, with the package's versions of the
other steps in their place: a slip in one never fails another.  The
package is the solution, in logreg_from_scratch/sigmoid.py: look there
only after trying.  A fresh copy of every exercise file:
``python -m logreg_from_scratch.exercises new FOLDER``.
"""

# %%
import numpy as np


# %%
def sigmoid(z):
    """The logistic function a = 1 / (1 + e^(-z)), elementwise.

    Parameters
    ----------
    z : float or ndarray, any shape
        Logits.

    Returns
    -------
    a : float or ndarray, same shape as `z`
        Probabilities in [0, 1].

    Notes
    -----
    Only e^(-|z|), which lies in (0, 1], is ever computed: for z >= 0 the
    formula is 1 / (1 + e^(-z)), for z < 0 the same fraction multiplied
    through by e^z, e^z / (1 + e^z).  Neither can overflow.
    """
    raise NotImplementedError


# %%
def log_sigmoid(z):
    """log a = log sigma(z) = -log(1 + e^(-z)), elementwise.

    Parameters
    ----------
    z : float or ndarray, any shape
        Logits.

    Returns
    -------
    log_a : float or ndarray, same shape as `z`
        Values <= 0; about z itself for very negative z
        (log_sigmoid(-1000) is exactly -1000).
    """
    raise NotImplementedError


# %%
def log_one_minus_sigmoid(z):
    """log(1 - a) = log(1 - sigma(z)) = -log(1 + e^z), elementwise.

    Equal to ``log_sigmoid(-z)``, because 1 - sigma(z) = sigma(-z).

    Parameters
    ----------
    z : float or ndarray, any shape
        Logits.

    Returns
    -------
    log_1_minus_a : float or ndarray, same shape as `z`
        Values <= 0; about -z for very positive z.
    """
    raise NotImplementedError


# %%
if __name__ == "__main__":  # run as a script or a notebook: grade them here
    from logreg_from_scratch.exercises import check

    check(sigmoid)
    check(log_sigmoid)
    check(log_one_minus_sigmoid)
