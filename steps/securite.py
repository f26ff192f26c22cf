"""Security (OWASP ASVS 4.0.3, features/08_securite.feature): forged posts, security headers, session cookies,
passwords, hostile input. Each failure names its rule (S_…); what a check saw is kept as the scenario's evidence
(fixture ``constats``), passed or not, for the report's security section."""
from __future__ import annotations

import html
import re
import time
from urllib.parse import urlsplit

import pytest
from pytest_bdd import given, parsers, then, when

from harness.preparation import PreparationImpossible

from . import parcours as p
from .verifications import preparation, verifier

AUTRE_SITE = "https://site-malveillant.example"
CONTROLES = {"retour à la ligne": "\r\n", "caractère nul": "\x00", "marque bidirectionnelle": "\u202e"}
# The control characters no stored value shown back or mailed may keep.
INTERDITS = ("\r", "\n", "\x00", "\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069")
TAILLE_DEMESUREE = 100_000


def _etat(contexte) -> dict:
    return contexte.securite


# ----------------------------------------------------------------- where the user stands


def aller_a_la_page(contexte, page: str) -> None:
    """Show ``page`` on the channel under test: a step of the sign-up, the login page (account active) or the
    account page (logged in). A preparation."""
    if page in ("identification", "informations", "espaces de travail", "activation"):
        p.aller_a_l_etape(contexte, page)
        if page == "identification":
            p.assurer_entreprise(contexte)
        return
    with preparation(f"préparation, page « {page} »"):
        utilisateur = p.assurer_utilisateur(contexte)
        p.inscrire(contexte, utilisateur, jusqua="active")
        if page == "connexion":
            contexte.driver.open(contexte.implementation.connexion)
            p.sur_la_page(contexte.driver, "connexion")
        elif page == "compte":
            p.connecter(contexte, utilisateur)
        else:
            raise ValueError(f"page inconnue : {page!r}")


@given(parsers.parse('je suis sur la page "{page}"'))
def sur_la_page_nommee(contexte, page):
    aller_a_la_page(contexte, page)
    _etat(contexte)["page"] = page


# ----------------------------------------------------------------- forged posts (ASVS 4.2.2)


def envoyer(contexte, formulaire: str) -> None:
    """Fill and submit the form of ``formulaire`` as a user would (the driver may alter what it sends)."""
    d, utilisateur = contexte.driver, p.assurer_utilisateur(contexte)
    etat = _etat(contexte)
    if formulaire == "identification":
        p.soumettre_identification(d, utilisateur.adresse_connexion, contexte.siret_saisi or contexte.siret)
    elif formulaire == "informations":
        p.completer_informations(d, contexte, utilisateur)
    elif formulaire == "espaces de travail":
        p.valider_espaces(d)
    elif formulaire == "activation":
        etat["mot_de_passe"] = p.mot_de_passe_conforme(contexte.donnees)
        p.remplir_activation(d, etat["mot_de_passe"], reponse=utilisateur.reponse or "Paris")
        d.click(p.VALIDER)
    elif formulaire == "connexion":
        p.soumettre_connexion(d, utilisateur.adresse_connexion, utilisateur.mot_de_passe or "")
    elif formulaire == "compte":
        etat["compte"] = d.url()
        etat["engagements"] = d.chosen("Engagements")
        d.choose("Engagements", "NON" if etat["engagements"] == "OUI" else "OUI")
        d.click("Enregistrer")
    else:
        raise ValueError(f"formulaire inconnu : {formulaire!r}")


@when(parsers.re(r"j'envoie le formulaire \"(?P<formulaire>[^\"]+)\" (?P<comment>sans ses champs cachés|"
                 r"depuis un autre site)"))
def envoyer_falsifie(contexte, formulaire, comment):
    d = contexte.driver
    if comment == "sans ses champs cachés":
        d.alter_next_submission(drop_hidden=True)
    else:
        d.alter_next_submission(headers={"Origin": AUTRE_SITE, "Referer": AUTRE_SITE + "/formulaire.html",
                                         "Sec-Fetch-Site": "cross-site"})
    _etat(contexte)["formulaire"] = formulaire
    envoyer(contexte, formulaire)
    if not d.altered:
        raise PreparationImpossible(f"le formulaire « {formulaire} » n'a pas été envoyé par une requête POST : "
                                      "il n'a pas pu être falsifié", p.decrire_page(d))


@then("l'envoi est refusé sans effet")
def envoi_refuse(contexte, constats):
    d, etat = contexte.driver, _etat(contexte)
    formulaire = etat["formulaire"]
    statut, page = d.status(), p.etape(d)
    constats.append(f"formulaire « {formulaire} » falsifié : HTTP {statut}, page « {page or 'non reconnue'} »")
    verifier(contexte, statut is None or statut < 500, f"le formulaire « {formulaire} » falsifié est refusé, sans "
             "erreur du serveur", f"erreur du serveur (HTTP {statut})")
    refuse = (statut is not None and 400 <= statut < 500) or page == formulaire
    verifier(contexte, refuse, f"le formulaire « {formulaire} » falsifié est refusé (réponse 4xx ou le même "
             "formulaire réaffiché)", lambda: f"accepté : {p.decrire_page(d)}")
    utilisateur = contexte.utilisateur
    if formulaire == "espaces de travail":
        time.sleep(0.5)
        recus = contexte.boite_mail.messages(utilisateur.adresse_connexion)
        constats.append(f"courriels reçus après l'envoi falsifié : {len(recus)}")
        verifier(contexte, not recus, "aucun courriel d'activation n'est envoyé", f"{len(recus)} courriel(s) reçu(s)")
    elif formulaire == "activation":
        verifier(contexte, not p.compte_ouvert(contexte, utilisateur.adresse_connexion, etat["mot_de_passe"]),
                 "le compte n'est pas activé", "le compte s'ouvre avec le mot de passe de l'envoi falsifié")
    elif formulaire == "compte":
        d.open(etat["compte"])
        apres = d.chosen("Engagements")
        constats.append(f"espace « Engagements » après l'envoi falsifié : {apres} (avant : {etat['engagements']})")
        verifier(contexte, apres == etat["engagements"], "le compte n'est pas modifié",
                 f"l'espace « Engagements » est passé de {etat['engagements']} à {apres}")


# ----------------------------------------------------------------- security headers


def _en_tete(contexte, constats, nom: str) -> str | None:
    valeur = contexte.driver.headers().get(nom)
    constats.append(f"{_etat(contexte).get('page', 'page')} : {nom} : {valeur if valeur is not None else '(absent)'}")
    return valeur


def directives(csp: str) -> dict[str, list[str]]:
    """A Content-Security-Policy's directives: name -> sources (the first of a repeated directive wins)."""
    out: dict[str, list[str]] = {}
    for partie in csp.split(";"):
        mots = partie.split()
        if mots and mots[0].lower() not in out:
            out[mots[0].lower()] = [m.lower() for m in mots[1:]]
    return out


def sources_de_script_laxistes(csp: str) -> list[str]:
    """What makes a policy let any script run: no script-src nor default-src, a wildcard, a whole scheme, or
    'unsafe-inline' / 'unsafe-eval' (an inline permission is ignored when a nonce or hash is given)."""
    d = directives(csp)
    sources = d.get("script-src", d.get("default-src"))
    if sources is None:
        return ["ni script-src ni default-src"]
    nonce = any(s.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")) for s in sources)
    return [s for s in sources if s in ("*", "http:", "https:", "data:", "'unsafe-eval'")
            or (s == "'unsafe-inline'" and not nonce)]


@then("la réponse a une politique de sécurité du contenu qui restreint les scripts")
def csp_restrictive(contexte, constats):
    csp = _en_tete(contexte, constats, "Content-Security-Policy")
    verifier(contexte, bool(csp), "un en-tête Content-Security-Policy", "aucun")
    laxistes = sources_de_script_laxistes(csp)
    verifier(contexte, not laxistes, "une politique qui restreint les scripts (script-src ou default-src sans *, "
             "schéma entier, 'unsafe-inline' ni 'unsafe-eval')", f"{csp!r} : {', '.join(laxistes)}")


@then("la réponse interdit son intégration dans un cadre d'un autre site")
def cadres_interdits(contexte, constats):
    csp = _en_tete(contexte, constats, "Content-Security-Policy") or ""
    xfo = (_en_tete(contexte, constats, "X-Frame-Options") or "").strip().upper()
    ancetres = directives(csp).get("frame-ancestors")
    par_csp = ancetres is not None and set(ancetres) <= {"'none'", "'self'"}
    verifier(contexte, par_csp or xfo in ("DENY", "SAMEORIGIN"),
             "frame-ancestors 'none' ou 'self' (Content-Security-Policy), ou X-Frame-Options DENY ou SAMEORIGIN",
             f"frame-ancestors {ancetres!r}, X-Frame-Options {xfo or '(absent)'!r}")


@then(parsers.parse('la réponse porte l\'en-tête "{nom}" à "{valeur}"'))
def en_tete_vaut(contexte, constats, nom, valeur):
    vu = _en_tete(contexte, constats, nom)
    verifier(contexte, (vu or "").strip().lower() == valeur.lower(), f"{nom}: {valeur}", repr(vu))


@then("la réponse interdit sa mise en cache")
def pas_de_cache(contexte, constats):
    vu = _en_tete(contexte, constats, "Cache-Control") or ""
    verifier(contexte, "no-store" in vu.lower(), "Cache-Control: no-store", repr(vu or None))


# ----------------------------------------------------------------- session cookies


@when("je parcours l'inscription jusqu'à mon compte")
def parcourir_jusqu_au_compte(contexte):
    utilisateur = p.assurer_utilisateur(contexte)
    with preparation("préparation, inscription jusqu'au compte"):
        p.inscrire(contexte, utilisateur, driver=contexte.driver, jusqua="active")
        p.connecter(contexte, utilisateur)


def cookie(ligne: str) -> tuple[str, str, dict[str, str]]:
    """A Set-Cookie line: name, value, attributes (lower-case names -> values, '' for a flag)."""
    premier, *attributs = ligne.split(";")
    nom, _, valeur = premier.partition("=")
    attrs = {}
    for a in attributs:
        cle, _, val = a.strip().partition("=")
        if cle:
            attrs[cle.lower()] = val.strip()
    return nom.strip(), valeur.strip().strip('"'), attrs


def cookies_de_session(contexte, constats) -> list[tuple[str, dict[str, str]]]:
    """The session-token cookies the implementation set during the journey: a value long enough to be a token
    (16 characters), not a deletion (an empty value or an expiry in the past). None at all: not verified."""
    vus = []
    for ligne in getattr(contexte.driver, "set_cookies", []):
        nom, valeur, attrs = cookie(ligne)
        efface = not valeur or attrs.get("max-age") == "0" or "1970" in attrs.get("expires", "")
        if len(valeur) >= 16 and not efface:
            vus.append((nom, attrs))
            constats.append("Set-Cookie " + nom + "=… ; " + " ; ".join(
                f"{k}={v}" if v else k for k, v in attrs.items()))
    if not vus:
        pytest.skip("non vérifié : l'implémentation n'a déposé aucun cookie de session pendant le parcours")
    return vus


@then(parsers.re(r"chaque cookie de session déposé porte l'attribut \"(?P<attribut>HttpOnly)\""))
def cookies_httponly(contexte, constats, attribut):
    sans = [nom for nom, attrs in cookies_de_session(contexte, constats) if "httponly" not in attrs]
    verifier(contexte, not sans, "chaque cookie de session porte HttpOnly", f"sans HttpOnly : {', '.join(sans)}")


@then(parsers.parse('chaque cookie de session déposé porte l\'attribut "SameSite" à "Lax" ou "Strict"'))
def cookies_samesite(contexte, constats):
    mauvais = [f"{nom} (SameSite={attrs.get('samesite') or 'absent'})"
               for nom, attrs in cookies_de_session(contexte, constats)
               if attrs.get("samesite", "").lower() not in ("lax", "strict")]
    verifier(contexte, not mauvais, "chaque cookie de session porte SameSite=Lax ou Strict", ", ".join(mauvais))


@then(parsers.parse('chaque cookie de session déposé en HTTPS porte l\'attribut "Secure"'))
def cookies_secure(contexte, constats):
    schema = urlsplit(contexte.implementation.url_base).scheme
    if schema != "https":
        constats.append(f"implémentation servie en {schema.upper()} : l'attribut Secure ne peut pas être jugé")
        pytest.skip(f"non vérifié : l'implémentation est servie en {schema.upper()} ({contexte.implementation.url_base}) ;"
                    " l'attribut Secure ne se juge que sur une implémentation servie en HTTPS")
    sans = [nom for nom, attrs in cookies_de_session(contexte, constats) if "secure" not in attrs]
    verifier(contexte, not sans, "chaque cookie de session porte Secure", f"sans Secure : {', '.join(sans)}")


# ----------------------------------------------------------------- passwords


@when("j'active mon compte avec un mot de passe conforme de 64 caractères")
def activer_64(contexte):
    mdp = contexte.mot_de_passe_essaye = contexte.donnees.mot_de_passe(64)
    p.activer(contexte, contexte.driver, contexte.utilisateur, mdp)


@then("je me connecte avec ce mot de passe entier, et pas avec ses 63 premiers caractères")
def connexion_64(contexte, constats):
    mdp, adresse = contexte.mot_de_passe_essaye, contexte.utilisateur.adresse_connexion
    d = contexte.driver
    verifier(contexte, p.activation_acceptee(contexte, d, adresse, mdp),
             "le mot de passe de 64 caractères est accepté et le compte activé", lambda: p.decrire_page(d))
    entier = p.compte_ouvert(contexte, adresse, mdp)
    constats.append(f"mot de passe de {len(mdp)} caractères : connexion {'réussie' if entier else 'refusée'}")
    verifier(contexte, entier, "la connexion avec le mot de passe de 64 caractères ouvre le compte", "refusée")
    tronque = p.compte_ouvert(contexte, adresse, mdp[:63])
    constats.append(f"ses 63 premiers caractères : connexion {'réussie' if tronque else 'refusée'}")
    verifier(contexte, not tronque, "ses 63 premiers caractères n'ouvrent pas le compte (pas de troncature)",
             "le compte s'ouvre : le mot de passe a été tronqué")


@when(parsers.parse('je colle un mot de passe conforme dans les champs "{premier}" et "{second}"'))
def coller(contexte, premier, second):
    mdp = contexte.mot_de_passe_essaye = p.mot_de_passe_conforme(contexte.donnees)
    for champ in (premier, second):
        contexte.driver.paste(champ, mdp)


@then(parsers.parse('les champs "{premier}" et "{second}" contiennent le mot de passe collé'))
def colles(contexte, constats, premier, second):
    for champ in (premier, second):
        vu = contexte.driver.value(champ) or ""
        constats.append(f"« {champ} » après collage : {len(vu)} caractère(s) sur {len(contexte.mot_de_passe_essaye)}")
        verifier(contexte, vu == contexte.mot_de_passe_essaye, f"« {champ} » contient le mot de passe collé",
                 f"{len(vu)} caractère(s) : le collage est bloqué ou altéré")


def _porte(texte: str, secret: str) -> bool:
    return secret in texte or html.escape(secret) in texte or html.escape(secret, quote=False) in texte


@then("la page réaffichée ne contient ni le mot de passe ni sa confirmation")
def mdp_pas_renvoye(contexte, constats):
    d, mdp = contexte.driver, contexte.mot_de_passe_essaye
    source = d.html()
    constats.append(f"page réaffichée ({len(source)} caractères) : mot de passe {'présent' if _porte(source, mdp) else 'absent'}")
    verifier(contexte, p.etape(d) == "activation", "le formulaire d'activation est réaffiché (confirmation différente)",
             lambda: p.decrire_page(d), cause="l'activation avec une confirmation différente n'est pas refusée",
             en_cause=("E4_CONFIRMATION",))
    verifier(contexte, not _porte(source, mdp), "le mot de passe saisi n'est pas renvoyé dans la page",
             "la page réaffichée le contient (valeur d'un champ ou texte)")
    verifier(contexte, not _porte(source, mdp[:-1]), "la confirmation saisie n'est pas renvoyée dans la page",
             "la page réaffichée la contient")


@when("j'active mon compte avec un mot de passe conforme puis je me connecte")
def activer_puis_connecter(contexte):
    etat = _etat(contexte)
    d, utilisateur = contexte.driver, contexte.utilisateur
    mdp = contexte.mot_de_passe_essaye = p.mot_de_passe_conforme(contexte.donnees)
    etat["pages"] = [d.html()]
    p.remplir_activation(d, mdp, reponse=utilisateur.reponse or "Paris")
    d.click(p.VALIDER)
    etat["pages"].append(d.html())
    with preparation("préparation, activation puis connexion"):
        verifier(contexte, p.activation_acceptee(contexte, d, utilisateur.adresse_connexion, mdp),
                 "l'activation aboutit", lambda: p.decrire_page(d), cause="l'activation n'aboutit pas",
                 en_cause=("E4_VALIDER_ACTIF",))
        utilisateur.mot_de_passe = mdp
        p.connecter(contexte, utilisateur)
    etat["pages"].append(d.html())


@then("ni les pages vues ni les courriels reçus ne contiennent le mot de passe")
def mdp_nulle_part(contexte, constats):
    mdp = contexte.mot_de_passe_essaye
    pages = _etat(contexte)["pages"]
    courriels = contexte.boite_mail.messages(contexte.utilisateur.adresse_connexion)
    constats.append(f"{len(pages)} page(s) et {len(courriels)} courriel(s) lus")
    for rang, source in enumerate(pages, start=1):
        verifier(contexte, not _porte(source, mdp), "le mot de passe n'apparaît dans aucune page",
                 f"la page n° {rang} vue (activation, après l'activation, compte) le contient")
    for m in courriels:
        verifier(contexte, not _porte(m.sujet + m.texte + m.html, mdp), "le mot de passe n'apparaît dans aucun courriel",
                 f"le courriel « {m.sujet} » le contient")


# ----------------------------------------------------------------- hostile input


def valeur_hostile(contexte, quoi: str, champ: str) -> tuple[str, dict]:
    """The value typed for ``quoi`` in ``champ`` and what the checks need to know of it."""
    base = contexte.donnees.last_name()
    suite = contexte.donnees.first_name()
    sonde = "sonde" + contexte.donnees.hexify("^^^^^^^^")
    adresse = champ == p.ADRESSE_CONNEXION
    if quoi == "100 000 caractères":
        if adresse:
            return "a" * TAILLE_DEMESUREE + "@example.org", {}
        if champ == p.MOT_DE_PASSE:
            return ("Aa1!" * TAILLE_DEMESUREE)[:TAILLE_DEMESUREE], {}
        return "A" * TAILLE_DEMESUREE, {}
    if quoi in CONTROLES:
        return f"{base}{CONTROLES[quoi]}{suite}", {"controle": CONTROLES[quoi], "autour": (base, suite)}
    if quoi == "du HTML":
        balise = f'<img src=x data-{sonde}="1">'
        return f'{base}"\'>{balise}<b data-{sonde}="2">{suite}</b>', {"balise": balise}
    if quoi == "du SQL":
        return f"{base} O'Hara'); DROP TABLE utilisateurs; --", {}
    if quoi == "un en-tête injecté":
        cible = f"{sonde}@example.org"
        debut = contexte.utilisateur.adresse_connexion if adresse else base
        return f"{debut}\r\nBcc: {cible}", {"controle": "\r\n", "autour": (debut, "Bcc"), "cible": cible}
    raise ValueError(f"valeur inconnue : {quoi!r}")


@when(parsers.parse('je saisis "{quoi}" dans le champ "{champ}" et je valide'))
def saisir_hostile(contexte, quoi, champ):
    d, utilisateur = contexte.driver, p.assurer_utilisateur(contexte)
    etape = p.etape(d)
    valeur, infos = valeur_hostile(contexte, quoi, champ)
    _etat(contexte).update(saisie={"etape": etape, "champ": champ, "valeur": valeur, "quoi": quoi, **infos})
    if "\x00" in valeur:
        # No page model holds a NUL: a stand-in is typed and replaced by it in the request itself.
        tenant = "Zsonde" + contexte.donnees.hexify("^^^^^^") + "Z"
        d.rewrite_next_submission(tenant, "\x00")
        valeur = valeur.replace("\x00", tenant)
    if etape == "identification":
        adresse = valeur if champ == p.ADRESSE_CONNEXION else utilisateur.adresse_connexion
        siret = valeur if champ == p.SIRET else (contexte.siret_saisi or p.assurer_entreprise(contexte))
        p.soumettre_identification(d, adresse, siret)
    elif etape == "informations":
        p.completer_informations(d, contexte, utilisateur, saisies={champ: valeur})
    elif etape == "activation":
        p.remplir_activation(d, valeur, reponse=valeur if champ == "Réponse" else utilisateur.reponse or "Paris")
        d.click(p.VALIDER)
    else:
        raise ValueError(f"étape sans saisie : {etape!r}")
    if "\x00" in _etat(contexte)["saisie"]["valeur"]:
        p.exiger_reecriture(contexte)


def _issue(contexte, constats) -> str:
    """« refusée » (4xx, or the same form with the field in error), « acceptée » (the next step) or
    « autre »; a server error fails the rule."""
    d, saisie = contexte.driver, _etat(contexte)["saisie"]
    statut, page = d.status(), p.etape(d)
    issue = ("refusée" if (statut is not None and 400 <= statut < 500)
             or (page == saisie["etape"] and d.error(saisie["champ"]) is not None)
             else "acceptée" if page == p.SUITE_DU_FORMULAIRE.get(saisie["etape"], "") or (
                 saisie["etape"] == "activation" and page != "activation" and statut is not None and statut < 400)
             else "autre")
    constats.append(f"« {saisie['champ']} » ({saisie['quoi']}, {len(saisie['valeur'])} caractères) : HTTP {statut}, "
                    f"saisie {issue}")
    verifier(contexte, statut is None or statut < 500, f"« {saisie['champ']} » ({saisie['quoi']}) : pas d'erreur du "
             "serveur", f"erreur du serveur (HTTP {statut})")
    return issue


def _garde_un_controle(texte: str, saisie: dict) -> bool:
    """The value came back (a page, a mail) with its control characters between the two words around them."""
    if "controle" not in saisie:
        return False
    avant, apres = saisie["autour"]
    return bool(re.search(re.escape(avant) + "[" + "".join(INTERDITS) + "]+" + re.escape(apres), texte))


@then(parsers.parse('la saisie est refusée sur le champ "{champ}", sans erreur du serveur'))
def refusee_sur_le_champ(contexte, constats, champ):
    issue = _issue(contexte, constats)
    verifier(contexte, issue == "refusée", f"la valeur démesurée est refusée sur « {champ} » (réponse 4xx, ou le "
             "formulaire réaffiché avec une erreur sur le champ)", lambda: f"{issue} : {p.decrire_page(contexte.driver)}")


@then(parsers.re(r"la saisie est refusée sur le champ \"(?P<champ>[^\"]+)\" ou (?P<sinon>conservée sans ses caractères "
                 r"de contrôle|affichée comme du texte|conservée et affichée telle quelle), sans erreur du serveur"))
def refusee_ou_neutralisee(contexte, constats, champ, sinon):
    d, saisie = contexte.driver, _etat(contexte)["saisie"]
    issue = _issue(contexte, constats)
    source = d.html()
    if "balise" in saisie:
        verifier(contexte, saisie["balise"] not in source, f"le HTML saisi dans « {champ} » n'est pas interprété "
                 "(échappé dans la page)", f"la page contient la balise saisie telle quelle : {saisie['balise']}")
    verifier(contexte, issue in ("refusée", "acceptée"), f"la saisie est refusée sur « {champ} » ou {sinon}",
             lambda: f"ni refusée sur le champ ni acceptée : {p.decrire_page(d)}")
    if issue == "acceptée" and "controle" in saisie:
        verifier(contexte, not _garde_un_controle(source, saisie),
                 "la valeur est conservée sans ses caractères de contrôle", "la page les affiche")
    if issue == "acceptée" and sinon == "conservée et affichée telle quelle":
        verifier(contexte, saisie["valeur"] in d.text(), f"« {champ} » est affiché tel que saisi",
                 lambda: f"la page ne l'affiche pas : {d.text()[:300]!r}")
    _etat(contexte)["issue"] = issue


def _courriels_apres_acceptation(contexte) -> list:
    """When the hostile value was accepted, go on to the activation mail and return every mail received."""
    d, etat = contexte.driver, _etat(contexte)
    if etat.get("issue") != "acceptée":
        return []
    utilisateur = contexte.utilisateur
    if p.etape(d) == "informations":
        p.completer_informations(d, contexte, utilisateur)
    if p.etape(d) == "espaces de travail":
        p.valider_espaces(d)
        verifier(contexte, d.status() is None or d.status() < 500, "la validation des espaces de travail aboutit "
                 "sans erreur du serveur (l'envoi du courriel n'échoue pas)", f"erreur du serveur (HTTP {d.status()})")
    try:
        contexte.boite_mail.attendre(utilisateur.adresse_connexion, n=1, delai=5)
    except AssertionError:
        pass
    return contexte.boite_mail.messages(utilisateur.adresse_connexion)


@then("aucun courriel reçu ne contient ces caractères de contrôle")
def courriels_sans_controle(contexte, constats):
    saisie = _etat(contexte)["saisie"]
    courriels = _courriels_apres_acceptation(contexte)
    constats.append(f"{len(courriels)} courriel(s) reçu(s) après la saisie")
    for m in courriels:
        tout = "\n".join([m.sujet, m.texte, *(v for _, v in m.en_tetes)])
        # a line break is a mail's own: only one between the two words typed around it is the value's
        garde = _garde_un_controle(tout, saisie) or (saisie["controle"] not in ("\r\n", "\n")
                                                      and saisie["controle"] in tout)
        verifier(contexte, not garde, "le courriel ne contient pas les caractères de contrôle saisis",
                 f"le courriel « {m.sujet} » les contient : {m.texte[:200]!r}")


@then("ni la réponse ni les courriels envoyés ne portent l'en-tête injecté")
def pas_d_en_tete_injecte(contexte, constats):
    d, saisie = contexte.driver, _etat(contexte)["saisie"]
    injectes = [n for n in d.headers() if n.lower() == "bcc"]
    verifier(contexte, not injectes, "la réponse HTTP ne porte pas d'en-tête Bcc", f"en-têtes : {dict(d.headers())}")
    courriels = _courriels_apres_acceptation(contexte)
    for m in courriels:
        en_tetes = [f"{n}: {v}" for n, v in m.en_tetes]
        constats.append(f"courriel « {m.sujet} » : destinataires {m.destinataires} ; en-têtes {', '.join(n for n, _ in m.en_tetes)}")
        verifier(contexte, not any(n.lower() in ("bcc", "cc") or saisie["cible"] in v for n, v in m.en_tetes),
                 "le courriel ne porte pas l'en-tête injecté", f"en-têtes : {en_tetes}")
        verifier(contexte, saisie["cible"] not in m.destinataires, "le courriel ne part pas à l'adresse injectée",
                 f"destinataires : {m.destinataires}")
    detournes = contexte.boite_mail.messages(saisie["cible"])
    verifier(contexte, not detournes, "aucun courriel ne part à l'adresse injectée",
             f"{len(detournes)} courriel(s) reçu(s) à {saisie['cible']}")


@when("je m'identifie avec une adresse électronique dont la partie locale finit par un saut de ligne")
def identifier_adresse_saut(contexte):
    """« prenom\\n@example.org »: a regular expression anchored with « $ » lets the line feed through, and the
    mail's header then cannot be written (after the account exists)."""
    utilisateur = p.assurer_utilisateur(contexte)
    local, _, domaine = utilisateur.adresse_connexion.partition("@")
    valeur = f"{local}\n@{domaine}"
    _etat(contexte)["saisie"] = {"etape": "identification", "champ": p.ADRESSE_CONNEXION, "valeur": valeur,
                                 "quoi": "saut de ligne à la fin de la partie locale"}
    p.identifier(contexte.driver, contexte.implementation, valeur,
                 contexte.siret_saisi or p.assurer_entreprise(contexte))


@when("je poursuis l'inscription jusqu'à la validation de mes espaces de travail si elle est acceptée")
def poursuivre_si_acceptee(contexte):
    d = contexte.driver
    _etat(contexte)["issue"] = "acceptée" if p.etape(d) == "informations" else "refusée"
    if _etat(contexte)["issue"] == "acceptée":
        p.completer_informations(d, contexte, contexte.utilisateur)
        if p.etape(d) == "espaces de travail":
            p.valider_espaces(d)


@then("aucune page n'est une erreur du serveur")
def aucune_erreur_serveur(contexte, constats):
    historique = getattr(contexte.driver, "history", [])
    constats.append("réponses : " + ", ".join(f"{m} {urlsplit(u).path} → {s}" for m, u, s in historique[-6:]))
    erreurs = [f"{m} {u} → HTTP {s}" for m, u, s in historique if s >= 500]
    verifier(contexte, not erreurs, "aucune erreur du serveur", "; ".join(erreurs))


@then("si l'adresse a été acceptée, le courriel d'activation est parti à l'adresse sans le saut de ligne")
def courriel_parti(contexte, constats):
    if _etat(contexte)["issue"] != "acceptée":
        constats.append("adresse finie par un saut de ligne : refusée à l'identification")
        return
    adresse = contexte.utilisateur.adresse_connexion
    try:
        m = contexte.boite_mail.attendre(adresse, n=1, delai=5)
        constats.append(f"courriel « {m.sujet} » reçu à {adresse}")
    except AssertionError as exc:
        verifier(contexte, False, f"le courriel d'activation part à {adresse}", str(exc))
