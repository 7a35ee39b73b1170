# %% [markdown]
"""
Chapter 5. Beyond the seed: softmax regression on 50,000 digits
===============================================================

The seed stops at 84 % with ten one-vs-rest models trained on 3000 raw
images, and asks why it is not higher.  How far can a *linear* classifier
go on MNIST, and how fast can plain NumPy get it there?  This chapter lets
the ten scores of an image compete for one probability distribution
(softmax regression), derives its cost and gradient, and trains it on
50,000 training images by mini-batch stochastic gradient descent, with its
settings chosen on 10,000 more held out for that purpose.
"""

# %%
import time

import numpy as np

from logreg_from_scratch.chapter import (SOFTMAX_SGD, add_dtype_option, chapter_parser, generators,
                                         load, parse, positive, save, show)
from logreg_from_scratch.experiments import OVR_RATES, fit_one_vs_rest
from logreg_from_scratch.optimize import DivergenceError, train_softmax
from logreg_from_scratch.plots import confusion_figure, cost_curves, digit_grid, weight_maps
from logreg_from_scratch.predict import accuracy, confusion_matrix, predict
from logreg_from_scratch.softmax import predict_softmax
from logreg_from_scratch.uncertainty import describe_accuracy, describe_paired


ARGS = ""  # run cell by cell, the chapter's options go here, e.g. ARGS = "--iterations 4"
# sphinx_gallery_start_ignore
# (the options that --help lists; the web book hides these lines up to the end marker)
parser = chapter_parser(__doc__, num_train=50000, num_test=10000, validation=True,
                        iterations=SOFTMAX_SGD["epochs"], rate=SOFTMAX_SGD["rate"])
parser.add_argument("--batch-size", type=positive(int), default=SOFTMAX_SGD["batch_size"],
                    help="images a step (default %(default)s; the number of images: full batch)")
parser.add_argument("--l2", type=float, default=0.0,
                    help="L2 penalty (l2/2)||W||^2 (default %(default)s)")
parser.add_argument("--decay", choices=("linear", "none"), default=SOFTMAX_SGD["decay"],
                    help="learning-rate schedule (default %(default)s)")
parser.add_argument("--momentum", type=float, default=0.0,
                    help="fraction of the last step each step keeps, in [0, 1) "
                         "(default %(default)s)")
parser.add_argument("--shuffle", choices=("batches", "examples"), default=SOFTMAX_SGD["shuffle"],
                    help="batches: shuffle once, fixed batches in a new order each epoch; "
                         "examples: new random batches each epoch (default %(default)s)")
add_dtype_option(parser)
# sphinx_gallery_end_ignore
args = parse(parser, ARGS)
if not 0 <= args.l2 < float("inf"):
    parser.error(f"argument --l2: must be a finite number >= 0, got {args.l2}")
if not 0 <= args.momentum < 1:
    parser.error(f"argument --momentum: must be a number from 0 up to (not including) 1, "
                 f"got {args.momentum}")
k = 10
shuffle_rng, batch_rng = generators(args.seed, 2)  # for the data's order, the batches' order

# %% [markdown]
# Softmax: ten scores, one distribution
# -------------------------------------
#
# One-vs-rest (chapter 3) trains ten models that never meet: an image can
# be "surely a 3" and "surely a 5" at once.  Softmax regression keeps the
# ten logits $Z = XW + b$ of (3.1) but turns each row into probabilities
# that add up to 1, by exponentiating and normalising:
#
# $$
# P_{ij} = \operatorname{softmax}(Z)_{ij} = \frac{e^{Z_{ij}}}{\sum_{l=1}^{k} e^{Z_{il}}}. \tag{5.1}
# $$
#
# Adding the same number $c$ to every logit of a row multiplies numerator
# and denominator by $e^{c}$, so the probabilities do not change:
#
# $$
# \operatorname{softmax}(z + c\mathbf{1}) = \operatorname{softmax}(z). \tag{5.2}
# $$
#
# This is what makes softmax computable.  $e^{Z}$ overflows for logits
# above 709, but with $c = -\max_l Z_{il}$ the largest exponent is
# $e^{0} = 1$.  The cost needs $\log P$, and the logarithm of (5.1) is
# the logit less a *log-sum-exp*, computed from the shifted logits the same
# way (``softmax.log_softmax``):
#
# $$
# \log P_{ij} = Z_{ij} - \log \sum_{l=1}^{k} e^{Z_{il}}. \tag{5.3}
# $$
#
# The cost and its gradient
# -------------------------
#
# The model's probability for image $i$'s true digit $y_i$ is $P_{i y_i}$.
# As in chapter 2, the cost is the negative mean log-likelihood of the
# labels (the Bernoulli of (2.3) becomes a categorical distribution), plus
# an optional L2 penalty that pulls the weights toward 0:
#
# $$
# J(W, b) = -\frac{1}{m} \sum_{i=1}^{m} \log P_{i y_i} + \frac{\lambda}{2} \lVert W \rVert^2. \tag{5.4}
# $$
#
# ($\lambda$ is ``--l2``, 0 unless asked for, and $\lVert W \rVert^2$ sums
# the squares of all $dk$ weights; the biases are not penalised.)  One
# image's loss, by (5.3), is $-z_y + \log \sum_l e^{z_l}$.  Its derivative
# in logit $z_j$ is $-1$ if $j = y$, plus $e^{z_j} / \sum_l e^{z_l} = p_j$
# from the log-sum-exp.  With one-hot labels $Y$ (chapter 3), for the whole
# matrix at once:
#
# $$
# \frac{\partial}{\partial Z_{ij}} \Bigl(-\log P_{i y_i}\Bigr) = P_{ij} - Y_{ij}. \tag{5.5}
# $$
#
# The same error signal as (2.6): probability less label.  The chain rule
# through $Z = XW + b$ is (3.3)'s, and the penalty adds its own derivative,
# $\partial (\tfrac{\lambda}{2} \lVert W \rVert^2) / \partial W = \lambda W$:
#
# $$
# dW = \frac{1}{m} X^\top (P - Y) + \lambda W, \qquad db = \frac{1}{m} \sum_{i=1}^{m} (P_{i\cdot} - Y_{i\cdot}). \tag{5.6}
# $$
#
# Shapes: $(d, m)(m, k) = (d, k)$, like $W$.  This is
# ``softmax.propagate_softmax``.  Softmax is increasing in each logit, so
# the predicted digit is simply $\hat y_i = \arg\max_j Z_{ij}$
# (``softmax.predict_softmax``).  At $W = 0$ every $P_{ij} = 1/k$ and the
# cost is $\log 10 = 2.3026$.
#
# Mini-batch stochastic gradient descent
# --------------------------------------
#
# A step of chapter 2's gradient descent reads every training image.  Its
# gradient is a mean over the images, and the mean over a random *batch*
# $B$ of 100 of them is an unbiased, if noisy, estimate of it, for a
# five-hundredth of the work on 50,000 images (``optimize.train_softmax``):
#
# $$
# W \leftarrow W - \text{rate}_t \Bigl(\frac{1}{|B|} X_B^\top (P_B - Y_B) + \lambda W\Bigr), \tag{5.7}
# $$
#
# and $b$ likewise, with the batch's mean of $P - Y$.
# An *epoch* is 500 such steps, one pass over the data.  The rate falls
# linearly from 2.0 to 0 over the run ("linear decay"), so the noise of
# small batches dies out as the weights settle.  The pixels are scaled to
# $[0, 1]$ (chapter 3), and the training images put in random order as they
# are loaded.
#
# Three sets of images
# --------------------
#
# This chapter *chooses* things: the rate, the number of epochs, the batch
# size.  A choice made by looking at the test images would make their score
# a flattering one: among many settings whose true accuracies are equal,
# the one that happens to score highest on those 10,000 images is chosen,
# and its score is then high by luck.  So 10,000 of the 60,000 training
# images are held out once and for all (a random choice fixed by a seed,
# ``idx_data.validation_indices``), the same in every chapter: settings are
# compared on these *validation* images, the model learns from the other
# 50,000, and the test images are scored once, at the end, for the one
# setting chosen.

# %%
X_train, y_train, X_val, y_val, X_test, y_test = load(parser, args, scale=True,
                                                      shuffle=shuffle_rng, validation=True)
schedule = "falling linearly to 0" if args.decay == "linear" else "constant"
print(f"{len(y_train)} training, {len(y_val)} validation and {len(y_test)} test images "
      f"({args.dtype}); batches of "
      f"{args.batch_size}, rate {args.rate:g} ({schedule}), momentum {args.momentum:g}, "
      f"l2 {args.l2:g}, seed {args.seed}")

# %% [markdown]
# How the settings were chosen: on validation images
# ---------------------------------------------------
#
# ``benchmarks/softmax_settings.py`` trains each candidate setting on the
# 50,000 training images for 12 seeds (each seed shuffles the images and
# orders the batches differently) and scores it on the validation images;
# its output on the project's machine is ``benchmarks/softmax_settings.txt``.
# The rule, fixed before the runs: take the fastest candidate whose median
# validation accuracy is within one standard error of the best median.  An
# accuracy $\hat p$ on $n$ images varies from one sample of images to another
# by about $\sqrt{\hat p (1 - \hat p) / n}$, here 0.27 points: closer
# than that, another 10,000 images could have ranked two settings the other
# way round, and the cheaper one is as good a guess.
#
# - The best median is 92.03 % (12 epochs at rate 1.0).  Within 0.27 points
#   of it, the fastest is 2 epochs at rate 2.0 (median 91.79 %, 0.21 s):
#   the defaults.  1 epoch (91.34 %) is outside.
# - 8 epochs, the previous default, reach 92.01 % in 0.76 s.  On seed 0 the
#   two disagree on 168 validation images, 77 right only with 2 epochs and
#   91 only with 8.  If the two settings were equally good, each
#   disagreement would fall either way with probability 1/2, and McNemar's
#   test (chapter 6, ``uncertainty.mcnemar``) gives p = 0.32: a split this
#   uneven is common between equals.
# - Batches of 300 (91.86 %), new random batches each epoch (92.02 %),
#   momentum 0.9 at rate 0.2 (92.02 %) and a penalty ``--l2 1e-4``
#   (92.00 %) are all within the standard error of the best, and slower.
#
# The test images have not been read yet.  Training prints one line an
# epoch: the mean cost of its 500 steps, train and validation accuracy,
# and the seconds the epoch's training took (the evaluation is not counted).

# %%
epoch_seconds = []
started = time.perf_counter()


def report(epoch, W, b, cost):
    global started
    epoch_seconds.append(time.perf_counter() - started)
    train_accuracy = accuracy(predict_softmax(W, b, X_train), y_train)
    val_accuracy = accuracy(predict_softmax(W, b, X_val), y_val)
    print(f"epoch {epoch + 1:3d}   cost {cost:.4f}   train {100 * train_accuracy:6.2f} %   "
          f"validation {100 * val_accuracy:6.2f} %   {epoch_seconds[-1]:5.2f} s")
    started = time.perf_counter()


try:
    W, b, costs = train_softmax(np.zeros((X_train.shape[1], k), args.dtype),
                                np.zeros(k, args.dtype), X_train, y_train,
                                epochs=args.iterations, rate=args.rate,
                                batch_size=args.batch_size, l2=args.l2, momentum=args.momentum,
                                decay=args.decay, shuffle=args.shuffle, rng=batch_rng,
                                callback=report)
except DivergenceError as error:
    parser.exit(1, f"error: {error}\n")
print(f"first step's cost {costs[0]:.6f} (log 10 = {np.log(10):.6f})")
print(f"training time: {sum(epoch_seconds):.2f} s for {args.iterations} epochs")
print(f"train accuracy: {100 * accuracy(predict_softmax(W, b, X_train), y_train):.2f} %")
right_softmax = predict_softmax(W, b, X_val) == y_val
print(f"validation accuracy: {describe_accuracy(right_softmax)}")

# %% [markdown]
# Softmax against one-vs-rest, on the same images
# -----------------------------------------------
#
# Is one shared distribution better than ten separate models?  Chapter 3's
# one-vs-rest models, trained on the same 50,000 images by the same loop
# with the same schedule (``experiments.fit_one_vs_rest``), their rate
# chosen on the validation images from 0.5, 1, 2, 4 and 8.  Both are
# scored on the same validation images, so the paired test of chapter 6
# compares them: only the images one model gets right and the other wrong
# count, and if the two were equally good each such image would fall
# either way with probability 1/2 (McNemar's test,
# ``uncertainty.describe_paired``).

# %%
same_schedule = {"epochs": args.iterations, "batch_size": args.batch_size, "decay": args.decay,
                 "shuffle": args.shuffle, "momentum": args.momentum}
right_ovr = {}
for ovr_rate in OVR_RATES:
    W_ovr, b_ovr = fit_one_vs_rest(X_train, y_train, generators(args.seed, 2)[1], rate=ovr_rate,
                                   **same_schedule)
    right_ovr[ovr_rate] = predict(W_ovr, b_ovr, X_val) == y_val
    print(f"one-vs-rest, rate {ovr_rate:g}: validation accuracy "
          f"{100 * right_ovr[ovr_rate].mean():.2f} %")
kept = max(right_ovr, key=lambda r: right_ovr[r].mean())
print(f"kept: rate {kept:g}, the best on validation")
print(describe_paired(right_softmax, right_ovr[kept], "softmax", "one-vs-rest"))

# %% [markdown]
# What to look for: softmax is right on about twice as many of the images
# the two disagree on, and McNemar's p is tiny: a split that uneven almost
# never happens between equally good models.  The one-vs-rest rate was the
# best of five on these very images, which flatters one-vs-rest a little
# (chapter 6's winner's bias), so if anything the gap is understated.

# %% [markdown]
# The test images, once
# ---------------------
#
# The settings are fixed; now, and only now, the model meets the test
# images.  The 95 % interval beside the accuracy (Wilson's score
# interval, ``uncertainty.wilson_interval``, derived in chapter 6) says
# how far another 10,000 images of the same kind could move it.

# %%
y_pred = predict_softmax(W, b, X_test)
print(f"test accuracy: {describe_accuracy(y_pred == y_test)}")

# %% [markdown]
# What to look for: the first step's cost is $\log 10$; the test accuracy
# lies within the validation accuracy's interval, as it should when
# nothing was chosen on the test images.  LeCun et al. (1998) list 12.0 %
# error for a linear classifier on MNIST's raw pixels (and 8.4 % on
# deskewed pixels, chapter 9's subject): this model's error, 7.75 %,
# is below the first.
#
# Which digits are confused with which?
# -------------------------------------
#
# Row $i$, column $j$ of the *confusion matrix* counts the test images of
# digit $i$ that the model calls $j$; the diagonal holds the hits.

# %%
C = confusion_matrix(y_pred, y_test, k)
mistakes = C * (1 - np.eye(k, dtype=int))               # the diagonal holds the hits
worst = [divmod(int(cell), k) for cell in np.argsort(mistakes, axis=None)[::-1][:3]]
print("most frequent mistakes: " + ", ".join(f"{i} -> {j} ({C[i, j]})" for i, j in worst))

# %% [markdown]
# The cost, step by step
# ----------------------
#
# Each step's cost is measured on its own batch of 100 images, so it
# jumps from step to step; the mean of the last 50 steps shows the trend.

# %%
label = f"batch {args.batch_size}, rate {args.rate:g}, {args.decay} decay" + (
    f", momentum {args.momentum:g}" if args.momentum else "")
window = min(50, len(costs))
trend = np.convolve(costs, np.ones(window) / window, mode="valid")  # mean of `window` steps
save(cost_curves({label: trend}, xlabel=f"step (the mean of the last {window} batches' costs)",
                 first=window, title="Softmax regression: the batch cost, step by step"),
     args, "05_cost.png")

# %% [markdown]
# The confusion matrix
# --------------------

# %%
save(confusion_figure(C, title=f"Confusion matrix on {len(y_test)} test digits "
                               f"({100 * accuracy(y_pred, y_test):.2f} % right)"),
     args, "05_confusion.png")

# %% [markdown]
# What to look for: the largest counts off the diagonal pair digits that
# share strokes: 5 taken for 3 or 8, 2 for 8, 4 for 9, 7 for 9 (29 to 38
# of each).
#
# Misclassified test digits
# -------------------------
#
# Titled "true -> predicted".  Many are hard for people too; some are
# plainly readable, and show what one linear template a class cannot
# express.

# %%
wrong = np.flatnonzero(y_pred != y_test)[:18]
save(digit_grid(X_test[wrong], [f"{y_test[i]} -> {y_pred[i]}" for i in wrong], nrows=3, ncols=6,
                suptitle="Misclassified test digits (true -> predicted)"),
     args, "05_misclassified.png")

# %% [markdown]
# The ten weight maps
# -------------------

# %%
save(weight_maps(W, [f"digit {j}" for j in range(k)],
                 suptitle="Softmax regression: the ten weight maps"),
     args, "05_weights.png")
show(args)

# %% [markdown]
# What to look for: trained on 50,000 images the maps are speckled rather
# than smooth, the model using any pixel that helps; 0 (blue hole), 1 (red
# bar), 2 (a blue band above its base) and 5 (a red patch top right, where
# only a 5's top bar ends) still show.
#
# Summary
# -------
#
# - Softmax (5.1) turns a row of $k$ logits into a distribution; it is
#   unchanged by a shift (5.2), which makes it and its logarithm (5.3)
#   computable without overflow.
# - The cost is the negative mean log-probability of the true digits, with
#   an optional L2 penalty (5.4); its gradient in the logits is again
#   probability less label, $P - Y$ (5.5), and in the weights
#   $X^\top (P - Y)/m + \lambda W$ (5.6).
# - Settings are chosen on validation images held out from training; the
#   test images are scored once, for the setting chosen.
# - Against one-vs-rest trained the same way, softmax is right on about
#   twice as many of the images the two disagree on; the paired test
#   (McNemar's) says that is no accident.
# - Mini-batch SGD (5.7) on 50,000 images reaches 92.25 % test
#   accuracy in 2 passes over the data.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Try ``--batch-size 50000 --rate 1 --decay none``: full-batch gradient
#    descent, the seed's method, for the same 2 passes over the data.  Where
#    is it?  Why do many cheap noisy steps beat few exact ones?
# 2. Add ``--l2 1e-4``.  Does the validation accuracy change?  The weight maps?
#    Why does a penalty matter so little with 50,000 images and 7,850
#    parameters?
# 3. Train on the first 6000 images only (``--num-train 6000``): how much
#    of the accuracy came from having about eight times more data?
# 4. Run ``--momentum 0.9 --rate 0.2`` and then ``--momentum 0.9 --rate 2``.
#    Why does the first land where rate 2.0 without momentum does, and what
#    happens to the second?
# 5. ``--dtype float32``: the same accuracy?  How much faster an epoch?
#
# With pen and paper (answers: ``exercises/DERIVATIONS.md``):
#
# 6. Derive (5.5) from (5.3), without the log-sum-exp shortcut: write
#    $\partial P_{j} / \partial z_l$ for $l = j$ and $l \neq j$ first.
# 7. Take $k = 2$.  Show that the first probability of
#    $\operatorname{softmax}(z_1, z_2)$ is $\sigma(z_1 - z_2)$, and that
#    the softmax gradient (5.5) for class 1 is
#    chapter 2's $a - y$ (2.6): two-class softmax is logistic regression
#    with $w = w_1 - w_2$.
# 8. Without the penalty, what happens to $J$ when the same number is added
#    to every $b_j$?  Use (5.2).  How many minima can $J$ have then, and
#    which one does a penalty on $W$ alone not decide?
