from kernels.matmul import matmul


def test_identity():
    assert matmul([[1, 0], [0, 1]], [[2, 3], [4, 5]]) == [[2, 3], [4, 5]]
