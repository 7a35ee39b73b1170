"""The exercise files: made from the package, loaded and graded function by function.

``exercises/`` is this module's output (a test keeps it so): each function
with the package's own signature and docstring and a body that raises
NotImplementedError, and a header listing what the grader checks, from the
properties themselves.
"""
import importlib.util
import inspect
import textwrap
import traceback
import warnings
from contextlib import contextmanager

from . import EXERCISES
from .grader import verdict

#: (file, title, the package's module, its functions, the earlier steps it may use)
FILES = [
    ("e1_sigmoid.py", "The sigmoid and its logs", "sigmoid",
     ["sigmoid", "log_sigmoid", "log_one_minus_sigmoid"], []),
    ("e2_cost.py", "The cost, from the logits", "cost", ["cross_entropy"],
     ["from logreg_from_scratch.sigmoid import log_one_minus_sigmoid, log_sigmoid"]),
    ("e3_gradients.py", "The gradients", "gradients", ["propagate"],
     ["from logreg_from_scratch.cost import cross_entropy",
      "from logreg_from_scratch.sigmoid import sigmoid"]),
    ("e4_gradient_descent.py", "Gradient descent", "optimize", ["gradient_descent"],
     ["from logreg_from_scratch.gradients import propagate"]),
    ("e5_predict.py", "Predictions", "predict", ["predict"],
     ["from logreg_from_scratch.sigmoid import sigmoid"]),
    ("e6_softmax.py", "Softmax regression", "softmax",
     ["softmax", "log_softmax", "propagate_softmax"],
     ["from logreg_from_scratch.labels import one_hot"]),
    ("e7_deskew.py", "Deskewing", "deskew", ["moments", "deskew"], []),
    ("e8_newton.py", "Newton's method", "newton", ["hessian", "newton_step"],
     ["from logreg_from_scratch.gradients import propagate",
      "from logreg_from_scratch.sigmoid import sigmoid"]),
    ("e9_uncertainty.py", "How sure is an accuracy?", "uncertainty",
     ["wilson_interval", "mcnemar"], []),
    ("e10_metrics.py", "Precision, recall and calibration", "metrics",
     ["roc_curve", "roc_auc", "precision_recall_curve", "average_precision", "reliability"],
     []),
    ("e11_temperature.py", "Temperature scaling", "calibrate",
     ["fit_temperature", "temperature_scaling"],
     ["from logreg_from_scratch.calibrate import temperature_cost"]),
]

HEADER = '''"""Exercise {number}. {title} (the package's logreg_from_scratch/{module}.py).

Replace each ``raise NotImplementedError`` below with your code, then
grade this file from the clone's folder:

    python -m logreg_from_scratch.exercises check exercises/{file}

What counts as correct, function by function (the grader's properties,
the ones the package's own tests hold the package to):

{claims}

Each function is graded on its own, with the package's versions of the
other steps in their place: a slip in one never fails another.  The
package is the solution, in logreg_from_scratch/{module}.py: look there
only after trying.  A fresh copy of every exercise file:
``python -m logreg_from_scratch.exercises new FOLDER``.
"""
'''


def source(number):
    """The text of exercise file `number` (1-based), as committed in ``exercises/``."""
    file, title, module, names, imports = FILES[number - 1]
    claims = "\n".join(textwrap.fill(f"- {name}: " + "; ".join(p.claim for p in EXERCISES[name][1])
                                     + ".", 76, subsequent_indent="  ") for name in names)
    parts = [HEADER.format(number=number, title=title, module=module, file=file, claims=claims),
             "import numpy as np\n"]
    if imports:
        parts.append("# the earlier steps, as the package has them: use them, or your own\n"
                     + "\n".join(imports) + "\n")
    for name in names:
        reference = EXERCISES[name][0]
        doc = textwrap.indent(inspect.getdoc(reference), "    ").lstrip()
        raw = "r" if "\\" in doc else ""  # LaTeX in the docstring: keep its backslashes
        parts.append(f"\ndef {name}{inspect.signature(reference)}:\n"
                     f'    {raw}"""{doc}\n    """\n    raise NotImplementedError\n')
    return "\n".join(parts)


def load(path):
    """Import the student's file `path` as a module; a warning on import is an error."""
    spec = importlib.util.spec_from_file_location(f"exercise_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        spec.loader.exec_module(module)
    return module


@contextmanager
def alone(module, name):
    """While grading `name`, the module's other exercise functions are the package's."""
    others = {other: getattr(module, other) for other in EXERCISES
              if other != name and callable(getattr(module, other, None))}
    try:
        for other in others:
            setattr(module, other, EXERCISES[other][0])
        yield
    finally:
        for other, own in others.items():
            setattr(module, other, own)


def grade(path):
    """The verdict lines for the exercise functions in file `path`, and whether all passed."""
    try:
        module = load(path)
    except BaseException as error:  # anything, SyntaxError and SystemExit too: one line
        lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__)
                 if frame.filename == str(path)]
        where = f" (line {lines[-1]})" if lines and not isinstance(error, SyntaxError) else ""
        return [f"{path.name}: FAIL could not import it: {type(error).__name__}: "
                f"{error}{where}"], False
    # the functions written in this file, not those it imports
    names = [name for name in EXERCISES
             if getattr(getattr(module, name, None), "__module__", None) == module.__name__]
    if not names:
        return [f"{path.name}: FAIL defines none of the exercise functions "
                f"({', '.join(EXERCISES)})"], False
    lines = []
    for name in names:
        with alone(module, name):
            lines.append(verdict(name, getattr(module, name), EXERCISES[name][1]))
    return lines, all(": PASS " in line for line in lines)
