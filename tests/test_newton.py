"""Newton's method: the Hessian's symmetry, the step, quadratic convergence, a singular H.

The Hessian against central differences, and the step against them, are
properties of the grader's (exercises/second_order.py), run on the package
by test_exercises.py; the problems drawn here are the grader's too.
"""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import minimize

from logreg_from_scratch.exercises.second_order import gradient, problems
from logreg_from_scratch.newton import descent, hessian, newton, newton_step, penalised


# That H is the derivative of the gradient (central differences) is a property of the grader's,
# run on the package by test_exercises.py; here, what holds of the package's H exactly.
@given(problems(), st.sampled_from([0.0, 0.01, 1.0]))
def test_the_hessian_is_exactly_symmetric_whatever_the_penalty(problem, l2):
    w, b, X, _, _ = problem
    H = hessian(w, b, X, l2)
    assert H.shape == (len(w) + 1, len(w) + 1)
    np.testing.assert_array_equal(H, H.T)


@given(problems())
def test_with_a_penalty_the_hessian_is_positive_definite(problem):
    w, b, X, _, l2 = problem  # l2 is 0.1 or 1
    # positive definite on w; the bias direction is as curved as the data make it
    H = hessian(w, b, X, l2)
    assert np.all(np.linalg.eigvalsh(H[:-1, :-1]) > 0)
    np.linalg.cholesky(H[:-1, :-1])


@given(problems())
def test_a_step_solves_h_delta_equals_g_and_changes_no_input(problem):
    w, b, X, y, _ = problem
    copies = [w.copy(), X.copy(), y.copy()]
    l2 = 0.1
    theta = np.append(w, b)
    H = hessian(w, b, X, l2)
    if np.linalg.cond(H) > 1e10:
        return  # the bias direction can be nearly flat: a step there says nothing
    w_new, b_new = newton_step(w, b, X, y, l2)
    expected = theta - np.linalg.solve(H, gradient(theta, X, y, l2))
    np.testing.assert_allclose(np.append(w_new, b_new), expected, rtol=1e-9, atol=1e-9)
    for array, copy in zip((w, X, y), copies):
        np.testing.assert_array_equal(array, copy)


def test_convergence_is_quadratic_and_agrees_with_lbfgs(seed_data):
    X, y_digits = seed_data[0][:600] / 255, seed_data[1][:600]
    y = (y_digits == 1).astype(float)
    w, b, history = newton(np.zeros(784), 0.0, X, y, l2=1e-2, iterations=30, tol=1e-13)
    norms = [norm for _, norm in history]
    assert norms[-1] < 1e-13 and len(norms) < 15
    # near the end each step squares the error: the exponent of |g| at least doubles
    last = [np.log10(n) for n in norms[-4:-1]]
    assert last[2] < 1.5 * last[1] and last[1] < 1.5 * last[0] < 0

    def objective(theta):
        return penalised(theta[:-1], theta[-1], X, y, 1e-2)[0], gradient(theta, X, y, 1e-2)
    result = minimize(objective, np.zeros(785), jac=True, method="L-BFGS-B",
                      options={"ftol": 1e-16, "gtol": 1e-12, "maxiter": 20000})
    assert abs(result.fun - history[-1][0]) / result.fun < 1e-8


def test_without_a_penalty_blank_pixels_make_the_step_unsolvable():
    X = np.array([[1.0, 0.0], [2.0, 0.0], [0.5, 0.0]])  # pixel 1 is blank in every image
    with pytest.raises(ValueError, match=r"the Hessian is singular \(1 pixels are 0 in every "
                                         r"image.*give l2 > 0"):
        newton_step(np.zeros(2), 0.0, X, np.array([1.0, 0.0, 1.0]), 0.0)
    w, b = newton_step(np.zeros(2), 0.0, X, np.array([1.0, 0.0, 1.0]), 1e-3)
    assert w[1] == 0.0  # the penalty alone pins it down


def test_a_point_far_from_the_minimum_is_named_as_the_cause():
    """With l2 > 0, a singular Hessian comes from logits so large that every a(1 - a) is 0
    (nothing pins the bias): the message says so, not "give l2 > 0"."""
    X = np.array([[1.0, 0.5], [2.0, 1.0], [0.5, 3.0]])
    with pytest.raises(ValueError, match=r"at this point: the model is so sure of every image "
                                         r"that every a\(1 - a\) rounds to 0.*from w = 0"):
        newton_step(np.array([900.0, 900.0]), 0.0, X, np.array([1.0, 0.0, 1.0]), 1e-3)
    # and with no penalty, two pixels equal in every image (none blank): named as such
    twins = np.array([[1.0, 1.0], [2.0, 2.0], [0.5, 0.5]])
    with pytest.raises(ValueError, match=r"some direction of \(w, b\) changes no logit's "
                                         r"curvature \(two pixels equal in every image"):
        newton_step(np.zeros(2), 0.0, twins, np.array([1.0, 0.0, 1.0]), 0.0)


@pytest.mark.parametrize("l2, error, message", [(-1.0, ValueError, "l2"), ("0.1", TypeError, "l2"),
                                                (np.nan, ValueError, "l2")])
def test_a_bad_penalty_is_named(l2, error, message):
    y = np.array([1.0, 0.0, 1.0])
    for call in (lambda: hessian(np.zeros(2), 0.0, np.ones((3, 2)), l2),
                 lambda: penalised(np.zeros(2), 0.0, np.ones((3, 2)), y, l2),
                 lambda: newton_step(np.zeros(2), 0.0, np.ones((3, 2)), y, l2),
                 lambda: newton(np.zeros(2), 0.0, np.ones((3, 2)), y, l2=l2)):
        with pytest.raises(error, match=message):
            call()


def test_the_cost_is_checked_like_the_others():
    with pytest.raises(ValueError, match=r"X must be 2-D"):
        penalised(np.zeros(2), 0.0, np.ones(2), np.array([1.0]), 0.1)


def test_on_separable_images_descent_turns_toward_the_maximum_margin(rng):
    """Chapter 6's claim (Soudry et al. 2018): with no penalty on separable images, the cost
    has no minimum, ||w|| keeps growing, and the direction of w turns toward the
    maximum-margin hyperplane, which scikit-learn's SVC (a hard margin: C huge) finds; the
    margin (the nearest image's signed distance, (4.5)) rises toward SVC's and never passes it."""
    from sklearn.svm import SVC

    from logreg_from_scratch.predict import distance_to_boundary
    X = rng.normal(size=(60, 2))
    score = X @ [1.0, 2.0] + 0.5
    X = X[np.abs(score) > 0.3]  # a gap: separable with room to spare
    y = (X @ [1.0, 2.0] + 0.5 > 0).astype(int)
    sign = 2 * y - 1
    svc = SVC(kernel="linear", C=1e10).fit(X, y)
    w_svc = svc.coef_[0]
    widest = np.min(sign * svc.decision_function(X)) / np.linalg.norm(w_svc)
    margins, angles, lengths = [], [], []
    for t, (_, _, w, b) in enumerate(descent(np.zeros(2), 0.0, X, y, l2=0.0, rate=1.0)):
        if t in (10, 100, 1000, 10_000):
            margins.append(np.min(sign * distance_to_boundary(w, b, X)))
            angles.append(np.arccos(w @ w_svc / np.linalg.norm(w) / np.linalg.norm(w_svc)))
            lengths.append(np.linalg.norm(w))
        if t == 10_000:
            break
    assert np.all(np.diff(margins) > 0) and margins[-1] <= widest + 1e-9
    assert margins[-1] > 0.85 * widest
    # the angle need not fall at every step of the way, but it ends small
    assert angles[-1] < angles[0] / 4 and np.degrees(angles[-1]) < 2
    assert np.all(np.diff(lengths) > 0.5)  # about a constant more per tenfold: log t
