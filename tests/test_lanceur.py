"""The kill matrix's runs, forked from a process that has imported the harness (mutants/lanceur.py), end as the
command would: the same exit code, the same console, whichever way they are started."""
import pytest

from mutants.lanceur import Lanceur


@pytest.mark.parametrize("prechauffe", [True, False], ids=["fork server", "new interpreter"])
def test_a_run_gives_the_command_s_exit_code_and_console(tmp_path, prechauffe):
    lanceur = Lanceur(prechauffe=prechauffe)
    aide = tmp_path / "aide.log"
    assert lanceur.executer(["-h"], aide) == 0
    assert "Usage : chorus-conformance" in aide.read_text(encoding="utf-8")
    illisible = tmp_path / "comparer.log"
    assert lanceur.executer(["comparer", str(tmp_path / "a.json"), str(tmp_path / "b.json")], illisible) == 3
    assert "a.json" in illisible.read_text(encoding="utf-8")


def test_the_fork_server_is_used_where_the_platform_has_one():
    import multiprocessing
    if "forkserver" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork server on this platform")
    assert Lanceur().contexte is not None
    assert Lanceur(prechauffe=False).contexte is None
