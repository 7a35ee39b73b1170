def propagate(w, b, X, y):
    return None
