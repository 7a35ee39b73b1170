# %% [markdown]
"""
Chapter 10. Newton's method: a handful of steps instead of thousands
====================================================================

Gradient descent needs thousands of steps because it knows only the slope
of the cost.  Where the cost is much steeper in one direction than in
another, a rate small enough for the steep direction crawls along the flat
one.  What if each step also used the curvature?  This chapter derives the
Hessian of chapter 2's cost, the matrix of all its second derivatives,
shows that it makes the cost convex, and takes Newton's steps on "is it a
1?" with a small L2 penalty.
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
from logreg_from_scratch.sigmoid import sigmoid

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
# The problem is chapter 2's "is it a 1?" on 3000 scaled images, with a
# small L2 penalty on the weights $w$, so that the minimum is unique: the
# term $\tfrac{\lambda}{2} \lVert w \rVert^2$ is added to the cost, and
# $\lambda = 10^{-3}$ (``--l2``) sets its strength.  Put the parameters
# in one vector $\theta = (w, b)$ of length $d + 1$, and append a column
# of ones to $X$, $\tilde X = [X\ \mathbf{1}]$, so that the logits are
# $z = \tilde X \theta$.  The objective $J_\lambda$ is chapter 2's cost
# (2.4) plus the penalty, and its gradient $g$ is (2.8) plus the penalty's
# gradient (``newton.penalised``):
#
# $$
# \begin{aligned}
# J_\lambda(\theta) &= J(w, b) + \frac{\lambda}{2} \lVert w \rVert^2, \\
# g = \nabla J_\lambda &= \frac{1}{m} \tilde X^\top (a - y) + \lambda \begin{pmatrix} w \\ 0 \end{pmatrix}.
# \end{aligned} \tag{10.1}
# $$
#
# The last term is $\lambda w$ with a 0 appended for the bias, which the
# penalty does not touch.
#
# Now differentiate $g$ once more.  Only $a$ depends on $\theta$, and by
# (2.5) $\partial a_i / \partial \theta = a_i (1 - a_i)\, \tilde x_i$.  The
# matrix of all the second derivatives of $J_\lambda$, whose entry
# $(j, j')$ is the derivative in $\theta_j$ and $\theta_{j'}$, is called
# its *Hessian* $H$ (``newton.hessian``):
#
# $$
# \begin{aligned}
# H = \nabla^2 J_\lambda &= \frac{1}{m} \tilde X^\top S \tilde X \\
# &\quad + \lambda \operatorname{diag}(1, \dots, 1, 0), \\
# S &= \operatorname{diag}\bigl(a (1 - a)\bigr).
# \end{aligned} \tag{10.2}
# $$
#
# Here $S$ is the $m \times m$ matrix with $a_i (1 - a_i)$ in place $i$ of
# its diagonal and zeros elsewhere, and
# $\operatorname{diag}(1, \dots, 1, 0)$ puts the penalty on the diagonal
# for the $d$ weights only.
#
# Chapter 7 defined the curvature of a cost along a direction $\delta$ of
# length 1 as the second derivative of $J_\lambda(\theta + \epsilon \delta)$ in
# $\epsilon$.  By the chain rule it is $\delta^\top H \delta$.  Write
# $\delta = (\delta_w, \delta_b)$, its weight part and its bias part.  Then
#
# $$
# \begin{aligned}
# \delta^\top H \delta &= \frac{1}{m} \sum_{i=1}^{m} a_i (1 - a_i)\, (\tilde x_i \cdot \delta)^2 \\
# &\quad + \lambda \lVert \delta_w \rVert^2 \geq 0.
# \end{aligned} \tag{10.3}
# $$
#
# Every term is a square times a number that is at least 0, so
# $J_\lambda$ curves upward, or stays flat, along every direction: $H$ is
# *positive semi-definite* everywhere.  So $J_\lambda$ is convex, and any
# point where $g = 0$ is its minimum.
#
# Newton's method, below, needs to solve equations with $H$, so it needs
# $H$ to have an inverse.  $H$ is *singular*, with no inverse, when some
# $\delta \neq 0$ has $H\delta = 0$; then $\delta^\top H \delta = 0$ too.
# So if $\delta^\top H \delta > 0$ for every $\delta \neq 0$, then $H$ is
# not singular.  By (10.3), $\delta^\top H \delta = 0$ needs
# $\tilde x_i \cdot \delta = 0$ for every image (each $a_i(1 - a_i)$ is
# above 0, because $a_i$ lies strictly between 0 and 1) and
# $\lambda \lVert \delta_w \rVert^2 = 0$.  Without the penalty, a pixel
# that is blank in every image gives such a direction: move only that
# pixel's weight, and no logit changes.  Its row and column of $H$ are
# then all zeros, so $H\delta = 0$ and $H$ is singular (the chapter's last
# cell meets this).  With $\lambda > 0$, $\delta_w$ must be 0; then
# $\tilde x_i \cdot \delta = \delta_b$ for every image, which is 0 only if
# $\delta_b = 0$.  So with the penalty $H$ is *positive definite*
# ($\delta^\top H \delta > 0$ for every $\delta \neq 0$): it has an
# inverse, and the minimum is unique.
#
# For reference, the chapter first finds the minimum with scipy's
# L-BFGS-B, the optimiser chapter 7 used.  It sees only $J_\lambda$ and
# $g$, never $H$: it builds up an estimate of the curvature from how the
# gradient changed over its last 30 steps (``ftol=0, gtol=0`` let it run
# until it can improve $J_\lambda$ no further).  Methods like it are
# called *quasi-Newton* methods, because they imitate Newton's method,
# the subject of the next section, without computing the Hessian.

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
# Near $\theta$, $J_\lambda$ is close to the quadratic that has the same
# value, slope and curvature there.  Newton's method steps to that
# quadratic's minimum.  Write the step as $\delta$, so that the new point
# is $\theta + \delta$.  The quadratic's gradient in $\delta$ is
# $g + H\delta$, and setting it to zero gives the step:
#
# $$
# \begin{aligned}
# J_\lambda(\theta + \delta) &\approx J_\lambda(\theta) + g^\top \delta + \frac12 \delta^\top H \delta, \\
# H \delta &= -g, \qquad \theta \leftarrow \theta + \delta.
# \end{aligned} \tag{10.4}
# $$
#
# The code solves $H\delta = -g$ for $\delta$ (``np.linalg.solve``, in
# ``newton.newton_step``) and never inverts $H$: solving is cheaper and
# more accurate.  This is Newton's method for logistic regression.  In
# statistics, where it is the standard way to fit the model, it goes by
# another name: *iteratively reweighted least squares* (IRLS); the last
# section before the summary shows why.
#
# Why so few steps?  Call the minimum $\theta^\star$, and write
# $\theta_t$ for the point after $t$ steps, with $g_t$ and $H_t$ the
# gradient and the Hessian there.  The gradient at the minimum is
# $g^\star = 0$, so subtracting $\theta^\star$ from both sides of the step
# $\theta_{t+1} = \theta_t - H_t^{-1} g_t$ and taking $H_t^{-1}$ outside
# gives the first line of (10.5).  Two facts bound the two factors of that
# line.
#
# The bracket first.  If the Hessian were the same everywhere, the
# gradient would change exactly linearly,
# $g_t - g^\star = H_t (\theta_t - \theta^\star)$, and the bracket would
# be 0.  The Hessian does change from point to point, but smoothly: there
# is a number $M$, the Hessian's *Lipschitz constant*, such that for any
# two points $\theta$ and $\theta'$ the difference of their Hessians
# stretches no vector by more than $M \lVert \theta - \theta' \rVert$
# times its length.  (For this cost $M$ exists because $a(1 - a)$ changes
# smoothly with the logits.)  Taylor's theorem, applied along the straight
# line from $\theta^\star$ to $\theta_t$, then bounds the bracket's length
# by $\tfrac{M}{2} \lVert \theta_t - \theta^\star \rVert^2$.
#
# Then $H_t^{-1}$.  It has the same eigenvectors as $H_t$, with the
# reciprocals of its eigenvalues, so the most it stretches a vector is
# $1/\operatorname{eig}_{\min}(H_t)$.  Write $\mu$ for
# $\operatorname{eig}_{\min}(H_t)$, the least curvature at $\theta_t$; it
# is above 0 because the penalty makes $H_t$ positive definite.  Together
# the two facts give the second line:
#
# $$
# \begin{aligned}
# \theta_{t+1} - \theta^\star &= H_t^{-1} \bigl(H_t (\theta_t - \theta^\star) - (g_t - g^\star)\bigr), \\
# \lVert \theta_{t+1} - \theta^\star \rVert &\leq \frac{M}{2\mu} \lVert \theta_t - \theta^\star \rVert^2, \\
# \mu &= \operatorname{eig}_{\min}(H_t).
# \end{aligned} \tag{10.5}
# $$
#
# So each step's distance to the minimum is at most a constant times the
# square of the last one.  Near the minimum, where that constant times the
# distance is below 1, this is very fast: if $M/(2\mu)$ is about 1, a
# distance of $10^{-3}$ becomes $10^{-6}$, then $10^{-12}$.  The number of
# correct digits doubles at each step.  This is called *quadratic
# convergence*.  Far from the minimum, (10.5) promises nothing, and the
# first steps are slower.  The chapter prints each step's cost, the length
# of the gradient $\lVert g \rVert$, and the distances to L-BFGS-B's point
# and to Newton's own end point.

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
print(f"objective relative difference, Newton against L-BFGS-B: {difference:.1e}")
print(f"they agree to 1e-8: {'yes' if difference < 1e-8 else 'no'}")
H_star = hessian(w, b, X, args.l2)  # the Hessian at the minimum, H*
offset = reference.x - theta         # from Newton's point to L-BFGS-B's
distance = np.linalg.norm(offset)
along = offset @ H_star @ offset / distance ** 2 if distance > 0 else 0.0  # its curvature
print(f"L-BFGS-B's point: {distance:.1e} from Newton's, along a curvature of {along:.1e},")
print(f"  so about 1/2 x curvature x distance^2 = {along * distance ** 2 / 2:.1e} above J*;")
print(f"  neighbouring floating-point numbers near J* are {np.spacing(J_newton):.1e} apart")

# %% [markdown]
# What to look for: the distances fall slowly at first, then faster and
# faster.  The distance to Newton's end point goes $2.1 \times 10^{-2}$,
# $3.5 \times 10^{-4}$, $1.2 \times 10^{-7}$: about 2, then 3.5, then 7
# correct digits, so the number of correct digits doubles at each step,
# as (10.5) says.  The gradient's length falls the same way,
# $1.7 \times 10^{-4}$, $2.4 \times 10^{-6}$, $6.8 \times 10^{-10}$, and
# then below $10^{-16}$.  Eleven steps reach the minimum to the last
# digit, and the two methods give the same objective to all 15 digits.
#
# The distance to L-BFGS-B's point stops at a few times $10^{-8}$: that is
# the error of L-BFGS-B's own point (its exact size moves with the order
# in which the computer adds up sums, so your run may print another).  Why did L-BFGS-B stop there?  Near
# the minimum $\theta^\star$ the slope is 0, so the cost rises only with
# the square of the distance, as in chapter 7:
# $J_\lambda(\theta) - J_\lambda^\star \approx \tfrac12 (\theta - \theta^\star)^\top H^\star (\theta - \theta^\star)$,
# with $J_\lambda^\star$ the cost at the minimum and $H^\star$ the Hessian
# there.  Along the line from Newton's point to L-BFGS-B's, the cost
# curves by only about $2 \times 10^{-3}$, so L-BFGS-B's point lies about
# $\tfrac12 \times 2 \times 10^{-3} \times (3 \times 10^{-8})^2 \approx 10^{-18}$
# above $J_\lambda^\star$.  That is less than the gap between two
# neighbouring floating-point numbers near 0.031, $6.9 \times 10^{-18}$:
# in floating point the two costs are the same.  L-BFGS-B accepts a step
# only when $J_\lambda$ falls, so it can go no further.  Newton's step is
# computed from $g$ and $H$ instead, and the gradient still sees the
# distance left (L-BFGS-B's $\lVert g \rVert$ at its end is about
# $1 \times 10^{-10}$).
#
# Gradient descent on the same objective, at its best
# ----------------------------------------------------
#
# A fair race gives gradient descent its best rate.  Near the minimum
# $\theta^\star$ the gradient is $g \approx H^\star (\theta - \theta^\star)$,
# with $H^\star$ the Hessian at $\theta^\star$.  So a step
# $\theta \leftarrow \theta - \eta g$, at the learning rate $\eta$,
# multiplies the distance to the minimum, $\theta - \theta^\star$, by the
# matrix $I - \eta H^\star$: the first line of (10.6).  Along an
# eigenvector of $H^\star$, that matrix only multiplies by 1 minus $\eta$
# times the eigenvalue.  So along the flattest direction the distance
# shrinks by the factor $1 - \eta \operatorname{eig}_{\min}(H^\star)$, and
# along the steepest (the most curved) by
# $1 - \eta \operatorname{eig}_{\max}(H^\star)$;
# every other eigenvalue lies between these two, and so does its factor.
#
# The descent converges only if every factor lies between $-1$ and 1,
# that is if $\eta < 2 / \operatorname{eig}_{\max}(H^\star)$, and the
# worst factor sets its speed.  Raising $\eta$ helps the flattest
# direction and hurts the steepest.  The worst factor is smallest where
# the two balance,
# $1 - \eta \operatorname{eig}_{\min}(H^\star) = \eta \operatorname{eig}_{\max}(H^\star) - 1$.
# Solving for $\eta$, and writing $\kappa$ for the ratio of the largest
# eigenvalue to the smallest, the *condition number*:
#
# $$
# \begin{aligned}
# \theta_{t+1} - \theta^\star &\approx (I - \eta H^\star)\, (\theta_t - \theta^\star), \\
# \kappa &= \operatorname{eig}_{\max}(H^\star) / \operatorname{eig}_{\min}(H^\star), \\
# \eta_{\text{best}} &= \frac{2}{\operatorname{eig}_{\max}(H^\star) + \operatorname{eig}_{\min}(H^\star)}, \\
# 1 - \eta_{\text{best}} \operatorname{eig}_{\min}(H^\star) &= \frac{\kappa - 1}{\kappa + 1}.
# \end{aligned} \tag{10.6}
# $$
#
# At $\eta_{\text{best}}$ the steepest direction's factor is the same
# number with its sign flipped, and no other rate makes the worst factor
# smaller.
#
# Chapter 7's rate $2/(L + \lambda)$ is this formula with two stand-ins:
# $L$, an upper bound on the curvature anywhere, in place of
# $\operatorname{eig}_{\max}(H^\star)$, and $\lambda$ in place of
# $\operatorname{eig}_{\min}(H^\star)$.  For this cost
# $L = \tfrac14 \operatorname{eig}_{\max}(\tilde X^\top \tilde X / m) + \lambda$,
# because every $a(1 - a)$ is at most $\tfrac14$, and equals $\tfrac14$
# where the logit is 0, as at the start.  Neither stand-in is the
# curvature at the minimum.  $\lambda$ is not even a lower bound on it:
# the penalty does not touch the bias, and the chapter's output below
# shows $\operatorname{eig}_{\min}(H^\star) = 4.1 \times 10^{-4}$, below
# $\lambda = 10^{-3}$.  And $L$ is far above
# $\operatorname{eig}_{\max}(H^\star)$, because $a(1 - a)$ collapses as
# the logit moves away from 0.  Since $1 - \sigma(z) = \sigma(-z)$,
# $a(1 - a) = \sigma(z)\,\sigma(-z)$, which is about $e^{-|z|}$ once $|z|$
# is a few units: $0.0066$ at $|z| = 5$ and $4.5 \times 10^{-5}$ at
# $|z| = 10$.  Near the minimum most images are classified with
# confidence, their logits lie far from 0, and they add almost nothing to
# the curvature.  So the rate $2/(L + \lambda)$, about $2/L = 0.2$, never
# fails (chapter 7), but it is needlessly small.
#
# $H^\star$ is not known before the minimum is found, so the chapter finds
# the rate as a student would, by trying.  The rates 1, 2, 5, 10 and 20
# take one step each in turn, until one of them is within 1 % of the
# minimum's cost.  A run whose cost climbs a thousand times above its
# start drops out (the package's rule for a rate that is too large).  The
# rate is chosen on the training images, and rightly: the goal here is the
# minimum of $J_\lambda$ on them, a question of optimisation, not a
# setting for images not yet seen.
#
# Or no rate at all: a *backtracking line search* tries a long step $\eta$
# and halves it until the cost falls by at least half of what the slope
# promises (Armijo's condition; ``newton.descent`` with ``rate=None``):
#
# $$
# \begin{aligned}
# J_\lambda(\theta - \eta g) &\leq J_\lambda(\theta) - \frac{\eta}{2} \lVert g \rVert^2, \\
# &\text{true for every } \eta \leq \frac{1}{L}.
# \end{aligned} \tag{10.7}
# $$
#
# Why every $\eta \leq 1/L$ passes: the curvature is at most $L$, so
# Taylor's theorem gives
# $J_\lambda(\theta - \eta g) \leq J_\lambda(\theta) - \eta \bigl(1 - \tfrac{L \eta}{2}\bigr) \lVert g \rVert^2$,
# and $1 - \tfrac{L\eta}{2} \geq \tfrac12$ once $\eta \leq 1/L$.  So the
# halving stops, and every step lowers $J_\lambda$.  Each step starts from
# twice the last step's $\eta$, so $\eta$ grows where the surface
# flattens.  The search pays with extra evaluations of $J_\lambda$, one
# for each trial step, which the table counts.  Each costs one product
# with $X$, half of what a step with its gradient costs.
#
# All three methods are timed to the same tolerances on the relative gap
# $(J_\lambda - J_\lambda^\star)/J_\lambda^\star$, with $J_\lambda^\star$
# Newton's final cost (the output writes them J and J*); the descents stop
# at $10^{-4}$.

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
print(f"J after each rate's first step (it starts at {J_newton * (1 + runs[rate][0][0]):.3f}):")
print("  " + ", ".join(f"{J_newton * (1 + gaps[1]):.3g} (rate {key:g})"
                       for key, (gaps, _, _) in runs.items() if len(gaps) > 1))

# %% [markdown]
# What to look for: every rate overshoots at its first step.  From 0.693
# the cost jumps to 1.05 at rate 1 and to 5.33 at rate 5.  On a quadratic
# whose curvature reaches $L = 9.9$, any rate above $2/L = 0.2$ would go on
# overshooting by more and more at every step.  Yet rates 1, 2 and 5 come
# back down and settle, because this cost is no quadratic.  The first
# step pushes the logits far from 0, where every $a(1 - a)$ has collapsed,
# and there each image's loss grows only in proportion to its logit, not
# with its square: an overshoot cannot feed on itself.  Rates 10 and 20
# also come down at first, and then climb away; the curvature at the
# minimum explains why, below.
#
# The kept rate then runs on to $10^{-4}$, the line search runs from the
# start, and the table sets the three methods side by side, in steps and
# in seconds.  For the line search, the number in brackets counts the
# evaluations of $J_\lambda$.

# %%
fixed = race({rate: paths[rate]}, 1e-4, {rate: runs[rate]})[rate]
searched = race({"search": descent(np.zeros(d), 0.0, X, y, l2=args.l2)}, 1e-4)["search"]

gaps_newton = (np.array([cost for _, cost, _, _ in steps]) - J_newton) / J_newton
print(f"\n{'J within':<9} {'Newton':<17} {f'descent, rate {rate:g}':<20} "
      "line search (evaluations)")


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
print("(J within tol of J*: (J - J*) / J* < tol, J* Newton's final cost)")
per_step = np.median(np.diff(seconds_newton)) / np.median(np.diff(fixed[2]))
print(f"one Newton step takes as long as {per_step:.0f} steps of gradient descent")

# %% [markdown]
# Why the descent crawls: (10.6), with the curvatures at Newton's minimum
# (the eigenvalues of $H^\star$, from ``np.linalg.eigvalsh``) and the kept
# rate.

# %%
curvatures = np.linalg.eigvalsh(H_star)
kappa = curvatures[-1] / curvatures[0]
factor = np.max(np.abs(1 - rate * curvatures))  # the worst |1 - rate * eigenvalue|
print(f"curvature at the minimum (eigenvalues of H*): {curvatures[0]:.1e} to "
      f"{curvatures[-1]:.2f}, kappa = {kappa:.0f}")
print(f"chapter 7's bound on the curvature anywhere: L = {L:.2f}, 2 / L = {2 / L:.3f}")
print(f"by (10.6) the best fixed rate is 2 / (eig_max + eig_min) = "
      f"{2 / (curvatures[-1] + curvatures[0]):.3f};")
print(f"a rate above 2 / eig_max = {2 / curvatures[-1]:.3f} cannot settle at the minimum")
reached_at = [np.flatnonzero(np.array(fixed[0]) < tol) for tol in (1e-2, 1e-4)]
print(f"at rate {rate:g} the distance shrinks by {factor:.4f} a step: "
      f"{np.log(10) / -np.log(factor):,.0f} steps a digit")
print("measured, from a gap of 1e-2 to one of 1e-4: "
      + (f"{reached_at[1][0] - reached_at[0][0]:,} steps" if reached_at[1].size
         else "not reached"))
print("(the gap is quadratic in the distance: two digits of it are one of the distance)")

# %% [markdown]
# What to look for: in the race of fixed rates above, rates 10 and 20 make
# progress at first (its column "its lowest": rate 10 gets to a few per
# cent above the minimum's cost, rate 20 to about 30 %) and then climb
# away, as (10.6) says they must.  (How low each gets differs a
# little from one processor to another: a run that climbs away magnifies
# the rounding differences of chapter 3.)  Both rates are above
# $2/\operatorname{eig}_{\max}(H^\star) \approx 5.5$, so near the minimum
# the distance along the steepest direction grows at every step.  Rate 5
# (the rate kept), just below the best rate that (10.6) computes from the minimum, wins the
# race to 1 %.  From there each digit of the distance takes it about a
# thousand steps, as (10.6) predicts from $\kappa \approx 900$.  The
# chapter measures this on the gap, from $10^{-2}$ to $10^{-4}$: since the
# cost rises with the square of the distance near the minimum, two digits
# of the gap are one digit of the distance.  The smallest curvature,
# $4.1 \times 10^{-4}$, is below $\lambda = 10^{-3}$, as the text said
# after (10.6).  The line search, with no rate to choose, keeps pace in steps and
# pays for its trial steps in seconds.
#
# In steps, Newton wins by more than a hundredfold.  In seconds the race is
# closer, because one Newton step costs as much as many steps of gradient
# descent (the chapter prints how many on your machine).  Counted in
# seconds, gradient descent comes within 10 % of the minimum's cost about
# as soon as Newton does, or sooner; by $10^{-4}$ Newton is ahead, and its
# lead grows with each further digit asked for: gradient descent needs a
# thousand steps for each digit, while near the minimum each Newton step
# doubles the number of correct digits.
#
# When Newton does not pay: each step builds and solves a
# $(d + 1) \times (d + 1)$ system, which costs $O(m d^2 + d^3)$ operations.
# For softmax regression (chapter 5) $\theta$ has 7850 entries: $H$ alone
# is $7850^2$ numbers, 493 MB, and one solve costs about a thousand times
# this chapter's.  Mini-batch SGD wins there.
#
# When the step cannot be solved
# ------------------------------
#
# Without $\lambda$, the pixels that are blank in every image give $H$
# rows and columns of zeros.  Along them (10.3) is 0, $H$ is singular, and
# the step cannot be solved.  The chapter counts those pixels, prints the
# smallest eigenvalue of $H$ at the start without the penalty, and tries
# the step:

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
    print(textwrap.fill(str(error), 78, initial_indent="  ", subsequent_indent="  "))

# %% [markdown]
# What to look for: 134 of the 784 pixels are blank in all 3000 images.
# The smallest eigenvalue printed, of the size of $10^{-16}$, is 0 up to
# rounding.  It cannot truly be negative, because $H$ is positive
# semi-definite (10.3), and ``eigvalsh`` computes each eigenvalue with an
# error of about $10^{-16}$ times the largest one, which is about 10 here.
# ``newton_step`` sees that $H$ is singular and refuses, with a message
# that names the cause and the cure.
#
# Newton's step as weighted least squares
# ---------------------------------------
#
# Why "iteratively reweighted least squares"?  The diagonal entries of
# $S$ are $S_{ii} = a_i (1 - a_i)$, each above 0, so $S$ can be inverted;
# and write $\tilde x_i$ for row $i$ of $\tilde X$.  For the new point
# $\theta' = \theta + \delta$, with weights $w'$, the Newton step
# $H \delta = -g$ of (10.4) reads $H \theta' = H \theta - g$.  Multiply
# it out with (10.1) and (10.2).  The penalty's term
# $\lambda (w, 0)$ appears in both $H\theta$ and $g$, and cancels.  Writing
# $a - y$ as $S S^{-1} (a - y)$ lets $\tilde X^\top S$ be taken out of
# what is left:
#
# $$
# \begin{aligned}
# & \frac{1}{m} \tilde X^\top S \tilde X \theta' + \lambda \begin{pmatrix} w' \\ 0 \end{pmatrix} \\
# & \quad = \frac{1}{m} \tilde X^\top S \bigl(\tilde X \theta - S^{-1} (a - y)\bigr).
# \end{aligned}
# $$
#
# Now take a weighted sum of squares, with a target $\xi_i$ for each
# image and the weights $S_{ii}$ held at the current $\theta$:
# $\frac{1}{2m} \sum_i S_{ii} (\xi_i - \tilde x_i \cdot \theta')^2 + \frac{\lambda}{2} \lVert w' \rVert^2$.
# By the chain rule, each square's gradient in $\theta'$ is
# $-2 (\xi_i - \tilde x_i \cdot \theta')\, \tilde x_i$, so the sum's
# gradient is
# $\frac{1}{m} \tilde X^\top S (\tilde X \theta' - \xi) + \lambda (w', 0)$.
# Setting it to 0 gives exactly the equations above when $\xi$ is as in
# the first line of (10.8) below.  The sum's Hessian is $H$ at the
# current $\theta$, positive definite, so that point is its one minimum:
#
# $$
# \begin{aligned}
# \xi &= \tilde X \theta - S^{-1} (a - y), \\
# \theta' &\text{ minimises } \\
#   & \frac{1}{2m} \sum_{i=1}^{m} S_{ii} \bigl(\xi_i - \tilde x_i \cdot \theta'\bigr)^2
#   + \frac{\lambda}{2} \lVert w' \rVert^2.
# \end{aligned} \tag{10.8}
# $$
#
# Each Newton step is a least-squares fit, a linear regression, of
# made-up targets $\xi_i$, in which image $i$ counts with the weight
# $S_{ii}$.  The targets are called the *working response*: each is the
# image's logit minus $(a_i - y_i) / S_{ii}$, its error divided by
# $S_{ii}$.  ($S_{ii}$ is the curvature of that image's loss in its own
# logit, by (2.5).)  The weights and the targets change with
# $\theta$, so the fit is made again at every step: least squares,
# reweighted, iteratively.  An image the model is sure of has $S_{ii}$
# near 0 and hardly counts: if it is right, its target is close to its
# logit; if it is confidently wrong, its target is huge.  The images near
# the boundary, where $S_{ii}$ is near $\tfrac14$, count most.  At the start, $\theta = 0$, every
# $a_i = \tfrac12$ and $S_{ii} = \tfrac14$, so $\xi_i = 4(y_i - \tfrac12)$,
# which is $+2$ for a 1 and $-2$ for any other digit: Newton's first step
# is a plain (penalised) linear regression of $\pm 2$ on the pixels.  The
# cell checks (10.8) on this chapter's problem, at the start and after
# three steps, by solving the weighted least squares with
# ``np.linalg.lstsq`` and comparing with ``newton_step``.

# %%
def weighted_least_squares(theta):
    """The new point of (10.8), shape (d + 1,), and the working response xi, shape (m,),
    at theta, shape (d + 1,): the weights, then the bias.

    np.linalg.lstsq minimises an unweighted sum of squares, |rows @ t - targets|^2.
    Multiplying image i's row and target by sqrt(S_ii / m) weights its square by
    S_ii / m; d more rows, sqrt(l2) times w_j with the target 0, add l2 |w|^2
    (np.eye(d + 1)[:d] picks the weights and skips the bias).  That sum is twice
    (10.8)'s, so it has the same minimum.
    """
    a_now = sigmoid(X @ theta[:-1] + theta[-1])
    S_ii = a_now * (1 - a_now)
    xi = X @ theta[:-1] + theta[-1] - (a_now - y) / S_ii  # the working response
    rows = np.sqrt(S_ii / m)[:, None] * np.column_stack([X, np.ones(m)])
    penalty = np.sqrt(args.l2) * np.eye(d + 1)[:d]
    targets = np.append(np.sqrt(S_ii / m) * xi, np.zeros(d))
    fitted = np.linalg.lstsq(np.vstack([rows, penalty]), targets, rcond=None)[0]
    return fitted, xi


theta_now = np.zeros(d + 1)
for step in range(4):
    by_lstsq, xi = weighted_least_squares(theta_now)
    w_next, b_next = newton_step(theta_now[:-1], theta_now[-1], X, y, args.l2)
    by_newton = np.append(w_next, b_next)
    if step in (0, 3):
        print(f"from the point after {step} steps: working response from "
              f"{xi.min():.2f} to {xi.max():.2f}")
        print(f"  largest difference, least squares against newton_step: "
              f"{np.max(np.abs(by_lstsq - by_newton)):.1e}")
    theta_now = by_newton

# %% [markdown]
# What to look for: at the start the working response is exactly $-2$ or
# $+2$, as worked out above; three steps later it ranges far wider, since
# the images the model is sure of get large targets but tiny weights
# $S_{ii}$.  At both points the least-squares fit and ``newton_step`` give
# the same parameters to within $10^{-12}$: the rounding of two different
# ways of solving the same equations.
#
# The form (10.8) also shows why Newton's method is fast only near the
# minimum.  Each step trusts the quadratic (10.4) all the way to its
# minimum.  Far from $\theta^\star$, where many images are confidently
# wrong or right, their $S_{ii}$ are tiny and their targets $\xi_i$ huge:
# the quadratic is a poor guide, and the step can be far too long.  If
# every $S_{ii}$ rounds to 0, the step cannot even be solved, penalty or
# not: the penalty skips the bias, so the bias's row and column of $H$ are
# then 0.  (The argument that $H$ is positive definite needs every $a_i$
# strictly between 0 and 1, which rounding can break.)  Starting from
# $\theta = 0$, where every $S_{ii}$ is $\tfrac14$, this problem never
# meets such points, which is why pure Newton works here.  The cell below
# starts it instead from two and from three times the minimum
# $\theta^\star$: the point on the line from 0 through $\theta^\star$
# with every logit doubled or tripled, so that the model is far too sure
# of itself.

# %%
def keep(iteration, w_t, b_t, cost, norm):  # newton's callback: each point's cost, |g|
    costs.append(cost)
    norms.append(norm)


for factor in (2, 3):
    costs, norms = [], []
    try:
        newton(factor * w, factor * b, X, y, l2=args.l2, iterations=30, tol=1e-13,
               callback=keep)
        ended = (f"the minimum after {len(costs) - 1} steps" if norms[-1] < 1e-10 else
                 f"stopped after {len(costs) - 1} steps, |g| = {norms[-1]:.1e}")
    except ValueError as error:
        ended = "refused, with ValueError:\n" + textwrap.fill(
            str(error), 78, initial_indent="    ", subsequent_indent="    ")
    print(textwrap.fill(f"from {factor} x theta*: costs "
                        + ", ".join(f"{c:.3g}" for c in costs), 78, subsequent_indent="  "))
    print(f"  {ended}")

# %% [markdown]
# What to look for: from twice the minimum, pure Newton's first step
# raises the cost about fifteen times, and then it comes back and reaches
# the minimum in about a dozen steps.  From three times, its first step
# makes the cost about fifty times larger, and the steps that follow
# overshoot back and forth; the last one throws the logits so far (the
# cost jumps to about $10^{26}$) that every $S_{ii}$ rounds to 0 (which
# happens once $|z_i|$ is above about 745, where $e^{-|z_i|}$ is below the
# smallest number floating point holds) and the next step cannot be
# solved, as ``newton_step`` says.  A line search on Newton's direction,
# halving the step until the cost falls enough, as (10.7) does for
# gradient descent, would keep every step downhill wherever it starts;
# near the minimum it accepts the full step, so the quadratic convergence
# (10.5) is kept.  This chapter does not run one.
#
# Summary
# -------
#
# - The Hessian of the cross-entropy is $\tilde X^\top S \tilde X / m$,
#   with $S = \operatorname{diag}(a(1 - a))$ (10.2), a consequence of
#   $\sigma' = \sigma(1 - \sigma)$.
# - It is positive semi-definite (10.3), so the cost is convex; an L2
#   penalty makes it positive definite and the minimum unique.
# - Newton's step solves $H\delta = -g$ (10.4).  Near the minimum each
#   step's distance to the minimum is at most a constant times the square
#   of the last (10.5), so the number of correct digits doubles at each
#   step: nine steps reach $10^{-8}$ of the minimum's cost, at a cost per
#   step that grows as $d^3$.
# - Near a minimum the cost rises with the square of the distance,
#   $\tfrac12 (\theta - \theta^\star)^\top H^\star (\theta - \theta^\star)$.
#   That is why L-BFGS-B, which needs the cost to fall, stops
#   $4 \times 10^{-8}$ away, and why two digits of the gap in the cost are
#   one digit of the distance.
# - Near the minimum, gradient descent shrinks its distance by at best
#   $(\kappa - 1)/(\kappa + 1)$ a step (10.6).  With $\kappa \approx 900$
#   that is about a thousand steps a digit, at its best fixed rate (found
#   by trying) or with a backtracking line search (10.7), which needs no
#   rate.  The rate that wins, 5, is about 25 times chapter 7's safe
#   $2/(L + \lambda)$: $a(1 - a)$ collapses away from $z = 0$, so the
#   curvature near the minimum is far below $L$.
# - Each Newton step is a weighted least-squares fit of the working
#   response $\xi$, each image weighted by its $a_i(1 - a_i)$ (10.8):
#   iteratively reweighted least squares.  Pure Newton trusts its
#   quadratic all the way, so it is fast near the minimum and can fail far
#   from it; a line search on its direction would keep every step
#   downhill.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Rerun with ``--l2 1e-5`` and ``--l2 1e-1``; Newton starts from
#    $\theta = 0$ as in the chapter.  How many Newton steps does each need,
#    against the chapter's 11 at $\lambda = 10^{-3}$?  By (10.6) and the
#    curvature line, how many steps a digit would gradient descent need at
#    its best fixed rate (about 1,000 at $\lambda = 10^{-3}$), and why does
#    the penalty change that so much?
# 2. Run on raw 0 to 255 pixels, with ``--raw --iterations 30`` (the 30
#    lets Newton take more than the default 20 steps).  How many Newton
#    steps does it need now, from the same start $\theta = 0$?  The chapter
#    then stops with an error after Newton's table: on raw pixels every
#    rate of the race, 1 to 20, makes gradient descent's cost climb at its
#    first step.  Next run ``--raw --iterations 30 --l2 65.025`` (that is
#    $10^{-3} \times 255^2$) and compare its costs, step by step, with the
#    chapter's run on scaled pixels.  What does that say about Newton's
#    method and the scale of the pixels?  Why does Newton need no rate?
# 3. Write ``hessian`` and ``newton_step`` yourself in
#    ``exercises/e8_newton.py`` and grade them.
#
# With pen and paper (answers: ``exercises/DERIVATIONS.md``):
#
# 4. Derive (10.2) from (10.1) and (2.5), and (10.3) from (10.2).
# 5. Take a quadratic cost: one whose Hessian $H$ is the same positive
#    definite matrix at every $\theta$, so that
#    $g(\theta) = g(\theta_0) + H(\theta - \theta_0)$ for any two points.
#    Show that Newton's step from any start $\theta_0$ lands on the
#    minimum in one step.
# 6. From (10.6), show that one digit of the distance takes gradient descent
#    $\ln 10 / \ln\frac{\kappa + 1}{\kappa - 1}$ steps at its best fixed
#    rate, about $\tfrac{\kappa}{2} \ln 10$ for large $\kappa$.
# 7. Newton's first step, from $\theta = 0$, by (10.8): show that it is
#    the plain least-squares fit of the targets $\pm 2$ (no weights), with
#    the penalty $4\lambda$ in place of $\lambda$.
