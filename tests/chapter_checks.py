"""Checks of what a chapter printed, wherever it ran: a subprocess, a notebook, the book."""
import re
from pathlib import Path

from logreg_from_scratch.chapter import SOFTMAX_SGD

CHAPTERS = Path(__file__).resolve().parent.parent / "chapters"
NO_FIGURES = ("06_checking.py", "07_speed.py", "09_newton.py")  # they print tables and draw nothing
DRAWS = {path.name for path in CHAPTERS.glob("[0-9][0-9]_*.py")} - set(NO_FIGURES)


def number(pattern, text):
    """The number `pattern`'s group matches on a line of `text`."""
    match = re.search(pattern, text, re.MULTILINE)
    assert match, f"{pattern!r} not in output:\n{text}"
    return float(match.group(1))


def check_05_defaults(out):
    """The headline number: all 60,000 images, chapter 5's epochs, test accuracy >= 92.50 %."""
    assert len(re.findall(r"^epoch +\d+ ", out, re.MULTILINE)) == SOFTMAX_SGD["epochs"]
    assert number(r"^test accuracy: (\S+) %$", out) >= 92.50
    assert number(r"^train accuracy: (\S+) %$", out) > 92.5


def check_06_defaults(out):
    """Chapter 6: finite differences agree, and both optimisers find the same minimum."""
    errors = [float(e) for e in re.findall(r"\(the whole vectors\) +(\S+)$", out, re.MULTILINE)]
    assert len(errors) == 3 and max(errors) < 1e-6
    assert number(r"^objective relative difference: (\S+)$", out) < 1e-6
    assert "the two minima agree to 1e-6: yes" in out
    assert number(r"^gradient descent within 1e-6 of that minimum: after (\d+) iterations$",
                  out) < 2500
    accuracies = re.search(r"^test accuracy +(\S+) % +(\S+) %$", out, re.MULTILINE).groups()
    assert abs(float(accuracies[0]) - float(accuracies[1])) <= 0.05
    assert float(accuracies[0]) > 80.0
