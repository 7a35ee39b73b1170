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
# and sits in about the middle of its image, usually with some empty paper
# around it.
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
# numbers.
#
# To say where a pixel sits in the grid, we call the pixel in row $u$ and
# column $v$ pixel $(u, v)$, with $u$ and $v$ counted from 0 to 27, as
# NumPy counts them: pixel $(0, 0)$ is the top-left corner.  Row $u$ starts
# after the $28 u$ pixels of the rows above it, so pixel $(u, v)$ is
# number $28 u + v + 1$ in the vector, counting from 1.
#
# We then stack the $m$ images' vectors as the rows of one matrix $X$ of
# shape $(m, d)$, one row for each image.  This matrix is called the
# *design matrix*.  The digits the images show go into the *label vector*
# $y$ of shape $(m,)$, with one label for each image.  Like most books on
# the subject, the maths counts the images $i = 1, \dots, m$ and the
# pixels $j = 1, \dots, 784$ from 1.  So the entry in row $i$ and column
# $j$ of $X$, written $X_{ij}$, is pixel $j$ of image $i$, and
#
# $$
# \begin{aligned}
# X_{i,\, 28 u + v + 1} &= \text{pixel } (u, v) \text{ of image } i, \\
# y_i &\in \{0, 1, \dots, 9\}.
# \end{aligned} \tag{1.1}
# $$
#
# NumPy counts rows and columns from 0, so in the code everything that is
# counted from 1 in the maths is one less.  Image $i$ is ``X[i - 1]``, its
# label is ``y[i - 1]``, and pixel $(u, v)$ of image $i$ is
# ``X[i - 1, 28 * u + v]``.
#
# Throughout this book the rows of $X$ are the examples.  (Some courses
# stack the images as columns instead, an $X$ of shape $(d, m)$.  Ours is
# its transpose, so where such a course writes ``w.T @ X``, with $w$ the
# model's weights of chapter 2, this book writes ``X @ w``.)
#
# The file reader, ``idx_data.load_mnist``, reads the bytes from the files
# in ``data/``.  The chapters call it through ``chapter.load``, which also
# passes on the chapter's command-line options, such as how many images to
# load.  With ``scale=True`` it divides every byte by 255, so that every
# pixel lies between 0 and 1; chapter 3 shows why that matters for
# training.

# %%
X_train, y_train, X_test, y_test = load(parser, args, scale=True)
print(f"X_train {X_train.shape} {X_train.dtype}   y_train {y_train.shape} {y_train.dtype}")
print(f"X_test  {X_test.shape} {X_test.dtype}   y_test  {y_test.shape} {y_test.dtype}")
print(f"pixel range [{X_train.min():g}, {X_train.max():g}], mean {X_train.mean():.4f}")
print(f"pixels exactly 0 (empty paper): {100 * np.mean(X_train == 0):.1f} % of all "
      "training pixels")

# %% [markdown]
# What to look for: there are 60,000 training and 10,000 test images, each
# a row of 784 numbers between 0 and 1.  The word after each shape is the
# type of the numbers in the array.  ``float64`` means floating-point
# numbers (numbers with a fractional part) of 8 bytes each, and ``int64``
# whole numbers of 8 bytes each; chapter 8 says what the size of a number
# costs in speed.
#
# The mean pixel is 0.1307: the average pixel holds about an eighth of full
# ink.  That alone does not say how the ink is spread, but the last line
# does: 80.9 % of all the training pixels are exactly 0.  Most of each
# image is empty paper.
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
# ten test images picked at random, each titled with its label.
#
# A computer picks "at random" with a *random number generator*: a
# program that produces numbers that look random, but that are fixed by a
# starting number called the *seed*.  The same seed gives the same numbers
# on every run, so the book's results can be reproduced exactly.  Every
# chapter that draws random numbers takes its seed from the option
# ``--seed`` (0 unless you give another); here ``--seed 1`` picks ten
# other images.  A thin grey frame marks the edge of each 28 x 28 image.

# %%
picks = np.random.default_rng(args.seed).choice(len(y_test), size=min(10, len(y_test)),
                                                replace=False)
print("picked rows of X_test:", picks.tolist())  # NumPy's row numbers, counted from 0
print("their labels:         ", y_test[picks].tolist())
title = f"{len(picks)} MNIST test digit{'s' if len(picks) > 1 else ''} (picked with seed {args.seed})"
print(f"figure: {title}")
fig = digit_grid(X_test[picks], [f"label {y}" for y in y_test[picks]], suptitle=title,
                 nrows=1 if len(picks) <= 5 else 2, ncols=min(len(picks), 5))
save(fig, args, "01_data_digits.png")
show(args)

# %% [markdown]
# What to look for: the first line gives the picked images as NumPy's
# row numbers, counted from 0 (row 6364 is image 6365 in the maths).
# Every digit sits in about the middle of its image, at about the same
# size, as MNIST's centring made it.  The empty border is
# not guaranteed, though: the third image, a 7, reaches down to the
# bottom edge of its frame.  What varies most is the writing itself: the
# strokes are thick or thin, upright or slanted, and the same digit is
# drawn in different styles (a 4 open or closed at the top, a 7 with or
# without a stroke across its middle).  This variety is what a model has
# to see past.
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
#   The maths counts from 1 and NumPy from 0: pixel $(u, v)$ of image $i$
#   is ``X[i - 1, 28 * u + v]``.
# - The ten digits are roughly equally common, and about four pixels in
#   five are empty paper.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Print one image as a 28 x 28 table of its bytes and find the digit in
#    it.  The bytes are the raw pixels, before the division by 255: load
#    them with ``idx_data.load_mnist(num_train=1, num_test=1, scale=False)``
#    and print ``X_test[0].reshape(28, 28).astype(int)``.
# 2. Compute the mean image of each digit (the mean of its training
#    images' rows) and plot the ten of them with ``plots.digit_grid``.
#    Then classify each test image by the *nearest mean image*: the digit
#    whose mean image is closest to it.  Measure how close two images are
#    by their *Euclidean distance*: the square root of the sum, over the
#    784 pixels, of the squared differences of their values.  What share
#    of the test images does this get right?
# 3. How many pixels are 0 in every training image?  What will a model ever
#    learn about them?
#
# To write the model's steps yourself and have them graded, see
# ``exercises/README.md``.
