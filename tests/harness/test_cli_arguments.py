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
