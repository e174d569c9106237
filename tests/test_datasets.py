"""utils.datasets: loaders on temporary folders (CNN_DATA_DIR, the course's
data/ folder, npz and batches forms, missing and corrupt files, the Keras
fallback), filling data/, the shared MNIST preparation, subsets, grayscale
and shifts."""

import os
import pickle

import numpy as np
import pytest

from utils import datasets

MNIST_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]


def fake_split(n, image_shape, label_shape, seed):
    rng = np.random.default_rng(seed)
    x = np.zeros((n, *image_shape), dtype=np.uint8)
    x[:, 0, 0] = rng.integers(0, 256, size=n) if len(image_shape) == 2 else 0
    y = (np.arange(n) % 10).astype(np.uint8).reshape(label_shape(n))
    return x, y


@pytest.fixture(scope="module")
def fake_arrays():
    mnist = {}
    for split, n in (("train", 60000), ("test", 10000)):
        mnist[f"x_{split}"], mnist[f"y_{split}"] = fake_split(n, (28, 28), lambda n: (n,), 1)
    cifar = {}
    for split, n in (("train", 50000), ("test", 10000)):
        cifar[f"x_{split}"], cifar[f"y_{split}"] = fake_split(n, (32, 32, 3), lambda n: (n, 1), 2)
    cifar["x_train"][:, 1, 2, 0] = 200  # a marker that the batches form must put back in place
    return mnist, cifar


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CNN_DATA_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def course_data(tmp_path, monkeypatch):
    """No CNN_DATA_DIR, an empty course data/ folder, and no Keras cache."""
    monkeypatch.delenv("CNN_DATA_DIR", raising=False)
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setattr(datasets, "DATA_FOLDER", folder)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras-home"))
    return folder


def write_batches(folder, cifar):
    folder.mkdir()
    flat = cifar["x_train"].transpose(0, 3, 1, 2).reshape(50000, 3072)
    for i in range(5):
        part = slice(10000 * i, 10000 * (i + 1))
        with open(folder / f"data_batch_{i + 1}", "wb") as f:
            pickle.dump({b"data": flat[part], b"labels": cifar["y_train"][part, 0].tolist()}, f)
    test_flat = cifar["x_test"].transpose(0, 3, 1, 2).reshape(10000, 3072)
    with open(folder / "test_batch", "wb") as f:
        pickle.dump({b"data": test_flat, b"labels": cifar["y_test"][:, 0].tolist()}, f)


# ---------------------------------------------------------------- loaders

def test_load_mnist_reads_the_npz_in_cnn_data_dir(data_dir, fake_arrays):
    mnist, _ = fake_arrays
    np.savez_compressed(data_dir / "mnist.npz", **mnist)
    (x_train, y_train), (x_test, y_test) = datasets.load_mnist()
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert y_train.shape == (60000,) and y_test.shape == (10000,)
    assert x_train.dtype == y_train.dtype == np.uint8
    np.testing.assert_array_equal(x_train, mnist["x_train"])
    np.testing.assert_array_equal(y_test, mnist["y_test"])


def test_load_cifar10_reads_npz_and_the_original_batches_folder(data_dir, fake_arrays):
    _, cifar = fake_arrays
    write_batches(data_dir / "cifar-10-batches-py", cifar)
    (x_train, y_train), (x_test, y_test) = datasets.load_cifar10()
    assert x_train.shape == (50000, 32, 32, 3) and y_train.shape == (50000, 1)
    assert x_test.shape == (10000, 32, 32, 3) and y_test.shape == (10000, 1)
    np.testing.assert_array_equal(x_train, cifar["x_train"])
    np.testing.assert_array_equal(y_train, cifar["y_train"])
    # with both present, the npz wins
    np.savez_compressed(data_dir / "cifar10.npz", **{**cifar, "y_test": (cifar["y_test"] + 1) % 10})
    (_, _), (_, y_test_npz) = datasets.load_cifar10()
    np.testing.assert_array_equal(y_test_npz, (cifar["y_test"] + 1) % 10)


def test_missing_file_says_what_to_run(data_dir):
    with pytest.raises(datasets.DatasetNotFoundError) as error:
        datasets.load_mnist()
    message = str(error.value)
    assert "MNIST" in message and str(data_dir) in message
    assert "make data" in message and "make data FROM=" in message


def test_cnn_data_dir_that_is_not_a_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CNN_DATA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(datasets.DatasetNotFoundError, match="nowhere"):
        datasets.load_cifar10()


def test_in_a_notebook_the_not_found_error_is_its_message_not_a_traceback(data_dir):
    with pytest.raises(datasets.DatasetNotFoundError) as error:
        datasets.load_mnist()
    shown = error.value._render_traceback_()  # what IPython prints instead of the traceback
    assert len("\n".join(shown).splitlines()) <= 6
    assert "make data" in "\n".join(shown)


def test_the_course_data_folder_is_read_when_cnn_data_dir_is_unset(course_data, fake_arrays):
    mnist, _ = fake_arrays
    assert not datasets.available("mnist")
    np.savez(course_data / "mnist.npz", **mnist)
    assert datasets.available("mnist") and not datasets.available("cifar10")
    np.testing.assert_array_equal(datasets.load_mnist()[1][1], mnist["y_test"])


def test_fill_copies_from_a_folder_and_checks_what_it_copies(course_data, tmp_path, fake_arrays):
    mnist, cifar = fake_arrays
    usb = tmp_path / "usb"
    usb.mkdir()
    np.savez(usb / "mnist.npz", **mnist)
    write_batches(usb / "cifar-10-batches-py", cifar)
    done = datasets.fill(usb, course_data)
    assert [line.split(":")[0] for line in done] == ["mnist", "cifar10"]
    assert datasets.available("mnist") and datasets.available("cifar10")
    np.testing.assert_array_equal(datasets.load_cifar10()[0][0], cifar["x_train"])
    assert not list(course_data.glob("*.part"))
    assert all("already" in line for line in datasets.fill(usb, course_data))  # kept, not copied again
    (course_data / "mnist.npz").unlink()
    np.savez(usb / "mnist.npz", **{**mnist, "x_test": mnist["x_test"][:10]})
    with pytest.raises(ValueError, match="x_test has 10 images"):
        datasets.fill(usb, course_data)
    assert not (course_data / "mnist.npz").exists()


def test_fill_command_line(course_data, tmp_path, fake_arrays, capsys):
    mnist, _ = fake_arrays
    usb = tmp_path / "usb"
    usb.mkdir()
    np.savez(usb / "mnist.npz", **mnist)
    assert datasets.main(["fill", str(usb), "--target", str(course_data)]) == 1  # CIFAR-10 is missing there
    assert "cifar10 not found" in capsys.readouterr().err
    assert (course_data / "mnist.npz").is_file()
    with pytest.raises(SystemExit):
        datasets.main(["fill", str(tmp_path / "no-such-folder")])


def test_fill_from_the_keras_download(course_data, monkeypatch, fake_arrays):
    import keras

    mnist, cifar = fake_arrays
    monkeypatch.setattr(keras.datasets.mnist, "load_data", lambda: (
        (mnist["x_train"], mnist["y_train"]), (mnist["x_test"], mnist["y_test"])))
    monkeypatch.setattr(keras.datasets.cifar10, "load_data", lambda: (
        (cifar["x_train"], cifar["y_train"]), (cifar["x_test"], cifar["y_test"])))
    assert [line.split(": ")[1] for line in datasets.fill(None, course_data)] == ["downloaded by Keras"] * 2
    np.testing.assert_array_equal(datasets.load_mnist()[0][1], mnist["y_train"])


def test_fill_offline_says_what_to_do_in_one_line(course_data, monkeypatch, capsys):
    import keras

    def offline():
        raise Exception("URL fetch failure: Name or service not known")  # what Keras raises

    monkeypatch.setattr(keras.datasets.mnist, "load_data", offline)
    assert datasets.main(["fill", "--target", str(course_data)]) == 1
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "make data FROM=" in error and "Name or service" in error
    assert not list(course_data.glob("*.npz*"))


def test_prepare_mnist_is_the_lesson_preparation(data_dir, fake_arrays, monkeypatch):
    from utils import runtime

    mnist, _ = fake_arrays
    np.savez(data_dir / "mnist.npz", **mnist)
    monkeypatch.setattr(runtime, "FAST", False)
    (x_train, y_train), (x_test, y_test) = datasets.prepare_mnist()
    assert x_train.shape == (60000, 28, 28) and x_train.dtype == np.float32
    np.testing.assert_array_equal(x_test, mnist["x_test"].astype("float32") / 255.0)
    np.testing.assert_array_equal(y_test, mnist["y_test"])
    np.testing.assert_array_equal(y_train, mnist["y_train"])
    monkeypatch.setattr(runtime, "FAST", True)
    (x_train, y_train), (x_test, _) = datasets.prepare_mnist(channel_axis=True, n_train_fast=50)
    assert x_train.shape == (50, 28, 28, 1) and x_test.shape == (1000, 28, 28, 1)
    np.testing.assert_array_equal(y_train, datasets.subset(mnist["x_train"], mnist["y_train"], 50)[1])


def test_corrupt_npz_gives_a_clear_error(data_dir):
    (data_dir / "mnist.npz").write_bytes(b"PK\x03\x04 this is not a zip archive at all")
    with pytest.raises(ValueError, match=r"not a readable \.npz file"):
        datasets.load_mnist()


def test_truncated_npz_gives_a_clear_error(data_dir, fake_arrays):
    mnist, _ = fake_arrays
    np.savez(data_dir / "full.npz", **mnist)
    blob = (data_dir / "full.npz").read_bytes()
    (data_dir / "mnist.npz").write_bytes(blob[: len(blob) // 2])
    with pytest.raises(ValueError, match=r"mnist\.npz"):
        datasets.load_mnist()


def test_npz_with_missing_keys_or_wrong_shapes(data_dir, fake_arrays):
    mnist, _ = fake_arrays
    np.savez(data_dir / "mnist.npz", x_train=mnist["x_train"], y_train=mnist["y_train"])
    with pytest.raises(ValueError, match=r"missing array\(s\) \['x_test', 'y_test'\]"):
        datasets.load_mnist()
    np.savez(data_dir / "mnist.npz", **{**mnist, "x_test": mnist["x_test"][:500]})
    with pytest.raises(ValueError, match="x_test has 500 images; expected 10000"):
        datasets.load_mnist()
    np.savez(data_dir / "mnist.npz", **{**mnist, "x_train": mnist["x_train"].astype(np.float32)})
    with pytest.raises(ValueError, match=r"x_train has shape \(60000, 28, 28\) and dtype float32"):
        datasets.load_mnist()
    np.savez(data_dir / "mnist.npz", **{**mnist, "y_train": mnist["y_train"][:10]})
    with pytest.raises(ValueError, match="y_train has shape"):
        datasets.load_mnist()


def test_corrupt_or_missing_batch_files(data_dir, fake_arrays):
    _, cifar = fake_arrays
    folder = data_dir / "cifar-10-batches-py"
    write_batches(folder, cifar)
    (folder / "test_batch").unlink()
    with pytest.raises(FileNotFoundError, match="test_batch is missing"):
        datasets.load_cifar10()
    (folder / "test_batch").write_bytes(b"garbage")
    with pytest.raises(ValueError, match="not a CIFAR-10 batch file"):
        datasets.load_cifar10()


def tiny_batch(path, labels):
    """A CIFAR-10 batch file of len(labels) black images."""
    with open(path, "wb") as f:
        pickle.dump({b"data": np.zeros((len(labels), 3072), np.uint8), b"labels": list(labels)}, f)
    return path


def broken_npz(**changes):
    """Write name.npz into the folder with some arrays changed; returns its path."""
    def make(folder, arrays):
        name = "cifar10" if arrays["x_train"].ndim == 4 else "mnist"
        np.savez(folder / f"{name}.npz", **{**arrays, **{k: change(arrays[k]) for k, change in changes.items()}})
        return folder / f"{name}.npz"
    return make


def npy_named_npz(folder, arrays):
    with open(folder / "mnist.npz", "wb") as f:
        np.save(f, arrays["x_train"])
    return folder / "mnist.npz"


def directory(name):
    def make(folder, arrays):
        (folder / name).mkdir()
        return folder / name
    return make


def batches_with(name, make_bad):
    def make(folder, arrays):
        (folder / "cifar-10-batches-py").mkdir()
        return make_bad(folder / "cifar-10-batches-py" / name)
    return make


def batches_folder_is_a_file(folder, arrays):
    (folder / "cifar-10-batches-py").write_text("not a folder")
    return folder / "cifar-10-batches-py"


# (what is broken, dataset, how to break it -> the path the message must name, error, what the message says)
BROKEN_FILES = [
    ("string labels", "mnist", broken_npz(y_train=lambda y: y.astype(str)), ValueError, "y_train has dtype <U"),
    ("fractional labels", "mnist", broken_npz(y_test=lambda y: y + 0.5), ValueError, "non-integer labels"),
    ("an .npy renamed .npz", "mnist", npy_named_npz, ValueError, "not an .npz archive"),
    ("CIFAR npz label 300", "cifar10", broken_npz(y_train=lambda y: np.where(y == 9, 300, y.astype(np.int16))),
     ValueError, "labels outside 0..9 (from 0 to 300)"),
    ("CIFAR npz label -1", "cifar10", broken_npz(y_test=lambda y: np.where(y == 0, -1, y.astype(np.int16))),
     ValueError, "labels outside 0..9 (from -1 to 9)"),
    ("CIFAR batch label 300", "cifar10", batches_with("data_batch_1", lambda p: tiny_batch(p, [1, 300])),
     ValueError, "labels outside 0..9 (from 1 to 300)"),
    ("CIFAR batch label -1", "cifar10", batches_with("data_batch_1", lambda p: tiny_batch(p, [-1, 2])),
     ValueError, "labels outside 0..9 (from -1 to 2)"),
    ("CIFAR batch labels not numbers", "cifar10", batches_with("data_batch_1", lambda p: tiny_batch(p, ["a", "b"])),
     ValueError, "expected integer labels"),
    ("mnist.npz is a directory", "mnist", directory("mnist.npz"), IsADirectoryError, "is a directory"),
    ("cifar10.npz is a directory", "cifar10", directory("cifar10.npz"), IsADirectoryError, "is a directory"),
    ("a batch is a directory", "cifar10", batches_with("data_batch_1", lambda p: p.mkdir() or p),
     IsADirectoryError, "is a directory"),
    ("the batches folder is a file", "cifar10", batches_folder_is_a_file, NotADirectoryError, "is a file"),
]


@pytest.mark.parametrize("what, name, make, error, says", BROKEN_FILES, ids=[case[0] for case in BROKEN_FILES])
def test_a_broken_data_file_is_named_with_what_to_do(data_dir, fake_arrays, what, name, make, error, says):
    mnist, cifar = fake_arrays
    path = make(data_dir, mnist if name == "mnist" else cifar)
    with pytest.raises(error) as raised:
        (datasets.load_mnist if name == "mnist" else datasets.load_cifar10)()
    message = str(raised.value)
    assert str(path) in message and says in message
    assert "make data" in message  # what to do
    assert datasets.available(name), "something is there: the notebook must fail on it, not be skipped"


@pytest.mark.parametrize("where", ["npz", "batch", "folder"])
def test_a_permission_error_says_so(data_dir, fake_arrays, monkeypatch, where):
    # Tests run as root, where chmod 000 does not stop a read: the read itself is refused here.
    import builtins
    from pathlib import Path

    _, cifar = fake_arrays
    if where == "npz":
        np.savez(data_dir / "cifar10.npz", **cifar)
        locked = data_dir / "cifar10.npz"
    elif where == "batch":
        (data_dir / "cifar-10-batches-py").mkdir()
        locked = tiny_batch(data_dir / "cifar-10-batches-py" / "data_batch_1", [1, 2])
    else:
        locked = data_dir
    real_open, real_exists = builtins.open, Path.exists

    def refusing_open(file, *args, **kwargs):
        if Path(file) == locked:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    def refusing_exists(self, *args, **kwargs):
        if self.parent == locked:  # a folder one cannot look into
            raise PermissionError(13, "Permission denied", str(self))
        return real_exists(self, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    monkeypatch.setattr(Path, "exists", refusing_exists)
    with pytest.raises(PermissionError) as raised:
        datasets.load_cifar10()
    message = str(raised.value)
    assert f"cannot read {locked}: permission denied" in message and "permissions" in message
    assert "delete" not in message, "a permission problem is not fixed by preparing the file again"


def test_a_relative_cnn_data_dir_is_taken_from_the_working_folder(tmp_path, monkeypatch, fake_arrays):
    mnist, _ = fake_arrays
    (tmp_path / "course" / "data").mkdir(parents=True)
    (tmp_path / "notebooks").mkdir()
    np.savez(tmp_path / "course" / "data" / "mnist.npz", **mnist)
    monkeypatch.setenv("CNN_DATA_DIR", "data")
    monkeypatch.chdir(tmp_path / "course")
    np.testing.assert_array_equal(datasets.load_mnist()[1][1], mnist["y_test"])
    monkeypatch.chdir(tmp_path / "notebooks")  # where a kernel runs: the notebook's folder
    with pytest.raises(datasets.DatasetNotFoundError) as raised:
        datasets.load_mnist()
    message = str(raised.value)
    assert "CNN_DATA_DIR='data'" in message and str(tmp_path / "notebooks" / "data") in message
    assert str(tmp_path / "notebooks") in message and "make data" in message
    (tmp_path / "notebooks" / "data").mkdir()
    (tmp_path / "notebooks" / "data" / "mnist.npz").write_bytes(b"not an archive")
    with pytest.raises(ValueError) as raised:
        datasets.load_mnist()
    message = str(raised.value)
    assert str(tmp_path / "notebooks" / "data" / "mnist.npz") in message and "CNN_DATA_DIR='data'" in message


def test_fill_names_a_source_or_target_that_is_not_a_folder(tmp_path, course_data):
    with pytest.raises(NotADirectoryError, match="does not exist"):
        datasets.fill(tmp_path / "no-such-usb", course_data)
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(NotADirectoryError, match=r"target=.*is a file"):
        datasets.fill(None, tmp_path / "a-file")
    assert list(course_data.iterdir()) == []


def test_without_local_files_the_keras_download_is_used(course_data, monkeypatch):
    import keras

    arrays = ((np.zeros((2, 28, 28), np.uint8), np.zeros(2, np.uint8)),
              (np.zeros((1, 28, 28), np.uint8), np.zeros(1, np.uint8)))
    monkeypatch.setattr(keras.datasets.mnist, "load_data", lambda: arrays)
    assert datasets.load_mnist()[0][0].shape == (2, 28, 28)

    def offline():
        raise OSError("network is unreachable")

    monkeypatch.setattr(keras.datasets.cifar10, "load_data", offline)
    with pytest.raises(datasets.DatasetNotFoundError) as error:
        datasets.load_cifar10()
    assert "make data" in str(error.value) and "OSError" in str(error.value)
    assert error.value.__cause__ is None  # one message, not a chain of tracebacks


@pytest.mark.skipif(not os.environ.get("CNN_DATA_DIR"), reason="CNN_DATA_DIR is not set (CI sets it)")
def test_the_real_datasets_in_cnn_data_dir():
    (x_train, y_train), (x_test, y_test) = datasets.load_mnist()
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert np.bincount(y_train).tolist() == MNIST_COUNTS
    (x_train, y_train), (x_test, y_test) = datasets.load_cifar10()
    assert x_train.shape == (50000, 32, 32, 3) and y_test.shape == (10000, 1)
    assert np.bincount(y_train[:, 0]).tolist() == [5000] * 10
    assert np.bincount(y_test[:, 0]).tolist() == [1000] * 10


# ---------------------------------------------------------------- subsets

def test_subset_is_reproducible_ordered_and_without_repeats():
    x = np.arange(100) * 10
    y = np.arange(100)
    xs, ys = datasets.subset(x, y, 20, seed=3)
    assert len(xs) == 20 and len(set(ys.tolist())) == 20
    np.testing.assert_array_equal(xs, ys * 10)  # pairs stay together
    assert np.all(np.diff(ys) > 0)
    np.testing.assert_array_equal(datasets.subset(x, y, 20, seed=3)[1], ys)
    assert not np.array_equal(datasets.subset(x, y, 20, seed=4)[1], ys)
    assert len(datasets.subset(x, y, 500)[0]) == 100


# ---------------------------------------------------------------- grayscale

def test_to_grayscale_uses_the_slide_weights_exactly():
    pixels = np.array([[[255, 0, 0], [0, 255, 0], [0, 0, 255], [10, 20, 30]]], dtype=np.uint8)
    lum = datasets.to_grayscale(pixels)
    assert lum.dtype == np.float32 and lum.shape == (1, 4)
    np.testing.assert_allclose(lum[0], [76.5, 150.45, 28.05, 0.3 * 10 + 0.59 * 20 + 0.11 * 30], rtol=1e-6)
    mean = datasets.to_grayscale(pixels, method="mean")
    np.testing.assert_allclose(mean[0], [85, 85, 85, 20], rtol=1e-6)
    batch = np.random.default_rng(0).integers(0, 256, size=(5, 32, 32, 3), dtype=np.uint8)
    assert datasets.to_grayscale(batch).shape == (5, 32, 32)
    np.testing.assert_allclose(datasets.to_grayscale(batch, "mean"), batch.mean(axis=-1), rtol=1e-5)


# ---------------------------------------------------------------- shifts

def test_shift_images_moves_right_and_down_with_zero_fill():
    images = np.arange(1, 17, dtype=np.uint8).reshape(1, 4, 4)
    shifted = datasets.shift_images(images, dx=1, dy=2)
    expected = np.array([[0, 0, 0, 0], [0, 0, 0, 0], [0, 1, 2, 3], [0, 5, 6, 7]], dtype=np.uint8)
    np.testing.assert_array_equal(shifted[0], expected)
    assert shifted.dtype == np.uint8
    back = datasets.shift_images(images, dx=-1, dy=-2)
    np.testing.assert_array_equal(back[0], [[10, 11, 12, 0], [14, 15, 16, 0], [0, 0, 0, 0], [0, 0, 0, 0]])


def test_shift_images_never_wraps_and_keeps_channels():
    rng = np.random.default_rng(0)
    images = rng.integers(1, 255, size=(3, 28, 28, 3), dtype=np.uint8)
    shifted = datasets.shift_images(images, 4, 4)
    assert shifted.shape == images.shape
    assert not shifted[:, :4].any() and not shifted[:, :, :4].any()
    np.testing.assert_array_equal(shifted[:, 4:, 4:], images[:, :-4, :-4])
    np.testing.assert_array_equal(datasets.shift_images(images, 0, 0), images)
    assert not datasets.shift_images(images, 28, 0).any()
    assert not datasets.shift_images(images, 0, -30).any()
