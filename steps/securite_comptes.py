"""Account security (OWASP ASVS 4.0.3, features/09_securite_comptes.feature): account enumeration (answers and
their durations), the activation link's token (random, single-use, expiring, replaced, never in a page), repeated
attempts (login, captcha), a replayed step, sessions (logout, idle). Each failure names its rule (S_…); what a check
measured is kept as the scenario's evidence (fixture ``constats``), passed or not.

These checks replay requests and compare raw answers: they run over plain HTTP (@http)."""
from __future__ import annotations

import math
import os
import re
import statistics
from html import unescape
from urllib.parse import urlsplit

from pytest_bdd import given, parsers, then, when

from harness.preparation import PreparationImpossible

from . import parcours as p
from .verifications import preparation, verifier

# Durations: the median of each address's tries, tries alternating between the two addresses so that a burst of load
# on the machine falls on both. A gap is revealing when the slower median exceeds the faster one by more than
# ECART_REVELATEUR seconds AND by more than RAPPORT_REVELATEUR times: generous, so that a loaded 2-core machine does
# not make it up, yet far below what an unequal treatment costs (a password hash, a mail sent, a delay).
ECART_REVELATEUR = 0.1
RAPPORT_REVELATEUR = 1.5
# A right attempt after a series of wrong ones counts as slowed when it takes at least this long, and this many times
# the wrong attempts' median.
RALENTI_SECONDES, RALENTI_FOIS = 1.0, 5
# Activation tokens: estimated bits (length × log2 of the smallest usual alphabet holding every character seen).
BITS_MINIMUM = 64
ALPHABETS = ((10, re.compile(r"[0-9]+")), (16, re.compile(r"[0-9a-f]+")), (16, re.compile(r"[0-9A-F]+")),
             (32, re.compile(r"[A-Z2-7]+")), (36, re.compile(r"[0-9a-z]+")), (36, re.compile(r"[0-9A-Z]+")),
             (62, re.compile(r"[0-9A-Za-z]+")), (64, re.compile(r"[0-9A-Za-z_-]+")),
             (64, re.compile(r"[0-9A-Za-z+/=]+")))
# How long a second mail is waited for, once the first one is in.
ATTENTE_SECOND_COURRIEL = 3.0

MASQUE = "«adresse»"


def _etat(contexte) -> dict:
    return contexte.comptes


# ----------------------------------------------------------------- the two addresses


@given(parsers.re(r"une adresse (?P<compte>qui a un compte activé|dont le compte est créé mais pas activé)"))
def adresse_connue(contexte, compte):
    utilisateur = p.assurer_utilisateur(contexte)
    p.inscrire(contexte, utilisateur, jusqua="active" if compte == "qui a un compte activé" else "cree")
    _etat(contexte)["compte"] = compte


def _agir(contexte, driver, action: str, adresse: str) -> None:
    """One try of ``action`` for ``adresse`` on ``driver`` (its answer is the driver's page)."""
    implementation = contexte.implementation
    if action == "l'identification à l'étape 1":
        p.identifier(driver, implementation, adresse, contexte.siret_saisi or p.assurer_entreprise(contexte))
    elif action == "la demande d'un nouveau lien d'activation":
        demander_nouveau_lien(driver, implementation, adresse)
    elif action == "la connexion avec un mauvais mot de passe":
        p.se_connecter(driver, implementation, adresse, _etat(contexte).setdefault(
            "mauvais", p.mot_de_passe_conforme(contexte.donnees)))
    else:
        raise ValueError(f"action inconnue : {action!r}")


def demander_nouveau_lien(driver, implementation, adresse: str) -> None:
    """The page asking for a new activation link by address (profile's [pages] nouveau_lien)."""
    driver.open(implementation.nouveau_lien)
    p.sur_la_page(driver, "nouveau lien")
    driver.fill(p.ADRESSE_CONNEXION, adresse)
    driver.click(p.NOUVEAU_LIEN)


def _reponse(driver, adresse: str) -> dict:
    """What an answer says, the address typed masked: status, which page, what it offers, its errors, its text."""
    def masque(texte: str) -> str:
        return re.sub(re.escape(adresse), MASQUE, texte or "", flags=re.IGNORECASE)
    inventaire = driver.inventory()
    return {"statut": driver.status(), "page": p.reconnaitre(driver) or "non reconnue",
            "chemin": masque(urlsplit(driver.url()).path),
            "champs": sorted(inventaire.get("champs", ())), "boutons": sorted(inventaire.get("boutons", ())),
            "erreurs": {c: masque(m) for c, m in driver.errors().items()}, "texte": masque(driver.text())}


@when(parsers.re(r"je fais « (?P<action>[^»]+) » avec cette adresse puis avec une adresse inconnue"
                 r"(?:, (?P<fois>\d+) fois chacune en alternance)?"))
def faire_avec_les_deux(contexte, action, fois):
    """Alternate the tries (known, unknown, unknown, known…) so that a drift of the machine's load falls on both."""
    connue, inconnue = contexte.utilisateur.adresse_connexion, contexte.donnees.adresse_email()
    etat = _etat(contexte)
    etat.update(action=action, reponses={}, durees={"connue": [], "inconnue": []})
    drivers = {"connue": p.driver_de_preparation(contexte), "inconnue": p.driver_de_preparation(contexte)}
    adresses = {"connue": connue, "inconnue": inconnue}
    n = int(fois or 1)
    for essai in range(n):
        ordre = ("connue", "inconnue") if essai % 2 == 0 else ("inconnue", "connue")
        for qui in ordre:
            d = drivers[qui]
            with preparation(f"préparation, « {action} » pour l'adresse {qui}"):
                _agir(contexte, d, action, adresses[qui])
            etat["durees"][qui].append(d.duree)
            etat["reponses"].setdefault(qui, _reponse(d, adresses[qui]))


@then("les deux réponses sont les mêmes, adresses masquées")
def memes_reponses(contexte, constats):
    etat = _etat(contexte)
    connue, inconnue = etat["reponses"]["connue"], etat["reponses"]["inconnue"]
    differences = [cle for cle in connue if connue[cle] != inconnue[cle]]
    constats.append(f"« {etat['action']} » : adresse qui a un compte → HTTP {connue['statut']}, page "
                    f"« {connue['page']} » ; adresse inconnue → HTTP {inconnue['statut']}, page « {inconnue['page']} »")
    for cle in differences:
        constats.append(f"diffère : {cle} — compte : {_court(connue[cle])} ; inconnue : {_court(inconnue[cle])}")
    verifier(contexte, not differences,
             f"« {etat['action']} » répond de même (statut, page, champs, erreurs, texte) à une adresse qui a un compte "
             "et à une adresse inconnue",
             lambda: "; ".join(f"{cle} : {_court(connue[cle])} au lieu de {_court(inconnue[cle])}"
                               for cle in differences))


def _court(valeur, taille: int = 160) -> str:
    texte = str(valeur)
    return texte if len(texte) <= taille else texte[:taille] + "…"


def ecart_revelateur(durees_a: list[float], durees_b: list[float]) -> tuple[bool, float, float]:
    """(revealing?, median a, median b): the medians differ by more than ECART_REVELATEUR seconds and RAPPORT_REVELATEUR
    times."""
    a, b = statistics.median(durees_a), statistics.median(durees_b)
    lent, rapide = max(a, b), min(a, b)
    return lent - rapide > ECART_REVELATEUR and lent > RAPPORT_REVELATEUR * rapide, a, b


@then("les durées des réponses sont comparables")
def durees_comparables(contexte, constats):
    etat = _etat(contexte)
    durees = etat["durees"]
    revelateur, connue, inconnue = ecart_revelateur(durees["connue"], durees["inconnue"])
    def liste(valeurs):
        return ", ".join(f"{v * 1000:.0f}" for v in valeurs)
    constats.append(f"« {etat['action']} », durées en ms — adresse qui a un compte : {liste(durees['connue'])} "
                    f"(médiane {connue * 1000:.0f}) ; adresse inconnue : {liste(durees['inconnue'])} "
                    f"(médiane {inconnue * 1000:.0f})")
    verifier(contexte, not revelateur,
             f"« {etat['action']} » dure autant pour les deux adresses (médianes de {len(durees['connue'])} essais "
             f"alternés : écart d'au plus {ECART_REVELATEUR * 1000:.0f} ms ou {RAPPORT_REVELATEUR} fois)",
             f"médiane {connue * 1000:.0f} ms pour l'adresse qui a un compte, {inconnue * 1000:.0f} ms pour l'adresse "
             "inconnue")


# ----------------------------------------------------------------- the activation link's token


def liens_des_courriels(contexte, adresse: str, n: int) -> list[str]:
    """The links of the first ``n`` activation mails received at ``adresse`` (waiting for the n-th)."""
    with preparation(f"préparation, {n} courriels d'activation à {adresse}"):
        contexte.boite_mail.attendre(adresse, n=n)
    messages = contexte.boite_mail.messages(adresse)[:n]
    if not all(m.liens for m in messages):
        raise PreparationImpossible("un courriel d'activation ne contient aucun lien", "courriel sans lien",
                                    p.REGLE_DE_LA_SUITE["activation"])
    return [m.liens[0] for m in messages]


def jetons(liens: list[str]) -> list[str]:
    """The part of each link that changes from one mail to another (the links' common beginning and end removed)."""
    debut = os.path.commonprefix(liens)
    fin = os.path.commonprefix([lien[len(debut):][::-1] for lien in liens])[::-1]
    return [lien[len(debut):len(lien) - len(fin)] for lien in liens]


def alphabet(jetons_vus: list[str]) -> int:
    """Size of the smallest usual alphabet (digits, hexadecimal, base32, base36, base62, base64) holding every
    character seen; 95 (printable ASCII) otherwise."""
    tout = "".join(jetons_vus)
    return next((taille for taille, motif in ALPHABETS if motif.fullmatch(tout)), 95)


def defauts_des_jetons(jetons_vus: list[str]) -> list[str]:
    """What makes these tokens guessable: duplicates, too few estimated bits, a place where every token has the same
    character (a counter, a clock, an account number)."""
    defauts = []
    if len(set(jetons_vus)) < len(jetons_vus):
        defauts.append("des jetons se répètent")
    taille = alphabet(jetons_vus)
    bits = min(len(j) for j in jetons_vus) * math.log2(taille)
    if bits < BITS_MINIMUM:
        defauts.append(f"{bits:.0f} bits estimés (au plus {min(len(j) for j in jetons_vus)} caractères d'un alphabet "
                       f"de {taille}), moins de {BITS_MINIMUM}")
    communes = [i for i in range(min(len(j) for j in jetons_vus)) if len({j[i] for j in jetons_vus}) == 1]
    if communes:
        defauts.append(f"{len(communes)} position(s) où tous les jetons ont le même caractère")
    return defauts


@given("six comptes créés")
def six_comptes(contexte):
    liens = []
    for _ in range(6):
        utilisateur = p.nouvel_utilisateur(contexte.donnees)
        contexte.siret = contexte.siret_saisi = None  # a structure each
        p.inscrire(contexte, utilisateur, jusqua="cree")
        liens.append(utilisateur.lien)
    _etat(contexte)["liens"] = liens


@then("les jetons de leurs six liens d'activation sont longs, tous différents et sans motif commun")
def jetons_aleatoires(contexte, constats):
    liens = _etat(contexte)["liens"]
    vus = jetons(liens)
    defauts = defauts_des_jetons(vus) if all(vus) else ["des liens sont identiques"]
    constats.append(f"jetons (partie variable de {len(liens)} liens) : longueurs {sorted({len(j) for j in vus})}, "
                    f"alphabet de {alphabet(vus)} caractères ; exemple : {vus[0][:6]}…")
    verifier(contexte, not defauts, f"des jetons d'au moins {BITS_MINIMUM} bits estimés, tous différents, sans "
             "caractère commun à la même place", "; ".join(defauts))


@given("mon compte est activé par un formulaire d'activation que je garde")
def active_formulaire_garde(contexte):
    utilisateur = p.assurer_utilisateur(contexte)
    p.inscrire(contexte, utilisateur, jusqua="cree")
    d = contexte.driver
    d.open(utilisateur.lien)
    p.activer(contexte, d, utilisateur, p.mot_de_passe_sans_ponctuation(contexte.donnees))
    verifier(contexte, utilisateur.mot_de_passe is not None, "préparation : l'activation aboutit",
             lambda: p.decrire_page(d), cause="l'activation n'aboutit pas", en_cause=p.REGLE_DE_LA_SUITE["active"])


@when("je renvoie ce formulaire d'activation avec un autre mot de passe")
def renvoyer_activation(contexte):
    u = contexte.utilisateur
    autre = _etat(contexte)["autre"] = p.mot_de_passe_sans_ponctuation(contexte.donnees)
    contexte.driver.replay_last_submission(replace=(u.mot_de_passe, autre))


@then("cet autre mot de passe n'ouvre pas mon compte, le mien l'ouvre toujours")
def autre_mot_de_passe_refuse(contexte, constats):
    u, d = contexte.utilisateur, contexte.driver
    constats.append(f"formulaire d'activation renvoyé : HTTP {d.status()}, page « {p.reconnaitre(d) or 'non reconnue'} »")
    verifier(contexte, (d.status() or 0) < 500, "le formulaire renvoyé est refusé sans erreur du serveur",
             lambda: p.decrire_page(d))
    verifier(contexte, not p.compte_ouvert(contexte, u.adresse_connexion, _etat(contexte)["autre"]),
             "le lien déjà utilisé n'active plus rien : le mot de passe du formulaire renvoyé n'ouvre pas le compte",
             "il ouvre le compte : le formulaire renvoyé a changé le mot de passe")
    verifier(contexte, p.compte_ouvert(contexte, u.adresse_connexion, u.mot_de_passe),
             "le mot de passe choisi à l'activation ouvre toujours le compte", "il ne l'ouvre plus")


@then("mon compte n'est pas activé")
def compte_non_active(contexte, constats):
    d, u = contexte.driver, contexte.utilisateur
    constats.append(f"activation après la durée de validité : HTTP {d.status()}, page "
                    f"« {p.reconnaitre(d) or 'non reconnue'} »")
    verifier(contexte, not p.activation_acceptee(contexte, d, u.adresse_connexion, contexte.mot_de_passe_essaye),
             "le formulaire envoyé après la durée de validité du lien n'active pas le compte",
             lambda: f"compte activé ({p.decrire_page(d)})")


@when("je demande un nouveau lien d'activation pour mon adresse")
def demander_nouveau_lien_pour_moi(contexte):
    u = contexte.utilisateur
    d = contexte.driver
    demander_nouveau_lien(d, contexte.implementation, u.adresse_connexion)
    _etat(contexte).setdefault("pages", []).append((d.url(), d.html()))


@then("le lien du premier courriel d'activation ne propose plus l'activation")
def premier_lien_perime(contexte, constats):
    u, d = contexte.utilisateur, contexte.driver
    premier = liens_des_courriels(contexte, u.adresse_connexion, 1)[0]
    d.open(premier)
    page = p.etape(d)
    constats.append(f"lien du premier courriel après l'envoi d'un nouveau : HTTP {d.status()}, page "
                    f"« {page or 'non reconnue'} »")
    verifier(contexte, page != "activation" and not d.has_field(p.MOT_DE_PASSE),
             "le lien remplacé ne propose plus le formulaire d'activation", "il le propose encore")


@when("je crée mon compte en gardant chaque page vue")
def creer_en_gardant(contexte):
    u, d = p.assurer_utilisateur(contexte), contexte.driver
    pages = _etat(contexte).setdefault("pages", [])

    def garder():
        pages.extend((url, "") for _, url, _ in d.history)
        pages.append((d.url(), d.html()))
    with preparation("préparation, création du compte"):
        p.identifier(d, contexte.implementation, u.adresse_connexion, p.assurer_entreprise(contexte))
        garder()
        p.completer_informations(d, contexte, u)
        garder()
        p.valider_espaces(d)
        garder()
        verifier(contexte, lambda: p.page_quittee(d, "espaces de travail"), "préparation : l'étape 3 est validée",
                 lambda: p.decrire_page(d), cause="l'étape 3 ne va pas plus loin", en_cause=p.REGLE_DE_LA_SUITE["suivante"])


@then("aucune page vue ne contient le jeton d'un lien d'activation reçu")
def jeton_hors_pages(contexte, constats):
    u, d = contexte.utilisateur, contexte.driver
    pages = _etat(contexte)["pages"] + [(url, "") for _, url, _ in d.history]
    vus = jetons(liens_des_courriels(contexte, u.adresse_connexion, 2))
    constats.append(f"{len({url for url, _ in pages})} adresse(s) de page et {sum(1 for _, h in pages if h)} page(s) "
                    f"lues, {len(vus)} jeton(s) cherché(s)")
    trouves = [url for url, html in pages for jeton in vus
               if len(jeton) >= 8 and (jeton in url or jeton in html or jeton in unescape(html))]
    verifier(contexte, not trouves, "le jeton d'activation ne paraît que dans le courriel, dans aucune page du parcours",
             lambda: "jeton trouvé dans " + ", ".join(sorted(set(trouves))))


# ----------------------------------------------------------------- repeated attempts


@when("je me connecte avec mon mot de passe après la série de mots de passe faux déclarée par le profil")
def connexion_apres_serie(contexte):
    u, d = contexte.utilisateur, contexte.driver
    with preparation("préparation, contrôle : mon mot de passe ouvre mon compte"):
        p.connecter(contexte, u, p.driver_de_preparation(contexte))
    mauvais = p.mot_de_passe_conforme(contexte.donnees)
    durees = []
    for _ in range(contexte.implementation.tentatives_avant_blocage):
        p.se_connecter(d, contexte.implementation, u.adresse_connexion, mauvais)
        durees.append(d.duree)
    p.se_connecter(d, contexte.implementation, u.adresse_connexion, u.mot_de_passe)
    _etat(contexte).update(essai="la connexion avec le bon mot de passe", durees_fausses=durees, duree=d.duree,
                           passe=p.etape(d) == "compte")


@when("je valide mes informations avec la bonne réponse au captcha après la série de réponses fausses déclarée par "
      "le profil")
def captcha_apres_serie(contexte):
    u, d = contexte.utilisateur, contexte.driver
    durees = []
    for n in range(contexte.implementation.tentatives_avant_blocage):
        p.completer_informations(d, contexte, u, saisies={p.CAPTCHA: f"FAUX-{n}-{contexte.donnees.pyint()}"})
        durees.append(d.duree)
        if p.etape(d) == "espaces de travail":
            raise PreparationImpossible("une réponse fausse au captcha est acceptée : aucune série de réponses fausses "
                                        "n'est possible", p.decrire_page(d), ("E2_CAPTCHA_OBLIGATOIRE",))
        if p.etape(d) != "informations":
            break  # the form is no longer offered: blocked before the series ends
    if p.etape(d) == "informations":
        p.completer_informations(d, contexte, u)
    passe = p.etape(d) == "espaces de travail"
    if not passe and p.etape(d) == "informations" and not d.errors():
        p.exiger_etape_possible(contexte, "informations")
    _etat(contexte).update(essai="la bonne réponse au captcha", durees_fausses=durees, duree=d.duree, passe=passe)


@then("le bon essai est refusé ou ralenti")
def bon_essai_refuse_ou_ralenti(contexte, constats):
    etat, d = _etat(contexte), contexte.driver
    fausses = etat["durees_fausses"]
    mediane = statistics.median(fausses)
    ralenti = etat["duree"] >= max(RALENTI_SECONDES, RALENTI_FOIS * mediane)
    constats.append(f"{len(fausses)} essais faux (médiane {mediane * 1000:.0f} ms), puis {etat['essai']} : "
                    f"{'accepté' if etat['passe'] else 'refusé'} en {etat['duree'] * 1000:.0f} ms, HTTP {d.status()}")
    verifier(contexte, (d.status() or 0) < 500, f"{etat['essai']} est refusé sans erreur du serveur",
             lambda: p.decrire_page(d))
    verifier(contexte, not etat["passe"] or ralenti,
             f"après {len(fausses)} essais faux, {etat['essai']} est refusé, ou ralenti (au moins "
             f"{RALENTI_SECONDES:.0f} s et {RALENTI_FOIS} fois la durée d'un essai faux)",
             f"accepté aussitôt, en {etat['duree'] * 1000:.0f} ms")


# ----------------------------------------------------------------- a replayed step


@when("je valide mes espaces de travail puis je renvoie la même requête avec les mêmes cookies")
def valider_puis_rejouer(contexte):
    d = contexte.driver
    avant = d.session()
    p.valider_espaces(d)
    verifier(contexte, lambda: p.page_quittee(d, "espaces de travail"), "préparation : l'étape 3 est validée",
             lambda: p.decrire_page(d), cause="l'étape 3 ne va pas plus loin", en_cause=p.REGLE_DE_LA_SUITE["suivante"])
    d.replay_last_submission(session=avant)


@then("un seul courriel arrive à mon adresse électronique de connexion")
def un_seul_courriel(contexte, constats):
    adresse = contexte.utilisateur.adresse_connexion
    with preparation("préparation, le courriel de l'étape 3"):
        contexte.boite_mail.attendre(adresse, n=1)
    try:
        contexte.boite_mail.attendre(adresse, n=2, delai=ATTENTE_SECOND_COURRIEL)
    except AssertionError:
        pass
    recus = contexte.boite_mail.messages(adresse)
    constats.append(f"courriels reçus après l'étape 3 puis sa requête renvoyée : {len(recus)} "
                    f"(réponse au renvoi : HTTP {contexte.driver.status()})")
    verifier(contexte, len(recus) == 1, "la requête de l'étape 3 renvoyée n'envoie pas de second courriel",
             f"{len(recus)} courriels : " + "; ".join(m.sujet for m in recus))


# ----------------------------------------------------------------- sessions


@given("je suis connecté à mon compte, les cookies de la session gardés")
def connecte_cookies_gardes(contexte):
    u = p.assurer_utilisateur(contexte)
    p.inscrire(contexte, u, jusqua="active")
    p.connecter(contexte, u)
    _etat(contexte).update(cookies=contexte.driver.session(), compte=contexte.driver.url())


@when("je me déconnecte")
def se_deconnecter(contexte):
    d = contexte.driver
    p.sur_la_page(d, "compte")
    d.click(p.SE_DECONNECTER)


@when(parsers.re(r"ma session reste inactive (?P<combien>au-delà de|un peu moins que) la durée déclarée"))
def session_inactive(contexte, combien):
    declaree = contexte.implementation.duree_session_inactive_minutes
    minutes = declaree + 1 if combien == "au-delà de" else max(declaree - 2, 0)
    _etat(contexte)["inactivite"] = minutes
    contexte.controles.vieillir_sessions(contexte.utilisateur.adresse_connexion, minutes)


@when("je rouvre mon compte avec les cookies gardés")
def rouvrir_compte(contexte):
    etat = _etat(contexte)
    d = contexte.driver
    d.set_session_cookies(etat["cookies"])
    d.open(etat["compte"])


@then(parsers.re(r"mon compte (?P<resultat>ne s'ouvre pas|s'ouvre)"))
def compte_ouvert_ou_non(contexte, constats, resultat):
    d, etat = contexte.driver, _etat(contexte)
    page = p.etape(d)
    quand = (f"après {etat['inactivite']} minutes d'inactivité" if "inactivite" in etat
             else "après la déconnexion")
    constats.append(f"page du compte rouverte avec les cookies gardés {quand} : HTTP {d.status()}, page "
                    f"« {page or 'non reconnue'} »")
    verifier(contexte, (d.status() or 0) < 500, "la page du compte répond sans erreur du serveur",
             lambda: p.decrire_page(d))
    if resultat == "s'ouvre":
        verifier(contexte, page == "compte", f"la session est encore ouverte {quand}",
                 lambda: f"le compte ne s'ouvre plus ({p.decrire_page(d)})")
    else:
        verifier(contexte, page != "compte", f"la session est fermée {quand} : les mêmes cookies n'ouvrent plus le "
                 "compte", "le compte s'ouvre")

