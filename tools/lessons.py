"""The course's lesson table and its published address: what the README, the
site, the runner and the tests list, in the slides' order.

The address lives in ``pyproject.toml`` (``[tool.cnn-course] repository``);
``python -m tools.stamp`` writes it into the notebooks.
"""

from __future__ import annotations

from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

# (folder, notebook, Spanish title, topic, the notebook name the slides cite)
LESSONS = (
    ("01_imagen_digital", "verImagen_RGB", "Imagen digital: RGB y escala de grises",
     "pixels, RGB channels, tensors, grayscale conversions", "verImagen_RGB.ipynb"),
    ("02_convolucion", "Convolucion_2D", "Convolución 2D",
     "convolution vs cross-correlation, padding, stride, output size", "—"),
    ("02_convolucion", "Aplicar_filtro", "Aplicar un filtro con una capa Conv2D",
     "a Conv2D with hand-set weights; the classic kernel gallery", "Aplicar_filtro.ipynb"),
    ("02_convolucion", "Aplicar_filtros_Conv2", "Varios filtros en una capa Conv2D",
     "three filters at once; detecting an X with ReLU", "Aplicar_filtros_Conv2.ipynb"),
    ("02_convolucion", "Convolucion_3_canales", "Convolución con 3 canales: imágenes a color y varios filtros",
     "colour input, several filters, padding 1 and stride 2", "—"),
    ("03_pooling", "Pooling", "Pooling: resumir una región con un solo valor",
     "max and average pooling, complex neurons (padding + stride), small shifts and rotations", "—"),
    ("04_mlp_vs_cnn", "mlp_MNIST", "Perceptrón multicapa (MLP) en MNIST",
     "the 784-200-150-10 MLP on MNIST (188,660 parameters)", "mlp_MNIST.ipynb"),
    ("04_mlp_vs_cnn", "mlp_CIFAR10", "El mismo MLP en CIFAR-10 (a color)",
     "the same MLP on colour CIFAR-10", "—"),
    ("04_mlp_vs_cnn", "mlp_CIFAR10_gris", "El mismo MLP en CIFAR-10 en escala de grises",
     "the same MLP on gray CIFAR-10: colour is not the reason", "mlp_CIFAR10_gris.ipynb"),
    ("04_mlp_vs_cnn", "mlp_MNIST_traslaciones", "El MLP y los dígitos trasladados",
     "digits shifted 4 px break the MLP; why convolutional layers", "mlp_MINIST_traslaciones.ipynb"),
    ("05_cnn_mnist", "MNIST_Conv2D_MaxPool", "CNN en MNIST: Conv2D, MaxPooling2D y cantidad de parámetros",
     "four models, every parameter count by formula; a CNN at 99%", "MNIST_Conv2D_MaxPool.ipynb"),
    ("05_cnn_mnist", "MNIST_Aplicar_modelo", "Aplicar una CNN entrenada a un dígito de MNIST: mapas de características",
     "the 8,954-parameter CNN on one digit: feature maps and learned kernels", "MNIST_Aplicar_modelo.ipynb"),
    ("05_cnn_mnist", "Parametros_y_dimensiones", "¿Cómo chequear si entendí CNN? Parámetros y dimensiones",
     "self-check: shapes and parameter counts of LeNet variants", "—"),
    ("06_como_aprende", "Como_aprende_una_CNN",
     "Cómo aprende una CNN: activación ReLU, retropropagación, Dropout y BatchNormalization",
     "why an activation (two linear convolutions are one), ReLU; one gradient step by hand; Dropout, "
     "BatchNormalization", "—"),
    ("07_lenet5", "LeNet5_MNIST", "LeNet-5 en MNIST",
     "LeNet-5 (44,426 parameters) vs the MLP; shifted digits break it too", "LeNet5_MNIST.ipynb"),
    ("07_lenet5", "LeNet5_MNIST_mejor_configuracion", "LeNet-5 mejorada: la mejor configuración para MNIST",
     "padding, wider blocks, augmentation, SGD: robust to 4-px shifts", "LeNet5_MNIST_mejor_configuracion.ipynb"),
    ("07_lenet5", "LeNet5_CIFAR10", "LeNet-5 en CIFAR-10: el ejercicio",
     "the same LeNet-5 on CIFAR-10, over-fitting, and a first improvement", "—"),
    ("07_lenet5", "LeNet5_PyTorch", "Apéndice: LeNet-5 en PyTorch",
     "the class notes' PyTorch LeNet5 beside the Keras model", "—"),
    ("08_gradientes", "Gradientes", "Problemas en Deep Learning: gradientes que se desvanecen y que explotan",
     "vanishing and exploding gradients; why ReLU", "—"),
)


def config(root: Path = ROOT) -> dict:
    """``[tool.cnn-course]`` of ``pyproject.toml``: ``repository`` (``""``
    until the course is published) and ``branch``."""
    with open(Path(root) / "pyproject.toml", "rb") as f:
        settings = tomllib.load(f).get("tool", {}).get("cnn-course", {})
    return {"repository": settings.get("repository", "").rstrip("/"), "branch": settings.get("branch", "main")}


def notebook_paths(root: Path = ROOT) -> list[Path]:
    """Every notebook under ``root/notebooks``, sorted."""
    folder = Path(root) / "notebooks"
    return sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def lesson_paths(root: Path = ROOT) -> list[Path]:
    """The notebooks of the lesson table, in its order."""
    return [Path(root) / "notebooks" / folder / f"{name}.ipynb" for folder, name, *_ in LESSONS]
