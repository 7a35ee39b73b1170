"""The properties of deskewing (chapter 9): the ink's moments, and the shear.

References: the moments summed pixel by pixel, and scipy.ndimage's
center_of_mass and affine_transform (bilinear, zeros outside the image).
"""
import numpy as np
from hypothesis import strategies as st
from scipy import ndimage

from ..deskew import CENTRE
from .grader import Property, call, described, expect, expect_tuple


def _image(ink):
    """A row of 784 pixels, 0 but for `ink`'s (row, column, value) triples."""
    x = np.zeros((28, 28))
    for r, c, value in ink:
        x[r, c] = value
    return x.ravel()


# One to five images of a few ink pixels each, so that a failure can be read.  The first two
# pixels lie on different rows (a blank image, or ink on one row only, has no slant to
# measure): the second row is the first moved down by 1 to 27, wrapping round.  The ink is
# scaled (0.5, 1.0) or raw (whole numbers up to 255), as the docstrings promise either.
value = st.one_of(st.sampled_from([0.5, 1.0]), st.integers(1, 255).map(float))
pixel = st.tuples(st.integers(0, 27), st.integers(0, 27), value)
ink = st.tuples(pixel, st.integers(1, 27), st.integers(0, 27), value,
                st.lists(pixel, max_size=8)).map(
    lambda p: [p[0], ((p[0][0] + p[1]) % 28, p[2], p[3]), *p[4]])
images = st.lists(ink, min_size=1, max_size=5).map(
    lambda inks: np.array([_image(pixels) for pixels in inks]))


def reference_moments(X):
    """u_bar, v_bar, var_u, cov image by image, from sums over the pixels' grid (9.1)."""
    u, v = np.meshgrid(np.arange(28.0), np.arange(28.0), indexing="ij")  # row u, column v
    rho = X.reshape(-1, 28, 28) / X.reshape(-1, 28, 28).sum(axis=(1, 2))[:, None, None]
    u_bar, v_bar = (rho * u).sum(axis=(1, 2)), (rho * v).sum(axis=(1, 2))
    var_u = (rho * (u - u_bar[:, None, None]) ** 2).sum(axis=(1, 2))
    cov = (rho * (u - u_bar[:, None, None]) * (v - v_bar[:, None, None])).sum(axis=(1, 2))
    return u_bar, v_bar, var_u, cov


def _moments_agree(f, X):
    got = expect_tuple(described("moments", X), call(f, "moments", X),
                       ["u_bar", "v_bar", "var_u", "cov"])
    expected = reference_moments(X)
    for name, value, right in zip(("u_bar", "v_bar", "var_u", "cov"), got, expected):
        expect(described("moments", X) + " " + name, value, right, atol=1e-10, rtol=1e-10,
               within=" (error <= 1e-10)")
    expect(described("moments", X) + " u_bar, v_bar", np.stack(got[:2], axis=1),
           [ndimage.center_of_mass(x.reshape(28, 28)) for x in X], atol=1e-10,
           within=" = scipy.ndimage.center_of_mass")


def reference_deskew(X):
    """Each image of X (ink on at least two rows) deskewed by scipy.ndimage.affine_transform,
    one at a time: the matrix [[1, 0], [alpha, 1]] about the image centre, bilinear, 0 outside."""
    expected = []
    for x, u_bar, v_bar, var_u, cov in zip(X, *reference_moments(X)):
        shear = np.array([[1.0, 0.0], [cov / var_u, 1.0]])
        offset = np.array([u_bar, v_bar]) - shear @ np.array([CENTRE, CENTRE])
        expected.append(ndimage.affine_transform(x.reshape(28, 28), shear, offset=offset,
                                                 order=1, mode="grid-constant").ravel())
    return np.array(expected).reshape(len(X), 784)


def _deskew_agrees(f, X):
    # rounding grows with the ink: 1e-9 of the brightest pixel (1 when scaled, 255 when raw)
    expect(described("deskew", X), call(f, "deskew", X), reference_deskew(X),
           atol=1e-9 * X.max(),
           within=" = scipy.ndimage.affine_transform with the same shear (error <= 1e-9 of "
                  "the brightest pixel)")


MOMENTS = [
    Property("agrees with the sums over the pixels and with scipy.ndimage.center_of_mass "
             "(error <= 1e-10) on images of a few inked pixels, written images((row, column) "
             "value, ...; next image)", images.map(lambda X: (X,)), _moments_agree,
             hint="rho = x / x.sum() per image; u_bar = sum rho u over rows u and columns "
                  "v; var_u = sum rho (u - u_bar)^2; cov = sum rho (u - u_bar)(v - v_bar)",
             hints={"shape": "return four arrays of shape (m,), one value an image"}),
]

DESKEW = [
    Property("matches scipy.ndimage.affine_transform with the shear alpha = cov / var_u about "
             "the centre of mass, moved to the image centre 13.5 (error <= 1e-9 of the brightest "
             "pixel), on the same images, scaled or raw, one to five",
             images.map(lambda X: (X,)), _deskew_agrees,
             hint="output pixel (u, v) reads the input at row u + u_bar - 13.5 and column "
                  "v + v_bar - 13.5 + alpha (u - 13.5), bilinear between the four nearest "
                  "pixels, 0 outside the image"),
]
