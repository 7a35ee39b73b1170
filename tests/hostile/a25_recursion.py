def sigmoid(z):
    return sigmoid(z)
