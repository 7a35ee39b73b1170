r"""Step 9: probabilities that mean what they say, by logistic regression on the logits.

Chapter 11.  A model can rank the images well and still give
probabilities that lie: chapter 2's raw-pixel model calls almost every
image certain, a = 0 or a = 1, and is wrong about one or two images in
a hundred.  Both
fixes here are the book's own model again, fitted on validation images
(never the test images), with the model's logits as the only input:

- ``platt`` (Platt scaling, binary): a = sigma(s z + c), a logistic
  regression with one feature, the logit z.  s > 0 keeps the ranking (the
  ROC and PR curves, AUC and AP), but c moves the point where a = 1/2, so
  the accuracy at a >= 1/2 may change.
- ``fit_temperature`` (temperature scaling, k classes): P = softmax(Z / T),
  one number T > 0 for all the classes.  Dividing every logit by T keeps
  each row's largest logit the largest: the predictions, and so the
  accuracy, are exactly unchanged; only the confidence moves.  Its cost,
  the log loss in s = 1 / T, is convex (``fit_temperature`` gives it and
  its first two derivatives).

Both are fitted by Newton's method (chapter 10): with two parameters, or
one, the Hessian is 2 x 2 or 1 x 1, and a dozen steps reach the minimum
to the last digit, where gradient descent needs hundreds (chapter 11
measures it).
"""
import numpy as np

from .checks import check_class_labels, check_logits, check_number
from .metrics import _scores_and_labels
from .newton import newton
from .softmax import _log_softmax

#: Newton's method stops once the gradient's size is below this
TOL = 1e-10


def platt(z, y, *, iterations=50):
    r"""Platt scaling: the s and c of a = sigma(s z + c) that best fit labels `y`.

    A logistic regression with one feature, the logit z: it minimises the
    log loss (2.10) of the validation labels,

    .. math::

        J(s, c) = \frac{1}{m} \sum_i \Bigl(\log\bigl(1 + e^{s z_i + c}\bigr)
        - y_i (s z_i + c)\Bigr),

    by Newton's method (``newton.newton``) from s = c = 0.  The feature is first
    standardised, u = (z - mean z) / std z, a change of units that keeps
    the numbers near 1 whatever the model's logits (raw-pixel logits run to
    the thousands); the fitted weight w and bias b on u are turned back:

    .. math::

        s = \frac{w}{\operatorname{std} z}, \qquad c = b - s \operatorname{mean} z

    Parameters
    ----------
    z : ndarray, shape (m,)
        A binary model's logits on validation images.
    y : ndarray of int, shape (m,)
        Their 0/1 labels, both classes present.
    iterations : int
        At most this many Newton steps.

    Returns
    -------
    s, c : float
        Calibrated probabilities: ``sigmoid(s * z + c)``.

    Raises
    ------
    ValueError
        When the logits separate the labels perfectly: then no finite s is
        best (the larger, the better), and Platt scaling has nothing to fit.
    """
    z, y = _scores_and_labels(z, y, "z")
    centre, spread = z.mean(), z.std()
    if spread == 0:
        raise ValueError("every logit in z is the same: there is nothing to scale (a model "
                         "still at w = 0?)")
    negatives, positives = z[y == 0], z[y == 1]
    if negatives.max() <= positives.min() or positives.max() <= negatives.min():
        raise ValueError("the logits separate the two classes: every 1 scores above every 0 "
                         "(or below), so the larger s, the lower the cost, and no finite s is "
                         "best; use more validation images")
    u = ((z - centre) / spread)[:, None]  # (m, 1): one standardised feature
    w, b, history = newton(np.zeros(1), 0.0, u, y, l2=0.0, iterations=iterations, tol=TOL)
    if history[-1][1] >= TOL:
        raise ValueError(f"Newton's method did not settle in {iterations} steps (the "
                         f"gradient's size is {history[-1][1]:.1e}): give more iterations")
    s = float(w[0] / spread)
    return s, float(b - s * centre)


def temperature_cost(Z, y, T):
    r"""The log loss of softmax(Z / T) on labels `y`: the cost temperature scaling minimises.

    .. math::

        J(T) = -\frac{1}{m} \sum_{i=1}^{m} \sum_{\ell=0}^{k-1} Y_{i\ell}
        \log \operatorname{softmax}(Z / T)_{i\ell}

    with Y = one_hot(y, k): the log of the probability each image's true
    class gets; (11.12) in s = 1 / T.

    Parameters
    ----------
    Z : ndarray, shape (m, k)
        Logits.
    y : ndarray of int, shape (m,)
        Class labels 0..k-1.
    T : float
        The temperature, > 0.

    Returns
    -------
    cost : float
    """
    Z, y = _logits_and_labels(Z, y)
    check_number(T, "T")
    return _temperature_derivatives(1.0 / T, Z, y)[0]


def _logits_and_labels(Z, y):
    Z = check_logits(Z, "Z").astype(np.float64)
    if Z.ndim != 2:
        raise ValueError(f"Z must be (m, k), one row of k logits an example; got shape "
                         f"{Z.shape} (for a binary model's z use platt)")
    return Z, check_class_labels(y, Z.shape[1], len(Z))


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
    Z, y = _logits_and_labels(Z, y)
    rows = np.arange(len(y))
    others = np.where(np.arange(Z.shape[1]) == y[:, None], -np.inf, Z)  # the other classes
    if np.all(Z[rows, y] > others.max(axis=1)):
        raise ValueError("every image is classified right, so the sharper (the smaller T), "
                         "the lower the cost, and no T > 0 is best; use more validation images")
    if np.mean(Z.mean(axis=1) - Z[rows, y]) >= 0:  # J'(0) >= 0: the best s is not above 0
        raise ValueError("the logits do not favour the true class (on average its logit is "
                         "not above the row's mean), so no T > 0 is best: is y aligned with Z?")
    s = 1.0
    cost, slope, curvature = _temperature_derivatives(s, Z, y)
    for _ in range(iterations):
        if abs(slope) < TOL or curvature == 0:
            break
        step = slope / curvature
        while True:  # a Newton step, halved until it lowers J (J is convex: it soon does)
            new = _temperature_derivatives(s - step, Z, y)
            if new[0] <= cost or abs(step) < TOL * abs(s):
                break
            step /= 2
        s -= step
        cost, slope, curvature = new
    if not abs(slope) < TOL:
        raise ValueError(f"Newton's method did not settle in {iterations} steps (J'(s) = "
                         f"{slope:.1e}): give more iterations")
    return float(1 / s)


def _temperature_derivatives(s, Z, y):
    """J(s), J'(s) and J''(s) of ``fit_temperature``'s docstring, as three floats, for logits Z
    (m, k) and labels y (m,) already checked: J'' is the mean over the rows i of
    sum_l P_il Z_il^2 - (sum_l P_il Z_il)^2 (l the class), with P = softmax(s Z)."""
    log_P = _log_softmax(s * Z)
    P = np.exp(log_P)
    rows = np.arange(len(y))
    mean_Z = np.sum(P * Z, axis=1)  # each row's mean logit under P
    return (float(-np.mean(log_P[rows, y])), float(np.mean(mean_Z - Z[rows, y])),
            float(np.mean(np.sum(P * Z * Z, axis=1) - mean_Z ** 2)))


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
    T = fit_temperature(Z_validation, y_validation)
    return T, temperature_cost(Z_test, y_test, 1.0), temperature_cost(Z_test, y_test, T)
