import numpy as np
from logreg_from_scratch.deskew import deskew as package_deskew


def deskew(X):
    return np.clip(package_deskew(X), 0, 1)
