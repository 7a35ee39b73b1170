import numpy as np


def sigmoid(z):
    return np.ones((10 ** 6, 10 ** 5))
