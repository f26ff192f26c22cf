"""``chorus-conformance --diagnostic``: from "nothing works" to a working profile.

Walks the journey once over plain HTTP (identification, the page without SIRET, informations, workspaces, the
announcement after them, activation from the captured mail and its result, the link used again, the new-link
page, login, account page, then a second user of the same structure: the attachment choice and an expired link)
and prints, page by page, each element, title and text the harness looks for, whether it was found, and for
each one missing the page's best candidate. Candidates are scored by the control's kind (a field of the guide
is matched only to a field of that kind: textbox, checkbox, list; a radio group to a radio group; a button to
a button, a link to a link), its place among the page's elements against the guide's order, and its words;
then one assignment over the whole page (each element of the page goes to at most one wording of the guide,
the best total, scipy's ``linear_sum_assignment``) rather than the nearest name for each on its own. Where a
name is missing the walk goes on with its best guess, so that one run shows every page; at the end it prints
the guesses as a ready-to-paste ``[libelles]`` block for the profile.

No rule is judged here: a refused form or a missing page only stops the walk, with what the page said.
"""
from __future__ import annotations

import difflib
import random
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

import requests
from scipy.optimize import linear_sum_assignment

from .controles import Controles
from .drivers.base import (ActionImpossible, ElementIntrouvable, Vocabulaire, normalise, resolve_label,
                           sans_marqueurs)
from .drivers.http import HttpDriver, session_http
from .drivers.page import (BLOCKS, _hidden_self, accessible_name, buttons, control_kind, fields, form_owner, groups,
                           is_rendered, links, own_name, role_of, section_titles, text_of)
from .libelles import (ADRESSE, ADRESSE_CONNEXION, ANNULER, CAPTCHA, CODE_POSTAL, COMPLEMENT_1, COMPLEMENT_2,
                       COMPLEXITE, COMPTE_ACTIF, CONFIRMATION, CONSENTEMENT, CONSENTEMENT_TEXTE,
                       ENREGISTRER, ESPACES, IDENTIFIANT, LIBELLE_STRUCTURE, MOT_DE_PASSE, NOM, NON, NON_DIFFUSIBLE,
                       NOUVEAU_LIEN, OUI, PAGES, PAYS, PRENOM, QUESTION, RAISON_SOCIALE, RATTACHEMENT,
                       RATTACHEMENT_SERVICES, RATTACHEMENT_STRUCTURE, REPONSE, RESAISIE, SANS_SIRET, SE_CONNECTER,
                       SE_DECONNECTER, SERVICES, SIRET, TITRE_IDENTIFICATION, VALIDER, VILLE, _plie, pages_confondues,
                       reconnaitre)
from .ligne_de_commande import Parseur
from .preflight import siret_sonde
from .profile import Implementation, Profil, ProfilInvalide, charger_profil

CLE_DE_PAGE = {nom: cle for cle, nom in PAGES.items()}

# Titles and texts the steps look for (features/ and steps/ quote them; tests/test_diagnostic.py checks that
# they still do), beside the labels of harness/libelles.py.
AIDE = "Besoin d'aide ? Posez une question"
TYPES_SANS_SIRET = ("UE hors France", "Hors UE", "RIDET", "Tahiti", "Particulier", "Autre")
DESCRIPTIFS = ("Réservé au dépôt des demandes de remboursement TIC", "Visualisation des commandes de l'Etat",
               "Réservé à la validation des sous-traitants et cotraitants",
               "Réservé au dépôt de factures de travaux (fourisseurs, MOE, MOA)",
               "Réservé au dépôt et à la visualisation des factures émises à destination des structures publiques",
               "Réservé au dépôt de mémoires de frais de justice",
               "Permet de demander et de suivre le raccordement de vos structures pour l'utilisation des modes EDI "
               "et API", "Réservé aux structures raccordées émettant des flux EDI")
REGLE_MDP = ("Pour être accepté, votre mot de passe doit comporter au minimum 12 caractères et comporter au moins 3 "
             "types de caractères parmi les 4 groupes suivants")
GROUPES_MDP = ("majuscules", "minuscules", "chiffres", "caractères spéciaux")
COMPTE_CREE = "Votre compte utilisateur {adresse} a été créé."
COURRIEL_ENVOYE = "Votre compte est créé et un courriel d'activation est envoyé"
GESTIONNAIRE = "vous en êtes le gestionnaire principal"
BIENVENUE = "Bienvenue"
# the account page's term, its first user's value and the next users'
ROLE, GESTIONNAIRE_PRINCIPAL, UTILISATEUR = "Rôle", "Gestionnaire principal", "Utilisateur"


@dataclass(frozen=True)
class Attendu:
    """What the harness looks for: its kind (``genre``), the guide's wording, and for a field the control's kind
    (textbox, password, checkbox, list) or for a group its choices' (radio, checkbox)."""
    genre: str
    cle: str
    nature: str | None = None
    voisin: str | None = None  # a text: the guide's element beside which it stands (a workspace's description)
    liste: bool = False        # a text: an item of a list the guide enumerates (a list item, a cell)
    absent_de: str | None = None  # a text: a state of the walk whose page does not show it (another user's)
    nomme: bool = False        # a title that goes on with the user's first and last names (« Bienvenue … »)
    # a step's title the harness does not look for: it takes the page's own heading, so that a title the harness
    # looks for is not given it; never reported
    leurre: bool = False


def _a(genre: str, nature: str | None = None, leurre: bool = False):
    return lambda *cles: [Attendu(genre, cle, nature, leurre=leurre) for cle in cles]


texte, case, liste, secret = _a("champs", "textbox"), _a("champs", "checkbox"), _a("champs", "select"), \
    _a("champs", "password")
bouton, lien, action, information = _a("boutons"), _a("liens"), _a("actions"), _a("informations")
# the button that sends the page's form (« Valider », « Se connecter »…): only a button that submits a form, never a
# header's « Menu » or a password's « Afficher »
envoi = _a("boutons", "soumission")
radios, cases, titre, phrase, indicateur = _a("groupes", "radio"), _a("groupes", "checkbox"), _a("titres"), \
    _a("textes"), _a("indicateurs")
etape = _a("titres", leurre=True)

# What the harness looks for on each page of the walk, in the guide's order; the page's table in the profile is
# the one of the page the steps are on (a state of a page shares its page's table).
ATTENDUS: dict[str, list[Attendu]] = {
    "identification": [*etape("Identifiez-vous"), *titre(TITRE_IDENTIFICATION), *texte(ADRESSE_CONNEXION, SIRET),
                       *envoi(VALIDER), *lien(SANS_SIRET, AIDE)],
    "sans SIRET": [Attendu("textes", t, liste=True) for t in TYPES_SANS_SIRET],
    "informations": [*etape("Complétez les informations demandées"),
                     *titre("Je complète mes informations personnelles"),
                     *texte(ADRESSE_CONNEXION, RESAISIE, NOM, PRENOM), *case(CONSENTEMENT), *texte(CAPTCHA),
                     *titre("Les informations de ma structure"), *information(IDENTIFIANT),
                     *texte(RAISON_SOCIALE, LIBELLE_STRUCTURE, ADRESSE, COMPLEMENT_1, COMPLEMENT_2, CODE_POSTAL,
                            VILLE, PAYS), *case(NON_DIFFUSIBLE), *envoi(VALIDER)],
    "rattachement": [*radios(RATTACHEMENT), *cases(SERVICES)],
    "espaces de travail": [*etape("Ouvrez vos espaces de travail"), Attendu("titres", BIENVENUE, nomme=True),
                           *phrase(COMPTE_CREE),
                           *radios(*ESPACES),
                           *(Attendu("textes", d, voisin=e) for e, d in zip(ESPACES, DESCRIPTIFS)),
                           *envoi(VALIDER)],
    "courriel envoyé": [*phrase(COURRIEL_ENVOYE),
                        Attendu("textes", GESTIONNAIRE, absent_de="courriel envoyé, rattaché")],
    "courriel envoyé, rattaché": [*phrase(COURRIEL_ENVOYE)],
    "compte, rattaché": [],
    "activation": [*etape("Activez votre compte utilisateur"), *titre("Activation du compte utilisateur",
                                                                      "Informations générales"),
                   *information(ADRESSE_CONNEXION, "Adresse électronique de contact", NOM, PRENOM),
                   *titre("Gestion du mot de passe"), *phrase(REGLE_MDP),
                   *(Attendu("textes", g, liste=True) for g in GROUPES_MDP),
                   *secret(MOT_DE_PASSE, CONFIRMATION), *indicateur(COMPLEXITE), *titre("Question secrète"),
                   *liste(QUESTION), *texte(REPONSE), *action(ANNULER), *envoi(VALIDER)],
    "activé": [*phrase(COMPTE_ACTIF)],
    "lien utilisé": [*phrase("déjà été utilisé"), *bouton(NOUVEAU_LIEN)],
    "lien expiré": [*phrase("expiré"), *bouton(NOUVEAU_LIEN)],
    "nouveau lien": [*texte(ADRESSE_CONNEXION), *envoi(NOUVEAU_LIEN)],
    "connexion": [*texte(ADRESSE_CONNEXION), *secret(MOT_DE_PASSE), *envoi(SE_CONNECTER)],
    "compte": [*information("Structure", ROLE, "Rattachement"), *radios(*ESPACES),
               *case(CONSENTEMENT), *envoi(ENREGISTRER), *bouton(SE_DECONNECTER)],
}
# Wordings of the guide that name what another names, on the same page: guessed as that one.
MEMES = {CONSENTEMENT_TEXTE: CONSENTEMENT, "gestionnaire principal": GESTIONNAIRE}
# The profile's page of each state of the walk (None: the common table, for a page the steps do not name).
PAGE_DU_PROFIL = {"rattachement": "informations", "courriel envoyé": None, "courriel envoyé, rattaché": None,
                  "activé": None,
                  "lien utilisé": "lien refusé", "lien expiré": "lien refusé", "compte, rattaché": "compte"}
GENRES = {"champs": "champ", "groupes": "groupe", "boutons": "bouton", "liens": "lien", "actions": "action",
          "choix": "choix", "valeurs": "valeur", "titres": "titre", "textes": "texte", "indicateurs": "indicateur",
          "informations": "information (champ en lecture seule ou dt/dd)"}
# Kinds looked for together: an information may be a read-only field, an action a button or a link.
ENSEMBLES = {"champs": "saisies", "informations": "saisies", "boutons": "actions", "liens": "actions",
             "actions": "actions"}
PRENOM_, NOM_ = "Harnais", "Diagnostic"  # the user the walk signs up
POIDS_MOTS, POIDS_PLACE, POIDS_TYPE, POIDS_DEJA = 0.5, 0.35, 0.15, 1.0
# a text of the guide and a sentence in another language share few words, and by chance: their order counts more
POIDS_TEXTES = (0.3, 0.55)
INTERDIT = 1e6


@dataclass(frozen=True)
class Candidat:
    """What the page offers: its name, its kind (``genre`` as in Attendu), its control's kind."""
    nom: str
    genre: str
    nature: str | None = None
    lecture_seule: bool = False


@dataclass
class Constat:
    genre: str
    cle: str
    trouve: str | None = None            # the name found (the guide's, or the profile's)
    propositions: list[str] = field(default_factory=list)  # the guess first, then the next best names
    leurre: bool = False                 # what the harness does not look for (Attendu.leurre): never shown


@dataclass
class Page:
    nom: str
    url: str = ""
    constats: list[Constat] = field(default_factory=list)
    arret: str = ""                      # why the walk stopped on this page
    racine: object = field(default=None, repr=False)  # the page as the walk saw it, for its texts at the end


# ----------------------------------------------------------------- what a page offers


def _nature(el) -> str:
    typ = control_kind(el)  # an ARIA widget stands for its native counterpart (a switch for a check box…)
    if typ in ("checkbox", "radio", "password"):
        return typ
    if el.tag == "select" or role_of(el) in ("combobox", "listbox"):
        return "select"
    return "textbox"


def _nom(texte_: str) -> str:
    """A name as the drivers compare it: its required or optional markers and its ``:`` left out."""
    return sans_marqueurs(texte_)


def _propre(el) -> str:
    """A field's or group's name in its own words (its hint, DSFR's fr-hint-text, left out), as the drivers
    compare labels: what a pasted wording must read."""
    return _nom(own_name(el))


def _phrases(root) -> list[str]:
    """The page's text cut into blocks (paragraphs, list items, cells) and sentences, in document order."""
    lignes: list[str] = []
    courante: list[str] = []

    def couper():
        if courante:
            lignes.append(" ".join("".join(courante).split()))
            courante.clear()

    def parcourir(noeud):
        if not isinstance(noeud.tag, str) or _hidden_self(noeud) or noeud.tag in ("script", "style", "select",
                                                                                  "textarea", "head", "title"):
            return
        bloc = noeud.tag in BLOCKS or noeud.tag in ("button", "a")
        if bloc:
            couper()
        if noeud.text:
            courante.append(noeud.text)
        for enfant in noeud:
            parcourir(enfant)
            if enfant.tail:
                courante.append(enfant.tail)
        if bloc:
            couper()
    corps = root.find(".//body")
    parcourir(corps if corps is not None else root)
    couper()
    out = []
    for ligne in lignes:
        out += [p.strip() for p in re.split(r"(?<=[.!?;])\s+(?=[A-ZÀ-Ý])", ligne) if p.strip()]
    return out


def candidats(root) -> list[Candidat]:
    """Everything a wording of the guide may name on the page, in document order."""
    ordre = {el: i for i, el in enumerate(root.iter())}
    trouves: list[tuple[int, Candidat]] = []
    for el in fields(root):
        nature = _nature(el)
        if nature != "radio" and _propre(el):
            seule = el.get("readonly") is not None or el.get("aria-readonly") == "true"
            trouves.append((ordre[el], Candidat(_propre(el), "champs", nature, seule)))
    for el in groups(root):
        if _propre(el):
            radio = any(control_kind(c) == "radio" for c in el.iter()
                        if isinstance(c.tag, str))
            trouves.append((ordre[el], Candidat(_propre(el), "groupes", "radio" if radio else
                                                "checkbox")))
    trouves += [(ordre[el], Candidat(_nom(accessible_name(el)), "boutons", "soumission" if _soumet(el) else None))
                for el in buttons(root) if _nom(accessible_name(el))]
    trouves += [(ordre[el], Candidat(_nom(accessible_name(el)), "liens")) for el in links(root)
                if _nom(accessible_name(el))]
    for el in root.iter("dt", "th"):
        suivant = el.getnext()
        if suivant is not None and suivant.tag in ("dd", "td") and is_rendered(el):
            nom = _nom(" ".join(el.text_content().split()))
            if nom:
                trouves.append((ordre[el], Candidat(nom, "informations")))
    for el in root.iter():
        if isinstance(el.tag, str) and role_of(el) in ("meter", "progressbar", "status") and is_rendered(el):
            if _nom(accessible_name(el)):
                trouves.append((ordre[el], Candidat(_nom(accessible_name(el)), "indicateurs")))
    trouves.sort(key=lambda t: t[0])
    out = [c for _, c in trouves]
    out += [Candidat(_nom(t), "titres") for t in section_titles(root) if _nom(t)]
    out += [Candidat(p, "textes") for p in _phrases(root)]
    return out


# ----------------------------------------------------------------- scoring and assignment


def _mots(texte_: str) -> list[str]:
    return re.findall(r"\w{2,}", normalise(texte_))


def similarite(cle: str, nom: str, *, dans_une_phrase: bool = False) -> float:
    """How much ``nom`` reads like the guide's ``cle``, 0 to 1: each word's best match in the other, both ways
    (a name with many more words is another thing), or the whole strings' when one is a single word; in a
    sentence, only how well the guide's words are found in it."""
    a, b = normalise(cle.rstrip("…")), normalise(nom)
    mots_a, mots_b = _mots(a), _mots(b)
    if not mots_a or not mots_b:
        return difflib.SequenceMatcher(None, a, b).ratio()

    def vers(de: list[str], dans: list[str]) -> float:
        return sum(max(difflib.SequenceMatcher(None, m, n).ratio() for n in dans) for m in de) / len(de)
    if dans_une_phrase:
        return vers(mots_a, mots_b)
    par_mot = (vers(mots_a, mots_b) + vers(mots_b, mots_a)) / 2
    if len(mots_a) == 1 or len(mots_b) == 1:
        return max(par_mot, difflib.SequenceMatcher(None, a, b).ratio())
    return par_mot


def _soumet(el) -> bool:
    """A button that sends its form: a submit button (a <button> is one unless its type says otherwise) inside a
    form (or tied to one)."""
    genre = (el.get("type") or ("submit" if el.tag == "button" else "")).lower()
    return el.tag in ("button", "input") and genre in ("submit", "image") and form_owner(el) is not None


def compatible(attendu: Attendu, candidat: Candidat) -> bool:
    """The kind of control the guide's wording names, against what the page offers."""
    if attendu.genre == "boutons" and attendu.nature == "soumission":
        return candidat.genre == "boutons" and candidat.nature == "soumission"
    if attendu.genre == "champs":
        if candidat.genre != "champs" or candidat.lecture_seule:
            return False
        textuels = {"textbox", "password"}
        return attendu.nature == candidat.nature or {attendu.nature, candidat.nature} <= textuels
    if attendu.genre == "informations":
        return candidat.genre == "informations" or (candidat.genre == "champs" and candidat.nature == "textbox")
    if attendu.genre == "actions":
        return candidat.genre in ("boutons", "liens")
    if attendu.genre == "groupes":
        return candidat.genre == "groupes" and attendu.nature in (None, candidat.nature)
    if attendu.genre == "textes" and "{adresse}" in attendu.cle:
        return candidat.genre == "textes" and "{adresse}" in candidat.nom
    return attendu.genre == candidat.genre


def _place(rang: int, total: int) -> float:
    """Where in its list an element stands, 0 to 1; the only wording of its kind on a page stands first (a page's
    own title, message or button usually comes before the others)."""
    return rang / (total - 1) if total > 1 else 0.0


def assigner(attendus: list[Attendu], offerts: list[Candidat], deja: dict[str, str] | None = None,
             pris: set[int] = frozenset(), manquants: list[int] | None = None,
             permis: dict[str, set[str]] | None = None) -> dict[int, list[int]]:
    """For each wording of ``attendus`` still missing (``manquants``, their indexes; by default all), the candidates
    of ``offerts`` (their indexes): the one the best one-to-one assignment over the page gives it first, then the
    next best. ``pris``: candidates already named by a wording found; ``deja``: wordings guessed on an earlier page
    (the same name again is favoured); ``permis``: for a wording, the only names it may take. A wording's place
    is its rank among all of ``attendus``, a candidate's among all of ``offerts``: the guide's order against the
    page's."""
    deja = deja or {}
    manquants = list(range(len(attendus))) if manquants is None else manquants
    if not manquants or not offerts:
        return {}
    score = {i: [-INTERDIT] * len(offerts) for i in manquants}
    for i in manquants:
        att = attendus[i]
        for j, cand in enumerate(offerts):
            if j in pris or not compatible(att, cand) or (
                    permis and att.cle in permis and normalise(cand.nom) not in permis[att.cle]):
                continue
            place = 1 - abs(_place(i, len(attendus)) - _place(j, len(offerts)))
            meme_type = 1.0 if att.nature is None or att.nature == cand.nature else 0.0
            repris = 1.0 if deja.get(att.cle) and normalise(deja[att.cle]) == normalise(cand.nom) else 0.0
            mots, rang = (POIDS_MOTS, POIDS_PLACE) if att.genre != "textes" else POIDS_TEXTES
            score[i][j] = (mots * similarite(att.cle, cand.nom, dans_une_phrase=att.genre == "textes")
                           + rang * place + POIDS_TYPE * meme_type + POIDS_DEJA * repris)
    lignes, colonnes = linear_sum_assignment([[-s for s in score[i]] for i in manquants])
    out: dict[int, list[int]] = {}
    for ligne, j in zip(lignes, colonnes):
        i = manquants[ligne]
        if score[i][j] > -INTERDIT:
            autres = sorted((k for k in range(len(offerts)) if k != j and score[i][k] > -INTERDIT),
                            key=lambda k: -score[i][k])
            out[int(i)] = [int(j), *autres[:2]]
    return out


def examiner(root, page: str, vocabulaire: Vocabulaire, devines: dict[str, str], url: str = "",
             attendus: list[Attendu] | None = None, *, adresse: str = "",
             phrases_communes: frozenset[str] | None = None, resultat: Page | None = None,
             autres: dict[str, object] | None = None, utilisateur: tuple[str, ...] = ()) -> Page:
    """What the harness looks for on ``page`` (``attendus``, by default ``ATTENDUS[page]``), found or not; the
    guesses join ``vocabulaire`` (so that the walk goes on) and ``devines`` (a wording guessed on an earlier page
    is favoured on the next ones).

    Texts are matched once the walk is over (``phrases_communes`` given, the sentences most pages of the walk
    show: a header, a footer, never what the guide asks), to the page's sentences that name nothing else
    (a title, a label, a button); a sentence holding the login ``adresse`` has ``{adresse}`` in its place, and
    only such a sentence is offered for a text of the guide that holds it. Without ``phrases_communes``
    everything else is, and the texts' findings stay empty; ``resultat``: the page to fill (the first pass's);
    ``autres``: the other pages of the walk by name (a text another user's page does not show); ``utilisateur``:
    the first and last names the walk typed (a title that holds them is offered without them)."""
    attendus = ATTENDUS[page] if attendus is None else attendus
    if resultat is None:
        resultat = Page(page, url, [Constat(a.genre, a.cle, leurre=a.leurre) for a in attendus])
    constats = resultat.constats
    offerts = candidats(root)
    permis: dict[str, set[str]] = {}
    if utilisateur:
        motif = re.compile(r"[\s,]*\b(?:" + "|".join(map(re.escape, utilisateur)) + r")\b[\s,!.]*", re.IGNORECASE)
        nommes = {j for j, c in enumerate(offerts) if c.genre == "titres" and motif.search(c.nom)}
        offerts = [replace(c, nom=motif.sub(" ", c.nom).strip()) if j in nommes else c for j, c in enumerate(offerts)]
        for att in attendus:
            if att.nomme:
                permis[att.cle] = {normalise(offerts[j].nom) for j in nommes}
    if phrases_communes is not None:
        # a control's or a title's name is no text, nor a term that names what the harness looks for (another
        # term may be one: the guide's list as a dl)
        noms = {normalise(c.nom) for c in offerts if c.genre not in ("textes", "informations")}
        noms |= {normalise(c.trouve or c.propositions[0]) for c in constats
                 if c.genre != "textes" and (c.trouve or c.propositions)}
        offerts = [replace(c, nom=re.sub(re.escape(adresse), "{adresse}", c.nom, flags=re.IGNORECASE)
                           if adresse else c.nom) for c in offerts if c.genre == "textes"
                   and normalise(_nom(c.nom)) not in noms and _gabarit(c.nom) not in phrases_communes]
        # the user's own data (names, address) shown back is never a text of the guide
        donnees = {normalise(n) for n in utilisateur}
        offerts = [c for c in offerts if re.search(r"\w", c.nom.replace("{adresse}", ""))
                   and normalise(c.nom) not in donnees]
        items = {normalise(text_of(el)) for el in root.iter("li", "dd", "td")}
        for att in attendus:
            if att.voisin:
                permis[att.cle] = _phrases_voisines(root, resolve_label(vocabulaire, att.voisin,
                                                                        PAGE_DU_PROFIL.get(page, page)))
            elif att.liste and items & {normalise(c.nom) for c in offerts}:
                permis[att.cle] = items
            elif att.absent_de and (autres or {}).get(att.absent_de) is not None:
                ailleurs = {normalise(p) for p in _phrases(autres[att.absent_de])}
                permis[att.cle] = {normalise(c.nom) for c in offerts} - ailleurs
    page_du_profil = PAGE_DU_PROFIL.get(page, page)
    texte_plie = _plie(text_of(root))  # a text is looked for as the steps look for it: in the page's text, folded
    par_ensemble: dict[str, list[int]] = {}
    for i, att in enumerate(attendus):
        if (att.genre == "textes") == (phrases_communes is not None):
            par_ensemble.setdefault(ENSEMBLES.get(att.genre, att.genre), []).append(i)
    for indices in par_ensemble.values():
        sous = [attendus[i] for i in indices]
        ensemble = ENSEMBLES.get(sous[0].genre)
        genres = {g for g, e in ENSEMBLES.items() if e == ensemble} if ensemble else {sous[0].genre}
        offerts_ici = [c for c in offerts if c.genre in genres]
        pris: set[int] = set()
        manquants = []
        for rang, (i, att) in enumerate(zip(indices, sous)):
            libelle = resolve_label(vocabulaire, att.cle, page_du_profil)
            if att.genre == "textes":
                forme = next((f for f, _ in libelle.formes if _plie(f.replace("{adresse}", adresse)) in texte_plie),
                             None)
                if forme is None:
                    manquants.append(rang)
                else:
                    constats[i].trouve = forme
                continue
            trouve = next((j for j, c in enumerate(offerts_ici) if j not in pris and compatible(att, c)
                           and libelle.correspond(c.nom)), None)
            if trouve is None:
                manquants.append(rang)
            else:
                pris.add(trouve)
                constats[i].trouve = offerts_ici[trouve].nom
        # the wordings still missing, assigned over the page's free candidates in the guide's order
        choix = assigner(sous, offerts_ici, devines, pris, manquants, permis)
        for rang, i in enumerate(indices):
            if rang not in choix or attendus[i].leurre:
                continue
            noms = [offerts_ici[j].nom for j in choix[rang]]
            constats[i].propositions = noms
            devines.setdefault(attendus[i].cle, noms[0])
            vocabulaire.pages.setdefault(page_du_profil or "", {})[attendus[i].cle] = (noms[0],)
    return resultat


def _gabarit(phrase_: str) -> str:
    """A sentence with its numbers blanked: « Étape 2 sur 4 » on every page is one sentence."""
    return re.sub(r"\d+", "#", normalise(phrase_))


def _phrases_voisines(root, libelle) -> set[str]:
    """The sentences next to the group ``libelle`` names: in its largest container that holds no other group
    (its table row, its list item)."""
    tous = groups(root)
    groupe = next((g for g in tous if libelle.correspond(_propre(g))), None)
    if groupe is None:
        return set()
    boite = groupe
    while boite.getparent() is not None and not any(
            g is not groupe and g in set(boite.getparent().iter()) for g in tous):
        boite = boite.getparent()
    return {normalise(p) for p in _phrases(boite)}


def phrases_communes(racines: list) -> frozenset[str]:
    """The sentences shown on at least half the pages walked (three at least): a header or a footer."""
    vues: dict[str, int] = {}
    for racine in racines:
        for phrase_ in {_gabarit(p) for p in _phrases(racine)}:
            vues[phrase_] = vues.get(phrase_, 0) + 1
    seuil = max(3, len(racines) // 2)
    return frozenset(p for p, n in vues.items() if n >= seuil)


def _choix(driver: HttpDriver, page: Page, groupe: str | None, cles: tuple[str, ...],
           vocabulaire: Vocabulaire) -> None:
    """The choices of ``groupe`` (already found or guessed) against the guide's ``cles``, in the guide's order:
    their names as the page writes them (``group_options`` gives back the guide's words for those the profile
    maps)."""
    if groupe is None:
        return
    page_du_profil = PAGE_DU_PROFIL.get(page.nom, page.nom)
    libelle = resolve_label(vocabulaire, groupe, page_du_profil)
    element = next((g for g in groups(driver.root) if libelle.correspond(_propre(g))), None)
    if element is None:
        return
    noms = [_propre(el) for el in fields(element) if _nature(el) in ("radio", "checkbox")]
    attendus = [Attendu("choix", cle) for cle in cles]
    offerts = [Candidat(n, "choix") for n in noms]
    trouves = {i: next((j for j, n in enumerate(noms) if resolve_label(vocabulaire, c, page_du_profil).correspond(n)),
                       None) for i, c in enumerate(cles)}
    choix = assigner(attendus, offerts, pris={j for j in trouves.values() if j is not None},
                     manquants=[i for i, j in trouves.items() if j is None])
    for i, cle in enumerate(cles):
        constat = Constat("choix", cle)
        page.constats.append(constat)
        if trouves[i] is not None:
            constat.trouve = noms[trouves[i]]
        elif i in choix:
            constat.propositions = [noms[j] for j in choix[i]]
            vocabulaire.pages.setdefault(page_du_profil, {})[cle] = (constat.propositions[0],)


def _valeur(driver: HttpDriver, page: Page, terme: str, cle: str) -> None:
    """What the page shows for ``terme`` (found or guessed) is the guide's ``cle`` for this user (the first user of
    a structure is its gestionnaire principal)."""
    lue = driver.value(terme)
    if lue is None:
        return
    constat = Constat("valeurs", cle)
    page.constats.append(constat)
    if resolve_label(driver.labels, cle, PAGE_DU_PROFIL.get(page.nom, page.nom)).correspond(lue):
        constat.trouve = lue
    else:
        constat.propositions = [_nom(lue)]


def _groupe(page: Page, cle: str | None = None) -> str | None:
    """A group of the page found or guessed (``cle``, or the first workspace)."""
    return next((c.cle for c in page.constats if c.genre == "groupes" and (cle is None or c.cle == cle)
                 and (c.trouve or c.propositions)), None)


# ----------------------------------------------------------------- the walk


def parcourir(implementation: Implementation, sirene, boite, jeton: str) -> tuple[list[Page], Vocabulaire]:
    """Walk the journey once; every page's findings, and the vocabulary the walk ended with."""
    vocabulaire = Vocabulaire(implementation.libelles.commun,
                              {p: dict(t) for p, t in implementation.libelles.pages.items()})
    pages: list[Page] = []
    adresse = f"diagnostic.{jeton}@example.org"
    seconde = f"diagnostic.{jeton}.2@example.org"
    mot_de_passe = "Diagnostic-2026-" + jeton
    devines: dict[str, str] = {}
    drivers: list[HttpDriver] = []

    def nouveau() -> HttpDriver:
        drivers.append(HttpDriver(session_http(implementation.confiance), vocabulaire,
                                  origines=implementation.origines))
        return drivers[-1]

    def sur(driver: HttpDriver, page: str) -> Page:
        driver.etape = PAGE_DU_PROFIL.get(page, page)
        pages.append(examiner(driver.root, page, vocabulaire, devines, driver.url(), utilisateur=(PRENOM_, NOM_)))
        pages[-1].racine = driver.root
        return pages[-1]

    def attendre(driver: HttpDriver, page: str, apres: str, precedente: str | None) -> None:
        """The walk knows which page comes next; it stops when the form came back (the same page, or errors)."""
        driver.etape = None
        erreurs = driver.errors()
        revenu = precedente is not None and reconnaitre(driver) == precedente
        if erreurs or revenu or (driver.status() or 0) >= 400:
            raise ActionImpossible(f"après {apres}, la page « {page} » ne suit pas (page {driver.url()}, HTTP "
                                   f"{driver.status()}" + (f", erreurs : {erreurs}" if erreurs else "") + ")")

    def identifier(driver: HttpDriver, courriel: str, siret: str) -> None:
        driver.etape = "identification"
        driver.fill(ADRESSE_CONNEXION, courriel)
        driver.fill(SIRET, siret)
        driver.click(VALIDER)
        attendre(driver, "informations", "l'identification", "identification")

    def completer(driver: HttpDriver, courriel: str) -> None:
        driver.etape = "informations"
        for champ, valeur in ((RESAISIE, courriel), (NOM, NOM_), (PRENOM, PRENOM_),
                              (CAPTCHA, implementation.captcha_reponse)):
            driver.fill(champ, valeur)
        if driver.has_field(RAISON_SOCIALE) and not (driver.value(RAISON_SOCIALE) or "").strip():
            driver.fill(RAISON_SOCIALE, "DIAGNOSTIC")
        if driver.has_group(RATTACHEMENT):
            driver.choose(RATTACHEMENT, RATTACHEMENT_STRUCTURE)
        driver.click(VALIDER)
        attendre(driver, "espaces de travail", "la saisie des informations", "informations")

    def activer(driver: HttpDriver) -> None:
        driver.etape = "activation"
        driver.fill(MOT_DE_PASSE, mot_de_passe)
        driver.fill(CONFIRMATION, mot_de_passe)
        options = driver.select_options(QUESTION)
        if options:
            driver.select(QUESTION, options[0])
        driver.fill(REPONSE, "Paris")
        driver.click(VALIDER)

    def connecter(driver: HttpDriver, courriel: str) -> None:
        driver.etape = "connexion"
        driver.fill(ADRESSE_CONNEXION, courriel)
        driver.fill(MOT_DE_PASSE, mot_de_passe)
        driver.click(SE_CONNECTER)
        attendre(driver, "compte", "la connexion", "connexion")

    def lien_recu(courriel: str, n: int = 1) -> str:
        message = boite.attendre(courriel, n, delai=15)
        if not message.liens:
            raise ActionImpossible(f"le courriel d'activation « {message.sujet} » ne contient aucun lien")
        return message.liens[0]

    driver = nouveau()
    try:
        driver.open(implementation.demarrage)
        sur(driver, "identification")
        if driver.has_link(SANS_SIRET):
            driver.click(SANS_SIRET)
            sur(driver, "sans SIRET")
            driver.open(implementation.demarrage)
        siret = siret_sonde(random.Random())
        sirene.enregistrer(siret, "diffusible")
        identifier(driver, adresse, siret)
        sur(driver, "informations")
        completer(driver, adresse)
        espaces = sur(driver, "espaces de travail")
        _choix(driver, espaces, _groupe(espaces), (OUI, NON), vocabulaire)
        driver.etape = "espaces de travail"
        driver.click(VALIDER)
        sur(driver, "courriel envoyé")
        activation = lien_recu(adresse)
        driver.open(activation)
        attendre(driver, "activation", "l'ouverture du lien d'activation", None)
        sur(driver, "activation")
        activer(driver)
        sur(driver, "activé")
        driver.open(activation)
        sur(driver, "lien utilisé")
        if "nouveau_lien" in implementation.capacites:
            driver.open(implementation.nouveau_lien)
            sur(driver, "nouveau lien")
        if "compte" in implementation.capacites:
            driver.open(implementation.connexion)
            sur(driver, "connexion")
            connecter(driver, adresse)
            compte = sur(driver, "compte")
            _choix(driver, compte, _groupe(compte), (OUI, NON), vocabulaire)
            _valeur(driver, compte, ROLE, GESTIONNAIRE_PRINCIPAL)
        # a second user of the same structure: the attachment choice, then an expired link
        if "services" in implementation.capacites:
            Controles(implementation).ajouter_service(siret, "Service du diagnostic")
        driver = nouveau()
        driver.open(implementation.demarrage)
        identifier(driver, seconde, siret)
        rattachement = sur(driver, "rattachement")
        _choix(driver, rattachement, _groupe(rattachement, RATTACHEMENT),
               (RATTACHEMENT_STRUCTURE, RATTACHEMENT_SERVICES), vocabulaire)
        if "horloge" in implementation.capacites:
            completer(driver, seconde)
            driver.etape = "espaces de travail"
            driver.click(VALIDER)
            sur(driver, "courriel envoyé, rattaché")
            Controles(implementation).vieillir_liens(seconde, implementation.duree_validite_lien_minutes + 1)
            driver.open(lien_recu(seconde))
            expire = sur(driver, "lien expiré")
            if "compte" in implementation.capacites and not expire.arret:
                # a new link, and the second user's account: its role is the guide's « Utilisateur »
                driver.etape = "lien refusé"
                driver.click(NOUVEAU_LIEN)
                driver.open(lien_recu(seconde, 2))
                attendre(driver, "activation", "l'ouverture du nouveau lien d'activation", None)
                activer(driver)
                driver.open(implementation.connexion)
                connecter(driver, seconde)
                _valeur(driver, sur(driver, "compte, rattaché"), ROLE, UTILISATEUR)
    except (ElementIntrouvable, ActionImpossible, AssertionError, requests.RequestException) as exc:
        arret = str(exc).split(" Champs présents")[0]
        if pages:
            pages[-1].arret = arret
        else:
            pages.append(Page("identification", implementation.demarrage, arret=arret))
    finally:
        for d in drivers:
            d.close()
    vues = [page for page in pages if page.racine is not None]
    communes = phrases_communes([page.racine for page in vues])
    par_nom = {page.nom: page.racine for page in vues}
    for page in vues:
        examiner(page.racine, page.nom, vocabulaire, devines, adresse=adresse, phrases_communes=communes,
                 resultat=page, autres=par_nom, utilisateur=(PRENOM_, NOM_))
        for constat in list(page.constats):
            for autre, meme in MEMES.items():
                if constat.cle == meme and constat.propositions:
                    page.constats.append(Constat(constat.genre, autre, propositions=constat.propositions[:1]))
    return pages, vocabulaire


# ----------------------------------------------------------------- the report and the block


def _toml(texte_: str) -> str:
    return '"' + texte_.replace("\\", "\\\\").replace('"', '\\"') + '"'


def bloc_a_coller(pages: list[Page]) -> dict[str | None, dict[str, list[str]]]:
    """The guesses, by table of the profile (None: [libelles], every page): titles and texts in the common table
    unless two pages guessed different wordings for them; a wording guessed twice differently on one page (a title
    and a field of the same words) gets both."""
    par_page: dict[str | None, dict[str, list[str]]] = {}
    communs: dict[str, list[str]] = {}
    for page in pages:
        cle_page = PAGE_DU_PROFIL.get(page.nom, page.nom)
        for c in page.constats:
            if not c.propositions or c.leurre:
                continue
            if c.genre in ("titres", "textes", "choix") or cle_page is None:
                formes = communs.setdefault(c.cle, [])
            else:
                formes = par_page.setdefault(CLE_DE_PAGE[cle_page], {}).setdefault(c.cle, [])
            if c.propositions[0] not in formes:
                formes.append(c.propositions[0])
    bloc: dict[str | None, dict[str, list[str]]] = {None: communs} if communs else {}
    bloc.update(par_page)
    return bloc


def rendre(pages: list[Page], implementation: Implementation) -> str:
    """The findings, page by page, then the [libelles] block to paste."""
    lignes = [f"Diagnostic de {implementation.url_base} (libellés du profil « {implementation.nom} »)", ""]
    for page in pages:
        lignes.append(f"Page « {page.nom} »" + (f" ({page.url})" if page.url else ""))
        for c in (c for c in page.constats if not c.leurre):
            quoi = f"{GENRES[c.genre]} « {c.cle} »"
            if c.trouve is not None:
                lignes.append(f"  ✓ {quoi}" + (f" : trouvé sous « {c.trouve} »" if normalise(c.trouve) != normalise(
                    c.cle.rstrip('…')) and not normalise(c.trouve).startswith(normalise(c.cle.rstrip('…'))) else ""))
            elif c.propositions:
                autres = ", ".join(f"« {n} »" for n in c.propositions[1:])
                lignes.append(f"  ✗ {quoi} introuvable ; le plus proche : « {c.propositions[0]} »"
                              + (f" (autres : {autres})" if autres else ""))
            else:
                lignes.append(f"  ✗ {quoi} introuvable, et aucun {GENRES[c.genre]} libre sur la page")
        if page.arret:
            lignes.append(f"  ■ parcours arrêté : {page.arret}")
        lignes.append("")
    bloc = bloc_a_coller(pages)
    # Never a block that leaves the journey unable to tell two pages apart (harness/libelles.py pages_confondues).
    colle = Vocabulaire({**implementation.libelles.commun, **{m: tuple(f) for m, f in bloc.get(None, {}).items()}},
                        {nom: dict(table) for nom, table in implementation.libelles.pages.items()})
    for cle, entrees in bloc.items():
        if cle is not None:
            colle.pages.setdefault(PAGES[cle], {}).update({m: tuple(f) for m, f in entrees.items()})
    confusions = pages_confondues(colle) if bloc else []
    if confusions:
        lignes.append("Aucun bloc à coller : les meilleurs candidats trouvés rendraient des pages indiscernables "
                      "(le harnais refuserait ce profil) ; choisissez d'autres libellés parmi les propositions :")
        lignes += [f"  ■ {c}" for c in confusions]
    elif bloc:
        lignes.append("À coller dans le profil (vérifiez chaque ligne : ce sont les meilleurs candidats de chaque "
                      "page, pas des certitudes) :")
        lignes.append("")
        for cle, entrees in bloc.items():
            lignes.append("[libelles]" if cle is None else f"[libelles.{cle}]")
            for mot, formes in entrees.items():
                valeur = _toml(formes[0]) if len(formes) == 1 else "[" + ", ".join(map(_toml, formes)) + "]"
                lignes.append(f"{_toml(mot)} = {valeur}")
            lignes.append("")
    elif not any(p.arret for p in pages):
        lignes.append("Tout ce que le harnais cherche a été trouvé : aucun libellé à faire correspondre.")
    return "\n".join(lignes)


def main(argv: list[str]) -> int:
    parser = Parseur(prog="chorus-conformance --diagnostic", description=__doc__.split("\n\n")[0])
    parser.add_argument("--diagnostic", action="store_true", help="parcourir les pages et dire ce qui est trouvé")
    parser.add_argument("--profil", metavar="PROFIL.toml", help="profil de l'implémentation (docs/PROFILES.md)")
    parser.add_argument("--url-implementation", metavar="URL", help="URL d'une implémentation déjà démarrée")
    parser.add_argument("--rapports", default="reports", metavar="DOSSIER", help="dossier des journaux")
    parser.add_argument("--faute-integree", "--bundled-fault", dest="bundled_fault", metavar="NOM",
                        help="l'implémentation de référence intégrée avec une faute injectée")
    args, _ = parser.parse_known_args(argv)
    from .etat import Etat
    from .services import arreter_services, demarrer_services
    try:
        profil = charger_profil(args.profil) if args.profil else Profil()
    except ProfilInvalide as exc:
        print(exc, file=sys.stderr)
        return 3
    url = args.url_implementation
    if url and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc):
        print(f"--url-implementation doit être une URL http(s) absolue, pas « {url} ».", file=sys.stderr)
        return 3
    if "http" not in profil.capacites:
        print("Le diagnostic parcourt les pages en HTTP sans JavaScript : ce profil n'offre pas la capacité « http ».",
              file=sys.stderr)
        return 3
    jeton = "".join(random.SystemRandom().choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(6))
    etat = Etat(profil=profil, graine=0, id_run=jeton, rapports=Path(tempfile.mkdtemp(prefix="chorus-diag-")),
                url_implementation=url.rstrip("/") if url else None, faute=args.bundled_fault)
    try:
        demarrer_services(etat)
        from fixtures.clients import BoiteMail, SireneAdmin
        implementation = Implementation.depuis_profil(profil, etat.services["implementation"],
                                                      etat.services.get("confiance"))
        debut = time.monotonic()
        pages, _ = parcourir(implementation, SireneAdmin(etat.services["sirene"]),
                             BoiteMail(etat.services["boite"]), jeton)
    except Exception as exc:  # noqa: BLE001 - one readable line, whatever broke
        print(f"Diagnostic impossible : {type(exc).__name__} : {exc}", file=sys.stderr)
        return 2
    finally:
        arreter_services(etat)
    print(rendre(pages, implementation))
    print(f"(parcours en {time.monotonic() - debut:.1f} s)")
    return 2 if any(p.arret for p in pages) else 0
