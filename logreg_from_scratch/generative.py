"""Where the sigmoid comes from: two Gaussian classes with one shared covariance.

A generative model describes how each class's images are spread: here a
Gaussian density for each class, with its own mean nu_l and a covariance
Sigma shared by both, and the share of each class, Pr(y = l).  Bayes' rule
turns them into the probability of the label given the image (4.7), and
with a shared covariance the logit is linear in x (4.9):

    Pr(y = 1 | x) = sigma(w.x + b),
    w = Sigma^-1 (nu_1 - nu_0),
    b = -1/2 nu_1.Sigma^-1 nu_1 + 1/2 nu_0.Sigma^-1 nu_0 + log(Pr(y = 1) / Pr(y = 0)).

``gaussian_classes`` estimates nu_0, nu_1, Sigma and the shares from
labelled images, by their averages over the images (the maximum-likelihood
estimates), and returns that w and b: linear discriminant analysis.  Where
the covariance is singular (a pixel blank in every image has variance 0),
``shrinkage`` mixes it with a multiple of the identity, as scikit-learn's
``LinearDiscriminantAnalysis(solver="lsqr", shrinkage=...)`` does.
"""
import numpy as np

from .checks import as_array, check_binary_targets, check_examples, check_X


def gaussian_classes(X, y, *, shrinkage=0.0):
    """The weights and bias of two Gaussian classes with a shared covariance, (4.9).

    Parameters
    ----------
    X : ndarray, shape (m, d)
        The images (or any features), one a row.
    y : ndarray, shape (m,)
        0 or 1; both must occur, each at least once.
    shrinkage : float in [0, 1]
        0 uses the pooled covariance Sigma as it is; s > 0 uses
        (1 - s) Sigma + s (trace(Sigma) / d) I, which is invertible for any
        s > 0 unless every feature is constant.

    Returns
    -------
    w : ndarray, shape (d,)
        Sigma^-1 (nu_1 - nu_0).
    b : float
        -1/2 nu_1.Sigma^-1 nu_1 + 1/2 nu_0.Sigma^-1 nu_0 + log(m_1 / m_0),
        with m_1, m_0 the numbers of 1s and 0s.

    Notes
    -----
    nu_l is the mean of the rows labelled l; Sigma is the pooled covariance,
    the mean over all m rows of (x - nu_y)(x - nu_y)^T, each row centred at
    its own class's mean.  sigma(w.x + b) is then the exact probability
    Pr(y = 1 | x) under the fitted model.
    """
    X = check_X(X)
    check_examples(X)
    y = check_binary_targets(y, (X.shape[0],))
    shrinkage = as_array(shrinkage, "shrinkage")
    if shrinkage.shape != () or not np.isfinite(shrinkage) or not 0 <= shrinkage <= 1:
        raise ValueError(f"shrinkage must be one number from 0 to 1; got {shrinkage!r}")
    counts = np.array([np.sum(y == 0), np.sum(y == 1)])
    if counts.min() == 0:
        raise ValueError(
            f"y holds only {int(y[0])}s: a Gaussian for each class needs images of both "
            "classes, 0 and 1")
    nu = np.stack([X[y == 0].mean(axis=0), X[y == 1].mean(axis=0)])  # (2, d)
    centred = X - nu[y.astype(np.int64)]  # each row minus its own class's mean
    sigma = centred.T @ centred / len(X)  # (d, d), the pooled covariance
    if shrinkage > 0:
        d = X.shape[1]
        sigma = (1 - shrinkage) * sigma + shrinkage * np.trace(sigma) / d * np.eye(d)
    try:
        solved = np.linalg.solve(sigma, nu.T)  # Sigma^-1 nu_0 and Sigma^-1 nu_1, (d, 2)
    except np.linalg.LinAlgError:
        constant = int(np.sum(np.all(centred == 0, axis=0)))
        why = (f"{constant} features are constant within each class (a pixel blank in every "
               "image, say), so their variance is 0" if constant else
               "some combination of the features does not vary within the classes")
        raise ValueError(f"the covariance is singular: {why}; give shrinkage > 0, "
                         "e.g. shrinkage=0.1") from None
    w = solved[:, 1] - solved[:, 0]
    b = (-0.5 * nu[1] @ solved[:, 1] + 0.5 * nu[0] @ solved[:, 0]
         + np.log(counts[1] / counts[0]))
    return w, float(b)
