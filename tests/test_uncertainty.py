"""Intervals and paired tests, against SciPy's binomtest and by their defining properties."""
import numpy as np
import pytest
from hypothesis import given, strategies as st
from scipy.stats import binomtest as scipy_binomtest

from logreg_from_scratch.uncertainty import (describe_accuracy, describe_paired, mcnemar,
                                             wilson_interval)


def binomtest(k, n, p=0.5):
    """SciPy's binomtest, the reference.  SciPy 1.10 (the floor) warns "divide by zero in
    _binom_pdf" inside its own p-value for some counts, a value it then handles itself: the
    warning is the reference library's, not ours, so only its floating-point warnings are let
    through here (numpy's error state covers just this call)."""
    with np.errstate(all="ignore"):
        return scipy_binomtest(k, n, p)


@st.composite
def counts(draw):
    total = draw(st.integers(1, 20000))
    return draw(st.integers(0, total)), total


@given(counts(), st.sampled_from([0.5, 0.9, 0.95, 0.99]))
def test_wilson_matches_scipy(count, level):
    correct, total = count
    reference = binomtest(correct, total).proportion_ci(confidence_level=level, method="wilson")
    np.testing.assert_allclose(wilson_interval(correct, total, level),
                               (reference.low, reference.high), rtol=1e-9, atol=1e-12)


@given(counts())
def test_wilson_holds_the_estimate_and_stays_in_0_1(count):
    correct, total = count
    low, high = wilson_interval(correct, total)
    assert 0 <= low <= correct / total <= high <= 1
    wider = wilson_interval(correct, total, 0.99)
    assert wider[0] <= low and high <= wider[1]


def test_wilson_narrows_as_the_count_grows():
    widths = [np.subtract(*wilson_interval(9 * n // 10, n)[::-1]) for n in (10, 100, 1000, 10000)]
    assert all(a > b for a, b in zip(widths, widths[1:]))
    # roughly 1 / sqrt(n): ten times the images, about a third of the width
    assert 0.25 < widths[3] / widths[2] < 0.4


@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=400))
def test_mcnemar_matches_scipy_binomtest_on_the_discordant_images(pairs):
    right_a, right_b = np.array(pairs).T
    n_ab, n_ba, p = mcnemar(right_a, right_b)
    assert n_ab == np.sum(right_a & ~right_b) and n_ba == np.sum(right_b & ~right_a)
    expected = binomtest(n_ab, n_ab + n_ba, 0.5).pvalue if n_ab + n_ba else 1.0
    assert p == pytest.approx(expected, rel=1e-9, abs=1e-300)
    assert mcnemar(right_b, right_a) == (n_ba, n_ab, p)  # symmetric


def test_mcnemar_on_large_counts_is_exact_not_overflowed():
    right_a = np.r_[np.ones(412, bool), np.zeros(95, bool), np.ones(9000, bool)]
    right_b = np.r_[np.zeros(412, bool), np.ones(95, bool), np.ones(9000, bool)]
    n_ab, n_ba, p = mcnemar(right_a, right_b)
    assert (n_ab, n_ba) == (412, 95)
    assert 0 < p < 1e-40
    assert p == pytest.approx(binomtest(95, 507, 0.5).pvalue, rel=1e-9)


def test_descriptions_print_what_they_computed():
    right = np.r_[np.ones(9257, bool), np.zeros(743, bool)]
    low, high = wilson_interval(9257, 10000)
    assert describe_accuracy(right) == (f"92.57 % (95 % interval {100 * low:.2f} to "
                                        f"{100 * high:.2f} %, 10000 images)")
    assert "raw right where deskewed is wrong: 0 images" in describe_paired(
        right, right, "raw", "deskewed")


@pytest.mark.parametrize("call, message", [
    (lambda: wilson_interval(0.9257, 1), "whole number.*round"),
    (lambda: wilson_interval(5, 4), "0 <= correct <= total"),
    (lambda: wilson_interval(0, 0), "total >= 1"),
    (lambda: wilson_interval(1, 2, 95), "between 0 and 1"),
    (lambda: mcnemar(np.ones(3, bool), np.ones(4, bool)), "same images; got 3 and 4"),
    (lambda: mcnemar(np.ones(3), np.ones(3, bool)), "booleans.*y_pred == y"),
    (lambda: describe_accuracy(np.ones(0, bool)), "at least one"),
])
def test_mistakes_are_explained(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()
