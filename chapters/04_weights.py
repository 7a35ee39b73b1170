# %% [markdown]
"""
Chapter 4. Why does it work?  The weights as pictures
=====================================================

Chapter 3 trained ten models, one for each digit, and they read most test
digits right.  But what has each model learned to look for?  A model
scores an image by giving every pixel a weight, multiplying each pixel by
its weight and adding up.  There is one weight for each of the 784 pixels,
so the weights of one model can be laid out on the 28 x 28 grid and drawn
as a picture.  This chapter draws them and reads them.
"""

# %%
import numpy as np

from logreg_from_scratch.chapter import chapter_parser, load, parse, save, show
from logreg_from_scratch.experiments import roughness
from logreg_from_scratch.labels import one_hot
from logreg_from_scratch.optimize import DivergenceError, gradient_descent
from logreg_from_scratch.plots import weight_maps
from logreg_from_scratch.predict import accuracy, predict


ARGS = ""  # run cell by cell, the chapter's options go here, e.g. ARGS = "--scale"
# sphinx_gallery_start_ignore
# (the options that --help lists; the web book hides these lines up to the end marker)
parser = chapter_parser(__doc__, num_train=3000, num_test=500, iterations=110,
                        rate_note="0.002, the original notebook's, on raw pixels; "
                                  "0.5 with --scale")
parser.add_argument("--scale", action="store_true",
                    help="train on pixels scaled to [0, 1] (chapter 3's run 2)")
# sphinx_gallery_end_ignore
args = parse(parser, ARGS)
args.rate = args.rate or (0.5 if args.scale else 0.002)  # a rate that suits the pixels
k = 10

# %% [markdown]
# Reading a weight as a picture
# -----------------------------
#
# Recall chapter 3's set-up.  There are $k = 10$ models, one for each
# digit, and model $\ell$ answers the question "is it the digit $\ell$?".
# Its weights are column $\ell$ of the matrix $W$, of shape $(784, 10)$,
# and its bias is $b_\ell$.  For one image $x$, a row of 784 pixel values
# $x_j$, model $\ell$'s logit (3.1) is a sum over the pixels $j$:
#
# $$
# z_\ell = \sum_{j=1}^{784} x_j W_{j\ell} + b_\ell. \tag{4.1}
# $$
#
# Each pixel adds its value times its weight.  So we can read a weight by
# its sign.  Ink makes a pixel's value positive, $x_j > 0$.  Where the
# weight $W_{j\ell}$ is positive, ink raises the logit and speaks *for*
# the digit $\ell$; where it is negative, ink lowers the logit and speaks
# *against* it.  Where the weight is 0, the pixel makes no difference at
# all.
#
# To see all 784 weights of model $\ell$ at once, we put them back on the
# 28 x 28 grid, weight $j$ where pixel $j$ sits (the reverse of (1.1)), and
# colour each square: red for a positive weight, blue for a negative one,
# white for 0, with stronger colours for larger sizes
# (``plots.weight_maps``).  We call such a picture a *weight map*.  A
# weight map is a *template*: the model scores an image by how much of its
# ink falls on the red parts and how much on the blue parts.
#
# One thing can be predicted before we look.  The pixels near the edges
# of the grid are empty in almost every image (chapter 1), and those that
# are empty in every training image will be exactly white.  At each step,
# gradient descent subtracts from weight $W_{j\ell}$ the rate times entry
# $(j, \ell)$ of the gradient $dW$ (3.3):
#
# $$
# \begin{aligned}
# dW_{j\ell} &= \frac{1}{m} \sum_{i=1}^{m} X_{ij}\,(A_{i\ell} - Y_{i\ell}) \\
# &= 0 \quad \text{when every } X_{ij} = 0.
# \end{aligned} \tag{4.2}
# $$
#
# Every term of the sum carries the factor $X_{ij}$, the value of pixel $j$
# in image $i$.  If pixel $j$ is empty in every training image, every term
# is 0, at every step.  Gradient descent then never moves the weight from
# where it started, which is 0.
#
# The models are those of chapter 3's first run, on the original
# notebook's settings: the first 3000 training images with raw pixels
# (0 to 255), rate 0.002 and 110 steps.  The option ``--scale`` trains
# chapter 3's second run instead, on pixels scaled to [0, 1] at rate 0.5.

# %%
X_train, y_train, X_test, y_test = load(parser, args, scale=args.scale)
pixels = "pixels / 255" if args.scale else "raw pixels"
print(f"10 one-vs-rest models: {len(y_train)} images, {pixels}, "
      f"rate {args.rate:g}, {args.iterations} iterations")
try:
    W, b, costs = gradient_descent(np.zeros((X_train.shape[1], k)), np.zeros(k), X_train,
                                   one_hot(y_train, k), args.iterations, args.rate)
except DivergenceError as error:
    parser.exit(1, f"error: {error}\n")
print(f"final cost {costs[-1]:.6f}")
print(f"train accuracy: {100 * accuracy(predict(W, b, X_train), y_train):.2f} %")
print(f"test accuracy: {100 * accuracy(predict(W, b, X_test), y_test):.2f} %")

# %% [markdown]
# What each digit's model looks for
# ---------------------------------
#
# Below are the ten weight maps, one for each digit.  All ten share one
# colour scale, centred at zero, so that colours can be compared from one
# map to another.
#
# Some maps look smooth and others speckled.  To compare them with a
# number, we measure how much a weight differs from its neighbour on the
# right, relative to the size of a typical weight.  For weights
# $w_{u,v}$ at row $u$ and column $v$ of a map, this *roughness* is
#
# $$
# \frac{\operatorname{mean} \lvert w_{u,v+1} - w_{u,v} \rvert}{\operatorname{mean} \lvert w_{u,v} \rvert},
# $$
#
# with both means taken over every position of all ten maps
# (``experiments.roughness``).  A smooth map changes little from one
# pixel to the next and has a small roughness; a speckled one changes a
# lot and has a large roughness.

# %%
print("weights, the lowest and the highest of each digit's map:")
print("digit:   " + " ".join(f"{digit:>6d}" for digit in range(k)))
print("lowest:  " + " ".join(f"{W[:, digit].min():6.3f}" for digit in range(k)))
print("highest: " + " ".join(f"{W[:, digit].max():6.3f}" for digit in range(k)))
print(f"weights still exactly 0 (pixels empty in every training image): "
      f"{np.sum(np.all(W == 0, axis=1))} of {W.shape[0]}")
print(f"roughness of the maps: {roughness(W):.2f}")
fig = weight_maps(W, [f"digit {digit}" for digit in range(k)],
                  suptitle=f"Each digit's weights as a 28 x 28 image ({pixels}, "
                           f"{args.iterations} iterations)")
save(fig, args, "04_weights.png")
show(args)

# %% [markdown]
# What to look for: on raw pixels, with the original notebook's settings,
# only two maps can plainly be read.  The map of 0 has a blue blot where a
# 0 has its hole, with faint red around it.  The map of 1 has a red
# vertical bar between two blue bands.  The maps of 2, 3 and 5 show blue
# patches where these digits leave the paper empty, and the maps of 4, 6,
# 8 and 9 are mostly speckle.  The reason is the training, not the model:
# on raw pixels, gradient descent bounced from one side of its valley to
# the other (chapter 3) and stopped wherever the 110th step left it, so
# the weights carry that noise.  Around the edges of every map, 134
# pixels are exactly white: they are empty in all 3000 training images,
# and nearly all of them lie on the border.  These are the weights that
# (4.2) said would never move.
#
# With ``--scale`` the maps are smoother (roughness 0.49 against 0.67), and
# more of them can be read.  The 0 and the 1 are sharper.  The 2 is blue in
# its open middle and red along its base.  The 3 is blue where a 3 is open
# on the left.  The 6 has a red loop at the bottom left and blue above it
# on the right.  The 7 is blue under its top bar, where a 7 has no ink.  A
# digit is recognised as much by where it leaves the paper empty as by
# where its strokes are.
#
# Digits that share most of their ink with other digits (4 with 9, and 8
# with 3 and 5) stay blotchy.  A model of this kind has a single template
# for each digit, so it can only match the average way of writing it.
#
# Summary
# -------
#
# - The weights of a linear model for one class are a template the size of
#   the input (4.1): red where ink argues for the class, blue where ink
#   argues against it.
# - A pixel that is empty in every training image gets a gradient of 0
#   (4.2), so its weight stays where it started.
# - The maps of the noisy raw-pixel run are hard to read; scaled pixels
#   give smoother, more readable templates.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Compare the raw run's maps and roughness with ``--scale``'s.  Which
#    are smoother, and why do the raw weights look noisier?
# 2. Multiply a test image, pixel by pixel, with each map and add up: you
#    get $z_\ell - b_\ell$ for each digit $\ell$.  Which pixels of a
#    misclassified image pulled it the wrong way?
# 3. Train longer (``--iterations 300 --scale``): do the maps become more
#    readable, or noisier?  And the accuracies?
