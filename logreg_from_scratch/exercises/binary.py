"""The properties of the binary steps: sigmoid, its logs, the cost, gradients, descent, predict.

Each is a claim any correct implementation satisfies, within the stated
tolerance, checked against an independent reference: scipy's special
functions, central differences, or an identity of the mathematics.
"""
import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays
from scipy.special import expit, log_expit

from ..cost import cross_entropy
from ..gradients import numerical_gradient, propagate
from ..idx_data import load_mnist
from ..labels import binary_labels
from ..predict import accuracy, predict
from .grader import Property, Wrong, call, described, expect, expect_tuple, show

finite = st.floats(allow_nan=False, allow_infinity=False)
#: Logits as the docstrings promise them: a Python float, or an array of any shape
logits = st.one_of(finite, arrays(np.float64, array_shapes(min_dims=0, max_dims=2, max_side=4),
                                  elements=finite))


@st.composite
def problems(draw, k=True):
    """(w, b, X, y): m examples of d features, one model or (with `k`) k one-vs-rest models."""
    m, d = draw(st.integers(1, 5)), draw(st.integers(1, 4))
    models = draw(st.sampled_from([None, 2, 3])) if k else None
    shape = (d,) if models is None else (d, models)
    values = st.floats(-3, 3)
    w = draw(arrays(np.float64, shape, elements=values))
    b = draw(values) if models is None else draw(arrays(np.float64, (models,), elements=values))
    X = draw(arrays(np.float64, (m, d), elements=values))
    y = draw(arrays(np.float64, (m,) if models is None else (m, models),
                    elements=st.sampled_from([0.0, 1.0])))
    return w, b, X, y


def _elementwise(name, reference, reference_name, *, atol=0.0, rtol=0.0, within, hint,
                 warning_hint):
    """An elementwise function: no warning at any finite logit, then agreement with `reference`."""
    def quiet(f, z):
        call(f, name, z)

    def agrees(f, z):
        expect(described(name, z), call(f, name, z), reference(z), atol=atol, rtol=rtol,
               within=within)

    return [Property("no warning for any finite z, however large", st.tuples(logits), quiet,
                     hint=hint, hints={"warning": warning_hint}),
            Property(f"agrees with {reference_name}{within} for every finite z",
                     st.tuples(logits), agrees, hint=hint, hints={"warning": warning_hint})]


SIGMOID = _elementwise(
    "sigmoid", expit, "scipy.special.expit", atol=1e-15, within=" (absolute error <= 1e-15)",
    hint="a = 1 / (1 + e^(-z)) for z >= 0 and e^z / (1 + e^z) for z < 0: check each branch "
         "and the sign of each exponent",
    warning_hint="np.exp(-z) overflows for z < -709.78 (709.78 is the log of the largest "
                 "float): compute only e^(-|z|), as 1 / (1 + e) for z >= 0 and e / (1 + e) "
                 "for z < 0")

LOG_SIGMOID = _elementwise(
    "log_sigmoid", log_expit, "scipy.special.log_expit", rtol=1e-12,
    within=" (relative error <= 1e-12)",
    hint="log sigma(z) = -log(1 + e^(-z)); log(1 + tiny) rounds to 0, so use "
         "-np.logaddexp(0, -z), which computes it exactly",
    warning_hint="log(sigmoid(z)) is log(0) once sigmoid(z) rounds to 0 (z < -745): use "
                 "-np.logaddexp(0, -z), never the log of a probability")

LOG_ONE_MINUS_SIGMOID = _elementwise(
    "log_one_minus_sigmoid", lambda z: log_expit(-z), "scipy.special.log_expit(-z)",
    rtol=1e-12, within=" (relative error <= 1e-12)",
    hint="log(1 - sigma(z)) = log sigma(-z) = -log(1 + e^z): use -np.logaddexp(0, z)",
    warning_hint="1 - sigmoid(z) rounds to 0 for z > 37 and its log is -inf: use "
                 "-np.logaddexp(0, z) instead")


# --- the cost ---------------------------------------------------------------------------
def _reference_cost(z, y):
    """(2.4) for one model; for k models (3.2), the sum of the k columns' means."""
    return float(np.sum(np.mean(-(y * log_expit(z) + (1 - y) * log_expit(-z)), axis=0)))


costs_inputs = st.sampled_from([(1,), (2,), (5,), (3, 2), (4, 3)]).flatmap(lambda shape: st.tuples(
    arrays(np.float64, shape, elements=st.floats(-1e6, 1e6)),
    arrays(np.float64, shape, elements=st.sampled_from([0.0, 1.0]))))


def _cost_at_zero(f, z, y):
    z = np.zeros_like(z)
    k = 1 if z.ndim == 1 else z.shape[1]  # each of the k models' costs is log 2
    expect(described("cross_entropy", z, y), call(f, "cross_entropy", z, y), k * np.log(2),
           rtol=1e-12, within=(" = log 2" if k == 1 else f" = {k} log 2")
           + " (relative error <= 1e-12)")


def _cost_agrees(f, z, y):
    expect(described("cross_entropy", z, y), call(f, "cross_entropy", z, y), _reference_cost(z, y),
           atol=1e-15, rtol=1e-12, within=" (error <= 1e-12 relative or 1e-15 absolute)")


CROSS_ENTROPY = [
    Property("is log 2 at z = 0 for one model and k log 2 for k models, whatever the labels "
             "(relative error <= 1e-12)", costs_inputs,
             _cost_at_zero,
             hint="J = -(1/m) sum [y log a + (1 - y) log(1 - a)]: the mean over the m examples, "
                  "with the minus sign; for k models (z of shape (m, k)) the sum of the k "
                  "models' costs, one a column"),
    Property("agrees with -(y log_expit(z) + (1 - y) log_expit(-z)) from scipy, its mean over "
             "the examples summed over the k models (error <= 1e-12 relative or 1e-15 "
             "absolute) for |z| up to 1e6", costs_inputs,
             _cost_agrees,
             hint="compute the cost from z, as -(y log_sigmoid(z) + (1 - y) "
                  "log_one_minus_sigmoid(z)); a clipped log caps a wrong answer's cost at 34.5",
             hints={"warning": "log(sigmoid(z)) is log(0) for confident wrong answers: use "
                               "log_sigmoid(z) and log_one_minus_sigmoid(z) from step 1"}),
]


# --- gradients --------------------------------------------------------------------------
def _propagate_gradient(f, w, b, X, y):
    text = described("propagate", w, b, X, y)
    cost, dw, db = expect_tuple(text, call(f, "propagate", w, b, X, y), ["cost", "dw", "db"])
    expect(text + " cost", cost, cross_entropy(X @ w + b, y), atol=1e-15, rtol=1e-12,
           within=" = cross_entropy(X @ w + b, y)")
    # central differences of the cost itself: for k models (3.2) its gradient is (3.3)
    numerical_dw = numerical_gradient(lambda v: cross_entropy(X @ v + b, y), w)
    numerical_db = numerical_gradient(lambda c: cross_entropy(X @ w + c, y), b)
    expect(text + " dw", dw, numerical_dw, atol=1e-7, rtol=1e-6,
           within=" by central differences (error <= 1e-6)")
    expect(text + " db", db, numerical_db, atol=1e-7, rtol=1e-6,
           within=" by central differences (error <= 1e-6)")


PROPAGATE = [
    Property("returns the cost (error <= 1e-12) and its gradients (error <= 1e-6 against "
             "central differences of that cost, for one model or k one-vs-rest models)",
             problems(), _propagate_gradient,
             hint="with a = sigmoid(X @ w + b): dw = X.T @ (a - y) / m (shape (d,)) and "
                  "db = the mean of a - y over the examples (axis 0 for k models)",
             hints={"error": "dw = X.T @ (a - y) / m: X.T is (d, m) and a - y is (m,)",
                    "shape": "dw has w's shape and db b's: for k models db = (a - y).mean(axis=0), "
                             "one entry a model"}),
]


# --- gradient descent -------------------------------------------------------------------
def _replayed(w, b, X, y, num_iterations, rate):
    costs = []
    for _ in range(num_iterations):
        cost, dw, db = propagate(w, b, X, y)
        costs.append(cost)
        w, b = w - rate * dw, b - rate * db
    return w, b, np.array(costs)


#: One model or k one-vs-rest models, as gradient_descent's docstring promises
descent_inputs = st.tuples(problems(), st.integers(1, 4), st.sampled_from([0.1, 0.5, 1.0]))


def _descends(f, problem, num_iterations, rate):
    w, b, X, y = problem
    text = described("gradient_descent", w, b, X, y, num_iterations, rate)
    result = call(f, "gradient_descent", w, b, X, y, num_iterations, rate)
    expect_tuple(text, result, ["w", "b", "costs"])
    w_end, b_end, costs = _replayed(w, b, X, y, num_iterations, rate)
    expect(text + " costs", result[2], costs, rtol=1e-12,
           within=", each computed before its iteration's update")
    expect(text + " w", result[0], w_end, atol=1e-12, rtol=1e-12,
           within=" after w <- w - rate dw each iteration")
    expect(text + " b", result[1], b_end, atol=1e-12, rtol=1e-12,
           within=" after b <- b - rate db each iteration")


def _reproduces_the_seed(f):
    # chapter 2's run: the original notebook's data, start and settings, and its printed result
    X, y, X_test, y_test = load_mnist(num_train=3000, num_test=500, scale=False)
    y, y_test = binary_labels(y, 1), binary_labels(y_test, 1)
    text = "gradient_descent(zeros(784), 0.0, the first 3000 raw images, is it a 1?, 100, 0.005)"
    result = expect_tuple(text, call(f, "gradient_descent", np.zeros(784), 0.0, X, y, 100,
                                     0.005), ["w", "b", "costs"])
    w, b = result[0], result[1]
    got = tuple(round(100 * accuracy(predict(w, b, data), labels), 2)
                for data, labels in ((X, y), (X_test, y_test)))
    if got != (99.23, 99.0):
        raise Wrong(text, f"reached train and test accuracy {got} %", "(99.23, 99.0) %, the original notebook's")


GRADIENT_DESCENT = [
    Property("takes num_iterations steps w <- w - rate dw, b <- b - rate db, recording each "
             "cost before its step (error <= 1e-12)", descent_inputs, _descends,
             hint="per iteration: cost, dw, db = propagate(w, b, X, y); record cost; then "
                  "w = w - rate * dw and b = b - rate * db (costs[0] is the starting cost)"),
    Property("reproduces the original notebook's \"is it a 1?\": train 99.23 %, test 99.00 % "
             "(chapter 2)", st.just(()), _reproduces_the_seed,
             hint="chapter 2's run: w = 0, b = 0, 100 iterations at rate 0.005 on the raw "
                  "pixels of the first 3000 images"),
]


# --- predict ----------------------------------------------------------------------------
def _predicts_from_z(f, w, b, X, y):
    z = X @ w + b
    expected = (z > 0).astype(np.int64) if w.ndim == 1 else np.argmax(expit(z), axis=1)
    got = call(f, "predict", w, b, X)
    text = described("predict", w, b, X)
    if not (isinstance(got, np.ndarray) and got.dtype.kind in "iu"):
        raise Wrong(text, f"returned {show(got)}", "an integer array of 0/1 labels",
                    kind="shape")
    if w.ndim == 2 and got.shape == expected.shape and np.all((got >= 0) & (got < w.shape[1])):
        # k models: any j whose a_j ties the largest to the last bit of a sigmoid is right,
        # since two correct sigmoids may round sigma(-2e-16) to 0.5 or just below it
        a = expit(z)
        chosen = a[np.arange(len(got)), got]
        expected = np.where(chosen >= a.max(axis=1) - 1e-15, got, expected)
    expect(text, got, expected, within=" (1 where z = X w + b > 0; argmax_j a_j for k models)")


# one image, one pixel of ink 1 and a zero weight: z is the bias b
tiny = st.tuples(st.just(np.zeros(1)), st.sampled_from([1e-300, 5e-324, 1e-17, 0.0, -1e-17,
                                                        -5e-324, -1e-300]),
                 st.just(np.ones((1, 1))), st.just(np.zeros(1)))

PREDICT = [
    Property("is 1 exactly when z > 0, also for |z| below 1e-16", tiny,
             _predicts_from_z,
             hint="sigma(z) rounds to exactly 0.5 for |z| < 1e-16: decide from z > 0, not from a",
             hints={"shape": "return integer labels: (z > 0).astype(int)"}),
    Property("gives 0/1 for one model and argmax_j a_j for k models",
             problems(), _predicts_from_z,
             hint="one model: (X @ w + b > 0).astype(int); k models: np.argmax(sigmoid(Z), "
                  "axis=1), one label a row",
             hints={"shape": "return integer labels of shape (m,): .astype(int), argmax over "
                             "axis=1"}),
]
