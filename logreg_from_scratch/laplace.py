"""Bayesian prediction by the Laplace approximation (chapter 11, (11.14)-(11.16)).

Under chapter 6's prior (each weight Gaussian with precision m l2, the bias
free), the posterior of theta = (w, b) is proportional to
exp(-m J_l2(theta)) (6.6).  Around its peak, the MAP theta*, a second-order
Taylor expansion of m J_l2 makes the posterior a Gaussian with mean theta*
and covariance (m H*)^-1, where H* is the Hessian (10.2) of J_l2 at theta*
(11.14).  An image's logit z = x~ theta is then Gaussian too, with mean
z* = x~ theta* and variance psi^2 = x~ (m H*)^-1 x~^T (11.15).  The
predictive probability, the mean of sigma(z) over that Gaussian, has no
closed form; the probit approximation gives

    Pr(y = 1 | x, data) ~ sigma(chi(psi^2) z*),  chi(psi^2) = (1 + pi psi^2 / 8)^(-1/2)

(MacKay 1992; Bishop 2006, section 4.5.2), (11.16): each logit shrunk
toward 0 by how uncertain the data leave it.  ``laplace_logits`` returns
the shrunk logits chi(psi^2) z*, so that costs are computed from logits
(``cost.cross_entropy``) and the probabilities are their sigmoid.
"""
import numpy as np
from scipy.linalg import solve_triangular

from .checks import check_logistic_problem, check_number, check_X
from .newton import hessian, penalised

#: The largest gradient length at which (w, b) counts as the penalised minimum
AT_THE_MINIMUM = 1e-6


def laplace_logits(w, b, X_train, y_train, X, *, l2):
    """The Laplace approximation's logits for the images `X`, chi(psi^2) z*, (11.16).

    Parameters
    ----------
    w : ndarray, shape (d,)
    b : float
        The MAP: the minimum of the penalised cost J_l2 (10.1) on the
        training images, e.g. from ``newton.newton(..., l2=l2)``.
    X_train : ndarray, shape (m, d)
    y_train : ndarray, shape (m,)
        The training images and their 0/1 labels, which (w, b) minimises
        J_l2 on.
    X : ndarray, shape (n, d)
        The images to predict.
    l2 : float > 0
        The penalty's weight, the prior's precision over m (6.6).

    Returns
    -------
    z : ndarray, shape (n,)
        chi(psi^2) z*, with z* = X @ w + b and chi(psi^2) =
        (1 + pi psi^2 / 8)^(-1/2): sigma(z) is the predictive probability.
    psi2 : ndarray, shape (n,)
        Each logit's posterior variance, x~ (m H*)^-1 x~^T, x~ the image
        with a 1 appended.

    Raises
    ------
    ValueError
        (w, b) is not the minimum (its gradient is longer than 1e-6), or
        l2 is not above 0.
    """
    w, b, X_train, y_train = check_logistic_problem(w, b, X_train, y_train)
    check_number(l2, "l2")
    X = check_X(X)
    if w.ndim != 1 or X.shape[1] != len(w):
        raise ValueError(f"w has shape {w.shape} and X {X.shape}: one binary model, w of "
                         f"shape (d,), and images of the same d = {X_train.shape[1]} pixels")
    _, dw, db = penalised(w, b, X_train, y_train, l2)
    length = float(np.linalg.norm(np.append(dw, db)))
    if length > AT_THE_MINIMUM:
        raise ValueError(
            f"(w, b) is not the minimum of the penalised cost: its gradient's length is "
            f"{length:.2g}, above {AT_THE_MINIMUM:g}; the Laplace approximation is centred at "
            "the MAP, so find it first, e.g. newton(w, b, X_train, y_train, l2=l2)")
    m = len(X_train)
    # (m H*) = L L^T; psi^2 = ||L^-1 x~^T||^2, one column a image
    factor = np.linalg.cholesky(m * hessian(w, b, X_train, l2))
    tilde = np.column_stack([X, np.ones(len(X))])
    psi2 = np.sum(solve_triangular(factor, tilde.T, lower=True) ** 2, axis=0)
    z = X @ w + b
    return z / np.sqrt(1 + np.pi * psi2 / 8), psi2
