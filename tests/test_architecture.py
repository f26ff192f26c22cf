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


TEMOINS = ("temoin", "temoin_dsfr")


@pytest.mark.parametrize("temoin", TEMOINS)
def test_each_witness_imports_nothing_of_the_harness_the_reference_or_another_witness(temoin):
    imports = imported_top_level_modules(ROOT / temoin)
    interdits = HARNESS_PACKAGES | {"reference_impl", *TEMOINS} - {temoin}
    offending = {m: files for m, files in imports.items() if m in interdits}
    assert not offending, f"{temoin} importe le harnais, la référence ou un autre témoin : {offending}"


@pytest.mark.parametrize("package", sorted(HARNESS_PACKAGES - {"features"} | {"reference_impl"}))
def test_nothing_imports_the_witnesses(package):
    imports = imported_top_level_modules(ROOT / package)
    assert not set(TEMOINS) & set(imports), imports


# ----------------------------------------------------------------- directions and loops inside the harness
# Who may import whom, by folder: the steps speak the domain over the harness; the harness starts the fixtures'
# fakes and makes data with their providers; the fixtures know of the harness only its oracles (one rule, one
# oracle, shared by the steps and the data generators), which import nothing of the project; the seeded-fault
# matrix and the bench are the project's tools, above the harness. No module imports itself back, however far.
COMPOSANTS = ("steps", "harness", "harness.oracles", "fixtures", "mutants", "bench")
PERMIS = {
    "steps": {"steps", "harness", "harness.oracles", "fixtures"},
    "harness": {"harness", "harness.oracles", "fixtures"},
    "harness.oracles": set(),
    "fixtures": {"fixtures", "harness.oracles"},
    "mutants": {"mutants", "harness", "harness.oracles", "fixtures"},
    "bench": {"bench", "harness", "harness.oracles", "fixtures"},
}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def graphe_des_imports(dossiers=("steps", "harness", "fixtures", "mutants", "bench")) -> dict[str, set[str]]:
    """Project module -> the project modules it imports (anywhere in it, lazy imports included; ``from . import x``
    resolved), limited to the folders' modules."""
    modules = {_module(p): p for d in dossiers for p in (ROOT / d).rglob("*.py")}
    graphe: dict[str, set[str]] = {}
    for nom, path in modules.items():
        paquet = nom if path.name == "__init__.py" else nom.rpartition(".")[0]
        cibles: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                noms = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    racine = paquet.split(".")[: len(paquet.split(".")) - node.level + 1]
                    base = ".".join(racine + ([base] if base else []))
                sous_modules = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules]
                noms = sous_modules or [base]  # ``from harness import oracles`` depends on harness.oracles only
            else:
                continue
            cibles |= {n for n in noms if n in modules and n != nom}
        graphe[nom] = cibles
    return graphe


def composant(module: str) -> str:
    return "harness.oracles" if module == "harness.oracles" else module.split(".")[0]


def test_imports_follow_the_allowed_directions():
    interdits = sorted(f"{m} -> {c}" for m, cibles in graphe_des_imports().items() for c in cibles
                       if composant(c) not in PERMIS[composant(m)])
    assert not interdits, "imports à contre-sens : " + ", ".join(interdits)


def boucles(graphe: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan): each is an import loop."""
    index, bas, pile, sur_pile, resultat = {}, {}, [], set(), []

    def visite(v: str) -> None:
        index[v] = bas[v] = len(index)
        pile.append(v)
        sur_pile.add(v)
        for w in sorted(graphe.get(v, ())):
            if w not in index:
                visite(w)
                bas[v] = min(bas[v], bas[w])
            elif w in sur_pile:
                bas[v] = min(bas[v], index[w])
        if bas[v] == index[v]:
            composante = []
            while True:
                w = pile.pop()
                sur_pile.discard(w)
                composante.append(w)
                if w == v:
                    break
            if len(composante) > 1:
                resultat.append(sorted(composante))

    for v in sorted(graphe):
        if v not in index:
            visite(v)
    return resultat


def test_no_import_loop_between_modules():
    assert boucles(graphe_des_imports()) == []


def test_no_import_loop_between_folders():
    entre = {c: set() for c in COMPOSANTS}
    for m, cibles in graphe_des_imports().items():
        entre[composant(m)] |= {composant(c) for c in cibles if composant(c) != composant(m)}
    assert boucles(entre) == []


def test_the_loop_finder_finds_loops():
    assert boucles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert boucles({"a": {"b"}, "b": set()}) == []
