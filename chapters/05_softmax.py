# %% [markdown]
"""
Chapter 5. Softmax regression on 50,000 digits
==============================================

In chapter 3 we trained ten separate yes-or-no models, one for each digit,
on 3000 images, and they read fewer than nine test digits in ten right.
This chapter asks how far a *linear* classifier can go on MNIST, and how
quickly plain NumPy can train it.  It makes three changes.

First, the ten scores of an image no longer belong to ten models that
never meet: they compete for one probability distribution.  This model is
called *softmax regression*, and we derive its cost and its gradient.
Second, it learns from 50,000 images instead of 3000.  To make that cheap,
it takes many small steps, each computed from a small batch of images
drawn at random: *mini-batch stochastic gradient descent* ("stochastic"
means random), which we write out line by line.  Third, it holds 10,000
further images out of training, the *validation* images, and compares
settings on them, so that the test images, used once at the end, give an
honest score.
"""

# %%
import functools
import time

import numpy as np

from logreg_from_scratch.chapter import (SOFTMAX_SGD, add_dtype_option, chapter_parser, generators,
                                         load, parse, positive, save, show)
from logreg_from_scratch.experiments import OVR_RATES, fit_one_vs_rest, roughness
from logreg_from_scratch.optimize import DivergenceError, minibatch_sgd, train_softmax
from logreg_from_scratch.plots import confusion_figure, cost_curves, digit_grid, weight_maps
from logreg_from_scratch.predict import accuracy, confusion_matrix, predict
from logreg_from_scratch.softmax import predict_softmax, propagate_softmax
from logreg_from_scratch.uncertainty import describe_accuracy, paired_lines


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
# In chapter 3 each digit had its own model, trained on its own question
# ("is it a 3?"), and the ten models never met.  Nothing stopped an image
# from being "surely a 3" and "surely a 5" at the same time, and the
# prediction simply took the largest of the ten scores.
#
# Softmax regression keeps chapter 3's ten scores, the logits
# $Z = XW + b$ of (3.1): row $i$ of $Z$ holds image $i$'s ten logits
# $Z_{i\ell}$, one for each class (digit) $\ell = 0, 1, \dots, 9$.  What
# changes is how a row of logits becomes probabilities.  Each logit is
# exponentiated, which makes it positive, and then divided by the row's
# total, so that the ten probabilities add up to 1:
#
# $$
# P_{i\ell} = \operatorname{softmax}(Z)_{i\ell} = \frac{e^{Z_{i\ell}}}{\sum_{\ell'=0}^{k-1} e^{Z_{i\ell'}}}. \tag{5.1}
# $$
#
# Here $k = 10$ is the number of classes, and $\ell'$ runs over all of
# them in the sum.  The function is called *softmax* because it is a soft
# version of picking the largest logit: the largest gets the largest
# probability, but the others keep some.  Now the classes compete.  A
# larger logit for the 3 takes probability away from every other digit.
#
# One property of softmax makes it safely computable.  Add the same number
# $\gamma$ (the Greek letter gamma) to every logit of a row.  The numerator
# of (5.1) and every term of its denominator are multiplied by
# $e^{\gamma}$, which cancels, so the probabilities do not change.  For
# row $i$ of logits, $Z_{i\cdot}$, and a row $\mathbf{1}$ of ones,
#
# $$
# \operatorname{softmax}(Z_{i\cdot} + \gamma\mathbf{1}) = \operatorname{softmax}(Z_{i\cdot}). \tag{5.2}
# $$
#
# Why does this matter?  The exponential grows very fast, and a computer
# cannot hold $e^{Z}$ for a logit above about 709.78.  The result would be
# larger than the largest 64-bit floating-point number (NumPy's float64,
# which this book uses), about $1.8 \times 10^{308}$, so it overflows to
# infinity.  (With 32-bit numbers, the option ``--dtype float32`` of
# exercise 5, the limit is about 88.72.)  By (5.2) we may shift row $i$ by
# $\gamma_i = -\max_{\ell} Z_{i\ell}$, that is, subtract the row's largest
# logit from each of its logits.  Then no shifted logit is above 0, the
# largest exponential is $e^{0} = 1$, and none can overflow.
#
# The cost will need the logarithm of a probability.  Taking the
# logarithm of (5.1) turns the division into a subtraction (the first
# line below).  The second line computes the same number from the shifted
# logits:
#
# $$
# \begin{aligned}
# \log P_{i\ell} &= Z_{i\ell} - \log \sum_{\ell'=0}^{k-1} e^{Z_{i\ell'}} \\
# &= (Z_{i\ell} + \gamma_i) - \log \sum_{\ell'=0}^{k-1} e^{Z_{i\ell'} + \gamma_i}.
# \end{aligned} \tag{5.3}
# $$
#
# The two lines are equal because $e^{Z_{i\ell'} + \gamma_i} = e^{Z_{i\ell'}} e^{\gamma_i}$,
# so the second logarithm is the first plus $\gamma_i$, which cancels
# the $\gamma_i$ added to $Z_{i\ell}$.  The logarithm of the sum is called
# the *log-sum-exp* of the row.  In the second line, no exponential can
# overflow, and the sum is at least 1, because one of its terms is
# $e^{0} = 1$; so its logarithm is finite.  The exponential of a very
# negative shifted logit may round to 0, but that does no harm: such a
# term is far too small to change a sum that is at least 1.  This second
# line is how ``softmax.log_softmax`` computes $\log P$.
#
# The cost and its gradient
# -------------------------
#
# The model gives image $i$'s true digit $y_i$ the probability
# $P_{i y_i}$.  A good model gives the true digits high probabilities.  As
# in chapter 2, the cost is the negative mean of their logarithms, the
# *cross-entropy* (chapter 2's Bernoulli distribution for a yes-or-no
# label becomes a distribution over $k$ classes).  We also allow an
# optional penalty that pulls the weights towards 0, the *L2 penalty*,
# with a strength $\lambda \geq 0$.  The cost with the penalty is written
# $J_\lambda$:
#
# $$
# J_\lambda(W, b) = -\frac{1}{m} \sum_{i=1}^{m} \log P_{i y_i} + \frac{\lambda}{2} \lVert W \rVert^2. \tag{5.4}
# $$
#
# Here $m$ is the number of images.  $\lVert W \rVert^2$ is the sum of the
# squares of all $d \times k$ weights, and its square root $\lVert W \rVert$
# is the length of the weights read as one long vector: the ordinary
# (Euclidean) length, also called the *L2 norm*, which gives the penalty
# its name.  The factor $\tfrac12$ is there for convenience: the
# derivative of $\tfrac{\lambda}{2} w^2$ is $\lambda w$, with no factor 2.
# The biases are not penalised.  With $\lambda = 0$ the penalty vanishes
# and $J_\lambda$ is the plain cross-entropy $J$.  The penalty is set by
# the option ``--l2``, and it is 0 unless you ask for it.  Chapter 6 shows
# when it helps.
#
# To train the model we need the gradient of $J_\lambda$.  Take one image and
# drop the index $i$ for a moment: its loss is $-\log P_{y}$, which by
# (5.3) is $-Z_{y} + \log \sum_{\ell'} e^{Z_{\ell'}}$.  Differentiate with
# respect to the logit $Z_{\ell}$.  The first term gives $-1$ when
# $\ell = y$ and 0 otherwise.  The log-sum-exp gives
# $e^{Z_\ell} / \sum_{\ell'} e^{Z_{\ell'}}$, which is $P_\ell$ by (5.1).
# With the one-hot labels $Y$ of chapter 3 ($Y_{i\ell} = 1$ if
# $y_i = \ell$, and 0 otherwise), this holds for every image and every
# class at once:
#
# $$
# \frac{\partial}{\partial Z_{i\ell}} \Bigl(-\log P_{i y_i}\Bigr) = P_{i\ell} - Y_{i\ell}. \tag{5.5}
# $$
#
# This is the same error signal as chapter 2's (2.6): the probability the
# model gives, less the label.  The chain rule through $Z = XW + b$ is the
# same as chapter 3's (3.3).  The penalty adds its own derivative,
# $\partial (\tfrac{\lambda}{2} \lVert W \rVert^2) / \partial W = \lambda W$.
# Averaging over the $m$ images gives the gradient:
#
# $$
# \begin{aligned}
# dW &= \frac{1}{m} X^\top (P - Y) + \lambda W, \\
# db &= \frac{1}{m} \sum_{i=1}^{m} (P_{i\cdot} - Y_{i\cdot}).
# \end{aligned} \tag{5.6}
# $$
#
# Here $P_{i\cdot}$ and $Y_{i\cdot}$ are row $i$ of $P$ and of $Y$.  Check
# the shapes: $X^\top$ is $(d, m)$ and $P - Y$ is $(m, k)$, so their
# product is $(d, k)$, the shape of $W$.  This is
# ``softmax.propagate_softmax``.
#
# To predict a digit we do not need the probabilities at all.  Softmax
# keeps the order of the logits (a larger logit always gets a larger
# probability), so the predicted digit is the class with the largest
# logit, $\hat y_i = \arg\max_\ell Z_{i\ell}$ (``softmax.predict_softmax``).
#
# Before training starts, $W = 0$ and $b = 0$, so every logit is 0 and
# every probability is $1/k$.  The cost is then
# $-\log(1/10) = \log 10 \approx 2.3026$, a number to look for when the
# training starts.
#
# Mini-batch stochastic gradient descent
# --------------------------------------
#
# Chapter 2's gradient descent (2.11) computes its gradient, (2.8) there
# and (5.6) here, from every training image before it takes one step.  With 50,000 images, that is a
# lot of work for a single step.  But look at what the gradient is: a mean
# over the images.  The mean over a random sample of them, a *mini-batch*
# $B$ of 100 images, is an estimate of it.  The estimate is noisy, but it
# is *unbiased*: averaged over the possible batches it equals the full
# gradient.  And it costs a five-hundredth of the work.
#
# For a batch $B$, write $X_B$ for its rows of $X$, of shape $(|B|, d)$,
# where $|B|$ is the number of images in the batch, and $P_B$, $Y_B$ for
# its rows of $P$ and $Y$.  The batch's gradient is (5.6) computed on the
# batch alone:
#
# $$
# \begin{aligned}
# dW_B &= \frac{1}{|B|} X_B^\top (P_B - Y_B) + \lambda W, \\
# db_B &= \frac{1}{|B|} \sum_{i \in B} (P_{i\cdot} - Y_{i\cdot}).
# \end{aligned} \tag{5.7}
# $$
#
# Training then repeats one step: take the next batch, compute its
# gradient, and move the weights against it.  One pass over all the
# training images is called an *epoch*: with 50,000 images in batches of
# 100, an epoch is 500 steps.  This chapter's batches are made once: the
# training images are put in a random order as they are loaded, and then
# cut into 500 fixed batches of 100 consecutive images.  Each epoch visits
# these batches in a new random order.  The order is drawn from the random
# seed, the option ``--seed``, so the same seed gives the same training.
#
# **The learning rate and its schedule.**  A plain step moves the weights
# by the learning rate times the gradient, $W \leftarrow W - \eta\, dW_B$,
# with the learning rate $\eta$ (``rate`` in the code) as in chapter 2.
# With mini-batches there is a problem at the end.  Each batch's gradient
# is a little wrong, so even near the best weights every step pushes them
# a little, in a random direction, and they never settle.  The cure is to
# make the steps smaller as training goes on.  This chapter lowers the
# rate in a straight line, from $\eta$ at the first step to 0 after the
# last.  Counting the steps $t = 0, 1, 2, \dots$ and writing $t_{\text{end}}$
# for the number of steps in the whole run, the rate at step $t$ is
#
# $$
# \eta_t = \eta \Bigl(1 - \frac{t}{t_{\text{end}}}\Bigr), \qquad t = 0, 1, \dots, t_{\text{end}} - 1. \tag{5.8}
# $$
#
# This is the option ``--decay linear`` (the default); ``--decay none``
# keeps the rate at $\eta$ throughout.
#
# **Momentum.**  A step can also remember the step before it.  The
# *velocity* $V$, an array of the same shape as $W$ that starts at 0,
# keeps a running step.  At each step it keeps the fraction $\beta$ of its
# last value and adds the new gradient step; $\beta$ is called the
# *momentum*.  The weights then move by the velocity:
#
# $$
# \begin{aligned}
# V &\leftarrow \beta V - \eta_t\, dW_B, \\
# W &\leftarrow W + V.
# \end{aligned} \tag{5.9}
# $$
#
# The biases $b$ get a velocity of their own, updated the same way with
# $db_B$.  With $\beta = 0$ the velocity is just $-\eta_t\, dW_B$, and
# (5.9) is the plain step.  This chapter's default is $\beta = 0$; the
# option ``--momentum`` sets $\beta$, from 0 up to (not including) 1.
#
# What does momentum do to the size of the steps?  Suppose the gradient
# were the same at every step, $dW$, and the rate a constant $\eta$.
# Starting from $V = 0$, (5.9) gives $V = -\eta\, dW$ after one step,
# $-\eta\, dW (1 + \beta)$ after two, and
# $-\eta\, dW (1 + \beta + \dots + \beta^{t-1})$ after $t$.  This sum of
# powers of $\beta$ is $(1 - \beta^t) / (1 - \beta)$, so the velocity
# after $t$ steps is $-\eta\, dW (1 - \beta^t) / (1 - \beta)$.  Because
# $\beta < 1$, $\beta^t$ shrinks to 0, and the velocity settles where the
# update no longer changes it, where $V$ on the left equals the right-hand
# side:
#
# $$
# V = \beta V - \eta\, dW \quad\Longrightarrow\quad V = -\frac{\eta}{1 - \beta}\, dW. \tag{5.10}
# $$
#
# So where successive gradients agree, momentum $\beta$ at rate $\eta$
# moves the weights like a plain step at rate $\eta / (1 - \beta)$: with
# $\beta = 0.9$, ten times the rate.  Where successive gradients point in
# opposite directions, as when the weights zigzag across a narrow valley,
# their contributions to $V$ partly cancel.
#
# Three sets of images
# --------------------
#
# A model like this one has settings to choose: the rate, the number of
# epochs, the batch size.  (This chapter's defaults were chosen by a
# benchmark, described below, and the chapter itself chooses one more
# setting, the rate of its one-vs-rest models.)  Choosing by the score on
# the test images would make that score flattering.  Suppose several
# settings were truly equally good.  Their scores on 10,000 test images
# would still differ a little, by chance, and the one chosen would be the
# one that happened to score highest: its score would be high partly by
# luck.  Chapter 6 makes this precise.
#
# So the 60,000 training images of MNIST are split once and for all.
# 10,000 of them, chosen at random with a fixed seed
# (``idx_data.validation_indices``), are held out as *validation* images,
# the same in every chapter.  The model learns from the other 50,000.
# Settings are compared by their scores on the validation images.  The
# 10,000 test images are used once, at the end, to score the models with
# the settings chosen.

# %%
X_train, y_train, X_val, y_val, X_test, y_test = load(parser, args, scale=True,
                                                      shuffle=shuffle_rng, validation=True)
schedule = "falling linearly to 0" if args.decay == "linear" else "constant"
print(f"{len(y_train)} training, {len(y_val)} validation and {len(y_test)} test images "
      f"({args.dtype})")
print(f"batches of {args.batch_size}, rate {args.rate:g} ({schedule}), "
      f"momentum {args.momentum:g}")
print(f"l2 {args.l2:g}, random seed {args.seed}")

# %% [markdown]
# The training loop, written out
# ------------------------------
#
# Here is the whole training loop, step by step, on the first 1000
# training images: 10 batches of 100, for 2 epochs, so 20 steps.  Each
# epoch shuffles the order of the batches; each step takes a batch,
# computes its gradient (5.7) and its rate (5.8), updates the velocity
# and then the weights (5.9).  The settings are this chapter's: the rate
# $\eta$, the schedule, the momentum $\beta$ and the penalty $\lambda$
# that its options give.  (The loop always makes its batches in this
# chapter's default way; with ``--shuffle examples`` the package instead
# draws new random batches each epoch.)

# %%
X_few, y_few = X_train[:1000], y_train[:1000]  # the first 1000 training images
epochs, eta, beta = 2, args.rate, args.momentum
starts = range(0, len(y_few), args.batch_size)  # the first image of each batch
t_end = epochs * len(starts)  # the number of steps in the whole run
rng = np.random.default_rng(args.seed)  # draws each epoch's order of the batches
W = np.zeros((X_few.shape[1], k), X_few.dtype)  # the weights start at 0,
b = np.zeros(k, X_few.dtype)  # and so do the biases
V_W, V_b = np.zeros_like(W), np.zeros_like(b)  # and the velocities
t = 0  # the step
for epoch in range(epochs):
    for start in rng.permutation(starts):  # the batches, in a new order
        X_B = X_few[start:start + args.batch_size]
        y_B = y_few[start:start + args.batch_size]
        _, dW, db = propagate_softmax(W, b, X_B, y_B, args.l2)  # (5.7); _ is its cost
        eta_t = eta * (1 - t / t_end) if args.decay == "linear" else eta  # (5.8)
        V_W = beta * V_W - eta_t * dW  # (5.9)
        V_b = beta * V_b - eta_t * db
        W, b = W + V_W, b + V_b
        t += 1

W_loop, b_loop, _ = minibatch_sgd(functools.partial(propagate_softmax, l2=args.l2),
                                  np.zeros_like(W), np.zeros_like(b), X_few, y_few,
                                  epochs=epochs, rate=eta, batch_size=args.batch_size,
                                  momentum=beta, decay=args.decay, shuffle="batches",
                                  rng=np.random.default_rng(args.seed))
print(f"{t} steps written out, and the same by optimize.minibatch_sgd:")
print(f"  the largest difference in W: {np.max(np.abs(W - W_loop)):.1e}, "
      f"in b: {np.max(np.abs(b - b_loop)):.1e}")

# %% [markdown]
# What to look for: the two sets of weights differ by at most a few times
# $10^{-16}$ (the largest differences printed above).  That is a rounding
# error: a float64 holds about 16 significant digits, and the two differ
# only in the last one.  (The package's loop runs its matrix products on
# one thread, which adds up the same numbers in another order; chapter 8
# says why.)  The loop above is ``optimize.minibatch_sgd``.  It is the
# book's one training loop for gradient descent: chapter 2's
# ``optimize.gradient_descent`` is the same loop with a single batch of
# all the images, and the training below calls ``optimize.train_softmax``,
# which hands ``minibatch_sgd`` the gradient (5.7) of softmax regression.
# (Chapter 10's Newton's method takes a different kind of step.)  The
# package's version adds only what a loop for other people needs: it
# checks its inputs, stops with a clear message if the cost overflows, and
# never changes the arrays you pass it.
#
# Two words from statistics
# --------------------------
#
# The next section compares settings by their accuracy on the validation
# images, and for that we need two words from statistics.  Chapter 6
# derives both; here only their meaning matters.
#
# - *Standard error.*  An accuracy measured on 10,000 images would come
#   out a little different on another 10,000 images of the same kind.  Its
#   *standard error* (SE) is the typical size of that difference.  A
#   measurement lands within one standard error of the value that
#   endlessly many images would give about two times in three, and within
#   two standard errors about 95 times in 100.  So a difference of less
#   than about one standard error is easily luck.  The usual line is about
#   two standard errors: a larger difference is called *unlikely to be
#   luck*.
# - *p-value.*  Suppose two settings were truly equally good.  The
#   *p-value* of a measured difference between them is the chance that
#   luck alone would then give a difference at least as large.  The usual
#   line is 0.05, which matches about two standard errors: below it, the
#   difference is unlikely to be luck.  A large p-value says only that
#   these images cannot tell the two settings apart.  It does not say that
#   they are equal.
#
# The settings: a trade of accuracy for speed
# -------------------------------------------
#
# The defaults of this chapter are batches of 100, a rate of 2.0 falling
# linearly to 0, and 2 epochs.  They were chosen for speed: they are the
# fastest setting tried whose accuracy is close to the best.  How close?
# They were compared with other settings on the validation images by
# ``benchmarks/softmax_settings.py``, whose output on the project's machine
# is ``benchmarks/softmax_settings.txt`` (the *record*, below).
# It trains each setting 12 times, with the random seeds 0 to 11 (each
# seed puts the training images in another order and orders the batches
# differently), and scores each run on the validation images.  The test
# images are never read.
#
# Two kinds of variation matter when two settings are compared, and the
# record measures both.
#
# - *The random seed.*  The same setting trained with another seed scores
#   differently.  2 epochs at rate 2.0 score from 91.52 % to 91.88 % over
#   the 12 seeds.
# - *The images.*  Another 10,000 images of the same kind would give
#   other scores: one accuracy near 92 % on 10,000 images has a standard
#   error of 0.27 points.  But two settings are scored on the *same*
#   validation images, so we can compare them image by image (chapter 6).
#   Most images both settings get right, or both get wrong, and those say
#   nothing about which is better.  Only the images on which they disagree
#   count.  Call the two settings setting 1 and setting 2.  The difference
#   in accuracy is then the number of images right only with setting 1,
#   less the number right only with setting 2, divided by the $n$ images.
#   Its standard error is about the square root of the number of images on
#   which they disagree, divided by $n$ (chapter 6 derives this, (6.5)).
#   For the settings below, it is 0.09 to 0.13 points (the record's column
#   SE: for each setting, the median over the 12 seeds).  That is far
#   smaller than 0.27 points, because the images that both settings get
#   right, or both get wrong, add nothing to the difference.
#
# What the record shows:
#
# - Four settings gain the most over the defaults, and by nearly the same
#   amount: 8 epochs at rate 2.0, the same with new random batches in
#   each epoch, 8 epochs at rate 0.2 with momentum 0.9 (each +0.25 points
#   on average over the seeds), and 12 epochs at rate 1.0 (+0.26).  They
#   differ from one another by at most a hundredth of a point, far less
#   than one standard error, so the record cannot rank them: they tie.  (12 epochs has the
#   highest median accuracy, 92.03 %, against 92.01 % and 92.02 % for the
#   others.  But the highest of 11 medians is partly the luckiest, the
#   winner's bias that chapter 6 explains, (6.1).)
# - Each of the four beats the defaults with every one of the 12 seeds,
#   when both are trained with the same seed and scored on the same
#   images.  Their spreads over the seeds do not even overlap: the lowest
#   of the 12 scores of 8 epochs at rate 2.0, 91.92 %, is above the
#   highest of the defaults', 91.88 %.  The other settings that train for
#   4 or more epochs also beat the defaults with every seed they do not
#   tie, by 0.11 to 0.23 points on average; only 1 epoch does worse
#   (-0.41 points).
# - One seed alone is weak evidence.  With random seed 0, 91 images are
#   right only with 8 epochs at rate 2.0 and 77 only with the defaults, a
#   difference of 14 images, about one standard error (0.13 points).
#   McNemar's test (chapter 6) gives a p-value of 0.32: this one
#   comparison cannot tell the two apart.  (Seed 0 is also the defaults'
#   luckiest seed, at 91.88 %.)
# - What do the 12 seeds add?  That a setting wins with 12 seeds out of
#   12 rules out the luck of the seed: it is not that one run happened to
#   get a lucky order of its images.  It does not rule out that these
#   particular 10,000 validation images happen to favour longer training,
#   because all 12 seeds are scored on the same images.  (One seed alone
#   cannot even rule out the luck of the seed.)  For that, the gain is
#   compared with its standard error: +0.25 points is about two standard
#   errors (0.12 to 0.13 points), at the usual line.  So the gain is
#   unlikely to be the luck of the images too, though not by a wide
#   margin.  The best estimate is that 8 or more epochs are about a
#   quarter of a point better, give or take up to about one standard
#   error, 0.13 points.
#
# So the defaults trade accuracy for speed.  Two epochs are a quarter of
# the steps of 8, and on the project's machine they took 0.46 s of
# processor time against 1.40 s, about a third (the record's median over
# the 12 seeds).  They cost about a quarter of a point of validation
# accuracy: about 25 more mistakes in 10,000 images.  The book keeps the
# fast setting because it trains this model many times (in chapters 6, 8,
# 9 and 11, and in the exercises), and each chapter should run in seconds.
# For the last quarter of a point, run this chapter with
# ``--iterations 8`` (in this chapter, ``--iterations`` counts epochs; in
# chapters 2 and 3 it counted steps).
#
# Training prints one line for each epoch: the mean cost of its 500 steps,
# the accuracy on the training and on the validation images, and the
# seconds that the epoch's training took (the scoring is not counted).
# These are wall-clock seconds, measured on this run.  The record's times
# above are processor time, the median of 12 runs on the project's
# machine, so the two need not agree.

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
print(f"validation accuracy: {100 * right_softmax.mean():.2f} %")

# %% [markdown]
# What to look for: the first step's cost is $\log 10$, as predicted.
# After the first epoch the model already reads 91.16 % of the validation
# images right.  That epoch ends with the rate still at half its start
# (1.0, by (5.8)); the record's runs of a single epoch, whose rate falls
# to 0 within that epoch, reach 91.20 to 91.59 %.  The second epoch, with
# its smaller steps, adds 0.72 points, to 91.88 %.  That is the highest
# of the defaults' 12 seeds in the record (91.52 to 91.88 %): with seed 0
# this run is a lucky one.  The training accuracy, 92.72 %, is a little
# above the validation accuracy: the model fits the images it learnt from
# slightly better than new ones.
#
# Softmax against one-vs-rest, on the same images
# -----------------------------------------------
#
# Is one shared distribution better than ten separate models?  To find
# out, we train chapter 3's one-vs-rest models the same way: on the same
# 50,000 images, by the same loop, with the same schedule
# (``experiments.fit_one_vs_rest``).  Their rate is chosen on the
# validation images from 0.5, 1, 2, 4 and 8.  Both models are then scored
# on the same validation images and compared image by image, by McNemar's
# test (``uncertainty.mcnemar``, derived in chapter 6).  It counts the
# images that one model gets right and the other wrong.  If the two models
# were equally good, each such image would be equally likely to fall
# either way, like the toss of a fair coin.  The test's p-value (defined
# above) is then the chance that a fair coin, tossed once for each of
# these images, would split them at least as unevenly as the two models
# did.  Beside it we print the difference in accuracy and its standard
# error (6.5), from the same counts.

# %%
def paired(right_a, right_b, name_a, name_b):
    """Print how two models scored on the same images differ (``uncertainty.paired_lines``)."""
    print(paired_lines(right_a, right_b, name_a, name_b))


same_schedule = {"epochs": args.iterations, "batch_size": args.batch_size, "decay": args.decay,
                 "shuffle": args.shuffle, "momentum": args.momentum}
right_ovr, models_ovr = {}, {}
for ovr_rate in OVR_RATES:
    models_ovr[ovr_rate] = fit_one_vs_rest(X_train, y_train, generators(args.seed, 2)[1],
                                           rate=ovr_rate, **same_schedule)
    right_ovr[ovr_rate] = predict(*models_ovr[ovr_rate], X_val) == y_val
    print(f"one-vs-rest, rate {ovr_rate:g}: validation accuracy "
          f"{100 * right_ovr[ovr_rate].mean():.2f} %")
kept = max(right_ovr, key=lambda r: right_ovr[r].mean())
print(f"kept: rate {kept:g}, the best on validation")
print("softmax against one-vs-rest, paired on the validation images:")
paired(right_softmax, right_ovr[kept], "softmax", "one-vs-rest")

# %% [markdown]
# What to look for: on the images where the two disagree, softmax is right
# about twice as often as one-vs-rest (179 images against 88).  The
# difference, 0.91 points, is more than five standard errors (0.16), and
# the p-value is tiny: a fair coin almost never splits that many images
# that unevenly.  So the difference is unlikely to be the luck of these
# images.  One-vs-rest's rate was chosen as the best of five on these same
# images, which flatters its score a little (chapter 6 explains why).  The
# test images below chose nothing.
#
# The test images, once
# ---------------------
#
# The settings are fixed; now, and only now, the models meet the test
# images.  Beside the accuracy is a *95 % interval* (Wilson's score
# interval, ``uncertainty.wilson_interval``, derived in chapter 6).  The
# *true accuracy* is the one the model would have on endlessly many new
# images of this kind; the interval is the range of true accuracies that
# this score, measured on 10,000 images, does not contradict.  Intervals
# made this way contain the true accuracy 95 times in 100.

# %%
y_pred = predict_softmax(W, b, X_test)
print(f"test accuracy: {describe_accuracy(y_pred == y_test)}")
print("softmax against one-vs-rest, paired on the test images:")
paired(y_pred == y_test, predict(*models_ovr[kept], X_test) == y_test, "softmax", "one-vs-rest")

# %% [markdown]
# What to look for: on the test images softmax is still ahead, but by
# less.  It is right on 132 of the images where the two disagree, and
# one-vs-rest on 88: a difference of 44 images, 0.44 points, about three
# standard errors (0.15).  The p-value, 0.0036, is small: this gap too is
# unlikely to be luck.
#
# Why is the gap smaller than on the validation images, 0.44 points
# against 0.91?  The two gaps are measured on different images, so their
# errors are independent, and the standard error of their difference is
# $\sqrt{0.16^2 + 0.15^2} \approx 0.22$ points (chapter 6 shows why
# independent errors add this way).  The drop, 0.47 points, is about 2.1
# standard errors: luck would seldom give a drop this large, but not so
# seldom that we can rule it out.  Flattery by the choice of settings
# does not explain it: the one setting chosen as a best on the validation
# images was one-vs-rest's rate, and that flatters one-vs-rest there, which
# would make the validation gap smaller, not larger.  Whatever the reason,
# the test images give the comparison that nothing flatters.
#
# The test accuracy is an honest estimate, because nothing was chosen by
# looking at these images.  LeCun, Bottou, Bengio and Haffner list an
# error of 12.0 % for a linear classifier on MNIST's raw pixels, and
# 8.4 % on deskewed pixels, chapter 9's subject ("Gradient-based learning
# applied to document recognition", *Proceedings of the IEEE* 86(11),
# 2278-2324, 1998).  This model's error, 7.75 % (95 % interval 7.24 to
# 8.29 %), is well below the first.  The whole interval is even below the
# second, though this model reads the pixels as they are.
#
# Which digits are confused with which?
# -------------------------------------
#
# The *confusion matrix* counts, in row $\ell$ and column $\ell'$, the
# test images of digit $\ell$ that the model calls $\ell'$.  Its diagonal
# holds the images read right; everything off the diagonal is a mistake.

# %%
C = confusion_matrix(y_pred, y_test, k)
mistakes = C * (1 - np.eye(k, dtype=int))               # the diagonal holds the hits
# the seven largest counts off the diagonal, as (true digit, predicted digit)
worst = [divmod(int(cell), k) for cell in np.argsort(-mistakes, axis=None, kind="stable")[:7]]
print("most frequent mistakes (true -> predicted: images):")
for row in (worst[:4], worst[4:]):
    print("  " + ", ".join(f"{true} -> {called}: {C[true, called]}" for true, called in row))

# %% [markdown]
# The cost, step by step
# ----------------------
#
# Each step's cost is measured on its own batch of 100 images, so it
# jumps up and down from step to step.  The figure shows, at each step,
# the mean of the last 50 steps' costs, which shows the trend.

# %%
label = f"batch {args.batch_size}, rate {args.rate:g}, {args.decay} decay" + (
    f", momentum {args.momentum:g}" if args.momentum else "")
window = min(50, len(costs))
trend = np.convolve(costs, np.ones(window) / window, mode="valid")  # mean of `window` steps
save(cost_curves({label: trend}, xlabel="step", first=window,
                 ylabel=f"batch cost, mean of the last {window} steps",
                 title="Softmax regression: the batch cost, step by step"),
     args, "05_cost.png")

# %% [markdown]
# What to look for: the curve starts at step 50, the first point where 50
# costs can be averaged; that mean, about 1.9, still includes the first
# steps' $\log 10 \approx 2.3$.  By step 200 the mean is near 0.4, and
# from step 400 on it falls only slowly, to about 0.26 at the end.  It
# never becomes smooth: each batch is another sample of 100 images.
#
# The confusion matrix
# --------------------

# %%
save(confusion_figure(C, title=f"Confusion matrix on {len(y_test)} test digits "
                               f"({100 * accuracy(y_pred, y_test):.2f} % right)"),
     args, "05_confusion.png")

# %% [markdown]
# What to look for: the seven largest counts off the diagonal, 29 to 38
# images each (printed above), pair digits that share strokes: a 2 taken
# for an 8, a 4 for a 9, a 5 for a 3 or an 8, a 7 for a 9, an 8 for a 5,
# and a 9 for a 7.
#
# Misclassified test digits
# -------------------------
#
# Each is titled "true -> predicted".  Many are hard for people too.
# Some are plainly readable, and show what a single linear template for
# each digit cannot express.

# %%
wrong = np.flatnonzero(y_pred != y_test)[:18]
save(digit_grid(X_test[wrong], [f"{y_test[i]} -> {y_pred[i]}" for i in wrong], nrows=3, ncols=6,
                suptitle="Misclassified test digits (true -> predicted)"),
     args, "05_misclassified.png")

# %% [markdown]
# The ten weight maps
# -------------------
#
# As in chapter 4, each column of $W$ is drawn on the 28 x 28 grid: red
# where ink speaks for the digit, blue where it speaks against it.  In
# softmax, "for the digit" means "for this digit rather than the others".
# Adding the same vector to every column of $W$ adds the same number to
# each of an image's ten logits, which by (5.2) changes no probability;
# only the differences between the columns matter.  This training keeps
# each pixel's ten weights adding up to 0: they start at 0, and each row
# of the gradient (5.7) adds up to 0 over the ten digits, because each row
# of $P$ and of $Y$ adds up to 1.  So a red weight means the pixel's ink
# speaks for this digit more than it does on average over the ten.  We
# also print the maps' roughness (4.3), chapter 4's measure of how much
# neighbouring weights differ.

# %%
print(f"each pixel's ten weights add up to 0, to within "
      f"{np.max(np.abs(W.sum(axis=1))):.0e}")
print(f"roughness (4.3) of the maps: {roughness(W):.2f}")
save(weight_maps(W, [f"digit {digit}" for digit in range(k)],
                 suptitle="Softmax regression: the ten weight maps"),
     args, "05_weights.png")
show(args)

# %% [markdown]
# What to look for: each pixel's ten weights add up to 0, to rounding.
# The maps' roughness, 0.60, lies between that of chapter 4's two runs of
# one-vs-rest, run 2 on scaled pixels (0.49) and run 1 on raw pixels
# (0.67): these maps are more speckled than run 2's.  They come from
# another model, trained on far more images for more steps, so the
# number does not say why.  Some shapes
# still show: the 0 has a blue hole, the 1 a red bar, the 2 a blue band
# above its base, and the 5 a red patch at the top right, where only a
# 5's top bar ends.
#
# Summary
# -------
#
# - Softmax (5.1) turns a row of $k$ logits into a probability
#   distribution.  Adding the same number to every logit of a row does not
#   change it (5.2), which lets softmax and its logarithm (5.3) be
#   computed without overflow.
# - The cost is the negative mean log-probability of the true digits, with
#   an optional L2 penalty (5.4).  Its gradient in the logits is again the
#   probability less the label, $P - Y$ (5.5), and in the weights
#   $X^\top (P - Y)/m + \lambda W$ (5.6).
# - Mini-batch SGD estimates the gradient from a small random batch (5.7),
#   lowers the rate over the run (5.8), and with momentum keeps part of
#   the last step (5.9).  Momentum $\beta$ at rate $\eta$ moves like rate
#   $\eta / (1 - \beta)$ where the gradients agree (5.10).
# - Settings are chosen on validation images held out from training; the
#   test images are scored once, for the setting chosen.  Two settings
#   scored on the same images are compared image by image, with the
#   standard error of their difference, and over several random seeds.
# - This chapter's defaults are fast: 2 epochs reach 92.25 % test
#   accuracy.  Training 8 or more epochs is about a quarter of a point
#   better on the validation images, for four or more times the steps.
# - Softmax beats one-vs-rest trained the same way, on the validation
#   images and on the test images (by less there).  McNemar's test says
#   that this difference is unlikely to be luck.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Try ``--batch-size 50000 --rate 1 --decay none``: full-batch gradient
#    descent, as in chapters 2 and 3, for the same 2 passes over the data.
#    Where does it get to?  Why do many cheap, noisy steps beat a few
#    exact ones?
# 2. Add ``--l2 1e-4``.  Does the validation accuracy change?  The weight
#    maps?  Why does a penalty matter so little with 50,000 images and
#    7,850 parameters?
# 3. Train on the first 6000 images only, for about as many steps as the
#    default run: ``--num-train 6000 --iterations 17`` (17 epochs of 60
#    steps, 1020 steps, against the default run's 1000).  How much of the
#    accuracy came from having about eight times more data?  (With
#    ``--num-train 6000`` alone, the run would also take only 120 steps,
#    and the two causes would be mixed.)
# 4. Run ``--momentum 0.9 --rate 0.2``, and then ``--momentum 0.9
#    --rate 2``.  Use (5.10) to explain why the first lands about where
#    rate 2.0 without momentum does.  What happens to the second?
# 5. Run with ``--dtype float32``, which stores the images and the weights
#    as 32-bit floating-point numbers instead of 64-bit ones.  Is the
#    validation accuracy the same?  Compare the two runs paired, image by
#    image, and say what the p-value allows you to conclude.  How much
#    faster is an epoch?
#
# With pen and paper (answers: ``exercises/DERIVATIONS.md``):
#
# 6. Derive (5.5) from (5.1) without the log-sum-exp shortcut: first find
#    $\partial P_{i\ell} / \partial Z_{i\ell'}$, for $\ell' = \ell$ and for
#    $\ell' \neq \ell$.
# 7. Take $k = 2$, with the classes 0 and 1.  Show that
#    $P_{i1} = \sigma(Z_{i1} - Z_{i0})$, and that the gradient (5.5) for
#    class 1 is chapter 2's $a - y$ (2.6): two-class softmax is logistic
#    regression whose weights are column 1 of $W$ minus column 0,
#    $W_{\cdot 1} - W_{\cdot 0}$ (the dot stands for every row).
# 8. Without the penalty, what happens to $J$ when the same number is
#    added to every bias $b_\ell$?  Use (5.2).  How many minima can $J$
#    have then, and which choice does a penalty on $W$ alone leave open?
#    Then add the same vector to every column of $W$ instead: what
#    happens to each row $Z_{i\cdot}$ of the logits, and to $J$?  Does
#    the penalty leave this choice open too?
