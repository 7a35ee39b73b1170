"""The properties of temperature scaling (chapter 11): the validation minimum, fitted there only.

Reference: SciPy's bounded scalar minimiser (``minimize_scalar``) on the
log loss as a function of log T, evaluated by the package's
``calibrate.temperature_cost``.  The tests of the package hold
``calibrate.py`` to these same properties (tests/test_exercises.py).
"""
import numpy as np
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar

from ..calibrate import temperature_cost
from .grader import Property, Wrong, call, described, expect, expect_tuple, show


def _mostly_right(drawn):
    """Logits that favour the true class by at least 2, but for the first image, which is
    wrong by 0.5: then the log loss has a finite best temperature."""
    Z, y = drawn
    Z = Z.copy()
    Z[np.arange(len(y)), y] += 10.0  # the drawn logits span at most 8
    Z[0, y[0]] = np.delete(Z[0], y[0]).max() - 0.5
    return Z, y


def _drawn(sizes):
    """Logits and labels of k classes for m images, from a seed: uniform in [-4, 4], to one
    decimal (readable in a verdict), then made mostly right."""
    k, m, seed = sizes
    rng = np.random.default_rng(seed)
    return _mostly_right((np.round(rng.uniform(-4, 4, size=(m, k)), 1),
                          rng.integers(0, k, size=m)))


def _logits(m_high):
    # hypothesis draws (and shrinks) the sizes and a seed; the values come from the seed,
    # which costs a hundredth of drawing each of them
    return st.tuples(st.integers(2, 4), st.integers(2, m_high),
                     st.integers(0, 2 ** 32 - 1)).map(_drawn)


#: (Z, y): 2 to 30 images of k = 2 to 4 classes
validation = _logits(30)
#: (Z_validation, y_validation, Z_test, y_test, another Z_test, another y_test)
split = st.tuples(validation, _logits(20), _logits(20)).map(
    lambda sets: (*sets[0], *sets[1], *sets[2]))


def best_cost(Z, y):
    """The least validation log loss over T > 0, or None when no finite T is best."""
    fit = minimize_scalar(lambda log_t: temperature_cost(Z, y, float(np.exp(log_t))),
                          bounds=(-12, 12), method="bounded", options={"xatol": 1e-10})
    if abs(fit.x) > 11.9:  # at an end: the best T is 0 or infinite, not a number to fit
        return None
    return float(fit.fun)


def _temperature(text, T):
    if not (np.ndim(T) == 0 and np.isreal(T) and float(T) > 0):
        raise Wrong(text, f"returned {show(T)}", "T, one number > 0", kind="shape")
    return float(T)


def _reaches_the_minimum(f, Z, y):
    least = best_cost(Z, y)
    if least is None:
        return
    text = described("fit_temperature", Z, y)
    T = _temperature(text, call(f, "fit_temperature", Z, y))
    cost = temperature_cost(Z, y, T)
    if not cost <= least + 1e-9 * (1 + least):
        raise Wrong(text, f"returned T = {T!r}, whose log loss is {cost!r}",
                    f"the least log loss over T > 0, {least!r}")


def _fitted_on_validation_only(f, Z_val, y_val, Z_test, y_test, Z_other, y_other):
    names = ["T", "cost_before", "cost_after"]
    Ts = []
    for Z, y in ((Z_test, y_test), (Z_other, y_other)):
        text = described("temperature_scaling", Z_val, y_val, Z, y)
        Ts.append(_temperature(text + " T", expect_tuple(
            text, call(f, "temperature_scaling", Z_val, y_val, Z, y), names)[0]))
    expect(text + " T", Ts[1], Ts[0], rtol=1e-9,
           within=" (the T fitted with other test images: T comes from the validation "
                  "images alone)")


def _scores_the_test_images(f, Z_val, y_val, Z_test, y_test, *_):
    least = best_cost(Z_val, y_val)
    if least is None:
        return
    text = described("temperature_scaling", Z_val, y_val, Z_test, y_test)
    result = expect_tuple(text, call(f, "temperature_scaling", Z_val, y_val, Z_test, y_test),
                          ["T", "cost_before", "cost_after"])
    T = _temperature(text + " T", result[0])
    if not temperature_cost(Z_val, y_val, T) <= least + 1e-9 * (1 + least):
        raise Wrong(text + " T", f"returned {T!r}", "the T of least validation log loss")
    expect(text + " (cost_before, cost_after)", result[1:],
           (temperature_cost(Z_test, y_test, 1.0), temperature_cost(Z_test, y_test, T)),
           rtol=1e-9, within=" (the test log loss at T = 1 and at the fitted T)")


FIT_TEMPERATURE = [
    Property("reaches the least log loss over T > 0 (within 1e-9 relative; "
             "scipy.optimize.minimize_scalar the reference)", validation, _reaches_the_minimum,
             hint="J(s) = mean(logsumexp(s Z) - s Z[i, y_i]) with s = 1 / T is convex: Newton's "
                  "s <- s - J'(s) / J''(s) from s = 1, with J' = mean sum (P - Y) Z and J'' = "
                  "the mean variance of each row of Z under P",
             hints={"shape": "return T, one float > 0"}),
]
TEMPERATURE_SCALING = [
    Property("fits T on the validation images only: the same T whatever the test images",
             split, _fitted_on_validation_only,
             hint="fit_temperature(Z_validation, y_validation): the test images are scored "
                  "with that T, never used to choose it",
             hints={"shape": "return (T, cost_before, cost_after)"}),
    Property("returns the T of least validation log loss and the test log loss at T = 1 and "
             "at that T", split, _scores_the_test_images,
             hint="temperature_cost(Z_test, y_test, 1.0) and temperature_cost(Z_test, y_test, T)",
             hints={"shape": "return (T, cost_before, cost_after)"}),
]
