# %% [markdown]
"""
Chapter 9. Better pixels: deskewing, and the same linear model
==============================================================

Chapter 5's softmax regression makes 7.75 % errors, and a linear model
cannot learn that a slanted 1 and an upright 1 are the same digit: they
light up different pixels.  If the images were straightened first, how far
would the very same model get?  This chapter measures each image's slant
from its moments, shears it upright, and trains chapter 5's model again.
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
from logreg_from_scratch.uncertainty import describe_paired

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
# Treat image $x$'s ink as weights over its rows $r$ and columns $c$,
# $p(r, c) = x(r, c) / \sum x$, which add up to 1.  Their centre of mass
# and second moments (``deskew.moments``) are
#
# $$
# \begin{aligned}
# \bar r &= \sum_{r,c} p\, r, & \bar c &= \sum_{r,c} p\, c, \\
# \operatorname{var}_r &= \sum_{r,c} p\, (r - \bar r)^2, & \operatorname{cov} &= \sum_{r,c} p\, (r - \bar r)(c - \bar c).
# \end{aligned} \tag{9.1}
# $$
#
# The slant is the slope of the ink's column against its row: the $\alpha$
# of the line $c - \bar c = \alpha (r - \bar r)$ that fits the ink best in
# the least-squares sense, each pixel weighted by its ink.  Setting the
# derivative of $\sum p\,(c - \bar c - \alpha (r - \bar r))^2$ in $\alpha$
# to zero gives
#
# $$
# \alpha = \frac{\operatorname{cov}}{\operatorname{var}_r}. \tag{9.2}
# $$
#
# To stand the ink upright, read each output pixel from where the slanted
# ink is, and move the centre of mass to the image's centre $(13.5, 13.5)$
# on the way (``deskew.deskew``):
#
# $$
# \operatorname{deskewed}(r, c) = x\bigl(r + \bar r - 13.5,\; c + \bar c - 13.5 + \alpha (r - 13.5)\bigr). \tag{9.3}
# $$
#
# Check it on the fitted line: an output pixel on the column $c = 13.5$
# reads the input at $r' - \bar r = r - 13.5$ and
# $c' - \bar c = \alpha (r - 13.5) = \alpha (r' - \bar r)$, exactly on the
# slanted line.  The slanted stroke becomes the vertical one through the
# centre.  Input positions fall between pixels, so each read is bilinear
# between the four nearest pixels, and 0 outside the image.  All 70,000
# images are deskewed at once (the chapter prints the time):

# %%
# chapter 5's 50,000 training images (its validation images are not needed: nothing is chosen)
X_train, y_train, _, _, X_test, y_test = load(parser, args, scale=True, shuffle=shuffle_rng,
                                              validation=True)
started = time.perf_counter()
D_train, D_test = deskew(X_train), deskew(X_test)
seconds = time.perf_counter() - started
print(f"deskewed {len(X_train) + len(X_test)} images in {seconds:.2f} s")

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
# The same model, on raw and on deskewed pixels
# ---------------------------------------------
#
# Chapter 5's softmax regression, unchanged (``chapter.SOFTMAX_SGD``:
# batches of 100, 2 epochs, rate 2.0 falling linearly to 0, chosen on raw
# pixels' validation accuracy), trains once on the raw pixels and once on
# the deskewed ones, from the same seed, and each model is scored once on
# the test images.  Both are scored on the *same* 10,000 images, so the
# fair comparison is paired: count the images one model gets right and the
# other wrong.  If the two were equally good, each such image would be
# equally likely to favour either, and McNemar's test
# (``uncertainty.mcnemar``) says how unlikely the split seen would be.

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


models = {"raw pixels": trained(X_train), "deskewed": trained(D_train)}
tests = {"raw pixels": X_test, "deskewed": D_test}
predicted = {name: predict_softmax(W, b, tests[name]) for name, (W, b) in models.items()}
for name, (W, b) in models.items():
    train = D_train if name == "deskewed" else X_train
    right = accuracy(predict_softmax(W, b, train), y_train)
    print(f"{name:>10}: train accuracy {100 * right:.2f} %, test accuracy "
          f"{100 * accuracy(predicted[name], y_test):.2f} %")
print("paired, on the same test images: " + describe_paired(
    predicted["raw pixels"] == y_test, predicted["deskewed"] == y_test, "raw", "deskewed"))

# %% [markdown]
# What to look for: test accuracy 92.25 % on the raw pixels (chapter 5),
# 95.45 % on the deskewed ones; the error falls from 7.75 % to 4.55 %.
# Paired, deskewing puts 437 test images right that the raw model gets
# wrong and 117 the other way: were the two models equally good, a split
# of 554 disagreements this uneven would come by chance with probability
# about $10^{-44}$.  LeCun et al. (1998) list 12.0 % error for a linear
# classifier on raw pixels and 8.4 % for one on deskewed pixels (7.6 % for
# a *pairwise* linear classifier, one per pair of digits, on deskewed
# pixels): this softmax model on deskewed pixels, at 4.55 %, is well
# below their linear figure.
#
# The weight maps on raw pixels (chapter 5's) ...
# -----------------------------------------------
#
# One figure a cell, so that a notebook and the book show each at full
# size:

# %%
digits = [f"digit {j}" for j in range(k)]
save(weight_maps(models["raw pixels"][0], digits, suptitle="Weight maps, raw pixels"),
     args, "09_weights_raw.png")

# %% [markdown]
# ... and on deskewed pixels
# --------------------------

# %%
save(weight_maps(models["deskewed"][0], digits, suptitle="Weight maps, deskewed"),
     args, "09_weights_deskewed.png")

# %% [markdown]
# What to look for: on deskewed pixels the 0's hole and the 1's stroke stand
# upright as single vertical bars, the 4 shows its two strokes, and all ten
# maps fill a centred disc, because the ink of every image is now centred.
#
# Which confusions did deskewing remove?
# --------------------------------------
#
# The pairs whose count fell most, and both confusion matrices in one
# picture: each cell holds the raw count over the deskewed one, blue where
# deskewing removed mistakes.

# %%
before, after = (confusion_matrix(predicted[name], y_test, k) for name in models)
off = ~np.eye(k, dtype=bool)
fewer = (before - after) * off
order = np.argsort(fewer, axis=None)[::-1][:5]
print("confusions that fell most (true -> predicted: raw, deskewed):")
for true, said in zip(*np.unravel_index(order, fewer.shape)):
    print(f"  {true} -> {said}: {before[true, said]:4d} -> {after[true, said]:4d}")
print(f"all errors: {before[off].sum()} -> {after[off].sum()}")
save(confusion_change(before, after, title=f"Confusion matrices on {len(y_test)} test digits: "
                                          "raw pixels (top number), deskewed (bottom)"),
     args, "09_confusion_change.png")
show(args)

# %% [markdown]
# What to look for: 5 taken for a 3 falls from 32 to 7.
#
# Summary
# -------
#
# - The ink's moments (9.1) give each image's centre and slant; the slant
#   is the least-squares slope (9.2).
# - A shear about the centre of mass (9.3), read bilinearly, stands the ink
#   upright and centres it.
# - The same linear model on better inputs: from 7.75 % to 4.55 % test
#   error, a difference McNemar's paired test puts far beyond chance.  What a linear model can learn depends on how its inputs are
#   written.
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
# 3. Chapter 4 drew the raw model's weight maps.  Which of the deskewed
#    model's maps became readable?
# 4. Write ``moments`` and ``deskew`` yourself in ``exercises/e7_deskew.py``
#    and grade them.
#
# With pen and paper (answers: ``exercises/DERIVATIONS.md``):
#
# 5. Derive (9.2) by minimising $\sum p\,(c - \bar c - \alpha (r - \bar r))^2$.
# 6. Show that after (9.3) the ink's slope is 0: the deskewed image has
#    $\operatorname{cov} = 0$ (up to the pixels lost at the edges and the
#    blur of interpolation).
