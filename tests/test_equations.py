r"""Every numbered equation the book prints is checked here, tied to it by its number.

A chapter's display equations end in ``\tag{N.M}`` (the pen-and-paper
answers in exercises/DERIVATIONS.md in ``\tag{EN.M}``).  Each has one check
below, registered with ``@equation("N.M", r"...")`` and the equation's
LaTeX as printed.  ``test_each_printed_equation_is_the_one_its_check_checks``
fails when an equation is printed without a check, when a check has no
equation, and when the printed text and the check's copy differ: editing
the printed equation without its check (a sign flipped, say), or the
check without the equation, fails.  The check itself proves the equation:

- scalar identities and derivatives symbolically, with SymPy;
- matrix results numerically, against finite differences of the costs
  (``numerical_gradient``) or a naive loop;
- definitions, against the package function that implements them.

Each check takes a random generator of its own, the same whatever else runs.
"""
import functools
import math
import re
from pathlib import Path

import numpy as np
import scipy.special
import scipy.stats
import pytest
import sympy as sp
from chapter_checks import text_lines

from logreg_from_scratch.calibrate import _temperature_derivatives, platt, temperature_cost
from logreg_from_scratch.cost import cross_entropy
from logreg_from_scratch.deskew import deskew, moments
from logreg_from_scratch.experiments import curvature_bound, gradient_check, roughness
from logreg_from_scratch.generative import gaussian_classes
from logreg_from_scratch.gradients import numerical_gradient, propagate, relative_error
from logreg_from_scratch.labels import one_hot
from logreg_from_scratch.laplace import laplace_logits
from logreg_from_scratch.metrics import (average_precision, confusion, counts_by_threshold,
                                         expected_calibration_error, precision_recall_f1,
                                         reliability, roc_auc, roc_curve)
from logreg_from_scratch.newton import descent, hessian, newton, newton_step, penalised
from logreg_from_scratch.optimize import gradient_descent, minibatch_sgd, train_softmax
from logreg_from_scratch.predict import distance_to_boundary, predict, predict_proba
from logreg_from_scratch.sigmoid import log_one_minus_sigmoid, log_sigmoid, sigmoid
from logreg_from_scratch.softmax import log_softmax, propagate_softmax, softmax

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.py")) + [
    ROOT / "exercises" / "DERIVATIONS.md"]
TAG = re.compile(r"\\tag\{([^}]*)\}")

EQUATIONS = {}  # tag: (the equation's LaTeX as printed, without its \tag; the check)


def equation(tag, latex):
    """Register the decorated function as the check of equation `tag`, printed as `latex`."""
    def register(check):
        assert tag not in EQUATIONS, f"two checks for ({tag})"
        EQUATIONS[tag] = (latex, check)
        return check
    return register


def normal(latex):
    """`latex` with its \\tag removed and its white space folded, for comparison."""
    return " ".join(TAG.sub("", latex).split())


def printed_equations():
    """{tag: (LaTeX, file)} of every display equation the book prints with a \\tag."""
    found = {}
    for path in SOURCES:
        text = ("\n".join(text_lines(path)) if path.suffix == ".py"
                else path.read_text(encoding="utf-8"))
        for block in re.findall(r"^\s*\$\$\s*$(.*?)^\s*\$\$\s*$", text, re.MULTILINE | re.DOTALL):
            tags = TAG.findall(block)
            assert len(tags) <= 1, f"{path.name}: one \\tag an equation: {tags}"
            for tag in tags:
                assert tag not in found, f"({tag}) printed twice: {path.name}, {found[tag][1]}"
                found[tag] = (normal(block), path.name)
    return found


def test_each_printed_equation_is_the_one_its_check_checks():
    printed = printed_equations()
    assert len(printed) >= 39  # the derivations are there
    assert sorted(set(printed) - set(EQUATIONS)) == [], "printed, but nothing checks them"
    assert sorted(set(EQUATIONS) - set(printed)) == [], "checked, but no longer printed"
    for tag, (latex, _) in EQUATIONS.items():
        assert printed[tag][0] == normal(latex), (
            f"({tag}) in {printed[tag][1]} is not the equation its check proves:\n"
            f"  printed: {printed[tag][0]}\n  checked: {normal(latex)}")


def test_the_tags_follow_the_chapters():
    """Equation N.M stands in chapter N, numbered 1, 2, ... in the order printed."""
    for path in SOURCES[:-1]:
        text = path.read_text(encoding="utf-8")
        tags = TAG.findall(text)
        chapter = int(path.name[:2])
        assert tags == [f"{chapter}.{n}" for n in range(1, len(tags) + 1)], path.name


# --- SymPy's symbols and the scalar functions of the derivation -------------------------
z, y, c, h, x0 = sp.symbols("z y c h x_0", real=True)
a_ = sp.symbols("a", positive=True)
sigma = 1 / (1 + sp.exp(-z))


def same(left, right):
    """Whether two SymPy expressions are equal.

    Most here are rational in exponentials: over one denominator, their
    difference's numerator expands to 0.  The rest go to ``simplify``.
    """
    difference = left - right
    return (sp.expand(sp.numer(sp.together(difference))) == 0
            or sp.simplify(sp.expand(difference)) == 0)


def problem(rng, m=40, d=6, k=None):
    """A small random problem and parameters to evaluate it at.

    Binary (``k=None``): X (m, d), labels y (m,) of 0.0 and 1.0 from a noisy
    linear rule, w (d,), b.  With k classes: X (m, d), labels (m,) in 0..k-1,
    W (d, k), b (k,).
    """
    X = rng.normal(size=(m, d))
    if k is None:
        y_ = (X @ rng.normal(size=d) + rng.normal(size=m) > 0).astype(float)
        return X, y_, rng.normal(size=d) * 0.5, 0.2
    return X, rng.integers(0, k, size=m), rng.normal(size=(d, k)), rng.normal(size=k)


# --- Chapter 1 ----------------------------------------------------------------------------
@equation("1.1", r"\begin{aligned} X_{i,\, 28 u + v + 1} &= \text{pixel } (u, v) \text{ of "
                 r"image } i, \\ y_i &\in \{0, 1, \dots, 9\}. \end{aligned}")
def _(rng):
    import gzip

    from logreg_from_scratch.idx_data import load_mnist
    X, y_, _, _ = load_mnist(num_train=5, num_test=1, scale=False)
    with gzip.open(ROOT / "data" / "train-images-idx3-ubyte.gz") as file:
        raw = np.frombuffer(file.read(16 + 5 * 784), np.uint8, offset=16).reshape(5, 28, 28)
    for i in range(1, 6):  # (1.1) counts images and pixels from 1, NumPy from 0
        for u, v in ((0, 0), (0, 27), (7, 20), (14, 14), (27, 27)):
            j = 28 * u + v + 1  # X_ij is pixel (u, v): the text's X[i - 1, 28 * u + v]
            assert X[i - 1, j - 1] == X[i - 1, 28 * u + v] == raw[i - 1, u, v]
    assert np.array_equal(X.reshape(5, 28, 28), raw)  # every pixel: row by row, left to right
    assert set(np.unique(y_)) <= set(range(10))


# --- Chapter 2 ----------------------------------------------------------------------------
@equation("2.1", r"z = X w + b.")
def _(rng):
    X, y_, w, b = problem(rng)
    # the logits gradient_descent and predict use are X @ w + b, shape (m,): the text's shapes
    assert np.array_equal(predict(w, b, X), (X @ w + b > 0).astype(int))
    assert (X @ w + b).shape == (40,) and w.shape == (6,) and np.ndim(b) == 0
    assert np.allclose(X @ w + b, [sum(X[i, j] * w[j] for j in range(6)) + b for i in range(40)])


@equation("2.2", r"a = \sigma(z) = \frac{1}{1 + e^{-z}}.")
def _(rng):
    f = sp.lambdify(z, sigma, "mpmath")
    for t in (-30.0, -2.5, 0.0, 1.0, 30.0):
        assert abs(float(sigmoid(t)) - float(f(t))) <= 1e-15 * float(f(t)) + 1e-300
    # the text beside (2.9): e^{-z} overflows once z < -709.78, the log of the largest float
    assert np.isclose(np.log(np.finfo(float).max), 709.78, atol=0.005)
    with np.errstate(over="raise"):
        np.exp(709.78)
        with pytest.raises(FloatingPointError):
            np.exp(709.79)
    assert sigmoid(36.7) < 1.0 and sigmoid(36.75) == 1.0  # sigma rounds to 1 above ~36.7


@equation("2.3", r"\begin{aligned} & -\log\bigl(a^{y}(1 - a)^{1 - y}\bigr) \\ & \quad = "
                 r"-\bigl(y \log a + (1 - y)\log(1 - a)\bigr), \end{aligned}")
def _(rng):
    p = sp.symbols("p", positive=True)  # a, with 1 - a = q > 0
    q = sp.symbols("q", positive=True)
    left = -sp.expand_log(sp.log(p ** y * q ** (1 - y)), force=True)
    assert same(left, -(y * sp.log(p) + (1 - y) * sp.log(q)))
    for label in (0, 1):  # the Bernoulli probability: a for a 1, 1 - a for a 0
        assert (p ** label * q ** (1 - label)) == (p if label else q)


@equation("2.4", r"\begin{aligned} J(w, b) = -\frac{1}{m} \sum_{i=1}^{m} \bigl(& y_i \log a_i "
                 r"\\ & + (1 - y_i) \log(1 - a_i)\bigr). \end{aligned}")
def _(rng):
    X, y_, w, b = problem(rng)
    zz = X @ w + b
    a = 1 / (1 + np.exp(-zz))
    assert np.isclose(cross_entropy(zz, y_), -np.mean(y_ * np.log(a) + (1 - y_) * np.log(1 - a)),
                      rtol=1e-12)
    assert cross_entropy(np.zeros(40), y_) == np.log(2)  # the text: log 2 at w = 0


@equation("2.5", r"\sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr).")
def _(rng):
    assert same(sp.diff(sigma, z), sigma * (1 - sigma))


@equation("2.6", r"\begin{aligned} & \frac{\partial}{\partial z}\Bigl(-y \log a - (1 - y) "
                 r"\log(1 - a)\Bigr) \\ & \quad = \Bigl(-\frac{y}{a} + \frac{1 - y}{1 - a}\Bigr)"
                 r"\, a (1 - a) \\ & \quad = -y (1 - a) + (1 - y)\, a = a - y. \end{aligned}")
def _(rng):
    loss = -y * sp.log(sigma) - (1 - y) * sp.log(1 - sigma)
    middle = (-y / sigma + (1 - y) / (1 - sigma)) * sigma * (1 - sigma)
    assert same(sp.diff(loss, z), middle)
    # the text's derivatives in a: -y/a, and +(1 - y)/(1 - a) by the chain rule
    assert same(sp.diff(-y * sp.log(a_) - (1 - y) * sp.log(1 - a_), a_),
                -y / a_ + (1 - y) / (1 - a_))
    multiplied = -y * (1 - sigma) + (1 - y) * sigma  # the last line, multiplied out
    assert same(middle, multiplied) and same(multiplied, sigma - y)
    # the text beside it: squared error's slope and its curvature, negative for a 1 at a < 1/3
    squared = (sigma - y) ** 2 / 2
    assert same(sp.diff(squared, z), (sigma - y) * sigma * (1 - sigma))
    curvature = sigma * (1 - sigma) * (sigma * (1 - sigma) + (sigma - y) * (1 - 2 * sigma))
    assert same(sp.diff(squared, z, 2), curvature)
    assert same(curvature.subs(y, 1), sigma * (1 - sigma) ** 2 * (3 * sigma - 1))


@equation("2.7", r"\begin{aligned} \frac{\partial J}{\partial w_j} &= \frac{1}{m} \sum_{i=1}^{m} "
                 r"X_{ij}\,(a_i - y_i), \\ \frac{\partial J}{\partial b} &= \frac{1}{m} "
                 r"\sum_{i=1}^{m} (a_i - y_i). \end{aligned}")
def _(rng):
    X, y_, w, b = problem(rng)
    a = sigmoid(X @ w + b)
    loop_dw = [sum(X[i, j] * (a[i] - y_[i]) for i in range(40)) / 40 for j in range(6)]
    loop_db = sum(a[i] - y_[i] for i in range(40)) / 40
    J = lambda v: cross_entropy(X @ v[:-1] + v[-1], y_)  # noqa: E731
    numerical = numerical_gradient(J, np.append(w, b))
    assert np.max(relative_error(np.append(loop_dw, loop_db), numerical)) < 1e-7


@equation("2.8", r"\begin{aligned} dw &= \frac{1}{m} X^\top (a - y), \\ db &= \frac{1}{m} "
                 r"\sum_{i=1}^{m} (a_i - y_i). \end{aligned}")
def _(rng):
    X, y_, w, b = problem(rng)
    _, dw, db = propagate(w, b, X, y_)
    a = 1 / (1 + np.exp(-(X @ w + b)))
    assert dw.shape == w.shape and np.allclose(dw, X.T @ (a - y_) / 40, rtol=1e-12, atol=1e-15)
    assert np.isclose(db, np.mean(a - y_), rtol=1e-12)


@equation("2.9", r"\begin{aligned} \log \sigma(z) &= -\log\bigl(1 + e^{-z}\bigr), \\ "
                 r"\log\bigl(1 - \sigma(z)\bigr) &= -\log\bigl(1 + e^{z}\bigr). \end{aligned}")
def _(rng):
    assert same(sp.expand_log(sp.log(sigma), force=True), -sp.log(1 + sp.exp(-z)))
    assert same(sp.exp(-sp.log(1 + sp.exp(z))), 1 - sigma)
    for t in (-800.0, -37.0, 0.0, 37.0, 800.0):  # and the package computes them without overflow
        with np.errstate(over="raise", divide="raise", invalid="raise"):
            assert np.isclose(log_sigmoid(t), -np.logaddexp(0, -t), rtol=1e-15)
            assert np.isclose(log_one_minus_sigmoid(t), -np.logaddexp(0, t), rtol=1e-15)


@equation("2.10", r"\begin{aligned} & -y \log \sigma(z) - (1 - y) \log\bigl(1 - \sigma(z)\bigr) "
                  r"\\ & \quad = \log\bigl(1 + e^{z}\bigr) - y z. \end{aligned}")
def _(rng):
    softplus = sp.log(1 + sp.exp(z))
    # the step of exercise 5: log(1 + e^-z) = log(1 + e^z) - z (exponentiate both sides)
    assert same(1 + sp.exp(-z), sp.exp(softplus - z))
    left = -y * (-(softplus - z)) - (1 - y) * (-softplus)  # by (2.9), with that step
    right = softplus - y * z
    assert same(left, right)
    assert same(sp.diff(right, z), sigma - y)  # exercise 5: (2.6) again
    assert same(sp.diff(right, z, 2), sigma * (1 - sigma))  # exercise 6: convex in z
    assert sp.limit(right.subs(y, 1) / -z, z, -sp.oo) == 1  # a confident mistake costs ~|z|


@equation("2.11", r"w \leftarrow w - \eta\, dw, \qquad b \leftarrow b - \eta\, db.")
def _(rng):
    X, y_, w, b = problem(rng)
    w1, b1, _ = gradient_descent(w, b, X, y_, 1, 0.3)
    _, dw, db = propagate(w, b, X, y_)
    assert np.allclose(w1, w - 0.3 * dw, rtol=1e-14) and np.isclose(b1, b - 0.3 * db)
    # the chapter's loop, three steps with a = sigma(z) and a - y as written: the same w
    w_loop, b_loop = w.copy(), b
    for _ in range(3):
        a = sigmoid(X @ w_loop + b_loop)
        w_loop, b_loop = w_loop - 0.3 * X.T @ (a - y_) / 40, b_loop - 0.3 * np.mean(a - y_)
    w3, b3, _ = gradient_descent(w, b, X, y_, 3, 0.3)
    assert np.allclose(w_loop, w3, rtol=1e-13, atol=1e-15) and np.isclose(b_loop, b3)


@equation("2.12", r"\frac{a}{1 - a} = e^{z}, \qquad z = \log \frac{a}{1 - a}.")
def _(rng):
    assert same(sigma / (1 - sigma), sp.exp(z))
    assert same(sp.expand_log(sp.log(sp.exp(z)), force=True), z)  # the log of both sides
    t = rng.normal(scale=5, size=50)  # and the package's sigmoid inverted by scipy's logit
    assert np.allclose(scipy.special.logit(sigmoid(t)), t, rtol=1e-9, atol=1e-9)


@equation("2.13", r"z' = z + w_j, \qquad \frac{a' / (1 - a')}{a / (1 - a)} = e^{w_j}.")
def _(rng):
    w_j = sp.symbols("w_j", real=True)
    raised = sigma.subs(z, z + w_j)  # a' = sigma(z + w_j)
    assert same((raised / (1 - raised)) / (sigma / (1 - sigma)), sp.exp(w_j))
    # on a random model: one unit more of pixel 2, the other pixels held, in the package's terms
    X, _, w, b = problem(rng)
    up = X.copy()
    up[:, 2] += 1
    a, a_up = sigmoid(X @ w + b), sigmoid(up @ w + b)
    assert np.allclose(up @ w + b, X @ w + b + w[2], rtol=1e-12)
    assert np.allclose((a_up / (1 - a_up)) / (a / (1 - a)), np.exp(w[2]), rtol=1e-9)


@equation("2.14", r"\begin{aligned} \operatorname{Ent}(a^\star) &= -a^\star \log a^\star \\ "
                  r"&\quad - (1 - a^\star) \log (1 - a^\star), \\ \operatorname{CE}(a^\star, a) "
                  r"&= -a^\star \log a \\ &\quad - (1 - a^\star) \log (1 - a), \\ "
                  r"\operatorname{KL}(a^\star, a) &= \operatorname{CE}(a^\star, a) - "
                  r"\operatorname{Ent}(a^\star) \\ &= a^\star \log \frac{a^\star}{a} \\ &\quad + "
                  r"(1 - a^\star) \log \frac{1 - a^\star}{1 - a}. \end{aligned}")
def _(rng):
    star, a = sp.symbols("a_star a", positive=True)
    ent = -star * sp.log(star) - (1 - star) * sp.log(1 - star)
    ce = -star * sp.log(a) - (1 - star) * sp.log(1 - a)
    kl = star * sp.log(star / a) + (1 - star) * sp.log((1 - star) / (1 - a))
    assert same(sp.expand_log(ce - ent - kl, force=True), 0)
    # a label as the true chance: CE(y, a) is the loss (2.3) the package computes from z
    z_ = rng.normal(scale=3, size=20)
    labels = rng.integers(0, 2, size=20)
    a_ = sigmoid(z_)
    losses = -labels * np.log(a_) - (1 - labels) * np.log(1 - a_)
    assert np.isclose(np.mean(losses), cross_entropy(z_, labels), rtol=1e-12)


@equation("2.15", r"\begin{aligned} & \operatorname{KL}(a^\star, a) \geq 0, \\ & \text{with } 0 "
                  r"\text{ only at } a = a^\star. \end{aligned}")
def _(rng):
    star, a = sp.symbols("a_star a", positive=True)
    kl = star * sp.log(star / a) + (1 - star) * sp.log((1 - star) / (1 - a))
    gradient = sp.diff(kl, a)
    assert same(gradient, (a - star) / (a * (1 - a)))  # negative below a*, positive above
    t = sp.symbols("t", positive=True)  # the fact the proof uses: log t <= t - 1, equal at 1
    assert sp.diff(t - 1 - sp.log(t), t).subs(t, 1) == 0
    assert sp.diff(t - 1 - sp.log(t), t, 2) == 1 / t**2  # convex, so its minimum 0 is at t = 1
    # numerically, on a grid of true chances and probabilities: never below 0, 0 on the diagonal
    grid = np.linspace(0.01, 0.99, 99)
    S, A = np.meshgrid(grid, grid, indexing="ij")
    values = S * np.log(S / A) + (1 - S) * np.log((1 - S) / (1 - A))
    assert values.min() >= -1e-15 and np.allclose(np.diag(values), 0, atol=1e-15)
    assert np.all(values[~np.eye(99, dtype=bool)] > 0)


# --- Chapter 3 ----------------------------------------------------------------------------
@equation("3.1", r"Z = X W + b.")
def _(rng):
    X, labels, W, b = problem(rng, k=4)
    Z = X @ W + b
    # the text's shapes: Z (m, k), W (d, k), b (k,) added to every row
    assert Z.shape == (40, 4) and W.shape == (6, 4) and b.shape == (4,)
    assert np.allclose(Z[3], [X[3] @ W[:, l] + b[l] for l in range(4)])


@equation("3.2", r"\begin{aligned} J(W, b) &= \sum_{\ell=0}^{k-1} J_\ell \\ &= -\frac{1}{m} "
                 r"\sum_{i=1}^{m} \sum_{\ell=0}^{k-1} \bigl(Y_{i\ell} \log A_{i\ell} \\ &\qquad "
                 r"+ (1 - Y_{i\ell}) \log(1 - A_{i\ell})\bigr). \end{aligned}")
def _(rng):
    X, labels, W, b = problem(rng, k=4)
    Y = one_hot(labels, 4)
    cost, _, _ = propagate(W, b, X, Y)
    A = 1 / (1 + np.exp(-(X @ W + b)))
    assert np.isclose(cost, -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / 40, rtol=1e-12)
    # which is the sum of the k binary models' costs (2.4), J_l of column l
    assert np.isclose(cost, sum(propagate(W[:, l], b[l], X, Y[:, l])[0] for l in range(4)),
                      rtol=1e-12)
    assert propagate(np.zeros((6, 4)), np.zeros(4), X, Y)[0] == 4 * np.log(2)  # k log 2


@equation("3.3", r"\begin{aligned} dW &= \frac{1}{m} X^\top (A - Y), \\ db &= \frac{1}{m} "
                 r"\sum_{i=1}^{m} (A_{i\cdot} - Y_{i\cdot}). \end{aligned}")
def _(rng):
    X, labels, W, b = problem(rng, k=4)
    Y = one_hot(labels, 4)
    _, dW, db = propagate(W, b, X, Y)
    A = sigmoid(X @ W + b)
    assert np.allclose(dW, X.T @ (A - Y) / 40) and np.allclose(db, (A - Y).mean(axis=0))
    # the gradient of the cost (3.2) that propagate returns, with no factor k between them
    numerical_dW = numerical_gradient(lambda v: propagate(v, b, X, Y)[0], W)
    numerical_db = numerical_gradient(lambda c: propagate(W, c, X, Y)[0], b)
    assert np.max(relative_error(dW, numerical_dW)) < 1e-6
    assert np.max(relative_error(db, numerical_db)) < 1e-6
    # and column l is model l's own gradient (2.8)
    for l in range(4):
        _, dw_l, db_l = propagate(W[:, l], b[l], X, Y[:, l])
        assert np.allclose(dW[:, l], dw_l, rtol=1e-12) and np.isclose(db[l], db_l)


def _cost_along(X, y_, theta, delta):
    """epsilon -> J(theta + epsilon delta), the binary cost (2.4) along a line."""
    return lambda eps: cross_entropy(X @ (theta[:-1] + eps * delta[:-1]) + theta[-1]
                                     + eps * delta[-1], y_)


@equation("3.4", r"\begin{aligned} \frac{d^2}{d\epsilon^2} J_\ell(\theta + \epsilon\delta) &= "
                 r"\frac{1}{m} \sum_{i=1}^{m} a_i (1 - a_i)\, (\tilde x_i \cdot \delta)^2 \\ &= "
                 r"\delta^\top H \delta, \qquad H = \frac{1}{m} \tilde X^\top S \tilde X. "
                 r"\end{aligned}")
def _(rng):
    X, y_, w, b = problem(rng)
    theta = np.append(w, b)
    X1 = np.column_stack([X, np.ones(40)])  # the rows are the x~_i
    a = sigmoid(X1 @ theta)
    H = X1.T @ np.diag(a * (1 - a)) @ X1 / 40
    assert np.allclose(H, hessian(w, b, X), rtol=1e-12)  # the package's, chapter 10's (10.2)
    for _ in range(3):
        delta = rng.normal(size=7)
        delta /= np.linalg.norm(delta)
        f, e = _cost_along(X, y_, theta, delta), 1e-4
        second = (f(e) - 2 * f(0.0) + f(-e)) / e ** 2  # the second derivative in epsilon
        by_sum = np.mean(a * (1 - a) * (X1 @ delta) ** 2)
        assert np.isclose(second, by_sum, rtol=1e-5) and np.isclose(by_sum, delta @ H @ delta)
    assert np.all(np.linalg.eigvalsh(H) > -1e-12)  # every curvature >= 0
    # the text: entry (j, j') is the second derivative in theta_j and theta_j'
    f = lambda v: cross_entropy(X1 @ v, y_)  # noqa: E731
    e = 1e-4
    for j, j2 in ((0, 3), (2, 6), (5, 5)):
        ej, ej2 = np.eye(7)[j] * e, np.eye(7)[j2] * e
        mixed = (f(theta + ej + ej2) - f(theta + ej - ej2) - f(theta - ej + ej2)
                 + f(theta - ej - ej2)) / (4 * e ** 2)
        assert np.isclose(mixed, H[j, j2], rtol=1e-4)
    # and the step to the matrix form: sum_i S_ii (x~_i . delta)^2 = (X~ delta)^T S (X~ delta)
    assert np.isclose((X1 @ delta) @ np.diag(a * (1 - a)) @ (X1 @ delta) / 40, delta @ H @ delta)
    # one-vs-rest: the whole cost's largest curvature is the largest of the k models' own
    Xk, labels, W, b = problem(rng, k=3)
    Yk = one_hot(labels, 3)
    blocks = [hessian(W[:, l], b[l], Xk) for l in range(3)]
    whole = np.zeros((21, 21))
    for l, block in enumerate(blocks):
        whole[7 * l:7 * l + 7, 7 * l:7 * l + 7] = block
    g = lambda v: propagate(v[:, :6].T, v[:, 6], Xk, Yk)[0]  # noqa: E731
    direction = rng.normal(size=(3, 7))
    direction /= np.linalg.norm(direction)
    base = np.column_stack([W.T, b])
    along = (g(base + e * direction) - 2 * g(base) + g(base - e * direction)) / e ** 2
    assert np.isclose(along, direction.ravel() @ whole @ direction.ravel(), rtol=1e-4)
    assert np.isclose(np.linalg.eigvalsh(whole)[-1],
                      max(np.linalg.eigvalsh(block)[-1] for block in blocks))


@equation("3.5", r"\begin{aligned} \delta^\top H \delta &= \cos^2\varphi\, "
                 r"\operatorname{eig}_{\max}(H) \\ &\quad + \sin^2\varphi\, "
                 r"\operatorname{eig}_{\min}(H). \end{aligned}")
def _(rng):
    M = rng.normal(size=(2, 2))
    H = M @ M.T + 0.1 * np.eye(2)  # symmetric, both eigenvalues > 0
    eig, vectors = np.linalg.eigh(H)  # ascending
    d_min, d_max = vectors[:, 0], vectors[:, 1]
    assert np.isclose(d_min @ d_max, 0, atol=1e-12)  # at right angles
    for phi in np.linspace(0, np.pi, 13):
        delta = np.cos(phi) * d_max + np.sin(phi) * d_min
        assert np.isclose(delta @ H @ delta, np.cos(phi) ** 2 * eig[1] + np.sin(phi) ** 2 * eig[0])
    # the text: in more dimensions too, every curvature lies between the extreme eigenvalues
    M = rng.normal(size=(7, 7))
    H = M @ M.T
    eig = np.linalg.eigvalsh(H)
    for _ in range(200):
        delta = rng.normal(size=7)
        delta /= np.linalg.norm(delta)
        assert eig[0] - 1e-12 <= delta @ H @ delta <= eig[-1] + 1e-12


@equation("3.6", r"\theta_{t+1} - \theta^\star = (I - \eta H)\,(\theta_t - \theta^\star).")
def _(rng):
    M = rng.normal(size=(3, 3))
    H, theta_star = M @ M.T + np.eye(3), rng.normal(size=3)
    bowl = lambda v: (v - theta_star) @ H @ (v - theta_star) / 2  # noqa: E731
    theta, eta = rng.normal(size=3), 0.1
    gradient = numerical_gradient(bowl, theta)
    assert np.allclose(gradient, H @ (theta - theta_star), rtol=1e-6)  # the bowl's gradient
    after = theta - eta * gradient
    assert np.allclose(after - theta_star, (np.eye(3) - eta * H) @ (theta - theta_star),
                       rtol=1e-6)
    # along an eigenvector the distance is multiplied by 1 - eta times its eigenvalue
    eig, vectors = np.linalg.eigh(H)
    for e, v in zip(eig, vectors.T):
        assert np.isclose(((np.eye(3) - eta * H) @ v) @ v, 1 - eta * e)


@equation("3.7", r"0 < \eta < \frac{2}{\operatorname{eig}_{\max}(H)}.")
def _(rng):
    M = rng.normal(size=(4, 4))
    H = M @ M.T + 0.05 * np.eye(4)
    limit = 2 / np.linalg.eigvalsh(H)[-1]
    start = rng.normal(size=4)
    for eta, shrinks in ((0.98 * limit, True), (1.02 * limit, False)):
        theta = start.copy()
        for _ in range(3000):
            theta = theta - eta * H @ theta  # the bowl theta^T H theta / 2, least at 0
        assert (np.linalg.norm(theta) < np.linalg.norm(start)) == shrinks
    # the one-dimensional example of the text: 2 theta^2, curvature 4, limit 2/4
    for eta, factor in ((0.45, -0.8), (0.55, -1.2)):
        assert np.isclose(1 - 4 * eta, factor)
    # a direction of zero curvature (a pixel blank in every image): its factor is exactly 1
    X, y_, w, b = problem(rng)
    X[:, 2] = 0
    H0 = hessian(np.zeros(6), 0.0, X)
    assert np.all(H0[2] == 0) and np.linalg.eigvalsh(H0)[0] < 1e-12
    # the cross-entropy curves most at theta = 0, where every a(1 - a) is 1/4: at any other
    # point H0 - H has no negative eigenvalue, so a rate below 2 / eig_max(H0) obeys (3.7)
    # everywhere, and the cost then falls at every step (the text's "safe rate")
    for scale in (0.3, 3.0, 30.0):
        H = hessian(rng.normal(size=6) * scale, rng.normal() * scale, X)
        assert np.linalg.eigvalsh(H0 - H)[0] > -1e-12
    safe = 2 / np.linalg.eigvalsh(H0)[-1]
    _, _, costs = gradient_descent(np.zeros(6), 0.0, X * 5, y_, 200, 0.99 * safe / 25)
    assert np.all(np.diff(costs) < 0)


@equation("3.8", r"\begin{aligned} dW_{\mathrm{s}} &= \frac{1}{255}\, dW, \\ (H_{\mathrm{s}})_{jj} "
                 r"&= \frac{1}{255^2}\, H_{jj}. \end{aligned}")
def _(rng):
    X, y_, w, b = problem(rng)
    X, w = np.abs(X) * 100, w * 1e-3  # raw-pixel-like values
    Xs, ws = X / 255, 255 * w  # the same logits
    assert np.allclose(X @ w, Xs @ ws)
    _, dw, _ = propagate(w, b, X, y_)
    _, dws, _ = propagate(ws, b, Xs, y_)
    assert np.allclose(dws, dw / 255, rtol=1e-12)
    H, Hs = hessian(w, b, X), hessian(ws, b, Xs)
    assert np.allclose(Hs[:-1, :-1], H[:-1, :-1] / 255 ** 2, rtol=1e-12)
    assert np.isclose(Hs[-1, -1], H[-1, -1])  # the text: the bias's curvature stays the same


# --- Chapter 4 ----------------------------------------------------------------------------
@equation("4.1", r"Z_{i\ell} = \sum_{j=1}^{784} X_{ij} W_{j\ell} + b_\ell.")
def _(rng):
    X, W, b = rng.random((3, 784)), rng.normal(size=(784, 10)), rng.normal(size=10)
    Z = X @ W + b  # (3.1), the logits the package computes
    assert np.allclose(Z, [[sum(X[i, j] * W[j, l] for j in range(784)) + b[l]
                            for l in range(10)] for i in range(3)])
    assert np.array_equal(predict(W, b, X), Z.argmax(axis=1))


@equation("4.2", r"\begin{aligned} dW_{j\ell} &= \frac{1}{m} \sum_{i=1}^{m} X_{ij}\,"
                 r"(A_{i\ell} - Y_{i\ell}) \\ &= 0 \quad \text{when } X_{ij} = 0 \text{ for every "
                 r"image } i. \end{aligned}")
def _(rng):
    X, labels, W, b = problem(rng, k=3)
    X[:, 2] = 0  # pixel 2 blank in every image
    Y = one_hot(labels, 3)
    _, dW, _ = propagate(W, b, X, Y)  # the gradient gradient descent follows, (3.3)
    A = sigmoid(X @ W + b)
    m = len(X)
    assert np.allclose(dW, [[sum(X[i, j] * (A[i, l] - Y[i, l]) for i in range(m)) / m
                             for l in range(3)] for j in range(6)])
    assert np.all(dW[2] == 0)
    W, _, _ = gradient_descent(np.zeros((6, 3)), np.zeros(3), X, Y, 25, 0.5)
    assert np.all(W[2] == 0) and np.all(W[[0, 1, 3]] != 0)  # so that weight never moves


@equation("4.3", r"\text{roughness} = \frac{\operatorname{mean} \lvert W_{j+1,\,\ell} - "
                 r"W_{j\ell} \rvert}{\operatorname{mean} \lvert W_{j\ell} \rvert}.")
def _(rng):
    W = rng.normal(size=(784, 10)) * rng.random(784)[:, None]
    # pixel j's right neighbour is j + 1 unless j is in the last column (v = 27): 27 pairs a
    # row, 28 rows, ten maps; the mean below over all 784 x 10 weights
    pairs = [abs(W[j + 1, l] - W[j, l]) for l in range(10) for j in range(784) if j % 28 != 27]
    assert len(pairs) == 27 * 28 * 10
    assert np.isclose(roughness(W), np.mean(pairs) / np.mean(np.abs(W)))
    smooth = np.repeat(rng.normal(size=(28, 1, 10)), 28, axis=1).reshape(784, 10)
    assert roughness(smooth) == 0  # every row constant: nothing changes to the right


def boundary_points(rng, w, b, n=50):
    """n random points of the hyperplane w.x + b = 0: free coordinates, the last one solved for."""
    P = rng.normal(size=(n, len(w)))
    P[:, -1] = -(b + P[:, :-1] @ w[:-1]) / w[-1]
    return P


@equation("4.4", r"\begin{aligned} & w^\top (x - x') = 0 \\ & \text{for any } x, x' "
                 r"\text{ on the boundary.} \end{aligned}")
def _(rng):
    w1, w2, b_, x1, u1 = sp.symbols("w1 w2 b x1 u1", real=True)
    on_line = lambda t: (t, -(b_ + w1 * t) / w2)  # noqa: E731 (the line w1 x1 + w2 x2 + b = 0)
    (p1, p2), (q1, q2) = on_line(x1), on_line(u1)
    assert sp.simplify(w1 * (p1 - q1) + w2 * (p2 - q2)) == 0
    _, _, w, b = problem(rng)
    P = boundary_points(rng, w, b)
    assert np.allclose(P @ w + b, 0, atol=1e-12)  # they are on it: every logit 0
    assert np.allclose((P[1:] - P[0]) @ w, 0, atol=1e-12)  # every arrow along it is at 90° to w


@equation("4.5", r"\operatorname{dist}(x) = \frac{w^\top x + b}{\lVert w \rVert}.")
def _(rng):
    w1, w2, b_, x1, x2, t = sp.symbols("w1 w2 b x1 x2 t", real=True)
    # the walk x - t w reaches the line where its logit is 0; it has covered t ||w||
    t0 = sp.solve(w1 * (x1 - t * w1) + w2 * (x2 - t * w2) + b_, t)[0]
    assert sp.simplify(t0 - (w1 * x1 + w2 * x2 + b_) / (w1 ** 2 + w2 ** 2)) == 0
    X, _, w, b = problem(rng)
    dist = distance_to_boundary(w, b, X)
    for x, signed in zip(X[:10], dist):
        # the shortest step onto the boundary: the least-norm solution of w.(x + step) + b = 0
        step = np.linalg.lstsq(w[None, :], [-(w @ x + b)], rcond=None)[0]
        assert np.isclose(np.linalg.norm(step), abs(signed), rtol=1e-12)
        assert np.isclose(w @ (x + step) + b, 0, atol=1e-12)
        assert np.sign(signed) == np.sign(w @ x + b)  # positive on the side of "yes"
        # and no point of the boundary is nearer
        assert np.all(np.linalg.norm(boundary_points(rng, w, b, 200) - x, axis=1)
                      >= abs(signed) - 1e-12)


@equation("4.6", r"\begin{aligned} z &= \lVert w \rVert \operatorname{dist}(x), \\ a &= "
                 r"\sigma\bigl(\lVert w \rVert \operatorname{dist}(x)\bigr). \end{aligned}")
def _(rng):
    X, _, w, b = problem(rng)
    length = np.linalg.norm(w)
    dist = distance_to_boundary(w, b, X)
    assert np.allclose(length * dist, X @ w + b, rtol=1e-12)
    assert np.allclose(sigmoid(length * dist), predict_proba(w, b, X), rtol=1e-12)
    # the images of probability a: a step of log(a / (1 - a)) / ||w|| from the boundary along w
    for a in (0.1, 0.75, 0.9):
        P = boundary_points(rng, w, b) + np.log(a / (1 - a)) / length * w / length
        assert np.allclose(predict_proba(w, b, P), a, rtol=1e-12)


# the densities of chapter 4's generative model, one feature: means nu0, nu1, variances S0, S1,
# the share P1 of class 1
x_, nu0, nu1, S0, S1, P1 = sp.symbols("x nu_0 nu_1 Sigma_0 Sigma_1 P_1", real=True)
S0, S1, P1 = (sp.Symbol(name, positive=True) for name in ("Sigma_0", "Sigma_1", "P_1"))


def bell(mean, variance):
    """The Gaussian density of one feature, as chapter 4 prints it."""
    return sp.exp(-(x_ - mean) ** 2 / (2 * variance)) / sp.sqrt(2 * sp.pi * variance)


def log_odds(variance_0, variance_1):
    """(4.7)'s z for the two bells, expanded into one polynomial in x."""
    return sp.expand(sp.expand_log(sp.log(bell(nu1, variance_1) * P1)
                                   - sp.log(bell(nu0, variance_0) * (1 - P1)), force=True))


@equation("4.7", r"\begin{aligned} & \Pr(y = 1 \mid x) = \sigma(z), \\ & z = \log \frac{p(x \mid "
                 r"y = 1) \Pr(y = 1)}{p(x \mid y = 0) \Pr(y = 0)}. \end{aligned}")
def _(rng):
    p1, p0 = sp.symbols("p_1 p_0", positive=True)  # the two densities at x
    bayes = p1 * P1 / (p1 * P1 + p0 * (1 - P1))
    assert same(bayes, sigma.subs(z, sp.log(p1 * P1 / (p0 * (1 - P1)))))
    # and numerically, for two densities that are not Gaussian (Laplace's), at random points
    points = rng.normal(size=20)
    d1, d0 = scipy.stats.laplace(1.0, 2.0).pdf(points), scipy.stats.laplace(-1.0).pdf(points)
    assert np.allclose(sigmoid(np.log(d1 * 0.3 / (d0 * 0.7))), d1 * 0.3 / (d1 * 0.3 + d0 * 0.7))


@equation("4.8", r"\begin{aligned} z &= w x + b, \qquad w = \frac{\nu_1 - \nu_0}{\Sigma}, \\ b &= "
                 r"\frac{\nu_0^2 - \nu_1^2}{2 \Sigma} + \log \frac{\Pr(y = 1)}{\Pr(y = 0)}. "
                 r"\end{aligned}")
def _(rng):
    S = sp.Symbol("Sigma", positive=True)
    linear = (nu1 - nu0) / S * x_ + (nu0 ** 2 - nu1 ** 2) / (2 * S) + sp.log(P1 / (1 - P1))
    assert sp.simplify(log_odds(S, S) - sp.expand(sp.expand_log(linear, force=True))) == 0
    assert sp.Poly(log_odds(S, S), x_).degree() == 1  # the x^2 cancelled


@equation("4.9", r"\begin{aligned} w &= \Sigma^{-1} (\nu_1 - \nu_0), \\ b &= -\tfrac12 \nu_1^\top "
                 r"\Sigma^{-1} \nu_1 + \tfrac12 \nu_0^\top \Sigma^{-1} \nu_0 \\ &\quad + \log "
                 r"\frac{\Pr(y = 1)}{\Pr(y = 0)}. \end{aligned}")
def _(rng):
    d = 4
    A = rng.normal(size=(d, d))
    Sigma = A @ A.T + np.eye(d)  # a covariance: symmetric, positive definite
    nu = rng.normal(size=(2, d))
    share = 0.3
    w = np.linalg.solve(Sigma, nu[1] - nu[0])
    b = (-0.5 * nu[1] @ np.linalg.solve(Sigma, nu[1]) + 0.5 * nu[0] @ np.linalg.solve(Sigma, nu[0])
         + np.log(share / (1 - share)))
    X = rng.normal(size=(30, d)) * 2  # anywhere, not only near the means
    log_ratio = (scipy.stats.multivariate_normal(nu[1], Sigma).logpdf(X) + np.log(share)
                 - scipy.stats.multivariate_normal(nu[0], Sigma).logpdf(X) - np.log(1 - share))
    assert np.allclose(X @ w + b, log_ratio, rtol=1e-10)  # (4.7)'s z, linear in x
    # the package's fit puts its own estimates into the same formula
    labels = (rng.random(200) < share).astype(int)
    points = rng.multivariate_normal(np.zeros(d), Sigma, size=200) + nu[labels]
    w_fit, b_fit = gaussian_classes(points, labels)
    nu_hat = [points[labels == label].mean(axis=0) for label in (0, 1)]
    centred = points - np.array(nu_hat)[labels]
    Sigma_hat = centred.T @ centred / 200
    assert np.allclose(w_fit, np.linalg.solve(Sigma_hat, nu_hat[1] - nu_hat[0]), rtol=1e-10)
    assert np.isclose(b_fit, -0.5 * nu_hat[1] @ np.linalg.solve(Sigma_hat, nu_hat[1])
                      + 0.5 * nu_hat[0] @ np.linalg.solve(Sigma_hat, nu_hat[0])
                      + np.log(labels.mean() / (1 - labels.mean())), rtol=1e-10)


@equation("4.10", r"\begin{aligned} \Pr(y) &= a^{y} (1 - a)^{1 - y} \\ &= (1 - a)\, e^{z y}, "
                  r"\\ z &= \log \frac{a}{1 - a}. \end{aligned}")
def _(rng):
    a_ = sp.Symbol("a", positive=True)
    for label in (0, 1):  # y is 0 or 1
        assert sp.simplify(a_ ** label * (1 - a_) ** (1 - label)
                           - (1 - a_) * sp.exp(sp.log(a_ / (1 - a_)) * label)) == 0
    # and with the logit of (2.12), (1 - a) e^{z} is a: the sigmoid
    assert same((1 - sigma) * sp.exp(z), sigma)


@equation("4.11", r"\begin{aligned} & X^\top (a - y) = 0, \\ & \textstyle\sum_{i=1}^{m} (a_i - "
                  r"y_i) = 0. \end{aligned}")
def _(rng):
    X, y_, _, _ = problem(rng)
    y_[:3] = 1 - y_[:3]  # not separable: the minimum exists
    w, b, history = newton(np.zeros(6), 0.0, X, y_, l2=0.0)
    assert history[-1][1] < 1e-10
    a = sigmoid(X @ w + b)
    assert np.allclose(X.T @ (a - y_), 0, atol=1e-9) and abs(np.sum(a - y_)) < 1e-9
    assert np.isclose(a.mean(), y_.mean())  # the mean probability is the share of 1s


# --- Chapter 5 ----------------------------------------------------------------------------
zs = sp.symbols("z1:4", real=True)  # three logits
SOFTMAX = [sp.exp(zj) / sum(sp.exp(zl) for zl in zs) for zj in zs]


@equation("5.1", r"P_{i\ell} = \operatorname{softmax}(Z)_{i\ell} = \frac{e^{Z_{i\ell}}}"
                 r"{\sum_{\ell'=0}^{k-1} e^{Z_{i\ell'}}}.")
def _(rng):
    Z = rng.normal(size=(5, 4)) * 3
    assert np.allclose(softmax(Z), np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True))
    assert np.allclose(softmax(Z).sum(axis=1), 1)  # the text: each row adds up to 1


gamma = sp.symbols("gamma", real=True)  # (5.2)'s shift of a row of logits


@equation("5.2", r"\operatorname{softmax}(Z_{i\cdot} + \gamma\mathbf{1}) = \operatorname{softmax}"
                 r"(Z_{i\cdot}).")
def _(rng):
    for j in range(3):
        shifted = SOFTMAX[j].subs({zl: zl + gamma for zl in zs}, simultaneous=True)
        assert same(shifted, SOFTMAX[j])
    Z = rng.normal(size=(5, 4))
    assert np.allclose(softmax(Z + 800), softmax(Z))  # and the package computes it shifted
    # the text: e^Z overflows float64 above about 709.78, float32 above about 88.72
    assert round(math.log(np.finfo(np.float64).max), 2) == 709.78
    assert round(math.log(np.finfo(np.float32).max), 2) == 88.72


@equation("5.3", r"\begin{aligned} \log P_{i\ell} &= Z_{i\ell} - \log \sum_{\ell'=0}^{k-1} "
                 r"e^{Z_{i\ell'}} \\ &= (Z_{i\ell} + \gamma_i) - \log \sum_{\ell'=0}^{k-1} "
                 r"e^{Z_{i\ell'} + \gamma_i}. \end{aligned}")
def _(rng):
    log_sum = sp.log(sum(sp.exp(zl) for zl in zs))
    shifted_log_sum = sp.log(sum(sp.exp(zl + gamma) for zl in zs))
    for j in range(3):
        first = zs[j] - log_sum
        assert same(sp.expand_log(sp.log(SOFTMAX[j]), force=True), first)
        second = (zs[j] + gamma) - shifted_log_sum  # the same for any shift gamma
        assert same(sp.expand(sp.exp(second - first)), 1)
    Z = rng.normal(size=(5, 4)) * 300  # logits far beyond 709.78
    gamma_i = -Z.max(axis=1, keepdims=True)  # the text's shift, row by row
    with np.errstate(over="raise"):  # the second line overflows nowhere
        second = (Z + gamma_i) - np.log(np.exp(Z + gamma_i).sum(axis=1, keepdims=True))
    assert np.all(np.isfinite(second))
    assert np.allclose(log_softmax(Z), second)  # which is how the package computes it
    assert np.allclose(second, Z - np.logaddexp.reduce(Z, axis=1, keepdims=True))
    # the first line, computed as written, overflows: why the second is needed
    with np.errstate(over="ignore"):
        assert not np.all(np.isfinite(Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))))


@equation("5.4", r"J_\lambda(W, b) = -\frac{1}{m} \sum_{i=1}^{m} \log P_{i y_i} + "
                 r"\frac{\lambda}{2} \lVert W \rVert^2.")
def _(rng):
    X, labels, W, b = problem(rng, k=4)
    P = softmax(X @ W + b)
    cost, _, _ = propagate_softmax(W, b, X, labels, l2=0.3)
    assert np.isclose(cost, -np.mean(np.log(P[np.arange(40), labels])) + 0.15 * np.sum(W ** 2))
    # the text: at W = 0, b = 0 the cost is log k
    assert np.isclose(propagate_softmax(np.zeros((6, 4)), np.zeros(4), X, labels)[0], np.log(4))


@equation("5.5", r"\frac{\partial}{\partial Z_{i\ell}} \Bigl(-\log P_{i y_i}\Bigr) = P_{i\ell} - "
                 r"Y_{i\ell}.")
def _(rng):
    for label in range(3):
        loss = -sp.log(SOFTMAX[label])
        for j in range(3):
            assert same(sp.diff(loss, zs[j]), SOFTMAX[j] - (1 if j == label else 0))


@equation("5.6", r"\begin{aligned} dW &= \frac{1}{m} X^\top (P - Y) + \lambda W, \\ db &= "
                 r"\frac{1}{m} \sum_{i=1}^{m} (P_{i\cdot} - Y_{i\cdot}). \end{aligned}")
def _(rng):
    X, labels, W, b = problem(rng, k=4)
    _, dW, db = propagate_softmax(W, b, X, labels, l2=0.3)
    P, Y = softmax(X @ W + b), one_hot(labels, 4)
    assert np.allclose(dW, X.T @ (P - Y) / 40 + 0.3 * W) and np.allclose(db, (P - Y).mean(0))
    cost = lambda v: propagate_softmax(v.reshape(6, 4), b, X, labels, l2=0.3)[0]  # noqa: E731
    assert np.max(relative_error(dW, numerical_gradient(cost, W))) < 1e-6
    penalty = sp.symbols("w1:4", real=True)
    lam = sp.symbols("lambda", positive=True)
    for wj in penalty:  # the penalty's derivative
        assert same(sp.diff(lam / 2 * sum(v ** 2 for v in penalty), wj), lam * wj)


@equation("5.7", r"\begin{aligned} dW_B &= \frac{1}{|B|} X_B^\top (P_B - Y_B) + \lambda W, \\ "
                 r"db_B &= \frac{1}{|B|} \sum_{i \in B} (P_{i\cdot} - Y_{i\cdot}). \end{aligned}")
def _(rng):
    X, labels, W, b = problem(rng, m=40, k=3)
    P, Y = softmax(X @ W + b), one_hot(labels, 3)
    batches = np.split(rng.permutation(40), 4)  # an epoch: 4 batches of 10
    dW_B, db_B = [], []
    for B in batches:
        _, dW, db = propagate_softmax(W, b, X[B], labels[B], l2=0.2)  # the batch's gradient
        assert np.allclose(dW, X[B].T @ (P[B] - Y[B]) / len(B) + 0.2 * W)
        assert np.allclose(db, (P[B] - Y[B]).sum(axis=0) / len(B))
        dW_B.append(dW)
        db_B.append(db)
    # the text: an unbiased estimate, the mean over the batches of an epoch is (5.6)
    _, dW, db = propagate_softmax(W, b, X, labels, l2=0.2)
    assert np.allclose(np.mean(dW_B, axis=0), dW) and np.allclose(np.mean(db_B, axis=0), db)


def _constant_gradient(w, b, X_batch, y_batch):
    """A made-up model whose gradient is 1 everywhere, to watch the rate and the velocity."""
    return 1.0, np.ones_like(w), np.ones_like(b)


@equation("5.8", r"\eta_t = \eta \Bigl(1 - \frac{t}{t_{\text{end}}}\Bigr), \qquad t = 0, 1, "
                 r"\dots, t_{\text{end}} - 1.")
def _(rng):
    # with momentum 0 and a gradient of 1, step t moves w by -eta_t
    X, y_ = np.zeros((10, 1)), np.zeros(10)
    for epochs in (1, 2, 5):  # batches of 3: ceil(10 / 3) = 4 steps an epoch, t_end = 4 epochs
        w, _, costs = minibatch_sgd(_constant_gradient, np.zeros(1), 0.0, X, y_, epochs=epochs,
                                    rate=0.7, batch_size=3, decay="linear",
                                    rng=np.random.default_rng(0))
        t_end = 4 * epochs
        assert len(costs) == t_end
        assert np.isclose(w[0], -sum(0.7 * (1 - t / t_end) for t in range(t_end)))
        if epochs == 1:
            assert np.isclose(w[0], -0.7 * (1 + 3 / 4 + 1 / 2 + 1 / 4))
    # each step alone (one step an epoch): eta_t exactly, falling in a straight line to 0
    ws = [0.0]
    minibatch_sgd(_constant_gradient, np.zeros(1), 0.0, X, y_, epochs=8, rate=0.7,
                  batch_size=10, decay="linear",
                  callback=lambda epoch, w_, b_, cost: ws.append(float(w_[0])))
    assert np.allclose(-np.diff(ws), 0.7 * (1 - np.arange(8) / 8))
    # "none" keeps eta
    w, _, _ = minibatch_sgd(_constant_gradient, np.zeros(1), 0.0, X, y_, epochs=8, rate=0.7,
                            batch_size=10, decay="none")
    assert np.isclose(w[0], -0.7 * 8)


@equation("5.9", r"\begin{aligned} V &\leftarrow \beta V - \eta_t\, dW_B, \\ W &\leftarrow W + V."
                 r" \end{aligned}")
def _(rng):
    # the chapter's loop, written out, against minibatch_sgd: softmax, batches, schedule, momentum
    X, labels, W0, b0 = problem(rng, m=30, k=3)
    grad = functools.partial(propagate_softmax, l2=0.1)
    for beta, decay in ((0.0, "none"), (0.8, "linear")):
        W, b = W0.copy(), b0.copy()
        V_W, V_b = np.zeros_like(W), np.zeros_like(b)
        order, t, t_end = np.random.default_rng(5), 0, 3 * 3
        for epoch in range(3):
            for start in order.permutation(range(0, 30, 10)):
                _, dW, db = grad(W, b, X[start:start + 10], labels[start:start + 10])
                eta_t = 0.7 * (1 - t / t_end) if decay == "linear" else 0.7
                V_W, V_b = beta * V_W - eta_t * dW, beta * V_b - eta_t * db
                W, b = W + V_W, b + V_b
                t += 1
        W1, b1, _ = minibatch_sgd(grad, W0, b0, X, labels, epochs=3, rate=0.7, batch_size=10,
                                  momentum=beta, decay=decay, shuffle="batches",
                                  rng=np.random.default_rng(5))
        assert np.allclose(W1, W, rtol=1e-13, atol=1e-15) and np.allclose(b1, b, rtol=1e-13)
    # beta = 0: the plain step W <- W - eta dW_B, one step on one batch
    W1, _, _ = train_softmax(W0, b0, X, labels, epochs=1, rate=0.7, batch_size=30, l2=0.1,
                             decay="none", shuffle="batches", rng=np.random.default_rng(0))
    P, Y = softmax(X @ W0 + b0), one_hot(labels, 3)
    assert np.allclose(W1, W0 - 0.7 * (X.T @ (P - Y) / 30 + 0.1 * W0))


@equation("5.10", r"V = \beta V - \eta\, dW \quad\Longrightarrow\quad V = -\frac{\eta}{1 - \beta}"
                  r"\, dW.")
def _(rng):
    V, beta, eta, g = sp.symbols("V beta eta g", real=True)
    [steady] = sp.solve(sp.Eq(V, beta * V - eta * g), V)
    assert same(steady, -eta * g / (1 - beta))
    # the text's sum: after t steps V = -eta g (1 + beta + ... + beta^(t-1))
    # = -eta g (1 - beta^t) / (1 - beta), which tends to (5.10) as beta^t -> 0
    for t in range(1, 7):
        assert same(sum(beta ** s for s in range(t)), (1 - beta ** t) / (1 - beta))
    assert sp.limit((1 - sp.Rational(9, 10) ** sp.Symbol("t")) / (1 - sp.Rational(9, 10)),
                    sp.Symbol("t"), sp.oo) == 10  # beta = 0.9: ten times the rate
    # the loop: with the same gradient every step, momentum 0.9 at rate 0.2 settles into the
    # steps of rate 0.2 / (1 - 0.9) = 2 without momentum
    X, y_ = np.zeros((10, 1)), np.zeros(10)
    ws = []
    minibatch_sgd(_constant_gradient, np.zeros(1), 0.0, X, y_, epochs=300, rate=0.2,
                  batch_size=10, momentum=0.9,
                  callback=lambda e, w_, b_, c_: ws.append(float(w_[0])))
    steps = np.diff(ws)
    assert np.isclose(steps[0], -0.2 * (1 - 0.9 ** 2) / (1 - 0.9))  # the second step's V
    assert np.isclose(steps[-1], -2.0, rtol=1e-9)
    w_plain, _, _ = minibatch_sgd(_constant_gradient, np.zeros(1), 0.0, X, y_, epochs=1,
                                  rate=2.0, batch_size=10)
    assert np.isclose(steps[-1], w_plain[0], rtol=1e-9)


# --- Chapter 6 ----------------------------------------------------------------------------

@equation("6.1", r"\begin{aligned} &\mathbb{E}\bigl[\max(\widehat{\mathrm{acc}}_A, "
                 r"\widehat{\mathrm{acc}}_B, \dots)\bigr] \\ &\qquad \geq \max(\mathrm{acc}_A, "
                 r"\mathrm{acc}_B, \dots). \end{aligned}")
def _(rng):
    # eight settings with true accuracies within 0.2 points, each measured on 10,000 images:
    # the mean of the best measured score (the winner's) exceeds the best true one
    acc = 0.92 + 0.002 * rng.random(8)
    measured = rng.binomial(10000, acc, size=(4000, 8)) / 10000
    winner = measured.max(axis=1).mean()
    standard_error = np.sqrt(acc.max() * (1 - acc.max()) / 10000)
    assert winner >= acc.max() + standard_error / 2  # a bias of at least half a standard error
    # while each setting's own mean score is unbiased, within 4 standard errors of that mean
    assert np.allclose(measured.mean(axis=0), acc, atol=4 * standard_error / np.sqrt(4000))
    # the text's reason: the maximum is at least each one, in every draw
    assert np.all(measured.max(axis=1)[:, None] >= measured)


@equation("6.2", r"\begin{aligned} \operatorname{Var}(\widehat{\mathrm{acc}}) &= \frac{\mathrm{acc}"
                 r"\,(1 - \mathrm{acc})}{n}, \\ \operatorname{SE}(\widehat{\mathrm{acc}}) &\approx "
                 r"\sqrt{\frac{\widehat{\mathrm{acc}}\,(1 - \widehat{\mathrm{acc}})}{n}}. "
                 r"\end{aligned}")
def _(rng):
    acc, n = sp.symbols("acc n", positive=True)
    # one Bernoulli r: r^2 = r, so Var = E[r] - E[r]^2; n independent ones, mean divides by n^2
    assert same(n * (acc - acc ** 2) / n ** 2, acc * (1 - acc) / n)
    counts = rng.binomial(500, 0.9, size=200000) / 500
    assert abs(counts.var() - 0.9 * 0.1 / 500) < 0.02 * 0.9 * 0.1 / 500
    # the text's numbers: 0.27 points at 92 % on 10,000 images, 0.44 at 99 % on 500
    assert round(100 * np.sqrt(0.92 * 0.08 / 10000), 2) == 0.27
    assert round(100 * np.sqrt(0.99 * 0.01 / 500), 2) == 0.44


@equation("6.3", r"\begin{aligned} \mathrm{acc}_{\pm} = {} & \frac{\widehat{\mathrm{acc}} + "
                 r"q^2/(2n)}{1 + q^2/n} \\ & \pm \frac{q}{1 + q^2/n} \sqrt{\frac{\widehat"
                 r"{\mathrm{acc}}\,(1 - \widehat{\mathrm{acc}})}{n} + \frac{q^2}{4n^2}}. "
                 r"\end{aligned}")
def _(rng):
    from logreg_from_scratch.uncertainty import wilson_interval
    acc_hat, q, n = sp.symbols("acchat q n", positive=True)
    centre = (acc_hat + q ** 2 / (2 * n)) / (1 + q ** 2 / n)
    half = q / (1 + q ** 2 / n) * sp.sqrt(acc_hat * (1 - acc_hat) / n + q ** 2 / (4 * n ** 2))
    for end in (centre + half, centre - half):
        # each end solves (acc_hat - acc)^2 = q^2 acc (1 - acc) / n, the interval's definition
        assert same((acc_hat - end) ** 2 - q ** 2 * end * (1 - end) / n, 0)
    for correct, total in ((9225, 10000), (495, 500), (0, 7)):
        values = {acc_hat: sp.Rational(correct, total), q: sp.Float(1.959963984540054), n: total}
        low, high = float((centre - half).subs(values)), float((centre + half).subs(values))
        assert np.allclose(wilson_interval(correct, total), (max(low, 0), high), atol=1e-12)


@equation("6.4", r"\begin{aligned} \text{p-value} = \min\Bigl(1,\; & 2 \sum_{r=0}^{\min(n_{AB}, "
                 r"n_{BA})} \binom{n_{AB} + n_{BA}}{r} \\ & \times 2^{-(n_{AB} + n_{BA})}\Bigr). "
                 r"\end{aligned}")
def _(rng):
    from scipy.stats import binomtest

    from logreg_from_scratch.uncertainty import mcnemar
    for _ in range(20):
        a, b = rng.random(300) < 0.9, rng.random(300) < 0.85
        n_ab, n_ba, p_value = mcnemar(a, b)
        with np.errstate(divide="ignore"):  # scipy 1.10's own p-value warns for some counts
            reference = binomtest(n_ab, n_ab + n_ba, 0.5).pvalue
        assert np.isclose(p_value, reference, rtol=1e-9)
        total = n_ab + n_ba  # the equation, term by term
        assert np.isclose(p_value, min(1.0, 2 * sum(math.comb(total, r)
                                                    for r in range(min(n_ab, n_ba) + 1))
                                       / 2 ** total), rtol=1e-12)


@equation("6.5", r"\operatorname{SE}(\widehat{\mathrm{acc}}_A - \widehat{\mathrm{acc}}_B) "
                 r"\approx \frac{\sqrt{n_{AB} + n_{BA}}}{n}.")
def _(rng):
    # one image adds D = +1 (A only right), -1 (B only) or 0; with shares s_AB, s_BA of them,
    # Var(D) = s_AB + s_BA - (s_AB - s_BA)^2, and the mean of n of them has Var(D) / n
    s_ab, s_ba = sp.symbols("s_AB s_BA", positive=True)
    mean = s_ab - s_ba
    variance = s_ab * (1 - mean) ** 2 + s_ba * (-1 - mean) ** 2 + (1 - s_ab - s_ba) * mean ** 2
    assert same(variance, s_ab + s_ba - mean ** 2)
    # 10,000 images, two models that disagree on about 250: simulated differences against (6.5)
    shares = [0.014, 0.011, 1 - 0.025]  # A only, B only, the same
    draws = rng.multinomial(10000, shares, size=20000)
    differences = (draws[:, 0] - draws[:, 1]) / 10000
    predicted = np.sqrt(10000 * (shares[0] + shares[1])) / 10000
    assert abs(differences.std() - predicted) < 0.02 * predicted
    # far below one accuracy's standard error (6.2) at 92 %
    assert predicted < 0.6 * np.sqrt(0.92 * 0.08 / 10000)


@equation("E6.5", r"\begin{aligned} &\Bigl(1 + \frac{q^2}{n}\Bigr) \mathrm{acc}^2 - \Bigl(2"
                  r"\widehat{\mathrm{acc}} + \frac{q^2}{n}\Bigr) \mathrm{acc} \\ &\qquad + "
                  r"\widehat{\mathrm{acc}}^2 = 0. \end{aligned}")
def _(rng):
    acc, acc_hat, q, n = sp.symbols("acc acchat q n", positive=True)
    assert same((1 + q ** 2 / n) * acc ** 2 - (2 * acc_hat + q ** 2 / n) * acc + acc_hat ** 2,
                (acc_hat - acc) ** 2 - q ** 2 / n * acc * (1 - acc))


@equation("E6.6", r"-\log\bigl(\text{likelihood} \times \text{prior}\bigr) = m \Bigl("
                  r"J_\lambda(W, b) + \frac{\lambda}{2} \lVert b \rVert^2\Bigr) + \text{const}.")
def _(rng):
    X, labels, _, _ = problem(rng, k=4)
    m, l2 = len(labels), 0.3
    scale = 1 / np.sqrt(m * l2)
    gaps = []
    for _ in range(3):
        W, b = rng.normal(size=(6, 4)), rng.normal(size=4)
        log_likelihood = np.sum(np.log(softmax(X @ W + b)[np.arange(m), labels]))
        log_prior = np.sum(scipy.stats.norm.logpdf(W, scale=scale)) + np.sum(
            scipy.stats.norm.logpdf(b, scale=scale))
        cost, _, _ = propagate_softmax(W, b, X, labels, l2=l2)
        gaps.append(-(log_likelihood + log_prior) - m * (cost + l2 / 2 * np.sum(b ** 2)))
    assert np.allclose(gaps, gaps[0], rtol=1e-12, atol=1e-9)


@equation("E6.7", r"\begin{aligned} & \frac{\partial}{\partial \omega} \log\bigl(1 + e^{-\omega "
                  r"\lvert z_i \rvert}\bigr) \\ & \qquad = -\lvert z_i \rvert\, \sigma\bigl(-\omega "
                  r"\lvert z_i \rvert\bigr). \end{aligned}")
def _(rng):
    c_, zi = sp.symbols("c z_i", positive=True)
    assert same(sp.diff(sp.log(1 + sp.exp(-c_ * zi)), c_),
                -zi * sigma.subs(z, -c_ * zi))


@equation("6.6", r"\begin{aligned} & -\log\bigl(\text{likelihood} \times \text{prior}\bigr) \\ "
                 r"&\quad = -\sum_{i=1}^{m} \log P_{i y_i} + \frac{m\lambda}{2} \lVert W \rVert^2 "
                 r"+ \text{const} \\ &\quad = m\, J_\lambda(W, b) + \text{const}. \end{aligned}")
def _(rng):
    # minus the log of the likelihood times the prior (each weight N(0, 1/(m lambda)), by
    # scipy's density, and a flat prior on b), at several (W, b): m J_lambda plus the same
    # constant each time
    X, labels, _, _ = problem(rng, k=4)
    m, l2 = len(labels), 0.3
    gaps = []
    for _ in range(3):
        W, b = rng.normal(size=(6, 4)), rng.normal(size=4)
        log_likelihood = np.sum(np.log(softmax(X @ W + b)[np.arange(m), labels]))
        log_prior = np.sum(scipy.stats.norm.logpdf(W, loc=0, scale=1 / np.sqrt(m * l2)))
        cost, _, _ = propagate_softmax(W, b, X, labels, l2=l2)
        gaps.append(-(log_likelihood + log_prior) - m * cost)
    assert np.allclose(gaps, gaps[0], rtol=1e-12, atol=1e-9)
    assert np.isclose(gaps[0], W.size * 0.5 * np.log(2 * np.pi / (m * l2)))  # the constant


def separable(rng, m=40, d=5):
    """Images split without a mistake by the hyperplane of (w, b), which is returned with them."""
    X, w, b = rng.normal(size=(m, d)), rng.normal(size=d), 0.3
    y_ = (X @ w + b > 0).astype(float)
    assert 0 < y_.sum() < m  # both labels
    return X, y_, w, b


@equation("6.7", r"\begin{aligned} & J(\omega\,w, \omega\,b) \\ & \quad = \frac{1}{m} "
                 r"\sum_{i=1}^{m} \log\bigl(1 + e^{-\omega \lvert z_i \rvert}\bigr) \\ & \quad \to 0 "
                 r"\quad \text{as } \omega \to \infty. \end{aligned}")
def _(rng):
    X, y_, w, b = separable(rng)
    z = X @ w + b
    costs = []
    for c in (0.5, 1.0, 2.0, 8.0, 64.0):
        cost = cross_entropy(c * z, y_)  # the package's cost (2.10) of c w and c b
        assert np.isclose(cost, np.mean(np.log1p(np.exp(-c * np.abs(z)))), rtol=1e-12)
        costs.append(cost)
    assert np.all(np.diff(costs) < 0) and costs[-1] < 1e-3 and min(costs) > 0
    c_, zi = sp.symbols("c z_i", positive=True)
    assert sp.limit(sp.log(1 + sp.exp(-c_ * zi)), c_, sp.oo) == 0
    # not separable (one label flipped): the cost along the same ray climbs again
    y_[np.argmin(np.abs(z))] = 1 - y_[np.argmin(np.abs(z))]
    assert cross_entropy(64 * z, y_) > cross_entropy(8 * z, y_)


@equation("6.8", r"\begin{aligned} J_\lambda(w, b) &\geq \frac{\lambda}{2} \lVert w \rVert^2 \\ "
                 r"&> \log 2 = J_\lambda(0, 0) \\ &\text{if } \lVert w \rVert^2 > \frac{2 "
                 r"\log 2}{\lambda}. \end{aligned}")
def _(rng):
    X, y_, _, _ = separable(rng)
    l2 = 0.05
    assert np.isclose(penalised(np.zeros(5), 0.0, X, y_, l2=l2)[0], np.log(2))
    for _ in range(20):  # random (w, b), some beyond the bound
        w, b = rng.normal(size=5) * rng.uniform(0, 3 * np.sqrt(2 * np.log(2) / l2) / 2.2), \
            rng.normal()
        cost = penalised(w, b, X, y_, l2=l2)[0]
        assert cost >= l2 / 2 * w @ w
        if w @ w > 2 * np.log(2) / l2:
            assert cost > np.log(2)
    # so the penalised minimum exists on separable images, inside the bound, and is unique:
    # Newton's method from two starts reaches one point, with gradient 0
    ends = [newton(start, 0.0, X, y_, l2=l2) for start in (np.zeros(5), rng.normal(size=5))]
    (w1, b1, h1), (w2, b2, h2) = ends
    assert h1[-1][1] < 1e-10 and h2[-1][1] < 1e-10
    assert np.allclose(w1, w2, atol=1e-8) and np.isclose(b1, b2, atol=1e-8)
    assert w1 @ w1 < 2 * np.log(2) / l2


# --- Chapter 7 ----------------------------------------------------------------------------

@equation("7.1", r"\frac{\partial J}{\partial \theta_j} \approx \frac{J(\theta + h e_j) - "
                 r"J(\theta - h e_j)}{2h}.")
def _(rng):
    theta = rng.normal(size=5)
    J = lambda t: float(np.sum(np.sin(t) * t ** 3))  # noqa: E731
    exact = np.cos(theta) * theta ** 3 + 3 * np.sin(theta) * theta ** 2
    steps = [(J(theta + 1e-5 * e) - J(theta - 1e-5 * e)) / 2e-5 for e in np.eye(5)]
    assert np.allclose(numerical_gradient(J, theta), steps, rtol=1e-12)
    assert np.linalg.norm(np.array(steps) - exact) < 1e-9 * np.linalg.norm(exact)  # ~h^2


@equation("7.2", r"\begin{aligned} &\frac{f(\theta_j + h) - f(\theta_j - h)}{2h} \\ &\quad = "
                 r"f^{\prime}(\theta_j) + \frac{h^2}{6} f^{\prime\prime\prime}(\theta_j) + O(h^4)."
                 r" \end{aligned}")
def _(rng):
    g = sum(sp.Symbol(f"c{n}") * x0 ** n for n in range(6))  # any polynomial of degree 5:
    # its Taylor series ends at h^5, so the identity holds with O(h^4) exactly h^4 f^(5) / 120
    central = (g.subs(x0, x0 + h) - g.subs(x0, x0 - h)) / (2 * h)
    assert same(central, sp.diff(g, x0) + h ** 2 / 6 * sp.diff(g, x0, 3)
                + h ** 4 / 120 * sp.diff(g, x0, 5))
    one_sided = (g.subs(x0, x0 + h) - g) / h  # exercise 4: an error of order h
    assert same(one_sided, sum(h ** (n - 1) / sp.factorial(n) * sp.diff(g, x0, n)
                               for n in range(1, 6)))


@equation("7.3", r"\operatorname{err}(g, \hat g) = \frac{\lVert g - \hat g \rVert}{\lVert g "
                 r"\rVert + \lVert \hat g \rVert}.")
def _(rng):
    g, g_hat = rng.normal(size=8), rng.normal(size=8)
    assert np.allclose(relative_error(g, g_hat), np.abs(g - g_hat) / (np.abs(g) + np.abs(g_hat)))
    # the vector's error, as gradient_check reports it: lengths of the entries checked
    _, picks, numerical, error = gradient_check(lambda w, b: (float(w @ w + b * b), 2 * w, 2 * b),
                                                g[:7], g[7], rng, entries=5)
    analytic = 2 * g[picks]
    assert np.isclose(error, np.linalg.norm(analytic - numerical)
                      / (np.linalg.norm(analytic) + np.linalg.norm(numerical)))
    # the text's claims: a gradient off by any factor F has error |1 - F| / (1 + |F|) ...
    size = sp.symbols("size", positive=True)  # the length of the true gradient
    for F in (sp.Symbol("F", positive=True), sp.Symbol("F", negative=True)):
        assert sp.simplify(sp.Abs(F * size - size) / (sp.Abs(F * size) + size)
                           - sp.Abs(1 - F) / (1 + sp.Abs(F))) == 0
    # ... 1/3 for 2 (and for 1/2), 9/11 for 10, and 1 for the wrong sign
    for F, said in ((2, 1 / 3), (0.5, 1 / 3), (10, 9 / 11), (-1, 1), (-3, 1)):
        assert np.isclose(np.linalg.norm(F * g - g) / (np.linalg.norm(F * g) + np.linalg.norm(g)),
                          said)
        assert np.isclose(abs(1 - F) / (1 + abs(F)), said)
    # a random 785 of 7850 entries holds one given entry with probability 1/10, and misses
    # all ten biases about a third of the time
    assert sp.Rational(785, 7850) == sp.Rational(1, 10)
    assert 0.30 < float(sp.binomial(7840, 785) / sp.binomial(7850, 785)) < 0.37


@equation("7.4", r"\nabla^2_{Z_{i\cdot}} \bigl(-\log P_{i y_i}\bigr) = \operatorname{diag}"
                 r"(P_{i\cdot}) - P_{i\cdot}^\top P_{i\cdot}.")
def _(rng):
    loss = -sp.log(SOFTMAX[1])
    Hz = sp.hessian(loss, zs)
    for i in range(3):
        for j in range(3):
            assert same(Hz[i, j], (SOFTMAX[i] if i == j else 0) - SOFTMAX[i] * SOFTMAX[j])
    # the derivatives of P the text gives: P (1 - P) in its own logit, -P P' in another's
    assert same(sp.diff(SOFTMAX[0], zs[0]), SOFTMAX[0] * (1 - SOFTMAX[0]))
    assert same(sp.diff(SOFTMAX[0], zs[1]), -SOFTMAX[0] * SOFTMAX[1])


@equation("7.5", r"\begin{aligned} &\frac{d^2}{d\epsilon^2} \bigl(-\log P_{i y_i}\bigr) \\ &\quad "
                 r"= \zeta_i \bigl(\operatorname{diag}(P_{i\cdot}) - P_{i\cdot}^\top P_{i\cdot}"
                 r"\bigr) \zeta_i^\top \\ &\quad = \sum_{\ell} P_{i\ell}\, \zeta_{i\ell}^2 - "
                 r"\Bigl(\sum_{\ell} P_{i\ell}\, \zeta_{i\ell}\Bigr)^2. \end{aligned}")
def _(rng):
    X, labels, W, b = problem(rng, m=1, d=4, k=3)  # one image
    theta = np.vstack([W, b])                       # [W; b], (d + 1, k)
    delta = rng.normal(size=theta.shape)
    x1 = np.append(X[0], 1.0)                       # its row of X~
    zeta = x1 @ delta                               # how fast its logits change along delta
    P = softmax((x1 @ theta)[None, :])[0]
    loss = lambda eps: float(-log_softmax((x1 @ (theta + eps * delta))[None, :])[0, labels[0]])  # noqa
    second = (loss(1e-4) - 2 * loss(0.0) + loss(-1e-4)) / 1e-8
    quadratic = zeta @ (np.diag(P) - np.outer(P, P)) @ zeta
    variance = P @ zeta ** 2 - (P @ zeta) ** 2
    assert np.isclose(second, quadratic, rtol=1e-5) and np.isclose(quadratic, variance)
    assert variance >= 0
    # and the chapter's reading of it: J's curvature is the mean variance plus l2 |delta_W|^2
    X, labels, W, b = problem(rng, m=30, d=4, k=3)
    X1 = np.hstack([X, np.ones((30, 1))])
    P = softmax(X1 @ np.vstack([W, b]))
    Zeta = X1 @ delta
    J = lambda eps: propagate_softmax(W + eps * delta[:4], b + eps * delta[4], X, labels,  # noqa
                                      0.3)[0]
    curvature = (J(1e-4) - 2 * J(0) + J(-1e-4)) / 1e-8
    variances = np.sum(P * Zeta ** 2, axis=1) - np.sum(P * Zeta, axis=1) ** 2
    assert np.isclose(curvature, variances.mean() + 0.3 * np.sum(delta[:4] ** 2), rtol=1e-5)
    # and flat along a shift of every bias by the same amount (5.2): each zeta_i is constant
    shift = lambda eps: propagate_softmax(W, b + eps, X, labels, 0.3)[0]  # noqa: E731
    assert abs(shift(0.5) - shift(0.0)) < 1e-12
    # and along the biases it can curve by less than the penalty's l2 (mu = l2 is no bound):
    # moving only b_0 changes the probabilities, but curves only by the mean variance
    along = np.zeros((5, 3))
    along[4, 0] = 1.0
    J = lambda eps: propagate_softmax(W + eps * along[:4], b + eps * along[4], X, labels,  # noqa
                                      30.0)[0]
    assert 0 < (J(1e-4) - 2 * J(0) + J(-1e-4)) / 1e-8 < 30.0


@equation("7.6", r"\operatorname{eig}_{\max}(H) = \max_{\delta \neq 0} \frac{\delta^\top H "
                 r"\delta}{\delta^\top \delta}.")
def _(rng):
    # a quadratic's curvature along a unit direction is delta^T M delta ...
    eta = sp.symbols("eta", real=True)
    t1, t2, d1, d2, m11, m12, m22 = sp.symbols("t1 t2 d1 d2 m11 m12 m22", real=True)
    M = sp.Matrix([[m11, m12], [m12, m22]])
    at = sp.Matrix([t1, t2]) + eta * sp.Matrix([d1, d2])
    quadratic = (at.T * M * at)[0] / 2
    assert same(sp.diff(quadratic, eta, 2), (sp.Matrix([[d1, d2]]) * M * sp.Matrix([d1, d2]))[0])
    # ... and its most over all directions is the largest eigenvalue, reached at its eigenvector
    A = rng.normal(size=(6, 6))
    M = A + A.T
    values, vectors = np.linalg.eigh(M)
    deltas = rng.normal(size=(2000, 6))
    quotients = np.einsum("ni,ij,nj->n", deltas, M, deltas) / np.sum(deltas ** 2, axis=1)
    assert quotients.max() <= values[-1] + 1e-12 and quotients.min() >= values[0] - 1e-12
    top = vectors[:, -1] * 3.0  # any length
    assert np.isclose(top @ M @ top / (top @ top), values[-1])
    # the weighted mean: the quotient is sum of eigenvalues times shares of the squared length
    shares = (deltas[0] @ vectors) ** 2 / np.sum(deltas[0] ** 2)
    assert np.isclose(quotients[0], shares @ values) and np.isclose(shares.sum(), 1)


@equation("7.7", r"L = \frac{1}{2}\, \operatorname{eig}_{\max}\bigl(\tilde X^\top \tilde X / m"
                 r"\bigr) + \lambda.")
def _(rng):
    X, labels, _, _ = problem(rng, m=30, d=4, k=3)
    X1 = np.hstack([X, np.ones((30, 1))])
    L = np.linalg.eigvalsh(X1.T @ X1 / 30)[-1] / 2 + 0.1
    assert np.isclose(L, curvature_bound(X, 0.1)[0])  # the package's L
    for _ in range(5):  # the objective's curvature along random directions stays below L
        W, b = rng.normal(size=(4, 3)) * 2, rng.normal(size=3)
        V = rng.normal(size=(5, 3))
        V /= np.linalg.norm(V)
        J = lambda t: propagate_softmax(W + t * V[:4], b + t * V[4], X, labels, 0.1)[0]  # noqa
        curvature = (J(1e-4) - 2 * J(0) + J(-1e-4)) / 1e-8
        assert curvature <= L * (1 + 1e-4)
        # the Rayleigh step, column by column: |X~ delta|^2 <= eig_max(X~^T X~) |delta|^2
        assert np.sum((X1 @ V) ** 2) <= np.linalg.eigvalsh(X1.T @ X1)[-1] * (1 + 1e-12)
    for _ in range(200):  # the bound behind it: variance <= |zeta|^2 / 2 (exercise 5)
        P, zeta = softmax(rng.normal(size=(1, 5)) * 3)[0], rng.normal(size=5)
        assert P @ zeta ** 2 - (P @ zeta) ** 2 <= zeta @ zeta / 2 + 1e-12
    # the text's use of L: a step at any rate below 2 / L lowers J, since J after it is at
    # most J - eta (1 - L eta / 2) |g|^2 (Taylor, with the curvature at most L)
    for _ in range(20):
        W, b = rng.normal(size=(4, 3)) * 2, rng.normal(size=3)
        J, dW, db = propagate_softmax(W, b, X, labels, 0.1)
        g2 = np.sum(dW ** 2) + np.sum(db ** 2)
        for eta in (0.5 / L, 1 / L, 1.99 / L):
            after = propagate_softmax(W - eta * dW, b - eta * db, X, labels, 0.1)[0]
            assert after <= J - eta * (1 - L * eta / 2) * g2 + 1e-12 and after < J


@equation("7.8", r"(x - \bar x) W + b = x W + (b - \bar x W),")
def _(rng):
    X, _, W, b = problem(rng, k=3)
    mean = X.mean(axis=0)
    assert np.allclose((X - mean) @ W + b, X @ W + (b - mean @ W))


# --- Chapter 9 ----------------------------------------------------------------------------
def _image_with_line(alpha, u0=10.0, v0=16.0):
    """A thin line v - v0 = alpha (u - u0) drawn from row 4 to row 23, its ink split
    between the two columns either side of it."""
    image = np.zeros((28, 28))
    for u in range(4, 24):
        v_exact = v0 + alpha * (u - u0)
        left = int(np.floor(v_exact))
        image[u, left], image[u, left + 1] = left + 1 - v_exact, v_exact - left
    return image.reshape(1, 784)


@equation("9.1", r"\begin{aligned} \bar u &= \sum_{u,v} \rho(u, v)\, u, \\ \bar v &= "
                 r"\sum_{u,v} \rho(u, v)\, v, \\ \operatorname{var}_u &= \sum_{u,v} \rho(u, v)\, "
                 r"(u - \bar u)^2, \\ \operatorname{cov} &= \sum_{u,v} \rho(u, v)\, (u - \bar u)"
                 r"(v - \bar v). \end{aligned}")
def _(rng):
    X = rng.random((2, 784)) * (rng.random((2, 784)) < 0.2) * 255
    for image, *found in zip(X, *moments(X)):
        rho = image.reshape(28, 28) / image.sum()  # the shares of the ink, adding up to 1
        u, v = np.mgrid[0:28, 0:28]                # row u, column v
        u_bar, v_bar = np.sum(rho * u), np.sum(rho * v)
        expected = (u_bar, v_bar, np.sum(rho * (u - u_bar) ** 2),
                    np.sum(rho * (u - u_bar) * (v - v_bar)))
        assert np.allclose(found, expected, rtol=1e-12)


@equation("9.2", r"\alpha = \frac{\operatorname{cov}}{\operatorname{var}_u}.")
def _(rng):
    # three pixels' shares rho and their distances from the centre, du = u - u_bar, dv = v - v_bar
    rho, du, dv = (sp.symbols(f"{name}1:4", real=True) for name in ("rho", "du", "dv"))
    alpha = sp.symbols("alpha", real=True)
    squares = sum(r * (y - alpha * x) ** 2 for r, x, y in zip(rho, du, dv))
    [best] = sp.solve(sp.diff(squares, alpha), alpha)
    assert same(best, sum(r * x * y for r, x, y in zip(rho, du, dv))
                / sum(r * x ** 2 for r, x in zip(rho, du)))  # cov / var_u
    assert same(sp.diff(squares, alpha, 2), 2 * sum(r * x ** 2 for r, x in zip(rho, du)))  # a min
    # and the package's slope of a drawn line is that line's slope
    _, _, var_u, covariance = moments(_image_with_line(0.3))
    assert abs(covariance[0] / var_u[0] - 0.3) < 0.02


@equation("9.3", r"\begin{aligned} \operatorname{deskewed}(u, v) = x\bigl(&u + \bar u - 13.5, "
                 r"\\ &v + \bar v - 13.5 + \alpha (u - 13.5)\bigr). \end{aligned}")
def _(rng):
    u, v, u_bar, v_bar, alpha = sp.symbols("u v ubar vbar alpha", real=True)
    read_u, read_v = u + u_bar - sp.Rational(27, 2), v + v_bar - sp.Rational(27, 2) + alpha * (
        u - sp.Rational(27, 2))
    on_line = sp.solve(sp.Eq(read_v - v_bar, alpha * (read_u - u_bar)), v)
    assert on_line == [sp.Rational(27, 2)]  # the slanted line is read into column 13.5
    deskewed = deskew(_image_with_line(0.4))
    u_bar2, v_bar2, _, covariance = moments(deskewed)
    assert abs(u_bar2[0] - 13.5) < 0.05 and abs(v_bar2[0] - 13.5) < 0.05
    assert abs(covariance[0]) < 0.05 * abs(moments(_image_with_line(0.4))[3][0])


# --- Chapter 10 ----------------------------------------------------------------------------
@equation("10.1", r"\begin{aligned} J_\lambda(\theta) &= J(w, b) + \frac{\lambda}{2} \lVert w "
                  r"\rVert^2, \\ g = \nabla J_\lambda &= \frac{1}{m} \tilde X^\top (a - y) + "
                  r"\lambda \begin{pmatrix} w \\ 0 \end{pmatrix}. \end{aligned}")
def _(rng):
    X, y_, w, b = problem(rng, m=50, d=5)
    J, dw, db = penalised(w, b, X, y_, 0.3)
    assert np.isclose(J, propagate(w, b, X, y_)[0] + 0.15 * w @ w)
    X1 = np.hstack([X, np.ones((50, 1))])
    g = X1.T @ (sigmoid(X @ w + b) - y_) / 50 + 0.3 * np.append(w, 0)
    assert np.allclose(np.append(dw, db), g)


@equation("10.2", r"\begin{aligned} H = \nabla^2 J_\lambda &= \frac{1}{m} \tilde X^\top S "
                  r"\tilde X \\ &\quad + \lambda \operatorname{diag}(1, \dots, 1, 0), \\ S &= "
                  r"\operatorname{diag}\bigl(a (1 - a)\bigr). \end{aligned}")
def _(rng):
    X, y_, w, b = problem(rng, m=50, d=5)
    H = hessian(w, b, X, 0.3)
    a = sigmoid(X @ w + b)
    X1, S = np.hstack([X, np.ones((50, 1))]), np.diag(a * (1 - a))
    assert np.allclose(H, X1.T @ S @ X1 / 50 + 0.3 * np.diag([1, 1, 1, 1, 1, 0]))
    gradient = lambda t: np.append(*penalised(t[:-1], t[-1], X, y_, 0.3)[1:])  # noqa: E731
    theta = np.append(w, b)
    numerical = np.array([(gradient(theta + 1e-5 * e) - gradient(theta - 1e-5 * e)) / 2e-5
                          for e in np.eye(6)])
    assert np.allclose(H, numerical, atol=1e-8)
    assert same(sp.diff(sigma, z, 1), sigma * (1 - sigma))  # da/dz, by (2.5)
    # the text's a (1 - a) = sigma(z) sigma(-z): 1/4 at z = 0 and at most that, about
    # e^-|z| away from 0 (0.0066 at |z| = 5, 4.5e-5 at |z| = 10)
    assert same(sigma * (1 - sigma), sigma * sigma.subs(z, -z))
    grid = np.linspace(-30, 30, 6001)
    s_ = sigmoid(grid) * sigmoid(-grid)
    assert s_.max() == 0.25 == s_[3000]
    assert round(float(sigmoid(5.0) * sigmoid(-5.0)), 4) == 0.0066
    assert round(float(sigmoid(10.0) * sigmoid(-10.0)), 6) == 4.5e-5
    assert np.allclose(s_[np.abs(grid) >= 5], np.exp(-np.abs(grid[np.abs(grid) >= 5])), rtol=0.015)


@equation("10.3", r"\begin{aligned} \delta^\top H \delta &= \frac{1}{m} \sum_{i=1}^{m} a_i "
                  r"(1 - a_i)\, (\tilde x_i \cdot \delta)^2 \\ &\quad + \lambda \lVert "
                  r"\delta_w \rVert^2 \geq 0. \end{aligned}")
def _(rng):
    X, y_, w, b = problem(rng, m=50, d=5)
    a = sigmoid(X @ w + b)
    X1 = np.hstack([X, np.ones((50, 1))])
    for lam in (0.0, 0.3):
        H = hessian(w, b, X, lam)
        for delta in rng.normal(size=(5, 6)):
            quadratic = np.mean(a * (1 - a) * (X1 @ delta) ** 2) + lam * delta[:-1] @ delta[:-1]
            assert np.isclose(delta @ H @ delta, quadratic) and quadratic >= 0
            # chapter 7's curvature: the second derivative of J_lambda(theta + eta delta) in eta
            J = lambda eta: penalised(w + eta * delta[:-1], b + eta * delta[-1], X, y_,  # noqa
                                      lam)[0]
            assert np.isclose((J(1e-4) - 2 * J(0) + J(-1e-4)) / 1e-8, quadratic, rtol=1e-4)
    X[:, 1] = 0  # a pixel blank everywhere: without l2, H is singular along it
    assert abs(np.eye(6)[1] @ hessian(w, b, X, 0.0) @ np.eye(6)[1]) == 0
    assert np.linalg.eigvalsh(hessian(w, b, X, 0.3))[0] > 0  # with l2: positive definite


@equation("10.4", r"\begin{aligned} J_\lambda(\theta + \delta) &\approx J_\lambda(\theta) + "
                  r"g^\top \delta + \frac12 \delta^\top H \delta, \\ H \delta &= -g, \qquad "
                  r"\theta \leftarrow \theta + \delta. \end{aligned}")
def _(rng):
    d1, d2, g1, g2 = sp.symbols("delta1 delta2 g1 g2", real=True)
    h11, h12, h22 = sp.symbols("h11 h12 h22", real=True)
    H = sp.Matrix([[h11, h12], [h12, h22]])
    delta, g = sp.Matrix([d1, d2]), sp.Matrix([g1, g2])
    model = (g.T * delta + delta.T * H * delta / 2)[0]
    stationary = sp.solve([sp.diff(model, d1), sp.diff(model, d2)], [d1, d2], dict=True)[0]
    newton = -H.inv() * g
    assert all(same(stationary[s], newton[i]) for i, s in enumerate((d1, d2)))
    X, y_, w, b = problem(rng, m=50, d=5)  # and the package's step is theta + delta
    w1, b1 = newton_step(w, b, X, y_, 0.3)
    g_ = np.append(*penalised(w, b, X, y_, 0.3)[1:])
    assert np.allclose(np.append(w1, b1), np.append(w, b) + np.linalg.solve(
        hessian(w, b, X, 0.3), -g_))


@equation("10.5", r"\begin{aligned} \theta_{t+1} - \theta^\star &= H_t^{-1} \bigl(H_t "
                  r"(\theta_t - \theta^\star) - (g_t - g^\star)\bigr), \\ \lVert \theta_{t+1} - "
                  r"\theta^\star \rVert &\leq \frac{M}{2\mu} \lVert \theta_t - \theta^\star \rVert^2, "
                  r"\\ \mu &= \operatorname{eig}_{\min}(H_t). \end{aligned}")
def _(rng):
    # the constant is tight: J = theta^2 / 2 + M theta^3 / 6 has its minimum at 0 and a
    # Hessian 1 + M theta that changes by exactly M per unit, and there Newton's step lands
    # at exactly M / (2 mu) theta_t^2, with mu = eig_min(H_t) = H_t
    t_, M_ = sp.symbols("theta_t M", positive=True)
    J1 = t_ ** 2 / 2 + M_ * t_ ** 3 / 6
    g1, H1 = sp.diff(J1, t_), sp.diff(J1, t_, 2)
    assert same(sp.diff(H1, t_), M_) and g1.subs(t_, 0) == 0
    assert same(t_ - g1 / H1, M_ / (2 * H1) * t_ ** 2)
    X, y_, _, _ = problem(rng, m=200, d=4)
    w, b, thetas = np.zeros(4), 0.0, []
    for _ in range(12):
        thetas.append(np.append(w, b))
        w, b = newton_step(w, b, X, y_, 0.1)
    star = thetas[-1]
    g_star = np.append(*penalised(star[:-1], star[-1], X, y_, 0.1)[1:])
    assert np.linalg.norm(g_star) < 1e-12
    # the first line: an identity, since g* = 0
    theta_t = thetas[3]
    H_t = hessian(theta_t[:-1], theta_t[-1], X, 0.1)
    g_t = np.append(*penalised(theta_t[:-1], theta_t[-1], X, y_, 0.1)[1:])
    assert np.allclose(thetas[4] - star,
                       np.linalg.solve(H_t, H_t @ (theta_t - star) - (g_t - g_star)))
    # the second, with the package's Newton steps on logistic regression: M bounds how fast
    # H changes, since d/dz a (1 - a) = a (1 - a) (1 - 2 a) is at most 1 / (6 sqrt 3) in size,
    # so ||H(theta) - H(theta')|| <= M ||theta - theta'|| with M = that times mean |x~_i|^3
    X1 = np.hstack([X, np.ones((200, 1))])
    M = np.mean(np.linalg.norm(X1, axis=1) ** 3) / (6 * np.sqrt(3))
    z_ = sp.symbols("z_", real=True)
    s_prime = sp.diff(sigma.subs(z, z_) * (1 - sigma.subs(z, z_)), z_)
    assert abs(float(s_prime.subs(z_, sp.log(2 + sp.sqrt(3)))) + 1 / (6 * np.sqrt(3))) < 1e-12
    assert max(abs(float(s_prime.subs(z_, v))) for v in np.linspace(-8, 8, 401)) <= 1 / (
        6 * np.sqrt(3)) + 1e-12
    for a_point, b_point in rng.normal(size=(5, 2, 5)):
        change = np.linalg.norm(hessian(a_point[:-1], a_point[-1], X, 0.1)
                                - hessian(b_point[:-1], b_point[-1], X, 0.1), 2)
        assert change <= M * np.linalg.norm(a_point - b_point)
    for theta_t, theta_next in zip(thetas[:-2], thetas[1:-1]):
        H_t = hessian(theta_t[:-1], theta_t[-1], X, 0.1)
        mu = np.linalg.eigvalsh(H_t)[0]
        v = rng.normal(size=5)  # H_t^-1 stretches no vector by more than 1 / mu ...
        assert np.linalg.norm(np.linalg.solve(H_t, v)) <= np.linalg.norm(v) / mu * (1 + 1e-12)
        e = theta_t - star      # ... and the bracket is at most M/2 ||theta_t - theta*||^2
        g_t = np.append(*penalised(theta_t[:-1], theta_t[-1], X, y_, 0.1)[1:])
        assert np.linalg.norm(H_t @ e - (g_t - g_star)) <= M / 2 * (e @ e) + 1e-13
        assert np.linalg.norm(theta_next - star) <= M / (2 * mu) * (e @ e) + 1e-13
    # the inverse's stretch is reached along the eigenvector of the least eigenvalue
    values, vectors = np.linalg.eigh(H_t)
    assert np.isclose(np.linalg.norm(np.linalg.solve(H_t, vectors[:, 0])), 1 / values[0])


@equation("10.6", r"\begin{aligned} \theta_{t+1} - \theta^\star &\approx (I - \eta H^\star)\, "
                  r"(\theta_t - \theta^\star), \\ \kappa &= \operatorname{eig}_{\max}(H^\star) / "
                  r"\operatorname{eig}_{\min}(H^\star), \\ \eta_{\text{best}} &= \frac{2}{"
                  r"\operatorname{eig}_{\max}(H^\star) + \operatorname{eig}_{\min}(H^\star)}, \\ 1 - "
                  r"\eta_{\text{best}} \operatorname{eig}_{\min}(H^\star) &= \frac{\kappa - 1}{\kappa "
                  r"+ 1}. \end{aligned}")
def _(rng):
    lo, hi = sp.symbols("eig_min eig_max", positive=True)
    best, kappa = 2 / (lo + hi), hi / lo
    assert same(1 - best * lo, (kappa - 1) / (kappa + 1))   # the flattest direction's factor
    assert same(best * hi - 1, (kappa - 1) / (kappa + 1))   # equals the steepest's, reversed
    eigenvalues = np.array([0.01, 0.2, 0.9])                 # and no rate does better
    rates = np.linspace(0.01, 2 / eigenvalues[-1], 2001)
    worst = np.abs(1 - rates[:, None] * eigenvalues).max(axis=1)  # the middle one never worst
    assert abs(rates[worst.argmin()] - 2 / (eigenvalues[0] + eigenvalues[-1])) < 2e-3
    assert np.isclose(worst.min(), (90 - 1) / (90 + 1), atol=1e-3)
    # near the package's minimum, one step of descent multiplies theta - theta* by I - eta H*
    X, y_, _, _ = problem(rng, m=200, d=4)
    w, b, _ = newton(np.zeros(4), 0.0, X, y_, l2=0.1, iterations=30, tol=1e-14)
    H, theta, eta = hessian(w, b, X, 0.1), np.append(w, b), 0.7
    e = 1e-5 * rng.normal(size=5)
    path = descent(w + e[:-1], b + e[-1], X, y_, l2=0.1, rate=eta)
    next(path)
    _, _, w1, b1 = next(path)
    assert np.allclose(np.append(w1, b1) - theta, (np.eye(5) - eta * H) @ e, rtol=0, atol=1e-9)


@equation("10.7", r"\begin{aligned} J_\lambda(\theta - \eta g) &\leq J_\lambda(\theta) - "
                  r"\frac{\eta}{2} \lVert g \rVert^2, \\ &\text{true for every } \eta \leq "
                  r"\frac{1}{L}. \end{aligned}")
def _(rng):
    eta, L_, g2 = sp.symbols("eta L g2", positive=True)
    taylor_bound = -eta * (1 - L_ * eta / 2) * g2          # J(theta - eta g) - J(theta) <= this
    assert sp.solve(sp.Le(taylor_bound, -eta / 2 * g2), eta) == sp.Le(eta, 1 / L_)
    X, y_, _, _ = problem(rng, m=200, d=4)
    X1 = np.hstack([X, np.ones((200, 1))])
    L = np.linalg.eigvalsh(X1.T @ X1 / 200)[-1] / 4 + 0.1
    for _ in range(20):                                       # every t <= 1/L passes, anywhere
        w, b = rng.normal(size=4) * 3, float(rng.normal())
        J, dw, db = penalised(w, b, X, y_, 0.1)
        for step in (1 / L, 0.5 / L, 0.01 / L):
            J_new = penalised(w - step * dw, b - step * db, X, y_, 0.1)[0]
            assert J_new <= J - step / 2 * (dw @ dw + db * db)
    # and the package's line search lowers J at every step, at least as (10.7) demands
    path, costs = descent(np.zeros(4), 0.0, X, y_, l2=0.1), []
    for _ in range(30):
        cost, _, w, b = next(path)
        costs.append((cost, w, b))
    for (J, w, b), (J_new, w_new, b_new) in zip(costs, costs[1:]):
        _, dw, db = penalised(w, b, X, y_, 0.1)
        step = (w - w_new)[0] / dw[0]                          # theta_new = theta - eta g
        assert np.allclose(np.append(w - w_new, b - b_new), step * np.append(dw, db))
        assert J_new <= J - step / 2 * (dw @ dw + db * db) + 1e-15


def least_squares(tilde, weights, targets, l2):
    """The minimum of (1/2m) sum_i weights_i (targets_i - tilde_i . theta)^2 + (l2/2) |w|^2,
    by lstsq: rows and targets times sqrt(weights_i / m), and rows sqrt(l2) e_j fitted to 0
    for the weights (the last entry of theta, the bias, has none)."""
    m, d = tilde.shape[0], tilde.shape[1] - 1
    rows = np.vstack([np.sqrt(weights / m)[:, None] * tilde, np.sqrt(l2) * np.eye(d + 1)[:d]])
    return np.linalg.lstsq(rows, np.append(np.sqrt(weights / m) * targets, np.zeros(d)),
                           rcond=None)[0]


@equation("10.8", r"\begin{aligned} \xi &= \tilde X \theta - S^{-1} (a - y), \\ \theta' &"
                  r"\text{ minimises } \\ & \frac{1}{2m} \sum_{i=1}^{m} S_{ii} \bigl(\xi_i - "
                  r"\tilde x_i \cdot \theta'\bigr)^2 + \frac{\lambda}{2} \lVert w' \rVert^2. "
                  r"\end{aligned}")
def _(rng):
    X, y_, w, b = problem(rng)
    m, d, l2 = 40, 6, 0.05
    a = sigmoid(X @ w + b)
    s = a * (1 - a)
    xi = X @ w + b - (a - y_) / s
    tilde = np.column_stack([X, np.ones(m)])
    fitted = least_squares(tilde, s, xi, l2)
    w_new, b_new = newton_step(w, b, X, y_, l2)
    assert np.allclose(fitted, np.append(w_new, b_new), rtol=1e-9, atol=1e-12)
    # the objective's gradient is 0 there: (1/m) X~^T S (X~ theta' - xi) + l2 (w', 0) = 0
    gradient = tilde.T @ (s * (tilde @ fitted - xi)) / m + l2 * np.append(fitted[:-1], 0.0)
    assert np.max(np.abs(gradient)) < 1e-10
    # at theta = 0 the working response is +-2 (the chapter's first step)
    a0 = sigmoid(np.zeros(m))
    assert np.allclose(-(a0 - y_) / (a0 * (1 - a0)), np.where(y_ == 1, 2.0, -2.0))


# --- Chapter 11 ---------------------------------------------------------------------------
def _scores(rng, m=60):
    """Scores with many ties (whole numbers -3..3) and 0/1 labels, both classes present."""
    scores, y_ = rng.integers(-3, 4, size=m).astype(float), rng.integers(0, 2, size=m)
    y_[0], y_[-1] = 1, 0
    return scores, y_


def _counts_by_loop(scores, y_):
    """(t, TP, FP) at each distinct score t from the highest, 'yes' for score >= t: a loop."""
    return [(t, int(y_[scores >= t].sum()), int(np.sum(scores >= t) - y_[scores >= t].sum()))
            for t in sorted(set(scores), reverse=True)]


@equation("11.1", r"\text{precision} = \frac{TP}{TP + FP}, \qquad \text{recall} = "
                  r"\frac{TP}{TP + FN}.")
def _(rng):
    y_ = rng.integers(0, 2, size=200)
    y_pred = np.where(rng.random(200) < 0.8, y_, 1 - y_)
    tp = sum(1 for p_, t in zip(y_pred, y_) if p_ == 1 and t == 1)
    fp = sum(1 for p_, t in zip(y_pred, y_) if p_ == 1 and t == 0)
    fn = sum(1 for p_, t in zip(y_pred, y_) if p_ == 0 and t == 1)
    precision, recall, _ = precision_recall_f1(y_pred, y_)
    assert (precision, recall) == (tp / (tp + fp), tp / (tp + fn))


@equation("11.2", r"\begin{aligned} F_1 &= \frac{2\, \text{precision} \cdot \text{recall}}"
                  r"{\text{precision} + \text{recall}} \\ &= \frac{2\, TP}{2\, TP + FP + FN}. "
                  r"\end{aligned}")
def _(rng):
    tp, fp, fn = sp.symbols("TP FP FN", positive=True)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert same(2 * precision * recall / (precision + recall), 2 * tp / (2 * tp + fp + fn))
    y_ = rng.integers(0, 2, size=200)
    y_pred = np.where(rng.random(200) < 0.8, y_, 1 - y_)
    (_, fp_), (fn_, tp_) = confusion(y_pred, y_)
    assert np.isclose(precision_recall_f1(y_pred, y_)[2], 2 * tp_ / (2 * tp_ + fp_ + fn_))


@equation("11.3", r"TP_r = y_{(1)} + y_{(2)} + \dots + y_{(r)}, \qquad FP_r = r - TP_r.")
def _(rng):
    scores, y_ = _scores(rng)
    thresholds, tp, fp = counts_by_threshold(scores, y_)
    assert [(t, int(a), int(b)) for t, a, b in zip(thresholds, tp, fp)] == _counts_by_loop(
        scores, y_)
    # at a threshold's rank r (the last of its run of ties), the r highest-scoring images
    ranked = y_[np.argsort(-scores, kind="stable")]  # y_(1), y_(2), ...: labels by rank
    for t, tp_r, fp_r in zip(thresholds, tp, fp):
        r = int(np.sum(scores >= t))  # the rank that ends t's run of ties
        assert tp_r == sum(ranked[:r]) and fp_r == r - tp_r


@equation("11.4", r"\text{TPR}_r = \frac{TP_r}{n_1}, \qquad \text{FPR}_r = \frac{FP_r}{n_0}.")
def _(rng):
    scores, y_ = _scores(rng)
    fpr, tpr, _ = roc_curve(scores, y_)
    rows = _counts_by_loop(scores, y_)
    P, N = y_.sum(), len(y_) - y_.sum()
    assert np.allclose(tpr, [0] + [tp / P for _, tp, _ in rows])
    assert np.allclose(fpr, [0] + [fp / N for _, _, fp in rows])


@equation("11.5", r"\begin{aligned} \text{AUC} = \frac{1}{n_1 n_0} &\sum_{i:\, y_i = 1} "
                  r"\sum_{i':\, y_{i'} = 0} \\ &\Bigl([z_i > z_{i'}] + \tfrac12 [z_i = z_{i'}]"
                  r"\Bigr), \end{aligned}")
def _(rng):
    for m in (2, 7, 60, 300):  # the trapezoid area under (11.4)'s points is the pair count
        scores, y_ = _scores(rng, m)
        pairs = [(z_i > z_i2) + 0.5 * (z_i == z_i2) for z_i in scores[y_ == 1]
                 for z_i2 in scores[y_ == 0]]  # z_i2 is z_{i'}
        assert np.isclose(roc_auc(scores, y_), np.mean(pairs))
    # the text's example: 1s at 3, 1 and 0, the others at 2, 0 and -1: 13/18 both ways
    example, labels = np.array([3.0, 1.0, 0.0, 2.0, 0.0, -1.0]), np.array([1, 1, 1, 0, 0, 0])
    assert np.isclose(roc_auc(example, labels), 13 / 18)
    assert np.isclose((1 / 3) * (1 / 3 + 5 / 6 + 1), 13 / 18) and (6 + 0.5) / 9 == 13 / 18


@equation("11.6", r"\text{AP} = \sum_{r} (\text{rec}_r - \text{rec}_{r'})\, \text{prec}_r.")
def _(rng):
    scores, y_ = _scores(rng)  # with many ties: r' is the threshold before r, not r - 1
    rows, P = _counts_by_loop(scores, y_), y_.sum()
    recalls = [0.0] + [tp / P for _, tp, _ in rows]  # rec_{r'} for the first: 0
    precisions = [tp / (tp + fp) for _, tp, fp in rows]
    assert np.isclose(average_precision(scores, y_),
                      sum((r1 - r0) * p_ for r0, r1, p_ in zip(recalls, recalls[1:], precisions)))
    # the text's example: thresholds at the ranks 1, 2, 3, 5, 6, and AP = 34/45
    example, labels = np.array([3.0, 1.0, 0.0, 2.0, 0.0, -1.0]), np.array([1, 1, 1, 0, 0, 0])
    _, tp, fp = counts_by_threshold(example, labels)
    assert (tp + fp).tolist() == [1, 2, 3, 5, 6]
    assert np.isclose(average_precision(example, labels), 34 / 45)
    assert np.isclose(1 / 3 * 1 + 0 * 1 / 2 + 1 / 3 * 2 / 3 + 1 / 3 * 3 / 5 + 0 * 1 / 2, 34 / 45)


@equation("11.7", r"\Pr(y = 1 \mid a) = a.")
def _(rng):
    # labels drawn with the model's own probabilities: a calibrated model by construction,
    # whose reliability points (11.8) lie on the diagonal, up to the sampling noise
    a = rng.random(200_000)
    labels = (rng.random(200_000) < a).astype(int)
    bins = reliability(a, labels, 10)
    noise = np.sqrt(0.25 / bins.count)
    assert np.all(np.abs(bins.frequency - bins.confidence) < 5 * noise)
    assert expected_calibration_error(a, labels) < 0.01
    squeezed = 0.5 + (a - 0.5) / 2  # the same labels, probabilities pulled towards 1/2: not
    gaps = reliability(squeezed, labels, 10)  # calibrated, the points leave the diagonal
    assert np.max(np.abs(gaps.frequency - gaps.confidence)) > 0.1


@equation("11.8", r"\begin{aligned} \bar a(G) &= \frac{1}{|G|} \sum_{i \in G} a_i, "
                  r"\\ \text{frequency}(G) &= \frac{1}{|G|} \sum_{i \in G} y_i. \end{aligned}")
def _(rng):
    a = np.r_[0.0, 1.0, rng.random(300)]
    labels = rng.integers(0, 2, size=len(a))
    bins = reliability(a, labels, 10)
    rows = []
    for g in range(10):  # bin g's group G: its images i
        G = [i for i, a_i in enumerate(a) if g / 10 < a_i <= (g + 1) / 10 or (g == 0 and a_i == 0)]
        if G:
            rows.append((len(G), sum(a[i] for i in G) / len(G), sum(labels[i] for i in G) / len(G)))
    assert np.allclose(np.array(rows).T, [bins.count, bins.confidence, bins.frequency])


@equation("11.9", r"\begin{aligned} \text{ECE} &= \sum_{G} \frac{|G|}{m}\, \text{gap}(G), \\ "
                  r"\text{gap}(G) &= \bigl|\text{frequency}(G) - \bar a(G)\bigr|. "
                  r"\end{aligned}")
def _(rng):
    a = rng.random(500) ** 2
    labels = (rng.random(500) < a).astype(int)
    bins = reliability(a, labels, 10)
    gap = np.abs(bins.frequency - bins.confidence)
    total = sum(size / 500 * gap_G for size, gap_G in zip(bins.count, gap))
    assert np.isclose(expected_calibration_error(a, labels, 10), total)


@equation("11.10", r"\begin{aligned} R(a) &= -a^\star \log a - (1 - a^\star) \log (1 - a), \\ "
                   r"R'(a) &= \frac{a - a^\star}{a (1 - a)}. \end{aligned}")
def _(rng):
    a, a_star = sp.symbols("a a_star", positive=True)
    R = -a_star * sp.log(a) - (1 - a_star) * sp.log(1 - a)
    assert same(sp.diff(R, a), (a - a_star) / (a * (1 - a)))
    assert sp.solve(sp.diff(R, a), a) == [a_star]  # the one stationary point, the honest a*
    assert same(sp.diff(R, a, 2), a_star / a ** 2 + (1 - a_star) / (1 - a) ** 2)  # > 0: least
    # and R is the expected log loss (2.10) of forecasting a: y = 1 with chance a*
    labels = (rng.random(400_000) < 0.3).astype(float)
    z_a = np.full(400_000, np.log(0.8 / 0.2))  # forecast a = 0.8
    assert np.isclose(cross_entropy(z_a, labels),
                      float(R.subs({a: 0.8, a_star: labels.mean()})), rtol=1e-12)


@equation("11.11", r"a = \sigma(s z + c).")
def _(rng):
    logits_ = rng.normal(scale=30, size=2000)  # a model thirty times too sure
    labels = (rng.random(2000) < sigmoid(logits_ / 30)).astype(float)
    s_, c_ = platt(logits_, labels)
    # (s, c) minimise (2.4) with the one feature z: its gradient (2.7) vanishes there
    _, ds, dc = propagate(np.array([s_]), c_, logits_[:, None], labels)
    assert abs(ds[0]) < 1e-8 and abs(dc) < 1e-8
    assert np.isclose(s_, 1 / 30, rtol=0.15) and cross_entropy(s_ * logits_ + c_, labels) < \
        cross_entropy(logits_, labels)


@equation("11.12", r"\begin{aligned} P &= \operatorname{softmax}(Z / T), \qquad s = \frac{1}{T}, "
                   r"\\ J(s) &= \frac{1}{m} \sum_{i=1}^{m} \Bigl(\log \sum_{\ell=0}^{k-1} "
                   r"e^{s Z_{i\ell}} \\ &\qquad - s \sum_{\ell=0}^{k-1} Y_{i\ell} Z_{i\ell}"
                   r"\Bigr). \end{aligned}")
def _(rng):
    Z, labels = rng.normal(size=(50, 4)) * 3, rng.integers(0, 4, size=50)
    Y = one_hot(labels, 4)  # the sum over l of Y_il Z_il is the true digit's logit
    for T in (0.5, 1.0, 2.5):
        s_ = 1 / T
        J = np.mean([np.log(sum(np.exp(s_ * row[l]) for l in range(4)))
                     - s_ * sum(Y_row[l] * row[l] for l in range(4))
                     for row, Y_row in zip(Z, Y)])
        assert np.isclose(temperature_cost(Z, labels, T), J)
        assert np.isclose(J, -np.mean(np.log(softmax(Z / T)[np.arange(50), labels])))


@equation("11.13", r"\begin{aligned} J'(s) &= \frac{1}{m} \sum_{i=1}^{m} \sum_{\ell=0}^{k-1} "
                   r"(P_{i\ell} - Y_{i\ell})\, Z_{i\ell}, \\ J''(s) &= \frac{1}{m} "
                   r"\sum_{i=1}^{m} \Bigl(\sum_{\ell} P_{i\ell} Z_{i\ell}^2 \\ &\qquad - "
                   r"\bigl(\sum_{\ell} P_{i\ell} Z_{i\ell}\bigr)^2\Bigr). \end{aligned}")
def _(rng):
    s_ = sp.symbols("s", positive=True)
    row = sp.symbols("Z1:4", real=True)  # one image, k = 3, its label the first class
    J = sp.log(sum(sp.exp(s_ * zj) for zj in row)) - s_ * row[0]
    P = [sp.exp(s_ * zj) / sum(sp.exp(s_ * zl) for zl in row) for zj in row]
    Y = [1, 0, 0]
    assert same(sp.diff(J, s_), sum((pj - yj) * zj for pj, yj, zj in zip(P, Y, row)))
    assert same(sp.diff(J, s_, 2), sum(pj * zj ** 2 for pj, zj in zip(P, row))
                - sum(pj * zj for pj, zj in zip(P, row)) ** 2)
    Z, labels = rng.normal(size=(30, 5)), rng.integers(0, 5, size=30)  # and the package's
    cost, slope, curvature = _temperature_derivatives(0.7, Z, labels)
    h_ = 1e-5
    J_ = lambda v: temperature_cost(Z, labels, 1 / v)  # noqa: E731
    assert np.isclose(slope, (J_(0.7 + h_) - J_(0.7 - h_)) / (2 * h_), rtol=1e-6)
    assert np.isclose(curvature, (J_(0.7 + h_) - 2 * cost + J_(0.7 - h_)) / h_ ** 2, rtol=1e-4)
    # the text: each bracket is a variance, the weighted mean of squared distances from the mean
    P_ = softmax(0.7 * Z)
    mean = np.sum(P_ * Z, axis=1, keepdims=True)
    assert np.isclose(curvature, np.mean(np.sum(P_ * (Z - mean) ** 2, axis=1)))

def map_problem(rng, l2=0.05):
    """A small binary problem, its MAP under the penalty l2 (Newton's method), and m H*."""
    X, y_, _, _ = problem(rng, m=60, d=3)
    y_[:5] = 1 - y_[:5]  # not separable
    w, b, history = newton(np.zeros(3), 0.0, X, y_, l2=l2)
    assert history[-1][1] < 1e-10
    return X, y_, w, b, len(X) * hessian(w, b, X, l2)


@equation("11.14", r"\begin{aligned} & m J_\lambda(\theta^\star + \delta) \\ & {} \approx m "
                   r"J_\lambda(\theta^\star) + \tfrac12 \delta^\top m H^\star \delta, \\ & "
                   r"\text{posterior} \\ & {} \approx \mathcal{N}\bigl(\theta^\star, "
                   r"(m H^\star)^{-1}\bigr). \end{aligned}")
def _(rng):
    l2 = 0.05
    X, y_, w, b, mH = map_problem(rng, l2)
    theta = np.append(w, b)

    def mJ(t):
        return len(X) * penalised(t[:-1], t[-1], X, y_, l2)[0]
    # the expansion's error falls like the cube of the step: the quadratic is the Taylor
    # expansion to second order, with no first-order term at the minimum
    direction = rng.normal(size=4)
    errors = [abs(mJ(theta + h * direction) - mJ(theta) - 0.5 * h * h * direction @ mH
                  @ direction) for h in (1e-1, 1e-2)]
    assert errors[1] < errors[0] / 500
    # exp(-m J) near the peak is the Gaussian density's shape: its log, relative to the
    # peak, is scipy's multivariate normal log density relative to its peak
    gaussian = scipy.stats.multivariate_normal(theta, np.linalg.inv(mH))
    step = 1e-3 * direction
    assert np.isclose(-(mJ(theta + step) - mJ(theta)),
                      gaussian.logpdf(theta + step) - gaussian.logpdf(theta), rtol=1e-3)


@equation("11.15", r"\begin{aligned} & z = \tilde x \theta \sim \mathcal{N}(z^\star, \psi^2), "
                   r"\\ & z^\star = \tilde x \theta^\star, \\ & \psi^2 = \tilde x\, (m "
                   r"H^\star)^{-1} \tilde x^\top. \end{aligned}")
def _(rng):
    l2 = 0.05
    X, y_, w, b, mH = map_problem(rng, l2)
    covariance = np.linalg.inv(mH)
    tilde = np.column_stack([X[:5], np.ones(5)])
    _, psi2 = laplace_logits(w, b, X, y_, X[:5], l2=l2)
    assert np.allclose(psi2, np.einsum("ij,jk,ik->i", tilde, covariance, tilde), rtol=1e-10)
    # draws of theta from the Gaussian: each logit's mean and variance
    thetas = rng.multivariate_normal(np.append(w, b), covariance, size=200_000)
    logits = tilde @ thetas.T
    assert np.allclose(logits.mean(axis=1), tilde @ np.append(w, b), atol=4 * np.sqrt(psi2 / 2e5))
    assert np.allclose(logits.var(axis=1), psi2, rtol=0.02)


@equation("11.16", r"\begin{aligned} \sigma(t) &\approx \Phi\bigl(\sqrt{\pi / 8}\; t\bigr), \\ "
                   r"\mathbb{E}\bigl[\sigma(z)\bigr] &\approx \sigma\bigl(\chi(\psi^2)\, "
                   r"z^\star\bigr), \\ \chi(\psi^2) &= (1 + \pi \psi^2 / 8)^{-1/2}. \end{aligned}")
def _(rng):
    import scipy.integrate
    t_ = np.linspace(-8, 8, 161)
    assert np.max(np.abs(sigmoid(t_) - scipy.stats.norm.cdf(np.sqrt(np.pi / 8) * t_))) < 0.02
    # the exact step: the mean of Phi(c z) over z ~ N(z*, psi^2) is Phi(c z* / sqrt(1 + c^2 psi^2))
    c_ = np.sqrt(np.pi / 8)
    for z_star, psi in ((0.7, 0.5), (-2.0, 2.0), (4.0, 3.0)):
        def under(f):
            return scipy.integrate.quad(lambda v: f(v) * scipy.stats.norm.pdf(v, z_star, psi),
                                        z_star - 12 * psi, z_star + 12 * psi)[0]
        assert np.isclose(under(lambda v: scipy.stats.norm.cdf(c_ * v)),
                          scipy.stats.norm.cdf(c_ * z_star / np.sqrt(1 + c_ ** 2 * psi ** 2)),
                          atol=1e-9)
        # and the approximation: within 0.02 of the mean of sigma itself
        chi = (1 + np.pi * psi ** 2 / 8) ** -0.5
        assert abs(under(sigmoid) - sigmoid(chi * z_star)) < 0.02
    # the package: sigma(chi(psi^2) z*), with z* the MAP's logit
    l2 = 0.05
    X, y_, w, b, _ = map_problem(rng, l2)
    z_laplace, psi2 = laplace_logits(w, b, X, y_, X, l2=l2)
    assert np.allclose(z_laplace, (X @ w + b) / np.sqrt(1 + np.pi * psi2 / 8), rtol=1e-12)



# --- The pen-and-paper answers (exercises/DERIVATIONS.md) --------------------------------
@equation("E2.4", r"\sigma'(z) = \tfrac14 - \bigl(\sigma(z) - \tfrac12\bigr)^2 \leq \tfrac14.")
def _(rng):
    assert same(sp.diff(sigma, z), sp.Rational(1, 4) - (sigma - sp.Rational(1, 2)) ** 2)
    slope = sp.lambdify(z, sp.diff(sigma, z))
    values = slope(np.linspace(-30, 30, 6001))  # z = 0 is on the grid
    assert values.max() == 0.25 and np.argmax(values) == 3000 and np.all(values <= 0.25)
    assert np.all(values[np.arange(6001) != 3000] < 0.25)  # 1/4 only at z = 0


@equation("E2.7", r"e^{w_j \cdot 255} = e^{(255\, w_j) \cdot 1}.")
def _(rng):
    # raw pixels (0-255) with w, scaled ones (0-1) with 255 w: the same logits, and blank to
    # full ink (255 raw units, 1 scaled unit) multiplies the odds by the same factor
    X = rng.integers(0, 256, size=(40, 6)).astype(float)
    w, b = rng.normal(scale=0.01, size=6), 0.3
    assert np.allclose((X / 255) @ (255 * w) + b, X @ w + b, rtol=1e-12)
    blank, full = np.zeros(6), np.zeros(6)
    full[2] = 255
    raw_ratio = np.exp((full @ w + b) - (blank @ w + b))  # odds = e^z (2.12)
    scaled_ratio = np.exp((full / 255) @ (255 * w) - (blank / 255) @ (255 * w))
    assert np.isclose(raw_ratio, scaled_ratio, rtol=1e-12)
    assert np.isclose(raw_ratio, np.exp(255 * w[2]), rtol=1e-12)


@equation("E2.8", r"\operatorname{KL}(0.3, 0.1) \approx 0.154 > \operatorname{KL}(0.1, 0.3) "
                  r"\approx 0.116.")
def _(rng):
    def kl(star, a):  # (2.14)
        return star * np.log(star / a) + (1 - star) * np.log((1 - star) / (1 - a))
    assert round(kl(0.3, 0.1), 3) == 0.154 and round(kl(0.1, 0.3), 3) == 0.116
    # the answer's terms, as printed
    assert [round(t, 3) for t in (0.3 * np.log(3), 0.7 * np.log(0.7 / 0.9),
                                  0.1 * np.log(1 / 3), 0.9 * np.log(0.9 / 0.7))] == [
        0.330, -0.176, -0.110, 0.226]


@equation("E4.4", r"\begin{aligned} & \operatorname{dist}(0) = \frac{b}{\lVert w \rVert}, \\ & "
                  r"\frac{\log \frac{0.9}{0.1} - \log \frac{0.75}{0.25}}{\lVert w \rVert} = "
                  r"\frac{\log 9 - \log 3}{\lVert w \rVert} \\ & \qquad = \frac{\log 3}{\lVert "
                  r"w \rVert}. \end{aligned}")
def _(rng):
    X, _, w, b = problem(rng)
    assert np.isclose(distance_to_boundary(w, b, np.zeros((1, len(w))))[0],
                      b / np.linalg.norm(w), rtol=1e-12)
    assert sp.simplify(sp.log(sp.Rational(9, 10) / sp.Rational(1, 10))
                       - sp.log(sp.Rational(3, 4) / sp.Rational(1, 4)) - sp.log(3)) == 0
    # the two lines' distance: points of probability 0.9 and 0.75 on the normal through x_0
    length = np.linalg.norm(w)
    x0 = boundary_points(rng, w, b, 1)[0]
    ends = [x0 + np.log(a / (1 - a)) / length * w / length for a in (0.9, 0.75)]
    assert np.allclose(predict_proba(w, b, np.array(ends)), [0.9, 0.75], rtol=1e-12)
    assert np.isclose(np.linalg.norm(ends[0] - ends[1]), np.log(3) / length, rtol=1e-12)
    # w and b times c > 0: the same answers; times c < 0: the same boundary, answers swapped
    z = X @ w + b
    assert np.all(z != 0)
    for c in (0.3, 7.0):
        assert np.array_equal(predict(c * w, c * b, X), predict(w, b, X))
        assert np.array_equal(predict(-c * w, -c * b, X), 1 - predict(w, b, X))


@equation("E4.5", r"\begin{aligned} z &= \Bigl(\frac{1}{2\Sigma_0} - \frac{1}{2\Sigma_1}\Bigr) "
                  r"x^2 + \Bigl(\frac{\nu_1}{\Sigma_1} - \frac{\nu_0}{\Sigma_0}\Bigr) x \\ &\quad + "
                  r"\frac{\nu_0^2}{2\Sigma_0} - \frac{\nu_1^2}{2\Sigma_1} + \frac12 \log "
                  r"\frac{\Sigma_0}{\Sigma_1} \\ &\quad + \log \frac{\Pr(y = 1)}{\Pr(y = 0)}. "
                  r"\end{aligned}")
def _(rng):
    quadratic = ((1 / (2 * S0) - 1 / (2 * S1)) * x_ ** 2 + (nu1 / S1 - nu0 / S0) * x_
                 + nu0 ** 2 / (2 * S0) - nu1 ** 2 / (2 * S1) + sp.log(S0 / S1) / 2
                 + sp.log(P1 / (1 - P1)))
    assert sp.simplify(log_odds(S0, S1) - sp.expand(sp.expand_log(quadratic, force=True))) == 0
    # the answer's example: nu0 = nu1 = 0, variances 1 and 4, equal shares
    example = log_odds(S0, S1).subs({nu0: 0, nu1: 0, S0: 1, S1: 4, P1: sp.Rational(1, 2)})
    assert sp.simplify(example - (sp.Rational(3, 8) * x_ ** 2 - sp.log(2))) == 0
    assert abs(math.sqrt(8 * math.log(2) / 3) - 1.36) < 0.005


@equation("E5.6", r"\frac{\partial P_{i\ell}}{\partial Z_{i\ell'}} = P_{i\ell}\, \bigl([\ell = "
                  r"\ell'] - P_{i\ell'}\bigr).")
def _(rng):
    for j in range(3):
        for l in range(3):
            assert same(sp.diff(SOFTMAX[j], zs[l]), SOFTMAX[j] * (int(j == l) - SOFTMAX[l]))
    # the answer's two cases: P (1 - P) for l' = l, -P P' for l' != l
    assert same(sp.diff(SOFTMAX[0], zs[0]), SOFTMAX[0] * (1 - SOFTMAX[0]))
    assert same(sp.diff(SOFTMAX[0], zs[2]), -SOFTMAX[0] * SOFTMAX[2])
    # and then (5.5): d(-log P_y)/dZ_l = P_l - [y = l]
    for label in range(3):
        for l in range(3):
            assert same(-sp.diff(SOFTMAX[label], zs[l]) / SOFTMAX[label],
                        SOFTMAX[l] - int(label == l))


@equation("E5.7", r"\begin{aligned} P_{i1} &= \frac{e^{Z_{i1}}}{e^{Z_{i0}} + e^{Z_{i1}}} = "
                  r"\frac{1}{1 + e^{-(Z_{i1} - Z_{i0})}} \\ &= \sigma(Z_{i1} - Z_{i0}). "
                  r"\end{aligned}")
def _(rng):
    z0, z1 = zs[:2]  # image i's two logits, Z_i0 and Z_i1
    two = sp.exp(z1) / (sp.exp(z0) + sp.exp(z1))
    assert same(two, 1 / (1 + sp.exp(-(z1 - z0))))
    assert same(two, sigma.subs(z, z1 - z0))
    assert same(sp.diff(-sp.log(two), z1), sigma.subs(z, z1 - z0) - 1)  # a - y for y = 1
    assert same(sp.diff(-sp.log(1 - two), z1), sigma.subs(z, z1 - z0))  # a - y for y = 0
    # the logits' difference is chapter 2's z = x w + b with w = W_1 - W_0, b = b_1 - b_0
    X, labels, W, b = problem(rng, k=2)
    Z = X @ W + b
    assert np.allclose(softmax(Z)[:, 1], sigmoid(X @ (W[:, 1] - W[:, 0]) + b[1] - b[0]))


@equation("E7.5", r"\sum_\ell P_{i\ell}\, \zeta_{i\ell}^2 - \Bigl(\sum_\ell P_{i\ell}\, "
                  r"\zeta_{i\ell}\Bigr)^2 \leq \frac{1}{2} \lVert \zeta_i \rVert^2.")
def _(rng):
    for _ in range(500):
        P = softmax(rng.normal(size=(1, 6)) * 4)[0]
        zeta = rng.normal(size=6)
        assert P @ zeta ** 2 - (P @ zeta) ** 2 <= zeta @ zeta / 2 * (1 + 1e-12)
        # the steps of the answer: variance <= range^2 / 4 <= |zeta|^2 / 2
        spread = zeta.max() - zeta.min()
        assert P @ zeta ** 2 - (P @ zeta) ** 2 <= spread ** 2 / 4 * (1 + 1e-12)
        assert spread ** 2 <= 2 * (zeta.max() ** 2 + zeta.min() ** 2) <= 2 * zeta @ zeta
    P, zeta = np.array([0.5, 0.5]), np.array([1.0, -1.0])  # the bound is reached
    assert np.isclose(P @ zeta ** 2 - (P @ zeta) ** 2, zeta @ zeta / 2)


@equation("E10.6", r"\text{steps a digit} = \frac{\ln 10}{\ln \frac{\kappa + 1}{\kappa - 1}}"
                  r" \approx \frac{\kappa}{2} \ln 10 \quad \text{for large } \kappa,")
def _(rng):
    kappa = sp.symbols("kappa", positive=True)
    steps = sp.log(10) / sp.log((kappa + 1) / (kappa - 1))
    assert sp.limit(steps / (kappa / 2 * sp.log(10)), kappa, sp.oo) == 1
    for k in (10.0, 900.0):                                    # and a digit's worth of steps
        factor = (k - 1) / (k + 1)                             # brings the error down tenfold
        n = float(steps.subs(kappa, k))
        assert np.isclose(factor ** n, 0.1)


@equation("E10.7", r"\frac{1}{2m} \sum_{i=1}^{m} \tfrac14 \bigl(\xi_i - \tilde x_i \cdot "
                   r"\theta'\bigr)^2 + \frac{\lambda}{2} \lVert w' \rVert^2 = \frac14 \Bigl("
                   r"\frac{1}{2m} \sum_{i=1}^{m} \bigl(\xi_i - \tilde x_i \cdot \theta'\bigr)^2 "
                   r"+ \frac{4\lambda}{2} \lVert w' \rVert^2\Bigr).")
def _(rng):
    # Newton's first step from 0 is the ridge regression of +-2 with the penalty 4 lambda
    X, y_, _, _ = problem(rng)
    m, d, l2 = 40, 6, 0.05
    tilde = np.column_stack([X, np.ones(m)])
    ridge = least_squares(tilde, np.ones(m), np.where(y_ == 1, 2.0, -2.0), 4 * l2)  # no weights
    w1, b1 = newton_step(np.zeros(d), 0.0, X, y_, l2)
    assert np.allclose(ridge, np.append(w1, b1), rtol=1e-9, atol=1e-12)


@equation("E10.5", r"\begin{aligned} g(\theta_1) &= g(\theta_0) + H(\theta_1 - \theta_0) \\ "
                   r"&= g(\theta_0) - H H^{-1} g(\theta_0) = 0, \end{aligned}")
def _(rng):
    H = sp.Matrix([[2, 1, 0], [1, 3, 1], [0, 1, 4]])           # positive definite
    g0 = sp.Matrix(sp.symbols("g1:4", real=True))              # any gradient at any start
    start = sp.Matrix(sp.symbols("t1:4", real=True))
    landed = start - H.inv() * g0                               # Newton's step, (10.4)
    assert sp.simplify(g0 + H * (landed - start)) == sp.zeros(3, 1)
    # on a quadratic J = theta^T H theta / 2 - theta . q, from anywhere: its minimum, H^-1 q
    Hn, q = np.array(H, dtype=float), rng.normal(size=3)
    for theta0 in rng.normal(size=(3, 3)) * 5:
        theta1 = theta0 - np.linalg.solve(Hn, Hn @ theta0 - q)
        assert np.allclose(theta1, np.linalg.solve(Hn, q))
    assert np.all(np.linalg.eigvalsh(Hn) > 0)                  # so that is the minimum



@equation("E11.5", r"\begin{aligned} &\frac{n_0^{\text{run}}}{n_0} \Bigl(\text{TPR} + "
                   r"\frac{n_1^{\text{run}}}{2 n_1}\Bigr) \\ &= \frac{1}{n_1 n_0} \sum_{i' \in \text{run},\, y_{i'} = 0} "
                   r"\Bigl(\#\{i: y_i = 1,\ z_i > z_{i'}\} \\ &\qquad + \tfrac12\, \#\{i: "
                   r"y_i = 1,\ z_i = z_{i'}\}\Bigr), \end{aligned}")
def _(rng):
    scores, y_ = _scores(rng, 80)
    fpr, tpr, thresholds = roc_curve(scores, y_)
    P, N = y_.sum(), len(y_) - y_.sum()
    for n, t in enumerate(thresholds[1:], 1):  # each run of ties: its trapezoid, its pairs
        run = scores == t
        nu_1, nu_0 = int(y_[run].sum()), int(run.sum() - y_[run].sum())
        area = nu_0 / N * (tpr[n - 1] + nu_1 / (2 * P))
        pairs = sum(np.sum(scores[y_ == 1] > z_i2) + 0.5 * np.sum(scores[y_ == 1] == z_i2)
                    for z_i2 in scores[run & (y_ == 0)]) / (P * N)  # z_i2 is z_{i'}
        assert np.isclose(area, (fpr[n] - fpr[n - 1]) * (tpr[n] + tpr[n - 1]) / 2)
        assert np.isclose(area, pairs)


@equation("E11.6", r"\begin{aligned} \operatorname{E}\bigl[(a - y)^2\bigr] &= a^\star (a - 1)^2 "
                   r"+ (1 - a^\star)\, a^2 \\ &= (a - a^\star)^2 + a^\star (1 - a^\star), "
                   r"\end{aligned}")
def _(rng):
    a, a_star = sp.symbols("a a_star", real=True)
    expected = a_star * (a - 1) ** 2 + (1 - a_star) * a ** 2  # y = 1 with chance a*
    assert same(expected, (a - a_star) ** 2 + a_star * (1 - a_star))
    assert sp.solve(sp.diff(expected, a), a) == [a_star]
    absolute = a_star * (1 - a) + (1 - a_star) * a  # the absolute error: a line in a
    assert same(absolute, a_star + a * (1 - 2 * a_star))
    assert same(sp.diff(absolute, a), 1 - 2 * a_star)  # least at an end


@equation("E11.7", r"\frac{d}{ds} \sum_\ell P_\ell Z_\ell = \sum_\ell P_\ell Z_\ell^2 - "
                   r"\Bigl(\sum_\ell P_\ell Z_\ell\Bigr)^2,")
def _(rng):
    s_ = sp.symbols("s", real=True)
    row = sp.symbols("Z1:4", real=True)
    P = [sp.exp(s_ * zj) / sum(sp.exp(s_ * zl) for zl in row) for zj in row]
    mean = sum(pj * zj for pj, zj in zip(P, row))
    assert same(sp.diff(mean, s_), sum(pj * zj ** 2 for pj, zj in zip(P, row)) - mean ** 2)

@equation("E11.8", r"\begin{aligned} & \Pr\bigl(U - \sqrt{\pi/8}\; z \le 0\bigr) = "
                   r"\Phi\Bigl(\frac{\sqrt{\pi/8}\; z^\star}{\sqrt{1 + \pi \psi^2 / 8}}\Bigr), \\ "
                   r"& \chi(\psi^2)\, z^\star \approx \sqrt{8/\pi}\; \frac{z^\star}{\psi} \quad "
                   r"\text{for large } \psi. \end{aligned}")
def _(rng):
    for z_star, psi in ((1.3, 0.7), (-2.0, 3.0)):  # V: mean -c z*, variance 1 + c^2 psi^2
        c_ = np.sqrt(np.pi / 8)
        V = scipy.stats.norm(-c_ * z_star, np.sqrt(1 + c_ ** 2 * psi ** 2))
        assert np.isclose(V.cdf(0), scipy.stats.norm.cdf(c_ * z_star / np.sqrt(1 + c_ ** 2
                                                                             * psi ** 2)))
    psi_ = sp.Symbol("psi", positive=True)
    chi = (1 + sp.pi * psi_ ** 2 / 8) ** sp.Rational(-1, 2)
    assert sp.limit(chi * psi_, psi_, sp.oo) == sp.sqrt(8 / sp.pi)
    assert sp.limit(chi, psi_, 0) == 1



# After every @equation above: the checks, one test an equation
@pytest.mark.parametrize("tag", sorted(EQUATIONS, key=lambda t: [
    int(n) if n.isdigit() else n for n in re.split(r"[.E]", t) if n]))
def test_equation(tag):
    EQUATIONS[tag][1](np.random.default_rng(20261201))  # each check its own generator
