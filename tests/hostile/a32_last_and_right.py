import numpy as np


def log_one_minus_sigmoid(z):
    return -np.logaddexp(0, z)
