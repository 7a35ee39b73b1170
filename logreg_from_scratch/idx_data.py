"""Step 0: the data, MNIST's IDX files read into NumPy arrays.

An IDX file is a small big-endian header followed by the numbers:

    2 zero bytes | 1 byte type code | 1 byte n dims | n uint32 sizes | data

MNIST's images start 00 00 08 03 (unsigned bytes, 3 dims: count, rows,
columns) and its labels 00 00 08 01.  The four files usually travel
gzip-compressed.  idx2numpy does the decoding; this module first checks the
bytes, so that a broken file (an HTML error page saved under the IDX name,
a truncated download) gives a message that says what is wrong and what to do.

``load_mnist`` turns the files into the design matrices of the rest of the
book: one example a row, ``X`` of shape (m, 784) and ``y`` of shape (m,).
"""
import functools
import gzip
import math
import os
import struct
import zlib
from pathlib import Path

import idx2numpy
import numpy as np

#: The repository's data/ folder, found from this file, not the current directory.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MNIST_NAMES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
               "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
_ITEM_BYTES = {0x08: 1, 0x09: 1, 0x0B: 2, 0x0C: 4, 0x0D: 4, 0x0E: 8}
_MAX_NDIM = 32  # the most dimensions every supported NumPy gives an array
_MAX_HEADER = 4 + 4 * _MAX_NDIM
def _how_to_fix(path):
    """The fix for a damaged file `path`: download it again, into its own folder."""
    folder = Path(path).resolve().parent
    where = "" if folder == DATA_DIR.resolve() else f" --data-dir {folder}"
    return f"delete it and run: python -m logreg_from_scratch.fetch download{where}"


class IdxFormatError(ValueError):
    """A file that is not a valid IDX file; the message names the file."""


def read_idx_bytes(path):
    """The IDX content of `path`, header and data, uncompressed if it is gzip.

    Gzip is told by its magic bytes, not the name.  The file is read as a
    stream: the header first, then exactly the bytes it promises (plus one,
    to tell a file that is too long), so a corrupt file or a gzip bomb is
    refused without inflating more than the header announced.

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    content : bytes
        Header (4 + 4 ndim bytes) and data (prod(shape) * item size bytes).
    """
    with open(path, "rb") as raw:
        stream = gzip.GzipFile(fileobj=raw, mode="rb") if raw.read(2) == b"\x1f\x8b" else raw
        raw.seek(0)
        try:
            start = stream.read(_MAX_HEADER)
            shape, code, header = _parse_header(path, start)
            promised = math.prod(shape) * _ITEM_BYTES[code]
            data = start[header:]
            data += stream.read(max(promised + 1 - len(data), 0))
        except (EOFError, OSError, zlib.error) as error:  # gzip.BadGzipFile is an OSError
            raise IdxFormatError(f"{path}: the gzip stream is corrupt or truncated "
                                 f"({error}); {_how_to_fix(path)}") from None
    if len(data) != promised:
        raise IdxFormatError(f"{path}: the header promises {promised} bytes of data for shape "
                             f"{shape} but the file holds "
                             f"{'more' if len(data) > promised else len(data)}; it is "
                             f"{'too long' if len(data) > promised else 'truncated'}; {_how_to_fix(path)}")
    return start[:header] + data


def _parse_header(path, start):
    """(shape, type code, header length) from the first bytes of an IDX file."""
    if not start:
        raise IdxFormatError(f"{path} is empty (0 bytes), often an interrupted download; "
                             f"{_how_to_fix(path)}")
    if start.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html", b"<?xml")):
        raise IdxFormatError(f"{path} is an HTML (or XML) page, not an IDX file: a web page, "
                             f"often a server's error page, was saved under the data file's "
                             f"name; {_how_to_fix(path)}")
    if len(start) < 4 or start[:2] != b"\0\0":
        raise IdxFormatError(f"{path}: wrong magic number {start[:4].hex(' ')}; an IDX file "
                             f"starts 00 00 then a type code and a dimension count; {_how_to_fix(path)}")
    code, ndim = start[2], start[3]
    if code not in _ITEM_BYTES:
        raise IdxFormatError(f"{path}: unexpected dtype code 0x{code:02X}; IDX knows "
                             + ", ".join(f"0x{c:02X}" for c in _ITEM_BYTES))
    if not 1 <= ndim <= _MAX_NDIM:
        raise IdxFormatError(f"{path}: the header announces {ndim} dimensions; an IDX array "
                             f"has 1 to {_MAX_NDIM} (MNIST: 1 for labels, 3 for images); "
                             f"{_how_to_fix(path)}")
    header = 4 + 4 * ndim
    if len(start) < header:
        raise IdxFormatError(f"{path}: the header is cut short: it announces {ndim} dimension "
                             f"sizes ({header} bytes of header) but the file ends after "
                             f"{len(start)} bytes; {_how_to_fix(path)}")
    return struct.unpack(f">{ndim}I", start[4:header]), code, header


def read_idx(path):
    """Read one IDX file, gzip-compressed or raw, into a writable array.

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    array : ndarray
        Shape and dtype as the header says, e.g. uint8 (60000, 28, 28).
    """
    try:
        stat = os.stat(path)
    except OSError:  # read_idx_bytes says what is wrong and what to do
        return np.array(idx2numpy.convert_from_string(read_idx_bytes(path)))
    return np.array(_decoded(os.path.realpath(path), stat.st_size, stat.st_mtime_ns))  # a copy


@functools.lru_cache(maxsize=4)
def _decoded(path, size, mtime_ns):
    """The file's array, decoded once a process (the book runs every chapter in one): read-only.

    Keyed by size and modification time too, so a file changed on disk is read again.
    """
    array = idx2numpy.convert_from_string(read_idx_bytes(path))
    array.flags.writeable = False
    return array


def mnist_dir(data_dir=None):
    """The folder to read: `data_dir`, else $LOGREG_DATA_DIR, else the repository's data/."""
    return Path(data_dir or os.environ.get("LOGREG_DATA_DIR") or DATA_DIR)


def in_checkout():
    """True when the package runs from its repository (a clone, or ``pip install -e``)."""
    return (DATA_DIR.parent / "setup.cfg").is_file()


def find_mnist_file(folder, name):
    """Path of MNIST file `name` in `folder`, in any of its usual spellings.

    Accepts ``train-images-idx3-ubyte`` and ``train-images.idx3-ubyte``,
    each with or without ``.gz``; raises FileNotFoundError otherwise.
    """
    folder = Path(folder)
    spellings = [s + gz for s in (name, name.replace("-idx", ".idx")) for gz in (".gz", "")]
    for spelling in spellings:
        if (folder / spelling).is_file():
            return folder / spelling
    if folder == DATA_DIR and not in_checkout():
        raise FileNotFoundError(
            f"MNIST file {name}.gz not found: the package is installed outside its repository "
            f"({DATA_DIR.parent}), so it has no data/ folder of its own. Pass --data-dir "
            "PATH/TO/THE/CLONE/data (or set LOGREG_DATA_DIR), or install the clone with "
            "pip install -e .")
    raise FileNotFoundError(
        f"MNIST file {name}.gz not found in {folder.resolve()} (looked for "
        f"{', '.join(spellings)}). Fetch it with: python -m logreg_from_scratch.fetch "
        f"download --data-dir {folder}  or point LOGREG_DATA_DIR at a folder of MNIST files.")


#: Training images held out for validation when ``load_mnist(validation=True)``.
VALIDATION_SIZE = 10000
#: The seed of the one random choice of those images: fixed, so that every chapter,
#: benchmark and answer compares its settings on the same validation images.
VALIDATION_SEED = 20261202


def validation_indices(count=60000, size=VALIDATION_SIZE):
    """Which of `count` training images are held out for validation, in increasing order.

    A random choice of `size` of them, drawn from ``default_rng(VALIDATION_SEED)``:
    the same images on every machine and in every run.

    Returns
    -------
    ndarray of int64, shape (size,)
    """
    return np.sort(np.random.default_rng(VALIDATION_SEED).permutation(count)[:size])


def load_mnist(data_dir=None, *, num_train=None, num_test=None, scale=True, shuffle=None,
               dtype=np.float64, validation=False):
    """Load MNIST as design matrices, one image a row.

    Parameters
    ----------
    data_dir : str or pathlib.Path, optional
        Folder of the four IDX files (see `mnist_dir` for the default).
    num_train, num_test : int, optional
        Keep only the first n training / test images (default: all).  With
        `validation`, the first n of the 50,000 training images not held out.
    scale : bool
        Divide the 0-255 pixels by 255, to [0, 1].  False keeps raw pixel
        values (as float64), as the original notebook trains.
    shuffle : numpy.random.Generator, optional
        Put the training examples (the first `num_train`, images and labels
        alike) in a random order drawn from this generator, for mini-batches
        of consecutive rows (``train_softmax(..., shuffle="batches")``).  The
        bytes are shuffled before they become floats, so no second float64
        copy of X is ever made.  The validation and test sets keep their order.
    dtype : {numpy.float64, numpy.float32}
        The pixels' float type.  float32 halves the memory and the bytes each
        matrix product reads (chapter 8 measures what it gains and costs).
    validation : bool
        Hold out ``VALIDATION_SIZE`` (10,000) of the 60,000 training images,
        chosen at random once and for all (`validation_indices`), to choose
        settings on; the test set is then kept for the one final score.

    Returns
    -------
    X_train : ndarray of `dtype`, shape (num_train, 784)
    y_train : ndarray of int64, shape (num_train,)
    X_val, y_val : ndarray, shapes (10000, 784) and (10000,)
        Only with `validation`.
    X_test : ndarray of `dtype`, shape (num_test, 784)
    y_test : ndarray of int64, shape (num_test,)
    """
    folder = mnist_dir(data_dir)
    images, labels = MNIST_NAMES[0::2], MNIST_NAMES[1::2]
    if shuffle is not None and not isinstance(shuffle, np.random.Generator):
        raise TypeError(f"shuffle must be a Generator, np.random.default_rng(seed), or None; "
                        f"got {shuffle!r}")
    if np.dtype(dtype) not in (np.float64, np.float32):
        raise ValueError(f"dtype must be np.float64 or np.float32; got {dtype!r}")
    dtype = np.dtype(dtype)
    train_images, train_labels, train_path = _read_split(folder, images[0], labels[0])
    test = _take(*_read_split(folder, images[1], labels[1]), num_test, None, scale, dtype)
    if not validation:
        return (*_take(train_images, train_labels, train_path, num_train, shuffle, scale, dtype),
                *test)
    held = np.zeros(len(train_labels), bool)
    held[validation_indices(len(train_labels))] = True
    train = _take(train_images[~held], train_labels[~held], train_path, num_train, shuffle,
                  scale, dtype, held_out=VALIDATION_SIZE)
    val = _take(train_images[held], train_labels[held], train_path, None, None, scale, dtype)
    return (*train, *val, *test)


def _read_split(folder, images_name, labels_name):
    """One split's images, shape (count, pixels), and labels, after checking both files."""
    images_path = find_mnist_file(folder, images_name)
    labels_path = find_mnist_file(folder, labels_name)
    images, labels = read_idx(images_path), read_idx(labels_path)
    if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels) \
            or (len(images) and images[0].size == 0):
        raise IdxFormatError(f"{images_path} holds images of shape {images.shape} and "
                             f"{labels_path} labels of shape {labels.shape}: expected "
                             "(count, rows, columns) with rows, columns >= 1 and (count,) "
                             "with equal counts")
    whole = labels.dtype.kind in "iu"
    stray = np.setdiff1d(labels, np.arange(10))[:5] if whole else labels.dtype.name
    if not whole or stray.size:
        raise IdxFormatError(f"{labels_path} does not hold digit labels 0..9 "
                             f"(found {stray}); {_how_to_fix(labels_path)}")
    return images.reshape(len(images), -1), labels, images_path


def _take(images, labels, images_path, n, rng, scale, dtype, held_out=0):
    """The first `n` images and labels, in `rng`'s order if given, as floats of `dtype`."""
    count = len(labels)
    if n is None:
        n = count
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= count:
        held = (f" once {held_out} are held out for validation" if held_out else "")
        raise ValueError(f"asked for {n!r} images from {images_path.name}, which holds "
                         f"{count + held_out}{held and ', ' + str(count) + held}: choose a "
                         f"whole number from 1 to {count}")
    images, labels = images[:n], labels[:n]
    if rng is not None:
        order = rng.permutation(n)
        images, labels = images[order], labels[order]  # 1 byte a pixel: cheap to copy
    X = images.astype(dtype)
    if scale:
        X /= dtype.type(255)
    return X, labels.astype(np.int64)


if __name__ == "__main__":  # the data commands' one home is fetch.py: say so, import nothing
    raise SystemExit("the data commands are: python -m logreg_from_scratch.fetch download "
                     "(or verify) [--data-dir DIR]")
