def sigmoid(z):
    raise KeyboardInterrupt
