# %% [markdown]
"""
Chapter 9. Newton's method: a handful of steps instead of thousands
===================================================================

The question
------------
Gradient descent needs thousands of steps because it only knows the slope:
where the cost surface is much steeper in one direction than in another,
a rate small enough for the steep one crawls along the flat one.  What if
each step also used the curvature?

The model and its equations
---------------------------
Chapter 2's "is it a 1?" on scaled pixels, with a small L2 penalty so that
the minimum is unique.  With theta = (w, b) and a = sigma(X w + b)::

    J = cross-entropy + (l2/2) ||w||^2                 newton.penalised
    g = (1/m) [X 1]^T (a - y) + l2 (w, 0)
    H = (1/m) [X 1]^T diag(a (1 - a)) [X 1] + l2 diag(1, ..., 1, 0)
                                                        newton.hessian
    solve H delta = g,  theta <- theta - delta          newton.newton_step

Newton's step jumps to the minimum of the quadratic that has J's value,
slope and curvature at theta.  Near the minimum the error is squared at
each step: the digits of agreement double (quadratic convergence).  The
chapter prints, step by step, the cost, the gradient's norm and the
distance to the final point; then it checks the minimum against scipy's
L-BFGS-B on the same objective, and runs the package's gradient descent
(optimize.minibatch_sgd, every step on all m images) on it for comparison.

What to look for
----------------
- The gradient's norm falls slowly at first, then squares itself each
  step: about 1e-4, 1e-6, 1e-10, 1e-17, and the distance to the end point
  2e-2, 4e-4, 1e-7, 0.  Eleven steps reach the minimum to the last digit.
- L-BFGS-B, given the same J and gradient, finds the same objective to
  about 1e-14 relative; its own point is less exact than Newton's.
- Gradient descent at the largest safe rate, 2 / (L + l2), is still 17 %
  above the minimum after 1000 steps (and 2 % after 5000): the curvature
  ranges from l2 to L, and it must crawl along the flattest direction.
- When Newton does not pay: each step builds and solves a (d + 1) x (d + 1)
  system, O(m d^2 + d^3).  For softmax regression (chapter 5) theta has
  7850 entries: H alone is 7850^2 doubles, 493 MB, and one solve about a
  thousand times the cost of this chapter's.  Mini-batch SGD wins there.
- Without l2, pixels that are blank in every image give H rows and
  columns of zeros: H is singular, and the step cannot be solved.  The
  chapter shows the message ``newton_step`` gives.

Exercises
---------
1. Rerun with ``--l2 1e-5`` and ``--l2 1e-1``.  How many Newton steps does
   each need, and what happens to gradient descent's gap?
2. Run on raw pixels (``--raw --iterations 30``).  How many Newton steps
   does it need now?  Then run scaled pixels with ``--l2 1.5e-8`` (that is
   1e-3 / 255^2) and compare the costs step by step.  What does that say
   about Newton's method and the scale of the pixels?
3. Write ``hessian`` and ``newton_step`` yourself in
   ``exercises/e8_newton.py`` and grade them.

Answers, from real runs: exercises/ANSWERS.md.
"""
# %%
# Imports
# -------
import time

import numpy as np
from scipy.optimize import minimize

from logreg_from_scratch.chapter import chapter_parser, load, parse, positive
from logreg_from_scratch.labels import binary_labels
from logreg_from_scratch.newton import hessian, newton, newton_step, penalised
from logreg_from_scratch.optimize import DivergenceError, minibatch_sgd
from logreg_from_scratch.predict import accuracy, predict

# %%
# Options: "is it a 1?" on 3000 scaled images, l2 = 1e-3
# ------------------------------------------------------
# From the shell, options follow the file's name.  Cell by cell (a notebook, an
# editor's cells), write them in ARGS instead, e.g. ``ARGS = "--l2 1e-5"``.
ARGS = ""
parser = chapter_parser(__doc__, num_train=3000, num_test=500, iterations=20, rate=None,
                        figures=False, rate_note="2 / (L + l2), the largest safe one")
parser.add_argument("--l2", type=positive(float), default=1e-3,
                    help="L2 penalty on w, > 0 so that H can be solved (default %(default)s)")
parser.add_argument("--gd-steps", type=positive(int), default=1000,
                    help="gradient descent's steps, for the comparison (default %(default)s)")
parser.add_argument("--raw", action="store_true", help="raw 0-255 pixels instead of [0, 1]")
args = parse(parser, ARGS)
X, y_digits, X_test, y_test_digits = load(parser, args, scale=not args.raw)
y, y_test = binary_labels(y_digits, 1), binary_labels(y_test_digits, 1)
m, d = X.shape
print(f"Is it a 1?  {m} images, {'raw' if args.raw else 'scaled'} pixels, l2 = {args.l2:g}")

# %%
# Newton's method, step by step
# -----------------------------
steps = []


def record(iteration, w, b, cost, norm):
    steps.append((iteration, np.append(w, b), cost, norm, time.perf_counter()))


started = time.perf_counter()
w, b, history = newton(np.zeros(d), 0.0, X, y, l2=args.l2, iterations=args.iterations,
                       tol=1e-13, callback=record)
seconds_newton = time.perf_counter() - started
theta = np.append(w, b)
print(f"{'step':>4} {'cost J':>20} {'|g|':>10} {'|theta - final|':>16} {'seconds':>8}")
for iteration, point, cost, norm, at in steps:
    print(f"{iteration:4d} {cost:20.15f} {norm:10.1e} {np.linalg.norm(point - theta):16.1e} "
          f"{at - started:8.2f}")
J_newton = history[-1][0]
print(f"Newton: {len(steps) - 1} steps, {seconds_newton:.2f} s; train accuracy "
      f"{100 * accuracy(predict(w, b, X), y):.2f} %, test accuracy "
      f"{100 * accuracy(predict(w, b, X_test), y_test):.2f} %")


# %%
# The same objective minimised by scipy's L-BFGS-B
# ------------------------------------------------
def objective(point):
    """J and its gradient as flat vectors, the form scipy.optimize wants."""
    cost, dw, db = penalised(point[:-1], point[-1], X, y, args.l2)
    return cost, np.append(dw, db)


started = time.perf_counter()
result = minimize(objective, np.zeros(d + 1), jac=True, method="L-BFGS-B",
                  options={"maxiter": 20000, "ftol": 1e-16, "gtol": 1e-12})
print(f"L-BFGS-B: {result.nit} iterations, {time.perf_counter() - started:.2f} s; objective "
      f"relative difference from Newton's {abs(result.fun - J_newton) / J_newton:.1e}; "
      f"|g| at its end {np.linalg.norm(result.jac):.1e}")
print("Newton and L-BFGS-B agree to 1e-8: "
      + ("yes" if abs(result.fun - J_newton) / J_newton < 1e-8 else "no"))

# %%
# The package's gradient descent on the same objective
# ----------------------------------------------------
X1 = np.hstack([X, np.ones((m, 1))])
L = np.linalg.eigvalsh(X1.T @ X1 / m)[-1] / 4 + args.l2  # a (1 - a) <= 1/4
rate = args.rate or 2 / (L + args.l2)
started = time.perf_counter()
try:
    _, _, costs = minibatch_sgd(lambda w, b, X, y: penalised(w, b, X, y, args.l2),
                                np.zeros(d), 0.0, X, y, epochs=args.gd_steps, rate=rate)
except DivergenceError as error:
    parser.exit(1, f"error: {error}\n")
seconds_gd = time.perf_counter() - started
gaps = (costs - J_newton) / J_newton
for tolerance in (1e-2, 1e-4, 1e-8):
    reached = np.flatnonzero(gaps < tolerance)
    print(f"gradient descent (rate {rate:.3f}) within {tolerance:.0e} of the minimum: "
          + (f"after {reached[0]} steps" if reached.size else f"not in {args.gd_steps} steps"))
print(f"gradient descent: {args.gd_steps} steps, {seconds_gd:.2f} s, still {gaps[-1]:.1e} above; "
      f"Newton: {len(steps) - 1} steps, {seconds_newton:.2f} s")

# %%
# When the step cannot be solved: no penalty, and pixels that are always blank
# ----------------------------------------------------------------------------
blank = int(np.sum(~X.any(axis=0)))
smallest = np.linalg.eigvalsh(hessian(np.zeros(d), 0.0, X, 0.0))[0]
print(f"{blank} of the {d} pixels are 0 in all {m} images; without l2 the smallest "
      f"eigenvalue of H is {smallest:.1e}")
try:
    newton_step(np.zeros(d), 0.0, X, y, 0.0)
    print("newton_step with l2 = 0: solved (H happened to be non-singular)")
except ValueError as error:
    print(f"newton_step with l2 = 0: {error}")
