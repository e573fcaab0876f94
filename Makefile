# augcourse: two commands to start.
#   make lab    create .venv from requirements.lock if needed, then open JupyterLab on notebooks/
#   make test   the same install, then unit tests + every notebook under strict nbval
# Also: make test-browser (JupyterLab in headless Chromium), make outputs (regenerate notebook
# outputs from a fresh kernel), make check-outputs (the same runs, writing nothing: a diff and a failure if
# the committed text outputs would change), make bench (speed comparisons), make lock (re-pin everything),
# make site (the course website in build/site/, from the committed notebooks, nothing executed),
# make restore (lessons back as committed, yours copied to my-work/ first), make check-binder (pip check of
# the Binder image; needs the package index).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.augcourse-installed
PIP := $(BIN)/python -m pip --disable-pip-version-check
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: install lab test fuzz test-browser outputs check-outputs bench lock site restore check-binder translations git-filter

# The Pythons the lock installs on (TensorFlow 2.21 has no wheels for 3.14; contourpy 1.3.3 needs 3.11+).
SUPPORTED := import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] <= (3, 13) else 1)
PICK := pick one with PYTHON=, e.g. make $(or $(MAKECMDGOALS),install) PYTHON=python3.12

# A .venv made by a Python the course does not support (an earlier failed try) is made again, not reused.
$(STAMP): requirements.lock pyproject.toml
	@if test -x $(BIN)/python && ! $(BIN)/python -c "$(SUPPORTED)" 2>/dev/null; then \
	  echo "Removing $(VENV): it was made with $$($(BIN)/python --version 2>&1), which the course does not support"; \
	  rm -rf $(VENV); fi
	@test -x $(BIN)/python || $(PYTHON) -c "$(SUPPORTED)" 2>/dev/null || { echo "augcourse needs Python 3.11, 3.12 or \
	3.13; PYTHON=$(PYTHON) is $$(command -v $(PYTHON) >/dev/null && $(PYTHON) --version 2>&1 || echo 'not found'): $(PICK)" >&2; exit 1; }
	@test -x $(BIN)/python || { echo "Creating $(VENV) with $$($(PYTHON) --version)"; $(PYTHON) -m venv $(VENV); }
	@echo "Installing the pinned environment (requirements.lock) into $(VENV) ..."
	@$(PIP) install --quiet -r requirements.lock
	@$(PIP) install --quiet --no-deps --no-build-isolation -e .
	@$(MAKE) --no-print-directory git-filter
	@touch $(STAMP)

# Registers tools/notebook_filter.py for this clone (see .gitattributes): a lesson opened by JupyterLab on
# another Python than the outputs' does not show as changed. Nothing happens outside a git clone.
git-filter:
	@git rev-parse --git-dir >/dev/null 2>&1 && git config filter.augcourse-lessons.clean \
	  '$(BIN)/python tools/notebook_filter.py %f' || true

install: $(STAMP)

# Opens on the course index. The project's own JupyterLab defaults (.jupyterlab/settings/overrides.json:
# no Jupyter news popup) replace the app-wide ones; the learner's own user settings are untouched.
# LANG=ko (or a Korean locale, ko_KR.UTF-8) opens the Korean index, notebooks/ko/00_index.ipynb, and sets
# AUGCOURSE_LANG=ko for every kernel, so the library's messages are Korean in every lesson (augcourse.language).
KOREAN := $(filter ko%,$(LANG))
INDEX := $(if $(KOREAN),ko/00_index.ipynb,00_index.ipynb)
lab: $(STAMP)
	$(if $(KOREAN),AUGCOURSE_LANG=ko )$(BIN)/jupyter lab --notebook-dir=notebooks --ServerApp.ip=127.0.0.1 $(ROOT_FLAG) \
	  --LabApp.default_url=/lab/tree/$(INDEX) --LabApp.app_settings_dir="$(CURDIR)/.jupyterlab/settings" $(LAB_ARGS)

# The Korean edition: refresh the catalogues from the English lessons, build notebooks/ko/, report coverage.
translations:
	$(BIN)/python tools/i18n.py update
	$(BIN)/python tools/i18n.py build
	$(BIN)/python tools/i18n.py check

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# A search for new bugs, not a gate: the property and hostile-input tests with fresh random examples,
# FUZZ_RUNS times (each run prints its seed; rerun one with --hypothesis-seed=N).
FUZZ_RUNS ?= 10
fuzz: $(STAMP)
	for run in $$(seq $(FUZZ_RUNS)); do seed=$$(od -An -N4 -tu4 /dev/urandom | tr -d ' '); echo "fuzz run $$run, seed $$seed"; \
	  AUGCOURSE_FUZZ=1 $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_augment_hostile.py \
	    tests/test_augment_properties.py tests/test_augment_doors.py tests/test_exercise_any_answer.py \
	    tests/test_folder_reader_fuzz.py tests/test_written_code_runs.py \
	    --hypothesis-seed=$$seed $(PYTEST_ARGS) || exit 1; \
	done

# Lessons back as committed (all changed ones, or LESSON=03_flip); your versions are copied to my-work/ first.
restore:
	@$(or $(wildcard $(BIN)/python),$(PYTHON)) tools/restore_lessons.py $(LESSON)

test-browser: $(STAMP)
	$(BIN)/python -m pytest -m browser tests $(PYTEST_ARGS)

outputs: $(STAMP)
	$(BIN)/python tools/regen_outputs.py $(NOTEBOOKS)

check-outputs: $(STAMP)
	$(BIN)/python tools/regen_outputs.py --check $(NOTEBOOKS)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_augment.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/bench_epoch.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/bench_widgets.py
	$(BIN)/python benchmarks/bench_study_epoch.py
	$(BIN)/python benchmarks/bench_zca.py

# The website: Sphinx + myst-nb over notebooks/ (configuration in docs/conf.py), committed outputs only,
# warnings are errors. Open build/site/index.html. The Korean edition (-t ko) is built from notebooks/ko/
# into build/site/ko/. tests/test_site.py builds with these same commands.
SITE_DIR ?= build/site
site: $(STAMP)
	$(BIN)/python -m sphinx -b html -W --keep-going -q -c docs -d $(SITE_DIR)-doctrees notebooks $(SITE_DIR)
	$(BIN)/python -m sphinx -b html -W --keep-going -q -c docs -t ko -d $(SITE_DIR)-doctrees-ko notebooks/ko $(SITE_DIR)/ko
	@echo "Site built: $(SITE_DIR)/index.html"

lock:
	rm -rf build/lock-venv
	$(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/python -m pip install --quiet -e '.[test,site]'
	{ sed -n '1,3p' requirements.lock; echo "setuptools==$$(build/lock-venv/bin/python -c 'import setuptools; print(setuptools.__version__)')"; \
	  echo "wheel==$$(build/lock-venv/bin/python -c 'import importlib.metadata as m; print(m.version("wheel"))')"; \
	  build/lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^augcourse'; } > requirements.lock.new
	mv requirements.lock.new requirements.lock
	build/lock-venv/bin/python tools/write_environment.py
	build/lock-venv/bin/python tools/check_binder.py --write-base

# pip check of the Binder image without Docker: repo2docker's base environment (binder/base-image.txt) with
# binder/requirements.txt installed on top, as repo2docker does. Needs the package index; .ci/run runs it.
check-binder: $(STAMP)
	$(BIN)/python tools/check_binder.py
