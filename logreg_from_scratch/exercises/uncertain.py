"""The properties of an accuracy's uncertainty (chapter 6): Wilson's interval, McNemar's test.

References: SciPy's ``binomtest``, its ``proportion_ci(method="wilson")``
for the interval and its two-sided exact p-value (with p = 1/2) for the
paired test.  The tests of the package (tests/test_uncertainty.py) hold
``uncertainty.py`` to these same properties.
"""
import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.stats import binomtest as _scipy_binomtest

from .grader import Property, Wrong, call, described, expect, expect_tuple, show


def binomtest(k, n, p=0.5):
    """SciPy's binomtest, the reference.  SciPy 1.10 (the floor) warns "divide by zero in
    _binom_pdf" inside its own p-value for some counts, a value it then handles itself: that
    warning is the reference's, not the student's, so numpy's error state covers this call
    only."""
    with np.errstate(all="ignore"):
        return _scipy_binomtest(k, n, p)


#: (correct, total, level): counts of images from 1 to 20,000, every correct from 0 to total
counts = st.integers(1, 20000).flatmap(
    lambda total: st.tuples(st.integers(0, total), st.just(total),
                            st.sampled_from([0.5, 0.9, 0.95, 0.99])))


def _wilson_agrees(f, correct, total, level):
    text = described("wilson_interval", correct, total, level)
    reference = binomtest(correct, total).proportion_ci(confidence_level=level, method="wilson")
    expect(text, call(f, "wilson_interval", correct, total, level),
           (reference.low, reference.high), rtol=1e-9, atol=1e-12,
           within=" = scipy.stats.binomtest(correct, total).proportion_ci(level, 'wilson')")


def _wilson_holds_the_estimate(f, correct, total, level):
    text = described("wilson_interval", correct, total, level)
    result = expect_tuple(text, call(f, "wilson_interval", correct, total, level),
                          ["low", "high"])
    if not all(np.ndim(end) == 0 and np.isreal(end) for end in result):
        raise Wrong(text, f"returned {show(result)}", "(low, high), two floats", kind="shape")
    low, high = (float(end) for end in result)
    p, slack = correct / total, 1e-9  # rounding: the formula gives 5e-20, not 0, at p = 0
    if not (-slack <= low <= p + slack and p - slack <= high <= 1 + slack):
        raise Wrong(text, f"returned ({low!r}, {high!r})",
                    f"0 <= low <= {correct}/{total} <= high <= 1 (to 1e-9)")


#: Two models scored on the same m images (1 to 300): whether each is right on each image
paired = st.integers(1, 300).flatmap(
    lambda m: st.tuples(arrays(np.bool_, (m,)), arrays(np.bool_, (m,))))


def _mcnemar_agrees(f, right_a, right_b):
    text = described("mcnemar", right_a, right_b)
    n_ab, n_ba = int(np.sum(right_a & ~right_b)), int(np.sum(right_b & ~right_a))
    p_value = binomtest(n_ab, n_ab + n_ba).pvalue if n_ab + n_ba else 1.0
    result = expect_tuple(text, call(f, "mcnemar", right_a, right_b), ["n_ab", "n_ba", "p_value"])
    expect(text + " (n_ab, n_ba)", result[:2], (n_ab, n_ba),
           within=" (A right and B wrong, B right and A wrong)")
    expect(text + " p_value", result[2], p_value, rtol=1e-9, atol=1e-15,
           within=" = scipy.stats.binomtest(n_ab, n_ab + n_ba, 0.5).pvalue")


def _mcnemar_is_symmetric(f, right_a, right_b):
    names = ["n_ab", "n_ba", "p_value"]
    forward = expect_tuple(described("mcnemar", right_a, right_b),
                           call(f, "mcnemar", right_a, right_b), names)
    backward = call(f, "mcnemar", right_b, right_a)
    expect(described("mcnemar", right_b, right_a), backward,
           (forward[1], forward[0], forward[2]), rtol=1e-12,
           within=" (the two models swapped: the counts swap, p stays)")


WILSON_INTERVAL = [
    Property("returns (low, high) with 0 <= low <= correct / total <= high <= 1 (to 1e-9), "
             "for any counts, 0 and total included", counts, _wilson_holds_the_estimate,
             hint="clip the ends to [0, 1]; at correct = 0 the low end is 0, at correct = total "
                  "the high end is 1",
             hints={"shape": "return a tuple of two floats, (low, high)"}),
    Property("agrees with scipy.stats.binomtest(correct, total).proportion_ci(level, "
             "method='wilson') (relative error <= 1e-9)", counts, _wilson_agrees,
             hint="p = correct / total, q = scipy.special.ndtri(1 - (1 - level) / 2); centre "
                  "(p + q^2 / 2n) / (1 + q^2 / n), half-width q sqrt(p (1 - p) / n + "
                  "q^2 / 4n^2) / (1 + q^2 / n)"),
]

MCNEMAR = [
    Property("counts the images each model gets right and the other wrong, and gives the "
             "exact two-sided p of scipy.stats.binomtest(n_ab, n_ab + n_ba, 0.5) (1.0 when "
             "they never disagree)", paired, _mcnemar_agrees,
             hint="only the discordant images count: n = n_ab + n_ba, p = min(1, 2 sum_{i <= "
                  "min(n_ab, n_ba)} C(n, i) / 2^n); math.comb keeps the sum exact",
             hints={"shape": "return a tuple (n_ab, n_ba, p_value)"}),
    Property("is symmetric: swapping the models swaps the counts and keeps p", paired,
             _mcnemar_is_symmetric,
             hint="the two-sided p-value uses the smaller count, whichever model has it"),
]
