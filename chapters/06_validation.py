# %% [markdown]
"""
Chapter 6. Choosing settings without peeking
============================================

Chapter 5 chose its rate, epochs and batch size on images it held out from
training, and scored the test images once, at the end.  This chapter says
why, and uses the held-out images for three more choices: how much data
the model needs (learning curves), how strong a penalty to use on a small
training set (the L2 path), and when to stop training (early stopping).
It also says how sure a measured accuracy is.
"""

# %%
import numpy as np

from logreg_from_scratch.chapter import (chapter_parser, generators, load, parse, positive, save,
                                         show)
from logreg_from_scratch.experiments import (L2S, SIZES, early_stopping, l2_path,
                                             learning_curve, right)
from logreg_from_scratch.plots import accuracy_curves
from logreg_from_scratch.uncertainty import describe_accuracy, describe_paired, wilson_interval



ARGS = ""  # run cell by cell, the chapter's options go here, e.g. ARGS = "--num-train 3000"
# sphinx_gallery_start_ignore
# (the options that --help lists; the web book hides these lines up to the end marker)
parser = chapter_parser(__doc__, num_train=1000, num_test=10000, validation=True,
                        iterations=100, rate=2.0)
parser.add_argument("--steps", type=positive(int), default=1000,
                    help="steps of 100 images for each run of the learning curve and the "
                         "penalty path (default %(default)s)")
parser.epilog = ("--num-train is the small training set of the penalty and early-stopping "
                 "experiments; the learning curve always uses up to 50,000. " + parser.epilog)
# sphinx_gallery_end_ignore
args = parse(parser, ARGS)
shuffle_rng, _ = generators(args.seed, 2)
small = args.num_train
args.num_train = None  # load all 50,000: the learning curve needs them
X, y, X_val, y_val, X_test, y_test = load(parser, args, scale=True, shuffle=shuffle_rng,
                                          validation=True)
if small > len(y):
    parser.error(f"argument --num-train: at most {len(y)}, got {small}")
print(f"{len(y)} training, {len(y_val)} validation and {len(y_test)} test images; "
      f"small training set: the first {small}")

# %% [markdown]
# Three sets, three jobs
# ----------------------
#
# A model's accuracy on the images it learnt from flatters it: it has
# seen their answers.  Its accuracy on images it never saw estimates how it
# will do on the next ones, but only if those images played no part in
# building it.  *Choosing a setting is part of building it.*  So MNIST's
# 70,000 images get three jobs:
#
# - 50,000 *training* images fit the weights;
# - 10,000 *validation* images, held out of the training set once and for
#   all by a seeded random choice (``idx_data.validation_indices``), compare
#   settings;
# - 10,000 *test* images are scored once, for the setting chosen, and
#   reported.
#
# Why not choose on the test images?  Each measured accuracy is the true
# one plus noise.  Choosing the highest of several noisy numbers picks, in
# part, the luckiest noise, so the winner's score is biased upwards: for
# any settings $j$, the expected best measured accuracy is at least the
# best expected one,
#
# $$
# \mathbb{E}\Bigl[\max_j \hat p_j\Bigr] \geq \max_j \mathbb{E}\bigl[\hat p_j\bigr], \tag{6.1}
# $$
#
# with equality only when there is no noise.  The test images, untouched
# by the choice, give an unbiased score of the winner.
#
# How large is the noise?  An image is right with probability $p$, so the
# count right among $n$ independent images is binomial, and the measured
# accuracy $\hat p$ has
#
# $$
# \operatorname{Var}(\hat p) = \frac{p (1 - p)}{n}, \qquad \operatorname{SE}(\hat p) \approx \sqrt{\frac{\hat p (1 - \hat p)}{n}}. \tag{6.2}
# $$
#
# At 92 % on 10,000 images the standard error is 0.27 points; on chapter
# 2's 500 test images at 99 %, 0.45 points, one image being 0.2.  A 95 %
# interval for $p$ is the set of $p$ that the measurement does not
# contradict, $|\hat p - p| \leq q \sqrt{p(1-p)/n}$ with $q = 1.96$.
# Solving that quadratic in $p$ gives Wilson's interval
# (``uncertainty.wilson_interval``), which, unlike
# $\hat p \pm q\,\operatorname{SE}$, never leaves $[0, 1]$:
#
# $$
# p_{\pm} = \frac{\hat p + \frac{q^2}{2n} \pm q \sqrt{\frac{\hat p (1 - \hat p)}{n} + \frac{q^2}{4n^2}}}{1 + \frac{q^2}{n}}. \tag{6.3}
# $$
#
# Two models scored on the *same* images are compared better than by two
# intervals: most images both get right, or both wrong, and only those on
# which they disagree carry information.  If the models were equally good,
# each of the $n = n_{AB} + n_{BA}$ disagreements (A right and B wrong, or
# the reverse) would go either way with probability $\tfrac12$, so
# $n_{AB}$ is Binomial$(n, \tfrac12)$, and McNemar's exact test
# (``uncertainty.mcnemar``) gives the chance of a split at least as uneven:
#
# $$
# p = \min\Bigl(1,\; 2 \sum_{i=0}^{\min(n_{AB}, n_{BA})} \binom{n}{i} 2^{-n}\Bigr). \tag{6.4}
# $$

# %%
for correct, n in ((9225, 10000), (495, 500), (91, 100)):
    low, high = wilson_interval(correct, n)
    print(f"{correct:5d} right of {n:5d}: {100 * correct / n:6.2f} %, 95 % interval "
          f"{100 * low:.2f} to {100 * high:.2f} %")

# %% [markdown]
# What to look for: the interval narrows as $1/\sqrt{n}$: about half a
# point each way on 10,000 images, seven or so on 100.  At 99 % on 500
# images (chapter 2's test score) it is lopsided, 1.3 points below and 0.6
# above, because it cannot pass 100 %.
#
# Learning curves: how much data is enough?
# -----------------------------------------
#
# Chapter 5's model, trained on the first 300, 1000, ... 50,000 training
# images, each for about 1000 steps of 100 images (so that only the amount
# of data changes), and scored on its own training images and on the
# validation images:

# %%
rows = learning_curve(X, y, X_val, y_val, [n for n in SIZES if n <= len(y)], seed=args.seed,
                      steps=args.steps)
print(" images   train   validation (95 % interval)")
for n, train, hits in rows:
    low, high = wilson_interval(int(hits.sum()), hits.size)
    print(f"{n:7d}  {train:6.2f} %  {100 * hits.mean():6.2f} %  ({100 * low:.2f} to "
          f"{100 * high:.2f} %)")

# %%
bands = [wilson_interval(int(hits.sum()), hits.size) for _, _, hits in rows]
save(accuracy_curves([n for n, _, _ in rows],
                     {"training images": np.array([train for _, train, _ in rows]),
                      "validation images": (np.array([100 * h.mean() for *_, h in rows]),
                                            100 * np.array([b[0] for b in bands]),
                                            100 * np.array([b[1] for b in bands]))},
                     xlabel="training images", log_x=True,
                     title=f"Learning curve: softmax regression, about {args.steps} steps each"),
     args, "06_learning_curve.png")

# %% [markdown]
# What to look for: on a few hundred images the model fits every training
# image (100 %) and gets about 82 % of the validation images: it has
# learnt those images, not digits.  With more data the training accuracy
# falls and the validation accuracy rises, and the two meet near 92 %:
# the gap is the *variance* (too little data for 7,850 parameters); what is
# left when they meet is the *bias* of a linear model.  The validation
# curve is still rising at 50,000, slowly: more data would help a little,
# a better model (or better pixels, chapter 9) more.
#
# The L2 path: a penalty where it matters
# ---------------------------------------
#
# Chapter 5's ``--l2`` adds $\frac{\lambda}{2}\lVert W \rVert^2$ (5.4),
# pulling the weights toward 0.  On 50,000 images it changes almost
# nothing (exercise 2 of chapter 5).  On a small training set, where the
# model can fit every image, it should matter.  On the first 1000 training
# images, each penalty below trains for 1000 steps and is scored on the
# validation images; the penalty chosen is the one with the highest
# validation accuracy:

# %%
path = l2_path(X[:small], y[:small], X_val, y_val, L2S, seed=args.seed, steps=args.steps)
print("     l2   train   validation")
for l2, _, train, hits in path:
    print(f"{l2:7g}  {train:6.2f} %  {100 * hits.mean():6.2f} %")
best = max(range(len(path)), key=lambda i: path[i][3].mean())
chosen_l2, (W_l2, b_l2) = path[best][0], path[best][1]
print(f"chosen on validation: l2 = {chosen_l2:g}\npaired on the validation images:\n  "
      + describe_paired(path[best][3], path[0][3], f"l2 = {chosen_l2:g}", "no penalty"))

# %%
shown = [(l2, train, hits) for l2, _, train, hits in path if l2 > 0]
save(accuracy_curves([l2 for l2, _, _ in shown],
                     {"training images": np.array([t for _, t, _ in shown]),
                      "validation images": np.array([100 * h.mean() for *_, h in shown])},
                     xlabel="l2 (penalty strength)", log_x=True, chosen=chosen_l2,
                     title=f"The L2 path on {small} training images"),
     args, "06_l2_path.png")

# %% [markdown]
# What to look for: with no penalty, 100 % of the training images and
# 86.33 % of the validation images.  As $\lambda$ grows the training
# accuracy falls (the weights can no longer fit every image) and the
# validation accuracy rises, to 87.18 % at $\lambda = 0.01$, then falls
# when the penalty starts to hold back what the data do support.  Paired
# on the same images, the penalty puts 262 right that no penalty gets
# wrong and 177 the other way; McNemar's $p$ (printed) is far below 0.05,
# so the gain is not the luck of these images.  (Because $\lambda$ was
# chosen as the best of eight on these same images, (6.1) says its
# 87.18 % is a little optimistic: the
# test score below is the honest one.)
#
# Early stopping
# --------------
#
# A third way to keep a model from fitting its training images too well is
# to stop before it does: train with a constant rate, score the validation
# images after every epoch, and keep the weights of the best epoch.  On the
# same 1000 images, no penalty, rate 2.0 and no decay:

# %%
train_curve, val_curve, best_epoch, W_stop, b_stop = early_stopping(
    X[:small], y[:small], X_val, y_val, epochs=args.iterations, rate=args.rate, seed=args.seed)
print(f"best validation accuracy after epoch {best_epoch}: {val_curve[best_epoch - 1]:.2f} % "
      f"(train {train_curve[best_epoch - 1]:.2f} %)\nafter the last, epoch {len(val_curve)}: "
      f"{val_curve[-1]:.2f} % (train {train_curve[-1]:.2f} %)")

# %%
epochs = np.arange(1, len(val_curve) + 1)
save(accuracy_curves(epochs, {"training images": train_curve, "validation images": val_curve},
                     xlabel="epoch", chosen=best_epoch,
                     title=f"Early stopping on {small} training images, constant rate"),
     args, "06_early_stopping.png")

# %% [markdown]
# What to look for: the training accuracy climbs to 100 % by about epoch
# 20; the validation accuracy rises fast, then stays on a plateau near
# 86 % instead of falling.  Logistic regression on 1000 images overfits
# mildly: the best epoch is within a standard error (0.35 points at 86 %)
# of the last, so here early stopping saves time, not accuracy.  The
# penalty did better on these images.
#
# The test images, once
# ---------------------
#
# Two settings were chosen on validation images: the penalty, and the
# epoch to stop at.  Each chosen model now meets the test images, once.

# %%
print(f"l2 = {chosen_l2:g} (chosen):  test accuracy "
      f"{describe_accuracy(right(W_l2, b_l2, X_test, y_test))}")
print(f"stopped after epoch {best_epoch}: test accuracy "
      f"{describe_accuracy(right(W_stop, b_stop, X_test, y_test))}")
print("paired, on the test images:\n  " + describe_paired(
    right(W_l2, b_l2, X_test, y_test), right(W_stop, b_stop, X_test, y_test), "penalised",
    "stopped early"))
show(args)

# %% [markdown]
# What to look for: each test accuracy is within a point of its model's
# validation accuracy (87.92 % against 87.18 %, 86.98 % against 86.44 %),
# about what two samples of 10,000 images differ by: by (6.2) each moves
# by 0.34 points, their difference by about 0.5.  Nothing was tuned on
# the test images, so nothing flatters them.  The paired test confirms on
# these images what validation showed: the penalty beats early stopping
# here.
#
# Summary
# -------
#
# - Settings are chosen on validation images and the test images are
#   scored once: the best of several noisy scores is biased upwards (6.1).
# - An accuracy on $n$ images has standard error $\sqrt{p(1-p)/n}$ (6.2);
#   Wilson's interval (6.3) gives its 95 % range.  Two models on the same
#   images are compared by their disagreements, McNemar's test (6.4).
# - Learning curves show how much of the error is too little data
#   (variance) and how much the model itself (bias).
# - A penalty, chosen on validation, helps where the data are few; early
#   stopping does the same by time, here less well.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Run the L2 path on 3000 images (``--num-train 3000``).  Which penalty
#    wins now, and by how much?  Why does the best penalty fall as the
#    data grow?
# 2. Choose the penalty on the *test* images instead: which would win,
#    and by how much would its score flatter it, by (6.1)?
# 3. Write ``wilson_interval`` (6.3) and ``mcnemar`` (6.4) yourself in
#    ``exercises/e9_uncertainty.py`` and grade them.
#
# With pen and paper (answers: ``exercises/DERIVATIONS.md``):
#
# 4. Derive (6.2): write $\hat p$ as the mean of $n$ independent
#    Bernoulli($p$) variables and use the variance of a sum.
# 5. Derive (6.3): square $|\hat p - p| = q\sqrt{p(1-p)/n}$ and solve the
#    quadratic in $p$.
