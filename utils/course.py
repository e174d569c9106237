"""The course's metadata and the command that keeps every notebook in step
with it.

``REPO_URL`` is the one setting behind every notebook's "Abrir en Colab" badge
and the repository the setup cell clones in Colab. To publish the course
under its real address, run once from the repository root::

    python -m utils.course stamp https://github.com/OWNER/REPO

which rewrites ``REPO_URL`` here, the badge and the setup cell of every
notebook. ``python -m utils.course check`` lists notebooks out of step.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO_URL = "https://github.com/OWNER/curso-cnn"
BRANCH = "main"

ROOT = Path(__file__).resolve().parents[1]

# (folder, notebook, Spanish title, topic, the notebook name the slides cite)
LESSONS = (
    ("01_imagen_digital", "verImagen_RGB", "Imagen digital: RGB y escala de grises",
     "pixels, RGB channels, grayscale conversions", "verImagen_RGB.ipynb"),
    ("02_convolucion", "Convolucion_2D", "Convolución 2D",
     "convolution vs cross-correlation, padding, stride, output size", "—"),
    ("02_convolucion", "Aplicar_filtro", "Aplicar un filtro con una capa Conv2D",
     "a Conv2D with hand-set weights; the classic kernel gallery", "Aplicar_filtro.ipynb"),
    ("02_convolucion", "Aplicar_filtros_Conv2", "Varios filtros en una capa Conv2D",
     "three filters at once; detecting an X with ReLU", "Aplicar_filtros_Conv2.ipynb"),
    ("02_convolucion", "Convolucion_3_canales", "Convolución con 3 canales: imágenes a color y varios filtros",
     "colour input, several filters, padding 1 and stride 2", "—"),
    ("03_pooling", "Pooling", "Pooling: resumir una región con un solo valor",
     "max and average pooling, robustness to small shifts", "—"),
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
    ("06_lenet5", "LeNet5_MNIST", "LeNet-5 en MNIST",
     "LeNet-5 (44,426 parameters) vs the MLP; shifted digits break it too", "LeNet5_MNIST.ipynb"),
    ("06_lenet5", "LeNet5_MNIST_mejor_configuracion", "LeNet-5 mejorada: la mejor configuración para MNIST",
     "padding, wider blocks, augmentation, SGD: robust to 4-px shifts", "LeNet5_MNIST_mejor_configuracion.ipynb"),
    ("06_lenet5", "LeNet5_CIFAR10", "LeNet-5 en CIFAR-10: el ejercicio",
     "the same LeNet-5 on CIFAR-10, over-fitting, and a first improvement", "—"),
    ("06_lenet5", "LeNet5_PyTorch", "Apéndice: LeNet-5 en PyTorch",
     "the class notes' PyTorch LeNet5 beside the Keras model", "—"),
    ("07_gradientes", "Gradientes", "Problemas en Deep Learning: gradientes que se desvanecen y que explotan",
     "vanishing and exploding gradients; why ReLU", "—"),
)

SETUP_FIRST_LINE = "# Configuración del entorno: funciona en Jupyter (desde el repositorio) y en Colab."


def setup_bootstrap(repo_url: str = REPO_URL) -> str:
    """The lines every notebook's setup cell starts with."""
    folder = repo_url.rstrip("/").rsplit("/", 1)[-1]
    return f'''{SETUP_FIRST_LINE}
import sys
from pathlib import Path

REPO_URL = "{repo_url}"
if "google.colab" in sys.modules:  # en Colab: traer el repositorio del curso
    ROOT = Path("/content/{folder}")
    if not ROOT.exists():
        import subprocess
        subprocess.run(["git", "clone", "--depth", "1", REPO_URL, str(ROOT)], check=True)
else:  # en Jupyter: la carpeta del repositorio es la que contiene utils/
    ROOT = next(p for p in (Path.cwd(), *Path.cwd().parents) if (p / "utils" / "course.py").exists())
sys.path.insert(0, str(ROOT))

from utils import runtime

runtime.setup(seed=42)'''


def colab_url(notebook: Path, repo_url: str = REPO_URL, root: Path = ROOT) -> str:
    """The "Abrir en Colab" address of a notebook of the repository at ``root``."""
    relative = Path(notebook).resolve().relative_to(Path(root).resolve()).as_posix()
    owner_repo = repo_url.rstrip("/").removeprefix("https://github.com/")
    return f"https://colab.research.google.com/github/{owner_repo}/blob/{BRANCH}/{relative}"


def notebook_paths(root: Path = ROOT) -> list[Path]:
    """Every notebook under ``root/notebooks``, sorted."""
    folder = Path(root) / "notebooks"
    return sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def setup_cell_index(cells: list) -> int | None:
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "code" and "".join(cell["source"]).startswith(SETUP_FIRST_LINE):
            return i
    return None


_BADGE = re.compile(r"https://colab\.research\.google\.com/github/[^)\s]+")
_BOOTSTRAP_END = "runtime.setup(seed=42)"


def problems(notebook: Path, repo_url: str = REPO_URL, root: Path = ROOT) -> list[str]:
    """Ways the notebook's badge or setup cell disagree with ``repo_url``."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    found = []
    first = "".join(cells[0]["source"]) if cells else ""
    url = colab_url(notebook, repo_url, root)
    if f"[![Abrir en Colab](https://colab.research.google.com/assets/colab-badge.svg)]({url})" not in first:
        found.append(f"the first cell has no Colab badge pointing at {url}")
    index = setup_cell_index(cells)
    if index is None:
        found.append("no setup cell (a code cell starting with the setup comment)")
    elif not "".join(cells[index]["source"]).startswith(setup_bootstrap(repo_url)):
        found.append("the setup cell's bootstrap differs from utils.course.setup_bootstrap()")
    return found


def stamp(repo_url: str, root: Path = ROOT) -> list[Path]:
    """Write ``repo_url`` into ``root/utils/course.py`` and into every
    notebook's badge and setup cell. Returns the notebooks that changed."""
    if not re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+", repo_url.rstrip("/")):
        raise ValueError(f"repo_url={repo_url!r}: expected https://github.com/OWNER/REPO")
    repo_url = repo_url.rstrip("/")
    changed = []
    import nbformat

    for path in notebook_paths(root):
        text = path.read_text(encoding="utf-8")
        notebook = nbformat.reads(text, as_version=4)
        cells = notebook.cells
        if cells and cells[0].cell_type == "markdown":
            cells[0].source = _BADGE.sub(colab_url(path, repo_url, root), cells[0].source)
        index = setup_cell_index(cells)
        if index is not None:
            source = cells[index].source
            rest = source.split(_BOOTSTRAP_END, 1)[1] if _BOOTSTRAP_END in source else ""
            cells[index].source = setup_bootstrap(repo_url) + rest
        new_text = nbformat.writes(notebook) + "\n"
        if new_text != text:
            path.write_text(new_text, encoding="utf-8")
            changed.append(path)
    module = Path(root) / "utils" / "course.py"
    source = module.read_text(encoding="utf-8")
    module.write_text(re.sub(r'^REPO_URL = ".*"$', f'REPO_URL = "{repo_url}"', source, count=1,
                             flags=re.M), encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "stamp":
        try:
            changed = stamp(argv[1])
        except ValueError as error:
            print(error, file=sys.stderr)
            return 2
        print(f"REPO_URL = {argv[1]}; {len(changed)} notebook(s) updated")
        return 0
    if len(argv) == 1 and argv[0] == "check":
        bad = {p: problems(p) for p in notebook_paths()}
        for path, found in bad.items():
            for problem in found:
                print(f"{path.relative_to(ROOT)}: {problem}")
        return 1 if any(bad.values()) else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
