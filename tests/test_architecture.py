"""The reference implementation and the harness meet over HTTP and SMTP only."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HARNESS_PACKAGES = {"harness", "steps", "fixtures", "features"}


def imported_top_level_modules(folder: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def test_reference_impl_imports_nothing_of_the_harness():
    imports = imported_top_level_modules(ROOT / "reference_impl")
    offending = {m: files for m, files in imports.items() if m in HARNESS_PACKAGES}
    assert not offending, f"reference_impl importe le harnais : {offending}"


@pytest.mark.parametrize("package", sorted(HARNESS_PACKAGES - {"features"}))
def test_harness_never_imports_the_reference_impl(package):
    imports = imported_top_level_modules(ROOT / package)
    assert "reference_impl" not in imports, (
        f"{package} importe reference_impl : {imports['reference_impl']}"
    )


def test_the_scan_sees_imports(tmp_path):
    # The check above must be able to fail: it does see a forbidden import.
    (tmp_path / "m.py").write_text("import harness.oracles\nfrom steps import x\n")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert {"harness", "steps"} <= set(imported_top_level_modules(tmp_path))
    finally:
        ROOT = saved


def test_the_witness_imports_nothing_of_the_harness_nor_of_the_reference():
    imports = imported_top_level_modules(ROOT / "temoin")
    offending = {m: files for m, files in imports.items() if m in HARNESS_PACKAGES | {"reference_impl"}}
    assert not offending, f"temoin importe le harnais ou la référence : {offending}"


@pytest.mark.parametrize("package", sorted(HARNESS_PACKAGES - {"features"} | {"reference_impl"}))
def test_nothing_imports_the_witness(package):
    assert "temoin" not in imported_top_level_modules(ROOT / package)
