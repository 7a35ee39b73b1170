def sigmoid(z):
    raise SystemExit
