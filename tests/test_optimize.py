"""Gradient descent: no mutation, the seed's cost bookkeeping, divergence, the seed result."""
import numpy as np
import pytest

from logreg_from_scratch.gradients import propagate
from logreg_from_scratch.labels import binary_labels, one_hot
from logreg_from_scratch.optimize import DivergenceError, gradient_descent
from logreg_from_scratch.predict import accuracy, predict


@pytest.fixture
def problem(rng):
    X = rng.normal(size=(30, 4))
    y = (X @ np.array([1.0, -2.0, 0.5, 0.0]) + 0.3 > 0).astype(int)
    return X, y


def test_inputs_are_not_mutated(problem):
    X, y = problem
    w0, b0 = np.zeros(4), np.zeros(())
    gradient_descent(w0, b0, X, y, 5, 0.5)
    np.testing.assert_array_equal(w0, 0)
    assert b0 == 0


def test_costs_are_recorded_before_each_update(problem):
    X, y = problem
    w, b, costs = gradient_descent(np.zeros(4), 0.0, X, y, 3, 0.5)
    assert costs.shape == (3,)
    assert costs[0] == propagate(np.zeros(4), 0.0, X, y)[0]
    # replay by hand: cost i is the cost of the parameters after i updates
    w_i, b_i = np.zeros(4), 0.0
    for cost in costs:
        J, dw, db = propagate(w_i, b_i, X, y)
        assert J == cost
        w_i, b_i = w_i - 0.5 * dw, b_i - 0.5 * db
    np.testing.assert_array_equal(w, w_i)
    assert b == b_i


def test_cost_falls_and_callback_sees_every_iteration(problem):
    X, y = problem
    seen = []
    w, b, costs = gradient_descent(np.zeros(4), 0.0, X, y, 50, 0.5,
                                   callback=lambda i, w, b, cost: seen.append((i, cost)))
    assert seen == list(enumerate(costs))
    assert costs[-1] < 0.5 * costs[0]
    assert np.all(np.diff(costs) < 0)  # a small enough rate on a convex cost: monotone


def test_divergence_names_the_step_and_the_fix(problem):
    X, y = problem
    with pytest.raises(DivergenceError, match=r"diverged at step \d+ with rate 1e\+306 .*smaller rate"):
        gradient_descent(np.zeros(4), 0.0, X * 1e3, y, 10, 1e306)


def test_seed_binary_result(seed_data):
    """The seed's numbers: 3000/500 raw images, 100 iterations at 0.005, 'is it a 1?'."""
    X_train, y_train, X_test, y_test = seed_data
    y_train_1, y_test_1 = binary_labels(y_train, 1), binary_labels(y_test, 1)
    w, b, costs = gradient_descent(np.zeros(784), 0.0, X_train, y_train_1, 100, 0.005)
    assert costs[0] == pytest.approx(np.log(2), rel=1e-15)
    assert round(100 * accuracy(predict(w, b, X_train), y_train_1), 4) == 99.2333
    assert round(100 * accuracy(predict(w, b, X_test), y_test_1), 4) == 99.0


def test_seed_one_vs_rest_first_cycle(seed_data):
    X_train, y_train, _, _ = seed_data
    W, b, costs = gradient_descent(np.zeros((784, 10)), np.zeros(10), X_train,
                                   one_hot(y_train, 10), 10, 0.002)
    assert costs[-1] == pytest.approx(15.642082, abs=5e-7)
    assert round(100 * accuracy(predict(W, b, X_train), y_train), 2) == 78.40
