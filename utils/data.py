"""Datasets for the course: MNIST and CIFAR-10 loaders that work offline,
subsets, grayscale conversion and pixel shifts.

The loaders read ``CNN_DATA_DIR`` when it is set (a folder with ``mnist.npz``
/ ``cifar10.npz`` in the layout of the Keras files; CIFAR-10 may also be the
original ``cifar-10-batches-py/`` folder). Without it they call
``keras.datasets.*.load_data()``, which downloads the data once.
"""

from __future__ import annotations

import os
import pickle
import zipfile
from pathlib import Path

import numpy as np

CIFAR10_CLASSES = (
    "airplane", "automobile", "bird", "cat", "deer",
    "dog", "frog", "horse", "ship", "truck",
)
CIFAR10_CLASSES_ES = (
    "avión", "automóvil", "pájaro", "gato", "ciervo",
    "perro", "rana", "caballo", "barco", "camión",
)

_SHAPES = {
    "mnist": {"image": (28, 28), "label_ndim": 1, "train": 60000, "test": 10000},
    "cifar10": {"image": (32, 32, 3), "label_ndim": 2, "train": 50000, "test": 10000},
}

_HOW_TO_FIX = (
    "Either connect to the internet so Keras can download it, or set CNN_DATA_DIR "
    "to a folder holding mnist.npz / cifar10.npz (for example one filled by "
    "`python ../shared/data/prepare.py DIR`)."
)


def data_dir() -> Path | None:
    """The folder named by ``CNN_DATA_DIR``, or None when it is not set."""
    value = os.environ.get("CNN_DATA_DIR", "").strip()
    return Path(value).expanduser() if value else None


def _check_arrays(name: str, source: Path, arrays: dict) -> tuple:
    spec = _SHAPES[name]
    for split in ("train", "test"):
        x, y = arrays[f"x_{split}"], arrays[f"y_{split}"]
        if x.dtype != np.uint8 or x.ndim != 1 + len(spec["image"]) or x.shape[1:] != spec["image"]:
            raise ValueError(
                f"{source}: x_{split} has shape {x.shape} and dtype {x.dtype}; "
                f"expected (N, {', '.join(map(str, spec['image']))}) uint8"
            )
        if len(x) != spec[split]:
            raise ValueError(
                f"{source}: x_{split} has {len(x)} images; expected {spec[split]} (incomplete file?)"
            )
        if y.ndim != spec["label_ndim"] or len(y) != len(x):
            raise ValueError(
                f"{source}: y_{split} has shape {y.shape}; expected {len(x)} labels "
                f"as a {spec['label_ndim']}-D array"
            )
        if y.size and (y.min() < 0 or y.max() > 9):
            raise ValueError(f"{source}: y_{split} has labels outside 0..9")
    return (
        (arrays["x_train"], arrays["y_train"].astype(np.uint8)),
        (arrays["x_test"], arrays["y_test"].astype(np.uint8)),
    )


def _read_npz(name: str, path: Path) -> tuple:
    keys = ("x_train", "y_train", "x_test", "y_test")
    try:
        with np.load(path, allow_pickle=False) as npz:
            files = set(npz.files)
            arrays = {k: npz[k] for k in keys if k in files}
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise ValueError(
            f"{path}: not a readable .npz file ({error}); delete it and prepare it again"
        ) from error
    missing = [k for k in keys if k not in arrays]
    if missing:
        raise ValueError(f"{path}: missing array(s) {missing}; expected keys {list(keys)}")
    return _check_arrays(name, path, arrays)


def _read_cifar_batches(folder: Path) -> tuple:
    def read(batch: Path):
        if not batch.is_file():
            raise FileNotFoundError(f"{batch} is missing; {folder} must hold data_batch_1..5 and test_batch")
        try:
            with open(batch, "rb") as f:
                content = pickle.load(f, encoding="bytes")
            data, labels = content[b"data"], content[b"labels"]
        except (pickle.UnpicklingError, EOFError, KeyError, TypeError, ValueError) as error:
            raise ValueError(f"{batch}: not a CIFAR-10 batch file ({error!r})") from error
        data = np.asarray(data, dtype=np.uint8)
        if data.ndim != 2 or data.shape[1] != 3072:
            raise ValueError(f"{batch}: data has shape {data.shape}; expected (N, 3072)")
        images = data.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
        return images, np.asarray(labels, dtype=np.uint8).reshape(-1, 1)

    train = [read(folder / f"data_batch_{i}") for i in range(1, 6)]
    x_test, y_test = read(folder / "test_batch")
    arrays = {
        "x_train": np.concatenate([x for x, _ in train]),
        "y_train": np.concatenate([y for _, y in train]),
        "x_test": x_test,
        "y_test": y_test,
    }
    return _check_arrays("cifar10", folder, arrays)


def _load(name: str, keras_loader_name: str) -> tuple:
    folder = data_dir()
    if folder is not None:
        if not folder.is_dir():
            raise FileNotFoundError(f"CNN_DATA_DIR={folder} is not a folder. {_HOW_TO_FIX}")
        npz = folder / f"{name}.npz"
        if npz.is_file():
            return _read_npz(name, npz)
        batches = folder / "cifar-10-batches-py"
        if name == "cifar10" and batches.is_dir():
            return _read_cifar_batches(batches)
        raise FileNotFoundError(f"{npz} does not exist (CNN_DATA_DIR={folder}). {_HOW_TO_FIX}")

    import keras

    loader = getattr(keras.datasets, keras_loader_name).load_data
    try:
        (x_train, y_train), (x_test, y_test) = loader()
    except Exception as error:  # no internet, a proxy, a damaged cache...
        raise RuntimeError(f"Could not download {name} with Keras ({error}). {_HOW_TO_FIX}") from error
    return (x_train, y_train), (x_test, y_test)


def load_mnist() -> tuple:
    """MNIST as ``(x_train, y_train), (x_test, y_test)``: uint8 images
    (60000, 28, 28) and (10000, 28, 28), uint8 labels (60000,) and (10000,)."""
    return _load("mnist", "mnist")


def load_cifar10() -> tuple:
    """CIFAR-10 as ``(x_train, y_train), (x_test, y_test)``: uint8 images
    (50000, 32, 32, 3) and (10000, 32, 32, 3), uint8 labels (50000, 1) and
    (10000, 1), classes in the order of :data:`CIFAR10_CLASSES`."""
    return _load("cifar10", "cifar10")


def subset(x, y, n: int, seed: int = 0) -> tuple:
    """``n`` examples drawn without replacement (the same ones for the same
    ``seed``), in their original order. ``n`` larger than the data returns
    everything."""
    x, y = np.asarray(x), np.asarray(y)
    if len(x) != len(y):
        raise ValueError(f"x has {len(x)} examples but y has {len(y)}; they must match")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n={n!r}: expected a positive int")
    if n >= len(x):
        return x, y
    index = np.sort(np.random.default_rng(seed).choice(len(x), size=int(n), replace=False))
    return x[index], y[index]


LUMINANCE_WEIGHTS = (0.3, 0.59, 0.11)
"""The slide's perceptual weights for R, G and B."""


def to_grayscale(images, method: str = "luminance") -> np.ndarray:
    """Gray levels of RGB image(s) (last axis of size 3), as float32 on the
    input's scale: ``0.3 R + 0.59 G + 0.11 B`` ('luminance', the slide's
    weights) or ``(R + G + B) / 3`` ('mean'). The channel axis is dropped."""
    images = np.asarray(images)
    if images.ndim < 3 or images.shape[-1] != 3:
        raise ValueError(f"images has shape {images.shape}: expected RGB with a last axis of size 3")
    if not np.issubdtype(images.dtype, np.number):
        raise ValueError(f"images must be numeric, got dtype {images.dtype}")
    if method == "luminance":
        weights = np.array(LUMINANCE_WEIGHTS, dtype=np.float32)
    elif method == "mean":
        weights = np.full(3, 1 / 3, dtype=np.float32)
    else:
        raise ValueError(f"method={method!r}: expected 'luminance' or 'mean'")
    return images.astype(np.float32) @ weights


def shift_images(images, dx: int, dy: int) -> np.ndarray:
    """Move a batch of images ``dx`` pixels right and ``dy`` pixels down
    (negative values move left/up). Pixels that leave the image are lost and
    the uncovered border is filled with zeros (no wrap-around).

    ``images`` is (N, H, W) or (N, H, W, C); the result has its shape and dtype.
    """
    images = np.asarray(images)
    if images.ndim not in (3, 4):
        raise ValueError(f"images has shape {images.shape}: expected (N, H, W) or (N, H, W, C)")
    for name, value in (("dx", dx), ("dy", dy)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name}={value!r}: expected an int number of pixels")
    height, width = images.shape[1:3]
    out = np.zeros_like(images)
    if abs(dx) >= width or abs(dy) >= height:
        return out

    def span(shift: int, size: int) -> tuple[slice, slice]:
        if shift >= 0:
            return slice(0, size - shift), slice(shift, size)
        return slice(-shift, size), slice(0, size + shift)

    src_y, dst_y = span(int(dy), height)
    src_x, dst_x = span(int(dx), width)
    out[:, dst_y, dst_x] = images[:, src_y, src_x]
    return out
