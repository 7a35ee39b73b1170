"""The sigmoid and its logs: identities, reference values, extreme logits."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from logreg_from_scratch.sigmoid import log_one_minus_sigmoid, log_sigmoid, sigmoid

moderate = st.floats(-700, 700, allow_nan=False)
huge = st.floats(-1e300, 1e300, allow_nan=False)
logit_arrays = arrays(np.float64, st.integers(1, 20), elements=huge)


@given(logit_arrays)
def test_sigmoid_of_z_and_minus_z_sum_to_one(z):
    # two correctly rounded terms: their sum may be one ulp of 1 (2^-52) away, e.g. at z = 3
    np.testing.assert_allclose(sigmoid(z) + sigmoid(-z), 1.0, rtol=0, atol=np.finfo(float).eps)


@given(logit_arrays)
def test_sigmoid_stays_in_unit_interval(z):
    a = sigmoid(z)
    assert np.all((a >= 0) & (a <= 1))


@given(logit_arrays)
def test_log_odds_identity(z):
    # log sigma(z) - log sigma(-z) = log(e^z) = z
    np.testing.assert_allclose(log_sigmoid(z) - log_sigmoid(-z), z, rtol=1e-14, atol=1e-14)


@given(logit_arrays)
def test_log_one_minus_sigmoid_is_log_sigmoid_of_minus_z(z):
    np.testing.assert_array_equal(log_one_minus_sigmoid(z), log_sigmoid(-z))


@given(logit_arrays)
def test_log_sigmoid_is_finite_and_not_positive(z):
    for values in (log_sigmoid(z), log_one_minus_sigmoid(z)):
        assert np.all(np.isfinite(values)) and np.all(values <= 0)


@pytest.mark.parametrize("z, log_a, log_1_minus_a", [
    (0.0, -np.log(2), -np.log(2)),
    (-1000.0, -1000.0, 0.0),
    (1000.0, 0.0, -1000.0),
    (-1e308, -1e308, 0.0),
    (1e308, 0.0, -1e308),
    (-np.finfo(float).max, -np.finfo(float).max, 0.0),
])
def test_exact_special_values(z, log_a, log_1_minus_a):
    assert log_sigmoid(z) == log_a
    assert log_one_minus_sigmoid(z) == log_1_minus_a


def test_sigmoid_special_values():
    assert sigmoid(0.0) == 0.5
    assert sigmoid(1e308) == 1.0 and sigmoid(-1e308) == 0.0
    assert sigmoid(-40.0) == pytest.approx(np.exp(-40.0), rel=1e-15)  # no 1 - a cancellation


def test_shapes_are_kept_and_input_untouched():
    z = np.linspace(-5, 5, 12).reshape(3, 4)
    before = z.copy()
    for f in (sigmoid, log_sigmoid, log_one_minus_sigmoid):
        assert f(z).shape == (3, 4)
    np.testing.assert_array_equal(z, before)


def test_float32_stays_float32():
    z = np.array([-3.0, 0.0, 50.0], dtype=np.float32)
    for f in (sigmoid, log_sigmoid, log_one_minus_sigmoid):
        assert f(z).dtype == np.float32
    assert sigmoid(np.array([1, 2])).dtype == np.float64  # integers become float64


@pytest.mark.parametrize("f", [sigmoid, log_sigmoid, log_one_minus_sigmoid])
@pytest.mark.parametrize("z, error, message", [
    (np.array([0.0, np.nan]), ValueError, r"z holds 1 NaN or infinite value\(s\), the first at index \(1,\)"),
    (np.array([-np.inf]), ValueError, "z holds 1 NaN or infinite"),
    (np.array([1 + 2j]), TypeError, "complex numbers"),
    (np.array(["1.5"]), TypeError, "must hold numbers"),
])
def test_nan_inf_complex_and_strings_are_refused(f, z, error, message):
    with pytest.raises(error, match=message):
        f(z)
