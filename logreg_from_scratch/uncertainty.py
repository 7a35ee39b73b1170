"""How sure is an accuracy?  Intervals for one model, paired tests for two.

An accuracy measured on n test images is a proportion: each image is right
or wrong, so the count right is (for images drawn at random) binomial, and
92.57 % on 10,000 images could as well have been a few tenths of a point
either way.  Two tools say how sure a number is:

- ``wilson_interval``: a 95 % interval for one accuracy (Wilson, 1927),
  chapter 6's (6.3).  Unlike acc +- 1.96 sqrt(acc (1 - acc) / n) it stays
  inside [0, 1] and keeps its coverage for accuracies near 100 % and small
  n, the cases this book meets (99.0 % on 500 images).
- ``mcnemar``: for two models scored on the *same* images, what matters is
  only the images on which they disagree.  If neither model is better, an
  image that one gets right and the other wrong is equally likely to fall
  either way, so the count of one kind among the n_AB + n_BA discordant
  images is Binomial(n_AB + n_BA, 1/2) (McNemar, 1947; here its exact
  form, chapter 6's (6.4)).  Two overlapping intervals do not show two
  models equal, and neither does a large p-value: it says only that these
  images cannot tell the two apart.  The paired test sees the differences
  that the intervals blur: the standard error of the difference of two
  accuracies on the same n images is about sqrt(n_AB + n_BA) / n (6.5),
  far below that of one accuracy.

Both are written from their formulas; the tests compare them with SciPy's
``binomtest``.
"""
import math

import numpy as np
from scipy.special import ndtri

from .checks import as_array, is_whole


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
    for value, name in ((correct, "correct"), (total, "total")):
        if not is_whole(value):
            raise TypeError(f"{name} must be a whole number (a count of images), got {value!r}; "
                            "for an accuracy a on n images pass round(a * n), n")
    if total < 1 or not 0 <= correct <= total:
        raise ValueError(f"need 0 <= correct <= total and total >= 1; got correct={correct}, "
                         f"total={total}")
    if not 0 < level < 1:
        raise ValueError(f"level must lie strictly between 0 and 1 (0.95 for 95 %), "
                         f"got {level!r}")
    n, p = float(total), correct / total
    q = float(ndtri(1 - (1 - level) / 2))
    centre = (p + q * q / (2 * n)) / (1 + q * q / n)
    half = q * math.sqrt(p * (1 - p) / n + q * q / (4 * n * n)) / (1 + q * q / n)
    # rounding must not put p outside its own interval (at p = 0 or 1, say)
    return min(max(centre - half, 0.0), p), max(min(centre + half, 1.0), p)


def _right(right, name):
    right = as_array(right, name)
    if right.ndim != 1 or right.dtype.kind != "b":
        raise ValueError(f"{name} must be a 1-D array of booleans, one per image (True where "
                         f"the model is right, e.g. y_pred == y); got dtype {right.dtype}, "
                         f"shape {right.shape}")
    return right


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
    right_a, right_b = _right(right_a, "right_a"), _right(right_b, "right_b")
    if right_a.shape != right_b.shape:
        raise ValueError(f"right_a and right_b must score the same images; got "
                         f"{len(right_a)} and {len(right_b)} of them")
    n_ab = int(np.sum(right_a & ~right_b))
    n_ba = int(np.sum(~right_a & right_b))
    n = n_ab + n_ba
    # exact integer sums: no rounding until the one division
    tail = sum(math.comb(n, r) for r in range(min(n_ab, n_ba) + 1))
    return n_ab, n_ba, min(1.0, 2 * tail / 2 ** n)


def describe_accuracy(right):
    """An accuracy with its 95 % Wilson interval, as the book prints it.

    Parameters
    ----------
    right : ndarray of bool, shape (m,)
        Whether the model is right on each image.

    Returns
    -------
    str
        For example ``"92.57 % (95 % interval 92.05 to 93.06 %, 10000 images)"``.
    """
    right = _right(right, "right")
    if right.size == 0:
        raise ValueError("right holds no images: an accuracy needs at least one")
    low, high = wilson_interval(int(right.sum()), right.size)
    return (f"{100 * right.mean():.2f} % (95 % interval {100 * low:.2f} to {100 * high:.2f} %, "
            f"{right.size} images)")


def describe_paired(right_a, right_b, name_a="A", name_b="B"):
    """McNemar's test (``mcnemar``) of two models on the same images, in one sentence.

    Parameters
    ----------
    right_a, right_b : ndarray of bool, shape (m,)
        Whether model A, model B is right on each of the same m images.
    name_a, name_b : str
        The models' names in the sentence.

    Returns
    -------
    str
        For example ``"raw right where deskewed is wrong: 95 images; deskewed
        right where raw is wrong: 412; McNemar's exact p = 1.2e-48"``.
    """
    n_ab, n_ba, p_value = mcnemar(right_a, right_b)
    return (f"{name_a} right where {name_b} is wrong: {n_ab} images; {name_b} right where "
            f"{name_a} is wrong: {n_ba}; McNemar's exact p = {p_value:.2g}")


def paired_lines(right_a, right_b, name_a, name_b):
    """Two models scored on the same images, compared image by image, in three short lines.

    McNemar's exact test (6.4), and the difference in accuracy with its
    standard error (6.5), SE = sqrt(n_AB + n_BA) / n, in percentage points.

    Parameters
    ----------
    right_a, right_b : ndarray of bool, shape (n,)
        Whether the first model, the second, is right on each of the same n images.
    name_a, name_b : str
        The two models' names.

    Returns
    -------
    str
        For example::

              right with softmax only: 179 images; with one-vs-rest only: 88
              McNemar's exact p-value: 2.7e-08
              difference in accuracy: +0.91 points, standard error 0.16 (6.5)
    """
    only_a, only_b, p_value = mcnemar(right_a, right_b)
    n = len(right_a)
    return (f"  right with {name_a} only: {only_a} images; with {name_b} only: {only_b}\n"
            f"  McNemar's exact p-value: {p_value:.2g}\n"
            f"  difference in accuracy: {100 * (only_a - only_b) / n:+.2f} points, "
            f"standard error {100 * np.sqrt(only_a + only_b) / n:.2f} (6.5)")
