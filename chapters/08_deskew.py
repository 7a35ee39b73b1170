# %% [markdown]
"""
Chapter 8. Better pixels: deskewing, and the same linear model
==============================================================

The question
------------
Chapter 5's softmax regression makes 7.4 % errors, and a linear model
cannot learn that a slanted 1 and an upright 1 are the same digit: they
light up different pixels.  If the images were straightened first, how far
would the very same model get?

The equations
-------------
Each image's ink, as weights p(r, c) over its rows r and columns c, has a
centre of mass and second moments (deskew.moments)::

    r_bar = sum p r,   var_r = sum p (r - r_bar)^2
    cov = sum p (r - r_bar)(c - c_bar),   alpha = cov / var_r

alpha is the slope of the ink's column against its row.  The shear about
the centre of mass that stands the ink upright, with the centre of mass
then moved to the image's centre (13.5, 13.5) (deskew.deskew)::

    deskewed(r, c) = x(r + r_bar - 13.5, c + c_bar - 13.5 + alpha (r - 13.5))

interpolated bilinearly between the four nearest pixels.  Then chapter 5's
softmax regression, unchanged (chapter.SOFTMAX_SGD: batches of 100, 8
epochs, rate 2.0 falling linearly to 0), trains once on the raw pixels and
once on the deskewed ones, from the same seed.

What to look for
----------------
- Deskewing all 70,000 images takes about a second or two, all of them at
  once (the chapter prints the time).
- The figure of digits before and after: slanted strokes stand upright.
- Test accuracy: 92.57 % on the raw pixels (chapter 5), about 95.8 % on
  the deskewed ones; the error falls from 7.4 % to about 4.2 %.  LeCun et
  al. (1998) list 12.0 % for a linear classifier and 7.6 % for a pairwise
  linear classifier on deskewed images.
- The weight maps (figures/08_weights_*.png): on deskewed pixels the 0's
  hole and the 1's stroke stand upright as single vertical bars, the 4
  shows its two strokes, and all ten maps fill a centred disc, because
  the ink of every image is now centred.
- The confusions that deskewing removed: the chapter prints the pairs
  whose count fell most (5 taken for a 3: 40 -> 8), and draws both
  confusion matrices in one (figures/08_confusion_change.png): each cell
  holds the raw count over the deskewed one, blue where deskewing removed
  mistakes.

Exercises
---------
1. Which digit gains most from deskewing?  Compare the diagonals of the two
   confusion matrices (the bold numbers of 08_confusion_change.png).
2. Deskew twice (apply ``deskew`` to deskewed images).  Does the second
   pass change anything?  Why should it, or not?
3. Chapter 4 drew the raw model's weight maps.  Which of the deskewed
   model's maps became readable?
4. Write ``moments`` and ``deskew`` yourself in ``exercises/e7_deskew.py``
   and grade them.

Answers, from real runs: exercises/ANSWERS.md.
"""
# %%
# Imports
# -------
import time

import numpy as np

from logreg_from_scratch.chapter import (SOFTMAX_SGD, chapter_parser, generators, load, parse,
                                         save, show)
from logreg_from_scratch.deskew import deskew
from logreg_from_scratch.optimize import DivergenceError, train_softmax
from logreg_from_scratch.plots import confusion_change, digit_grid, weight_maps
from logreg_from_scratch.predict import accuracy, confusion_matrix
from logreg_from_scratch.softmax import predict_softmax

# %%
# Options: chapter 5's data and training
# --------------------------------------
# From the shell, options follow the file's name.  Cell by cell (a notebook, an
# editor's cells), write them in ARGS instead, e.g. ``ARGS = "--num-train 10000"``.
ARGS = ""
parser = chapter_parser(__doc__, num_train=60000, num_test=10000,
                        iterations=SOFTMAX_SGD["epochs"], rate=SOFTMAX_SGD["rate"])
args = parse(parser, ARGS)
shuffle_rng, _ = generators(args.seed, 2)
k = 10

# %%
# The data, and the same images deskewed
# --------------------------------------
X_train, y_train, X_test, y_test = load(parser, args, scale=True, shuffle=shuffle_rng)
started = time.perf_counter()
D_train, D_test = deskew(X_train), deskew(X_test)
seconds = time.perf_counter() - started
print(f"deskewed {len(X_train) + len(X_test)} images in {seconds:.2f} s")

# %%
# Five test digits, before and after
# ----------------------------------
picks = np.random.default_rng(args.seed).choice(len(y_test), size=min(5, len(y_test)),
                                                replace=False)
fig = digit_grid(np.concatenate([X_test[picks], D_test[picks]]),
                 [f"{y_test[i]}" for i in picks] + [f"{y_test[i]} deskewed" for i in picks],
                 suptitle="Test digits, as written (top) and deskewed (bottom)")
save(fig, args, "08_before_after.png")


# %%
# Chapter 5's softmax regression on each, from the same seed
# ----------------------------------------------------------
def trained(X):
    """Softmax regression with chapter 5's settings; the batches' order from --seed."""
    _, batch_rng = generators(args.seed, 2)
    settings = {**SOFTMAX_SGD, "epochs": args.iterations, "rate": args.rate}
    try:
        W, b, _ = train_softmax(np.zeros((X.shape[1], k)), np.zeros(k), X, y_train,
                                rng=batch_rng, **settings)
    except DivergenceError as error:
        parser.exit(1, f"error: {error}\n")
    return W, b


models = {"raw pixels": trained(X_train), "deskewed": trained(D_train)}
tests = {"raw pixels": X_test, "deskewed": D_test}
predicted = {name: predict_softmax(W, b, tests[name]) for name, (W, b) in models.items()}
for name, (W, b) in models.items():
    train = D_train if name == "deskewed" else X_train
    right = accuracy(predict_softmax(W, b, train), y_train)
    print(f"{name:>10}: train accuracy {100 * right:.2f} %, test accuracy "
          f"{100 * accuracy(predicted[name], y_test):.2f} %")

# %%
# The weight maps on raw pixels (chapter 5's) ...
# -----------------------------------------------
# One figure a cell, so that a notebook and the book show each at full size.
digits = [f"digit {j}" for j in range(k)]
save(weight_maps(models["raw pixels"][0], digits, suptitle="Weight maps, raw pixels"),
     args, "08_weights_raw.png")

# %%
# ... and on deskewed pixels
# --------------------------
save(weight_maps(models["deskewed"][0], digits, suptitle="Weight maps, deskewed"),
     args, "08_weights_deskewed.png")

# %%
# Which confusions did deskewing remove?
# --------------------------------------
before, after = (confusion_matrix(predicted[name], y_test, k) for name in models)
off = ~np.eye(k, dtype=bool)
fewer = (before - after) * off
order = np.argsort(fewer, axis=None)[::-1][:5]
print("confusions that fell most (true -> predicted: raw, deskewed):")
for true, said in zip(*np.unravel_index(order, fewer.shape)):
    print(f"  {true} -> {said}: {before[true, said]:4d} -> {after[true, said]:4d}")
print(f"all errors: {before[off].sum()} -> {after[off].sum()}")
save(confusion_change(before, after, title=f"Confusion matrices on {len(y_test)} test digits: "
                                          "raw pixels (top number), deskewed (bottom)"),
     args, "08_confusion_change.png")
show(args)
