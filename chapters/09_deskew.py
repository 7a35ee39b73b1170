# %% [markdown]
"""
Chapter 9. Better pixels: deskewing, and the same linear model
==============================================================

Chapter 5's softmax regression gets 7.75 % of the test images wrong.
Part of the reason is the way people write: the same digit comes upright
or slanted.  A linear model scores an image by adding up one weight for
each pixel, so a 1 that leans and a 1 that stands upright light up
different pixels and meet different weights.  The model can cope in part:
it can spread its positive weight over a band of slants, as the 1's weight
map in chapter 4 shows.  The price is a blurred template: each slant gets
only part of the weight, and other digits' strokes find more weight to
score on.  If the images were straightened first, how far would the very
same model get?  This chapter measures each image's slant from its
moments, slides its rows sideways until it stands upright (a *shear*),
and trains chapter 5's model again.
"""

# %%
import time

import numpy as np

from logreg_from_scratch.chapter import (SOFTMAX_SGD, chapter_parser, generators, load, parse,
                                         save, show)
from logreg_from_scratch.deskew import deskew
from logreg_from_scratch.optimize import DivergenceError, train_softmax
from logreg_from_scratch.plots import confusion_change, digit_grid, weight_maps
from logreg_from_scratch.predict import accuracy, confusion_matrix
from logreg_from_scratch.softmax import predict_softmax
from logreg_from_scratch.uncertainty import mcnemar

# %%
ARGS = ""  # run cell by cell, the chapter's options go here, e.g. ARGS = "--num-train 10000"
# sphinx_gallery_start_ignore
# (the options that --help lists; the web book hides these lines up to the end marker)
parser = chapter_parser(__doc__, num_train=50000, num_test=10000, validation=True,
                        iterations=SOFTMAX_SGD["epochs"], rate=SOFTMAX_SGD["rate"])
# sphinx_gallery_end_ignore
args = parse(parser, ARGS)
shuffle_rng, _ = generators(args.seed, 2)
k = 10

# %% [markdown]
# The slant of a digit, from its moments
# --------------------------------------
#
# Number the rows of the $28 \times 28$ grid $u = 0, \dots, 27$ from the
# top, and the columns $v = 0, \dots, 27$ from the left, as in chapter 1,
# and write $x(u, v)$ for the pixel of image $x$ at row $u$ and column $v$.
# Treat the image's ink as a distribution over its pixels: the share of
# the ink at pixel $(u, v)$ is $\rho(u, v) = x(u, v) / \sum x$, where
# $\sum x$ is the sum of all 784 pixels, so the shares add up to 1.
#
# Four numbers, the ink's *moments*, describe where the ink lies
# (``deskew.moments``).  The centre of mass $(\bar u, \bar v)$ is the mean
# row and the mean column, each pixel weighted by its share of the ink.
# The variance $\operatorname{var}_u$ measures how far the ink spreads up
# and down.  The covariance $\operatorname{cov}$ of row and column measures
# whether the ink's column moves with its row, which is what a slant is:
#
# $$
# \begin{aligned}
# \bar u &= \sum_{u,v} \rho(u, v)\, u, \\
# \bar v &= \sum_{u,v} \rho(u, v)\, v, \\
# \operatorname{var}_u &= \sum_{u,v} \rho(u, v)\, (u - \bar u)^2, \\
# \operatorname{cov} &= \sum_{u,v} \rho(u, v)\, (u - \bar u)(v - \bar v).
# \end{aligned} \tag{9.1}
# $$
#
# The slant is the slope $\alpha$ of the straight line
# $v - \bar v = \alpha (u - \bar u)$ that fits the ink best: $\alpha$ is
# how many columns the stroke moves sideways for each row down.  "Best"
# means in the least-squares sense, each pixel weighted by its ink: the
# line minimises $\sum_{u,v} \rho(u, v)\,\bigl(v - \bar v - \alpha (u - \bar u)\bigr)^2$.
# Setting the derivative of that sum in $\alpha$ to zero gives
# (exercise 5)
#
# $$
# \alpha = \frac{\operatorname{cov}}{\operatorname{var}_u}. \tag{9.2}
# $$
#
# To stand the ink upright, shift each row sideways back by the amount the
# slant has moved it, $\alpha (u - \bar u)$ columns for row $u$.  Sliding
# every row sideways by an amount proportional to its distance from one
# fixed row is called a *shear*.  Think of a stack of paper whose top is
# pushed sideways: a vertical edge becomes slanted, and a slanted edge,
# pushed back by the right amount, becomes vertical again.  On the way,
# move the centre of mass to the image's centre $(13.5, 13.5)$, so that
# every digit sits in the same place.  The new image is easiest to write
# from its own side: output pixel $(u, v)$ reads the input at the place
# where its ink was (``deskew.deskew``):
#
# $$
# \begin{aligned}
# \operatorname{deskewed}(u, v) = x\bigl(&u + \bar u - 13.5, \\
# &v + \bar v - 13.5 + \alpha (u - 13.5)\bigr).
# \end{aligned} \tag{9.3}
# $$
#
# Check it on the fitted line.  A point of the output in the centre
# column, $v = 13.5$, reads the input at row $u' = u + \bar u - 13.5$ and
# column $v' = \bar v + \alpha (u - 13.5)$.  So $u' - \bar u = u - 13.5$
# and $v' - \bar v = \alpha (u - 13.5) = \alpha (u' - \bar u)$: the point
# read lies exactly on the slanted line.  The slanted stroke becomes the
# vertical line through the centre.
#
# The plus sign in front of $\alpha$ may look backwards, since the shear
# moves each row *back* by $\alpha (u - 13.5)$ columns.  But (9.3) says
# where each output pixel reads, not where each input pixel goes.  Take
# $\alpha > 0$: the stroke runs to the right as it goes down, so below the
# centre it lies to the right of upright.  To find that ink, output pixel
# $(u, v)$ must read $\alpha (u - 13.5)$ columns further right, and
# reading from the right moves the ink to the left.
#
# The place read usually falls between pixels, so its value is
# interpolated from the four nearest pixels (*bilinear* interpolation:
# first between two rows, then between two columns), and ink read from
# outside the image counts as 0.  The chapter deskews chapter 5's 50,000
# training images and the 10,000 test images, 60,000 in all, and prints
# how long that takes.  (Chapter 5's 10,000 validation images are not
# needed: nothing is chosen in this chapter.)

# %%
# chapter 5's 50,000 training images (its validation images are not needed: nothing is chosen)
X_train, y_train, _, _, X_test, y_test = load(parser, args, scale=True, shuffle=shuffle_rng,
                                              validation=True)
started = time.perf_counter()
D_train, D_test = deskew(X_train), deskew(X_test)
seconds = time.perf_counter() - started
print(f"deskewed {len(X_train) + len(X_test)} images ({len(X_train)} training, "
      f"{len(X_test)} test) in {seconds:.2f} s")

# %% [markdown]
# Five test digits, before and after
# ----------------------------------

# %%
picks = np.random.default_rng(args.seed).choice(len(y_test), size=min(5, len(y_test)),
                                                replace=False)
fig = digit_grid(np.concatenate([X_test[picks], D_test[picks]]),
                 [f"{y_test[i]}" for i in picks] + [f"{y_test[i]} deskewed" for i in picks],
                 suptitle="Test digits, as written (top) and deskewed (bottom)")
save(fig, args, "09_before_after.png")

# %% [markdown]
# What to look for: slanted strokes stand upright, and every digit sits in
# the middle of its box.
#
# The same model, on the images as written and deskewed
# ------------------------------------------------------
#
# Chapter 5's softmax regression trains twice, unchanged: once on the
# images as written (not deskewed, the "as written" model) and once on
# the deskewed ones.  Its settings are chapter 5's
# (``chapter.SOFTMAX_SGD``: batches of 100, 2 epochs, the learning rate
# 2.0 falling linearly to 0), which were chosen on the validation accuracy
# of images as written, not of deskewed ones.  Both runs start from zero
# weights, and the random seed (``--seed``) fixes the order in which the
# training images are drawn into batches, the same order for both.  Each
# model is scored once on the test images.
#
# Both models are scored on the *same* 10,000 test images, so the fair
# comparison is *paired*: count the images that one model gets right and
# the other gets wrong.  If the two models were equally good, each such
# image would be equally likely to favour either one.  McNemar's test
# (``uncertainty.mcnemar``, (6.4)) turns the split into a p-value: the
# chance of a split at least this uneven between two equally good
# models.

# %%
def trained(X):
    """Softmax regression with chapter 5's settings; the batches' order from --seed."""
    _, batch_rng = generators(args.seed, 2)
    settings = {**SOFTMAX_SGD, "epochs": args.iterations, "rate": args.rate}
    try:
        W, b, _ = train_softmax(np.zeros((X.shape[1], k)), np.zeros(k), X, y_train,
                                rng=batch_rng, **settings)
    except DivergenceError as error:
        parser.exit(1, f"error: {error}\n")
    return W, b


models = {"as written": trained(X_train), "deskewed": trained(D_train)}
tests = {"as written": X_test, "deskewed": D_test}
predicted = {name: predict_softmax(W, b, tests[name]) for name, (W, b) in models.items()}
for name, (W, b) in models.items():
    train = D_train if name == "deskewed" else X_train
    right = accuracy(predict_softmax(W, b, train), y_train)
    print(f"{name:>10}: train accuracy {100 * right:.2f} %, test accuracy "
          f"{100 * accuracy(predicted[name], y_test):.2f} %")
only_written, only_deskewed, p_value = mcnemar(predicted["as written"] == y_test,
                                               predicted["deskewed"] == y_test)
print(f"paired, on the same {len(y_test)} test images:")
print(f"  right as written only: {only_written} images; right deskewed only: {only_deskewed}")
print(f"  McNemar's exact p-value: {p_value:.2g}")

# %% [markdown]
# What to look for: the test accuracy is 92.25 % on the images as written
# (as in chapter 5) and 95.45 % on the deskewed ones, so the error falls
# from 7.75 % to 4.55 %.  Paired, the deskewed model gets 437 test images
# right that the "as written" model gets wrong, and the "as written" model
# 117 that the deskewed one gets wrong.  If the two models were equally
# good, a split of these 554 disagreements at least this uneven would
# come by chance with probability about $2 \times 10^{-44}$: the gain is
# real.
#
# For comparison, LeCun et al. (1998) list 12.0 % error for a linear
# classifier on the images as written and 8.4 % for one on deskewed
# images, and 7.6 % for a *pairwise* linear classifier (one for each pair
# of digits) on deskewed images.  This softmax model on deskewed images,
# at 4.55 %, is
# well below their linear figures.  Their classifiers were trained in other
# ways, so this shows what a linear model can reach on these pixels, not
# which way of training it is better.
#
# The weight maps on the images as written (chapter 5's) ...
# -----------------------------------------------------------
#
# One figure a cell, so that a notebook and the book show each at full
# size.  Both figures use one colour scale, so that a colour means the
# same weight in both.

# %%
digits = [f"digit {j}" for j in range(k)]
scale = max(np.abs(W).max() for W, _ in models.values())  # one colour scale for both figures
save(weight_maps(models["as written"][0], digits, halfrange=scale,
                 suptitle="Weight maps, digits as written"), args, "09_weights_raw.png")

# %% [markdown]
# ... and on the deskewed images
# ------------------------------

# %%
save(weight_maps(models["deskewed"][0], digits, halfrange=scale,
                 suptitle="Weight maps, digits deskewed"), args, "09_weights_deskewed.png")

# %% [markdown]
# What to look for: on the images as written, the 1's map is a red bar
# about three pixels wide, with blue on either side.  It leans the way
# most 1s lean, and it covers only the middle third of the image's height.
# That is how the model copes with slant on its own: 1s written at
# different slants cross near their centre and fan apart above and below
# it, so only the pixels near the middle are inked by most of them, and
# the bar is widened to take in several slants.  Deskewed, the 1's bar is
# about two pixels wide, stands upright, and runs from near the top of the
# image to near the bottom, because every 1 now covers the same column
# along its whole length.  The 0's hole, the blue oval in the middle of its
# map, leans on the images as written and stands upright when deskewed.
# All ten deskewed maps fill a centred disc, because the ink of every
# image is now centred.  Most of the other maps are hard to read in both
# figures: each mixes positive weight where its digit has ink with
# negative weight where other digits have ink.  On the shared colour scale
# the two figures' weights are of about the same size; the darkest colour
# is the largest weight of either model, in the 5's map on the images as
# written.
#
# Which confusions did deskewing remove?
# --------------------------------------
#
# The chapter prints the five pairs (true digit, predicted digit) whose
# count of mistakes fell most.  The figure shows both confusion matrices in
# one picture: each cell holds the "as written" model's count above the
# deskewed model's, and is blue where deskewing removed mistakes.

# %%
before, after = (confusion_matrix(predicted[name], y_test, k) for name in models)
off = ~np.eye(k, dtype=bool)
fewer = (before - after) * off
order = np.argsort(fewer, axis=None)[::-1][:5]
print("confusions that fell most (true -> predicted: as written, deskewed):")
for true, said in zip(*np.unravel_index(order, fewer.shape)):
    print(f"  {true} -> {said}: {before[true, said]:4d} -> {after[true, said]:4d}")
print(f"all errors: {before[off].sum()} -> {after[off].sum()}")
save(confusion_change(before, after, title=f"Confusion matrices on {len(y_test)} test digits: "
                                          "as written (top number), deskewed (bottom)"),
     args, "09_confusion_change.png")
show(args)

# %% [markdown]
# What to look for: a 5 taken for a 3 falls from 32 cases to 7, and the
# errors from 775 to 455 in all.
#
# Summary
# -------
#
# - The ink's moments (9.1) give each image's centre of mass and slant.
#   The slant is the slope of the least-squares line through the ink
#   (9.2).
# - A shear, which slides each row sideways in proportion to its distance
#   from the centre of mass (9.3), read bilinearly, stands the ink upright
#   and centres it.
# - A linear model copes with slant only in part, by spreading its weight
#   over a band of slants, which blurs its templates.  The same model on
#   deskewed inputs goes from 7.75 % to 4.55 % test error, a difference
#   that McNemar's paired test puts far beyond chance.  What a linear
#   model can learn depends on how its inputs are written.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Which digit gains most from deskewing?  Compare the diagonals of the two
#    confusion matrices (the bold numbers of ``09_confusion_change.png``).
# 2. Deskew twice (apply ``deskew`` to deskewed images).  Does the second
#    pass change anything?  Why should it, or not?
# 3. Chapter 4 drew the one-vs-rest models' weight maps, and this chapter
#    draws the softmax model's, on the images as written and deskewed.
#    Which of the deskewed model's maps became easier to read?
# 4. Write ``moments`` and ``deskew`` yourself in ``exercises/e7_deskew.py``
#    and grade them.
#
# With pen and paper (answers: ``exercises/DERIVATIONS.md``):
#
# 5. Derive (9.2) by minimising
#    $\sum_{u,v} \rho(u, v)\,\bigl(v - \bar v - \alpha (u - \bar u)\bigr)^2$
#    over $\alpha$.
# 6. Show that after (9.3) the ink's slope is 0: the deskewed image has
#    $\operatorname{cov} = 0$ (up to the pixels lost at the edges and the
#    blur of interpolation).
