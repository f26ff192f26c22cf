"""The témoin's variants (``--variante``): other designs the guide leaves open, each seen to change the pages."""
from __future__ import annotations

from temoin.fautes import VARIANTES

from . import parcours as p
from .outils import siret_neuf

CONTACT = "Adresse électronique de contact"
RESAISIE = "Résaisissez votre adresse électronique de connexion"


def test_the_account_page_saves_with_valider(fabrique, boite):
    assert set(VARIANTES) == {"compte_valider", "resaisie_connexion"}
    for variantes, bouton in (((), "Enregistrer mes choix"), (("compte_valider",), "Valider")):
        c = fabrique(variantes=variantes)
        u = p.inscrire(c, boite)
        page = p.connecter(c, u["login"])
        assert bouton in page.boutons(), page.boutons()


def test_the_retyped_field_asks_for_the_login_address(fabrique):
    c = fabrique(variantes=("resaisie_connexion",))
    login = p.adresse()
    page = p.identification(c, login, siret_neuf())
    assert page.a_champ(CONTACT) and page.valeur(CONTACT) == login
    autre = p.adresse("contact")
    for resaisie, refusee in ((autre, True), (login, False)):
        c.remplir(CONTACT, autre)
        c.remplir(RESAISIE, resaisie)
        c.remplir("Nom", "Dupont")
        c.remplir("Prénom", "Zoé")
        c.remplir("Entrez les caractères générés par l'image", "TEST-CAPTCHA")
        page = c.valider("Valider")
        assert (page.erreur(RESAISIE) is not None) == refusee, page.texte[:400]
    assert page.h1 == "Ouvrez vos espaces de travail"
