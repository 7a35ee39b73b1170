"""Every slip a student can make at the model's entry points gives a clear ValueError."""
import numpy as np
import pytest

from logreg_from_scratch.gradients import propagate
from logreg_from_scratch.labels import binary_labels, one_hot
from logreg_from_scratch.optimize import gradient_descent
from logreg_from_scratch.predict import accuracy, predict, predict_proba

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
    (np.zeros(3), 0.0, X.astype(str), y, r"X must hold real numbers"),
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
