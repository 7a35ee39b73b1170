# %% [markdown]
"""
Chapter 11. What the probabilities mean
=======================================

Chapter 2 began with a promise: the model estimates *the probability* that
an image shows a 1.  Since then, every model has answered "yes" whenever
that probability was above one half, and has been judged by its accuracy
alone.  This chapter takes the probabilities at their word.  It asks two
questions of three models: chapter 2's model, trained once on raw pixels
and once on scaled pixels, and chapter 5's softmax model.  First, how good
are the models' answers at every threshold, not just at one half?
Precision, recall and two curves, the ROC curve and the precision-recall
curve, answer this.  Second, do the probabilities mean what they say?
This is called *calibration*.  At the end, the chapter repairs the
probabilities with the book's own tool, logistic regression, fitted to the
models' logits.  As in chapter 6, every choice is made on the 10,000
validation images, and the test images are scored only once, at the end.
"""

# %%
import numpy as np
from scipy.linalg import solve_triangular

from logreg_from_scratch.calibrate import fit_temperature, platt, temperature_cost
from logreg_from_scratch.chapter import (chapter_parser, generators, load, parse, positive, save,
                                         show)
from logreg_from_scratch.cost import cross_entropy
from logreg_from_scratch.experiments import (BINARY_IMAGES, BINARY_RATES, BINARY_STEPS,
                                             LAPLACE_DRAWS, LAPLACE_L2S, PRECISION_GOAL,
                                             binary_logits, binary_models, fit_softmax,
                                             threshold_test)
from logreg_from_scratch.labels import binary_labels
from logreg_from_scratch.metrics import (auc_difference, average_precision, confusion,
                                         expected_calibration_error, precision_recall_curve,
                                         precision_recall_f1, reliability, roc_auc, roc_curve)
from logreg_from_scratch.laplace import laplace_logits
from logreg_from_scratch.newton import descent, hessian, newton
from logreg_from_scratch.plots import digit_grid, ranking_curves, reliability_diagrams
from logreg_from_scratch.sigmoid import sigmoid
from logreg_from_scratch.softmax import softmax
from logreg_from_scratch.uncertainty import mcnemar, wilson_interval

ARGS = ""  # run cell by cell, the chapter's options go here, e.g. ARGS = "--digit 8"
# sphinx_gallery_start_ignore
# (the options that --help lists; the web book hides these lines up to the end marker)
parser = chapter_parser(__doc__, num_train=50000, num_test=10000, validation=True,
                        training=False)
parser.add_argument("--digit", type=int, choices=range(10), default=1,
                    help="the digit the binary models look for (default %(default)s)")
parser.add_argument("--goal", type=positive(float, maximum=1, why_maximum="a precision is a share"),
                    default=PRECISION_GOAL,
                    help="the least precision the threshold must reach on the validation "
                         "images (default %(default)s)")
parser.add_argument("--bins", type=positive(int), default=10,
                    help="equal bins of the reliability diagrams (default %(default)s)")
parser.epilog = (f"The binary models learn from the first {BINARY_IMAGES} training images "
                 "(fewer if --num-train is smaller), the softmax model from all of them. "
                 + parser.epilog)
# sphinx_gallery_end_ignore
args = parse(parser, ARGS)
# chapter 5's first two generators (its model, to the last digit), and one for the bootstrap
shuffle_rng, batch_rng, bootstrap_rng = generators(args.seed, 3)

# %% [markdown]
# The models
# ----------
#
# The first two models are chapter 2's model for "is it a 1?", trained
# exactly as chapter 2 trains it: 100 steps of gradient descent, starting
# from $w = 0$, on 3000 images.  One is trained on raw pixels (0 to 255)
# at rate 0.005, the other on pixels scaled to [0, 1] at rate 0.5
# (chapter 3).  The 3000 images are the first 3000 of chapter 5's 50,000
# training images, in chapter 5's random order.  (The raw pixels are the
# scaled ones times 255, rounded back to the whole numbers they were.)
# The third model is chapter 5's softmax model, trained on all 50,000
# images exactly as chapter 5 trains it.

# %%
X_train, digits_train, X_val, digits_val, X_test, digits_test = load(
    parser, args, scale=True, shuffle=shuffle_rng, validation=True)
y_train, y_val, y_test = (binary_labels(digits, args.digit)
                          for digits in (digits_train, digits_val, digits_test))
models = binary_models(X_train, y_train)  # {"raw": (w, b), "scaled": (w, b)}
z_val = binary_logits(models, X_val)  # each model's logits, on its own kind of pixels
W, b, _ = fit_softmax(X_train, digits_train, batch_rng)  # chapter 5's model
Z_val = X_val @ W + b
print(f"is it a {args.digit}?  {min(BINARY_IMAGES, len(y_train))} training images, "
      f"{BINARY_STEPS} steps at rate {BINARY_RATES['raw']:g} (raw) or "
      f"{BINARY_RATES['scaled']:g} (scaled)\nsoftmax: {len(y_train)} training images; "
      f"validation {len(y_val)} ({100 * y_val.mean():.1f} % are {args.digit}s); "
      f"test {len(y_test)}")
print(f"always no: validation accuracy {100 * (1 - y_val.mean()):.2f} %")
for pixels, z in z_val.items():
    a = sigmoid(z)
    print(f"{pixels:>6}: validation accuracy {100 * np.mean((z > 0) == y_val):.2f} %, "
          f"median |z| {np.median(np.abs(z)):.2f}\n        images with 0.01 < a < 0.99: "
          f"{np.sum((a > 0.01) & (a < 0.99))}; with a exactly 0: {np.sum(a == 0)}, "
          f"exactly 1: {np.sum(a == 1)}")

# %% [markdown]
# What to look for: both binary models are right about 98.5 % of the
# validation images.  That is ten percentage points (ten images in every
# hundred) better than always saying "no", and the two models are within
# a fifth of a point of each other.  Their probabilities, however, are
# very different.  On raw pixels the median size of a logit is over a
# thousand.  A float64 holds about 16 significant digits, and
# $\sigma(z) = 1/(1 + e^{-z})$ differs from 1 by less than that for every
# $z$ above about 37, so it rounds to exactly 1.0.  At the other end,
# $\sigma(z)$ is a tiny positive number, which a float64 can hold down to
# about $10^{-324}$; only below about $z = -745$ does it round to exactly
# 0.0.  The raw model's logits go far beyond both limits.  So all but a
# handful of the 10,000 images get a probability below 0.01 or above 0.99,
# and most get a probability of *exactly* 0 or 1.  On scaled pixels, about
# a quarter of the images get a probability in between, and none gets
# exactly 0 or 1.  Accuracy cannot see this difference; the rest of the
# chapter measures it.

# %% [markdown]
# Counting the mistakes: precision and recall
# -------------------------------------------
#
# A binary model gives each image a *score*: its logit $z$, or its
# probability $a = \sigma(z)$.  Fix a *threshold* $\tau$, and call an image
# a 1 when its score is at or above it (score $\ge \tau$).  In this chapter
# a 1 is called a *positive* and any other digit a *negative*.  Each image
# then falls into one of four groups:
#
# - a 1 called a 1, a *true positive* (TP);
# - another digit called a 1, a *false positive* (FP);
# - a 1 that the model missed, a *false negative* (FN);
# - another digit left alone, a *true negative* (TN).
#
# The four counts together form the *confusion matrix*
# (``metrics.confusion``).  Its rows are the true labels and its columns
# the model's answers:
#
# $$
# \begin{array}{l|cc}
#  & \text{answer no} & \text{answer yes} \\ \hline
# \text{truly not a 1} & TN & FP \\
# \text{truly a 1} & FN & TP
# \end{array}
# $$
#
# Write $n_1 = TP + FN$ for the number of 1s
# among the images and $n_0 = FP + TN$ for the number of other digits.
# The accuracy is $(TP + TN) / (n_1 + n_0)$.  When only one image in nine
# is a 1, the true negatives make up most of this, and the accuracy says
# little about how the model does on the 1s.  Two ratios look at the 1s
# directly:
#
# $$
# \text{precision} = \frac{TP}{TP + FP}, \qquad \text{recall} = \frac{TP}{TP + FN}. \tag{11.1}
# $$
#
# *Precision* is the share of the images called 1s that really are 1s.
# *Recall* is the share of the 1s that the model finds.  Always saying
# "no" has an accuracy of 89 % but a recall of 0.  To sum up both in one
# number we use their *harmonic mean*, one over the mean of their
# reciprocals, $F_1 = 2 / (1/\text{precision} + 1/\text{recall})$.  This
# $F_1$ *score* is low whenever either of them is low, since a small number
# has a large reciprocal.  Multiplying out the fractions gives it in terms
# of precision and recall, and then of the counts:
#
# $$
# \begin{aligned}
# F_1 &= \frac{2\, \text{precision} \cdot \text{recall}}{\text{precision} + \text{recall}} \\
# &= \frac{2\, TP}{2\, TP + FP + FN}.
# \end{aligned} \tag{11.2}
# $$
#
# Here are the counts and the three scores on the validation images
# (``metrics.precision_recall_f1``), with chapter 2's rule: call an image
# a 1 when $a > \tfrac12$, that is, when $z > 0$.  This is the threshold
# $\tau = 0$ on the logits, except for an image whose logit is exactly 0,
# which the rule calls "no" and the threshold "yes"; no image here has a
# logit of exactly 0.  The code unpacks the confusion matrix row by row,
# as ``(tn, fp), (fn, tp)``.

# %%
for pixels, z in z_val.items():
    yes = (z > 0).astype(int)
    (tn, fp), (fn, tp) = confusion(yes, y_val)
    try:
        precision, recall, f1 = precision_recall_f1(yes, y_val)
        scores = f"precision {100 * precision:.2f} %, recall {100 * recall:.2f} %, F1 {f1:.4f}"
    except ValueError as error:  # no image called a 1, or none found (a tiny --num-train)
        scores = str(error)
    print(f"{pixels:>6}: TP {tp:4d}  FP {fp:4d}  FN {fn:4d}  TN {tn:4d}\n        {scores}")

# %% [markdown]
# What to look for: the two models make about the same number of
# mistakes, but of different kinds.  The raw-pixel model calls more images
# 1s: it finds more of the 1s (a higher recall) and raises more false
# alarms (a lower precision).  Which model is better depends on what each
# kind of mistake costs, and the threshold of one half was chosen with no
# costs in mind.  A model that gives every image a score can give a whole
# family of answers, one for each threshold.

# %% [markdown]
# Every threshold at once: the ROC and precision-recall curves
# ------------------------------------------------------------
#
# Imagine lowering the threshold from above every score to below every
# score.  The images turn into "yes" one at a time, in the order of their
# scores, from the highest down.  So a single sort gives the counts at
# every threshold.  Sort the scores (here the logits) from the highest,
# $z_{(1)} \ge z_{(2)} \ge \dots \ge z_{(m)}$, and write $y_{(r)}$ for the
# label (1 or 0) of the image with the $r$-th highest score: its *rank* is
# $r$.  At the threshold $\tau = z_{(r)}$, the $r$ highest-scoring images
# are called "yes", and
#
# $$
# TP_r = y_{(1)} + y_{(2)} + \dots + y_{(r)}, \qquad FP_r = r - TP_r. \tag{11.3}
# $$
#
# A cumulative sum gives every $TP_r$ at once
# (``metrics.counts_by_threshold``).  One point needs care: images with
# *equal* scores fall on the same side of every threshold.  If
# $z_{(r)} = z_{(r+1)}$, the threshold $z_{(r)}$ calls both images "yes",
# and no threshold calls "yes" exactly the first $r$.  So the thresholds
# are only the ranks $r$ that end a run of tied scores; splitting a tie by
# the images' order would invent thresholds that no score can set.
#
# The *ROC curve* (for "receiver operating characteristic", a name from
# radar engineering) plots, at each threshold, the share of the 1s found
# against the share of the other digits wrongly called 1s:
#
# $$
# \text{TPR}_r = \frac{TP_r}{n_1}, \qquad \text{FPR}_r = \frac{FP_r}{n_0}. \tag{11.4}
# $$
#
# These are the *true-positive rate* and the *false-positive rate*.  The
# curve runs from $(0, 0)$, where nothing is called a 1, to $(1, 1)$,
# where everything is.  The area under it, the *AUC*, has a meaning of its
# own, which a small example shows.  Take six images: three 1s with the
# logits 3, 1 and 0, and three other digits with the logits 2, 0 and
# $-1$.  From the highest, the labels are 1, 0, 1, then a tie at 0
# between a 1 and a 0, then 0.  Each 1 the threshold passes moves the
# curve up by $1/n_1 = 1/3$, and each other digit moves it right by
# $1/n_0 = 1/3$.  So the curve goes up (at 3), right (at 2), up (at 1),
# then up and right at once, on a diagonal (the tie at 0), then right (at
# $-1$).  Cut the area under it into one strip for each of the other
# digits.  The strip of the 2 has width $1/3$ and height $1/3$: one of the
# three 1s scores above 2.  The strip of the $-1$ has height 1: all three
# 1s score above it.  The strip of the 0 lies under the diagonal: it is a
# trapezoid, whose mean height $2/3 + \tfrac12 \cdot \tfrac13$ counts the
# two 1s above it and half the 1 tied with it.  The area is
# $\tfrac13 \bigl(\tfrac13 + \tfrac56 + 1\bigr) = \tfrac{13}{18}$.  Now
# count the 9 pairs of a 1 and another digit: in 6 the 1 scores higher,
# in 1 they tie, and in 2 the 1 scores lower.  And $(6 + \tfrac12)/9$ is
# $\tfrac{13}{18}$ too.
#
# The same holds for any scores.  Each negative image $i'$ (an image that
# is not a 1) gives a strip of width $1/n_0$, whose height is the share of
# the positive images that score above $z_{i'}$, plus half the share tied
# with it.  Adding up the strips gives
#
# $$
# \begin{aligned}
# \text{AUC} = \frac{1}{n_1 n_0} &\sum_{i:\, y_i = 1} \sum_{i':\, y_{i'} = 0} \\
# &\Bigl([z_i > z_{i'}] + \tfrac12 [z_i = z_{i'}]\Bigr),
# \end{aligned} \tag{11.5}
# $$
#
# where a bracket $[\dots]$ is 1 when the statement inside it is true and
# 0 when it is false.  So the AUC is the chance that a 1 drawn at random
# scores above another digit drawn at random, a tie counting one half
# (``metrics.roc_auc``).  It is 1 for a perfect ranking, and $\tfrac12$
# for scores that ignore the image.
#
# The *precision-recall curve* plots the precision against the recall
# (11.1) at each threshold instead.  Its summary, the *average precision*,
# weights the precision $\text{prec}_r$ at each threshold by the recall
# that the threshold adds:
#
# $$
# \text{AP} = \sum_{r} (\text{rec}_r - \text{rec}_{r'})\, \text{prec}_r. \tag{11.6}
# $$
#
# The sum runs over the thresholds $r$, from the highest score down, and
# $r'$ is the threshold just before $r$ (with recall 0 before the first).
# Without ties, $r' = r - 1$.  In the example the thresholds are the ranks
# 1, 2, 3, 5 and 6 (rank 4 would split the tie), so for $r = 5$ the
# threshold before is $r' = 3$, and
#
# $$
# \begin{aligned}
# \text{AP} &= \tfrac13 \cdot 1 + 0 \cdot \tfrac12 + \tfrac13 \cdot \tfrac23 \\
# &\quad + \tfrac13 \cdot \tfrac35 + 0 \cdot \tfrac12 = \tfrac{34}{45}.
# \end{aligned}
# $$
#
# Scores that ignore the image have an AP of about the share of positives,
# $n_1 / (n_1 + n_0)$, here 0.11, not $\tfrac12$.  When positives are
# rare, the precision-recall curve shows the false alarms that the ROC
# curve flattens, because the ROC curve divides them by the many
# negatives.  Like scikit-learn's ``average_precision_score``,
# ``metrics.average_precision`` adds up the steps of the curve without
# joining them by straight lines; the tests check every function here
# against scikit-learn's.
#
# Which score should we sort?  The logit $z$ and the probability
# $a = \sigma(z)$ put the images in the same order, because $\sigma$ is
# increasing, *except where floating point ties them*: $\sigma(z)$ rounds
# to exactly 1.0 for every $z$ above about 37, and to exactly 0.0 for
# every $z$ below about $-745$.
#
# The two models' AUCs are measured on the same validation images, so to
# compare them we look at their difference, with an interval that says how
# much it could vary on other images like these.  We get the interval by
# the *paired bootstrap* (``metrics.auc_difference``).  It draws 10,000
# images at random from the validation images, with replacement (so some
# come twice and some not at all), keeping the numbers of 1s and of other
# digits as they are.  It scores both models on the same drawn images, and
# repeats this 2000 times.  The middle 95 % of the 2000 differences is the
# 95 % interval.

# %%
curves = {}
for pixels, z in z_val.items():
    fpr, tpr, _ = roc_curve(z, y_val)
    precision, recall, _ = precision_recall_curve(z, y_val)
    curves[f"{pixels} pixels"] = (fpr, tpr, precision, recall)
    a = sigmoid(z)
    print(f"{pixels:>6}: AUC {roc_auc(z, y_val):.4f} (sorting a: {roc_auc(a, y_val):.4f}),  "
          f"AP {average_precision(z, y_val):.4f} (sorting a: {average_precision(a, y_val):.4f})")
compared = auc_difference(z_val["raw"], z_val["scaled"], y_val, bootstrap_rng)
print(f"AUC raw - scaled: {compared.difference:+.4f}; 95 % paired bootstrap interval "
      f"{compared.low:+.4f}\n  to {compared.high:+.4f} ({len(compared.resampled)} resamples "
      f"of the {len(y_val)} validation images)")

# %% [markdown]
# What to look for: ranked by their logits, both models are very good.
# Their AUCs are near 0.996: a random 1 outscores a random other digit
# more than 99 times in 100.  The raw-pixel model's AUC is higher, by
# 0.0008, and the bootstrap interval of the difference, +0.0001 to
# +0.0017, lies just above 0.  So by the AUC, on images like these, the
# raw model ranks the 1s a little better overall, by a small margin.
#
# The AUC averages over every threshold, though, and the two models do not
# rank equally well everywhere.  Their average precisions go the other
# way, 0.9818 for the scaled model against 0.9810 for the raw one (with no
# interval computed here, so we do not rank the two by it).  And in the
# figure below, the scaled model's ROC curve lies above the raw model's at
# the far left, where only the highest-scoring images are called 1s:
# there, at the top of the ranking, the scaled model's order is the
# better one.  A threshold that must keep false alarms rare sits exactly
# there, as the next section shows.
#
# Ranked by the raw model's probabilities instead, both its AUC and its AP
# fall.  The images with $a$ exactly 1.0 form one big tie, and those with
# $a$ exactly 0.0 another, and the order inside each tie, which the logits
# still had, is lost.  So rank by the logits.
#
# Choosing the threshold on validation data
# -----------------------------------------
#
# Suppose the images the model picks out as 1s go on without a second
# look, so that a false alarm is costly.  Our goal is then a precision of
# at least 99 %, with as much recall as that allows.  On the validation
# images, we keep the thresholds $\tau$ whose precision reaches 99 %, and
# take the one that finds the most 1s
# (``metrics.threshold_for_precision``).  Then we apply it, once, to the
# test images.  Each rate the test images give is a proportion of a count,
# so it comes with Wilson's interval (6.3): the precision is a share of the
# images called 1s, and the recall a share of the 1s.

# %%
chosen, found = {}, {}
z_test = binary_logits(models, X_test)
for pixels, z in z_val.items():
    try:
        threshold, precision, recall, tp, fp, fn = threshold_test(z, y_val, z_test[pixels],
                                                                  y_test, args.goal)
    except ValueError as error:  # a goal too high for these images: say so in one line
        parser.exit(1, f"error: {pixels} pixels: {error} (--goal)\n")
    chosen[f"{pixels} pixels"] = (recall, precision)
    print(f"{pixels:>6}: threshold z >= {threshold:.4g}: validation precision "
          f"{100 * precision:.2f} %, recall {100 * recall:.2f} %")
    found[pixels] = (z_test[pixels] >= threshold)[y_test == 1]
    (p_low, p_high), (r_low, r_high) = wilson_interval(tp, tp + fp), wilson_interval(tp, tp + fn)
    print(f"        test, once: precision {100 * tp / (tp + fp):.2f} % ({100 * p_low:.2f} to "
          f"{100 * p_high:.2f} %, of {tp + fp} called {args.digit}s)\n"
          f"                    recall {100 * tp / (tp + fn):.2f} % ({100 * r_low:.2f} to "
          f"{100 * r_high:.2f} %, of {tp + fn} {args.digit}s)")
only_scaled, only_raw, p_value = mcnemar(found["scaled"], found["raw"])
print(f"test {args.digit}s found by one model only: scaled {only_scaled}, raw {only_raw}; "
      f"McNemar's exact p = {p_value:.2g}")
fig = ranking_curves(curves, chosen=chosen,
                     title=f"Is it a {args.digit}?  {len(y_val)} validation images,\nranked "
                           "by the logits")
save(fig, args, "11_curves.png")

# %% [markdown]
# What to look for: at 99 % precision, the scaled model finds about ten
# percentage points more of the test 1s than the raw one (84.23 % against
# 74.45 %).  The paired count on the test 1s, McNemar's test (6.4) on the
# 1s only, gives a p-value far below 0.001: a gap this large would be
# very unlikely if the two models found the 1s equally well.  This is so
# although the two had about the same accuracy at one half.  The raw
# model needs a logit above 300 to be 99 % precise: its logits are on
# another scale, a point the rest of the chapter takes up.
#
# Both test precisions are above the goal: 99.29 % for the raw model and
# 99.69 % for the scaled one.  The scaled model's interval, 99.08 to
# 99.89 %, lies entirely above 99 %.  The raw model's, 98.47 to 99.68 %,
# reaches below it: these test images cannot rule out that the raw
# threshold's precision on new images falls a little short of the goal.
# It could: the threshold is the lowest whose validation precision
# reached 99 %, so some luck of the validation images went into choosing
# it (chapter 6's winner's bias).
#
# The figure shows the two curves of each model.  In the lower panel, the
# precision-recall curves, the circles mark the chosen thresholds.  The
# upper panel, the ROC curves, shows only its top-left corner,
# false-positive rates up to 5 %: beyond that, both curves run along the
# top, near a true-positive rate of 1.  In both panels the vertical axis
# starts at 0.5, not at 0.

# %% [markdown]
# Do the probabilities mean what they say?  Calibration
# -----------------------------------------------------
#
# A model is *calibrated* when its probabilities are frequencies: among the
# images to which it gives the probability $a$, a share $a$ are 1s.  To
# write this in symbols, we write $\Pr(\text{event} \mid \text{condition})$
# for the chance of an event among the cases where a condition holds (the
# bar reads "given").  A model is calibrated when, for every value that
# the probability $a$ takes,
#
# $$
# \Pr(y = 1 \mid a) = a. \tag{11.7}
# $$
#
# The left side reads "the chance that the image is a 1, given that the
# model says $a$".
#
# Few images share exactly the same $a$, so a *reliability diagram* pools
# them in bins.  Cut [0, 1] into equal bins.  For each bin, let $G$ be the
# group of images whose probability falls in it, and $|G|$ their number.
# Plot the share of 1s in the group, its *frequency*, against the group's
# mean probability $\bar a(G)$ (``metrics.reliability``):
#
# $$
# \begin{aligned}
# \bar a(G) &= \frac{1}{|G|} \sum_{i \in G} a_i, \\
# \text{frequency}(G) &= \frac{1}{|G|} \sum_{i \in G} y_i.
# \end{aligned} \tag{11.8}
# $$
#
# A calibrated model's points lie on the diagonal.  One number sums up the
# gaps between the points and the diagonal, weighting each bin by its share
# of the images.  It is called the *expected calibration error*
# (``metrics.expected_calibration_error``):
#
# $$
# \begin{aligned}
# \text{ECE} &= \sum_{G} \frac{|G|}{m}\, \text{gap}(G), \\
# \text{gap}(G) &= \bigl|\text{frequency}(G) - \bar a(G)\bigr|.
# \end{aligned} \tag{11.9}
# $$
#
# Softmax gives ten probabilities for each image.  Its diagram asks about
# the largest of them, $\max_\ell P_{i\ell}$, the probability of the digit
# it predicts, which is called the model's *confidence*.  It plots the
# confidence against whether the predicted digit is right: in (11.8),
# $a_i$ is then image $i$'s confidence, and $y_i$ is 1 when the predicted
# digit is right and 0 when it is wrong.  Of the images the model is 80 %
# sure about, are 80 % right?
#
# For each model, the cell prints the ECE and a table of the bins that
# hold images: where each bin starts, its number of images $|G|$, their
# mean probability $\bar a(G)$ and their frequency, the share of them that
# are 1s (for softmax, the share right).

# %%
def bin_table(bins, share):
    """Print a diagram's bins that hold images, ten to a block: where each bin starts, its
    images |G|, their mean probability (11.8) and the share of them that are 1s (or right)."""
    for first in range(0, len(bins.count), 10):
        block = slice(first, first + 10)
        print("  bin from   " + "".join(f"{lower:6.2f}" for lower in bins.lower[block]))
        print("  images     " + "".join(f"{n:6d}" for n in bins.count[block]))
        print("  mean prob. " + "".join(f"{mean:6.2f}" for mean in bins.confidence[block]))
        print(f"  {share:11}" + "".join(f"{f:6.2f}" for f in bins.frequency[block]))


P_val = softmax(Z_val)
confidence, right_val = P_val.max(axis=1), P_val.argmax(axis=1) == digits_val
diagrams = {f"{pixels} pixels: is it a {args.digit}?": {"as trained": reliability(
    sigmoid(z), y_val, args.bins)} for pixels, z in z_val.items()}
diagrams["softmax: is its top class right?"] = {"as trained": reliability(
    confidence, right_val.astype(int), args.bins)}
for pixels, z in z_val.items():
    bins = reliability(sigmoid(z), y_val, args.bins)
    print(f"{pixels:>6}: ECE {expected_calibration_error(sigmoid(z), y_val, args.bins):.4f}; "
          f"the top bin: {bins.count[-1]} images, mean a {bins.confidence[-1]:.4f}, "
          f"{100 * bins.frequency[-1]:.2f} % are {args.digit}s")
    bin_table(bins, f"share {args.digit}s")
bins = reliability(confidence, right_val.astype(int), args.bins)
print(f"softmax: ECE {expected_calibration_error(confidence, right_val.astype(int), args.bins):.4f}"
      f"; the top bin: {bins.count[-1]} images, mean {bins.confidence[-1]:.4f}, "
      f"{100 * bins.frequency[-1]:.2f} % right")
bin_table(bins, "share right")
fig = reliability_diagrams(diagrams, title=f"Reliability on the {len(y_val)} validation images, "
                                           f"{args.bins} bins")
save(fig, args, "11_reliability.png")

# %% [markdown]
# What to look for: in the raw-pixel model's diagram, only two points
# matter, one at each end.  The bins between hold one to three images
# each, as its table and the counts beside the diagram show.  Its top bin
# holds 1177 images whose mean probability is 0.9999, yet only 91 % of
# them are 1s: when this model says "certain", it is wrong about one time
# in eleven.
#
# Yet its ECE, 0.0158, is about that of the scaled model, 0.0140.  The
# reason is that the ECE weights each bin by its number of images, and
# nearly all of the raw model's images sit in the two end bins, where the
# mean probability $\bar a(G)$ is 0 or 1 to two decimals.  In a bin whose
# mean probability is 1, the gap is the share of the bin's images that
# are not 1s: its share of mistakes.  So that bin adds
# $\tfrac{|G|}{m}\, \text{gap}(G)$, which is its number of mistakes
# divided by $m$, to the ECE.  A bin whose mean probability is 0 adds, in
# the same way, the number of 1s in it divided by $m$.  Together the two
# end bins add about the model's share of mistakes, 1.6 % for a model that
# is 98.41 % right.  A model that only ever says "certainly yes" or
# "certainly no" can have a small ECE.
#
# The scaled model's points stay within about 0.15 of the diagonal: below
# it in the middle bins, from 0.1 to 0.6, and above it in the top three,
# from 0.7 up.  Of the images to which it gives about 0.95, 99.87 % are
# 1s.  At the top the model is a little *timid*: less sure than it could
# be, since its probabilities lie below the frequencies.  Softmax's
# diagram (of its top class) lies closer to the diagonal, a little above
# it in the busiest bins at the top, from 0.7 up: of the 7550 images it is
# about 98 % sure of (mean confidence 0.9814), 98.40 % are right.  Its
# lowest bin, far below the diagonal, holds only 9 images.
#
# The log loss rewards honest probabilities
# -----------------------------------------
#
# Accuracy only asks on which side of one half a probability lies.  The
# cost the binary models were trained on, chapter 2's mean cross-entropy
# (2.4), asks more, and a short calculation shows what.  This cost is also
# called the *log loss*, the name this chapter uses for it.  Think of all the images that look
# exactly like one given image, and suppose a share $a^\star$ of them are
# 1s: $a^\star$ is the image's *true chance* of being a 1.  The model
# gives all of them the same probability $a$.  Its average loss on them,
# by (2.4), is called its *risk* $R(a)$.  The risk and its derivative
# are
#
# $$
# \begin{aligned}
# R(a) &= -a^\star \log a - (1 - a^\star) \log (1 - a), \\
# R'(a) &= \frac{a - a^\star}{a (1 - a)}.
# \end{aligned} \tag{11.10}
# $$
#
# The risk is chapter 2's cross-entropy $\operatorname{CE}(a^\star, a)$
# (2.14), and its least value is the entropy (2.15).  The derivative is
# negative below $a^\star$ and positive above it, so the risk is least
# exactly at $a = a^\star$.  Only the honest probability minimises it:
# the log loss is a *proper scoring rule*.  Accuracy, by
# contrast, scores every $a$ on the right side of one half the same.  The
# log loss also makes a confident mistake expensive: by (2.10), an image
# labelled 0 with a logit $z \gg 0$ ("much greater than 0", say 20 or
# more) costs $\log(1 + e^z)$, which is about $z$.
#
# The cell prints each binary model's log loss on the validation images,
# and how much of it comes from the images it gets wrong.  It also prints
# softmax's log loss, its cost (5.4) without a penalty, on the same images.

# %%
for pixels, z in z_val.items():
    losses = np.logaddexp(0, z) - y_val * z  # each image's loss, (2.10)
    wrong = (z > 0) != y_val
    print(f"{pixels:>6}: log loss {cross_entropy(z, y_val):.4f}; its {wrong.sum()} mistakes "
          f"carry {100 * losses[wrong].sum() / losses.sum():.3f} % of it (mean |z| "
          f"{np.abs(z[wrong]).mean():.1f})")
print(f"softmax: log loss {temperature_cost(Z_val, digits_val, 1.0):.4f}")

# %% [markdown]
# What to look for: the raw-pixel model's log loss, 2.6537, is over fifty
# times the scaled model's, 0.0469, and its 159 mistakes carry almost all
# of it.  Each of them is made with a logit of about 170 in size on
# average, "certain", and costs about that much.  The scaled model's
# mistakes carry about half of its log loss.  This, and not the accuracy
# or the ECE, shows why the raw model's probabilities are useless.  Its
# ranking, though, is about as good as the scaled model's by the AUC (the
# AUCs above): its logits know, roughly, which images are doubtful, and
# much of what is wrong is their scale.
#
# Softmax's log loss, 0.2957, cannot be compared with these two.  It is
# the cost of choosing among ten digits, where a model that knew nothing
# would pay $\log 10 = 2.30$ per image; the binary models answer a
# yes-or-no question, where knowing nothing costs $\log 2 = 0.69$.
#
# Fixing the probabilities: logistic regression on the logits
# -----------------------------------------------------------
#
# If the scale is what is wrong, we can learn the scale.  *Platt scaling*
# keeps the model and passes its logit through one more logistic
# regression.  That regression has a single *feature* (an input number,
# as each pixel is for the models so far): the logit $z$ itself.
#
# $$
# a = \sigma(s z + c). \tag{11.11}
# $$
#
# Its cost is (2.4) with $z$ in place of the pixels, so its gradient is
# (2.8) with a one-column $X$: it is the book's own model, fitted to the
# logits of the *validation* images (``calibrate.platt``).  It is not
# fitted on the training images: the model learnt from those, so its
# logits are surer of them than of images it has never seen.  Nor is it
# fitted on the test images, which are kept for the final score.
#
# With $s > 0$ the order of the images is kept, and with it the ROC and
# precision-recall curves.  The shift $c$ moves the point where
# $a = \tfrac12$, so the accuracy at one half may change a little.  With
# only two parameters, Newton's method (chapter 10) is the natural way to
# fit them: the Hessian is a $2 \times 2$ matrix.  Below it is run on the
# scaled model's logits, beside gradient descent with chapter 10's line
# search.  The logits are first *standardised*: their mean is subtracted,
# and the result is divided by their *standard deviation*, the square root
# of the mean squared distance of the logits from their mean.  The
# standardised logits have mean 0 and standard deviation 1, whatever the
# model, which keeps the numbers in the fit near 1; it is only a change of
# units.  (``calibrate.platt`` standardises the logits in the same way,
# and converts the fitted weight and bias back, so that the $s$ and $c$ it
# returns apply to the logits themselves.)  Gradient descent is stopped at
# the first step whose cost is within a factor $1 + 10^{-9}$ of the cost
# Newton's method reached.
#
# For softmax, *temperature scaling* divides all the logits by one number
# $T > 0$, the *temperature* (``calibrate.fit_temperature``).  In this part
# of the chapter the labels are the digits themselves, not chapter 2's 0
# or 1, so we write them as chapter 3's one-hot matrix $Y$: $Y_{i\ell} = 1$
# when image $i$ shows the digit $\ell$, and 0 otherwise.  With $s = 1/T$,
# the cost to minimise is the log loss of the validation images, as a
# function of $s$:
#
# $$
# \begin{aligned}
# P &= \operatorname{softmax}(Z / T), \qquad s = \frac{1}{T}, \\
# J(s) &= \frac{1}{m} \sum_{i=1}^{m} \Bigl(\log \sum_{\ell=0}^{k-1} e^{s Z_{i\ell}} \\
# &\qquad - s \sum_{\ell=0}^{k-1} Y_{i\ell} Z_{i\ell}\Bigr).
# \end{aligned} \tag{11.12}
# $$
#
# The sum $\sum_\ell Y_{i\ell} Z_{i\ell}$ is image $i$'s logit for its true
# digit, so $J(s)$ is softmax's cost (5.4), without a penalty, for the
# logits $s Z$.  Dividing a row of logits by $T$ keeps its largest logit
# the largest, so the predictions, and the accuracy, do not change at all;
# only the confidence does.  We differentiate (11.12) as chapter 5
# differentiated softmax's cost, and then once more (exercise 7 does
# both).  With $P = \operatorname{softmax}(s Z)$,
#
# $$
# \begin{aligned}
# J'(s) &= \frac{1}{m} \sum_{i=1}^{m} \sum_{\ell=0}^{k-1} (P_{i\ell} - Y_{i\ell})\, Z_{i\ell}, \\
# J''(s) &= \frac{1}{m} \sum_{i=1}^{m} \Bigl(\sum_{\ell} P_{i\ell} Z_{i\ell}^2 \\
# &\qquad - \bigl(\sum_{\ell} P_{i\ell} Z_{i\ell}\bigr)^2\Bigr).
# \end{aligned} \tag{11.13}
# $$
#
# Read the bracket in $J''$ for one image as a mean taken with weights:
# each logit $Z_{i\ell}$ counts with the weight $P_{i\ell}$, and the
# weights add up to 1.  Then $\sum_\ell P_{i\ell} Z_{i\ell}$ is the mean of
# the image's logits, and the bracket is the mean of their squares minus
# the square of their mean.  That is the *variance* of the logits under
# these weights, which is also the weighted mean of their squared
# distances from their mean, so it is never negative.  Hence $J'' \ge 0$,
# and $J$ is convex in $s$.  ``fit_temperature`` finds its minimum by
# Newton's method, from $s = 1$ (the model as trained):
# $s \leftarrow s - J'(s) / J''(s)$.  On a convex $J$ a Newton step always
# points downhill, but a full step can overshoot the minimum; a step that
# would raise $J$ is halved until it lowers it.

# %%
z = z_val["scaled"]
u = ((z - z.mean()) / z.std())[:, None]  # the one feature, in standard units
_, _, history = newton(np.zeros(1), 0.0, u, y_val, l2=0.0)
for step, (cost, evaluations, _, _) in enumerate(descent(np.zeros(1), 0.0, u, y_val, l2=0.0)):
    if cost <= history[-1][0] * (1 + 1e-9):  # within a factor 1 + 1e-9 of Newton's cost
        break
print(f"Platt scaling of the scaled model, on the validation images:\n  Newton's method: "
      f"{len(history) - 1} steps, to log loss {history[-1][0]:.8f}\n  gradient descent with "
      f"line search: {step} steps ({evaluations} evaluations of J)\n    to come within a "
      f"factor 1 + 1e-9 of that log loss")
calibrated = {pixels: platt(z, y_val) for pixels, z in z_val.items()}
for pixels, (s, c) in calibrated.items():
    print(f"{pixels:>6}: a = sigmoid({s:.4g} z {'+' if c >= 0 else '-'} {abs(c):.4g}), fitted "
          "on the validation images")
T = fit_temperature(Z_val, digits_val)
print(f"softmax: T = {T:.4f}, fitted on the validation images")

# %% [markdown]
# What to look for: Newton's method reaches the minimum in 10 steps, and
# gradient descent needs hundreds (256), as chapter 10 found.  The raw
# model's $s$ is about 1/100: its logits were a hundred times too large.
# The scaled model's $s$, 1.435, is above 1, since its logits were a
# little timid.  Softmax's $T$, 1.0731, is close to 1: chapter 5's model
# was already close to calibrated, as its diagram showed.
#
# The test images, once
# ---------------------
#
# Each model, as trained and as calibrated, is now scored on the 10,000
# test images: the accuracy, the log loss and the ECE, and the reliability
# diagrams before and after.

# %%
Z_test = X_test @ W + b
P_test, P_calibrated = softmax(Z_test), softmax(Z_test / T)
after = {}
for pixels, (s, c) in calibrated.items():
    z = z_test[pixels]
    before_right, after_right = (z > 0) == y_test, (s * z + c > 0) == y_test
    put_right, put_wrong, p_value = mcnemar(after_right, before_right)
    print(f"{pixels:>6}: log loss {cross_entropy(z, y_test):.4f} -> "
          f"{cross_entropy(s * z + c, y_test):.4f}, ECE "
          f"{expected_calibration_error(sigmoid(z), y_test, args.bins):.4f} -> "
          f"{expected_calibration_error(sigmoid(s * z + c), y_test, args.bins):.4f}\n"
          f"        accuracy {100 * before_right.mean():.2f} % -> {100 * after_right.mean():.2f} %: "
          f"{put_right} put right, {put_wrong} put wrong\n"
          f"        (McNemar's exact p = {p_value:.2g})")
    after[f"{pixels} pixels: is it a {args.digit}?"] = {
        "as trained": reliability(sigmoid(z), y_test, args.bins),
        f"Platt, s = {s:.3g}": reliability(sigmoid(s * z + c), y_test, args.bins)}
right_test = P_test.argmax(axis=1) == digits_test
assert np.array_equal(P_calibrated.argmax(axis=1), P_test.argmax(axis=1))  # same predictions
ece = [expected_calibration_error(P.max(axis=1), right_test.astype(int), args.bins)
       for P in (P_test, P_calibrated)]
print(f"softmax: log loss {temperature_cost(Z_test, digits_test, 1.0):.4f} -> "
      f"{temperature_cost(Z_test, digits_test, T):.4f}, ECE {ece[0]:.4f} -> {ece[1]:.4f}\n"
      f"        accuracy {100 * right_test.mean():.2f} % (the same predictions)")
after["softmax: is its top class right?"] = {
    "as trained": reliability(P_test.max(axis=1), right_test.astype(int), args.bins),
    f"T = {T:.3g}": reliability(P_calibrated.max(axis=1), right_test.astype(int), args.bins)}
fig = reliability_diagrams(after, title=f"Reliability on the {len(y_test)} test images, before "
                                        "and after\ncalibrating on the validation images")
save(fig, args, "11_calibrated.png")
show(args)

# %% [markdown]
# What to look for: Platt scaling cuts the raw-pixel model's test log loss
# more than fiftyfold, from 1.9116 to 0.0333, to about that of the scaled
# model, and the calibrated raw model's diagram now has points along the
# diagonal where it had none.  Its accuracy moves by a few images either
# way (14 put right, 13 put wrong), as $c$ moved the point where
# $a = \tfrac12$; the paired count finds no evidence of a change in
# accuracy.  The scaled model gains less (0.0391 to 0.0328), and none of
# its predictions move.  In the figure, the bars on the right have the
# colours of the lines on the left: blue for the models as trained,
# orange after calibrating.
#
# Softmax's temperature was fitted to lower the validation log loss.  On
# the test images it lowers the log loss only in the fourth decimal
# (0.2755 to 0.2751), and its ECE *rises* (0.0098 to 0.0168).  The two
# measures weigh the images differently.  The log loss is largest for
# confident mistakes, and $T = 1.07$, above 1, softens every probability,
# which makes those mistakes cheaper.  The ECE weights each bin by its
# number of images, and in its busiest bins, at the top, the model was
# already a little timid (on the validation images its top bin was
# 98.40 % right at a mean confidence of 0.9814).  Softening moves those
# probabilities further below their frequencies, so the gaps that the ECE
# counts widen.  One number $T$ cannot please both measures, and a model
# already close to calibrated has little to gain: what it gains depends
# on the measure.

# %% [markdown]
# The model's own doubt: Bayesian prediction
# ------------------------------------------
#
# Platt and temperature scaling repair a model's probabilities from the
# outside, with validation images.  A model with a prior has a repair of
# its own.  Chapter 6 showed that the penalised minimum is the peak of
# the posterior, the MAP estimate: the single most probable
# $\theta = (w, b)$ given the training images.  (Chapter 6 derived it for
# softmax; for one yes-or-no model the steps are the same, with the
# Gaussian prior on $w$ and none on $b$.)  But the data do not pin
# $\theta$ down exactly.  Many other weights are nearly as probable, and
# they can disagree about a new image.  *Bayesian prediction*, named
# after Bayes' rule (chapter 4), which gives the posterior, averages the
# model's probability over all the weights, each counted as much as the
# posterior finds it probable:
# $\Pr(y = 1 \mid x, \text{data}) = \mathbb{E}\bigl[\sigma(\tilde x \theta)\bigr]$,
# the mean over $\theta$ drawn from the posterior.  Here $\tilde x$ is the
# image with a 1 appended, so that $\tilde x \theta = w^\top x + b$.
#
# That mean is an integral over 785 numbers, which cannot be done
# exactly.  The *Laplace approximation* replaces the posterior by a
# Gaussian bell (chapter 4) centred at its peak.  By (6.6), the posterior
# is proportional to $e^{-m J_\lambda(\theta)}$, so it peaks at the MAP
# $\theta^\star$, where the gradient of $J_\lambda$ is 0.  Near the peak,
# chapter 10's second-order expansion (10.4), multiplied by $m$, has no
# first-order term ($g = 0$ there), and its second-order term uses the
# Hessian $H^\star$ of $J_\lambda$ at $\theta^\star$ (10.2).  For a step
# $\delta$ away from the peak:
#
# $$
# \begin{aligned}
# & m J_\lambda(\theta^\star + \delta) \\
# & {} \approx m J_\lambda(\theta^\star) + \tfrac12 \delta^\top m H^\star \delta, \\
# & \text{posterior} \\
# & {} \approx \mathcal{N}\bigl(\theta^\star, (m H^\star)^{-1}\bigr).
# \end{aligned} \tag{11.14}
# $$
#
# The second line is the first taken through $e^{-(\cdot)}$, with
# $\theta = \theta^\star + \delta$.  Compare the exponent of chapter 4's
# $d$-dimensional Gaussian density,
# $-\tfrac12 (x - \nu)^\top \Sigma^{-1} (x - \nu)$: here $\theta^\star$
# is the mean, $\delta = \theta - \theta^\star$ plays the part of
# $x - \nu$, and $m H^\star$ that of $\Sigma^{-1}$, so the
# covariance is $(m H^\star)^{-1}$.  (The constant
# $e^{-m J_\lambda(\theta^\star)}$ joins the factor in front; and
# $m H^\star$ has an inverse, because with $\lambda > 0$ it curves upward
# along every direction, (10.3).)  We write
# $\mathcal{N}(\text{mean}, \text{covariance})$ for a Gaussian.  Where $m J_\lambda$ curves steeply
# along a direction, the bell is narrow along it: the data pin that
# direction down.
#
# Under this posterior, what is an image's logit $z = \tilde x \theta$?
# We take one fact about Gaussians without proof: a fixed combination
# $\sum_j \tilde x_j \theta_j$ of numbers that are jointly Gaussian is
# Gaussian too.  Its mean is the combination of their means, the MAP's
# logit $z^\star$.  Its variance, which we call $\psi^2$, adds up
# $\tilde x_j \tilde x_{j'}$ times the covariance of $\theta_j$ and
# $\theta_{j'}$, over all pairs $j, j'$:
#
# $$
# \begin{aligned}
# & z = \tilde x \theta \sim \mathcal{N}(z^\star, \psi^2), \\
# & z^\star = \tilde x \theta^\star, \\
# & \psi^2 = \tilde x\, (m H^\star)^{-1} \tilde x^\top.
# \end{aligned} \tag{11.15}
# $$
#
# (Read $\sim$ as "is drawn from".)  The predictive probability is the
# mean of $\sigma(z)$ over this one-dimensional bell.  It has no formula,
# but an approximate one, in three steps.  Write $\Phi(t)$ for the
# normal bell's *cumulative distribution*: the chance that a standard
# Gaussian number (mean 0, variance 1) is below $t$, the area under the
# bell to the left of $t$.  Its slope at $t$ is the bell's height there,
# $1/\sqrt{2\pi}$ at $t = 0$.
#
# First, the sigmoid is close to $\Phi(\sqrt{\pi/8}\; t)$: their slopes at
# 0 agree, $\sigma'(0) = \tfrac14$ (2.5) and
# $\sqrt{\pi/8} / \sqrt{2\pi} = \sqrt{1/16} = \tfrac14$, and the two
# curves are never more than 0.02 apart.  So
# $\mathbb{E}[\sigma(z)] \approx \mathbb{E}[\Phi(\sqrt{\pi/8}\; z)]$.
#
# Second, that mean is exact.  Take $U$ a standard Gaussian number drawn
# apart from $z$.  For a fixed $z$, $\Phi(\sqrt{\pi/8}\; z)$ is the chance
# that $U \le \sqrt{\pi/8}\; z$; averaged over $z$, it is the chance that
# $U - \sqrt{\pi/8}\; z \le 0$ when both are drawn.  That difference is
# Gaussian (the fact above), with mean $-\sqrt{\pi/8}\; z^\star$ and
# variance $1 + \pi \psi^2 / 8$ (the variances of independent numbers
# add, chapter 6).  Subtracting its mean and dividing by its standard
# deviation turns it into a standard Gaussian number, so the chance that
# it is at most 0 is
# $\Phi\bigl(\sqrt{\pi/8}\; z^\star / \sqrt{1 + \pi \psi^2 / 8}\bigr)$.
#
# Third, turning $\Phi$ back into $\sigma$ by the first step gives the
# *probit approximation* (MacKay, 1992):
#
# $$
# \begin{aligned}
# \sigma(t) &\approx \Phi\bigl(\sqrt{\pi / 8}\; t\bigr), \\
# \mathbb{E}\bigl[\sigma(z)\bigr] &\approx \sigma\bigl(\chi(\psi^2)\, z^\star\bigr), \\
# \chi(\psi^2) &= (1 + \pi \psi^2 / 8)^{-1/2}.
# \end{aligned} \tag{11.16}
# $$
#
# So the Laplace approximation shrinks each logit toward 0, by a factor
# $\chi$ that is 1 for a logit the data pin down exactly ($\psi = 0$) and
# smaller the larger $\psi$ is (``laplace.laplace_logits``).  Its
# probabilities move toward $\tfrac12$, never across it.
#
# We try it on "is it a 1?".  The Hessian of a model with 785 parameters
# is a $785 \times 785$ matrix, cheap to compute and factor.  The model is
# chapter 2's on scaled pixels, trained on the same first 3000 training
# images as the binary models above, but with chapter 6's L2 penalty,
# trained to its minimum by Newton's method (chapter 10), so that it is a
# MAP.  Its $\lambda$ is chosen on the validation images, by their log
# loss: the penalties are tried from the strongest down, each started at
# the last one's minimum.  The cell then checks (11.16) against the mean
# of $\sigma$ over 4000 draws of $\theta$ from the bell (11.14).

# %%
X_map, y_map = X_train[:BINARY_IMAGES], y_train[:BINARY_IMAGES]
w_map, b_map = np.zeros(X_map.shape[1]), 0.0
print(f"the MAP of 'is it a {args.digit}?' on {len(y_map)} images, scaled pixels:")
print("       l2  Newton steps  validation log loss  accuracy")
fits = {}
for l2 in LAPLACE_L2S:
    w_map, b_map, history = newton(w_map, b_map, X_map, y_map, l2=l2)
    fits[l2] = (w_map, b_map)
    z = X_val @ w_map + b_map
    print(f"  {l2:7g}  {len(history) - 1:12d}  {cross_entropy(z, y_val):19.4f}  "
          f"{100 * np.mean((z > 0) == y_val):6.2f} %")
l2_map = min(fits, key=lambda l2: cross_entropy(X_val @ fits[l2][0] + fits[l2][1], y_val))
w_map, b_map = fits[l2_map]
print(f"chosen on validation: l2 = {l2_map:g}")
# the validation and the test images in one call: one Hessian, one factorisation
z_both, psi2_both = laplace_logits(w_map, b_map, X_map, y_map, np.vstack([X_val, X_test]),
                                   l2=l2_map)
z_val_laplace, z_test_laplace = z_both[:len(y_val)], z_both[len(y_val):]
psi2_test = psi2_both[len(y_val):]
a_test = sigmoid(z_test_laplace)  # the Laplace approximation's probabilities, (11.16)
psi = np.sqrt(psi2_test)
chi = 1 / np.sqrt(1 + np.pi * psi2_test / 8)  # (11.16)'s shrinking factor
print(f"the test logits' posterior spread psi: median {np.median(psi):.2f}, "
      f"from {psi.min():.2f} to {psi.max():.2f};\n  chi: median {np.median(chi):.2f}, "
      f"from {chi.max():.2f} to {chi.min():.2f}")
# (11.16) against the mean of sigma over 4000 draws of theta from the bell (11.14): with
# L L^T = m H*, theta* + L^-T u has the covariance (m H*)^-1 when u has independent standard
# Gaussian entries
draws = np.random.default_rng(args.seed).standard_normal((LAPLACE_DRAWS, X_map.shape[1] + 1))
factor = np.linalg.cholesky(len(y_map) * hessian(w_map, b_map, X_map, l2_map))
thetas = np.append(w_map, b_map) + solve_triangular(factor.T, draws.T, lower=False).T
shown = slice(0, 500)  # the first 500 test images
sampled = sigmoid(np.column_stack([X_test[shown], np.ones(500)]) @ thetas.T).mean(axis=1)
print(f"first 500 test images, the mean of sigma over {LAPLACE_DRAWS} draws from (11.14):\n"
      f"  largest gap to (11.16) {np.abs(sampled - a_test[shown]).max():.4f}, to the MAP's "
      f"probability {np.abs(sampled - sigmoid(X_test[shown] @ w_map + b_map)).max():.4f}")


# %% [markdown]
# What to look for: the penalty chosen on the validation images is
# $\lambda = 0.001$, and Newton's method needs only a few steps for each,
# started from the last minimum.  The spread $\psi$ of a test image's
# logit is typically about 2.5, where a logit of 2.5 already means a
# probability of 0.92: the data leave each logit quite uncertain, and
# some logits several times more than others.  So the shrinking is not
# small: every logit loses at least a tenth, and a typical one about half
# ($\chi$ from 0.88 down to 0.32, median 0.54).  The probit approximation
# (11.16) stays within 0.015 of the mean over 4000 draws from the bell,
# on every one of the 500 images, while the MAP's own probability is up
# to 0.14 away from it.  So (11.16) is a good shortcut for the average
# over the Laplace bell (whether the bell is a good stand-in for the
# posterior is another question, which this check does not answer).
#
# Is the average better?  Below, the validation log loss of the three
# ways to give a probability: the MAP's own, the Laplace approximation's,
# and Platt scaling of the MAP's logits (fitted on the validation images,
# so its validation score flatters it).  Then each is scored once on the
# test images, and compared image by image: the mean difference of the
# log losses, with its standard error (as (6.5), for losses).

# %%
z_val_map, z_test_map = X_val @ w_map + b_map, X_test @ w_map + b_map
s_map, c_map = platt(z_val_map, y_val)
losses = {"MAP": (np.logaddexp(0, z_val_map) - y_val * z_val_map,
                  np.logaddexp(0, z_test_map) - y_test * z_test_map),
          "Laplace": (np.logaddexp(0, z_val_laplace) - y_val * z_val_laplace,
                      np.logaddexp(0, z_test_laplace) - y_test * z_test_laplace),
          "Platt": tuple(np.logaddexp(0, s_map * z + c_map) - y * (s_map * z + c_map)
                         for z, y in ((z_val_map, y_val), (z_test_map, y_test)))}
probabilities = {"MAP": sigmoid(z_test_map), "Laplace": a_test,
                 "Platt": sigmoid(s_map * z_test_map + c_map)}
print(f"Platt scaling of the MAP: s = {s_map:.3f}, c = {c_map:+.3f}")
print("          validation   test log loss   test ECE")
for name, (val_loss, test_loss) in losses.items():
    print(f"{name:>8}:  {val_loss.mean():10.4f}   {test_loss.mean():13.4f}   "
          f"{expected_calibration_error(probabilities[name], y_test, args.bins):8.4f}")
for first, second in (("Laplace", "MAP"), ("Laplace", "Platt")):
    gaps = losses[first][1] - losses[second][1]
    print(f"test log loss, {first} - {second}: {gaps.mean():+.4f}, standard error "
          f"{gaps.std(ddof=1) / np.sqrt(len(gaps)):.4f}")
print(f"accuracy, the same for the MAP and Laplace: "
      f"{100 * np.mean((z_test_map > 0) == y_test):.2f} %")


# %% [markdown]
# What to look for: here the Laplace approximation makes the probabilities
# worse, not better.  Its validation log loss is higher than the MAP's,
# so the validation images would already have told us not to use it, and
# the test images agree: its test log loss is higher than the MAP's by
# about 0.01, more than ten standard errors, and its ECE is several times
# larger.  Platt scaling gives a hint why.  Its $s$ is above 1: the MAP's
# logits are, if anything, a little too *timid* already.  The Laplace
# approximation shrinks every logit further, by half for a typical one,
# so its probabilities are too unsure.  Shrinking a logit never changes
# its sign, so the accuracy is the same.
#
# This is a lesson about priors, not a flaw in the arithmetic.  The
# Laplace average is the right one if the prior is right, and the prior
# here, a Gaussian of precision $m\lambda$ on each of 784 weights, with
# $\lambda$ picked to make the MAP's probabilities good, was not chosen as
# a belief about the weights (chapter 6 said as much).  A prior that
# leaves the weights this uncertain (a spread $\psi$ of about 2.5 on a
# typical logit) and a MAP that is already well calibrated do not mix.
# Which images does the posterior leave most uncertain?  Below are the
# ten test images with the largest $\psi$, with the MAP's probability and
# the Laplace approximation's.

# %%
doubted = np.argsort(-psi2_test)[:10]
print("the ten test images with the largest psi:")
print("  row    psi   digit   MAP a   Laplace a")
for i in doubted:
    print(f"  {i:4d}  {psi[i]:5.2f}   {digits_test[i]:5d}   {sigmoid(z_test_map[i]):6.4f}   "
          f"{a_test[i]:9.4f}")
fig = digit_grid(X_test[doubted], [f"a digit {digits_test[i]}, psi {psi[i]:.1f}"
                                   for i in doubted],
                 suptitle=f"The ten test images whose logit the data leave most uncertain")
save(fig, args, "11_laplace_doubt.png")
show(args)


# %% [markdown]
# What to look for: they are big, bold digits, mostly 0s, whose ink
# covers many pixels.  By (11.15), $\psi^2$ adds up a term for every pair
# of inked pixels, so an image with much ink tends to have a large
# $\psi$.  None of the ten is a 1, and the MAP says so with a probability
# that rounds to 0.0000; it is right about all ten.  Their logits are so
# far below 0 that even shrunk by a factor of about 0.3 they stay far
# below it, and the Laplace probabilities rise only to about 0.01 at
# most.  A probability moves most where $\psi$ is large and the logit
# $z^\star$ is moderate, as on the images among the first 500 where the
# MAP and the draws were up to 0.14 apart.  On these test images, drawn
# like the training images, the MAP chosen on the validation images was
# the better forecaster.

# %% [markdown]
# Summary
# -------
#
# - Precision and recall (11.1) and the $F_1$ score (11.2) look at the rare
#   class that accuracy drowns.  One sort of the scores gives them at every
#   threshold (11.3), and so the ROC curve (11.4), its area (11.5), which is
#   the chance that a positive outscores a negative, and the
#   precision-recall curve with its average precision (11.6).  Rank by the
#   logits: the probabilities tie where they round to 0 or 1.
# - Two models' AUCs on the same images are compared by their difference,
#   with a paired bootstrap interval.  The AUC averages over every
#   threshold: a model can lead by the AUC and still trail at the top of
#   the ranking, where a high-precision threshold sits.
# - A threshold for a goal is chosen on the validation images, and scored
#   once on the test images, with its intervals.
# - Calibration (11.7) is read off a reliability diagram (11.8).  The ECE
#   (11.9) sums its gaps, weighted by count, and can miss a model that is
#   certain about everything.  The log loss (11.10) is least for honest
#   probabilities and punishes confident mistakes.
# - Platt scaling (11.11) and temperature scaling (11.12, 11.13) are
#   logistic and softmax regression on the logits, with two parameters and
#   one, fitted on the validation images.  They make the raw-pixel model's
#   probabilities useful and leave its ranking unchanged.
# - The Laplace approximation replaces the posterior by a Gaussian around
#   the MAP, with covariance $(m H^\star)^{-1}$ (11.14); each logit is then
#   Gaussian (11.15), and the probit approximation averages the sigmoid
#   over it by shrinking the logit, $\sigma(\chi(\psi^2) z^\star)$ (11.16).
#   On "is it a 1?" with $\lambda$ chosen on the validation images, it made
#   the probabilities worse: the MAP was already calibrated, if anything
#   timid, and more shrinking hurt.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Look for 8s (``--digit 8``), the hardest digit of chapter 2's
#    exercises.  What precision and recall does the threshold for 99 %
#    precision give on the test images?  What are the two models' AUCs,
#    and does the bootstrap interval of their difference hold 0?
# 2. Change the goal: ``--goal 0.999``.  How much recall is left, and how
#    many test images called 1s does the test precision rest on?  How wide
#    is its interval?
# 3. Draw the diagrams with ``--bins 5`` and ``--bins 50``.  How does the
#    softmax model's ECE move with the bins alone?
# 4. Write the curves, the AUC, the average precision and the bins
#    yourself in ``exercises/e10_metrics.py``, temperature scaling in
#    ``exercises/e11_temperature.py``, and the Laplace approximation's
#    probabilities in ``exercises/e13_laplace.py``, and grade them.
#
# With pen and paper (answers: ``exercises/DERIVATIONS.md``):
#
# 5. Derive (11.5) from the trapezoid rule on the ROC curve's steps.
# 6. Show that the squared error $(a - y)^2$ is a proper scoring rule too:
#    its expected value is least at $a = a^\star$.  Is $|a - y|$ one?
# 7. Derive (11.13) from (11.12).
# 8. The probit approximation's middle step.  Suppose
#    $U - \sqrt{\pi/8}\; z$ is Gaussian with mean $-\sqrt{\pi/8}\; z^\star$
#    and variance $1 + \pi \psi^2 / 8$.  Show that the chance that it is at
#    most 0 is
#    $\Phi\bigl(\sqrt{\pi/8}\; z^\star / \sqrt{1 + \pi \psi^2 / 8}\bigr)$,
#    by writing the event in terms of the standard Gaussian number it
#    becomes once its mean is subtracted and it is divided by its
#    standard deviation.  Then show that $\chi(\psi^2) \to 1$ as
#    $\psi \to 0$, and that for a fixed $z^\star$ and a large $\psi$ the
#    Laplace probability tends to $\tfrac12$: how fast does
#    $\chi(\psi^2) z^\star$ shrink?
#
# To write this chapter's steps as code and have them graded, see
# ``exercises/README.md``.
