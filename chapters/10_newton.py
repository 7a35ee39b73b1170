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
from logreg_from_scratch.experiments import curvature_bound
from logreg_from_scratch.labels import binary_labels
from logreg_from_scratch.newton import descent, hessian, newton, newton_step, penalised
from logreg_from_scratch.optimize import FAR_ABOVE
from logreg_from_scratch.predict import accuracy, predict

# %%
ARGS = ""  # run cell by cell, the chapter's options go here, e.g. ARGS = "--l2 1e-5"
# sphinx_gallery_start_ignore
# (the options that --help lists; the web book hides these lines up to the end marker)
parser = chapter_parser(__doc__, num_train=3000, num_test=500, iterations=20, rate=None,
                        figures=False, rate_note="the best of 1, 2, 5, 10 and 20")
parser.add_argument("--l2", type=positive(float, maximum=1e6, why_maximum=L2_TOO_STRONG),
                    default=1e-3,
                    help="L2 penalty on w, > 0 so that H can be solved (default %(default)s)")
parser.add_argument("--gd-steps", type=positive(int), default=2000,
                    help="at most this many steps of each gradient descent (default %(default)s)")
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
# Gradient descent on the same objective, at its best
# ----------------------------------------------------
#
# A fair race gives gradient descent its best rate.  Near the minimum
# $\theta^*$ the gradient is $g \approx H^* (\theta - \theta^*)$, with $H^*$
# the Hessian there, so a step $\theta \leftarrow \theta - \eta g$ multiplies
# the error by $I - \eta H^*$: along an eigenvector of $H^*$ with curvature
# $h$, by $1 - \eta h$.  The descent converges only if every
# $\lvert 1 - \eta h \rvert < 1$, that is $\eta < 2 / h_{\max}$, and the
# worst factor sets its speed.  Raising $\eta$ helps the flattest direction
# and hurts the steepest; the worst factor is smallest where the two
# balance, $1 - \eta h_{\min} = \eta h_{\max} - 1$:
#
# $$
# \begin{aligned}
# & e_{t+1} \approx (I - \eta H^*)\, e_t, \qquad \kappa = \frac{h_{\max}}{h_{\min}}, \\
# & \min_\eta \max_{h} \lvert 1 - \eta h \rvert = \frac{\kappa - 1}{\kappa + 1} \ \text{ at } \ \eta = \frac{2}{h_{\max} + h_{\min}}.
# \end{aligned} \tag{10.6}
# $$
#
# Chapter 7's rate $2/(L + \mu)$ is this rate for the bounds on the
# curvature *anywhere*: $L = \tfrac14 \lambda_{\max}(\tilde X^\top \tilde X/m) + \lambda$
# (every $a(1 - a) \leq \tfrac14$, and at the start every $a(1 - a)$ is
# $\tfrac14$) and $\mu = \lambda$.  That rate never fails, but near the
# minimum most images are classified with confidence, their $a(1 - a)$ is
# small, and the curvature is far below $L$: the rate is needlessly small.
# $H^*$ is not known before the minimum is found, so the rate is found as
# a student would find it, by trying.  The rates 1, 2, 5, 10 and 20 take
# one step each in turn until one of them is within 1 % of the minimum's
# cost; a run whose cost climbs a thousand times above its start drops out
# (the package's rule for a rate too large).  The rate is chosen on the
# training images, and rightly: the goal here is the minimum of $J$ on
# them, a question of optimisation, not a setting for images not yet seen.
#
# Or no rate at all: a *backtracking line search* tries a long step $t$ and
# halves it until the cost falls by at least half of what the slope
# promises (Armijo's condition, ``newton.descent`` with ``rate=None``):
#
# $$
# J_\lambda(\theta - t g) \leq J_\lambda(\theta) - \frac{t}{2} \lVert g \rVert^2, \qquad \text{true for every } t \leq \frac{1}{L}. \tag{10.7}
# $$
#
# With curvature at most $L$, Taylor's theorem gives
# $J_\lambda(\theta - t g) \leq J_\lambda(\theta) - t \lVert g \rVert^2 + \tfrac{L t^2}{2} \lVert g \rVert^2$,
# which is below the right side of (10.7) once $t \leq 1/L$: the halving
# stops, and every step lowers $J$.  Each step starts from twice the last
# step's $t$, so $t$ grows where the surface flattens.  It pays with extra
# evaluations of $J$, one a trial step, which the table counts; each costs
# one product with $X$, half of what a step with its gradient costs.  All
# three are timed to the same tolerances on the relative gap
# $(J - J^*)/J^*$, with $J^*$ Newton's final cost; the descents stop at
# $10^{-4}$.

# %%
climbed = set()  # the rates that dropped out of the race


def race(paths, until, runs=None):
    """Step each descent in turn until one is within `until` of J* or has taken
    --gd-steps steps; a descent whose cost ends FAR_ABOVE times above its start drops
    out.  Returns each descent's relative gaps, evaluations and seconds after 0, 1, ...
    steps (`runs`, when given, goes on from where an earlier race left them)."""
    runs = runs or {key: ([], [], []) for key in paths}
    paths = dict(paths)
    while paths:
        for key, path in list(paths.items()):
            gaps, counts, seconds = runs[key]
            started = time.perf_counter()
            cost, count, _, _ = next(path)
            seconds.append((seconds[-1] if seconds else 0.0) + time.perf_counter() - started)
            gaps.append((cost - J_newton) / J_newton)
            counts.append(count)
            if gaps[-1] < until or len(gaps) > args.gd_steps:
                return runs
            if cost > FAR_ABOVE * (1 + gaps[0]) * J_newton:
                print(f"  rate {key:g}: its cost climbed to {cost:.3g} at step {len(gaps) - 1}; "
                      "too large")
                climbed.add(key)
                del paths[key]
    return runs


L, _ = curvature_bound(X, args.l2, most=1 / 4)  # chapter 7's bound, with a (1 - a) <= 1/4
rates = [1, 2, 5, 10, 20] if args.rate is None else [args.rate]
print(f"gradient descent at the rates {', '.join(f'{rate:g}' for rate in rates)},\n"
      "a step each in turn, until one is within 1 % of J* (gap = (J - J*) / J*):")
paths = {rate: descent(np.zeros(d), 0.0, X, y, l2=args.l2, rate=rate) for rate in rates}
runs = race(paths, 1e-2)
if climbed == set(rates):
    parser.exit(1, f"error: {'--rate ' + str(args.rate) if args.rate else 'every rate'}: the "
                   "cost climbed far above its start: try a smaller --rate\n")
rate = min(set(runs) - climbed, key=lambda key: runs[key][0][-1])
for key, (gaps, _, _) in runs.items():
    print(f"  rate {key:<3g} after {len(gaps) - 1:4d} steps: gap {gaps[-1]:.1e}, "
          f"its lowest {min(gaps):.1e}" + ("   <- the rate kept" if key == rate else ""))

# %% [markdown]
# The kept rate then runs on to $10^{-4}$, the line search runs from the
# start, and the table sets the three methods side by side, in steps and
# in seconds.

# %%
fixed = race({rate: paths[rate]}, 1e-4, {rate: runs[rate]})[rate]
searched = race({"search": descent(np.zeros(d), 0.0, X, y, l2=args.l2)}, 1e-4)["search"]

gaps_newton = (np.array([cost for _, cost, _, _ in steps]) - J_newton) / J_newton
print(f"\n{'J within':<9} {'Newton':<17} {f'descent, rate {rate:g}':<20} "
      "descent, line search (J's evaluations)")


def within(run, tolerance, evaluations=False):
    """When a descent's gap first fell below `tolerance`: steps, seconds (and evaluations)."""
    gaps, counts, seconds = run
    reached = np.flatnonzero(np.array(gaps) < tolerance)
    if not reached.size:
        return f"not in {len(gaps) - 1} steps" if tolerance > 1e-4 else "(stopped at 1e-4)"
    i = reached[0]
    return f"{i} steps, {seconds[i]:.2f} s" + (f" ({counts[i]})" if evaluations else "")


for tolerance in (1e-1, 1e-2, 1e-4, 1e-8):
    first = np.flatnonzero(gaps_newton < tolerance)[0]
    print(f"{tolerance:<9.0e} {f'{first} steps, {seconds_newton[first]:.2f} s':<17} "
          f"{within(fixed, tolerance):<20} {within(searched, tolerance, evaluations=True)}")
print("(J within t of J*: (J - J*) / J* < t, J* Newton's final cost)")
per_step = np.median(np.diff(seconds_newton)) / np.median(np.diff(fixed[2]))
print(f"one Newton step takes as long as {per_step:.0f} steps of gradient descent")

# %% [markdown]
# Why the descent crawls: (10.6), with the curvatures at Newton's minimum
# (the eigenvalues of $H^*$, ``np.linalg.eigvalsh``) and the kept rate.

# %%
curvatures = np.linalg.eigvalsh(hessian(w, b, X, args.l2))
kappa = curvatures[-1] / curvatures[0]
factor = np.max(np.abs(1 - rate * curvatures))            # the worst |1 - rate h|
print(f"curvature at the minimum (eigenvalues of H): {curvatures[0]:.1e} to "
      f"{curvatures[-1]:.2f}, kappa = {kappa:.0f}")
print(f"chapter 7's bound on the curvature anywhere: L = {L:.2f}")
print(f"by (10.6) the best fixed rate is 2 / (h_max + h_min) = "
      f"{2 / (curvatures[-1] + curvatures[0]):.3f};")
print(f"a rate above 2 / h_max = {2 / curvatures[-1]:.3f} cannot settle at the minimum")
reached_at = [np.flatnonzero(np.array(fixed[0]) < t) for t in (1e-2, 1e-4)]
print(f"at rate {rate:g} the error shrinks by {factor:.4f} a step: "
      f"{np.log(10) / -np.log(factor):,.0f} steps a digit, by (10.6)")
print("measured, from 1e-2 to 1e-4 (one digit of the error; the gap is quadratic in it): "
      + (f"{reached_at[1][0] - reached_at[0][0]:,} steps" if reached_at[1].size
         else "not reached"))

# %% [markdown]
# What to look for: rates 10 and 20 make progress at first (down to 2.5 %
# and 29 % above the minimum's cost) and then climb away, as (10.6) says
# they must: both are above $2/h_{\max} \approx 5.5$, so near the minimum
# the steepest direction's error grows at every step.  Rate 5, just below
# the best rate that (10.6) computes from the minimum, wins the race to
# 1 %; from there each digit of the error takes it about a thousand steps,
# as (10.6) predicts from $\kappa \approx 900$.  The line search, with no
# rate to choose, keeps pace in steps and pays for its trial steps in
# seconds.  In steps Newton wins by more than a hundredfold; in seconds,
# since one of its steps costs as much as several dozen of gradient
# descent's, it is a few times faster to $10^{-4}$, and its lead grows with
# each digit asked for after that: a thousand steps a digit against one.
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
#   squares each step (10.5): nine steps reach $10^{-8}$ of the minimum's
#   cost, at a cost per step that grows as $d^3$.
# - Gradient descent near the minimum shrinks the error by at best
#   $(\kappa - 1)/(\kappa + 1)$ a step (10.6): with $\kappa \approx 900$ that
#   is about a thousand steps a digit, at its best fixed rate (found by
#   trying) or with a backtracking line search (10.7), which needs no rate.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Rerun with ``--l2 1e-5`` and ``--l2 1e-1``.  How many Newton steps does
#    each need?  By (10.6) and the curvature line, how many steps a digit
#    would gradient descent need at its best fixed rate, and why does the
#    penalty change that so much?
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
# 6. From (10.6), show that one digit of the error takes gradient descent
#    $\ln 10 / \ln\frac{\kappa + 1}{\kappa - 1}$ steps at its best fixed
#    rate, about $\tfrac{\kappa}{2} \ln 10$ for large $\kappa$.
