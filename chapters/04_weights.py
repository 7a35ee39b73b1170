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
from logreg_from_scratch.cost import cross_entropy
from logreg_from_scratch.experiments import roughness
from logreg_from_scratch.generative import gaussian_classes
from logreg_from_scratch.labels import one_hot
from logreg_from_scratch.newton import newton
from logreg_from_scratch.optimize import DivergenceError, gradient_descent
from logreg_from_scratch.plots import boundary_plane, weight_maps
from logreg_from_scratch.predict import accuracy, distance_to_boundary, predict
from logreg_from_scratch.sigmoid import sigmoid
from logreg_from_scratch.uncertainty import describe_accuracy, paired_lines


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
# The boundary: a flat cut through the images
# -------------------------------------------
#
# A weight map says what a model looks for.  This part asks a different
# question: which images does a model answer "yes" to, and which "no"?
# The answer is a picture in which each image is a point.
#
# A point in the plane is a list of two numbers, its two coordinates; a
# point in space is a list of three.  An image is a list of 784 numbers,
# so we can think of it as a point in a space with 784 axes, one for each
# pixel.  We cannot draw such a space, but the geometry of points, arrows
# and distances works there just as it does in the plane.  An arrow, or
# vector, $v$ has the length $\lVert v \rVert = \sqrt{\sum_j v_j^2}$:
# Pythagoras' theorem, with 784 sides instead of two.  Below, after the
# geometry, we draw it for a model that sees only two numbers of each
# image.
#
# Take one yes-or-no model, with weights $w$ and bias $b$ as in chapter 2
# (for model $\ell$ of this chapter, $w$ is column $\ell$ of $W$).  It
# answers "yes" where its logit $w^\top x + b$ is above 0 and "no" where
# it is below.  (Here $w^\top x = \sum_j w_j x_j$ is the sum of products
# of (4.1), the dot product of the two vectors $w$ and $x$ that chapter 2
# met; the $\top$ is the usual way to write it.)  The points where the
# logit is exactly 0 separate the two answers.  They form the model's
# *decision boundary*, the set $\{x : w^\top x + b = 0\}$.  In the plane,
# $w_1 x_1 + w_2 x_2 + b = 0$ is the equation of a straight line; in
# space, of a flat plane; with 784 axes, of a flat surface called a
# *hyperplane*.  So a linear model cuts the images into "yes" and "no"
# with one flat cut: its boundary never bends.
#
# Which way does the cut face?  Take any two points $x$ and $x'$ on the
# boundary.  Both have the logit 0, so subtracting $w^\top x' + b = 0$
# from $w^\top x + b = 0$ gives
#
# $$
# \begin{aligned}
# & w^\top (x - x') = 0 \\
# & \text{for any } x, x' \text{ on the boundary.}
# \end{aligned} \tag{4.4}
# $$
#
# The difference $x - x'$ is the arrow from $x'$ to $x$, an arrow that
# runs along the boundary.  And two arrows $u$ and $v$ whose dot product
# is 0 are at right angles.  To see why, expand the length of their sum:
#
# $$
# \begin{aligned}
# \lVert u + v \rVert^2 &= \textstyle\sum_j (u_j + v_j)^2 \\
# &= \lVert u \rVert^2 + 2\, u^\top v + \lVert v \rVert^2.
# \end{aligned}
# $$
#
# Pythagoras' theorem, $\lVert u + v \rVert^2 = \lVert u \rVert^2 + \lVert v \rVert^2$,
# holds exactly when the two arrows are at right angles, and the
# expansion says it holds exactly when $u^\top v = 0$.  So (4.4) says that
# $w$ is at right angles to every direction along the boundary: $w$ is
# the boundary's *normal*, the direction that points straight out of it.
# It points to the "yes" side: a step of length $\epsilon$ along $w$ is
# the arrow $\epsilon\, w / \lVert w \rVert$, which changes the logit by
# $w^\top (\epsilon\, w / \lVert w \rVert) = \epsilon \lVert w \rVert$, a
# rise, from any point.
#
# How far is an image from the boundary?  Start at the image $x$ and move
# along $w$: the points $x - t\,w$, for numbers $t$.  The logit there is
# $w^\top x + b - t\,\lVert w \rVert^2$, because
# $w^\top w = \lVert w \rVert^2$, and it is 0 at
# $t = (w^\top x + b)/\lVert w \rVert^2$.  Call that point $x_0$: it is on
# the boundary.  (For an image on the "yes" side, $t$ is positive and we
# moved against $w$; on the "no" side it is negative, and we moved with
# $w$.)  The move is $t$ times $w$, of length
# $\lvert t \rvert\, \lVert w \rVert$.
#
# No other point of the boundary is nearer to $x$.  Take any point $x'$
# of the boundary.  The arrow from $x'$ to $x$ is the arrow $x_0 - x'$,
# followed by the arrow $x - x_0 = t\,w$.  The first runs along the
# boundary, so $w^\top (x_0 - x') = 0$ by (4.4), and the two arrows are at
# right angles.  By Pythagoras' theorem,
#
# $$
# \lVert x - x' \rVert^2 = \lVert x_0 - x' \rVert^2 + \lVert x - x_0 \rVert^2,
# $$
#
# which is at least $\lVert x - x_0 \rVert^2$.  So the distance of $x$
# from the boundary is the length of the move, and we give it a sign,
# positive on the "yes" side and negative on the "no" side: the *signed
# distance* of $x$ from the boundary is
#
# $$
# \operatorname{dist}(x) = \frac{w^\top x + b}{\lVert w \rVert}. \tag{4.5}
# $$
#
# (``predict.distance_to_boundary`` computes it.)  Multiplying (4.5) by
# $\lVert w \rVert$ turns the distance back into the logit, and the
# sigmoid turns the logit into the probability:
#
# $$
# \begin{aligned}
# z &= \lVert w \rVert \operatorname{dist}(x), \\
# a &= \sigma\bigl(\lVert w \rVert \operatorname{dist}(x)\bigr).
# \end{aligned} \tag{4.6}
# $$
#
# So the logit is a distance: the distance from the boundary, counted in
# steps of $1 / \lVert w \rVert$.  The model's probability depends on an
# image only through how far it lies from the boundary, and on which side.
# All images with the same probability $a$ lie on a flat surface parallel
# to the boundary (exercise 4 shows why), at the signed distance
# $\log(a/(1 - a)) / \lVert w \rVert$ from it, by (2.12): negative for
# $a < \tfrac12$.  The direction of $w$ says where the cut is; the length
# of $w$ says how fast the probability climbs from $\tfrac12$ at the
# boundary toward 1 on one side and falls toward 0 on the other.
# Doubling both $w$ and $b$ keeps the boundary where it is, and every
# answer with it, but makes every probability surer.
#
# Seeing it in two dimensions
# ---------------------------
#
# To draw the boundary, we build a model that sees only two numbers of
# each image, so that each image is a point in the plane.  We ask it "is
# it a 7 rather than a 1?", using the 1s and 7s among the chapter's
# training images (pixels scaled to $[0, 1]$, as in run 2).  So its label
# is $y = 1$, "yes, a 7", for a 7, and $y = 0$ for a 1.  The two numbers
# say how much of an image's ink lies where the average 1 has its ink,
# and where the average 7 has its ink.  Write $\bar x^{(1)}$ for the
# average of the training 1s, pixel by pixel (the *mean image* of the
# 1s), and $\bar x^{(7)}$ for that of the 7s.  The image's *overlaps* with
# them are
#
# $$
# o_1 = \frac{\sum_j \bar x^{(1)}_j x_j}{\sum_j \bar x^{(1)}_j}, \qquad
# o_7 = \frac{\sum_j \bar x^{(7)}_j x_j}{\sum_j \bar x^{(7)}_j}.
# $$
#
# Each is a weighted average of the image's pixels, with the mean image
# as the weights: the pixels where the average digit has much ink count
# most.  An image with full ink wherever the average 1 has ink has
# $o_1 = 1$; a blank image has $o_1 = 0$.  (An overlap has the form of
# (4.1), with the mean image divided by its sum as the weights and a bias
# of 0: a template that nobody trained.)  A 1 should have a large $o_1$
# and a 7 a large $o_7$.
#
# The model sees the two numbers $(o_1, o_7)$ in place of the 784 pixels,
# so it has two weights: $z = w_1 o_1 + w_2 o_7 + b$.  (Here $w_1$ is the
# weight of the first number, $o_1$, and $w_2$ that of the second, $o_7$.)
# To find the weights that minimise the cost (2.4), we use the package's
# ``newton``, an optimiser that chapter 10 builds: on two numbers it
# reaches the minimum in about ten steps, where gradient descent would
# need more than a thousand.  The cell prints the model, its accuracy
# with its 95 % interval (chapter 6 explains these intervals), and the
# distances (4.6) of a few probabilities from the boundary.

# %%
X, X_test = X_raw / 255, X_test_raw / 255  # the scaled pixels of run 2
ones_sevens, test_ones_sevens = np.isin(y_train, (1, 7)), np.isin(y_test, (1, 7))
y7, y7_test = (y_train[ones_sevens] == 7).astype(int), (y_test[test_ones_sevens] == 7).astype(int)
if min(np.sum(y7 == 0), np.sum(y7 == 1), len(y7_test)) == 0:
    parser.exit(1, "error: this part needs 1s and 7s among both the training and the "
                   "test images: give a larger --num-train and --num-test\n")
mean_1, mean_7 = X[y_train == 1].mean(axis=0), X[y_train == 7].mean(axis=0)  # (784,) each
templates = np.column_stack([mean_1 / mean_1.sum(), mean_7 / mean_7.sum()])  # (784, 2)
O, O_test = X[ones_sevens] @ templates, X_test[test_ones_sevens] @ templates  # (o_1, o_7) rows
print(f"1s and 7s: {len(y7)} training images ({y7.sum()} 7s), {len(y7_test)} test images")
for digit, label in ((1, 0), (7, 1)):
    o_1, o_7 = O[y7 == label].mean(axis=0)
    print(f"  the training {digit}s' mean overlaps: o_1 = {o_1:.3f}, o_7 = {o_7:.3f}")
gap = np.linalg.norm(O[y7 == 1].mean(axis=0) - O[y7 == 0].mean(axis=0))
print(f"  the distance between these two mean points: {gap:.3f}")
w, b, history = newton(np.zeros(2), 0.0, O, y7, l2=0.0)
length = np.linalg.norm(w)
print(f"the model after {len(history) - 1} Newton steps: w_1 = {w[0]:.2f} (for o_1), "
      f"w_2 = {w[1]:.2f} (for o_7),\n  b = {b:.3f}, length ||w|| = {length:.2f}, "
      f"cost {history[-1][0]:.4f}")
wrong = predict(w, b, O) != y7
print(f"training accuracy: {describe_accuracy(~wrong)}\n  ({wrong.sum()} mistakes)")
if not wrong.any():  # a line splits them: the cost has no minimum (chapter 6)
    print("  (not a minimum: with so few images a line splits the 1s from the 7s without a\n"
          "  mistake, and then no length of w is best; chapter 6 comes back to this)")
print(f"test accuracy: {describe_accuracy(predict(w, b, O_test) == y7_test)}")
print("  a      logit z   distance z / ||w||")
for level in (0.1, 0.25, 0.5, 0.75, 0.9, 0.99):
    z_level = np.log(level / (1 - level))  # (2.12)
    print(f"  {level:<5g}  {z_level:7.3f}   {z_level / length:8.4f}")

# %% [markdown]
# What to look for: the two numbers do tell 1s from 7s.  The training 1s
# overlap the average 1 more than the average 7, and the 7s the other way
# round.  The model weighs $o_7$ up and $o_1$ down, and is right on about
# 97 % of the training images and 96 % of the 116 test images.  The
# probability climbs from $\tfrac12$ to 0.9 within a distance of about
# 0.04 from the boundary, a small step in these units: the mean point of
# the 1s and that of the 7s are about 0.27 apart.  The figure shows the
# training images as points, the boundary as a thick line, the lines of a
# few other probabilities as dashed lines, and the direction of $w$ as an
# arrow (its length is not to scale: $\lVert w \rVert$ is about 51).  The
# training images the model gets wrong have a black outline.

# %%
fig = boundary_plane(O, y7, w, b, names=("1s", "7s"),
                     axis_labels=("$o_1$, overlap with the average 1",
                                  "$o_7$, overlap with the average 7"),
                     title=f"1 or 7? The boundary of a model on two numbers ({len(y7)} images)")
save(fig, args, "04_boundary.png")
show(args)

# %% [markdown]
# What to look for: the boundary is a straight line, with the 7s above it
# on the left and the 1s below it on the right.  The dashed lines are
# parallel to it, as (4.6) says.  They are evenly spaced on the page,
# because their logits are evenly spaced, $-2.2$, $-1.1$, 0, 1.1 and 2.2
# for $a$ = 0.1, 0.25, 0.5, 0.75 and 0.9 (printed above); the
# probabilities themselves are not evenly spaced.  The arrow stands at a
# right angle to all the lines and points to the 7s' side.  (The two axes
# have the same scale, so that right angles look right.)  The outlined
# points on the wrong side of the line are the model's 21 mistakes on its
# training images.
#
# The cell below checks (4.5) and (4.6) on the first test image.  It
# moves from the image along $w$ by its distance, and prints the logit of
# the point where it ends, which should be 0.  It also measures the
# image's distance to 200,001 points along the boundary line, spread over
# a length of 2 on each side, and prints the nearest one's.  Last, it
# keeps the boundary and changes the length of $w$: it divides $w$ and
# $b$ by 2 and multiplies them by 2, and prints the cost and the training
# accuracy of each.

# %%
o = O_test[0]
distance = distance_to_boundary(w, b, O_test[:1])[0]  # (4.5)
foot = o - distance * w / length  # the point x_0 where the move ends
along = np.array([-w[1], w[0]]) / length  # a direction along the boundary, at a right angle to w
points = foot + np.linspace(-2, 2, 200_001)[:, None] * along
print(f"test image 0, a {7 if y7_test[0] else 1}: o = ({o[0]:.3f}, {o[1]:.3f}), logit "
      f"{o @ w + b:.3f}, distance {distance:.4f}")
print(f"  the move's end: logit {foot @ w + b:.1e}; nearest of 200,001 boundary points: "
      f"{np.min(np.linalg.norm(points - o, axis=1)):.4f}")
print(f"  logit / distance = {(o @ w + b) / distance:.2f} = ||w||")
for factor in (0.5, 1, 2):
    cost = cross_entropy(O @ (factor * w) + factor * b, y7)
    print(f"w and b times {factor:<3g}: cost {cost:.4f}, training accuracy "
          f"{100 * accuracy(predict(factor * w, factor * b, O), y7):.2f} %")

# %% [markdown]
# What to look for: the move ends on the boundary.  Its logit is printed
# as 0 or as a tiny number such as ``-3.3e-15``, which is how Python
# writes $-3.3 \times 10^{-15}$, that is $-0.0000000000000033$: 0 but for
# rounding in the last digits the computer keeps.  No
# point of the
# boundary is nearer the image than that end, as the proof above said, and
# the logit divided by the distance is the length of $w$, (4.6).
#
# Halving or doubling $w$ and $b$ keeps the line, and so the accuracy, but
# raises the cost: halving makes every probability less sure, which costs
# on the many images the model gets right, and doubling makes it surer,
# which costs more on the few it gets wrong.  The cost chooses the length
# of $w$ as well as its direction.  It can do so because the 1s and 7s
# overlap here: no line splits them without a mistake.  Chapter 6 meets
# images that one hyperplane splits without a single mistake, and what
# that does to the length of $w$.
#
# The same geometry holds for the 784-pixel models above.  The weight map
# of a model is its normal $w$, drawn as a picture.  It is also the
# direction in which an image must change to raise the logit fastest:
# the logit's gradient with respect to the pixels is $w$, and chapter 2
# showed that the gradient is the direction of the fastest rise.

# %% [markdown]
# Where the sigmoid comes from
# ----------------------------
#
# Chapter 2 chose the sigmoid to turn a score into a probability.  It has
# the right shape, but is there a reason for it?  One answer comes from
# modelling the images instead of the labels.
#
# Logistic regression models the probability of the label given the
# image, $\Pr(y = 1 \mid x)$ (read the bar as "given"), and nothing else.
# A model of this kind is called *discriminative*: it only tells the
# classes apart.  A *generative* model describes how the images of each
# class are spread, by a *density* $p(x \mid y = \ell)$ for each class
# $\ell$.  A density is large where the images of class $\ell$ are common
# and small where they are rare: the chance that an image of class $\ell$
# falls within a tiny distance $h$ of $x$ is about $p(x \mid y = \ell)$
# times $h$ (with one feature; with more, times a tiny volume).  So a
# density is a chance per unit of width, and it can be above 1; the
# widths will cancel below.  The model also gives the share of each class
# among the images, $\Pr(y = \ell)$.
#
# *Bayes' rule* turns these into the probability of the label given the
# image.  The chance of "an image of class 1, and near $x$" can be counted
# two ways: as the chance of class 1 times the chance that its image is
# near $x$, or as the chance of an image near $x$ times the chance that
# such an image is of class 1.  Equating the two and dividing by the
# chance of an image near $x$, which is the sum of the two classes'
# products (the widths $h$ cancel):
#
# $$
# \Pr(y = 1 \mid x) = \frac{p(x \mid y = 1) \Pr(y = 1)}{\sum_{\ell = 0}^{1} p(x \mid y = \ell) \Pr(y = \ell)}.
# $$
#
# Divide the top and the bottom by the top.  The fraction becomes
# $1 / (1 + e^{-z})$, where $e^{-z}$ is the ratio of the two products,
# class 0's over class 1's.  So $z$ is minus the logarithm of that ratio,
# the logarithm of class 1's product over class 0's:
#
# $$
# \begin{aligned}
# & \Pr(y = 1 \mid x) = \sigma(z), \\
# & z = \log \frac{p(x \mid y = 1) \Pr(y = 1)}{p(x \mid y = 0) \Pr(y = 0)}.
# \end{aligned} \tag{4.7}
# $$
#
# So the sigmoid appears whatever the densities are.  The logit is the
# log-odds (2.12) again: the logarithm of how much better class 1's
# density explains the image than class 0's, plus the logarithm of the
# classes' shares, $\log(\Pr(y = 1) / \Pr(y = 0))$.  What the densities
# decide is whether $z$ is a linear function of $x$.
#
# Take the classic density, the *Gaussian* (or *normal*) one, the bell
# curve.  With one feature $x$ (a single number), class $\ell$'s bell is
# centred at its mean $\nu_\ell$ and has the *variance* $\Sigma$ (a capital
# sigma, here a number, not a sum): the mean of $(x - \nu_\ell)^2$ over
# the class, which measures how widely the bell spreads.  Let the two
# classes have the same variance.  The bell is
#
# $$
# p(x \mid y = \ell) = \frac{1}{\sqrt{2 \pi \Sigma}} \exp\Bigl(-\frac{(x - \nu_\ell)^2}{2 \Sigma}\Bigr),
# $$
#
# where the factor $1 / \sqrt{2\pi\Sigma}$ makes the area under the bell
# 1, as a density's must be (every image is somewhere).  In the ratio of
# (4.7) the two factors $1 / \sqrt{2\pi\Sigma}$ cancel, because the
# variance is shared, and the logarithm undoes the exponentials:
#
# $$
# \begin{aligned}
# z &= \frac{(x - \nu_0)^2 - (x - \nu_1)^2}{2 \Sigma} \\
# &\quad + \log \frac{\Pr(y = 1)}{\Pr(y = 0)}.
# \end{aligned}
# $$
#
# Expanding the squares, the two $x^2$ cancel too, and what is left is a
# linear function of $x$:
#
# $$
# \begin{aligned}
# z &= w x + b, \qquad w = \frac{\nu_1 - \nu_0}{\Sigma}, \\
# b &= \frac{\nu_0^2 - \nu_1^2}{2 \Sigma} + \log \frac{\Pr(y = 1)}{\Pr(y = 0)}.
# \end{aligned} \tag{4.8}
# $$
#
# With $d$ features, the bell is $d$-dimensional.  Its mean $\nu_\ell$ is
# a vector of shape $(d,)$, and its spread is a *covariance matrix*
# $\Sigma$ of shape $(d, d)$.  Its entry in row $j$ and column $j'$ is the
# mean of $(x_j - \nu_{\ell j})(x_{j'} - \nu_{\ell j'})$: on the diagonal
# ($j = j'$) each feature's variance, and elsewhere how features $j$ and
# $j'$ vary together.  It is symmetric, $\Sigma_{jj'} = \Sigma_{j'j}$.
# Dividing by the variance becomes multiplying by the *inverse matrix*
# $\Sigma^{-1}$, the matrix with $\Sigma^{-1} \Sigma = I$ (it exists when
# no combination of the features is constant within the classes), which
# is symmetric too.  The bell is
#
# $$
# \begin{aligned}
# p(x \mid y = \ell) &= \frac{1}{\sqrt{(2\pi)^d \det \Sigma}} \\
# &\quad \times e^{-\frac12 (x - \nu_\ell)^\top \Sigma^{-1} (x - \nu_\ell)},
# \end{aligned}
# $$
#
# where $\det \Sigma$, the *determinant*, is a number that depends on
# $\Sigma$ alone; all that matters here is that the factor in front is the
# same for both classes.  Expanded, the square in the exponent is
# $x^\top \Sigma^{-1} x - 2\, \nu_\ell^\top \Sigma^{-1} x + \nu_\ell^\top \Sigma^{-1} \nu_\ell$,
# where the two middle terms $x^\top \Sigma^{-1} \nu_\ell$ and
# $\nu_\ell^\top \Sigma^{-1} x$ are equal because $\Sigma^{-1}$ is
# symmetric.  With a shared $\Sigma$, the factor in front and the first
# term are the same for both classes and cancel in (4.7), just as the
# $x^2$ did.  What is left, with the $-\tfrac12$ multiplied in, is linear
# in $x$, $z = w^\top x + b$ with
#
# $$
# \begin{aligned}
# w &= \Sigma^{-1} (\nu_1 - \nu_0), \\
# b &= -\tfrac12 \nu_1^\top \Sigma^{-1} \nu_1 + \tfrac12 \nu_0^\top \Sigma^{-1} \nu_0 \\
#   &\quad + \log \frac{\Pr(y = 1)}{\Pr(y = 0)}.
# \end{aligned} \tag{4.9}
# $$
#
# So if the images of each class really were spread like Gaussian bells
# with one shared covariance, the exact probability of the label would be
# logistic regression's, $\sigma(w^\top x + b)$, with the weights (4.9).
# The sigmoid with a linear logit is not an arbitrary choice.  (If the
# covariance were the identity matrix, 1 on the diagonal and 0 elsewhere,
# (4.9) would make $w$ the difference of the two mean images: a template
# like the mean images behind the overlaps.  The covariance reshapes that
# template where features vary together.)
#
# Gaussian bells are not the only way to linear log-odds: pixels that
# are each 0 or 1, independently of each other within each class, give
# them too.  Logistic regression assumes only that the log-odds are
# linear, whatever the densities behind them.  Fitting the means and the
# covariance and putting them into (4.9), a method called *linear
# discriminant analysis* (``generative.gaussian_classes``), assumes the
# Gaussian bells as well.  Where they are not there, its weights are
# those of the wrong densities, not the best linear logit for the data.
# (Exercise 5 shows what unequal spreads do: the log-odds stop being
# linear.)
#
# The cell below fits both to the 1s and 7s.  For the Gaussian model, it
# estimates each class's mean point, the shared covariance as the mean
# over all the training points of the products above (each point centred
# at its own class's mean), and the share of 7s, and puts them into
# (4.9).  Logistic regression's model is the one from above.  It prints
# the two models, the angle between their $w$, and each model's logit at
# the midpoint of the two classes' mean points.  Then their accuracies;
# the images on which only one of them is right, with McNemar's test,
# whose p-value says how often two equally good models would disagree
# this unevenly (a large p-value: no evidence either is better; chapter 6
# derives it); and the *log loss* (the cost (2.4)) of their probabilities
# on the test images, compared image by image: the mean of the
# differences, with its standard error (the typical size of the error of
# such a mean; chapter 6 again).  Last, it prints each class's spread: the
# *standard deviation* (the square root of the variance) of $o_1$ and
# $o_7$, and their *correlation* (chapter 2), within the 1s and within
# the 7s.

# %%
w_gauss, b_gauss = gaussian_classes(O, y7)  # (4.9), the means and covariance of the points
angle = np.degrees(np.arccos(w @ w_gauss / (length * np.linalg.norm(w_gauss))))
print(f"Gaussian classes (4.9): w_1 = {w_gauss[0]:.2f}, w_2 = {w_gauss[1]:.2f}, "
      f"b = {b_gauss:.3f}, ||w|| = {np.linalg.norm(w_gauss):.2f}")
print(f"logistic regression:    w_1 = {w[0]:.2f}, w_2 = {w[1]:.2f}, b = {b:.3f}, "
      f"||w|| = {length:.2f}")
print(f"the angle between their w: {angle:.1f} degrees")
middle = (O[y7 == 0].mean(axis=0) + O[y7 == 1].mean(axis=0)) / 2
print(f"at the midpoint ({middle[0]:.3f}, {middle[1]:.3f}) of the mean points: logit "
      f"{middle @ w_gauss + b_gauss:.2f} (Gaussian),\n  {middle @ w + b:.2f} (logistic); "
      f"distance from the logistic line {(middle @ w + b) / length:.3f}")
for name, (w_model, b_model) in (("Gaussian classes", (w_gauss, b_gauss)),
                                 ("logistic regression", (w, b))):
    print(f"{name}: training accuracy "
          f"{100 * accuracy(predict(w_model, b_model, O), y7):.2f} %, test accuracy "
          f"{100 * accuracy(predict(w_model, b_model, O_test), y7_test):.2f} %")
print("paired on the test images:")
print(paired_lines(predict(w, b, O_test) == y7_test,
                   predict(w_gauss, b_gauss, O_test) == y7_test, "logistic", "Gaussian"))
losses = {name: np.logaddexp(0, z_model) - y7_test * z_model  # each image's loss, (2.10)
          for name, z_model in (("Gaussian", O_test @ w_gauss + b_gauss),
                                ("logistic", O_test @ w + b))}
gaps = losses["Gaussian"] - losses["logistic"]
print(f"test log loss: Gaussian {losses['Gaussian'].mean():.3f}, logistic "
      f"{losses['logistic'].mean():.3f};\n  Gaussian - logistic {gaps.mean():+.3f}, "
      f"standard error {gaps.std(ddof=1) / np.sqrt(len(gaps)):.3f}")
for digit, label in ((1, 0), (7, 1)):
    spread = np.std(O[y7 == label], axis=0)
    correlation = np.corrcoef(O[y7 == label].T)[0, 1]
    print(f"the {digit}s: standard deviation of o_1 {spread[0]:.3f}, of o_7 {spread[1]:.3f};"
          f" correlation {correlation:.2f}")

# %% [markdown]
# What to look for: the two boundaries are nearly parallel, their $w$
# only 3.4 degrees apart, but they are not the same line.  At the midpoint
# of the two mean points the Gaussian model's logit is about 0, so its
# line passes through the midpoint, while logistic regression's is about
# 2: its line lies about 0.04 nearer the 1s.  On the test images the two
# models have the same accuracy: each is right on 3 images that the other
# gets wrong, and McNemar's test finds nothing to tell them apart.  The
# Gaussian model's $w$ is longer, so by (4.6) its probabilities are surer,
# and its log loss on the test images is higher, 0.122 against 0.083.
# The difference is about one standard error, so these 116 images cannot
# tell whether it would hold on new ones.  The reason to expect it is in
# the last two lines: the two classes are not spread alike.  The 7s spread
# more along $o_7$ than the 1s do, and their two overlaps are less
# correlated.  One shared covariance cannot describe both, so the
# Gaussian model's assumption is wrong here, while logistic regression
# never made it.  Which of the two kinds of model wins in general depends
# on how much data there is: with few images the generative model's extra
# assumption can help it, with many it tends to cost it (Ng and Jordan,
# 2002).
#
# Another view: the Bernoulli distribution's natural parameter
# -------------------------------------------------------------
#
# Statisticians reach the sigmoid by a second road.  A yes-or-no label
# $y$ with the chance $a$ of "yes" has the *Bernoulli* distribution,
# $\Pr(y) = a^{y} (1 - a)^{1 - y}$: $a$ for $y = 1$ and $1 - a$ for
# $y = 0$.  Write each power as an exponential of a logarithm and collect
# the terms in $y$:
#
# $$
# \begin{aligned}
# & a^{y} (1 - a)^{1 - y} \\
# & \quad = \exp\bigl(y \log a + (1 - y) \log (1 - a)\bigr) \\
# & \quad = (1 - a) \exp\Bigl(y \log \frac{a}{1 - a}\Bigr).
# \end{aligned}
# $$
#
# With the log-odds $z = \log(a / (1 - a))$ of (2.12):
#
# $$
# \begin{aligned}
# \Pr(y) &= a^{y} (1 - a)^{1 - y} \\
# &= (1 - a)\, e^{z y}, \\
# z &= \log \frac{a}{1 - a}.
# \end{aligned} \tag{4.10}
# $$
#
# A distribution that can be written as $e^{z y}$ times a factor that
# depends on $y$ but not on $z$, times a factor that depends on $z$ but
# not on $y$, belongs to the *exponential family*, and $z$ is called its
# *natural parameter*.  For the Bernoulli the first factor is 1, the
# second $1 - a$, and the natural parameter is the log-odds.  Many
# familiar distributions belong to the family: the Gaussian, the Poisson
# of counts (whose first factor is $1 / y!$), the Bernoulli.  A
# *generalised linear model* makes the natural parameter a linear
# function of the features, $z = w^\top x + b$, and the function that
# turns the distribution's mean into its natural parameter is called the
# *canonical link*.  (The mean of the Bernoulli, the average of many of
# its labels, is $a$, so its canonical link is the logit, which turns $a$
# into $\log(a / (1 - a))$.)  Logistic regression is the generalised
# linear model of the Bernoulli with its canonical link; least squares is
# that of the Gaussian.
#
# What the canonical link brings is a simple gradient.  Minus the
# logarithm of (4.10) is each image's loss, $-\log(1 - a) - z y$, and its
# derivative in the natural parameter $z$ is $a - y$: the error signal of
# (2.6), with no other factor.  (Any other link would put the derivative
# of the link into it.)  So the gradient of the cost is (2.8), and at the
# minimum, where it is 0:
#
# $$
# \begin{aligned}
# & X^\top (a - y) = 0, \\
# & \textstyle\sum_{i=1}^{m} (a_i - y_i) = 0.
# \end{aligned} \tag{4.11}
# $$
#
# These are the *score equations* of the generalised linear model.  The
# second, from the bias, says that at the minimum the model's
# probabilities add up to the number of labels $y = 1$: their mean is
# exactly the share of "yes" among the training images.  The cell checks
# both on the model for 1s and 7s, where "yes" is a 7 and the features
# are the overlaps, so that $X$ is ``O``.

# %%
a = sigmoid(O @ w + b)  # the probabilities of logistic regression's minimum
print(f"X^T (a - y), X the overlaps O: [{', '.join(f'{entry:.1e}' for entry in O.T @ (a - y7))}]")
print(f"mean probability {a.mean():.4f}; share of 7s {y7.mean():.4f} "
      f"({y7.sum()} of {len(y7)})")

# %% [markdown]
# What to look for: both entries of $X^\top (a - y)$ are 0 but for
# rounding, and the mean probability of a 7 equals the share of 7s to
# every digit printed, as (4.11) says.

# %% [markdown]
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
# - A binary model's decision boundary, where its logit is 0, is a flat
#   hyperplane, and its weights $w$ are the boundary's normal (4.4).  An
#   image's signed distance from it is $(w^\top x + b)/\lVert w \rVert$
#   (4.5), and the logit is that distance times $\lVert w \rVert$ (4.6):
#   the direction of $w$ places the boundary, and its length sets how
#   sure the probabilities are.
# - If each class's images were spread like Gaussian bells with one shared
#   covariance, Bayes' rule would give exactly logistic regression's
#   model, with the weights (4.9); logistic regression assumes less, only
#   that the log-odds are linear, (4.7) with $z = w^\top x + b$.  On the
#   1s and 7s the two have the same test accuracy, and the Gaussian
#   model's probabilities are surer.
# - The log-odds are the Bernoulli distribution's natural parameter
#   (4.10): logistic regression is a generalised linear model with the
#   canonical link, and at its minimum the probabilities add up to the
#   number of labels $y = 1$ (4.11).
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
#
# With pen and paper (answers: ``exercises/DERIVATIONS.md``):
#
# 4. Where the boundary lies.  Show that the boundary passes at the
#    distance $\lvert b \rvert / \lVert w \rVert$ from the blank image,
#    $x = 0$.  Show that multiplying $w$ and $b$ by the same number
#    $\omega > 0$ leaves the boundary and every answer as they were, and
#    say what $\omega < 0$ does.  Then show that the images whose
#    probability is $a$ form a hyperplane parallel to the boundary, and
#    that in the figure the dashed lines $a = 0.75$ and $a = 0.9$ are
#    $\log 3 / \lVert w \rVert$ apart.
# 5. Unequal spreads.  Redo the derivation of (4.8) with one feature, but
#    give the two classes different variances, $\Sigma_0$ for class 0 and
#    $\Sigma_1$ for class 1.  Show that the logit (4.7) is now a quadratic
#    function of $x$, so that the boundary $z = 0$ can be two points
#    instead of one: class 1 on both sides of class 0, say.  Which terms
#    stop cancelling?
#
# To write this chapter's two new steps as code and have them graded,
# ``distance_to_boundary`` in ``exercises/e5_predict.py`` and
# ``gaussian_classes`` in ``exercises/e12_generative.py``, see
# ``exercises/README.md``.
