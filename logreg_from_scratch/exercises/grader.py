"""The grader: run a step's properties on someone's function, one verdict line.

A property is a claim every correct implementation satisfies, such as
"agrees with scipy.special.expit within 1e-15 for every finite z".
hypothesis draws inputs for it and, when one breaks the function, shrinks
it to the smallest it can find; the verdict names that input, what came
back, what was expected, and a hint in the student's terms.  The package's
own tests run the same properties on the package (tests/test_exercises.py).
"""
import inspect
import operator
import re
import signal
import sys
import threading
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis.errors import Flaky

#: How hard the grader looks: examples tried per property.
EXAMPLES = 100


class Wrong(AssertionError):
    """A call whose result breaks a property.

    `kind` picks the hint: "value", "warning" (it warned), "error" (it
    raised), "mutation" (it changed an input), "shape".
    """

    def __init__(self, call, got, expected=None, kind="value"):
        self.call, self.got, self.expected, self.kind = call, got, expected, kind
        super().__init__(self.describe())

    def describe(self):
        told = f"{self.call} {self.got}"
        return told if self.expected is None else f"{told}, expected {self.expected}"


GENERAL_HINTS = {
    "mutation": "work on new arrays (w = w - rate * dw), never in place on an argument (w -= ...)",
    "warning": "NumPy warned: an intermediate overflowed or divided by zero",
    "error": "it raised instead of returning: compare each array's shape with the docstring",
    "shape": "compare the shape of what you return with the docstring",
    "exit": "return the result instead: sys.exit and exit() end the whole program",
    "interrupt": "only the person at the keyboard presses Ctrl-C: return the result instead",
    "recursion": "the function calls itself (or two call each other) without end: compute "
                 "the result directly, with NumPy",
    "memory": "it asked for more memory than there is: an (m, m) or (m, d, d) array where an "
              "(m,) or (m, d) one was meant?",
    "floating": "NumPy raised on an overflow or an invalid value: compute without it, and "
                "leave numpy's error settings as they are (no np.seterr)",
    "state": "leave numpy's settings, the warning filters and the package as they are: the "
             "grader compares your results with the package's",
    "flaky": "the same input must give the same result every time: no random numbers, no "
             "global variable that changes between calls",
    "unfinished": "finish it: a branch still raises NotImplementedError",
}
#: A student's exception: its kind of hint (the others are "error")
ERROR_KINDS = ((RecursionError, "recursion"), (MemoryError, "memory"),
               (FloatingPointError, "floating"))


@dataclass
class Property:
    """A claim about one step, the inputs to test it on, and what to tell a student."""

    claim: str
    inputs: object                         # a hypothesis strategy of argument tuples
    check: object                          # check(f, *arguments) raises Wrong
    hint: str                              # for a wrong value
    hints: dict = field(default_factory=dict)  # for the other kinds, over GENERAL_HINTS

    def hint_for(self, kind):
        return self.hint if kind == "value" else self.hints.get(kind, GENERAL_HINTS[kind])


def show(value):
    """A value as the verdict prints it: every digit that matters, on one line.

    Images with a few inked pixels are listed by those pixels, image by image:
    ``images((3, 4) 1.0, (5, 4) 0.5; (0, 0) 0.5, (1, 0) 1.0)``, (row, column) value.
    """
    if isinstance(value, np.ndarray) and _few_inked(value):
        return "images(" + "; ".join(
            ", ".join(f"({r}, {c}) {show(x[r, c])}" for r, c in zip(*np.nonzero(x))) or "blank"
            for x in value.reshape(-1, 28, 28)) + ")"
    if isinstance(value, np.ndarray):
        digits = np.array2string(value, separator=", ", floatmode="unique", threshold=30,
                                 max_line_width=10_000)
        return f"array({' '.join(digits.split())})"  # rows on one line
    if isinstance(value, (np.floating, np.integer)):
        return repr(value.item())  # 0.5, not np.float64(0.5)
    if isinstance(value, tuple):
        return "(" + ", ".join(map(show, value)) + ")"
    return repr(value)


def _few_inked(value):
    """Whether `value` is MNIST-shaped images, (m, 784), with 40 or fewer non-zero pixels each."""
    return (value.ndim == 2 and value.shape[1] == 784 and value.dtype.kind == "f"
            and np.count_nonzero(value) <= 40 * len(value))


def described(name, *arguments, **options):
    """A call as the verdict prints it, e.g. ``sigmoid(array([-710.]))``."""
    shown = [show(a) for a in arguments] + [f"{k}={show(v)}" for k, v in options.items()]
    return f"{name}({', '.join(shown)})"


def call(f, name, *arguments, **options):
    """``f(*arguments, **options)``, turning what a student's function can do wrong into Wrong:
    a warning, an exception (SystemExit and KeyboardInterrupt too), a changed argument, or a
    change to numpy's error settings, the warning filters or the package's modules (undone)."""
    text = described(name, *arguments, **options)
    before = [np.copy(a) if isinstance(a, np.ndarray) else None for a in arguments]
    state = settings_now()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        filters = list(warnings.filters)
        try:
            result = f(*arguments, **options)
        except NotImplementedError:
            raise
        except Warning as warning:
            raise Wrong(text, f"warned {type(warning).__name__}: {warning}", kind="warning")
        except SystemExit as stop:
            raise Wrong(text, f"called sys.exit({stop.code!r})", kind="exit")
        except KeyboardInterrupt:
            raise Wrong(text, "raised KeyboardInterrupt", kind="interrupt")
        except Exception as error:
            kind = next((k for cls, k in ERROR_KINDS if isinstance(error, cls)), "error")
            raise Wrong(text, f"raised {type(error).__name__}: {error}", kind=kind)
        finally:
            changed = settings_changed(state) or (
                "changed the warning filters (warnings.simplefilter)"
                if warnings.filters != filters else "")
        if changed:
            raise Wrong(text, changed, kind="state")
    for argument, copy in zip(arguments, before):
        if copy is not None and not np.array_equal(argument, copy, equal_nan=True):
            raise Wrong(text, f"changed its argument {show(copy)} into {show(argument)}",
                        kind="mutation")
    return result


_MODULES = {"count": -1, "modules": []}
_MISSING = object()


def _package_modules():
    """The package's loaded modules (looked up again only when a module has been loaded)."""
    if len(sys.modules) != _MODULES["count"]:
        _MODULES["modules"] = [module for name, module in list(sys.modules.items())
                               if name.split(".")[0] == "logreg_from_scratch"]
        _MODULES["count"] = len(sys.modules)
    return _MODULES["modules"]


def settings_now():
    """What a student's code must leave as it found it: numpy's error settings and every
    attribute of the package's modules (the grader's references)."""
    return np.geterr(), [(module, dict(vars(module))) for module in _package_modules()]


def settings_changed(state):
    """What changed since `state` (``settings_now``), in a student's terms; it is undone."""
    errors, modules = state
    if np.geterr() != errors:
        np.seterr(**errors)
        return "changed numpy's error settings (np.seterr)"
    for module, saved in modules:
        now = vars(module)
        if len(now) == len(saved) and all(map(operator.is_, now.values(), saved.values())):
            continue  # the fast path: the same objects, in the same order
        for attribute, value in saved.items():  # a new attribute (a module imported late)
            if now.get(attribute, _MISSING) is not value:  # replaces nothing: only these count
                for other, kept in modules:  # undo every change
                    vars(other).update(kept)
                return f"changed the package's {module.__name__}.{attribute}"
    return ""


def expect_tuple(text, result, names):
    """Raise Wrong (a shape) unless `result` is a tuple of as many items as `names`."""
    if not (isinstance(result, tuple) and len(result) == len(names)):
        raise Wrong(text, f"returned {show(result)}", f"({', '.join(names)})", kind="shape")
    return result


def close(got, expected, *, atol=0.0, rtol=0.0):
    """Whether `got` has `expected`'s shape and every entry within atol + rtol |expected|."""
    got = np.asarray(got, dtype=float) if _numeric(got) else None
    expected = np.asarray(expected, dtype=float)
    return (got is not None and got.shape == expected.shape
            and bool(np.all(np.abs(got - expected) <= atol + rtol * np.abs(expected))))


def _numeric(value):
    try:
        return np.asarray(value).dtype.kind in "biuf"
    except Exception:  # a ragged list, say: not a numeric array
        return False


def expect(text, got, expected, *, atol=0.0, rtol=0.0, within=""):
    """Raise Wrong unless `got` is `expected` within the tolerances (described by `within`)."""
    if not close(got, expected, atol=atol, rtol=rtol):
        kind = "shape" if _numeric(got) and np.shape(got) != np.shape(expected) else "value"
        raise Wrong(text, f"returned {show(got)}", f"{show(expected)}{within}", kind=kind)


#: Generate, then shrink a failure; not "explain", which reruns it at length to annotate it.
PHASES = [phase for phase in Phase if phase.name != "explain"]


def first_failure(f, prop, examples=EXAMPLES, name=None):
    """The Wrong for the smallest input hypothesis finds that breaks `prop`, or None.

    In a grading child, the smallest found before its time limit is nearly spent
    (`_timer`). Raises NotImplementedError if `f` raised it for every input tried (the
    work is not begun); one that raises it for some inputs only is graded
    on the others, and fails if that is all it did.
    """
    name = name or getattr(f, "__name__", "the function")
    tally = {"not started": 0, "ran": 0}
    seen = []  # the failures found, the last the smallest so far
    out_of_time = threading.Event()

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              verbosity=Verbosity.quiet, suppress_health_check=list(HealthCheck),
              report_multiple_bugs=False, phases=PHASES)
    @given(prop.inputs)
    def holds(arguments):
        if seen and out_of_time.is_set():  # stop the search here, between two inputs
            raise _OutOfTime
        try:
            prop.check(f, *arguments)
        except NotImplementedError:
            tally["not started"] += 1
            return
        except Wrong as wrong:
            seen.append(wrong)
            raise
        except Exception as error:  # a result of a form the check could not even read
            wrong = Wrong(described(name, *arguments), "returned a result of the wrong form",
                          f"what the docstring says ({type(error).__name__} reading it: "
                          f"{error})", kind="shape")
            seen.append(wrong)
            raise wrong from None
        tally["ran"] += 1

    try:
        with _timer(out_of_time):
            holds()
    except Wrong as wrong:
        return wrong
    except _OutOfTime:  # the failure is known: the search for a smaller one ran out of time
        return seen[-1]
    except Flaky:
        return Wrong(f"{name}(...)", "gave different results for the same input, called twice",
                     "the same result every time", kind="flaky")
    if tally["not started"] and not tally["ran"]:
        raise NotImplementedError
    if tally["not started"]:
        return Wrong(f"{name}(...)", f"raised NotImplementedError for {tally['not started']} of "
                     f"the inputs tried", "a result for every input", kind="unfinished")
    return None


class _OutOfTime(BaseException):
    """The grading child's processor time is nearly spent, and a failing input is known."""


#: The share of a grading child's processor-time limit after which, once a failing input is
#: known, the search for a smaller one stops, leaving at least LEFT seconds of it for the
#: input being tried to finish and the answer to be sent
SHRINK_SHARE, LEFT = 0.8, 1.0


@contextmanager
def _timer(out_of_time):
    """Set the event `out_of_time` once SHRINK_SHARE of the processor time this process may
    use is spent, or all but LEFT seconds of it if that comes sooner (a timer on the
    process's processor time, ITIMER_PROF).

    `first_failure` then stops hypothesis's search for a smaller failing input before the
    next input, so that a wrong function whose failures are slow to shrink gets its FAIL
    and a failing input, not "computed without an answer"; a slow function with no failure
    found is left to the limit. The search is stopped between inputs, never from the
    signal: an exception raised wherever the signal lands (inside hypothesis's own
    bookkeeping, say) would break the search instead of ending it."""
    limit = _processor_time_limit()
    if limit is None:
        yield
        return
    before = signal.signal(signal.SIGPROF, lambda signum, frame: out_of_time.set())
    stop = min(SHRINK_SHARE * limit, limit - LEFT)
    signal.setitimer(signal.ITIMER_PROF, max(stop - time.process_time(), 0.01))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, before)


def _processor_time_limit():
    """The seconds of processor time this process may use (RLIMIT_CPU, which the sandbox sets
    in a grading child), or None: no limit (the test process), no such timer (Windows), or
    not the main thread (where no signal can be handled)."""
    try:
        import resource
    except ImportError:
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_CPU)
    if (soft == resource.RLIM_INFINITY or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        return None
    return soft


def _is_stub(f):
    """Whether `f`'s body only raises NotImplementedError, as the exercise files hand it out
    (then no input need be drawn to tell: the search would only find the stub again)."""
    code = getattr(f, "__code__", None)
    return code is not None and code.co_names == ("NotImplementedError",)


@dataclass
class Result:
    """One function's verdict: its status, the line printed, the property that broke."""

    name: str
    status: str          # "PASS", "FAIL" or "NOT STARTED"
    line: str            # e.g. "sigmoid: PASS (2 properties, up to 100 inputs each)"
    claim: str = ""      # the property that broke, for a FAIL
    seconds: float = 0.0
    printed: str = ""    # what the function printed while graded, shortened
    printed_size: int = 0

    @property
    def passed(self):
        return self.status == "PASS"


#: Code that silences warnings: the conventions forbid it, so the grader fails it
SILENCES = re.compile(r"""(errstate|seterr)\s*\([^)]*['"]ignore['"]"""
                      r"""|(simplefilter|filterwarnings)\s*\(\s*(action\s*=\s*)?['"]ignore['"]""")
SILENCED = ("never silences warnings: np.errstate or np.seterr with 'ignore', or warnings "
            "filters set to 'ignore', hide the overflow the book's conventions ask you to avoid")


def judge(name, f, properties, examples=EXAMPLES):
    """The `Result` of grading `f` as exercise function `name` by `properties`."""
    if _is_stub(f):
        return Result(name, "NOT STARTED", f"{name}: NOT STARTED (it still raises "
                                           "NotImplementedError)")
    try:
        source = inspect.getsource(f)
    except (TypeError, OSError):  # a ufunc, a partial, code typed at a prompt
        source = ""
    if SILENCES.search(source):
        return Result(name, "FAIL", f"{name}: FAIL {SILENCED}: {name} does. Hint: compute "
                      "so that nothing overflows, as each step's hint says, and let NumPy warn",
                      SILENCED)
    try:
        for prop in properties:
            wrong = first_failure(f, prop, examples, name)
            if wrong is not None:
                return Result(name, "FAIL", f"{name}: FAIL {prop.claim}: {wrong.describe()}. "
                                            f"Hint: {prop.hint_for(wrong.kind)}", prop.claim)
    except NotImplementedError:
        return Result(name, "NOT STARTED", f"{name}: NOT STARTED (it still raises "
                                           "NotImplementedError)")
    counted = f"{len(properties)} propert{'y' if len(properties) == 1 else 'ies'}"
    return Result(name, "PASS", f"{name}: PASS ({counted}, up to {examples} inputs each)")

