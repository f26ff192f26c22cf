"""Steps of features/06_proprietes.feature: property-based checks (Hypothesis) over plain HTTP.

A « Soit » step gives the values to draw (a Hypothesis strategy) and the rule that
judges them (an oracle of harness/oracles.py); the « Alors » step runs the search: each
value is typed in the form of one page, and the implementation's verdict — accepted, or
refused on the field — must be the oracle's. On the first disagreement Hypothesis shrinks
the value, and the step fails with the smallest counter-example through ``verifier`` (rule
id, expected, observed). The search is seeded from the scenario's Faker seed, so that
``--faker-seed`` replays it, and bounded: ``EXEMPLES_PAR_DEFAUT`` values, or
``--proprietes-exemples N``, plus a bounded number of submissions while shrinking.
"""
from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from typing import Callable

import hypothesis
from hypothesis import strategies as st
from pytest_bdd import given, parsers, then
from stdnum import luhn

from fixtures.providers import ACCENTS, NON_LATIN
from harness import oracles
from harness.oracles import CHIFFRES, CLASSES, MAJUSCULES, MINUSCULES, SPECIAUX

from . import parcours as p
from .verifications import preparation, verifier

EXEMPLES_PAR_DEFAUT = 30
# Shrinking a counter-example submits new values: at most this many more than the examples.
SOUMISSIONS_DE_REDUCTION = 150
# An accepted password uses its account up: at most this many accounts more than the examples.
COMPTES_DE_REDUCTION = 40


@dataclass(frozen=True)
class Propriete:
    """Values to draw, the oracle that judges them and how to say what a value is."""

    strategie: st.SearchStrategy[str]
    oracle: Callable[[str], oracles.Verdict]
    detail: Callable[[str, oracles.Verdict], str] = lambda valeur, verdict: verdict.message.rstrip(".")


@dataclass(frozen=True)
class Jugement:
    """What the implementation did with one value: ``accepte`` True, False (refused on the
    field) or None (anything else: server error, refused on another field, another page)."""

    soumis: str  # the value the form sent: a maxlength may have cut what was typed
    accepte: bool | None
    description: str


class ComptesEpuises(Exception):
    """No account is left to activate within the budget."""


# ----------------------------------------------------------------- passwords

ASCII = {MAJUSCULES: string.ascii_uppercase, MINUSCULES: string.ascii_lowercase, CHIFFRES: string.digits,
         SPECIAUX: string.punctuation}
# docs/AMBIGUITES.md n° 2: these count as special characters only in the project's reading.
HORS_ASCII = {"espaces": " ", "lettres accentuées": ACCENTS + "âëîûÿæœÂÊÎÛËŸÆŒß", "lettres non latines": NON_LATIN,
              "emoji": "😀🔒👍🏽🎉🇫🇷", "chiffres et lettres non ASCII": "٣४７ＡｂÅ"}
# Lengths near the boundary (12) half of the time: Hypothesis would otherwise favour short texts.
LONGUEURS = st.one_of(st.integers(9, 14), st.integers(0, 64))


def _texte(groupes: dict[str, str], longueurs: st.SearchStrategy[int]) -> st.SearchStrategy[str]:
    """Texts of a drawn length made of the characters of a drawn subset of ``groupes``."""
    def de(noms_et_longueur):
        noms, longueur = noms_et_longueur
        return st.text(alphabet="".join(groupes[n] for n in sorted(noms)), min_size=longueur, max_size=longueur)
    return st.tuples(st.sets(st.sampled_from(sorted(groupes)), min_size=1), longueurs).flatmap(de)


NOMS_DES_CLASSES = {MAJUSCULES: "majuscules", MINUSCULES: "minuscules", CHIFFRES: "chiffres",
                    SPECIAUX: "caractères spéciaux"}


def _detail_mot_de_passe(valeur: str, verdict: oracles.Verdict) -> str:
    classes = oracles.classes_de_caracteres(valeur)
    noms = ", ".join(NOMS_DES_CLASSES[c] for c in CLASSES if c in classes) or "aucun"
    longueur = len(unicodedata.normalize("NFC", valeur))
    return f"{longueur} caractères, {len(classes)} type(s) : {noms}"


@given("des mots de passe tirés au hasard de 0 à 64 caractères ASCII, d'au moins 3 types de caractères",
       target_fixture="propriete")
def mots_de_passe_longueur():
    """Only the length decides: below 3 characters there cannot be 3 types anyway."""
    strategie = LONGUEURS.flatmap(
        lambda n: st.text(alphabet="".join(ASCII.values()), min_size=n, max_size=n)).filter(
        lambda m: len(m) < 3 or len(oracles.classes_de_caracteres(m)) >= 3)
    return Propriete(strategie, oracles.mot_de_passe, _detail_mot_de_passe)


@given("des mots de passe tirés au hasard de 12 à 64 caractères ASCII, de 1 à 4 types de caractères",
       target_fixture="propriete")
def mots_de_passe_classes():
    """Only the types decide: 12 characters at least."""
    return Propriete(_texte(ASCII, st.one_of(st.integers(12, 14), st.integers(12, 64))), oracles.mot_de_passe,
                     _detail_mot_de_passe)


# The guide: « des caractères spéciaux (ponctuation, accents, etc.) ». A lower-case accented letter is
# special whatever the reading of « É » (docs/AMBIGUITES.md n° 2): these draws are judged by the guide.
MINUSCULES_ACCENTUEES = "éèêëàâäçùûüôöîïÿ"


@given("des mots de passe tirés au hasard de 12 à 64 caractères ASCII et lettres minuscules accentuées",
       target_fixture="propriete")
def mots_de_passe_minuscules_accentuees():
    """Only the types decide (12 characters at least): a length fault is the length rule's, not this one's."""
    return Propriete(_texte({**ASCII, "lettres minuscules accentuées": MINUSCULES_ACCENTUEES},
                            st.one_of(st.integers(12, 14), st.integers(12, 64))),
                     oracles.mot_de_passe, _detail_mot_de_passe)


@given("des mots de passe tirés au hasard de 0 à 64 caractères mêlant lettres accentuées, espaces, lettres non "
       "latines et emoji", target_fixture="propriete")
def mots_de_passe_hors_ascii():
    return Propriete(_texte({**ASCII, **HORS_ASCII}, LONGUEURS), oracles.mot_de_passe, _detail_mot_de_passe)


# ----------------------------------------------------------------- SIRET

CHIFFRE = st.sampled_from(string.digits)


def _avec_cle(debut: str) -> str:
    return debut + luhn.calc_check_digit(debut)


# A SIRET as INSEE makes them: a SIREN with its Luhn key, a NIC, the SIRET's Luhn key.
SIRET_VALIDE = st.builds(lambda siren, nic: _avec_cle(_avec_cle(siren) + nic),
                         st.text(string.digits, min_size=8, max_size=8),
                         st.text(string.digits, min_size=4, max_size=4))
SIRET_LA_POSTE = st.one_of(
    st.text(string.digits, min_size=5, max_size=5).map(lambda nic: oracles.SIREN_LA_POSTE + nic),
    st.just(oracles.SIRET_SIEGE_LA_POSTE),
)
AUTRES_SIGNES = string.ascii_letters + "-_/,;:'\"#*+éÉ٣７"  # letters, punctuation, non-ASCII digits


def _remplace(valeur: str, rang: int, signe: str) -> str:
    rang %= len(valeur)
    return valeur[:rang] + signe + valeur[rang + 1:]


@given("des numéros de SIRET tirés au hasard de 12 à 16 caractères, chiffres, lettres ou autres signes",
       target_fixture="propriete")
def sirets_longueur():
    """A valid SIRET cut, lengthened, or with a character that is not a digit."""
    strategie = st.one_of(
        SIRET_VALIDE,
        st.tuples(SIRET_VALIDE, st.integers(12, 13)).map(lambda t: t[0][:t[1]]),
        st.tuples(SIRET_VALIDE, st.text(string.digits, min_size=1, max_size=2)).map(lambda t: t[0] + t[1]),
        st.tuples(SIRET_VALIDE, st.integers(0, 13), st.sampled_from(AUTRES_SIGNES)).map(lambda t: _remplace(*t)),
        st.text(string.digits, min_size=12, max_size=16).filter(lambda s: len(s) != 14),
    )
    return Propriete(strategie, oracles.siret)


@given("des numéros de SIRET tirés au hasard de 14 chiffres, valides ou à la clé fausse",
       target_fixture="propriete")
def sirets_cle():
    """Valid ones, one digit changed, two neighbours swapped, and any 14 digits."""
    def echange(siret: str, rang: int) -> str:
        rang %= 13
        return siret[:rang] + siret[rang + 1] + siret[rang] + siret[rang + 2:]
    strategie = st.one_of(
        SIRET_VALIDE,
        st.tuples(SIRET_VALIDE, st.integers(0, 13), CHIFFRE).map(lambda t: _remplace(*t)),
        st.tuples(SIRET_VALIDE, st.integers(0, 12)).map(lambda t: echange(*t)),
        st.text(string.digits, min_size=14, max_size=14),
    )
    return Propriete(strategie, oracles.siret)


@given("des numéros de SIRET de La Poste tirés au hasard", target_fixture="propriete")
def sirets_la_poste():
    return Propriete(SIRET_LA_POSTE, oracles.siret)


def _separe(siret: str, coupures: list[tuple[int, str]], bords: str) -> str:
    """``siret`` with separators typed after the given ranks (1 to 13), and ``bords`` around it."""
    morceaux, debut = [], 0
    for rang in sorted({r for r, _ in coupures}):
        morceaux += [siret[debut:rang], dict(coupures)[rang]]
        debut = rang
    return bords + "".join(morceaux) + siret[debut:] + bords


@given("des numéros de SIRET valides tirés au hasard, saisis avec des espaces ou des points",
       target_fixture="propriete")
def sirets_espaces():
    strategie = st.builds(
        _separe, st.one_of(SIRET_VALIDE, SIRET_LA_POSTE.filter(lambda s: oracles.siret(s).valide)),
        st.lists(st.tuples(st.integers(1, 13), st.sampled_from([" ", ".", "  ", " . "])), min_size=1, max_size=5),
        st.sampled_from(["", " "]),
    )
    return Propriete(strategie, oracles.siret)


# ----------------------------------------------------------------- e-mail addresses

ATEXT = string.ascii_letters + string.digits + "!#$%&'*+/=?^_`{|}~-"
ATOME = st.text(ATEXT, min_size=1, max_size=12)
LOCALE = st.lists(ATOME, min_size=1, max_size=3).map(".".join)
ETIQUETTE = st.from_regex(r"\A[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?\Z")
# Mostly good top-level labels, sometimes wrong ones ("c", "c1", "123").
SUFFIXE = st.one_of(st.from_regex(r"\A[a-z]{2,6}\Z"), st.from_regex(r"\A[a-z0-9]{1,3}\Z"))
DOMAINE = st.tuples(st.lists(ETIQUETTE, min_size=1, max_size=3), SUFFIXE).map(lambda t: ".".join([*t[0], t[1]]))
INTERDITS_DANS_LA_PARTIE_LOCALE = '()<>[]\\,;:"é '


# One defect each, given the local part, the domain, a rank (where, when it needs a place) and a sign.
DEFAUTS: dict[str, Callable[[str, str, int, str], str]] = {
    "aucun": lambda l, d, r, s: f"{l}@{d}",
    "sans arobase": lambda l, d, r, s: l + d,
    "deux arobases": lambda l, d, r, s: _remplace(f"{l}@{d}", r, "@"),
    "espace dans la partie locale": lambda l, d, r, s: f"{l[:1]} {l[1:]}@{d}",
    "espace dans le domaine": lambda l, d, r, s: f"{l}@{d[:1]} {d[1:]}",
    "signe interdit": lambda l, d, r, s: f"{_remplace(l, r, s)}@{d}",
    "point en tête": lambda l, d, r, s: f".{l}@{d}",
    "point final de la partie locale": lambda l, d, r, s: f"{l}.@{d}",
    "point doublé": lambda l, d, r, s: f"{l}..{l}@{d}",
    "partie locale vide": lambda l, d, r, s: f"@{d}",
    "domaine absent": lambda l, d, r, s: f"{l}@",
    "domaine sans point": lambda l, d, r, s: f"{l}@{d.replace('.', '')}",
    "point final du domaine": lambda l, d, r, s: f"{l}@{d}.",
    "étiquette commençant par un tiret": lambda l, d, r, s: f"{l}@-{d}",
    "suffixe numérique": lambda l, d, r, s: f"{l}@{d.rsplit('.', 1)[0]}.{r + 1}",
    "partie locale de plus de 64 caractères": lambda l, d, r, s: f"{(l * 70)[:64 + r % 3]}@{d}",
    "adresse de plus de 254 caractères": lambda l, d, r, s: f"{l}@{'.'.join(['d' * 63] * 4)}.{d}",
}


@given("des adresses électroniques tirées au hasard, bien ou mal formées", target_fixture="propriete")
def adresses():
    """Well-formed addresses, half of them given one defect. No white space around them:
    a browser strips it from an e-mail field, so a server may too."""
    defaut = st.just("aucun") | st.sampled_from(list(DEFAUTS))
    strategie = st.builds(lambda nom, *parties: DEFAUTS[nom](*parties), defaut, LOCALE, DOMAINE, st.integers(0, 40),
                          st.sampled_from(INTERDITS_DANS_LA_PARTIE_LOCALE)).filter(lambda a: a == a.strip())
    return Propriete(strategie, oracles.adresse_email)


# ----------------------------------------------------------------- submitting a value


def _montrer(valeur: str) -> str:
    if not valeur:
        return "une valeur vide"
    if valeur != valeur.strip() or not valeur.isprintable() or "  " in valeur:
        return f"« {valeur} » ({valeur!r})"
    return f"« {valeur} »"


SANS_CHAMP_EN_ERREUR = "refusé (formulaire réaffiché sans champ en erreur)"


def _jugement(driver, champ: str, soumis: str, accepte: bool, formulaire: str) -> Jugement:
    """Accepted, refused on ``champ`` (the form of ``formulaire`` shown again, the error on the
    field, or on no field at all), or anything else, described."""
    if accepte:
        return Jugement(soumis, True, "accepté")
    statut = driver.status()
    if statut is not None and statut >= 500:
        return Jugement(soumis, None, f"erreur du serveur : {p.decrire_page(driver)}")
    if p.etape(driver) != formulaire:
        return Jugement(soumis, None, p.decrire_page(driver))
    message = driver.error(champ)
    if message is not None:
        return Jugement(soumis, False, f"refusé sur « {champ} » : « {message} »")
    if not driver.errors():
        return Jugement(soumis, False, SANS_CHAMP_EN_ERREUR)
    return Jugement(soumis, None, f"refusé sur d'autres champs : {p.decrire_page(driver)}")


def _identification(contexte, champ: str, valeur_de: Callable[[str], tuple[str, str]]):
    """Submit values at step 1; ``valeur_de(valeur)`` gives (address, SIRET) to type.
    Every 14-digit SIRET is first made known to the fake INSEE, so that only the
    implementation's own check can refuse it (as in steps/identification.py)."""
    def soumettre(valeur: str) -> Jugement:
        adresse, siret = valeur_de(valeur)
        compact = re.sub(r"[ .]", "", siret)
        if re.fullmatch(r"[0-9]{14}", compact):
            contexte.sirene.enregistrer(compact, cas="diffusible")
        d = contexte.driver
        # p.identifier, with the value read back before Valider (a maxlength may cut it)
        d.open(contexte.implementation.demarrage)
        p.sur_la_page(d, "identification")
        d.fill(p.ADRESSE_CONNEXION, adresse)
        d.fill(p.SIRET, siret)
        soumis = d.value(champ) or ""
        d.click(p.VALIDER)
        jugement = _jugement(d, champ, soumis, p.etape(d) == "informations", "identification")
        return _corrige(contexte, d, jugement, "identification")
    return soumettre


def _corrige(contexte, driver, jugement: Jugement, formulaire: str, adresse: str | None = None) -> Jugement:
    """A refusal that marks no field counts only when the same form, corrected in the same session, goes on
    (``parcours.correction_acceptee``); else the value's fate is unknown (None)."""
    if jugement.description != SANS_CHAMP_EN_ERREUR or p.correction_acceptee(contexte, driver, formulaire, adresse):
        return jugement
    return Jugement(jugement.soumis, None, SANS_CHAMP_EN_ERREUR + ", puis refusé encore, corrigé avec des données "
                    f"ordinaires : {p.decrire_page(driver)}")


class Comptes:
    """Accounts waiting for their activation, created over HTTP when needed: a refused
    password leaves the link usable for the next value, an accepted one uses the account up."""

    def __init__(self, contexte, maximum: int) -> None:
        self.contexte, self.maximum = contexte, maximum
        self.crees = 0
        self.lien: str | None = None
        self.adresse = ""

    def ouvrir(self, driver) -> None:
        """Show an activation page on ``driver``; ``ComptesEpuises`` past the budget."""
        if self.lien:
            driver.open(self.lien)
            if p.etape(driver) == "activation":
                return
        if self.crees >= self.maximum:
            raise ComptesEpuises()
        ctx = self.contexte
        p.enregistrer_entreprise(ctx)
        utilisateur = p.nouvel_utilisateur(ctx.donnees)
        with preparation("préparation d'un compte à activer"):
            p.inscrire(ctx, utilisateur, jusqua="cree")
            self.crees += 1
            self.lien, self.adresse = utilisateur.lien, utilisateur.adresse_connexion
            driver.open(self.lien)
            p._attendre_etape(ctx, driver, "activation", "préparation, étape 4 (lien d'activation)")

    def soumettre(self, valeur: str) -> Jugement:
        d = self.contexte.driver
        self.ouvrir(d)
        p.remplir_activation(d, valeur)
        soumis = d.value(p.MOT_DE_PASSE) or ""
        d.click(p.VALIDER)
        accepte = p.activation_acceptee(self.contexte, d, self.adresse, valeur)
        jugement = _jugement(d, p.MOT_DE_PASSE, soumis, accepte, "activation")
        if jugement.description == SANS_CHAMP_EN_ERREUR:
            jugement = _corrige(self.contexte, d, jugement, "activation", self.adresse)
            accepte = jugement.accepte is not None  # the correction activated the account
        if accepte:
            self.lien = None
        return jugement


# ----------------------------------------------------------------- the search


def exemples_demandes(pytestconfig) -> int:
    """``--proprietes-exemples N`` when the plugin offers it, else the default."""
    n = pytestconfig.getoption("proprietes_exemples", default=None)
    return int(n) if n else EXEMPLES_PAR_DEFAUT


def chercher_contre_exemple(contexte, propriete: Propriete, soumettre: Callable[[str], Jugement], champ: str,
                            exemples: int, graine: int, formulaire: str) -> int:
    """Run the search; fail with the shrunk counter-example. Returns the number of values submitted.

    Each value is submitted once: a value met again while shrinking (and the final replay of
    the counter-example) reuses what the implementation did with it.
    """
    jugements: dict[str, Jugement | AssertionError] = {}
    budget = exemples + SOUMISSIONS_DE_REDUCTION

    def juger(valeur: str) -> None:
        if valeur not in jugements:
            if len(jugements) >= budget:
                hypothesis.reject()
            try:
                jugements[valeur] = soumettre(valeur)
            except ComptesEpuises:
                hypothesis.reject()
            except AssertionError as exc:  # a page the steps cannot read: fail on it, once
                jugements[valeur] = exc
        jugement = jugements[valeur]
        if isinstance(jugement, AssertionError):
            raise jugement
        verdict = propriete.oracle(jugement.soumis)
        if jugement.description.startswith(SANS_CHAMP_EN_ERREUR) and (
                jugement.accepte is None or (verdict.valide and jugement.accepte is False)):
            p.exiger_etape_possible(contexte, formulaire)  # this value, or the step itself?
        saisie = _montrer(jugement.soumis)
        if jugement.soumis != valeur:
            saisie += f" (le formulaire a envoyé ces {len(jugement.soumis)} caractères des {len(valeur)} saisis)"
        attendu = f"{saisie} ({propriete.detail(jugement.soumis, verdict)}) " + (
            "accepté" if verdict.valide else f"refusé sur « {champ} »")
        verifier(contexte, jugement.accepte is verdict.valide, attendu, jugement.description)

    @hypothesis.settings(max_examples=exemples, deadline=None, database=None, derandomize=False,
                         phases=(hypothesis.Phase.explicit, hypothesis.Phase.generate, hypothesis.Phase.shrink),
                         report_multiple_bugs=False, suppress_health_check=list(hypothesis.HealthCheck),
                         print_blob=False)
    @hypothesis.seed(graine)
    @hypothesis.given(valeur=propriete.strategie)
    def exemple(valeur: str) -> None:
        juger(valeur)

    try:
        exemple()
    except AssertionError as exc:
        exc.add_note(f"{len(jugements)} valeur(s) soumise(s) ; recherche Hypothesis de graine {graine}, "
                     f"rejouée par la même --faker-seed.")
        raise
    return len(jugements)


@then(parsers.re(r"la page (?P<page>d'activation|d'identification) accepte ou refuse chacune? sur le champ "
                 r"\"(?P<champ>[^\"]+)\" comme la règle du guide"))
def juger_chaque_valeur(contexte, propriete, pytestconfig, page, champ):
    exemples = exemples_demandes(pytestconfig)
    graine = contexte.donnees.random.getrandbits(32)
    if page == "d'activation":
        soumettre = Comptes(contexte, exemples + COMPTES_DE_REDUCTION).soumettre
    else:
        utilisateur = p.assurer_utilisateur(contexte)
        if champ == p.SIRET:
            soumettre = _identification(contexte, champ, lambda v: (utilisateur.adresse_connexion, v))
        else:
            siret = p.assurer_entreprise(contexte)
            soumettre = _identification(contexte, champ, lambda v: (v, siret))
    chercher_contre_exemple(contexte, propriete, soumettre, champ, exemples, graine,
                            "activation" if page == "d'activation" else "identification")
