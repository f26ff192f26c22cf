"""The guide's words: every label, button, group and text the harness looks for, in one place.

Read by the steps (steps/parcours.py re-exports them) and by the preflight. A
profile maps any of these wordings to an implementation's own (``[libelles]``,
per page with ``[libelles.<page>]``); the drivers apply the mapping.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

GUIDE = Path(__file__).resolve().parent.parent / "guide" / "000_e499a90fb70f94b2.txt"

# ----------------------------------------------------------------- the pages of the journey
# Keys of the profile's per-page tables ([libelles.<page>]) -> the name the steps give the page.
PAGES = {
    "identification": "identification",
    "sans_siret": "sans SIRET",
    "informations": "informations",
    "espaces": "espaces de travail",
    "activation": "activation",
    "lien": "lien refusé",
    "nouveau_lien": "nouveau lien",
    "connexion": "connexion",
    "compte": "compte",
}
CLE_DE_LA_PAGE = {nom: cle for cle, nom in PAGES.items()}

# ----------------------------------------------------------------- step 1
ADRESSE_CONNEXION = "Adresse électronique de connexion"
SIRET = "Numéro de SIRET"
SANS_SIRET = "Je n'ai pas de numéro de SIRET"
VALIDER = "Valider"
TITRE_IDENTIFICATION = "Vous êtes nouveau sur Chorus Pro ?"

# ----------------------------------------------------------------- step 2
RESAISIE = "Résaisissez votre adresse électronique de connexion"
NOM = "Nom"
PRENOM = "Prénom"
CAPTCHA = "Entrez les caractères générés par l'image"
CONSENTEMENT = "J'accepte que mon nom, prénom et adresse électronique soient utilisés…"
CONSENTEMENT_PHRASE = (
    "J'accepte que mon nom, prénom et adresse électronique soient utilisés par le Ministère de l'Action et "
    "des Comptes publics (et par le prestataire réalisant les enquêtes de satisfaction pour le compte de "
    "l'AIFE) afin de recevoir l'enquête de satisfaction sur Chorus Pro."
)
# The guide's whole label, the withdrawal right included (it is what makes the consent revocable).
CONSENTEMENT_TEXTE = (CONSENTEMENT_PHRASE + " Je note par ailleurs que je pourrai à tout moment exercer mon droit de "
                      "retrait en décochant l'option.")
IDENTIFIANT = "Identifiant"
RAISON_SOCIALE = "Raison Sociale"
LIBELLE_STRUCTURE = "Libellé de la structure"
ADRESSE = "Adresse"
COMPLEMENT_1 = "Complément adresse 1"
COMPLEMENT_2 = "Complément adresse 2"
CODE_POSTAL = "Code postal"
VILLE = "Ville"
PAYS = "Pays"
NON_DIFFUSIBLE = "Non diffusible INSEE"
RATTACHEMENT = "Je me rattache à"
RATTACHEMENT_STRUCTURE = "La structure (y compris l'ensemble des services de ma structure)"
RATTACHEMENT_SERVICES = "Uniquement certains services"
SERVICES = "Services"

# ----------------------------------------------------------------- step 3
ESPACES = ("Demande de remboursement TIC", "Engagements", "Factures à valider", "Factures de travaux",
           "Factures émises", "Mémoires de frais de justice", "Raccordement EDI et API", "Suivi des flux")
FACTURES_EMISES = "Factures émises"
OUI, NON = "OUI", "NON"

# ----------------------------------------------------------------- step 4 and after
MOT_DE_PASSE = "Mot de passe"
CONFIRMATION = "Confirmation"
QUESTION = "Question secrète"
REPONSE = "Réponse"
ANNULER = "Annuler"
COMPLEXITE = "Complexité du mot de passe"
NOUVEAU_LIEN = "Recevoir un nouveau lien d'activation"
SE_CONNECTER = "Se connecter"
ENREGISTRER = "Enregistrer"
SE_DECONNECTER = "Se déconnecter"
COMPTE_ACTIF = "Votre compte est désormais actif"  # the page after a successful activation (E4_VALIDER_ACTIF)

# ----------------------------------------------------------------- which page is shown
# A page of the journey is known by what it asks for, never by its heading: each signature lists the
# (kind, wording) pairs that must all be on the page, kinds as in Driver.inventory(). Tried in this order.
SIGNATURES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("activation", (("champs", MOT_DE_PASSE), ("champs", CONFIRMATION))),
    ("informations", (("champs", RESAISIE),)),
    ("informations", (("champs", CAPTCHA),)),
    ("identification", (("champs", ADRESSE_CONNEXION), ("champs", SIRET))),
    ("compte", (("groupes", FACTURES_EMISES), ("boutons", ENREGISTRER))),
    ("espaces de travail", (("groupes", FACTURES_EMISES), ("boutons", VALIDER))),
    ("connexion", (("champs", MOT_DE_PASSE), ("boutons", SE_CONNECTER))),
    ("nouveau lien", (("champs", ADRESSE_CONNEXION), ("boutons", NOUVEAU_LIEN))),
    ("lien refusé", (("boutons", NOUVEAU_LIEN),)),
)



def _plie(texte: str) -> str:
    texte = unicodedata.normalize("NFKD", texte.replace("\u2019", "'").replace("\u00a0", " ")).casefold()
    return " ".join("".join(c for c in texte if not unicodedata.combining(c)).split())


@functools.lru_cache(maxsize=1)
def _texte_du_guide() -> str:
    return _plie(GUIDE.read_text(encoding="utf-8"))


def fixe_par_le_guide(mot: str) -> bool:
    """Whether the guide itself writes ``mot`` (a label, a title, a text): then a profile that maps it to other
    words lets the run go on, but the rules about that wording are not met. Wordings the guide does not write
    (the contract's: the login page, the account page…) are the implementation's to choose."""
    return re.search(r"(?<!\w)" + re.escape(_plie(mot.rstrip("…").rstrip("."))) + r"(?!\w)", _texte_du_guide()) is not None


# The journey's position: the pages that may follow each page of the journey (its form accepted, a link of it
# followed). After a form, the page shown is that form again (refused) or one of these; the position breaks the ties
# of pages whose signatures a page satisfies at once (the account page and the workspaces page both ask for
# « Factures émises » and may both save with « Valider »).
SUITES: dict[str, tuple[str, ...]] = {
    "identification": ("informations",),
    "informations": ("espaces de travail",),
    "espaces de travail": (),  # the account created: a page that asks for nothing
    "activation": ("connexion", "compte"),
    "lien refusé": ("nouveau lien",),
    "nouveau lien": (),
    "connexion": ("compte",),
    "compte": ("connexion",),
}


def _satisfait(driver, inventaire: dict, nom: str, signature) -> bool:
    from .drivers.base import resolve_label

    return all(any(resolve_label(driver.labels, mot, nom).correspond(n) for n in inventaire.get(genre, ()))
               for genre, mot in signature)


def pages_reconnues(driver) -> list[str]:
    """Every page of the journey whose signature the driver's page satisfies, in SIGNATURES' order."""
    inventaire = driver.inventory()
    trouvees: list[str] = []
    for nom, signature in SIGNATURES:
        if nom not in trouvees and _satisfait(driver, inventaire, nom, signature):
            trouvees.append(nom)
    return trouvees


def possibles(position: str | None) -> tuple[str, ...]:
    """The pages the journey may show from ``position`` (the page the steps last said was shown): that page (its
    form shown again) or what follows it."""
    return (position,) + SUITES.get(position, ()) if position else ()


def reconnaitre(driver, attendue: str | tuple[str, ...] = ()) -> str:
    """The page of the journey the driver shows, known by what it asks for (the guide's fields, groups and
    buttons of that page, in the profile's wording for that page), never by its heading; "" when none.

    The journey knows where it is: of the pages whose signature the page satisfies, one the journey may show from
    where it stands (``driver.etape``) wins; a page asking for what no such page asks is known
    by its signature alone (a form shown again is recognised by what it asks for). ``attendue`` serves where the
    position says nothing (a page just opened) or allows none of the pages found."""
    trouvees = pages_reconnues(driver)
    attendues = (attendue,) if isinstance(attendue, str) else tuple(attendue)
    for permises in (possibles(getattr(driver, "etape", None)), attendues):
        nom = next((n for n in trouvees if n in permises), None)
        if nom:
            return nom
    return trouvees[0] if trouvees else ""


# ----------------------------------------------------------------- pages a profile makes alike
def _couvre(large: tuple[str, bool], etroite: tuple[str, bool]) -> bool:
    """Whether every name the wording ``etroite`` matches is matched by ``large`` (each: (text, prefix?))."""
    from .drivers.base import name_matches, normalise

    (texte_l, prefixe_l), (texte_e, prefixe_e) = large, etroite
    if prefixe_e:
        return prefixe_l and normalise(texte_e).startswith(normalise(texte_l))
    return name_matches(texte_e, texte_l, prefix=prefixe_l)


def _element_couvert(vocabulaire, page_a: str, element, page_b: str, signature_b) -> bool:
    """An element of page A's signature is on every page that shows page B's signature ``signature_b``."""
    from .drivers.base import resolve_label

    genre, mot = element
    formes_a = resolve_label(vocabulaire, mot, page_a).formes
    return any(genre_b == genre and all(any(_couvre(f_a, f_b) for f_a in formes_a)
                                        for f_b in resolve_label(vocabulaire, mot_b, page_b).formes)
               for genre_b, mot_b in signature_b)


def _confusion(vocabulaire, position: str, page_a: str, page_b: str, sig_a, sig_b) -> str:
    """Page B, which may be shown from ``position`` as page A may, shows all that A's signature asks for."""
    from .drivers.base import resolve_label

    mots = " et ".join(f"{genre[:-1]} « {mot} » (cherché sous « {resolve_label(vocabulaire, mot, page_a).cherche} »)"
                       for genre, mot in sig_a)
    if position in (page_a, page_b):
        suivante = page_b if position == page_a else page_a
        quand = f"la page « {position} » réaffichée (refusée) et la page « {suivante} » qui la suit"
    else:
        quand = f"les pages « {page_a} » et « {page_b} », qui peuvent toutes deux suivre la page « {position} »,"
    montre = " », « ".join(mot for _, mot in sig_b)
    return (f"les libellés du profil rendent indiscernables {quand} : la page « {page_a} » est reconnue à son "
            f"{mots}, et la page « {page_b} » montre tout cela aussi (« {montre} » dans les libellés de la page "
            f"« {page_b} »). Pour les distinguer, donnez dans [libelles.{CLE_DE_LA_PAGE[page_a]}] à l'un de ces "
            f"éléments le libellé que montre vraiment la page « {page_a} », et qu'aucun élément de même nature de la "
            f"page « {page_b} » ne porte (ou corrigez [libelles.{CLE_DE_LA_PAGE[page_b]}]).")


def pages_confondues(vocabulaire) -> list[str]:
    """Where the profile's wordings make the journey unable to tell two pages apart, one French sentence each.

    From each position of the journey (a form submitted, a link followed: ``SUITES``) the page shown is that form
    again or what follows it; ``reconnaitre`` takes the first of them, in SIGNATURES' order, whose signature the page
    satisfies. So page B is taken for page A, from where both may be shown, when a page showing what B asks for
    always satisfies A's signature: every element of A's signature is one of B's, in the wordings the profile
    gives each page. Pages that are never possible from the same position (the account page and the workspaces
    page) may look alike: the position tells them apart. The guide's own wordings make no such pair."""
    from .drivers.base import Vocabulaire

    vocabulaire = Vocabulaire.de(vocabulaire)
    ordre = [nom for nom, _ in SIGNATURES]
    signatures: dict[str, list] = {}
    for nom, signature in SIGNATURES:
        signatures.setdefault(nom, []).append(signature)
    constats: list[str] = []
    vus: set[tuple[str, str]] = set()
    for position, suites in SUITES.items():
        candidates = sorted({position, *suites} & set(signatures), key=ordre.index)
        for rang, page_a in enumerate(candidates):
            for page_b in candidates[rang + 1:]:
                confusion = next(((sig_a, sig_b) for sig_a in signatures[page_a] for sig_b in signatures[page_b]
                                  if all(_element_couvert(vocabulaire, page_a, e, page_b, sig_b) for e in sig_a)),
                                 None)
                if confusion and (page_a, page_b) not in vus:
                    vus.add((page_a, page_b))
                    constats.append(_confusion(vocabulaire, position, page_a, page_b, *confusion))
    return constats


# ----------------------------------------------------------------- which rule covers an element
# When a scenario cannot go on because an element is missing or refuses the action, the rule that judges that
# element is named as the root cause (docs/ARCHITECTURE.md, "Préparation et sujet").
COUVERTURE: dict[str, tuple[str, ...]] = {
    ADRESSE_CONNEXION: ("E1_CHAMP_ADRESSE_CONNEXION", "E2_LIBELLES_PERSONNELS"),
    SIRET: ("E1_CHAMP_SIRET",),
    SANS_SIRET: ("E1_LIEN_SANS_SIRET",),
    VALIDER: ("E1_BOUTON_VALIDER", "E2_VALIDER_SUITE", "E3_VALIDER_COURRIEL", "E4_VALIDER_ACTIF"),
    RESAISIE: ("E2_LIBELLES_PERSONNELS",),
    NOM: ("E2_LIBELLES_PERSONNELS",),
    PRENOM: ("E2_LIBELLES_PERSONNELS",),
    CAPTCHA: ("E2_CAPTCHA_OBLIGATOIRE",),
    CONSENTEMENT: ("E2_CONSENTEMENT_LIBELLE",),
    IDENTIFIANT: ("E2_LIBELLES_STRUCTURE",),
    RAISON_SOCIALE: ("E2_LIBELLES_STRUCTURE", "E2_STRUCTURE_MODIFIABLE"),
    LIBELLE_STRUCTURE: ("E2_LIBELLES_STRUCTURE", "E2_STRUCTURE_MODIFIABLE"),
    ADRESSE: ("E2_LIBELLES_STRUCTURE", "E2_STRUCTURE_MODIFIABLE"),
    COMPLEMENT_1: ("E2_LIBELLES_STRUCTURE", "E2_STRUCTURE_MODIFIABLE"),
    COMPLEMENT_2: ("E2_LIBELLES_STRUCTURE", "E2_STRUCTURE_MODIFIABLE"),
    CODE_POSTAL: ("E2_LIBELLES_STRUCTURE", "E2_STRUCTURE_MODIFIABLE"),
    VILLE: ("E2_LIBELLES_STRUCTURE", "E2_STRUCTURE_MODIFIABLE"),
    PAYS: ("E2_LIBELLES_STRUCTURE", "E2_STRUCTURE_MODIFIABLE"),
    NON_DIFFUSIBLE: ("E2_NON_DIFFUSIBLE_COCHE",),
    RATTACHEMENT: ("E2_RATTACHEMENT_SI_EXISTANT",),
    RATTACHEMENT_STRUCTURE: ("E2_RATTACHEMENT_STRUCTURE",),
    RATTACHEMENT_SERVICES: ("E2_RATTACHEMENT_SERVICES",),
    SERVICES: ("E2_RATTACHEMENT_SERVICES",),
    **{espace: ("E3_HUIT_ESPACES",) for espace in ESPACES},
    OUI: ("E3_HUIT_ESPACES",),
    NON: ("E3_HUIT_ESPACES",),
    MOT_DE_PASSE: ("E4_CHAMPS_MDP",),
    CONFIRMATION: ("E4_CHAMPS_MDP",),
    QUESTION: ("E4_QUESTION_SECRETE",),
    REPONSE: ("E4_QUESTION_SECRETE",),
    ANNULER: ("E4_ANNULER",),
    COMPLEXITE: ("E4_COMPLEXITE_INDICATEUR",),
    NOUVEAU_LIEN: ("E4_NOUVEAU_LIEN",),
    SE_CONNECTER: ("E5_CONNEXION_APRES_ACTIVATION",),
    ENREGISTRER: ("E5_ESPACES_MODIFIABLES",),
    SE_DECONNECTER: ("S_DECONNEXION",),
}

# When a form of the journey, filled as the journey fills it (ordinary data typed, prefilled values left as they
# are, the documented captcha answer), comes back with a field in error, the rule that says that value is accepted
# there is in cause (docs/ARCHITECTURE.md, "Préparation et sujet"); any other field: the rule that judges it.
REFUS: dict[tuple[str, str], tuple[str, ...]] = {
    ("identification", ADRESSE_CONNEXION): ("E1_ADRESSE_FORMAT",),
    ("identification", SIRET): ("E1_SIRET_CLE",),
    ("informations", ADRESSE_CONNEXION): ("E2_CONTACT_PREREMPLI",),  # the journey keeps the prefilled address
    ("informations", RESAISIE): ("E2_RESAISIE_CONCORDANTE",),
    ("informations", NOM): ("E2_NOM_PRENOM",),
    ("informations", PRENOM): ("E2_NOM_PRENOM",),
    ("informations", CAPTCHA): ("E2_CAPTCHA_OBLIGATOIRE",),
    ("activation", MOT_DE_PASSE): ("E4_MDP_LONGUEUR",),
    ("activation", CONFIRMATION): ("E4_MDP_CONFIRMATION",),
}


def regles_du_refus(page: str | None, champ: str) -> tuple[str, ...]:
    """The rules in cause when the journey's form of ``page`` is refused on ``champ`` (a guide wording)."""
    return REFUS.get((page or "", champ)) or COUVERTURE.get(champ, ())
