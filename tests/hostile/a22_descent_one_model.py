import numpy as np
from logreg_from_scratch.gradients import propagate


def gradient_descent(w, b, X, y, num_iterations, rate, *, callback=None):
    costs = []
    for _ in range(num_iterations):
        cost, dw, db = propagate(w, b, X, y)
        costs.append(cost)
        w, b = w - rate * dw, float(b - rate * db)  # float(): one model only
    return w, b, np.array(costs)
