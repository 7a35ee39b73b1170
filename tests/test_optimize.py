"""Gradient descent: no mutation, the seed's cost bookkeeping, divergence, the seed result."""
from pathlib import Path

import numpy as np
import pytest
from chapter_checks import text_lines
from seed_numbers import MODELS, SEED_COST_10, SEED_TRAIN_10, check_seed_one_vs_rest

from logreg_from_scratch.labels import binary_labels, one_hot
from logreg_from_scratch.optimize import FAR_ABOVE, JUDGED_AFTER, DivergenceError, gradient_descent
from logreg_from_scratch.predict import accuracy, predict


@pytest.fixture
def problem(rng):
    X = rng.normal(size=(30, 4))
    y = (X @ np.array([1.0, -2.0, 0.5, 0.0]) + 0.3 > 0).astype(int)
    return X, y


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
    # the book's cost is the sum of the ten models' costs (3.2); the original notebook printed
    # their mean, as computed in the 10th iteration before its update (after 9 steps)
    assert costs[-1] / MODELS == pytest.approx(SEED_COST_10, abs=5e-7)
    assert round(100 * accuracy(predict(W, b, X_train), y_train), 2) == SEED_TRAIN_10


def test_nothing_returned_or_shown_is_the_callers_array(problem):
    X, y = problem
    w0, b0 = np.zeros(4), np.zeros(())
    w, b, costs = gradient_descent(w0, b0, X, y, 0, 0.5)  # no step at all
    assert costs.shape == (0,) and not np.shares_memory(w, w0) and not np.shares_memory(b, b0)

    def vandal(i, w, b, cost):  # a callback that writes into what it is shown
        w[:] = 1e3
    w_vandal, _, _ = gradient_descent(w0, b0, X, y, 5, 0.5, callback=vandal)
    w_clean, _, _ = gradient_descent(w0, b0, X, y, 5, 0.5)
    np.testing.assert_array_equal(w_vandal, w_clean)
    np.testing.assert_array_equal(w0, 0)


def test_a_cost_that_ends_far_above_its_start_is_reported(seed_data):
    """Rate 1e6 on raw pixels overflows nothing: the cost just ends at 2.4e8."""
    X_train, y_train, _, _ = seed_data
    y1 = binary_labels(y_train, 1)
    with pytest.raises(DivergenceError, match=r"did not converge with rate 1e\+06: the cost ended "
                       r"at 2\.\d+e\+08, .* times where it started \(0\.6931\).*smaller rate") as info:
        gradient_descent(np.zeros(784), 0.0, X_train, y1, 100, 1e6)
    error = info.value
    assert error.w.shape == (784,) and error.costs.shape == (100,)  # the run is kept to look at
    # the seed's own run climbs ~470-fold on its first step, then comes down: no error
    for iterations in (2, 3, 100):
        _, _, costs = gradient_descent(np.zeros(784), 0.0, X_train, y1, iterations, 0.005)
        assert costs.max() / costs[0] > 400 and costs[-1] > costs[0]


def test_a_short_run_is_judged_by_overflow_only(seed_data):
    """Chapter 2's exercise 3: at rate 0.05 the first step climbs ~4700-fold and the next ones
    come down.  Three steps end far above the start, yet the run is converging: a run shorter
    than JUDGED_AFTER steps raises only when it overflows; from JUDGED_AFTER on, the test of
    the end against the start applies again."""
    X_train, y_train, _, _ = seed_data
    y1 = binary_labels(y_train, 1)
    _, _, costs = gradient_descent(np.zeros(784), 0.0, X_train, y1, 3, 0.05)
    assert costs[-1] > FAR_ABOVE * costs[0] and costs[-1] < costs[1]  # far above, coming down
    _, _, costs = gradient_descent(np.zeros(784), 0.0, X_train, y1, 100, 0.05)
    assert costs[-1] < 0.01 * costs.max()  # it came down
    with pytest.raises(DivergenceError, match="did not converge"):  # long enough to be judged
        gradient_descent(np.zeros(784), 0.0, X_train, y1, JUDGED_AFTER, 1e6)
    _, _, costs = gradient_descent(np.zeros(784), 0.0, X_train, y1, JUDGED_AFTER - 1, 1e6)
    assert costs[-1] > FAR_ABOVE * costs[0]  # one step shorter: not judged
    with pytest.raises(DivergenceError, match="diverged at step 1"):  # overflow: always
        gradient_descent(np.zeros(784), 0.0, X_train, y1, 3, 1e306)


def test_float32_training_stays_float32(problem):
    X, y = problem
    w, b, costs = gradient_descent(np.zeros(4, np.float32), np.float32(0), X.astype(np.float32), y, 5, 0.5)
    assert w.dtype == np.float32 and b.dtype == np.float32


@pytest.mark.slow  # tests/conftest.py: the quick loop leaves it out
@pytest.mark.parametrize("seed", [0, 1])
def test_seed_one_vs_rest_holds_in_another_summation_order(seed_data, seed):
    """The rows of X in another order: X^T (A - Y) adds them up differently, as another BLAS
    kernel would.  The checks of tests/seed_numbers.py that hold on any BLAS still hold."""
    X_train, y_train, _, _ = seed_data
    X_test, y_test = seed_data[2:]
    order = np.random.default_rng(seed).permutation(len(y_train))
    X, y = X_train[order], y_train[order]
    W, b, costs = gradient_descent(np.zeros((784, 10)), np.zeros(10), X, one_hot(y, 10), 10, 0.002)
    train_10 = round(100 * accuracy(predict(W, b, X), y), 2)
    W, b, _ = gradient_descent(W, b, X, one_hot(y, 10), 100, 0.002)
    check_seed_one_vs_rest(costs[-1], train_10, round(100 * accuracy(predict(W, b, X), y), 2),
                           round(100 * accuracy(predict(W, b, X_test), y_test), 2), exact=False)


def test_a_rate_beyond_float32_is_a_divergence_not_a_warning(problem):
    X, y = problem
    with pytest.raises(DivergenceError, match=r"diverged at step 0 with rate 1e\+39"):
        gradient_descent(np.zeros(4, np.float32), np.float32(0), X.astype(np.float32), y, 3, 1e39)


@pytest.mark.slow  # tests/conftest.py: the quick loop leaves it out
@pytest.mark.parametrize("scale, stable, unstable", [(1, 7e-6, 1e-5), (255, 0.5, 0.7)])
def test_the_largest_stable_rates_chapter_3_states(seed_data, scale, stable, unstable):
    """Chapter 3: on its 3000 images, the cost falls at every one of 110 steps at the rate it
    names as the largest, and rises exactly once, at the first step, at the next rate on its
    grid (1, 2, 3, 5 and 7 times each power of ten)."""
    X, y = seed_data[0] / scale, one_hot(seed_data[1], 10)
    rises = {}
    for rate in (stable, unstable):
        _, _, costs = gradient_descent(np.zeros((784, 10)), np.zeros(10), X, y, 110, rate)
        rises[rate] = np.flatnonzero(np.diff(costs) > 0).tolist()
    assert rises == {stable: [], unstable: [0]}
    text = " ".join(text_lines(Path(__file__).resolve().parent.parent / "chapters"
                               / "03_multiclass.py"))
    assert "We tried the learning rates 1, 2, 3, 5 and 7 times each power of ten" in text
    assert ("On raw pixels the largest such rate is $7 \\times 10^{-6}$; at $10^{-5}$ the cost "
            "rises once, at the first step.") in text
    assert ("On scaled pixels the largest is 0.5; at 0.7 the cost rises once, also at the first "
            "step.") in text
