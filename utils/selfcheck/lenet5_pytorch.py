"""Self-check of ``LeNet5_PyTorch.ipynb``: how many inputs ``fc1`` of the
class's ``LeNet5(nn.Module)`` needs for a 128×128 colour image."""

from utils import convmath
from utils.selfcheck import Question, ask

__all__ = ["FC1_INPUTS", "QUESTION", "check", "flatten_size", "sides"]

MAPS = 16  # conv2 = nn.Conv2d(6, 16, kernel_size=5)


def sides(n: int) -> list[int]:
    """The side of the maps for an ``n×n`` input: ``[input, conv1, pool, conv2, pool]``."""
    found = [n]
    for k, s in ((5, 1), (2, 2), (5, 1), (2, 2)):
        found.append(convmath.conv_output_size(found[-1], k, stride=s))
    return found


def flatten_size(n: int) -> int:
    """Values that ``torch.flatten(x, 1)`` gives for an ``n×n`` input (any number of channels)."""
    return MAPS * sides(n)[-1] ** 2


def _side_without_plus_one(n: int) -> int:
    """The last side when each convolution is counted as ``N − K`` (the «+ 1» forgotten)."""
    for _ in range(2):
        n = (n - 5) // 2
    return n


FC1_INPUTS = flatten_size(128)
_S = sides(128)
QUESTION = Question(
    "", FC1_INPUTS,
    why=f"{_S[0]} → {_S[1]} (conv 5×5) → {_S[2]} (pool) → {_S[3]} (conv) → {_S[4]} (pool), con {MAPS} mapas: "
        f"{MAPS} · {_S[4]} · {_S[4]} = {FC1_INPUTS}, así que fc1 = Linear({FC1_INPUTS}, 120). Los 3 canales de "
        "entrada no cambian este número: solo cambian conv1.",
    hint="sigue el tamaño desde 128: cada convolución 5×5 sin padding resta 4 y cada pooling 2×2 divide por 2; "
         f"al final multiplica por los {MAPS} mapas de conv2.",
    mistakes=(
        (flatten_size(28), "ése es el valor para 28×28 (MNIST): con 128×128 los mapas que llegan al flatten son "
                           "mucho más grandes."),
        (FC1_INPUTS * 3, "los 3 canales de color no llegan al flatten: conv1 los combina en 6 mapas y conv2 da 16."),
        (MAPS * (128 // 4) ** 2, "olvidaste que cada convolución 5×5 sin padding resta 4 píxeles al lado."),
        (MAPS * _S[3] ** 2, "olvidaste el segundo pooling: después de conv2 todavía hay un max_pool2d de 2×2."),
        (_S[4] ** 2, "olvidaste los canales: el flatten aplana los 16 mapas de conv2, no uno solo."),
        (MAPS * _side_without_plus_one(128) ** 2, "una convolución 5×5 sin padding resta 4 píxeles (K − 1), no 5: "
                                               "falta el «+ 1» de la fórmula."),
    ))


def check(fc1_inputs) -> bool:
    """The verdict on the inputs of ``fc1`` for a 128×128×3 image."""
    return ask((QUESTION, fc1_inputs))
