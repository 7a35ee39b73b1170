# %% [markdown]
"""Exercise 5. Predictions, and the distance to the boundary (the package's logreg_from_scratch/predict.py).

Replace each ``raise NotImplementedError`` below with your code, then
grade this file from the clone's folder:

    python -m logreg_from_scratch.exercises check exercises/e5_predict.py

or run it (``python exercises/e5_predict.py``), or open it in Jupyter as a
notebook and run its last cell: it grades each function with ``check``.
Each function is graded in a process of its own, and fails if it
computes for more than 30 s (``check --time-limit``), ends the program,
changes numpy's error settings or the package, or silences a warning
(``np.errstate(over="ignore")`` and the like: the book's conventions
forbid it, so the grader fails it).

What counts as correct, function by function (the grader's properties,
the ones the package's own tests hold the package to):

- predict: is 1 exactly when z > 0, also for |z| below 1e-16; gives 0/1 for
  one model and argmax_j a_j for k models.
- distance_to_boundary: gives, for each row x, the length of the shortest
  step onto the boundary w.x + b = 0, positive on the side of 'yes' (error
  <= 1e-9); is the same for w and b times 3: the distance belongs to the
  boundary, not to the length of w.

Each function is graded on its own, with the package's versions of the
other steps in their place: a slip in one never fails another.  The
package is the solution, in logreg_from_scratch/predict.py: look there
only after trying.  A fresh copy of every exercise file:
``python -m logreg_from_scratch.exercises new FOLDER``.
"""

# %%
import numpy as np

# the earlier steps, as the package has them: use them, or your own
from logreg_from_scratch.sigmoid import sigmoid


# %%
def predict(w, b, X):
    """Predicted labels.

    Parameters
    ----------
    w : ndarray, shape (d,), (d, 1) or (d, k)
    b : float, or ndarray of shape (1,) or (k,)
    X : ndarray, shape (m, d)

    Returns
    -------
    y_pred : ndarray of int64, shape (m,)
        For a binary model (w of shape (d,) or (d, 1)): 1 where z > 0, that
        is a > 0.5, else 0.  For k >= 2 one-vs-rest models: argmax_j a_j.
    """
    raise NotImplementedError


# %%
def distance_to_boundary(w, b, X):
    """Signed distance of each image from a binary model's boundary, (4.5).

    The boundary is the hyperplane {x : w.x + b = 0}, whose normal is w
    (4.4).  The distance of x from it, positive on the side the model
    answers "yes", is

        dist(x) = (w.x + b) / ||w||,

    so the logit is the distance times ||w|| (4.6).

    Parameters
    ----------
    w : ndarray, shape (d,) or (d, 1)
        A binary model's weights, not all 0.
    b : float, or ndarray of shape (1,)
    X : ndarray, shape (m, d)

    Returns
    -------
    dist : ndarray of float64, shape (m,)
        In the units of X's features (grey levels for raw pixels).
    """
    raise NotImplementedError


# %%
if __name__ == "__main__":  # run as a script or a notebook: grade them here
    from logreg_from_scratch.exercises import check

    check(predict)
    check(distance_to_boundary)
