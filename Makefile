# Thin wrappers; see README.md. Everything runs in a virtual environment
# (.venv by default, or VENV=...) that `make setup` fills from requirements.txt
# and into which it installs the course package (utils/, editable).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: setup lab data test test-jax lint run-all benchmark site clean

$(INSTALLED): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(INSTALLED)

setup: $(INSTALLED)  ## create the virtual environment, install requirements.txt and the course package

data: setup  ## fill data/ with MNIST and CIFAR-10: from the Keras download, or FROM=folder (e.g. a USB stick)
	$(BIN)/python -m utils.datasets fill $(FROM)

# Jupyter refuses to start as root unless told; students are not root, containers often are.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: setup  ## open the course in JupyterLab
	$(BIN)/jupyter lab $(ALLOW_ROOT) notebooks

test: setup  ## unit tests + every notebook with nbval, in fast mode
	CNN_FAST=$${CNN_FAST:-1} $(BIN)/python -m pytest

test-jax: setup  ## every notebook through nbval again, on Keras' JAX backend (fast mode)
	KERAS_BACKEND=jax CNN_FAST=$${CNN_FAST:-1} $(BIN)/python -m pytest notebooks

lint: setup  ## ruff over the code, and through nbqa over the notebooks
	$(BIN)/ruff check utils tests benchmarks tools conftest.py
	$(BIN)/nbqa ruff notebooks

run-all: setup  ## re-execute every notebook in full mode, refreshing its stored outputs
	$(BIN)/python -m benchmarks.run --in-place

benchmark: setup  ## full-mode run of every notebook in a scratch copy; writes benchmarks/RESULTS.md
	$(BIN)/python -m benchmarks.run

site: setup  ## render every notebook with its stored outputs to static HTML in _site/
	$(BIN)/python -m tools.site _site

clean:
	rm -rf $(VENV) .pytest_cache benchmarks/scratch _site
