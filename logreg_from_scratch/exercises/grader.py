"""The grader: run a step's properties on someone's function, one verdict line.

A property is a claim every correct implementation satisfies, such as
"agrees with scipy.special.expit within 1e-15 for every finite z".
hypothesis draws inputs for it and, when one breaks the function, shrinks
it to the smallest it can find; the verdict names that input, what came
back, what was expected, and a hint in the student's terms.  The package's
own tests run the same properties on the package (tests/test_exercises.py).
"""
import warnings
from dataclasses import dataclass, field

import numpy as np
from hypothesis import HealthCheck, Phase, Verbosity, given, settings

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
}


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
    """``f(*arguments, **options)``, turning a warning, an exception or a mutation into Wrong."""
    text = described(name, *arguments, **options)
    before = [np.copy(a) if isinstance(a, np.ndarray) else None for a in arguments]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            result = f(*arguments, **options)
        except NotImplementedError:
            raise
        except Warning as warning:
            raise Wrong(text, f"warned {type(warning).__name__}: {warning}", kind="warning")
        except Exception as error:
            raise Wrong(text, f"raised {type(error).__name__}: {error}", kind="error")
    for argument, copy in zip(arguments, before):
        if copy is not None and not np.array_equal(argument, copy, equal_nan=True):
            raise Wrong(text, f"changed its argument {show(copy)} into {show(argument)}",
                        kind="mutation")
    return result


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


def first_failure(f, prop, examples=EXAMPLES):
    """The Wrong for the smallest input hypothesis finds that breaks `prop`, or None.

    Raises NotImplementedError, without searching, if `f` is still the stub.
    """
    not_started = []

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              verbosity=Verbosity.quiet, suppress_health_check=list(HealthCheck),
              report_multiple_bugs=False, phases=PHASES)
    @given(prop.inputs)
    def holds(arguments):
        if not_started:
            return
        try:
            prop.check(f, *arguments)
        except NotImplementedError:
            not_started.append(True)  # not a failure to shrink: the work is not begun

    try:
        holds()
    except Wrong as wrong:
        return wrong
    if not_started:
        raise NotImplementedError
    return None


def _is_stub(f):
    """Whether `f`'s body only raises NotImplementedError, as the exercise files hand it out
    (then no input need be drawn to tell: the search would only find the stub again)."""
    code = getattr(f, "__code__", None)
    return code is not None and code.co_names == ("NotImplementedError",)


def verdict(name, f, properties, examples=EXAMPLES):
    """One line: ``name: PASS ...``, ``name: NOT STARTED ...`` or ``name: FAIL ...``."""
    if _is_stub(f):
        return f"{name}: NOT STARTED (it still raises NotImplementedError)"
    try:
        for prop in properties:
            wrong = first_failure(f, prop, examples)
            if wrong is not None:
                return (f"{name}: FAIL {prop.claim}: {wrong.describe()}. "
                        f"Hint: {prop.hint_for(wrong.kind)}")
    except NotImplementedError:
        return f"{name}: NOT STARTED (it still raises NotImplementedError)"
    counted = f"{len(properties)} propert{'y' if len(properties) == 1 else 'ies'}"
    return f"{name}: PASS ({counted}, up to {examples} inputs each)"
