"""A grader a teacher can trust: student code that exits, hangs, crashes, prints megabytes,
changes numpy's settings or patches the package gets a FAIL that says so, and changes no
other verdict, nor the exit code, nor the run.

The student files are tests/hostile/ (two runs of the command beside the other tests, one
over the files that loop or sleep with a short time limit, one over the others with the
default: conftest.py) and tests/class/ (a class of three, with --report).
"""
import csv
import io
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import README_CLASS_COMMAND

from logreg_from_scratch.exercises.__main__ import main
from logreg_from_scratch.exercises.files import check, shorten
from logreg_from_scratch.exercises.sandbox import KEPT, run

ROOT = Path(__file__).resolve().parent.parent

#: Each hostile file's verdict line(s) (issue 20's probe, one file a trick)
HOSTILE = {
    "a01_sys_exit.py": r"sigmoid: FAIL .*: sigmoid\(0\.0\) called sys\.exit\(0\)\. Hint: return",
    "a02_raise_systemexit.py": r"sigmoid: FAIL .* called sys\.exit\(None\)",
    "a03_os_exit.py": r"sigmoid: FAIL ended its process \(exit code 0, os\._exit\?\) without an "
                      r"answer\. Hint: return the result",
    "a04_seterr_ignore.py": r"sigmoid: FAIL leaves the grader's settings as they are: "
                            r"a04_seterr_ignore\.py, when imported, changed numpy's error "
                            r"settings \(np\.seterr\)",
    "a05_seterr_raise.py": r"log_sigmoid: FAIL .* changed numpy's error settings \(np\.seterr\)",
    "a06_correct_after_raise.py": r"sigmoid: PASS",  # not failed by the file before it
    "a07_patches_the_package.py": r"cross_entropy: FAIL leaves the grader's settings as they "
                                  r"are: .* changed the package's "
                                  r"logreg_from_scratch\.sigmoid\.log_sigmoid",
    "a08_cost_after_patch.py": r"cross_entropy: PASS",  # graded against the true reference
    "a09_chdir.py": r"predict: PASS",
    "a10_pass_in_message.py": r"sigmoid: FAIL .* raised ValueError: sigmoid: PASS",
    "a11_loop.py": r"sigmoid: FAIL computed for 2 s without an answer \(an endless loop\?\)\. "
                   r"Hint: .*--time-limit 4 allows more",
    "a12_loop_at_import.py": r"a12_loop_at_import\.py: FAIL could not import it: it computed "
                             r"for 2 s without an answer",
    "a13_sleep.py": r"sigmoid: FAIL slept 2 s without an answer \(time\.sleep\? waiting for "
                    r"something\?\)",
    "a14_propagate_two.py": r"propagate: FAIL .* returned \(.*\), expected \(cost, dw, db\)\. "
                            r"Hint: dw has w's shape",
    "a15_propagate_none.py": r"propagate: FAIL .* returned None, expected \(cost, dw, db\)",
    "a16_flaky.py": r"sigmoid: FAIL agrees with .*: sigmoid\(\.\.\.\) gave different results for "
                    r"the same input, called twice.*Hint: the same input must give the same "
                    r"result",
    "a17_keyboard_interrupt.py": r"sigmoid: FAIL .* raised KeyboardInterrupt\. Hint: only the "
                                 r"person at the keyboard",
    "a18_moments_short.py": r"moments: FAIL .* returned \(array.*\), expected \(u_bar, v_bar, "
                            r"var_u, cov\)",
    "a19_sigmoid_arrays_only.py": r"sigmoid: FAIL .*: sigmoid\(0\.0\) raised AttributeError: "
                                  r"'float' object has no attribute 'ndim'",
    "a20_deskew_clips.py": r"deskew: FAIL matches scipy\.ndimage\.affine_transform .*: "
                           r"deskew\(images\(.*\)\) returned images\(",  # raw pixels drawn
    # graded in 2 s, though shrinking its failure takes 3.2 s with the floors' hypothesis
    "a21_deskew_two_images.py": r"deskew: FAIL .*: deskew\(images\([^;]*;[^;]*;.*\)\) returned",
    "a22_descent_one_model.py": r"gradient_descent: FAIL .*: gradient_descent\(array\(\[\[.*"
                                r"\) raised TypeError",  # k one-vs-rest models drawn
    "a23_expit.py": r"sigmoid: PASS",  # an alias is graded, not "defines none"
    "a24_vectorize_partial.py": r"sigmoid: PASS .*\n  log_sigmoid: PASS",
    "a25_recursion.py": r"sigmoid: FAIL .* raised RecursionError: .*Hint: the function calls "
                        r"itself",
    "a26_memory.py": r"sigmoid: FAIL .* raised MemoryError: .*Hint: it asked for more memory",
    "a27_floating_point_error.py": r"sigmoid: FAIL .* raised FloatingPointError: overflow.*"
                                   r"Hint: NumPy raised on an overflow",
    "a28_errstate_ignore.py": r"sigmoid: FAIL never silences warnings: .*: sigmoid does\.",
    "a29_half_finished.py": r"sigmoid: FAIL .* raised NotImplementedError for \d+ of the inputs "
                            r"tried, expected a result for every input\. Hint: finish it",
    "a30_prints.py": r"sigmoid: PASS .*\n    it printed:\n    \| sigmoid of .* \.\.\.\n"
                     r"    \| \.\.\. \(\d,\d{3},\d{3} bytes printed in all\)",
    "a31_segfault.py": r"sigmoid: FAIL was killed by SIGSEGV, a crash\. Hint: ctypes",
    "a32_last_and_right.py": r"log_one_minus_sigmoid: PASS",  # graded: nothing stopped the run
    # slow and wrong: the search for a smaller failing input stops 1 s before the 2 s are
    # up, and the failure found so far is the verdict (not "computed for 2 s without ...")
    "a33_slow_and_wrong.py": r"deskew: FAIL matches scipy\.ndimage\.affine_transform .*: "
                             r"deskew\(images\(.*\)\) returned images\(",
}


def blocks(out):
    """{file name: its verdict lines} from the command's output."""
    found, name = {}, None
    for line in out.splitlines():
        if not line.startswith(" "):
            name = Path(line).name
            found[name] = []
        else:
            found[name].append(line)
    return {name: "\n".join(lines) for name, lines in found.items()}


def test_each_hostile_file_gets_its_own_verdict_and_none_stops_the_run(hostile):
    verdicts = {}
    for out, err, code in hostile:
        assert err == ""
        assert code == 1  # from the verdicts: FAILs in each run (a10's message says ": PASS ")
        assert len(out) < 20_000  # 2 MB printed by a30 is shown in a few lines
        verdicts.update(blocks(out))
    assert sorted(verdicts) == sorted(HOSTILE) == sorted(
        path.name for path in (ROOT / "tests" / "hostile").glob("a*.py"))
    for name, said in HOSTILE.items():
        assert re.search(said, verdicts[name]), (name, verdicts[name])


def test_a_class_is_graded_into_a_table_whatever_one_student_does(class_report):
    out, err, code, table = class_report
    assert err == "" and code == 1
    rows = list(csv.DictReader(io.StringIO(table)))
    assert [(row["student"], row["file"], row["function"], row["verdict"]) for row in rows] == [
        ("ada", "e1_sigmoid.py", "sigmoid", "PASS"),
        ("ada", "e1_sigmoid.py", "log_sigmoid", "PASS"),
        ("ada", "e2_cost.py", "cross_entropy", "PASS"),
        ("ada", "e3_gradients.py", "propagate", "PASS"),  # from e1_sigmoid import sigmoid
        ("bob", "e1_sigmoid.py", "sigmoid", "FAIL"),
        ("bob", "e1_sigmoid.py", "log_sigmoid", "FAIL"),
        ("bob", "e2_cost.py", "", "FAIL")]
    assert [row["property"] for row in rows[4:]] == [
        "ended its process (exit code 0, os._exit?) without an answer",
        "computed for 5 s without an answer", "could not import it: it called sys.exit('no')"]
    assert all(float(row["seconds"]) >= 0 for row in rows)
    assert float(rows[5]["seconds"]) >= 5  # the loop, stopped at the time limit
    assert "  ada: 4 of 4 passed" in out
    assert "  bob: 0 of 3 passed" in out
    assert "  cy: 0 of 0 passed (no exercise files)" in out
    assert "could not import it: it called sys.exit('no')" in out
    # the exercises' page shows this run: its command and, line for line, what it printed
    readme = (ROOT / "exercises" / "README.md").read_text()
    command = re.search(r"^    \.venv/bin/python -m logreg_from_scratch\.exercises "
                        r"(check .*--report .*)$", readme, re.MULTILINE).group(1).split()
    assert command[:-1] + [f"submissions/{who}/" for who in ("ada", "bob", "cy")] == (
        README_CLASS_COMMAND)
    shown = readme.split("<!-- the class's grading, checked by tests/test_grader.py -->\n")[1]
    assert [line[4:] for line in shown.split("\n\n")[0].splitlines()] == out.splitlines()
    assert f"then `{table.splitlines()[1].rsplit(',', 1)[0]}," in readme


def test_the_exit_code_comes_from_the_verdicts(tmp_path, capsys):
    right = tmp_path / "right.py"
    right.write_text("import numpy as np\n\ndef log_sigmoid(z):\n    return -np.logaddexp(0, -z)\n")
    assert main(["check", str(right)]) == 0
    sly = tmp_path / "sly.py"  # prints the line a pass would, then fails
    sly.write_text("def sigmoid(z):\n    print('sigmoid: PASS (2 properties)')\n    return z\n")
    assert main(["check", str(sly)]) == 1
    assert "sigmoid: FAIL" in capsys.readouterr().out


@pytest.mark.slow  # tests/conftest.py: the quick loop leaves it out
def test_ctrl_c_ends_the_run_in_one_line(tmp_path):
    endless = tmp_path / "endless.py"
    endless.write_text("import time\n\ndef sigmoid(z):\n    time.sleep(600)\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "logreg_from_scratch.exercises", "check", str(endless)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
        cwd=ROOT)
    time.sleep(2)  # grading has begun: the child sleeps
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C in a terminal: the whole group
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err.strip() == "interrupted (Ctrl-C): the functions not yet graded have no verdict"
    assert "Traceback" not in out + err


@pytest.mark.parametrize("arguments, message", [
    (["check", "tests/class"], "check: error: no exercise files (e1_sigmoid.py ...) in the "
                               "folder tests/class"),
    (["check", "README.md"], "check: error: README.md is not a Python file: name the .py "
                             "exercise files, or their folder"),
    (["check", "no/such.py"], "check: error: no such file or folder: no/such.py"),
    (["check", "--report", "r.csv", "tests/other_correct.py"],
     "check: error: with --report, name one folder a student, not a file"),
    (["check", "--time-limit", "0", "x.py"], "argument --time-limit: must be a number of "
                                             "seconds > 0, got 0"),
])
def test_a_path_that_cannot_be_graded_is_one_line(arguments, message, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    with pytest.raises(SystemExit) as stop:
        main(arguments)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_new_refuses_a_place_it_cannot_write_before_writing_anything(tmp_path, capsys):
    (tmp_path / "a_file").write_text("")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere" / "at_all")
    taken = tmp_path / "mine"
    taken.mkdir()
    (taken / "e5_predict.py").write_text("# my work")
    for folder, said in [(tmp_path / "a_file", "is a file, not a folder"),
                         (tmp_path / "a_file" / "below", "cannot make the folder"),
                         (Path("/proc/exercises"), "cannot make the folder"),
                         (tmp_path / "dangling", "which does not exist: choose a folder"),
                         (taken, "e5_predict.py exists: choose an empty folder")]:
        with pytest.raises(SystemExit) as stop:
            main(["new", str(folder)])
        err = capsys.readouterr().err
        assert stop.value.code == 2 and said in err and err.count("\n") == 1, err
    assert sorted(path.name for path in taken.iterdir()) == ["e5_predict.py"]  # nothing written


def test_check_grades_a_function_written_in_this_process(capsys):
    namespace = {}
    exec("import numpy as np\n"
         "def sigmoid(z):\n"
         "    print('computing')\n"
         "    return 1 / (1 + np.exp(-z))\n"
         "def log_sigmoid(z):\n"
         "    while True:\n"
         "        pass\n", namespace)
    assert check(namespace["sigmoid"]) is False
    out = capsys.readouterr().out
    assert out.startswith("sigmoid: FAIL no warning for any finite z, however large: "
                          "sigmoid(-710.0) warned RuntimeWarning: overflow encountered in exp.")
    assert "  it printed:\n  | computing\n" in out
    assert check(namespace["log_sigmoid"], time_limit=1) is False
    assert ("log_sigmoid: FAIL computed for 1 s without an answer (an endless loop?). Hint: "
            "grading a correct function takes a few seconds; check(log_sigmoid, time_limit=2) "
            "allows more") in capsys.readouterr().out
    with pytest.raises(ValueError, match="'helper' is not an exercise function"):
        check(lambda z: z, name="helper")


def test_the_sandbox_says_how_a_child_ended():
    ended = run(print, ("x" * (3 * KEPT),), time_limit=5)
    assert ended.why == ""  # an answer came back: print's None
    assert ended.printed_size == 3 * KEPT + 1 and len(ended.printed) == KEPT
    assert shorten(ended.printed, ended.printed_size).endswith(
        f"... ({3 * KEPT + 1:,} bytes printed in all)")
    assert run(divmod, (7, 2), time_limit=5).answer == (3, 1)
    assert run(os._exit, (7,), time_limit=5).why == (
        "ended its process (exit code 7, os._exit?) without an answer")
    assert run(time.sleep, (10,), time_limit=0.3).why == "slept 0.3 s without an answer"
    assert run(_spin, (), time_limit=1).why == "computed for 1 s without an answer"


def _spin():
    while True:
        pass


def test_answers_without_the_data_is_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LOGREG_DATA_DIR", str(tmp_path))  # an empty folder
    with pytest.raises(SystemExit) as stop:
        main(["answers"])
    err = capsys.readouterr().err
    assert stop.value.code == 1 and err.startswith("answers: error: MNIST file ")
    assert err.count("\n") == 1 and "fetch download" in err
