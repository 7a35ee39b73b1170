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
from logreg_from_scratch.experiments import (L2S, SIZES, early_stopping, l2_path,
                                             learning_curve, right)
from logreg_from_scratch.plots import accuracy_curves
from logreg_from_scratch.uncertainty import describe_accuracy, mcnemar, wilson_interval



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
print(f"{len(y)} training, {len(y_val)} validation and {len(y_test)} test images")
print(f"the small training set: the first {small}")


def paired(right_a, right_b, name_a, name_b):
    """Print how two models scored on the same images differ: McNemar's test (6.4)."""
    only_a, only_b, p_value = mcnemar(right_a, right_b)
    print(f"  right with {name_a} only: {only_a} images; with {name_b} only: {only_b}")
    print(f"  McNemar's exact p-value: {p_value:.2g}")

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
# $\widehat{\mathrm{acc}}_A$ for the one measured on our images.  The
# measured accuracy is right on average,
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
# The reason: the maximum of the measured accuracies is at least each one
# of them, so its mean is at least each one's mean, that is at least each
# true accuracy, and so at least the largest of them.  The two sides are
# equal only when the same setting wins on every draw of the images; when
# several settings are close, the winner's score is too high.  The test
# images take no part in the choice, so their score of the winner is not
# biased in this way.
#
# How sure is one accuracy?
# -------------------------
#
# How large is the noise?  Suppose each image is right with probability
# $\mathrm{acc}$, independently of the others.  Then the number of images
# right among $n$ is binomial, and the accuracy measured on them,
# $\widehat{\mathrm{acc}}$, has the variance and standard error (SE)
#
# $$
# \begin{aligned}
# \operatorname{Var}(\widehat{\mathrm{acc}}) &= \frac{\mathrm{acc}\,(1 - \mathrm{acc})}{n}, \\
# \operatorname{SE}(\widehat{\mathrm{acc}}) &\approx \sqrt{\frac{\widehat{\mathrm{acc}}\,(1 - \widehat{\mathrm{acc}})}{n}}.
# \end{aligned} \tag{6.2}
# $$
#
# The standard error is the square root of the variance, with the true
# accuracy, which we do not know, replaced by the measured one.  At 92 %
# on 10,000 images it is 0.27 points.  On chapter 2's 500 test images at
# 99 % it is 0.44 points, and one image is 0.2 points there.
#
# A *95 % interval* for the true accuracy is the set of accuracies that
# the measurement does not contradict: those within $q = 1.96$ standard
# errors of it,
# $|\widehat{\mathrm{acc}} - \mathrm{acc}| \leq q \sqrt{\mathrm{acc}\,(1 - \mathrm{acc})/n}$.
# (A normal variable falls within 1.96 standard deviations of its mean
# 95 % of the time.)  This is a quadratic inequality in $\mathrm{acc}$,
# and solving it gives the two ends of *Wilson's interval*
# (``uncertainty.wilson_interval``): a centre, plus or minus a half-width,
#
# $$
# \begin{aligned}
# \mathrm{acc}_{\pm} = {} & \frac{\widehat{\mathrm{acc}} + q^2/(2n)}{1 + q^2/n} \\
# & \pm \frac{q}{1 + q^2/n} \sqrt{\frac{\widehat{\mathrm{acc}}\,(1 - \widehat{\mathrm{acc}})}{n} + \frac{q^2}{4n^2}}.
# \end{aligned} \tag{6.3}
# $$
#
# Unlike the simpler $\widehat{\mathrm{acc}} \pm q\,\operatorname{SE}$,
# Wilson's interval never leaves $[0, 1]$, and it stays reliable for
# accuracies near 100 % and for few images.
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
# be.  That chance is the test's *p-value*: the chance that a fair coin
# tossed $n_{AB} + n_{BA}$ times comes up one way $\min(n_{AB}, n_{BA})$
# times or fewer, doubled to count either side,
#
# $$
# \begin{aligned}
# \text{p-value} = \min\Bigl(1,\; & 2 \sum_{r=0}^{\min(n_{AB}, n_{BA})} \binom{n_{AB} + n_{BA}}{r} \\
# & \times 2^{-(n_{AB} + n_{BA})}\Bigr).
# \end{aligned} \tag{6.4}
# $$
#
# A small p-value (below 0.05, say) means that equally good models rarely
# split their disagreements this unevenly, so the difference is unlikely
# to be luck.  A large p-value means only that these images cannot tell
# the two models apart.  It does not mean that the models are equally
# good.
#
# How large is the difference itself, and how sure is it?  The
# difference in accuracy is $(n_{AB} - n_{BA}) / n$ on $n$ images.  Each
# image adds $+1$ to $n_{AB} - n_{BA}$ if only A gets it right, $-1$ if
# only B does, and 0 if the two agree.  Only the disagreements add
# anything, so only they add noise, and the standard error of the
# difference is about
#
# $$
# \operatorname{SE}(\widehat{\mathrm{acc}}_A - \widehat{\mathrm{acc}}_B) \approx \frac{\sqrt{n_{AB} + n_{BA}}}{n}. \tag{6.5}
# $$
#
# (The variance of one image's $+1$, $-1$ or 0 is the share of
# disagreements less the square of the mean difference, and that square
# is small when the models are close.)  When two models disagree on a few
# hundred of 10,000 images, (6.5) is near 0.15 points, far below the 0.27
# points of one accuracy: the images that both get right, or both wrong,
# add noise to each accuracy but none to the difference.

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
# Learning curves: how much data is enough?
# -----------------------------------------
#
# A *learning curve* shows how a model's accuracy grows with the number
# of images it learns from.  We train chapter 5's model on the first 300,
# 1000, 3000, 10,000 and 50,000 training images, and score each on its
# own training images and on the validation images.  Each is trained for
# about 1000 steps of 100 images, the same number of steps whatever the
# size (``experiments.learning_curve``).
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
save(accuracy_curves([n for n, *_ in rows],
                     {"training images": np.array([train for _, train, *_ in rows]),
                      "validation images": (np.array([100 * hits.mean() for _, _, hits, _ in rows]),
                                            100 * np.array([band[0] for band in bands]),
                                            100 * np.array([band[1] for band in bands]))},
                     xlabel="training images", log_x=True,
                     title=f"Learning curve: softmax regression, about {args.steps} steps each"),
     args, "06_learning_curve.png")

# %% [markdown]
# What to look for: on 300 images the model gets every training image
# right (100 %), but only 81.60 % of the validation images: it has learnt
# those 300 images, not digits.  With more data the training accuracy
# falls and the validation accuracy rises, until on 50,000 images they are
# 92.72 % and 91.88 %.  The gap between the two curves is the
# *variance*: the error that comes from having too little data for the
# model's 7,850 parameters.  What is left where the curves meet, the
# error that more data would not remove, is the *bias* of a linear model.
#
# The gradient column warns us not to read that meeting point too
# literally.  The run on 50,000 images ends with the longest gradient,
# 2.1e-02, ten times that of the run on 300: by this measure it is the
# furthest from a minimum.  The small runs have a different problem.  A model that gets
# every training image right can always lower its cost further by making
# its weights larger (its probabilities more confident), so their cost has
# no minimum at all, and no number of steps would finish them.  Training
# every size until its gradient is shorter than one common tolerance would
# take this chapter many times as long (below, four times the steps
# shorten the 50,000-image run's gradient by less than half), and on the
# small sets it would only grow their weights.  So we keep the equal number of steps, and measure
# instead what more training does to the 50,000-image run.

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
# the shorter one gets wrong, and wrong on 77 that it gets right.  The
# p-value, 0.32, says that these images cannot tell the two runs apart:
# the longer training fits the training images clearly better, but any
# gain on new images is too small for 10,000 of them to show.  (Chapter 5
# found the same over 12 random seeds: training longer gains about a
# quarter of a point on the validation images.)
#
# So at 50,000 images the two curves have not met, and with more training
# they move *apart*: the training accuracy rises by much more than the
# validation accuracy, which stays near 92 %.  The gap of 0.84 points at
# 1000 steps understates the variance, and the error read where the
# curves seem to meet, about 8 %, mixes the bias of a linear model with
# the error of stopping its training early.  The best a linear model can do on new
# images of this kind is at least what this one does, about 92 %; how much
# more, this figure cannot say.  What it does show plainly is that the
# validation curve rises more and more slowly: more data would help a
# little, and a better model (or better pixels, chapter 9) more.
#
# The L2 path: a penalty where it matters
# ---------------------------------------
#
# Chapter 5's option ``--l2`` adds the penalty
# $\frac{\lambda}{2}\lVert W \rVert^2$ to the cost (5.4), which pulls the
# weights towards 0.  On 50,000 images it changes almost nothing
# (exercise 2 of chapter 5).  On a small training set, where the model
# can fit every image, it should matter more.  On the first 1000 training
# images, we train one model for each of eight penalties, each for 1000
# steps, and score it on the validation images.  The penalty chosen is the
# one with the highest validation accuracy:

# %%
path = l2_path(X[:small], y[:small], X_val, y_val, L2S, seed=args.seed, steps=args.steps)
print("     l2    train   validation")
for l2, _, train, hits in path:
    print(f"{l2:7g}  {train:6.2f} %   {100 * hits.mean():6.2f} %")
best = max(range(len(path)), key=lambda i: path[i][3].mean())
chosen_l2, (W_l2, b_l2) = path[best][0], path[best][1]
print(f"chosen on validation: l2 = {chosen_l2:g}\npaired on the validation images:")
paired(path[best][3], path[0][3], f"l2 = {chosen_l2:g}", "no penalty")

# %%
shown = [(l2, train, hits) for l2, _, train, hits in path if l2 > 0]
save(accuracy_curves([l2 for l2, _, _ in shown],
                     {"training images": np.array([t for _, t, _ in shown]),
                      "validation images": np.array([100 * h.mean() for *_, h in shown])},
                     xlabel="l2 (penalty strength)", log_x=True, chosen=chosen_l2,
                     title=f"The L2 path on {small} training images"),
     args, "06_l2_path.png")

# %% [markdown]
# What to look for: with no penalty, the model gets 100 % of its training
# images and 86.33 % of the validation images right.  As $\lambda$ grows,
# the training accuracy falls (the weights can no longer fit every image)
# and the validation accuracy rises, to 87.18 % at $\lambda = 0.01$.  It
# then falls, when the penalty starts to hold back what the data do
# support.  Paired on the same images, the penalty gets 262 images right
# that no penalty gets wrong, and 177 the other way.  McNemar's p-value
# (printed) is far below 0.05, so the gain is unlikely to be the luck of
# these images.  But $\lambda$ was chosen as the best of eight on these
# same images, so by (6.1) its 87.18 % is a little optimistic.  The test
# score below is the honest one.
#
# Early stopping
# --------------
#
# A third way to keep a model from fitting its training images too
# closely is to stop training before it does.  We train with a constant
# rate, score the validation images after every epoch, and keep the
# weights of the best epoch.  This is *early stopping*.  We use the same
# 1000 images, no penalty, and a constant rate of 2.0:

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
# 20.  The validation accuracy rises fast and then stays on a plateau
# near 86 %, instead of falling.  On 1000 images this model overfits only
# mildly.  The best epoch, 44, scores 86.44 %, and the last 86.21 %: 23
# images in 10,000.  Even that small lead is flattered, because epoch 44
# is the best of 100 noisy scores on these same images (6.1).  Here early
# stopping saves time rather than accuracy.
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
# estimates, because nothing was chosen on these images.  Paired on the
# same test images, the penalised model is right on 234 images that the
# other gets wrong, and wrong on 140 that it gets right.  The difference,
# 0.94 points, is about five standard errors (6.5) from zero, and the
# p-value is tiny: on 1000 training images, the penalty beats early
# stopping.
#
# Summary
# -------
#
# - Settings are chosen on validation images, and the test images are
#   scored once: the best of several noisy scores is biased upwards (6.1).
# - An accuracy measured on $n$ images has the standard error
#   $\sqrt{\mathrm{acc}\,(1 - \mathrm{acc})/n}$ (6.2), and Wilson's
#   interval (6.3) gives the range of true accuracies it does not
#   contradict.
# - Two models scored on the same images are compared by the images on
#   which they disagree: McNemar's test (6.4), and the standard error of
#   their difference (6.5), far smaller than that of one accuracy.  A
#   large p-value means the images cannot tell the two apart, not that
#   they are equal.
# - A learning curve shows how much of the error comes from too little
#   data (variance) and how much from the model itself (bias); read it
#   knowing how far each run's training went.
# - A penalty, chosen on validation images, helps where the data are few.
#   Early stopping does the same by time, and here less well.
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
# 2. Choose the penalty on the *test* images instead.  Which would win,
#    and by how much would its score flatter it, by (6.1)?
# 3. Write ``wilson_interval`` (6.3) and ``mcnemar`` (6.4) yourself in
#    ``exercises/e9_uncertainty.py`` and grade them.
#
# With pen and paper (answers: ``exercises/DERIVATIONS.md``):
#
# 4. Derive (6.2): write $\widehat{\mathrm{acc}}$ as the mean of $n$
#    independent variables, each 1 with probability $\mathrm{acc}$ and 0
#    otherwise, and use the variance of a sum.
# 5. Derive (6.3): square
#    $|\widehat{\mathrm{acc}} - \mathrm{acc}| = q\sqrt{\mathrm{acc}\,(1 - \mathrm{acc})/n}$
#    and solve the quadratic in $\mathrm{acc}$.
