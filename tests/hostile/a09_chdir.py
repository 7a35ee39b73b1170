import os

import numpy as np

os.chdir("/")  # the next file's relative path must still be found


def predict(w, b, X):
    z = X @ w + b
    return (z > 0).astype(int) if np.ndim(w) == 1 else np.argmax(z, axis=1)
