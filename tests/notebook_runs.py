"""Every chapter run as a notebook in one real kernel, beside the other tests.

``python tests/notebook_runs.py FOLDER`` converts each chapter with jupytext
(the repository's ``jupytext.toml``, as Jupyter opens it), writes small
settings into its ARGS line, runs it cell by cell in a kernel (nbclient), and
saves the executed notebook as ``FOLDER/NN_name.ipynb``; the chapter's
figures go to ``FOLDER/NN_name/``.  The conftest starts it as the tests start
(the kernel works on the core the other tests leave idle), and
test_notebooks.py checks what it saved.
"""
import os
import sys
from pathlib import Path

import jupytext
import nbclient
import nbformat
from chapter_checks import CHAPTERS, DRAWS
from jupyter_client.manager import KernelManager
from jupytext.config import load_jupytext_configuration_file

CONFIG = load_jupytext_configuration_file(str(CHAPTERS.parent / "jupytext.toml"))

# Small settings where the full run is long, and a line each chapter must print.
SMALL = {
    "01_data.py": ("--num-train 2000 --num-test 500", r"^train count: "),
    "02_binary.py": ("--num-train 1000 --iterations 30", r"^test accuracy: \d+\.\d\d %$"),
    "03_multiclass.py": ("--num-train 1000 --iterations 20 --every 10",
                         r"^test accuracy: \d+\.\d\d %  \(run 2"),
    "04_weights.py": ("--num-train 1000 --iterations 20",
                      r"^test accuracy: \d+\.\d\d %  \(run 2: scaled pixels\)$"),
    "05_softmax.py": ("--num-train 3000 --num-test 500 --iterations 1",
                      r"^test accuracy: \d+\.\d\d % \(95 % interval \d+\.\d\d to \d+\.\d\d %, 500 images\)$"),
    "06_validation.py": ("--num-train 300 --num-test 500 --iterations 5 --steps 100",
                         r"^stopped after epoch \d+: test accuracy\n  \d+\.\d\d % \(95 %"),
    "07_checking.py": ("--num-train 100 --num-test 200 --iterations 100 --check-images 2 "
                       "--entries 50",
                       r"^test accuracy +\d+\.\d\d % +\d+\.\d\d %$"),
    "08_speed.py": ("--num-train 1000 --num-test 200 --iterations 1 --repeats 1 --no-busy "
                    "--no-sklearn", r"^chapter 5's training, 1 epoch, float64 .*\n +validation accuracy"),
    "09_deskew.py": ("--num-train 3000 --num-test 500 --iterations 1",
                     r"^  deskewed: train accuracy \d+\.\d\d %, test accuracy \d+\.\d\d %$"),
    "10_newton.py": ("--num-train 300 --num-test 100 --gd-steps 20",
                     r"they agree to 1e-8: yes$"),
    "11_probabilities.py": ("--num-train 3000 --num-test 2000",
                            r"^        accuracy \d+\.\d\d % \(the same predictions\)$"),
}
LEFT_OPEN = "import matplotlib.pyplot as plt\nprint('figures left open:', len(plt.get_fignums()))"


def notebook(chapter):
    """The chapter as Jupyter (with jupytext and the repository's settings) opens it."""
    return jupytext.read(CHAPTERS / chapter, config=CONFIG)


def start_kernel(cwd):
    """A real Python kernel, started as Jupyter starts it (about 2 s a start)."""
    manager = KernelManager(kernel_name="python3")
    # a headless shell's MPLBACKEND=Agg would stop inline figures
    env = {name: value for name, value in os.environ.items() if name != "MPLBACKEND"}
    manager.start_kernel(cwd=str(cwd), env=env)
    return manager


def execute(nb, kernel, cwd):
    """Run every cell in the kernel, emptied first as a new one would be; errors stay in the
    cells' outputs."""
    nb.cells.insert(0, nbformat.v4.new_code_cell(
        f"%reset -f\nimport os\nos.chdir({str(cwd)!r})"))
    client = nbclient.NotebookClient(nb, km=kernel, timeout=300, allow_errors=True)
    try:
        client.execute()
    finally:
        client.kc.stop_channels()  # the kernel may serve another notebook: only these close
    del nb.cells[0]
    return nb


def with_args(chapter, folder):
    """The chapter's notebook with SMALL's settings in its ARGS line (and --outdir FOLDER),
    and a last cell that counts the figures left open; or a message if it has no ARGS line."""
    args = SMALL[chapter][0] + (f" --outdir {folder}" if chapter in DRAWS else "")
    nb = notebook(chapter)
    options = [cell for cell in nb.cells if 'ARGS = ""' in cell.source]
    if len(options) != 1:
        return None, args
    options[0].source = options[0].source.replace('ARGS = ""', f"ARGS = {args!r}")
    nb.cells.append(nbformat.v4.new_code_cell(LEFT_OPEN))
    return nb, args


def main(folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    kernel = start_kernel(folder)
    try:
        for chapter in sorted(SMALL):
            figures = folder / chapter[:-3]
            figures.mkdir()
            nb, args = with_args(chapter, figures)
            if nb is not None:
                nb.metadata["args"] = args
                nbformat.write(execute(nb, kernel, figures), folder / f"{chapter[:-3]}.ipynb")
    finally:
        kernel.shutdown_kernel(now=True)


if __name__ == "__main__":
    main(sys.argv[1])
