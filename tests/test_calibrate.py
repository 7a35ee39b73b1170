"""Platt and temperature scaling: at the minimum of the validation log loss, and what they keep.

The grader's properties (the validation minimum against SciPy's scalar
minimiser, T fitted on validation images only) run on the package in
tests/test_exercises.py; here: the optimality conditions, scikit-learn's
logistic regression on the same one feature, a temperature recovered from
logits made overconfident on purpose, and the errors.
"""
import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from logreg_from_scratch import calibrate, metrics
from logreg_from_scratch.cost import cross_entropy
from logreg_from_scratch.sigmoid import sigmoid
from logreg_from_scratch.softmax import softmax


def overconfident_binary(rng, m=5000, scale=40.0):
    """Labels drawn from sigma(t), and logits z = scale * t - 3: calibrated by s = 1 / scale,
    c = 3 / scale."""
    t = rng.normal(scale=2.0, size=m)
    y = (rng.random(m) < sigmoid(t)).astype(int)
    return scale * t - 3.0, y


def test_platt_is_at_the_minimum_and_agrees_with_scikit_learn(rng):
    z, y = overconfident_binary(rng)
    s, c = calibrate.platt(z, y)
    a = sigmoid(s * z + c)
    # the minimum of a convex cost: both partial derivatives (2.7) vanish
    assert abs(np.mean((a - y) * z)) < 1e-9 * np.abs(z).mean() and abs(np.mean(a - y)) < 1e-9
    reference = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(
        (z / z.std())[:, None], y)
    assert (s, c) == pytest.approx((reference.coef_[0, 0] / z.std(), reference.intercept_[0]),
                                   rel=1e-5)
    assert s == pytest.approx(1 / 40, rel=0.1) and c == pytest.approx(3 / 40, abs=0.1)
    assert cross_entropy(s * z + c, y) < cross_entropy(z, y) / 5  # the overconfidence is gone
    assert metrics.roc_auc(s * z + c, y) == metrics.roc_auc(z, y)  # s > 0: the same ranking


def test_platt_refuses_logits_that_separate_the_classes():
    z, y = np.array([-3.0, -1.0, 2.0, 5.0]), np.array([0, 0, 1, 1])
    for separated in (z, -z, np.array([-3.0, 2.0, 2.0, 5.0])):  # a tie at the border too
        with pytest.raises(ValueError, match="separate the two classes"):
            calibrate.platt(separated, y)
    with pytest.raises(ValueError, match="every logit in z is the same"):
        calibrate.platt(np.zeros(4), y)


def overconfident_softmax(rng, m=20000, k=10, T=3.0):
    """Labels drawn from softmax(Z_true); the model's logits are T Z_true, T times too sure."""
    Z_true = rng.normal(scale=2.0, size=(m, k))
    P = softmax(Z_true)
    y = (rng.random((m, 1)) > np.cumsum(P, axis=1)).sum(axis=1)  # one draw from each row of P
    return T * Z_true, y


def test_temperature_recovers_how_overconfident_the_logits_are(rng):
    Z, y = overconfident_softmax(rng)
    T = calibrate.fit_temperature(Z, y)
    assert T == pytest.approx(3.0, rel=0.03)  # 20,000 labels pin it to about 1 %
    cost, slope, curvature = calibrate._temperature_derivatives(1 / T, Z, y)
    assert abs(slope) < 1e-10 and curvature > 0  # J'(1/T) = 0 at a minimum
    assert cost < calibrate.temperature_cost(Z, y, 1.0)
    # the predictions do not move: the accuracy is exactly the same
    np.testing.assert_array_equal(np.argmax(Z / T, axis=1), np.argmax(Z, axis=1))


def test_the_derivatives_of_the_temperature_cost_are_its_slope_and_curvature(rng):
    Z, y = overconfident_softmax(rng, m=300, k=4)
    s, h = 0.4, 1e-5
    J = lambda s: calibrate._temperature_derivatives(s, Z, y)[0]  # noqa: E731
    _, slope, curvature = calibrate._temperature_derivatives(s, Z, y)
    assert slope == pytest.approx((J(s + h) - J(s - h)) / (2 * h), rel=1e-6)
    assert curvature == pytest.approx((J(s + h) - 2 * J(s) + J(s - h)) / h ** 2, rel=1e-4)


def test_temperature_scaling_fits_on_validation_and_scores_the_test_images(rng):
    Z, y = overconfident_softmax(rng, m=4000)
    T, before, after = calibrate.temperature_scaling(Z[:2000], y[:2000], Z[2000:], y[2000:])
    assert T == calibrate.fit_temperature(Z[:2000], y[:2000])
    assert before == calibrate.temperature_cost(Z[2000:], y[2000:], 1.0) > after


BAD = [
    (lambda: calibrate.fit_temperature(np.eye(3) * 5, [0, 1, 2]),
     "every image is classified right"),
    (lambda: calibrate.fit_temperature(-np.eye(3), [0, 1, 2]), "do not favour the true class"),
    (lambda: calibrate.fit_temperature(np.ones(3), [0, 1, 1]), r"Z must be \(m, k\).*use platt"),
    (lambda: calibrate.fit_temperature(np.ones((3, 2)), [0, 1, 2]), "must lie in 0..1"),
    (lambda: calibrate.temperature_cost(np.ones((3, 2)), [0, 1, 1], 0.0), "T must be a finite"),
    (lambda: calibrate.platt([1.0, 2.0], [0, 1, 1]), "2 z and 3 labels"),
]


@pytest.mark.parametrize("bad, message", BAD, ids=[m.split()[0] for _, m in BAD])
def test_a_mistake_gets_a_clear_error(bad, message):
    with pytest.raises(ValueError, match=message):
        bad()
