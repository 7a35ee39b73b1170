"""The properties of chapter 11's Laplace approximation: each logit's posterior variance
(11.15) and the probit approximation's predictive probability (11.16).

References: numpy's inverse of m times the penalised Hessian (the package's ``hessian``, an
earlier step, graded in exercise 8) for the variance, and the formula (11.16) for the
probability.  The tests of the package hold ``laplace.py`` to these same properties.
"""
import numpy as np
from hypothesis import strategies as st

from ..newton import hessian, newton
from .grader import Property, Wrong, call, described, expect, expect_tuple


@st.composite
def maps(draw):
    """(w, b, X_train, y_train, X, l2): the MAP of a random problem, and images to predict."""
    d = draw(st.integers(1, 4))
    m = draw(st.integers(d + 2, 30))
    rng = np.random.default_rng(draw(st.integers(0, 2 ** 32 - 1)))
    X_train = rng.normal(size=(m, d)) * draw(st.sampled_from([0.5, 1.0, 3.0]))
    y_train = (X_train @ rng.normal(size=d) + rng.normal(size=m) > 0).astype(int)
    l2 = draw(st.sampled_from([0.01, 0.1, 1.0]))
    w, b, _ = newton(np.zeros(d), 0.0, X_train, y_train, l2=l2)
    X = rng.normal(size=(draw(st.integers(1, 6)), d)) * 2
    return w, b, X_train, y_train, X, l2


def _answer(f, w, b, X_train, y_train, X, l2):
    text = described("laplace_logits", w, b, X_train, y_train, X, l2=l2)
    result = expect_tuple(text, call(f, "laplace_logits", w, b, X_train, y_train, X, l2=l2),
                          ["z", "psi2"])
    if any(np.shape(part) != (len(X),) for part in result):
        raise Wrong(text, f"returned z of shape {np.shape(result[0])} and psi2 of shape "
                    f"{np.shape(result[1])}", f"two arrays of shape ({len(X)},)", kind="shape")
    return text, result


def _variance_agrees(f, w, b, X_train, y_train, X, l2):
    text, (_, psi2) = _answer(f, w, b, X_train, y_train, X, l2)
    covariance = np.linalg.inv(len(X_train) * hessian(w, b, X_train, l2))
    tilde = np.column_stack([X, np.ones(len(X))])
    expect(text + " psi2", psi2, np.einsum("ij,jk,ik->i", tilde, covariance, tilde),
           rtol=1e-7, atol=1e-12, within=" = x~ (m H*)^-1 x~^T, x~ = [x 1] (11.15)")


def _logit_agrees(f, w, b, X_train, y_train, X, l2):
    text, (z_laplace, _) = _answer(f, w, b, X_train, y_train, X, l2)
    covariance = np.linalg.inv(len(X_train) * hessian(w, b, X_train, l2))
    tilde = np.column_stack([X, np.ones(len(X))])
    variance = np.einsum("ij,jk,ik->i", tilde, covariance, tilde)
    z = X @ w + b
    expect(text + " z", z_laplace, z / np.sqrt(1 + np.pi * variance / 8), rtol=1e-7, atol=1e-12,
           within=" = z* / sqrt(1 + pi psi2 / 8) (11.16)")


LAPLACE_PREDICTIVE = [
    Property("gives each image's psi2 = x~ (m H*)^-1 x~^T, with x~ the image with a 1 appended "
             "and H* the penalised Hessian at (w, b) (relative error <= 1e-7)", maps(),
             _variance_agrees,
             hint="H = hessian(w, b, X_train, l2), the Hessian of the mean cost: the posterior's "
                  "covariance is (m H)^-1, m = len(X_train); x~ = np.append(x, 1) carries the "
                  "bias's uncertainty too",
             hints={"shape": "return (z, psi2), each of shape (n,): one number an image of X"}),
    Property("gives z = z* / sqrt(1 + pi psi2 / 8), z* = X @ w + b, the logit whose sigmoid is "
             "the predictive probability (relative error <= 1e-7)", maps(), _logit_agrees,
             hint="the probit approximation (11.16): shrink each logit z* = X @ w + b by chi = "
                  "(1 + pi psi2 / 8)^(-1/2); return the logits, not their sigmoid"),
]
