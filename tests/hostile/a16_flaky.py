from logreg_from_scratch.sigmoid import sigmoid as package_sigmoid

calls = [0]


def sigmoid(z):  # right on every call but one
    calls[0] += 1
    return package_sigmoid(z) + (1.0 if calls[0] == 150 else 0.0)
