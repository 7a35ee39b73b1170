"""How chapter 5's training settings were chosen: validation accuracy and time across seeds.

Each candidate trains softmax regression on the 50,000 training images that
are not held out (the data shuffled and the batches ordered by
``generators(seed, 2)``, as chapter 5 does) for each of ``--seeds`` seeds,
and is scored on the 10,000 validation images; the test images are never
read.  It prints the lowest, median and highest validation accuracy and the
median training time, then applies the rule chapter 5 states:

    the fastest candidate whose median validation accuracy is within one
    standard error of the best median, sqrt(p (1 - p) / 10000) at the best
    median p (the "one-standard-error rule").

Differences smaller than that are within what another choice of 10,000
images would move.  For the candidates against the chosen one, it prints
the paired count of seed 0 (validation images one gets right and the other
wrong) and McNemar's exact p.  Times are this machine's; compare the rows,
not the seconds with another machine's.

    python benchmarks/softmax_settings.py [--seeds 12]
"""
import argparse
import time

import numpy as np

from logreg_from_scratch.chapter import blas_kernel
from logreg_from_scratch.experiments import fit_softmax, generators, right
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
    "8 epochs, rate 2.0, new random batches each epoch": {**BASE, "epochs": 8, "rate": 2.0,
                                                          "shuffle": "examples"},
    "8 epochs, rate 0.2, momentum 0.9": {**BASE, "epochs": 8, "rate": 0.2, "momentum": 0.9},
    "8 epochs, rate 2.0, batches of 300": {**BASE, "epochs": 8, "rate": 2.0, "batch_size": 300},
}


def choose(medians, seconds, n_val):
    """The rule: the fastest candidate whose median is within one standard error of the best."""
    best = max(medians.values()) / 100
    standard_error = 100 * np.sqrt(best * (1 - best) / n_val)
    near = [name for name in medians if medians[name] >= 100 * best - standard_error]
    return min(near, key=seconds.get), standard_error


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=12,
                        help="seeds 0 .. n-1 (default %(default)s)")
    args = parser.parse_args()
    print(f"{blas_kernel()[0]}; {args.seeds} seeds; 50000 training images; "
          f"validation accuracy (10000 images) lowest / median / highest, median time")
    accuracies = {name: [] for name in CANDIDATES}
    seconds = {name: [] for name in CANDIDATES}
    seed_0 = {}
    for seed in range(args.seeds):
        shuffle_rng, _ = generators(seed, 2)
        X, y, X_val, y_val, _, _ = load_mnist(shuffle=shuffle_rng, validation=True, num_test=1)
        for name, settings in CANDIDATES.items():
            started = time.perf_counter()
            W, b, _ = fit_softmax(X, y, generators(seed, 2)[1], **settings)
            seconds[name].append(time.perf_counter() - started)
            hits = right(W, b, X_val, y_val)
            accuracies[name].append(100 * hits.mean())
            if seed == 0:
                seed_0[name] = hits
        del X
    medians = {name: np.median(values) for name, values in accuracies.items()}
    times = {name: np.median(values) for name, values in seconds.items()}
    for name, values in accuracies.items():
        print(f"{name:52} {min(values):6.2f} {medians[name]:6.2f} {max(values):6.2f} %"
              f"   {times[name]:5.2f} s")
    chosen, standard_error = choose(medians, times, len(y_val))
    print(f"best median {max(medians.values()):.2f} %; one standard error {standard_error:.2f} "
          f"points")
    print(f"chosen: {chosen}")
    print("paired against the chosen, seed 0 (validation images it alone gets right / "
          "the other alone gets right, McNemar's exact p):")
    for name in CANDIDATES:
        if name != chosen:
            n_ab, n_ba, p = mcnemar(seed_0[chosen], seed_0[name])
            print(f"  {name:52} {n_ab:4d} / {n_ba:4d}   p = {p:.2g}")


if __name__ == "__main__":
    main()
