"""Once per run, before any scenario: the services started and the preflight run, in the controller (or the single
process); or the run stops there with one readable message and exit code 2."""
from __future__ import annotations

from pathlib import Path

import pytest

from .catalogue import RACINE
from .dossier import mettre_de_cote
from .etat import etat_de, version_du_harnais
from .navigateur import NavigateurDeSonde, sandbox_impossible
from .profile import Implementation
from .services import arreter_services, demarrer_services
from .verdict import CODE_ERREUR, CODE_PREFLIGHT, SCHEMA, verdict_du_code


def preparer(config: pytest.Config) -> None:
    """Controller/single process: start the services and run the preflight, once."""
    etat = etat_de(config)
    if etat.services is not None:
        return
    etat.conformite = True
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    deplacee = mettre_de_cote(etat.rapports)  # the run really starts: only now is an earlier one set aside
    if deplacee and reporter is not None:
        reporter.write_line(deplacee)
    navigateur_utile = ("navigateur" in etat.profil.capacites and config.getoption("--canal") != "http"
                        or "http" not in etat.profil.capacites)
    pourquoi = sandbox_impossible(config) if navigateur_utile else None
    if pourquoi:  # said before any service starts, rather than by each browser scenario
        echec_preflight(config, "chorus : " + pourquoi, code=CODE_ERREUR)
    from fixtures.clients import BoiteMail, ProcessusEnEchec, SireneAdmin

    from .preflight import PreflightEchec, verifier

    try:
        demarrer_services(etat)
    except ProcessusEnEchec as exc:
        arreter_services(etat)
        echec_preflight(config, "un service du harnais n'a pas démarré.\n" + str(exc)
                        + "\nComment corriger : consultez le journal cité ci-dessus "
                          f"({etat.rapports / 'journaux'}) ; un port fixé par [services] est peut-être déjà pris.")
    implementation = Implementation.depuis_profil(etat.profil, etat.services["implementation"],
                                                  etat.services.get("confiance"))
    navigateur = None
    try:
        if "http" not in etat.profil.capacites:
            # An implementation that needs JavaScript: the probe goes through the browser, as its scenarios will.
            navigateur = NavigateurDeSonde(config, implementation)
        message = verifier(implementation, SireneAdmin(etat.services["sirene"]), BoiteMail(etat.services["boite"]),
                           jeton=etat.id_run, adresses={"sirene": etat.services["sirene"], "smtp": etat.services["smtp"]},
                           driver=navigateur.driver if navigateur else None)
    except PreflightEchec as exc:
        message = None
        echec = str(exc)
    finally:
        if navigateur is not None:
            navigateur.fermer()
    if message is None:
        echec_preflight(config, echec)
    if reporter is not None:
        reporter.write_line(f"chorus : vérification préalable réussie : {message}")


def echec_preflight(config: pytest.Config, message: str, code: int = CODE_PREFLIGHT) -> None:
    from .collecte import ecrire_json

    etat = etat_de(config)
    etat.preflight = message
    ecrire_json(etat.rapports / "verdict.json", {
        "schema": SCHEMA, "verdict": verdict_du_code(code), "code": code, "resume": "VÉRIFICATION PRÉALABLE ÉCHOUÉE" if code == CODE_PREFLIGHT else "ERREUR DU HARNAIS",
        "preflight": message,
        "graine": etat.graine, "date": etat.debut, "harnais": version_du_harnais(),
        "implementation": {"nom": etat.profil.nom, "version": etat.profil.version,
                           "url": (etat.services or {}).get("implementation") or etat.url_implementation
                           or etat.profil.url_base},
    })
    arreter_services(etat)
    pytest.exit("\n" + message, returncode=code)


def vise_la_conformite(config: pytest.Config) -> bool:
    """Under xdist the controller does not collect: judge from the paths given on the command line."""
    cibles = [RACINE / "steps", RACINE / "features"]
    for arg in config.args:
        chemin = Path(arg.split("::")[0]).resolve()
        if chemin.name.startswith("test_conformite") or any(
                chemin == c or c in chemin.parents for c in cibles):
            return True
    return False
