"""The journey on a fake implementation: it knows where it is (look-alike pages told apart by its position), it
tries each reading of the ambiguous re-typed address, and a refusal of a field the scenario does not type is
« préparation impossible » naming that field and its rule (issue 23, classes 1, 9 and 10)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from harness.drivers.base import Vocabulaire
from harness.libelles import (ADRESSE_CONNEXION, CAPTCHA, ENREGISTRER, FACTURES_EMISES, MOT_DE_PASSE, NOM, PRENOM,
                              RESAISIE, SE_CONNECTER, VALIDER)
from harness.preparation import PreparationImpossible
from harness.scenarios import classer_echec
from steps import parcours as p
from steps.contexte import Contexte, Utilisateur

LOGIN = "login@example.org"
# The account page saves with « Valider », mapped by the profile as the diagnostic advises.
PROFIL = Vocabulaire({}, {"compte": {ENREGISTRER: "Valider"}})
INVENTAIRES = {
    "informations": {"champs": [ADRESSE_CONNEXION, RESAISIE, NOM, PRENOM, CAPTCHA], "boutons": [VALIDER]},
    "espaces de travail": {"groupes": [FACTURES_EMISES], "boutons": [VALIDER]},
    "compte": {"groupes": [FACTURES_EMISES], "boutons": ["Valider"]},  # what the account page shows
    "connexion": {"champs": [ADRESSE_CONNEXION, MOT_DE_PASSE], "boutons": [SE_CONNECTER]},
}


class Implementation:
    """Step 2 of an implementation whose re-typed field repeats ``lecture``'s address; the page shown is
    ``self.page`` (what it asks for, never its name, is what the driver gives the harness)."""

    canal = "http"
    labels = PROFIL

    def __init__(self, lecture: str = "contact", vide_le_contact: bool = False):
        self.lecture, self.page, self.etape = lecture, "informations", None
        self.valeurs = {ADRESSE_CONNEXION: "" if vide_le_contact else LOGIN}
        self.soumissions, self._erreurs = [], {}

    def inventory(self):
        return INVENTAIRES[self.page]

    def fill(self, champ, valeur):
        self.valeurs[champ] = valeur

    def has_field(self, champ):
        return champ in INVENTAIRES[self.page].get("champs", ())

    def has_group(self, groupe):
        return False

    def status(self):
        return 200

    def heading(self):
        return "Un titre que le harnais ne lit pas pour reconnaître la page"

    def errors(self):
        return dict(self._erreurs)

    def click(self, bouton):
        if self.page == "connexion":
            self.page = "compte"
            return
        self.soumissions.append(dict(self.valeurs))
        contact = self.valeurs[ADRESSE_CONNEXION]
        attendue = contact if self.lecture == "contact" else LOGIN
        self._erreurs = {**({ADRESSE_CONNEXION: "obligatoire"} if not contact else {}),
                         **({RESAISIE: "différente"} if self.valeurs.get(RESAISIE) != attendue else {})}
        self.page = "informations" if self._erreurs else "espaces de travail"


def contexte(driver) -> Contexte:
    ctx = Contexte(regles=["E2_VALIDER_SUITE"], canal="http", donnees=None, sirene=None, boite_mail=None,
                   controles=None, driver=driver, nouveau_driver=lambda *a: None,
                   implementation=SimpleNamespace(captcha_reponse="TEST-CAPTCHA", capacites=frozenset({"http"})))
    ctx.utilisateur = Utilisateur(LOGIN, LOGIN, "Camille", "Dupont")
    return ctx


def test_after_step_2_comes_step_3_and_after_the_login_the_account_page():
    d = Implementation()
    ctx = contexte(d)
    p.completer_informations(d, ctx, ctx.utilisateur)
    p._attendre_etape(ctx, d, "espaces de travail", "étape 2")  # not the account page, which looks alike
    assert d.etape == "espaces de travail"
    d.page, d.etape = "connexion", "connexion"
    d.click(SE_CONNECTER)
    assert p.etape(d) == "compte" and p.page_quittee(d, "connexion")


@pytest.mark.parametrize("lecture, soumissions", [("contact", 1), ("connexion", 2)])
def test_each_reading_of_the_retyped_address_is_tried_before_concluding(lecture, soumissions):
    d = Implementation(lecture)
    ctx = contexte(d)
    ctx.utilisateur.adresse_contact = "contact@example.org"  # the prefilled address changed
    p.completer_informations(d, ctx, ctx.utilisateur)
    assert d.page == "espaces de travail" and len(d.soumissions) == soumissions
    assert ctx.lecture_resaisie == lecture
    vue = p.LECTURES_RESAISIE[lecture]
    assert any(f"lecture « {vue} » : formulaire accepté" in c for c in ctx.constats), ctx.constats
    # a scenario that re-types another address itself is not read twice
    d = Implementation("connexion")
    ctx = contexte(d)
    ctx.utilisateur.adresse_contact = "contact@example.org"
    p.completer_informations(d, ctx, ctx.utilisateur, saisies={RESAISIE: "autre@example.org"})
    assert len(d.soumissions) == 1 and not ctx.constats


def test_a_refusal_on_a_field_the_scenario_does_not_type_is_the_preparation():
    d = Implementation(vide_le_contact=True)  # the page empties the prefilled address
    ctx = contexte(d)
    ctx.champs_sujet = {NOM, PRENOM}
    p.completer_informations(d, ctx, ctx.utilisateur)
    with pytest.raises(PreparationImpossible) as err:
        p.exiger_refus_du_sujet(ctx, "informations")
    assert "« Adresse électronique de connexion »" in err.value.cause and err.value.regles == ("E2_CONTACT_PREREMPLI",)
    assert "Camille" not in err.value.cause and LOGIN not in err.value.cause  # one root cause for every scenario
    # non vérifié for the scenarios it blocks; the subject of the rule that judges that field
    assert classer_echec(err.value, ("then", "mes informations sont acceptées"), ["E2_NOM_PRENOM"]) is not None
    assert classer_echec(err.value, ("then", "mes informations sont acceptées"), ["E2_CONTACT_PREREMPLI"]) is None
    ctx.champs_sujet.add(ADRESSE_CONNEXION)  # the scenario typed that field itself: its own refusal
    p.exiger_refus_du_sujet(ctx, "informations")
    # the journey's own preparation names the field's rule, not « the step goes on »
    with pytest.raises(AssertionError) as err:
        p._attendre_etape(ctx, d, "espaces de travail", "préparation, étape 2")
    assert err.value.en_cause == ("E2_CONTACT_PREREMPLI",)
