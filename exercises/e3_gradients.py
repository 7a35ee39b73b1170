# %% [markdown]
"""Exercise 3. The gradients (the package's logreg_from_scratch/gradients.py).

Replace each ``raise NotImplementedError`` below with your code, then
grade this file from the clone's folder:

    python -m logreg_from_scratch.exercises check exercises/e3_gradients.py

or run it (``python exercises/e3_gradients.py``), or open it in Jupyter as a
notebook and run its last cell: it grades each function with ``check``.
Each function is graded in a process of its own, and fails if it
computes for more than 30 s (``check --time-limit``), ends the program,
changes numpy's error settings or the package, or silences a warning
(``np.errstate(over="ignore")`` and the like: the book's conventions
forbid it, so the grader fails it).

What counts as correct, function by function (the grader's properties,
the ones the package's own tests hold the package to):

- propagate: returns the cost (error <= 1e-12) and its gradients (error <=
  1e-6 against central differences of that cost, for one model or k one-vs-
  rest models).

Each function is graded on its own, with the package's versions of the
other steps in their place: a slip in one never fails another.  The
package is the solution, in logreg_from_scratch/gradients.py: look there
only after trying.  A fresh copy of every exercise file:
``python -m logreg_from_scratch.exercises new FOLDER``.
"""

# %%
import numpy as np

# the earlier steps, as the package has them: use them, or your own
from logreg_from_scratch.cost import cross_entropy
from logreg_from_scratch.sigmoid import sigmoid


# %%
def propagate(w, b, X, y):
    """Cost and gradients of logistic regression, vectorized.

    Parameters
    ----------
    w : ndarray, shape (d,) or (d, k)
        Weights: one binary model, or k one-vs-rest models as columns.
    b : float, or ndarray of shape (k,)
        Bias(es).
    X : ndarray, shape (m, d)
        One example a row.
    y : ndarray, shape (m,) or (m, k)
        Labels 0/1 (binary) or one-hot labels (k classes).

    Returns
    -------
    cost : float
        ``cross_entropy(X @ w + b, y)``: for k classes the sum of the k
        models' costs, J = sum_l J_l (3.2).
    dw : ndarray, shape (d,) or (d, k)
        (1/m) X^T (a - y), the gradient of `cost` in w (2.8, 3.3).  For k
        classes, column l is also model l's own gradient, since only J_l
        depends on column l: the k models learn independently, each as it
        would alone.
    db : float, or ndarray of shape (k,)
        (1/m) sum_i (a_i - y_i), the gradient of `cost` in b; per column
        for k classes.
    """
    raise NotImplementedError


# %%
if __name__ == "__main__":  # run as a script or a notebook: grade them here
    from logreg_from_scratch.exercises import check

    check(propagate)
