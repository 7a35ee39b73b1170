"""Step 1: the sigmoid, and its logarithms computed without overflow.

The model squashes a logit z = w . x + b into a probability

    a = sigma(z) = 1 / (1 + e^(-z)),

and the cost needs log a and log(1 - a).  Written naively, ``np.exp(-z)``
overflows for z < -709.78 and ``np.log(sigmoid(z))`` is log(0) = -inf once a
rounds to 0 (for z < -745).  The identities

    log sigma(z)     = -log(1 + e^(-z)) = -logaddexp(0, -z)
    log(1 - sigma(z)) = -log(1 + e^z)    = -logaddexp(0, z)

give every finite z a finite answer, with no warning, and no clipping
epsilon.  NaN or infinite logits are refused with a ValueError (checks.py):
they mean something upstream has already gone wrong.  float32 logits give
float32 results; everything else is computed in float64.

``np.logaddexp(0, t)`` computes log(e^0 + e^t) as max(0, t) +
log1p(e^(-|t|)), which is exact to rounding for every t.
"""
import numpy as np

from .checks import check_logits


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
    z = check_logits(z)
    e = np.exp(-np.abs(z))
    a = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return a[()]  # a 0-d array becomes a NumPy scalar


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
    return -np.logaddexp(0, -check_logits(z))[()]


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
    return -np.logaddexp(0, check_logits(z))[()]
