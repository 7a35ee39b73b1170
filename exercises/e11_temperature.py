# %% [markdown]
"""Exercise 11. Temperature scaling (the package's logreg_from_scratch/calibrate.py).

Replace each ``raise NotImplementedError`` below with your code, then
grade this file from the clone's folder:

    python -m logreg_from_scratch.exercises check exercises/e11_temperature.py

or run it (``python exercises/e11_temperature.py``), or open it in Jupyter as a
notebook and run its last cell: it grades each function with ``check``.
Each function is graded in a process of its own, and fails if it
computes for more than 30 s (``check --time-limit``), ends the program,
changes numpy's error settings or the package, or silences a warning
(``np.errstate(over="ignore")`` and the like: the book's conventions
forbid it, so the grader fails it).

What counts as correct, function by function (the grader's properties,
the ones the package's own tests hold the package to):

- fit_temperature: reaches the least log loss over T > 0 (within 1e-9
  relative; scipy.optimize.minimize_scalar the reference).
- temperature_scaling: fits T on the validation images only: the same T
  whatever the test images; returns the T of least validation log loss and
  the test log loss at T = 1 and at that T.

Each function is graded on its own, with the package's versions of the
other steps in their place: a slip in one never fails another.  The
package is the solution, in logreg_from_scratch/calibrate.py: look there
only after trying.  A fresh copy of every exercise file:
``python -m logreg_from_scratch.exercises new FOLDER``.
"""

# %%
import numpy as np

# the earlier steps, as the package has them: use them, or your own
from logreg_from_scratch.calibrate import temperature_cost


# %%
def fit_temperature(Z, y, *, iterations=50):
    r"""Temperature scaling: the T > 0 for which softmax(Z / T) best fits labels `y`.

    With s = 1 / T, Y = one_hot(y, k) and P = softmax(s Z), the validation
    log loss as a function of s and its first two derivatives are

    .. math::

        J(s) = \frac{1}{m} \sum_i \Bigl(\log \sum_\ell e^{s Z_{i\ell}}
        - s \sum_\ell Y_{i\ell} Z_{i\ell}\Bigr),
        \quad
        J'(s) = \frac{1}{m} \sum_{i, \ell} (P_{i\ell} - Y_{i\ell}) Z_{i\ell},
        \quad
        J''(s) = \frac{1}{m} \sum_i \operatorname{Var}_{P_{i\cdot}}(Z_{i\cdot}),

    (11.12) and (11.13), the sums over the classes l = 0, ..., k - 1, with
    :math:`\operatorname{Var}_{P_{i\cdot}}(Z_{i\cdot})` the variance of row i
    of Z when each entry is weighted by the same entry of row i of P.
    J'' >= 0, so J is convex in s.  Newton's method from s = 1 (T = 1, the
    model as it is), s <- s - J'(s) / J''(s), with a step that would raise
    J halved until it lowers J, reaches its minimum.

    Parameters
    ----------
    Z : ndarray, shape (m, k)
        A k-class model's logits on validation images.
    y : ndarray of int, shape (m,)
        Their class labels 0..k-1.
    iterations : int
        At most this many Newton steps.

    Returns
    -------
    T : float
        Calibrated probabilities: ``softmax(Z / T)``; T > 1 softens an
        overconfident model, T < 1 sharpens a timid one.

    Raises
    ------
    ValueError
        When no finite T > 0 is best: every validation image is classified
        right (the larger 1 / T, the lower the cost), or the true class's
        logit is on average not above its row's mean (J'(0) >= 0).
    """
    raise NotImplementedError


# %%
def temperature_scaling(Z_validation, y_validation, Z_test, y_test):
    """Fit T on validation images, then score the test images once, before and after.

    Parameters
    ----------
    Z_validation : ndarray, shape (m_val, k)
    y_validation : ndarray of int, shape (m_val,)
        The validation images' logits and labels: T is fitted on these only.
    Z_test : ndarray, shape (m_test, k)
    y_test : ndarray of int, shape (m_test,)
        The test images' logits and labels: only scored.

    Returns
    -------
    T : float
        The temperature fitted on the validation images.
    cost_before, cost_after : float
        The test images' log loss at T = 1 and at the fitted T.
    """
    raise NotImplementedError


# %%
if __name__ == "__main__":  # run as a script or a notebook: grade them here
    from logreg_from_scratch.exercises import check

    check(fit_temperature)
    check(temperature_scaling)
