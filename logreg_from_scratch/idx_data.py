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
_HOW_TO_FIX = "delete it and run: python -m logreg_from_scratch.idx_data download"


class IdxFormatError(ValueError):
    """A file that is not a valid IDX file; the message names the file."""


def read_bytes(path):
    """The content of `path`, uncompressed if it is gzip (told by its magic bytes)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (EOFError, OSError, zlib.error) as error:
            raise IdxFormatError(f"{path}: the gzip stream is corrupt or truncated "
                                 f"({error}); {_HOW_TO_FIX}") from None
    if data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html", b"<?xml")):
        raise IdxFormatError(f"{path} is an HTML (or XML) page, not an IDX file: a web page, "
                             f"often a server's error page, was saved under the data file's "
                             f"name; {_HOW_TO_FIX}")
    return data


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
    data = read_bytes(path)
    if len(data) < 4 or data[:2] != b"\0\0":
        raise IdxFormatError(f"{path}: wrong magic number {data[:4].hex(' ')}; an IDX file "
                             f"starts 00 00 then a type code and a dimension count; {_HOW_TO_FIX}")
    code, ndim = data[2], data[3]
    if code not in _ITEM_BYTES:
        raise IdxFormatError(f"{path}: unexpected dtype code 0x{code:02X}; IDX knows "
                             + ", ".join(f"0x{c:02X}" for c in _ITEM_BYTES))
    header = 4 + 4 * ndim
    shape = struct.unpack(f">{ndim}I", data[4:header]) if len(data) >= header else None
    promised = None if shape is None else math.prod(shape) * _ITEM_BYTES[code]
    if shape is None or len(data) - header != promised:
        held = max(len(data) - header, 0)
        raise IdxFormatError(f"{path}: the header promises {promised} bytes of data for shape "
                             f"{shape} but the file holds {held}; it is "
                             f"{'truncated' if shape is None or held < promised else 'too long'}"
                             f"; {_HOW_TO_FIX}")
    return np.array(idx2numpy.convert_from_string(data))  # a writable copy


def mnist_dir(data_dir=None):
    """The folder to read: `data_dir`, else $LOGREG_DATA_DIR, else the repository's data/."""
    return Path(data_dir or os.environ.get("LOGREG_DATA_DIR") or DATA_DIR)


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
    raise FileNotFoundError(
        f"MNIST file {name}.gz not found in {folder.resolve()} (looked for "
        f"{', '.join(spellings)}). Fetch it with: python -m logreg_from_scratch.idx_data "
        f"download --data-dir {folder}  or point LOGREG_DATA_DIR at a folder of MNIST files.")


def load_mnist(data_dir=None, *, num_train=None, num_test=None, scale=True):
    """Load MNIST as design matrices, one image a row.

    Parameters
    ----------
    data_dir : str or pathlib.Path, optional
        Folder of the four IDX files (see `mnist_dir` for the default).
    num_train, num_test : int, optional
        Keep only the first n training / test images (default: all).
    scale : bool
        Divide the 0-255 pixels by 255, to [0, 1].  False keeps raw pixel
        values (as float64), as the seed notebook trains.

    Returns
    -------
    X_train : ndarray of float64, shape (num_train, 784)
    y_train : ndarray of int64, shape (num_train,)
    X_test : ndarray of float64, shape (num_test, 784)
    y_test : ndarray of int64, shape (num_test,)
    """
    folder = mnist_dir(data_dir)
    images, labels = MNIST_NAMES[0::2], MNIST_NAMES[1::2]
    splits = [_load_split(folder, images[i], labels[i], n, scale)
              for i, n in enumerate((num_train, num_test))]
    return (*splits[0], *splits[1])


def _load_split(folder, images_name, labels_name, n, scale):
    images_path = find_mnist_file(folder, images_name)
    labels_path = find_mnist_file(folder, labels_name)
    images, labels = read_idx(images_path), read_idx(labels_path)
    if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
        raise IdxFormatError(f"{images_path} holds images of shape {images.shape} and "
                             f"{labels_path} labels of shape {labels.shape}: expected "
                             "(count, rows, columns) and (count,) with equal counts")
    count = len(labels)
    if n is None:
        n = count
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= count:
        raise ValueError(f"asked for {n!r} images from {images_path.name}, which holds "
                         f"{count}: choose a whole number from 1 to {count}")
    X = images[:n].reshape(n, -1).astype(np.float64)
    if scale:
        X /= 255.0
    return X, labels[:n].astype(np.int64)


if __name__ == "__main__":
    from logreg_from_scratch.fetch import main
    raise SystemExit(main())
