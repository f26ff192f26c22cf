"""From the setup/call/teardown reports of a scenario to its outcome (harness.collecte.resultat_depuis_phases)."""
from __future__ import annotations

from harness.collecte import resultat_depuis_phases
from harness.verdict import ECHOUE, ERREUR, IGNORE, REUSSI


def phase(outcome="passed", exception=None, message="", skip=""):
    return {"outcome": outcome, "duree": 0.5, "skip": skip, "texte": "trace", "exception": exception,
            "message": message}


def resultat(**phases):
    return resultat_depuis_phases("f.py::t[http]", {"data": {"scenario": "S", "tags": ["R1", "http"], "canal": "http"},
                                                    "phases": phases})


def test_passed():
    r = resultat(setup=phase(), call=phase(), teardown=phase())
    assert (r.issue, r.scenario, r.canal, r.tags, r.duree) == (REUSSI, "S", "http", ("R1", "http"), 1.5)


def test_assertion_is_a_failure_of_the_implementation():
    r = resultat(setup=phase(), call=phase("failed", "AssertionError", "R1 — attendu : x"), teardown=phase())
    assert r.issue == ECHOUE and r.message == "R1 — attendu : x"
    assert resultat(call=phase("failed", "ElementIntrouvable", "m")).issue == ECHOUE
    assert resultat(call=phase("failed", "TimeoutError", "m")).issue == ECHOUE


def test_bugs_of_the_harness():
    for exception in ("TypeError", "StepDefinitionNotFoundError", "ErreurDuHarnais", "AttributeError"):
        assert resultat(setup=phase(), call=phase("failed", exception, "m")).issue == ERREUR
    r = resultat(setup=phase("failed", "RuntimeError", "services"))
    assert r.issue == ERREUR and "préparation" in r.message


def test_teardown_error_after_a_pass_is_a_warning():
    r = resultat(setup=phase(), call=phase(), teardown=phase("failed", "Error", "Tracing.stop"))
    assert r.issue == REUSSI and r.message.startswith("avertissement")
    r = resultat(setup=phase(), call=phase("skipped", skip="Skipped: x"), teardown=phase("failed", "Error", "m"))
    assert r.issue == ERREUR


def test_skip_keeps_its_reason():
    r = resultat(setup=phase("skipped", skip="Skipped: non vérifié : capacité « horloge » absente"), teardown=phase())
    assert r.issue == IGNORE and r.message == "non vérifié : capacité « horloge » absente"


def test_html_report_is_self_contained(tmp_path):
    from harness.report import ecrire_rapport

    capture = tmp_path / "playwright" / "x" / "test-failed-1.png"
    capture.parent.mkdir(parents=True)
    capture.write_bytes(b"\x89PNG\r\n\x1a\n")
    trace = capture.with_name("trace.zip")
    trace.write_bytes(b"PK")
    donnees = {
        "code": 1, "resume": "NON CONFORME : 1 règle(s) bloquante(s)", "graine": 42, "date": "2026-01-01",
        "harnais": "0.1.0", "implementation": {"nom": "Impl <X>", "version": "1", "url": "http://h"},
        "comptes": {"non conforme": 1, "conforme": 1},
        "regles": [
            {"id": "T_A", "etape": 0, "titre": "Transverse", "citation": "c0", "niveau": "obligatoire",
             "verdict": "conforme", "detail": "", "scenarios": ["a"]},
            {"id": "E1_B", "etape": 1, "titre": "Étape 1", "citation": "Numéro de SIRET * :", "niveau": "obligatoire",
             "verdict": "non conforme", "detail": "1 scénario(s) en échec", "scenarios": ["b"]},
        ],
        "scenarios": [
            {"nodeid": "a", "scenario": "A", "canal": "http", "issue": "réussi", "message": "", "duree": 1, "preuves": {}},
            {"nodeid": "b", "scenario": "B", "canal": "navigateur", "issue": "échoué", "duree": 2,
             "message": "E1_B — attendu : x ; constaté : y",
             "preuves": {"test-failed-1.png": str(capture), "trace.zip": str(trace)}},
        ],
    }
    chemin = ecrire_rapport(donnees, None, tmp_path / "rapport.html")
    html = chemin.read_text(encoding="utf-8")
    assert "data:image/png;base64," in html and 'href="playwright/x/trace.zip"' in html
    assert "Impl &lt;X&gt;" in html and "--faker-seed 42" in html
    assert html.index("Étape 1") < html.index("Règles transverses")  # the guide's order, transverse last
    assert "http://" not in html.replace("http://h", "")  # no network resource


def test_a_hung_scenario_is_a_harness_error_not_a_verdict():
    stopped = phase("failed", "Failed", "Timeout (>300.0s) from pytest-timeout.")
    assert resultat(setup=phase(), call=stopped, teardown=phase()).issue == ERREUR
    wrapped = phase("failed", "FlakyFailure", "Hypothesis exemple(valeur='x') produces unreliable results")
    wrapped["texte"] = "...\nFailed: Timeout (>300.0s) from pytest-timeout."
    assert resultat(setup=phase(), call=wrapped, teardown=phase()).issue == ERREUR
    assert resultat(call=phase("failed", "Failed", "E4_MDP — attendu : refus")).issue == ECHOUE
