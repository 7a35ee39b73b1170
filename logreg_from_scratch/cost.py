"""Step 2: the cost, cross-entropy computed from the logits.

For one example with label y in {0, 1} and prediction a = sigma(z), the
loss is

    -[ y log a + (1 - y) log(1 - a) ],

and the cost of one model is the mean of the losses over the examples
(equation (2.4)).  For k one-vs-rest models, one a column of z, the cost
is the sum of the k models' costs (equation (3.2)): its gradient is then
exactly the one ``gradients.propagate`` returns and gradient descent
follows.

The logs come from ``log_sigmoid`` and ``log_one_minus_sigmoid`` applied
to z itself, never ``np.log(sigmoid(z))``: that would be log(0) = -inf as
soon as a rounds to 0 or 1, which shows as NaN costs and overflow
warnings.
"""
import numpy as np

from .checks import check_binary_targets, check_logits
from .sigmoid import log_one_minus_sigmoid, log_sigmoid


def cross_entropy(z, y):
    """Binary cross-entropy of logits `z` against 0/1 labels `y`: one model, or k summed.

        J = -1/m sum_i [ y_i log sigma(z_i) + (1 - y_i) log(1 - sigma(z_i)) ]

    for one model (2.4); for k one-vs-rest models, one a column, the sum
    of the k models' costs J_l, each the mean over the m examples (3.2).

    Parameters
    ----------
    z : ndarray, shape (m,) or (m, k)
        Logits X @ w + b, finite (|z| up to the largest float).
    y : ndarray, same shape as `z`
        Labels 0 or 1.  With ``(m, k)``, a one-hot matrix, one column a
        one-vs-rest model.

    Returns
    -------
    J : float
        For ``(m,)``: the binary cost, the mean of the m losses.  For
        ``(m, k)``: J = sum_l J_l, the sum of the k one-vs-rest costs
        (computed as k times the mean of all m k losses, the same number).
        Exactly log 2 = 0.6931... when z = 0 for one model (every loss is
        log 2), k log 2 for k models; never negative.  Finite for every
        finite z for one model; for k models, inf only where the sum of
        the k costs passes the largest float (about 1.8e308).
    """
    z = check_logits(z)
    if z.size == 0:
        raise ValueError("z is empty: the cost is a mean over the examples and needs at least one")
    y = check_binary_targets(y, z.shape, z.dtype)
    J = mean_of_losses(-(y * log_sigmoid(z) + (1 - y) * log_one_minus_sigmoid(z)))
    return J if z.ndim == 1 else z.shape[1] * J  # a Python float: past the range, inf


def mean_of_losses(loss):
    """The mean of non-negative losses, J = L * mean(loss / L) with L the largest.

    ``np.mean`` adds before it divides, so two losses of 1e308 would sum to
    inf.  Scaled by the largest loss L first, every term lies in [0, 1] and
    no partial sum can overflow.  (At z = 0 every loss is log 2, each scaled
    term is exactly 1, and J is exactly log 2 for any number of examples.)

    Parameters
    ----------
    loss : ndarray, any non-empty shape
        One loss an entry, each >= 0 (inf only where a log-probability
        fell below the float range; the mean is then inf too).

    Returns
    -------
    J : float
    """
    largest = loss.max()
    if largest == 0 or largest == np.inf:  # nothing to scale: all 0, or a loss past the float range
        return float(largest)
    return float(largest * np.mean(loss / largest))
