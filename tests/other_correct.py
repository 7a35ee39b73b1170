"""Correct formulations of every exercise other than the package's: the grader must pass them.

Graded as a student's file by the grader's command, ``python -m
logreg_from_scratch.exercises check tests/other_correct.py``, in the
background as the tests start (tests/conftest.py); tests/test_exercises.py
reads the verdicts.  Not a test module: pytest does not collect it.
"""
import numpy as np
from scipy import ndimage
from scipy.special import logsumexp

from logreg_from_scratch.calibrate import temperature_cost
from logreg_from_scratch.deskew import moments as package_moments
from logreg_from_scratch.gradients import propagate as package_propagate
from logreg_from_scratch.labels import one_hot
from logreg_from_scratch.sigmoid import sigmoid as package_sigmoid
from logreg_from_scratch.softmax import log_softmax as package_log_softmax

def sigmoid(z):
    return 0.5 * (1 + np.tanh(np.asarray(z, dtype=float) / 2))

def log_sigmoid(z):
    return np.minimum(z, 0) - np.log1p(np.exp(-np.abs(z)))

def log_one_minus_sigmoid(z):
    return -np.maximum(z, 0) - np.log1p(np.exp(-np.abs(z)))

def cross_entropy(z, y):
    # every loss added up, over m: the mean for one model, the k models' costs summed for k
    return float(np.sum(np.logaddexp(0, z) - y * z) / len(z))

def propagate(w, b, X, y):
    m = X.shape[0]
    z = X @ w + b
    dz = package_sigmoid(z) - y
    return cross_entropy(z, y), X.T @ dz / m, np.sum(dz, axis=0) / m

def gradient_descent(w, b, X, y, num_iterations, rate, *, callback=None):
    costs = np.empty(num_iterations)
    for i in range(num_iterations):
        costs[i], dw, db = package_propagate(w, b, X, y)
        w, b = w - rate * dw, b - rate * db
    return w, b, costs

def predict(w, b, X):
    z = X @ w + b
    return np.where(z > 0, 1, 0) if w.ndim == 1 else np.argmax(package_sigmoid(z), axis=1)

def distance_to_boundary(w, b, X):
    # the foot of each image on the boundary, and the length of the step to it, signed
    z = X @ w + b
    foot = X - np.outer(z / (w @ w), w)
    return np.sign(z) * np.linalg.norm(X - foot, axis=1)

def softmax(Z):
    return np.exp(Z - logsumexp(Z, axis=1, keepdims=True))

def log_softmax(Z):
    return Z - logsumexp(Z, axis=1, keepdims=True)

def propagate_softmax(W, b, X, y, l2=0.0):
    m, k = X.shape[0], W.shape[1]
    log_P = package_log_softmax(X @ W + b)
    dZ = np.exp(log_P) - one_hot(y, k)
    cost = -log_P[np.arange(m), y].sum() / m + 0.5 * l2 * (W ** 2).sum()
    return cost, X.T @ dZ / m + l2 * W, dZ.sum(axis=0) / m

def moments(X):
    images = X.reshape(-1, 28, 28)
    rows, columns = images.sum(axis=2), images.sum(axis=1)
    r = np.arange(28.0)
    r_bar = np.array([np.average(r, weights=w) for w in rows])
    c_bar = np.array([np.average(r, weights=w) for w in columns])
    var_r = np.array([np.average((r - m) ** 2, weights=w) for w, m in zip(rows, r_bar)])
    cov = np.einsum("irc,ir,ic->i", images, r[None, :] - r_bar[:, None],
                    r[None, :] - c_bar[:, None]) / images.sum(axis=(1, 2))
    return r_bar, c_bar, var_r, cov

def deskew(X):
    out = []
    for x, (r, c, v, cv) in zip(X, zip(*package_moments(X))):
        shear = np.array([[1.0, 0.0], [cv / v, 1.0]])
        offset = np.array([r, c]) - shear @ np.array([13.5, 13.5])
        out.append(ndimage.affine_transform(x.reshape(28, 28), shear, offset=offset, order=1,
                                            mode="grid-constant").ravel())
    return np.array(out)

def hessian(w, b, X, l2=0.0):
    X1 = np.column_stack([X, np.ones(len(X))])
    a = package_sigmoid(X1 @ np.append(w, b))
    penalty = np.diag(np.append(np.full(len(w), l2), 0.0))
    return np.einsum("i,ij,ik->jk", a * (1 - a), X1, X1) / len(X) + penalty

def newton_step(w, b, X, y, l2=0.0):
    _, dw, db = package_propagate(w, b, X, y)
    g = np.append(dw + l2 * w, db)
    delta = np.linalg.inv(hessian(w, b, X, l2)) @ g    # inverting works too, if less well
    return w - delta[:-1], b - delta[-1]

def wilson_interval(correct, total, level=0.95):
    # the interval as the roots of (p_hat - p)^2 = q^2 p (1 - p) / n, a quadratic in p
    from scipy.stats import norm
    q2, n, p_hat = norm.ppf(0.5 + level / 2) ** 2, total, correct / total
    a, b, c = 1 + q2 / n, -(2 * p_hat + q2 / n), p_hat ** 2
    root = np.sqrt(max(b * b - 4 * a * c, 0.0))
    low, high = (-b - root) / (2 * a), (-b + root) / (2 * a)
    return max(low, 0.0), min(high, 1.0)  # low may round to 5e-20 at p_hat = 0: that passes

def mcnemar(right_a, right_b):
    from scipy.stats import binom
    n_ab = int(np.count_nonzero(right_a > right_b))
    n_ba = int(np.count_nonzero(right_b > right_a))
    n = n_ab + n_ba
    return n_ab, n_ba, (min(1.0, 2 * binom.cdf(min(n_ab, n_ba), n, 0.5)) if n else 1.0)

def roc_curve(scores, y):
    # the distinct scores by np.unique, each one's counts by a binary search in each class
    distinct = np.unique(scores)[::-1]
    pos, neg = np.sort(scores[y == 1]), np.sort(scores[y == 0])
    tp = len(pos) - np.searchsorted(pos, distinct, side="left")
    fp = len(neg) - np.searchsorted(neg, distinct, side="left")
    return np.r_[0, fp / len(neg)], np.r_[0, tp / len(pos)], np.r_[np.inf, distinct]

def roc_auc(scores, y):
    # Mann-Whitney's U from the average ranks (ties share theirs)
    from scipy.stats import rankdata
    P = int(y.sum())
    N = len(y) - P
    return float((rankdata(scores)[y == 1].sum() - P * (P + 1) / 2) / (P * N))

def precision_recall_curve(scores, y):
    distinct = np.unique(scores)[::-1]
    tp = np.array([y[scores >= t].sum() for t in distinct])
    n = np.array([np.sum(scores >= t) for t in distinct])
    return np.r_[1.0, tp / n], np.r_[0.0, tp / y.sum()], np.r_[np.inf, distinct]

def average_precision(scores, y):
    # the mean over the positives of the precision at each one's own score
    return float(np.mean([y[scores >= s].mean() for s in scores[y == 1]]))

def reliability(a, y, bins=10):
    # bin i holds (i / bins, (i + 1) / bins]: ceil, not searchsorted (they differ only at edges)
    which = np.clip(np.ceil(a * bins).astype(int) - 1, 0, bins - 1)
    count = np.bincount(which, minlength=bins)
    held = count > 0
    edges = np.arange(bins + 1) / bins
    return (edges[:-1][held], edges[1:][held], count[held],
            np.bincount(which, a, bins)[held] / count[held],
            np.bincount(which, y, bins)[held] / count[held])

def fit_temperature(Z, y, *, iterations=50):
    # Brent's method on J(s), s = 1 / T, instead of Newton's
    from scipy.optimize import minimize_scalar
    fit = minimize_scalar(lambda s: temperature_cost(Z, y, 1 / s) if s > 0 else np.inf,
                          bracket=(0.5, 1.0), tol=1e-12)
    return 1 / fit.x

def temperature_scaling(Z_validation, y_validation, Z_test, y_test):
    T = fit_temperature(Z_validation, y_validation)
    rows = np.arange(len(y_test))
    before = -np.mean(package_log_softmax(Z_test)[rows, y_test])
    return T, before, -np.mean(package_log_softmax(Z_test / T)[rows, y_test])

def gaussian_classes(X, y, *, shrinkage=0.0):
    # the pooled covariance as the classes' own covariances (np.cov, dividing by each class's
    # count), weighted by their counts; and the inverse matrix instead of a solver
    m, d = X.shape
    parts = [X[y == label] for label in (0, 1)]
    nu = [part.mean(axis=0) for part in parts]
    sigma = sum(len(part) * np.cov(part.T, bias=True).reshape(d, d) for part in parts) / m
    sigma = (1 - shrinkage) * sigma + shrinkage * np.trace(sigma) / d * np.eye(d)
    inverse = np.linalg.inv(sigma)
    b = (-0.5 * nu[1] @ inverse @ nu[1] + 0.5 * nu[0] @ inverse @ nu[0]
         + np.log(len(parts[1]) / len(parts[0])))
    return inverse @ (nu[1] - nu[0]), float(b)

def laplace_logits(w, b, X_train, y_train, X, *, l2):
    # the covariance by the Hessian's inverse, built here from its definition (10.2)
    m = len(X_train)
    X1 = np.column_stack([X_train, np.ones(m)])
    a = package_sigmoid(X1 @ np.append(w, b))
    H = (X1.T * (a * (1 - a))) @ X1 / m + np.diag(np.append(np.full(len(w), l2), 0.0))
    covariance = np.linalg.inv(m * H)
    tilde = np.column_stack([X, np.ones(len(X))])
    psi2 = np.array([row @ covariance @ row for row in tilde])
    return (X @ w + b) * (1 + np.pi * psi2 / 8) ** -0.5, psi2
