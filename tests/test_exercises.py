"""The exercises and their grader.

The package passes every property the grader checks students by (the same
code), another correct formulation of each step passes too, and a gallery
of the mistakes students make fails, each with its own verdict line.
"""
import inspect
import re
import textwrap

import pytest

from logreg_from_scratch.chapter import blas_kernel
from logreg_from_scratch.exercises import EXERCISES
from logreg_from_scratch.exercises.answers import ROUNDING_SENSITIVE
from logreg_from_scratch.exercises.__main__ import EXERCISES_DIR, main
from logreg_from_scratch.exercises.files import (FILES, alone, exercise_functions, grade, load,
                                                 source)
from logreg_from_scratch.exercises.grader import first_failure, judge

PROPERTIES = [(name, prop) for name, (_, props) in EXERCISES.items() for prop in props]

IMPORTS = """
import numpy as np
from scipy.special import logsumexp
from scipy import ndimage
from logreg_from_scratch.calibrate import temperature_cost
from logreg_from_scratch.cost import cross_entropy
from logreg_from_scratch.deskew import moments as package_moments
from logreg_from_scratch.gradients import propagate as package_propagate
from logreg_from_scratch.labels import one_hot
from logreg_from_scratch.sigmoid import log_one_minus_sigmoid, log_sigmoid
from logreg_from_scratch.sigmoid import sigmoid as package_sigmoid
from logreg_from_scratch.softmax import log_softmax as package_log_softmax
from logreg_from_scratch.softmax import softmax as package_softmax
"""


def graded(tmp_path, code, name="student.py"):
    """The verdict lines for a student's file holding `code`."""
    path = tmp_path / name
    path.write_text(IMPORTS + textwrap.dedent(code))
    results = grade(path)
    return [result.line for result in results], all(result.passed for result in results)


@pytest.mark.slow  # tests/conftest.py: the quick loop leaves it out
@pytest.mark.parametrize("name, prop", PROPERTIES,
                         ids=[f"{name}-{i}" for i, (name, _) in enumerate(PROPERTIES)])
def test_the_package_has_every_property_it_grades_students_by(name, prop):
    assert first_failure(EXERCISES[name][0], prop) is None


def test_the_exercise_files_are_made_from_the_package():
    for number, (file, *_) in enumerate(FILES, 1):
        assert (EXERCISES_DIR / file).read_text() == source(number), (
            f"exercises/{file} is out of date: python -m logreg_from_scratch.exercises new")


@pytest.mark.slow  # tests/conftest.py: the quick loop leaves it out
def test_fresh_exercises_are_each_not_started(capsys):
    code = main(["check"])
    out = capsys.readouterr().out.splitlines()
    assert code == 1, "\n".join(out)
    verdicts = [line.strip() for line in out if line.startswith("  ")]
    assert verdicts == [f"{name}: NOT STARTED (it still raises NotImplementedError)"
                        for name in EXERCISES], "\n".join(out)
    assert [line for line in out if not line.startswith("  ")] == [
        f"exercises/{file}" for file, *_ in FILES]




def test_other_correct_formulations_pass_and_the_command_says_so(other_correct):
    out = other_correct.splitlines()  # the command's exit code was 0 (conftest.finished)
    assert out[0] == "tests/other_correct.py"
    assert [line.strip().split(":")[0] for line in out[1:]] == list(EXERCISES)
    assert all(": PASS (" in line for line in out[1:]), "\n".join(out)
    assert all("up to 50 inputs each" in line for line in out[1:])  # --examples 50


# The gallery of mistakes: (function, its wrong body, what its verdict line must say)
WARNED = "warned RuntimeWarning: "
MISTAKES = [
    ("sigmoid", "return 1 / (1 + np.exp(-z))",
     r"no warning .*: sigmoid\(-7\d\d\.0\) " + WARNED + "overflow encountered in exp. "
     r"Hint: np.exp\(-z\) overflows for z < -709\.78 \(709\.78 is the log of the largest "
     r"float\): compute only e\^\(-\|z\|\)"),
    ("sigmoid", "return np.exp(z) / (1 + np.exp(z))",
     r"no warning .*: sigmoid\(7\d\d\.0\) " + WARNED + "overflow encountered in exp"),
    ("sigmoid", "e = np.exp(-np.abs(z)); return 1 / (1 + e)",  # the branch for z < 0 forgotten
     r"agrees with scipy.special.expit \(absolute error <= 1e-15\) .*: sigmoid\((array\()?-\d"
     r"[^)]*\)\)? returned .*, expected .*Hint: a = 1 / \(1 \+ e\^\(-z\)\) for z >= 0"),
    ("sigmoid", "z = np.asarray(z); z *= -1; return package_sigmoid(-z)",
     r"changed its argument .* Hint: work on new arrays"),
    ("log_sigmoid", "return np.log(package_sigmoid(z))",
     r"no warning .*: log_sigmoid\(-7\d\d\.0\) " + WARNED + "divide by zero encountered "
     r"in log. Hint: log\(sigmoid\(z\)\) is log\(0\)"),
    ("log_sigmoid", "return -np.log(1 + np.exp(-z))",
     r"no warning .*: log_sigmoid\(-7\d\d\.0\) " + WARNED + "overflow encountered in exp"),
    ("log_sigmoid", "return -np.log1p(np.exp(-np.abs(z)))",
     r"agrees with scipy.special.log_expit .*: log_sigmoid\(-\d+\.\d*\) returned .*"
     r"Hint: log sigma\(z\) = -log\(1 \+ e\^\(-z\)\)"),
    ("log_sigmoid", "return np.logaddexp(0, -z)",
     r"agrees with scipy.special.log_expit .*: log_sigmoid\(0\.0\) returned 0.69314718"
     r"05599453, expected -0.6931471805599453"),
    ("log_one_minus_sigmoid", "return np.log(1 - package_sigmoid(z))",
     r"no warning .*: log_one_minus_sigmoid\(3\d\.0\) " + WARNED + "divide by zero "
     r"encountered in log. Hint: 1 - sigmoid\(z\) rounds to 0 for z > 37"),
    ("log_one_minus_sigmoid", "return -np.logaddexp(0, -z)",
     r"agrees with scipy.special.log_expit\(-z\) .* returned .*Hint: log\(1 - sigma\(z\)\)"),
    ("log_one_minus_sigmoid", "return np.log1p(-package_sigmoid(z))",
     r"no warning .* " + WARNED + "divide by zero encountered in log1p"),
    ("cross_entropy",
     "a = np.clip(package_sigmoid(z), 1e-15, 1 - 1e-15)\n"
     "    return float(-np.mean(y * np.log(a) + (1 - y) * np.log(1 - a), axis=0).sum())",
     r"agrees with -\(y log_expit\(z\) .*: cross_entropy\(array\(\[-?\d+\.\d*\]\), array\(\[[01]\.\]"
     r"\)\) returned .*Hint: compute the cost from z.*a clipped log caps"),
    ("cross_entropy", "return float(-np.sum(y * log_sigmoid(z) + (1 - y) * log_one_minus_sigmoid(z)))",
     r"is log 2 at z = 0 .*: cross_entropy\(array\(\[0\., 0\.\]\), array\(\[[01]\., [01]\.\]\)\) "
     r"returned 1.3862943611198906, expected 0.6931471805599453 = log 2"),
    ("cross_entropy", "return float(np.mean(y * log_sigmoid(z) + (1 - y) * log_one_minus_sigmoid(z)))",
     r"is log 2 at z = 0 .* returned -0.6931471805599453, expected 0.6931471805599453 .*"
     r"with the minus sign"),
    ("cross_entropy",  # k models: the mean of all m k losses, not the sum of the k costs (3.2)
     "return float(-np.mean(y * log_sigmoid(z) + (1 - y) * log_one_minus_sigmoid(z)))",
     r"is log 2 at z = 0 .*: cross_entropy\(array\(\[\[0\., 0\.\].*\)\) returned "
     r"0\.6931471805599453, expected 1\.3862943611198906 = 2 log 2 .*Hint: .*for k models "
     r"\(z of shape \(m, k\)\) the sum of the k models' costs"),
    ("cross_entropy",  # 1 - a cancels for large z, or its log is log 0
     "a = package_sigmoid(z)\n"
     "    return float(-np.mean(y * np.log(a) + (1 - y) * np.log(1 - a), axis=0).sum())",
     r"agrees with -\(y log_expit.*: cross_entropy\(array\(\[\d+\.\d*\]\), array\(\[0\.\]\)\) "
     r"(returned .*Hint: compute the cost from z|" + WARNED + r"divide by zero.*is log\(0\))"),
    ("propagate",
     "m = X.shape[0]; a = package_sigmoid(X @ w + b)\n"
     "    return cross_entropy(X @ w + b, y), X @ (a - y) / m, np.mean(a - y, axis=0)",
     r"returns the cost .*raised ValueError: matmul.*Hint: dw = X.T @ \(a - y\) / m: X.T is "
     r"\(d, m\)"),
    ("propagate",
     "a = package_sigmoid(X @ w + b)\n"
     "    return cross_entropy(X @ w + b, y), X.T @ (a - y), np.mean(a - y, axis=0)",
     r"returns the cost .* dw returned .*, expected .* by central differences .*Hint: with a ="),
    ("propagate",
     "m = X.shape[0]; a = package_sigmoid(X @ w + b)\n"
     "    return cross_entropy(X @ w + b, y), X.T @ (a - y) / m, np.sum(a - y, axis=0)",
     r"returns the cost .* db returned .*, expected .* by central differences"),
    ("propagate",
     "m = X.shape[0]; a = package_sigmoid(X @ w + b)\n"
     "    return cross_entropy(X @ w + b, y), X.T @ (a - y) / m, np.mean(a - y)",
     r" db returned -?\d\.\d+, expected array\(\[.*\]\) .*Hint: dw has w's shape and db b's"),
    ("gradient_descent",
     "costs = []\n    for i in range(num_iterations):\n"
     "        cost, dw, db = package_propagate(w, b, X, y)\n"
     "        w -= rate * dw\n        b = b - rate * db\n        costs.append(cost)\n"
     "    return w, b, np.array(costs)",
     r"changed its argument array\(\[0\.\]\) into array\(\[-?0\.\d+\]\). Hint: work on new arrays"),
    ("gradient_descent",
     "costs = []\n    for i in range(num_iterations):\n"
     "        cost, dw, db = package_propagate(w, b, X, y)\n"
     "        w, b = w - rate * dw, b - rate * db\n"
     "        costs.append(package_propagate(w, b, X, y)[0])\n"
     "    return w, b, np.array(costs)",
     r" costs returned array\(\[.*\]\), expected array\(\[0.6931471805599453.*\]\), each "
     r"computed before its iteration's update. Hint: .*costs\[0\] is the starting cost"),
    ("gradient_descent",
     "costs = []\n    for i in range(num_iterations):\n"
     "        cost, dw, db = package_propagate(w, b, X, y)\n"
     "        w, b = w + rate * dw, b + rate * db\n        costs.append(cost)\n"
     "    return w, b, np.array(costs)",
     r" (w|b) returned .*, expected .* after (w|b) <- (w|b) - rate d(w|b) each iteration"),
    ("predict", "return (package_sigmoid(X @ w + b) >= 0.5).astype(int)",
     r"is 1 exactly when z > 0.*: predict\(array\(\[0\.\]\), -?(0\.0|\de-\d+), array\(\[\[1\.\]\]\)\) "
     r"returned array\(\[1\]\), expected array\(\[0\]\) .*Hint: sigma\(z\) rounds to exactly 0.5"),
    ("predict", "return (package_sigmoid(X @ w + b) > 0.5).astype(int)",
     r"is 1 exactly when z > 0.* returned array\(\[0\]\), expected array\(\[1\]\)"),
    ("predict", "return X @ w + b > 0",
     r"returned array\(\[ ?True\]\), expected an integer array of 0/1 labels. Hint: return "
     "integer labels"),
    ("predict", "z = X @ w + b\n    return (z > 0).astype(int) if w.ndim == 1 else np.argmax(z, axis=0)",
     r"gives 0/1 for one model and argmax_j a_j for k models: .* returned array\(\[.*\]\), "
     r"expected array\(\[.*\]\)"),
    ("softmax", "e = np.exp(Z)\n    return e / e.sum(axis=1, keepdims=True)",
     WARNED + r"overflow encountered in (exp|reduce)\. Hint: e\^Z overflows once Z > 709\.78: "
     r"subtract each "
     "row's maximum first"),
    ("softmax", "e = np.exp(Z - Z.max(axis=1, keepdims=True))\n"
     "    return e / e.sum(axis=0, keepdims=True)",
     r"returned array\(\[\[.*\]\]\), expected .*Hint: each row is one image's k scores: normalise "
     r"over axis=1"),
    ("softmax", "e = np.exp(Z - Z.max())\n    return e / e.sum(axis=1, keepdims=True)",
     WARNED + r"invalid value encountered in divide. Hint: e\^Z overflows"),
    ("log_softmax", "return np.log(package_softmax(Z))",
     r"agrees with scipy.special.log_softmax.*: log_softmax\(array\(\[\[.*\]\]\)\) "
     r"(returned|warned)"),
    ("log_softmax", "return Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))",
     WARNED + r"overflow encountered in (exp|reduce)"),  # NumPy 1.24 warns in the sum
    ("log_softmax", "S = Z - Z.max(axis=1, keepdims=True)\n"
     "    return S - np.log(np.exp(S).sum(axis=0, keepdims=True))",
     r"returned array\(\[\[.*\]\]\), expected .*Hint: log P = \(Z - max\) - log sum_j"),
    ("propagate_softmax",
     "m, k = X.shape[0], W.shape[1]; Z = X @ W + b; P = package_softmax(Z)\n"
     "    cost = -package_log_softmax(Z)[np.arange(m), y].mean() + l2 / 2 * np.sum(W * W)\n"
     "    return cost, X.T @ (P - one_hot(y, k)) / m, (P - one_hot(y, k)).mean(axis=0)",
     r"returns the penalised cost .* dW returned .*, expected .* by central differences .*"
     r"Hint: dW = X.T @ \(P - Y\) / m \+ l2 \* W"),
    ("propagate_softmax",
     "m, k = X.shape[0], W.shape[1]; Z = X @ W + b; P = package_softmax(Z)\n"
     "    cost = -package_log_softmax(Z)[np.arange(m), y].mean() + l2 / 2 * np.sum(W * W)\n"
     "    dZ = P - one_hot(y, k)\n"
     "    return cost, X.T @ dZ / m + l2 * W, dZ.mean(axis=0) + l2 * b",
     r" db returned .*, expected .* by central differences .*not on b"),
    ("propagate_softmax",
     "m, k = X.shape[0], W.shape[1]; Z = X @ W + b; P = package_softmax(Z)\n"
     "    cost = -package_log_softmax(Z)[np.arange(m), y].sum() + l2 / 2 * np.sum(W * W)\n"
     "    dZ = P - one_hot(y, k)\n"
     "    return cost, X.T @ dZ / m + l2 * W, dZ.mean(axis=0)",
     r"costs log k at W = 0, b = 0 .* cost returned 1.3862943611198906, expected "
     r"0.6931471805599453 = log k"),
    ("moments",  # every inked pixel counted once, whatever its ink
     "images = X.reshape(-1, 28, 28)\n"
     "    r, c = np.meshgrid(np.arange(28.0), np.arange(28.0), indexing='ij')\n"
     "    p = (images > 0).astype(float); p = p / p.sum(axis=(1, 2))[:, None, None]\n"
     "    r_bar, c_bar = (p * r).sum(axis=(1, 2)), (p * c).sum(axis=(1, 2))\n"
     "    var_r = (p * (r - r_bar[:, None, None]) ** 2).sum(axis=(1, 2))\n"
     "    cov = (p * (r - r_bar[:, None, None]) * (c - c_bar[:, None, None])).sum(axis=(1, 2))\n"
     "    return r_bar, c_bar, var_r, cov",
     r"agrees with the sums over the pixels .*: moments\(.*\) (u_bar|v_bar|var_u|cov) returned "
     r".*Hint: rho = x / x.sum\(\) per image"),
    ("moments",  # the variance about 0, not about r_bar
     "images = X.reshape(-1, 28, 28)\n"
     "    r, c = np.meshgrid(np.arange(28.0), np.arange(28.0), indexing='ij')\n"
     "    p = images; p = p / p.sum(axis=(1, 2))[:, None, None]\n"
     "    r_bar, c_bar = (p * r).sum(axis=(1, 2)), (p * c).sum(axis=(1, 2))\n"
     "    var_r = (p * (r - 0) ** 2).sum(axis=(1, 2))\n"
     "    cov = (p * (r - r_bar[:, None, None]) * (c - c_bar[:, None, None])).sum(axis=(1, 2))\n"
     "    return r_bar, c_bar, var_r, cov",
     r" var_u returned .*, expected .*\(error <= 1e-10\)"),
    ("moments",  # rows and columns swapped
     "images = X.reshape(-1, 28, 28)\n"
     "    r, c = np.meshgrid(np.arange(28.0), np.arange(28.0), indexing='xy')\n"
     "    p = images; p = p / p.sum(axis=(1, 2))[:, None, None]\n"
     "    r_bar, c_bar = (p * r).sum(axis=(1, 2)), (p * c).sum(axis=(1, 2))\n"
     "    var_r = (p * (r - r_bar[:, None, None]) ** 2).sum(axis=(1, 2))\n"
     "    cov = (p * (r - r_bar[:, None, None]) * (c - c_bar[:, None, None])).sum(axis=(1, 2))\n"
     "    return r_bar, c_bar, var_r, cov",
     r" (u_bar|v_bar|var_u|cov) returned .*, expected"),
    ("deskew",  # sheared the wrong way: twice the slant
     "r_bar, c_bar, var_r, cov = package_moments(X); out = []\n"
     "    for x, r, c, v, cv in zip(X, r_bar, c_bar, var_r, cov):\n"
     "        shear = np.array([[1.0, 0.0], [-cv / v, 1.0]])\n"
     "        offset = np.array([r, c]) - shear @ np.array([13.5, 13.5])\n"
     "        out.append(ndimage.affine_transform(x.reshape(28, 28), shear, offset=offset, "
     "order=1, mode='grid-constant').ravel())\n"
     "    return np.array(out)",
     r"matches scipy.ndimage.affine_transform .*: deskew\(.*\) returned .*, expected .*"
     r"Hint: output pixel \(u, v\) reads the input at row u \+ u_bar - 13.5"),
    ("deskew",  # sheared about the centre of mass, but not moved to the centre
     "r_bar, c_bar, var_r, cov = package_moments(X); out = []\n"
     "    for x, r, c, v, cv in zip(X, r_bar, c_bar, var_r, cov):\n"
     "        shear = np.array([[1.0, 0.0], [cv / v, 1.0]])\n"
     "        offset = np.array([r, c]) - shear @ np.array([r, c])\n"
     "        out.append(ndimage.affine_transform(x.reshape(28, 28), shear, offset=offset, "
     "order=1, mode='grid-constant').ravel())\n"
     "    return np.array(out)",
     r"matches scipy.ndimage.affine_transform .* returned"),
    ("deskew",  # the nearest pixel instead of bilinear interpolation
     "r_bar, c_bar, var_r, cov = package_moments(X); out = []\n"
     "    for x, r, c, v, cv in zip(X, r_bar, c_bar, var_r, cov):\n"
     "        shear = np.array([[1.0, 0.0], [cv / v, 1.0]])\n"
     "        offset = np.array([r, c]) - shear @ np.array([13.5, 13.5])\n"
     "        out.append(ndimage.affine_transform(x.reshape(28, 28), shear, offset=offset, "
     "order=0, mode='grid-constant').ravel())\n"
     "    return np.array(out)",
     r"matches scipy.ndimage.affine_transform .* returned .*bilinear between the four nearest"),
    ("hessian",  # the 1/m forgotten
     "X1 = np.column_stack([X, np.ones(len(X))]); a = package_sigmoid(X1 @ np.append(w, b))\n"
     "    return (X1.T * (a * (1 - a))) @ X1 + np.diag(np.append(np.full(len(w), l2), 0.0))",
     r"agrees with central differences .*: hessian\(.*\) returned array\(.*\), expected "
     r"array\(.*\) by central differences .*Hint: H = X1.T @"),
    ("hessian",  # the penalty on the bias too
     "X1 = np.column_stack([X, np.ones(len(X))]); a = package_sigmoid(X1 @ np.append(w, b))\n"
     "    return (X1.T * (a * (1 - a))) @ X1 / len(X) + l2 * np.eye(len(w) + 1)",
     r"returned array\(.*\), expected .*not of b"),
    ("hessian",  # a where a (1 - a) belongs
     "X1 = np.column_stack([X, np.ones(len(X))]); a = package_sigmoid(X1 @ np.append(w, b))\n"
     "    return (X1.T * a) @ X1 / len(X) + np.diag(np.append(np.full(len(w), l2), 0.0))",
     r"agrees with central differences .* returned .*Hint: H = X1.T @ \(s\[:, None\] \* X1\)"),
    ("newton_step",  # the step taken uphill
     "_, dw, db = package_propagate(w, b, X, y); g = np.append(dw + l2 * w, db)\n"
     "    from logreg_from_scratch.newton import hessian\n"
     "    delta = np.linalg.solve(hessian(w, b, X, l2), g)\n"
     "    return w + delta[:-1], b + delta[-1]",
     r"returns theta \+ delta .* (w|b) returned .*, expected .* = theta - H\^-1 g"),
    ("newton_step",  # the penalty left out of the gradient
     "_, dw, db = package_propagate(w, b, X, y); g = np.append(dw, db)\n"
     "    from logreg_from_scratch.newton import hessian\n"
     "    delta = np.linalg.solve(hessian(w, b, X, l2), g)\n"
     "    return w - delta[:-1], b - delta[-1]",
     r"returns theta \+ delta .* returned .*Hint: g = \(dw \+ l2 w, db\)"),
    ("newton_step",  # the bias left out of the system
     "_, dw, db = package_propagate(w, b, X, y)\n"
     "    from logreg_from_scratch.newton import hessian\n"
     "    delta = np.linalg.solve(hessian(w, b, X, l2)[:-1, :-1], dw + l2 * w)\n"
     "    return w - delta, b",
     r"returns theta \+ delta .* returned .*Hint: g = \(dw \+ l2 w, db\)"),
    ("distance_to_boundary",  # the bias forgotten
     "return X @ w / np.linalg.norm(w)",
     r"gives, for each row x, the length of the shortest step .* returned .*Hint: "
     r"\(X @ w \+ b\) / \|\|w\|\|"),
    ("distance_to_boundary",  # divided by ||w||^2: the step's multiple of w, not its length
     "return (X @ w + b) / (w @ w)",
     r"gives, for each row x, the length of the shortest step .* returned .*Hint: .*not by "
     r"its square"),
    ("distance_to_boundary",  # the sign dropped
     "return np.abs(X @ w + b) / np.linalg.norm(w)",
     r"positive on the side of 'yes' .* returned .*keep the sign"),
    ("gaussian_classes",  # the covariance about the mean of all the images, not each class's
     "nu = [X[y == l].mean(axis=0) for l in (0, 1)]\n"
     "    sigma = np.atleast_2d(np.cov(X.T, bias=True))\n"
     "    w = np.linalg.solve(sigma, nu[1] - nu[0])\n"
     "    b = -nu[1] @ np.linalg.solve(sigma, nu[1]) / 2 + nu[0] @ np.linalg.solve(sigma, nu[0]) / 2\n"
     "    return w, float(b + np.log(y.mean() / (1 - y.mean())))",
     r"gives logits X @ w \+ b equal to Bayes' rule .* returned .*Hint: nu_l = "),
    ("gaussian_classes",  # the classes' shares left out of the bias
     "from logreg_from_scratch.generative import gaussian_classes as package\n"
     "    w, b = package(X, y, shrinkage=shrinkage)\n"
     "    return w, b - np.log(y.mean() / (1 - y.mean()))",
     r"gives logits X @ w \+ b equal to Bayes' rule .* returned .*log\(m_1 / m_0\)"),
    ("gaussian_classes",  # no covariance at all: the difference of the mean images
     "nu = [X[y == l].mean(axis=0) for l in (0, 1)]\n"
     "    return nu[1] - nu[0], float(nu[0] @ nu[0] / 2 - nu[1] @ nu[1] / 2)",
     r"gives logits X @ w \+ b equal to Bayes' rule .* returned .*np\.linalg\.solve"),
    ("gaussian_classes",  # shrinkage ignored
     "from logreg_from_scratch.generative import gaussian_classes as package\n"
     "    return package(X, y)",
     r"Bayes' rule .*shrinkage=0\.3\): its logits X @ w \+ b returned .*Hint: .*with "
     r"shrinkage s"),
    ("laplace_logits",  # the Hessian of the mean cost taken as the posterior's precision
     "from logreg_from_scratch.newton import hessian\n"
     "    covariance = np.linalg.inv(hessian(w, b, X_train, l2))\n"
     "    tilde = np.column_stack([X, np.ones(len(X))])\n"
     "    psi2 = np.einsum('ij,jk,ik->i', tilde, covariance, tilde)\n"
     "    return (X @ w + b) / np.sqrt(1 + np.pi * psi2 / 8), psi2",
     r"gives each image's psi2 = .* psi2 returned .*Hint: .*the posterior's covariance is "
     r"\(m H\)\^-1"),
    ("laplace_logits",  # the bias's uncertainty left out
     "from logreg_from_scratch.newton import hessian\n"
     "    covariance = np.linalg.inv(len(X_train) * hessian(w, b, X_train, l2))[:-1, :-1]\n"
     "    psi2 = np.einsum('ij,jk,ik->i', X, covariance, X)\n"
     "    return (X @ w + b) / np.sqrt(1 + np.pi * psi2 / 8), psi2",
     r"gives each image's psi2 = .* psi2 returned .*Hint: .*carries the bias's uncertainty"),
    ("laplace_logits",  # pi / 8 forgotten: sigma(z* / sqrt(1 + psi2))
     "from logreg_from_scratch.laplace import laplace_logits as package\n"
     "    _, psi2 = package(w, b, X_train, y_train, X, l2=l2)\n"
     "    return (X @ w + b) / np.sqrt(1 + psi2), psi2",
     r"gives z = z\* / sqrt\(1 \+ pi psi2 / 8\).* z returned .*Hint: the probit "),
    ("wilson_interval",  # the textbook (Wald) interval p +- q sqrt(p (1 - p) / n)
     "from scipy.special import ndtri\n"
     "    p, q = correct / total, ndtri(1 - (1 - level) / 2)\n"
     "    half = q * np.sqrt(p * (1 - p) / total)\n"
     "    return max(p - half, 0.0), min(p + half, 1.0)",
     r"agrees with scipy.stats.binomtest.* returned .*Hint: p = correct / total, q = "),
    ("wilson_interval",  # 1.96 whatever the level
     "p, n, q = correct / total, total, 1.96\n"
     "    centre = (p + q * q / (2 * n)) / (1 + q * q / n)\n"
     "    half = q * np.sqrt(p * (1 - p) / n + q * q / (4 * n * n)) / (1 + q * q / n)\n"
     "    return min(max(centre - half, 0.0), p), max(min(centre + half, 1.0), p)",
     r"agrees with .*: wilson_interval\(\d+, \d+, 0\.(5|9|99)\) returned"),
    ("wilson_interval",  # an interval that can leave out the estimate it is about
     "from scipy.special import ndtri\n"
     "    p, n, q = correct / total, total, ndtri(1 - (1 - level) / 2)\n"
     "    centre = (p + q * q / (2 * n)) / (1 + q * q / n)\n"
     "    return centre - 0.001, centre + 0.001",
     r"returns \(low, high\) with 0 <= low .* returned .*Hint: clip the ends"),
    ("mcnemar",  # one-sided: the factor 2 forgotten
     "import math\n"
     "    n_ab, n_ba = int(np.sum(right_a & ~right_b)), int(np.sum(right_b & ~right_a))\n"
     "    n = n_ab + n_ba\n"
     "    return n_ab, n_ba, sum(math.comb(n, i) for i in range(min(n_ab, n_ba) + 1)) / 2 ** n",
     r"counts the images .* p_value returned .*Hint: only the discordant images count"),
    ("mcnemar",  # every image counted, not just those where the two disagree
     "import math\n"
     "    n_ab, n_ba = int(np.sum(right_a & ~right_b)), int(np.sum(right_b & ~right_a))\n"
     "    n = len(right_a)\n"
     "    tail = sum(math.comb(n, i) for i in range(min(n_ab, n_ba) + 1)) / 2 ** n\n"
     "    return n_ab, n_ba, min(1.0, 2 * tail)",
     r"counts the images .* p_value returned .*Hint: only the discordant images count"),
    ("mcnemar",  # the counts of A right and of B right, not of the disagreements
     "from scipy.stats import binomtest\n"
     "    n_ab, n_ba = int(np.sum(right_a)), int(np.sum(right_b))\n"
     "    return n_ab, n_ba, binomtest(n_ab, n_ab + n_ba).pvalue if n_ab + n_ba else 1.0",
     r"counts the images .* \(n_ab, n_ba\) returned .*"
     r"\(A right and B wrong, B right and A wrong\)"),
    ("roc_curve",  # ties broken by the images' order: a point for every image
     "order = np.argsort(-scores, kind='stable')\n"
     "    tp = np.cumsum(y[order])\n"
     "    fp = np.arange(1, len(y) + 1) - tp\n"
     "    return np.r_[0, fp / fp[-1]], np.r_[0, tp / tp[-1]], np.r_[np.inf, scores[order]]",
     r"agrees with a loop .*: roc_curve\(array\(\[.*\]\), array\(\[.*\]\)\) thresholds "
     r"returned .*Hint: one point a distinct score, .*never split them by the images' order"),
    ("roc_auc",  # ties counted as losses: only the pairs a positive wins
     "pos, neg = scores[y == 1][:, None], scores[y == 0][None, :]\n"
     "    return float(np.mean(pos > neg))",
     r"equals the share of \(positive, negative\) pairs .* returned .*ties half.*Hint: the "
     r"trapezoid rule"),
    ("precision_recall_curve",  # thresholds off by one: each point's threshold the next score
     "order = np.argsort(-scores, kind='stable')\n"
     "    ranked, labels = scores[order], y[order]\n"
     "    last = np.r_[np.flatnonzero(np.diff(ranked)), len(y) - 1]\n"
     "    tp = np.cumsum(labels)[last]\n"
     "    return (np.r_[1.0, tp / (last + 1)], np.r_[0.0, tp / tp[-1]],\n"
     "            np.r_[ranked[last], -np.inf])",
     r"thresholds returned .*, expected a threshold above every score first \(np.inf\)"),
    ("average_precision",  # the trapezoid rule under the PR curve: interpolates
     "from logreg_from_scratch.metrics import precision_recall_curve\n"
     "    precision, recall, _ = precision_recall_curve(scores, y)\n"
     "    return float(np.sum(np.diff(recall) * (precision[1:] + precision[:-1]) / 2))",
     r"equals sum \(rec_r - rec_r'\) prec_r .* returned .*Hint: np.sum\(np.diff\(recall\) "),
    ("reliability",  # bins that drop the last edge: a = 1 lands in a bin that does not exist
     "which = (a * bins).astype(int)\n"
     "    count = np.bincount(which, minlength=bins)[:bins]\n"
     "    held = count > 0\n"
     "    edges = np.arange(bins + 1) / bins\n"
     "    return (edges[:-1][held], edges[1:][held], count[held],\n"
     "            np.bincount(which, a, bins)[:bins][held] / count[held],\n"
     "            np.bincount(which, y, bins)[:bins][held] / count[held])",
     r"puts every probability in one bin, 0 and 1 included: .*reliability\(array\(\[1\.\]\), "
     r".* count returned array\(\[\]\), expected counts > 0 that add up to the 1 "
     r"probabilities.*Hint: bin g \(g = 1, \.\.\., bins\) holds"),
    ("temperature_scaling",  # the temperature fitted on the test images
     "from logreg_from_scratch.calibrate import fit_temperature\n"
     "    T = fit_temperature(Z_test, y_test)\n"
     "    return T, temperature_cost(Z_test, y_test, 1.0), temperature_cost(Z_test, y_test, T)",
     r"fits T on the validation images only: .* T returned .*, expected .*\(the T fitted with "
     r"other test images: T comes from the validation images alone\)\. Hint: "
     r"fit_temperature\(Z_validation, y_validation\)"),
    ("fit_temperature",  # a fixed number of gradient steps at a fixed rate: not at the minimum
     "s = 1.0\n"
     "    for _ in range(20):\n"
     "        s -= 0.01 * (temperature_cost(Z, y, 1 / (s + 1e-6)) - temperature_cost(Z, y, 1 / s)) / 1e-6\n"
     "    return 1 / s",
     r"reaches the least log loss .* returned T = .*, whose log loss is .*, expected the least "
     r"log loss over T > 0"),
]


@pytest.mark.slow  # tests/conftest.py: the quick loop leaves it out
@pytest.mark.parametrize("name, body, said", MISTAKES,
                         ids=[f"{name}-{i}" for i, (name, _, _) in enumerate(MISTAKES)])
def test_each_mistake_in_the_gallery_fails_with_its_own_verdict(tmp_path, name, body, said):
    """Each mistake's verdict, judged in this process: these files are ours, and harmless
    (tests/test_grader.py grades hostile ones, each in a process of its own)."""
    signature = inspect.signature(EXERCISES[name][0])  # the package's, as in the exercise file
    path = tmp_path / "student.py"
    path.write_text(IMPORTS + f"def {name}{signature}:\n    {body}\n")
    module = load(path)
    assert exercise_functions(module, path) == [name]
    with alone(module, name):
        result = judge(name, getattr(module, name), EXERCISES[name][1])
    assert not result.passed
    assert result.line.startswith(f"{name}: FAIL ")
    assert re.search(said, result.line), result.line


def test_each_function_is_graded_with_the_package_for_the_other_steps(tmp_path):
    lines, passed = graded(tmp_path, """
        def sigmoid(z):
            return 1 / (1 + np.exp(-z))          # overflows: this one fails

        def propagate(w, b, X, y):               # right, on top of the wrong sigmoid above
            m = X.shape[0]
            dz = sigmoid(X @ w + b) - y
            return cross_entropy(X @ w + b, y), X.T @ dz / m, dz.mean(axis=0)
        """)
    assert [line.split(": ")[:2] for line in lines] == [["sigmoid", "FAIL no warning for any "
                                                        "finite z, however large"],
                                                       ["propagate", "PASS (1 property, up to "
                                                                     "100 inputs each)"]]
    assert not passed


def test_a_file_that_does_not_import_or_warns_is_one_fail_line(tmp_path):
    lines, _ = graded(tmp_path, "def sigmoid(z)\n    return z\n")
    line = len(IMPORTS.splitlines()) + 1
    assert re.fullmatch(rf"student.py: FAIL could not import it: SyntaxError: .*\(student.py, "
                        rf"line {line}\)", lines[0])
    lines, _ = graded(tmp_path, "\nfrom logreg_from_scratch.sigmoid import sigmod\n")
    assert re.fullmatch(r"student.py: FAIL could not import it: ImportError: cannot import name "
                        rf"'sigmod' .* \(line {line + 1}\)", lines[0])
    lines, _ = graded(tmp_path, "import warnings\nwarnings.warn('careful')\n")
    assert lines == [f"student.py: FAIL could not import it: UserWarning: careful (line {line + 1})"]
    lines, _ = graded(tmp_path, "def helper():\n    pass\n")
    assert lines[0].startswith("student.py: FAIL defines none of the exercise functions (sigmoid, ")


def test_a_function_that_warns_fails_with_the_warning(tmp_path):
    [line], _ = graded(tmp_path, """
        def softmax(Z):
            import warnings
            warnings.warn("is this right?")
            return package_softmax(Z)
        """)
    assert line.startswith("softmax: FAIL ") and "warned UserWarning: is this right?" in line


def test_new_writes_fresh_files_and_never_overwrites(tmp_path, capsys):
    assert main(["new", str(tmp_path)]) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(file for file, *_ in FILES)
    with pytest.raises(SystemExit) as stop:
        main(["new", str(tmp_path)])
    assert stop.value.code == 2
    assert "exists: choose an empty folder" in capsys.readouterr().err


def masked(text):
    """`text` with every number replaced by N, and the ROUNDING_SENSITIVE answers by their
    first words."""
    lines = [next((start for start in ROUNDING_SENSITIVE if line.startswith(start)), line)
             for line in text.splitlines()]
    return re.sub(r"\d[\d,.]*", "N", "\n".join(lines))


def test_the_answers_are_what_the_experiments_give_today(answers_now, note):
    """exercises/ANSWERS.md, made again from real runs beside the other tests (conftest.py):
    to the digit on the BLAS it was made with, its words and layout on any other."""
    committed = (EXERCISES_DIR / "ANSWERS.md").read_text()
    made_with = re.search(r"whose BLAS is (.+?) \(", committed).group(1)
    out_of_date = ("exercises/ANSWERS.md is out of date: "
                   "python -m logreg_from_scratch.exercises answers")
    if made_with == blas_kernel()[0]:
        assert answers_now == committed, out_of_date
    else:
        note(f"ANSWERS.md was made with {made_with}, this machine's BLAS is {blas_kernel()[0]}: "
             "its words and layout were compared, not its digits")
        assert masked(answers_now.replace(blas_kernel()[0], made_with)) == masked(committed), \
            out_of_date
    for chapter in sorted((EXERCISES_DIR.parent / "chapters").glob("[0-9][0-9]_*.py")):
        assert "exercises/ANSWERS.md" in chapter.read_text(), chapter.name  # each points there


def test_the_exercise_pages_example_is_what_the_grader_prints(tmp_path, capsys, monkeypatch):
    readme = (EXERCISES_DIR / "README.md").read_text()
    shown = readme.split("<!-- the grader's output, checked by tests/test_exercises.py -->\n")[1]
    shown = [line[4:] for line in shown.split("\n\n")[0].splitlines()]
    stub = "\n    raise NotImplementedError\n"
    student = (EXERCISES_DIR / "e1_sigmoid.py").read_text().split(stub)
    assert len(student) == 4  # three stubs: the README's student fills in the first two
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "e1_sigmoid.py").write_text(
        student[0] + "\n    return 1 / (1 + np.exp(-z))\n" + student[1]
        + "\n    return -np.logaddexp(0, -z)\n" + student[2] + stub + student[3])
    monkeypatch.chdir(tmp_path)
    assert main(["check", "exercises/e1_sigmoid.py"]) == 1
    assert capsys.readouterr().out.splitlines() == shown
