"""Step 2: the cost, cross-entropy computed from the logits.

For one example with label y in {0, 1} and prediction a = sigma(z),

    J(a, y) = -[ y log a + (1 - y) log(1 - a) ],

and the cost is the mean over the examples.  The logs come from
``log_sigmoid`` and ``log_one_minus_sigmoid`` applied to z itself, never
``np.log(sigmoid(z))``: that would be log(0) = -inf as soon as a rounds to
0 or 1, which the seed notebook met as NaN costs and overflow warnings.
"""
import numpy as np

from .checks import check_binary_targets
from .sigmoid import log_one_minus_sigmoid, log_sigmoid


def cross_entropy(z, y):
    """Mean binary cross-entropy of logits `z` against 0/1 labels `y`.

        J = -1/N sum_entries [ y log sigma(z) + (1 - y) log(1 - sigma(z)) ]

    Parameters
    ----------
    z : ndarray, shape (m,) or (m, k)
        Logits X @ w + b.
    y : ndarray, same shape as `z`
        Labels 0 or 1.  With ``(m, k)``, a one-hot matrix, one column a
        one-vs-rest model.

    Returns
    -------
    J : float
        For ``(m,)``, N = m: the binary cost.  For ``(m, k)``, N = k m: the
        mean of the k one-vs-rest costs, as the seed notebook reports it.
        Exactly log 2 = 0.6931... when z = 0 (every entry is log 2), and
        never negative.
    """
    z = np.asarray(z, dtype=np.float64)
    y = check_binary_targets(y, z.shape)
    return float(-np.mean(y * log_sigmoid(z) + (1 - y) * log_one_minus_sigmoid(z)))
