"""The properties of chapter 4's geometry and generative model: the signed distance to a
boundary, (4.5), and two Gaussian classes with a shared covariance, (4.9).

References: the shortest step onto the boundary, found by numpy's least-squares solver (the
least-norm solution of w.(x + step) + b = 0), for the distance; Bayes' rule (4.7) with SciPy's
Gaussian density, for the Gaussian classes.  The tests of the package hold ``predict.py`` and
``generative.py`` to these same properties.
"""
import numpy as np
import scipy.stats
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from .grader import Property, Wrong, call, described, expect, expect_tuple


@st.composite
def models(draw):
    """(w, b, X): a binary model whose w is not all 0, and m images of d features."""
    m, d = draw(st.integers(1, 6)), draw(st.integers(1, 4))
    values = st.floats(-3, 3)
    w = draw(arrays(np.float64, (d,), elements=values).filter(
        lambda w: np.linalg.norm(w) > 1e-2))
    return w, draw(values), draw(arrays(np.float64, (m, d), elements=values))


def _distance_agrees(f, w, b, X):
    text = described("distance_to_boundary", w, b, X)
    result = call(f, "distance_to_boundary", w, b, X)
    expected = []
    for x in X:  # the least-norm step onto the boundary, and its length signed by the side
        step = np.linalg.lstsq(w[None, :], [-(w @ x + b)], rcond=None)[0]
        expected.append(-(step @ w) / np.linalg.norm(w))
    expect(text, result, np.array(expected), atol=1e-9, rtol=1e-9,
           within=" (the shortest step onto the boundary, + on the side of 'yes')")


def _distance_ignores_the_scale(f, w, b, X):
    once = call(f, "distance_to_boundary", w, b, X)
    expect(described("distance_to_boundary", 3 * w, 3 * b, X),
           call(f, "distance_to_boundary", 3 * w, 3 * b, X), once, atol=1e-9, rtol=1e-9,
           within=" (w and b times 3: the same boundary, so the same distances)")


@st.composite
def labelled(draw):
    """(X, y, shrinkage): two clouds of d features, of d + 1 to 12 points each, in shuffled order;
    a pooled covariance that is invertible, from random draws of a seeded generator."""
    d = draw(st.integers(1, 3))
    sizes = draw(st.integers(d + 1, 12)), draw(st.integers(d + 1, 12))
    rng = np.random.default_rng(draw(st.integers(0, 2 ** 32 - 1)))
    scale, offset = draw(st.sampled_from([0.5, 1.0, 4.0])), draw(st.floats(-5, 5))
    X = rng.normal(size=(sum(sizes), d)) @ (scale * np.eye(d) + rng.normal(size=(d, d)) / 2)
    y = np.repeat([0, 1], sizes)
    X[y == 1] += rng.normal(size=d)  # class 1 moved away
    order = rng.permutation(len(y))
    return X[order] + offset, y[order], draw(st.sampled_from([0.0, 0.3]))


def _reference_logits(X, y, shrinkage):
    """(4.7)'s z at every row of X, by Bayes' rule with SciPy's Gaussian densities: the classes'
    mean points, the pooled covariance (shrunk), and the classes' shares."""
    nu = [X[y == label].mean(axis=0) for label in (0, 1)]
    centred = X - np.array(nu)[y]
    sigma = centred.T @ centred / len(X)
    d = X.shape[1]
    sigma = (1 - shrinkage) * sigma + shrinkage * np.trace(sigma) / d * np.eye(d)
    share = y.mean()
    return (scipy.stats.multivariate_normal(nu[1], sigma).logpdf(X) + np.log(share)
            - scipy.stats.multivariate_normal(nu[0], sigma).logpdf(X) - np.log(1 - share))


def _gaussian_is_bayes(f, X, y, shrinkage):
    text = described("gaussian_classes", X, y, shrinkage=shrinkage)
    result = expect_tuple(text, call(f, "gaussian_classes", X, y, shrinkage=shrinkage),
                          ["w", "b"])
    w, b = result
    if np.shape(w) != (X.shape[1],) or np.ndim(b) != 0:
        raise Wrong(text, f"returned w of shape {np.shape(w)} and b of shape {np.shape(b)}",
                    f"w of shape ({X.shape[1]},) and b a float", kind="shape")
    expect(text + ": its logits X @ w + b", X @ np.asarray(w, dtype=float) + float(b),
           _reference_logits(X, y, shrinkage), atol=1e-7, rtol=1e-7,
           within=" (Bayes' rule with the fitted Gaussians, (4.7))")


def _shrinkage_one_is_the_mean_difference(f, X, y, _):
    text = described("gaussian_classes", X, y, shrinkage=1.0)
    w, _ = expect_tuple(text, call(f, "gaussian_classes", X, y, shrinkage=1.0), ["w", "b"])
    nu = [X[y == label].mean(axis=0) for label in (0, 1)]
    centred = X - np.array(nu)[y]
    spread = np.trace(centred.T @ centred / len(X)) / X.shape[1]  # the mean variance
    expect(text + " w", w, (nu[1] - nu[0]) / spread, atol=1e-9, rtol=1e-9,
           within=" = (nu_1 - nu_0) / (trace(Sigma) / d): at shrinkage 1 the covariance is "
                  "the mean variance times I")


DISTANCE_TO_BOUNDARY = [
    Property("gives, for each row x, the length of the shortest step onto the boundary "
             "w.x + b = 0, positive on the side of 'yes' (error <= 1e-9)", models(),
             _distance_agrees,
             hint="(X @ w + b) / ||w||, (4.5): divide by the length np.linalg.norm(w), not by "
                  "its square, and keep the sign",
             hints={"shape": "return one distance a row of X, shape (m,)"}),
    Property("is the same for w and b times 3: the distance belongs to the boundary, not to "
             "the length of w", models(), _distance_ignores_the_scale,
             hint="divide the logit by ||w|| once: (w.x + b) / ||w|| does not change when w and "
                  "b are multiplied by the same number"),
]

GAUSSIAN_CLASSES = [
    Property("gives logits X @ w + b equal to Bayes' rule (4.7) with the classes' mean points, "
             "their pooled covariance (shrunk by `shrinkage`) and their shares, by SciPy's "
             "Gaussian density (error <= 1e-7)", labelled(), _gaussian_is_bayes,
             hint="nu_l = X[y == l].mean(axis=0); centre each row at its own class's mean, C; "
                  "Sigma = C.T @ C / m (not np.cov: it divides by m - 1, about each class's own "
                  "count); w = np.linalg.solve(Sigma, nu_1 - nu_0); b = -nu_1 @ Sigma^-1 nu_1 / 2 "
                  "+ nu_0 @ Sigma^-1 nu_0 / 2 + log(m_1 / m_0); with shrinkage s, first Sigma = (1 - "
                  "s) Sigma + s (trace(Sigma) / d) I",
             hints={"shape": "return (w, b): w of shape (d,), b a float"}),
    Property("with shrinkage = 1 uses the mean variance times the identity, so that w = (nu_1 "
             "- nu_0) / (trace(Sigma) / d)", labelled(), _shrinkage_one_is_the_mean_difference,
             hint="Sigma_s = (1 - s) Sigma + s (trace(Sigma) / d) I, with np.eye(d)"),
]
