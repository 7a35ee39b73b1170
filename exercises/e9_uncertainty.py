# %% [markdown]
"""Exercise 9. How sure is an accuracy? (the package's logreg_from_scratch/uncertainty.py).

Replace each ``raise NotImplementedError`` below with your code, then
grade this file from the clone's folder:

    python -m logreg_from_scratch.exercises check exercises/e9_uncertainty.py

or run it (``python exercises/e9_uncertainty.py``), or open it in Jupyter as a
notebook and run its last cell: it grades each function with ``check``.
Each function is graded in a process of its own, and fails if it
computes for more than 30 s (``check --time-limit``), ends the program,
changes numpy's error settings or the package, or silences a warning
(``np.errstate(over="ignore")`` and the like: the book's conventions
forbid it, so the grader fails it).

What counts as correct, function by function (the grader's properties,
the ones the package's own tests hold the package to):

- wilson_interval: returns (low, high) with 0 <= low <= correct / total <=
  high <= 1 (to 1e-9), for any counts, 0 and total included; agrees with
  scipy.stats.binomtest(correct, total).proportion_ci(level,
  method='wilson') (relative error <= 1e-9).
- mcnemar: counts the images each model gets right and the other wrong, and
  gives the exact two-sided p of scipy.stats.binomtest(n_ab, n_ab + n_ba,
  0.5) (1.0 when they never disagree); is symmetric: swapping the models
  swaps the counts and keeps p.

Each function is graded on its own, with the package's versions of the
other steps in their place: a slip in one never fails another.  The
package is the solution, in logreg_from_scratch/uncertainty.py: look there
only after trying.  A fresh copy of every exercise file:
``python -m logreg_from_scratch.exercises new FOLDER``.
"""

# %%
import numpy as np


# %%
def wilson_interval(correct, total, level=0.95):
    r"""The Wilson score interval for a proportion `correct` / `total`.

    With the measured accuracy :math:`\widehat{\mathrm{acc}} = c / n` (`c`
    right of `n`) and :math:`q` the standard normal quantile of
    :math:`1 - (1 - \text{level}) / 2` (1.96 for 95 %), the interval is the
    set of true accuracies :math:`\mathrm{acc}` for which
    :math:`|\widehat{\mathrm{acc}} - \mathrm{acc}| \le q \sqrt{\mathrm{acc}
    (1 - \mathrm{acc}) / n}`, chapter 6's (6.3): a centre plus or minus a
    half-width,

    .. math::

        \frac{\widehat{\mathrm{acc}} + q^2/(2n)}{1 + q^2/n} \pm \frac{q}{1 + q^2/n}
        \sqrt{\frac{\widehat{\mathrm{acc}} (1 - \widehat{\mathrm{acc}})}{n}
        + \frac{q^2}{4n^2}}

    Parameters
    ----------
    correct : int
        The count right, 0 <= correct <= total.
    total : int
        The count scored, >= 1.
    level : float
        The confidence level, in (0, 1).

    Returns
    -------
    low, high : float
        The interval's ends, 0 <= low <= correct / total <= high <= 1.
    """
    raise NotImplementedError


# %%
def mcnemar(right_a, right_b):
    r"""McNemar's exact test: do two models scored on the same images differ?

    With :math:`n_{AB}` the images A gets right and B wrong, and
    :math:`n_{BA}` the reverse, under "equally good" each of the
    :math:`n_{AB} + n_{BA}` discordant images falls either way with
    probability 1/2, and the two-sided p-value is chapter 6's (6.4),

    .. math::

        \text{p-value} = \min\Bigl(1,\; 2 \sum_{r=0}^{\min(n_{AB}, n_{BA})}
        \binom{n_{AB} + n_{BA}}{r} 2^{-(n_{AB} + n_{BA})}\Bigr).

    Parameters
    ----------
    right_a, right_b : ndarray of bool, shape (m,)
        Whether model A, model B is right on each of the same m images.

    Returns
    -------
    n_ab : int
        Images A gets right and B wrong.
    n_ba : int
        Images B gets right and A wrong.
    p_value : float
        The chance, if the two models were equally good, of a split of the
        discordant images at least this uneven (1.0 when they never disagree).
        A large p-value says that these images cannot tell the two models
        apart, not that the models are equally good.
    """
    raise NotImplementedError


# %%
if __name__ == "__main__":  # run as a script or a notebook: grade them here
    from logreg_from_scratch.exercises import check

    check(wilson_interval)
    check(mcnemar)
