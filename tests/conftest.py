"""Shared fixtures: the seed's slice of MNIST, loaded once per test session; the book."""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import settings

from logreg_from_scratch.idx_data import load_mnist

import warning_policy


def pytest_configure(config):
    for line in warning_policy.pytest_lines():  # after setup.cfg's "error": they take precedence
        config.addinivalue_line("filterwarnings", line)


settings.register_profile("logreg", deadline=None, max_examples=200)
settings.load_profile("logreg")


@pytest.fixture(scope="session")
def seed_data():
    """First 3000 training and 500 test images, raw 0-255 pixels, as the seed."""
    arrays = load_mnist(num_train=3000, num_test=500, scale=False)
    for array in arrays:
        array.flags.writeable = False  # a test that mutates shared data fails loudly
    return arrays


@pytest.fixture
def rng():
    return np.random.default_rng(20261128)


NOTES = []  # lines for the end of the run: what a test could only check loosely, and why


@pytest.fixture
def note():
    """``note(text)`` prints `text` in pytest's summary at the end of the run."""
    return NOTES.append


def pytest_terminal_summary(terminalreporter):
    if NOTES:
        terminalreporter.section("notes")
        for line in NOTES:
            terminalreporter.write_line(line)


ROOT = Path(__file__).resolve().parent.parent
BOOK = {}  # the book's build, started once a session, in the background


def pytest_collection_modifyitems(items):
    """The book's tests last: its build (below) then runs beside all the others."""
    items.sort(key=lambda item: item.path.name == "test_book.py")  # a stable sort


def pytest_collection_finish(session):
    """Start building the book as the tests start, if any test reads it.

    It takes half a minute, mostly running the chapters; the other tests
    run meanwhile, on the other core.
    """
    if not any(item.path.name == "test_book.py" for item in session.items):
        return
    shutil.rmtree(ROOT / "book" / "chapters", ignore_errors=True)  # from clean: every chapter runs
    folder = Path(tempfile.mkdtemp(prefix="book-"))
    log = open(folder / "build.log", "w+")
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html",
               str(ROOT / "book"), str(folder / "html"), "-d", str(folder / "doctrees")]
    BOOK.update(folder=folder, log=log,
                process=subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT))


@pytest.fixture(scope="session")
def book():
    """The built book's HTML folder, and its build's output (Sphinx's warnings as errors)."""
    process, log = BOOK["process"], BOOK["log"]
    process.wait(timeout=600)
    log.seek(0)
    output = log.read()
    assert process.returncode == 0, output[-5000:]
    return BOOK["folder"] / "html", output


def pytest_sessionfinish(session):
    if BOOK:
        if BOOK["process"].poll() is None:
            BOOK["process"].kill()
            BOOK["process"].wait()
        BOOK["log"].close()
        shutil.rmtree(BOOK["folder"], ignore_errors=True)
