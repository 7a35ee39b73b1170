# %% [markdown]
"""
Chapter 2. Is it a 1? Binary logistic regression, step by step
==============================================================

The question
------------
Given the 784 pixels x of an image, estimate the probability that it shows
the digit 1, and answer "yes" when that probability exceeds one half.

The model and its equations
---------------------------
One weight a pixel, w (784,), and one bias b.  For the m images stacked as
the rows of X (m, 784)::

    z = X w + b                                   (the logits, one per image)
    a = sigma(z) = 1 / (1 + e^-z)                 sigmoid.sigmoid
    J = -(1/m) sum [y log a + (1 - y) log(1 - a)] cost.cross_entropy
    dw = (1/m) X^T (a - y),  db = (1/m) sum(a - y) gradients.propagate
    w <- w - rate dw,  b <- b - rate db           optimize.gradient_descent
    y_hat = 1 if z > 0 (a > 0.5) else 0           predict.predict

(The code computes a - y as (1 - y) sigma(z) - y sigma(-z): the same
number, but for a confident "yes" (z = 37, a rounds to 1.0) it keeps the
small true gradient -sigma(-37) = -8.5e-17 that a - 1 would round to 0;
gradients.py explains.)

The settings are the seed notebook's: the first 3000 training and 500 test
images, raw pixel values 0-255, w = 0 and b = 0 at the start, 100 iterations
of gradient descent at rate 0.005.  ``--scale`` divides the pixels by 255
and takes rate 0.5 instead, which suits them (chapter 3).

What to look for
----------------
- The first cost is log 2 = 0.693147: with w = 0 every a is 1/2.
- The second cost is far *higher* (about 327): on raw 0-255 pixels the first
  step is huge, the logits shoot to the hundreds, and the model is
  confidently wrong about every image that is not a 1.  Within ten
  iterations the cost is back near 5, then it falls slowly, to 1.22 after
  100 iterations, although 99 % of the images are by then right: the few
  images still on the wrong side have logits in the hundreds, and each costs
  about ``|z|``.  The cost curve (figures/02_binary_cost.png, log scale) shows the
  jump and the fall.  Chapter 3 shows the cure: scaled pixels.
- The result: train accuracy 99.23 %, test accuracy 99.00 %, as the seed.
  Only about 11 % of the images are 1s, so a model that always says "no"
  would already score 88.70 % on the training images (the chapter prints
  it): 99 % is a real skill, not a given.

Exercises
---------
1. Train "is it a 7?" with ``--digit 7``, then "is it a 4?" and "is it an
   8?", and compare each test accuracy with the "always no" score the
   chapter prints.  Is 8 really harder than always saying no?  Look at the
   printed costs, then rerun with ``--scale`` (chapter 3 explains).  With
   ``--scale``, which of the ten digits is hardest?
2. Check the gradient yourself: with ``numerical_gradient`` from
   ``logreg_from_scratch.gradients``, estimate dw for w = 0 on the first 20
   images and compare it with ``propagate``'s dw (relative error < 1e-6).
3. Rerun with ``--rate 0.05`` and with ``--rate 0.0005``.  The final cost
   changes tenfold each time; do the accuracies?  Why?  Then, with
   ``--scale``, which ends at the lower cost after 100 iterations: ``--rate
   0.5`` or ``--rate 5``?

Answers, from real runs: exercises/ANSWERS.md.  To write this chapter's
steps yourself and have them graded: exercises/ (see the README).
"""
# %%
# Imports
# -------
import numpy as np

from logreg_from_scratch.chapter import chapter_parser, load, parse, save, show
from logreg_from_scratch.labels import binary_labels
from logreg_from_scratch.optimize import DivergenceError, gradient_descent
from logreg_from_scratch.plots import cost_curves
from logreg_from_scratch.predict import accuracy, predict

# %%
# Options: the seed's settings by default
# ---------------------------------------
# From the shell, options follow the file's name.  Cell by cell (a notebook, an
# editor's cells), write them in ARGS instead, e.g. ``ARGS = "--digit 7"``.
ARGS = ""
parser = chapter_parser(__doc__, num_train=3000, num_test=500, iterations=100,
                        rate_note="0.005, the seed's, on raw pixels; 0.5 with --scale")
parser.add_argument("--digit", type=int, choices=range(10), default=1,
                    help="the digit to recognise (default %(default)s)")
parser.add_argument("--scale", action="store_true",
                    help="divide the pixels by 255, to [0, 1] (chapter 3 shows why)")
args = parse(parser, ARGS)
args.rate = args.rate or (0.5 if args.scale else 0.005)  # a rate that suits the pixels
pixels = "pixels scaled to [0, 1]" if args.scale else "raw pixels"

# %%
# The data: labels 1 for the digit and 0 for the rest
# ---------------------------------------------------
X_train, y_train_digits, X_test, y_test_digits = load(parser, args, scale=args.scale)
y_train = binary_labels(y_train_digits, args.digit)
y_test = binary_labels(y_test_digits, args.digit)
m, d = X_train.shape
print(f"Is it a {args.digit}?  {m} training images ({y_train.mean():.1%} are {args.digit}s), "
      f"{len(y_test)} test images, {d} {pixels}, rate {args.rate:g}")
# the score to beat: a model that always says "no"
print(f"always no: train accuracy {100 * (1 - y_train.mean()):.2f} %, "
      f"test accuracy {100 * (1 - y_test.mean()):.2f} %")


# %%
# Training: gradient descent from w = 0, b = 0
# --------------------------------------------
def report(iteration, w, b, cost):
    if iteration % 10 == 0 or iteration == args.iterations - 1:
        print(f"iteration {iteration:4d}   cost {cost:.6f}")


try:
    w, b, costs = gradient_descent(np.zeros(d), 0.0, X_train, y_train,
                                   args.iterations, args.rate, callback=report)
except DivergenceError as error:
    parser.exit(1, f"error: {error}\n")

# %%
# How well does it do?
# --------------------
print(f"train accuracy: {100 * accuracy(predict(w, b, X_train), y_train):.2f} %")
print(f"test accuracy: {100 * accuracy(predict(w, b, X_test), y_test):.2f} %")

# %%
# Ten test images picked at random (seeded): prediction beside label
# ------------------------------------------------------------------
picks = np.random.default_rng(args.seed).choice(len(y_test), size=min(10, len(y_test)),
                                                replace=False)
print("picked test images:", picks.tolist())
print("predictions:       ", predict(w, b, X_test[picks]).tolist())
print("labels:            ", y_test[picks].tolist())

# %%
# The cost curve
# --------------
fig = cost_curves({f"rate {args.rate:g}, {pixels}": costs}, log_y=True,
                  title=f'Is it a {args.digit}? Cost during gradient descent ({m} images)')
save(fig, args, "02_binary_cost.png")
show(args)
