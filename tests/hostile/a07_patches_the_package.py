import logreg_from_scratch.cost
import logreg_from_scratch.sigmoid

logreg_from_scratch.sigmoid.log_sigmoid = lambda z: 0 * z  # the reference of the next file


def cross_entropy(z, y):
    return 0.0
