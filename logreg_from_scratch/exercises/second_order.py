"""The properties of Newton's method (chapter 10): the Hessian and one step.

References: central differences of the penalised gradient, and the step
computed from them with numpy's solver.
"""
import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from ..gradients import numerical_gradient
from ..newton import penalised
from .grader import Property, call, described, expect, expect_tuple


@st.composite
def problems(draw, limit=2.0):
    """(w, b, X, y, l2): one binary model on m examples of d features, l2 > 0; |entries| <= limit."""
    m, d = draw(st.integers(1, 5)), draw(st.integers(1, 4))
    values = st.floats(-limit, limit)
    return (draw(arrays(np.float64, (d,), elements=values)), draw(values),
            draw(arrays(np.float64, (m, d), elements=values)),
            draw(arrays(np.float64, (m,), elements=st.sampled_from([0.0, 1.0]))),
            draw(st.sampled_from([0.1, 1.0])))


def gradient(theta, X, y, l2):
    """g = (dw + l2 w, db), shape (d + 1,), of the penalised cost at theta = (w, b)."""
    _, dw, db = penalised(theta[:-1], theta[-1], X, y, l2)
    return np.append(dw, db)


def _numerical_hessian(w, b, X, y, l2):
    theta = np.append(w, b)
    return np.stack([numerical_gradient(lambda t: gradient(t, X, y, l2)[i], theta)
                     for i in range(len(theta))])


def _hessian_agrees(f, w, b, X, y, l2):
    expect(described("hessian", w, b, X, l2), call(f, "hessian", w, b, X, l2),
           _numerical_hessian(w, b, X, y, l2), atol=1e-7, rtol=1e-6,
           within=" by central differences of the gradient (error <= 1e-6)")


def _step_agrees(f, w, b, X, y, l2):
    text = described("newton_step", w, b, X, y, l2)
    result = call(f, "newton_step", w, b, X, y, l2)
    expect_tuple(text, result, ["w", "b"])
    theta = np.append(w, b)
    H = _numerical_hessian(w, b, X, y, l2)
    expected = theta - np.linalg.solve(H, gradient(theta, X, y, l2))
    expect(text + " w", result[0], expected[:-1], atol=1e-5, rtol=1e-5,
           within=" = theta - H^-1 g (error <= 1e-5)")
    expect(text + " b", result[1], expected[-1], atol=1e-5, rtol=1e-5,
           within=" = theta - H^-1 g (error <= 1e-5)")


HESSIAN = [
    Property("agrees with central differences of the penalised gradient (error <= 1e-6)",
             problems(), _hessian_agrees,
             hint="H = X1.T @ (s[:, None] * X1) / m with X1 = [X 1] and s = a (1 - a), then "
                  "l2 added to the diagonal entries of w only, not of b",
             hints={"shape": "H is (d + 1, d + 1): the bias is the last row and column"}),
]

NEWTON_STEP = [
    # |z| <= 5, so a (1 - a) >= 0.0066: H is well enough conditioned that the step solved from
    # the central differences (error about 1e-10) is good to 1e-5
    Property("returns theta + delta with H delta = -g (error <= 1e-5)", problems(limit=1.0),
             _step_agrees,
             hint="g = (dw + l2 w, db); delta = np.linalg.solve(hessian(w, b, X, l2), -g); "
                  "return w + delta[:-1], b + delta[-1]"),
]
