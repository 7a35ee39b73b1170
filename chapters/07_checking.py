# %% [markdown]
"""
Chapter 7. Is the gradient right, and is the optimum the optimum?
=================================================================

Every chapter so far has trusted two things.  The first is that
``propagate`` returns the true gradient of the cost.  The second is that
gradient descent, run long enough, finds the weights that minimise the
cost.  This chapter checks both, each against an independent method: the
gradient against finite differences of the cost, and gradient descent's
optimum against the one that scipy's L-BFGS-B optimiser finds for the same
objective.
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
# A derivative is the limit of slopes taken over shorter and shorter
# steps.  A short step therefore gives an estimate of the derivative that
# needs nothing but the cost itself, and that estimate can check the
# formula that ``propagate`` implements.
#
# Put all the parameters, the weights and the biases, in one long vector
# $\theta$.  Let $e_j$ be the *unit vector* that is 1 in entry $j$ and 0
# everywhere else, so that $\theta + h e_j$ is $\theta$ with entry
# $\theta_j$ moved by $h$.  Stepping a small distance $h$ forward and
# backward along entry $j$ gives the *central difference*:
#
# $$
# \frac{\partial J}{\partial \theta_j} \approx \frac{J(\theta + h e_j) - J(\theta - h e_j)}{2h}. \tag{7.1}
# $$
#
# It is far more accurate than the one-sided difference
# $(J(\theta + h e_j) - J(\theta))/h$.  To see why, keep every entry of
# $\theta$ but $\theta_j$ fixed, and write $f(\theta_j)$ for the cost as a
# function of that one entry.  Expand $f(\theta_j + h)$ and
# $f(\theta_j - h)$ in Taylor series around $\theta_j$.  The terms with
# even powers of $h$ are the same in both series, so they cancel in the
# difference, and the error starts at $h^2$:
#
# $$
# \begin{aligned}
# &\frac{f(\theta_j + h) - f(\theta_j - h)}{2h} \\
# &\quad = f^{\prime}(\theta_j) + \frac{h^2}{6} f^{\prime\prime\prime}(\theta_j) + O(h^4).
# \end{aligned} \tag{7.2}
# $$
#
# The one-sided difference keeps a term in $h$, so its error starts at $h$
# (exercise 4).  With $h = 10^{-5}$ the central difference's error is of
# order $h^2 = 10^{-10}$.  Rounding adds a second error: $J$ is computed
# to about 16 digits, and its rounding error, about $10^{-16}$, divided by
# $h$ adds about $10^{-11}$ (exercise 3 looks at the balance of the two).
# So even when the formula is right, the estimate and the formula differ
# by about $10^{-10}$ of the gradient's size.
#
# Call the gradient that ``propagate`` computes from its formula $g$ (the
# *analytic* gradient), and the estimate from (7.1) $\hat g$ (the
# *numerical* gradient).  The chapter compares them by their *relative
# error*:
#
# $$
# \operatorname{err}(g, \hat g) = \frac{\lVert g - \hat g \rVert}{\lVert g \rVert + \lVert \hat g \rVert}. \tag{7.3}
# $$
#
# Dividing by the two sizes makes the error a share, from 0 (the two agree)
# to 1 (they point in opposite directions), whatever the scale of the
# gradient.  The chapter computes it for single entries, where
# $\lVert \cdot \rVert$ is the absolute value, and for the vector of all
# the entries checked, where $\lVert \cdot \rVert$ is the length (the
# square root of the sum of the squares).  The vector's error is the one to
# trust: an entry whose true gradient is nearly 0 shows mostly rounding
# noise in its own relative error (``gradients.relative_error``,
# ``gradients.numerical_gradient``).
#
# Three sizes of error matter here.  A correct formula shows an error of
# about $10^{-10}$, for the reasons just given.  The chapter counts an
# error below $10^{-6}$ as a pass: that leaves a wide margin, four powers
# of ten, for costs whose rounding or third derivatives are larger than
# these.  And a wrong formula shows a far larger error, how large
# depending on the mistake.  If the code returns every entry multiplied by
# the same wrong factor, the lengths in (7.3) are
# $\lVert g - \hat g \rVert = |1 - \text{factor}|\, \lVert \hat g \rVert$
# and $\lVert g \rVert = |\text{factor}|\, \lVert \hat g \rVert$, so the
# error is $|1 - \text{factor}|/(1 + |\text{factor}|)$.  A gradient twice
# its true size gives $1/3$ (and so does one half its size), one ten times
# its size gives $9/11 \approx 0.82$, and one of the wrong sign
# ($\text{factor} = -1$) gives 1.  A mistake that changes the gradient by
# less than a millionth of its size, though, would pass unseen.
#
# Which entries to check?  Each entry costs two evaluations of $J$.  The
# binary model has 785 parameters (784 weights and a bias), and the chapter
# checks them all.  The ten-class models have 7850, so the chapter checks
# 785 of them (``--entries``): always the entry of $dW$ with the largest
# size, $dW_{j\ell}$ for some pixel $j$ and class $\ell$, and the first
# bias, and 783 others picked at random
# (``experiments.gradient_check``).  A sample like this catches a mistake
# that touches many entries, such as a wrong formula for all of $dW$,
# because every entry the mistake touches is another chance to be picked.
# It is a weak test of a mistake in a single entry: a random 785 of the
# 7850 entries contain that one entry with probability
# $785/7850 = 10\,\%$, so the check misses it nine times in ten.  The ten
# biases are few as well: a random 785 would miss all ten about a third of
# the time, which is why the first bias is always among those checked.
#
# One more detail, for one-vs-rest.  Its cost is the sum of the $k$
# models' costs (3.2), so the gradient of that sum with respect to column
# $\ell$ of $W$ is model $\ell$'s own gradient, which is what
# ``propagate`` returns (3.3).  The numerical gradient of the cost that
# ``propagate`` reports must therefore match it exactly.

# %%
X, y = X_train[:args.check_images], y_train[:args.check_images]


models = {  # name: (cost and gradients at (w, b), w, b)
    "binary (is it a 1?)": (lambda w, b: propagate(w, b, X, binary_labels(y, 1)),
                            rng.normal(scale=0.01, size=d), 0.1),
    "one-vs-rest (10 models)": (lambda w, b: propagate(w, b, X, one_hot(y, k)),
                                rng.normal(scale=0.01, size=(d, k)), rng.normal(size=k)),
    f"softmax, l2 = {args.l2:g}": (lambda w, b: propagate_softmax(w, b, X, y, args.l2),
                                   rng.normal(scale=0.01, size=(d, k)), rng.normal(size=k)),
}
print(f"Part 1: gradients on {len(y)} images, random parameters, {args.entries} entries of each "
      "(or all)")
print(f"{'model':26} {'parameter':>12} {'analytic':>14} {'numerical':>14} {'rel. error':>10}")
worst = {}
for name, (f, w, b) in models.items():
    dw = f(w, b)[1]
    largest = int(np.argmax(np.abs(dw)))  # the entry of the gradient with the largest size
    if dw.ndim == 1:  # binary: w and dw are vectors, b a single number
        shown = {f"dw[{largest}]": largest, "db": dw.size}
    else:             # ten classes: dW[j, l], pixel j and class l; theta = (W row by row, b)
        j, l = np.unravel_index(largest, dw.shape)
        shown = {f"dW[{j}, {l}]": largest, "db[0]": dw.size}
    analytic, picks, numerical, worst[name] = gradient_check(
        f, w, b, rng, entries=args.entries, always=list(shown.values()))
    for label, i in shown.items():
        g, g_hat = analytic[i], numerical[np.searchsorted(picks, i)]
        print(f"{name:26} {label:>12} {g:14.9f} {g_hat:14.9f} {relative_error(g, g_hat):10.1e}")
    print(f"{name:26} {f'{picks.size} of {analytic.size}':>12} {'(the entries checked)':>29} "
          f"{worst[name]:10.1e}")
print(f"largest relative error over all models: {max(worst.values()):.1e}")

# %% [markdown]
# What to look for: relative errors near $10^{-10}$ for all three
# models (binary, one-vs-rest and softmax), both for the two entries shown
# and for the vector of every entry checked.  The largest is about
# $3 \times 10^{-10}$ (its exact value shifts a little from one processor
# to another, because BLAS, the library behind NumPy's matrix products,
# adds numbers in a different order: chapter 3), far below the pass mark
# of $10^{-6}$: no formula shows a mistake.
#
# Part 2: one minimum, found two ways
# -----------------------------------
#
# The objective is chapter 5's softmax cost (5.4), with a penalty
# $\lambda > 0$.  This part asks two questions about it.  Does it have
# exactly one minimum, so that two different optimisers must land on the
# same weights?  And how large a step can gradient descent take on it?
# Both answers come from the cost's curvature.
#
# **Curvature along a direction.**  Stand at the parameters $\theta$ and
# choose a direction $\delta$: an array of the same shape as $\theta$, of
# length $\lVert \delta \rVert = 1$ (the square root of the sum of the
# squares of all its entries).  Moving a distance $\epsilon$ along $\delta$ takes
# the parameters to $\theta + \epsilon \delta$, and the cost there,
# $J(\theta + \epsilon \delta)$, is a function of the single number $\epsilon$.
# Its first derivative at $\epsilon = 0$ is the slope of $J$ along $\delta$.
# Its second derivative at $\epsilon = 0$ is the *curvature* of $J$ along
# $\delta$: how fast that slope changes as we walk.  Chapter 3 drew the
# picture: a valley can be steep across and nearly flat along its floor,
# so the curvature depends on the direction.
#
# A cost is *convex* when its curvature is at least 0 along every direction,
# at every $\theta$.  Its graph is then a bowl with no bumps, and any point
# where the gradient is 0 is a minimum.  If the curvature is above 0 along
# every direction, the bowl has only one lowest point.
#
# **The curvature of the softmax cost.**  The parameters reach the cost
# through the logits, so start there.  By (5.1) and the quotient rule, the
# derivative of $P_{i\ell}$ is $P_{i\ell}(1 - P_{i\ell})$ with respect to
# its own logit $Z_{i\ell}$, and $-P_{i\ell} P_{i\ell'}$ with respect to
# another class's logit $Z_{i\ell'}$.  Differentiating (5.5) once more
# therefore gives all the second derivatives of one image's loss in its
# $k$ logits, a $k \times k$ matrix:
#
# $$
# \nabla^2_{Z_{i\cdot}} \bigl(-\log P_{i y_i}\bigr) = \operatorname{diag}(P_{i\cdot}) - P_{i\cdot}^\top P_{i\cdot}. \tag{7.4}
# $$
#
# Here $\nabla^2$ stands for the matrix of second derivatives (its entry
# $(\ell, \ell')$ is the derivative in $Z_{i\ell}$ and $Z_{i\ell'}$),
# $P_{i\cdot}$ is row $i$ of $P$ (image $i$'s $k$ probabilities, a
# $(1, k)$ row), and $\operatorname{diag}(P_{i\cdot})$ is the $k \times k$
# matrix with those probabilities on its diagonal and zeros elsewhere.
#
# Now walk along $\delta$.  Stack the weights over the biases,
# $\theta = [W;\, b]$ of shape $(d + 1, k)$ (the same numbers as part 1's
# long vector, arranged as a matrix), and append a column of ones to $X$,
# $\tilde X = [X\ \mathbf{1}]$, so that image $i$'s logits are
# $\tilde x_i \theta$, with $\tilde x_i$ row $i$ of $\tilde X$.  Along
# $\delta$ these logits change at the rate $\zeta_i = \tilde x_i \delta$, a
# row of $k$ numbers $\zeta_{i\ell}$.  By the chain rule and (7.4), the
# curvature of image $i$'s loss along $\delta$, its second derivative in
# $\epsilon$ at $\epsilon = 0$, is
#
# $$
# \begin{aligned}
# &\frac{d^2}{d\epsilon^2} \bigl(-\log P_{i y_i}\bigr) \\
# &\quad = \zeta_i \bigl(\operatorname{diag}(P_{i\cdot}) - P_{i\cdot}^\top P_{i\cdot}\bigr) \zeta_i^\top \\
# &\quad = \sum_{\ell} P_{i\ell}\, \zeta_{i\ell}^2 - \Bigl(\sum_{\ell} P_{i\ell}\, \zeta_{i\ell}\Bigr)^2.
# \end{aligned} \tag{7.5}
# $$
#
# That is a *variance*: the mean square minus the squared mean of the
# numbers $\zeta_{i\ell}$, when class $\ell$ is drawn with probability
# $P_{i\ell}$.  A variance is never negative.  The cost $J$ is the mean of
# the $m$ images' losses plus the penalty
# $\tfrac{\lambda}{2}\lVert W \rVert^2$, so its curvature along $\delta$
# is the mean of the $m$ variances plus $\lambda \lVert \delta_W \rVert^2$,
# where $\delta_W$ is the weight part of $\delta$.  It is never negative:
# $J$ is convex.  Along every direction that changes $W$, the penalty's
# $\lambda \lVert \delta_W \rVert^2$ makes it positive, so there is exactly
# one minimising $W$.
#
# The biases are another matter.  By (5.2), adding the same number to
# every $b_\ell$ changes no probability.  Along a direction that moves
# every bias by the same amount and leaves $W$ alone, each $\zeta_i$ has
# $k$ equal entries, each variance is 0, and the cost is flat.  Without a
# penalty on $b$, the minimising $b$ is therefore fixed only up to that
# shared constant.  L-BFGS-B and gradient descent may end with different
# $b$ and the same $J$, so the check compares $J$, $W$ and the
# predictions.
#
# **The most and the least curvature.**  To choose gradient descent's rate
# we need to know how much $J$ can curve.  Start with the simplest cost, a
# quadratic $J(\theta) = \tfrac12 \theta^\top H \theta$ of a vector
# $\theta$, with $H$ a symmetric matrix.  ($H$ is this cost's matrix of
# second derivatives, its *Hessian*; chapter 10 studies the Hessian of
# chapter 2's cost.)  Then $J(\theta + \epsilon\delta)$ is a quadratic in
# $\epsilon$ whose $\epsilon^2$ term is $\tfrac12 \epsilon^2\, \delta^\top H \delta$,
# so the curvature along a direction $\delta$ of length 1 is
# $\delta^\top H \delta$, the same at every $\theta$.  The most it can
# be, over all directions, is the largest eigenvalue of $H$:
#
# $$
# \operatorname{eig}_{\max}(H) = \max_{\delta \neq 0} \frac{\delta^\top H \delta}{\delta^\top \delta}. \tag{7.6}
# $$
#
# The ratio is called the *Rayleigh quotient*; dividing by
# $\delta^\top \delta = \lVert \delta \rVert^2$ lets $\delta$ have any
# length.  Why is its maximum the largest eigenvalue?  A symmetric matrix
# has eigenvectors at right angles to one another, one for each dimension,
# and along each of them $H$ only multiplies by that eigenvector's
# eigenvalue.  Measured along those eigenvectors, the Rayleigh quotient is
# a weighted mean of the eigenvalues, each weighted by the share of
# $\delta$'s squared length that lies along its eigenvector.  A weighted
# mean is at most the largest value, and it reaches it when $\delta$ is
# that value's eigenvector.  In the same way, the minimum of the quotient,
# the least curvature, is the smallest eigenvalue,
# $\operatorname{eig}_{\min}(H)$.  The same holds for any symmetric
# matrix, such as $\tilde X^\top \tilde X$ below.
#
# The softmax cost is not a quadratic, but its curvature can be bounded
# from above.  Each variance (7.5) is at most half the squared length of
# its numbers, $\tfrac12 \lVert \zeta_i \rVert^2$ (exercise 5).  So the
# curvature of $J$ along $\delta$ is at most
# $\tfrac{1}{2m} \sum_i \lVert \tilde x_i \delta \rVert^2 + \lambda \lVert \delta_W \rVert^2$.
# The sum is $\lVert \tilde X \delta \rVert^2$, and (7.6), applied to each
# column of $\delta$, bounds it by
# $\operatorname{eig}_{\max}(\tilde X^\top \tilde X)\, \lVert \delta \rVert^2$.
# With $\lVert \delta \rVert = 1$, no direction curves more than
#
# $$
# L = \frac{1}{2}\, \operatorname{eig}_{\max}\bigl(\tilde X^\top \tilde X / m\bigr) + \lambda. \tag{7.7}
# $$
#
# $L$ is an *upper bound* on the curvature: the cost curves by at most
# $L$, anywhere and along any direction.  It is not the most the cost
# actually curves, which can be much less (chapter 10 meets a cost whose
# curvature near its minimum is far below its $L$).
#
# **How the bound sets the rate.**  A step of gradient descent,
# $\theta \leftarrow \theta - \eta g$ at the learning rate $\eta$, moves
# against the gradient $g$.  Read the cost after the step,
# $J(\theta - \eta g)$, as a function of $\eta$.  At $\eta = 0$ its slope
# is $-\lVert g \rVert^2$, and its second derivative is never more than
# $L \lVert g \rVert^2$ (the curvature along $g$, times the squared length
# of $g$).  So, by Taylor's theorem, the cost after the step is at most
# $J(\theta) - \eta \bigl(1 - \tfrac{L\eta}{2}\bigr) \lVert g \rVert^2$
# (chapter 10 uses the same line for its (10.7)).  The bracket is positive
# for every $\eta < 2/L$.  So every rate below $2/L$ lowers the cost at
# every step: that is all that stability needs.
#
# Which rate below $2/L$ is fastest?  For a quadratic whose curvatures all
# lie between a least curvature $\mu$ and $L$, the best fixed rate is
# $2/(L + \mu)$; chapter 10 shows why (10.6).  Here $\mu$ would be the
# least curvature of the cost, the smallest eigenvalue of its Hessian.
# The softmax cost's least curvature is 0: it is flat along a shift of
# every bias by the same amount (above).  Along every direction that moves
# only $W$ it curves by at least $\lambda$, from the penalty, but along
# the biases it can curve by less.  The chapter puts $\mu = \lambda$ into
# the formula all the same, as a convenient choice, not as the true least
# curvature.  The rate $2/(L + \lambda)$ is below $2/L$, so it is stable,
# and because $\lambda$ is small it is only a little below $2/L$.
#
# **Centring the pixels.**  Gradient descent is slow when one direction is
# much steeper than the others: the rate must suit the steepest direction,
# and then the flattest one crawls.  The mean image is such a steep
# direction, because every pixel is at least 0 and all the images share a
# large part along it.  So we subtract the mean training image $\bar x$
# from every image first.  It is the same model with another bias,
#
# $$
# (x - \bar x) W + b = x W + (b - \bar x W), \tag{7.8}
# $$
#
# and the penalty does not touch $b$, so the optimal $W$ and the minimum
# of $J$ are unchanged.  But $L$ falls about sevenfold (exercise 2
# measures it), and gradient descent needs far fewer steps.

# %%
mean_image = 0 if args.no_center else X_train.mean(axis=0)
X, X_test_c = X_train - mean_image, X_test - mean_image
L, rate = curvature_bound(X, args.l2)  # (7.7), and the rate 2 / (L + l2)
print(f"\nPart 2: softmax with l2 = {args.l2:g} on {m} images"
      f"{'' if args.no_center else ' (mean image subtracted)'}")
print(f"L = {L:.3f} by (7.7); gradient descent's rate "
      + (f"{args.rate:.4g} (--rate)" if args.rate else f"2 / (L + l2) = {rate:.4f}"))
print(f"(every rate below 2 / L = {2 / L:.4f} lowers J at every step)")
rate = args.rate or rate

# scipy's L-BFGS-B on J and its gradient (experiments.softmax_minimum), run until it can
# improve neither J by 1e-15 nor the gradient below 1e-10
started = time.perf_counter()
W_lbfgs, b_lbfgs, result = softmax_minimum(X, y_train, args.l2)
seconds_lbfgs = time.perf_counter() - started

started = time.perf_counter()
W_gd, b_gd, costs = train_softmax(np.zeros((d, k)), np.zeros(k), X, y_train,
                                  epochs=args.iterations, rate=rate, l2=args.l2)
seconds_gd = time.perf_counter() - started

J_lbfgs, dW_lbfgs, db_lbfgs = propagate_softmax(W_lbfgs, b_lbfgs, X, y_train, args.l2)
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
    f"not after {args.iterations} iterations\n  (still {(costs[-1] - J_lbfgs) / J_lbfgs:.1e} "
    "above it)"))
print("the two minima agree to 1e-6: " + ("yes" if difference < 1e-6 else
      "no: gradient descent has not converged yet;\n  give it more --iterations"))
print(f"largest weight difference: {np.abs(W_gd - W_lbfgs).max():.1e} "
      f"(weights range over [{W_lbfgs.min():.2f}, {W_lbfgs.max():.2f}])")
# b is fixed only up to a shift shared by all k biases (5.2): compare the biases without it
b_step = (b_gd - b_lbfgs) - np.mean(b_gd - b_lbfgs)
step = np.append(W_gd - W_lbfgs, b_step)  # theta_gd - theta_lbfgs, as one long vector
distance = np.linalg.norm(step)
# between the two points the gradient changes by about H times the step, so the step's
# product with that change, divided by its squared length, is the curvature along it
change = np.append(dW_gd - dW_lbfgs, db_gd - db_lbfgs)
curvature = step @ change / distance ** 2 if distance > 0 else 0.0
print(f"largest bias difference: {np.abs(b_step).max():.1e}; "
      f"distance between the two: {distance:.1e}")
print(f"curvature of J along the line between them: {curvature:.1e} (l2 = {args.l2:g})")
print(f"1/2 x curvature x distance^2 = {curvature * distance ** 2 / 2:.1e}; "
      f"J_gd - J_lbfgs = {J_gd - J_lbfgs:.1e}")

# %% [markdown]
# What to look for: the two optimisers' objective values agree to about
# $10^{-9}$ (a relative difference of $8.5 \times 10^{-10}$, far inside
# the pass mark of $10^{-6}$), and their test accuracies are the same.
# Gradient descent comes within $10^{-6}$ of L-BFGS-B's minimum after
# about 1250 of its 2500 iterations.
#
# Yet the two points differ by far more than $10^{-9}$: their weights by
# up to $2.4 \times 10^{-5}$, their biases by up to $3.1 \times 10^{-4}$.
# That is no contradiction.  Write $\theta^\star$ for the minimum,
# $J^\star$ for the cost there and $H^\star$ for the Hessian there
# (chapter 10 computes such a Hessian).  At a minimum the slope of $J$ is
# 0 along every direction, so near it the cost rises only with the square
# of the distance.  Moving a distance $\epsilon$ from $\theta^\star$ along
# a direction of length 1 raises the cost by about half the curvature
# along that direction times $\epsilon^2$.  In matrix form, with the
# parameters as one long vector,
# $J(\theta) - J^\star \approx \tfrac12 (\theta - \theta^\star)^\top H^\star (\theta - \theta^\star)$.
# The chapter measures the curvature along the line between the two
# points, from how much the gradient changes between them:
# $3.8 \times 10^{-3}$.  Half of it, times the squared distance
# $(3.9 \times 10^{-4})^2$, is $2.8 \times 10^{-10}$: the gap between the
# two costs.  So costs that agree closely say much less about the
# parameters: the distance is about the square root of twice the cost gap
# divided by the curvature, here $10^{-4}$ against $10^{-10}$.
#
# That curvature, $3.8 \times 10^{-3}$, is below $\lambda = 0.01$.  The
# two points differ mostly in their biases, which the penalty does not
# touch, and there the cost curves by less than $\lambda$: $\mu = \lambda$
# is not a lower bound on the curvature.  A direction of small curvature
# is also the one along which gradient descent's error shrinks slowest
# (chapter 10 shows why), which is why the difference is left there.
#
# Summary
# -------
#
# - Central differences (7.1) estimate any gradient with an error of order
#   $h^2$ (7.2); a correct formula shows a relative error (7.3) of about
#   $10^{-10}$, and one below $10^{-6}$ passes.  A gradient off by a
#   factor has relative error
#   $|1 - \text{factor}|/(1 + |\text{factor}|)$, $1/3$ for a factor of 2.
#   Checking a random sample of the entries catches a mistake that touches
#   many of them, and often misses one that touches a single entry.
# - The curvature of the cost along a direction is the second derivative
#   of the cost along it.  The softmax cost's curvature is a mean of
#   variances (7.4, 7.5), so the cost is convex.  With an L2 penalty it has
#   one minimising $W$, while $b$ is fixed only up to a shared constant.
# - The largest curvature of a quadratic is the largest eigenvalue of its
#   matrix, the maximum of the Rayleigh quotient (7.6).  $L$ (7.7) is an
#   upper bound on the softmax cost's curvature: every rate below $2/L$
#   lowers the cost at every step.  The chapter's rate $2/(L + \lambda)$
#   uses $\lambda$ in place of the least curvature $\mu$, a convenient
#   choice: along the biases the cost curves by less than $\lambda$.
#   Centring the pixels (7.8) lowers $L$ and speeds descent up.
# - Near a minimum the cost rises with the square of the distance, by
#   half the curvature times $\epsilon^2$ at a distance $\epsilon$, so two
#   optimisers whose costs agree to $10^{-9}$ can differ by $10^{-4}$ in
#   their parameters.
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
# 4. Derive (7.2) from the Taylor series of $f(\theta_j + h)$ and
#    $f(\theta_j - h)$.  What is the error of the one-sided difference
#    $(f(\theta_j + h) - f(\theta_j))/h$?
# 5. Show that the variance in (7.5) is at most
#    $\tfrac12 \lVert \zeta_i \rVert^2$, for any probabilities
#    $P_{i\ell}$ (numbers at least 0 that add up to 1) and any numbers
#    $\zeta_{i\ell}$.  Then use it, with (7.6), to derive (7.7).
