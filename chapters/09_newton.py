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
chapter first finds the minimum with scipy's L-BFGS-B, for reference; then
it prints Newton's steps: the cost, the gradient's norm, the distance to
L-BFGS-B's point and to Newton's own end point.  Last, it runs the
package's gradient descent (optimize.minibatch_sgd, every step on all m
images) on the same objective, and times both methods to the same
tolerances.

What to look for
----------------
- The gradient's norm falls slowly at first, then squares itself each
  step: about 2e-4, 2e-6, 7e-10, 1e-16.  The distance to L-BFGS-B's point
  goes 2e-2, 4e-4, 1e-7 and stops at 4e-8, the error of L-BFGS-B's own
  point; the distance to Newton's end point goes on to 0.  Eleven steps
  reach the minimum to the last digit, and both methods give the same
  objective to all 15 digits.
- Newton is within 1e-8 of the minimum's cost after 9 steps.  Gradient
  descent at the largest safe rate, 2 / (L + l2), needs 1742 steps to come
  within 10 % of it, several times what Newton takes to 1e-8; it is still
  8 % above after its 2000 steps.  With ``--gd-steps 30000`` (15 times as
  long again) it reaches 1 % after 7093 steps, and is still 1.6e-4 above at the
  end.  Its rate must be safe where J is steepest (at the start every
  a (1 - a) is 1/4 and the curvature reaches L = 9.9); at the minimum the
  flattest direction has curvature 4e-4, and the error along it shrinks
  by a factor 1 - 0.202 * 4e-4 a step: about 28,000 steps a digit.
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
   each need?  How many steps a digit would gradient descent need, by the
   curvature lines, and why does the penalty change that so much?
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
import textwrap
import time

import numpy as np
from scipy.optimize import minimize

from logreg_from_scratch.chapter import chapter_parser, load, parse, positive
from logreg_from_scratch.labels import binary_labels
from logreg_from_scratch.newton import _penalised, hessian, newton, newton_step, penalised
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
parser.add_argument("--gd-steps", type=positive(int), default=2000,
                    help="gradient descent's steps, for the comparison (default %(default)s)")
parser.add_argument("--raw", action="store_true", help="raw 0-255 pixels instead of [0, 1]")
args = parse(parser, ARGS)
X, y_digits, X_test, y_test_digits = load(parser, args, scale=not args.raw)
y, y_test = binary_labels(y_digits, 1), binary_labels(y_test_digits, 1)
m, d = X.shape
print(f"Is it a 1?  {m} images, {'raw' if args.raw else 'scaled'} pixels, l2 = {args.l2:g}")

# %%
# The minimum, found by scipy's L-BFGS-B, for reference
# -----------------------------------------------------
# A quasi-Newton method: it only sees J and g, and builds up an estimate of the
# curvature from the last 30 steps.  ``ftol=0, gtol=0`` let it run until it can
# improve J no further.
def objective(theta):
    """J and its gradient as flat vectors, the form scipy.optimize wants."""
    cost, dw, db = penalised(theta[:-1], theta[-1], X, y, args.l2)
    return cost, np.append(dw, db)


started = time.perf_counter()
reference = minimize(objective, np.zeros(d + 1), jac=True, method="L-BFGS-B",
                     options={"maxiter": 20000, "maxcor": 30, "ftol": 0, "gtol": 0})
print(f"L-BFGS-B: {reference.nit} iterations, {time.perf_counter() - started:.2f} s, "
      f"J = {reference.fun:.15f}, |g| at its end {np.linalg.norm(reference.jac):.1e}")

# %%
# Newton's method, step by step
# -----------------------------
# The distance to L-BFGS-B's point squares at each step until it reaches that
# point's own error; the distance to Newton's own end point goes on squaring.
steps = []


def record(iteration, w, b, cost, norm):
    steps.append((np.append(w, b), cost, norm, time.perf_counter()))


started = time.perf_counter()
w, b, history = newton(np.zeros(d), 0.0, X, y, l2=args.l2, iterations=args.iterations,
                       tol=1e-13, callback=record)
seconds_newton = [at - started for *_, at in steps]
theta = np.append(w, b)
J_newton = history[-1][0]
print(f"{'step':>4} {'cost J':>19} {'|g|':>8} {'|theta - L-BFGS-B|':>19} "
      f"{'|theta - end|':>14} {'seconds':>8}")
for iteration, (point, cost, norm, _) in enumerate(steps):
    to_reference, to_end = np.linalg.norm(point - reference.x), np.linalg.norm(point - theta)
    print(f"{iteration:4d} {cost:19.15f} {norm:8.1e} {to_reference:19.1e} {to_end:14.1e} "
          f"{seconds_newton[iteration]:8.2f}")
print(f"Newton: {len(steps) - 1} steps, {seconds_newton[-1]:.2f} s; train accuracy "
      f"{100 * accuracy(predict(w, b, X), y):.2f} %, test accuracy "
      f"{100 * accuracy(predict(w, b, X_test), y_test):.2f} %")
difference = abs(reference.fun - J_newton) / J_newton
print(f"objective relative difference, Newton against L-BFGS-B: {difference:.1e}; they agree "
      f"to 1e-8: {'yes' if difference < 1e-8 else 'no'}")

# %%
# The package's gradient descent on the same objective
# ----------------------------------------------------
# Every step on all m images, at the largest safe rate 2 / (L + l2), where L
# bounds the curvature: the largest eigenvalue of [X 1]^T [X 1] / m, times
# a (1 - a) <= 1/4.  Both methods are timed to the same tolerances on the
# relative gap (J - J*) / J*, with J* Newton's final cost.
X1 = np.hstack([X, np.ones((m, 1))])
L = np.linalg.eigvalsh(X1.T @ X1 / m)[-1] / 4 + args.l2
rate = args.rate or 2 / (L + args.l2)
ends = []
started = time.perf_counter()
try:
    # the loop checks X and y once; each step then runs penalised without its checks, as
    # newton's steps do
    w_gd, b_gd, costs = minibatch_sgd(lambda w, b, X, y: _penalised(w, b, X, y, args.l2),
                                      np.zeros(d), 0.0, X, y, epochs=args.gd_steps, rate=rate,
                                      callback=lambda *_: ends.append(time.perf_counter()))
except DivergenceError as error:
    parser.exit(1, f"error: {error}\n")
seconds_gd = np.append(0.0, np.array(ends) - started)              # after 0, 1, ... steps
costs = np.append(costs, penalised(w_gd, b_gd, X, y, args.l2)[0])  # J after 0, 1, ... steps
gaps_newton = (np.array([cost for _, cost, _, _ in steps]) - J_newton) / J_newton
gaps_gd = (costs - J_newton) / J_newton
print(f"to within (J - J*) / J* of   {'Newton':<20} gradient descent (rate {rate:.3f})")
for tolerance in (1e-1, 1e-2, 1e-4, 1e-8):
    first = np.flatnonzero(gaps_newton < tolerance)[0]
    reached = np.flatnonzero(gaps_gd < tolerance)
    print(f"{tolerance:<28.0e} {f'{first} steps, {seconds_newton[first]:.2f} s':<20} "
          + (f"{reached[0]} steps, {seconds_gd[reached[0]]:.2f} s" if reached.size else
             f"not in {args.gd_steps} steps ({seconds_gd[-1]:.2f} s)"))
print(f"gradient descent after {args.gd_steps} steps: still {gaps_gd[-1]:.1e} above J*")
# Why it crawls: near the minimum the error along an eigenvector of H shrinks by a
# factor (1 - rate * curvature) a step, and the rate must suit the steepest place.
curvatures = np.linalg.eigvalsh(hessian(w, b, X, args.l2))
steps_a_digit = float(f"{np.log(10) / (rate * curvatures[0]):.2g}")  # 2 significant digits
print(f"curvature at the minimum (eigenvalues of H): {curvatures[0]:.1e} "
      f"to {curvatures[-1]:.1e}")
print(f"the rate suits L = {L:.2f}, the bound on the curvature anywhere "
      "(reached at the start)")
print(f"along the flattest direction a step removes {rate * curvatures[0]:.0e} of the error: "
      f"about {steps_a_digit:,.0f} steps a digit")

# %%
# When the step cannot be solved: no penalty, and pixels that are always blank
# ----------------------------------------------------------------------------
blank = int(np.sum(~X.any(axis=0)))
smallest = np.linalg.eigvalsh(hessian(np.zeros(d), 0.0, X, 0.0))[0]
print(f"{blank} of the {d} pixels are 0 in all {m} images")
print(f"without l2 the smallest eigenvalue of H is {smallest:.1e}")
try:
    newton_step(np.zeros(d), 0.0, X, y, 0.0)
    print("newton_step with l2 = 0: solved (H happened to be non-singular)")
except ValueError as error:
    print("newton_step with l2 = 0 refuses, with ValueError:")
    print(textwrap.fill(str(error), 88, initial_indent="  ", subsequent_indent="  "))
