# %% [markdown]
"""
Chapter 6. Choosing settings without peeking
============================================

Chapter 5 chose its learning rate, its number of epochs and its batch size
by their scores on images held out from training, and it scored the test
images only once, at the end.  This chapter explains why.  It also shows
how sure we can be of an accuracy measured on a few thousand images, and
how to compare two models measured on the same images.  Then it uses the
held-out images for three more choices: how much data the model needs
(learning curves), how strong a penalty to use on a small training set
(the L2 path), and when to stop training (early stopping).
"""

# %%
import numpy as np

from logreg_from_scratch.chapter import (chapter_parser, generators, load, parse, positive, save,
                                         show)
from logreg_from_scratch.experiments import (L2S, SIZES, curvature_bound, early_stopping,
                                             l2_path, learning_curve, right)
from logreg_from_scratch.idx_data import VALIDATION_SIZE
from logreg_from_scratch.newton import descent, newton, penalised
from logreg_from_scratch.plots import accuracy_curves
from logreg_from_scratch.predict import distance_to_boundary
from logreg_from_scratch.uncertainty import describe_accuracy, paired_lines, wilson_interval



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
if small > 60000 - VALIDATION_SIZE:  # said before the 50,000 images are read
    parser.error(f"argument --num-train: at most {60000 - VALIDATION_SIZE}, got {small}")
args.num_train = None  # load all 50,000: the learning curve needs them
X, y, X_val, y_val, X_test, y_test = load(parser, args, scale=True, shuffle=shuffle_rng,
                                          validation=True)
print(f"{len(y)} training, {len(y_val)} validation and {len(y_test)} test images")
print(f"the small training set: the first {small} (for the penalty and early stopping)")


def paired(right_a, right_b, name_a, name_b):
    """Print how two models scored on the same images differ (``uncertainty.paired_lines``)."""
    print(paired_lines(right_a, right_b, name_a, name_b))

# %% [markdown]
# Three sets, three jobs
# ----------------------
#
# A model's accuracy on the images it learnt from flatters it: it has seen
# their answers.  Its accuracy on images it never saw estimates how it
# will do on the next ones, but only if those images played no part in
# building it.  And *choosing a setting is part of building it*.  So
# MNIST's 70,000 images get three jobs:
#
# - 50,000 *training* images fit the weights;
# - 10,000 *validation* images compare settings.  They are held out of the
#   60,000 training images once and for all, by a random choice with a
#   fixed seed (``idx_data.validation_indices``);
# - 10,000 *test* images score the settings chosen, once, at the end.
#
# Why not choose on the test images?  Each measured accuracy is the true
# accuracy plus some noise, because another sample of images would have
# given another score.  Choosing the highest of several noisy scores
# picks, in part, the luckiest noise, so the winner's score is biased
# upwards.  Write $\mathrm{acc}_A$ for the true accuracy of a setting A
# (its accuracy on all the images of this kind there could be) and
# $\widehat{\mathrm{acc}}_A$ for the one measured on our images, and
# likewise $\mathrm{acc}_B$ and $\widehat{\mathrm{acc}}_B$ for a setting
# B, and so on.  The measured accuracy is right on average,
# $\mathbb{E}[\widehat{\mathrm{acc}}_A] = \mathrm{acc}_A$, where
# $\mathbb{E}$ is the mean over repeated draws of the images.  But the best
# measured accuracy is, on average, at least the best true one:
#
# $$
# \begin{aligned}
# &\mathbb{E}\bigl[\max(\widehat{\mathrm{acc}}_A, \widehat{\mathrm{acc}}_B, \dots)\bigr] \\
# &\qquad \geq \max(\mathrm{acc}_A, \mathrm{acc}_B, \dots).
# \end{aligned} \tag{6.1}
# $$
#
# The reason: in every draw of the images, the maximum of the measured
# accuracies is at least each one of them.  So its mean is at least each
# one's mean, which equals that setting's true accuracy; and so it is at
# least the largest true accuracy.  The two sides are equal only when the
# same setting wins on every draw of the images.  When several settings
# are close, the winner's score is, on average, too high.  The test images
# take no part in the choice, so their score of the winner is not biased
# in this way.
#
# How sure is one accuracy?
# -------------------------
#
# How large is the noise?  Suppose each image is right with probability
# $\mathrm{acc}$, independently of the others, like $n$ tosses of a coin
# that lands heads with probability $\mathrm{acc}$.  Then the number of
# images right among $n$ is *binomial*: it counts the successes in $n$
# independent tries that each succeed with the same chance.  The accuracy
# measured on them, $\widehat{\mathrm{acc}}$ (that count divided by $n$),
# changes from one sample of images to another.  Its *variance* measures
# by how much: it is the mean squared distance from the mean,
# $\operatorname{Var}(\widehat{\mathrm{acc}}) = \mathbb{E}\bigl[(\widehat{\mathrm{acc}} - \mathrm{acc})^2\bigr]$.
# Its square root, the *standard deviation*, is the typical size of that
# distance, in the units of the accuracy itself.  When the count is
# binomial, the measured accuracy has the variance and the standard error
# (SE) below (exercise 4 derives the first line):
#
# $$
# \begin{aligned}
# \operatorname{Var}(\widehat{\mathrm{acc}}) &= \frac{\mathrm{acc}\,(1 - \mathrm{acc})}{n}, \\
# \operatorname{SE}(\widehat{\mathrm{acc}}) &\approx \sqrt{\frac{\widehat{\mathrm{acc}}\,(1 - \widehat{\mathrm{acc}})}{n}}.
# \end{aligned} \tag{6.2}
# $$
#
# The standard error of chapter 5 is this standard deviation, with the
# true accuracy, which we do not know, replaced by the measured one.  At
# 92 % on 10,000 images it is 0.27 points.  On chapter 2's 500 test
# images at 99 % it is 0.44 points, and one image is 0.2 points there.
#
# How far from the true accuracy can the measured one be?  For many
# images, $\widehat{\mathrm{acc}}$ is close to *normally distributed*: a
# histogram of its values over many samples of images would follow the
# bell-shaped normal curve.  (This is the *central limit theorem*: the mean
# of many independent variables is nearly normal, whatever the
# distribution of each one.)  A normal variable falls within $q = 1.96$
# standard deviations of its mean 95 % of the time.  So, 95 times in 100,
# $|\widehat{\mathrm{acc}} - \mathrm{acc}| \leq q \sqrt{\mathrm{acc}\,(1 - \mathrm{acc})/n}$.
#
# A *95 % interval* for the true accuracy is the set of true accuracies
# $\mathrm{acc}$ for which this inequality holds, with the
# $\widehat{\mathrm{acc}}$ we measured: the true accuracies that the
# measurement does not contradict.  What does "95 %" mean?  The true
# accuracy is a fixed number, and a given interval either contains it or
# not.  The 95 % is a property of the method: intervals made this way, for
# sample after sample of images, contain the true accuracy 95 times in
# 100.
#
# The inequality keeps the true $\mathrm{acc}$ inside the square root,
# where the standard error (6.2) puts the measured one.  That makes it a
# quadratic inequality in $\mathrm{acc}$, and solving it (exercise 5)
# gives the two ends of *Wilson's interval*
# (``uncertainty.wilson_interval``): a centre, plus or minus a half-width,
#
# $$
# \begin{aligned}
# \mathrm{acc}_{\pm} = {} & \frac{\widehat{\mathrm{acc}} + q^2/(2n)}{1 + q^2/n} \\
# & \pm \frac{q}{1 + q^2/n} \sqrt{\frac{\widehat{\mathrm{acc}}\,(1 - \widehat{\mathrm{acc}})}{n} + \frac{q^2}{4n^2}}.
# \end{aligned} \tag{6.3}
# $$
#
# Putting the measured accuracy inside the square root instead gives the
# simpler interval $\widehat{\mathrm{acc}} \pm q\,\operatorname{SE}$.
# Unlike it, Wilson's interval never leaves $[0, 1]$, and it stays
# reliable for accuracies near 100 % and for few images.  The cell below
# prints three examples: 9225 right of 10,000 is chapter 5's test score,
# 495 of 500 is chapter 2's, and 91 of 100 shows a small sample.

# %%
for correct, n in ((9225, 10000), (495, 500), (91, 100)):
    low, high = wilson_interval(correct, n)
    print(f"{correct:5d} right of {n:5d}: {100 * correct / n:6.2f} %, 95 % interval "
          f"{100 * low:.2f} to {100 * high:.2f} %")

# %% [markdown]
# What to look for: the interval narrows as $1/\sqrt{n}$.  It is about
# half a point each way on 10,000 images, but more than 11 points wide on
# 100.  At 99 % on 500 images (chapter 2's test score) it is lopsided,
# 1.32 points below and 0.57 above, because it cannot pass 100 %.
#
# Two models on the same images
# -----------------------------
#
# Two models scored on the *same* images are compared better than by
# their two intervals.  Most images both models get right, or both get
# wrong, and those say nothing about which is better.  Only the images on
# which they disagree carry information.  Write $n_{AB}$ for the number of
# images model A gets right and model B wrong, and $n_{BA}$ for the
# reverse.
#
# If the two models were equally good, each of the $n_{AB} + n_{BA}$
# disagreements would go either way with probability $\tfrac12$, like the
# toss of a fair coin.  *McNemar's exact test* (``uncertainty.mcnemar``)
# asks how likely a split at least as uneven as the one we see would then
# be.  That chance is the test's *p-value*.  A fair coin tossed
# $n_{AB} + n_{BA}$ times gives each of its $2^{n_{AB} + n_{BA}}$ sequences
# of heads and tails the same chance, and $\binom{n_{AB} + n_{BA}}{r}$ of
# them have exactly $r$ heads.  So the chance of exactly $r$ heads is
# $\binom{n_{AB} + n_{BA}}{r} 2^{-(n_{AB} + n_{BA})}$, a term of the sum
# below.  Adding these up from $r = 0$ to $\min(n_{AB}, n_{BA})$ gives the
# chance of a split at least as uneven as ours towards one side, and
# doubling it counts the other side too:
#
# $$
# \begin{aligned}
# \text{p-value} = \min\Bigl(1,\; & 2 \sum_{r=0}^{\min(n_{AB}, n_{BA})} \binom{n_{AB} + n_{BA}}{r} \\
# & \times 2^{-(n_{AB} + n_{BA})}\Bigr).
# \end{aligned} \tag{6.4}
# $$
#
# Why the $\min(1, \dots)$?  When $n_{AB} = n_{BA}$, the two sides share
# their middle term, $r = n_{AB}$, and the doubling counts it twice, so the
# doubled sum can exceed 1; a chance can be at most 1.
#
# A small p-value (below 0.05, say) means that equally good models rarely
# split their disagreements this unevenly, so the difference is unlikely
# to be luck.  A large p-value means only that these images cannot tell
# the two models apart.  It does not mean that the models are equally
# good.
#
# How large is the difference itself, and how sure is it?  Write $D_i$
# for what image $i$ adds to $n_{AB} - n_{BA}$: $+1$ if only A gets it
# right, $-1$ if only B does, and 0 if the two agree.  The difference in
# accuracy, $(n_{AB} - n_{BA}) / n$ on $n$ images, is the mean of the
# $D_i$.  Three rules about variances give its standard error.
#
# - A variance is the mean square less the square of the mean:
#   $\operatorname{Var}(D_i) = \mathbb{E}[D_i^2] - (\mathbb{E}[D_i])^2$.
#   (Expand the square in $\mathbb{E}[(D_i - \mathbb{E}[D_i])^2]$.)
# - The variance of a sum, or of a difference, of independent variables
#   is the sum of their variances.
# - A variable multiplied by a number has its variance multiplied by
#   the square of that number.
#
# $D_i^2$ is 1 on a disagreement and 0 otherwise, so $\mathbb{E}[D_i^2]$ is
# the share of images on which the models disagree, which we estimate by
# $(n_{AB} + n_{BA})/n$.  $\mathbb{E}[D_i]$ is the difference in accuracy
# itself, which is small when the models are close, and its square is
# smaller still, so we leave it out.  The mean of $n$ independent $D_i$ is
# their sum times $1/n$: by the second rule the sum has $n$ times the
# variance of one, and by the third the factor $1/n$ divides that by
# $n^2$.  So the mean has the variance $\operatorname{Var}(D_i)/n$, about
# $(n_{AB} + n_{BA})/n^2$, and its square root is the standard error:
#
# $$
# \operatorname{SE}(\widehat{\mathrm{acc}}_A - \widehat{\mathrm{acc}}_B) \approx \frac{\sqrt{n_{AB} + n_{BA}}}{n}. \tag{6.5}
# $$
#
# When two models disagree on about 250 of 10,000 images, (6.5) is about
# 0.16 points, far below the 0.27 points of one accuracy: the images that
# both get right, or both wrong, add noise to each accuracy but none to
# the difference.  The chapters print it beside McNemar's p-value.
#
# Learning curves: how much data is enough?
# -----------------------------------------
#
# A *learning curve* shows how a model's accuracy grows with the number
# of images it learns from.  We train chapter 5's model on the first 300,
# 1000, 3000, 10,000 and 50,000 training images, and score each on its
# own training images and on the validation images.  Each run uses
# chapter 5's settings: batches of 100, and a rate of 2.0 falling
# linearly to 0 over the run.  Each takes about 1000 steps, the same
# number of steps whatever the size, so the number of epochs is chosen to
# match (``experiments.learning_curve``): 2 epochs of 50,000 images, for
# instance, which is chapter 5's run itself.
#
# The same number of steps does not bring every size equally close to
# the end of its training, so the table also shows how far each run is
# from a minimum of its cost.  At a minimum the cost's gradient (5.6) is
# zero, so we print the gradient's length,
# $\lVert (dW, db) \rVert = \sqrt{\lVert dW \rVert^2 + \lVert db \rVert^2}$,
# computed on the run's own training images where its training stopped.

# %%
rows = learning_curve(X, y, X_val, y_val, [n for n in SIZES if n <= len(y)], seed=args.seed,
                      steps=args.steps)
print(" images    train   validation (95 % interval)   gradient")
for n, train, hits, gradient in rows:
    low, high = wilson_interval(int(hits.sum()), hits.size)
    print(f"{n:7d}  {train:6.2f} %   {100 * hits.mean():6.2f} %  ({100 * low:.2f} to "
          f"{100 * high:.2f} %)   {gradient:.1e}")

# %%
bands = [wilson_interval(int(hits.sum()), hits.size) for _, _, hits, _ in rows]
sizes = [n for n, *_ in rows]
save(accuracy_curves(sizes,
                     {"accuracy on training images": np.array([train for _, train, *_ in rows]),
                      "accuracy on validation images (shaded: 95 % interval)": (
                          np.array([100 * hits.mean() for _, _, hits, _ in rows]),
                          100 * np.array([band[0] for band in bands]),
                          100 * np.array([band[1] for band in bands]))},
                     xlabel="training images (log scale)", log_x=True, ticks=sizes,
                     title=f"Learning curve: softmax regression, about {args.steps} steps each"),
     args, "06_learning_curve.png")

# %% [markdown]
# The figure's x axis is on a log scale: each step to the right multiplies
# the number of images, rather than adding to it.  The shaded band is the
# validation accuracy's 95 % interval (6.3).
#
# What to look for: on 300 images the model gets every training image
# right (100 %), but only 81.60 % of the validation images: it has learnt
# those 300 images, not digits.  With more data the training accuracy
# falls and the validation accuracy rises, until on 50,000 images they are
# 92.72 % and 91.88 %.  The gap between the two curves is the
# *generalisation gap*: how much better the model does on the images it
# learnt from than on new ones, because it has too little data for its
# 7,850 parameters.  A large gap is the mark of *overfitting*: the model
# has fitted its training images, accidents and all, so closely that it
# does worse on new images than a less closely fitted model would.  What
# is left where the curves meet, the error that more data would not
# remove, is the *limit of a linear model*.  (Many books call the gap the
# *variance* and the limit the *bias*.  This book keeps those words for
# the variance of (6.2) and for the biases $b$.)
#
# The gradient column warns us not to read that meeting point too
# literally.  The run on 50,000 images ends with the longest gradient,
# 2.1e-02, ten times that of the run on 300: by this measure it is the
# furthest from a minimum.  The small runs have a different problem.  A
# model that gets every training image right can always lower its cost
# further by making its weights larger (its probabilities more
# confident), so their cost has no minimum at all, and no number of steps
# would finish them.  Training every size until its gradient is shorter
# than one common tolerance would take this chapter many times as long
# (below, four times the steps shorten the 50,000-image run's gradient by
# less than half), and on the small sets it would only grow their weights.
# So we keep the equal number of steps, and measure instead what more
# training does to the 50,000-image run.

# %%
longer = 4 * args.steps  # four times the steps, on the largest training set
[(n, train_long, hits_long, gradient_long)] = learning_curve(
    X, y, X_val, y_val, [rows[-1][0]], seed=args.seed, steps=longer)
n, train, hits, gradient = rows[-1]
print(f"{n} images, about {longer} steps instead of {args.steps}:")
print(f"  train {train:.2f} % -> {train_long:.2f} %, validation {100 * hits.mean():.2f} % -> "
      f"{100 * hits_long.mean():.2f} %")
print(f"  the gradient's length: {gradient:.1e} -> {gradient_long:.1e}")
print(f"paired on the validation images, {longer} steps against {args.steps}:")
paired(hits_long, hits, f"{longer} steps", f"{args.steps} steps")

# %% [markdown]
# What to look for: four times the steps (8 epochs instead of 2) raise
# the training accuracy by 0.78 points, to 93.50 %, and shorten the
# gradient by about two fifths; the run is still not at a minimum.  On
# the validation images, paired, the longer run is right on 91 images that
# the shorter one gets wrong, and wrong on 77 that it gets right: a
# difference of 0.14 points, about one standard error (0.13).  The
# p-value, 0.32, says that these images cannot tell the two runs apart.
# It does not say that the longer training gains nothing.
#
# This is the comparison that chapter 5's record of settings makes for
# 8 epochs at rate 2.0 with random seed 0, and the two agree.  Over its
# 12 seeds the record finds a gain of about a quarter of a point (+0.25
# points on average), with the longer training ahead on every seed.  The
# gain here is smaller, 91.88 % to 92.02 %, because seed 0's 2-epoch run
# is the luckiest of the 12 (its 91.88 % is their highest).  One seed
# cannot even rule out the luck of the seed; 12 seeds out of 12 rule that
# out, but not the luck of these 10,000 validation images, which all 12
# share.
#
# So at 50,000 images the two curves have not met, and with more training
# they move *apart*: the training accuracy rises by 0.78 points, the
# validation accuracy by only 0.14, staying near 92 %.  The gap of 0.84
# points at 1000 steps understates the generalisation gap, and the error
# read where the curves seem to meet, about 8 %, mixes the limit of a
# linear model with the error of stopping its training early.  The best a
# linear model can do on new images of this kind is at least what this
# one does, about 92 %.  (That is a validation score of settings chosen
# on the validation images, so by (6.1) it may be a little optimistic;
# chapter 5's test score, 92.25 %, is the honest one.)  How much more,
# this figure cannot say.  What it does show plainly is that the
# validation curve rises more and more slowly: more data would help a
# little, and a better model (or better pixels, chapter 9) more.
#
# The L2 path: a penalty where it matters
# ---------------------------------------
#
# Chapter 5's option ``--l2`` adds the penalty
# $\frac{\lambda}{2}\lVert W \rVert^2$ to the cost, making it $J_\lambda$
# (5.4), which pulls the weights towards 0.  On 50,000 images it changes
# almost nothing (exercise 2 of chapter 5).  On a small training set,
# where the model can fit every image, it should matter more.  On the
# first 1000 training images, we train one model for each of eight
# penalties, and score it on the validation images.  Each is trained like
# the learning curve's runs: 1000 steps (100 epochs of 10 batches of 100),
# at a rate of 2.0 falling linearly to 0.  The penalty chosen is the one
# with the highest validation accuracy, and we compare it, paired, with no
# penalty and with the runner-up:

# %%
path = l2_path(X[:small], y[:small], X_val, y_val, L2S, seed=args.seed, steps=args.steps)
print("     l2    train   validation")
for l2, _, train, hits in path:
    print(f"{l2:7g}  {train:6.2f} %   {100 * hits.mean():6.2f} %")
best, runner_up = sorted(range(len(path)), key=lambda i: path[i][3].mean(), reverse=True)[:2]
chosen_l2, (W_l2, b_l2) = path[best][0], path[best][1]
print(f"chosen on validation: l2 = {chosen_l2:g}")
print("paired on the validation images, against no penalty:")
paired(path[best][3], path[0][3], f"l2 = {chosen_l2:g}", "no penalty")
print("paired on the validation images, against the runner-up:")
paired(path[best][3], path[runner_up][3], f"l2 = {chosen_l2:g}", f"l2 = {path[runner_up][0]:g}")

# %%
shown = [(l2, train, hits) for l2, _, train, hits in path if l2 > 0]
save(accuracy_curves([l2 for l2, _, _ in shown],
                     {"accuracy on training images": np.array([t for _, t, _ in shown]),
                      "accuracy on validation images":
                          np.array([100 * h.mean() for *_, h in shown])},
                     flat={"accuracy on training images":
                               (path[0][2], "training images, no penalty (λ = 0)"),
                           "accuracy on validation images":
                               (100 * path[0][3].mean(), "validation images, no penalty (λ = 0)")},
                     xlabel="λ, the penalty's strength (--l2), log scale", log_x=True,
                     ticks=[l2 for l2, _, _ in shown], chosen=chosen_l2,
                     title=f"The L2 path on {small} training images"),
     args, "06_l2_path.png")

# %% [markdown]
# What to look for: with no penalty, the model gets 100 % of its training
# images and 86.33 % of the validation images right (the dashed lines: a
# penalty of 0 has no place on a log scale).  As $\lambda$ grows, the
# training accuracy falls (the weights can no longer fit every image) and
# the validation accuracy rises, to 87.18 % at $\lambda = 0.01$.  It then
# falls, when the penalty shrinks even the weights that help on new
# images.
#
# Paired on the same images, the chosen penalty gets 262 images right that
# no penalty gets wrong, and 177 the other way: a gain of 0.85 points,
# about four standard errors (0.21).  McNemar's p-value is far below 0.05,
# so the gain is unlikely to be the luck of these images.  Which penalty is
# best is less clear.  The runner-up, $\lambda = 0.003$ (87.00 %), is 0.18
# points behind, about one standard error (0.15), with a p-value of 0.27:
# these images cannot tell the two apart.  And $\lambda$ was chosen as the
# best of eight on these same images, so by (6.1) its 87.18 % is a little
# optimistic.  The test score below is the honest one.
#
# The penalty as a prior
# ----------------------
#
# The penalty has a second reading, from probability.  Before seeing any
# image, what would we guess about a weight?  A guess about unknown
# numbers, written as a probability distribution before the data, is
# called a *prior*.  A weight is a real number, so the prior gives it a
# *density* rather than a probability for each value: a curve whose area
# over an interval is the probability of landing there.  A natural prior
# says that each weight is probably near 0.  It is the *Gaussian*, or
# normal, bell-shaped density with mean 0 and some *variance* (the mean
# squared distance from 0; its square root is the *standard deviation*,
# the typical size):
# $e^{-W_{j\ell}^2 / (2 \cdot \text{variance})} / \sqrt{2 \pi \cdot \text{variance}}$.
# Each weight is drawn
# independently, so the prior of all of them is the product of these
# densities.  The biases get no term: every value is as welcome as any
# other.
#
# *Bayes' rule* turns the prior into a *posterior*, the density of the
# weights once the labels are known.  It is the likelihood of the labels
# given the weights (the product of the $P_{i y_i}$, as in chapters 2 and
# 5) times the prior, divided by the overall probability of the labels,
# which does not depend on the weights.  So the posterior is proportional
# to the likelihood times the prior.  Take minus its logarithm.  The
# likelihood gives $-\sum_i \log P_{i y_i}$, which is $m$ times the first
# term of (5.4).  The product of the prior's densities gives the sum of
# $W_{j\ell}^2 / (2 \cdot \text{variance})$ over the weights.  Now pick
# the variance so that this matches the penalty: with the variance
# $1/(m\lambda)$ it is $\frac{m\lambda}{2} \lVert W \rVert^2$, $m$ times
# the second term.  The factors in front of each density and the
# probability of the labels do not depend on the weights, and give a
# constant:
#
# $$
# \begin{aligned}
# & -\log\bigl(\text{likelihood} \times \text{prior}\bigr) \\
#   &\quad = -\sum_{i=1}^{m} \log P_{i y_i} + \frac{m\lambda}{2} \lVert W \rVert^2
#      + \text{const} \\
#   &\quad = m\, J_\lambda(W, b) + \text{const}.
# \end{aligned} \tag{6.6}
# $$
#
# The logarithm rises with its argument, so the weights that make the
# posterior largest make minus its logarithm smallest; multiplying by the
# positive number $m$ and adding a constant does not move that minimum.
# So the weights that minimise $J_\lambda$ are the peak of the posterior:
# the *maximum a posteriori*, or *MAP*, estimate.  Training with a penalty
# is finding the peak of the posterior under a Gaussian prior.
#
# Note the $m$.  The prior's *precision*, one over its variance, is
# $m\lambda$, not $\lambda$: since $J_\lambda$ is a mean over the $m$
# images, the same $\lambda$ on more images stands for a narrower prior,
# and to keep the same prior $\lambda$ must shrink like $1/m$.  And
# choosing $\lambda$ on the validation images, as above, is choosing the
# prior's width from data, not fixing it before seeing any: a practical
# shortcut, not a belief held in advance.  The cell prints the prior that
# the chosen penalty stands for, and the size of the weights learned with
# and without it (their root mean square, the typical distance from 0).

# %%
W_free = path[0][1][0]  # the weights trained with no penalty
if chosen_l2 > 0:
    prior_sd = 1 / np.sqrt(small * chosen_l2)
    print(f"l2 = {chosen_l2:g} on m = {small} images: a prior of variance "
          f"1/(m l2) = {prior_sd ** 2:.3g},")
    print(f"  a standard deviation of {prior_sd:.2f} for each weight")
    for name, weights in (("that penalty (MAP)", W_l2), ("no penalty", W_free)):
        largest = np.abs(weights).max()
        print(f"the weights with {name}: root mean square "
              f"{np.sqrt(np.mean(weights ** 2)):.3f},\n  largest |W| {largest:.2f}, "
              f"{largest / prior_sd:.1f} prior standard deviations")

# %% [markdown]
# What to look for: the chosen $\lambda = 0.01$ on 1000 images stands for
# a prior standard deviation of about 0.32 for each weight.  The weights
# the penalised model learned are typically far smaller than that
# (0.069), and far smaller than the weights learned with no penalty
# (0.208).  That is no contradiction: the MAP estimate is the peak of the
# posterior, not a draw from the prior, and for a weight the data say
# little about, such as that of a pixel blank in every image, the peak
# stays at 0.  The largest penalised weight is about 1.3 prior standard
# deviations, a size the prior finds ordinary; the largest weight learned
# with no penalty is about 3.9, one it finds most unlikely.
#
# When no minimum exists: images a hyperplane splits
# --------------------------------------------------
#
# The learning curve above said that a model which gets every training
# image right has no minimum of its cost, and the model trained with no
# penalty on the small set got all its training images right.  Here is
# why, on the simplest case, and what the penalty changes.  Take the
# yes-or-no question "is it a 1?" asked of the 0s and 1s among the small
# training set, a binary model (chapter 2) with weights $w$ and bias $b$.
#
# Call the training images *linearly separable* when some hyperplane has
# all the 1s on one side and all the 0s on the other: some $w$ and $b$
# give every 1 a positive logit and every 0 a negative one, so that the
# model answers every training image right.  Chapter 4 showed that
# multiplying $w$ and $b$ by a number $\omega > 0$ keeps the boundary,
# and so every answer.  It changes the cost, though.  By (2.10), the loss of an
# image labelled 1 is $\log(1 + e^{z}) - z = \log(1 + e^{-z})$, and that
# of an image labelled 0 is $\log(1 + e^{z})$.  An image on its own side
# of the boundary has $z > 0$ if it is a 1 and $z < 0$ if it is a 0, so
# either way its loss is $\log(1 + e^{-\lvert z \rvert})$.  Multiplying
# $w$ and $b$ by $\omega$ multiplies every logit by $\omega$.  So when
# $w$ and $b$ put every image $i$ on its own side, with the logit $z_i$ (the logit
# under $w$ and $b$, before the scaling), the cost over the $m$ images
# (here, the 0s and 1s) is
#
# $$
# \begin{aligned}
# & J(\omega\,w, \omega\,b) \\
# & \quad = \frac{1}{m} \sum_{i=1}^{m} \log\bigl(1 + e^{-\omega \lvert z_i \rvert}\bigr) \\
# & \quad \to 0 \quad \text{as } \omega \to \infty.
# \end{aligned} \tag{6.7}
# $$
#
# Each term falls as $\omega$ grows, because $e^{-\omega \lvert z_i \rvert}$ does,
# and tends to $\log 1 = 0$.  Yet no model has the cost 0, since every
# image's loss is above 0 (chapter 2).  So the cost has no least value:
# whatever $w$ and $b$ we reach, their cost is above 0, and far enough
# along the ray of a separating model, (6.7) is lower still.  This is why
# there is no minimum to find.  And a cost near 0 needs every loss near
# 0: a large positive logit for every 1 and a large negative one for
# every 0.  The bias alone cannot give both, and with the pixels in
# $[0, 1]$ a short $w$ cannot either.  So gradient descent keeps finding
# lower costs by making $w$ longer, without end, and by (4.6) its
# probabilities are pushed toward 0 and 1, even for images near the
# boundary.
#
# The penalty mends this.  Since the cost $J$ is never below 0, the
# penalised cost $J_\lambda = J + \frac{\lambda}{2} \lVert w \rVert^2$
# (chapter 5's (5.4), for one model's $w$) is at least its penalty, and a long $w$ costs more than the start
# $w = 0$, $b = 0$, where every probability is $\tfrac12$ and
# $J_\lambda = \log 2$ (chapter 2):
#
# $$
# \begin{aligned}
# J_\lambda(w, b) &\geq \frac{\lambda}{2} \lVert w \rVert^2 \\
# &> \log 2 = J_\lambda(0, 0) \\
# &\text{if } \lVert w \rVert^2 > \frac{2 \log 2}{\lambda}.
# \end{aligned} \tag{6.8}
# $$
#
# So the lowest cost, if it exists, has a $w$ no longer than
# $\sqrt{2 \log 2 / \lambda}$.  The bias cannot run away either.  With
# $w$ that short and the pixels in $[0, 1]$, every $w^\top x$ stays
# within fixed limits, so a very large $b$ gives every 0 a large positive
# logit and a large loss, and a very negative $b$ does the same to every
# 1 (there are images of both labels).  So the search can stop at a
# region of $(w, b)$ that is bounded (and includes its edge).  A function
# that changes continuously has a least value on such a region (the
# *extreme value theorem* of calculus), so the minimum exists.  It is also
# the only one.  Along a direction $\delta$ of length 1, with weight part
# $\delta_w$ and bias part $\delta_b$, the penalty adds the curvature
# $\lambda \lVert \delta_w \rVert^2$ to the curvature (3.4) of $J$, which is
# never negative.  If $\delta_w \neq 0$, that is above 0.  If
# $\delta_w = 0$, the direction moves the bias alone, and (3.4) is
# $\delta_b^2$ times the mean of the $a_i (1 - a_i)$, above 0 too.  A
# cost that curves upward along every direction has at most one lowest
# point.
#
# The cell runs gradient descent on the 0s and 1s for up to 10,000 steps,
# once with no penalty and once with $\lambda = 0.01$ (the penalty chosen
# above for ten digits), from $w = 0$, $b = 0$, at one fixed rate that is
# safe for both.  (The rate is $1.9 / L$, where $L$ is the most the cost
# can curve along any direction.  Since $a_i (1 - a_i) \leq \tfrac14$
# everywhere, the curvature (3.4) along any direction is at most its value
# at $w = 0$, $b = 0$, where every $a_i (1 - a_i)$ is $\tfrac14$; $L$ is
# the largest of those, plus $\lambda$ for the penalty.  A rate below
# $2 / L$ is safe by chapter 3's (3.7).  Chapter 7 derives $L$ in full,
# as ``experiments.curvature_bound``.)  It prints, after 1, 10, 100, 1000
# and 10,000 steps, the cost ($J$, and $J_\lambda$ for the penalised run),
# the length $\lVert w \rVert$, and the training accuracy.  For the run
# with no penalty it also prints the *margin*: the least signed distance
# (4.5) of a training image from the boundary, counted as positive on the
# image's own side.  When every image is right, that is the distance of
# the image nearest the boundary; otherwise it is negative, minus the
# distance of the image farthest on the wrong side.
# For the penalised run it prints instead the length of the gradient
# $\lVert g \rVert$, which is 0 at a minimum.

# %%
pair = np.isin(y[:small], (0, 1))
X01, y01 = X[:small][pair], (y[:small][pair] == 1).astype(int)
sign = 2 * y01 - 1  # +1 for a 1, -1 for a 0: the side each image belongs on
print(f"0s and 1s among the small training set: {len(y01)} images ({y01.sum()} 1s)")
if min(y01.sum(), len(y01) - y01.sum()) == 0:
    parser.exit(1, "error: this part needs 0s and 1s among the small training set: give a "
                   "larger --num-train\n")
SEPARABLE_L2, CHECKPOINTS = 0.01, (1, 10, 100, 1000, 10_000)
L, _ = curvature_bound(X01, SEPARABLE_L2, most=0.25)  # the binary cost: a(1 - a) <= 1/4
rate01 = 1.9 / L
print(f"gradient descent at rate {rate01:.3f} (1.9 / L, L = {L:.2f}), from w = 0, b = 0")
for l2 in (0.0, SEPARABLE_L2):
    print("no penalty:" if l2 == 0 else f"l2 = {l2:g}:")
    print("   steps " + ("      cost" if l2 == 0 else "      J_l2") + "    ||w||  train acc.  "
          + ("  margin" if l2 == 0 else "   ||g||"))
    run = descent(np.zeros(X01.shape[1]), 0.0, X01, y01, l2=l2, rate=rate01)
    for t, (cost, _, w01, b01) in enumerate(run):  # t = 0 is the start
        if t in CHECKPOINTS:
            z01 = X01 @ w01 + b01
            if l2 == 0:  # the nearest image's signed distance (4.5), + on its own side
                last = f"{np.min(sign * distance_to_boundary(w01, b01, X01)):8.3f}"
            else:  # the length of the penalised gradient (10.1)
                _, dw01, db01 = penalised(w01, b01, X01, y01, l2=l2)
                last = f"{np.linalg.norm(np.append(dw01, db01)):8.1e}"
            print(f"  {t:6,d}  {cost:8.2e}  {np.linalg.norm(w01):7.3f}  "
                  f"{100 * np.mean((z01 > 0) == y01):6.2f} %  {last}")
        if t == CHECKPOINTS[-1]:
            break
w_min, b_min, _ = newton(np.zeros(X01.shape[1]), 0.0, X01, y01, l2=SEPARABLE_L2)
print(f"the penalised minimum (Newton's method, chapter 10): ||w|| = "
      f"{np.linalg.norm(w_min):.3f},\n  at most sqrt(2 log 2 / l2) = "
      f"{np.sqrt(2 * np.log(2) / SEPARABLE_L2):.2f} by (6.8)")

# %% [markdown]
# What to look for: with no penalty, these images are separable.  From
# step 100 on, every training image is right and the margin is positive:
# the nearest image is 0.30 from the boundary, on its own side.  From
# then on the cost keeps falling, about tenfold for every tenfold more
# steps, and the length of $w$ keeps growing, by about 1 for every
# tenfold more steps.  Neither settles, and no number of steps would make
# them: the run has no minimum to reach, as (6.7) said.
#
# The margin keeps growing too, from 0.30 to 1.11 to 1.39: while $w$
# grows, its direction keeps turning, so that the boundary moves away
# from the images nearest it.  Soudry and colleagues proved in 2018 that
# on separable data, gradient descent's direction tends to a
# *maximum-margin* direction: that of the hyperplane whose nearest images
# are as far from it as they can be.  (They count the bias as one more
# weight, so their hyperplane is a close relative of the boundary of a
# *support vector machine*, a method many courses teach next.)  It gets
# there only slowly: the direction settles like one over the logarithm of
# the number of steps.
#
# With $\lambda = 0.01$ the run settles.  The length of $w$ rises to 1.76
# by step 1,000 and comes back to 1.69 by step 10,000: the length of the
# minimum that Newton's method finds, 1.69, far inside the bound
# $\sqrt{2 \log 2 / \lambda} = 11.77$ of (6.8).  The gradient's length
# falls toward 0.  The penalised model also gets every
# training image right: the penalty does not make the images less
# separable, it makes the cost choose one length of $w$.  The same holds
# for the ten-digit model on 1000 images above.  With no penalty it got
# every training image right, each image's own digit scoring the highest
# logit.  Multiplying $W$ and $b$ by $\omega$ multiplies every
# difference of two logits by $\omega$, so as $\omega$ grows each
# image's probability of its own digit, $P_{i y_i}$ in (5.1), tends to 1 and the cost (5.4) with no
# penalty tends to 0, without reaching it.  So that model had no minimum
# either: it stopped where its steps ran out.

# %% [markdown]
# Early stopping
# --------------
#
# Training for longer fits the training images more and more closely.
# So, on a small training set, we expect that after some point the model
# starts to overfit (in the sense of the learning curves above): its
# validation accuracy stops rising, and then falls.  A third way to keep a
# model from overfitting is to stop training before that point: score the
# validation images after every epoch, and keep the weights of the best
# epoch.  This is *early stopping*.
#
# We use the same 1000 images, no penalty, and 100 epochs at a constant
# rate of 2.0.  Why constant?  With chapter 5's schedule (5.8), the rate
# at each step depends on how long the whole run is planned to be, so the
# weights after epoch 44 of a 100-epoch run are not those of a 44-epoch
# run.  With a constant rate they are: stopping after any epoch gives
# exactly the model that a run of that length would have given.

# %%
train_curve, val_curve, best_epoch, W_stop, b_stop = early_stopping(
    X[:small], y[:small], X_val, y_val, epochs=args.iterations, rate=args.rate, seed=args.seed)
print(f"best validation accuracy after epoch {best_epoch}: {val_curve[best_epoch - 1]:.2f} % "
      f"(train {train_curve[best_epoch - 1]:.2f} %)\nafter the last, epoch {len(val_curve)}: "
      f"{val_curve[-1]:.2f} % (train {train_curve[-1]:.2f} %)")

# %%
epochs = np.arange(1, len(val_curve) + 1)
plateau = val_curve[len(val_curve) // 5:]  # the validation accuracy after the first fifth
zoomed = (np.floor(4 * plateau.min()) / 4 - 0.25, np.ceil(4 * plateau.max()) / 4 + 0.25)
save(accuracy_curves(epochs, {"accuracy on training images": train_curve,
                              "accuracy on validation images": val_curve},
                     xlabel="epoch", chosen=best_epoch,
                     zoom=("accuracy on validation images", zoomed),
                     title=f"Early stopping on {small} training images, constant rate"),
     args, "06_early_stopping.png")

# %% [markdown]
# What to look for: the training accuracy climbs to 100 % by about epoch
# 20.  The validation accuracy rises fast and then stays on a plateau
# near 86 %, instead of falling: on 1000 images this model overfits only
# mildly.  The lower panel zooms in on the validation curve.  The best
# epoch, 44, scores 86.44 %, and the last 86.21 %: 23 images in 10,000,
# less than one standard error of one accuracy here (0.34 points, (6.2)).
# Even that small lead is flattered, because epoch 44 is the best of 100
# noisy scores on these same images (6.1).  Here all 100 epochs were
# trained, to draw the curves.  Early stopping would save time, if
# training stopped once the validation score stopped improving; in
# accuracy, it gains little here, if anything.
#
# The test images, once
# ---------------------
#
# Two settings were chosen on the validation images: the penalty, and
# the epoch to stop at.  Each chosen model now meets the test images,
# once, and the two are compared on them, image by image.

# %%
right_l2, right_stop = right(W_l2, b_l2, X_test, y_test), right(W_stop, b_stop, X_test, y_test)
print(f"l2 = {chosen_l2:g} (chosen): test accuracy\n  {describe_accuracy(right_l2)}")
print(f"stopped after epoch {best_epoch}: test accuracy\n  {describe_accuracy(right_stop)}")
print("paired, on the test images:")
paired(right_l2, right_stop, "the penalty", "early stopping")
show(args)

# %% [markdown]
# What to look for: the penalised model reads 87.92 % of the test images
# right, and the model stopped early 86.98 %.  Both numbers are honest
# estimates, because nothing was chosen on these images.
#
# The penalised model's test score, 87.92 %, is higher than its
# validation score, 87.18 %, which (6.1) called a little optimistic.  That
# is no contradiction.  (6.1) is about the mean over many draws of the
# images: on average the chosen setting's validation score is too high,
# but in one draw other images can score higher.  The validation and the
# test images are different images, and one set of 10,000 can simply be
# easier than another: chapter 5's model, too, scored higher on the test
# images (92.25 %) than on the validation images (91.88 %).  Because the
# two scores come from different images, they cannot be paired, and the
# standard error of their difference is that of two independent
# accuracies, $\sqrt{0.33^2 + 0.33^2} \approx 0.47$ points.  The
# difference, 0.74 points, is about 1.6 of them: well within what chance
# gives.
#
# Paired on the same test images, the penalised model is right on 234
# images that the other gets wrong, and wrong on 140 that it gets right.
# The difference, 0.94 points, is about five standard errors (0.19) from
# zero, and the p-value is tiny: on these test images the penalised model
# beats the model stopped early, and that is unlikely to be the luck of
# the images.  How far does that go?  It is one run of each, with one
# seed, on one set of 1000 training images.  And the two runs differ in
# more than how they hold back overfitting: the penalised model was
# trained with the rate falling linearly to 0, the stopped one with a
# constant rate.  So this shows that this penalised model beats this
# stopped model, not that a penalty beats early stopping in general.
#
# Summary
# -------
#
# - Settings are chosen on validation images, and the test images are
#   scored once: the best of several noisy scores is biased upwards (6.1).
# - An accuracy measured on $n$ images has the standard error
#   $\sqrt{\mathrm{acc}\,(1 - \mathrm{acc})/n}$ (6.2), and Wilson's
#   interval (6.3) gives the range of true accuracies it does not
#   contradict; intervals made this way contain the true accuracy 95 times
#   in 100.
# - Two models scored on the same images are compared by the images on
#   which they disagree: McNemar's test (6.4), and the standard error of
#   their difference (6.5), far smaller than that of one accuracy.  A
#   large p-value means the images cannot tell the two apart, not that
#   they are equal.
# - A learning curve shows how much of the error comes from too little
#   data (the generalisation gap) and how much from the model itself (the
#   limit of a linear model); read it knowing how far each run's training
#   went.
# - A penalty, chosen on validation images, helps where the data are few.
#   Early stopping barely helped here: the validation accuracy did not
#   fall with longer training.
# - The L2 penalty is a Gaussian prior on the weights, of precision
#   $m\lambda$: the penalised minimum is the peak of the posterior, the MAP
#   estimate (6.6).
# - When a hyperplane splits the training images without a mistake, the
#   cost has no minimum: scaling up a separating $w$ and $b$ lowers it
#   toward 0 (6.7),
#   and gradient descent's $w$ grows without end while its direction turns
#   slowly toward the maximum-margin hyperplane.  The L2 penalty bounds
#   the length of $w$ (6.8), and gives the cost one finite minimum.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Run the L2 path on 3000 images (``--num-train 3000``).  Which penalty
#    wins now, and by how much?  Can the validation images tell that gain
#    from luck?  What would you expect of the best penalty, and of what it
#    gains, as the data grow, and why?
# 2. Choose the penalty on the *test* images instead: in the cell that
#    chooses it, rank the models of the path by their test accuracy,
#    ``right(W, b, X_test, y_test).mean()`` for each model's ``(W, b)``,
#    instead of by their validation accuracy.  Which penalty wins?
#    Compare its test score with its validation score, and explain with
#    (6.1) why a score on the images that made the choice cannot be taken
#    at face value.
# 3. Write ``wilson_interval`` (6.3) and ``mcnemar`` (6.4) yourself in
#    ``exercises/e9_uncertainty.py`` (the exercise files are numbered by
#    the package's steps, not by the chapters), and grade them with
#    ``.venv/bin/python -m logreg_from_scratch.exercises check
#    exercises/e9_uncertainty.py``.
#
# With pen and paper (answers: ``exercises/DERIVATIONS.md``):
#
# 4. Derive (6.2): write $\widehat{\mathrm{acc}}$ as the mean of $n$
#    independent variables, each 1 with probability $\mathrm{acc}$ and 0
#    otherwise.  Use the rules of the section on two models: a variance is
#    the mean square less the square of the mean; the variances of
#    independent variables add; and a variable multiplied by a number has
#    its variance multiplied by the square of that number.
# 5. Derive (6.3): square
#    $|\widehat{\mathrm{acc}} - \mathrm{acc}| = q\sqrt{\mathrm{acc}\,(1 - \mathrm{acc})/n}$
#    and solve the quadratic in $\mathrm{acc}$.
# 6. A prior on the biases too.  Give each bias the same Gaussian prior as
#    the weights, of variance $1/(m\lambda)$.  Show, as for (6.6), that the
#    MAP estimate then minimises $J_\lambda$ plus
#    $\frac{\lambda}{2} \lVert b \rVert^2$.  Why might one not want that?
#    (Think of what the biases do for a digit that is rarer than the
#    others.)
# 7. Separable images.  Differentiate one term of (6.7),
#    $\log(1 + e^{-\omega \lvert z_i \rvert})$, with respect to
#    $\omega$, and show that the derivative is
#    $-\lvert z_i \rvert\, \sigma(-\omega \lvert z_i \rvert)$, negative
#    whenever $z_i \neq 0$.  Then explain why, on separable
#    images, the gradient of $J$ is 0 nowhere, so that gradient descent
#    never stops by itself.  (Chapter 2 showed that $J$ is convex, and a
#    convex function whose gradient is 0 at a point is lowest there.)
