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
  / var_r about the centre of mass, moved to the image centre 13.5 (error <=
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
    """The ink's centre of mass, row variance and row-column covariance, image by image.

    Parameters
    ----------
    X : ndarray, shape (m, 784)
        Images as rows, pixels >= 0.

    Returns
    -------
    r_bar, c_bar, var_r, cov : ndarrays, shape (m,)
        With p(r, c) = x(r, c) / sum x, r the row and c the column::

            r_bar = sum p r,   c_bar = sum p c
            var_r = sum p (r - r_bar)^2,   cov = sum p (r - r_bar)(c - c_bar)

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
        deskewed(r, c) = x(r + r_bar - 13.5, c + c_bar - 13.5 + alpha (r - 13.5)),
        alpha = cov / var_r, interpolated bilinearly.  Blank images come back
        unchanged; ink in one row is centred, not sheared.  X is not modified.
    """
    raise NotImplementedError


# %%
if __name__ == "__main__":  # run as a script or a notebook: grade them here
    from logreg_from_scratch.exercises import check

    check(moments)
    check(deskew)
