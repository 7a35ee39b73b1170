# %% [markdown]
"""
Chapter 1. The data: what MNIST looks like to the computer
==========================================================

What exactly do we feed the model?  MNIST is 70,000 photographs of
handwritten digits, 28 x 28 grey pixels each, with the digit each shows.
This chapter loads them, turns each image into a row of numbers, and looks
at what those numbers are.
"""

# %%
import numpy as np

from logreg_from_scratch.chapter import chapter_parser, load, parse, save, show
from logreg_from_scratch.plots import digit_grid

ARGS = ""  # run cell by cell, the chapter's options go here, e.g. ARGS = "--seed 1"
# sphinx_gallery_start_ignore
# (the options that --help lists; the web book hides these lines up to the end marker)
parser = chapter_parser(__doc__, num_train=60000, num_test=10000, training=False)
# sphinx_gallery_end_ignore
args = parse(parser, ARGS)

# %% [markdown]
# From pixels to a matrix
# -----------------------
#
# An image is a 28 x 28 grid of bytes, from 0 (white paper) to 255 (black
# ink).  Reading it row by row turns it into a vector of $d = 784$ numbers:
# pixel $(r, c)$ becomes entry $28 r + c$.  The $m$ images, stacked as
# rows, make the *design matrix* $X$ of shape $(m, d)$, and their digits
# the label vector $y$ of shape $(m,)$:
#
# $$
# X_{i,\,28 r + c} = \text{pixel } (r, c) \text{ of image } i, \qquad y_i \in \{0, 1, \dots, 9\}. \tag{1.1}
# $$
#
# Rows are examples throughout this book: image $i$ is ``X[i]``.  The seed
# notebook stacked images as columns instead, an $X$ of shape $(d, m)$;
# ours is its transpose, so its ``w.T @ X`` is our ``X @ w``.  Loaded with
# ``scale=True`` (``idx_data.load_mnist``), the bytes are divided by 255,
# to $[0, 1]$: chapter 3 shows why that matters.

# %%
X_train, y_train, X_test, y_test = load(parser, args, scale=True)
print(f"X_train {X_train.shape} {X_train.dtype}   y_train {y_train.shape} {y_train.dtype}")
print(f"X_test  {X_test.shape} {X_test.dtype}   y_test  {y_test.shape} {y_test.dtype}")
mean = X_train.mean()
# X_train.std() would make X_train - mean, a second array as large as X_train (376 MB);
# summing the squared deviations a thousand images at a time needs a thousandth of that.
squares = sum(np.sum((X_train[i:i + 1000] - mean) ** 2) for i in range(0, len(X_train), 1000))
print(f"pixel range [{X_train.min():g}, {X_train.max():g}], "
      f"mean {mean:.4f}, standard deviation {np.sqrt(squares / X_train.size):.4f}")

# %% [markdown]
# What to look for: 60,000 training and 10,000 test images; the mean pixel
# is 0.1307 of full ink, so most of each image is empty paper.  How many of
# each digit?

# %%
print("digit:       " + " ".join(f"{j:5d}" for j in range(10)))
print("train count: " + " ".join(f"{n:5d}" for n in np.bincount(y_train, minlength=10)))
print("test count:  " + " ".join(f"{n:5d}" for n in np.bincount(y_test, minlength=10)))

# %% [markdown]
# The classes are roughly, not exactly, balanced: 5421 fives, 6742 ones.
#
# Ten digits as a person sees them
# --------------------------------
#
# Ten test images picked at random (``--seed`` picks others), each titled
# with its label.  The strokes vary in thickness, slant and style: that is
# what a model has to absorb.

# %%
picks = np.random.default_rng(args.seed).choice(len(y_test), size=min(10, len(y_test)),
                                                replace=False)
print("picked test images:", picks.tolist(), " labels:", y_test[picks].tolist())
title = f"{len(picks)} MNIST test digit{'s' if len(picks) > 1 else ''} (picked with seed {args.seed})"
print(f"figure: {title}")
fig = digit_grid(X_test[picks], [f"label {y}" for y in y_test[picks]], suptitle=title,
                 nrows=1 if len(picks) <= 5 else 2, ncols=min(len(picks), 5))
save(fig, args, "01_data_digits.png")
show(args)

# %% [markdown]
# Summary
# -------
#
# - An image is a row of 784 pixel values, and $m$ images the rows of $X$,
#   shape $(m, 784)$ (1.1); the labels are $y$, shape $(m,)$.
# - 60,000 training and 10,000 test images, roughly balanced; most pixels
#   are empty paper.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Print one image as a 28 x 28 table of numbers (``X_test[0].reshape(28,
#    28)`` with raw pixels) and find the digit in it.
# 2. Compute the mean image of each digit and plot the ten of them with
#    ``plots.digit_grid``.  Could you classify by "nearest mean image"?
# 3. How many pixels are 0 in every training image?  What will a model ever
#    learn about them?
#
# To write the model's steps yourself and have them graded: ``exercises/``
# (see the README).
