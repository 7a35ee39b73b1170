"""The chapters' shared command line: options, loading the data, saving figures.

Every chapter takes the same options (``--num-train``, ``--rate``, ...,
``--outdir``, ``--show``), as far as it uses them, turns a student's bad
option or missing data into one line and exit code 2 before any training,
and saves its figures as PNG files.

A chapter runs in four ways, and takes its options in each:

- from the shell, ``python chapters/02_binary.py --digit 7``: the command line;
- in IPython or Jupyter, ``%run chapters/02_binary.py --digit 7`` or
  ``ipython chapters/02_binary.py -- --digit 7``: the same;
- cell by cell, in a notebook or an editor's interactive window: the
  chapter's ``ARGS`` line, which the student edits in place;
- in the rendered book: the arguments ``book/gallery.py`` gives.

In IPython an error is one line, not a traceback, and a figure is shown
where it is made as well as saved (kernel.py).
"""
import argparse
import os
import platform
import shlex
import sys
import tempfile
import textwrap
import weakref
from pathlib import Path

import matplotlib.pyplot as plt
from threadpoolctl import threadpool_info

from .experiments import SOFTMAX_SGD, generators  # noqa: F401 (the chapters' settings)
from .idx_data import load_mnist
from .kernel import ChapterStop, from_command_line, in_ipython, in_notebook, shown_by_others

FIGURES_DIR = Path(__file__).resolve().parent.parent / "figures"
#: Why chapters 7 and 10 refuse an --l2 above 1e6 (their rate 2 / (L + l2) would round to 0)
L2_TOO_STRONG = "a penalty that strong holds every weight at 0"
#: OpenBLAS kernels whose summation order reproduces the seed's chaotic raw run exactly.
REFERENCE_KERNELS = ("Haswell", "Zen", "Sandybridge")


class ChapterParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line (argparse's exit code 2).

    Inside IPython it stops with a ChapterStop instead of exiting: after
    ``--help``, only when the run was cell by cell, where there is no
    command to end.
    """

    cell_by_cell = False  # set by parse()

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")

    def exit(self, status=0, message=None):
        if not in_ipython() or (status == 0 and not self.cell_by_cell):
            super().exit(status, message)  # %run and ipython end a SystemExit(0) quietly
        if status == 0:
            raise ChapterStop("the options are listed above; take --help out of ARGS "
                              "to run the chapter")
        raise ChapterStop((message or f"stopped with exit status {status}").strip())


def positive(kind, *, zero_ok=False, maximum=None, why_maximum=""):
    """An argparse ``type`` accepting only finite numbers > 0 of `kind` (int or float).

    With `zero_ok`, whole numbers >= 0 (a --seed, as default_rng wants).
    With `maximum`, numbers up to it, and `why_maximum` says why in the error.
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
        if maximum is not None and value > maximum:
            shown = f"{maximum:g}".replace("e+0", "e").replace("e+", "e")  # 1e6, not 1e+06
            raise argparse.ArgumentTypeError(f"must be at most {shown}, got {text}"
                                             + (f": {why_maximum}" if why_maximum else ""))
        return value
    return parse


def chapter_parser(doc, *, num_train, num_test, iterations=None, rate=None, seed=0,
                   training=True, figures=True, rate_note="chosen by the chapter",
                   validation=False):
    """The options every chapter has, with the chapter's defaults.

    A chapter that trains nothing (``training=False``) has no --iterations
    and --rate; one that draws nothing (``figures=False``) no --outdir and
    --show.  ``rate=None`` with training means the chapter chooses the rate.
    A chapter that holds out validation images (``validation=True``, see
    ``load``) trains on at most the other 50,000.
    """
    # The book's builder runs a chapter with __doc__ = "": no first line then
    title = (doc or "").strip().splitlines()[:1]
    parser = ChapterParser(description=title[0] if title else None,
                           epilog="The chapter's text is in the file, between its code cells; it "
                                  "reads best as a notebook or a page of the web book (README).")
    add = parser.add_argument
    add("--num-train", type=positive(int), default=num_train,
        help="first n training images (default %(default)s; all: " + (
            "50000, the 10000 others are held out for validation)" if validation else "60000)"))
    add("--num-test", type=positive(int), default=num_test,
        help="first n test images (default %(default)s; all: 10000)")
    if training:
        add("--iterations", type=positive(int), default=iterations,
            help="training iterations or epochs (default %(default)s)")
        add("--rate", type=positive(float), default=rate,
            help=f"learning rate (default {rate_note if rate is None else rate})")
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


def _as_options(args):
    """`args` written back as options, e.g. ``--num-train 3000 --rate 0.005 --show``."""
    words = []
    for name, value in vars(args).items():
        if value is None or value is False:
            continue
        words.append("--" + name.replace("_", "-"))
        if value is not True:
            words.append(shlex.quote(str(value)))
    return " ".join(words)


def parse(parser, cell_args=""):
    """The chapter's options, and a check that --outdir can be written before any work.

    `cell_args` is the chapter's ``ARGS`` line, e.g. ``"--digit 7"``: the
    options of a run cell by cell, and defaults that a command line's
    options override.  Cell by cell the settings are printed, since no
    command line shows them.
    """
    # The chapter that called: its __file__ (absent cell by cell) tells how it runs
    script = sys._getframe(1).f_globals.get("__file__")
    parser.cell_by_cell = not from_command_line(script)
    if parser.cell_by_cell:
        parser.prog = "ARGS"  # not the kernel's own name: the options come from ARGS
    try:
        cell_argv = shlex.split(cell_args)
    except ValueError as error:  # e.g. a quote left open
        parser.error(f"ARGS = {cell_args!r}: {error}")
    argv = cell_argv + ([] if parser.cell_by_cell else sys.argv[1:])
    args = parser.parse_args(argv)
    if parser.cell_by_cell:
        print(f"Run cell by cell, with ARGS = {cell_args!r}:\n"
              + textwrap.fill(_as_options(args), width=80, initial_indent="  ",
                              subsequent_indent="  ", break_on_hyphens=False)
              + "\n(edit ARGS in this cell and run the cells again to change them)")
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
        taken = sorted(path.name for path in args.outdir.glob("*.png") if path.is_dir())
        if taken:  # a figure could not be saved there, after all the training
            parser.error(f"argument --outdir: {args.outdir / taken[0]} is a folder, where a "
                         "figure is to be saved: move it, or choose another --outdir")
    return args


def processor():
    """The processor's name, as Linux's /proc/cpuinfo or Python's platform module gives it."""
    if os.path.exists("/proc/cpuinfo"):
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


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


def load(parser, args, *, scale, shuffle=None, validation=False):
    """``load_mnist`` with the chapter's options; a data problem exits with one line.

    `shuffle`, a Generator, puts the training examples in a random order
    drawn from it; with a ``--dtype`` option, the pixels come in that type.
    With `validation`, six arrays: train, validation (the 10,000 held-out
    training images), test.
    """
    try:
        return load_mnist(args.data_dir, num_train=args.num_train,
                          num_test=args.num_test, scale=scale, shuffle=shuffle,
                          dtype=getattr(args, "dtype", "float64"), validation=validation)
    except (OSError, ValueError) as error:
        parser.error(str(error))


def shown_path(path):
    """`path` as a reader should see it: relative to the working folder, with forward slashes.

    An absolute path would print the machine's own folders (the book's pages
    would show the build machine's); a path on another drive (Windows) stays
    as it is.
    """
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:
        return str(path)


#: Where save() wrote each figure still open, for a page that shows the figure to take
#: the file instead of drawing it again (the book's build, book/gallery.py)
SAVED_AS = weakref.WeakKeyDictionary()


def save(fig, args, name):
    """Save `fig` as ``<outdir>/<name>`` (PNG) and say where, relative to the working folder.

    In a notebook, show the file just written, where the cell's output has
    got to, and close the figure: drawing it once more for the notebook took
    as long as saving it.  Elsewhere close it, unless --show or the book's
    builder will show it: from the shell nothing opens, and no figure is
    left open to pile up.
    """
    args.outdir.mkdir(parents=True, exist_ok=True)
    path = args.outdir / name
    fig.savefig(path, dpi=120)
    SAVED_AS[fig] = path
    print(f"saved {shown_path(path)}")
    if in_notebook():
        from IPython.display import Image, display
        display(Image(filename=str(path)))
        plt.close(fig)
    elif not (args.show or shown_by_others()):
        plt.close(fig)


def show(args):
    """Open the saved figures' windows, if --show asked for them."""
    if args.show:
        plt.show()
