"""Verdicts per rule, expected failures and exit codes, over synthetic results."""
from __future__ import annotations

import pytest

from harness.catalogue import ETAPES, Regle, charger_catalogue
from harness.verdict import (ATTENDU, CONFORME, ECHOUE, ERREUR, IGNORE, IMPOSSIBLE, INFORMATIF, NON_CONFORME, NON_VERIFIE,
                             PERIME, REUSSI, Attendu, AttendusInvalides, Resultat, bilan, charger_attendus)


def regle(ident: str, niveau: str = "obligatoire") -> Regle:
    return Regle(id=ident, etape=1, titre=ident, citation="…", nature="explicite", niveau=niveau)


CATALOGUE = {r.id: r for r in (regle("R1"), regle("R2"), regle("R3"), regle("AMB", "informatif"))}


def res(nom: str, issue: str, *tags: str, canal: str = "http", message: str = "") -> Resultat:
    return Resultat(nodeid=f"x::{nom}[{canal}]", scenario=nom, issue=issue, tags=tags, canal=canal, message=message)


def verdicts(resultats, attendus=()):
    b = bilan(resultats, CATALOGUE, list(attendus))
    return {k: v.verdict for k, v in b.regles.items()}, b


def test_conforme_non_conforme_non_verifie():
    v, b = verdicts([res("a", REUSSI, "R1"), res("a", REUSSI, "R1", canal="navigateur"),
                     res("b", REUSSI, "R2"), res("c", ECHOUE, "R2", message="attendu X, obtenu Y"),
                     res("d", IGNORE, "R3", message="non vérifié : capacité « horloge » absente du profil « P »")])
    assert v == {"R1": CONFORME, "R2": NON_CONFORME, "R3": NON_VERIFIE, "AMB": NON_VERIFIE}
    assert b.regles["R3"].detail == "non vérifié : capacité « horloge » absente du profil « P »"
    assert b.regles["AMB"].detail == "aucun scénario ne vérifie cette règle"
    assert b.code == 1 and b.resume.startswith("NON CONFORME")


def test_all_conforme_exit_0_and_non_verifie_does_not_gate():
    v, b = verdicts([res("a", REUSSI, "R1"), res("b", REUSSI, "R2"), res("c", IGNORE, "R3")])
    assert b.code == 0
    assert b.resume.startswith("CONFORME SOUS RÉSERVE")
    v, b = verdicts([res("a", REUSSI, "R1", "R2", "R3", "AMB")])
    assert v == {"R1": CONFORME, "R2": CONFORME, "R3": CONFORME, "AMB": INFORMATIF}
    assert b.code == 0 and b.resume.startswith("CONFORME :")


def test_one_scenario_many_rules():
    v, _ = verdicts([res("a", ECHOUE, "R1", "R2"), res("b", REUSSI, "R2")])
    assert v["R1"] == NON_CONFORME and v["R2"] == NON_CONFORME


def test_informatif_never_gates():
    v, b = verdicts([res("a", ECHOUE, "AMB"), res("b", REUSSI, "R1"), res("c", ECHOUE, "R2", "informatif")])
    assert v["AMB"] == INFORMATIF and b.regles["AMB"].detail.startswith("non conforme")
    assert v["R2"] == INFORMATIF
    assert b.code == 0
    # a mandatory scenario of the same rule still gates
    v, b = verdicts([res("c", ECHOUE, "R2", "informatif"), res("d", ECHOUE, "R2")])
    assert v["R2"] == NON_CONFORME and b.code == 1


def test_expected_failure_by_rule_does_not_gate():
    attendus = [Attendu(raison="ticket 12", regle="R2")]
    v, b = verdicts([res("a", REUSSI, "R1"), res("b", ECHOUE, "R2")], attendus)
    assert v["R2"] == ATTENDU and b.regles["R2"].detail == "ticket 12"
    assert b.code == 0
    assert b.regles["R2"].resultats[0].attendu == "ticket 12"


def test_expected_failure_by_scenario():
    attendus = [Attendu(raison="La Poste", scenario="b")]
    v, b = verdicts([res("b", ECHOUE, "R2"), res("c", REUSSI, "R2")], attendus)
    assert v["R2"] == ATTENDU and b.code == 0
    v, b = verdicts([res("b", ECHOUE, "R2"), res("c", ECHOUE, "R2")], attendus)
    assert v["R2"] == NON_CONFORME and b.code == 1


def test_expected_failure_that_passes_gates():
    v, b = verdicts([res("b", REUSSI, "R2")], [Attendu(raison="x", regle="R2")])
    assert v["R2"] == PERIME and b.code == 1
    v, b = verdicts([res("b", REUSSI, "R2"), res("c", ECHOUE, "R2")], [Attendu(raison="x", scenario="b")])
    assert v["R2"] == NON_CONFORME
    v, b = verdicts([res("b", REUSSI, "R2")], [Attendu(raison="x", scenario="b")])
    assert v["R2"] == PERIME and b.code == 1
    # the rule-level entry is still useful while one scenario fails
    v, b = verdicts([res("b", REUSSI, "R2"), res("c", ECHOUE, "R2")], [Attendu(raison="x", regle="R2")])
    assert v["R2"] == ATTENDU and b.code == 0


def test_expected_failure_skipped_stays_non_verifie():
    v, b = verdicts([res("b", IGNORE, "R2")], [Attendu(raison="x", regle="R2")])
    assert v["R2"] == NON_VERIFIE and b.code == 0


def test_unused_expected_failures_are_listed():
    _, b = verdicts([res("a", REUSSI, "R1")], [Attendu(raison="x", scenario="inconnu")])
    assert [a.scenario for a in b.attendus_inutilises] == ["inconnu"]


def test_harness_error_is_exit_3():
    v, b = verdicts([res("a", REUSSI, "R1"), res("b", ERREUR, "R2", message="StepDefinitionNotFoundError")])
    assert b.code == 3 and b.resume.startswith("ERREUR DU HARNAIS")
    assert v["R2"] == NON_VERIFIE


def test_no_scenario_is_exit_3():
    _, b = verdicts([])
    assert b.code == 3 and "aucun scénario" in b.resume


def test_scenario_without_rule():
    _, b = verdicts([res("a", REUSSI, "R1"), res("z", ECHOUE, "navigateur")])
    assert [r.scenario for r in b.sans_regle] == ["z"] and b.code == 1
    _, b = verdicts([res("a", REUSSI, "R1"), res("z", REUSSI)])
    assert b.code == 0


def test_load_expected_failures(tmp_path):
    chemin = tmp_path / "attendus.toml"
    chemin.write_text('[[attendu]]\nregle = "R1"\nraison = "a"\n[[attendu]]\nscenario = "S"\nraison = "b"\n',
                      encoding="utf-8")
    assert charger_attendus(chemin, CATALOGUE) == [Attendu(raison="a", regle="R1"), Attendu(raison="b", scenario="S")]


@pytest.mark.parametrize("texte, message", [
    ('[[attendu]]\nregle = "R9"\nraison = "a"', "la règle « R9 » n'existe pas"),
    ('[[attendu]]\nregle = "R1"', "« raison » est obligatoire"),
    ('[[attendu]]\nraison = "a"', "soit « regle », soit « scenario »"),
    ('[[attendu]]\nregle = "R1"\nscenario = "S"\nraison = "a"', "soit « regle », soit « scenario »"),
    ('[[attendu]]\nregle = "R1"\nraison = "a"\nmotif = "b"', "clé inconnue « motif »"),
    ('[attendus]\nregle = "R1"', "clé inconnue « attendus »"),
    ('[[attendu]\n', "TOML invalide"),
])
def test_expected_failures_errors(tmp_path, texte, message):
    chemin = tmp_path / "attendus.toml"
    chemin.write_text(texte, encoding="utf-8")
    with pytest.raises(AttendusInvalides) as err:
        charger_attendus(chemin, CATALOGUE)
    assert message in str(err.value)


def test_real_catalogue_loads():
    catalogue = charger_catalogue()
    assert catalogue and all(r.etape in ETAPES for r in catalogue.values())


# ----------------------------------------------------------------- préparation impossible

def impossible(nom: str, cause: str, *tags: str, regles=(), canal="http") -> Resultat:
    r = res(nom, IMPOSSIBLE, *tags, canal=canal, message=f"préparation impossible : {cause}")
    r.cause, r.regles_en_cause = cause, tuple(regles)
    return r


def test_a_blocked_preparation_leaves_the_rule_non_verifie_never_non_conforme():
    cause = "page « informations » : « Raison Sociale » refuse l'action"
    v, b = verdicts([impossible("a", cause, "R1", regles=("R3",)), impossible("b", cause, "R2", regles=("R3",)),
                     res("c", ECHOUE, "R3", message="R3 — attendu : modifiable ; constaté : lecture seule")])
    assert v == {"R1": NON_VERIFIE, "R2": NON_VERIFIE, "R3": NON_CONFORME, "AMB": NON_VERIFIE}
    assert "préparation impossible" in b.regles["R1"].detail and cause in b.regles["R1"].detail
    # the root cause is named once, with every scenario it blocked and the rule that judges it
    assert len(b.causes) == 1
    assert b.causes[0].cause == cause and b.causes[0].regles_en_cause == ("R3",)
    assert [r.scenario for r in b.causes[0].resultats] == ["a", "b"]
    assert b.causes[0].regles_touchees == ["R1", "R2"]
    assert b.code == 1  # through R3's own scenario, not through R1 and R2


def test_a_rule_partly_blocked_is_not_verified_though_its_other_cases_pass():
    v, b = verdicts([res("a", REUSSI, "R1"), impossible("b", "x", "R1"), res("c", REUSSI, "R2")])
    assert v["R1"] == NON_VERIFIE and v["R2"] == CONFORME
    assert b.code == 0 and b.resume.startswith("CONFORME SOUS RÉSERVE")
    # a failure of the subject still wins over a blocked case
    v, _ = verdicts([res("a", ECHOUE, "R1"), impossible("b", "x", "R1")])
    assert v["R1"] == NON_CONFORME


def test_causes_most_frequent_first():
    b = bilan([impossible("a", "rare", "R1"), impossible("b", "fréquente", "R2"),
               impossible("c", "fréquente", "R3")], CATALOGUE, [])
    assert [(c.cause, len(c.resultats)) for c in b.causes] == [("fréquente", 2), ("rare", 1)]


def test_exiger_tout_fails_a_run_that_left_a_rule_which_could_gate_unverified():
    resultats = [res("a", REUSSI, "R1"), res("b", REUSSI, "R2"), res("c", IGNORE, "R3"), res("d", IGNORE, "AMB")]
    sans = bilan(resultats, CATALOGUE, [])
    assert sans.code == 0 and sans.sous_reserve
    avec = bilan(resultats, CATALOGUE, [], exiger_tout=True)
    assert avec.code == 1 and avec.exiger_tout
    # only the mandatory rule is named: an informative rule never gates, verified or not
    assert avec.resume.startswith("NON CONFORME (tout est exigé, --exiger-tout) : 1 règle(s) non vérifiée(s) : R3 (")
    tout_verifie = bilan([res("a", REUSSI, "R1", "R2", "R3"), res("d", IGNORE, "AMB")], CATALOGUE, [],
                         exiger_tout=True)
    assert tout_verifie.code == 0


def test_a_referential_s_rule_is_required_verified_only_when_the_profile_makes_it_gate():
    from harness.catalogue import REFERENTIELS
    source = next(iter(REFERENTIELS))
    catalogue = {**CATALOGUE, "S_X": Regle(id="S_X", etape=7, titre="S_X", citation="…", nature="explicite",
                                           niveau=source, source=source)}
    resultats = [res("a", REUSSI, "R1", "R2", "R3"), res("s", IGNORE, "S_X")]
    assert bilan(resultats, catalogue, [], exiger_tout=True).code == 0
    assert bilan(resultats, catalogue, [], {source}, exiger_tout=True).code == 1


@pytest.mark.parametrize("code, reserve, attendu", [(0, False, "conforme"), (0, True, "conforme_sous_reserve"),
                                                    (1, False, "non_conforme"), (2, False, "preflight_echoue"),
                                                    (3, False, "erreur")])
def test_the_run_s_verdict_for_programs_follows_its_exit_code(code, reserve, attendu):
    from harness.verdict import verdict_du_code
    assert verdict_du_code(code, reserve) == attendu
    assert verdict_du_code(code, reserve, interrompu=True) == "interrompu"


def test_every_french_label_has_its_ascii_twin():
    from harness.verdict import STATUTS_REGLE, STATUTS_SCENARIO
    assert set(STATUTS_SCENARIO) == {REUSSI, ECHOUE, IGNORE, IMPOSSIBLE, ERREUR}
    assert set(STATUTS_REGLE) == {CONFORME, NON_CONFORME, NON_VERIFIE, INFORMATIF, ATTENDU, PERIME}
    assert all(v.isascii() and v.isidentifier() for v in [*STATUTS_SCENARIO.values(), *STATUTS_REGLE.values()])


def test_the_schema_refuses_what_a_program_could_not_read():
    from harness.schema import ecarts_au_schema
    assert ecarts_au_schema({"schema": 1, "verdict": "preflight_echoue", "code": 2, "resume": "…",
                             "harnais": "0.1.0", "preflight": "l'implémentation ne répond pas"}) == []
    ecarts = ecarts_au_schema({"schema": 1, "verdict": "conforme", "code": 0, "resume": "…", "harnais": "0"})
    assert any("'regles' is a required property" in e for e in ecarts)
    assert ecarts_au_schema({"schema": 1, "verdict": "vert", "code": 0, "resume": "", "harnais": ""})
