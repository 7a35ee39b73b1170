# %% [markdown]
"""
Chapter 10. Newton's method: a handful of steps instead of thousands
====================================================================

Gradient descent needs thousands of steps because it only knows the slope:
where the cost surface is much steeper in one direction than in another,
a rate small enough for the steep one crawls along the flat one.  What if
each step also used the curvature?  This chapter derives the Hessian of
chapter 2's cost, shows that it makes the cost convex, and takes Newton's
steps on "is it a 1?" with a small L2 penalty.
"""

# %%
import textwrap
import time

import numpy as np
from scipy.optimize import minimize

from logreg_from_scratch.chapter import L2_TOO_STRONG, chapter_parser, load, parse, positive
from logreg_from_scratch.labels import binary_labels
from logreg_from_scratch.newton import _penalised, hessian, newton, newton_step, penalised
from logreg_from_scratch.optimize import DivergenceError, minibatch_sgd
from logreg_from_scratch.predict import accuracy, predict

# %%
ARGS = ""  # run cell by cell, the chapter's options go here, e.g. ARGS = "--l2 1e-5"
# sphinx_gallery_start_ignore
# (the options that --help lists; the web book hides these lines up to the end marker)
parser = chapter_parser(__doc__, num_train=3000, num_test=500, iterations=20, rate=None,
                        figures=False, rate_note="2 / (L + l2), chapter 7's rule")
parser.add_argument("--l2", type=positive(float, maximum=1e6, why_maximum=L2_TOO_STRONG),
                    default=1e-3,
                    help="L2 penalty on w, > 0 so that H can be solved (default %(default)s)")
parser.add_argument("--gd-steps", type=positive(int), default=2000,
                    help="gradient descent's steps, for the comparison (default %(default)s)")
parser.add_argument("--raw", action="store_true", help="raw 0-255 pixels instead of [0, 1]")
# sphinx_gallery_end_ignore
args = parse(parser, ARGS)
X, y_digits, X_test, y_test_digits = load(parser, args, scale=not args.raw)
y, y_test = binary_labels(y_digits, 1), binary_labels(y_test_digits, 1)
m, d = X.shape
print(f"Is it a 1?  {m} images, {'raw' if args.raw else 'scaled'} pixels, l2 = {args.l2:g}")

# %% [markdown]
# The objective, its gradient and its curvature
# ---------------------------------------------
#
# Chapter 2's "is it a 1?" on 3000 scaled images, with a small L2 penalty
# $\lambda$ (``--l2``, $10^{-3}$) on $w$ so that the minimum is unique.  Put
# the parameters in one vector $\theta = (w, b)$ of length $d + 1$, and
# append a column of ones to $X$, $\tilde X = [X\ \mathbf{1}]$, so that
# $z = \tilde X \theta$.  The objective and its gradient are (2.4) and
# (2.8) plus the penalty's (``newton.penalised``):
#
# $$
# J_\lambda(\theta) = J(w, b) + \frac{\lambda}{2} \lVert w \rVert^2, \qquad g = \nabla J_\lambda = \frac{1}{m} \tilde X^\top (a - y) + \lambda \begin{pmatrix} w \\ 0 \end{pmatrix}. \tag{10.1}
# $$
#
# Differentiate $g$ once more.  Only $a$ depends on $\theta$, and by (2.5)
# $\partial a_i / \partial \theta = a_i (1 - a_i)\, \tilde x_i$, so the
# matrix of second derivatives, the *Hessian*, is (``newton.hessian``)
#
# $$
# H = \nabla^2 J_\lambda = \frac{1}{m} \tilde X^\top \operatorname{diag}\bigl(a (1 - a)\bigr) \tilde X + \lambda \operatorname{diag}(1, \dots, 1, 0). \tag{10.2}
# $$
#
# Why $J$ is convex: for any direction $v = (v_w, v_b)$,
#
# $$
# v^\top H v = \frac{1}{m} \sum_{i=1}^{m} a_i (1 - a_i)\, (\tilde x_i \cdot v)^2 + \lambda \lVert v_w \rVert^2 \geq 0. \tag{10.3}
# $$
#
# Every term is a square times a positive number, so $H$ is positive
# semi-definite everywhere and $J_\lambda$ curves upward in every
# direction: it is convex, and any point where $g = 0$ is the minimum.  $H$
# is *singular* (some $v \neq 0$ has $v^\top H v = 0$) only if
# $\tilde X v = 0$ and $\lambda v_w = 0$.  Without the penalty a pixel that
# is blank in every image is such a direction (the chapter's last cell
# meets one).  With $\lambda > 0$, $v_w$ must be 0, then
# $\tilde X v = v_b \mathbf{1} = 0$ forces $v_b = 0$: $H$ is positive
# definite and the minimum unique.
#
# For reference the chapter first finds the minimum with scipy's L-BFGS-B,
# a quasi-Newton method: it only sees $J$ and $g$, and builds up an
# estimate of the curvature from its last 30 steps (``ftol=0, gtol=0`` let
# it run until it can improve $J$ no further).

# %%
def objective(theta):
    """J and its gradient as flat vectors, the form scipy.optimize wants."""
    cost, dw, db = penalised(theta[:-1], theta[-1], X, y, args.l2)
    return cost, np.append(dw, db)


started = time.perf_counter()
reference = minimize(objective, np.zeros(d + 1), jac=True, method="L-BFGS-B",
                     options={"maxiter": 20000, "maxcor": 30, "ftol": 0, "gtol": 0})
print(f"L-BFGS-B: {reference.nit} iterations, {time.perf_counter() - started:.2f} s, "
      f"J = {reference.fun:.15f}, |g| at its end {np.linalg.norm(reference.jac):.1e}")

# %% [markdown]
# Newton's method
# ---------------
#
# Near $\theta$, $J_\lambda$ is close to the quadratic with its value,
# slope and curvature, and Newton's step jumps to that quadratic's minimum.
# Setting the quadratic's gradient $g + H\delta$ to zero:
#
# $$
# J_\lambda(\theta + \delta) \approx J_\lambda(\theta) + g^\top \delta + \frac12 \delta^\top H \delta, \qquad H \delta = -g, \qquad \theta \leftarrow \theta + \delta. \tag{10.4}
# $$
#
# The code solves $H\delta = -g$ (``np.linalg.solve``, ``newton.newton_step``)
# and never inverts $H$.  Why so few steps: write $e_t = \theta_t - \theta^*$
# for the error.  Since $g(\theta^*) = 0$, the new error is
# $e_{t+1} = H_t^{-1}\bigl(H_t e_t - (g_t - g^*)\bigr)$, and
# $g_t - g^*$ equals $H_t e_t$ up to a term of order $\lVert e_t \rVert^2$
# (Taylor's theorem, with $M$ bounding how fast $H$ changes).  With $\mu$
# the smallest curvature,
#
# $$
# \lVert e_{t+1} \rVert \leq \frac{M}{2\mu} \lVert e_t \rVert^2. \tag{10.5}
# $$
#
# Near the minimum the error is squared at each step: the number of correct
# digits doubles (*quadratic convergence*).  The chapter prints each step's
# cost, the gradient's norm, the distance to L-BFGS-B's point and to
# Newton's own end point.

# %%
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

# %% [markdown]
# What to look for: the gradient's norm falls slowly at first, then squares
# itself each step: about $2 \times 10^{-4}$, $2 \times 10^{-6}$,
# $7 \times 10^{-10}$, $10^{-16}$.  The distance to L-BFGS-B's point goes
# $2 \times 10^{-2}$, $4 \times 10^{-4}$, $10^{-7}$ and stops at
# $4 \times 10^{-8}$, the error of L-BFGS-B's own point; the distance to
# Newton's end point goes on to 0.  Eleven steps reach the minimum to the
# last digit, and both methods give the same objective to all 15 digits.
#
# Gradient descent on the same objective
# --------------------------------------
#
# For comparison, the package's gradient descent (every step on all $m$
# images) at chapter 7's rate $2/(L + \mu)$, with $L$ the largest curvature
# $J_\lambda$ can have, $\tfrac14 \lambda_{\max}(\tilde X^\top \tilde X/m) + \lambda$
# (every $a(1 - a) \leq \tfrac14$), and $\mu = \lambda$.  Both methods are
# timed to the same tolerances on the relative gap $(J - J^*)/J^*$, with
# $J^*$ Newton's final cost.

# %%
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

# %% [markdown]
# What to look for: Newton is within $10^{-8}$ of the minimum's cost after 9
# steps; gradient descent needs well over a thousand steps to come within
# 10 %.  Its rate must suit the steepest curvature anywhere ($L = 9.9$, at
# the start, where every $a(1 - a)$ is $\tfrac14$), while at the minimum the
# flattest direction has curvature $4 \times 10^{-4}$; along it each step
# removes only rate times that curvature of the error, about 28,000 steps
# a digit.
#
# When Newton does not pay: each step builds and solves a
# $(d + 1) \times (d + 1)$ system, $O(m d^2 + d^3)$.  For softmax regression
# (chapter 5) $\theta$ has 7850 entries: $H$ alone is $7850^2$ doubles,
# 493 MB, and one solve about a thousand times the cost of this chapter's.
# Mini-batch SGD wins there.
#
# When the step cannot be solved
# ------------------------------
#
# Without $\lambda$, pixels that are blank in every image give $H$ rows and
# columns of zeros, (10.3) is 0 along them, and the step cannot be solved:

# %%
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

# %% [markdown]
# Summary
# -------
#
# - The Hessian of the cross-entropy is
#   $\tilde X^\top \operatorname{diag}(a(1 - a)) \tilde X / m$ (10.2), a
#   consequence of $\sigma' = \sigma(1 - \sigma)$.
# - It is positive semi-definite (10.3), so the cost is convex; an L2
#   penalty makes it positive definite and the minimum unique.
# - Newton's step solves $H\delta = -g$ (10.4); near the minimum its error
#   squares each step (10.5), so a dozen steps do what gradient descent
#   cannot do in thousands, at a cost per step that grows as $d^3$.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Rerun with ``--l2 1e-5`` and ``--l2 1e-1``.  How many Newton steps does
#    each need?  How many steps a digit would gradient descent need, by the
#    curvature lines, and why does the penalty change that so much?
# 2. Run on raw pixels (``--raw --iterations 30``).  How many Newton steps
#    does it need now?  Then run scaled pixels with ``--l2 1.5e-8`` (that is
#    $10^{-3}/255^2$) and compare the costs step by step.  What does that
#    say about Newton's method and the scale of the pixels?
# 3. Write ``hessian`` and ``newton_step`` yourself in
#    ``exercises/e8_newton.py`` and grade them.
#
# With pen and paper (answers: ``exercises/DERIVATIONS.md``):
#
# 4. Derive (10.2) from (10.1) and (2.5), and (10.3) from (10.2).
# 5. Show that Newton's step on a quadratic
#    $J(\theta) = \tfrac12 \theta^\top A \theta - c^\top \theta$, with $A$ positive definite,
#    lands on the minimum in one step, from anywhere.
