# %% [markdown]
"""
Chapter 3. All ten digits: one-vs-rest, and why the pixels must be scaled
=========================================================================

The question
------------
Which of the ten digits does an image show?

The model and its equations
---------------------------
Ten binary models of chapter 2 side by side, "is it a 0?", ..., "is it a
9?", as the columns of W (784, 10) and b (10,).  With one-hot labels
Y (m, 10), Y[i, j] = 1 when image i shows digit j (labels.one_hot)::

    Z = X W + b                    (m, 10), a logit per image and digit
    A = sigma(Z)                   sigmoid.sigmoid, elementwise
    J = -(1/(10 m)) sum_ij [Y log A + (1 - Y) log(1 - A)]   cost.cross_entropy
    dW = (1/m) X^T (A - Y),  db = (1/m) sum_i (A - Y)      gradients.propagate
    y_hat = argmax_j A[i, j]       predict.predict

Each column of dW is one model's own gradient: the ten models learn
independently and the printed cost is the mean of their ten costs.

Run 1 is the seed notebook's: the first 3000 training and 500 test images,
raw 0-255 pixels, rate 0.002, 110 iterations, printing every 10 iterations
the cost (computed before the last update of the ten) and the train accuracy.

Run 2 is the lesson the seed missed: the same model, the same 110 iterations,
on pixels divided by 255.

What to look for
----------------
- Run 1 reproduces the seed: cost 15.642082 after 10 iterations, 78.40 %
  train accuracy, then a cost that jumps up and down (10.1, 6.2, 4.0, 8.0,
  3.6, 8.5, ...) and a train accuracy that swings between 70 % and 91 %.
  It ends at 91.27 % train but only 83.80 % test.  These late numbers
  depend on the order in which your BLAS library adds up X^T (A - Y), so
  the chapter names it: OpenBLAS's Haswell, Zen and Sandybridge kernels give
  exactly the seed's numbers; others (its AVX-512 kernel, MKL, Apple's
  Accelerate) add in another order and end an image or two away (measured
  over four kernels and nine row orders: 91.07-91.30 % train, 83.80-84.00 %
  test).  The cost after 10 iterations,
  15.642082, does not depend on it.
- Why it oscillates: the gradient is proportional to the pixels, so with
  values up to 255 one step moves each logit by hundreds; the steps
  overshoot the valley and bounce from side to side.  Dividing by 255 makes
  the same cost surface 255^2 times less steep in w, and a rate 250 times
  larger (0.5) then walks smoothly downhill: the cost of run 2 falls at
  every single iteration (figures/03_multiclass_cost.png) and its test
  accuracy is higher (88.20 %) for a lower train accuracy: it has not
  memorised its 3000 images with huge weights.
- Ties: on raw pixels many logits are in the hundreds, and sigma(z) rounds
  to exactly 1.0 for z > 37, so several of the ten models "say 1.0" and
  argmax picks the lowest digit.  The seed predicted this way and so do we,
  to reproduce its numbers; the last line shows run 1's test accuracy with
  argmax of Z instead, which breaks those ties by the logits.

Exercises
---------
1. Rerun with ``--scaled-rate 1`` and ``2``.  From which rate on does the
   cost of run 2 stop falling at every iteration?
2. The models are independent: train "is it a 3?" alone with chapter 2's
   code and check that you get column 3 of W.
3. Replace ``predict`` by argmax of X W + b for run 2.  Does it change
   anything on scaled pixels?  Why not?

Answers, from real runs: exercises/ANSWERS.md.
"""
# %%
# Imports
# -------
import numpy as np

from logreg_from_scratch.chapter import (blas_kernel, chapter_parser, load, parse, positive,
                                         save, show)
from logreg_from_scratch.labels import one_hot
from logreg_from_scratch.optimize import DivergenceError, gradient_descent
from logreg_from_scratch.plots import cost_curves
from logreg_from_scratch.predict import accuracy, predict

# %%
# Options: the seed's settings by default
# ---------------------------------------
# From the shell, options follow the file's name.  Cell by cell (a notebook, an
# editor's cells), write them in ARGS instead, e.g. ``ARGS = "--scaled-rate 1"``.
ARGS = ""
parser = chapter_parser(__doc__, num_train=3000, num_test=500, iterations=110, rate=0.002)
parser.add_argument("--every", type=positive(int), default=10,
                    help="print progress every n iterations (default %(default)s)")
parser.add_argument("--scaled-rate", type=positive(float), default=0.5,
                    help="learning rate of run 2, on pixels scaled to [0, 1] (default %(default)s)")
args = parse(parser, ARGS)
k = 10


# %%
# One run: gradient descent from W = 0, printing progress every few iterations
# ----------------------------------------------------------------------------
def train(X, y, rate):
    def report(iteration, W, b, cost):
        if (iteration + 1) % args.every == 0:
            train_accuracy = accuracy(predict(W, b, X), y)
            print(f"{iteration + 1:10d}   {cost:12.6f}   {100 * train_accuracy:8.2f} %")

    print(f"{'iterations':>10}   {'cost':>12}   {'train accuracy':>10}")
    try:
        return gradient_descent(np.zeros((X.shape[1], k)), np.zeros(k), X, one_hot(y, k),
                                args.iterations, rate, callback=report)
    except DivergenceError as error:
        parser.exit(1, f"error: {error}\n")


def summarise(W, b, run):
    print(f"train accuracy: {100 * accuracy(predict(W, b, X_train), y_train):.2f} %  ({run})")
    print(f"test accuracy: {100 * accuracy(predict(W, b, X_test), y_test):.2f} %  ({run})")


# %%
# Run 1, the seed's: raw 0-255 pixels
# -----------------------------------
X_train, y_train, X_test, y_test = load(parser, args, scale=False)
kernel, reference = blas_kernel()
print(f"Run 1 (the seed's): raw 0-255 pixels, rate {args.rate:g}")
print(f"BLAS: {kernel} ({'the' if reference else 'not the'} summation order that "
      f"reproduces the seed's late numbers exactly)")
W_raw, b_raw, costs_raw = train(X_train, y_train, args.rate)
summarise(W_raw, b_raw, "run 1: raw pixels")
by_logits = accuracy(np.argmax(X_test @ W_raw + b_raw, axis=1), y_test)

# %%
# Run 2, the lesson: the same model on pixels scaled to [0, 1]
# ------------------------------------------------------------
X_train, X_test = X_train / 255, X_test / 255
print(f"\nRun 2: pixels scaled to [0, 1], rate {args.scaled_rate:g}")
W_scaled, b_scaled, costs_scaled = train(X_train, y_train, args.scaled_rate)
summarise(W_scaled, b_scaled, "run 2: scaled pixels")
falls = np.all(np.diff(costs_scaled) < 0)
print(f"run 2's cost falls at every iteration: {'yes' if falls else 'no'}")
print(f"run 1 with argmax of the logits instead of sigma: test accuracy {100 * by_logits:.2f} %")

# %%
# Both cost curves on one figure
# ------------------------------
fig = cost_curves({f"run 1: raw pixels, rate {args.rate:g}": costs_raw,
                   f"run 2: pixels / 255, rate {args.scaled_rate:g}": costs_scaled},
                  log_y=True, title="Ten digits, one-vs-rest: cost during gradient descent")
save(fig, args, "03_multiclass_cost.png")
show(args)
