"""Every public function of ``utils`` given bad input: a short ``TypeError`` or
``ValueError`` raised by ``utils`` itself (never deep in numpy, matplotlib or
Keras) whose message names the argument. One line per case; a public name
without at least three cases fails ``test_the_table_covers_every_public_name``.

Broken data files (the loaders take no arguments) are in tests/test_datasets.py.
"""

import inspect
import pkgutil
from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import utils
from utils import convmath, datasets, diagrams, explorers, gradients, models, plots, runtime

MODULES = (convmath, datasets, diagrams, explorers, gradients, models, plots, runtime)
UTILS = Path(utils.__file__).resolve().parent
HERE = Path(__file__).resolve()

# Public names with no input to get wrong, and why.
NO_INPUT = {
    "runtime.ClaimNotShownError": "an exception class: what claim raises",
    "runtime.Timer": "takes no arguments",
    "runtime.start": "takes no arguments",
    "plots.set_style": "takes no arguments",
    "explorers.widgets_available": "takes no arguments",
    "datasets.load_mnist": "takes no arguments; its inputs are the data files (tests/test_datasets.py)",
    "datasets.load_cifar10": "takes no arguments; its inputs are the data files (tests/test_datasets.py)",
    "datasets.DatasetNotFoundError": "an exception the loaders raise",
    "diagrams.draw_hubel_wiesel": "takes no arguments",
    "diagrams.draw_neocognitron": "takes no arguments",
    "diagrams.draw_cnn_timeline": "takes no arguments",
    "diagrams.draw_feature_hierarchy": "takes no arguments",
}

# ---------------------------------------------------------------- inputs the cases share

X5 = np.arange(25.0).reshape(5, 5)
SHARPEN = convmath.get_kernel("sharpen")
P6 = np.arange(36.0).reshape(6, 6)
NAN5 = np.where(X5 == 12, np.nan, X5)
WORDS = np.array([["a", "b"], ["c", "d"]])
FIG, AX = plt.subplots()
FIG3, AXES3 = plt.subplots(1, 3)
FIG2, AXES2 = plt.subplots(1, 2)
for _fig in (FIG, FIG3, FIG2):
    plt.close(_fig)  # the axes stay usable for the checks; nothing is drawn
CONV_STEP = explorers.conv_step(X5, SHARPEN)
POOL_STEP = explorers.pool_step(P6)
CONV_EXPLORER = explorers.ConvExplorer(X5)
IMAGES = np.zeros((3, 28, 28))


class FakeModel:
    """Enough of a Keras model for the checks that come before any prediction."""

    input_shape = (None, 784)

    def __call__(self, batch, training=False):
        return np.full((1, 10), 0.1, dtype="float32")

    def compile(self, **kwargs):
        pass


MODELS = {"MLP": FakeModel()}
NOT_A_FOLDER = HERE  # a file
NOWHERE = "/nonexistent/folder/for/the/test"

BATCH_X, BATCH_Y = np.ones((2, 6, 6, 1)), np.zeros(2)  # a batch for the gradient functions

CASES = [
    (diagrams.draw_lenet5_architecture, (), {"show_params": 1}, TypeError, "show_params=1"),
    (diagrams.draw_lenet5_architecture, (), {"show_params": "no"}, TypeError, "show_params='no'"),
    (diagrams.draw_lenet5_architecture, (), {"show_params": None}, TypeError, "show_params=None"),
    # function, args, kwargs, expected error, fragment of the message
    # ------------------------------------------------------------ convmath
    (convmath.get_kernel, ("sobel",), {}, ValueError, "'sobel'"),
    (convmath.get_kernel, (3,), {}, TypeError, "name=3"),
    (convmath.get_kernel, (None,), {}, TypeError, "name=None"),
    (convmath.get_kernel, (["sharpen"],), {}, TypeError, "name=['sharpen']"),
    (convmath.padding_amount, ("full", -3), {}, ValueError, "kernel_size=-3"),
    (convmath.padding_amount, ("same", 4), {}, ValueError, "padding='same'"),
    (convmath.padding_amount, ("wide", 3), {}, ValueError, "padding='wide'"),
    (convmath.padding_amount, (-1, 3), {}, ValueError, "padding=-1"),
    (convmath.padding_amount, (1.5, 3), {}, TypeError, "padding=1.5"),
    (convmath.padding_amount, (True, 3), {}, TypeError, "padding=True"),
    (convmath.padding_amount, ("same", 3.0), {}, TypeError, "kernel_size=3.0"),
    (convmath.conv2d, (np.ones((3, 3)), np.ones((5, 5))), {}, ValueError, "larger than the padded image"),
    (convmath.conv2d, (X5, np.ones((2, 2))), {"padding": "same"}, ValueError, "padding='same'"),
    (convmath.conv2d, (X5, np.ones((3, 4))), {"padding": "same"}, ValueError, "3×4 kernel"),
    (convmath.conv2d, (X5, SHARPEN), {"stride": 0}, ValueError, "stride=0"),
    (convmath.conv2d, (X5, SHARPEN), {"stride": 1.5}, TypeError, "stride=1.5"),
    (convmath.conv2d, (np.ones(5), SHARPEN), {}, ValueError, "image has shape (5,)"),
    (convmath.conv2d, (np.ones((0, 5)), SHARPEN), {}, ValueError, "image has shape (0, 5)"),
    (convmath.conv2d, (np.ones((5, 5, 3)), np.ones((3, 3, 2))), {}, ValueError, "image has 3"),
    (convmath.conv2d, (np.ones((5, 5, 3)), SHARPEN), {}, ValueError, "kernel has 1 channel(s)"),
    (convmath.conv2d, (X5, SHARPEN), {"padding": "mirror"}, ValueError, "padding='mirror'"),
    (convmath.conv2d, (X5, SHARPEN), {"padding": -1}, ValueError, "padding=-1"),
    (convmath.conv2d, (X5, np.ones(3)), {}, ValueError, "kernel has shape (3,)"),
    (convmath.conv2d, (WORDS, np.ones((1, 1))), {}, TypeError, "image must be a numeric array"),
    (convmath.convolve2d, (X5, np.ones(3)), {}, ValueError, "kernel has shape (3,)"),
    (convmath.convolve2d, (X5, "sharpen"), {}, TypeError, "kernel='sharpen'"),
    (convmath.convolve2d, (WORDS, SHARPEN), {}, TypeError, "image must be a numeric array"),
    (convmath.convolve2d, (X5, SHARPEN), {"padding": "wide"}, ValueError, "padding='wide'"),
    (convmath.pool2d, (np.ones((4, 4)), 0), {}, ValueError, "pool_size=0"),
    (convmath.pool2d, (np.ones((4, 4)), 5), {}, ValueError, "pool_size=5"),
    (convmath.pool2d, (np.ones((4, 4)), 2.0), {}, TypeError, "pool_size=2.0"),
    (convmath.pool2d, (np.ones((4, 4)), 2), {"mode": "min"}, ValueError, "mode='min'"),
    (convmath.pool2d, (np.ones((4, 4)), 2), {"stride": 0}, ValueError, "stride=0"),
    (convmath.pool2d, (np.ones(4), 2), {}, ValueError, "image has shape (4,)"),
    (convmath.conv_output_size, (0, 3), {}, ValueError, "n=0"),
    (convmath.conv_output_size, (3, 5), {}, ValueError, "k=5"),
    (convmath.conv_output_size, (6.0, 3), {}, TypeError, "n=6.0"),
    (convmath.conv_output_size, ("6", 3), {}, TypeError, "n='6'"),
    (convmath.conv_output_size, (6, 3), {"padding": "wide"}, ValueError, "padding='wide'"),
    (convmath.conv_output_size, (6, 3), {"stride": 0}, ValueError, "stride=0"),
    (convmath.conv_params, (0, 1, 1), {}, ValueError, "kernel_size=0"),
    (convmath.conv_params, ((3,), 1, 1), {}, TypeError, "kernel_size=(3,)"),
    (convmath.conv_params, (3, 1.5, 2), {}, TypeError, "in_channels=1.5"),
    (convmath.conv_params, (3, 1, 0), {}, ValueError, "filters=0"),
    (convmath.conv_params, (3, 1, 6), {"bias": "no"}, TypeError, "bias='no'"),
    (convmath.conv_params, (3, 1, 6), {"bias": 0}, TypeError, "bias=0"),
    (convmath.dense_params, (10, -1), {}, ValueError, "units=-1"),
    (convmath.dense_params, (0, 2), {}, ValueError, "inputs=0"),
    (convmath.dense_params, ("10", 2), {}, TypeError, "inputs='10'"),
    (convmath.dense_params, (10, 2), {"bias": None}, TypeError, "bias=None"),
    (convmath.apply_with_conv2d, (X5, SHARPEN), {"bias": [1, 2]}, ValueError, "bias has 2 value(s)"),
    (convmath.apply_with_conv2d, (X5, [SHARPEN, np.ones((2, 2))]), {}, ValueError, "different shapes"),
    (convmath.apply_with_conv2d, (X5, np.ones((2, 2))), {"padding": "same"}, ValueError, "2×2 kernel"),
    (convmath.apply_with_conv2d, (X5, SHARPEN), {"stride": 0}, ValueError, "stride=0"),
    (convmath.apply_with_conv2d, (X5, []), {}, ValueError, "kernels is empty"),
    (convmath.apply_with_conv2d, (X5, SHARPEN), {"return_model": "yes"}, TypeError, "return_model='yes'"),
    (convmath.apply_with_conv2d, (X5, SHARPEN), {"activation": 3}, TypeError, "activation=3"),
    (convmath.apply_with_conv2d, (np.ones(5), SHARPEN), {}, ValueError, "image has shape (5,)"),
    # ------------------------------------------------------------ datasets
    (datasets.available, ("MNIST",), {}, ValueError, "name='MNIST'"),
    (datasets.available, ("cifar100",), {}, ValueError, "name='cifar100'"),
    (datasets.available, (None,), {}, ValueError, "name=None"),
    (datasets.fill, (NOWHERE,), {}, NotADirectoryError, "source='/nonexistent"),
    (datasets.fill, (NOT_A_FOLDER,), {}, NotADirectoryError, "is not a folder"),
    (datasets.fill, (3,), {}, TypeError, "source=3"),
    (datasets.fill, (None, NOT_A_FOLDER), {}, NotADirectoryError, "target="),
    (datasets.fill, (None, 5), {}, TypeError, "target=5"),
    (datasets.prepare_mnist, (), {"channel_axis": "yes"}, TypeError, "channel_axis='yes'"),
    (datasets.prepare_mnist, (), {"n_train_fast": 0}, ValueError, "n_train_fast=0"),
    (datasets.prepare_mnist, (), {"n_test_fast": 1.5}, TypeError, "n_test_fast=1.5"),
    (datasets.prepare_mnist, (), {"n_train_fast": True}, TypeError, "n_train_fast=True"),
    (datasets.shift_images, (np.zeros((28, 28)), 1, 1), {}, ValueError, "images has shape (28, 28)"),
    (datasets.shift_images, (IMAGES, 1.5, 0), {}, TypeError, "dx=1.5"),
    (datasets.shift_images, (IMAGES, 0, "2"), {}, TypeError, "dy='2'"),
    (datasets.shift_images, (np.array([WORDS]), 0, 0), {}, TypeError, "images must be a numeric array"),
    (datasets.subset, (np.zeros(3), np.zeros(2), 1), {}, ValueError, "x has 3 examples but y has 2"),
    (datasets.subset, (np.zeros(3), np.zeros(3), 0), {}, ValueError, "n=0"),
    (datasets.subset, (np.zeros(3), np.zeros(3), 2.5), {}, TypeError, "n=2.5"),
    (datasets.subset, (np.zeros(3), np.zeros(3), 2), {"seed": -1}, ValueError, "seed=-1"),
    (datasets.subset, (5, np.zeros(3), 2), {}, ValueError, "x=5"),
    (datasets.to_grayscale, (np.zeros((4, 4)),), {}, ValueError, "images has shape (4, 4)"),
    (datasets.to_grayscale, (np.zeros((4, 4, 3)),), {"method": "hsv"}, ValueError, "method='hsv'"),
    (datasets.to_grayscale, (np.zeros((4, 4, 3)),), {"method": 3}, ValueError, "method=3"),
    (datasets.to_grayscale, (np.array([["a", "b", "c"]]),), {}, TypeError, "images must be a numeric array"),
    # ------------------------------------------------------------ plots
    (plots.confusion_matrix, ([-1, 0], [0, 0]), {}, ValueError, "y_true has negative values"),
    (plots.confusion_matrix, ([0.5, 1], [0, 1]), {}, ValueError, "y_true has non-integer values"),
    (plots.confusion_matrix, (np.full((2, 3), 1 / 3), [0, 1]), {}, ValueError, "y_true has shape (2, 3)"),
    (plots.confusion_matrix, ([0, 1], [0]), {}, ValueError, "must match"),
    (plots.confusion_matrix, ([0, 3], [0, 1]), {"n_classes": 2}, ValueError, "n_classes=2"),
    (plots.confusion_matrix, ([0, 1], [0, 1]), {"n_classes": 0}, ValueError, "n_classes=0"),
    (plots.confusion_matrix, ([0, 1], [0, 1]), {"n_classes": 2.0}, TypeError, "n_classes=2.0"),
    (plots.confusion_matrix, ([], []), {}, ValueError, "give n_classes"),
    (plots.confusion_matrix, (["a", "b"], [0, 1]), {}, TypeError, "y_true must be a numeric array"),
    (plots.plot_confusion_matrix, ([0, 4], [0, 1]), {"class_names": ["a", "b"]}, ValueError,
     "class_names has 2 names"),
    (plots.plot_confusion_matrix, ([0, 1], [0, 1]), {"class_names": "ab"}, TypeError, "class_names='ab'"),
    (plots.plot_confusion_matrix, ([0, 1], [0, 1]), {"class_names": []}, ValueError, "class_names is empty"),
    (plots.plot_confusion_matrix, ([0.5], [0]), {}, ValueError, "y_true has non-integer"),
    (plots.plot_confusion_matrix, ([0, 1], [0, 1]), {"title": 3}, TypeError, "title=3"),
    (plots.draw_matrix, (None, np.eye(2)), {}, TypeError, "ax=None"),
    (plots.draw_matrix, (AX, np.zeros((0, 0))), {}, ValueError, "matrix has shape (0, 0)"),
    (plots.draw_matrix, (AX, np.ones(3)), {}, ValueError, "matrix has shape (3,)"),
    (plots.draw_matrix, (AX, WORDS), {}, TypeError, "matrix must be a numeric array"),
    (plots.draw_matrix, (AX, np.eye(2)), {"highlight": (0, 0, 1)}, TypeError, "highlight=(0, 0, 1)"),
    (plots.draw_matrix, (AX, np.eye(2) / 2), {"fmt": "{:d}"}, ValueError, "fmt='{:d}'"),
    (plots.draw_matrix, (AX, np.eye(2)), {"vmin": 2, "vmax": 1}, ValueError, "vmin=2"),
    (plots.plot_history, ({"acc": [1]},), {}, ValueError, "'loss'"),
    (plots.plot_history, (None,), {}, TypeError, "history=None"),
    (plots.plot_history, ({"loss": []},), {}, ValueError, "history['loss']"),
    (plots.plot_history, ({"loss": [1, 2], "val_loss": [1]},), {}, ValueError, "history['val_loss'] has 1"),
    (plots.plot_history, ({"loss": ["a"]},), {}, TypeError, "history['loss']"),
    (plots.show_channels, (np.zeros((4, 4)),), {}, ValueError, "image has shape (4, 4)"),
    (plots.show_channels, (np.zeros((4, 4, 4)),), {}, ValueError, "image has shape (4, 4, 4)"),
    (plots.show_channels, (np.zeros((0, 4, 3)),), {}, ValueError, "image has shape (0, 4, 3)"),
    (plots.show_channels, (np.array([[["r", "g", "b"]]]),), {}, TypeError, "image must be a numeric array"),
    (plots.show_channels, (np.zeros((4, 4, 3)),), {"title": 3}, TypeError, "title=3"),
    (plots.show_feature_maps, (np.zeros((4, 4)),), {}, ValueError, "maps has shape (4, 4)"),
    (plots.show_feature_maps, (np.zeros((4, 4, 0)),), {}, ValueError, "maps has shape (4, 4, 0)"),
    (plots.show_feature_maps, (np.zeros((4, 4, 2)),), {"cols": 0}, ValueError, "cols=0"),
    (plots.show_feature_maps, (np.zeros((4, 4, 2)),), {"size": -1}, ValueError, "size=-1"),
    (plots.show_images, ([],), {}, ValueError, "at least one image"),
    (plots.show_images, ([np.zeros((2, 2))],), {"titles": ["a", "b"]}, ValueError, "titles has 2"),
    (plots.show_images, ([np.zeros((2, 2))],), {"titles": "ab"}, TypeError, "titles='ab'"),
    (plots.show_images, ([np.zeros((2, 2))],), {"cols": 0}, ValueError, "cols=0"),
    (plots.show_images, ([np.zeros((2, 2))],), {"cols": 2.0}, TypeError, "cols=2.0"),
    (plots.show_images, ([np.zeros((2, 2))],), {"size": 0}, ValueError, "size=0"),
    (plots.show_images, ([np.zeros((4, 4, 2))],), {}, ValueError, "images[0] has shape (4, 4, 2)"),
    (plots.show_images, ([np.zeros((4, 4)), np.zeros(5)],), {}, ValueError, "images[1] has shape (5,)"),
    (plots.show_images, (np.zeros((4, 4)),), {}, ValueError, "images has shape (4, 4)"),
    (plots.show_images, ([np.zeros((2, 2))],), {"vmin": 3, "vmax": 1}, ValueError, "vmin=3"),
    (plots.show_kernel_results, (X5, [SHARPEN], []), {}, ValueError, "1 kernels but 0 results"),
    (plots.show_kernel_results, (X5, [SHARPEN], [X5]), {"labels": ["a", "b"]}, ValueError, "labels has 2"),
    (plots.show_kernel_results, (X5, [np.ones(3)], [X5]), {}, ValueError, "kernels[0] has shape (3,)"),
    (plots.show_kernel_results, (X5, SHARPEN, [X5]), {}, TypeError, "kernels="),
    (plots.show_kernel_results, (np.ones(5), [SHARPEN], [X5]), {}, ValueError, "image has shape (5,)"),
    (plots.show_kernel_results, (X5, [], []), {}, ValueError, "at least one kernel"),
    (plots.show_matrices, ([],), {}, ValueError, "at least one matrix"),
    (plots.show_matrices, ([np.eye(2)],), {"titles": ["a", "b"]}, ValueError, "titles has 2"),
    (plots.show_matrices, ([np.eye(2), np.ones(3)],), {}, ValueError, "matrices[1] has shape (3,)"),
    (plots.show_matrices, (np.eye(3),), {}, ValueError, "matrices has shape (3, 3)"),
    (plots.show_matrices, ([np.zeros((0, 0))],), {}, ValueError, "matrices[0] has shape (0, 0)"),
    (plots.show_predictions, (np.zeros((2, 4, 4)), [1], [1, 2]), {}, ValueError, "must match"),
    (plots.show_predictions, (np.zeros((2, 4, 4)), [1, 1], [1, 1]), {"probabilities": [0.5]}, ValueError,
     "probabilities has 1"),
    (plots.show_predictions, (np.zeros((2, 4, 4)), [1, 1], [1, 1]), {"probabilities": [1.5, 0.2]}, ValueError,
     "probabilities has values outside 0..1"),
    (plots.show_predictions, (np.zeros((2, 4, 4)), [0, 1], [1, 1]), {"class_names": ["a"]}, ValueError,
     "class_names has 1 names"),
    (plots.show_predictions, (np.zeros((2, 4, 4)), [0, 1], [1, 1]), {"class_names": "ab"}, TypeError,
     "class_names='ab'"),
    (plots.show_predictions, (np.zeros((2, 4, 4)), [0.5, 1], [1, 1]), {}, ValueError, "y_true has non-integer"),
    (plots.show_predictions, (np.zeros((2, 4, 4, 2)), [0, 1], [1, 1]), {}, ValueError, "images[0] has shape"),
    # ------------------------------------------------------------ explorers
    (explorers.ConvExplorer, (NAN5,), {}, ValueError, "image has NaN"),
    (explorers.ConvExplorer, (np.zeros((28, 28)),), {}, ValueError, "at most 12×12"),
    (explorers.ConvExplorer, (np.zeros(5),), {}, ValueError, "image has shape (5,)"),
    (explorers.ConvExplorer, (X5,), {"kernel": "sobel"}, ValueError, "'sobel'"),
    (explorers.ConvExplorer, (X5,), {"kernel": np.ones((3, 4))}, ValueError, "kernel is 3×4"),
    (explorers.ConvExplorer, (X5,), {"kernel": np.full((3, 3), np.nan)}, ValueError, "kernel has NaN"),
    (explorers.ConvExplorer, (X5,), {"padding": "wide"}, ValueError, "padding='wide'"),
    (explorers.ConvExplorer, (X5,), {"stride": 0}, ValueError, "stride=0"),
    (CONV_EXPLORER.update, (), {"row": "1"}, TypeError, "row='1'"),
    (CONV_EXPLORER.update, (), {"kernel": np.ones((2, 3))}, ValueError, "kernel is 2×3"),
    (explorers.ConvStep, (X5, SHARPEN, -1, 1, CONV_STEP.output, 0, 0), {}, ValueError, "padding=-1"),
    (explorers.ConvStep, (X5, SHARPEN, 0, 0, CONV_STEP.output, 0, 0), {}, ValueError, "stride=0"),
    (explorers.ConvStep, (X5, SHARPEN, 0, 1, np.zeros((2, 2)), 0, 0), {}, ValueError, "output has shape (2, 2)"),
    (explorers.ConvStep, (X5, SHARPEN, 0, 1, CONV_STEP.output, 9, 0), {}, ValueError, "row=9"),
    (explorers.ConvStep, (NAN5, SHARPEN, 0, 1, CONV_STEP.output, 0, 0), {}, ValueError, "image has NaN"),
    (explorers.PoolExplorer, (P6,), {"pool_size": 0}, ValueError, "pool_size=0"),
    (explorers.PoolExplorer, (P6,), {"mode": "median"}, ValueError, "mode='median'"),
    (explorers.PoolExplorer, (P6,), {"stride": 1.5}, TypeError, "stride=1.5"),
    (explorers.PoolExplorer, (np.where(P6 == 3, np.inf, P6),), {}, ValueError, "image has NaN or infinite"),
    (explorers.PoolExplorer, (np.zeros(6),), {}, ValueError, "image has shape (6,)"),
    (explorers.PoolStep, (P6, 2, 2, "median", POOL_STEP.output, 0, 0), {}, ValueError, "mode='median'"),
    (explorers.PoolStep, (P6, 0, 2, "max", POOL_STEP.output, 0, 0), {}, ValueError, "pool_size=0"),
    (explorers.PoolStep, (P6, 2, 2, "max", np.zeros((1, 1)), 0, 0), {}, ValueError, "output has shape (1, 1)"),
    (explorers.ShiftExplorer, ({}, IMAGES, [1, 2, 3]), {}, ValueError, "models must be a non-empty dict"),
    (explorers.ShiftExplorer, ({"m": 3}, IMAGES, [1, 2, 3]), {}, TypeError, "models['m']=3"),
    (explorers.ShiftExplorer, (MODELS, np.zeros((28, 28)), [1]), {}, ValueError, "images has shape (28, 28)"),
    (explorers.ShiftExplorer, (MODELS, IMAGES, [1, 2]), {}, ValueError, "one label each"),
    (explorers.ShiftExplorer, (MODELS, IMAGES, [0.5, 1, 2]), {}, ValueError, "labels has non-integer"),
    (explorers.ShiftExplorer, (MODELS, IMAGES, [1, 2, 3]), {"index": 5}, ValueError, "index=5"),
    (explorers.ShiftExplorer, (MODELS, IMAGES, [1, 2, 3]), {"max_shift": -1}, ValueError, "max_shift=-1"),
    (explorers.conv_step, (X5, SHARPEN), {"row": 3}, ValueError, "row=3: expected an int in 0..2"),
    (explorers.conv_step, (X5, SHARPEN), {"col": -1}, ValueError, "col=-1: expected an int in 0..2"),
    (explorers.conv_step, (X5, SHARPEN), {"row": 1.0}, TypeError, "row=1.0"),
    (explorers.conv_step, (X5, SHARPEN), {"padding": "wide"}, ValueError, "padding='wide'"),
    (explorers.conv_step, (X5, SHARPEN), {"stride": 0}, ValueError, "stride=0"),
    (explorers.conv_step, (np.zeros((4, 4, 3)), SHARPEN), {}, ValueError, "image has shape (4, 4, 3)"),
    (explorers.conv_step, (X5, "sharpen"), {}, TypeError, "kernel='sharpen'"),
    (explorers.conv_step, (NAN5, SHARPEN), {}, ValueError, "image has NaN"),
    (explorers.draw_conv_step, (None, CONV_STEP), {}, TypeError, "axes=None"),
    (explorers.draw_conv_step, (AXES2, CONV_STEP), {}, TypeError, "expected 3 matplotlib Axes"),
    (explorers.draw_conv_step, (AXES3, "step"), {}, TypeError, "step='step'"),
    (explorers.draw_conv_step, (AXES3, POOL_STEP), {}, TypeError, "expected a ConvStep"),
    (explorers.draw_pool_step, (None, POOL_STEP), {}, TypeError, "axes=None"),
    (explorers.draw_pool_step, ([AX], POOL_STEP), {}, TypeError, "expected 2 matplotlib Axes"),
    (explorers.draw_pool_step, (AXES2, CONV_STEP), {}, TypeError, "expected a PoolStep"),
    (explorers.draw_shift, (AXES2, np.zeros((28, 28)), {}, 1, 0, 0), {}, TypeError, "probabilities={}"),
    (explorers.draw_shift, (AXES2, np.zeros((28, 28)), {"m": np.ones(10) / 10}, 10, 0, 0), {}, ValueError,
     "label=10"),
    (explorers.draw_shift, (AXES2, np.zeros((28, 28)), {"m": np.ones(10) / 10}, 1, 1.5, 0), {}, TypeError,
     "dx=1.5"),
    (explorers.draw_shift, (AXES2, np.zeros(28), {"m": np.ones(10) / 10}, 1, 0, 0), {}, ValueError,
     "shifted has shape (28,)"),
    (explorers.draw_shift, (None, np.zeros((28, 28)), {"m": np.ones(10) / 10}, 1, 0, 0), {}, TypeError,
     "axes=None"),
    (explorers.fallback_bundle, (None, "x"), {}, TypeError, "explorer=None"),
    (explorers.fallback_bundle, (CONV_EXPLORER, 3), {}, TypeError, "model_id=3"),
    (explorers.fallback_bundle, (CONV_EXPLORER, ""), {}, ValueError, "model_id=''"),
    (explorers.figure_png, (None,), {}, TypeError, "fig=None"),
    (explorers.figure_png, ("figure.png",), {}, TypeError, "fig='figure.png'"),
    (explorers.figure_png, (AX,), {}, TypeError, "fig="),
    (explorers.pool_step, (P6, 0), {}, ValueError, "pool_size=0"),
    (explorers.pool_step, (P6, 2), {"mode": "median"}, ValueError, "mode='median'"),
    (explorers.pool_step, (P6, 3), {"row": 2}, ValueError, "row=2: expected an int in 0..1"),
    (explorers.pool_step, (WORDS,), {}, TypeError, "image must be a numeric array"),
    (explorers.shift_probabilities, ({}, np.zeros((28, 28)), 0, 0), {}, ValueError, "models must be a non-empty"),
    (explorers.shift_probabilities, ([], np.zeros((28, 28)), 0, 0), {}, TypeError, "models=[]"),
    (explorers.shift_probabilities, (MODELS, np.zeros((32, 32)), 0, 0), {}, ValueError, "takes inputs of shape"),
    (explorers.shift_probabilities, (MODELS, np.zeros((28, 28)), 1.5, 0), {}, TypeError, "dx=1.5"),
    (explorers.shift_probabilities, (MODELS, np.full((28, 28), np.nan), 0, 0), {}, ValueError, "image has NaN"),
    # ------------------------------------------------------------ models
    (models.mlp, (), {"input_shape": "28"}, TypeError, "input_shape='28'"),
    (models.mlp, (), {"input_shape": (0, 28)}, ValueError, "input_shape=(0, 28)"),
    (models.mlp, (), {"input_shape": (28, 28.0)}, TypeError, "input_shape=(28, 28.0)"),
    (models.mlp, (), {"name": 3}, TypeError, "name=3"),
    (models.mlp, (), {"name": ""}, ValueError, "name=''"),
    (models.cnn_8954, (), {"name": 3}, TypeError, "name=3"),
    (models.cnn_8954, (), {"name": " "}, ValueError, "name=' '"),
    (models.cnn_8954, (), {"name": "a b"}, ValueError, "name='a b'"),
    (models.lenet5, (), {"input_shape": (28, 28)}, ValueError, "input_shape=(28, 28)"),
    (models.lenet5, (), {"input_shape": (8, 8, 1)}, ValueError, "input_shape=(8, 8, 1)"),
    (models.lenet5, (), {"input_shape": [28, 28, "1"]}, TypeError, "input_shape=[28, 28, '1']"),
    (models.lenet5, (), {"name": None}, TypeError, "name=None"),
    (models.training_steps, (0, 1, 1), {}, ValueError, "n_examples=0"),
    (models.training_steps, (10, -1, 1), {}, ValueError, "epochs=-1"),
    (models.training_steps, (10, 1, 0), {}, ValueError, "batch_size=0"),
    (models.training_steps, (10, 1, 1), {"validation_split": 1.0}, ValueError, "validation_split=1"),
    (models.training_steps, (10, 1, 1), {"validation_split": "0.1"}, TypeError, "validation_split='0.1'"),
    (models.compile_with_cosine_decay, ("model", 10), {}, TypeError, "model='model'"),
    (models.compile_with_cosine_decay, (FakeModel(), 0), {}, ValueError, "total_steps=0"),
    (models.compile_with_cosine_decay, (FakeModel(), 10), {"learning_rate": -1}, ValueError, "learning_rate=-1"),
    (models.compile_with_cosine_decay, (FakeModel(), 10), {"loss": 3}, TypeError, "loss=3"),
    (models.fast_cnn_schedule, (0, 1), {}, ValueError, "n_train=0"),
    (models.fast_cnn_schedule, (100, 0), {}, ValueError, "epochs=0"),
    (models.fast_cnn_schedule, (100, 1), {"batch_size": 0}, ValueError, "batch_size=0"),
    (models.fast_cnn_schedule, (1.5, 1), {}, TypeError, "n_train=1.5"),
    (models.fast_cnn, (0,), {}, ValueError, "n_train=0"),
    (models.fast_cnn, (100, 0), {}, ValueError, "epochs=0"),
    (models.fast_cnn, (100, 1, "128"), {}, TypeError, "batch_size='128'"),
    # ------------------------------------------------------------ gradients
    (gradients.loss_and_gradients, ("not a model", BATCH_X, BATCH_Y), {}, TypeError, "model='not a model'"),
    (gradients.loss_and_gradients, (None, BATCH_X, BATCH_Y), {}, TypeError, "model=None"),
    (gradients.loss_and_gradients, (42, BATCH_X, BATCH_Y), {}, TypeError, "model=42"),
    (gradients.keras_gradients, ("not a model", BATCH_X, BATCH_Y), {}, TypeError, "model='not a model'"),
    (gradients.keras_gradients, (None, BATCH_X, BATCH_Y), {}, TypeError, "model=None"),
    (gradients.keras_gradients, (42, BATCH_X, BATCH_Y), {}, TypeError, "model=42"),
    # ------------------------------------------------------------ runtime
    (runtime.claim, (True, ""), {}, ValueError, "statement"),
    (runtime.claim, (True, 3), {}, ValueError, "statement"),
    (runtime.claim, (np.array([True, False]), "todas bajan"), {}, ValueError, "holds"),
    (runtime.pick, (), {"full": 1}, TypeError, "'fast'"),
    (runtime.pick, (), {"fast": 1}, TypeError, "'full'"),
    (runtime.pick, (), {"full": 1, "fast": 2, "slow": 3}, TypeError, "'slow'"),
]


def public_names() -> dict:
    """``"module.name" -> object`` for every callable in every module's ``__all__``."""
    found = {}
    for module in MODULES:
        for name in module.__all__:
            value = getattr(module, name)
            if callable(value):
                found[f"{module.__name__.rsplit('.', 1)[-1]}.{name}"] = value
    return found


NAMES_BY_ID = {id(value): name for name, value in public_names().items()}


def case_id(case) -> str:
    function, *_, fragment = case
    name = NAMES_BY_ID.get(id(function)) or getattr(function, "__qualname__", repr(function))
    return f"{name}:{fragment}"


@pytest.mark.parametrize("function, args, kwargs, error, fragment", CASES, ids=[case_id(c) for c in CASES])
def test_a_bad_input_gets_a_short_error_naming_it(function, args, kwargs, error, fragment):
    with pytest.raises(error) as raised:
        function(*args, **kwargs)
    message = str(raised.value)
    assert fragment in message
    assert "\n" not in message and len(message) < 400, "short: one line"
    raised_in = Path(raised.traceback[-1].path).resolve()
    assert raised_in.parent == UTILS or raised_in == HERE, f"raised deep in a library: {raised_in}"


def test_the_table_covers_every_public_name():
    counts = Counter(NAMES_BY_ID[id(function)] for function, *_ in CASES if id(function) in NAMES_BY_ID)
    names = public_names()
    assert set(NO_INPUT) <= set(names), "NO_INPUT lists a name that is no longer public"
    too_few = {name: counts[name] for name in names if name not in NO_INPUT and counts[name] < 3}
    assert too_few == {}, "every public function and class needs at least three bad inputs"
    for name in NO_INPUT:
        if not name.endswith("Error"):
            assert not inspect.signature(names[name]).parameters, f"{name} takes arguments: give it cases"


def test_every_utils_module_is_checked():
    public = {m.name for m in pkgutil.iter_modules(utils.__path__) if not m.name.startswith("_")}
    # utils.selfcheck takes students' answers: any of them gets a Spanish verdict, never an
    # error (tests/test_selfcheck.py gives every check function answers of every kind).
    checked = {m.__name__.rsplit(".", 1)[-1] for m in MODULES} | {"selfcheck"}
    assert public == checked == set(utils.__all__)


# ---------------------------------------------------------------- what is accepted

OK = [
    # NumPy scalars wherever a Python int or bool is, and edge inputs with a correct answer
    (lambda: convmath.conv_output_size(np.int64(28), np.int32(3), padding=np.int64(1), stride=np.int64(2)), 14),
    (lambda: convmath.conv_params(np.int64(3), np.int64(1), np.int64(6), bias=np.True_), 60),
    (lambda: convmath.dense_params(np.uint8(10), np.int16(2), bias=np.False_), 20),
    (lambda: convmath.padding_amount(np.int64(2), np.int64(3)), 2),
    (lambda: convmath.padding_amount("full", np.int64(3)), 2),
    (lambda: convmath.pool2d(P6, np.int64(3)).shape, (2, 2)),
    (lambda: convmath.conv2d(X5, SHARPEN, stride=np.int64(2)).shape, (2, 2)),
    (lambda: convmath.conv_params((np.int64(3), 5), 1, 1), 16),
    (lambda: len(datasets.subset(np.arange(9), np.arange(9), np.int64(3), seed=np.int64(1))[0]), 3),
    (lambda: len(datasets.subset(np.arange(9), np.arange(9), 50)[0]), 9),  # more than there is: everything
    (lambda: datasets.shift_images(np.ones((1, 3, 3)), np.int64(1), np.int64(-1))[0].sum(), 4),
    (lambda: datasets.shift_images(np.ones((1, 3, 3)), 5, 0).sum(), 0),  # moved out entirely
    (lambda: plots.confusion_matrix([], [], n_classes=np.int64(2)).tolist(), [[0, 0], [0, 0]]),
    (lambda: plots.confusion_matrix(np.array([[0.0], [1.0]]), [1, 1]).tolist(), [[0, 1], [0, 1]]),
    (lambda: plots.confusion_matrix([True, False], [1, 1]).tolist(), [[0, 1], [0, 1]]),
    (lambda: explorers.conv_step(X5, SHARPEN, row=np.int64(1), col=np.int64(2)).window, (1, 2, 3, 3)),
    (lambda: explorers.pool_step(P6, np.int64(2), stride=np.int64(1), row=np.int64(4)).row, 4),
    (lambda: models.training_steps(np.int64(100), np.int64(2), np.int64(10), validation_split=np.float32(0.0)), 20),
    (lambda: models.training_steps(100, 1, 10, validation_split=0.5), 5),
]


@pytest.mark.parametrize("call, expected", OK, ids=[str(i) for i in range(len(OK))])
def test_numpy_scalars_and_edge_inputs_are_accepted(call, expected):
    assert call() == expected


def test_the_figures_take_numpy_integers():
    fig = plots.show_images(np.zeros((3, 4, 4)), cols=np.int64(2), size=np.float32(1.5), show=False)
    assert len(fig.axes) == 4
    fig = plots.show_predictions(np.zeros((2, 4, 4)), np.array([[0], [1]]), np.array([0, 0]),
                                 class_names=("a", "b"), probabilities=np.float32([0.5, 1.0]), show=False)
    assert [ax.get_title().split()[-1] for ax in fig.axes] == ["a", "b"]  # the true class, by name
    plt.close("all")
