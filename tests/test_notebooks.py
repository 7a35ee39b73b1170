"""The chapters as a student runs them in Jupyter and IPython.

Each chapter is converted to a notebook by jupytext, with the repository's
``jupytext.toml``, as Jupyter opens it, and executed cell by cell in a real
kernel (nbclient, by tests/notebook_runs.py, beside the other tests): small
settings in its ARGS line, figures inline.
``%run`` and ``ipython chapter.py -- ...`` honour their arguments, and a
mistake is one readable line.
"""
import re
import subprocess
import sys
import textwrap

import jupytext
import nbformat
import pytest
from chapter_checks import CHAPTERS, DRAWS
from notebook_runs import CONFIG, SMALL, execute, notebook, start_kernel


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    """One real Python kernel for this file's own cells, started once."""
    manager = start_kernel(tmp_path_factory.mktemp("kernel"))
    yield manager
    manager.shutdown_kernel(now=True)


def outputs(nb, kind):
    return [output for cell in nb.cells if cell.cell_type == "code"
            for output in cell.outputs if output.output_type == kind]


def stdout(nb):
    return "".join(output.text for output in outputs(nb, "stream") if output.name == "stdout")


def test_a_chapter_saved_from_jupyter_is_the_same_script():
    for path in sorted(CHAPTERS.glob("[0-9][0-9]_*.py")):
        nb = notebook(path.name)
        first = nb.cells[0]
        assert first.cell_type == "markdown", path.name  # the text, not an echoed string
        assert re.match(rf"Chapter {int(path.name[:2])}\. .+\n=+\n", first.source), path.name
        kinds = [cell.cell_type for cell in nb.cells[1:]]
        assert kinds.count("markdown") >= 3 and "code" in kinds  # text beside the code
        for cell in nb.cells[1:]:  # no text cell is a code cell of comments, nor the reverse
            if cell.cell_type == "code":
                assert not all(line.startswith("#") or not line.strip()
                               for line in cell.source.splitlines()), (path.name, cell.source)
        assert jupytext.writes(nb, "py:percent", config=CONFIG) == path.read_text(), path.name


@pytest.mark.parametrize("chapter", sorted(SMALL))
def test_each_chapter_runs_cell_by_cell_in_a_kernel(chapter, notebook_runs):
    options = [cell for cell in notebook(chapter).cells if 'ARGS = ""' in cell.source]
    assert len(options) == 1, "the options cell has the one line a student edits"
    # run by notebook_runs.py beside the other tests: SMALL's settings in the ARGS line
    nb = nbformat.read(notebook_runs / f"{chapter[:-3]}.ipynb", as_version=4)
    args = nb.metadata["args"]
    assert args.startswith(SMALL[chapter][0])

    assert outputs(nb, "error") == []
    assert outputs(nb, "execute_result") == []  # no cell echoes a value as Out[]
    assert [o.text for o in outputs(nb, "stream") if o.name == "stderr"] == []  # no warning
    out = stdout(nb)
    assert f"Run cell by cell, with ARGS = {args!r}:\n  --" in out  # the settings are shown
    settings = out.split(f"Run cell by cell, with ARGS = {args!r}:\n")[1].split("\n(edit")[0]
    assert all(len(line) <= 80 for line in settings.splitlines())  # wrapped to the page
    assert re.search(SMALL[chapter][1], out, re.MULTILINE), out
    assert "figures left open: 0" in out  # none pile up over a notebook
    images = [o for o in outputs(nb, "display_data") if "image/png" in o.data]
    saved = sorted((notebook_runs / chapter[:-3]).glob("*.png"))
    assert len(images) == len(saved) == out.count("\nsaved ")  # each one inline, once
    assert (len(saved) > 0) == (chapter in DRAWS)


def test_run_magic_honours_its_arguments_and_errors_are_one_line(kernel, tmp_path):
    chapter = CHAPTERS / "02_binary.py"
    cells = [f"%run {chapter} --digit 7 --num-train 500 --iterations 5 --outdir {tmp_path}",
             f"%run {chapter} --rate -1",
             f"%run {chapter} --help",
             "from logreg_from_scratch.chapter import chapter_parser, parse\n"
             "parse(chapter_parser('', num_train=1, num_test=1), '--num-train x')",
             "parse(chapter_parser('', num_train=1, num_test=1), '--seed \"1')",
             "parse(chapter_parser('', num_train=1, num_test=1), '--help')"]
    nb = execute(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]),
                 kernel, tmp_path)
    digit7, bad_rate, help_, bad_cell, bad_quote, cell_help = nb.cells

    assert digit7.outputs[0].text.startswith("Is it a 7?  500 training images")
    figures = [o for o in digit7.outputs if o.output_type == "display_data"]
    assert len(figures) == 1 and "image/png" in figures[0].data  # the figure, inline, once
    assert (tmp_path / "02_binary_cost.png").exists()

    def one_line(cell):
        [error] = [o for o in cell.outputs if o.output_type == "error"]
        assert len(error.traceback) == 1 and "Traceback" not in error.traceback[0]
        return error.traceback[0]

    assert one_line(bad_rate) == ("02_binary.py: error: argument --rate: must be a finite "
                                  "number > 0, got -1 (see --help)")
    assert "--digit" in help_.outputs[0].text and not [
        o for o in help_.outputs if o.output_type == "error"]  # %run ends quietly after --help
    assert one_line(bad_cell) == ("ARGS: error: argument --num-train: not a whole number: "
                                  "'x' (see --help)")
    assert one_line(bad_quote).startswith("ARGS: error: ARGS = '--seed \"1': No closing quotation")
    assert one_line(cell_help) == ("the options are listed above; take --help out of ARGS to "
                                   "run the chapter")


def test_ipython_passes_what_follows_the_double_dash(tmp_path):
    def ipython(*options):
        return subprocess.run([sys.executable, "-m", "IPython", "--no-banner", "--colors=nocolor",
                               str(CHAPTERS / "02_binary.py"), "--", *options],
                              capture_output=True, text=True, timeout=120, cwd=tmp_path,
                              env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin",
                                   "HOME": str(tmp_path)})

    result = ipython("--digit", "7", "--num-train", "500", "--iterations", "5",
                     "--outdir", str(tmp_path))
    assert result.stdout.startswith("Is it a 7?  500 training images"), result.stderr
    bad = ipython("--rate", "-1")
    assert "02_binary.py: error: argument --rate: must be a finite number > 0, got -1" in (
        bad.stdout + bad.stderr)
    assert "Traceback" not in bad.stdout + bad.stderr and "Is it a" not in bad.stdout


def test_a_function_written_in_a_notebook_is_graded_there(kernel, tmp_path):
    """``check(f)`` in a real kernel: the exercises' page's example, a hang under the time limit, and
    an exercise file opened as a notebook, graded by its last cell."""
    readme = (CHAPTERS.parent / "exercises" / "README.md").read_text()
    shown = readme.split("<!-- check's output, checked by tests/test_notebooks.py -->\n")[1]
    example = readme.split("<!-- check's output")[0].rsplit("under the same time limit:\n", 1)[1]
    code = textwrap.dedent(example).strip()
    cells = ["import numpy as np\n" + code,
             "def log_sigmoid(z):\n    while True:\n        pass\n\n"
             "print(check(log_sigmoid, time_limit=1))"]
    exercise = jupytext.read(CHAPTERS.parent / "exercises" / "e9_uncertainty.py")
    nb = execute(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells]
                                          + exercise.cells), kernel, tmp_path)
    readme_cell, hang = nb.cells[:2]
    assert stdout(nbformat.v4.new_notebook(cells=[readme_cell])).splitlines() == [
        line[4:] for line in shown.split("\n\n")[0].splitlines()]
    assert stdout(nbformat.v4.new_notebook(cells=[hang])) == (
        "log_sigmoid: FAIL computed for 1 s without an answer (an endless loop?). Hint: grading "
        "a correct function takes a few seconds; check(log_sigmoid, time_limit=2) allows more\n"
        "False\n")
    kinds = [cell.cell_type for cell in exercise.cells]
    assert kinds == ["markdown", "code", "code", "code", "code"]  # text, imports, 2 functions, check
    assert outputs(nb, "error") == []
    assert stdout(nbformat.v4.new_notebook(cells=nb.cells[2:])) == (
        "wilson_interval: NOT STARTED (it still raises NotImplementedError)\n"
        "mcnemar: NOT STARTED (it still raises NotImplementedError)\n")
