from imgresize.resize import resize_nearest


def test_downscale():
    assert resize_nearest([1, 2, 3, 4], 2, 2, 1, 1) == [1]


def test_large_image():
    px = list(range(4000 * 3000))
    assert len(resize_nearest(px, 4000, 3000, 400, 300)) == 120000
