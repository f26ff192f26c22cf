"""pytest plugin for the benchmark (``-p bench.repetition``): run each selected scenario
``$CHORUS_BENCH_REPETITIONS`` times in one session (node ids ``…[navigateur-rep0]``, …), and write
each item's setup/call/teardown durations to ``$CHORUS_BENCH_PHASES`` (JSON lines).

Like pytest-repeat (not installed here): one session, so Chromium is launched once, and each
repetition gets its own fresh browser context, as every scenario of the suite does.
"""
from __future__ import annotations

import json
import os

import pytest


def _repetitions() -> int:
    return int(os.environ.get("CHORUS_BENCH_REPETITIONS", "1") or 1)


@pytest.fixture
def _chorus_bench_rep(request: pytest.FixtureRequest) -> int:
    return request.param


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    n = _repetitions()
    if n > 1 and "canal" in metafunc.fixturenames:
        metafunc.fixturenames.append("_chorus_bench_rep")
        metafunc.parametrize("_chorus_bench_rep", range(n), indirect=True, ids=[f"rep{i}" for i in range(n)])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The repetitions one after the other (rep0 first: it pays the browser's launch).
    def rang(item: pytest.Item) -> int:
        callspec = getattr(item, "callspec", None)
        return callspec.params.get("_chorus_bench_rep", 0) if callspec else 0
    items.sort(key=rang)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    chemin = os.environ.get("CHORUS_BENCH_PHASES")
    if chemin:
        with open(chemin, "a", encoding="utf-8") as f:
            f.write(json.dumps({"nodeid": report.nodeid, "phase": report.when, "outcome": report.outcome,
                                "duree": report.duration}) + "\n")
