# Entry points (CI and release checks call them). Each one installs what it needs first.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTEST := $(VENV)/bin/pytest

# Chromium keeps its sandbox, except where this machine cannot give it one: started by root, Chromium refuses to
# run sandboxed. Then, and only then, every target runs it without (the harness's --sans-bac-a-sable, through the
# variable), and the terminal, rapport.html and verdict.json say « bac à sable désactivé ». Run as another user to
# keep the sandbox (measured: as an unprivileged user, the user-namespace sandbox works on these machines).
ifeq ($(shell id -u),0)
export CHORUS_SANS_BAC_A_SABLE ?= 1
endif

# Python caches its bytecode (and pytest its rewritten test modules) even where the environment says not to, as it
# does on these machines: each process would otherwise compile its modules again (collecting the suite: 4.8 CPU-s
# against 3.1, farm-bench).
export PYTHONDONTWRITEBYTECODE :=

.PHONY: setup lock conformance test bench mutants clean

setup:
	@VENV=$(VENV) scripts/setup.sh

## requirements.lock from pyproject.toml: every package pinned with its hashes, for Python 3.11 (what setup installs).
## The only way to change a pin: edit pyproject.toml (or ask for newer versions with ARGS=--upgrade), then this.
lock: setup
	@[ -x $(VENV)/bin/uv ] || $(PY) -m pip install -q uv
	$(VENV)/bin/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 --quiet \
		--custom-compile-command "make lock" -o requirements.lock $(ARGS)

## The conformance suite against the bundled reference implementation; reports in reports/; exit code = verdict.
conformance: setup
	$(VENV)/bin/chorus-conformance --rapports reports $(ARGS)

## The project's own tests, on two workers (most of them wait on servers and browsers); worksteal evens out the
## long end-to-end runs, which tests/conftest.py starts first (measured on a fresh clone: 25 min 20 s with set-up,
## 1478 passed, after issue 23's three witnesses and their deviations).
test: setup
	$(PYTEST) -q -n 2 --dist worksteal $(ARGS)

## Performance figures (printed).
bench: setup
	$(PY) -m bench $(ARGS)

## The seeded-fault kill matrix; prints the kill rate last, non-zero unless every fault is killed.
mutants: setup
	$(PY) -m mutants $(ARGS)

clean:
	rm -rf reports test-results .hypothesis
