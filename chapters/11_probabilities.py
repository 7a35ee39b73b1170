# %% [markdown]
"""
Chapter 11. What the probabilities mean
=======================================

Chapter 2 opened with a promise: the model estimates *the probability*
that an image shows a 1.  Since then every model has answered "yes" when
that probability is above one half and has been scored by its accuracy
alone.  This chapter takes the probabilities at their word.  It asks two
questions of chapter 2's model, on raw and on scaled pixels, and of
chapter 5's softmax model: how good are the answers at every threshold,
not just one half (precision, recall, the ROC and precision-recall
curves), and do the probabilities mean what they say (calibration)?  It
then fixes the probabilities with the book's own tool, logistic regression,
fitted to the logits.  As in chapter 6, every choice is made on the 10,000
validation images, and the test images are scored once, at the end.
"""

# %%
import numpy as np

from logreg_from_scratch.calibrate import fit_temperature, platt, temperature_cost
from logreg_from_scratch.chapter import (chapter_parser, generators, load, parse, positive, save,
                                         show)
from logreg_from_scratch.cost import cross_entropy
from logreg_from_scratch.experiments import (BINARY_IMAGES, BINARY_RATES, BINARY_STEPS,
                                             PRECISION_GOAL, binary_logits, binary_models,
                                             fit_softmax, threshold_test)
from logreg_from_scratch.labels import binary_labels
from logreg_from_scratch.metrics import (average_precision, confusion, expected_calibration_error,
                                         precision_recall_curve, precision_recall_f1, reliability,
                                         roc_auc, roc_curve)
from logreg_from_scratch.newton import descent, newton
from logreg_from_scratch.plots import ranking_curves, reliability_diagrams
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
shuffle_rng, batch_rng = generators(args.seed, 2)  # chapter 5's: its model, to the last digit

# %% [markdown]
# The models
# ----------
#
# Chapter 2's model, "is it a 1?", trained as chapter 2 trains it (100
# steps of gradient descent from $w = 0$ on 3000 images) twice: on raw
# 0-255 pixels at rate 0.005 and on pixels scaled to [0, 1] at rate 0.5
# (chapter 3).  The 3000 images are the first of chapter 5's 50,000
# training images, in chapter 5's random order; chapter 5's softmax model
# is trained on all of them, exactly as chapter 5 trains it.  The raw
# pixels are the scaled ones times 255, rounded back to the whole numbers
# they were.

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
          f"{np.sum((a > 0.01) & (a < 0.99))}, with a exactly 0 or 1: "
          f"{np.sum((a == 0) | (a == 1))}")

# %% [markdown]
# What to look for: both models are right about 98.5 % of the validation
# images, ten points above always saying "no", and within a fifth of a
# point of each other.  Their probabilities are another matter.  On raw
# pixels the median logit is over a thousand, and $\sigma(1000)$ is 1 to
# more digits than a float holds: all but a handful of the 10,000 images
# get a probability below 0.01 or above 0.99, and most get *exactly* 0 or
# 1.  On scaled pixels a quarter of the images
# get a probability in between.  Accuracy cannot see the difference.  The
# rest of the chapter measures it.

# %% [markdown]
# Counting the mistakes: precision and recall
# -------------------------------------------
#
# At a threshold, each image falls in one of four cells: a 1 called a 1 (a
# *true positive*, TP), another digit called a 1 (a *false positive*, FP),
# a 1 missed (a *false negative*, FN), and another digit left alone (a
# *true negative*, TN); the *confusion matrix* holds the four counts
# (``metrics.confusion``).  With $n_1 = TP + FN$ ones and $n_0 = FP + TN$
# others among the images, accuracy is $(TP + TN) / (n_1 + n_0)$, and when
# only one image in nine is a 1, the TNs swamp it.  Two ratios look at the
# ones:
#
# $$
# \text{precision} = \frac{TP}{TP + FP}, \qquad \text{recall} = \frac{TP}{TP + FN}. \tag{11.1}
# $$
#
# Precision: of the images the model calls a 1, the share that are.
# Recall: of the 1s, the share it finds.  Always saying "no" has an
# accuracy of 89 % and a recall of 0.  One number for both is their
# harmonic mean, the $F_1$ score, which is low when either is low; clearing
# the fractions,
#
# $$
# F_1 = \frac{2\, \text{precision} \cdot \text{recall}}{\text{precision} + \text{recall}}
# = \frac{2\, TP}{2\, TP + FP + FN}. \tag{11.2}
# $$
#
# At the usual threshold, $a > \tfrac12$ (that is, $z > 0$), on the
# validation images (``metrics.precision_recall_f1``):

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
# mistakes, of different kinds.  The raw-pixel model calls more images 1s:
# it finds more of the 1s (higher recall) and raises more false alarms
# (lower precision).  Which is better depends on what each kind of mistake
# costs, and the threshold one half was set with no costs in mind.  A
# model that scores every image gives a whole family of answers, one a
# threshold.

# %% [markdown]
# Every threshold at once: the ROC and precision-recall curves
# ------------------------------------------------------------
#
# Lowering the threshold from above every score to below every score
# turns the images into "yes" one at a time, in the order of their
# scores.  So one sort does it all.  Sort the scores (here the logits)
# from the highest, $z_{(1)} \ge z_{(2)} \ge \dots \ge z_{(m)}$, with labels
# $y_{(i)}$; at the threshold $t = z_{(n)}$ the first $n$ images are
# "yes", and
#
# $$
# TP_n = \sum_{i=1}^{n} y_{(i)}, \qquad FP_n = n - TP_n. \tag{11.3}
# $$
#
# A cumulative sum gives every $TP_n$ at once (``metrics.counts_by_threshold``).
# Images with *equal* scores are on the same side of every threshold, so
# only the last image of each run of ties gives a threshold: splitting a
# tie by the images' order would invent thresholds that no score can set.
# From (11.3), the *ROC curve* (receiver operating characteristic) plots
# the share of ones found against the share of others falsely called ones,
#
# $$
# \text{TPR}_n = \frac{TP_n}{n_1}, \qquad \text{FPR}_n = \frac{FP_n}{n_0}, \tag{11.4}
# $$
#
# from $(0, 0)$ (nothing called a 1) to $(1, 1)$ (everything).  Its area,
# the AUC, has a meaning of its own.  Walk the curve: each negative
# image $j$ moves it right by $1/n_0$, at the height $\text{TPR}$ = the
# share of positives scoring above $z_j$ (and, by the trapezoid rule, half
# of those tied with it).  Adding up these strips,
#
# $$
# \text{AUC} = \frac{1}{n_1 n_0} \sum_{i:\, y_i = 1} \sum_{j:\, y_j = 0}
# \Bigl([z_i > z_j] + \tfrac12 [z_i = z_j]\Bigr), \tag{11.5}
# $$
#
# the chance that a 1 drawn at random scores above another digit drawn at
# random, a tie counting one half (``metrics.roc_auc``).  It is 1 for a
# perfect ranking and $\tfrac12$ for scores that ignore the image.  The
# *precision-recall curve* plots (11.1) at each threshold instead, and its
# summary, the *average precision*, weights each threshold's precision
# $\text{prec}_n$ by the recall it adds, $\text{rec}_n - \text{rec}_{n-1}$:
#
# $$
# \text{AP} = \sum_{n} (\text{rec}_n - \text{rec}_{n-1})\, \text{prec}_n. \tag{11.6}
# $$
#
# Scores that ignore the image have AP about $n_1 / (n_1 + n_0)$, here 0.11, not
# $\tfrac12$: when positives are rare, the precision-recall curve shows
# the false alarms that the ROC curve, dividing them by the many
# negatives, flattens.  (``metrics.average_precision``, which adds the
# steps without joining them by straight lines, as scikit-learn does; the
# tests check every function here against scikit-learn's.)
#
# Which score to sort?  The logit $z$ and the probability $a = \sigma(z)$
# rank the images in the same order, as $\sigma$ increases, *except where
# floating point ties them*: $\sigma(z)$ rounds to exactly 1.0 for every
# $z > 37$.

# %%
curves = {}
for pixels, z in z_val.items():
    fpr, tpr, _ = roc_curve(z, y_val)
    precision, recall, _ = precision_recall_curve(z, y_val)
    curves[f"{pixels} pixels"] = (fpr, tpr, precision, recall)
    a = sigmoid(z)
    print(f"{pixels:>6}: AUC {roc_auc(z, y_val):.4f} (sorting a: {roc_auc(a, y_val):.4f}),  "
          f"AP {average_precision(z, y_val):.4f} (sorting a: {average_precision(a, y_val):.4f})")

# %% [markdown]
# What to look for: ranked by their logits, the two models are about as
# good, with an AUC near 0.996: a random 1 outscores a random other digit
# more than 99 times in 100.  Ranked by the raw model's probabilities,
# both numbers fall: the images with $a$ exactly 1.0 are one big tie, and
# those with $a$ exactly 0.0 another, and the order inside each, which
# the logits had, is lost.  Rank by the logits.
#
# Choosing the threshold on validation data
# -----------------------------------------
#
# Suppose the 1s the model picks out go on without a second look, so a
# false alarm is costly: the goal is a precision of at least 99 %, with as
# much recall as that allows.  On the validation images, keep the
# thresholds whose precision reaches 99 % and take the one that finds the
# most 1s (``metrics.threshold_for_precision``).  Then apply it, once, to
# the test images.  Each rate the test gives is a proportion of a count,
# so it carries Wilson's interval (6.3): precision out of the images
# called 1s, recall out of the 1s.

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
                     title=f"Is it a {args.digit}?  {len(y_val)} validation images, ranked by "
                           "the logits")
save(fig, args, "11_curves.png")

# %% [markdown]
# What to look for: at 99 % precision the scaled model finds about ten
# points more of the 1s than the raw one (84 % against 74 % of the test
# 1s), and the paired count on the test 1s (McNemar's test, (6.4), on the
# 1s only) says this is no accident, although the two had about the same
# accuracy at one half.  The raw model needs a logit above 300 to be 99 %
# precise: its logits are on another scale, a point the rest of the
# chapter takes up.  The test precisions land at or above the goal,
# within their intervals.  They might have fallen below it: the threshold
# is the lowest whose validation precision reached 99 %, so some luck of
# the validation images went into it (chapter 6's winner's bias).  In the
# figure the circles mark the chosen thresholds.  The ROC panel shows
# only its top left corner, false-positive rates up to 5 %: beyond it both
# curves run along the top, near a true-positive rate of 1.

# %% [markdown]
# Do the probabilities mean what they say?  Calibration
# -----------------------------------------------------
#
# A model is *calibrated* when its probabilities are frequencies: of the
# images it gives probability $p$, a share $p$ are 1s,
#
# $$
# \Pr(y = 1 \mid a = p) = p \quad \text{for every } p. \tag{11.7}
# $$
#
# Few images share one exact $p$, so a *reliability diagram* pools them
# in bins: cut [0, 1] into equal bins, and for each bin $B$ plot the share
# of 1s in it against its mean probability (``metrics.reliability``),
#
# $$
# \text{confidence}(B) = \frac{1}{|B|} \sum_{i \in B} a_i, \qquad
# \text{frequency}(B) = \frac{1}{|B|} \sum_{i \in B} y_i. \tag{11.8}
# $$
#
# A calibrated model's points lie on the diagonal.  One number sums the
# gaps, weighting each bin by its share of the images, the *expected
# calibration error* (``metrics.expected_calibration_error``):
#
# $$
# \text{ECE} = \sum_{B} \frac{|B|}{m}\, \bigl|\text{frequency}(B) - \text{confidence}(B)\bigr|. \tag{11.9}
# $$
#
# Softmax gives ten probabilities an image; its diagram asks about the
# largest, the *confidence* $\max_j P_{ij}$ of the class it predicts,
# against whether that class is right: do the images it calls 80 % sure
# come out right 80 % of the time?

# %%
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
bins = reliability(confidence, right_val.astype(int), args.bins)
print(f"softmax: ECE {expected_calibration_error(confidence, right_val.astype(int), args.bins):.4f}"
      f"; the top bin: {bins.count[-1]} images, mean {bins.confidence[-1]:.4f}, "
      f"{100 * bins.frequency[-1]:.2f} % right")
fig = reliability_diagrams(diagrams, title=f"Reliability on the {len(y_val)} validation images, "
                                           f"{args.bins} bins")
save(fig, args, "11_reliability.png")

# %% [markdown]
# What to look for: the raw-pixel model has two points that matter, one a
# bin at each end (the points between hold one to three images each, as
# the counts below them show).  Its top bin holds over a thousand images
# with a mean probability of 1 to four digits, of which only about nine in
# ten are 1s: "certain" is wrong about one time in eleven.  Yet its ECE is
# about that of the scaled model, whose points follow the diagonal all the
# way.  The ECE weighs each bin by its images, and nearly all the images
# sit in the two end bins, where each gap is about the share of mistakes
# in the bin: for a model 98.4 % right, the ECE is about its 1.6 % of
# mistakes.  A model that says only "certainly yes" and
# "certainly no" can have a small ECE.  The scaled model's points lie
# above the diagonal at the top: of the images it gives about 0.95, more
# than 99 % are 1s, so it is a little timid.  Softmax's diagram (of its top
# class) lies close to the diagonal, a little above it in the busy bins
# at the top: when it is 98 % sure it is right slightly more often.
#
# The log loss rewards honest probabilities
# -----------------------------------------
#
# Accuracy only asks which side of one half a probability is on.  The
# cost the models were trained on, the log loss (2.4), asks more, and a
# short calculation shows what.  Suppose an image is a 1 with chance $p$
# and the model says $q$.  The expected loss is
#
# $$
# L(q) = -p \log q - (1 - p) \log (1 - q), \qquad
# L'(q) = \frac{q - p}{q (1 - q)}, \tag{11.10}
# $$
#
# negative below $p$ and positive above it: the expected loss is least
# exactly at $q = p$.  Only the honest probability minimises it (the log
# loss is a *proper scoring rule*), while any $q$ on the right side of one
# half scores the same accuracy.  So a confident mistake is expensive: by
# (2.10), an image labelled 0 with logit $z \gg 0$ costs about $z$.

# %%
for pixels, z in z_val.items():
    losses = np.logaddexp(0, z) - y_val * z  # each image's loss, (2.10)
    wrong = (z > 0) != y_val
    print(f"{pixels:>6}: log loss {cross_entropy(z, y_val):.4f}; its {wrong.sum()} mistakes "
          f"carry {100 * losses[wrong].sum() / losses.sum():.3f} % of it (mean |z| "
          f"{np.abs(z[wrong]).mean():.1f})")
print(f"softmax: log loss {temperature_cost(Z_val, digits_val, 1.0):.4f}")

# %% [markdown]
# What to look for: the raw-pixel model's log loss is over fifty times the
# scaled model's, and its mistakes carry almost all of it: each is made
# with a logit of about 170 on average, "certain", and costs about that
# much.  The scaled model's mistakes carry about half of its log loss.
# This, not the accuracy or the ECE, is why its probabilities are useless.
# Its ranking, though, is as good as the scaled model's (the AUC above):
# the logits know which images are doubtful, only their scale is wrong.
#
# Fixing the probabilities: logistic regression on the logits
# -----------------------------------------------------------
#
# If only the scale is wrong, learn the scale.  *Platt scaling* keeps the
# model and passes its logit through one more logistic regression, with a
# single feature, $z$ itself:
#
# $$
# a = \sigma(s z + c). \tag{11.11}
# $$
#
# Its cost is (2.4) with $z$ in place of the pixels, so its gradient is
# (2.8) with a one-column $X$: the book's own model, fitted to the
# logits of the *validation* images (``calibrate.platt``).  Not the
# training images: the model learnt from those, and its logits are surer
# of them than of images it has never seen.  Nor the test images, which
# are kept for the final score.  With $s > 0$ the order of the images is kept, and
# with it the ROC and precision-recall curves; $c$ moves the point where
# $a = \tfrac12$, so the accuracy at one half may change a little.  With
# two parameters, Newton's method (chapter 10) is the natural fit: the
# Hessian is $2 \times 2$.  Below it is run on the scaled model's logits
# (standardised: a change of units), beside gradient descent with chapter
# 10's line search.
#
# For softmax, *temperature scaling* divides all the logits by one number
# $T > 0$ (``calibrate.fit_temperature``):
#
# $$
# P = \operatorname{softmax}(Z / T), \qquad
# J(s) = \frac{1}{m} \sum_{i=1}^{m} \Bigl(\log \sum_{j=1}^{k} e^{s Z_{ij}} - s Z_{i y_i}\Bigr),
# \quad s = \frac{1}{T}. \tag{11.12}
# $$
#
# Dividing a row by $T$ keeps its largest logit the largest, so the
# predictions, and the accuracy, do not change at all; only the
# confidence does.  Differentiating (11.12) as chapter 5 differentiated
# softmax's cost, with $Y$ the one-hot labels, and once more (exercise 7
# does both),
#
# $$
# \begin{aligned}
# J'(s) &= \frac{1}{m} \sum_{i=1}^{m} \sum_{j=1}^{k} (P_{ij} - Y_{ij})\, Z_{ij}, \\
# J''(s) &= \frac{1}{m} \sum_{i=1}^{m} \Bigl(\sum_{j} P_{ij} Z_{ij}^2 - \bigl(\sum_{j} P_{ij} Z_{ij}\bigr)^2\Bigr).
# \end{aligned} \tag{11.13}
# $$
#
# $J''$ is the mean over the images of the variance of a row of $Z$ under
# its own probabilities, never negative: $J$ is convex in $s$, and
# Newton's method $s \leftarrow s - J'(s) / J''(s)$ finds its minimum.

# %%
z = z_val["scaled"]
u = ((z - z.mean()) / z.std())[:, None]  # the one feature, in standard units
_, _, history = newton(np.zeros(1), 0.0, u, y_val, l2=0.0)
for step, (cost, evaluations, _, _) in enumerate(descent(np.zeros(1), 0.0, u, y_val, l2=0.0)):
    if cost <= history[-1][0] * (1 + 1e-9):
        break
print(f"Platt scaling of the scaled model, to log loss {history[-1][0]:.8f} (within 1e-9):"
      f"\n  Newton's method: {len(history) - 1} steps\n  gradient descent with line search: "
      f"{step} steps ({evaluations} evaluations of J)")
calibrated = {pixels: platt(z, y_val) for pixels, z in z_val.items()}
for pixels, (s, c) in calibrated.items():
    print(f"{pixels:>6}: a = sigmoid({s:.4g} z {'+' if c >= 0 else '-'} {abs(c):.4g}), fitted "
          "on the validation images")
T = fit_temperature(Z_val, digits_val)
print(f"softmax: T = {T:.4f}, fitted on the validation images")

# %% [markdown]
# What to look for: Newton's method reaches the minimum in a handful of
# steps, gradient descent in hundreds, as chapter 10 found.  The raw
# model's $s$ is about 1/100: its logits were a hundred times too large.
# The scaled model's $s$ is above 1 (its logits were a little timid), and
# softmax's $T$ is close to 1: chapter 5's model was already close to
# calibrated, as its diagram showed.
#
# The test images, once
# ---------------------
#
# Each model, as trained and calibrated, on the 10,000 test images: the
# accuracy, the log loss and the ECE, and the reliability diagrams before
# and after.

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
          f"        accuracy {100 * before_right.mean():.2f} % -> {100 * after_right.mean():.2f} % "
          f"({put_right} put right, {put_wrong} put wrong; McNemar's p = {p_value:.2g})")
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
                                        "and after calibrating on validation images")
save(fig, args, "11_calibrated.png")
show(args)

# %% [markdown]
# What to look for: Platt scaling cuts the raw-pixel model's test log
# loss about fiftyfold, to that of the scaled model, and the calibrated
# raw model's diagram now has points along the diagonal where it had
# none.  Its accuracy moves by a few images either way (the paired count:
# no real change), as $c$ moved the point where $a = \tfrac12$.  The
# scaled model gains less, and its predictions do not move.  Softmax's
# temperature lowers the test log loss, the score it was fitted to, in the
# fourth decimal, and its ECE *rises*.  $T$ above 1 softens every
# probability, as the log loss asks; but in its busiest bins the model was
# already a little timid (the top bin's share right is above its
# confidence), so softening widens the gaps that the ECE counts by the
# image.  One number $T$ cannot please both measures, and a model already
# close to calibrated has little to gain: what it gains depends on the
# measure.
#
# Summary
# -------
#
# - Precision and recall (11.1) and $F_1$ (11.2) look at the rare class
#   that accuracy drowns.  One sort of the scores gives them at every
#   threshold (11.3), and so the ROC curve (11.4), its area (11.5), the
#   chance that a positive outscores a negative, and the precision-recall
#   curve with its average precision (11.6).  Rank by the logits: the
#   probabilities tie where they round to 0 or 1.
# - A threshold for a goal is chosen on validation images and scored once
#   on the test images, with its intervals.
# - Calibration (11.7) is read off a reliability diagram (11.8); the ECE
#   (11.9) sums its gaps by count, and can miss a model that is certain
#   about everything.  The log loss (11.10) is least for honest
#   probabilities and punishes confident mistakes.
# - Platt scaling (11.11) and temperature scaling (11.12, 11.13) are
#   logistic (and softmax) regression on the logits, with two parameters
#   and one, fitted on validation images: the raw-pixel model's
#   probabilities become useful, its ranking unchanged.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Look for 8s (``--digit 8``), the hardest digit of chapter 2's
#    exercises.  What precision and recall does the threshold for 99 %
#    precision give on the test images, and what are the two models' AUCs?
# 2. Change the goal: ``--goal 0.999``.  How much recall is left, and how
#    many test images called 1s does the test precision rest on?  How wide
#    is its interval?
# 3. Draw the diagrams with ``--bins 5`` and ``--bins 50``.  How does the
#    softmax model's ECE move with the bins alone?
# 4. Write the curves, the AUC, the average precision and the bins
#    yourself in ``exercises/e10_metrics.py``, and temperature scaling in
#    ``exercises/e11_temperature.py``, and grade them.
#
# With pen and paper (answers: ``exercises/DERIVATIONS.md``):
#
# 5. Derive (11.5) from the trapezoid rule on the ROC curve's steps.
# 6. Show that the squared error $(q - y)^2$ is a proper scoring rule too:
#    its expected value is least at $q = p$.  Is $|q - y|$?
# 7. Derive (11.13) from (11.12).
#
# To write this chapter's steps as code and have them graded:
# ``exercises/`` (see the README).
