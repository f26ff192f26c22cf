"""chorus-conformance's argument list: the suite is run unless the user names test paths."""
from harness.cli import SUITE, arguments


def test_option_values_that_exist_on_disk_are_not_test_paths(tmp_path):
    profil = tmp_path / "profil.toml"
    profil.write_text('nom = "x"\n', encoding="utf-8")
    args = arguments(["--profil", str(profil), "--rapports", str(tmp_path)])
    assert str(SUITE) in args


def test_a_test_path_given_by_the_user_replaces_the_suite():
    args = arguments([f"{SUITE}::test_x", "--canal", "http"])
    assert args.count(str(SUITE)) == 0 and f"{SUITE}::test_x" in args


def test_the_whole_suite_runs_on_two_workers_by_default_on_two_cores_or_more():
    from harness.travailleurs import travailleurs
    assert travailleurs(["--canal", "http"], coeurs=2) == ["-n", "2"]
    assert travailleurs([], coeurs=8) == ["-n", "2"]
    assert travailleurs([], coeurs=1) == []
    if (__import__("os").cpu_count() or 1) >= 2:
        args = arguments(["--rapports", "r"])
        assert args[args.index("-n") + 1] == "2"


def test_the_user_s_workers_a_debugger_or_a_part_of_the_suite_keep_one_process_unless_told():
    from harness.travailleurs import travailleurs
    for argv in (["-n", "0"], ["-n4"], ["--numprocesses=3"], ["-p", "no:xdist"], ["--pdb"], ["-k", "SIRET"],
                 ["-m", "E1_SIRET_CLE"], ["-m=E1"], [f"{SUITE}::test_x"], ["--lf"]):
        assert travailleurs(argv, coeurs=2) == [], argv
    assert arguments(["-k", "SIRET"]).count("-n") == 0
    assert arguments(["-n", "0"]).count("-n") == 1
