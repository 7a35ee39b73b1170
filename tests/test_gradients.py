"""Analytic gradients against central differences and against a loop version."""
import math

import numpy as np
import pytest
from scipy.special import expit, log_expit

from logreg_from_scratch.gradients import numerical_gradient, propagate, relative_error

m, d, k = 13, 7, 4  # all different, so a transposed product cannot pass by accident


def binary_problem(rng):
    X = rng.normal(size=(m, d))
    y = rng.integers(0, 2, m)
    return rng.normal(size=d), float(rng.normal()), X, y


def ovr_problem(rng):
    X = rng.normal(size=(m, d))
    Y = np.eye(k)[rng.integers(0, k, m)]
    return rng.normal(size=(d, k)), rng.normal(size=k), X, Y


def loop_propagate(w, b, X, y):
    """One example at a time, with scipy's expit / log_expit: the reference."""
    w2 = w.reshape(d, -1)
    y2 = np.asarray(y, dtype=float).reshape(m, -1)
    kk = w2.shape[1]
    b2 = np.broadcast_to(b, (kk,))
    cost, dw, db = 0.0, np.zeros_like(w2), np.zeros(kk)
    for i in range(m):
        for j in range(kk):
            z = sum(X[i, p] * w2[p, j] for p in range(d)) + b2[j]
            cost -= y2[i, j] * log_expit(z) + (1 - y2[i, j]) * log_expit(-z)
            for p in range(d):
                dw[p, j] += (expit(z) - y2[i, j]) * X[i, p] / m
            db[j] += (expit(z) - y2[i, j]) / m
    return cost / m, dw.reshape(w.shape), db.reshape(np.shape(b))  # k models: costs summed


@pytest.mark.parametrize("problem", [binary_problem, ovr_problem])
def test_vectorized_matches_loop_version(problem, rng):
    w, b, X, y = problem(rng)
    for got, expected in zip(propagate(w, b, X, y), loop_propagate(w, b, X, y)):
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15)


def test_one_vs_rest_gradient_is_the_gradient_of_the_cost_returned(rng):
    """(3.2) and (3.3): the cost propagate returns for k models is the sum of their costs, and
    dW and db are its gradient, with no factor k between them."""
    W, b, X, Y = ovr_problem(rng)
    _, dW, db = propagate(W, b, X, Y)
    numerical_dW = numerical_gradient(lambda V: propagate(V, b, X, Y)[0], W)
    numerical_db = numerical_gradient(lambda c: propagate(W, c, X, Y)[0], b)
    # the book's pass mark (chapter 7); a factor k = 4 would give 0.6
    assert np.max(relative_error(dW, numerical_dW)) < 1e-6
    assert np.max(relative_error(db, numerical_db)) < 1e-6
    assert propagate(np.zeros((d, k)), np.zeros(k), X, Y)[0] == pytest.approx(k * math.log(2),
                                                                              rel=1e-15)


def test_initial_cost_is_log_2(rng):
    _, _, X, y = binary_problem(rng)
    assert propagate(np.zeros(d), 0.0, X, y)[0] == pytest.approx(math.log(2), rel=1e-15)


def test_relative_error_values():
    assert relative_error(1.0, 1.0) == 0.0
    assert relative_error(1.0, -1.0) == 1.0
    assert relative_error(0.0, 0.0) == 0.0
    np.testing.assert_allclose(relative_error(np.array([3.0, 1e-3]), np.array([1.0, 1e-3])), [0.5, 0.0])


def test_numerical_gradient_of_a_known_function_and_no_mutation():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    before = x.copy()
    grad = numerical_gradient(lambda v: np.sum(v ** 3), x)
    np.testing.assert_allclose(grad, 3 * before ** 2, rtol=1e-9)
    np.testing.assert_array_equal(x, before)
    assert numerical_gradient(lambda t: math.sin(t), 0.3) == pytest.approx(math.cos(0.3), rel=1e-9)
    # some entries only, by their place in x.ravel(), in the order asked
    some = numerical_gradient(lambda v: np.sum(v ** 3), x, entries=[3, 0])
    np.testing.assert_allclose(some, 3 * before.ravel()[[3, 0]] ** 2, rtol=1e-9)
    np.testing.assert_array_equal(x, before)


def test_the_gradient_check_draws_entries_and_finds_a_wrong_formula():
    from logreg_from_scratch.experiments import gradient_check
    from logreg_from_scratch.softmax import propagate_softmax
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(6, 5)), rng.integers(0, 3, size=6)
    W, b = rng.normal(size=(5, 3)), rng.normal(size=3)
    right = lambda W, b: propagate_softmax(W, b, X, y, 0.1)  # noqa: E731
    analytic, picks, numerical, error = gradient_check(right, W, b, np.random.default_rng(0),
                                                       entries=7, always=[16])
    assert analytic.size == 18 and len(picks) == 7 and 16 in picks
    assert list(picks) == sorted(set(picks))
    np.testing.assert_allclose(numerical, analytic[picks], rtol=1e-6, atol=1e-9)
    assert error < 1e-7
    everything = gradient_check(right, W, b, np.random.default_rng(0), entries=100)[1]
    assert list(everything) == list(range(18))  # no more entries than the model has
    wrong = lambda W, b: (lambda J, dW, db: (J, 2 * dW, db))(*right(W, b))  # noqa: E731
    analytic, picks, numerical, error = gradient_check(wrong, W, b, np.random.default_rng(0),
                                                       entries=7)
    assert not np.allclose(numerical, analytic[picks], rtol=1e-3) and error > 0.1


@pytest.mark.parametrize("z", [20.0, 37.0, 100.0, 700.0])
def test_confident_gradients_do_not_cancel(z):
    # one image labelled 1 with logit z: dJ/dz = sigma(z) - 1 = -sigma(-z) exactly
    _, dw, db = propagate(np.array([z]), 0.0, np.array([[1.0]]), np.array([1]))
    assert db == pytest.approx(-expit(-z), rel=1e-15) and db < 0
    assert dw[0] == db
    _, _, db0 = propagate(np.array([-z]), 0.0, np.array([[1.0]]), np.array([0]))
    assert db0 == pytest.approx(expit(-z), rel=1e-15)


def test_float32_stays_float32(rng):
    w, b, X, y = binary_problem(rng)
    J, dw, db = propagate(w.astype(np.float32), np.float32(b), X.astype(np.float32), y)
    assert dw.dtype == np.float32 and db.dtype == np.float32
    _, dw64, _ = propagate(w, b, X, y)
    np.testing.assert_allclose(dw, dw64, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("h, error", [(0, ValueError), (-1e-5, ValueError), (None, TypeError),
                                      ("1e-5", TypeError), (np.nan, ValueError)])
def test_numerical_gradient_needs_a_positive_step(h, error):
    with pytest.raises(error, match="h, the finite-difference step, must be"):
        numerical_gradient(np.sum, np.zeros(3), h=h)
