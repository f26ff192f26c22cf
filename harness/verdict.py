"""Per-rule verdicts from scenario results, expected failures, exit codes.

Pure functions over ``Resultat`` records (one per scenario and channel) so that
they are tested without running pytest; the plugin builds the records from the
test reports.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Collection, Iterable, Mapping

from .catalogue import Referentiel, Regle, lire_toml

# Outcome of one scenario on one channel.
REUSSI = "réussi"
ECHOUE = "échoué"
IGNORE = "non vérifié"  # skipped: capability missing, channel excluded
IMPOSSIBLE = "préparation impossible"  # non vérifié: the scenario could not be brought to what it observes
ERREUR = "erreur du harnais"

# Verdict of one rule.
CONFORME = "conforme"
NON_CONFORME = "non conforme"
NON_VERIFIE = "non vérifié"
INFORMATIF = "informatif"
ATTENDU = "non conforme (attendu)"
PERIME = "attendu mais conforme"
BLOQUANTS = (NON_CONFORME, PERIME)

# Exit codes of chorus-conformance (docs/ARCHITECTURE.md).
CODE_CONFORME = 0
CODE_NON_CONFORME = 1
CODE_PREFLIGHT = 2
CODE_ERREUR = 3

# verdict.json for programs: its schema's version (harness/schemas/verdict.schema.json), the run's verdict and each
# French label's ASCII twin, stable from one version of the harness to the next.
SCHEMA = 1
STATUTS_SCENARIO = {REUSSI: "reussi", ECHOUE: "echoue", IGNORE: "non_verifie", IMPOSSIBLE: "preparation_impossible",
                    ERREUR: "erreur_du_harnais"}
STATUTS_REGLE = {CONFORME: "conforme", NON_CONFORME: "non_conforme", NON_VERIFIE: "non_verifie",
                 INFORMATIF: "informatif", ATTENDU: "non_conforme_attendu", PERIME: "attendu_mais_conforme"}


def verdict_du_code(code: int, sous_reserve: bool = False, *, interrompu: bool = False) -> str:
    """The run's verdict as a program reads it (verdict.json « verdict »), from its exit code."""
    if interrompu:
        return "interrompu"
    if code == CODE_CONFORME:
        return "conforme_sous_reserve" if sous_reserve else "conforme"
    return {CODE_NON_CONFORME: "non_conforme", CODE_PREFLIGHT: "preflight_echoue"}.get(code, "erreur")


class AttendusInvalides(ValueError):
    """The expected-failures file is unreadable or wrong."""


@dataclass
class Resultat:
    """One scenario on one channel."""

    nodeid: str
    scenario: str
    issue: str
    tags: tuple[str, ...] = ()
    canal: str | None = None
    fonctionnalite: str = ""
    message: str = ""
    duree: float = 0.0
    preuves: dict[str, str] = field(default_factory=dict)
    attendu: str | None = None  # reason, when an expected failure covers it
    cause: str | None = None  # root cause, when the preparation was impossible
    regles_en_cause: tuple[str, ...] = ()  # the rules that judge that cause
    exemple: dict[str, str] = field(default_factory=dict)  # a scenario outline's example row, column -> value
    constats: list[str] = field(default_factory=list)  # what the scenario observed, passed or not (its evidence)
    fichier: str = ""  # its feature file, relative to the project (JUnit's file, Cucumber's uri)
    ligne: int = 0  # the scenario's line in it
    etapes: list[dict] = field(default_factory=list)  # its Gherkin steps as run: mot_cle, texte, ligne
    pas_en_echec: int | None = None  # the index in ``etapes`` of the step that failed or could not go on

    @property
    def informatif(self) -> bool:
        return "informatif" in self.tags


@dataclass(frozen=True)
class Attendu:
    raison: str
    regle: str | None = None
    scenario: str | None = None


@dataclass
class VerdictRegle:
    regle: Regle
    verdict: str
    resultats: list[Resultat]
    detail: str = ""

    @property
    def bloquant(self) -> bool:
        return self.verdict in BLOQUANTS

    @property
    def en_echec(self) -> bool:
        """A scenario of the rule failed, whether the rule gates or only informs (what the kill matrix counts)."""
        return any(r.issue == ECHOUE for r in self.resultats)


@dataclass
class Cause:
    """One root cause of « préparation impossible », named once for every scenario it blocked;
    ``regles_touchees``: the rules whose scenarios it blocked."""

    cause: str
    regles_en_cause: tuple[str, ...]
    resultats: list[Resultat]
    regles_touchees: list[str] = field(default_factory=list)


@dataclass
class Bilan:
    regles: dict[str, VerdictRegle]
    sans_regle: list[Resultat]
    erreurs: list[Resultat]
    attendus_inutilises: list[Attendu]
    code: int
    resume: str
    causes: list[Cause] = field(default_factory=list)
    # the referentials (catalogue.REFERENTIELS: « accessibilite », « securite ») the profile makes gate
    referentiels_bloquants: frozenset[str] = frozenset()
    exiger_tout: bool = False  # --exiger-tout: a rule that could gate left « non vérifié » fails the run

    @property
    def sous_reserve(self) -> bool:
        """Conforme, but a rule left non vérifié or failing as expected (« CONFORME SOUS RÉSERVE »)."""
        return self.code == CODE_CONFORME and any(v.verdict in (NON_VERIFIE, ATTENDU) for v in self.regles.values()
                                                  if v.regle.referentiel is None)

    def compte(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for v in self.regles.values():
            out[v.verdict] = out.get(v.verdict, 0) + 1
        return out


def charger_attendus(chemin: str | Path, regles: Iterable[str] | None = None) -> list[Attendu]:
    """Read ``[[attendu]] regle="ID" | scenario="nom", raison="…"``; unknown rule ids are refused."""
    chemin = Path(chemin)
    donnees = lire_toml(chemin, AttendusInvalides, "Fichier des échecs attendus")
    inconnues = set(donnees) - {"attendu"}
    if inconnues:
        raise AttendusInvalides(f"{chemin} : clé inconnue « {sorted(inconnues)[0]} » (seules des tables "
                                f"[[attendu]] sont permises).")
    connues = set(regles) if regles is not None else None
    out = []
    for rang, entree in enumerate(donnees.get("attendu", []), start=1):
        ou = f"{chemin}, [[attendu]] n° {rang}"
        if not isinstance(entree, dict):
            raise AttendusInvalides(f"{ou} : doit être une table.")
        extra = set(entree) - {"regle", "scenario", "raison"}
        if extra:
            raise AttendusInvalides(f"{ou} : clé inconnue « {sorted(extra)[0]} » (permises : regle, scenario, raison).")
        regle, scenario = entree.get("regle"), entree.get("scenario")
        if (regle is None) == (scenario is None):
            raise AttendusInvalides(f"{ou} : donnez soit « regle », soit « scenario » (exactement une des deux).")
        for cle, valeur in (("regle", regle), ("scenario", scenario), ("raison", entree.get("raison"))):
            if valeur is not None and (not isinstance(valeur, str) or not valeur.strip()):
                raise AttendusInvalides(f"{ou} : « {cle} » doit être un texte non vide.")
        if not entree.get("raison"):
            raise AttendusInvalides(f"{ou} : la clé « raison » est obligatoire (pourquoi cet échec est attendu).")
        if regle is not None and connues is not None and regle not in connues:
            raise AttendusInvalides(f"{ou} : la règle « {regle} » n'existe pas dans le catalogue (features/regles.toml).")
        out.append(Attendu(raison=entree["raison"], regle=regle, scenario=scenario))
    return out


def _attendu_pour(resultat: Resultat, regle: Regle | None, attendus: list[Attendu]) -> Attendu | None:
    for a in attendus:
        if a.scenario is not None and a.scenario == resultat.scenario:
            return a
        if a.regle is not None and regle is not None and a.regle == regle.id:
            return a
    return None


def verdict_regle(regle: Regle, resultats: list[Resultat], attendus: list[Attendu]) -> VerdictRegle:
    """The verdict of one rule from the results of its scenarios."""
    bloquants, informatifs = [], []
    for r in resultats:
        (informatifs if regle.informatif or r.informatif else bloquants).append(r)
    par_regle = any(a.regle == regle.id for a in attendus)
    echoues_inattendus, echoues_attendus, reussis, perimes, impossibles = [], [], [], [], []
    for r in bloquants:
        attendu = _attendu_pour(r, regle, attendus)
        if r.issue == ECHOUE:
            (echoues_attendus if attendu else echoues_inattendus).append(r)
        elif r.issue == IMPOSSIBLE:
            impossibles.append(r)
        elif r.issue == REUSSI:
            reussis.append(r)
            if attendu is not None and attendu.scenario is not None:
                perimes.append(r)
    if echoues_inattendus:
        verdict = NON_CONFORME
        detail = f"{len(echoues_inattendus)} scénario(s) en échec"
    elif perimes or (par_regle and reussis and not echoues_attendus):
        verdict = PERIME
        detail = "listée dans les échecs attendus mais ses scénarios réussissent : retirez-la du fichier des attendus"
    elif echoues_attendus:
        verdict = ATTENDU
        detail = "; ".join(sorted({_attendu_pour(r, regle, attendus).raison for r in echoues_attendus}))
    elif impossibles:
        # A case of the rule could not be checked: the rule is not verified, whatever its other cases say.
        verdict = NON_VERIFIE
        detail = f"{len(impossibles)} scénario(s) non vérifié(s) — préparation impossible : " + "; ".join(
            sorted({r.cause or r.message for r in impossibles}))
    elif reussis:
        verdict, detail = CONFORME, ""
    else:
        ran = [r for r in informatifs if r.issue in (REUSSI, ECHOUE)]
        bloques = [r for r in informatifs if r.issue == IMPOSSIBLE]
        if ran and not bloques:
            verdict = INFORMATIF
            detail = (NON_CONFORME if any(r.issue == ECHOUE for r in ran) else CONFORME) + " (lecture ambiguë du guide, non bloquant)"
        elif bloques:
            verdict, detail = NON_VERIFIE, "préparation impossible : " + "; ".join(
                sorted({r.cause or r.message for r in bloques}))
        elif not resultats:
            verdict, detail = NON_VERIFIE, "aucun scénario ne vérifie cette règle"
        else:
            raisons = sorted({r.message for r in resultats if r.message})
            verdict, detail = NON_VERIFIE, "; ".join(raisons)
    return VerdictRegle(regle=regle, verdict=verdict, resultats=list(resultats), detail=detail)


def gate(verdict: VerdictRegle, referentiels_bloquants: Collection[str] = ()) -> bool:
    """The rule's verdict makes the run non conforme: a referential's rule (RGAA, ASVS) only when the profile asks
    for it; it never touches a rule of the guide, whose scenarios are other scenarios."""
    referentiel = verdict.regle.referentiel
    return verdict.bloquant and (referentiel is None or referentiel.source in referentiels_bloquants)


def peut_bloquer(verdict: VerdictRegle, referentiels_bloquants: Collection[str] = ()) -> bool:
    """The rule's failure would make the run non conforme: a mandatory rule of the guide, or a rule of a
    referential the profile makes gate (what --exiger-tout asks to see verified)."""
    referentiel = verdict.regle.referentiel
    if referentiel is None:
        return not verdict.regle.informatif
    return referentiel.source in referentiels_bloquants


def bilan(resultats: list[Resultat], catalogue: Mapping[str, Regle], attendus: list[Attendu],
          referentiels_bloquants: Collection[str] = (), exiger_tout: bool = False) -> Bilan:
    """Every rule's verdict, the results citing no known rule, and the exit code. A referential's rules
    (accessibility, security) get their verdict like any other; they gate only when their source is in
    ``referentiels_bloquants`` (the profile's [accessibilite] / [securite] bloquante). With ``exiger_tout``, a
    rule that could gate left « non vérifié » fails the run too."""
    referentiels_bloquants = frozenset(referentiels_bloquants)
    par_regle: dict[str, list[Resultat]] = {ident: [] for ident in catalogue}
    sans_regle = []
    for r in resultats:
        regles = [t for t in r.tags if t in catalogue]
        for ident in regles:
            par_regle[ident].append(r)
        if not regles:
            sans_regle.append(r)
        covering = [_attendu_pour(r, catalogue[i], attendus) for i in regles] or [_attendu_pour(r, None, attendus)]
        found = next((a for a in covering if a is not None), None)
        r.attendu = found.raison if found else None
    regles = {ident: verdict_regle(catalogue[ident], liste, attendus) for ident, liste in par_regle.items()}
    erreurs = [r for r in resultats if r.issue == ERREUR]
    utilises = {a for a in attendus if any(
        (a.regle and a.regle in r.tags) or (a.scenario and a.scenario == r.scenario) for r in resultats)}
    inutilises = [a for a in attendus if a not in utilises]
    echecs_orphelins = [r for r in sans_regle if r.issue == ECHOUE and not r.attendu and not r.informatif]
    if erreurs or not resultats:
        code = CODE_ERREUR
    elif any(gate(v, referentiels_bloquants) for v in regles.values()) or echecs_orphelins:
        code = CODE_NON_CONFORME
    elif exiger_tout and non_verifiees_exigees(regles.values(), referentiels_bloquants):
        code = CODE_NON_CONFORME
    else:
        code = CODE_CONFORME
    return Bilan(regles=regles, sans_regle=sans_regle, erreurs=erreurs, attendus_inutilises=inutilises,
                 code=code, resume=resume(code, regles, erreurs, resultats, referentiels_bloquants, exiger_tout),
                 causes=causes(resultats, catalogue), referentiels_bloquants=referentiels_bloquants,
                 exiger_tout=exiger_tout)


def non_verifiees_exigees(verdicts: Iterable[VerdictRegle], referentiels_bloquants: Collection[str] = ()) -> list[str]:
    """The rules that could gate and were left « non vérifié »: what --exiger-tout refuses."""
    return [v.regle.id for v in verdicts if v.verdict == NON_VERIFIE and peut_bloquer(v, referentiels_bloquants)]


def causes(resultats: list[Resultat], catalogue: Mapping[str, Regle]) -> list[Cause]:
    """The root causes of the scenarios whose preparation was impossible, the most frequent first."""
    par_cause: dict[str, Cause] = {}
    for r in resultats:
        if r.issue == IMPOSSIBLE:
            cle = r.cause or r.message
            entree = par_cause.setdefault(cle, Cause(cle, r.regles_en_cause, []))
            entree.resultats.append(r)
            entree.regles_touchees = sorted(set(entree.regles_touchees) | {t for t in r.tags if t in catalogue})
    return sorted(par_cause.values(), key=lambda c: (-len(c.resultats), c.cause))


def resume(code: int, regles: Mapping[str, VerdictRegle], erreurs: list[Resultat], resultats: list[Resultat],
           referentiels_bloquants: Collection[str] = (), exiger_tout: bool = False) -> str:
    """One French sentence for the summary verdict (each referential's rules counted apart)."""
    compte: dict[str, int] = {}
    par_referentiel: dict[str, tuple[Referentiel, dict[str, int]]] = {}
    for v in regles.values():
        referentiel = v.regle.referentiel
        quel = compte if referentiel is None else par_referentiel.setdefault(referentiel.source, (referentiel, {}))[1]
        quel[v.verdict] = quel.get(v.verdict, 0) + 1
    detail = ", ".join(f"{n} {k}" for k, n in sorted(compte.items()))
    for referentiel, comptes in par_referentiel.values():
        detail += (f" ; {referentiel.titre[0].lower()}{referentiel.titre[1:]}, "
                   + ("bloquante" if referentiel.source in referentiels_bloquants else "non bloquante") + " : "
                   + ", ".join(f"{n} {k}" for k, n in sorted(comptes.items())))
    if code == CODE_ERREUR:
        if not resultats:
            return "ERREUR DU HARNAIS : aucun scénario n'a été collecté."
        return f"ERREUR DU HARNAIS : {len(erreurs)} scénario(s) n'ont pas pu s'exécuter ; verdict non fiable ({detail})."
    if code == CODE_NON_CONFORME:
        bloquantes = sum(1 for v in regles.values() if gate(v, referentiels_bloquants))
        if not bloquantes and exiger_tout:
            manquantes = non_verifiees_exigees(regles.values(), referentiels_bloquants)
            return (f"NON CONFORME (tout est exigé, --exiger-tout) : {len(manquantes)} règle(s) non vérifiée(s) : "
                    f"{', '.join(manquantes)} ({detail}).")
        return f"NON CONFORME : {bloquantes} règle(s) bloquante(s) ({detail})."
    reserve = compte.get(NON_VERIFIE, 0) + compte.get(ATTENDU, 0)
    if reserve:
        return f"CONFORME SOUS RÉSERVE : aucune règle obligatoire en échec inattendu, mais {reserve} règle(s) non vérifiée(s) ou en échec attendu ({detail})."
    return f"CONFORME : toutes les règles obligatoires sont conformes ({detail})."
