# %% [markdown]
"""Exercise 10. Precision, recall and calibration (the package's logreg_from_scratch/metrics.py).

Replace each ``raise NotImplementedError`` below with your code, then
grade this file from the clone's folder:

    python -m logreg_from_scratch.exercises check exercises/e10_metrics.py

or run it (``python exercises/e10_metrics.py``), or open it in Jupyter as a
notebook and run its last cell: it grades each function with ``check``.
Each function is graded in a process of its own, and fails if it
computes for more than 30 s (``check --time-limit``), ends the program,
changes numpy's error settings or the package, or silences a warning
(``np.errstate(over="ignore")`` and the like: the book's conventions
forbid it, so the grader fails it).

What counts as correct, function by function (the grader's properties,
the ones the package's own tests hold the package to):

- roc_curve: agrees with a loop over the distinct scores tau, from the
  highest: FP / n_0 and TP / n_1 with 'yes' for score >= tau, after (0, 0)
  at threshold inf.
- roc_auc: equals the share of (positive, negative) pairs in which the
  positive scores higher, a tie counting 1/2; gives 1 - AUC for the negated
  scores; gives 1 when every positive scores above every negative.
- precision_recall_curve: agrees with a loop over the distinct scores tau,
  from the highest: TP / (TP + FP) and TP / n_1 with 'yes' for score >= tau,
  after (precision 1, recall 0) at threshold inf.
- average_precision: equals sum (rec_r - rec_r') prec_r over the distinct
  thresholds (r' the one before r), without interpolation; gives 1 when
  every positive scores above every negative.
- reliability: puts every probability in one bin, 0 and 1 included: the
  counts add up to m; agrees with a loop over the bins (for probabilities
  off the bins' inner edges): each bin that holds a probability, its edges,
  count, mean probability and fraction of ones.

Each function is graded on its own, with the package's versions of the
other steps in their place: a slip in one never fails another.  The
package is the solution, in logreg_from_scratch/metrics.py: look there
only after trying.  A fresh copy of every exercise file:
``python -m logreg_from_scratch.exercises new FOLDER``.
"""

# %%
import numpy as np


# %%
def roc_curve(scores, y):
    r"""The ROC curve: the true-positive rate against the false-positive rate.

    At threshold tau ("yes" when score >= tau), with n_1 positives and n_0
    negatives,

    .. math::

        \mathrm{TPR}(\tau) = \frac{TP(\tau)}{n_1}, \qquad
        \mathrm{FPR}(\tau) = \frac{FP(\tau)}{n_0},

    for every distinct score tau, from the highest down, after the point
    (0, 0) of a threshold above every score.

    Parameters
    ----------
    scores : ndarray, shape (m,)
        Finite scores; higher means "more yes".
    y : ndarray of int, shape (m,)
        0/1 labels, both present.

    Returns
    -------
    fpr, tpr : ndarray, shape (n_thresholds + 1,)
        Non-decreasing, from (0, 0) to (1, 1).
    thresholds : ndarray, shape (n_thresholds + 1,)
        Decreasing: inf, then the n_thresholds distinct scores.
    """
    raise NotImplementedError


# %%
def roc_auc(scores, y):
    r"""The area under the ROC curve, by the trapezoid rule.

    It equals the chance that a positive drawn at random scores above a
    negative drawn at random, a tie counting one half (chapter 11):

    .. math::

        \mathrm{AUC} = \frac{1}{n_1 n_0} \sum_{i: y_i = 1} \sum_{i': y_{i'} = 0}
        \Bigl([z_i > z_{i'}] + \tfrac12 [z_i = z_{i'}]\Bigr)

    with :math:`z_i` the score of image i.

    Parameters
    ----------
    scores : ndarray, shape (m,)
    y : ndarray of int, shape (m,)
        0/1 labels, both present.

    Returns
    -------
    auc : float
        In [0, 1]: 1 for a perfect ranking, 1/2 for scores that ignore the labels.
    """
    raise NotImplementedError


# %%
def precision_recall_curve(scores, y):
    r"""Precision and recall at every distinct threshold.

    At threshold tau ("yes" when score >= tau), with n_1 positives,

    .. math::

        \text{prec}(\tau) = \frac{TP(\tau)}{TP(\tau) + FP(\tau)}, \qquad
        \text{rec}(\tau) = \frac{TP(\tau)}{n_1},

    for every distinct score tau, from the highest down, after the point
    (recall 0, precision 1) of a threshold above every score.

    Parameters
    ----------
    scores : ndarray, shape (m,)
    y : ndarray of int, shape (m,)
        0/1 labels, both present.

    Returns
    -------
    precision, recall : ndarray, shape (n_thresholds + 1,)
        Recall non-decreasing, from 0 to 1.
    thresholds : ndarray, shape (n_thresholds + 1,)
        Decreasing: inf, then the n_thresholds distinct scores.
    """
    raise NotImplementedError


# %%
def average_precision(scores, y):
    r"""Average precision: each threshold's precision, weighted by the recall it adds.

    .. math::

        \mathrm{AP} = \sum_r (\mathrm{rec}_r - \mathrm{rec}_{r'})\, \mathrm{prec}_r

    (11.6), over the thresholds r of `precision_recall_curve`, from the
    highest down, :math:`\mathrm{rec}_{r'}` the recall at the threshold r'
    before r (0 before the first; r' = r - 1 when no scores tie), without
    interpolation (as scikit-learn's ``average_precision_score``).

    Parameters
    ----------
    scores : ndarray, shape (m,)
    y : ndarray of int, shape (m,)
        0/1 labels, both present.

    Returns
    -------
    ap : float
        In (0, 1]: 1 for a perfect ranking; about the fraction of positives
        for scores that ignore the labels.
    """
    raise NotImplementedError


# %%
def reliability(a, y, bins=10):
    r"""A reliability diagram: each bin's frequency of ones against its mean probability.

    Bin g, of ``bins`` equal bins over [0, 1], holds the group G of the
    examples with :math:`e_{g-1} < a \le e_g` (the first bin holds a = 0
    too), where :math:`e_g = g / \text{bins}`, g = 1, ..., bins; for each
    group G that holds examples,

    .. math::

        \bar a(G) = \frac{1}{|G|} \sum_{i \in G} a_i, \qquad
        \text{frequency}(G) = \frac{1}{|G|} \sum_{i \in G} y_i

    (11.8); the field ``confidence`` holds :math:`\bar a(G)`.  A calibrated
    model's points lie on the diagonal.

    Parameters
    ----------
    a : ndarray, shape (m,)
        Predicted probabilities, in [0, 1].
    y : ndarray of int, shape (m,)
        0/1 labels (for a k-class model's top class, whose probability is
        called its confidence: 1 where that class is right).
    bins : int
        How many equal bins.

    Returns
    -------
    Reliability
        ``(lower, upper, count, confidence, frequency)``, each of shape
        (n_bins,), for the n_bins bins that hold at least one example;
        counts sum to m.
    """
    raise NotImplementedError


# %%
if __name__ == "__main__":  # run as a script or a notebook: grade them here
    from logreg_from_scratch.exercises import check

    check(roc_curve)
    check(roc_auc)
    check(precision_recall_curve)
    check(average_precision)
    check(reliability)
