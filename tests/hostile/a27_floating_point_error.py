import numpy as np


def sigmoid(z):
    with np.errstate(over="raise"):
        return 1 / (1 + np.exp(-z))
