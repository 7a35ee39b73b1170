import time


def deskew(X):
    """Slow (50 ms of computing a call) and wrong (it returns the images as they are), so
    that the search for a smaller failing input outlasts the time limit."""
    start = time.process_time()
    while time.process_time() - start < 0.05:
        pass
    return X.copy()
