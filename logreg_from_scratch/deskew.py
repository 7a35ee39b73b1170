"""Better pixels: deskewing each image by its moments (chapter 8).

A slanted 1 and an upright 1 light up different pixels, so a linear model
must learn both.  Deskewing shears each image so that its ink stands
upright, and the same linear model then sees far more alike images.

Take an image's ink as weights p(r, c) = x(r, c) / sum x over its 28 x 28
pixels, r the row and c the column.  Its moments are::

    r_bar = sum p r,   c_bar = sum p c                        (centre of mass)
    var_r = sum p (r - r_bar)^2,   cov = sum p (r - r_bar)(c - c_bar)

If the ink leans, its column moves with its row: the least-squares line
through it is c - c_bar = alpha (r - r_bar) with alpha = cov / var_r.  The
shear that stands it upright, about the centre of mass, moves row r by
-alpha (r - r_bar)::

    deskewed(r, c) = x(r, c + alpha (r - r_bar))

after which the ink's columns no longer depend on its rows (cov = 0).  A
shifted column falls between pixels, so each value is interpolated
linearly between its two neighbours in the row (bilinear interpolation,
with rows that stay whole); ink shifted in from outside the image is 0.

Where the code departs from the notation: all images at once, in chunks,
with NumPy's gathers instead of a loop over images.  A blank image (no ink)
has no moments: it is returned unchanged.
"""
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from .checks import check_X

SIDE = 28
CENTRE = (SIDE - 1) / 2  # 13.5: where the centre of mass goes
CHUNK = 1000  # images a pass: the arrays of a pass stay in the processor's cache


def _images(X):
    X = check_X(X)
    if X.shape[1] != SIDE * SIDE:
        raise ValueError(f"deskewing needs 28 x 28 images as rows of 784 pixels; got X of shape "
                         f"{X.shape}: pass MNIST's X, one image a row")
    return X


def moments(X):
    """The ink's centre of mass, row variance and row-column covariance, image by image.

    Parameters
    ----------
    X : ndarray, shape (m, 784)
        Images as rows, pixels >= 0.

    Returns
    -------
    r_bar, c_bar, var_r, cov : ndarrays, shape (m,)
        The moments above; NaN for a blank image, which has none.
    """
    return _moments(_images(X).reshape(-1, SIDE, SIDE))


def _moments(images):
    rows = np.arange(SIDE, dtype=float)
    total = images.sum(axis=(1, 2))
    with np.errstate(invalid="ignore", divide="ignore"):  # a blank image: 0 / 0, NaN on purpose
        by_row, by_column = images.sum(axis=2) / total[:, None], images.sum(axis=1) / total[:, None]
        r_bar, c_bar = by_row @ rows, by_column @ rows
        var_r = by_row @ rows ** 2 - r_bar ** 2
        cov = np.einsum("mrc,r,c->m", images, rows, rows) / total - r_bar * c_bar
    return r_bar, c_bar, var_r, cov


def deskew(X):
    """Each image sheared upright about its centre of mass.

    Parameters
    ----------
    X : ndarray, shape (m, 784)
        Images as rows (raw or scaled pixels, >= 0).

    Returns
    -------
    X_deskewed : ndarray, shape (m, 784), X's float type
        deskewed(r, c) = x(r, c + alpha (r - r_bar)), alpha = cov / var_r,
        interpolated linearly along each row.  Blank images (and images
        whose ink is all in one row) come back unchanged.  X is not modified.
    """
    X = _images(X)
    out = np.empty_like(X, dtype=np.result_type(X.dtype, np.float32))

    def chunk(start):
        out[start:start + CHUNK] = _deskew(X[start:start + CHUNK].reshape(-1, SIDE, SIDE)).reshape(
            -1, SIDE * SIDE)

    # chunks on every core: NumPy lets go of Python's lock while it works on arrays
    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
        list(pool.map(chunk, range(0, len(X), CHUNK)))
    return out


def _deskew(images):
    m = len(images)
    r_bar, c_bar, var_r, cov = _moments(images)
    blank = ~(var_r >= 0)  # no ink: NaN moments, nothing to move
    flat = ~(var_r > 0)    # ink in one row (or none): no slope to take out
    alpha = np.where(flat, 0.0, cov / np.where(flat, 1.0, var_r))
    r_bar, c_bar = np.where(blank, CENTRE, r_bar), np.where(blank, CENTRE, c_bar)
    rows = np.arange(SIDE)
    # output row r reads input row r + (r_bar - centre), columns shifted by the shear, the
    # same amount for every column of the row: whole pixels k and a fraction f, each way
    source_row = rows[None, :] + (r_bar - CENTRE)[:, None]
    shift = alpha[:, None] * (rows[None, :] - CENTRE) + (c_bar - CENTRE)[:, None]
    row, column = np.floor(source_row), np.floor(shift)
    fr, fc = (source_row - row)[:, :, None], (shift - column)[:, :, None]
    pad = SIDE + 1  # zeros around the image: a pixel read from outside it is 0
    image = np.arange(m)[:, None]
    # first the rows: output row r between input rows r0 and r0 + 1 ...
    row = np.clip(row, -pad, SIDE + pad - 2).astype(np.intp) + pad
    tall = np.pad(images, ((0, 0), (pad, pad), (0, 0)))
    rows_read = (1 - fr) * tall[image, row] + fr * tall[image, row + 1]
    # ... then each row's columns, all shifted by the same k + f
    column = np.clip(column, -pad, pad - 1).astype(np.intp) + pad
    wide = np.pad(rows_read, ((0, 0), (0, 0), (pad, pad)))
    window = np.lib.stride_tricks.sliding_window_view(wide, SIDE + 1, axis=2)[
        image, rows[None, :], column]  # x(r, c + k) and x(r, c + k + 1): 29 a row
    return (1 - fc) * window[:, :, :-1] + fc * window[:, :, 1:]
