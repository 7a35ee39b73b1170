"""Two Gaussian classes with a shared covariance (chapter 4, (4.9)): against scikit-learn's
linear discriminant analysis and against Bayes' rule with scipy's densities."""
import numpy as np
import pytest
import scipy.stats

from logreg_from_scratch.generative import gaussian_classes
from logreg_from_scratch.sigmoid import sigmoid


def two_clouds(rng, m=200, d=4):
    """Two Gaussian clouds of unequal size, sharing one covariance."""
    A = rng.normal(size=(d, d))
    y = (rng.random(m) < 0.3).astype(int)
    X = rng.normal(size=(m, d)) @ A + np.outer(y, rng.normal(size=d))
    return X, y


@pytest.mark.parametrize("shrinkage", [0.0, 0.3])
def test_gaussian_classes_is_scikit_learns_linear_discriminant_analysis(rng, shrinkage):
    from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
    X, y = two_clouds(rng)
    before = X.copy()
    w, b = gaussian_classes(X, y, shrinkage=shrinkage)
    lda = LinearDiscriminantAnalysis(solver="lsqr", shrinkage=shrinkage or None).fit(X, y)
    np.testing.assert_allclose(w, lda.coef_[0], rtol=1e-9)
    np.testing.assert_allclose(b, lda.intercept_[0], rtol=1e-9)
    np.testing.assert_array_equal(X, before)


def test_its_sigmoid_is_bayes_rule_with_the_fitted_gaussians(rng):
    """(4.7) and (4.9): sigma(w.x + b) equals p(x | 1) Pr(1) / (p(x | 1) Pr(1) + p(x | 0) Pr(0))
    with the fitted means, pooled covariance and shares, by scipy's Gaussian density."""
    X, y = two_clouds(rng)
    w, b = gaussian_classes(X, y)
    nu = [X[y == label].mean(axis=0) for label in (0, 1)]
    centred = np.concatenate([X[y == label] - nu[label] for label in (0, 1)])
    sigma = centred.T @ centred / len(X)
    share = y.mean()
    joint = [scipy.stats.multivariate_normal(nu[label], sigma).pdf(X) * prior
             for label, prior in ((0, 1 - share), (1, share))]
    np.testing.assert_allclose(sigmoid(X @ w + b), joint[1] / (joint[0] + joint[1]), rtol=1e-9)


@pytest.mark.parametrize("X, y, kwargs, message", [
    (np.ones((4, 2)), np.zeros(4), {}, "holds only 0s.*both classes"),
    (np.arange(8.0).reshape(4, 2), [0, 1, 0, 1], {"shrinkage": 1.5}, "from 0 to 1"),
    (np.c_[np.arange(4.0), np.zeros(4)], [0, 1, 0, 1], {}, r"singular: 1 features are "
                                                            r"constant.*shrinkage > 0"),
    (np.arange(8.0).reshape(4, 2), [0, 2, 0, 1], {}, "only 0 and 1"),
])
def test_gaussian_classes_says_what_is_wrong(X, y, kwargs, message):
    with pytest.raises(ValueError, match=message):
        gaussian_classes(X, y, **kwargs)


def test_shrinkage_mends_a_blank_pixel(rng):
    X, y = two_clouds(rng)
    X[:, 1] = 0  # blank in every image
    w, b = gaussian_classes(X, y, shrinkage=0.1)
    assert np.all(np.isfinite(w)) and np.isfinite(b) and w[1] == 0
