"""Label encodings: one-hot rows and the binary 'is it digit d?' labels."""
import numpy as np

from logreg_from_scratch.labels import binary_labels, one_hot


def test_one_hot_puts_a_single_one_in_each_row():
    y = np.array([3, 0, 9, 3])
    Y = one_hot(y, 10)
    assert Y.shape == (4, 10) and Y.dtype == np.float64
    np.testing.assert_array_equal(Y.sum(axis=1), 1)
    np.testing.assert_array_equal(np.argmax(Y, axis=1), y)


def test_binary_labels_mark_the_digit():
    y = np.array([5, 0, 4, 1, 9, 2, 1, 3, 1, 4])  # MNIST's first training labels
    y_binary = binary_labels(y, 1)
    np.testing.assert_array_equal(y_binary, [0, 0, 0, 1, 0, 0, 1, 0, 1, 0])
    assert y_binary.dtype == np.int64
    np.testing.assert_array_equal(y, [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])  # untouched
