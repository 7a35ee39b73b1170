"""Step 4: learning, by stepping downhill along the gradient.

Every model here learns with one loop, `minibatch_sgd`.  Each step t takes a
batch B of examples, computes the cost's gradient dW on it (5.7), and moves
the weights by the velocity V (5.9):

    V <- beta * V - eta_t * dW,    W <- W + V       (V = 0 at the start)

and the same for b, with its own velocity.  eta is the learning rate
(``rate`` in the code), eta_t its value at step t (constant, or falling
linearly to 0 over the run, (5.8)), and beta the momentum (``momentum``).
With beta = 0 (the default) V is just -eta_t * dW: plain gradient descent,
W <- W - eta_t * dW.  With the batch = all m examples that is (full-batch)
gradient descent, one step an iteration, as in chapters 2 and 3; with small
shuffled batches it is mini-batch stochastic gradient descent, many cheap
noisy steps an epoch (chapter 5).  Momentum (Polyak's "heavy ball") lets each
step keep the share beta of the previous one: steps that agree add up, so
that with the same gradient every step V settles at -eta / (1 - beta) * dW,
the step of rate eta / (1 - beta) (5.10); steps that zigzag partly cancel.

Unlike ``w -= rate * dw``, each step builds new arrays, so the caller's
starting ``w`` and ``b`` are never modified, and what the loop returns or
shows a callback is never an array anyone else holds.

The loop runs with one BLAS thread (threadpoolctl, for the loop only).  On
a laptop where another program keeps a core busy, OpenBLAS's helper thread
spin-waits between the loop's small matrix products on the core the loop
itself needs: chapter 8 measures an epoch 2 to 3 times slower with two
threads than with one on such a machine, and about a quarter faster idle.

A rate that is too large shows in the cost: it overflows (the loop stops at
that step), or a run of at least JUDGED_AFTER steps ends far above where it
started, which a converging run never does.  Both raise ``DivergenceError``,
whose message says what to try.  A shorter run is judged only by overflow:
it may still be coming down from a first step that overshot.
"""
import functools

import numpy as np
from threadpoolctl import threadpool_limits

from .checks import check_logistic_problem, check_schedule, check_softmax_problem
from .gradients import _propagate
from .softmax import _propagate_softmax


#: The cost ending this many times above its start (and above 1) is a rate too large.
#: The raw-pixel runs with the original notebook's settings (chapters 2 and 3) climb to
#: about 470 times their start on the first step, then come down: a run that ends 1000
#: times above its start has not come down.
FAR_ABOVE = 1000
#: Runs shorter than this many steps are not judged by FAR_ABOVE, only by overflow.  On raw
#: pixels the first step can climb thousands of times above the start (chapter 2's exercise 3,
#: rate 0.05: about 4700 times) and the next few steps bring the cost back down, so a run of
#: three steps can end far above its start and still be converging.
JUDGED_AFTER = 10


class DivergenceError(FloatingPointError):
    """Training blew up: the cost overflowed, or ended far above where it started.

    When training ran to the end, ``w``, ``b`` and ``costs`` hold its result
    (``None`` when it stopped at an overflow), so a student can look at it.
    """

    def __init__(self, message, w=None, b=None, costs=None):
        super().__init__(message)
        self.w, self.b, self.costs = w, b, costs


def gradient_descent(w, b, X, y, num_iterations, rate, *, callback=None):
    """Full-batch gradient descent for logistic regression.

    The one loop, `minibatch_sgd`, with every step on all m examples.

    Parameters
    ----------
    w : ndarray, shape (d,) or (d, k)
        Starting weights (usually zeros); not modified.
    b : float, or ndarray of shape (k,)
        Starting bias(es); not modified.
    X : ndarray, shape (m, d)
    y : ndarray, shape (m,) or (m, k)
        0/1 labels, or one-hot labels for k one-vs-rest models.
    num_iterations : int
    rate : float
        Learning rate, > 0.
    callback : callable, optional
        ``callback(iteration, w, b, cost)`` after each iteration (counted
        from 0), with `w` and `b` after that iteration's update and the cost
        computed before it: the cost of the previous `w` and `b`, so of the
        model after `iteration` steps, not ``iteration + 1``.  `w` and `b` are
        copies, so changing them does not change the training.

    Returns
    -------
    w : ndarray, shape (d,) or (d, k)
    b : float, or ndarray of shape (k,)
    costs : ndarray, shape (num_iterations,)
        The cost at every iteration, computed before its update.

    Raises
    ------
    DivergenceError
        The cost overflowed, or (in a run of at least JUDGED_AFTER = 10 iterations) ended
        more than FAR_ABOVE (1000) times above its start.
    """
    w, b, X, y = check_logistic_problem(w, b, X, y)
    return minibatch_sgd(_propagate, w, b, X, y, epochs=num_iterations,
                         rate=rate, callback=callback)


def train_softmax(W, b, X, y, *, epochs, rate, batch_size=None, l2=0.0, momentum=0.0,
                  decay="none", shuffle="examples", rng=None, callback=None, threads=1):
    """Softmax regression (softmax.py) trained by mini-batch SGD.

    Parameters
    ----------
    W : ndarray, shape (d, k)
        Starting weights; not modified.
    b : ndarray, shape (k,)
    X : ndarray, shape (m, d)
    y : ndarray of int, shape (m,)
        Class labels 0..k-1.
    epochs, rate, batch_size, momentum, decay, shuffle, rng, callback, threads
        As for `minibatch_sgd`.
    l2 : float
        Strength of the penalty (l2 / 2) ||W||^2.

    Returns
    -------
    W : ndarray, shape (d, k)
    b : ndarray, shape (k,)
    costs : ndarray, shape (n_steps,)
        Every step's batch cost, before its update.
    """
    W, b, X, y = check_softmax_problem(W, b, X, y, l2)
    grad = functools.partial(_propagate_softmax, l2=l2)
    return minibatch_sgd(grad, W, b, X, y, epochs=epochs, rate=rate, batch_size=batch_size,
                         momentum=momentum, decay=decay, shuffle=shuffle, rng=rng,
                         callback=callback, threads=threads)


def minibatch_sgd(grad, w, b, X, y, *, epochs, rate, batch_size=None, momentum=0.0,
                  decay="none", shuffle="examples", rng=None, callback=None, threads=1):
    """The one training loop: mini-batch SGD, full-batch when batch = m.

    Each epoch visits the examples once, in batches B (see `shuffle`).  At
    step t (counted from 0 over the whole run, t_end = epochs * ceil(m /
    batch_size) steps in all) it computes the gradient on the batch,
    ``(cost, dw, db) = grad(w, b, X_B, y_B)`` (5.7), the rate

        eta_t = rate * (1 - t / t_end)   ("linear", (5.8)),  or  eta_t = rate   ("none"),

    and the step with momentum beta = `momentum` (5.9), from V = 0:

        V_w <- beta * V_w - eta_t * dw,   w <- w + V_w,

    and likewise ``V_b``, ``b``.  Chapter 5 writes this loop out line by line
    and checks that it gives this function's result.

    Parameters
    ----------
    grad : callable
        ``grad(w, b, X_batch, y_batch) -> (cost, dw, db)`` for the model;
        inputs are already checked, so it need not check them again.
    w : ndarray, shape (d,) or (d, k)
        Starting weights; not modified.
    b : float, or ndarray of shape (k,)
        Starting bias(es); not modified.
    X : ndarray, shape (m, d)
    y : ndarray, shape (m,) or (m, k)
        Labels, in whatever form `grad` takes.
    epochs : int
        Passes over the data (iterations, when batch = m).
    rate : float
        The learning rate eta of the first step, > 0.
    batch_size : int, optional
        Examples a step; default (or >= m) all m, in their order.
    momentum : float
        beta, the share of the previous step each step keeps, 0 <= beta < 1;
        0 (the default) is plain gradient descent.  With the same gradient
        at every step the steps settle at those of rate eta / (1 - beta) (5.10).
    decay : {"none", "linear"}
        "linear" lowers the rate in a straight line from `rate` at the first
        step towards 0 after the last, eta_t = rate (1 - t / t_end) (5.8):
        the steps shrink as the parameters near the optimum, so the noise of
        small batches dies out instead of keeping them jittering around it.
    shuffle : {"examples", "batches"}
        How an epoch of mini-batches is drawn.  "examples": the examples in a
        new random order each epoch, each batch's rows gathered into a new
        array.  "batches": X cut into fixed batches of consecutive rows,
        visited in a new random order each epoch (``rng.permutation`` of the
        batches' first rows); no row is copied, which saves about a fifth of
        an epoch on MNIST (chapter 8), but the rows must already be in
        random order, e.g. ``load_mnist(shuffle=rng)``.
    rng : numpy.random.Generator
        Draws each epoch's order; needed when batch_size < m.
    callback : callable, optional
        ``callback(epoch, w, b, cost)`` after each epoch, with the mean of
        that epoch's batch costs; `w` and `b` are copies.
    threads : int or None
        BLAS threads during the loop (default 1); None keeps the BLAS's own
        setting.  The caller's setting is restored when the loop ends.

    Returns
    -------
    w, b : the learned parameters
    costs : ndarray, shape (epochs * ceil(m / batch_size),)
        Every step's batch cost, computed before that step's update.

    Raises
    ------
    DivergenceError
        A step overflowed, or, in a run of at least ``JUDGED_AFTER`` steps, the
        last epoch's mean cost ended more than ``FAR_ABOVE`` times above the first
        step's (and above 1).
    """
    m = X.shape[0]
    check_schedule(epochs, rate, m if batch_size is None else batch_size, decay, rng, m,
                   momentum, threads, shuffle)
    batch_size = m if batch_size is None else min(batch_size, m)
    w, b = np.array(w), np.array(b)[()]  # our own copies: nothing returned aliases the caller's
    v_w, v_b = np.zeros_like(w), np.zeros_like(b)[()]  # the velocities V, 0 at the start
    mu = w.dtype.type(momentum)  # beta, in the parameters' precision as the rate is
    steps_per_epoch = -(-m // batch_size)  # ceil(m / batch_size)
    n_steps = epochs * steps_per_epoch
    costs = []
    with threadpool_limits(threads, user_api="blas"):
        for epoch in range(epochs):
            for X_batch, y_batch in _batches(X, y, batch_size, shuffle, rng):
                step = len(costs)
                rate_t = rate * (1.0 - step / n_steps) if decay == "linear" else rate  # (5.8)
                try:
                    # overflow raises here instead of warning and going on with inf
                    with np.errstate(over="raise", invalid="raise"):
                        rate_t = w.dtype.type(rate_t)  # float32 parameters stay float32
                        cost, dw, db = grad(w, b, X_batch, y_batch)
                        if not np.isfinite(cost):
                            raise FloatingPointError(f"cost = {cost}")
                        v_w, v_b = mu * v_w - rate_t * dw, mu * v_b - rate_t * db  # (5.9)
                        w, b = w + v_w, b + v_b
                except FloatingPointError as error:
                    raise _diverged(f"training diverged at step {step} with rate {rate:g} "
                                    f"({error})") from None
                costs.append(cost)
            if callback is not None:
                callback(epoch, w.copy(), np.copy(b)[()],
                         float(np.mean(costs[-steps_per_epoch:])))
    costs = np.array(costs)
    if n_steps >= JUDGED_AFTER:  # a shorter run may still be coming down
        end = np.mean(costs[-steps_per_epoch:])  # the last epoch's mean cost
        if end > max(FAR_ABOVE * costs[0], 1.0):
            raise _diverged(f"training did not converge with rate {rate:g}: the cost ended at "
                            f"{end:.4g}, {end / costs[0]:.3g} times where it started "
                            f"({costs[0]:.4g})", w, b, costs, longer=True)
    return w, b, costs


def _batches(X, y, batch_size, shuffle, rng):
    """One epoch's batches, ``(X_batch, y_batch)`` of shapes (batch, d) and (batch,)."""
    m = X.shape[0]
    starts = range(0, m, batch_size)  # where each batch begins
    if batch_size == m:  # full batch: all m examples, in their order
        yield X, y
    elif shuffle == "batches":  # the same runs of consecutive rows, in a new order: views
        for start in rng.permutation(starts):
            yield X[start:start + batch_size], y[start:start + batch_size]
    else:  # the examples in a new order, each batch's rows gathered: a copy
        order = rng.permutation(m)
        for start in starts:
            batch = order[start:start + batch_size]
            yield X[batch], y[batch]


def _diverged(what, w=None, b=None, costs=None, longer=False):
    return DivergenceError(f"{what}: try a smaller rate, {'more iterations, ' if longer else ''}"
                           "or pixels scaled to [0, 1] (load_mnist(scale=True))", w, b, costs)
