"""Datasets for the course: MNIST and CIFAR-10 loaders that work offline,
the MNIST preparation the lessons share, subsets, grayscale conversion and
pixel shifts.

The loaders look in three places, in order:

1. ``CNN_DATA_DIR``, when set: a folder with ``mnist.npz`` / ``cifar10.npz``
   (the arrays of the Keras files) or CIFAR-10's ``cifar-10-batches-py/``
   (a relative value is resolved against the current working folder, which
   in a notebook is the notebook's folder);
2. the course's own ``data/`` folder, which ``make data`` fills
   (``python -m utils.datasets fill [FOLDER]``: from the Keras download, or
   from a folder a teacher brings, e.g. on a USB stick);
3. ``keras.datasets.*.load_data()``, which downloads once and caches.

When none has the dataset, :class:`DatasetNotFoundError` says in Spanish,
in a few lines, what to run. A file that is there but broken (wrong arrays
or labels, not an ``.npz``, a directory, unreadable) raises an English
``ValueError`` or ``OSError`` that names the file and says what to do.
"""

from __future__ import annotations

import argparse
import os
import pickle
import shutil
import sys
import zipfile
from pathlib import Path

import numpy as np

from utils import _checks

__all__ = [
    "CIFAR10_CLASSES_ES", "DATA_FOLDER", "LUMINANCE_WEIGHTS", "DatasetNotFoundError", "available",
    "fill", "load_cifar10", "load_mnist", "prepare_mnist", "shift_images", "subset", "to_grayscale",
]

CIFAR10_CLASSES_ES = (
    "avión", "automóvil", "pájaro", "gato", "ciervo",
    "perro", "rana", "caballo", "barco", "camión",
)
"""CIFAR-10's classes in Spanish, in the dataset's label order (airplane, automobile, ... truck)."""

DATA_FOLDER = Path(__file__).resolve().parents[1] / "data"
"""The course's default dataset folder (``data/`` beside ``utils/``)."""

_SHAPES = {
    "mnist": {"image": (28, 28), "label_ndim": 1, "train": 60000, "test": 10000},
    "cifar10": {"image": (32, 32, 3), "label_ndim": 2, "train": 50000, "test": 10000},
}
_NAMES = {"mnist": "MNIST", "cifar10": "CIFAR-10"}


class DatasetNotFoundError(FileNotFoundError):
    """No folder has the dataset and Keras could not download it. In a
    notebook it shows only its message (no traceback): what to run."""

    def _render_traceback_(self):  # IPython's hook: these lines instead of a traceback
        return [f"\x1b[31m{type(self).__name__}\x1b[0m: {self}"]


def _not_found(name: str, reason: str) -> DatasetNotFoundError:
    return DatasetNotFoundError(
        f"No encuentro {_NAMES[name]} ({reason}).\n"
        "Para tenerlo sin internet, ejecuta en la carpeta del curso:\n"
        "    make data                   (lo descarga una vez con Keras)\n"
        "    make data FROM=CARPETA      (lo copia de una carpeta con mnist.npz / cifar10.npz)\n"
        "data/README.md explica qué archivos sirven."
    )


_REDO = "replace it with a good copy, or delete it and run `make data` (data/README.md lists the files)"
"""What to do about a damaged data file."""


def _env_folder() -> tuple[Path, str, str] | None:
    """``CNN_DATA_DIR`` as an absolute folder, and how the Spanish and the
    English messages show it. A relative value is resolved against the current
    working folder, which in a notebook is the notebook's own folder, not the
    one the variable was set in: messages then show the value and the folder
    it became."""
    value = os.environ.get("CNN_DATA_DIR", "").strip()
    if not value:
        return None
    folder = Path(value).expanduser()
    if folder.is_absolute():
        return folder, f"CNN_DATA_DIR={folder}", ""
    cwd = Path.cwd()
    resolved = cwd / folder
    return (resolved, f"CNN_DATA_DIR={value!r} → {resolved} (relativa a la carpeta de trabajo, {cwd})",
            f" [CNN_DATA_DIR={value!r} is relative: resolved against the working folder {cwd}]")


def _permission_denied(path: Path, what: str = "file") -> PermissionError:
    return PermissionError(f"cannot read {path}: permission denied; check the {what}'s permissions (ls -l)")


def _local_source(name: str, folder: Path) -> Path | None:
    """The file (or CIFAR-10 batch folder) of ``name`` inside ``folder``, if
    any. Something of that name that is not a readable file (or folder) is an
    error that names it, not "missing"."""
    npz = folder / f"{name}.npz"
    batches = folder / "cifar-10-batches-py"
    try:
        if npz.is_dir():
            raise IsADirectoryError(f"{npz} is a directory, not a file: {_REDO}")
        if npz.exists():
            return npz
        if name == "cifar10" and batches.exists():
            if not batches.is_dir():
                raise NotADirectoryError(f"{batches} is a file, not the folder of CIFAR-10's batches: {_REDO}")
            return batches
    except PermissionError:
        raise _permission_denied(folder, "folder") from None
    return None


def _keras_cache(name: str) -> Path:
    return Path(os.environ.get("KERAS_HOME", Path.home() / ".keras")) / "datasets" / f"{name}.npz"


def available(name: str) -> bool:
    """Whether ``name`` ('mnist' or 'cifar10') can be loaded without a
    download: from ``CNN_DATA_DIR``, ``data/`` or Keras' own cache. (Whether
    the file is intact is checked when it is loaded.)"""
    _checks.one_of(name, "name", tuple(_SHAPES))
    env = _env_folder()
    for folder in [f for f in (env[0] if env else None, DATA_FOLDER) if f is not None]:
        try:
            if folder.is_dir() and _local_source(name, folder):
                return True
        except OSError:  # something is there, but broken: loading it says what
            return True
    if name == "mnist":
        return _keras_cache("mnist").is_file()
    return (_keras_cache("cifar-10-batches-py").with_suffix("")).is_dir()


def _check_labels(source: Path, key: str, y: np.ndarray) -> np.ndarray:
    if not (np.issubdtype(y.dtype, np.integer) or np.issubdtype(y.dtype, np.floating)):
        raise ValueError(f"{source}: {key} has dtype {y.dtype}; expected integer labels 0..9: {_REDO}")
    if y.size:
        if np.issubdtype(y.dtype, np.floating) and not (np.isfinite(y).all() and (y == np.round(y)).all()):
            raise ValueError(f"{source}: {key} has non-integer labels; expected integer labels 0..9: {_REDO}")
        low, high = y.min(), y.max()
        if low < 0 or high > 9:
            raise ValueError(f"{source}: {key} has labels outside 0..9 (from {low:g} to {high:g}): {_REDO}")
    return y.astype(np.uint8)


def _check_arrays(name: str, source: Path, arrays: dict) -> tuple:
    spec = _SHAPES[name]
    for split in ("train", "test"):
        x, y = arrays[f"x_{split}"], arrays[f"y_{split}"]
        if x.dtype != np.uint8 or x.ndim != 1 + len(spec["image"]) or x.shape[1:] != spec["image"]:
            raise ValueError(
                f"{source}: x_{split} has shape {x.shape} and dtype {x.dtype}; "
                f"expected (N, {', '.join(map(str, spec['image']))}) uint8: {_REDO}"
            )
        if len(x) != spec[split]:
            raise ValueError(
                f"{source}: x_{split} has {len(x)} images; expected {spec[split]} (incomplete file?): {_REDO}"
            )
        if y.ndim != spec["label_ndim"] or len(y) != len(x):
            raise ValueError(
                f"{source}: y_{split} has shape {y.shape}; expected {len(x)} labels "
                f"as a {spec['label_ndim']}-D array: {_REDO}"
            )
        arrays[f"y_{split}"] = _check_labels(source, f"y_{split}", y)
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


def _read_npz(name: str, path: Path) -> tuple:
    keys = ("x_train", "y_train", "x_test", "y_test")
    try:
        with open(path, "rb") as f:
            loaded = np.load(f, allow_pickle=False)
            if not isinstance(loaded, np.lib.npyio.NpzFile):
                raise ValueError(f"{path}: a single array (an .npy file), not an .npz archive of {list(keys)}: "
                                 f"{_REDO}")
            with loaded as npz:
                files = set(npz.files)
                arrays = {k: npz[k] for k in keys if k in files}
    except PermissionError:
        raise _permission_denied(path) from None
    except IsADirectoryError:
        raise IsADirectoryError(f"{path} is a directory, not a file: {_REDO}") from None
    except ValueError as error:
        if str(error).startswith(str(path)):
            raise
        raise ValueError(f"{path}: not a readable .npz file ({error}): {_REDO}") from None
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise ValueError(f"{path}: not a readable .npz file ({error}): {_REDO}") from None
    missing = [k for k in keys if k not in arrays]
    if missing:
        raise ValueError(f"{path}: missing array(s) {missing}; expected keys {list(keys)}: {_REDO}")
    return _check_arrays(name, path, arrays)


def _read_cifar_batches(folder: Path) -> tuple:
    def read(batch: Path):
        if batch.is_dir():
            raise IsADirectoryError(f"{batch} is a directory, not a CIFAR-10 batch file: {_REDO}")
        if not batch.exists():
            raise FileNotFoundError(f"{batch} is missing; {folder} must hold data_batch_1..5 and test_batch")
        try:
            with open(batch, "rb") as f:
                content = pickle.load(f, encoding="bytes")
            data, labels = content[b"data"], content[b"labels"]
        except PermissionError:
            raise _permission_denied(batch) from None
        except (pickle.UnpicklingError, EOFError, KeyError, TypeError, ValueError, AttributeError,
                IndexError) as error:
            raise ValueError(f"{batch}: not a CIFAR-10 batch file ({error!r}): {_REDO}") from None
        data = np.asarray(data)
        if data.dtype != np.uint8 or data.ndim != 2 or data.shape[1] != 3072:
            raise ValueError(f"{batch}: data has shape {data.shape} and dtype {data.dtype}; "
                             f"expected (N, 3072) uint8: {_REDO}")
        try:
            labels = np.asarray(labels)
        except ValueError as error:
            raise ValueError(f"{batch}: labels are not a list of numbers ({error}): {_REDO}") from None
        if labels.ndim != 1 or len(labels) != len(data):
            raise ValueError(f"{batch}: {labels.size} labels for {len(data)} images: {_REDO}")
        images = data.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
        return images, _check_labels(batch, "labels", labels).reshape(-1, 1)

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
    env = _env_folder()
    if env is not None:
        folder, shown, note = env
        try:
            if not folder.is_dir():
                reason = "no existe" if not folder.exists() else "no es una carpeta"
                raise _not_found(name, f"{shown}: {reason}")
            source = _local_source(name, folder)
            if source is None:
                raise _not_found(name, f"{shown} no tiene {name}.npz")
            return _read(name, source)
        except DatasetNotFoundError:
            raise
        except (ValueError, OSError) as error:
            if note:  # relative: say where it led
                raise type(error)(f"{error}{note}") from None
            raise
    source = _local_source(name, DATA_FOLDER) if DATA_FOLDER.is_dir() else None
    if source is not None:
        return _read(name, source)

    import keras

    loader = getattr(keras.datasets, keras_loader_name).load_data
    try:
        return loader()
    except Exception as error:  # no internet, a proxy, a damaged cache...
        raise _not_found(name, f"no está en data/ y Keras no pudo descargarlo: {type(error).__name__}") from None


def _read(name: str, source: Path) -> tuple:
    return _read_cifar_batches(source) if source.is_dir() else _read_npz(name, source)


def load_mnist() -> tuple:
    """MNIST as ``(x_train, y_train), (x_test, y_test)``: uint8 images
    (60000, 28, 28) and (10000, 28, 28), uint8 labels (60000,) and (10000,).

    Looks in ``CNN_DATA_DIR``, then ``data/``, then asks Keras (see the module's
    docstring). A relative ``CNN_DATA_DIR`` is taken from the current working
    folder, which in a notebook is the notebook's folder (Jupyter starts the
    kernel there): prefer an absolute path. A damaged file raises an error that
    names it and says what to do."""
    return _load("mnist", "mnist")


def load_cifar10() -> tuple:
    """CIFAR-10 as ``(x_train, y_train), (x_test, y_test)``: uint8 images
    (50000, 32, 32, 3) and (10000, 32, 32, 3), uint8 labels (50000, 1) and
    (10000, 1), classes in the order of :data:`CIFAR10_CLASSES_ES`. Found and
    checked like :func:`load_mnist`."""
    return _load("cifar10", "cifar10")


def prepare_mnist(channel_axis: bool = False, n_train_fast: int = 3000, n_test_fast: int = 1000) -> tuple:
    """MNIST ready to train on, as ``mlp_MNIST.ipynb`` prepares it step by step:
    pixels as float32 in [0, 1], integer labels, and in fast mode a fixed
    subset (``n_train_fast`` / ``n_test_fast`` examples). ``channel_axis=True``
    adds the channel axis a ``Conv2D`` expects: (N, 28, 28, 1).

    Returns ``(x_train, y_train), (x_test, y_test)``.
    """
    from utils import runtime

    channel_axis = _checks.boolean(channel_axis, "channel_axis")
    n_train_fast = _checks.positive_int(n_train_fast, "n_train_fast")
    n_test_fast = _checks.positive_int(n_test_fast, "n_test_fast")
    (x_train, y_train), (x_test, y_test) = load_mnist()
    x_train, y_train = subset(x_train, y_train, runtime.pick(full=len(x_train), fast=n_train_fast))
    x_test, y_test = subset(x_test, y_test, runtime.pick(full=len(x_test), fast=n_test_fast))
    shape = (-1, 28, 28, 1) if channel_axis else (-1, 28, 28)
    x_train = (x_train.astype("float32") / 255.0).reshape(shape)
    x_test = (x_test.astype("float32") / 255.0).reshape(shape)
    return (x_train, y_train), (x_test, y_test)


def subset(x, y, n: int, seed: int = 0) -> tuple:
    """``n`` examples drawn without replacement (the same ones for the same
    ``seed``), in their original order. ``n`` larger than the data returns
    everything."""
    x, y = np.asarray(x), np.asarray(y)
    for name, array in (("x", x), ("y", y)):
        if array.ndim == 0:
            raise ValueError(f"{name}={_checks.show(array.item())}: expected an array of examples (a first axis)")
    if len(x) != len(y):
        raise ValueError(f"x has {len(x)} examples but y has {len(y)}; they must match")
    n = _checks.positive_int(n, "n")
    seed = _checks.non_negative_int(seed, "seed")
    if n >= len(x):
        return x, y
    index = np.sort(np.random.default_rng(seed).choice(len(x), size=n, replace=False))
    return x[index], y[index]


LUMINANCE_WEIGHTS = (0.3, 0.59, 0.11)
"""The slide's perceptual weights for R, G and B."""


def to_grayscale(images, method: str = "luminance") -> np.ndarray:
    """Gray levels of RGB image(s) (last axis of size 3), as float32 on the
    input's scale: ``0.3 R + 0.59 G + 0.11 B`` ('luminance', the slide's
    weights) or ``(R + G + B) / 3`` ('mean'). The channel axis is dropped."""
    images = _checks.numeric_array(images, "images")
    if images.ndim < 3 or images.shape[-1] != 3:
        raise ValueError(f"images has shape {images.shape}: expected RGB with a last axis of size 3")
    _checks.one_of(method, "method", ("luminance", "mean"))
    weights = np.array(LUMINANCE_WEIGHTS if method == "luminance" else (1 / 3,) * 3, dtype=np.float32)
    return images.astype(np.float32) @ weights


def shift_images(images, dx: int, dy: int) -> np.ndarray:
    """Move a batch of images ``dx`` pixels right and ``dy`` pixels down
    (negative values move left/up). Pixels that leave the image are lost and
    the uncovered border is filled with zeros (no wrap-around).

    ``images`` is (N, H, W) or (N, H, W, C); the result has its shape and dtype.
    """
    images = np.asarray(images)
    if images.dtype == object or not (np.issubdtype(images.dtype, np.number) or images.dtype == bool):
        raise TypeError(f"images must be a numeric array, got dtype {images.dtype}")
    if images.ndim not in (3, 4):
        raise ValueError(f"images has shape {images.shape}: expected (N, H, W) or (N, H, W, C)")
    dx = _checks.integer(dx, "dx", what="an int number of pixels")
    dy = _checks.integer(dy, "dy", what="an int number of pixels")
    height, width = images.shape[1:3]
    out = np.zeros_like(images)
    if abs(dx) >= width or abs(dy) >= height:
        return out

    def span(shift: int, size: int) -> tuple[slice, slice]:
        if shift >= 0:
            return slice(0, size - shift), slice(shift, size)
        return slice(-shift, size), slice(0, size + shift)

    src_y, dst_y = span(dy, height)
    src_x, dst_x = span(dx, width)
    out[:, dst_y, dst_x] = images[:, src_y, src_x]
    return out


# --------------------------------------------------------------------------
# Filling data/: `make data` / `python -m utils.datasets fill [FOLDER]`
# --------------------------------------------------------------------------

def _save_npz(path: Path, arrays: tuple) -> None:
    (x_train, y_train), (x_test, y_test) = arrays
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as f:
        np.savez(f, x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    os.replace(tmp, path)


def fill(source: Path | None = None, target: Path = DATA_FOLDER) -> list[str]:
    """Write ``mnist.npz`` and ``cifar10.npz`` into ``target`` (the course's
    ``data/``), checked like every load. From ``source`` when given (a folder
    holding ``mnist.npz``, ``cifar10.npz`` or ``cifar-10-batches-py/``; what is
    missing there is skipped), else from the Keras download. Returns what it
    wrote, as ``"name: origin"`` lines; a dataset already in ``target`` is kept.
    """
    target = _checks.path(target, "target")
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(f"target={str(target)!r}: is a file; expected a folder to write the datasets to")
    if source is not None:
        source = _checks.path(source, "source")
        if not source.is_dir():
            reason = "does not exist" if not source.exists() else "is not a folder"
            raise NotADirectoryError(f"source={str(source)!r}: {reason}; expected a folder holding mnist.npz, "
                                     "cifar10.npz or cifar-10-batches-py/")
    target.mkdir(parents=True, exist_ok=True)
    done = []
    for name, loader in (("mnist", "mnist"), ("cifar10", "cifar10")):
        out = target / f"{name}.npz"
        if out.is_dir():
            raise IsADirectoryError(f"{out} is a directory, not a file: delete it and run `make data` again")
        if out.is_file():
            _read_npz(name, out)  # a damaged file must not pass for a good one
            done.append(f"{name}: already in {out}")
            continue
        if source is not None:
            origin = _local_source(name, source)
            if origin is None:
                continue
            arrays = _read(name, origin)
            if origin.is_file():
                shutil.copyfile(origin, out.with_name(out.name + ".part"))
                os.replace(out.with_name(out.name + ".part"), out)
            else:
                _save_npz(out, arrays)
            done.append(f"{name}: copied from {origin}")
        else:
            import keras

            try:
                arrays = getattr(keras.datasets, loader).load_data()
            except Exception as error:  # no internet, a proxy, a damaged cache...
                raise OSError(f"Keras could not download {name} ({type(error).__name__}: {error}); connect to "
                              "the internet, or copy the files from a folder: make data FROM=FOLDER") from None
            _save_npz(out, arrays)
            done.append(f"{name}: downloaded by Keras")
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m utils.datasets",
                                     description="Fill the course's data/ folder with MNIST and CIFAR-10.")
    sub = parser.add_subparsers(dest="command", required=True)
    fill_parser = sub.add_parser("fill", help="write data/mnist.npz and data/cifar10.npz")
    fill_parser.add_argument("source", nargs="?", type=Path,
                             help="a folder with mnist.npz / cifar10.npz / cifar-10-batches-py (default: download)")
    fill_parser.add_argument("--target", type=Path, default=DATA_FOLDER, help="default: the course's data/")
    args = parser.parse_args(argv)
    if args.source is not None and not args.source.is_dir():
        parser.error(f"source={args.source}: not a folder")
    try:
        done = fill(args.source, args.target)
    except (OSError, ValueError) as error:
        print(f"fill: {error}", file=sys.stderr)
        return 1
    for line in done:
        print(line)
    missing = [n for n in ("mnist", "cifar10") if not (args.target / f"{n}.npz").is_file()]
    if missing:
        print(f"fill: {', '.join(missing)} not found in {args.source}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
