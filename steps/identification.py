"""Steps of features/01_identification.feature (guide step 1, « Identifiez-vous »)."""
from __future__ import annotations

import re

from pytest_bdd import given, parsers, then, when

from . import parcours as p
from .communs import lignes, verifier_acceptation, verifier_refus
from .verifications import verifier

# Unexpected inputs of the robustness outline (00_transverse), by the case's words.
SAISIES_INATTENDUES = {
    "une adresse électronique de 300 caractères": lambda d: ("adresse", "a" * 288 + "@example.com"),
    "un SIRET de 1000 chiffres": lambda d: ("siret", "1" * 1000),
    "un SIRET en chiffres non latins": lambda d: ("siret", d.siret_valide().translate(
        str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))),
    "un SIRET contenant une apostrophe et un point-virgule": lambda d: ("siret", "1300'; --19710"),
}


def _cas_siret(donnees, cas: str):
    for c in donnees.cas_siret():
        if c.libelle == cas:
            return c
    raise AssertionError(f"Erreur du harnais : cas de SIRET « {cas} » inconnu des fournisseurs de données.")


def _cas_adresse(donnees, cas: str):
    for c in [*donnees.cas_adresses_email_valides(), *donnees.cas_adresses_email_invalides()]:
        if c.libelle == cas:
            return c
    raise AssertionError(f"Erreur du harnais : cas d'adresse électronique « {cas} » inconnu des fournisseurs.")


def _identifier(contexte, adresse: str, siret: str) -> None:
    contexte.valeur_saisie = {p.ADRESSE_CONNEXION: adresse, p.SIRET: siret}
    contexte.refus["etape"] = "identification"
    p.identifier(contexte.driver, contexte.implementation, adresse, siret)


@when("j'ouvre la page d'identification")
def ouvrir_identification(contexte):
    contexte.driver.open(contexte.implementation.demarrage)
    p.sur_la_page(contexte.driver, "identification")


@given("un SIRET valide mais inconnu de l'INSEE")
def siret_inconnu(contexte):
    p.enregistrer_entreprise(contexte, "inconnu")


@given("un établissement fermé selon l'INSEE")
def siret_ferme(contexte):
    p.enregistrer_entreprise(contexte, "ferme")


@when("je m'identifie avec ce SIRET")
def identifier_avec_ce_siret(contexte):
    utilisateur = p.assurer_utilisateur(contexte)
    _identifier(contexte, utilisateur.adresse_connexion, contexte.siret_saisi or p.assurer_entreprise(contexte))


@when(parsers.parse('je m\'identifie avec un SIRET "{cas}"'))
def identifier_avec_un_siret(contexte, cas):
    """The SIRET of the case; a 14-digit one is first made known to the fake INSEE, so that
    only the implementation's own check can refuse it."""
    valeur = _cas_siret(contexte.donnees, cas).valeur
    compact = re.sub(r"[ .]", "", valeur)
    if re.fullmatch(r"\d{14}", compact):
        contexte.etablissement = contexte.sirene.enregistrer(compact, cas="diffusible")
        contexte.siret = compact
    contexte.siret_saisi = valeur
    _identifier(contexte, p.assurer_utilisateur(contexte).adresse_connexion, valeur)


@when(parsers.parse('je m\'identifie avec un SIRET valide, remplacé dans la requête par un SIRET "{cas}"'))
def identifier_avec_un_siret_reecrit(contexte, cas):
    """Server-side enforcement, also for pages whose script checks the value: the page gets a valid SIRET, the
    request carries the case's instead (one of 14 digits made known to the fake INSEE, so that only the
    implementation's own check refuses it)."""
    envoye = _cas_siret(contexte.donnees, cas).valeur
    if re.fullmatch(r"\d{14}", re.sub(r"[ .]", "", envoye)):
        contexte.sirene.enregistrer(re.sub(r"[ .]", "", envoye), cas="diffusible")
    saisi = p.enregistrer_entreprise(contexte)
    contexte.siret = contexte.siret_saisi = envoye
    contexte.driver.rewrite_next_submission(saisi, envoye)
    _identifier(contexte, p.assurer_utilisateur(contexte).adresse_connexion, saisi)
    p.exiger_reecriture(contexte)


@when(parsers.parse('je m\'identifie avec une adresse électronique "{cas}"'))
def identifier_avec_une_adresse(contexte, cas):
    adresse = _cas_adresse(contexte.donnees, cas).valeur
    p.assurer_utilisateur(contexte).adresse_connexion = adresse
    _identifier(contexte, adresse, p.assurer_entreprise(contexte))


@when("je m'identifie sans adresse électronique")
def identifier_sans_adresse(contexte):
    _identifier(contexte, "", p.assurer_entreprise(contexte))


@when("je m'identifie sans numéro de SIRET")
def identifier_sans_siret(contexte):
    _identifier(contexte, p.assurer_utilisateur(contexte).adresse_connexion, "")


@when(parsers.parse("je m'identifie en saisissant {saisie}"))
def identifier_en_saisissant(contexte, saisie):
    champ, valeur = SAISIES_INATTENDUES[saisie](contexte.donnees)
    adresse = valeur if champ == "adresse" else p.assurer_utilisateur(contexte).adresse_connexion
    siret = valeur if champ == "siret" else p.assurer_entreprise(contexte)
    _identifier(contexte, adresse, siret)


@when(parsers.parse('je suis le lien "{nom}"'))
def suivre_lien(contexte, nom):
    verifier(contexte, lambda: contexte.driver.has_link(nom), f"un lien « {nom} »",
             lambda: f"aucun lien « {nom} » sur la {p.decrire_page(contexte.driver)}")
    p.mot_du_guide(contexte, nom, "le lien porte le texte du guide", lambda: contexte.driver.has_link(nom))
    d = contexte.driver
    contexte.page_quittee = (d.url(), d.text())
    d.click(nom)


@then("une page s'affiche sans erreur")
def page_sans_erreur(contexte):
    """The link led somewhere: a page without error (HTTP < 400), other than the one it was followed from: a link
    to « # », to the page itself or that does nothing shows the same text again (a section that the link unfolds
    in place changes the text, and counts)."""
    d = contexte.driver
    statut = d.status()
    verifier(contexte, statut is not None and statut < 400, "une page s'affiche (HTTP 200)",
             f"HTTP {statut}")
    url, texte = contexte.page_quittee or ("", "")
    verifier(contexte, lambda: d.text() != texte, "le lien mène à une autre page que celle qu'il quitte",
             lambda: f"la même page s'affiche de nouveau ({url} puis {d.url()}, même texte)")


@then("la page cite chacun de ces types d'identifiant :")
def types_identifiant(contexte, datatable):
    for type_ in lignes(datatable):
        verifier(contexte, lambda: p.texte_contient(contexte.driver, type_),
                 f"la page cite le type d'identifiant « {type_} »",
                 lambda: f"texte de la page : {contexte.driver.text()[:300]}")


@then(parsers.re(r"l'identification est (?P<verdict>acceptée|refusée)(?: sur le champ \"(?P<champ>[^\"]+)\")?"))
def verdict_identification(contexte, verdict, champ):
    if verdict == "acceptée":
        verifier_acceptation(contexte, "informations", "l'identification")
    else:
        verifier_refus(contexte, "identification", "l'identification", champ)


@then(parsers.re(r"le message d'erreur du champ \"(?P<champ>[^\"]+)\" dit que (?P<motif>.+)"))
def message_erreur_dit(contexte, champ, motif):
    mots = {"l'INSEE ne connaît pas ce SIRET": ("insee", "inconnu", "n'existe pas", "introuvable"),
            "l'établissement est fermé": ("ferme", "cesse", "clos")}[motif]
    # The message's place is T_ERREUR_SUR_LE_CHAMP's business: without a field error, what the refusal added to the
    # page counts (a banner, a summary), not what the page says anyway (« données reprises de l'INSEE »).
    d = contexte.driver
    corrige = contexte.refus.get("corrige")  # the refused page was corrected since: what was kept of it
    message = None if corrige else d.error(champ)
    if message is None:
        message = p.texte_apporte(p.texte_de_la_page_vierge(contexte), contexte.refus["texte"] if corrige else d.text())
    verifier(contexte, any(p.sans_accents(m) in p.sans_accents(message) for m in mots),
             f"le message d'erreur de « {champ} » dit que {motif}",
             f"message « {message[:300]} »" if message else "aucun message")


@then("l'identifiant de la structure est le SIRET sans séparateurs")
def identifiant_est_le_siret(contexte):
    valeur = contexte.driver.value(p.IDENTIFIANT)
    verifier(contexte, p.chiffres(valeur) == contexte.siret,
             f"l'identifiant de la structure est le SIRET {contexte.siret}", f"identifiant « {valeur} »")
