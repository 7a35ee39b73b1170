"""The chapters' shared command line: options, loading the data, saving figures.

Every chapter takes the same options (``--num-train``, ``--rate``, ...,
``--outdir``, ``--show``), as far as it uses them, turns a student's bad
option or missing data into one line and exit code 2 before any training,
and saves its figures as PNG files.
"""
import argparse
import sys
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from threadpoolctl import threadpool_info

from .idx_data import load_mnist

FIGURES_DIR = Path(__file__).resolve().parent.parent / "figures"
#: Chapter 5's training settings, chosen by measurement there; chapter 7 times them.
SOFTMAX_SGD = {"epochs": 8, "rate": 2.0, "batch_size": 100, "decay": "linear",
               "shuffle": "batches"}
#: OpenBLAS kernels whose summation order reproduces the seed's chaotic raw run exactly.
REFERENCE_KERNELS = ("Haswell", "Zen", "Sandybridge")


class ChapterParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line (argparse's exit code 2)."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def positive(kind, *, zero_ok=False):
    """An argparse ``type`` accepting only finite numbers > 0 of `kind` (int or float).

    With `zero_ok`, whole numbers >= 0 (a --seed, as default_rng wants).
    """
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            what = "a whole number" if kind is int else "a number"
            raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None
        if zero_ok and not value >= 0:
            raise argparse.ArgumentTypeError(f"must be a whole number >= 0, got {text}")
        if not zero_ok and (not value > 0 or value == float("inf")):
            raise argparse.ArgumentTypeError(f"must be a finite number > 0, got {text}")
        return value
    return parse


def chapter_parser(doc, *, num_train, num_test, iterations=None, rate=None, seed=0,
                   training=True, figures=True):
    """The options every chapter has, with the chapter's defaults.

    A chapter that trains nothing (``training=False``) has no --iterations
    and --rate; one that draws nothing (``figures=False``) no --outdir and
    --show.  ``rate=None`` with training means the chapter chooses the rate.
    """
    parser = ChapterParser(description=doc.strip().splitlines()[0],
                           epilog="Read the chapter's docstring for the full text.")
    add = parser.add_argument
    add("--num-train", type=positive(int), default=num_train,
        help="first n training images (default %(default)s; all: 60000)")
    add("--num-test", type=positive(int), default=num_test,
        help="first n test images (default %(default)s; all: 10000)")
    if training:
        add("--iterations", type=positive(int), default=iterations,
            help="training iterations or epochs (default %(default)s)")
        add("--rate", type=positive(float), default=rate,
            help=f"learning rate (default {'chosen by the chapter' if rate is None else rate})")
    add("--seed", type=positive(int, zero_ok=True), default=seed,
        help="seed of the random generator, a whole number >= 0 (default %(default)s)")
    add("--data-dir", type=Path, default=None,
        help="folder of the MNIST files (default: $LOGREG_DATA_DIR or the repository's data/)")
    if figures:
        add("--outdir", type=Path, default=FIGURES_DIR, help="where figures go (default: figures/)")
        add("--show", action="store_true", help="also open the figures in windows")
    return parser


def add_dtype_option(parser):
    """--dtype float64 (the default) or float32, the pixels' and parameters' float type."""
    parser.add_argument("--dtype", choices=("float64", "float32"), default="float64",
                        help="float type of the pixels and weights (default %(default)s; "
                             "float32 halves the bytes each product reads)")


def parse(parser):
    """Parse the command line, and check --outdir can be written before any work.

    Inside Jupyter/IPython take the defaults.
    """
    interactive = "ipykernel" in sys.modules or hasattr(sys, "ps1")
    args = parser.parse_args([] if interactive else None)
    if getattr(args, "outdir", None) is not None:
        try:
            args.outdir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            parser.error(f"argument --outdir: cannot make the folder {args.outdir}: "
                         f"{error.strerror}")
        try:
            tempfile.TemporaryFile(dir=args.outdir).close()  # the one sure test: write a file
        except OSError as error:
            parser.error(f"argument --outdir: cannot write into {args.outdir} "
                         f"({error.strerror}): choose a folder of yours")
    return args


def generators(seed, n):
    """`n` independent random generators from one --seed (numpy's SeedSequence.spawn).

    One for shuffling the data and one for the order of the batches, say:
    two generators from the same seed would draw the same numbers.
    """
    return [np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(n)]


def blas_kernel():
    """The BLAS library NumPy calls, e.g. ``("OpenBLAS 0.3.31, Haswell kernel", True)``.

    The second item says whether it is one of the REFERENCE_KERNELS, whose
    summation order reproduces the seed's chaotic raw one-vs-rest run exactly.
    """
    pools = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    # scipy's wheels bring a BLAS of their own: the one in numpy's folder is numpy's
    pools.sort(key=lambda pool: "numpy" not in pool["filepath"])
    for pool in pools:
        name = {"openblas": "OpenBLAS", "mkl": "MKL", "blis": "BLIS"}.get(
            pool["internal_api"], pool["internal_api"])
        kernel = pool.get("architecture")
        described = f"{name} {pool['version']}" + (f", {kernel} kernel" if kernel else "")
        return described, name == "OpenBLAS" and kernel in REFERENCE_KERNELS
    return "an unknown BLAS", False


def load(parser, args, *, scale, shuffle=None):
    """``load_mnist`` with the chapter's options; a data problem exits with one line.

    `shuffle`, a Generator, puts the training examples in a random order
    drawn from it; with a ``--dtype`` option, the pixels come in that type.
    """
    try:
        return load_mnist(args.data_dir, num_train=args.num_train,
                          num_test=args.num_test, scale=scale, shuffle=shuffle,
                          dtype=getattr(args, "dtype", "float64"))
    except (OSError, ValueError) as error:
        parser.error(str(error))


def save(fig, args, name):
    """Save `fig` as ``<outdir>/<name>`` (PNG), say so, and close it unless --show."""
    args.outdir.mkdir(parents=True, exist_ok=True)
    path = args.outdir / name
    fig.savefig(path, dpi=120)
    print(f"saved {path}")
    if not args.show:
        plt.close(fig)
    return path


def show(args):
    """Open the saved figures' windows, if --show asked for them."""
    if args.show:
        plt.show()
