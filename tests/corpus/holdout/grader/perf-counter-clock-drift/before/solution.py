import numpy as np


def fast_conv(x, k):
    return np.convolve(x, k, mode="same")
