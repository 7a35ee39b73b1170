"""The chapters' shared command line: options, loading the data, saving figures.

Every chapter takes the same options (``--num-train``, ``--rate``, ...,
``--outdir``, ``--show``), turns a student's bad option or missing data
into one line and exit code 2, and saves its figures as PNG files.
"""
import argparse
import sys
from pathlib import Path

import matplotlib.pyplot as plt

from .idx_data import load_mnist

FIGURES_DIR = Path(__file__).resolve().parent.parent / "figures"


class ChapterParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line (argparse's exit code 2)."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def positive(kind):
    """An argparse ``type`` accepting only finite numbers > 0 of `kind` (int or float)."""
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            what = "a whole number" if kind is int else "a number"
            raise argparse.ArgumentTypeError(f"not {what}: {text!r}") from None
        if not value > 0 or value == float("inf"):
            raise argparse.ArgumentTypeError(f"must be a finite number > 0, got {text}")
        return value
    return parse


def chapter_parser(doc, *, num_train, num_test, iterations, rate, seed=0):
    """The options every chapter has, with the chapter's defaults."""
    parser = ChapterParser(description=doc.strip().splitlines()[0],
                           epilog="Read the chapter's docstring for the full text.")
    add = parser.add_argument
    add("--num-train", type=positive(int), default=num_train,
        help="first n training images (default %(default)s; all: 60000)")
    add("--num-test", type=positive(int), default=num_test,
        help="first n test images (default %(default)s; all: 10000)")
    add("--iterations", type=positive(int), default=iterations,
        help="training iterations or epochs (default %(default)s)")
    add("--rate", type=positive(float), default=rate,
        help=f"learning rate (default {'chosen by the chapter' if rate is None else rate})")
    add("--seed", type=int, default=seed, help="seed of the random generator (default %(default)s)")
    add("--data-dir", type=Path, default=None,
        help="folder of the MNIST files (default: $LOGREG_DATA_DIR or the repository's data/)")
    add("--outdir", type=Path, default=FIGURES_DIR, help="where figures go (default: figures/)")
    add("--show", action="store_true", help="also open the figures in windows")
    return parser


def parse(parser):
    """Parse the command line; inside Jupyter/IPython take the defaults."""
    interactive = "ipykernel" in sys.modules or hasattr(sys, "ps1")
    return parser.parse_args([] if interactive else None)


def load(parser, args, *, scale):
    """``load_mnist`` with the chapter's options; a data problem exits with one line."""
    try:
        return load_mnist(args.data_dir, num_train=args.num_train,
                          num_test=args.num_test, scale=scale)
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
