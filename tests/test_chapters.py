"""The chapters run with other options than their defaults, headless, figures in tmp_path.

Every chapter's full default run happens once a session, in the book's build,
and tests/test_book.py checks its output (chapter_checks.py): chapter 2's, the
main job, and the seed's numbers of chapters 3 and 4 among them.  The runs
here are in this process, as ``python chapters/NN.py OPTIONS`` would run them
(run_here), except those that need a process of their own: a chapter run from
another folder, one that exits on an error, and chapter 8, which starts a
busy process beside itself.
"""
import contextlib
import io
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import matplotlib.image
import pytest
from chapter_checks import CHAPTERS, NO_FIGURES, number


RUN_CHAPTER = Path(__file__).resolve().parent / "run_chapter.py"  # warnings as errors, as here
# in the environment of every chapter run here and of its children: tells them from the book's
MARK = ("LOGREG_TEST_RUN", str(os.getpid()))


def run(chapter, *options, cwd=None):
    return subprocess.run([sys.executable, str(RUN_CHAPTER), str(CHAPTERS / chapter),
                           *map(str, options)],
                          capture_output=True, text=True, timeout=120, cwd=cwd,
                          env={**os.environ, "MPLBACKEND": "Agg", MARK[0]: MARK[1]})


def run_here(chapter, *options, cwd):
    """Run a chapter inside this test process, as far as it gets before exiting.

    The same command line, output and exit code as ``run`` (warnings are errors
    here too), without paying for a new Python that imports NumPy, SciPy and
    matplotlib again, and loads the data into memory it has not used.
    """
    argv, here = sys.argv, os.getcwd()
    out, err = io.StringIO(), io.StringIO()
    sys.argv = [str(CHAPTERS / chapter), *map(str, options)]
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            runpy.run_path(sys.argv[0], run_name="__main__")
        code = 0
    except SystemExit as stop:
        code = stop.code
    finally:
        sys.argv = argv
        os.chdir(here)
    return subprocess.CompletedProcess(sys.argv, code, out.getvalue(), err.getvalue())


def ran(chapter, tmp_path, *options, alone=False):
    """What the chapter printed, run in this process, or in one of its own if `alone`."""
    outdir = [] if chapter in NO_FIGURES else ["--outdir", tmp_path]
    result = (run if alone else run_here)(chapter, *outdir, *options, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no warning of any kind
    return result.stdout


def assert_png(path, min_width=500, min_bytes=20_000):
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > min_bytes
    height, width, _ = matplotlib.image.imread(path).shape
    assert width >= min_width and height >= 300


def test_02_runs_at_exercise_3s_rates(tmp_path):
    """Exercise 3 of chapter 2: rate 0.05 climbs thousands of times above its start at the
    first step and then comes down; the chapter runs to the end (a short run is judged by
    overflow only, optimize.JUDGED_AFTER)."""
    out = ran("02_binary.py", tmp_path, "--rate", "0.05")
    before = [float(cost) for cost in re.findall(r"^before step \d: cost (\S+)$", out, re.MULTILINE)]
    assert before[1] > 1000 * before[0] and before[2] < before[1]
    assert re.search(r"^  largest difference in w 0\.0e\+00, in b 0\.0e\+00$", out, re.MULTILINE)
    assert number(r"^after 100 steps: cost (\S+)$", out) < number(r"^after  10 steps: cost (\S+)$",
                                                                   out)
    assert re.search(r"^test accuracy: \d+\.\d\d %$", out, re.MULTILINE)


def test_chapters_run_from_any_directory(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run("02_binary.py", "--iterations", 3, "--outdir", "figs", cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "figs" / "02_binary_cost.png").is_file()


BAD_OPTIONS = [
    (["--num-train", "-5"], "--num-train: must be a finite number > 0, got -5"),
    (["--num-test", "20000"], "asked for 20000 images from t10k-images-idx3-ubyte.gz, which holds 10000"),
    (["--rate", "0"], "--rate: must be a finite number > 0, got 0"),
    (["--iterations", "ten"], "--iterations: not a whole number: 'ten'"),
    (["--data-dir", "."], "MNIST file train-images-idx3-ubyte.gz not found in"),
]
OTHER_CHAPTERS = ["01_data.py", "03_multiclass.py", "04_weights.py", "05_softmax.py", "06_validation.py",
                  "07_checking.py", "08_speed.py", "09_deskew.py", "10_newton.py",
                  "11_probabilities.py"]


@pytest.mark.parametrize("chapter, options, message",
                         [("02_binary.py", *bad) for bad in BAD_OPTIONS]
                         + [(c, *BAD_OPTIONS[i]) for c in OTHER_CHAPTERS for i in (0, 4)]
                         + [("03_multiclass.py", ["--every", "0"], "--every: must be a finite number > 0"),
                            ("05_softmax.py", ["--l2", "-1"], "--l2: must be a finite number >= 0"),
                            ("05_softmax.py", ["--momentum", "1"], "--momentum: must be a number from 0 up to (not including) 1, got 1.0"),
                            ("05_softmax.py", ["--dtype", "float16"], "--dtype: invalid choice: 'float16'"),
                            ("07_checking.py", ["--l2", "0"], "--l2: must be a finite number > 0"),
                            ("07_checking.py", ["--entries", "0"], "--entries: must be a finite number > 0"),
                            ("06_validation.py", ["--num-train", "60000"], "--num-train: at most 50000, got 60000"),
                            ("06_validation.py", ["--steps", "0"], "--steps: must be a finite number > 0"),
                            ("07_checking.py", ["--l2", "1e308"], "--l2: must be at most 1e6, got 1e308: a penalty that strong"),
                            ("10_newton.py", ["--l2", "1e308"], "--l2: must be at most 1e6, got 1e308: a penalty that strong"),
                            ("09_deskew.py", ["--rate", "-2"], "--rate: must be a finite number > 0, got -2"),
                            ("10_newton.py", ["--l2", "0"], "--l2: must be a finite number > 0"),
                            ("10_newton.py", ["--gd-steps", "0"], "--gd-steps: must be a finite number > 0"),
                            ("11_probabilities.py", ["--goal", "1.5"], "--goal: must be at most 1, got 1.5: a precision is a share"),
                            ("11_probabilities.py", ["--bins", "0"], "--bins: must be a finite number > 0"),
                            ("11_probabilities.py", ["--digit", "10"], "--digit: invalid choice: 10"),
                            ("11_probabilities.py", ["--rate", "1"], "unrecognized arguments: --rate 1"),
                            ("02_binary.py", ["--seed", "-1"], "--seed: must be a whole number >= 0, got -1"),
                            ("05_softmax.py", ["--seed", "x"], "--seed: not a whole number: 'x'"),
                            ("01_data.py", ["--rate", "1"], "unrecognized arguments: --rate 1"),
                            ("01_data.py", ["--iterations", "3"], "unrecognized arguments: --iterations 3"),
                            ("07_checking.py", ["--show"], "unrecognized arguments: --show"),
                            ("08_speed.py", ["--outdir", "x"], "unrecognized arguments: --outdir x")])
def test_bad_options_give_exit_code_2_and_one_line(chapter, options, message, tmp_path):
    outdir = [] if chapter in NO_FIGURES else ["--outdir", tmp_path]
    result = run_here(chapter, *options, *outdir, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert result.stderr.startswith(f"{chapter}: error: ")


@pytest.mark.parametrize("outdir, message", [
    ("a_file/figures", "argument --outdir: cannot make the folder a_file/figures: Not a directory"),
    ("/proc", "argument --outdir: cannot write into /proc"),  # even root cannot
    ("taken", "argument --outdir: taken/02_binary_cost.png is a folder, where a figure is to "
              "be saved: move it, or choose another --outdir"),
])
def test_an_unusable_outdir_is_one_line_before_any_training(tmp_path, outdir, message):
    (tmp_path / "a_file").write_text("")
    (tmp_path / "taken" / "02_binary_cost.png").mkdir(parents=True)
    result = run_here("02_binary.py", "--outdir", outdir, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""  # nothing trained, nothing printed
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr


def test_01_titles_one_digit_in_the_singular(tmp_path):
    assert "figure: 1 MNIST test digit (picked" in ran("01_data.py", tmp_path, "--num-test", 1,
                                                       "--num-train", 100)


def test_a_diverging_rate_is_one_clear_line(tmp_path):
    result = run("02_binary.py", "--rate", "1e306", "--outdir", tmp_path, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("error: training diverged at step 1 with rate 1e+306")
    assert "smaller rate" in result.stderr and "Traceback" not in result.stderr
    result = run("10_newton.py", "--rate", "200", "--num-train", "300", "--num-test", "10",
                 cwd=tmp_path)
    assert result.returncode == 1 and "rate 200: its cost climbed to" in result.stdout
    assert result.stderr == ("error: --rate 200.0: the cost climbed far above its start: try a "
                             "smaller --rate\n")


def test_help_lists_the_options():
    result = run_here("02_binary.py", "--help", cwd=".")
    assert result.returncode == 0
    for option in ("--num-train", "--num-test", "--iterations", "--rate", "--seed",
                   "--data-dir", "--outdir", "--show", "--digit"):
        assert option in result.stdout


def test_05_on_a_subset_in_float32_with_momentum_a_constant_rate_and_new_batches(tmp_path):
    """Chapter 5's options, in one run (its defaults run in the book, and on a subset of 3000
    images in a kernel: tests/test_notebooks.py)."""
    out = ran("05_softmax.py", tmp_path, "--num-train", 3000, "--num-test", 500, "--iterations", 2,
              "--dtype", "float32", "--momentum", "0.9", "--rate", "0.2", "--shuffle", "examples",
              "--decay", "none")
    assert out.startswith("3000 training, 10000 validation and 500 test images (float32)\n"
                          "batches of 100, rate 0.2 (constant), momentum 0.9\n"
                          "l2 0, random seed 0\n")
    # the loop written out is minibatch_sgd's, with these settings too (float32, momentum)
    steps, in_W, in_b = re.search(r"^(\d+) steps written out, and the same by "
                                  r"optimize\.minibatch_sgd:\n  the largest difference in W: "
                                  r"(\S+), in b: (\S+)$", out, re.MULTILINE).groups()
    assert steps == "20" and float(in_W) < 1e-5 and float(in_b) < 1e-5
    assert len(re.findall(r"^epoch +\d+ +cost \S+ +train +\S+ % +validation +\S+ % +\S+ s$",
                          out, re.MULTILINE)) == 2
    assert number(r"^first step's cost (\S+)", out) == 2.302585  # log 10 in float32 too
    assert number(r"^test accuracy: (\S+) % \(95 % interval \S+ to \S+ %, 500 images\)$",
                  out) > 80.0
    for name in ("05_cost.png", "05_confusion.png", "05_misclassified.png", "05_weights.png"):
        assert_png(tmp_path / name)


RATIOS = ("per-element log loop / vectorized log_sigmoid", "full-batch step / its two products",
          "mini-batch epoch / floor (one pass + products)", "full-batch step: float64 / float32",
          "chapter 5's training: float64 / float32", "training, 1 BLAS thread: core busy / idle",
          "an epoch, core busy: 2 BLAS threads / 1")


def spinners():
    """Processes still running the busy loop of a chapter 8 this test started.

    Not those of the book's build, which may be running chapter 8 meanwhile.
    """
    mark = "=".join(MARK).encode()
    found = []
    for process in Path("/proc").glob("[0-9]*"):
        try:
            if (b"while True: pass" in (process / "cmdline").read_bytes()
                    and mark in (process / "environ").read_bytes().split(b"\0")):
                found.append(process.name)
        except OSError:  # the process ended while we looked
            pass
    return found


def test_08_speed_prints_each_measurement_then_its_table(tmp_path):
    """In float32, with the busy core and scikit-learn; the book runs it in float64 without
    them (check_08_defaults)."""
    out = ran("08_speed.py", tmp_path, "--num-train", 2000, "--num-test", 500,
              "--iterations", 2, "--repeats", 1, "--dtype", "float32", alone=True)
    assert re.search(r"^X @ W and X\.T @ dZ, 2000 images, float32", out, re.MULTILINE)
    assert all(len(line) <= 80 for line in out.splitlines())  # the page's column
    assert number(r"^chapter 5's training: float64 / float32 .*\n +validation (\S+) % and",
                  out) > 70.0
    assert re.match(r"machine: [\s\S]+?, \d+\s+cores;\s+numpy\s+\S+;\s", out)
    assert number(r"^vectorized log_sigmoid, the same logits .*\n +values differ by at most "
                  r"(\S+)$", out) < 1e-12
    for line in ("one full-batch softmax step, float64", "one full-batch softmax step, float32",
                 "chapter 5's training, 2 epochs, float64", "one pass reading X"):
        # seconds, or milliseconds below 0.01 s, with four decimals
        assert re.search(rf"^{re.escape(line)} .* \d+\.\d{{4}} m?s$", out, re.MULTILINE), line
    assert number(r"^chapter 5's training, 2 epochs, float32 .*\n +validation accuracy (\S+) %;",
                  out) > 80.0
    joined = re.sub(r"\n {4}", " ", out)  # each wrapped note on its line's end
    assert re.search(r"^  paired, on the validation images: float64 right where float32 is "
                     r"wrong: \d+ images; float32 right where float64 is wrong: \d+; "
                     r"McNemar's exact p = ", joined, re.MULTILINE)
    table = out[out.index("\nratio "):]
    values = {what: float(re.search(rf"^{re.escape(what)} +([\d,.]+)", table, re.MULTILINE)
                          .group(1).replace(",", "")) for what in RATIOS}
    assert all(value > 0 for value in values.values())  # times are for benchmarks, not tests
    assert not spinners(), "chapter 8 left its busy process running"
    try:
        import sklearn  # noqa: F401  (optional: compared when installed)
        assert number(r"^scikit-learn \S+ LogisticRegression.*\n +validation accuracy (\S+) %",
                      out) > 80.0
        assert re.search(r"^  paired, on the validation images: scikit-learn right where "
                         r"chapter 5 is wrong: \d+ images; chapter 5 right where scikit-learn "
                         r"is wrong: \d+; McNemar", joined, re.MULTILINE)
    except ImportError:
        assert "scikit-learn: not installed (pip install scikit-learn to compare)" in out
