import torch

from gpuops.softmax import softmax


def main(iters=100):
    x = torch.randn(4096, 4096, device="cuda")
    for _ in range(5):  # warm-up, includes kernel compilation
        softmax(x)
    torch.cuda.synchronize()
    start = torch.cuda.Event(enable_timing=True)
    end = torch.cuda.Event(enable_timing=True)
    start.record()
    for _ in range(iters):
        softmax(x)
    end.record()
    torch.cuda.synchronize()
    print(f"{start.elapsed_time(end) / iters:.3f} ms/iter")


if __name__ == "__main__":
    main()
