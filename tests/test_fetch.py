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
    import signal
    before = signal.getsignal(signal.SIGTERM)
    assert main(["download", "--data-dir", str(tmp_path), "--mirror", f"{server}/missing",
                 "--mirror", f"{server}/good"]) == 0
    out = capsys.readouterr().out
    assert out.count("checksum OK") == 4 and f"fetched {server}/good/" in out
    # the command's SIGTERM handler is its own: a caller that runs it in-process gets its back
    assert signal.getsignal(signal.SIGTERM) is before


def test_command_line_failure_is_one_clear_line(server, tmp_path, capsys):
    assert main(["download", "--data-dir", str(tmp_path), "--mirror", f"{server}/html"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: could not download train-images-idx3-ubyte")
    assert list(tmp_path.iterdir()) == []


# --- mirrors that misbehave, and downloads that are killed -------------------------

import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

LABELS = "train-labels-idx1-ubyte"
ONE_FILE = {LABELS: SHA256[LABELS]}


class Misbehaving(http.server.BaseHTTPRequestHandler):
    """Each folder misbehaves one way; every loop is bounded in bytes and time."""

    def do_GET(self):
        kind = self.path.strip("/").split("/")[0]
        try:
            if kind == "garbage":  # not HTTP at all
                self.wfile.write(b"SSH-2.0-OpenSSH_9.2\r\n\r\n")
                return
            self.send_response(200)
            if kind == "early":  # promises 60008 bytes, sends 100, hangs up
                self.send_header("Content-Length", "60008")
                self.end_headers()
                self.wfile.write(b"\0" * 100)
            elif kind == "forever":  # no length, more bytes than any MNIST label file
                self.end_headers()
                for _ in range(200):  # at most 12.8 MB, then it stops by itself
                    self.wfile.write(b"\0" * 2**16)
            elif kind == "trickle":  # a byte every 50 ms, for at most 30 s
                self.send_header("Content-Length", "60008")
                self.end_headers()
                for _ in range(600):
                    self.wfile.write(b"\0")
                    self.wfile.flush()
                    time.sleep(0.05)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass


@pytest.fixture(scope="module")
def bad_server():
    httpd = QuietServer(("127.0.0.1", 0), Misbehaving)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.slow  # tests/conftest.py: the quick loop leaves it out
@pytest.mark.parametrize("kind, reason", [
    ("early", "closed the connection after 100 of the 60008 bytes it announced"),
    ("garbage", "BadStatusLine"),
    ("forever", "sent more than 61632 bytes, more than the file can be"),
    ("trickle", "took longer than 1 s"),
])
def test_a_misbehaving_mirror_is_named_and_the_next_one_tried(bad_server, server, tmp_path, kind, reason):
    log = []
    started = time.monotonic()
    written = download_mnist(tmp_path, mirrors=[f"{bad_server}/{kind}", f"{server}/good"],
                             checksums=ONE_FILE, max_seconds=1, timeout=5, log=log.append)
    assert time.monotonic() - started < 10
    assert written == [tmp_path / f"{LABELS}.gz"] and log == [f"fetched {server}/good/{LABELS}.gz"]
    with pytest.raises(OSError, match=reason):
        download_mnist(tmp_path / "alone", mirrors=[f"{bad_server}/{kind}"], checksums=ONE_FILE,
                       max_seconds=1, timeout=5, log=print)
    assert list((tmp_path / "alone").iterdir()) == []


def start_download(folder, mirror):
    """The download command in a process of its own, waiting until it is writing a .part file."""
    process = subprocess.Popen([sys.executable, "-m", "logreg_from_scratch.fetch", "download",
                                "--data-dir", str(folder), "--mirror", mirror],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for _ in range(200):
        if list(folder.glob(".*.part")):
            return process
        time.sleep(0.05)
    process.kill()
    raise AssertionError(f"no .part file appeared: {process.communicate()}")


@pytest.mark.parametrize("signum, message, code", [
    (signal.SIGTERM, "error: stopped by signal 15; no partial file was left", 1),
    (signal.SIGINT, "error: interrupted (Ctrl-C); no partial file was left", 130),
])
def test_a_stopped_download_leaves_nothing_and_says_one_line(bad_server, tmp_path, signum, message, code):
    process = start_download(tmp_path, f"{bad_server}/trickle")
    process.send_signal(signum)
    _, err = process.communicate(timeout=20)
    assert err == message + "\n" and process.returncode == code
    assert list(tmp_path.iterdir()) == []


def test_a_killed_downloads_part_file_is_removed_by_the_next_run(bad_server, server, tmp_path):
    process = start_download(tmp_path, f"{bad_server}/trickle")
    process.kill()  # SIGKILL: no cleanup can run
    process.communicate(timeout=20)
    stale = list(tmp_path.glob(".*.part"))
    assert len(stale) == 1
    log = []
    download_mnist(tmp_path, mirrors=[f"{server}/good"], checksums=ONE_FILE, log=log.append)
    assert log[0] == f"removed {stale[0].name}, a partial download left by an interrupted run"
    assert not list(tmp_path.glob(".*.part"))


def test_an_installed_package_does_not_download_into_site_packages(monkeypatch, tmp_path):
    from logreg_from_scratch import fetch
    monkeypatch.setattr(fetch, "in_checkout", lambda: False)
    monkeypatch.delenv("LOGREG_DATA_DIR", raising=False)
    with pytest.raises(OSError, match=r"installed outside its repository .* pass --data-dir FOLDER"):
        download_mnist(mirrors=["http://127.0.0.1:9/"], log=print)


def test_an_interrupt_just_after_the_part_file_is_made_leaves_nothing(monkeypatch, tmp_path):
    from logreg_from_scratch import fetch

    def interrupted(url, timeout):
        assert list(tmp_path.glob(".*.part"))  # the file exists: the worst moment to stop
        raise KeyboardInterrupt

    monkeypatch.setattr(fetch.urllib.request, "urlopen", interrupted)
    with pytest.raises(KeyboardInterrupt):
        download_mnist(tmp_path, mirrors=["http://127.0.0.1:9/"], checksums=ONE_FILE, log=print)
    assert list(tmp_path.iterdir()) == []


# --- the data commands' one home, a folder as a mirror (issue 20's probe) --------------
def test_the_data_commands_have_one_home(tmp_path):
    verified = subprocess.run([sys.executable, "-m", "logreg_from_scratch.fetch", "verify"],
                              capture_output=True, text=True, timeout=60)
    assert verified.returncode == 0 and verified.stdout.count("checksum OK") == 4
    assert verified.stderr == ""
    old = subprocess.run([sys.executable, "-m", "logreg_from_scratch.idx_data", "verify"],
                         capture_output=True, text=True, timeout=60)
    assert old.returncode == 1 and old.stdout == ""
    assert old.stderr == ("the data commands are: python -m logreg_from_scratch.fetch download "
                          "(or verify) [--data-dir DIR]\n")


def test_a_folder_of_the_files_serves_as_a_file_url_mirror(tmp_path, capsys):
    for name in MNIST_NAMES[:3]:  # present: only the small labels file is fetched
        shutil.copy(DATA_DIR / f"{name}.gz", tmp_path)
    assert main(["download", "--data-dir", str(tmp_path), "--mirror",
                 DATA_DIR.resolve().as_uri() + "/"]) == 0
    out = capsys.readouterr().out
    assert out.count("checksum OK") == 4 and f"fetched {DATA_DIR.resolve().as_uri()}/" in out
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        f"{name}.gz" for name in MNIST_NAMES)
