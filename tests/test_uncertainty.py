"""Intervals and paired tests, against SciPy's binomtest and by their defining properties."""
import numpy as np
import pytest

from logreg_from_scratch.exercises.uncertain import binomtest
from logreg_from_scratch.uncertainty import (describe_accuracy, describe_paired, mcnemar,
                                             paired_lines, wilson_interval)


# Agreement with SciPy's binomtest (the interval, the p-value), the interval holding its
# estimate inside [0, 1], and McNemar's symmetry are the grader's properties
# (logreg_from_scratch/exercises/uncertain.py), which tests/test_exercises.py holds the
# package to, one source for both.  Here: what the properties do not draw.


def test_a_higher_level_gives_a_wider_interval():
    for correct, total in ((0, 1), (9, 10), (9257, 10000), (20000, 20000)):
        low, high = wilson_interval(correct, total)
        wider = wilson_interval(correct, total, 0.99)
        assert wider[0] <= low and high <= wider[1] and wider != (low, high)


def test_wilson_narrows_as_the_count_grows():
    widths = [np.subtract(*wilson_interval(9 * n // 10, n)[::-1]) for n in (10, 100, 1000, 10000)]
    assert all(a > b for a, b in zip(widths, widths[1:]))
    # roughly 1 / sqrt(n): ten times the images, about a third of the width
    assert 0.25 < widths[3] / widths[2] < 0.4


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


def test_paired_lines_give_mcnemars_test_and_the_differences_standard_error():
    right_a = np.array([True] * 30 + [False] * 10 + [True] * 60)  # 30 only A, 10 only B
    right_b = np.array([False] * 30 + [True] * 10 + [True] * 60)
    lines = paired_lines(right_a, right_b, "first", "second").splitlines()
    _, _, p_value = mcnemar(right_a, right_b)
    assert lines == [
        "  right with first only: 30 images; with second only: 10",
        f"  McNemar's exact p-value: {p_value:.2g}",
        f"  difference in accuracy: +20.00 points, standard error {100 * np.sqrt(40) / 100:.2f}"
        " (6.5)"]
    assert all(len(line) <= 80 for line in lines)
