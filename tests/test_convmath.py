"""utils.convmath: the syllabus' worked examples, agreement of the numpy
reference with scipy and with Keras, the slide formulas, and every error."""

import re

import numpy as np
import pytest
from scipy import signal

from utils import convmath as F

SHARPEN_INPUT = np.array([
    [60, 113, 56, 139, 85],
    [73, 121, 54, 84, 128],
    [131, 99, 70, 129, 127],
    [80, 57, 115, 69, 134],
    [104, 126, 123, 95, 130],
])
EDGE_INPUT = np.array([
    [3, 1, 0, 2, 1, 0],
    [2, 0, 1, 3, 2, 1],
    [0, 1, 2, 1, 0, 3],
    [4, 0, 3, 2, 2, 1],
    [1, 1, 0, 1, 0, 1],
    [3, 2, 1, 0, 2, 1],
])
POOL_INPUT = np.array([
    [12, 5, 3, 9, 1, 23],
    [8, 6, 55, 6, 13, 62],
    [41, 8, 3, 51, 22, 27],
    [32, 67, 53, 12, 26, 17],
    [9, 22, 15, 8, 57, 62],
    [23, 53, 25, 75, 12, 9],
])


def x_image():
    image = np.zeros((7, 7), dtype=int)
    for i in range(5):
        image[1 + i, 1 + i] = image[1 + i, 5 - i] = 1
    return image


def three_channel_example():
    x = np.stack([
        [[0, 0, 1, 0, 2], [1, 0, 2, 0, 1], [1, 0, 2, 2, 0], [2, 0, 0, 2, 0], [2, 1, 2, 2, 0]],
        [[2, 1, 2, 1, 1], [2, 1, 2, 0, 1], [0, 2, 1, 0, 1], [1, 2, 2, 2, 2], [0, 1, 2, 0, 1]],
        [[2, 1, 1, 2, 0], [1, 0, 0, 1, 0], [0, 1, 0, 0, 0], [1, 0, 2, 1, 0], [2, 2, 1, 1, 1]],
    ], axis=-1)
    w0 = np.stack([[[-1, 0, 1], [0, 0, 1], [1, -1, 1]],
                   [[-1, 0, 1], [1, -1, 1], [0, 1, 0]],
                   [[-1, 1, 1], [1, 1, 0], [0, -1, 0]]], axis=-1)
    w1 = np.stack([[[0, 1, -1], [0, -1, 0], [0, -1, 1]],
                   [[-1, 0, 0], [1, -1, 0], [1, -1, 0]],
                   [[-1, 1, -1], [0, -1, -1], [1, 0, 0]]], axis=-1)
    expected = np.stack([[[2, 3, 3], [3, 7, 3], [8, 10, -3]],
                         [[-8, -8, -3], [-3, 1, 0], [-3, -8, -5]]], axis=-1)
    return x, np.stack([w0, w1], axis=-1), np.array([1, 0]), expected


# ---------------------------------------------------------------- worked examples

def test_sharpen_valid_matches_slide():
    expected = np.array([[266, -61, -30], [116, -47, 295], [-135, 256, -128]])
    out = F.conv2d(SHARPEN_INPUT, F.KERNELS["sharpen"])
    assert out.dtype == np.int64
    np.testing.assert_array_equal(out, expected)
    np.testing.assert_array_equal(F.apply_with_conv2d(SHARPEN_INPUT, F.KERNELS["sharpen"])[..., 0], expected)


def test_sharpen_same_matches_slide():
    expected = np.array([
        [114, 328, -26, 470, 158],
        [53, 266, -61, -30, 344],
        [403, 116, -47, 295, 244],
        [108, -135, 256, -128, 344],
        [314, 346, 279, 153, 421],
    ])
    np.testing.assert_array_equal(F.conv2d(SHARPEN_INPUT, F.KERNELS["sharpen"], padding="same"), expected)
    np.testing.assert_array_equal(F.conv2d(SHARPEN_INPUT, F.KERNELS["sharpen"], padding=1), expected)
    keras_out = F.apply_with_conv2d(SHARPEN_INPUT, F.KERNELS["sharpen"], padding="same")
    np.testing.assert_array_equal(keras_out[..., 0], expected)


def test_vertical_edge_6x6_matches_slide():
    expected = np.array([[2, -4, 0, 2], [0, -5, 2, 1], [0, -2, 3, -1], [4, 0, 0, 0]])
    np.testing.assert_array_equal(F.conv2d(EDGE_INPUT, F.KERNELS["vertical_edge"]), expected)


def test_x_detector_with_relu_matches_slide():
    expected = {
        "x_detector": [[2, 0, 2, 0, 2], [0, 3, 0, 3, 0], [2, 0, 5, 0, 2], [0, 3, 0, 3, 0], [2, 0, 2, 0, 2]],
        "x_main_diagonal": [[2, 0, 0, 0, 0], [0, 3, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 3, 0], [0, 0, 0, 0, 2]],
        "x_anti_diagonal": [[0, 0, 0, 0, 2], [0, 0, 0, 3, 0], [0, 0, 1, 0, 0], [0, 3, 0, 0, 0], [2, 0, 0, 0, 0]],
    }
    names = list(expected)
    for name in names:
        np.testing.assert_array_equal(np.maximum(F.conv2d(x_image(), F.KERNELS[name]), 0), expected[name])
    keras_out = F.apply_with_conv2d(x_image(), [F.KERNELS[n] for n in names], activation="relu")
    np.testing.assert_array_equal(keras_out, np.stack([expected[n] for n in names], axis=-1))


def test_three_channel_stride_two_matches_slide():
    x, w, b, expected = three_channel_example()
    assert F.conv_output_size(5, 3, padding=1, stride=2) == 3
    np.testing.assert_array_equal(F.conv2d(x, w, padding=1, stride=2) + b, expected)
    np.testing.assert_array_equal(F.apply_with_conv2d(x, w, padding=1, stride=2, bias=b), expected)


def test_max_pooling_matches_slide():
    expected = np.array([[12, 55, 62], [67, 53, 27], [53, 75, 62]])
    np.testing.assert_array_equal(F.pool2d(POOL_INPUT, 2), expected)


def test_output_size_examples_of_the_slides():
    assert F.conv_output_size(6, 3, padding=1, stride=2) == 3
    assert F.conv_output_size(5, 3, padding=1, stride=2) == 3
    assert F.conv_output_size(6, 3) == 4
    assert F.conv_output_size(28, 3) == 26
    assert F.conv_output_size(26, 2, stride=2) == 13
    assert F.conv_output_size(5, 3, padding="same") == 5
    assert F.conv_output_size(5, 3, padding="full") == 7


def test_parameter_examples_of_the_slides():
    assert F.conv_params(3, 1, 64) == 640
    assert F.conv_params(3, 32, 16) == 4624
    assert F.conv_params(5, 6, 16) == 2416
    assert F.conv_params((3, 3), 1, 6, bias=False) == 54
    assert F.dense_params(43264, 10) == 432650
    assert F.dense_params(400, 10) == 4010


# ---------------------------------------------------------------- agreement

@pytest.mark.parametrize("mode", ["valid", "same", "full"])
def test_conv2d_matches_scipy_correlate(mode):
    rng = np.random.default_rng(1)
    for _ in range(20):
        h, w = rng.integers(5, 12, size=2)
        k = int(rng.choice([1, 3, 5]))
        image = rng.integers(-9, 10, size=(h, w))
        kernel = rng.integers(-3, 4, size=(k, k))
        np.testing.assert_array_equal(F.conv2d(image, kernel, padding=mode),
                                      signal.correlate2d(image, kernel, mode=mode))


def test_convolve2d_matches_scipy_convolve_and_flips_the_kernel():
    rng = np.random.default_rng(2)
    image = rng.normal(size=(9, 8))
    kernel = rng.normal(size=(3, 3))
    for mode in ("valid", "same", "full"):
        np.testing.assert_allclose(F.convolve2d(image, kernel, padding=mode),
                                   signal.convolve2d(image, kernel, mode=mode))
    asymmetric = np.array([[1, 2, 3], [0, 0, 0], [0, 0, 0]])
    assert not np.array_equal(F.convolve2d(image, asymmetric), F.conv2d(image, asymmetric))
    symmetric = F.KERNELS["sharpen"]
    np.testing.assert_allclose(F.convolve2d(image, symmetric), F.conv2d(image, symmetric))


def test_conv2d_sums_channels_and_stacks_filters():
    rng = np.random.default_rng(3)
    image = rng.normal(size=(7, 6, 3))
    kernel = rng.normal(size=(3, 3, 3, 2))
    out = F.conv2d(image, kernel)
    assert out.shape == (5, 4, 2)
    for f in range(2):
        per_channel = sum(signal.correlate2d(image[..., c], kernel[..., c, f], mode="valid") for c in range(3))
        np.testing.assert_allclose(out[..., f], per_channel)
    np.testing.assert_allclose(F.conv2d(image, kernel[..., 0]), out[..., 0])


def test_stride_keeps_every_sth_position():
    rng = np.random.default_rng(4)
    image = rng.integers(0, 9, size=(9, 9))
    kernel = rng.integers(-2, 3, size=(3, 3))
    full = F.conv2d(image, kernel, padding=1)
    for stride in (2, 3):
        np.testing.assert_array_equal(F.conv2d(image, kernel, padding=1, stride=stride),
                                      full[::stride, ::stride])


def test_a_stride_per_axis_keeps_every_sy_th_row_and_sx_th_column():
    rng = np.random.default_rng(6)
    image = rng.integers(0, 9, size=(9, 11))
    kernel = rng.integers(-2, 3, size=(3, 3))
    full = F.conv2d(image, kernel, padding=1)
    for sy, sx in ((1, 2), (2, 1), (3, 2), (2, 2)):
        out = F.conv2d(image, kernel, padding=1, stride=(sy, sx))
        np.testing.assert_array_equal(out, full[::sy, ::sx])
        assert out.shape == F.conv_output_size((9, 11), 3, padding=1, stride=(sy, sx))
    np.testing.assert_array_equal(F.conv2d(image, kernel, stride=[2, 2]), F.conv2d(image, kernel, stride=2))
    np.testing.assert_array_equal(F.convolve2d(image, kernel, stride=(2, 1)),
                                  signal.convolve2d(image, kernel, mode="valid")[::2, ::1])


def test_conv_output_size_per_axis():
    assert F.conv_output_size((5, 5), 3, padding=1, stride=(1, 2)) == (5, 3)
    assert F.conv_output_size(28, 3, padding="same", stride=(2, 1)) == (14, 28)
    assert F.conv_output_size((32, 48), (5, 3), stride=(1, 2)) == (28, 23)
    assert F.conv_output_size((6, 6), 3, padding=1, stride=2) == (3, 3)
    assert F.conv_output_size(6, 3, padding=1, stride=2) == 3  # all ints: one int, as before


@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize("strides", [(1, 2), (2, 1), (2, 3), (3, 1)])
def test_conv_output_size_per_axis_matches_keras(padding, strides):
    import keras

    for h, w in ((5, 5), (6, 9), (28, 28), (32, 47)):
        for k in (1, 3, 5):
            layer = keras.layers.Conv2D(1, k, strides=strides, padding=padding)
            shape = layer.compute_output_shape((None, h, w, 1))
            assert tuple(shape[1:3]) == F.conv_output_size((h, w), k, padding=padding, stride=strides)


@pytest.mark.parametrize("strides", [(1, 2), (2, 1), (3, 2)])
def test_a_stride_per_axis_matches_keras_conv2d(strides):
    """The same numbers as a Keras Conv2D with strides=(sy, sx): with explicit
    padding (ZeroPadding2D + 'valid'), and with 'same' where Keras pads
    symmetrically (odd sizes whose total padding is even)."""
    rng = np.random.default_rng(7)
    image = rng.integers(0, 10, size=(7, 9, 2)).astype(np.float32)
    kernel = rng.integers(-2, 3, size=(3, 3, 2, 3)).astype(np.float32)
    for padding in ("valid", 1, 2):
        out = F.apply_with_conv2d(image, kernel, padding=padding, stride=strides)
        np.testing.assert_allclose(out, F.conv2d(image, kernel, padding=padding, stride=strides), atol=1e-4)
        assert out.shape[:2] == F.conv_output_size((7, 9), 3, padding=padding, stride=strides)
    x5 = SHARPEN_INPUT.astype(np.float32)
    sy, sx = strides
    if (4 % sy == 0) and (4 % sx == 0):  # 5 pixels: Keras pads 1 and 1, the slides' 'same'
        same = F.apply_with_conv2d(x5, F.KERNELS["sharpen"], padding="same", stride=strides)[..., 0]
        np.testing.assert_allclose(same, F.conv2d(x5, F.KERNELS["sharpen"], padding="same", stride=strides))


def test_the_slides_5x5_with_stride_one_by_two_keeps_the_even_columns():
    same = F.conv2d(SHARPEN_INPUT, F.KERNELS["sharpen"], padding="same")
    out = F.apply_with_conv2d(SHARPEN_INPUT, F.KERNELS["sharpen"], padding="same", stride=(1, 2))[..., 0]
    np.testing.assert_array_equal(out, same[:, ::2])
    assert out.shape == (5, 3)


@pytest.mark.parametrize("stride, error, message", [
    ((0, 1), ValueError, "stride=(0, 1)"),
    ((1, 2, 3), ValueError, "stride=(1, 2, 3)"),
    ((2,), ValueError, "stride=(2,)"),
    ((1, 1.5), TypeError, "stride=(1, 1.5)"),
    ((True, 1), TypeError, "stride=(True, 1)"),
    ("2", TypeError, "stride='2'"),
    (0, ValueError, "stride=0"),
    (1.5, TypeError, "stride=1.5"),
])
def test_a_bad_stride_pair_names_the_argument(stride, error, message):
    for call in (lambda: F.conv2d(SHARPEN_INPUT, F.KERNELS["sharpen"], stride=stride),
                 lambda: F.conv_output_size((5, 5), 3, stride=stride),
                 lambda: F.apply_with_conv2d(SHARPEN_INPUT, F.KERNELS["sharpen"], stride=stride)):
        with pytest.raises(error, match=re.escape(message)) as raised:
            call()
        assert "(sy, sx)" in str(raised.value)


@pytest.mark.parametrize("args, error, message", [
    (((5, 0), 3), ValueError, "n=(5, 0)"),
    (((5, 5, 5), 3), ValueError, "n=(5, 5, 5)"),
    (((5, 5.0), 3), TypeError, "n=(5, 5.0)"),
    ((5, (3, 0)), ValueError, "k=(3, 0)"),
    (((5, 2), (3, 3)), ValueError, "along the columns"),
])
def test_bad_sizes_per_axis_name_the_argument(args, error, message):
    with pytest.raises(error, match=re.escape(message)):
        F.conv_output_size(*args, stride=(1, 1))


@pytest.mark.parametrize("case", range(12))
def test_conv2d_matches_keras_conv2d(case):
    """Random paddings, strides, channel and filter counts against a Keras
    Conv2D with the same weights."""
    rng = np.random.default_rng(100 + case)
    size = int(rng.integers(5, 10))
    channels = int(rng.integers(1, 4))
    filters = int(rng.integers(1, 4))
    k = int(rng.choice([1, 2, 3, 5]))
    stride = int(rng.integers(1, 4))
    padding = ["valid", int(rng.integers(0, 3)), "full", "same"][case % 4]
    if padding == "same":
        k, stride = (3 if k % 2 == 0 else k), 1  # where Keras' 'same' is the slides' padding
    image = rng.integers(0, 10, size=(size, size, channels)).astype(np.float32)
    kernel = rng.integers(-2, 3, size=(k, k, channels, filters)).astype(np.float32)
    bias = rng.integers(-2, 3, size=filters)
    expected = F.conv2d(image, kernel, padding=padding, stride=stride) + bias
    out, model = F.apply_with_conv2d(image, kernel, padding=padding, stride=stride, bias=bias,
                                     return_model=True)
    np.testing.assert_allclose(out, expected, atol=1e-4)
    assert model.count_params() == F.conv_params(k, channels, filters)
    side = F.conv_output_size(size, k, padding=padding, stride=stride)
    assert out.shape == (side, side, filters)


def test_keras_same_with_stride_two_differs_from_symmetric_padding_on_even_input():
    image = np.arange(36, dtype=np.float32).reshape(6, 6)
    kernel = F.KERNELS["vertical_edge"]
    slide = F.conv2d(image, kernel, padding=1, stride=2)
    keras_same = F.apply_with_conv2d(image, kernel, padding="same", stride=2)[..., 0]
    assert keras_same.shape == slide.shape == (3, 3)
    assert not np.allclose(keras_same, slide)
    np.testing.assert_allclose(F.apply_with_conv2d(image, kernel, padding=1, stride=2)[..., 0], slide)


@pytest.mark.parametrize("mode", ["max", "average"])
def test_pool2d_matches_keras(mode):
    import keras

    rng = np.random.default_rng(5)
    image = rng.normal(size=(8, 9, 2)).astype(np.float32)
    layer_type = keras.layers.MaxPooling2D if mode == "max" else keras.layers.AveragePooling2D
    for size, stride in ((2, None), (3, None), (2, 1), (3, 2)):
        layer = layer_type(pool_size=size, strides=stride)
        expected = np.asarray(layer(image[None]))[0]
        np.testing.assert_allclose(F.pool2d(image, size, stride=stride, mode=mode), expected, rtol=1e-6)


@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize("stride", [1, 2, 3])
def test_conv_output_size_matches_keras(padding, stride):
    import keras

    for n in (5, 6, 7, 28, 32):
        for k in (1, 3, 5):
            layer = keras.layers.Conv2D(1, k, strides=stride, padding=padding)
            shape = layer.compute_output_shape((None, n, n, 1))
            assert shape[1] == F.conv_output_size(n, k, padding=padding, stride=stride)


def test_conv_params_matches_keras():
    import keras

    for k, c, f, bias in ((3, 1, 64, True), (5, 3, 6, True), (3, 32, 16, False), ((1, 3), 4, 2, True)):
        layer = keras.layers.Conv2D(f, k, use_bias=bias)
        layer.build((None, 10, 10, c))
        assert layer.count_params() == F.conv_params(k, c, f, bias=bias)
    dense = keras.layers.Dense(120)
    dense.build((None, 256))
    assert dense.count_params() == F.dense_params(256, 120) == 30840


# ---------------------------------------------------------------- gallery

def test_the_standard_kernels_beside_the_slides_slips():
    slide_gradient, prewitt = F.KERNELS["horizontal_gradient"], F.KERNELS["prewitt_horizontal"]
    assert slide_gradient.sum() == 1 and prewitt.sum() == 0
    np.testing.assert_array_equal(slide_gradient - prewitt, F.KERNELS["identity"])
    np.testing.assert_array_equal(prewitt, -F.KERNELS["horizontal_edge"])
    laplacian = F.KERNELS["laplacian"]
    assert laplacian.sum() == 0 and np.array_equal(laplacian, laplacian.T)
    assert np.array_equal(laplacian, laplacian[::-1, ::-1])
    slide_laplacian = F.KERNELS["diagonal_laplacian"]
    assert slide_laplacian.sum() == 1 and not np.array_equal(slide_laplacian, slide_laplacian[::-1, ::-1])
    # a Laplacian answers a quadratic bump x² + y² with a constant (4 neighbours: 4; scipy's sign convention)
    i, j = np.indices((7, 7))
    np.testing.assert_array_equal(F.conv2d(i**2 + j**2, laplacian), np.full((5, 5), 4))


def test_kernel_gallery_is_read_only_and_complete():
    assert F.KERNELS["edge"].sum() == 0
    assert F.KERNELS["blur"].sum() == pytest.approx(1)
    assert set(F.KERNEL_LABELS_ES) == set(F.KERNELS)
    with pytest.raises(ValueError):
        F.KERNELS["sharpen"][0, 0] = 3
    with pytest.raises(TypeError):
        F.KERNELS["mine"] = np.ones((3, 3))
    copy = F.get_kernel("sharpen")
    copy[0, 0] = 7
    assert F.KERNELS["sharpen"][0, 0] == 0


def test_apply_with_conv2d_accepts_a_list_of_kernels_and_full_padding():
    image = np.arange(20, dtype=float).reshape(4, 5)
    kernels = [F.KERNELS["diagonal_edge"], F.KERNELS["diagonal_edge_mirror"]]
    out = F.apply_with_conv2d(image, kernels, padding="full")
    assert out.shape == (5, 6, 2)
    for f, kernel in enumerate(kernels):
        np.testing.assert_allclose(out[..., f], signal.correlate2d(image, kernel, mode="full"))


def test_pool2d_average_and_output_shape():
    out = F.pool2d(POOL_INPUT, 2, mode="average")
    assert out.shape == (3, 3)
    assert out[0, 0] == pytest.approx((12 + 5 + 8 + 6) / 4)
    assert F.pool2d(np.ones((7, 7, 3)), 2).shape == (3, 3, 3)


# Bad arguments: tests/test_bad_inputs.py.
