import unittest

from matrixlib import matmul


class MatmulTest(unittest.TestCase):
    def test_identity(self):
        self.assertEqual(matmul([[1, 0], [0, 1]], [[5, 6], [7, 8]]), [[5, 6], [7, 8]])
