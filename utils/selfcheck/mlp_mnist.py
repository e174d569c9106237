"""Self-check of ``mlp_MNIST.ipynb``: the parameters of the same MLP
(``Flatten → Dense(200) → Dense(150) → Dense(10)``) with CIFAR-10's
32×32×3 input."""

from itertools import pairwise

from utils import convmath
from utils.selfcheck import Question, ask

__all__ = ["CIFAR10_PARAMETERS", "HIDDEN", "INPUT_SHAPE", "check", "mlp_parameters"]

HIDDEN = (200, 150, 10)
"""The neurons of the MLP's three dense layers."""
INPUT_SHAPE = (32, 32, 3)
"""A CIFAR-10 image."""


def mlp_parameters(n_inputs: int, bias: bool = True) -> int:
    """Parameters of the course's MLP with ``n_inputs`` inputs once flattened."""
    sizes = (n_inputs, *HIDDEN)
    return sum(convmath.dense_params(a, b, bias=bias) for a, b in pairwise(sizes))


_inputs = INPUT_SHAPE[0] * INPUT_SHAPE[1] * INPUT_SHAPE[2]
_first = convmath.dense_params(_inputs, HIDDEN[0])
_rest = mlp_parameters(_inputs) - _first

CIFAR10_PARAMETERS = Question(
    "", mlp_parameters(_inputs),
    why=f"Solo cambia la primera capa: {_inputs} entradas · 200 + 200 = {_first:,} (con MNIST eran "
        f"784 · 200 + 200 = {convmath.dense_params(784, 200):,}); con los {_rest:,} de las otras dos capas, "
        f"que no cambian, son {mlp_parameters(_inputs):,} parámetros.",
    hint="usa P = n_in · n_out + n_out en cada capa densa; solo cambia n_in de la primera: ¿cuántos números "
         "quedan al aplanar una imagen de 32 × 32 × 3?",
    mistakes=((mlp_parameters(28 * 28), "esos son los parámetros con MNIST: con la entrada de CIFAR-10 la "
                                         "primera capa tiene más entradas."),
              (mlp_parameters(32 * 32), "olvidaste los 3 canales: al aplanar quedan 32 × 32 × 3 números."),
              (mlp_parameters(28 * 28 * 3), "las imágenes de CIFAR-10 son de 32 × 32, no de 28 × 28."),
              (_first, "eso es solo la primera capa: suma las otras dos."),
              (mlp_parameters(_inputs, bias=False), "faltan los sesgos: uno por neurona.")))


def check(parameters) -> bool:
    """The verdict of the question."""
    return ask((CIFAR10_PARAMETERS, parameters))
