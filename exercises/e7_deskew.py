# %% [markdown]
"""Exercise 7. Deskewing (the package's logreg_from_scratch/deskew.py).

Replace each ``raise NotImplementedError`` below with your code, then
grade this file from the clone's folder:

    python -m logreg_from_scratch.exercises check exercises/e7_deskew.py

or run it (``python exercises/e7_deskew.py``), or open it in Jupyter as a
notebook and run its last cell: it grades each function with ``check``.
Each function is graded in a process of its own, and fails if it
computes for more than 30 s (``check --time-limit``), ends the program,
changes numpy's error settings or the package, or silences a warning
(``np.errstate(over="ignore")`` and the like: the book's conventions
forbid it, so the grader fails it).

What counts as correct, function by function (the grader's properties,
the ones the package's own tests hold the package to):

- moments: agrees with the sums over the pixels and with
  scipy.ndimage.center_of_mass (error <= 1e-10) on images of a few inked
  pixels, written images((row, column) value, ...; next image).
- deskew: matches scipy.ndimage.affine_transform with the shear alpha = cov
  / var_u about the centre of mass, moved to the image centre 13.5 (error <=
  1e-9 of the brightest pixel), on the same images, scaled or raw, one to
  five.

Each function is graded on its own, with the package's versions of the
other steps in their place: a slip in one never fails another.  The
package is the solution, in logreg_from_scratch/deskew.py: look there
only after trying.  A fresh copy of every exercise file:
``python -m logreg_from_scratch.exercises new FOLDER``.
"""

# %%
import numpy as np


# %%
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
    raise NotImplementedError


# %%
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
    raise NotImplementedError


# %%
if __name__ == "__main__":  # run as a script or a notebook: grade them here
    from logreg_from_scratch.exercises import check

    check(moments)
    check(deskew)
