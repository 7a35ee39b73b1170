"""What chapter 5's training settings cost: validation accuracy and time over random seeds.

Each candidate setting trains softmax regression on the 50,000 training
images that are not held out, once for each of ``--seeds`` random seeds
(a seed shuffles the images and orders the batches, ``generators(seed,
2)``, as chapter 5 does), and is scored on the 10,000 validation images;
the test images are never read.  The validation images are the same for
every seed, so two settings trained with the same seed are scored on the
same images and can be compared image by image (paired).

The record prints, for each setting:

- the lowest, median and highest validation accuracy over the seeds (how
  much the random seed alone moves a score), and the median training time
  in processor seconds (``time.process_time``: the loop runs on one thread,
  so this is its work, which other programs running beside it change far
  less than the time on the clock);
  and the standard error of one accuracy near the best, sqrt(acc (1 - acc) /
  n), how much another n images of the same kind would move one score;
- against chapter 5's defaults (``SOFTMAX_SGD``), trained with the same
  seed: the difference in accuracy (the setting's less the defaults'), its
  mean over the seeds; the paired standard error of one seed's difference,
  about sqrt(n_AB + n_BA) / n for n_AB and n_BA the images only one of the
  two gets right (the median over the seeds); on how many seeds the
  setting is ahead and behind; and seed 0's two counts with McNemar's exact
  p-value (chapter 6).

The defaults are the fastest setting tried whose accuracy is close to the
best: a trade of some accuracy for speed.  This record shows what that
trade costs.  Times are this machine's: compare the rows, not the seconds
with another machine's.

    python benchmarks/softmax_settings.py [--seeds 12]
"""
import argparse
import time

import numpy as np

from logreg_from_scratch.chapter import blas_kernel
from logreg_from_scratch.experiments import SOFTMAX_SGD, fit_softmax, generators, right
from logreg_from_scratch.idx_data import load_mnist
from logreg_from_scratch.uncertainty import mcnemar

BASE = {"batch_size": 100, "decay": "linear", "shuffle": "batches"}
CANDIDATES = {  # name: settings of train_softmax
    "1 epoch, rate 2.0": {**BASE, "epochs": 1, "rate": 2.0},
    "2 epochs, rate 2.0": {**BASE, "epochs": 2, "rate": 2.0},
    "4 epochs, rate 2.0": {**BASE, "epochs": 4, "rate": 2.0},
    "6 epochs, rate 2.0": {**BASE, "epochs": 6, "rate": 2.0},
    "8 epochs, rate 2.0": {**BASE, "epochs": 8, "rate": 2.0},
    "8 epochs, rate 1.0": {**BASE, "epochs": 8, "rate": 1.0},
    "12 epochs, rate 1.0": {**BASE, "epochs": 12, "rate": 1.0},
    "8 epochs, rate 2.0, l2 1e-4": {**BASE, "epochs": 8, "rate": 2.0, "l2": 1e-4},
    "8 epochs, rate 2.0, new batches": {**BASE, "epochs": 8, "rate": 2.0,
                                        "shuffle": "examples"},
    "8 epochs, rate 0.2, momentum 0.9": {**BASE, "epochs": 8, "rate": 0.2, "momentum": 0.9},
    "8 epochs, rate 2.0, batches of 300": {**BASE, "epochs": 8, "rate": 2.0, "batch_size": 300},
}
DEFAULTS = next(name for name, settings in CANDIDATES.items() if settings == SOFTMAX_SGD)


def paired(right_setting, right_defaults):
    """One seed's paired comparison of a setting with the defaults, on the same images.

    Parameters
    ----------
    right_setting, right_defaults : ndarray of bool, shape (n,)
        Whether each model is right on each of the same n images.

    Returns
    -------
    difference : float
        The setting's accuracy less the defaults', in points (%).
    standard_error : float
        About sqrt(n_AB + n_BA) / n, in points: how much that difference
        would move on another n images of the same kind.
    n_ab, n_ba : int
        Images only the setting gets right, and only the defaults.
    p_value : float
        McNemar's exact p-value (``uncertainty.mcnemar``).
    """
    n_ab, n_ba, p_value = mcnemar(right_setting, right_defaults)
    n = right_setting.size
    return 100 * (n_ab - n_ba) / n, 100 * np.sqrt(n_ab + n_ba) / n, n_ab, n_ba, p_value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=12,
                        help="random seeds 0 .. n-1 (default %(default)s)")
    args = parser.parse_args()
    accuracies = {name: [] for name in CANDIDATES}
    seconds = {name: [] for name in CANDIDATES}
    pairs = {name: [] for name in CANDIDATES}
    for seed in range(args.seeds):
        shuffle_rng, _ = generators(seed, 2)
        X, y, X_val, y_val, _, _ = load_mnist(shuffle=shuffle_rng, validation=True, num_test=1)
        hits = {}
        for name, settings in CANDIDATES.items():
            started = time.process_time()
            W, b, _ = fit_softmax(X, y, generators(seed, 2)[1], **settings)
            seconds[name].append(time.process_time() - started)
            hits[name] = right(W, b, X_val, y_val)
            accuracies[name].append(100 * hits[name].mean())
        for name in CANDIDATES:
            pairs[name].append(paired(hits[name], hits[DEFAULTS]))
        del X

    print(f"{blas_kernel()[0]}")
    print(f"50000 training images, {args.seeds} random seeds; validation accuracy "
          f"({len(y_val)} images)")
    print("over the seeds (lowest, median, highest), and the median processor time of")
    print("the training:")
    medians = {name: np.median(values) for name, values in accuracies.items()}
    for name, values in accuracies.items():
        print(f"{name:34} {min(values):6.2f} {medians[name]:6.2f} {max(values):6.2f} %"
              f"  {np.median(seconds[name]):5.2f} s")
    print(f"highest median: {max(medians, key=medians.get)}; the defaults: {DEFAULTS}")
    best = max(medians.values()) / 100
    print(f"one accuracy near {100 * best:.2f} % on n = {len(y_val)} images has the standard "
          f"error\n  sqrt(acc (1 - acc) / n) = "
          f"{100 * np.sqrt(best * (1 - best) / len(y_val)):.2f} points")
    print()
    print("each setting against the defaults, trained with the same seed and scored on")
    print("the same validation images (paired): the difference in points (the setting's")
    print("accuracy less the defaults'), its mean over the seeds and the median of one")
    print("seed's standard error; the seeds on which the setting is ahead and behind;")
    print("seed 0's images only the setting / only the defaults get right, and")
    print("McNemar's p-value:")
    print(f"{'':34} {'mean':>6} {'SE':>5} {'ahead':>5} {'behind':>6} {'seed 0':>12} "
          f"{'p':>6}")
    for name in CANDIDATES:
        if name == DEFAULTS:
            continue
        differences = np.array([row[0] for row in pairs[name]])
        errors = np.array([row[1] for row in pairs[name]])
        _, _, n_ab, n_ba, p_value = pairs[name][0]
        print(f"{name:34} {np.mean(differences):+6.2f} {np.median(errors):5.2f} "
              f"{np.sum(differences > 0):5d} {np.sum(differences < 0):6d} "
              f"{n_ab:5d} / {n_ba:4d} {p_value:6.2g}")


if __name__ == "__main__":
    main()
