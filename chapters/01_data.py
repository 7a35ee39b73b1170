# %% [markdown]
"""
Chapter 1. The data: what MNIST looks like to the computer
==========================================================

Before we build a model, we need to know exactly what it will be given.
This book teaches a computer to read handwritten digits, and its data are
the MNIST images: 70,000 small pictures of single handwritten digits, 0 to
9, each labelled with the digit it shows.  This chapter loads them, turns
each picture into a row of numbers, and looks at what those numbers are.
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
# Where the images come from
# --------------------------
#
# The digits were written by hand on forms, by employees of the US Census
# Bureau and by high-school students.  The US National Institute of
# Standards and Technology (NIST) scanned the forms and cut out each digit
# as a black-and-white image.  LeCun, Cortes and Burges then made MNIST
# (the "modified" NIST set) from those images in two steps.  First, each
# digit was shrunk or enlarged to fit in a box of 20 x 20 pixels, keeping
# its proportions; smoothing its edges in this step is what gives the
# images their grey pixels.  Second, the digit was placed in a 28 x 28
# image so that its *centre of mass*, the average position of its ink,
# lies at the centre of the image.  So every digit has about the same size
# and position, and a border of empty paper around it.
#
# The images come in two sets.  The 60,000 *training images*, written by
# about 250 people, are the ones a model learns from.  The 10,000 *test
# images*, written by other people, are kept apart to measure how well a
# model reads digits it has never seen.
#
# From pixels to a matrix
# -----------------------
#
# An image is a 28 x 28 grid of pixels.  Each pixel is a byte, a whole
# number from 0 (white paper) to 255 (black ink).  A model needs a list
# of numbers, so we read the grid row by row, left to right, and write the
# rows one after another.  This gives a vector of $d = 28 \times 28 = 784$
# numbers.  Call the pixel in row $u$ and column $v$ pixel $(u, v)$, with
# $u$ and $v$ counted from 0 to 27 as NumPy counts them.  Row $u$ starts
# after the $28 u$ pixels of the rows above it, so pixel $(u, v)$ becomes
# entry $j = 28 u + v + 1$ of the vector, with $j$ running from 1 to 784.
#
# We then stack the $m$ images' vectors as the rows of one matrix $X$ of
# shape $(m, d)$: row $i$ is image $i$, and column $j$ holds pixel $j$ of
# every image.  This matrix is called the *design matrix*.  The digits the
# images show go into the *label vector* $y$ of shape $(m,)$, with one
# label for each image:
#
# $$
# \begin{aligned}
# X_{ij} &= \text{pixel } (u, v) \text{ of image } i, \\
# j &= 28 u + v + 1, \\
# y_i &\in \{0, 1, \dots, 9\}.
# \end{aligned} \tag{1.1}
# $$
#
# Throughout this book the rows of $X$ are the examples: in the code,
# ``X[i]`` is one image.  (Some courses stack the images as columns
# instead, an $X$ of shape $(d, m)$.  Ours is its transpose, so that
# their ``w.T @ X`` is our ``X @ w``.)
#
# The loader, ``idx_data.load_mnist``, reads the bytes from the files of
# ``data/``.  With ``scale=True`` it divides them by 255, so that every
# pixel lies between 0 and 1; chapter 3 shows why that matters for
# training.

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
# What to look for: there are 60,000 training and 10,000 test images, each
# a row of 784 numbers between 0 and 1.  The mean pixel is 0.1307: an
# average pixel holds about an eighth of full ink, so most of each image
# is empty paper.
#
# How many images show each digit?

# %%
print("digit:       " + " ".join(f"{digit:5d}" for digit in range(10)))
print("train count: " + " ".join(f"{n:5d}" for n in np.bincount(y_train, minlength=10)))
print("test count:  " + " ".join(f"{n:5d}" for n in np.bincount(y_test, minlength=10)))

# %% [markdown]
# What to look for: the ten digits are roughly, but not exactly, equally
# common.  The training images hold 5421 fives and 6742 ones, against the
# 6000 each that an even split would give.
#
# Ten digits as a person sees them
# --------------------------------
#
# Numbers are what the model sees; a picture is what we see.  Below are
# ten test images picked at random (``--seed`` picks others), each titled
# with its label.

# %%
picks = np.random.default_rng(args.seed).choice(len(y_test), size=min(10, len(y_test)),
                                                replace=False)
print("picked test images:", picks.tolist())
print("their labels:      ", y_test[picks].tolist())
title = f"{len(picks)} MNIST test digit{'s' if len(picks) > 1 else ''} (picked with seed {args.seed})"
print(f"figure: {title}")
fig = digit_grid(X_test[picks], [f"label {y}" for y in y_test[picks]], suptitle=title,
                 nrows=1 if len(picks) <= 5 else 2, ncols=min(len(picks), 5))
save(fig, args, "01_data_digits.png")
show(args)

# %% [markdown]
# What to look for: every digit sits in the middle of its image at about
# the same size, as MNIST's centring made it.  What still varies is the
# writing itself: the strokes are thick or thin, upright or slanted, and
# the same digit is drawn in different styles (a 4 open or closed at the
# top, a 7 with or without a stroke across its middle).  This variety is
# what a model has to see past.
#
# Summary
# -------
#
# - MNIST is 70,000 scanned handwritten digits, each scaled to fit a
#   20 x 20 box and centred by its centre of mass in a 28 x 28 image: 60,000
#   for training and 10,000 for testing.
# - Read row by row, an image becomes a row of $d = 784$ pixel values, and
#   $m$ images become the rows of the design matrix $X$, of shape
#   $(m, 784)$ (1.1).  The labels form the vector $y$, of shape $(m,)$.
# - The ten digits are roughly equally common, and most pixels are empty
#   paper.
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
# To write the model's steps yourself and have them graded, see
# ``exercises/README.md``.
