"""Deskewing: the moments against a loop and scipy.ndimage, the shear against scipy's, bad inputs."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import ndimage

from logreg_from_scratch.deskew import CENTRE, CHUNK, deskew, moments
from logreg_from_scratch.exercises.pixels import reference_deskew
from logreg_from_scratch.idx_data import load_mnist

images = arrays(np.float64, (3, 784), elements=st.sampled_from([0.0, 0.0, 0.0, 0.5, 1.0]))


def loop_moments(image):
    """The moments pixel by pixel, as the docstring writes them."""
    x = image.reshape(28, 28)
    total = x.sum()
    u_bar = sum(x[u, v] * u for u in range(28) for v in range(28)) / total
    v_bar = sum(x[u, v] * v for u in range(28) for v in range(28)) / total
    var_u = sum(x[u, v] * (u - u_bar) ** 2 for u in range(28) for v in range(28)) / total
    cov = sum(x[u, v] * (u - u_bar) * (v - v_bar) for u in range(28) for v in range(28)) / total
    return u_bar, v_bar, var_u, cov


def test_moments_agree_with_a_loop_and_with_scipy(seed_data):
    X = seed_data[0][:20] / 255
    for image, *got in zip(X, *moments(X)):
        np.testing.assert_allclose(got, loop_moments(image), rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(got[:2], ndimage.center_of_mass(image.reshape(28, 28)),
                                   rtol=1e-12)


def test_real_digits_are_sheared_as_scipys_affine_transform_would(seed_data):
    X = seed_data[0][:50] / 255
    np.testing.assert_allclose(deskew(X), reference_deskew(X), rtol=0, atol=1e-11)


def test_an_upright_centred_image_is_left_as_it_is():
    x = np.zeros((28, 28))
    x[4:24, 13:15] = 1.0          # a vertical bar, its centre of mass at (13.5, 13.5)
    np.testing.assert_allclose(deskew(x.reshape(1, 784)), x.reshape(1, 784), atol=1e-12)


@pytest.mark.parametrize("slope", [-0.6, -0.25, 0.3, 0.5])
def test_a_sheared_bar_is_stood_upright(slope):
    x = np.zeros((28, 28))
    x[4:24, 12:16] = 1.0
    sheared = ndimage.affine_transform(x, np.array([[1.0, 0.0], [-slope, 1.0]]),
                                       offset=np.array([0.0, slope * CENTRE]), order=1)
    u_bar, v_bar, var_u, cov = moments(sheared.reshape(1, 784))
    assert cov[0] / var_u[0] == pytest.approx(slope, abs=0.05)  # the slant is there
    upright = deskew(sheared.reshape(1, 784))
    assert abs(moments(upright)[3][0]) < 0.01 * abs(cov[0])     # and gone
    assert np.abs(upright - x.reshape(1, 784)).mean() < 0.05    # the bar is back


@given(images)
def test_any_image_is_sheared_as_scipy_would_and_x_is_untouched(X):
    # the grader's check (a few inked pixels, 1e-9) made stricter: dense ink, and an error
    # within 1e-12 (1 + |alpha|): alpha's rounding moves the shift that far from the centre
    copy = X.copy()
    D = deskew(X)
    np.testing.assert_array_equal(X, copy)
    inked = X.any(axis=1)  # blank, or ink in a single row: the test below
    _, _, var_u, cov = moments(X[inked])
    slanted = var_u > 0
    errors = np.abs(D[inked][slanted] - reference_deskew(X[inked][slanted])).max(axis=1)
    assert np.all(errors <= 1e-12 * (1 + np.abs(cov[slanted] / var_u[slanted])))


def test_digits_stand_upright_and_centred(seed_data):
    X = seed_data[0][:500] / 255
    before, after = moments(X), moments(deskew(X))
    slant_before = np.abs(before[3] / before[2])
    slant_after = np.abs(after[3] / after[2])
    assert np.median(slant_after) < 0.05 * np.median(slant_before)
    assert np.abs(after[0] - CENTRE).max() < 0.1 and np.abs(after[1] - CENTRE).max() < 0.5


def test_a_blank_image_comes_back_blank_and_odd_shapes_are_named():
    X = np.zeros((2, 784))
    X[1, 300] = 1.0
    D = deskew(X)
    assert np.all(D[0] == 0) and D[1].sum() == pytest.approx(1.0)
    centred = np.zeros((28, 28))
    centred[13:15, 13:15] = 0.25  # ink in one row has no slant: only moved to the centre
    np.testing.assert_allclose(D[1], centred.ravel(), atol=1e-15)
    with pytest.raises(ValueError, match=r"image 0 of X is blank \(no ink\): a blank image has "
                                         r"no centre of mass; leave it out, or use deskew"):
        moments(X)
    with pytest.raises(ValueError, match=r"28 x 28 images as rows of 784 pixels; got X of shape "
                                         r"\(3, 783\)"):
        deskew(np.zeros((3, 783)))
    with pytest.raises(ValueError, match="NaN"):
        deskew(np.full((1, 784), np.nan))


def test_chunks_on_threads_give_what_one_image_at_a_time_gives(seed_data):
    X = seed_data[0][:2500] / 255  # 3 chunks of at most 1000, on a pool of threads
    D = deskew(X)
    assert len(range(0, len(X), CHUNK)) == 3
    for i in (0, 999, 1000, 1999, 2000, 2499):  # equal up to the order BLAS sums the moments in
        np.testing.assert_allclose(D[i], deskew(X[i:i + 1])[0], rtol=0, atol=1e-13)
    one_at_a_time = np.concatenate([deskew(X[i:i + CHUNK]) for i in range(0, len(X), CHUNK)])
    np.testing.assert_array_equal(one_at_a_time, D)  # the same chunks, without threads


@pytest.mark.slow  # tests/conftest.py: the quick loop leaves it out
def test_float16_images_are_measured_in_float32_at_least():
    """Float16 sums stop at 65504, and 9 of the 60,000 raw training images hold more ink."""
    X = load_mnist(num_test=1, scale=False)[0]
    heavy = X[X.sum(axis=1) > 65504]
    assert len(heavy) == 9
    for got, right in zip(moments(heavy.astype(np.float16)), moments(heavy)):
        assert np.allclose(got, right, rtol=1e-3)  # not zeros
    deskewed = deskew(heavy.astype(np.float16))
    assert deskewed.dtype == np.float32
    assert np.allclose(deskewed.sum(axis=1), deskew(heavy).sum(axis=1), rtol=1e-3)
