"""The properties of deskewing (chapter 8): the ink's moments, and the shear.

References: the moments summed pixel by pixel, and scipy.ndimage's
center_of_mass and affine_transform (bilinear, zeros outside the image).
"""
import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import ndimage

from ..deskew import CENTRE
from .grader import Property, call, described, expect

# two images of scattered ink (never blank: blank images have no moments)
images = arrays(np.float64, (2, 784), elements=st.sampled_from([0.0, 0.0, 0.0, 0.5, 1.0])).filter(
    lambda X: bool(np.all(X.reshape(2, 28, 28).sum(axis=2).astype(bool).sum(axis=1) >= 2)))


def reference_moments(X):
    """r_bar, c_bar, var_r, cov image by image, from sums over the pixels' grid."""
    r, c = np.meshgrid(np.arange(28.0), np.arange(28.0), indexing="ij")
    p = X.reshape(-1, 28, 28) / X.reshape(-1, 28, 28).sum(axis=(1, 2))[:, None, None]
    r_bar, c_bar = (p * r).sum(axis=(1, 2)), (p * c).sum(axis=(1, 2))
    var_r = (p * (r - r_bar[:, None, None]) ** 2).sum(axis=(1, 2))
    cov = (p * (r - r_bar[:, None, None]) * (c - c_bar[:, None, None])).sum(axis=(1, 2))
    return r_bar, c_bar, var_r, cov


def _moments_agree(f, X):
    got = call(f, "moments", X)
    expected = reference_moments(X)
    for name, value, right in zip(("r_bar", "c_bar", "var_r", "cov"), got, expected):
        expect(described("moments", X) + " " + name, value, right, atol=1e-10, rtol=1e-10,
               within=" (error <= 1e-10)")
    expect(described("moments", X) + " r_bar, c_bar", np.stack(got[:2], axis=1),
           [ndimage.center_of_mass(x.reshape(28, 28)) for x in X], atol=1e-10,
           within=" = scipy.ndimage.center_of_mass")


def _deskew_agrees(f, X):
    r_bar, c_bar, var_r, cov = reference_moments(X)
    expected = []
    for x, r, c, v, cv in zip(X, r_bar, c_bar, var_r, cov):
        shear = np.array([[1.0, 0.0], [cv / v, 1.0]])
        offset = np.array([r, c]) - shear @ np.array([CENTRE, CENTRE])
        expected.append(ndimage.affine_transform(x.reshape(28, 28), shear, offset=offset,
                                                 order=1, mode="grid-constant").ravel())
    expect(described("deskew", X), call(f, "deskew", X), np.array(expected), atol=1e-9,
           within=" = scipy.ndimage.affine_transform with the same shear (error <= 1e-9)")


MOMENTS = [
    Property("agrees with the sums over the pixels and with scipy.ndimage.center_of_mass "
             "(error <= 1e-10)", images.map(lambda X: (X,)), _moments_agree,
             hint="p = x / x.sum() per image; r_bar = sum p r over rows r and columns c; "
                  "var_r = sum p (r - r_bar)^2; cov = sum p (r - r_bar)(c - c_bar)",
             hints={"shape": "return four arrays of shape (m,), one value an image"}),
]

DESKEW = [
    Property("matches scipy.ndimage.affine_transform with the shear alpha = cov / var_r about "
             "the centre of mass, moved to the image centre 13.5 (error <= 1e-9)",
             images.map(lambda X: (X,)), _deskew_agrees,
             hint="output pixel (r, c) reads the input at row r + r_bar - 13.5 and column "
                  "c + c_bar - 13.5 + alpha (r - 13.5), bilinear between the four nearest "
                  "pixels, 0 outside the image"),
]
