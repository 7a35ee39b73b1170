# %% [markdown]
r"""
Chapter 3. All ten digits: one-vs-rest, and why the pixels must be scaled
=========================================================================

Which of the ten digits does an image show?  The simplest answer reuses
chapter 2 ten times.  We build one yes-or-no model for each digit ("is it
a 0?", "is it a 1?", and so on), train all ten at once with the same
matrix products, and answer with the digit whose model is most sure.
This is called *one-vs-rest*.  The original notebook trained these ten
models on raw pixels, and its cost bounced up and down instead of
falling.  This chapter reproduces that run, explains the bouncing with a
little geometry of the cost, and cures it by scaling the pixels.
"""

# %%
import numpy as np

from logreg_from_scratch.chapter import (blas_kernel, chapter_parser, load, parse, positive,
                                         save, show)
from logreg_from_scratch.labels import one_hot
from logreg_from_scratch.newton import hessian
from logreg_from_scratch.optimize import DivergenceError, gradient_descent
from logreg_from_scratch.plots import cost_curves, curvature_bowl
from logreg_from_scratch.predict import accuracy, predict
from logreg_from_scratch.uncertainty import describe_paired


ARGS = ""  # run cell by cell, the chapter's options go here, e.g. ARGS = "--scaled-rate 1"
# sphinx_gallery_start_ignore
# (the options that --help lists; the web book hides these lines up to the end marker)
parser = chapter_parser(__doc__, num_train=3000, num_test=500, iterations=110, rate=0.002)
parser.add_argument("--every", type=positive(int), default=10,
                    help="print progress every n iterations (default %(default)s)")
parser.add_argument("--scaled-rate", type=positive(float), default=0.5,
                    help="learning rate of run 2, on pixels scaled to [0, 1] (default %(default)s)")
# sphinx_gallery_end_ignore
args = parse(parser, ARGS)
k = 10

# %% [markdown]
# Ten models side by side
# -----------------------
#
# Give each digit $\ell$ (for $\ell = 0, 1, \dots, 9$) its own weight
# vector and its own bias, as in chapter 2.  Put the ten weight vectors
# side by side as the columns of one matrix $W$ of shape $(d, k)$, where
# $k = 10$ is the number of classes, and the ten biases into one vector
# $b$ of shape $(k,)$.  Then a single matrix product scores every image
# for every digit:
#
# $$
# Z = X W + b. \tag{3.1}
# $$
#
# The logits $Z$ form a matrix of shape $(m, k)$: $Z_{i\ell}$ is the logit
# of image $i$ under digit $\ell$'s model.  The product $XW$ has that
# shape too, and NumPy adds $b$, of shape $(k,)$, to each of its rows
# (this is called *broadcasting*).
#
# The labels change form too.  Each label becomes a *one-hot* row of $k$
# numbers (``labels.one_hot``): $Y_{i\ell} = 1$ when image $i$ shows digit
# $\ell$, and $Y_{i\ell} = 0$ otherwise.  Column $\ell$ of $Y$ is then
# exactly chapter 2's label vector for the question "is it an $\ell$?".
# In the same way $A = \sigma(Z)$, the sigmoid applied to each entry,
# holds the ten models' probabilities, one model to a column.
#
# Each model has its own cost: chapter 2's cross-entropy (2.4) of its own
# column, which we call $J_\ell$.  We train the ten models together, so
# we add their costs up.  The cost of one-vs-rest is the *sum* of the ten
# binary costs:
#
# $$
# \begin{aligned}
# J(W, b) &= \sum_{\ell=0}^{k-1} J_\ell \\
# &= -\frac{1}{m} \sum_{i=1}^{m} \sum_{\ell=0}^{k-1} \bigl(Y_{i\ell} \log A_{i\ell} \\
# &\qquad + (1 - Y_{i\ell}) \log(1 - A_{i\ell})\bigr).
# \end{aligned} \tag{3.2}
# $$
#
# At the start, with $W = 0$ and $b = 0$, each of the ten costs is
# $\log 2$, so $J = 10 \log 2 = 6.93$.
#
# Next, the gradient.  The weights of model $\ell$, column $\ell$ of $W$,
# and its bias $b_\ell$ appear in $J_\ell$ only.  So the derivative of the
# sum $J$ in them is the derivative of $J_\ell$ alone, which is chapter
# 2's gradient (2.8) for column $\ell$.  Side by side, the ten columns of
# (2.8) are again one matrix product:
#
# $$
# \begin{aligned}
# dW &= \frac{1}{m} X^\top (A - Y), \\
# db &= \frac{1}{m} \sum_{i=1}^{m} (A_{i\cdot} - Y_{i\cdot}).
# \end{aligned} \tag{3.3}
# $$
#
# Check the shapes: $X^\top$ is $(d, m)$ and $A - Y$ is $(m, k)$, so $dW$
# is $(d, k)$, like $W$, with one derivative for every weight.  In the
# second line $A_{i\cdot}$ stands for row $i$ of $A$, so $db$ has shape
# $(k,)$, one derivative for each bias.  This is what
# ``gradients.propagate`` computes, and it is exactly the gradient of the
# cost (3.2) that it returns.  So gradient descent with learning rate
# $\eta$ moves each model just as chapter 2 would move it alone, and the
# cost it prints is the cost it descends.
#
# To answer, we pick the digit whose model is most sure:
# $\hat y_i = \arg\max_\ell A_{i\ell}$, the $\ell$ with the largest
# $A_{i\ell}$ (``predict.predict``).

# %%
def train(X, y, rate):
    def report(iteration, W, b, cost):
        if (iteration + 1) % args.every == 0:
            train_accuracy = accuracy(predict(W, b, X), y)
            print(f"{iteration + 1:10d}   {cost:12.6f}   {100 * train_accuracy:8.2f} %")

    print(f"{'iterations':>10}   {'cost':>12}   {'train accuracy':>10}")
    try:
        return gradient_descent(np.zeros((X.shape[1], k)), np.zeros(k), X, one_hot(y, k),
                                args.iterations, rate, callback=report)
    except DivergenceError as error:
        parser.exit(1, f"error: {error}\n")


def summarise(W, b, run):
    print(f"train accuracy: {100 * accuracy(predict(W, b, X_train), y_train):.2f} %  ({run})")
    print(f"test accuracy: {100 * accuracy(predict(W, b, X_test), y_test):.2f} %  ({run})")


# %% [markdown]
# Run 1: raw pixels, the original notebook's settings
# ---------------------------------------------------
#
# The first run uses the original notebook's settings: the first 3000
# training and 500 test images, raw pixel values from 0 to 255, learning
# rate $\eta = 0.002$, and 110 steps from $W = 0$, $b = 0$.  Every 10 steps
# the chapter prints the cost (computed before the step) and the accuracy
# on the training images.

# %%
X_train, y_train, X_test, y_test = load(parser, args, scale=False)
kernel, reference = blas_kernel()
print(f"Run 1: raw 0-255 pixels, learning rate {args.rate:g}")
print(f"BLAS: {kernel}")
print(f"  reproduces the original notebook's late numbers exactly: "
      f"{'yes' if reference else 'no'}")
W_raw, b_raw, costs_raw = train(X_train, y_train, args.rate)
summarise(W_raw, b_raw, "run 1: raw pixels")
by_logits = accuracy(np.argmax(X_test @ W_raw + b_raw, axis=1), y_test)
right_raw = predict(W_raw, b_raw, X_test) == y_test  # for the paired comparison with run 2

# %% [markdown]
# What to look for: after 10 steps the cost is 156.420820 and the train
# accuracy 78.40 %.  The original notebook printed 15.642082 there: it
# reported the mean of the ten models' costs, $J / 10$, where we report
# their sum.  After that the cost jumps up and down (101.4, 62.4, 39.7,
# 80.4, 36.1, 85.2, ...), and the train accuracy swings between 70 % and
# 91 %.  The final 91.27 % train and 83.80 % test accuracy are a snapshot
# of this bouncing run, taken wherever its 110th step happened to leave it.
#
# A bouncing run also magnifies rounding errors.  The last digit of a sum
# of floating-point numbers depends on the order in which they are added.
# The library that computes NumPy's matrix products (BLAS, named in the
# second line of the output) adds up $X^\top (A - Y)$ in an order that
# differs from one processor to another.  So on your machine the late
# accuracies may differ from the original notebook's by a few tenths of a
# point, while the cost after 10 steps does not.  (Chapter 8 says more about BLAS.)
#
# Why it bounces: how sharply the cost curves
# -------------------------------------------
#
# To understand the bouncing we need one new idea: the *curvature* of the
# cost, which says how fast its slope changes.
#
# **In one dimension.**  The curvature of a function of one number is its
# second derivative.  Take the parabola $f(\theta) = 2\theta^2$: its slope
# is $4\theta$ and its curvature is 4.  A gradient-descent step moves
# $\theta$ to $\theta - \eta \cdot 4\theta = (1 - 4\eta)\,\theta$.  So each
# step multiplies the distance to the minimum at 0 by $1 - 4\eta$, and the
# distance shrinks only while $|1 - 4\eta| < 1$, that is while
# $\eta < 2/4$.  A step with $\eta$ between $1/4$ and $2/4$ overshoots the
# minimum but lands closer to it on the other side.  A step with
# $\eta > 2/4$ lands farther away each time, and the bouncing grows.  The
# same argument works for any curvature: the learning rate must stay
# below 2 divided by the curvature.
#
# **Along a direction.**  Our cost depends on many numbers at once.  For
# one model, collect its weights and bias into one vector
# $\theta = (w, b)$ of length $d + 1$.  From a point $\theta$ we can move
# in any direction: pick a vector $\delta$ of length 1, and follow the
# cost along the line $\theta + \epsilon\,\delta$, where $\epsilon$ is a
# number.  Along that line the cost is a function of the one number
# $\epsilon$, and its second derivative at $\epsilon = 0$ is the
# *curvature of the cost along* $\delta$.
#
# For the cross-entropy we can compute it with chapter 2's tools.  Append
# a 1 to each image, $\tilde x_i = (x_i, 1)$, so that the logit is
# $z_i = \tilde x_i \cdot \theta$.  Along the line, each logit changes at
# the rate $dz_i / d\epsilon = \tilde x_i \cdot \delta$.  By (2.6) the
# slope of the cost along the line is
# $\frac{1}{m} \sum_i (a_i - y_i)\,(\tilde x_i \cdot \delta)$, and
# differentiating once more, with (2.5) for the change of $a_i$, gives the
# curvature:
#
# $$
# \begin{aligned}
# \frac{d^2}{d\epsilon^2} J(\theta + \epsilon\delta) &= \frac{1}{m} \sum_{i=1}^{m} a_i (1 - a_i)\, (\tilde x_i \cdot \delta)^2 \\
# &= \delta^\top H \delta, \qquad H = \frac{1}{m} \tilde X^\top S \tilde X.
# \end{aligned} \tag{3.4}
# $$
#
# In the second line we wrote the sum as a matrix product.  The matrix
# $\tilde X$ is $X$ with a column of ones appended, so its rows are the
# $\tilde x_i$, and $S$ is the diagonal matrix with the numbers
# $a_i (1 - a_i)$ on its diagonal.  The matrix $H$, of shape
# $(d + 1, d + 1)$, holds all the second derivatives of $J$; it is called
# the *Hessian*, and chapter 10 builds a faster method on it.  Here we
# need three facts about it.  First, every curvature is at least 0,
# because (3.4) is a sum of squares times positive numbers: the cost
# curves upward in every direction.  Second, $H$ contains the pixel values
# twice, once in $\tilde X^\top$ and once in $\tilde X$.  Third, for the
# ten one-vs-rest models, the cost (3.2) is a sum of ten such costs, each
# in its own column of weights.  So each model has its own $H$, and the
# largest curvature of the whole cost is the largest among the ten
# models' largest curvatures.
#
# **The directions of least and most curvature.**  The matrix $H$ is
# *symmetric*: $H^\top = H$.  A symmetric matrix has special directions,
# its *eigenvectors*.  Along an eigenvector $\delta$ the matrix acts like
# a number: $H\delta$ is a multiple of $\delta$, and that multiple is the
# *eigenvalue*.  For an eigenvector of length 1, the curvature
# $\delta^\top H \delta$ is then exactly its eigenvalue.  Linear algebra
# shows that a symmetric matrix has as many eigenvectors as it has rows,
# all at right angles to one another.  We write $\operatorname{eig}_{\max}(H)$
# and $\operatorname{eig}_{\min}(H)$ for its largest and smallest
# eigenvalues, and $\delta_{\max}$ and $\delta_{\min}$ for their
# eigenvectors.
#
# Every other direction is a mix of the eigenvectors.  In two dimensions,
# a direction at angle $\varphi$ from $\delta_{\max}$ is
# $\delta = \cos\varphi\, \delta_{\max} + \sin\varphi\, \delta_{\min}$.
# Multiplying out $\delta^\top H \delta$, with
# $H\delta_{\max} = \operatorname{eig}_{\max}(H)\, \delta_{\max}$,
# $H\delta_{\min} = \operatorname{eig}_{\min}(H)\, \delta_{\min}$ and
# $\delta_{\max} \cdot \delta_{\min} = 0$, leaves
#
# $$
# \begin{aligned}
# \delta^\top H \delta &= \cos^2\varphi\, \operatorname{eig}_{\max}(H) \\
# &\quad + \sin^2\varphi\, \operatorname{eig}_{\min}(H).
# \end{aligned} \tag{3.5}
# $$
#
# The weights $\cos^2\varphi$ and $\sin^2\varphi$ add up to 1, so the
# curvature along any direction is an average of the two eigenvalues.  It
# is never above $\operatorname{eig}_{\max}(H)$, which it reaches along
# $\delta_{\max}$, and never below $\operatorname{eig}_{\min}(H)$, which it
# reaches along $\delta_{\min}$.  In more dimensions the same holds, with
# one weight for each eigenvector: the largest eigenvalue is the largest
# curvature in any direction, and the smallest eigenvalue the smallest.
#
# **The rule for the learning rate.**  Take first a cost that is exactly
# a quadratic bowl: its minimum is at $\theta^\star$, and it has the same
# Hessian $H$ everywhere.  Up to a constant, such a cost is
# $\tfrac12 (\theta - \theta^\star)^\top H (\theta - \theta^\star)$, and
# its gradient is $H (\theta - \theta^\star)$.  Write $\theta_t$ for the
# parameters after $t$ steps and $I$ for the identity matrix.  A step of
# gradient descent,
# $\theta_{t+1} = \theta_t - \eta H (\theta_t - \theta^\star)$, gives
#
# $$
# \theta_{t+1} - \theta^\star = (I - \eta H)\,(\theta_t - \theta^\star). \tag{3.6}
# $$
#
# Along an eigenvector, $H$ acts like its eigenvalue, so each step
# multiplies the distance to the minimum along that eigenvector by
# $1 - \eta$ times the eigenvalue: the one-dimensional story again, once
# for each eigenvector.  The distance shrinks along every eigenvector only
# if $\eta$ stays below 2 divided by each eigenvalue, and the largest
# eigenvalue gives the tightest limit:
#
# $$
# 0 < \eta < \frac{2}{\operatorname{eig}_{\max}(H)}. \tag{3.7}
# $$
#
# The cross-entropy is not exactly a bowl.  But near any point it is close
# to one, with the Hessian at that point (chapter 10 makes this precise),
# so (3.7) tells us the size of the learning rate it can take.
#
# The figure shows this on a bowl of two parameters, whose curvatures are
# 4 along its steep direction and 0.5 along its flat one, so the limit is
# $2/4 = 0.5$.  With $\eta = 0.45$ the path zigzags across the steep
# direction, but each zigzag is smaller than the one before.  With
# $\eta = 0.55$ each zigzag is larger than the one before: the path
# bounces out of the bowl, while it still creeps along the flat
# direction.

# %%
turn = np.deg2rad(30)  # the steep direction, 30 degrees from the theta_1 axis
steep, flat = np.array([np.cos(turn), np.sin(turn)]), np.array([-np.sin(turn), np.cos(turn)])
H_bowl = 4 * np.outer(steep, steep) + 0.5 * np.outer(flat, flat)  # eigenvalues 4 and 0.5
paths = {}
for eta in (0.45, 0.55):
    theta = 0.4 * steep + 2.5 * flat                 # the start
    points = [theta]
    for t in range(8):
        theta = theta - eta * H_bowl @ theta         # the gradient of the bowl is H theta
        points.append(theta)
    side = "below" if eta < 2 / 4 else "above"
    paths[f"rate {eta:g}, {side} 2 / 4 = 0.5"] = np.array(points)
fig = curvature_bowl(H_bowl, paths, title="Gradient descent on a bowl with curvatures "
                                          "4 and 0.5")
save(fig, args, "03_curvature_bowl.png")

# %% [markdown]
# Why scaling the pixels helps
# ----------------------------
#
# Divide every pixel by 255, so that the pixels lie between 0 and 1:
# $X' = X / 255$.  The weights $W' = 255\, W$ then give exactly the same
# logits, so the model can say the same things, and its best accuracy is
# unchanged.  What changes is the shape of the cost as gradient descent
# sees it.  By (3.3) the gradient is a mean of pixel values times errors,
# so it contains the pixels once.  By (3.4) the curvature contains them
# twice.  In each weight $w$ of a model,
#
# $$
# \begin{aligned}
# dW' &= \frac{1}{255}\, dW, \\
# \frac{\partial^2 J}{\partial w'^2} &= \frac{1}{255^2}\, \frac{\partial^2 J}{\partial w^2}.
# \end{aligned} \tag{3.8}
# $$
#
# So on raw pixels the curvature in the weights is $255^2 = 65025$ times
# larger than on scaled pixels, and by (3.7) a learning rate that is
# stable on raw pixels must be about that much smaller.  (The bias is
# multiplied by a column of ones, which is not scaled, so its curvature
# stays the same.)
#
# The cell below computes $\operatorname{eig}_{\max}(H)$ at the start of
# training for both kinds of pixels.  At the start $W = 0$, so every
# $a_i (1 - a_i)$ is $\tfrac14$, and every one of the ten models has the
# same $H$ (``newton.hessian``).

# %%
for name, X in (("raw pixels", X_train), ("pixels / 255", X_train / 255)):
    largest = np.linalg.eigvalsh(hessian(np.zeros(X.shape[1]), 0.0, X))[-1]  # (3.4)
    print(f"{name:>12}: eig_max(H) at the start {largest:.4g}, "
          f"2 / eig_max(H) = {2 / largest:.2g}")

# %% [markdown]
# What to look for: the largest curvature is about 63,500 times larger on
# raw pixels than on scaled ones, close to 65,025 (the bias's curvature
# accounts for the difference).  By (3.7) the rate should stay below
# $3.2 \times 10^{-6}$ on raw pixels and below 0.2 on scaled ones.
#
# How good is this rule in practice?  We tried the learning rates 1, 2, 3,
# 5 and 7 times each power of ten, each for the same 110 steps on these
# 3000 images, and asked which ones lower the cost at every step.  (These
# runs take a while, so the chapter does not repeat them.)  On raw pixels
# the largest such rate is $7 \times 10^{-6}$; at $10^{-5}$ the cost rises
# once, at the first step.  On scaled pixels the largest is 0.5; at 0.7
# the cost rises once, also at the first step.  The ratio of the two
# limits, $0.5 / (7 \times 10^{-6}) \approx 71{,}000$, is close to 65,025,
# as (3.8) predicts, given how coarse the grid of rates is.
#
# Both limits are two to two and a half times the rule's bound at the
# start.  The rule (3.7) is exact for a quadratic bowl, and the
# cross-entropy is not one: as soon as the logits move away from 0, the
# numbers $a_i (1 - a_i)$ shrink, and the curvature shrinks with them.  So
# a step that would overshoot a bowl of the starting curvature can still
# land lower.  The rule gives the right size of the rate, not its last
# digit.
#
# The original notebook's rate of 0.002 is about 300 times the largest
# rate that works on raw pixels, and that is why run 1 bounces.  Why does
# its bouncing not grow without end, as on a bowl?  Because the gradient
# (3.3) is a mean of pixel values times errors $A_{i\ell} - Y_{i\ell}$
# that lie between $-1$ and 1.  So in one step no weight can move by more
# than $\eta$ times the average value of its pixel.  A bowl's gradient, in
# contrast, grows with the distance from its minimum.  Run 2 uses 0.5, at the limit for scaled
# pixels (exercise 1 looks closer).
#
# Run 2: the same model on scaled pixels
# --------------------------------------
#
# The same model, the same 110 steps, but on pixels divided by 255, with
# learning rate 0.5.

# %%
X_train, X_test = X_train / 255, X_test / 255
print(f"\nRun 2: pixels scaled to [0, 1], learning rate {args.scaled_rate:g}")
W_scaled, b_scaled, costs_scaled = train(X_train, y_train, args.scaled_rate)
summarise(W_scaled, b_scaled, "run 2: scaled pixels")
falls = np.all(np.diff(costs_scaled) < 0)
print(f"run 2's cost falls at every iteration: {'yes' if falls else 'no'}")
print(f"run 1 with argmax of the logits instead of sigma: test accuracy "
      f"{100 * by_logits:.2f} %")
print("paired, on the same test images:")
paired = describe_paired(predict(W_scaled, b_scaled, X_test) == y_test, right_raw,
                         "run 2", "run 1")
for part in paired.split("; "):  # a line each: two counts, then the p-value
    print(f"  {part}")

# %% [markdown]
# What to look for: run 2's cost falls at every single step.  Its test
# accuracy, 88.20 %, is higher than run 1's 83.80 %, even though its train
# accuracy is lower.  On 500 test images a difference of a few points is
# only a couple of dozen images, so the last lines count the images that
# one run gets right and the other gets wrong: 40 for run 2 against 18
# for run 1.  McNemar's test (chapter 6 derives it) asks how often a split
# at least that uneven would happen by chance if the two runs were equally
# good.  Its p-value, 0.0054, says rarely, so the difference is unlikely
# to be chance.
#
# **Ties.**  On raw pixels many logits of run 1 are in the hundreds, and
# $\sigma(z)$ rounds to exactly 1.0 once $z$ is above about 36.7.  Then
# several models "say 1.0" for the same image, and ``np.argmax`` picks the
# lowest of those digits.  The original notebook predicted this way, and
# so do we, to reproduce its numbers.  The line before the paired
# comparison shows run 1's test accuracy when the argmax is taken over the
# logits $Z$ instead, which breaks those ties by the logits.
#
# Both cost curves on one figure, on a logarithmic scale:

# %%
fig = cost_curves({f"run 1: raw pixels, rate {args.rate:g}": costs_raw,
                   f"run 2: pixels / 255, rate {args.scaled_rate:g}": costs_scaled},
                  log_y=True, title="Ten digits, one-vs-rest: cost during gradient descent")
save(fig, args, "03_multiclass_cost.png")
show(args)

# %% [markdown]
# Summary
# -------
#
# - The $k$ one-vs-rest models are the columns of $W$, of shape $(d, k)$.
#   One product $Z = XW + b$ scores them all (3.1), their cost is the sum
#   of their binary costs (3.2), and one product gives its gradient,
#   $X^\top (A - Y)/m$ (3.3).
# - The curvature of the cost along a direction $\delta$ is
#   $\delta^\top H \delta$ (3.4).  It lies between the smallest and the
#   largest eigenvalue of $H$ (3.5).
# - Gradient descent is stable only while $\eta < 2 / \operatorname{eig}_{\max}(H)$
#   (3.6, 3.7): a larger rate bounces across the steepest direction.
# - The pixels' scale sets the curvature: on 0-255 pixels it is $255^2$
#   times that on $[0, 1]$ pixels (3.8), so a rate that suits one is
#   unstable or sluggish on the other.  Scale the inputs first.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Rerun with ``--scaled-rate 1`` and ``2``.  From which rate on does the
#    cost of run 2 stop falling at every step?
# 2. The models are independent: train "is it a 3?" alone with chapter 2's
#    code and check that you get column 3 of $W$.
# 3. Replace ``predict`` by argmax of $XW + b$ for run 2.  Does it change
#    anything on scaled pixels?  Why not?
#
# With pen and paper (answers: ``exercises/DERIVATIONS.md``):
#
# 4. Show (3.8): if $X' = X/255$ and $W' = 255\, W$, the logits are equal,
#    the gradient in $W'$ is $1/255$ of the gradient in $W$, and the
#    second derivative $1/255^2$ of it.
