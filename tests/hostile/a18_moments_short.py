from logreg_from_scratch.deskew import moments as package_moments


def moments(X):
    return package_moments(X)[:2]
