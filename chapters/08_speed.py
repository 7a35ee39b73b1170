# %% [markdown]
"""
Chapter 8. Why vectorize?  Where the time goes, measured
========================================================

The original notebook took about 105 s to train chapter 2's model and
about 20 minutes to train chapter 3's.  This project trains either in a
fraction of a second.  Where did the time go?  This chapter measures it.
It also asks how close chapter 5's training now comes to the fastest it
could go on one core, and how it compares with the library a student
would otherwise reach for, scikit-learn.

How long something takes depends on the machine, and on a shared machine
it also depends on what else is running.  So this chapter rarely reports
a time on its own.  It reports *ratios*: two times measured side by side,
in the same run, on the same machine.  Each time is measured ``--repeats``
times (3 unless you give another number), and the chapter keeps the
*median*, the middle one of the sorted times.  A run that happened to be
slow, because something else woke up meanwhile, moves the median less
than it would move the mean.  (scikit-learn's fit, in section 5, is
timed once only, since it takes many seconds.)  The chapter prints a line
as each measurement finishes, and at the end a table of the ratios.

With its defaults the chapter takes under a minute on the project's
machine, most of it in scikit-learn's fit.  For a quick run, give it
``--repeats 1 --no-sklearn --no-busy``.
"""

# %%
import os
import subprocess
import sys
import textwrap
import time
import timeit
import warnings
from contextlib import contextmanager

import numpy as np
from scipy.special import logsumexp
from threadpoolctl import threadpool_limits

from logreg_from_scratch.chapter import (SOFTMAX_SGD, add_dtype_option, blas_kernel,
                                         chapter_parser, generators, load, parse, positive,
                                         processor)
from logreg_from_scratch.labels import binary_labels
from logreg_from_scratch.optimize import gradient_descent, train_softmax
from logreg_from_scratch.sigmoid import log_sigmoid
from logreg_from_scratch.softmax import _propagate_softmax, predict_softmax
from logreg_from_scratch.uncertainty import describe_paired

# %%
ARGS = ""  # run cell by cell, the chapter's options go here, e.g. ARGS = "--repeats 1 --no-busy"
# sphinx_gallery_start_ignore
# (the options that --help lists; the web book hides these lines up to the end marker)
parser = chapter_parser(__doc__, num_train=50000, num_test=10000, validation=True,
                        iterations=SOFTMAX_SGD["epochs"], rate=SOFTMAX_SGD["rate"],
                        figures=False)  # it prints a table and draws nothing
parser.add_argument("--batch-size", type=positive(int), default=SOFTMAX_SGD["batch_size"],
                    help="SGD batch (default %(default)s)")
parser.add_argument("--repeats", type=positive(int), default=3,
                    help="each time is the median of this many runs (default %(default)s)")
parser.add_argument("--no-busy", action="store_true",
                    help="skip the measurements with a busy core")
parser.add_argument("--no-sklearn", action="store_true", help="skip scikit-learn even if installed")
add_dtype_option(parser)  # the float type of measurements 2-5; 6 compares it with the other
# sphinx_gallery_end_ignore
args = parse(parser, ARGS)
k = 10
dtype = args.dtype
other = {"float64": "float32", "float32": "float64"}[dtype]
step_time, train_time, val_right = {}, {}, {}  # by float type, for the comparison in 6
epochs_text = f"{args.iterations} epoch{'s' if args.iterations > 1 else ''}"
ratios = []  # the table: (what, ratio, note)


def median_time(f, repeats=None):
    """Median of --repeats single runs of f, in seconds."""
    return float(np.median(timeit.repeat(f, number=1, repeat=repeats or args.repeats)))


def say(line, note=""):
    """Print `line`, and `note` below it, indented and wrapped to the page's 80 columns."""
    print(line + ("\n" + textwrap.fill(note, 80, initial_indent="    ",
                                       subsequent_indent="    ") if note else ""), flush=True)


def measured(what, seconds, note=""):
    """Print one finished measurement at once, so a long run shows its progress.

    A time under 0.01 s is printed in milliseconds (ms, thousandths of a
    second), so that it keeps several significant digits.
    """
    shown = f"{seconds:9.4f} s" if seconds >= 0.01 else f"{1000 * seconds:8.4f} ms"
    say(f"{what:54} {shown}", note)
    return seconds


def ratio(what, slow, fast, note="", below_one=""):
    """Add slow / fast to the table; `below_one`, if given, explains a ratio under 1 instead."""
    ratios.append((what, slow / fast, below_one if slow < fast and below_one else note))


# %% [markdown]
# The data
# --------
#
# First we time how long loading the data takes.  Then we load chapter 5's
# data exactly as chapter 5 loads it: 50,000 training images, and the
# 10,000 *validation images*, training images held back to check a model
# on (chapter 6).  Some measurements below report an accuracy, only to
# confirm that each timed run learned the same model; those accuracies are
# measured on the validation images.  The test images belong to chapter 5,
# which scores them once.

# %%
t_load = median_time(lambda: load(parser, args, scale=True, validation=True))  # stops on bad data
print(textwrap.fill(f"machine: {processor()}, {os.cpu_count()} cores; numpy {np.__version__}; "
                    f"{blas_kernel()[0]}", 80, subsequent_indent="  "))
print(f"each time is the median of {args.repeats} runs\n" if args.repeats > 1
      else "each time is a single run\n")
measured(f"load_mnist(), {args.num_train} + 10000 + {args.num_test} images, {dtype}", t_load,
         "(an absolute time: this machine's)")
X_train, y_train, X_val, y_val, _, _ = load(parser, args, scale=True, validation=True,
                                            shuffle=generators(args.seed, 2)[0])
m, d = X_train.shape
rng = np.random.default_rng(args.seed)  # for the random weights below

# %% [markdown]
# 1. A Python loop against one vectorized call
# --------------------------------------------
#
# The original notebook computed the log terms of its cost one element at
# a time.  For each logit $z_i$ it made a separate Python call,
# ``-scipy.special.logsumexp([0, -z_i])``.  The function ``logsumexp``
# returns the log of a sum of exponentials, computed without overflow, so
# this call returns
#
# $$
# -\log\bigl(e^0 + e^{-z_i}\bigr) = -\log\bigl(1 + e^{-z_i}\bigr) = \log \sigma(z_i),
# $$
#
# since $\sigma(z_i) = 1 / (1 + e^{-z_i})$ (2.2).  The package computes the
# same $\log \sigma(z)$ (2.9) for the whole array at once, with a single
# call (``sigmoid.log_sigmoid``, which calls ``np.logaddexp`` once).  Such
# a call is called *vectorized*: the loop over the elements still happens,
# but inside NumPy's compiled code, not in Python.
#
# We time both on the same 3000 logits, check that they give the same
# values, and take the ratio of the two times.  The logits are those of
# chapter 2's model on 3000 of the training images, with raw pixels,
# after one step of gradient descent (at $w = 0$ every logit would be 0).

# %%
X_raw = X_train[:3000].astype(np.float64) * 255  # raw pixels in float64, as the notebook's
y_raw = binary_labels(y_train[:3000], 1)
w, b, _ = gradient_descent(np.zeros(d), 0.0, X_raw, y_raw, 1, 0.005)   # one step: not all 0
z = X_raw @ w + b


def log_sigma_one(z_i):
    """log sigma(z_i) of one number, as the original notebook computed it."""
    return -logsumexp([0.0, -z_i])


def notebook_log_sigmoid(z):
    return np.array([log_sigma_one(z_i) for z_i in z])  # one Python call for each element


difference = np.max(np.abs(notebook_log_sigmoid(z) - log_sigmoid(z)))
t_loop = measured(f"the original notebook's log sigma loop, {len(z)} logits",
                  median_time(lambda: notebook_log_sigmoid(z)))
t_vector = measured("vectorized log_sigmoid, the same logits", median_time(lambda: log_sigmoid(z)),
                    f"values differ by at most {difference:.1e}")
ratio("per-element log loop / vectorized log_sigmoid", t_loop, t_vector,
      f"values differ by at most {difference:.1e}")

# %% [markdown]
# 2. One training step against its two matrix products
# ----------------------------------------------------
#
# One full-batch step of softmax regression uses all 50,000 training
# images (``softmax._propagate_softmax``, equation (5.6)).  Almost all of
# its arithmetic is in two matrix products: the logits $XW$, and the
# gradient's product $X^\top (P - Y)$, written ``X.T @ dZ`` in the code,
# with ``dZ`` for $P - Y$.  Everything else in the step works
# on arrays of only $50000 \times 10$ numbers, against $50000 \times 784$
# for $X$.  So the step should take little longer than its two products.
# We time the step, and the two products alone.
#
# NumPy hands matrix products to a *BLAS* library (Basic Linear Algebra
# Subprograms; here OpenBLAS), which has code tuned for each family of
# processors, called its *kernels*.  BLAS can split a large product
# between several *threads*, streams of work that run on separate cores
# at once.  The training loop of this package uses one BLAS thread
# (section 4 shows why), so these measurements use one too.

# %%
W, b = rng.normal(scale=0.01, size=(d, k)).astype(dtype), np.zeros(k, dtype)
dZ = rng.normal(size=(m, k)).astype(dtype)  # stands in for P - Y: only its shape matters here
with threadpool_limits(1, user_api="blas"):
    t_products = measured(f"X @ W and X.T @ dZ, {m} images, {dtype}",
                          median_time(lambda: (X_train @ W, X_train.T @ dZ)))
    step_time[dtype] = measured(f"one full-batch softmax step, {dtype}",
                                median_time(lambda: _propagate_softmax(W, b, X_train, y_train)))
ratio("full-batch step / its two products", step_time[dtype], t_products,
      below_one="below 1: the step cannot do less than its products, so the two "
                "times differ by less than this machine's noise")


# %% [markdown]
# 3. Chapter 5's training, and the least an epoch could take
# ----------------------------------------------------------
#
# Chapter 5 trains by mini-batch gradient descent: each step uses a batch
# of 100 images, and one *epoch*, a pass through all 50,000 training
# images, is 500 steps.  How close does an epoch come to the fastest that
# one BLAS thread could go?  No epoch on one thread can do less than two
# things:
#
# - read all of $X$ from memory once.  We time this with ``X.max()``, a
#   single pass over $X$ that does almost no arithmetic;
# - do the 500 steps' matrix products.  We time these with one batch that
#   is already in the processor's *cache*, the small, fast memory that
#   holds recently used data.  Its products then cost only their
#   arithmetic, and not the reading of $X$ from memory, which the first
#   timing has already counted.
#
# The sum of these two times is the *floor* of an epoch on one thread, and
# we compare one epoch of chapter 5's training against it.  The training
# is timed twice over: as a whole, and epoch by epoch.  The whole training
# also pays, once, for work done before the first step, such as checking
# its inputs, so it takes a little more than its epochs do.

# %%
def timed_training(X, X_val, epochs=args.iterations, threads=1, repeats=None):
    """Chapter 5's training (its settings, its data and batch order) run --repeats times.

    Returns the median time of the whole training, the median time of an
    epoch (between two epochs' ends, so without the one-off input checks),
    and whether the trained model is right on each validation image.
    """
    totals, epochs_seconds = [], []
    for _ in range(repeats or args.repeats):
        ends = [time.perf_counter()]
        W_sgd, b_sgd, _ = train_softmax(np.zeros((d, k), X.dtype), np.zeros(k, X.dtype), X,
                                        y_train, **{**SOFTMAX_SGD, "batch_size": args.batch_size,
                                                    "rate": args.rate, "epochs": epochs},
                                        threads=threads, rng=generators(args.seed, 2)[1],
                                        callback=lambda *_: ends.append(time.perf_counter()))
        totals.append(ends[-1] - ends[0])
        # the epochs after the first; with one epoch only, that one
        epochs_seconds += np.diff(ends[1:] if len(ends) > 2 else ends).tolist()
    right = predict_softmax(W_sgd, b_sgd, X_val) == y_val
    return float(np.median(totals)), float(np.median(epochs_seconds)), right


train_time[dtype], t_epoch, val_right[dtype] = timed_training(X_train, X_val)
measured(f"chapter 5's training, {epochs_text}, {dtype}", train_time[dtype],
         f"validation accuracy {100 * val_right[dtype].mean():.2f} %; an epoch {t_epoch:.4f} s")
batch = min(args.batch_size, m)
n_batches = -(-m // batch)
X_hot, dZ_hot = X_train[:batch], rng.normal(size=(batch, k)).astype(dtype)
with threadpool_limits(1, user_api="blas"):
    t_pass = measured("one pass reading X (X.max())", median_time(X_train.max))
    t_hot = measured(f"the products of {n_batches} batches of {batch}, in cache",
                     median_time(lambda: [(X_hot @ W, X_hot.T @ dZ_hot)
                                          for _ in range(n_batches)]))
ratio("mini-batch epoch / floor (one pass + products)", t_epoch, t_pass + t_hot,
      f"floor {t_pass + t_hot:.3f} s = pass {t_pass:.3f} + products {t_hot:.3f}")

# %% [markdown]
# 4. A busy machine: another program keeps one core busy
# ------------------------------------------------------
#
# On a student's laptop, other programs run too: a browser or an editor
# often keeps a core busy.  We imitate this with a second process that
# *spins* on one core: it runs a loop that does nothing, over and over,
# so that the core is always busy.  While it runs we measure two things.
# First, chapter 5's training with one BLAS thread (the training loop's
# setting, in ``optimize.py``), busy against idle.  Second, one epoch with
# two BLAS threads against one.  Why might two threads be slower?  When
# BLAS splits a product between two threads, a thread that finishes first
# waits for its partner by spinning too, checking again and again whether
# the partner is done, which keeps its core busy.  If another program
# wants that core, the two get in each other's way.

# %%
@contextmanager
def busy_core():
    """A second Python process spinning on one core while the block runs."""
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield
    finally:
        spinner.kill()
        spinner.wait()


if args.no_busy or (os.cpu_count() or 1) < 2:
    print("busy core: skipped" + (" (--no-busy)" if args.no_busy else " (one core only)"))
else:
    _, t_epoch2_idle, _ = timed_training(X_train, X_val, epochs=2, threads=2)
    measured("an epoch, 2 BLAS threads, idle", t_epoch2_idle)
    with busy_core():
        t_busy, t_epoch_busy, _ = timed_training(X_train, X_val)
        measured("chapter 5's training, 1 BLAS thread, one core busy", t_busy,
                 f"an epoch {t_epoch_busy:.4f} s")
        _, t_epoch2_busy, _ = timed_training(X_train, X_val, epochs=2, threads=2)
        measured("an epoch, 2 BLAS threads, one core busy", t_epoch2_busy)
    ratio("training, 1 BLAS thread: core busy / idle", t_busy, train_time[dtype],
          below_one="below 1: a busy core costs one thread nothing measurable here")
    ratio("an epoch, core busy: 2 BLAS threads / 1", t_epoch2_busy, t_epoch_busy,
          f"idle: 2 threads / 1 = {t_epoch2_idle / t_epoch:.2f}",
          below_one=f"below 1: a second thread helps here even with a core busy; idle: "
                    f"2 threads / 1 = {t_epoch2_idle / t_epoch:.2f}")

# %% [markdown]
# 5. scikit-learn, if it is installed
# -----------------------------------
#
# scikit-learn is the Python library most people use for logistic
# regression.  Here its ``LogisticRegression()``, with its default
# settings, learns from the same images.  For ten classes it fits softmax
# regression, but with its own cost: the *sum* of the images'
# cross-entropies plus $\lVert W \rVert^2 / (2C)$, with $C = 1$.  Divided by
# $m$, this is chapter 5's cost (5.4), the mean cross-entropy with the
# L2 penalty $\tfrac{\lambda}{2} \lVert W \rVert^2$, for
# $\lambda = 1/(Cm) = 2 \times 10^{-5}$ here.  It minimises that cost by
# *L-BFGS*, a cheaper relative of chapter 10's Newton's method, which
# estimates the curvature from the last few gradients instead of
# computing the Hessian, and it stops after at most 100 iterations.
# scikit-learn is also free to use every core through BLAS, while
# chapter 5's training uses one BLAS thread.  It is not a dependency of
# this project, so this section runs only if it is installed
# (``pip install scikit-learn``).

# %%
try:
    from sklearn.linear_model import LogisticRegression
except ImportError:
    LogisticRegression = None
if args.no_sklearn or LogisticRegression is None:
    print("scikit-learn: " + ("skipped (--no-sklearn)" if args.no_sklearn
                              else "not installed (pip install scikit-learn to compare)"))
else:
    import sklearn
    with warnings.catch_warnings(record=True) as caught:  # report, don't hide, its warnings
        warnings.simplefilter("always")
        model = LogisticRegression()
        t_sklearn = timeit.timeit(lambda: model.fit(X_train, y_train), number=1)  # once: ~15 s
    right_sklearn = model.predict(X_val) == y_val
    measured(f"scikit-learn {sklearn.__version__} LogisticRegression(), {dtype}, once", t_sklearn,
             f"validation accuracy {100 * right_sklearn.mean():.2f} %")
    for warning in caught:
        say("  scikit-learn warned:", str(warning.message).splitlines()[0].rstrip(":"))
    say("  paired, on the validation images:",
        describe_paired(right_sklearn, val_right[dtype], "scikit-learn", "chapter 5"))
    ratio("scikit-learn's fit / chapter 5's training", t_sklearn, train_time[dtype],
          f"validation {100 * right_sklearn.mean():.2f} % and "
          f"{100 * val_right[dtype].mean():.2f} %")

# %% [markdown]
# 6. float32 against float64
# --------------------------
#
# So far every number has been a *float64*, a floating-point number of 8
# bytes, good to about 16 significant digits.  A *float32* takes 4 bytes
# and is good to about 7 digits.  Half the bytes means half the memory to
# read, and the processor can do more float32 operations at once.  We time
# the full step and chapter 5's whole training in the other type, and
# compare the two trained models on the same validation images with
# McNemar's test (chapter 6), which counts the images that one model gets
# right and the other wrong.  (Measurements 2 to 5 are in float64;
# ``--dtype float32`` makes them float32 instead, and this section float64.)

# %%
X_train, X_val = X_train.astype(other), X_val.astype(other)  # the old copies are freed here
W, b = W.astype(other), b.astype(other)
with threadpool_limits(1, user_api="blas"):
    step_time[other] = measured(f"one full-batch softmax step, {other}",
                                median_time(lambda: _propagate_softmax(W, b, X_train, y_train)))
ratio("full-batch step: float64 / float32", step_time["float64"], step_time["float32"])
train_time[other], _, val_right[other] = timed_training(X_train, X_val)
measured(f"chapter 5's training, {epochs_text}, {other}", train_time[other],
         f"validation accuracy {100 * val_right[other].mean():.2f} %")
say("  paired, on the validation images:",
    describe_paired(val_right["float64"], val_right["float32"], "float64", "float32"))
ratio("chapter 5's training: float64 / float32", train_time["float64"], train_time["float32"],
      f"validation {100 * val_right['float64'].mean():.2f} % and "
      f"{100 * val_right['float32'].mean():.2f} %")

# %% [markdown]
# The table of ratios
# -------------------
#
# Each ratio divides two of the times measured above, in this run; the
# note under a ratio says what it rests on.

# %%
print(f"\n{'ratio':50} {'value':>9}")
for what, value, note in ratios:
    say(f"{what:50} {value:9,.2f}", note)


# %% [markdown]
# What to look for
# ----------------
#
# The numbers quoted here are those of the project's machine, a 2-core
# AMD EPYC with numpy 2.4 and OpenBLAS 0.3.31.  Each time is the median of
# 3 runs, except scikit-learn's, which was timed once.
# ``benchmarks/08_speed.txt`` is that run's output with the machine's own
# BLAS kernel, Haswell, the one that most processors with AVX2 get.  (AVX2
# is a set of instructions that do arithmetic on several numbers at once;
# most processors made since about 2015 have it.)
# ``benchmarks/08_speed_sandybridge.txt`` is the same run with
# ``OPENBLAS_CORETYPE=Sandybridge``, the kernel for processors without
# AVX2.  (Both records come from an earlier version of this chapter,
# which printed times to 0.1 ms only: their vectorized time reads 0.0001 s.)
# Your machine prints its own numbers above.
#
# 1. The per-element loop took 0.3328 s for the 3000 logits, about 4,700
#    times as long as the vectorized call, for identical values.  Chapter 2
#    trains for 100 steps.  Had the original notebook run this loop once in
#    each of them, the loop alone would have taken 100 x 0.33 s = 33 s, a
#    third of its 105 s, for arithmetic that the vectorized call does in a
#    few milliseconds.  So Python calls, not arithmetic, are where much of
#    the original notebook's time went.
# 2. The full step costs 1.12 times its two matrix products: the rest of
#    the step is cheap next to the products, each of which reads all of
#    $X$.
# 3. Chapter 5's whole training, 2 epochs, took 0.3308 s, and an epoch
#    0.1456 s: the first epoch also paid for the one-off work before the
#    first step.  An epoch takes 1.40 times its floor on one thread, so 40 %
#    more time than one pass over $X$ plus the products.  The difference,
#    about 40 milliseconds, is spread over 500 steps: some 80 microseconds
#    a step.
#    Each NumPy call costs a microsecond or more before it does any
#    arithmetic, and a step makes a few dozen small ones (the softmax, the
#    updates of $W$ and $b$, and so on), which account for most of it.
# 4. With a core busy, the training loop's one BLAS thread loses little: it
#    takes 1.04 times as long as on an idle machine.  Two threads are faster
#    on an idle machine: an epoch takes 0.74 times as long as with one, so
#    26 % less time (0.1071 s, close to the one-thread floor of 0.104 s).
#    But with a core
#    busy, an epoch with two threads took 2.22 times as long as with one
#    (3.05 times with Sandybridge): the second thread spin-waits on the
#    core the loop needs.  One thread is the safe default.
# 5. scikit-learn's fit took 42.74 times as long as chapter 5's training
#    (46.07 times with Sandybridge), and reached 91.87 % against 91.88 % on
#    the validation images.  On the images where the two disagree, 130 go
#    one way and 131 the other: McNemar's test finds no evidence that either
#    is the more accurate, which does not prove that they are equally
#    accurate.  The two do not solve the same problem, though.
#    scikit-learn minimises its own cost (with its penalty, $C = 1$), and
#    its L-BFGS method stopped at its limit of 100 iterations, with a
#    warning, before reaching that cost's minimum.  What is compared is each
#    tool used as it comes.
# 6. float32 makes the full step 1.98 times and the whole training 1.58
#    times faster (1.35 and 1.12 times with the Sandybridge kernel, whose
#    products gain less).  The float32 and float64 models disagree on at
#    most one validation image.
#
# Summary
# -------
#
# - The original notebook's time went largely into Python calls, one for
#   each element.  One NumPy call for the whole array does the same
#   arithmetic thousands of times faster.
# - A vectorized step costs about as much as its matrix products (12 %
#   more), and an epoch on one thread 40 % more than reading the data once
#   plus those products.  What is left is the fixed cost of many small
#   NumPy calls.  A second thread makes an idle epoch about a quarter
#   faster, but on a busy machine it costs far more than it gains.
# - Speed is best measured as ratios of times taken side by side, with the
#   machine and the BLAS kernel named: an absolute time belongs to one
#   machine.
#
# Exercises
# ---------
#
# Experiments (answers, from real runs: ``exercises/ANSWERS.md``):
#
# 1. ``np.vectorize(log_sigma_one)`` turns the one-number function of
#    section 1 into a function of a whole array.  Time it on ``z`` against
#    ``notebook_log_sigmoid(z)``.  Is ``np.vectorize`` vectorized, in this
#    chapter's sense?
# 2. Change the batch size (``--batch-size 128``, ``1000``): how does the
#    epoch's time against its floor change, and why?
# 3. NumPy stores a matrix row by row unless told otherwise: the numbers of
#    one row sit next to each other in memory (*C order*).  In *Fortran
#    order* the numbers of one column do.  Make a Fortran-ordered copy of
#    the training images, ``np.asfortranarray(X_train)``, and time the full
#    step of section 2 on it.  Does it get faster or slower than on
#    ``X_train``, and why?
