"""The book's experiments, each in one place: the chapters and exercises/ANSWERS.md both call them.

An experiment that a chapter runs and an answer quotes lives here once, so
the two cannot disagree.  Every choice of a setting is made on the
validation images (``load_mnist(validation=True)``); the test images are
scored once, for the setting chosen.
"""
import numpy as np
from scipy.optimize import minimize

from .gradients import _propagate, numerical_gradient
from .labels import one_hot
from .metrics import confusion, threshold_for_precision
from .optimize import gradient_descent, minibatch_sgd, train_softmax
from .softmax import predict_softmax, propagate_softmax

#: Chapter 5's training settings: a fast setting, which gives up about a quarter of a point of
#: validation accuracy to take about a third of the time of 8 epochs at rate 2.0, one of four
#: settings that tie for the best tried; benchmarks/softmax_settings.py measures the trade on
#: the validation images.  Chapter 8 times them.
SOFTMAX_SGD = {"epochs": 2, "rate": 2.0, "batch_size": 100, "decay": "linear",
               "shuffle": "batches"}
#: Chapter 5's one-vs-rest comparison: the rates tried on the validation images
OVR_RATES = [0.5, 1.0, 2.0, 4.0, 8.0]
#: Chapter 6's learning curve: the training set sizes
SIZES = [300, 1000, 3000, 10000, 50000]
#: Chapter 6's L2 path: the penalties tried, the answers' too
L2S = [0, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1]
#: Chapter 11's binary models: chapter 2's training (3000 images, 100 steps from w = 0) at the
#: rate that suits each kind of pixel (chapter 3)
BINARY_IMAGES, BINARY_STEPS = 3000, 100
BINARY_RATES = {"raw": 0.005, "scaled": 0.5}
#: Chapter 11's goal for a threshold: the least precision wanted, chosen on validation
PRECISION_GOAL = 0.99
#: Chapter 11's Laplace approximation: the penalties its MAP is chosen from, on the
#: validation images (strongest first, each started at the last one's minimum), and the
#: draws from the posterior that check the probit approximation
LAPLACE_L2S = (3e-3, 1e-3, 3e-4)
LAPLACE_DRAWS = 4000


def generators(seed, n):
    """`n` independent random generators from one --seed (numpy's SeedSequence.spawn).

    One for shuffling the data and one for the order of the batches, say:
    two generators from the same seed would draw the same numbers.
    """
    return [np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(n)]


def fit_softmax(X, y, rng, k=10, callback=None, **changes):
    """Softmax regression trained from zero with chapter 5's settings, or `changes` to them.

    Parameters
    ----------
    X : ndarray, shape (m, d)
    y : ndarray of int, shape (m,)
    rng : numpy.random.Generator
        The batches' order.
    changes
        Settings of ``train_softmax`` that differ from ``SOFTMAX_SGD``
        (``epochs``, ``rate``, ``l2``, ...).

    Returns
    -------
    W : ndarray, shape (d, k)
    b : ndarray, shape (k,)
    costs : ndarray
        Every step's batch cost.
    """
    return train_softmax(np.zeros((X.shape[1], k), X.dtype), np.zeros(k, X.dtype), X, y,
                         **{**SOFTMAX_SGD, **changes}, rng=rng, callback=callback)


def fit_one_vs_rest(X, y, rng, k=10, **changes):
    """Chapter 3's k one-vs-rest models trained like `fit_softmax`: the same loop and schedule.

    Parameters
    ----------
    X : ndarray, shape (m, d)
    y : ndarray of int, shape (m,)
        Class labels 0..k-1; model j learns "is it a j?" from column j of one_hot(y).
    rng : numpy.random.Generator
        The batches' order.
    changes
        Settings that differ from ``SOFTMAX_SGD`` (``rate``, ``epochs``, ...).

    Returns
    -------
    W : ndarray, shape (d, k)
    b : ndarray, shape (k,)
        Predict with ``predict.predict`` (the largest of the k logits).
    """
    W, b, _ = minibatch_sgd(_propagate, np.zeros((X.shape[1], k), X.dtype), np.zeros(k, X.dtype),
                            X, one_hot(y, k).astype(X.dtype), **{**SOFTMAX_SGD, **changes},
                            rng=rng)
    return W, b


def fit_binary(X, y, pixels):
    """Chapter 2's model, "is it a 1?": gradient descent from w = 0, b = 0, chapter 2's steps.

    Parameters
    ----------
    X : ndarray, shape (m, d)
    y : ndarray of int, shape (m,)
        0/1 labels.
    pixels : {"raw", "scaled"}
        Which rate of ``BINARY_RATES``: raw 0-255 pixels, or scaled to [0, 1].

    Returns
    -------
    w : ndarray, shape (d,)
    b : float
    """
    w, b, _ = gradient_descent(np.zeros(X.shape[1]), 0.0, X, y, BINARY_STEPS,
                               BINARY_RATES[pixels])
    return w, b


def as_pixels(X, pixels):
    """Pixels scaled to [0, 1], X of shape (m, d), as a chapter 11 model takes them:
    "scaled" as they are, "raw" times 255, rounded back to the whole numbers 0-255 they
    were; the same shape."""
    return np.round(X * 255) if pixels == "raw" else X


def binary_models(X, y, n=BINARY_IMAGES):
    """Chapter 11's two "is it a 1?" models, raw and scaled, on the first `n` images.

    Parameters
    ----------
    X : ndarray, shape (m, d)
        Pixels scaled to [0, 1] (``as_pixels`` makes the raw ones).
    y : ndarray of int, shape (m,)
        0/1 labels.
    n : int
        How many of the first images to learn from (all, if fewer).

    Returns
    -------
    dict of str -> (w, b)
        "raw" and "scaled": each model's weights, shape (d,), and bias.
    """
    n = min(n, len(y))
    return {pixels: fit_binary(as_pixels(X[:n], pixels), y[:n], pixels)
            for pixels in BINARY_RATES}


def binary_logits(models, X):
    """z = X w + b (2.1) of each of `binary_models`, on its own kind of pixels: X of shape
    (m, d) scaled to [0, 1], the logits {"raw": (m,), "scaled": (m,)}."""
    return {pixels: as_pixels(X, pixels) @ w + b for pixels, (w, b) in models.items()}


def threshold_test(z_val, y_val, z_test, y_test, goal=PRECISION_GOAL):
    """Chapter 11's threshold: the most recall at precision >= `goal` on the validation
    images, then the test images' counts at it, once.

    Parameters
    ----------
    z_val, z_test : ndarray, shape (m_val,) and (m_test,)
        A binary model's logits on the validation and the test images.
    y_val, y_test : ndarray of int, the same shapes
        Their 0/1 labels.
    goal : float
        The least precision wanted, in (0, 1].

    Returns
    -------
    threshold, precision, recall : float
        "Yes" when z >= threshold; its validation precision and recall.
    tp, fp, fn : int
        The test images' true positives, false positives and false negatives.

    Raises
    ------
    ValueError
        No threshold reaches `goal` on the validation images.
    """
    threshold, precision, recall = threshold_for_precision(z_val, y_val, goal)
    (_, fp), (fn, tp) = confusion((z_test >= threshold).astype(int), y_test)
    return threshold, precision, recall, int(tp), int(fp), int(fn)


def right(W, b, X, y):
    """Whether softmax weights `W`, `b` classify each row of `X` right: bool, shape (m,)."""
    return predict_softmax(W, b, X) == y


def epochs_for(n, steps, batch_size=SOFTMAX_SGD["batch_size"]):
    """Epochs that give about `steps` steps of `batch_size` on `n` images (at least one)."""
    return max(1, round(steps * batch_size / n))


def learning_curve(X, y, X_val, y_val, sizes, *, seed=0, steps=1000):
    """Chapter 6's learning curve: train and validation accuracy against the training images.

    Each size trains chapter 5's model on the first `n` rows of `X` for about
    `steps` steps (the same work whatever the size, so only the data differ).
    The same number of steps does not bring every size equally close to a
    minimum of its cost (5.4): on a few hundred images the cost has no
    minimum at all (it keeps falling as the weights grow), and on 50,000 a
    minimum is far more steps away.  So each row also gives the length of the
    cost's gradient on its `n` training images where the training stopped,
    which would be 0 at a minimum.

    Parameters
    ----------
    X, y : ndarray, shapes (m, d) and (m,)
        Training images and labels, already in random order.
    X_val, y_val : ndarray, shapes (m_val, d) and (m_val,)
        The validation images and labels.
    sizes : sequence of int
        Training set sizes n <= m.
    seed : int
        Random seed of the batches' order.
    steps : int
        Steps of training for every size (``epochs_for``).

    Returns
    -------
    list of (n, train accuracy %, validation right, gradient length)
        validation right : ndarray of bool, shape (m_val,), whether each
        validation image is classified right; gradient length : float,
        sqrt(||dW||^2 + ||db||^2) of the cost (5.6) on the `n` training
        images, at the weights the training ended with.
    """
    rows = []
    for n in sizes:
        W, b, _ = fit_softmax(X[:n], y[:n], generators(seed, 2)[1],
                              epochs=epochs_for(n, steps))
        _, dW, db = propagate_softmax(W, b, X[:n], y[:n])
        gradient = float(np.sqrt(np.sum(dW ** 2) + np.sum(db ** 2)))
        rows.append((n, 100 * right(W, b, X[:n], y[:n]).mean(), right(W, b, X_val, y_val),
                     gradient))
    return rows


def l2_path(X, y, X_val, y_val, l2s, *, seed=0, steps=1000):
    """Chapter 6's L2 path: for each penalty, the weights, train accuracy and validation hits.

    Each trains chapter 5's model on the cost (5.4), -(1/m) sum_i log P_{i y_i} +
    (l2 / 2) ||W||^2, for about `steps` steps; `X`, `y`, `X_val`, `y_val`, `seed`
    and `steps` as in `learning_curve`, and `l2s` the penalties (floats >= 0).

    Returns
    -------
    list of (l2, (W, b), train accuracy %, validation right : ndarray of bool)
    """
    rows = []
    for l2 in l2s:
        W, b, _ = fit_softmax(X, y, generators(seed, 2)[1], epochs=epochs_for(len(y), steps),
                              l2=l2)
        rows.append((l2, (W, b), 100 * right(W, b, X, y).mean(), right(W, b, X_val, y_val)))
    return rows


def early_stopping(X, y, X_val, y_val, *, epochs, rate, seed=0):
    """Chapter 6's early stopping: a constant rate, validation accuracy after every epoch.

    Trains chapter 5's model on `X` (m, d), `y` (m,) for `epochs` epochs at the
    constant `rate` (no decay), scoring `X_val` (m_val, d), `y_val` (m_val,)
    after each, and keeps the weights of the best epoch.

    Returns
    -------
    train, val : ndarray, shape (epochs,)
        Train and validation accuracy in % after each epoch.
    best : int
        The epoch (counted from 1) with the highest validation accuracy, the first if tied.
    W, b : ndarray
        The weights after that epoch.
    """
    train, val, kept = [], [], {}

    def record(epoch, W, b, cost):
        train.append(100 * right(W, b, X, y).mean())
        val.append(100 * right(W, b, X_val, y_val).mean())
        if val[-1] > max(val[:-1], default=-1):
            kept["best"] = (epoch + 1, W.copy(), b.copy())

    fit_softmax(X, y, generators(seed, 2)[1], epochs=epochs, rate=rate, decay="none",
                callback=record)
    best, W, b = kept["best"]
    return np.array(train), np.array(val), best, W, b


def roughness(W):
    """How noisy weight maps are: chapter 4's measure, which its exercise 1 and chapter 9's quote.

    Parameters
    ----------
    W : ndarray, shape (784, k)
        One 28 x 28 map a column.

    Returns
    -------
    float
        mean |M(u, v + 1) - M(u, v)| / mean |M(u, v)| over the k maps M, (4.3): how much
        horizontally neighbouring weights differ, for the typical weight's size.
    """
    maps = np.asarray(W).T.reshape(-1, 28, 28)
    return float(np.abs(np.diff(maps, axis=2)).mean() / np.abs(maps).mean())


def curvature_bound(X, l2, most=0.5):
    """Chapter 7's L (7.7), an upper bound on the penalised cost's curvature, and a rate.

    Parameters
    ----------
    X : ndarray, shape (m, d)
    l2 : float
        The weight lambda of the penalty (l2 / 2) ||W||^2.
    most : float
        The most each image's weight in the curvature can be: 1/2 for
        softmax (its variance, (7.5) and exercise 7.5), 1/4 for the binary
        model (a (1 - a), chapter 10).

    Returns
    -------
    L : float
        most * eig_max([X 1]^T [X 1] / m) + l2: no direction, anywhere,
        curves by more (the cost may curve much less).
    rate : float
        2 / (L + l2): the best fixed rate 2 / (L + mu) for a quadratic whose
        curvatures lie between mu and L, with l2 put in place of mu.  That
        is a convenient choice, not a bound: along the biases, which the
        penalty does not touch, the cost can curve by less than l2.  The
        rate is below 2 / L, so every step lowers the cost.
    """
    X1 = np.hstack([X, np.ones((len(X), 1))])
    L = float(most * np.linalg.eigvalsh(X1.T @ X1 / len(X))[-1] + l2)
    return L, 2 / (L + l2)


def softmax_minimum(X, y, l2, k=10):
    """The penalised softmax cost minimised by scipy's L-BFGS-B: chapter 7's reference.

    Parameters
    ----------
    X : ndarray, shape (m, d)
    y : ndarray of int, shape (m,)
    l2 : float
    k : int

    Returns
    -------
    W : ndarray, shape (d, k)
    b : ndarray, shape (k,)
    result : scipy.optimize.OptimizeResult
        Its ``fun`` is J at the minimum, ``nit`` the iterations, ``jac`` the
        gradient there (flat, W's entries then b's).
    """
    d = X.shape[1]

    def objective(theta):
        J, dW, db = propagate_softmax(theta[:-k].reshape(d, k), theta[-k:], X, y, l2)
        return J, np.concatenate([dW.ravel(), db])

    result = minimize(objective, np.zeros(d * k + k), jac=True, method="L-BFGS-B",
                      options={"maxiter": 10000, "ftol": 1e-15, "gtol": 1e-10})
    return result.x[:-k].reshape(d, k), result.x[-k:], result


def gradient_check(f, w, b, rng, *, entries=785, always=(), scale=1.0):
    """Chapter 7's check: an analytic gradient against central differences (7.1).

    Every entry of (w, b) costs two evaluations of the cost, so a model with
    7850 parameters is checked at `entries` of them: the entries in `always`
    and the rest picked at random (all of them when it has no more).

    Parameters
    ----------
    f : callable
        ``f(w, b)`` returns ``(J, dw, db)``, the cost and its gradients.
    w : ndarray, shape (d,) or (d, k)
    b : float, or ndarray of shape (k,)
    rng : numpy.random.Generator
        Picks the entries.
    entries : int
        How many entries to check (all n when n is smaller), `always`
        among them and the rest drawn at random.
    always : sequence of int
        Entries checked whatever the draw, as indices into ``theta``, the
        entries of w (flattened) then those of b.
    scale : float
        What the numerical gradient is multiplied by before the comparison
        (1 when f's cost is the one whose gradient f returns, as for all of
        chapter 7's models).

    Returns
    -------
    analytic : ndarray, shape (n,)
        All n entries of (dw, db), flattened like theta.
    picks : ndarray of int, shape (p,)
        The entries checked, sorted.
    numerical : ndarray, shape (p,)
        `scale` times the central differences of J along those entries.
    error : float
        The relative error (7.3) of the two vectors of the entries checked,
        ||a - n|| / (||a|| + ||n||) with a = analytic[picks], n = numerical.
    """
    w, b = np.asarray(w, dtype=float), np.asarray(b, dtype=float)
    _, dw, db = f(w, b)
    analytic = np.concatenate([np.ravel(dw), np.ravel(db)])
    n = analytic.size
    always = np.unique(np.asarray(always, dtype=int))
    others = np.setdiff1d(np.arange(n), always)
    drawn = rng.choice(others, size=max(min(entries, n) - always.size, 0), replace=False)
    picks = np.sort(np.concatenate([always, drawn]))

    def cost(theta):
        return f(theta[:w.size].reshape(w.shape), theta[w.size:].reshape(b.shape))[0]

    theta = np.concatenate([w.ravel(), b.ravel()])
    numerical = scale * numerical_gradient(cost, theta, entries=picks)
    a = analytic[picks]
    error = float(np.linalg.norm(a - numerical) / (np.linalg.norm(a) + np.linalg.norm(numerical)))
    return analytic, picks, numerical, error
