import time


def sigmoid(z):
    time.sleep(300)
