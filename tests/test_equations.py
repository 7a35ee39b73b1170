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
import re
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from chapter_checks import text_lines

from logreg_from_scratch.calibrate import _temperature_derivatives, platt, temperature_cost
from logreg_from_scratch.cost import cross_entropy
from logreg_from_scratch.deskew import deskew, moments
from logreg_from_scratch.gradients import numerical_gradient, propagate, relative_error
from logreg_from_scratch.labels import one_hot
from logreg_from_scratch.metrics import (average_precision, confusion, counts_by_threshold,
                                         expected_calibration_error, precision_recall_f1,
                                         reliability, roc_auc, roc_curve)
from logreg_from_scratch.newton import descent, hessian, newton, newton_step, penalised
from logreg_from_scratch.optimize import gradient_descent, train_softmax
from logreg_from_scratch.predict import predict
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
@equation("1.1", r"X_{i,\,28 r + c} = \text{pixel } (r, c) \text{ of image } i, \qquad "
                 r"y_i \in \{0, 1, \dots, 9\}.")
def _(rng):
    import gzip

    from logreg_from_scratch.idx_data import load_mnist
    X, y_, _, _ = load_mnist(num_train=5, num_test=1, scale=False)
    with gzip.open(ROOT / "data" / "train-images-idx3-ubyte.gz") as file:
        raw = np.frombuffer(file.read(16 + 5 * 784), np.uint8, offset=16).reshape(5, 28, 28)
    for i in range(5):
        for r, col in ((0, 0), (7, 20), (14, 14), (27, 27)):
            assert X[i, 28 * r + col] == raw[i, r, col]
    assert set(np.unique(y_)) <= set(range(10))


# --- Chapter 2 ----------------------------------------------------------------------------
@equation("2.1", r"z = X w + b, \qquad z \in \mathbb{R}^{m},\; X \in \mathbb{R}^{m \times d},"
                 r"\; w \in \mathbb{R}^{d},\; b \in \mathbb{R}.")
def _(rng):
    X, y_, w, b = problem(rng)
    # the logits gradient_descent and predict use are X @ w + b, shape (m,)
    assert np.array_equal(predict(w, b, X), (X @ w + b > 0).astype(int))
    assert (X @ w + b).shape == (40,)


@equation("2.2", r"a = \sigma(z) = \frac{1}{1 + e^{-z}}.")
def _(rng):
    f = sp.lambdify(z, sigma, "mpmath")
    for t in (-30.0, -2.5, 0.0, 1.0, 30.0):
        assert abs(float(sigmoid(t)) - float(f(t))) <= 1e-15 * float(f(t)) + 1e-300


@equation("2.3", r"-\log\bigl(a^{y}(1 - a)^{1 - y}\bigr) = -\bigl(y \log a + (1 - y)\log(1 - a)"
                 r"\bigr)")
def _(rng):
    p = sp.symbols("p", positive=True)  # a, with 1 - a = q > 0
    q = sp.symbols("q", positive=True)
    left = -sp.expand_log(sp.log(p ** y * q ** (1 - y)), force=True)
    assert same(left, -(y * sp.log(p) + (1 - y) * sp.log(q)))
    for label in (0, 1):  # the Bernoulli probability: a for a 1, 1 - a for a 0
        assert (p ** label * q ** (1 - label)) == (p if label else q)


@equation("2.4", r"J(w, b) = -\frac{1}{m} \sum_{i=1}^{m} \bigl(y_i \log a_i + (1 - y_i) "
                 r"\log(1 - a_i)\bigr).")
def _(rng):
    X, y_, w, b = problem(rng)
    zz = X @ w + b
    a = 1 / (1 + np.exp(-zz))
    assert np.isclose(cross_entropy(zz, y_), -np.mean(y_ * np.log(a) + (1 - y_) * np.log(1 - a)),
                      rtol=1e-12)


@equation("2.5", r"\sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr).")
def _(rng):
    assert same(sp.diff(sigma, z), sigma * (1 - sigma))


@equation("2.6", r"\frac{\partial}{\partial z}\Bigl(-y \log a - (1 - y) \log(1 - a)\Bigr) = "
                 r"\Bigl(-\frac{y}{a} + \frac{1 - y}{1 - a}\Bigr)\, a (1 - a) = a - y.")
def _(rng):
    loss = -y * sp.log(sigma) - (1 - y) * sp.log(1 - sigma)
    middle = (-y / sigma + (1 - y) / (1 - sigma)) * sigma * (1 - sigma)
    assert same(sp.diff(loss, z), middle)
    assert same(middle, sigma - y)
    # the text beside it: squared error's slope and its curvature, negative for a 1 at a < 1/3
    squared = (sigma - y) ** 2 / 2
    assert same(sp.diff(squared, z), (sigma - y) * sigma * (1 - sigma))
    curvature = sigma * (1 - sigma) * (sigma * (1 - sigma) + (sigma - y) * (1 - 2 * sigma))
    assert same(sp.diff(squared, z, 2), curvature)
    assert same(curvature.subs(y, 1), sigma * (1 - sigma) ** 2 * (3 * sigma - 1))


@equation("2.7", r"\frac{\partial J}{\partial w_j} = \frac{1}{m} \sum_{i=1}^{m} X_{ij}\,"
                 r"(a_i - y_i), \qquad \frac{\partial J}{\partial b} = \frac{1}{m} "
                 r"\sum_{i=1}^{m} (a_i - y_i).")
def _(rng):
    X, y_, w, b = problem(rng)
    a = sigmoid(X @ w + b)
    loop_dw = [sum(X[i, j] * (a[i] - y_[i]) for i in range(40)) / 40 for j in range(6)]
    loop_db = sum(a[i] - y_[i] for i in range(40)) / 40
    J = lambda v: cross_entropy(X @ v[:-1] + v[-1], y_)  # noqa: E731
    numerical = numerical_gradient(J, np.append(w, b))
    assert np.max(relative_error(np.append(loop_dw, loop_db), numerical)) < 1e-7


@equation("2.8", r"dw = \frac{1}{m} X^\top (a - y), \qquad db = \frac{1}{m} \sum_{i=1}^{m} "
                 r"(a_i - y_i).")
def _(rng):
    X, y_, w, b = problem(rng)
    _, dw, db = propagate(w, b, X, y_)
    a = 1 / (1 + np.exp(-(X @ w + b)))
    assert dw.shape == w.shape and np.allclose(dw, X.T @ (a - y_) / 40, rtol=1e-12, atol=1e-15)
    assert np.isclose(db, np.mean(a - y_), rtol=1e-12)


@equation("2.9", r"\log \sigma(z) = -\log\bigl(1 + e^{-z}\bigr), \qquad \log\bigl(1 - \sigma(z)"
                 r"\bigr) = -\log\bigl(1 + e^{z}\bigr).")
def _(rng):
    assert same(sp.expand_log(sp.log(sigma), force=True), -sp.log(1 + sp.exp(-z)))
    assert same(sp.exp(-sp.log(1 + sp.exp(z))), 1 - sigma)
    for t in (-800.0, -37.0, 0.0, 37.0, 800.0):  # and the package computes them without overflow
        with np.errstate(over="raise", divide="raise", invalid="raise"):
            assert np.isclose(log_sigmoid(t), -np.logaddexp(0, -t), rtol=1e-15)
            assert np.isclose(log_one_minus_sigmoid(t), -np.logaddexp(0, t), rtol=1e-15)


@equation("2.10", r"-y \log \sigma(z) - (1 - y) \log\bigl(1 - \sigma(z)\bigr) = "
                  r"\log\bigl(1 + e^{z}\bigr) - y z.")
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


@equation("2.11", r"w \leftarrow w - \text{rate}\cdot dw, \qquad b \leftarrow b - \text{rate}"
                  r"\cdot db.")
def _(rng):
    X, y_, w, b = problem(rng)
    w1, b1, _ = gradient_descent(w, b, X, y_, 1, 0.3)
    _, dw, db = propagate(w, b, X, y_)
    assert np.allclose(w1, w - 0.3 * dw, rtol=1e-14) and np.isclose(b1, b - 0.3 * db)


# --- Chapter 3 ----------------------------------------------------------------------------
@equation("3.1", r"Z = X W + b, \qquad Z \in \mathbb{R}^{m \times k},\; W \in \mathbb{R}^{d "
                 r"\times k},\; b \in \mathbb{R}^{k},")
def _(rng):
    X, labels, W, b = problem(rng, k=4)
    Z = X @ W + b
    assert Z.shape == (40, 4) and np.allclose(Z[3], [X[3] @ W[:, j] + b[j] for j in range(4)])


@equation("3.2", r"J(W, b) = -\frac{1}{mk} \sum_{i=1}^{m} \sum_{j=1}^{k} \bigl(Y_{ij} \log A_{ij}"
                 r" + (1 - Y_{ij}) \log(1 - A_{ij})\bigr).")
def _(rng):
    X, labels, W, b = problem(rng, k=4)
    Y = one_hot(labels, 4)
    cost, _, _ = propagate(W, b, X, Y)
    A = 1 / (1 + np.exp(-(X @ W + b)))
    assert np.isclose(cost, -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / (40 * 4))
    # which is the mean of the k binary models' costs (2.4)
    assert np.isclose(cost, np.mean([propagate(W[:, j], b[j], X, Y[:, j])[0] for j in range(4)]))


@equation("3.3", r"dW = \frac{1}{m} X^\top (A - Y), \qquad db = \frac{1}{m} \sum_{i=1}^{m} "
                 r"(A_{i\cdot} - Y_{i\cdot}).")
def _(rng):
    X, labels, W, b = problem(rng, k=4)
    Y = one_hot(labels, 4)
    _, dW, db = propagate(W, b, X, Y)
    A = sigmoid(X @ W + b)
    assert np.allclose(dW, X.T @ (A - Y) / 40) and np.allclose(db, (A - Y).mean(axis=0))
    # each column is model j's own gradient: k times that of the mean cost (3.2)
    numerical = numerical_gradient(lambda v: propagate(v.reshape(6, 4), b, X, Y)[0], W)
    assert np.max(relative_error(dW, 4 * numerical)) < 1e-6


@equation("3.4", r"dW' = \frac{1}{255}\, dW, \qquad \frac{\partial^2 J}{\partial w'^2} = "
                 r"\frac{1}{255^2}\, \frac{\partial^2 J}{\partial w^2}.")
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


# --- Chapter 4 ----------------------------------------------------------------------------
@equation("4.1", r"z_j = \sum_{p=1}^{784} x_p W_{pj} + b_j.")
def _(rng):
    x, W, b = rng.random(784), rng.normal(size=(784, 10)), rng.normal(size=10)
    assert np.allclose(x @ W + b, [sum(x[p] * W[p, j] for p in range(784)) + b[j]
                                   for j in range(10)])


@equation("4.2", r"\frac{\partial J}{\partial W_{pj}} = \frac{1}{m} \sum_{i=1}^{m} X_{ip}\,"
                 r"(A_{ij} - Y_{ij}) = 0 \quad\text{when every } X_{ip} = 0,")
def _(rng):
    X, labels, _, _ = problem(rng, k=3)
    X[:, 2] = 0  # pixel 2 blank in every image
    Y = one_hot(labels, 3)
    W, _, _ = gradient_descent(np.zeros((6, 3)), np.zeros(3), X, Y, 25, 0.5)
    assert np.all(W[2] == 0) and np.all(W[[0, 1, 3]] != 0)


# --- Chapter 5 ----------------------------------------------------------------------------
zs = sp.symbols("z1:4", real=True)  # three logits
SOFTMAX = [sp.exp(zj) / sum(sp.exp(zl) for zl in zs) for zj in zs]


@equation("5.1", r"P_{ij} = \operatorname{softmax}(Z)_{ij} = \frac{e^{Z_{ij}}}{\sum_{l=1}^{k} "
                 r"e^{Z_{il}}}.")
def _(rng):
    Z = rng.normal(size=(5, 4)) * 3
    assert np.allclose(softmax(Z), np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True))


@equation("5.2", r"\operatorname{softmax}(z + c\mathbf{1}) = \operatorname{softmax}(z).")
def _(rng):
    for j in range(3):
        shifted = SOFTMAX[j].subs({zl: zl + c for zl in zs}, simultaneous=True)
        assert same(shifted, SOFTMAX[j])
    Z = rng.normal(size=(5, 4))
    assert np.allclose(softmax(Z + 800), softmax(Z))  # and the package computes it shifted


@equation("5.3", r"\log P_{ij} = Z_{ij} - \log \sum_{l=1}^{k} e^{Z_{il}}.")
def _(rng):
    for j in range(3):
        assert same(sp.expand_log(sp.log(SOFTMAX[j]), force=True),
                    zs[j] - sp.log(sum(sp.exp(zl) for zl in zs)))
    Z = rng.normal(size=(5, 4)) * 300
    assert np.allclose(log_softmax(Z), Z - np.logaddexp.reduce(Z, axis=1, keepdims=True))


@equation("5.4", r"J(W, b) = -\frac{1}{m} \sum_{i=1}^{m} \log P_{i y_i} + \frac{\lambda}{2} "
                 r"\lVert W \rVert^2.")
def _(rng):
    X, labels, W, b = problem(rng, k=4)
    P = softmax(X @ W + b)
    cost, _, _ = propagate_softmax(W, b, X, labels, l2=0.3)
    assert np.isclose(cost, -np.mean(np.log(P[np.arange(40), labels])) + 0.15 * np.sum(W ** 2))


@equation("5.5", r"\frac{\partial}{\partial Z_{ij}} \Bigl(-\log P_{i y_i}\Bigr) = P_{ij} - "
                 r"Y_{ij}.")
def _(rng):
    for label in range(3):
        loss = -sp.log(SOFTMAX[label])
        for j in range(3):
            assert same(sp.diff(loss, zs[j]), SOFTMAX[j] - (1 if j == label else 0))


@equation("5.6", r"dW = \frac{1}{m} X^\top (P - Y) + \lambda W, \qquad db = \frac{1}{m} "
                 r"\sum_{i=1}^{m} (P_{i\cdot} - Y_{i\cdot}).")
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


@equation("5.7", r"W \leftarrow W - \text{rate}_t \Bigl(\frac{1}{|B|} X_B^\top (P_B - Y_B) + "
                 r"\lambda W\Bigr),")
def _(rng):
    X, labels, W0, b0 = problem(rng, m=20, k=3)
    # one epoch of one batch, constant rate: exactly one step of (5.7) on the whole batch
    W1, _, _ = train_softmax(W0, b0, X, labels, epochs=1, rate=0.7, batch_size=20, l2=0.1,
                             decay="none", shuffle="batches", rng=np.random.default_rng(0))
    P, Y = softmax(X @ W0 + b0), one_hot(labels, 3)
    assert np.allclose(W1, W0 - 0.7 * (X.T @ (P - Y) / 20 + 0.1 * W0))


# --- Chapter 6 ----------------------------------------------------------------------------

@equation("6.1", r"\mathbb{E}\Bigl[\max_j \hat p_j\Bigr] \geq \max_j \mathbb{E}\bigl[\hat p_j\bigr],")
def _(rng):
    # eight settings with true accuracies within 0.2 points, each measured on 10,000 images:
    # the mean of the best measured score (the winner's) exceeds the best true one
    p = 0.92 + 0.002 * rng.random(8)
    measured = rng.binomial(10000, p, size=(4000, 8)) / 10000
    winner = measured.max(axis=1).mean()
    standard_error = np.sqrt(p.max() * (1 - p.max()) / 10000)
    assert winner >= p.max() + standard_error / 2  # a bias of at least half a standard error
    # while each setting's own mean score is unbiased, within 4 standard errors of that mean
    assert np.allclose(measured.mean(axis=0), p, atol=4 * standard_error / np.sqrt(4000))


@equation("6.2", r"\operatorname{Var}(\hat p) = \frac{p (1 - p)}{n}, \qquad \operatorname{SE}"
                 r"(\hat p) \approx \sqrt{\frac{\hat p (1 - \hat p)}{n}}.")
def _(rng):
    p, n = sp.symbols("p n", positive=True)
    # one Bernoulli r: r^2 = r, so Var = E[r] - E[r]^2; n independent ones, mean divides by n^2
    assert same(n * (p - p ** 2) / n ** 2, p * (1 - p) / n)
    counts = rng.binomial(500, 0.9, size=200000) / 500
    assert abs(counts.var() - 0.9 * 0.1 / 500) < 0.02 * 0.9 * 0.1 / 500


@equation("6.3", r"p_{\pm} = \frac{\hat p + \frac{q^2}{2n} \pm q \sqrt{\frac{\hat p (1 - \hat p)}"
                 r"{n} + \frac{q^2}{4n^2}}}{1 + \frac{q^2}{n}}.")
def _(rng):
    from logreg_from_scratch.uncertainty import wilson_interval
    p_hat, q, n = sp.symbols("phat q n", positive=True)
    root = q * sp.sqrt(p_hat * (1 - p_hat) / n + q ** 2 / (4 * n ** 2))
    for end in ((p_hat + q ** 2 / (2 * n) + root) / (1 + q ** 2 / n),
                (p_hat + q ** 2 / (2 * n) - root) / (1 + q ** 2 / n)):
        # each end solves (p_hat - p)^2 = q^2 p (1 - p) / n, the interval's definition
        assert same((p_hat - end) ** 2 - q ** 2 * end * (1 - end) / n, 0)
    for correct, total in ((9225, 10000), (495, 500), (0, 7)):
        values = {p_hat: sp.Rational(correct, total), q: sp.Float(1.959963984540054), n: total}
        low = float(((p_hat + q ** 2 / (2 * n) - root) / (1 + q ** 2 / n)).subs(values))
        high = float(((p_hat + q ** 2 / (2 * n) + root) / (1 + q ** 2 / n)).subs(values))
        assert np.allclose(wilson_interval(correct, total), (max(low, 0), high), atol=1e-12)


@equation("6.4", r"p = \min\Bigl(1,\; 2 \sum_{i=0}^{\min(n_{AB}, n_{BA})} \binom{n}{i} 2^{-n}"
                 r"\Bigr).")
def _(rng):
    from scipy.stats import binomtest

    from logreg_from_scratch.uncertainty import mcnemar
    for _ in range(20):
        a, b = rng.random(300) < 0.9, rng.random(300) < 0.85
        n_ab, n_ba, p = mcnemar(a, b)
        with np.errstate(divide="ignore"):  # scipy 1.10's own p-value warns for some counts
            reference = binomtest(n_ab, n_ab + n_ba, 0.5).pvalue
        assert np.isclose(p, reference, rtol=1e-9)


@equation("E6.5", r"(1 + t)\, p^2 - (2\hat p + t)\, p + \hat p^2 = 0.")
def _(rng):
    p, p_hat, t = sp.symbols("p phat t", positive=True)
    assert same((1 + t) * p ** 2 - (2 * p_hat + t) * p + p_hat ** 2,
                (p_hat - p) ** 2 - t * p * (1 - p))


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


@equation("7.2", r"\frac{f(x + h) - f(x - h)}{2h} = f^{\prime}(x) + \frac{h^2}{6} "
                 r"f^{\prime\prime\prime}(x) + O(h^4).")
def _(rng):
    g = sum(sp.Symbol(f"c{n}") * x0 ** n for n in range(6))  # any polynomial of degree 5:
    # its Taylor series ends at h^5, so the identity holds with O(h^4) exactly h^4 f^(5) / 120
    central = (g.subs(x0, x0 + h) - g.subs(x0, x0 - h)) / (2 * h)
    assert same(central, sp.diff(g, x0) + h ** 2 / 6 * sp.diff(g, x0, 3)
                + h ** 4 / 120 * sp.diff(g, x0, 5))
    one_sided = (g.subs(x0, x0 + h) - g) / h  # exercise 4: an error of order h
    assert same(one_sided, sum(h ** (n - 1) / sp.factorial(n) * sp.diff(g, x0, n)
                               for n in range(1, 6)))


@equation("7.3", r"\operatorname{err}(a, n) = \frac{|a - n|}{|a| + |n|},")
def _(rng):
    a, n = rng.normal(size=8), rng.normal(size=8)
    assert np.allclose(relative_error(a, n), np.abs(a - n) / (np.abs(a) + np.abs(n)))


@equation("7.4", r"\frac{\partial^2}{\partial z\, \partial z^\top} \Bigl(-\log \operatorname"
                 r"{softmax}(z)_y\Bigr) = \operatorname{diag}(p) - p\, p^\top,")
def _(rng):
    loss = -sp.log(SOFTMAX[1])
    Hz = sp.hessian(loss, zs)
    for i in range(3):
        for j in range(3):
            assert same(Hz[i, j], (SOFTMAX[i] if i == j else 0) - SOFTMAX[i] * SOFTMAX[j])
    p = softmax(rng.normal(size=(1, 6)) * 2)[0]  # a variance: never negative
    assert np.linalg.eigvalsh(np.diag(p) - np.outer(p, p))[0] > -1e-15


@equation("7.5", r"L = \frac{1}{2}\, \lambda_{\max}\bigl(\tilde X^\top \tilde X / m\bigr) + "
                 r"\lambda,")
def _(rng):
    X, labels, _, _ = problem(rng, m=30, d=4, k=3)
    X1 = np.hstack([X, np.ones((30, 1))])
    L = np.linalg.eigvalsh(X1.T @ X1 / 30)[-1] / 2 + 0.1
    for _ in range(5):  # the objective's curvature along random directions stays below L
        W, b = rng.normal(size=(4, 3)) * 2, rng.normal(size=3)
        V = rng.normal(size=(5, 3))
        V /= np.linalg.norm(V)
        J = lambda t: propagate_softmax(W + t * V[:4], b + t * V[4], X, labels, 0.1)[0]  # noqa
        curvature = (J(1e-4) - 2 * J(0) + J(-1e-4)) / 1e-8
        assert curvature <= L * (1 + 1e-4)
    for _ in range(200):  # the bound behind it: variance <= |v|^2 / 2 (exercise 5)
        p, v = softmax(rng.normal(size=(1, 5)) * 3)[0], rng.normal(size=5)
        assert p @ v ** 2 - (p @ v) ** 2 <= v @ v / 2 + 1e-12


@equation("7.6", r"(x - \bar x) W + b = x W + (b - \bar x W),")
def _(rng):
    X, _, W, b = problem(rng, k=3)
    mean = X.mean(axis=0)
    assert np.allclose((X - mean) @ W + b, X @ W + (b - mean @ W))


# --- Chapter 9 ----------------------------------------------------------------------------
def _image_with_line(alpha, r0=10.0, c0=16.0):
    image = np.zeros((28, 28))
    for r in range(4, 24):
        c_exact = c0 + alpha * (r - r0)
        left = int(np.floor(c_exact))
        image[r, left], image[r, left + 1] = left + 1 - c_exact, c_exact - left
    return image.reshape(1, 784)


@equation("9.1", r"\begin{aligned} \bar r &= \sum_{r,c} p\, r, & \bar c &= \sum_{r,c} p\, c, "
                 r"\\ \operatorname{var}_r &= \sum_{r,c} p\, (r - \bar r)^2, & \operatorname{cov}"
                 r" &= \sum_{r,c} p\, (r - \bar r)(c - \bar c). \end{aligned}")
def _(rng):
    X = rng.random((2, 784)) * (rng.random((2, 784)) < 0.2) * 255
    for image, *found in zip(X, *moments(X)):
        p = image.reshape(28, 28) / image.sum()
        r, col = np.mgrid[0:28, 0:28]
        r_bar, c_bar = np.sum(p * r), np.sum(p * col)
        expected = (r_bar, c_bar, np.sum(p * (r - r_bar) ** 2),
                    np.sum(p * (r - r_bar) * (col - c_bar)))
        assert np.allclose(found, expected, rtol=1e-12)


@equation("9.2", r"\alpha = \frac{\operatorname{cov}}{\operatorname{var}_r}.")
def _(rng):
    p_, u, v = (sp.symbols(f"{name}1:4", real=True) for name in "puv")  # u = r - r_bar, v = c - c_bar
    alpha = sp.symbols("alpha", real=True)
    squares = sum(pi * (vi - alpha * ui) ** 2 for pi, ui, vi in zip(p_, u, v))
    [best] = sp.solve(sp.diff(squares, alpha), alpha)
    assert same(best, sum(pi * ui * vi for pi, ui, vi in zip(p_, u, v))
                / sum(pi * ui ** 2 for pi, ui in zip(p_, u)))  # cov / var_r
    assert same(sp.diff(squares, alpha, 2), 2 * sum(pi * ui ** 2 for pi, ui in zip(p_, u)))  # a min
    # and the package's slope of a drawn line is that line's slope
    _, _, var_r, covariance = moments(_image_with_line(0.3))
    assert abs(covariance[0] / var_r[0] - 0.3) < 0.02


@equation("9.3", r"\operatorname{deskewed}(r, c) = x\bigl(r + \bar r - 13.5,\; c + \bar c - 13.5"
                 r" + \alpha (r - 13.5)\bigr).")
def _(rng):
    r, col, r_bar, c_bar, alpha = sp.symbols("r c rbar cbar alpha", real=True)
    read_r, read_c = r + r_bar - sp.Rational(27, 2), col + c_bar - sp.Rational(27, 2) + alpha * (
        r - sp.Rational(27, 2))
    on_line = sp.solve(sp.Eq(read_c - c_bar, alpha * (read_r - r_bar)), col)
    assert on_line == [sp.Rational(27, 2)]  # the slanted line is read into column 13.5
    deskewed = deskew(_image_with_line(0.4))
    r_bar2, c_bar2, _, covariance = moments(deskewed)
    assert abs(r_bar2[0] - 13.5) < 0.05 and abs(c_bar2[0] - 13.5) < 0.05
    assert abs(covariance[0]) < 0.05 * abs(moments(_image_with_line(0.4))[3][0])


# --- Chapter 10 ----------------------------------------------------------------------------
@equation("10.1", r"J_\lambda(\theta) = J(w, b) + \frac{\lambda}{2} \lVert w \rVert^2, \qquad g = "
                 r"\nabla J_\lambda = \frac{1}{m} \tilde X^\top (a - y) + \lambda \begin{pmatrix}"
                 r" w \\ 0 \end{pmatrix}.")
def _(rng):
    X, y_, w, b = problem(rng, m=50, d=5)
    J, dw, db = penalised(w, b, X, y_, 0.3)
    assert np.isclose(J, propagate(w, b, X, y_)[0] + 0.15 * w @ w)
    X1 = np.hstack([X, np.ones((50, 1))])
    g = X1.T @ (sigmoid(X @ w + b) - y_) / 50 + 0.3 * np.append(w, 0)
    assert np.allclose(np.append(dw, db), g)


@equation("10.2", r"H = \nabla^2 J_\lambda = \frac{1}{m} \tilde X^\top \operatorname{diag}\bigl(a "
                 r"(1 - a)\bigr) \tilde X + \lambda \operatorname{diag}(1, \dots, 1, 0).")
def _(rng):
    X, y_, w, b = problem(rng, m=50, d=5)
    H = hessian(w, b, X, 0.3)
    gradient = lambda t: np.append(*penalised(t[:-1], t[-1], X, y_, 0.3)[1:])  # noqa: E731
    theta = np.append(w, b)
    numerical = np.array([(gradient(theta + 1e-5 * e) - gradient(theta - 1e-5 * e)) / 2e-5
                          for e in np.eye(6)])
    assert np.allclose(H, numerical, atol=1e-8)
    assert same(sp.diff(sigma, z, 1), sigma * (1 - sigma))  # da/dz, by (2.5)


@equation("10.3", r"v^\top H v = \frac{1}{m} \sum_{i=1}^{m} a_i (1 - a_i)\, (\tilde x_i \cdot v)^2"
                 r" + \lambda \lVert v_w \rVert^2 \geq 0.")
def _(rng):
    X, y_, w, b = problem(rng, m=50, d=5)
    a = sigmoid(X @ w + b)
    X1 = np.hstack([X, np.ones((50, 1))])
    for lam in (0.0, 0.3):
        H = hessian(w, b, X, lam)
        for v in rng.normal(size=(5, 6)):
            quadratic = np.mean(a * (1 - a) * (X1 @ v) ** 2) + lam * v[:-1] @ v[:-1]
            assert np.isclose(v @ H @ v, quadratic) and quadratic >= 0
    X[:, 1] = 0  # a pixel blank everywhere: without l2, H is singular along it
    assert abs(np.eye(6)[1] @ hessian(w, b, X, 0.0) @ np.eye(6)[1]) == 0
    assert np.linalg.eigvalsh(hessian(w, b, X, 0.3))[0] > 0  # with l2: positive definite


@equation("10.4", r"J_\lambda(\theta + \delta) \approx J_\lambda(\theta) + g^\top \delta + "
                 r"\frac12 \delta^\top H \delta, \qquad H \delta = -g, \qquad \theta \leftarrow "
                 r"\theta + \delta.")
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
    assert np.allclose(np.append(w1, b1), np.append(w, b) - np.linalg.solve(
        hessian(w, b, X, 0.3), g_))


@equation("10.5", r"\lVert e_{t+1} \rVert \leq \frac{M}{2\mu} \lVert e_t \rVert^2.")
def _(rng):
    X, y_, _, _ = problem(rng, m=200, d=4)
    w, b, thetas = np.zeros(4), 0.0, []
    for _ in range(12):
        thetas.append(np.append(w, b))
        w, b = newton_step(w, b, X, y_, 0.1)
    errors = [np.linalg.norm(t - thetas[-1]) for t in thetas[:-1]]
    ratios = [e1 / e0 ** 2 for e0, e1 in zip(errors, errors[1:]) if 1e-12 < e1 and e0 < 0.5]
    assert len(ratios) >= 2 and max(ratios) < 10  # the error squares: e_{t+1} <= C e_t^2

@equation("10.6", r"\begin{aligned} & e_{t+1} \approx (I - \eta H^*)\, e_t, \qquad \kappa = "
                 r"\frac{h_{\max}}{h_{\min}}, \\ & \min_\eta \max_{h} \lvert 1 - \eta h \rvert = "
                 r"\frac{\kappa - 1}{\kappa + 1} \ \text{ at } \ \eta = \frac{2}{h_{\max} + "
                 r"h_{\min}}. \end{aligned}")
def _(rng):
    lo, hi = sp.symbols("h_min h_max", positive=True)
    best, kappa = 2 / (lo + hi), hi / lo
    assert same(1 - best * lo, (kappa - 1) / (kappa + 1))   # the flattest direction's factor
    assert same(best * hi - 1, (kappa - 1) / (kappa + 1))   # equals the steepest's, reversed
    h = np.array([0.01, 0.2, 0.9])                           # and no rate does better
    rates = np.linspace(0.01, 2 / h[-1], 2001)
    worst = np.abs(1 - rates[:, None] * h).max(axis=1)
    assert abs(rates[worst.argmin()] - 2 / (h[0] + h[-1])) < 2e-3
    assert np.isclose(worst.min(), (90 - 1) / (90 + 1), atol=1e-3)
    # near the package's minimum, one step of descent multiplies the error by I - eta H*
    X, y_, _, _ = problem(rng, m=200, d=4)
    w, b, _ = newton(np.zeros(4), 0.0, X, y_, l2=0.1, iterations=30, tol=1e-14)
    H, theta, eta = hessian(w, b, X, 0.1), np.append(w, b), 0.7
    e = 1e-5 * rng.normal(size=5)
    path = descent(w + e[:-1], b + e[-1], X, y_, l2=0.1, rate=eta)
    next(path)
    _, _, w1, b1 = next(path)
    assert np.allclose(np.append(w1, b1) - theta, (np.eye(5) - eta * H) @ e, rtol=0, atol=1e-9)


@equation("10.7", r"J_\lambda(\theta - t g) \leq J_\lambda(\theta) - \frac{t}{2} \lVert g \rVert^2,"
                 r" \qquad \text{true for every } t \leq \frac{1}{L}.")
def _(rng):
    t, L_, g2 = sp.symbols("t L g2", positive=True)
    taylor_bound = -t * g2 + L_ * t ** 2 / 2 * g2             # J(theta - t g) - J(theta) <= this
    assert sp.solve(sp.Le(taylor_bound, -t / 2 * g2), t) == sp.Le(t, 1 / L_)
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
        step = (w - w_new)[0] / dw[0]                          # theta_new = theta - t g
        assert np.allclose(np.append(w - w_new, b - b_new), step * np.append(dw, db))
        assert J_new <= J - step / 2 * (dw @ dw + db * db) + 1e-15


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


@equation("11.2", r"F_1 = \frac{2\, \text{precision} \cdot \text{recall}}{\text{precision} + "
                  r"\text{recall}} = \frac{2\, TP}{2\, TP + FP + FN}.")
def _(rng):
    tp, fp, fn = sp.symbols("TP FP FN", positive=True)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert same(2 * precision * recall / (precision + recall), 2 * tp / (2 * tp + fp + fn))
    y_ = rng.integers(0, 2, size=200)
    y_pred = np.where(rng.random(200) < 0.8, y_, 1 - y_)
    (_, fp_), (fn_, tp_) = confusion(y_pred, y_)
    assert np.isclose(precision_recall_f1(y_pred, y_)[2], 2 * tp_ / (2 * tp_ + fp_ + fn_))


@equation("11.3", r"TP_n = \sum_{i=1}^{n} y_{(i)}, \qquad FP_n = n - TP_n.")
def _(rng):
    scores, y_ = _scores(rng)
    thresholds, tp, fp = counts_by_threshold(scores, y_)
    assert [(t, int(a), int(b)) for t, a, b in zip(thresholds, tp, fp)] == _counts_by_loop(
        scores, y_)


@equation("11.4", r"\text{TPR}_n = \frac{TP_n}{n_1}, \qquad \text{FPR}_n = \frac{FP_n}{n_0},")
def _(rng):
    scores, y_ = _scores(rng)
    fpr, tpr, _ = roc_curve(scores, y_)
    rows = _counts_by_loop(scores, y_)
    P, N = y_.sum(), len(y_) - y_.sum()
    assert np.allclose(tpr, [0] + [tp / P for _, tp, _ in rows])
    assert np.allclose(fpr, [0] + [fp / N for _, _, fp in rows])


@equation("11.5", r"\text{AUC} = \frac{1}{n_1 n_0} \sum_{i:\, y_i = 1} \sum_{j:\, y_j = 0} "
                  r"\Bigl([z_i > z_j] + \tfrac12 [z_i = z_j]\Bigr),")
def _(rng):
    for m in (2, 7, 60, 300):  # the trapezoid area under (11.4)'s points is the pair count
        scores, y_ = _scores(rng, m)
        pairs = [(s_i > s_j) + 0.5 * (s_i == s_j) for s_i in scores[y_ == 1]
                 for s_j in scores[y_ == 0]]
        assert np.isclose(roc_auc(scores, y_), np.mean(pairs))


@equation("11.6", r"\text{AP} = \sum_{n} (\text{rec}_n - \text{rec}_{n-1})\, \text{prec}_n.")
def _(rng):
    scores, y_ = _scores(rng)
    rows, P = _counts_by_loop(scores, y_), y_.sum()
    recalls = [0.0] + [tp / P for _, tp, _ in rows]
    precisions = [tp / (tp + fp) for _, tp, fp in rows]
    assert np.isclose(average_precision(scores, y_),
                      sum((r1 - r0) * p_ for r0, r1, p_ in zip(recalls, recalls[1:], precisions)))


@equation("11.7", r"\Pr(y = 1 \mid a = p) = p \quad \text{for every } p.")
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


@equation("11.8", r"\text{confidence}(B) = \frac{1}{|B|} \sum_{i \in B} a_i, \qquad "
                  r"\text{frequency}(B) = \frac{1}{|B|} \sum_{i \in B} y_i.")
def _(rng):
    a = np.r_[0.0, 1.0, rng.random(300)]
    labels = rng.integers(0, 2, size=len(a))
    bins = reliability(a, labels, 10)
    rows = []
    for i in range(10):
        inside = [j for j, p_ in enumerate(a) if i / 10 < p_ <= (i + 1) / 10 or (i == 0 and p_ == 0)]
        if inside:
            rows.append((len(inside), np.mean(a[inside]), np.mean(labels[inside])))
    assert np.allclose(np.array(rows).T, [bins.count, bins.confidence, bins.frequency])


@equation("11.9", r"\text{ECE} = \sum_{B} \frac{|B|}{m}\, \bigl|\text{frequency}(B) - "
                  r"\text{confidence}(B)\bigr|.")
def _(rng):
    a = rng.random(500) ** 2
    labels = (rng.random(500) < a).astype(int)
    bins = reliability(a, labels, 10)
    total = sum(n / 500 * abs(f - c_) for n, f, c_ in zip(bins.count, bins.frequency,
                                                           bins.confidence))
    assert np.isclose(expected_calibration_error(a, labels, 10), total)


@equation("11.10", r"L(q) = -p \log q - (1 - p) \log (1 - q), \qquad L'(q) = \frac{q - p}{q (1 - q)},")
def _(rng):
    p, q = sp.symbols("p q", positive=True)
    L = -p * sp.log(q) - (1 - p) * sp.log(1 - q)
    assert same(sp.diff(L, q), (q - p) / (q * (1 - q)))
    assert sp.solve(sp.diff(L, q), q) == [p]  # the one stationary point, the honest q = p
    assert same(sp.diff(L, q, 2), p / q ** 2 + (1 - p) / (1 - q) ** 2)  # > 0: a minimum


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


@equation("11.12", r"P = \operatorname{softmax}(Z / T), \qquad J(s) = \frac{1}{m} \sum_{i=1}^{m} "
                   r"\Bigl(\log \sum_{j=1}^{k} e^{s Z_{ij}} - s Z_{i y_i}\Bigr), \quad "
                   r"s = \frac{1}{T}.")
def _(rng):
    Z, labels = rng.normal(size=(50, 4)) * 3, rng.integers(0, 4, size=50)
    for T in (0.5, 1.0, 2.5):
        s_ = 1 / T
        J = np.mean([np.log(np.sum(np.exp(s_ * row))) - s_ * row[label]
                     for row, label in zip(Z, labels)])
        assert np.isclose(temperature_cost(Z, labels, T), J)
        assert np.isclose(J, -np.mean(np.log(softmax(Z / T)[np.arange(50), labels])))


@equation("11.13", r"\begin{aligned} J'(s) &= \frac{1}{m} \sum_{i=1}^{m} \sum_{j=1}^{k} (P_{ij} - "
                   r"Y_{ij})\, Z_{ij}, \\ J''(s) &= \frac{1}{m} \sum_{i=1}^{m} \Bigl(\sum_{j} "
                   r"P_{ij} Z_{ij}^2 - \bigl(\sum_{j} P_{ij} Z_{ij}\bigr)^2\Bigr). \end{aligned}")
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


# --- The pen-and-paper answers (exercises/DERIVATIONS.md) --------------------------------
@equation("E2.4", r"\sigma(-z) = 1 - \sigma(z).")
def _(rng):
    assert same(sigma.subs(z, -z), 1 - sigma)


@equation("E5.6", r"\frac{\partial p_j}{\partial z_l} = p_j (\delta_{jl} - p_l).")
def _(rng):
    for j in range(3):
        for l in range(3):
            assert same(sp.diff(SOFTMAX[j], zs[l]), SOFTMAX[j] * (int(j == l) - SOFTMAX[l]))


@equation("E5.7", r"\frac{e^{z_1}}{e^{z_1} + e^{z_2}} = \frac{1}{1 + e^{-(z_1 - z_2)}} = "
                  r"\sigma(z_1 - z_2).")
def _(rng):
    z1, z2 = zs[:2]
    two = sp.exp(z1) / (sp.exp(z1) + sp.exp(z2))
    assert same(two, 1 / (1 + sp.exp(-(z1 - z2))))
    assert same(two, sigma.subs(z, z1 - z2))
    assert same(sp.diff(-sp.log(two), z1), sigma.subs(z, z1 - z2) - 1)  # a - y for y = 1


@equation("E7.5", r"\sum_j p_j v_j^2 - \Bigl(\sum_j p_j v_j\Bigr)^2 \leq \frac{1}{2} \lVert v "
                  r"\rVert^2.")
def _(rng):
    for _ in range(500):
        p = softmax(rng.normal(size=(1, 6)) * 4)[0]
        v = rng.normal(size=6)
        assert p @ v ** 2 - (p @ v) ** 2 <= v @ v / 2 * (1 + 1e-12)
    p, v = np.array([0.5, 0.5]), np.array([1.0, -1.0])  # the bound is reached
    assert np.isclose(p @ v ** 2 - (p @ v) ** 2, v @ v / 2)


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


@equation("E10.5", r"\theta_1 = \theta_0 - A^{-1}(A \theta_0 - c) = A^{-1} c,")
def _(rng):
    A = sp.Matrix([[2, 1, 0], [1, 3, 1], [0, 1, 4]])
    cc, start = sp.Matrix([1, -1, 2]), sp.Matrix(sp.symbols("t1:4", real=True))
    landed = start - A.inv() * (A * start - cc)
    assert sp.simplify(landed - A.inv() * cc) == sp.zeros(3, 1)
    assert sp.simplify(A * landed - cc) == sp.zeros(3, 1)  # where the gradient is 0



@equation("E11.5", r"\frac{r_0}{n_0} \Bigl(\text{TPR} + \frac{r_1}{2 n_1}\Bigr) = \frac{1}{n_1 n_0} "
                   r"\sum_{j \in \text{run},\, y_j = 0} \Bigl(\#\{i: y_i = 1,\ z_i > z_j\} + "
                   r"\tfrac12\, \#\{i: y_i = 1,\ z_i = z_j\}\Bigr),")
def _(rng):
    scores, y_ = _scores(rng, 80)
    fpr, tpr, thresholds = roc_curve(scores, y_)
    P, N = y_.sum(), len(y_) - y_.sum()
    for n, t in enumerate(thresholds[1:], 1):  # each run of ties: its trapezoid, its pairs
        run = scores == t
        p_, q_ = int(y_[run].sum()), int(run.sum() - y_[run].sum())
        area = q_ / N * (tpr[n - 1] + p_ / (2 * P))
        pairs = sum(np.sum(scores[y_ == 1] > s_j) + 0.5 * np.sum(scores[y_ == 1] == s_j)
                    for s_j in scores[run & (y_ == 0)]) / (P * N)
        assert np.isclose(area, (fpr[n] - fpr[n - 1]) * (tpr[n] + tpr[n - 1]) / 2)
        assert np.isclose(area, pairs)


@equation("E11.6", r"B(q) = p (q - 1)^2 + (1 - p) q^2 = (q - p)^2 + p (1 - p),")
def _(rng):
    p, q = sp.symbols("p q", real=True)
    B = p * (q - 1) ** 2 + (1 - p) * q ** 2
    assert same(B, (q - p) ** 2 + p * (1 - p))
    assert sp.solve(sp.diff(B, q), q) == [p]
    absolute = p * (1 - q) + (1 - p) * q  # the absolute error: a line in q, least at an end
    assert same(sp.diff(absolute, q), 1 - 2 * p)


@equation("E11.7", r"\frac{d}{ds} \sum_j P_j Z_j = \sum_j P_j Z_j^2 - \Bigl(\sum_j P_j "
                   r"Z_j\Bigr)^2,")
def _(rng):
    s_ = sp.symbols("s", real=True)
    row = sp.symbols("Z1:4", real=True)
    P = [sp.exp(s_ * zj) / sum(sp.exp(s_ * zl) for zl in row) for zj in row]
    mean = sum(pj * zj for pj, zj in zip(P, row))
    assert same(sp.diff(mean, s_), sum(pj * zj ** 2 for pj, zj in zip(P, row)) - mean ** 2)


# After every @equation above: the checks, one test an equation
@pytest.mark.parametrize("tag", sorted(EQUATIONS, key=lambda t: [
    int(n) if n.isdigit() else n for n in re.split(r"[.E]", t) if n]))
def test_equation(tag):
    EQUATIONS[tag][1](np.random.default_rng(20261201))  # each check its own generator
