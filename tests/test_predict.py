"""Predictions decided from the logits, the seed's column layout, accuracy of labels only."""
import numpy as np
import pytest

from logreg_from_scratch.labels import binary_labels
from logreg_from_scratch.optimize import gradient_descent
from logreg_from_scratch.predict import (accuracy, confusion_matrix, distance_to_boundary, predict,
                                         predict_proba)


@pytest.mark.parametrize("z, label", [(1e-300, 1), (5e-324, 1), (1e-17, 1), (0.0, 0),
                                      (-1e-17, 0), (-5e-324, 0)])
def test_binary_prediction_is_decided_from_z(z, label):
    # sigma(z) rounds to exactly 0.5 for 0 < z < 1.1e-16: "a > 0.5" would answer 0
    assert predict(np.array([1.0]), 0.0, np.array([[z]]))[0] == label
    assert predict(np.array([[1.0]]), 0.0, np.array([[z]]))[0] == label


def test_a_weight_column_is_one_binary_model(rng):
    X = rng.normal(size=(40, 5))
    w = rng.normal(size=5)
    expected = predict(w, 0.3, X)
    np.testing.assert_array_equal(predict(w[:, None], 0.3, X), expected)
    np.testing.assert_array_equal(predict(w[:, None], np.array([0.3]), X), expected)
    assert 0 < expected.sum() < 40  # both answers occur, so a constant answer would fail


def test_the_seeds_shapes_lead_to_the_seeds_result(seed_data):
    """The seed keeps X as (d, m), w as (d, 1), y as (1, m): one message names every fix,
    and after them the (d, 1) model reproduces 99.23 / 99.00 %."""
    X_train, y_train, X_test, y_test = seed_data
    y1 = binary_labels(y_train, 1)
    with pytest.raises(ValueError, match=r"X \(784, 3000\), w \(784, 1\) and y \(1, 3000\) are in "
                       r"the original notebook's layout.*pass X\.T .* and y\.ravel\(\)") as info:
        gradient_descent(np.zeros((784, 1)), 0.0, X_train.T, y1[None], 100, 0.005)
    assert "w of shape (784,) or (784, 1) is fine" in str(info.value)
    w, b, _ = gradient_descent(np.zeros((784, 1)), 0.0, X_train, y1, 100, 0.005)
    assert w.shape == (784, 1) and b.shape == (1,)
    assert round(100 * accuracy(predict(w, b, X_train), y1), 2) == 99.23
    assert round(100 * accuracy(predict(w, b, X_test), binary_labels(y_test, 1)), 2) == 99.00


@pytest.mark.parametrize("shape, message", [
    ((784,), r"for one example pass X\[None\]"),
    ((2, 28, 28), r"X\.reshape\(len\(X\), -1\)"),
])
def test_x_of_the_wrong_dimension_gets_the_right_fix(shape, message):
    with pytest.raises(ValueError, match=message):
        predict(np.zeros(784), 0.0, np.zeros(shape))


def test_a_transposed_x_is_named(rng):
    with pytest.raises(ValueError, match=r"X looks transposed .*pass X\.T, of shape \(3, 5\)"):
        predict(np.zeros(5), 0.0, rng.normal(size=(5, 3)))


def test_accuracy_refuses_probabilities_and_strings(rng):
    X, y = rng.normal(size=(6, 2)), np.array([0, 1, 1, 0, 1, 0])
    with pytest.raises(ValueError, match=r"not labels.*pass predict\(w, b, X\), not predict_proba"):
        accuracy(predict_proba(np.ones(2), 0.0, X), y)
    with pytest.raises(TypeError, match="y must hold numbers"):
        accuracy(y, y.astype(str))
    assert accuracy(y.astype(float), y) == 1.0  # whole-number floats are labels
    assert accuracy(y.astype(bool), y) == 1.0


@pytest.mark.parametrize("k, error", [(4.0, TypeError), ("4", TypeError), (True, TypeError),
                                      (0, ValueError)])
def test_confusion_matrix_needs_a_whole_number_of_classes(k, error):
    with pytest.raises(error, match="the number of classes, must be"):
        confusion_matrix(np.array([0, 1]), np.array([1, 0]), k)


def test_confusion_matrix_counts():
    C = confusion_matrix(np.array([0, 2, 2, 1]), np.array([0, 1, 2, 1]), 3)
    np.testing.assert_array_equal(C, [[1, 0, 0], [0, 1, 1], [0, 0, 1]])


def test_distance_to_boundary_against_scikit_learn(rng):
    """(4.5) on a fitted model: scikit-learn's decision_function over the length of its coef_,
    for w as (d,) or the seed's (d, 1) column; the input is not modified."""
    from sklearn.linear_model import LogisticRegression
    X = rng.normal(size=(60, 4))
    y = (X @ [1.0, -2.0, 0.5, 0.0] + rng.normal(size=60) > 0).astype(int)
    model = LogisticRegression().fit(X, y)
    expected = model.decision_function(X) / np.linalg.norm(model.coef_)
    w, b = model.coef_[0], model.intercept_[0]
    before = X.copy()
    np.testing.assert_allclose(distance_to_boundary(w, b, X), expected, rtol=1e-12)
    np.testing.assert_allclose(distance_to_boundary(w[:, None], np.array([b]), X), expected,
                               rtol=1e-12)
    np.testing.assert_array_equal(X, before)
    assert np.any(expected > 0) and np.any(expected < 0)
