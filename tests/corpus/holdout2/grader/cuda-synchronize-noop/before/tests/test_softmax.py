import torch

from gpuops.softmax import softmax


def test_rows_sum_to_one():
    assert torch.allclose(softmax(torch.randn(4, 8)).sum(-1), torch.ones(4))
