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

from logreg_from_scratch.chapter import chapter_parser, load, parse, positive, save, show
from logreg_from_scratch.experiments import roughness
from logreg_from_scratch.labels import one_hot
from logreg_from_scratch.optimize import DivergenceError, gradient_descent
from logreg_from_scratch.plots import weight_maps
from logreg_from_scratch.predict import accuracy, predict


ARGS = ""  # run cell by cell, the chapter's options go here, e.g. ARGS = "--iterations 300"
# sphinx_gallery_start_ignore
# (the options that --help lists; the web book hides these lines up to the end marker)
parser = chapter_parser(__doc__, num_train=3000, num_test=500, iterations=110, rate=0.002)
parser.add_argument("--scaled-rate", type=positive(float), default=0.5,
                    help="learning rate of run 2, on pixels scaled to [0, 1] (default %(default)s)")
# sphinx_gallery_end_ignore
args = parse(parser, ARGS)
k = 10

# %% [markdown]
# Reading a weight as a picture
# -----------------------------
#
# Recall chapter 3's set-up.  There are $k = 10$ models, one for each
# digit, and model $\ell$ answers the question "is it the digit $\ell$?".
# Its weights are column $\ell$ of the matrix $W$, of shape $(784, 10)$,
# and its bias is $b_\ell$.  The logit of image $i$ under model $\ell$,
# entry $Z_{i\ell}$ of chapter 3's matrix of logits (3.1), is a sum over
# the pixels $j$:
#
# $$
# Z_{i\ell} = \sum_{j=1}^{784} X_{ij} W_{j\ell} + b_\ell. \tag{4.1}
# $$
#
# Each pixel adds its value times its weight.  So we can read a weight by
# its sign.  Ink makes a pixel's value positive, $X_{ij} > 0$.  Where the
# weight $W_{j\ell}$ is positive, ink raises the logit and speaks *for*
# the digit $\ell$; where it is negative, ink lowers the logit and speaks
# *against* it.  Where the weight is 0, the pixel makes no difference at
# all.
#
# To see all 784 weights of model $\ell$ at once, we put them back on the
# 28 x 28 grid, weight $j$ where pixel $j$ sits (the reverse of (1.1)), and
# colour each square: red for a positive weight, blue for a negative one,
# the palest colour for 0, with stronger colours for larger sizes
# (``plots.weight_maps``).  We call such a picture a *weight map*.  A
# weight map is a *template*: the model scores an image by how much of its
# ink falls on the red parts and how much on the blue parts.
#
# Pixels that never see ink
# -------------------------
#
# One thing can be predicted before we look.  Chapter 1 found that four
# pixel values in five are 0, and some pixels are 0 in every training
# image: 67 of them in all 60,000 training images (chapter 1's exercise
# 3), and more in the 3000 images the models here learn from.  At each
# step, gradient descent subtracts from weight $W_{j\ell}$ the learning
# rate times entry $(j, \ell)$ of the gradient $dW$ (3.3).  In that entry,
# $A_{i\ell}$ is model $\ell$'s probability for image $i$ and $Y_{i\ell}$
# is 1 if image $i$ shows the digit $\ell$ and 0 if not (chapter 3):
#
# $$
# \begin{aligned}
# dW_{j\ell} &= \frac{1}{m} \sum_{i=1}^{m} X_{ij}\,(A_{i\ell} - Y_{i\ell}) \\
# &= 0 \quad \text{when } X_{ij} = 0 \text{ for every image } i.
# \end{aligned} \tag{4.2}
# $$
#
# Every term of the sum carries the factor $X_{ij}$, the value of pixel $j$
# in image $i$.  If pixel $j$ is empty in every training image, every term
# is 0, at every step.  Gradient descent then never moves the weight from
# where it started, which is 0.
#
# The two runs
# ------------
#
# The models are those of chapter 3, trained on its data: the first 3000
# training images, scored on the first 500 test images (the original
# notebook's settings).  Run 1 learns from the raw pixels (0 to 255) at
# learning rate 0.002, for 110 iterations; run 2 from the pixels scaled to
# [0, 1] at learning rate 0.5, for the same 110 iterations.  For each run
# the cell prints the cost (3.2), the sum of the ten models' costs, at the
# start and at the last iteration, and the accuracies.

# %%
X_raw, y_train, X_test_raw, y_test = load(parser, args, scale=False)
runs = {"raw pixels": (X_raw, X_test_raw, args.rate),
        "scaled pixels": (X_raw / 255, X_test_raw / 255, args.scaled_rate)}
weights = {}
for number, (pixels, (X, X_test, rate)) in enumerate(runs.items(), 1):
    print(f"run {number}, {pixels}: {len(y_train)} images, rate {rate:g}, "
          f"{args.iterations} iterations")
    try:
        W, b, costs = gradient_descent(np.zeros((X.shape[1], k)), np.zeros(k), X,
                                       one_hot(y_train, k), args.iterations, rate)
    except DivergenceError as error:
        parser.exit(1, f"error: {error}\n")
    weights[pixels] = (W, b, X)
    print(f"  cost (3.2) at the start {costs[0]:.6f}, at the last iteration {costs[-1]:.6f}")
    print(f"train accuracy: {100 * accuracy(predict(W, b, X), y_train):.2f} %  "
          f"(run {number}: {pixels})")
    print(f"test accuracy: {100 * accuracy(predict(W, b, X_test), y_test):.2f} %  "
          f"(run {number}: {pixels})")

# %% [markdown]
# What to look for: both runs start at the cost $10 \log 2 = 6.93$
# (chapter 3).  Run 1 ends *above* it, at 22.06: on raw pixels the
# learning rate is far too large, so gradient descent bounced from one
# side of its valley to the other (chapter 3).  Run 2's cost falls to
# 0.81.
#
# The test accuracy is measured on 500 images the models never saw.  Run
# 1 is right on 91.27 % of its training images but on only 83.80 % of the
# test images, 7.5 percentage points fewer (7.5 images in every 100).  Run 2 is right on
# fewer of its training images, 90.37 %, but on more of the test images,
# 88.20 %.  Chapter 3 compared the two runs on the same 500 test images
# and found that a difference this large is unlikely to be chance.  The
# weight maps show why run 1 does worse on new images.
#
# What each digit's model looks for
# ---------------------------------
#
# Below are run 1's ten weight maps, one for each digit.  All ten share
# one colour scale, centred at zero and running to the largest weight in
# any of them, so that colours can be compared from one map to another.
#
# Some maps look smooth and others speckled.  To compare them with a
# number, we measure how much a weight differs from its neighbour on the
# right, relative to the size of a typical weight.  Pixel $j$'s neighbour
# on the right is pixel $j + 1$, as long as pixel $j$ is not in the last
# column of the grid.  This *roughness* of the ten maps is
#
# $$
# \text{roughness} = \frac{\operatorname{mean} \lvert W_{j+1,\,\ell} - W_{j\ell} \rvert}{\operatorname{mean} \lvert W_{j\ell} \rvert}. \tag{4.3}
# $$
#
# The mean on top is over every pair of horizontal neighbours: the
# pixels $j$ in columns $v = 0$ to 26, 27 pairs in each of the 28 rows,
# in each of the ten maps.  The mean below is over every weight of the ten
# maps (``experiments.roughness``).  A smooth map changes little from one
# pixel to the next and has a small roughness; a speckled one changes a
# lot and has a large roughness.
#
# The cell also prints each map's lowest and highest weight; the
# largest size of a weight times the largest pixel value, which is the
# most that a single pixel can add to a logit (4.1); and how large the
# logits $Z_{i\ell}$ of the training images are.


# %%
def describe(pixels, largest_pixel):
    """Print the weights' range, the most one pixel adds, the logits' size, the roughness."""
    W, b, X = weights[pixels]
    print(f"the weights of each digit's map, {pixels}:")
    print("digit:   " + " ".join(f"{digit:>6d}" for digit in range(k)))
    print("lowest:  " + " ".join(f"{W[:, digit].min():6.3f}" for digit in range(k)))
    print("highest: " + " ".join(f"{W[:, digit].max():6.3f}" for digit in range(k)))
    size, Z = np.abs(W).max(), X @ W + b  # the logits (4.1) of the training images
    print(f"largest |weight| x largest pixel: {size:.3f} x {largest_pixel:g} = "
          f"{size * largest_pixel:.3g}")
    print(f"logits of the training images: median size {np.median(np.abs(Z)):.3g}, "
          f"largest {np.abs(Z).max():.4g}")
    print(f"roughness (4.3) of the maps: {roughness(W):.2f}")
    return W


W = describe("raw pixels", 255)
blank = np.all(W == 0, axis=1)  # pixels whose ten weights never moved
u, v = np.divmod(np.flatnonzero(blank), 28)  # their rows and columns
print(f"weights still exactly 0 (pixels empty in every training image): {blank.sum()} of "
      f"{len(W)}\n  by distance from the grid's edge (0: on the edge): " + ", ".join(
          f"{distance}: {n}" for distance, n in
          enumerate(np.bincount(np.minimum.reduce([u, v, 27 - u, 27 - v])))))
fig = weight_maps(W, [f"digit {digit}" for digit in range(k)],
                  suptitle=f"Run 1: each digit's weights as a 28 x 28 image (raw pixels, "
                           f"{args.iterations} iterations)")
save(fig, args, "04_weights.png")
show(args)

# %% [markdown]
# What to look for: on raw pixels, the maps of 0 and 1 can plainly be
# read.  The map of 0 has a blue blot where a 0 has its hole, with faint
# red around it.  The map of 1 has a red vertical bar between two blue
# bands.  The maps of 2, 3 and 5 show blue patches where these digits
# leave the paper empty, and the maps of 4, 6, 8 and 9 are mostly
# speckle.  The reason is the training, not the model: run 1 bounced
# across its valley (its rate was far too large for raw pixels, chapter 3)
# and stopped wherever its 110th step left it, so its weights carry that
# noise.
#
# The weights are small, at most 0.205 in size, but each multiplies a
# pixel of up to 255.  So a single pixel can add up to about 52 to a
# logit, and the logits run into the hundreds: their median size is 265,
# and the largest is over 1500.  A logit of 265 makes the sigmoid's
# probability 1 to more digits than a computer holds.  So on raw pixels
# the models are far surer of their answers than their accuracy can
# justify; chapter 11 comes back to this.
#
# Exactly 134 weights of each map are still 0: those of the pixels that
# are empty in all 3000 training images, the weights that (4.2) said would
# never move.  In the picture they have the colour of 0 and cannot be told
# apart from weights that are merely small; the count finds them.  All of
# them lie near the edge of the grid: 79 on the edge itself, and the
# others 1, 2 or 3 pixels in from it.
#
# Run 2, on scaled pixels
# -----------------------
#
# Now the same for run 2.  Its colour scale runs to its own largest
# weight, so compare the patterns of the two figures, not their colours.

# %%
W = describe("scaled pixels", 1)
fig = weight_maps(W, [f"digit {digit}" for digit in range(k)],
                  suptitle=f"Run 2: each digit's weights as a 28 x 28 image (scaled pixels, "
                           f"{args.iterations} iterations)")
save(fig, args, "04_weights_scaled.png")
show(args)

# %% [markdown]
# What to look for: run 2's maps are smoother (roughness 0.49, against
# 0.67 for run 1), and more of them can be read.  The 0 and the 1 are
# sharper.  The 2 is blue in its open middle and red along its base.  The
# 3 is blue where a 3 is open on the left.  The 6 has a red loop at the
# bottom left and blue above it on the right.  The 7 is blue under its top
# bar, where a 7 has no ink.  A digit is recognised as much by where it
# leaves the paper empty as by where its strokes are.
#
# Its weights are larger, up to 0.498 in size, but they multiply pixels
# of at most 1, so a single pixel adds at most about 0.5 to a logit, and
# the logits' median size is 4.95.
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
# - The maps of the bouncing raw-pixel run are noisy (4.3) and hard to
#   read, and its weights make large logits; scaled pixels give smoother,
#   more readable templates.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Run 1 bounced because its learning rate was too large for raw pixels.
#    Of the rates chapter 3 tried, $7 \times 10^{-6}$ is the largest that
#    lowers the raw cost at every step on these images.  Run the chapter with
#    ``--rate 0.000007``: is run 1's roughness now close to run 2's?  How
#    do its accuracies compare with run 2's, and why?
# 2. Pick a test image that run 2 gets wrong.  Say it shows the digit
#    $\ell'$ and the model predicts $\ell$.  For each pixel $j$, the product
#    $X_{ij}\,(W_{j\ell} - W_{j\ell'})$ is how much that pixel pulls the
#    logit of $\ell$ above that of $\ell'$.  Draw these 784 numbers as a
#    map with ``plots.weight_maps`` (one column).  Which pixels pulled the
#    image the wrong way?
# 3. Train longer (``--iterations 300``): do run 2's maps become more
#    readable, or noisier?  And its accuracies?
