"""The Laplace approximation's predictive probabilities (chapter 11, (11.14)-(11.16)): against
the mean of the sigmoid over draws from the Gaussian posterior, and the mistakes it refuses."""
import numpy as np
import pytest

from logreg_from_scratch.laplace import laplace_logits
from logreg_from_scratch.newton import hessian, newton
from logreg_from_scratch.sigmoid import sigmoid


@pytest.fixture
def fitted(rng):
    X = rng.normal(size=(80, 5))
    y = (X @ rng.normal(size=5) + rng.normal(size=80) > 0).astype(int)
    w, b, _ = newton(np.zeros(5), 0.0, X, y, l2=0.1)
    return X, y, w, b


def test_the_probit_approximation_is_near_the_posterior_mean(rng, fitted):
    """(11.16) within 0.02 of the mean of sigma over 20,000 draws from N(theta*, (m H*)^-1);
    the MAP's own probability further from it where the logit is uncertain; the inputs kept."""
    X, y, w, b = fitted
    X_new = rng.normal(size=(40, 5)) * 2  # some far from the training images
    before = X_new.copy()
    z_laplace, psi2 = laplace_logits(w, b, X, y, X_new, l2=0.1)
    np.testing.assert_array_equal(X_new, before)
    assert z_laplace.shape == psi2.shape == (40,) and np.all(psi2 > 0)
    a = sigmoid(z_laplace)
    covariance = np.linalg.inv(len(X) * hessian(w, b, X, 0.1))
    thetas = rng.multivariate_normal(np.append(w, b), covariance, size=20_000)
    sampled = sigmoid(np.column_stack([X_new, np.ones(40)]) @ thetas.T).mean(axis=1)
    assert np.max(np.abs(a - sampled)) < 0.02
    map_gap = np.abs(sigmoid(X_new @ w + b) - sampled)
    assert map_gap.max() > 3 * np.max(np.abs(a - sampled))
    # every probability moves toward 1/2, never across it
    z = X_new @ w + b
    assert np.all(np.abs(a - 0.5) <= np.abs(sigmoid(z) - 0.5)) and np.all((a > 0.5) == (z > 0))


def test_laplace_logits_says_what_is_wrong(fitted):
    X, y, w, b = fitted
    with pytest.raises(ValueError, match="not the minimum.*newton"):
        laplace_logits(w + 0.1, b, X, y, X, l2=0.1)
    with pytest.raises(ValueError, match="not the minimum"):
        laplace_logits(w, b, X, y, X, l2=0.2)  # the minimum of another penalty
    with pytest.raises(ValueError, match="l2 must be a finite number > 0"):
        laplace_logits(w, b, X, y, X, l2=0.0)
    with pytest.raises(ValueError, match="the same d = 5 pixels"):
        laplace_logits(w, b, X, y, X[:, :4], l2=0.1)
