"""Step 8: what the scores and probabilities are worth, beyond accuracy.

Chapter 11.  A binary model gives each image a score (the logit z, or the
probability a = sigma(z), which ranks the images the same way) and answers
"yes" when the score reaches a threshold.  At one threshold the answers
fall into four counts, the confusion matrix

                     predicted no      predicted yes
    truly no (0)        TN                 FP
    truly yes (1)       FN                 TP

and precision = TP / (TP + FP) (of the yeses, how many are right), recall =
TP / (TP + FN) (of the true ones, how many are found), F1 their harmonic
mean.  Over all thresholds at once:

- ``roc_curve``: the true-positive rate TP / n_1 against the false-positive
  rate FP / n_0, with n_1 positives and n_0 negatives; ``roc_auc`` is the
  area under it, the chance that a random positive scores above a random
  negative (a tie counting one half).
- ``precision_recall_curve``; ``average_precision`` is the precision at
  each threshold weighted by the recall it adds,
  sum over the thresholds r of (rec_r - rec_r') prec_r, with r' the
  threshold before r (11.6).

Both curves come from one sort of the scores, highest first: with the
threshold tau at the r-th highest score, the first r images are "yes"
(score >= tau), TP_r is the number of ones among them (a cumulative sum)
and FP_r = r - TP_r (11.3).  Images with equal scores are on the same side
of every threshold, so the curves keep only the last image of each run of
equal scores: ties are never broken by the order of the images
(scikit-learn's convention, which the tests compare against).

Calibration asks whether a probability means what it says: among the
images given a = 0.8, are 80 % ones?  ``reliability`` bins the
probabilities (bin g holds the group G of images with e_(g-1) < a <= e_g,
the first bin a = 0 too, as scikit-learn's ``calibration_curve``) and
returns, for each bin that holds an image, the count |G|, the mean
probability a-bar(G) and the fraction of ones, the frequency (11.8);
``expected_calibration_error`` is the count-weighted mean gap
|frequency - a-bar| (11.9).  For a k-class model's top class, a is its
largest probability, called its confidence, and the "ones" are the images
it gets right.  ``auc_difference`` compares two models' AUCs on the same
images, with a paired bootstrap interval.
"""
from typing import NamedTuple

import numpy as np

from .checks import as_array, is_whole, non_whole
from .predict import confusion_matrix


def _labels(y, name="y"):
    y = as_array(y, name)
    if y.ndim != 1:
        raise ValueError(f"{name} must be 1-D, one 0/1 label an example; got shape {y.shape}")
    if non_whole(y).size or not np.isin(y, (0, 1)).all():
        raise ValueError(f"{name} must hold only 0 and 1 (1 for the class the model looks "
                         f"for); found {np.unique(y[~np.isin(y, (0, 1))])[:5]}. For digits "
                         "use labels.binary_labels(y, digit)")
    return y.astype(np.int64)


def _scores_and_labels(scores, y, name="scores", *, both=True):
    """`scores` as finite float64 and `y` as 0/1 int64, of one length; both classes unless
    ``both=False``."""
    scores, y = as_array(scores, name), _labels(y)
    if scores.ndim != 1:
        k_classes = " (for k classes, score one class at a time)" if scores.ndim == 2 else ""
        raise ValueError(f"{name} must be 1-D, one number an example; got shape "
                         f"{scores.shape}{k_classes}")
    if scores.shape != y.shape:
        raise ValueError(f"{name} and y must describe the same examples; got {len(scores)} "
                         f"{name} and {len(y)} labels")
    if len(y) == 0:
        raise ValueError("no examples: pass at least one score and its label")
    scores = scores.astype(np.float64)
    if not np.isfinite(scores).all():
        bad = np.flatnonzero(~np.isfinite(scores))
        raise ValueError(f"{name} hold {len(bad)} NaN or infinite value(s), the first at index "
                         f"{bad[0]} ({scores[bad[0]]}): they cannot be ranked; a model whose "
                         "training overflowed gives them (retrain it with a smaller rate)")
    if both and (y.min() == y.max()):
        only = "only 1s (positives)" if y[0] else "only 0s (no positive)"
        raise ValueError(f"y holds {only}: precision, recall and the curves compare the two "
                         "classes, so both must be present")
    return scores, y


def confusion(y_pred, y):
    r"""The binary confusion matrix [[TN, FP], [FN, TP]].

    .. math::

        C_{\ell \ell'} = \#\{i : y_i = \ell,\ \hat y_i = \ell'\}, \qquad
        \ell, \ell' \in \{0, 1\}

    Parameters
    ----------
    y_pred, y : ndarray of int, shape (m,)
        Predicted and true 0/1 labels.

    Returns
    -------
    C : ndarray of int64, shape (2, 2)
        Rows the truth (0, 1), columns the prediction (0, 1).
    """
    return confusion_matrix(_labels(y_pred, "y_pred"), _labels(y), 2)


def precision_recall_f1(y_pred, y):
    r"""Precision, recall and F1 of 0/1 predictions.

    .. math::

        \text{prec} = \frac{TP}{TP + FP}, \qquad \text{rec} = \frac{TP}{TP + FN}, \qquad
        F_1 = \frac{2\, \text{prec} \cdot \text{rec}}{\text{prec} + \text{rec}}

    Parameters
    ----------
    y_pred, y : ndarray of int, shape (m,)
        Predicted and true 0/1 labels.

    Returns
    -------
    precision, recall, f1 : float

    Raises
    ------
    ValueError
        When a ratio is 0 / 0: no predicted yes (precision), no true one
        (recall), or no true positive (F1).
    """
    (_, fp), (fn, tp) = confusion(y_pred, y)
    if tp + fp == 0:
        raise ValueError("precision is undefined: the model answered yes for no example "
                         "(lower the threshold)")
    if tp + fn == 0:
        raise ValueError("recall is undefined: no example is a positive (y holds only 0s)")
    if tp == 0:
        raise ValueError("F1 is undefined: not one true positive (precision and recall are 0)")
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return float(precision), float(recall), float(2 * precision * recall / (precision + recall))


def counts_by_threshold(scores, y):
    r"""TP and FP at every distinct threshold, from one sort of the scores.

    Sorting the scores from highest to lowest, the first r images are
    those scoring at least the r-th score :math:`z_{(r)}`: at the threshold
    :math:`\tau = z_{(r)}`, TP is the cumulative sum of their labels and
    FP = r - TP (11.3).  Only the last image of each run of equal scores
    gives a threshold, so a tie is never split.

    Parameters
    ----------
    scores : ndarray, shape (m,)
        Any finite scores: logits, probabilities; higher means "more yes".
    y : ndarray of int, shape (m,)
        0/1 labels, both present.

    Returns
    -------
    thresholds : ndarray, shape (n_thresholds,)
        The distinct scores, from highest to lowest.
    tp, fp : ndarray of int64, shape (n_thresholds,)
        The true and false positives when "yes" is score >= threshold.
    """
    scores, y = _scores_and_labels(scores, y)
    order = np.argsort(-scores, kind="stable")
    ranked, labels = scores[order], y[order]
    last = np.r_[np.flatnonzero(np.diff(ranked)), len(ranked) - 1]  # end of each run of ties
    tp = np.cumsum(labels)[last]
    return ranked[last], tp, last + 1 - tp


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
    thresholds, tp, fp = counts_by_threshold(scores, y)
    return (np.r_[0, fp] / fp[-1], np.r_[0, tp] / tp[-1],
            np.r_[np.inf, thresholds])


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
    fpr, tpr, _ = roc_curve(scores, y)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))


class AUCDifference(NamedTuple):
    """Two models' AUCs on the same images, their difference and its bootstrap interval."""

    auc_a: float             #: the first model's AUC on the images as they are
    auc_b: float             #: the second model's AUC on the same images
    difference: float        #: auc_a - auc_b
    low: float               #: the interval's lower end
    high: float              #: the interval's upper end
    resampled: np.ndarray    #: the difference in each resample, shape (resamples,)


def auc_difference(scores_a, scores_b, y, rng, *, resamples=2000, level=0.95):
    r"""The difference of two models' AUCs on the same images, with a paired bootstrap interval.

    Both models score the same m images, so their AUCs are not independent:
    an image that is hard for one is often hard for the other.  The paired
    bootstrap keeps that link.  Each resample draws the images anew, with
    replacement: :math:`n_1` positives from the :math:`n_1` positives and
    :math:`n_0` negatives from the :math:`n_0` negatives (so that both
    classes keep their counts), first the positives' indices, then the
    negatives', with ``rng.integers``.  It scores both models on that one
    resample (an image drawn twice counts twice in (11.5)), and keeps

    .. math::

        \Delta = \mathrm{AUC}_a - \mathrm{AUC}_b \quad \text{on each resample.}

    The interval is the percentile interval: the :math:`(1 - \text{level})/2`
    and :math:`(1 + \text{level})/2` quantiles of the resamples' :math:`\Delta`.
    It estimates how much the difference would vary on other images drawn
    like these; an interval that holds 0 says that these images cannot tell
    which model ranks better.

    Each resample costs one pass over the images, not a sort: a model's
    negatives are sorted once, and a resample only reweights them (a
    negative drawn :math:`c` times counts :math:`c` times below each
    positive that outscores it).

    Parameters
    ----------
    scores_a, scores_b : ndarray, shape (m,)
        The two models' finite scores for the same images (logits, say).
    y : ndarray of int, shape (m,)
        0/1 labels, both present.
    rng : numpy.random.Generator
        The source of the resamples: the same generator state gives the
        same interval.
    resamples : int
        How many bootstrap resamples.
    level : float
        The interval's coverage, in (0, 1); 0.95 for a 95 % interval.

    Returns
    -------
    AUCDifference
        ``(auc_a, auc_b, difference, low, high, resampled)``: the AUCs
        (11.5) and their difference on the images as they are, the
        interval's ends, and the difference in each resample.
    """
    scores_a, y = _scores_and_labels(scores_a, y, "scores_a")
    scores_b, _ = _scores_and_labels(scores_b, y, "scores_b")
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy Generator, e.g. np.random.default_rng(0); got "
                         f"{rng!r}")
    if not is_whole(resamples) or resamples < 1:
        raise ValueError(f"resamples must be a whole number >= 1; got {resamples!r}")
    if not (isinstance(level, (float, np.floating)) and 0 < level < 1):
        raise ValueError(f"level must be a coverage in (0, 1), e.g. 0.95; got {level!r}")
    positives, negatives = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    n_1, n_0 = len(positives), len(negatives)

    def placed(scores):
        """The negatives' order by score, and where each positive falls among them."""
        order = np.argsort(scores[negatives], kind="stable")
        ranked = scores[negatives][order]
        return (order, np.searchsorted(ranked, scores[positives], side="left"),
                np.searchsorted(ranked, scores[positives], side="right"))

    def auc(counts_1, counts_0, order, below, up_to):
        """(11.5) with positive i drawn counts_1[i] times and negative i' counts_0[i'] times."""
        cumulative = np.r_[0, np.cumsum(counts_0[order])]  # drawn negatives up to each rank
        wins = cumulative[below] + 0.5 * (cumulative[up_to] - cumulative[below])
        return float(counts_1 @ wins) / (n_1 * n_0)

    places = placed(scores_a), placed(scores_b)
    ones_1, ones_0 = np.ones(n_1), np.ones(n_0)
    auc_a, auc_b = (auc(ones_1, ones_0, *place) for place in places)
    resampled = np.empty(int(resamples))
    for draw in range(int(resamples)):
        counts_1 = np.bincount(rng.integers(0, n_1, n_1), minlength=n_1)
        counts_0 = np.bincount(rng.integers(0, n_0, n_0), minlength=n_0)
        resampled[draw] = (auc(counts_1, counts_0, *places[0])
                           - auc(counts_1, counts_0, *places[1]))
    low, high = np.quantile(resampled, [(1 - level) / 2, (1 + level) / 2])
    return AUCDifference(auc_a, auc_b, auc_a - auc_b, float(low), float(high), resampled)


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
    thresholds, tp, fp = counts_by_threshold(scores, y)
    return np.r_[1.0, tp / (tp + fp)], np.r_[0, tp] / tp[-1], np.r_[np.inf, thresholds]


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
    precision, recall, _ = precision_recall_curve(scores, y)
    return float(np.sum(np.diff(recall) * precision[1:]))


def threshold_for_precision(scores, y, target):
    """The threshold with the most recall among those whose precision reaches `target`.

    Choose it on validation data, then apply it once to the test images.

    Parameters
    ----------
    scores : ndarray, shape (m,)
    y : ndarray of int, shape (m,)
        0/1 labels, both present.
    target : float
        The least precision wanted, in (0, 1].

    Returns
    -------
    threshold : float
        Answer "yes" when score >= threshold.
    precision, recall : float
        At that threshold, on these data.

    Raises
    ------
    ValueError
        When no threshold reaches the target precision on these data.
    """
    if not (isinstance(target, (int, float, np.floating)) and 0 < target <= 1):
        raise ValueError(f"target must be a precision in (0, 1], e.g. 0.99; got {target!r}")
    precision, recall, thresholds = precision_recall_curve(scores, y)
    precision, recall, thresholds = precision[1:], recall[1:], thresholds[1:]
    reached = np.flatnonzero(precision >= target)
    if reached.size == 0:
        raise ValueError(f"no threshold reaches precision {target:g} on these data (the "
                         f"highest is {precision.max():.4f}): lower the target")
    best = reached[np.lexsort((-precision[reached], -recall[reached]))[0]]
    return float(thresholds[best]), float(precision[best]), float(recall[best])


class Reliability(NamedTuple):
    """A reliability diagram's bins that hold at least one example (each array (n_bins,))."""

    lower: np.ndarray       #: each bin's lower edge
    upper: np.ndarray       #: each bin's upper edge
    count: np.ndarray       #: the examples in each bin (int64, > 0, summing to m)
    confidence: np.ndarray  #: the mean probability a-bar(G) in each bin (11.8)
    frequency: np.ndarray   #: the fraction of ones in each bin


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
    a, y = _scores_and_labels(a, y, "a", both=False)
    if not is_whole(bins) or bins < 1:
        raise ValueError(f"bins must be a whole number >= 1; got {bins!r}")
    if a.min() < 0 or a.max() > 1:
        raise ValueError(f"a must hold probabilities, in [0, 1]; found {a.min():g} to "
                         f"{a.max():g}: pass sigmoid(z), not the logits z")
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.searchsorted(edges[1:-1], a, side="left")  # e_(g-1) < a <= e_g; 1.0 in the last
    count = np.bincount(which, minlength=bins)
    held = count > 0
    return Reliability(edges[:-1][held], edges[1:][held], count[held],
                       np.bincount(which, weights=a, minlength=bins)[held] / count[held],
                       np.bincount(which, weights=y, minlength=bins)[held] / count[held])


def expected_calibration_error(a, y, bins=10):
    r"""The expected calibration error: the count-weighted mean gap of a reliability diagram.

    .. math::

        \mathrm{ECE} = \sum_G \frac{|G|}{m}\,
        \bigl|\text{frequency}(G) - \bar a(G)\bigr|

    (11.9), over the bins G of `reliability`.

    Parameters
    ----------
    a, y, bins
        As for `reliability`.

    Returns
    -------
    ece : float
        In [0, 1]; 0 when every bin's frequency equals its mean probability.
    """
    diagram = reliability(a, y, bins)
    return float(np.sum(diagram.count * np.abs(diagram.frequency - diagram.confidence))
                 / np.sum(diagram.count))
