"""Every slip a student can make at the model's entry points gives a clear ValueError."""
import numpy as np
import pytest

from logreg_from_scratch.gradients import propagate
from logreg_from_scratch.labels import binary_labels, one_hot
from logreg_from_scratch.optimize import gradient_descent
from logreg_from_scratch.predict import accuracy, distance_to_boundary, predict, predict_proba

X = np.arange(12.0).reshape(4, 3)
y = np.array([0, 1, 1, 0])


def with_value(A, index, value):
    A = np.array(A, dtype=float)
    A[index] = value
    return A


@pytest.mark.parametrize("w, b, X_, y_, message", [
    (np.zeros(3), 0.0, X.ravel(), y, r"X must be 2-D.* got shape \(12,\)"),
    (np.zeros(4), 0.0, X, y, r"w has shape \(4,\) but X has 3 columns"),
    (np.zeros((3, 1, 1)), 0.0, X, y, r"w has shape \(3, 1, 1\)"),
    (np.zeros((3, 2)), 0.0, X, np.eye(2)[y], r"b has shape \(\) but w has shape \(3, 2\)"),
    (np.zeros(3), np.zeros(2), X, y, r"b has shape \(2,\) .* must have shape \(\)"),
    (np.zeros(3), 0.0, X, y[:3], r"y has shape \(3,\) but the logits .* \(4,\)"),
    (np.zeros(3), 0.0, X, y[:, None], r"y has shape \(4, 1\)"),
    (np.zeros(3), 0.0, X, np.array([0, 1, 2, 0]), r"only 0 and 1; found \[2\]"),
    (np.zeros(3), 0.0, X, np.array([0, 1, -1, 0]), r"found \[-1\]"),
    (np.zeros((3, 2)), np.zeros(2), X, y, r"one_hot\(y, 2\)"),
    (np.zeros(3), 0.0, with_value(X, (2, 1), np.nan), y, r"X holds 1 NaN .* index \(2, 1\)"),
    (np.zeros(3), 0.0, with_value(X, (0, 0), np.inf), y, r"X holds 1 NaN or infinite"),
    (with_value(np.zeros(3), 1, np.nan), 0.0, X, y, r"w holds 1 NaN"),
    (np.zeros(3), np.nan, X, y, r"b holds 1 NaN"),
])
def test_propagate_and_gradient_descent_name_the_problem(w, b, X_, y_, message):
    with pytest.raises(ValueError, match=message):
        propagate(w, b, X_, y_)
    with pytest.raises(ValueError, match=message):
        gradient_descent(w, b, X_, y_, 3, 0.1)


@pytest.mark.parametrize("f", [predict, predict_proba])
def test_predict_checks_its_inputs(f):
    with pytest.raises(ValueError, match=r"w has shape \(2,\) but X has 3 columns"):
        f(np.zeros(2), 0.0, X)
    with pytest.raises(ValueError, match="X holds 1 NaN"):
        f(np.zeros(3), 0.0, with_value(X, (1, 1), np.nan))


@pytest.mark.parametrize("w, b, message", [
    (np.zeros(3), 1.0, "every weight in w is 0.*no boundary.*train it first"),
    (np.zeros((3, 4)), np.zeros(4), r"W\[:, l\], and b\[l\]"),
    (np.zeros(2), 0.0, r"w has shape \(2,\) but X has 3 columns"),
])
def test_distance_to_boundary_says_what_is_wrong(w, b, message):
    with pytest.raises(ValueError, match=message):
        distance_to_boundary(w, b, X)


@pytest.mark.parametrize("y_pred, y_, message", [
    (np.zeros(3), np.zeros(4), r"y_pred has shape \(3,\) and y \(4,\)"),
    (np.zeros((4, 2)), np.zeros((4, 2)), r"argmax\(axis=1\)"),
    (np.zeros(0), np.zeros(0), "non-empty"),
])
def test_accuracy_checks_shapes(y_pred, y_, message):
    with pytest.raises(ValueError, match=message):
        accuracy(y_pred, y_)


@pytest.mark.parametrize("labels, k, message", [
    (np.array([0, 3, 10]), 10, r"0\.\.9; found \[10\]"),
    (np.array([0, -1]), 10, r"found \[-1\]"),
    (np.array([0.5, 1.0]), 10, "whole numbers"),
    (np.array([[1, 2]]), 10, r"got \(1, 2\)"),
    (np.array([0, 1, 2]), 2, r"0\.\.1; found \[2\]"),
])
def test_one_hot_rejects_bad_labels(labels, k, message):
    with pytest.raises(ValueError, match=message):
        one_hot(labels, k)


def test_binary_labels_rejects_a_bad_digit_or_label():
    with pytest.raises(ValueError, match="digit must be one of 0..9; got 10"):
        binary_labels(np.array([1, 2]), 10)
    with pytest.raises(ValueError, match=r"found \[12\]"):
        binary_labels(np.array([1, 12]), 1)


@pytest.mark.parametrize("iterations, rate, message", [
    (-1, 0.1, "whole number >= 0; got -1"),
    (2.5, 0.1, "whole number >= 0; got 2.5"),
    (10, 0.0, "rate must be a finite number > 0; got 0.0"),
    (10, -0.5, "got -0.5"),
    (10, np.inf, "got inf"),
])
def test_gradient_descent_rejects_bad_settings(iterations, rate, message):
    with pytest.raises(ValueError, match=message):
        gradient_descent(np.zeros(3), 0.0, X, y, iterations, rate)


# --- items the probing found: each gave a NumPy error, a warning or a NaN ----------

from scipy import sparse  # noqa: E402

from logreg_from_scratch.cost import cross_entropy  # noqa: E402
from logreg_from_scratch.gradients import numerical_gradient  # noqa: E402
from logreg_from_scratch.optimize import train_softmax  # noqa: E402
from logreg_from_scratch.predict import confusion_matrix  # noqa: E402
from logreg_from_scratch.softmax import predict_softmax, propagate_softmax, softmax  # noqa: E402

W2, b2 = np.zeros((3, 2)), np.zeros(2)


@pytest.mark.parametrize("call, message", [
    (lambda: cross_entropy(np.zeros(0), np.zeros(0)), "z is empty"),
    (lambda: propagate(np.zeros(3), 0.0, np.zeros((0, 3)), np.zeros(0)), "X has no examples"),
    (lambda: propagate_softmax(W2, b2, np.zeros((0, 3)), np.zeros(0, int)), "X has no examples"),
    (lambda: gradient_descent(np.zeros(3), 0.0, np.zeros((0, 3)), np.zeros(0), 3, 0.1),
     "X has no examples"),
    (lambda: train_softmax(W2, b2, np.zeros((0, 3)), np.zeros(0, int), epochs=1, rate=0.1,
                           batch_size=10, rng=np.random.default_rng(0)), "X has no examples"),
])
def test_empty_data_is_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("call, message", [
    (lambda: propagate(np.zeros(3), 0.0, X + 1j, y), "X holds complex numbers"),
    (lambda: propagate(np.zeros(3) + 0j, 0.0, X, y), r"w holds complex numbers.*w\.real"),
    (lambda: propagate(np.zeros(3), 0.0, X.astype(str), y), "X must hold numbers"),
    (lambda: propagate(np.zeros(3), 0.0, X, y.astype(str)), "y must hold numbers"),
    (lambda: propagate(np.zeros(3), 0.0, sparse.csr_matrix(X), y), r"X is a sparse matrix.*X\.toarray\(\)"),
    (lambda: predict(np.zeros(3), 0.0, sparse.csr_array(X)), "X is a sparse matrix"),
    (lambda: train_softmax(W2, b2, np.zeros((4, 3)), y, epochs=1, rate=0.1, batch_size=2, rng=0),
     r"pass rng=np\.random\.default_rng\(seed\), a Generator; got 0"),
    (lambda: train_softmax(W2, b2, np.zeros((4, 3)), y, epochs=1, rate=0.1, batch_size=2.5,
                           rng=np.random.default_rng(0)), "batch_size must be a whole number"),
    (lambda: gradient_descent(np.zeros(3), 0.0, X, y, 3, None), "rate must be a number; got None"),
    (lambda: gradient_descent(np.zeros(3), 0.0, X, y, 3, "0.1"), "rate must be a number; got '0.1'"),
    (lambda: one_hot(y, 4.0), "k, the number of classes, must be a whole number"),
    (lambda: confusion_matrix(y, y, 4.0), "k, the number of classes, must be a whole number"),
    (lambda: numerical_gradient(np.sum, np.zeros(2), h="0"), "h, the finite-difference step"),
])
def test_settings_and_arrays_of_the_wrong_kind_are_named(call, message):
    with pytest.raises(TypeError, match=message):
        call()


def test_a_ragged_list_is_named():
    with pytest.raises(ValueError, match="X is a ragged list, its rows of different lengths"):
        propagate(np.zeros(3), 0.0, [[1, 2, 3], [4, 5]], y)


def test_predict_softmax_with_a_binary_w_says_what_to_use():
    with pytest.raises(ValueError, match=r"needs W of shape \(d, k\); got \(3,\).*use predict"):
        predict_softmax(np.zeros(3), 0.0, X)


@pytest.mark.parametrize("f", [softmax, lambda Z: propagate_softmax(W2, b2, Z, y)])
def test_nan_logits_or_inputs_are_named_not_warned(f):
    with pytest.raises(ValueError, match="holds 1 NaN or infinite"):
        f(with_value(np.zeros((4, 3)), (1, 2), np.nan))


def test_a_row_spanning_more_than_the_float_range_is_exact_without_a_warning():
    from logreg_from_scratch.softmax import log_softmax
    np.testing.assert_array_equal(softmax(np.array([[1e308, -1e308]])), [[1.0, 0.0]])
    np.testing.assert_array_equal(log_softmax(np.array([[1e308, -1e308]])), [[0.0, -np.inf]])
