# %% [markdown]
"""
Chapter 4. Why does it work?  The weights as pictures
=====================================================

A linear model scores each digit by adding up one weight a pixel.  What
has each digit's model learned to look for?  Its 784 weights are one per
pixel, so they can be drawn as an image: this chapter draws them.
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
                        rate_note="0.002, the seed's, on raw pixels; 0.5 with --scale")
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
# Model $j$'s logit (3.1) for one image $x$ is a sum over its pixels $p$:
#
# $$
# z_j = \sum_{p=1}^{784} x_p W_{pj} + b_j. \tag{4.1}
# $$
#
# Reshape column $j$ of $W$ into a 28 x 28 image (``plots.weight_maps``).
# Since ink means $x_p > 0$, a red pixel ($W_{pj} > 0$) is ink that speaks
# *for* digit $j$, and a blue one ($W_{pj} < 0$) ink that speaks *against*
# it.  A white pixel ($W_{pj} = 0$) never mattered.  The empty border is
# white for a reason that (2.7) gives: if pixel $p$ is 0 in every training
# image, its slope
#
# $$
# \frac{\partial J}{\partial W_{pj}} = \frac{1}{m} \sum_{i=1}^{m} X_{ip}\,(A_{ij} - Y_{ij}) = 0 \quad\text{when every } X_{ip} = 0, \tag{4.2}
# $$
#
# at every step, so gradient descent never moves that weight from its
# start, 0.
#
# The model is chapter 3's run 1 (the seed's: 3000 raw images, rate 0.002,
# 110 steps); ``--scale`` gives chapter 3's run 2 on scaled pixels.

# %%
X_train, y_train, X_test, y_test = load(parser, args, scale=args.scale)
pixels = "pixels / 255" if args.scale else "raw pixels"
print(f"training 10 one-vs-rest models: {len(y_train)} images, {pixels}, "
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
# One map a digit, on a shared colour scale centred at zero.  How noisy the
# maps are, as one number (``experiments.roughness``): the mean difference
# between horizontally neighbouring weights, over the mean size of a weight,
# $\operatorname{mean} \lvert w_{r, c+1} - w_{r, c} \rvert / \operatorname{mean} \lvert w_{r, c} \rvert$.
# A smooth map changes little from one pixel to the next; speckle changes a
# lot.

# %%
print("weight range per digit: " + ", ".join(
    f"{j}: [{W[:, j].min():.3g}, {W[:, j].max():.3g}]" for j in range(k)))
print(f"weights still exactly 0 (pixels empty in every training image): "
      f"{np.sum(np.all(W == 0, axis=1))} of {W.shape[0]}")
print(f"roughness of the maps: {roughness(W):.2f}")
fig = weight_maps(W, [f"digit {j}" for j in range(k)],
                  suptitle=f"Learned weights w_j as 28 x 28 images ({pixels}, "
                           f"{args.iterations} iterations)")
save(fig, args, "04_weights.png")
show(args)

# %% [markdown]
# What to look for: on the seed's raw run only two maps are plainly
# readable: 0 (a blue blot where a 0 has its hole, faint red around it) and
# 1 (a red vertical bar between two blue bands); 2, 3 and 5 show blue
# patches where their strokes leave the paper empty, and 4, 6, 8 and 9 are
# speckle.  The raw run bounced from side to side of its valley (chapter 3)
# and stopped wherever the 110th step left it, so its weights carry that
# noise.
#
# With ``--scale`` the maps are smooth and more become readable: 0 and 1
# sharper, 2 (blue in its open middle, red along its base), 3 (blue where a
# 3 is open on the left), 6 (a red loop at the bottom left, blue above
# right), 7 (blue under its bar, where a 7 has no ink).  A digit is
# recognised as much by where it leaves the paper empty as by its strokes.
# Digits that share most of their ink with others (4 with 9, 8 with 3 and 5)
# stay blotchy: one template a class can only match the average stroke.
#
# Summary
# -------
#
# - A linear model's weights for one class are a template the size of the
#   input (4.1): red where ink argues for the class, blue where against.
# - A pixel empty in every training image gets no gradient (4.2) and keeps
#   its starting weight.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. Compare the raw run's maps and roughness with ``--scale``'s.  Which
#    are smoother, and why do the raw weights look noisier?
# 2. Multiply a test image elementwise with each map and sum: you get
#    $z_j - b_j$.  Which pixels of a misclassified image pulled it the wrong
#    way?
# 3. Train longer (``--iterations 300 --scale``): do the maps become more
#    readable, or noisier?  And the accuracies?
