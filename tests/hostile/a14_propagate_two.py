from logreg_from_scratch.gradients import propagate as package_propagate


def propagate(w, b, X, y):
    cost, dw, db = package_propagate(w, b, X, y)
    return cost, dw
