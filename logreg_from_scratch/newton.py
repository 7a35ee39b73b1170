"""Step 7: Newton's method, a handful of steps instead of thousands (chapter 10).

Gradient descent uses the slope of the cost; Newton's method also uses its
curvature, the Hessian H, and steps to the minimum of the quadratic that
matches the cost's value, slope and curvature at the current point.  For
the binary model with an L2 penalty on w, the parameters theta = (w, b)
(d + 1 of them), X1 = [X 1] (X with a column of ones) and
a = sigma(X w + b)::

    J = -(1/m) sum_i [y log a + (1 - y) log(1 - a)] + (l2/2) ||w||^2    (10.1)
    g = (1/m) X1^T (a - y) + l2 (w, 0)                  gradient, (d + 1,)
    H = (1/m) X1^T S X1 + l2 diag(1, ..., 1, 0),  S = diag(a (1 - a))  (10.2)
    H delta = -g,   theta <- theta + delta              (10.4), newton_step

Each step solves the linear system H delta = -g; it never forms H^-1, since
solving is cheaper and more accurate.  Near the minimum the distance to it
is squared at every step, so the digits of agreement double: "quadratic
convergence" (10.5).  In statistics this method, Newton's method for
logistic regression, is called iteratively reweighted least squares
(IRLS).

For the comparison, `descent` is full-batch gradient descent on the same
objective, one step at a time, with a fixed rate or with a backtracking
line search (Armijo's condition, (10.7)), which needs no rate::

    eta <- 2 eta_last;  while J(theta - eta g) > J(theta) - (eta/2) ||g||^2:  eta <- eta / 2

Where the code departs from the notation: a (1 - a) is computed as
sigma(z) sigma(-z), which keeps its digits when a rounds to 1.  The bias
has no penalty (the 0 in the diagonal).  Without l2, a pixel that is blank
in every image gives H a row and a column of zeros: H is singular, and the
step is refused with a message saying so.  In the code, `rate` is the
learning rate eta.
"""
import numpy as np

from .checks import check_logistic_problem, check_number
from .cost import cross_entropy
from .gradients import _from_logits
from .sigmoid import sigmoid


EPS = np.finfo(float).eps


def penalised(w, b, X, y, l2):
    """The L2-penalised binary cost and its gradient.

    Parameters
    ----------
    w : ndarray, shape (d,)
    b : float
    X : ndarray, shape (m, d)
    y : ndarray, shape (m,)
        Labels 0/1.
    l2 : float
        Strength of (l2 / 2) ||w||^2, >= 0; the bias is not penalised.

    Returns
    -------
    J : float
        -(1/m) sum_i [y log a + (1 - y) log(1 - a)] + (l2/2) ||w||^2
    dw : ndarray, shape (d,)
        (1/m) X^T (a - y) + l2 w
    db : float
        (1/m) sum_i (a - y)
    """
    w, b, X, y = check_logistic_problem(w, b, X, y)
    check_number(l2, "l2", zero_ok=True)
    return _penalised(w, b, X, y, l2)


def _penalised(w, b, X, y, l2):
    """`penalised` without the input checks: for loops whose inputs are checked once."""
    return _penalised_at(X @ w + b, w, X, y, l2)


def _penalised_cost(z, w, y, l2):
    """J_lambda of (10.1) from the logits z = X w + b, shape (m,): no product with X."""
    return cross_entropy(z, y) + l2 / 2 * float(w @ w)


def _penalised_at(z, w, X, y, l2):
    """J_lambda and its gradient (10.1) once the logits z = X w + b are known."""
    cost, dw, db = _from_logits(z, X, y)
    return cost + l2 / 2 * float(w @ w), dw + l2 * w, db


def hessian(w, b, X, l2=0.0):
    """The Hessian of the L2-penalised binary cost with respect to (w, b), (10.2).

    Parameters
    ----------
    w : ndarray, shape (d,)
    b : float
    X : ndarray, shape (m, d)
    l2 : float
        Strength of (l2 / 2) ||w||^2, >= 0; the bias is not penalised.

    Returns
    -------
    H : ndarray, shape (d + 1, d + 1)
        (1/m) [X 1]^T S [X 1] + l2 diag(1, ..., 1, 0), with
        S = diag(a (1 - a)), the bias last.  Symmetric; positive definite
        when l2 > 0.
    """
    w, b, X, _ = check_logistic_problem(w, b, X, np.zeros(np.shape(X)[:1]))
    check_number(l2, "l2", zero_ok=True)
    return _hessian(w, b, X, l2)


def _hessian(w, b, X, l2):
    m, d = X.shape
    z = X @ w + b
    s = sigmoid(z) * sigmoid(-z)                 # a (1 - a), exact even where a rounds to 1
    # [X 1]^T diag(s) [X 1] written as R^T R with R = sqrt(s) [X 1]: NumPy hands R.T @ R to
    # BLAS's symmetric product (syrk), which computes one triangle (half the work) and copies
    # it, so H is exactly symmetric
    R = np.hstack([X, np.ones((m, 1), X.dtype)]) * np.sqrt(s)[:, None]
    H = R.T @ R / m
    H[np.arange(d), np.arange(d)] += l2          # the penalty, on w only
    return H


def newton_step(w, b, X, y, l2=0.0):
    """One Newton step (10.4): solve H delta = -g, return theta + delta, theta = (w, b).

    g = (dw + l2 w, db) and H are the gradient and the Hessian (`hessian`) of
    the penalised cost at (w, b).

    Parameters
    ----------
    w : ndarray, shape (d,)
    b : float
    X : ndarray, shape (m, d)
    y : ndarray, shape (m,)
        Labels 0/1.
    l2 : float
        Strength of (l2 / 2) ||w||^2, >= 0.

    Returns
    -------
    w : ndarray, shape (d,)
    b : float
        The new parameters; the inputs are not modified.

    Raises
    ------
    ValueError
        H is singular: l2 = 0 with a pixel blank in every image (give l2 > 0), a
        point so far from the minimum that every a (1 - a) rounds to 0, or any
        other direction the curvature misses.
    """
    w, b, X, y = check_logistic_problem(w, b, X, y)
    check_number(l2, "l2", zero_ok=True)
    _, dw, db = _penalised(w, b, X, y, l2)
    return _newton_step(w, b, X, np.append(dw, db), l2)


def _newton_step(w, b, X, g, l2):
    """theta + delta with H delta = -g, for the gradient g, shape (d + 1,), at theta = (w, b)."""
    try:
        delta = np.linalg.solve(_hessian(w, b, X, l2), -g)
    except np.linalg.LinAlgError:
        blank = int(np.sum(~X.any(axis=0)))
        if l2 == 0 and blank:
            raise ValueError(
                f"the Hessian is singular ({blank} pixels are 0 in every image, so nothing "
                "pins their weights down): give l2 > 0, e.g. l2=1e-4") from None
        z = X @ w + b
        if np.all(sigmoid(z) * sigmoid(-z) == 0):
            raise ValueError(
                "the Hessian is singular at this point: the model is so sure of every image "
                "that every a(1 - a) rounds to 0, and nothing pins the bias down; start "
                "nearer the minimum (from w = 0, b = 0)") from None
        raise ValueError(
            "the Hessian is singular at this point: some direction of (w, b) changes no "
            "logit's curvature (two pixels equal in every image, say); give l2 > 0, or a "
            "larger one") from None
    return w + delta[:-1], float(b + delta[-1])


def newton(w, b, X, y, *, l2, iterations=20, tol=1e-12, callback=None):
    """Newton's method from (w, b) until the gradient's norm is below `tol`.

    Parameters
    ----------
    w, b, X, y, l2
        As for `newton_step`.
    iterations : int
        At most this many steps.
    tol : float
        Stop once ||g|| < tol.
    callback : callable, optional
        ``callback(iteration, w, b, cost, gradient_norm)`` before each step
        (and once more at the end), with the cost and gradient at (w, b).

    Returns
    -------
    w : ndarray, shape (d,)
    b : float
    history : list of (cost, gradient_norm)
        One entry a point visited, the start first.
    """
    w, b, X, y = check_logistic_problem(w, b, X, y)
    check_number(l2, "l2", zero_ok=True)
    history = []
    for iteration in range(iterations + 1):
        cost, dw, db = _penalised(w, b, X, y, l2)
        g = np.append(dw, db)
        norm = float(np.linalg.norm(g))
        history.append((cost, norm))
        if callback is not None:
            callback(iteration, w.copy(), float(b), cost, norm)
        if norm < tol or iteration == iterations:
            break
        w, b = _newton_step(w, b, X, g, l2)
    return w, float(b), history


def descent(w, b, X, y, *, l2, rate=None):
    """Full-batch gradient descent on the penalised cost, one step a ``next``.

    With a fixed `rate` eta, theta <- theta - eta g (chapter 2's loop, on
    the penalised cost).  With ``rate=None``, a backtracking line search:
    each step tries eta = twice the last step's eta (2 at the first step)
    and halves it until Armijo's condition (10.7) holds,

        J(theta - eta g) <= J(theta) - (eta/2) ||g||^2,

    which every eta <= 1/L satisfies (L bounds the curvature), so each step
    lowers J and halving stops.  The generator never ends: the caller stops
    it (a ``for`` loop's ``break``), so that it can watch any criterion.

    Parameters
    ----------
    w, b, X, y, l2
        As for `newton_step`: w (d,), b a float, X (m, d), y (m,) of 0/1.
    rate : float or None
        A fixed rate > 0, or None for the line search.

    Yields
    ------
    cost : float
        J at theta_t, for t = 0 (the start), 1, 2, ...
    evaluations : int
        How many times J has been computed so far, this point's included
        (with the line search, one a trial step, and the gradient once a
        step, at the step taken).
    w : ndarray, shape (d,)
    b : float
        theta_t; new arrays each step (the inputs are not modified).
    """
    w, b, X, y = check_logistic_problem(w, b, X, y)
    check_number(l2, "l2", zero_ok=True)
    if rate is not None:
        check_number(rate, "rate")
    cost, dw, db = _penalised(w, b, X, y, l2)
    evaluations, eta = 1, 1.0
    while True:
        yield cost, evaluations, w, float(b)
        eta = 2 * eta if rate is None else rate
        z = X @ (w - eta * dw) + (b - eta * db)
        evaluations += 1
        if rate is None:  # halve eta until (10.7) holds; a trial needs J only, one product with X
            squared = float(dw @ dw + db * db)
            while (_penalised_cost(z, w - eta * dw, y, l2) > cost - eta / 2 * squared
                   and eta / 2 * squared > EPS * abs(cost)):  # a decrease J's digits can show
                eta /= 2
                z = X @ (w - eta * dw) + (b - eta * db)
                evaluations += 1
        w, b = w - eta * dw, b - eta * db
        cost, dw, db = _penalised_at(z, w, X, y, l2)
