"""How fast chapter 9 deskews: all 70,000 MNIST images, against scipy one image at a time.

Times, side by side in one run, the median of ``--repeats`` runs each:

- ``deskew`` on all 70,000 images (chunks of 1000 on a thread each core);
- the same, with the process held to one core;
- the same, on every core, while another process keeps one core busy;
- scipy.ndimage.affine_transform, image by image, with the same shear
  (the reference the tests compare with; the moments computed at once), on
  the first ``--scipy-images`` images, scaled to 70,000.

The runs are interleaved, a round of each at a time.

It prints the times and their ratios; compare the ratios, not the seconds,
with another machine's.

    python benchmarks/deskew_speed.py [--repeats 5] [--scipy-images 7000]
"""
import argparse
import os
import subprocess
import sys
import time

import numpy as np
from threadpoolctl import threadpool_limits

from logreg_from_scratch.chapter import blas_kernel, processor
from logreg_from_scratch.deskew import deskew
from logreg_from_scratch.exercises.pixels import reference_deskew
from logreg_from_scratch.idx_data import load_mnist

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--repeats", type=int, default=5, help="runs of each (default %(default)s)")
parser.add_argument("--scipy-images", type=int, default=7000,
                    help="images for the scipy loop, scaled up to 70,000 (default %(default)s)")
args = parser.parse_args()

X_train, _, X_test, _ = load_mnist(scale=True)
X = np.concatenate([X_train, X_test])
print(f"machine: {processor()}, {os.cpu_count()} cores; "
      f"numpy {np.__version__}; {blas_kernel()[0]}; {len(X)} images, median of {args.repeats}")


def seconds(run):
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def one_core():
    """deskew(X) with this process held to one core (Linux's affinity), its threads and all."""
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cores)})
    try:
        deskew(X)
    finally:
        os.sched_setaffinity(0, cores)


part = X[:args.scipy_images]
runs = {"deskew, every core": lambda: deskew(X),
        "deskew, one core": one_core,
        "scipy affine_transform, image by image": lambda: reference_deskew(part)}
times = {name: [] for name in [*runs, "deskew, every core, one core busy"]}
with threadpool_limits(1, "blas"):
    for _ in range(args.repeats):  # interleaved, so that a slow spell of the machine hits all
        for name, run in runs.items():
            times[name].append(seconds(run))
        spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        try:
            time.sleep(0.3)
            times["deskew, every core, one core busy"].append(seconds(lambda: deskew(X)))
        finally:
            spinner.kill()
            spinner.wait()
times = {name: float(np.median(values)) for name, values in times.items()}
times["scipy affine_transform, image by image"] *= len(X) / len(part)

for name, seconds in times.items():
    print(f"{name:<45} {seconds:8.2f} s")
every = times["deskew, every core"]
print(f"{'ratio one core / every core':<45} {times['deskew, one core'] / every:8.2f}")
print(f"{'ratio one core busy / idle (every core)':<45} "
      f"{times['deskew, every core, one core busy'] / every:8.2f}")
print(f"{'ratio scipy image by image / deskew':<45} "
      f"{times['scipy affine_transform, image by image'] / every:8.2f}")
