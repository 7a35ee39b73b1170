"""Softmax regression: the softmax's properties, its cost and gradient, SGD's reproducibility."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.special import log_softmax as scipy_log_softmax
from threadpoolctl import threadpool_info, threadpool_limits

from logreg_from_scratch.optimize import DivergenceError, minibatch_sgd, train_softmax
from logreg_from_scratch.predict import accuracy
from logreg_from_scratch.softmax import (log_softmax, predict_softmax, propagate_softmax,
                                         softmax)

shapes = st.tuples(st.integers(1, 6), st.integers(1, 7))  # non-square, k = 1 included
huge = st.floats(-1e300, 1e300, allow_nan=False)
moderate = st.floats(-500, 500, allow_nan=False)


@given(shapes.flatmap(lambda s: arrays(np.float64, s, elements=huge)))
def test_rows_sum_to_one_and_logs_are_finite(Z):
    P, log_P = softmax(Z), log_softmax(Z)
    assert P.shape == log_P.shape == Z.shape
    np.testing.assert_allclose(P.sum(axis=1), 1.0, rtol=1e-14)
    assert np.all(np.isfinite(log_P)) and np.all(log_P <= 0)


@given(shapes.flatmap(lambda s: st.tuples(arrays(np.float64, s, elements=moderate),
                                          arrays(np.float64, (s[0], 1), elements=moderate))))
def test_adding_a_constant_to_a_row_changes_nothing(Zc):
    Z, c = Zc
    np.testing.assert_allclose(softmax(Z + c), softmax(Z), rtol=1e-9, atol=1e-300)
    np.testing.assert_allclose(log_softmax(Z + c), log_softmax(Z), rtol=1e-9, atol=1e-9)


def test_one_class_and_extreme_rows():
    np.testing.assert_array_equal(softmax(np.array([[3.0], [-1e300]])), [[1.0], [1.0]])
    np.testing.assert_array_equal(log_softmax(np.array([[1e300, -1e300]])), [[0.0, -2e300]])
    with pytest.raises(ValueError, match=r"Z must be 2-D .* got shape \(3,\)"):
        softmax(np.zeros(3))


m, d, k = 11, 6, 4


@pytest.fixture
def problem(rng):
    return (rng.normal(size=(d, k)), rng.normal(size=k), rng.normal(size=(m, d)),
            rng.integers(0, k, m))


def loop_propagate_softmax(W, b, X, y, l2):
    """One example at a time, with scipy's log_softmax: the reference."""
    cost, dW, db = 0.0, np.zeros_like(W), np.zeros_like(b)
    for i in range(m):
        z = X[i] @ W + b
        log_p = scipy_log_softmax(z)
        cost -= log_p[y[i]] / m
        dz = np.exp(log_p) - np.eye(k)[y[i]]
        dW += np.outer(X[i], dz) / m
        db += dz / m
    return cost + l2 / 2 * np.sum(W ** 2), dW + l2 * W, db


@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_vectorized_matches_loop_version(problem, l2):
    for got, expected in zip(propagate_softmax(*problem, l2), loop_propagate_softmax(*problem, l2)):
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("m_", [1, 4, 16])
@pytest.mark.parametrize("k_", [2, 3, 10])
def test_cost_at_zero_weights_is_exactly_log_k(m_, k_, rng):
    X = rng.normal(size=(m_, 5))
    J, _, _ = propagate_softmax(np.zeros((5, k_)), np.zeros(k_), X, rng.integers(0, k_, m_), 0.5)
    assert J == np.log(k_)


def test_l2_term_is_half_l2_times_squared_norm(problem):
    W, b, X, y = problem
    J0, dW0, _ = propagate_softmax(W, b, X, y, 0.0)
    J1, dW1, _ = propagate_softmax(W, b, X, y, 0.2)
    assert J1 - J0 == pytest.approx(0.1 * np.sum(W ** 2), rel=1e-12)
    np.testing.assert_allclose(dW1 - dW0, 0.2 * W, rtol=1e-10)


@pytest.mark.parametrize("args, message", [
    ((np.zeros(d), 0.0), r"softmax regression needs W of shape \(d, k\); got \(6,\)"),
    ((np.zeros((d, k)), np.zeros(k), -1.0), "l2 must be a finite number >= 0; got -1.0"),
    ((np.zeros((d, k)), np.zeros(k), np.nan), "l2 must be a finite number"),
])
def test_bad_parameters(problem, args, message):
    _, _, X, y = problem
    W, b, *l2 = args
    with pytest.raises(ValueError, match=message):
        propagate_softmax(W, b, X, y, *l2)


def test_labels_out_of_range(problem):
    W, b, X, y = problem
    with pytest.raises(ValueError, match=r"y must lie in 0..3; found \[4\]"):
        propagate_softmax(W, b, X, np.where(y == 0, 4, y))


def sgd(problem, seed, **kwargs):
    W, b, X, y = problem
    settings = dict(epochs=3, rate=0.5, batch_size=3, decay="linear")
    return train_softmax(np.zeros((d, k)), np.zeros(k), X, y, rng=np.random.default_rng(seed),
                         **{**settings, **kwargs})


def test_sgd_is_reproducible_from_a_seed_and_differs_under_another(problem):
    W1, b1, costs1 = sgd(problem, 7)
    W2, b2, costs2 = sgd(problem, 7)
    W3, _, costs3 = sgd(problem, 8)
    np.testing.assert_array_equal(W1, W2)
    np.testing.assert_array_equal(costs1, costs2)
    assert costs1.shape == (3 * 4,)  # 3 epochs of ceil(11 / 3) = 4 steps
    assert not np.array_equal(W1, W3)
    assert costs1[0] == costs3[0] == pytest.approx(np.log(k))  # W = 0: every batch costs log k


def test_full_batch_sgd_is_gradient_descent(problem):
    W0, b0, X, y = problem
    W, b, costs = sgd(problem, 0, batch_size=m, decay="none", epochs=2, l2=0.1)
    W_hand, b_hand = np.zeros((d, k)), np.zeros(k)
    for cost in costs:
        J, dW, db = propagate_softmax(W_hand, b_hand, X, y, 0.1)
        assert J == cost
        W_hand, b_hand = W_hand - 0.5 * dW, b_hand - 0.5 * db
    np.testing.assert_array_equal(W, W_hand)


def test_linear_decay_and_callback(problem):
    seen = []
    W, b, costs = sgd(problem, 1, epochs=4, callback=lambda e, W, b, c: seen.append((e, c)))
    assert [e for e, _ in seen] == [0, 1, 2, 3]
    np.testing.assert_allclose([c for _, c in seen], costs.reshape(4, 4).mean(axis=1))


def test_inputs_not_mutated_and_a_rng_is_required(problem):
    W0, b0, X, y = problem
    copies = [a.copy() for a in problem]
    train_softmax(W0, b0, X, y, epochs=2, rate=0.1, batch_size=4, rng=np.random.default_rng(0))
    for a, c in zip(problem, copies):
        np.testing.assert_array_equal(a, c)
    with pytest.raises(TypeError, match="pass rng=np.random.default_rng"):
        train_softmax(W0, b0, X, y, epochs=1, rate=0.1, batch_size=4)
    with pytest.raises(ValueError, match='decay must be "none" or "linear"'):
        train_softmax(W0, b0, X, y, epochs=1, rate=0.1, decay="cosine")


def test_divergence_is_reported(problem):
    W0, b0, X, y = problem
    with pytest.raises(DivergenceError, match="diverged at step"):
        train_softmax(W0, b0, X * 1e200, y, epochs=3, rate=1e200)


def test_sgd_learns_a_separable_problem(rng):
    X = rng.normal(size=(300, 2))
    y = (X[:, 0] > 0).astype(int) + 2 * (X[:, 1] > 0)  # four quadrants
    W, b, costs = train_softmax(np.zeros((2, 4)), np.zeros(4), X, y, epochs=30, rate=1.0,
                                batch_size=20, decay="linear", rng=rng)
    assert accuracy(predict_softmax(W, b, X), y) > 0.95
    assert costs[-20:].mean() < 0.3 * costs[0]


def test_the_true_class_keeps_its_digits_when_p_is_near_1():
    # one example, logits b = [40, 0, 0]: P[0] = 1 - 2e^-40 / (1 + 2e^-40) rounds to 1,
    # so P[0] - 1 would be exactly 0; the gradient is -(the other classes' P)
    _, _, db = propagate_softmax(np.zeros((1, 3)), np.array([40.0, 0.0, 0.0]), np.zeros((1, 1)),
                                 np.array([0]))
    other = np.exp(-40.0) / (1 + 2 * np.exp(-40.0))
    np.testing.assert_allclose(db, [-2 * other, other, other], rtol=1e-15)


def test_momentum_keeps_a_fraction_of_the_last_step(problem):
    W0, b0, X, y = problem
    W, b, costs = sgd(problem, 0, batch_size=m, decay="none", epochs=3, momentum=0.9)
    W_hand, b_hand = np.zeros((d, k)), np.zeros(k)
    v_W, v_b = np.zeros((d, k)), np.zeros(k)
    for cost in costs:  # v <- 0.9 v - rate dW,  W <- W + v
        J, dW, db = propagate_softmax(W_hand, b_hand, X, y)
        assert J == cost
        v_W, v_b = 0.9 * v_W - 0.5 * dW, 0.9 * v_b - 0.5 * db
        W_hand, b_hand = W_hand + v_W, b_hand + v_b
    np.testing.assert_array_equal(W, W_hand)
    np.testing.assert_array_equal(b, b_hand)
    # momentum 0 is plain gradient descent, to the last bit
    W_plain, _, _ = sgd(problem, 0, batch_size=m, decay="none", epochs=3)
    W_zero, _, _ = sgd(problem, 0, batch_size=m, decay="none", epochs=3, momentum=0.0)
    np.testing.assert_array_equal(W_plain, W_zero)


def batches_seen(shuffle, m_=10, batch_size=3, epochs=3):
    """The examples (their row numbers) of each step of minibatch_sgd, epoch by epoch."""
    seen = []

    def grad(w, b, X_batch, y_batch):
        seen.append(y_batch.tolist())  # y holds each row's number
        return 0.0, np.zeros_like(w), np.zeros_like(b)

    minibatch_sgd(grad, np.zeros(1), 0.0, np.zeros((m_, 1)), np.arange(m_), epochs=epochs,
                  rate=0.1, batch_size=batch_size, shuffle=shuffle, rng=np.random.default_rng(3))
    steps = -(-m_ // batch_size)
    return [seen[i:i + steps] for i in range(0, len(seen), steps)]


def test_shuffled_examples_make_new_batches_each_epoch():
    epochs = batches_seen("examples")
    for batches in epochs:
        assert sorted(sum(batches, [])) == list(range(10))  # every example once an epoch
    assert epochs[0] != epochs[1]
    assert any(batch != list(range(batch[0], batch[0] + len(batch)))
               for batch in epochs[0])  # not consecutive rows


def test_shuffled_batches_are_fixed_runs_of_rows_in_a_new_order():
    epochs = batches_seen("batches")
    fixed = [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
    for batches in epochs:
        assert sorted(batches) == fixed  # the same batches every epoch, each once
    assert len({tuple(map(tuple, batches)) for batches in epochs}) > 1  # in new orders


def test_the_loop_uses_one_blas_thread_and_restores_the_callers(problem):
    def blas_threads():
        return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}

    before, during = blas_threads(), []
    sgd(problem, 0, callback=lambda *_: during.append(blas_threads()))
    assert during and all(threads == {1} for threads in during)
    assert blas_threads() == before
    during.clear()
    with threadpool_limits(2, user_api="blas"):
        sgd(problem, 0, threads=None, callback=lambda *_: during.append(blas_threads()))
    assert during and all(threads == {2} for threads in during)


@pytest.mark.parametrize("setting, error, message", [
    (dict(momentum=1.0), ValueError, "momentum must be below 1 .0.9 is usual; 0 for none."),
    (dict(momentum=-0.5), ValueError, "momentum must be a finite number >= 0; got -0.5"),
    (dict(momentum="0.9"), TypeError, "momentum must be a number; got '0.9'"),
    (dict(threads=0), ValueError, "threads must be a whole number >= 1, or None"),
    (dict(shuffle="rows"), ValueError, 'shuffle must be "examples" or "batches"; got .rows.'),
])
def test_bad_loop_settings_are_named(problem, setting, error, message):
    with pytest.raises(error, match=message):
        sgd(problem, 0, **setting)
