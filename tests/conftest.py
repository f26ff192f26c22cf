"""The project's own tests: the long ones (a whole suite run against an implementation, a minute or more each)
start first, half on each xdist worker, so that `make test -n 2` does not end with one worker alone on them."""
from __future__ import annotations

import pytest

# Files whose tests each run a whole suite (measured with --durations: 50 to 290 s each).
LONGS = ("tests/test_temoin_conformite.py", "tests/test_bout_en_bout.py", "tests/test_kill_matrix.py",
         "tests/test_navigateur_distant.py", "tests/test_shards.py", "tests/test_proprietes.py",
         "tests/test_plusieurs.py", "tests/temoin_dsfr/test_conformite.py", "tests/temoin_dsfr/test_diagnostic.py",
         "tests/test_diagnostic.py", "tests/test_sorties_ci.py")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    longs = [i for i in items if i.nodeid.startswith(LONGS)]
    if not longs or len(longs) == len(items):
        return
    courts = [i for i in items if not i.nodeid.startswith(LONGS)]
    moitie = len(courts) // 2
    # worksteal gives each worker one contiguous half to begin with: a share of the long tests heads each half.
    items[:] = longs[0::2] + courts[:moitie] + longs[1::2] + courts[moitie:]


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    # Started by root, Chromium refuses to keep its sandbox, and the harness does not drop it unasked: the
    # project's own tests ask, as `make test` does (Makefile), and say so in their header.
    import os
    if os.geteuid() == 0:
        os.environ.setdefault("CHORUS_SANS_BAC_A_SABLE", "1")


def pytest_report_header(config: pytest.Config) -> str | None:
    import os
    if os.environ.get("CHORUS_SANS_BAC_A_SABLE"):
        return f"tests du projet : Chromium sans bac à sable (CHORUS_SANS_BAC_A_SABLE={os.environ['CHORUS_SANS_BAC_A_SABLE']})"
    return None
