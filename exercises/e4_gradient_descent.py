# %% [markdown]
"""Exercise 4. Gradient descent (the package's logreg_from_scratch/optimize.py).

Replace each ``raise NotImplementedError`` below with your code, then
grade this file from the clone's folder:

    python -m logreg_from_scratch.exercises check exercises/e4_gradient_descent.py

or run it (``python exercises/e4_gradient_descent.py``), or open it in Jupyter as a
notebook and run its last cell: it grades each function with ``check``.
Each function is graded in a process of its own, and fails if it
computes for more than 30 s (``check --time-limit``), ends the program,
changes numpy's error settings or the package, or silences a warning
(``np.errstate(over="ignore")`` and the like: the book's conventions
forbid it, so the grader fails it).

What counts as correct, function by function (the grader's properties,
the ones the package's own tests hold the package to):

- gradient_descent: takes num_iterations steps w <- w - rate dw, b <- b -
  rate db, recording each cost before its step (error <= 1e-12); reproduces
  the original notebook's "is it a 1?": train 99.23 %, test 99.00 % (chapter
  2).

Each function is graded on its own, with the package's versions of the
other steps in their place: a slip in one never fails another.  The
package is the solution, in logreg_from_scratch/optimize.py: look there
only after trying.  A fresh copy of every exercise file:
``python -m logreg_from_scratch.exercises new FOLDER``.
"""

# %%
import numpy as np

# the earlier steps, as the package has them: use them, or your own
from logreg_from_scratch.gradients import propagate


# %%
def gradient_descent(w, b, X, y, num_iterations, rate, *, callback=None):
    """Full-batch gradient descent for logistic regression.

    The one loop, `minibatch_sgd`, with every step on all m examples.

    Parameters
    ----------
    w : ndarray, shape (d,) or (d, k)
        Starting weights (usually zeros); not modified.
    b : float, or ndarray of shape (k,)
        Starting bias(es); not modified.
    X : ndarray, shape (m, d)
    y : ndarray, shape (m,) or (m, k)
        0/1 labels, or one-hot labels for k one-vs-rest models.
    num_iterations : int
    rate : float
        Learning rate, > 0.
    callback : callable, optional
        ``callback(iteration, w, b, cost)`` after each iteration (counted
        from 0), with `w` and `b` after that iteration's update and the cost
        computed before it: the cost of the previous `w` and `b`, so of the
        model after `iteration` steps, not ``iteration + 1``.  `w` and `b` are
        copies, so changing them does not change the training.

    Returns
    -------
    w : ndarray, shape (d,) or (d, k)
    b : float, or ndarray of shape (k,)
    costs : ndarray, shape (num_iterations,)
        The cost at every iteration, computed before its update.

    Raises
    ------
    DivergenceError
        The cost overflowed, or (in a run of at least JUDGED_AFTER = 10 iterations) ended
        more than FAR_ABOVE (1000) times above its start.
    """
    raise NotImplementedError


# %%
if __name__ == "__main__":  # run as a script or a notebook: grade them here
    from logreg_from_scratch.exercises import check

    check(gradient_descent)
