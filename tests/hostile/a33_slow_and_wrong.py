import time

import numpy as np
from logreg_from_scratch.deskew import deskew as package_deskew


def deskew(X):
    """Right for one or two images, wrong for more, and slow: 50 ms of computing a call, so
    that the search for a smaller failing input outlasts the time limit."""
    start = time.process_time()
    while time.process_time() - start < 0.05:
        pass
    return np.array([package_deskew(X[i:i + 1])[0] for i in range(min(len(X), 2))])
