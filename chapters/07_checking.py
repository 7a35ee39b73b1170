# %% [markdown]
"""
Chapter 7. Is the gradient right, and is the optimum the optimum?
=================================================================

Everything so far trusted two things: that ``propagate`` returns the true
gradient of the cost, and that gradient descent, run long enough, finds the
weights that minimise it.  This chapter checks both against independent
methods: the gradient against finite differences of the cost, and our
optimum against scipy's L-BFGS-B on the same objective.
"""

# %%
import time

import numpy as np

from logreg_from_scratch.chapter import L2_TOO_STRONG, chapter_parser, load, parse, positive
from logreg_from_scratch.experiments import curvature_bound, gradient_check, softmax_minimum
from logreg_from_scratch.gradients import propagate, relative_error
from logreg_from_scratch.labels import binary_labels, one_hot
from logreg_from_scratch.optimize import train_softmax
from logreg_from_scratch.predict import accuracy
from logreg_from_scratch.softmax import predict_softmax, propagate_softmax


ARGS = ""  # run cell by cell, the chapter's options go here, e.g. ARGS = "--no-center"
# sphinx_gallery_start_ignore
# (the options that --help lists; the web book hides these lines up to the end marker)
parser = chapter_parser(__doc__, num_train=500, num_test=10000, iterations=2500, rate=None,
                        figures=False)  # it prints tables and draws nothing
parser.add_argument("--l2", type=positive(float, maximum=1e6, why_maximum=L2_TOO_STRONG),
                    default=0.01,
                    help="L2 penalty, > 0 so that the optimum is unique (default %(default)s)")
parser.add_argument("--check-images", type=positive(int), default=20,
                    help="images for the gradient check (default %(default)s)")
parser.add_argument("--entries", type=positive(int), default=785,
                    help="entries of each gradient checked, at random (default %(default)s)")
parser.add_argument("--no-center", action="store_true", help="do not subtract the mean image")
# sphinx_gallery_end_ignore
args = parse(parser, ARGS)
X_train, y_train, X_test, y_test = load(parser, args, scale=True)
m, d = X_train.shape
k = 10
rng = np.random.default_rng(args.seed)

# %% [markdown]
# Part 1: the gradient against finite differences
# -----------------------------------------------
#
# A derivative is a limit of slopes, so a small step $h$ along coordinate
# $\theta_j$ of the parameters estimates it.  The *central* difference,
# which steps both ways, is far more accurate than the one-sided one:
#
# $$
# \frac{\partial J}{\partial \theta_j} \approx \frac{J(\theta + h e_j) - J(\theta - h e_j)}{2h}. \tag{7.1}
# $$
#
# Why: expand $f(x \pm h)$ in Taylor series.  The even powers of $h$ cancel
# in the difference, so the error starts at $h^2$:
#
# $$
# \frac{f(x + h) - f(x - h)}{2h} = f^{\prime}(x) + \frac{h^2}{6} f^{\prime\prime\prime}(x) + O(h^4). \tag{7.2}
# $$
#
# With $h = 10^{-5}$ that is an error of order $10^{-10}$ (rounding in $J$
# adds about $10^{-16}/h = 10^{-11}$; exercise 3).  The analytic gradient
# $a$ and the numerical one $n$ are compared by their relative error,
#
# $$
# \operatorname{err}(a, n) = \frac{|a - n|}{|a| + |n|}, \tag{7.3}
# $$
#
# entry by entry for two entries, and with the norms of the vectors of all
# the entries checked (an entry whose true gradient is nearly 0 would show
# only rounding noise).  Below $10^{-6}$ is a pass; a wrong formula gives
# errors near 1 (``gradients.numerical_gradient``,
# ``gradients.relative_error``).  Each entry costs two evaluations of $J$,
# so the chapter checks 785 entries of each model (``--entries``): all of
# the binary model's, and 785 of the 7850 of the others, picked at random
# (``experiments.gradient_check``).  A wrong formula shows in any fair
# sample of them.
# For one-vs-rest the reported cost is the mean of the $k$ models' costs, so
# its numerical gradient is $1/k$ of each model's own, which ``propagate``
# returns (3.3): we compare $k$ times it.

# %%
X, y = X_train[:args.check_images], y_train[:args.check_images]


models = {  # name: (cost and gradients at (w, b), w, b, scale of the numerical gradient)
    "binary (is it a 1?)": (lambda w, b: propagate(w, b, X, binary_labels(y, 1)),
                            rng.normal(scale=0.01, size=d), 0.1, 1),
    "one-vs-rest (10 models)": (lambda w, b: propagate(w, b, X, one_hot(y, k)),
                                rng.normal(scale=0.01, size=(d, k)), rng.normal(size=k), k),
    f"softmax, l2 = {args.l2:g}": (lambda w, b: propagate_softmax(w, b, X, y, args.l2),
                                   rng.normal(scale=0.01, size=(d, k)), rng.normal(size=k), 1),
}
print(f"Part 1: gradients on {len(y)} images, random parameters, {args.entries} entries of each "
      "(or all)")
print(f"{'model':26} {'parameter':>12} {'analytic':>14} {'numerical':>14} {'rel. error':>10}")
worst = {}
for name, (f, w, b, scale) in models.items():
    dw = f(w, b)[1]
    p = int(np.argmax(np.abs(dw).reshape(d, -1).max(axis=1)))  # the pixel with the largest gradient
    shown = {f"dw[{p}]": p * (dw.size // d), "db[0]": dw.size}  # their places in theta = (w, b)
    analytic, picks, numerical, worst[name] = gradient_check(
        f, w, b, rng, entries=args.entries, always=list(shown.values()), scale=scale)
    for label, i in shown.items():
        a, n = analytic[i], numerical[np.searchsorted(picks, i)]
        print(f"{name:26} {label:>12} {a:14.9f} {n:14.9f} {relative_error(a, n):10.1e}")
    print(f"{name:26} {f'{picks.size} of {analytic.size}':>12} {'(the entries checked)':>29} "
          f"{worst[name]:10.1e}")
print(f"largest relative error over all models: {max(worst.values()):.1e}")

# %% [markdown]
# What to look for: relative errors of $10^{-9}$ or less for all three
# models (binary, one-vs-rest, softmax), over every entry checked.
#
# Part 2: one minimum, found two ways
# -----------------------------------
#
# The objective is chapter 5's (5.4) with $\lambda > 0$.  It is *convex*.
# The second derivative of one image's loss in its logits $z$ is
#
# $$
# \frac{\partial^2}{\partial z\, \partial z^\top} \Bigl(-\log \operatorname{softmax}(z)_y\Bigr) = \operatorname{diag}(p) - p\, p^\top, \tag{7.4}
# $$
#
# and for any vector $v$,
# $v^\top (\operatorname{diag}(p) - p p^\top) v = \sum_j p_j v_j^2 - (\sum_j p_j v_j)^2$
# is a variance under the
# distribution $p$, so never negative.  The logits are linear in $(W, b)$,
# so $J$ is a mean of convex functions, plus
# $\tfrac{\lambda}{2}\lVert W \rVert^2$, which makes it *strictly* convex
# in $W$: one minimising $W$.  The biases are another matter.  By (5.2),
# adding the same number to every $b_j$ changes no probability, so without
# a penalty on $b$ the minimising $b$ is fixed only up to that constant.
# L-BFGS-B and gradient descent may end with different $b$ and the same
# $J$; the check compares $J$, $W$ and the predictions.
#
# Gradient descent's rate comes from the curvature.  The variance in (7.4)
# is at most $\tfrac12 \lVert v \rVert^2$ (exercise 5), so with
# $\tilde X = [X\ \mathbf{1}]$ (a column of ones for the bias) no direction
# curves more than
#
# $$
# L = \frac{1}{2}\, \lambda_{\max}\bigl(\tilde X^\top \tilde X / m\bigr) + \lambda, \tag{7.5}
# $$
#
# and no direction of $W$ less than $\mu = \lambda$.  The rate is
# $2/(L + \mu)$, the fixed rate that is best for a quadratic whose
# curvatures lie between $\mu$ and $L$.
#
# Gradient descent is slow when one direction is much steeper than the
# others.  The mean image is such a direction (every pixel is at least 0),
# so we subtract the mean training image $\bar x$ first.  It is the same
# model with another bias,
#
# $$
# (x - \bar x) W + b = x W + (b - \bar x W), \tag{7.6}
# $$
#
# and the penalty does not touch $b$, so the optimal $W$ and $J$ are
# unchanged, but $L$ falls about sevenfold (the chapter prints it) and
# gradient descent needs far fewer steps.

# %%
mean_image = 0 if args.no_center else X_train.mean(axis=0)
X, X_test_c = X_train - mean_image, X_test - mean_image
L, rate = curvature_bound(X, args.l2)  # (7.5), and 2 / (L + mu)
rate = args.rate or rate
print(f"\nPart 2: softmax with l2 = {args.l2:g} on {m} images"
      f"{'' if args.no_center else ' (mean image subtracted)'}; L = {L:.3f}, rate {rate:.4f}")

# scipy's L-BFGS-B on J and its gradient (experiments.softmax_minimum), run until it can
# improve neither J by 1e-15 nor the gradient below 1e-10
started = time.perf_counter()
W_lbfgs, b_lbfgs, result = softmax_minimum(X, y_train, args.l2)
seconds_lbfgs = time.perf_counter() - started

started = time.perf_counter()
W_gd, b_gd, costs = train_softmax(np.zeros((d, k)), np.zeros(k), X, y_train,
                                  epochs=args.iterations, rate=rate, l2=args.l2)
seconds_gd = time.perf_counter() - started

J_lbfgs = propagate_softmax(W_lbfgs, b_lbfgs, X, y_train, args.l2)[0]
J_gd, dW_gd, db_gd = propagate_softmax(W_gd, b_gd, X, y_train, args.l2)
gradient_norm = np.sqrt(np.sum(dW_gd ** 2) + np.sum(db_gd ** 2))
test_lbfgs = accuracy(predict_softmax(W_lbfgs, b_lbfgs, X_test_c), y_test)
test_gd = accuracy(predict_softmax(W_gd, b_gd, X_test_c), y_test)
print(f"{'':28} {'L-BFGS-B (scipy)':>18} {'gradient descent':>18}")
print(f"{'iterations':28} {result.nit:18d} {args.iterations:18d}")
print(f"{'objective J':28} {J_lbfgs:18.12f} {J_gd:18.12f}")
print(f"{'gradient norm at the end':28} {np.linalg.norm(result.jac):18.1e} {gradient_norm:18.1e}")
print(f"{'test accuracy':28} {100 * test_lbfgs:16.2f} % {100 * test_gd:16.2f} %")
print(f"{'seconds':28} {seconds_lbfgs:18.2f} {seconds_gd:18.2f}")
difference = abs(J_gd - J_lbfgs) / J_lbfgs
print(f"objective relative difference: {difference:.1e}")
# costs[i] is J before update i: the first within 1e-6 of L-BFGS-B's minimum
within = np.flatnonzero((costs - J_lbfgs) / J_lbfgs < 1e-6)
print("gradient descent within 1e-6 of that minimum: " + (
    f"after {within[0]} iterations" if within.size else
    f"not after {args.iterations} iterations (still {(costs[-1] - J_lbfgs) / J_lbfgs:.1e} above)"))
print("the two minima agree to 1e-6: " + ("yes" if difference < 1e-6 else
      "no: gradient descent has not converged yet; give it more --iterations"))
print(f"largest weight difference: {np.abs(W_gd - W_lbfgs).max():.1e} "
      f"(weights range over [{W_lbfgs.min():.2f}, {W_lbfgs.max():.2f}])")

# %% [markdown]
# What to look for: the two optimisers' objective values agreeing to about
# $10^{-9}$, their weights to about $10^{-5}$, and the same test accuracy.
#
# Summary
# -------
#
# - Central differences (7.1) check any gradient to about $h^2$ (7.2); a
#   relative error (7.3) below $10^{-6}$ passes, a wrong formula gives
#   about 1.
# - The softmax cost is convex, its curvature a variance (7.4); with an L2
#   penalty it has one minimising $W$, while $b$ is fixed only up to a
#   shared constant.
# - The largest curvature $L$ (7.5) sets gradient descent's rate;
#   centring the pixels (7.6) lowers it and speeds descent up.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Introduce a bug: drop the ``/ m`` from ``dW`` in a copy of
#    ``_propagate_softmax`` and rerun part 1.  How large are the errors now?
# 2. Run part 2 without subtracting the mean (``--no-center --iterations
#    3000``).  The chapter prints $L$ and how many iterations gradient
#    descent needed to come within $10^{-6}$ of the minimum.  How do they
#    compare with the centred run's?
# 3. Vary $h$ in ``numerical_gradient`` from $10^{-1}$ to $10^{-12}$.  Why
#    does the error first fall as $h^2$, then rise again?
#
# With pen and paper (answers: ``exercises/DERIVATIONS.md``):
#
# 4. Derive (7.2) from the Taylor series of $f(x + h)$ and $f(x - h)$.
#    What is the error of the one-sided $(f(x + h) - f(x))/h$?
# 5. Show that
#    $\sum_j p_j v_j^2 - (\sum_j p_j v_j)^2 \leq \tfrac12 \lVert v \rVert^2$
#    for any distribution $p$, which gives (7.5).
