"""Shared fixtures: the seed's slice of MNIST, loaded once per test session; the book."""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# One BLAS thread in the tests and in every process they start (chapters, kernels, the book):
# with two of them per process, the processes running side by side would spin-wait for each
# other's cores.  The training loop runs on one thread anyway (optimize.py).
os.environ["OPENBLAS_NUM_THREADS"] = os.environ["OMP_NUM_THREADS"] = "1"
# Freed memory kept for reuse, in the tests and every process they start: glibc's malloc
# otherwise hands each large array (the 50,000 x 784 pixels, 314 MB) back to the system as it
# is freed and takes fresh pages for the next, which the system must zero; that work was half
# the time of chapters 5 and 9 and a third of the suite's (measured on the project's machine:
# chapter 9 10.7 s -> 4.5 s).  Nothing computed changes: only where the memory comes from.
MALLOC = {"MALLOC_MMAP_THRESHOLD_": 2**31 - 1, "MALLOC_TRIM_THRESHOLD_": 2**31 - 1}
os.environ.update({name: str(value) for name, value in MALLOC.items()})
if sys.platform.startswith("linux"):  # this process read them as it started: set them now
    import ctypes
    import ctypes.util
    _libc = ctypes.CDLL(ctypes.util.find_library("c"))
    if hasattr(_libc, "mallopt"):  # glibc's (M_TRIM_THRESHOLD -1, M_MMAP_THRESHOLD -3)
        _libc.mallopt(-1, MALLOC["MALLOC_TRIM_THRESHOLD_"])
        _libc.mallopt(-3, MALLOC["MALLOC_MMAP_THRESHOLD_"])

import numpy as np  # noqa: E402  (after the thread setting, which numpy reads as it loads)
import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from logreg_from_scratch.idx_data import load_mnist  # noqa: E402

import warning_policy  # noqa: E402

threadpool_limits(1, "blas")  # in case numpy was loaded before this file


def pytest_configure(config):
    for line in warning_policy.pytest_lines():  # after setup.cfg's "error": they take precedence
        config.addinivalue_line("filterwarnings", line)


settings.register_profile("logreg", deadline=None, max_examples=100)  # hypothesis's default
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
# Long jobs started as the tests start and run beside them, on the other core: the book's
# build, the chapters run as notebooks in a kernel, and the answers to the experiment
# exercises made again from real runs.
#: The README's class-grading command, after "python -m logreg_from_scratch.exercises"
README_CLASS_COMMAND = ["check", "--time-limit", "5", "--report", "grades.csv",
                        "submissions/ada/", "submissions/bob/", "submissions/cy/"]
#: Inputs a property for the other correct formulations: half the grader's, to keep the
#: suite in its time (the package itself is held to the full 100, tests/test_exercises.py)
OTHER_CORRECT_EXAMPLES = 50
ANSWERS_SPLIT = 6  # chapters 1-6 and 7-11: about half the answers' time each
#: Each job: the fixture that waits for it, and its command
BACKGROUND = {
    "book": ("book", lambda folder: [
        sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html", str(ROOT / "book"),
        str(folder / "html"), "-d", str(folder / "doctrees")]),
    "notebooks": ("notebook_runs", lambda folder: [
        sys.executable, str(ROOT / "tests" / "notebook_runs.py"), str(folder / "runs")]),
    # in two halves, so that the last of the jobs to end is shorter
    "answers": ("answers_now", lambda folder: [
        sys.executable, "-W", "error", "-c", "from logreg_from_scratch.exercises.answers import "
        f"answers; print(answers(0, {ANSWERS_SPLIT}), end='')"]),
    "answers_end": ("answers_now", lambda folder: [
        sys.executable, "-W", "error", "-c", "from logreg_from_scratch.exercises.answers import "
        f"answers; print(answers({ANSWERS_SPLIT}), end='')"]),
    # the grader's command on a file of correct formulations other than the package's
    "other_correct": ("other_correct", lambda folder: [
        sys.executable, "-W", "error", "-m", "logreg_from_scratch.exercises", "check",
        "--examples", str(OTHER_CORRECT_EXAMPLES), "tests/other_correct.py"]),
    # the grader's command on student files written to break it: those about the time
    # limit in one run with a short limit, the others in one run with the default
    "hostile": ("hostile", lambda folder: [
        sys.executable, "-W", "error", "-m", "logreg_from_scratch.exercises", "check",
        *hostile_files(timed=False)]),
    "hostile_timed": ("hostile", lambda folder: [
        sys.executable, "-W", "error", "-m", "logreg_from_scratch.exercises", "check",
        "--time-limit", "2", *hostile_files(timed=True)]),
    # and on a class of three, one folder a student, into a CSV report: the README's
    # command, in a folder holding a copy of tests/class/ as submissions/
    "class": ("class_report", lambda folder: [
        sys.executable, "-W", "error", "-c", "import os, runpy, shutil, sys; "
        f"shutil.copytree({str(ROOT / 'tests' / 'class')!r}, {str(folder / 'submissions')!r}); "
        f"os.chdir({str(folder)!r}); sys.argv[1:] = {README_CLASS_COMMAND!r}; "
        "runpy.run_module('logreg_from_scratch.exercises', run_name='__main__')"]),
}
JOBS = {}
#: The hostile files graded with a short time limit: those that loop or sleep, and two
#: wrong functions whose failure may take longer than the limit to shrink (a21 with the
#: floors' hypothesis, a33 always): they still get their property's FAIL
HOSTILE_TIMED = ("a11_loop.py", "a12_loop_at_import.py", "a13_sleep.py",
                 "a21_deskew_two_images.py", "a33_slow_and_wrong.py")


def hostile_files(timed):
    """The paths of tests/hostile/'s files, those in HOSTILE_TIMED or the others, sorted."""
    return sorted(str(path.relative_to(ROOT)) for path in (ROOT / "tests" / "hostile").glob(
        "a*.py") if (path.name in HOSTILE_TIMED) == timed)


#: The fixtures that wait for a background job
WAITING = sorted({fixture for fixture, _ in BACKGROUND.values()})
#: The test files that start a chapter, a kernel or a browser in a process of their own
SLOW_FILES = ("test_chapters.py", "test_notebooks.py", "test_browser.py")


@pytest.hookimpl(tryfirst=True)  # before -m reads the marks
def pytest_collection_modifyitems(items):
    """The tests that wait for a background job, or that start a process of their own, are
    marked slow (``pytest -m "not slow"`` is the quick loop); those that wait run last:
    meanwhile the others run (not at the end, when one core would idle)."""
    for item in items:
        if item.path.name in SLOW_FILES or any(name in item.fixturenames for name in WAITING):
            item.add_marker(pytest.mark.slow)
    items.sort(key=lambda item: any(name in item.fixturenames for name in WAITING))


def pytest_collection_finish(session):
    """Start the background jobs that the selected tests wait for.

    Each runs on one BLAS thread, beside the tests and each other.
    """
    wanted = {name for item in session.items for name in item.fixturenames}
    for name, (fixture, command) in BACKGROUND.items():
        if fixture not in wanted:
            continue
        if name == "book":  # from clean: every chapter runs
            shutil.rmtree(ROOT / "book" / "chapters", ignore_errors=True)
        folder = Path(tempfile.mkdtemp(prefix=f"{name}-"))
        out, err = open(folder / "out", "w+"), open(folder / "err", "w+")
        # at the priorities below (the grader's time limits count processor time, which a
        # wait for a core does not use)
        JOBS[name] = {"folder": folder, "out": out, "err": err, "process": subprocess.Popen(
            command(folder), stdout=out, stderr=err, cwd=ROOT,
            preexec_fn=None if name == "book" else lower_priority)}
    if "book" in JOBS:
        os.nice(TESTS_NICENESS)


# Priorities, so that both cores stay busy to the end: the book (the longest job, one
# process) first; then the tests; the other jobs last, on what is left (they are many, and
# at an equal priority they would take a core from the tests, which then end long after).
TESTS_NICENESS = 5   # the pytest process, once the book has started (the book's is 0)
JOBS_NICENESS = 19   # the other jobs'


def lower_priority():
    os.nice(JOBS_NICENESS)


def ended(name):
    """Wait for background job `name`: its folder, what it printed, and its exit code."""
    job = JOBS[name]
    job["process"].wait(timeout=900)
    job["out"].seek(0)
    job["err"].seek(0)
    return job["folder"], job["out"].read(), job["err"].read(), job["process"].returncode


def finished(name):
    """Wait for background job `name`: its folder and what it printed (it must have succeeded)."""
    folder, out, err, code = ended(name)
    assert code == 0, (out + err)[-5000:]
    return folder, out, err


@pytest.fixture(scope="session")
def book():
    """The built book's HTML folder, and its build's output (Sphinx's warnings as errors)."""
    folder, out, err = finished("book")
    return folder / "html", out + err


@pytest.fixture(scope="session")
def notebook_runs():
    """The folder of the chapters executed as notebooks in a kernel (tests/notebook_runs.py)."""
    folder, _, _ = finished("notebooks")
    return folder / "runs"


@pytest.fixture(scope="session")
def hostile():
    """What the grader's two runs over tests/hostile/ printed, and their exit codes:
    [(out, err, code) of the default limit's run, (...) of the short limit's]."""
    return [ended(name)[1:] for name in ("hostile", "hostile_timed")]


@pytest.fixture(scope="session")
def class_report():
    """What the grader's command printed for tests/class/, its exit code and its CSV."""
    folder, out, err, code = ended("class")
    report = folder / "grades.csv"  # the README's command writes it there
    return out, err, code, report.read_text() if report.exists() else None


@pytest.fixture(scope="session")
def other_correct():
    """What ``check tests/other_correct.py`` printed (it exited 0: every function passed)."""
    _, out, err = finished("other_correct")
    assert err == ""
    return out


@pytest.fixture(scope="session")
def answers_now():
    """exercises/ANSWERS.md as the experiment runs make it today (warnings as errors)."""
    (_, out, err), (_, end, end_err) = finished("answers"), finished("answers_end")
    assert err == end_err == ""
    return out + "\n" + end


def pytest_sessionfinish(session):
    for job in JOBS.values():
        if job["process"].poll() is None:
            job["process"].kill()
            job["process"].wait()
        job["out"].close()
        job["err"].close()
        shutil.rmtree(job["folder"], ignore_errors=True)
