"""Getting the data back: checksums, mirrors, and the download command.

The repository commits the four MNIST files in data/.  A clone without them
(or a student who deleted one) restores them with

    python -m logreg_from_scratch.fetch download [--data-dir DIR]
    python -m logreg_from_scratch.fetch verify [--data-dir DIR]

Each file is identified by the SHA-256 of its *uncompressed* content, so a
copy recompressed by another gzip still checks.  A download goes to a
temporary file in the same folder and is renamed into place only after its
checksum matched: an interrupted or wrong download never leaves a file
that looks like data, and a run killed outright leaves a hidden ``.part``
file that the next download removes.  A mirror may send at most the file's
known size (plus gzip's overhead) within ``max_seconds``.
"""
import argparse
import hashlib
import http.client
import os
import signal
import sys
import time
import urllib.request
from pathlib import Path

from .idx_data import (DATA_DIR, MNIST_NAMES, IdxFormatError, find_mnist_file, in_checkout,
                       mnist_dir, read_idx_bytes)

#: SHA-256 of each file's uncompressed content.
SHA256 = dict(zip(MNIST_NAMES, (
    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")))
#: Size in bytes of each file's uncompressed content; no download may be larger.
SIZES = dict(zip(MNIST_NAMES, (47_040_016, 60_008, 7_840_016, 10_008)))
#: Folders that serve ``<name>.gz``, tried in order.
MIRRORS = ("https://ossci-datasets.s3.amazonaws.com/mnist/",
           "https://storage.googleapis.com/cvdf-datasets/mnist/",
           "http://yann.lecun.com/exdb/mnist/")


class ChecksumError(ValueError):
    """A data file whose content is not the expected one."""


def verify_file(path, sha256):
    """Raise ChecksumError (or IdxFormatError) unless `path` has the given content."""
    digest = hashlib.sha256(read_idx_bytes(path)).hexdigest()
    if digest != sha256:
        raise ChecksumError(f"{path}: SHA-256 of the uncompressed content is {digest}, "
                            f"expected {sha256}; the file is damaged or another "
                            "dataset: delete it and run the download command")


def verify_mnist(data_dir=None, checksums=SHA256):
    """Check each MNIST file in the folder against its SHA-256; return their paths."""
    folder = mnist_dir(data_dir)
    paths = [find_mnist_file(folder, name) for name in checksums]
    for path, sha256 in zip(paths, checksums.values()):
        verify_file(path, sha256)
    return paths


def download_mnist(data_dir=None, *, mirrors=MIRRORS, checksums=SHA256, timeout=30,
                   max_seconds=600, log=print):
    """Fetch each missing MNIST file from the first mirror that serves it intact.

    Parameters
    ----------
    data_dir : str or pathlib.Path, optional
        Where the files go (see ``idx_data.mnist_dir`` for the default).
    mirrors : sequence of str
        Folder URLs serving ``<name>.gz``, tried in order.
    checksums : dict of str -> str
        The files to fetch, each with the SHA-256 of its uncompressed content.
    timeout : float
        Seconds a mirror may stay silent.
    max_seconds : float
        Seconds one file's download may take in all, however slowly it trickles.
    log : callable
        Called with one line of progress at a time.

    Returns
    -------
    written : list of pathlib.Path
        The paths written.  Raises OSError naming every mirror's failure when
        a file could not be had from any.
    """
    folder = _download_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for name in MNIST_NAMES:
        for stale in folder.glob(f".{name}.*.part"):  # left by a run that was killed
            stale.unlink()
            log(f"removed {stale.name}, a partial download left by an interrupted run")
    written = []
    for name, sha256 in checksums.items():
        try:
            log(f"{find_mnist_file(folder, name)} is present")
            continue
        except FileNotFoundError:
            pass
        failures = []
        for mirror in mirrors:
            url = mirror.rstrip("/") + f"/{name}.gz"
            try:
                written.append(_fetch(url, folder / name, sha256, _max_bytes(name),
                                      timeout, max_seconds))
                log(f"fetched {url}")
                break
            except (OSError, ValueError, http.client.HTTPException) as error:
                # URLError, HTTPError, timeouts, a reply cut short or not HTTP, bad content
                failures.append(f"  {url}: {type(error).__name__}: {error}")
        else:
            raise OSError(f"could not download {name} from any mirror:\n" + "\n".join(failures))
    return written


def _download_dir(data_dir):
    """The folder to write, refusing the package's own folder when it is installed."""
    folder = mnist_dir(data_dir)
    if folder == DATA_DIR and not in_checkout():
        raise OSError(f"the package is installed outside its repository ({DATA_DIR.parent}), "
                      "so it has no data/ folder of its own: pass --data-dir FOLDER (or set "
                      "LOGREG_DATA_DIR), or install the clone with pip install -e .")
    return folder


def _max_bytes(name):
    """The most bytes a mirror may send for `name`: its size, plus gzip's worst overhead."""
    return SIZES[name] + SIZES[name] // 100 + 1024


def _fetch(url, target, sha256, max_bytes, timeout, max_seconds):
    """Download `url` to a temporary file, check it, then rename it to `target` (+ .gz)."""
    deadline = time.monotonic() + max_seconds
    # The .part file's name is fixed before it exists, and the try is entered
    # before it is created: a Ctrl-C or SIGTERM at any moment after that,
    # even while the file is being opened, still reaches the finally below.
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        with open(part, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as response:
            received, head = 0, b""
            while chunk := response.read1(2**16):  # what has arrived, up to 64 KiB
                received += len(chunk)
                if received > max_bytes:
                    raise ValueError(f"sent more than {max_bytes} bytes, more than the "
                                     "file can be: not the MNIST file")
                if time.monotonic() > deadline:
                    raise TimeoutError(f"took longer than {max_seconds} s "
                                       f"({received} bytes received)")
                out.write(chunk)
                head = head or chunk[:2]
            left = getattr(response, "length", None)  # a file:// URL's response has none
            if left:  # Content-Length promised more than came
                raise ConnectionError(f"the server closed the connection after {received} "
                                      f"of the {received + left} bytes it announced")
        verify_file(part, sha256)
        if head == b"\x1f\x8b":  # keep the name honest: .gz only for gzip
            target = target.with_name(target.name + ".gz")
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    return target


def _stop_on_sigterm(signum, frame):
    """SIGTERM as SystemExit, so that the download's cleanup runs."""
    raise SystemExit(f"error: stopped by signal {signum}; no partial file was left")


def main(argv=None):
    """Command line: ``download`` the missing files, or ``verify`` them."""
    parser = argparse.ArgumentParser(prog="python -m logreg_from_scratch.fetch",
                                     description="Fetch or check the MNIST files.")
    parser.add_argument("command", choices=("download", "verify"))
    parser.add_argument("--data-dir", type=Path, help="folder of the files "
                        "(default: $LOGREG_DATA_DIR or the repository's data/)")
    parser.add_argument("--mirror", action="append", metavar="URL",
                        help="a folder URL serving <name>.gz; repeat to try several "
                        "(default: the known MNIST mirrors)")
    args = parser.parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        if args.command == "download":
            download_mnist(args.data_dir, mirrors=args.mirror or MIRRORS)
        for path in verify_mnist(args.data_dir):
            print(f"{path}: checksum OK")
    except (OSError, IdxFormatError, ChecksumError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted (Ctrl-C); no partial file was left", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)  # a caller's own handler (pytest's, say) again
    return 0


if __name__ == "__main__":
    sys.exit(main())
