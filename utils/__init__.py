"""The small package the course's notebooks import.

- :mod:`utils.runtime`: fast/full mode, timing, what the setup cell calls;
- :mod:`utils.datasets`: MNIST and CIFAR-10 loaders that work offline, subsets,
  grayscale, pixel shifts;
- :mod:`utils.convmath`: the classic kernels, a numpy reference of
  convolution and pooling, size and parameter formulas, a hand-set ``Conv2D``;
- :mod:`utils.plots`: the course's figures;
- :mod:`utils.diagrams`: schematic figures of the history of CNNs and of LeNet-5;
- :mod:`utils.gradients`: the loss and its gradients by the active backend's
  autodiff (TensorFlow, JAX or PyTorch);
- :mod:`utils.explorers`: the interactive explorers (ipywidgets);
- :mod:`utils.models`: the models and training recipes that several lessons
  share, each written out in full in the notebook that teaches it;
- :mod:`utils.selfcheck`: the self-checks and exercise checks, one module per
  notebook, so a question's reasoning is printed only after a right answer.

Importing ``utils`` imports none of them, so nothing heavy (no Keras) is loaded
until a notebook asks for it. Nothing here serves the benchmark: that lives in
``benchmarks/`` and ``tools/``.
"""

__all__ = ["convmath", "datasets", "diagrams", "explorers", "gradients", "models", "plots", "runtime", "selfcheck"]
