import numpy as np


def sigmoid(z):
    e = np.exp(-np.abs(z))
    out = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return out if z.ndim else out.item()  # no .ndim on a Python float
