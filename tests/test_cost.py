"""Cross-entropy from logits: special values, reference values, bad labels."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from logreg_from_scratch.cost import cross_entropy


@pytest.mark.parametrize("shape", [(1,), (7,), (24,), (64,), (5, 3), (8, 10)])
def test_cost_at_zero_logits_is_exactly_log_2_for_each_model(shape, rng):
    y = (rng.random(shape) < 0.5).astype(int)
    k = 1 if len(shape) == 1 else shape[1]  # k one-vs-rest models: k costs of log 2, summed
    assert cross_entropy(np.zeros(shape), y) == k * np.log(2)


@pytest.mark.parametrize("m", [3000, 60000, 12345])
def test_cost_at_zero_logits_is_exactly_log_2_for_any_size(m):
    # each loss is scaled by the largest (log 2) first: a mean of ones, exactly 1
    assert cross_entropy(np.zeros(m), np.arange(m) % 2) == np.log(2)


@given(st.integers(1, 6).flatmap(lambda m: st.tuples(
    arrays(np.float64, m, elements=st.floats(-1e300, 1e300, allow_nan=False)),
    arrays(np.int64, m, elements=st.integers(0, 1)))))
def test_cost_is_finite_and_not_negative(zy):
    z, y = zy
    J = cross_entropy(z, y)
    assert np.isfinite(J) and J >= 0


def test_confident_and_right_costs_nothing_confident_and_wrong_costs_z():
    assert cross_entropy(np.array([1000.0, -1000.0]), np.array([1, 0])) == 0.0
    assert cross_entropy(np.array([1000.0, -1000.0]), np.array([0, 1])) == 1000.0


def test_one_vs_rest_cost_is_the_sum_of_the_k_binary_costs(rng):
    z = rng.normal(size=(9, 4))
    Y = np.eye(4)[rng.integers(0, 4, 9)]
    per_class = [cross_entropy(z[:, l], Y[:, l]) for l in range(4)]  # noqa: E741
    assert cross_entropy(z, Y) == pytest.approx(np.sum(per_class), rel=1e-14)
    assert cross_entropy(z, Y) > 1.5 * max(per_class)  # a sum, not a mean


@pytest.mark.parametrize("y, message", [
    (np.array([0, 1, 2]), r"only 0 and 1; found \[2\]"),
    (np.array([0, 1]), r"y has shape \(2,\) but the logits .* \(3,\)"),
    (np.array([[0], [1], [1]]), r"y has shape \(3, 1\)"),
])
def test_bad_labels_are_named(y, message):
    with pytest.raises(ValueError, match=message):
        cross_entropy(np.zeros(3), y)


def test_the_mean_does_not_overflow_at_the_largest_logits():
    # np.mean adds before it divides: 1e308 + 1e308 would be inf
    assert cross_entropy(np.array([1e308, 1e308]), np.array([0, 0])) == 1e308
    assert cross_entropy(np.full(1000, -1e308), np.ones(1000)) == 1e308
    # four models' costs of 4e307 each: their 200 losses would sum past the range, their
    # mean does not, and four times it, 1.6e308, is below the largest float
    assert cross_entropy(np.full((50, 4), 4e307), np.zeros((50, 4))) == 4 * 4e307
    # four costs of the largest float: their sum is past the range, inf (and no warning)
    big = np.full((50, 4), np.finfo(float).max)
    assert cross_entropy(big, np.zeros((50, 4))) == np.inf


@pytest.mark.parametrize("z, message", [
    (np.zeros(0), "z is empty"),
    (np.array([0.0, np.nan]), r"z holds 1 NaN or infinite value\(s\), the first at index \(1,\)"),
    (np.array([np.inf, 0.0]), r"z holds 1 NaN or infinite .* blown up"),
])
def test_empty_or_non_finite_logits_are_refused(z, message):
    with pytest.raises(ValueError, match=message):
        cross_entropy(z, np.zeros(z.shape))
