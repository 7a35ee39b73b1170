"""Better pixels: deskewing each image by its moments (chapter 9).

A slanted 1 and an upright 1 light up different pixels.  A linear model
can cover both only by spreading its weight over a band of slants, which
blurs its template.  Deskewing shears each image so that its ink stands
upright, and the same linear model then sees far more alike images.

Number the rows of the 28 x 28 grid u = 0..27 from the top and the columns
v = 0..27 from the left, and write x(u, v) for the pixel at row u, column
v.  The share of the image's ink at pixel (u, v) is
rho(u, v) = x(u, v) / sum x, and the ink's moments, (9.1), are::

    u_bar = sum rho u,   v_bar = sum rho v                    (centre of mass)
    var_u = sum rho (u - u_bar)^2,   cov = sum rho (u - u_bar)(v - v_bar)

If the ink leans, its column moves with its row: the least-squares line
through it is v - v_bar = alpha (u - u_bar) with alpha = cov / var_u, (9.2).
The shear that stands it upright about the centre of mass moves the pixel
at row u by -alpha (u - u_bar) along its row; after it the ink's columns
no longer depend on its rows (cov = 0).  Deskewing also moves the centre
of mass to the image's centre, (13.5, 13.5), so that every digit sits in
the same place.  Output pixel (u, v) therefore reads the input at::

    row u + (u_bar - 13.5),   column v + (v_bar - 13.5) + alpha (u - 13.5)

    deskewed(u, v) = x(u + u_bar - 13.5, v + v_bar - 13.5 + alpha (u - 13.5))

which is (9.3).  That point falls between pixels, so its value is
interpolated linearly between the four nearest (bilinear interpolation:
first between two rows, then between two columns); ink read from outside
the image is 0.  This is scipy.ndimage.affine_transform(order=1,
mode="grid-constant") with the matrix [[1, 0], [alpha, 1]], which the tests
compare it with.

Where the code departs from the notation: all images at once, in chunks,
with NumPy's gathers instead of a loop over images.  The row shift is the
same for every pixel of an output row, and so is the column shift, which
makes each a gather of whole rows.  A blank image (no ink) has no moments:
it is returned unchanged.  Ink that lies in one row has no slant to
measure (var_u = 0): it is centred, not sheared.
"""
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from .checks import check_X

SIDE = 28
CENTRE = (SIDE - 1) / 2  # 13.5: where the centre of mass goes
CHUNK = 1000  # images a pass: the arrays of a pass stay in the processor's cache


def _images(X):
    """`X` checked, in float32 at least: float16 holds sums up to 65504 only, and 9 of the
    60,000 raw training images hold more ink than that."""
    X = check_X(X)
    if X.shape[1] != SIDE * SIDE:
        raise ValueError(f"deskewing needs 28 x 28 images as rows of 784 pixels; got X of shape "
                         f"{X.shape}: pass MNIST's X, one image a row")
    return X.astype(np.promote_types(X.dtype, np.float32), copy=False)


def moments(X):
    """The ink's centre of mass, row variance and row-column covariance, (9.1), image by image.

    Parameters
    ----------
    X : ndarray, shape (m, 784)
        Images as rows, pixels >= 0.

    Returns
    -------
    u_bar, v_bar, var_u, cov : ndarrays, shape (m,)
        With rho(u, v) = x(u, v) / sum x, u the row and v the column::

            u_bar = sum rho u,   v_bar = sum rho v
            var_u = sum rho (u - u_bar)^2,   cov = sum rho (u - u_bar)(v - v_bar)

    Raises
    ------
    ValueError
        An image is blank (no ink): it has no centre of mass.
    """
    X = _images(X)
    blank = np.flatnonzero(~X.any(axis=1))
    if blank.size:
        more = f" (and {blank.size - 1} more)" if blank.size > 1 else ""
        raise ValueError(f"image {blank[0]} of X is blank (no ink){more}: a blank image has no "
                         "centre of mass; leave it out, or use deskew(X), which returns blank "
                         "images unchanged")
    return _moments(X.reshape(-1, SIDE, SIDE))


def _moments(images):
    """`moments` of images shaped (m, 28, 28); NaN for a blank one."""
    rows = np.arange(SIDE, dtype=float)
    total = images.sum(axis=(1, 2))
    inked = total > 0
    safe = np.where(inked, total, 1.0)  # a blank image's sums are 0: divide them by 1, not 0
    by_row, by_column = images.sum(axis=2) / safe[:, None], images.sum(axis=1) / safe[:, None]
    u_bar, v_bar = by_row @ rows, by_column @ rows
    var_u = by_row @ rows ** 2 - u_bar ** 2
    cov = np.einsum("muv,u,v->m", images, rows, rows) / safe - u_bar * v_bar
    # a blank image's moments are NaN: _deskew leaves it as it is, moments() refuses it
    return tuple(np.where(inked, moment, np.nan) for moment in (u_bar, v_bar, var_u, cov))


def deskew(X):
    """Each image sheared upright about its centre of mass, that centre moved to (13.5, 13.5).

    Parameters
    ----------
    X : ndarray, shape (m, 784)
        Images as rows (raw or scaled pixels, >= 0).

    Returns
    -------
    X_deskewed : ndarray, shape (m, 784), X's float type
        deskewed(u, v) = x(u + u_bar - 13.5, v + v_bar - 13.5 + alpha (u - 13.5)),
        (9.3), with alpha = cov / var_u, interpolated bilinearly.  Blank
        images come back unchanged; ink in one row is centred, not sheared.
        X is not modified.
    """
    X = _images(X)
    out = np.empty_like(X, dtype=np.result_type(X.dtype, np.float32))

    def chunk(start):
        out[start:start + CHUNK] = _deskew(X[start:start + CHUNK].reshape(-1, SIDE, SIDE)).reshape(
            -1, SIDE * SIDE)

    starts = range(0, len(X), CHUNK)
    if len(starts) == 1:  # one chunk: no thread to start
        chunk(0)
        return out
    # chunks on every core: NumPy lets go of Python's lock while it works on arrays
    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
        list(pool.map(chunk, starts))
    return out


def _deskew(images):
    """`deskew` of images shaped (m, 28, 28), with no checks: one chunk."""
    m = len(images)
    u_bar, v_bar, var_u, cov = _moments(images)
    blank = ~(var_u >= 0)  # no ink: NaN moments, nothing to move
    flat = ~(var_u > 0)    # ink in one row (or none): no slope to take out
    alpha = np.where(flat, 0.0, cov / np.where(flat, 1.0, var_u))
    u_bar, v_bar = np.where(blank, CENTRE, u_bar), np.where(blank, CENTRE, v_bar)
    rows = np.arange(SIDE)
    # output row u reads input row u + (u_bar - centre), columns shifted by the shear, the
    # same amount for every column of the row: whole pixels k and a fraction f, each way
    source_row = rows[None, :] + (u_bar - CENTRE)[:, None]
    shift = alpha[:, None] * (rows[None, :] - CENTRE) + (v_bar - CENTRE)[:, None]
    row, column = np.floor(source_row), np.floor(shift)
    fr, fc = (source_row - row)[:, :, None], (shift - column)[:, :, None]
    pad = SIDE + 1  # zeros around the image: a pixel read from outside it is 0
    image = np.arange(m)[:, None]
    # first the rows: output row u between input rows u0 and u0 + 1 ...
    row = np.clip(row, -pad, SIDE + pad - 2).astype(np.intp) + pad
    tall = np.pad(images, ((0, 0), (pad, pad), (0, 0)))
    rows_read = (1 - fr) * tall[image, row] + fr * tall[image, row + 1]
    # ... then each row's columns, all shifted by the same k + f
    column = np.clip(column, -pad, pad - 1).astype(np.intp) + pad
    wide = np.pad(rows_read, ((0, 0), (0, 0), (pad, pad)))
    window = np.lib.stride_tricks.sliding_window_view(wide, SIDE + 1, axis=2)[
        image, rows[None, :], column]  # x(u, v + k) and x(u, v + k + 1): 29 a row
    return (1 - fc) * window[:, :, :-1] + fc * window[:, :, 1:]
