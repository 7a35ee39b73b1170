"""Running a chapter in IPython, a Jupyter kernel or the book's builder.

A chapter is a script, but a student may also ``%run`` it, run it cell by
cell in a notebook or an editor, or read it as a page of the web book.
These four functions and one exception tell chapter.py which of these is
happening, so that each route takes its options, shows its errors and
displays its figures as that route should.
"""
import sys
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt


class ChapterStop(Exception):
    """A chapter stopped on a student's error, inside IPython or Jupyter.

    IPython shows it as its one-line message (``_render_traceback_``)
    instead of a traceback through argparse and ``sys.exit``.
    """

    def _render_traceback_(self):
        return [str(self)]


def in_ipython():
    """Whether an IPython shell or Jupyter kernel runs this code."""
    ipython = sys.modules.get("IPython")  # never imported here: only looked up
    return ipython is not None and ipython.get_ipython() is not None


def from_command_line(script):
    """Whether the chapter in file `script` was started with a command line.

    True from the shell and in the book (no IPython), and for ``%run`` or
    ``ipython script.py``, which put the script's name in ``sys.argv[0]``.
    False cell by cell in a kernel (`script` is None there, or ``sys.argv``
    is the kernel's own).
    """
    if not in_ipython():
        return True
    return script is not None and Path(sys.argv[0]).resolve() == Path(script).resolve()


def in_notebook():
    """Whether figures go into a notebook: a Jupyter kernel's inline backend."""
    return "inline" in matplotlib.get_backend()


def shown_by_others():
    """Whether matplotlib shows and closes open figures without plt.show().

    A Jupyter kernel's inline backend does, at the end of each cell; so do
    windows in interactive mode, and the book's builder (which turns that
    mode on).
    """
    return in_notebook() or plt.isinteractive()
