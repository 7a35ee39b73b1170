# %% [markdown]
"""
Chapter 2. Is it a 1? Binary logistic regression, step by step
==============================================================

Given the 784 pixels of an image, estimate the probability that it shows
the digit 1, and answer "yes" when that probability is above one half.
This chapter derives the model, its cost and its gradient from that one
sentence, then trains it with gradient descent on the seed notebook's
settings: the first 3000 training and 500 test images, raw pixel values
0-255, all weights 0 at the start, 100 steps at rate 0.005.
"""

# %%
import numpy as np

from logreg_from_scratch.chapter import chapter_parser, load, parse, save, show
from logreg_from_scratch.cost import cross_entropy
from logreg_from_scratch.gradients import propagate
from logreg_from_scratch.labels import binary_labels
from logreg_from_scratch.optimize import DivergenceError, gradient_descent
from logreg_from_scratch.plots import cost_curves
from logreg_from_scratch.predict import accuracy, predict
from logreg_from_scratch.sigmoid import sigmoid

ARGS = ""  # run cell by cell, the chapter's options go here, e.g. ARGS = "--digit 7"
# sphinx_gallery_start_ignore
# (the options that --help lists; the web book hides these lines up to the end marker)
parser = chapter_parser(__doc__, num_train=3000, num_test=500, iterations=100,
                        rate_note="0.005, the seed's, on raw pixels; 0.5 with --scale")
parser.add_argument("--digit", type=int, choices=range(10), default=1,
                    help="the digit to recognise (default %(default)s)")
parser.add_argument("--scale", action="store_true",
                    help="divide the pixels by 255, to [0, 1] (chapter 3 shows why)")
# sphinx_gallery_end_ignore
args = parse(parser, ARGS)
args.rate = args.rate or (0.5 if args.scale else 0.005)  # a rate that suits the pixels
pixels = "pixels scaled to [0, 1]" if args.scale else "raw pixels"

# %% [markdown]
# The data
# --------
#
# Each image is a row $x$ of $d = 784$ pixel values, and the $m$ training
# images are the rows of $X$, of shape $(m, d)$ (chapter 1; the notation
# page lists every symbol).  The label of image $i$ becomes $y_i = 1$ if it
# shows the digit and $y_i = 0$ otherwise.  Only about one image in nine
# shows a 1, so a model that always answers "no" is already right about
# 89 % of the time: that is the score to beat.

# %%
X_train, y_train_digits, X_test, y_test_digits = load(parser, args, scale=args.scale)
y_train = binary_labels(y_train_digits, args.digit)
y_test = binary_labels(y_test_digits, args.digit)
m, d = X_train.shape
print(f"Is it a {args.digit}?  {m} training images ({y_train.mean():.1%} are {args.digit}s), "
      f"{len(y_test)} test images, {d} {pixels}, rate {args.rate:g}")
print(f"always no: train accuracy {100 * (1 - y_train.mean()):.2f} %, "
      f"test accuracy {100 * (1 - y_test.mean()):.2f} %")

# %% [markdown]
# The model: a score, squashed into a probability
# -----------------------------------------------
#
# The model gives every pixel $j$ a weight $w_j$, and adds them up over the
# image's ink, plus a bias $b$.  The result is a score, the *logit* $z$:
# large and positive for "surely a 1", large and negative for "surely not".
# For all $m$ images at once,
#
# $$
# z = X w + b, \qquad z \in \mathbb{R}^{m},\; X \in \mathbb{R}^{m \times d},\; w \in \mathbb{R}^{d},\; b \in \mathbb{R}. \tag{2.1}
# $$
#
# A probability must lie between 0 and 1, and the *sigmoid* function maps
# any score there, monotonically, with $\sigma(0) = \tfrac12$:
#
# $$
# a = \sigma(z) = \frac{1}{1 + e^{-z}}. \tag{2.2}
# $$
#
# So $a_i$ is the model's probability that image $i$ shows the digit
# (``sigmoid.sigmoid``), and $1 - a_i = \sigma(-z_i)$ that it does not.

# %% [markdown]
# The cost: how likely the model finds the true labels
# ----------------------------------------------------
#
# Which $w$ and $b$ are good?  Those under which the labels we actually
# observed are probable.  The model says label $y_i \in \{0, 1\}$ has
# probability $a_i$ if it is 1 and $1 - a_i$ if it is 0, which one formula
# writes as $a_i^{y_i} (1 - a_i)^{1 - y_i}$ (a Bernoulli distribution).
# Taking the images as independent, the likelihood of all the labels is the
# product over $i$.  A product of 3000 numbers below 1 underflows, and a
# logarithm turns it into a sum without moving the maximum, so we maximise
# the log-likelihood or, as optimisers prefer, minimise its negative mean:
#
# $$
# -\log\bigl(a^{y}(1 - a)^{1 - y}\bigr) = -\bigl(y \log a + (1 - y)\log(1 - a)\bigr) \tag{2.3}
# $$
#
# $$
# J(w, b) = -\frac{1}{m} \sum_{i=1}^{m} \bigl(y_i \log a_i + (1 - y_i) \log(1 - a_i)\bigr). \tag{2.4}
# $$
#
# This is the *cross-entropy* (``cost.cross_entropy``).  Each image adds
# $-\log a_i$ if it is a 1 and $-\log(1 - a_i)$ if not: nothing when the
# model is sure and right, and without bound as it becomes sure and wrong.
#
# At the start $w = 0$ and $b = 0$, so every $z_i = 0$, every
# $a_i = \tfrac12$, and $J = \log 2 = 0.693147$ whatever the labels:

# %%
w0, b0 = np.zeros(d), 0.0
a0 = sigmoid(X_train @ w0 + b0)  # (2.1) and (2.2)
print(f"at w = 0: every a is {np.unique(a0)}, cost {cross_entropy(X_train @ w0 + b0, y_train):.6f}"
      f" (log 2 = {np.log(2):.6f})")

# %% [markdown]
# The gradient, one step of the chain rule at a time
# --------------------------------------------------
#
# Gradient descent needs the slope of $J$ in every weight.  Three facts give
# it.  First, the sigmoid's derivative is a product of the sigmoid with
# itself: from (2.2), $\sigma'(z) = e^{-z} / (1 + e^{-z})^2$, and
# $e^{-z}/(1 + e^{-z}) = 1 - \sigma(z)$, so
#
# $$
# \sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr). \tag{2.5}
# $$
#
# Second, the loss of one image depends on $w$ and $b$ only through its
# logit $z_i$.  By the chain rule, with $\partial a / \partial z$ from
# (2.5), the factor $a(1 - a)$ cancels both denominators:
#
# $$
# \frac{\partial}{\partial z}\Bigl(-y \log a - (1 - y) \log(1 - a)\Bigr)
# = \Bigl(-\frac{y}{a} + \frac{1 - y}{1 - a}\Bigr)\, a (1 - a) = a - y. \tag{2.6}
# $$
#
# The error signal of image $i$ is just $a_i - y_i$: the predicted
# probability less the label.  Third, $z_i = \sum_j X_{ij} w_j + b$, so
# $\partial z_i / \partial w_j = X_{ij}$ and $\partial z_i / \partial b = 1$.
# Averaging over the images,
#
# $$
# \frac{\partial J}{\partial w_j} = \frac{1}{m} \sum_{i=1}^{m} X_{ij}\,(a_i - y_i), \qquad
# \frac{\partial J}{\partial b} = \frac{1}{m} \sum_{i=1}^{m} (a_i - y_i). \tag{2.7}
# $$
#
# The sum over $i$ in the first is a matrix product with $X$ transposed.
# Read the shapes: $X^\top$ is $(d, m)$ and $a - y$ is $(m,)$, so their
# product is $(d,)$, one slope a weight, as $w$ is:
#
# $$
# dw = \frac{1}{m} X^\top (a - y), \qquad db = \frac{1}{m} \sum_{i=1}^{m} (a_i - y_i). \tag{2.8}
# $$
#
# This is ``gradients.propagate``.  Below, (2.7) is computed the slow way,
# one image at a time, beside the vectorized (2.8), on 200 images at a
# random $w$: the same numbers.

# %%
rng = np.random.default_rng(args.seed)
w_random = rng.normal(scale=1e-3, size=d)
cost, dw, db = propagate(w_random, 0.1, X_train[:200], y_train[:200])  # (2.8)
dw_loop, db_loop = np.zeros(d), 0.0
for x_i, y_i in zip(X_train[:200], y_train[:200]):  # (2.7), one image at a time
    a_i = sigmoid(x_i @ w_random + 0.1)
    dw_loop += x_i * (a_i - y_i) / 200
    db_loop += (a_i - y_i) / 200
print(f"dw {dw.shape}: the loop and X^T (a - y) / m differ by at most "
      f"{np.max(np.abs(dw - dw_loop)):.1e}; db {db:.6f} and {db_loop:.6f}")

# %% [markdown]
# Why not squared error?  The cost $\tfrac12 (a - y)^2$ would give, by the
# same chain rule, $\partial/\partial z = (a - y)\, a (1 - a)$.  For an image
# the model gets confidently wrong ($a$ near 0 for a 1) the factor
# $a(1 - a)$ is near 0, so the worst mistakes would barely move the
# weights.  Nor is that cost convex: its second derivative in $z$,
# $a(1 - a)\bigl(a(1 - a) + (a - y)(1 - 2a)\bigr)$, is negative for a
# confident mistake (a 1 with $a < \tfrac13$), so it has flat shoulders
# where descent stalls.  The cross-entropy's
# $a - y$ is largest exactly there, and $J$ is convex in $w$ and $b$
# (chapter 10 shows why), so gradient descent has no other valley to fall
# into.

# %% [markdown]
# Computing it without overflow
# -----------------------------
#
# On raw pixels the logits reach the hundreds.  Then $\sigma(z)$ rounds to
# exactly 1.0 for $z > 37$, $\log(1 - a)$ becomes $\log 0$, and
# $e^{-z}$ overflows for $z < -709$.  The cure is to compute the logarithms
# from $z$ itself.  Dividing (2.2)'s numerator and denominator by $e^{z}$
# gives $1 - \sigma(z) = \sigma(-z)$, and
#
# $$
# \log \sigma(z) = -\log\bigl(1 + e^{-z}\bigr), \qquad
# \log\bigl(1 - \sigma(z)\bigr) = -\log\bigl(1 + e^{z}\bigr). \tag{2.9}
# $$
#
# NumPy's ``np.logaddexp(0, t)`` computes $\log(1 + e^{t})$ as
# $\max(0, t) + \log(1 + e^{-|t|})$, whose exponential never exceeds 1: no
# overflow for any finite $t$, and no rounding of $a$ to 1
# (``sigmoid.log_sigmoid``, ``sigmoid.log_one_minus_sigmoid``).  With (2.9),
# one image's loss is the *softplus* of its logit less $y z$:
#
# $$
# -y \log \sigma(z) - (1 - y) \log\bigl(1 - \sigma(z)\bigr) = \log\bigl(1 + e^{z}\bigr) - y z. \tag{2.10}
# $$
#
# The code computes $a - y$ as $(1 - y)\,\sigma(z) - y\,\sigma(-z)$, the
# same number for $y \in \{0, 1\}$, so that a confident "yes" ($z = 37$,
# where $a - 1$ would round to 0) keeps its true small gradient
# $-\sigma(-37) = -8.5 \times 10^{-17}$.

# %% [markdown]
# Training: gradient descent
# --------------------------
#
# The gradient points uphill, so each step moves the parameters a little
# the other way, by a *learning rate* times the slope:
#
# $$
# w \leftarrow w - \text{rate}\cdot dw, \qquad b \leftarrow b - \text{rate}\cdot db. \tag{2.11}
# $$
#
# (``optimize.gradient_descent``; the seed's rate 0.005 on raw pixels,
# 100 steps from $w = 0$, $b = 0$.)

# %%
def report(iteration, w, b, cost):
    if iteration % 10 == 0 or iteration == args.iterations - 1:
        print(f"iteration {iteration:4d}   cost {cost:.6f}")


try:
    w, b, costs = gradient_descent(np.zeros(d), 0.0, X_train, y_train,
                                   args.iterations, args.rate, callback=report)
except DivergenceError as error:
    parser.exit(1, f"error: {error}\n")

# %% [markdown]
# What to look for: the first cost is $\log 2$.  The second is far
# *higher* (about 327): on raw 0-255 pixels $dw$ is a mean of pixel values
# in the hundreds, so the first step is huge, the logits shoot to the
# hundreds, and the model is confidently wrong about every image that is
# not a 1, each costing about $|z|$ by (2.10).  Within ten steps the cost is
# back near 5; after 100 it is 1.22.  Chapter 3 shows the cure: scale the
# pixels.

# %% [markdown]
# How well does it do?
# --------------------
#
# The model answers "yes" when $a > \tfrac12$, that is when $z > 0$: no
# sigmoid is needed to decide (``predict.predict``).

# %%
print(f"train accuracy: {100 * accuracy(predict(w, b, X_train), y_train):.2f} %")
print(f"test accuracy: {100 * accuracy(predict(w, b, X_test), y_test):.2f} %")

# %% [markdown]
# What to look for: 99.23 % of the training images and 99.00 % of the
# test images are right, as in the seed notebook, against 88.70 % and
# 86.60 % for always saying "no".  On 500 test images 99.00 % is 5
# mistakes, so the test figure is known only roughly: each image is
# 0.2 points.  Ten test images picked at random (seeded), prediction beside
# label:

# %%
picks = np.random.default_rng(args.seed).choice(len(y_test), size=min(10, len(y_test)),
                                                replace=False)
print("picked test images:", picks.tolist())
print("predictions:       ", predict(w, b, X_test[picks]).tolist())
print("labels:            ", y_test[picks].tolist())

# %% [markdown]
# The cost curve
# --------------
#
# On a logarithmic scale, the jump of the first step and the long slow
# fall after it.

# %%
fig = cost_curves({f"rate {args.rate:g}, {pixels}": costs}, log_y=True,
                  title=f'Is it a {args.digit}? Cost during gradient descent ({m} images)')
save(fig, args, "02_binary_cost.png")
show(args)

# %% [markdown]
# Summary
# -------
#
# - The logit $z = Xw + b$ (2.1) scores each image; $a = \sigma(z)$ (2.2)
#   turns the score into a probability.
# - Maximising the Bernoulli likelihood of the labels is minimising the
#   cross-entropy $J$ (2.3, 2.4), computed from $z$ without overflow
#   (2.9, 2.10).
# - With $\sigma' = \sigma(1 - \sigma)$ (2.5) the chain rule gives each
#   image's error signal $a - y$ (2.6), and the gradient
#   $dw = X^\top (a - y) / m$ (2.8), one matrix product.
# - Gradient descent (2.11) from zero reaches 99 % on raw pixels, but its
#   first step overshoots wildly: the scale of the pixels matters.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Train "is it a 7?" with ``--digit 7``, then "is it a 4?" and "is it an
#    8?", and compare each test accuracy with the "always no" score the
#    chapter prints.  Is 8 really harder than always saying no?  Look at the
#    printed costs, then rerun with ``--scale`` (chapter 3 explains).  With
#    ``--scale``, which of the ten digits is hardest?
# 2. Check the gradient yourself: with ``numerical_gradient`` from
#    ``logreg_from_scratch.gradients``, estimate $dw$ for $w = 0$ on the
#    first 20 images and compare it with ``propagate``'s (relative error
#    below $10^{-6}$).
# 3. Rerun with ``--rate 0.05`` and with ``--rate 0.0005``.  The final cost
#    changes tenfold each time; do the accuracies?  Why?  Then, with
#    ``--scale``, which ends at the lower cost after 100 steps: ``--rate
#    0.5`` or ``--rate 5``?
#
# With pen and paper (answers: ``exercises/DERIVATIONS.md``):
#
# 4. Derive (2.5), $\sigma'(z) = \sigma(z)(1 - \sigma(z))$, from (2.2).
#    Show also that $\sigma(-z) = 1 - \sigma(z)$.
# 5. Derive (2.10) from (2.3) and (2.9), and differentiate it in $z$: you
#    get (2.6) again, without the sigmoid's derivative.
# 6. Show that (2.10) is convex in $z$ (its second derivative is
#    $\sigma(z)(1 - \sigma(z)) > 0$) and that it approaches $|z|$ for a
#    confident mistake.
#
# To write this chapter's steps as code and have them graded:
# ``exercises/`` (see the README).
