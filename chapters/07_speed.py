"""Chapter 7. Why vectorize?  Where the time goes, measured.

The question
------------
The seed notebook took about 105 s to train chapter 2's model and about
20 minutes for chapter 3's (as measured when this project began); this
project needs a fraction of a second for either.
Where did the time go, how close to the machine's limit are we now, and
how do we compare with the library a student would otherwise reach for?

The measurements
----------------
1. The seed's log terms, one Python call per element,
   ``-scipy.special.logsumexp([0, -z_i])`` for each i, against the same
   log sigma(z) for the whole array at once (sigmoid.log_sigmoid, one
   ``np.logaddexp``), on the same logits: equal values, and the time ratio.
2. One full-batch gradient step of softmax regression on all 60,000 images
   (softmax._propagate_softmax) against its two matrix products, X W and
   X^T dZ.  X is 60,000 x 784 float64 = 376 MB; each product must read all
   of it from memory, which sets the floor, and everything else in the step
   (softmax, logs, the update) touches only 60,000 x 10 numbers.
3. float64 against float32: half the bytes to read.  Both the step and the
   whole training of chapter 5, with their test accuracies.
4. scikit-learn's ``LogisticRegression()`` with its defaults (L-BFGS, C = 1,
   at most 100 iterations) on the same data, if scikit-learn is installed.
   It is not a dependency of this project: ``pip install scikit-learn``.

What to look for
----------------
- The per-element loop is thousands of times slower than the vectorized
  form for identical numbers: the seed's training time is almost all
  Python overhead, not arithmetic.
- The full step costs little more than its two products (about 1.1 x):
  the rest of the step is cheap next to reading X twice.
- float32 roughly halves the time and loses nothing in accuracy here.
- Mini-batch SGD reaches scikit-learn's accuracy more than ten times faster:
  many cheap noisy steps beat few careful ones when the data are plenty.
  scikit-learn finds the exact optimum of its own (slightly regularised)
  objective and is the better choice when that matters.

Exercises
---------
1. Time ``np.vectorize(f)`` against the list comprehension used here.  Is
   ``np.vectorize`` vectorized?
2. Change the batch size (``--batch-size 10``, ``1000``): how does the
   time per epoch change, and why is it not simply proportional?
3. Make X Fortran-ordered (``np.asfortranarray``) and time the step again.
"""
# %% Imports
import timeit
import warnings

import numpy as np
from scipy.special import logsumexp

from logreg_from_scratch.chapter import chapter_parser, load, parse, positive
from logreg_from_scratch.labels import binary_labels
from logreg_from_scratch.optimize import gradient_descent, train_softmax
from logreg_from_scratch.predict import accuracy
from logreg_from_scratch.sigmoid import log_sigmoid
from logreg_from_scratch.softmax import _propagate_softmax, predict_softmax

# %% Options: chapter 5's settings
parser = chapter_parser(__doc__, num_train=60000, num_test=10000, iterations=12, rate=1.0,
                        figures=False)  # it prints a table and draws nothing
parser.add_argument("--batch-size", type=positive(int), default=100,
                    help="SGD batch (default %(default)s)")
parser.add_argument("--repeats", type=positive(int), default=5,
                    help="timings are the best of this many runs (default %(default)s)")
parser.add_argument("--no-sklearn", action="store_true", help="skip scikit-learn even if installed")
args = parse(parser)
X_train, y_train, X_test, y_test = load(parser, args, scale=True)
m, d = X_train.shape
k = 10
rows = []  # the table: (what, seconds, note)


def best_time(f):
    """Best of --repeats single runs of f, in seconds."""
    return min(timeit.repeat(f, number=1, repeat=args.repeats))


# %% 1. The seed's per-element log loop against the vectorized form
X_raw, y_raw = X_train[:3000] * 255, binary_labels(y_train[:3000], 1)  # the seed's problem
w, b, _ = gradient_descent(np.zeros(d), 0.0, X_raw, y_raw, 1, 0.005)   # its logits after one step
z = X_raw @ w + b


def seed_log_sigmoid(z):
    return np.array([-logsumexp([0.0, -z_i]) for z_i in z])  # one Python call an element


difference = np.max(np.abs(seed_log_sigmoid(z) - log_sigmoid(z)))
t_loop = best_time(lambda: seed_log_sigmoid(z))
t_vector = best_time(lambda: log_sigmoid(z))
rows.append((f"seed's per-element log sigma loop, {len(z)} logits", t_loop, ""))
rows.append(("vectorized log_sigmoid, same logits", t_vector,
             f"{t_loop / t_vector:,.0f} x faster; values differ by at most {difference:.1e}"))
seed_estimate = 100 * 2 * t_loop * 3000 / len(z)  # 100 iterations, two log terms
rows.append(("seed's chapter 2 log terms alone (estimate)", seed_estimate,
             "100 iterations x 2 terms x 3000 images"))

# %% 2. One full-batch step against its two matrix products
rng = np.random.default_rng(args.seed)
W, b = rng.normal(scale=0.01, size=(d, k)), np.zeros(k)
dZ = rng.normal(size=(m, k))
t_products = best_time(lambda: (X_train @ W, X_train.T @ dZ))
t_step = best_time(lambda: _propagate_softmax(W, b, X_train, y_train))
rows.append((f"X @ W and X.T @ dZ, {m} images, float64", t_products, "the floor: reading X twice"))
rows.append(("one full-batch softmax step, float64", t_step,
             f"{t_step / t_products:.2f} x the two products"))

# %% 3. float64 against float32: one step, and chapter 5's whole training
X32 = X_train.astype(np.float32)
W32, b32 = W.astype(np.float32), b.astype(np.float32)
t_step32 = best_time(lambda: _propagate_softmax(W32, b32, X32, y_train))
rows.append(("one full-batch softmax step, float32", t_step32, f"{t_step / t_step32:.2f} x faster"))
results = {}
for dtype in (np.float64, np.float32):
    X = X_train.astype(dtype, copy=False)

    def train():
        rng = np.random.default_rng(args.seed)
        return train_softmax(np.zeros((d, k), dtype), np.zeros(k, dtype), X, y_train,
                             epochs=args.iterations, rate=args.rate, batch_size=args.batch_size,
                             decay="linear", rng=rng)

    seconds = best_time(train)
    W_sgd, b_sgd, _ = train()
    test = accuracy(predict_softmax(W_sgd, b_sgd, X_test.astype(dtype)), y_test)
    results[dtype] = (seconds, test)
    rows.append((f"SGD, {args.iterations} epochs, {np.dtype(dtype).name}", seconds,
                 f"test accuracy {100 * test:.2f} %"))

# %% 4. scikit-learn, if installed
try:
    from sklearn.linear_model import LogisticRegression
except ImportError:
    LogisticRegression = None
if args.no_sklearn or LogisticRegression is None:
    print("scikit-learn: " + ("skipped (--no-sklearn)" if args.no_sklearn
                              else "not installed (pip install scikit-learn to compare)"))
else:
    with warnings.catch_warnings(record=True) as caught:  # report, don't hide, its warnings
        warnings.simplefilter("always")
        model = LogisticRegression()
        t_sklearn = timeit.timeit(lambda: model.fit(X_train, y_train), number=1)
    test = accuracy(model.predict(X_test), y_test)
    rows.append(("scikit-learn LogisticRegression(), defaults", t_sklearn,
                 f"test accuracy {100 * test:.2f} %; "
                 f"{t_sklearn / results[np.float64][0]:.0f} x our float64 SGD's time"))
    for warning in caught:
        print(f"scikit-learn warned: {str(warning.message).splitlines()[0].rstrip(':')}")

# %% The table
print(f"\n{'measurement':48} {'seconds':>10}   note")
for what, seconds, note in rows:
    print(f"{what:48} {seconds:10.5f}   {note}")
