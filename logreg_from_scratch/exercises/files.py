"""The exercise files: made from the package, loaded and graded function by function.

``exercises/`` is this module's output (a test keeps it so): each function
with the package's own signature and docstring and a body that raises
NotImplementedError, and a header listing what the grader checks, from the
properties themselves.
"""
import importlib.util
import inspect
import sys
import textwrap
import traceback
import warnings
from contextlib import contextmanager
from pathlib import Path

from . import EXERCISES, sandbox
from .grader import EXAMPLES, GENERAL_HINTS, Result, judge, settings_changed, settings_now

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
    ("e5_predict.py", "Predictions, and the distance to the boundary", "predict",
     ["predict", "distance_to_boundary"], ["from logreg_from_scratch.sigmoid import sigmoid"]),
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
    ("e12_generative.py", "Two Gaussian classes: where the sigmoid comes from", "generative",
     ["gaussian_classes"], []),
    ("e13_laplace.py", "Bayesian prediction by the Laplace approximation", "laplace",
     ["laplace_logits"], ["from logreg_from_scratch.newton import hessian, penalised"]),
]

HEADER = '''# %% [markdown]
"""Exercise {number}. {title} (the package's logreg_from_scratch/{module}.py).

Replace each ``raise NotImplementedError`` below with your code, then
grade this file from the clone's folder:

    python -m logreg_from_scratch.exercises check exercises/{file}

or run it (``python exercises/{file}``), or open it in Jupyter as a
notebook and run its last cell: it grades each function with ``check``.
Each function is graded in a process of its own, and fails if it
computes for more than 30 s (``check --time-limit``), ends the program,
changes numpy's error settings or the package, or silences a warning
(``np.errstate(over="ignore")`` and the like: the book's conventions
forbid it, so the grader fails it).

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
             "# %%\nimport numpy as np\n"]
    if imports:
        parts.append("# the earlier steps, as the package has them: use them, or your own\n"
                     + "\n".join(imports) + "\n")
    for name in names:
        reference = EXERCISES[name][0]
        doc = textwrap.indent(inspect.getdoc(reference), "    ").lstrip()
        raw = "r" if "\\" in doc else ""  # LaTeX in the docstring: keep its backslashes
        parts.append(f"\n# %%\ndef {name}{inspect.signature(reference)}:\n"
                     f'    {raw}"""{doc}\n    """\n    raise NotImplementedError\n')
    checks = "".join(f"    check({name})\n" for name in names)
    parts.append("\n# %%\nif __name__ == \"__main__\":  # run as a script or a notebook: grade "
                 "them here\n    from logreg_from_scratch.exercises import check\n\n" + checks)
    return "\n".join(parts)


def load(path):
    """Import the student's file `path` as a module; a warning on import is an error.

    Its folder comes first on ``sys.path``, so that one exercise file can
    import another (``from e1_sigmoid import sigmoid``), as a script would.
    Run in a child process (`grade`): nothing it changes outlives the child.
    """
    folder = str(Path(path).resolve().parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location(f"exercise_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its functions' __module__ names it
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        spec.loader.exec_module(module)
    return module


def exercise_functions(module, path):
    """The exercise functions `module` (the file `path`) defines, in the book's order.

    Any callable bound to an exercise's name counts, a ``def``, an alias
    (``sigmoid = scipy.special.expit``), a ``np.vectorize`` or a
    ``functools.partial``, but not the package's own function nor one
    imported from another file in the same folder (graded in that file).
    """
    folder = Path(path).resolve().parent
    names = []
    for name in EXERCISES:
        f = getattr(module, name, None)
        if f is None or not callable(f) or f is EXERCISES[name][0]:
            continue
        owner = sys.modules.get(getattr(f, "__module__", None) or "")
        owner_file = getattr(owner, "__file__", None)
        if owner is not module and owner_file and Path(owner_file).resolve().parent == folder:
            continue  # imported from a sibling exercise file
        if (getattr(owner, "__name__", "") or "").startswith("logreg_from_scratch"):
            continue  # the package's, under another name
        names.append(name)
    return names


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


def _import_failure(path, error):
    """The one line for a file that does not import."""
    if isinstance(error, SystemExit):
        return f"{path.name}: FAIL could not import it: it called sys.exit({error.code!r})"
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__)
             if frame.filename == str(path)]
    where = f" (line {lines[-1]})" if lines and not isinstance(error, SyntaxError) else ""
    return f"{path.name}: FAIL could not import it: {type(error).__name__}: {error}{where}"


def _survey(path):
    """In a child: import the file; ("names", [...]) or ("failed", the line)."""
    path = Path(path)
    try:
        module = load(path)
    except BaseException as error:  # anything, SyntaxError and SystemExit too: one line
        return "failed", _import_failure(path, error)
    return "names", exercise_functions(module, path)


def _grade_one(path, name, examples=EXAMPLES):
    """In a child: the `Result` of exercise function `name` of the file `path`."""
    path = Path(path)
    state = settings_now()
    try:
        module = load(path)
    except BaseException as error:
        return Result(name, "FAIL", _import_failure(path, error))
    changed = settings_changed(state)
    if changed:  # at import: every function of the file would be graded under it
        return _settings_changed(name, f"{path.name}, when imported, {changed}")
    with alone(module, name):
        return judge(name, getattr(module, name), EXERCISES[name][1], examples)


def _settings_changed(name, what):
    """The FAIL of a function whose file, or whose grading, changed the grader's settings."""
    claim = "leaves the grader's settings as they are"
    return Result(name, "FAIL", f"{name}: FAIL {claim}: {what}. Hint: {GENERAL_HINTS['state']}",
                  claim)


#: The time each function may take to be graded, by default: the slowest correct one takes
#: about 3 s on the project's machine, so this allows a machine ten times slower.
TIME_LIMIT = 30.0


def grade(path, time_limit=TIME_LIMIT, method=None, examples=EXAMPLES):
    """The `Result`s for the exercise functions in file `path`, in the book's order.

    Importing the file, then grading each function, happens in a child
    process of its own (``sandbox.run``) under `time_limit` seconds: no
    student code runs in the caller's process.
    """
    path = Path(path)
    survey = sandbox.run(_survey, (str(path),), time_limit=time_limit, method=method)
    if isinstance(survey.answer, tuple) and survey.answer[0] == "names":
        found = survey.answer[1]
        none = Result("", "FAIL", f"{path.name}: FAIL defines none of the exercise functions "
                                  f"({', '.join(EXERCISES)})",
                      "defines none of the exercise functions")
        return [grade_function(path, name, time_limit, method, examples)
                for name in found] or [none]
    if isinstance(survey.answer, tuple):  # ("failed", its line)
        line = survey.answer[1]
    else:  # the import itself exited, crashed or ran out of time
        line = (f"{path.name}: FAIL could not import it: it "
                f"{survey.why or survey.answer.message}")
    return [Result("", "FAIL", line, line.split(": FAIL ", 1)[1],
                   printed=shorten(survey.printed, survey.printed_size),
                   printed_size=survey.printed_size)]


def grade_function(path, name, time_limit=TIME_LIMIT, method=None, examples=EXAMPLES):
    """The `Result` for exercise function `name` of file `path`, graded in a child process."""
    ended = sandbox.run(_grade_one, (str(path), name, examples), time_limit=time_limit,
                        method=method)
    return finished(name, ended, time_limit)


def finished(name, ended, time_limit, more=None):
    """A child's `Result`, or a FAIL that says how it ended without one (`more`: how to allow
    more time, by default the command's option)."""
    if isinstance(ended.answer, Result):
        result = ended.answer
    elif isinstance(ended.answer, sandbox.GraderError):
        result = Result(name, "FAIL", f"{name}: FAIL the grader could not finish grading it "
                                      f"({ended.answer.message}): please report this")
    elif ended.why.startswith("computed for"):
        result = Result(name, "FAIL", f"{name}: FAIL {ended.why} (an endless loop?). Hint: "
                                      "grading a correct function takes a few seconds; "
                                      f"{more or f'--time-limit {2 * time_limit:g}'} allows "
                                      "more")
    elif ended.why.startswith(("slept", "gave no answer")):
        result = Result(name, "FAIL", f"{name}: FAIL {ended.why} (time.sleep? waiting for "
                                      "something?). Hint: a function computes its result and "
                                      "returns it, without waiting for anything")
    elif "SIGSEGV" in ended.why or "SIGBUS" in ended.why:
        result = Result(name, "FAIL", f"{name}: FAIL {ended.why}, a crash. Hint: ctypes or "
                                      "compiled code read memory it does not own: compute "
                                      "with NumPy")
    else:
        result = Result(name, "FAIL", f"{name}: FAIL {ended.why}. Hint: return the result; "
                                      "never end the program or the process")
    result.claim = result.claim or ended.why  # for the class's table: what went wrong
    result.seconds = ended.seconds
    result.printed, result.printed_size = shorten(ended.printed, ended.printed_size), \
        ended.printed_size
    return result


def said(result, indent):
    """What `result`'s function printed, under its verdict: a line a printed line, after "|"."""
    return (f"{indent}it printed:\n" + "\n".join(f"{indent}| {line}"
                                                 for line in result.printed.splitlines()))


def shorten(printed, size, lines=5, width=160):
    """What a function printed, as the grader shows it: the first few lines, each cut short."""
    if not size:
        return ""
    text = printed.decode("utf-8", errors="replace").splitlines()
    shown = [line if len(line) <= width else line[:width] + " ..." for line in text[:lines]]
    more = size > len(printed) or len(text) > lines
    return "\n".join(shown) + (f"\n... ({size:,} bytes printed in all)" if more else "")


def _judge_function(f, name):
    """In a child: the `Result` of `f` as exercise function `name`, graded as in a file."""
    state = settings_now()
    module = sys.modules.get(getattr(f, "__module__", None) or "")
    if module is None:
        return judge(name, f, EXERCISES[name][1])
    with alone(module, name):  # its other exercise functions are the package's, as in a file
        result = judge(name, f, EXERCISES[name][1])
    changed = settings_changed(state)
    return _settings_changed(name, f"grading it {changed}") if changed and result.passed \
        else result


def check(f, name=None, *, time_limit=TIME_LIMIT):
    """Grade `f`, a function written in a notebook (or anywhere), and print its verdict.

    ``from logreg_from_scratch.exercises import check`` then ``check(sigmoid)``
    in a cell prints the line the command prints for the same function in
    a file, under the same time limit; what `f` printed while graded is
    shown under it, shortened.  Where the system can fork (Linux, macOS) `f`
    is graded in a child process, as in a file; elsewhere in this process,
    without the time limit.

    Parameters
    ----------
    f : callable
        The function to grade.
    name : str, optional
        The exercise it answers; by default ``f.__name__``.
    time_limit : float
        The most the grading may take, in seconds.

    Returns
    -------
    passed : bool
        True when it passed every property.
    """
    name = name or getattr(f, "__name__", None)
    if name not in EXERCISES:
        raise ValueError(f"{name!r} is not an exercise function: name it as its exercise does "
                         f"({', '.join(EXERCISES)}), or pass name='sigmoid', say")
    if not callable(f):
        raise TypeError(f"check grades a function; got {type(f).__name__}: pass the function "
                        f"itself, check({name}), not its result")
    if sandbox.start_method() == "fork":
        result = finished(name, sandbox.run(_judge_function, (f, name), time_limit=time_limit),
                          time_limit, more=f"check({name}, time_limit={2 * time_limit:g})")
    else:
        result = _judge_function(f, name)
    print(result.line)
    if result.printed:
        print(said(result, "  "))
    return result.passed
