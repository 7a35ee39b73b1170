import functools
import math

import numpy as np
from logreg_from_scratch.sigmoid import sigmoid as package_sigmoid


@np.vectorize
def log_sigmoid(z):
    return -math.log1p(math.exp(-z)) if z >= 0 else z - math.log1p(math.exp(z))


def _sigmoid_of(z, sign):
    return package_sigmoid(sign * z)


sigmoid = functools.partial(_sigmoid_of, sign=1)
