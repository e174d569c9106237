# Thin wrappers; see README.md. Everything runs in a virtual environment
# (.venv by default, or VENV=...) that `make setup` fills from requirements.txt
# (what following the course needs) and into which it installs the course
# package (utils/, editable); `make setup-dev` adds requirements-dev.txt (tests,
# lint, nbgrader, JAX, PyTorch), which the targets for maintainers need.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEV_INSTALLED := $(VENV)/.installed-dev
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: setup setup-dev lab lab-teacher data editions test test-jax test-torch test-oldest lint run-all benchmark site clean

$(INSTALLED): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt
	$(PIP) --no-deps -e .
	touch $(INSTALLED)

$(DEV_INSTALLED): $(INSTALLED) requirements-dev.txt
	$(PIP) -r requirements-dev.txt
	touch $(DEV_INSTALLED)

setup: $(INSTALLED)  ## create the virtual environment, install requirements.txt and the course package

setup-dev: $(DEV_INSTALLED)  ## setup, plus requirements-dev.txt (tests, lint, nbgrader, JAX, PyTorch)

data: setup  ## fill data/ with MNIST and CIFAR-10: from the Keras download, or FROM=folder (e.g. a USB stick)
	$(BIN)/python -m utils.datasets fill $(FROM)

# Jupyter refuses to start as root unless told; students are not root, containers often are.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

# JupyterLab's root is the course folder, so the links between the two editions
# and to GLOSARIO.md work; the file browser opens on the edition.
lab: setup  ## open the student edition in JupyterLab
	$(BIN)/jupyter lab $(ALLOW_ROOT) --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/student

lab-teacher: setup  ## open the teacher's edition (solutions, stored outputs) in JupyterLab
	$(BIN)/jupyter lab $(ALLOW_ROOT) --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks

editions: setup-dev  ## regenerate student/ from notebooks/ (run after editing a notebook)
	$(BIN)/python -m tools.editions

test: setup-dev  ## unit tests, both editions of every notebook, in fast mode
	CNN_FAST=$${CNN_FAST:-1} $(BIN)/python -m pytest

test-jax: setup-dev  ## every notebook through nbval again, on Keras' JAX backend (fast mode)
	KERAS_BACKEND=jax CNN_FAST=$${CNN_FAST:-1} $(BIN)/python -m pytest notebooks

test-torch: setup-dev  ## every notebook through nbval again, on Keras' PyTorch backend (fast mode)
	KERAS_BACKEND=torch CNN_FAST=$${CNN_FAST:-1} $(BIN)/python -m pytest notebooks

# The oldest versions requirements.txt allows (constraints-oldest.txt), in their
# own environment, on the notebooks most sensitive to versions: the numerical
# core (lessons 1-3), a training lesson and the per-backend autodiff, on
# TensorFlow and JAX.
OLDEST_VENV ?= .venv-oldest
OLDEST_UNIT_TESTS := $(addprefix tests/test_,convmath.py datasets.py explorers.py models.py plots.py runtime.py \
	bad_inputs.py) $(wildcard tests/test_selfcheck*.py)
OLDEST_NOTEBOOKS := notebooks/01_imagen_digital notebooks/02_convolucion notebooks/03_pooling \
	notebooks/05_cnn_mnist/MNIST_Aplicar_modelo.ipynb notebooks/08_gradientes
test-oldest:  ## the unit tests of utils/ and some notebooks on the oldest allowed versions (fast mode)
	PIP_CONSTRAINT=$(CURDIR)/constraints-oldest.txt $(MAKE) setup-dev VENV=$(OLDEST_VENV)
	CNN_FAST=$${CNN_FAST:-1} $(OLDEST_VENV)/bin/python -m pytest $(OLDEST_UNIT_TESTS) $(OLDEST_NOTEBOOKS)
	KERAS_BACKEND=jax CNN_FAST=$${CNN_FAST:-1} $(OLDEST_VENV)/bin/python -m pytest notebooks/03_pooling notebooks/08_gradientes

lint: setup-dev  ## ruff over the code, and through nbqa over the notebooks
	$(BIN)/ruff check utils tests benchmarks tools conftest.py
	$(BIN)/nbqa ruff notebooks

run-all: setup-dev  ## re-execute every notebook in full mode, refreshing its stored outputs
	$(BIN)/python -m benchmarks.run --in-place

benchmark: setup-dev  ## full-mode run of every notebook in a scratch copy; writes benchmarks/RESULTS.md
	$(BIN)/python -m benchmarks.run

site: setup  ## render every notebook with its stored outputs to static HTML in _site/
	$(BIN)/python -m tools.site _site

clean:
	rm -rf $(VENV) $(OLDEST_VENV) .pytest_cache benchmarks/scratch _site
