"""What a failure says about the scenario's rule: the preparation's failures are « préparation impossible »
(non vérifié, root cause named), the subject's make the rule non conforme, the harness's own bugs are errors."""
from __future__ import annotations

import pytest

from harness.drivers.base import ActionImpossible, ElementIntrouvable
from harness.libelles import COUVERTURE, RAISON_SOCIALE
from harness.scenarios import classer_echec
from harness.preparation import Ecart, PreparationImpossible, impossibilite
from steps.verifications import preparation, verifier

RAISON_NON_MODIFIABLE = ActionImpossible("Le champ « Raison Sociale » n'est pas modifiable (désactivé ou en lecture "
                                         "seule) sur la page http://impl/informations.", cle=RAISON_SOCIALE,
                                         page="informations")


def test_a_soit_that_fails_is_the_preparation():
    ecart = Ecart("E4_MDP_LONGUEUR", "préparation, étape 1 (Identifiez-vous) : l'étape « informations » suit",
                  "page « identification » (HTTP 200), erreurs : « Numéro de SIRET » : clé fausse",
                  cause="préparation, étape 1 (Identifiez-vous) : formulaire refusé (erreur sur « Numéro de SIRET »)")
    classe = classer_echec(ecart, ("given", "je suis sur la page d'activation"), ["E4_MDP_LONGUEUR"])
    assert classe["cause"] == "préparation, étape 1 (Identifiez-vous) : formulaire refusé (erreur sur « Numéro de SIRET »)"
    assert classe["pas"] == "given je suis sur la page d'activation"
    assert "clé fausse" in classe["detail"]  # what was seen stays, for the evidence


def test_an_element_missing_in_the_action_is_the_preparation_unless_the_scenario_judges_it():
    classe = classer_echec(RAISON_NON_MODIFIABLE, ("when", "je valide mes informations"), ["E2_NOM_PRENOM"])
    assert classe["cause"].startswith("page « informations » : « Raison Sociale » refuse l'action")
    assert "http://impl" not in classe["cause"]  # the same text for every scenario it blocks
    assert classe["regles"] == list(COUVERTURE[RAISON_SOCIALE])
    # the scenario's own rule judges that element: the action is its subject
    assert classer_echec(RAISON_NON_MODIFIABLE, ("when", "je modifie la raison sociale"),
                         ["E2_STRUCTURE_MODIFIABLE"]) is None


@pytest.mark.parametrize("exception, pas", [
    (Ecart("R", "a", "c"), ("when", "je m'identifie")),           # a check of the action
    (Ecart("R", "a", "c"), ("then", "l'identification est refusée")),
    (ElementIntrouvable("absent", cle="Nom"), ("then", "le champ Nom est présent")),  # the observed fact
    (TypeError("bogue"), ("given", "je suis à l'étape des informations")),  # a bug of the harness
])
def test_the_subject_and_the_harness_bugs_are_not_the_preparation(exception, pas):
    assert classer_echec(exception, pas, ["R"]) is None


def test_a_preparation_block_inside_an_action_or_an_alors():
    with pytest.raises(PreparationImpossible) as err:
        with preparation("préparation, connexion au compte"):
            verifier(None, False, "connexion : l'étape « compte » suit", "page « connexion »",
                     cause="connexion : formulaire refusé (erreur sur « Mot de passe »)")
    # the check's own root cause, the same whichever preparation met it (named once in the verdict)
    assert err.value.cause == "connexion : formulaire refusé (erreur sur « Mot de passe »)"
    assert classer_echec(err.value, ("then", "mon compte porte le rôle"), ["E3_GESTIONNAIRE_PRINCIPAL"]) is not None


def test_impossibilite_names_the_element_and_its_rule():
    absent = impossibilite(ElementIntrouvable("Champ « Numéro de SIRET » introuvable sur la page http://x/.",
                                              cle="Numéro de SIRET", page="identification"))
    assert absent.cause == "page « identification » : « Numéro de SIRET » introuvable"
    assert absent.regles == ("E1_CHAMP_SIRET",)
    assert "règle en cause : E1_CHAMP_SIRET" in str(absent)


def test_every_rule_named_as_a_root_cause_is_in_the_catalogue():
    from harness.catalogue import charger_catalogue
    catalogue = charger_catalogue()
    inconnues = {r for regles in COUVERTURE.values() for r in regles} - set(catalogue)
    assert not inconnues, f"harness/libelles.py COUVERTURE nomme des règles absentes du catalogue : {inconnues}"


def test_a_preparation_that_stops_on_the_scenarios_own_rule_is_its_subject():
    """The journey stops where the scenario's own rule is in cause (the mail's link for E4_COURRIEL_LIEN):
    that is what the scenario checks, so it fails; every other scenario it blocks is « non vérifié »."""
    ecart = Ecart("E4_COURRIEL_LIEN", "préparation, étape 4 (lien d'activation) : l'étape « activation » suit",
                  "page non reconnue (HTTP 404)", cause="préparation, étape 4 : la page « activation » ne suit pas",
                  en_cause=("E4_COURRIEL_LIEN",))
    assert classer_echec(ecart, ("given", "mon compte a été créé"), ["E4_COURRIEL_LIEN"]) is None
    autre = classer_echec(ecart, ("given", "mon compte a été créé"), ["E4_ADRESSE_CONTACT"])
    assert autre["regles"] == ["E4_COURRIEL_LIEN"]
