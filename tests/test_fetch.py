"""The download command against a real HTTP server on 127.0.0.1 that the test starts."""
import functools
import gzip
import http.server
import shutil
import threading

import pytest

from logreg_from_scratch.fetch import SHA256, download_mnist, main, verify_mnist
from logreg_from_scratch.idx_data import DATA_DIR, MNIST_NAMES

LABEL_FILES = {n: SHA256[n] for n in MNIST_NAMES if "labels" in n}  # small: quick to serve


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Serves four mirrors: missing/ (404), html/, corrupt/ and good/ copies of MNIST."""
    root = tmp_path_factory.mktemp("www")
    for mirror in ("missing", "html", "corrupt", "good", "uncompressed"):
        (root / mirror).mkdir()
    for name in MNIST_NAMES:
        packed = (DATA_DIR / f"{name}.gz").read_bytes()
        (root / "good" / f"{name}.gz").write_bytes(packed)
        (root / "uncompressed" / f"{name}.gz").write_bytes(gzip.decompress(packed))
        raw = bytearray(gzip.decompress(packed))
        raw[-1] ^= 0x01  # valid gzip of wrong content: only the checksum can tell
        (root / "corrupt" / f"{name}.gz").write_bytes(gzip.compress(bytes(raw), compresslevel=1))
        (root / "html" / f"{name}.gz").write_bytes(
            b"<!DOCTYPE html><html><body>Please accept our cookies</body></html>")
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_falls_through_bad_mirrors_to_a_good_one(server, tmp_path):
    mirrors = [f"{server}/{m}/" for m in ("missing", "html", "corrupt", "good")]
    log = []
    written = download_mnist(tmp_path, mirrors=mirrors, log=log.append)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(n + ".gz" for n in MNIST_NAMES)
    assert written == [tmp_path / f"{n}.gz" for n in MNIST_NAMES]
    for name in MNIST_NAMES:
        assert (tmp_path / f"{name}.gz").read_bytes() == (DATA_DIR / f"{name}.gz").read_bytes()
    assert log == [f"fetched {server}/good/{n}.gz" for n in MNIST_NAMES]


@pytest.mark.parametrize("mirror, reason", [
    ("missing", "404"),
    ("html", "HTML (or XML) page"),
    ("corrupt", "SHA-256 of the uncompressed content"),
])
def test_a_bad_mirror_leaves_nothing_behind(server, tmp_path, mirror, reason):
    with pytest.raises(OSError, match="could not download train-labels-idx1-ubyte") as info:
        download_mnist(tmp_path, mirrors=[f"{server}/{mirror}"], checksums=LABEL_FILES, log=print)
    assert f"{server}/{mirror}/train-labels-idx1-ubyte.gz" in str(info.value)
    assert reason in str(info.value)
    assert list(tmp_path.iterdir()) == []  # no partial file, no wrong file, no .part


def test_an_uncompressed_download_is_not_named_gz(server, tmp_path):
    written = download_mnist(tmp_path, mirrors=[f"{server}/uncompressed"],
                             checksums=LABEL_FILES, log=lambda line: None)
    assert written == [tmp_path / n for n in LABEL_FILES]
    assert verify_mnist(tmp_path, LABEL_FILES) == written


def test_present_files_are_kept(server, tmp_path):
    shutil.copy(DATA_DIR / "train-labels-idx1-ubyte.gz", tmp_path / "train-labels-idx1-ubyte")
    written = download_mnist(tmp_path, mirrors=[f"{server}/good"], checksums=LABEL_FILES,
                             log=lambda line: None)
    assert written == [tmp_path / "t10k-labels-idx1-ubyte.gz"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "t10k-labels-idx1-ubyte.gz", "train-labels-idx1-ubyte"]


def test_command_line_download_then_verify(server, tmp_path, capsys):
    assert main(["download", "--data-dir", str(tmp_path), "--mirror", f"{server}/missing",
                 "--mirror", f"{server}/good"]) == 0
    out = capsys.readouterr().out
    assert out.count("checksum OK") == 4 and f"fetched {server}/good/" in out


def test_command_line_failure_is_one_clear_line(server, tmp_path, capsys):
    assert main(["download", "--data-dir", str(tmp_path), "--mirror", f"{server}/html"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: could not download train-images-idx3-ubyte")
    assert list(tmp_path.iterdir()) == []
