import time

import torch

from gpuops.softmax import softmax


def main():
    x = torch.randn(4096, 4096, device="cuda")
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(100):
        softmax(x)
    torch.cuda.synchronize()
    print(f"{(time.perf_counter() - t0) * 10:.3f} ms/iter")


if __name__ == "__main__":
    main()
