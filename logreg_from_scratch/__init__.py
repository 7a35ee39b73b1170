"""Logistic regression from scratch in NumPy, taught on MNIST.

The package follows the derivation one step a module; import from the module
that implements the step, as the chapters do::

    from logreg_from_scratch.idx_data import load_mnist      # step 0: the data
    from logreg_from_scratch.sigmoid import sigmoid          # step 1: a = sigma(z)
    from logreg_from_scratch.cost import cross_entropy       # step 2: J
    from logreg_from_scratch.gradients import propagate      # step 3: dJ/dw, dJ/db
    from logreg_from_scratch.optimize import gradient_descent  # step 4: learn
    from logreg_from_scratch.predict import predict, accuracy  # step 5: use it

Nothing is re-exported here on purpose, so that no function shadows the
module of the same name (``logreg_from_scratch.sigmoid`` is a module).
"""

__version__ = "0.1.0"
