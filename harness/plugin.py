"""pytest plugin of the conformance harness: options, services, fixtures, preflight, verdicts, reports.

Loaded by the root conftest.py. It does nothing visible for test files that use
none of its fixtures: the services start only for a conformance run (pytest-bdd
scenarios collected, or under xdist a run aimed at ``steps/``/``features/``).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import shutil
import socket
import string
import sys
import tempfile
import time
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

import pytest
import requests

from .catalogue import RACINE, CatalogueInvalide, charger_catalogue
from .profile import Implementation, Profil, ProfilInvalide, charger_profil
from .verdict import (CODE_ERREUR, CODE_PREFLIGHT, ECHOUE, ERREUR, IGNORE, IMPOSSIBLE, REUSSI, AttendusInvalides,
                      Resultat, bilan, charger_attendus)

# Debian's headless shell for headless runs (the build Playwright itself uses headless; the suite runs in about
# half the time), Debian's full Chromium for headed runs; --chromium or CHORUS_CHROMIUM overrides both.
CHROMIUM_HEADLESS = "/usr/bin/chromium-headless-shell"
CHROMIUM_HEADED = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
CANAUX = ("navigateur", "http")
# --traces: what the plugin records per browser context (kept only for failed scenarios).
TRACES = ("echec", "instantanes", "jamais")
SIRENE_CLE = "chorus-conformance"
DELAI_DEMARRAGE = 60
# Exceptions that mean a bug of the harness (steps, drivers), not of the implementation.
ERREURS_DU_HARNAIS = ("ErreurDuHarnais", "StepDefinitionNotFoundError", "StepImplementationError", "ScenarioNotFound",
                      "FeatureError", "GherkinParseError", "NameError", "TypeError", "AttributeError",
                      "ImportError", "ModuleNotFoundError", "SyntaxError", "FixtureLookupError",
                      "UnboundLocalError", "NotImplementedError", "RecursionError")

ETAT = pytest.StashKey["Etat"]()


class ErreurDuHarnais(RuntimeError):
    """A fixture of the harness could not give what it promises (services down, browser not launched)."""

RAPPORTS_ITEM = pytest.StashKey[dict]()
PREUVES_ITEM = pytest.StashKey[dict]()
PAS_EN_ECHEC = pytest.StashKey[tuple]()  # (keyword type, text) of the scenario's failed Gherkin step
PREPARATION_ITEM = pytest.StashKey[bool]()  # the scenario's preparation was impossible (its evidence is kept)


def version_du_harnais() -> str:
    try:
        from importlib.metadata import version
        return version("chorus-conformance")
    except Exception:  # not installed: running from the tree
        return "0+arbre"


@dataclass
class Etat:
    """What the plugin knows in this process (controller, worker or single process)."""

    profil: Profil
    graine: int
    id_run: str
    rapports: Path
    url_implementation: str | None = None
    faute: str | None = None
    services: dict[str, Any] | None = None  # URLs shared with the workers
    processus: list = field(default_factory=list)
    temporaire: str | None = None
    conformite: bool = False
    preflight: str | None = None  # message when the preflight failed
    resultats: dict[str, dict] = field(default_factory=dict)  # nodeid -> phases, controller side
    debut: str = ""
    top: float = field(default_factory=time.monotonic)
    bilan: Any = None
    attendus: list = field(default_factory=list)

    def partage(self) -> dict[str, Any]:
        return {"graine": self.graine, "id_run": self.id_run, "services": self.services}


def _etat(config: pytest.Config) -> Etat:
    return config.stash[ETAT]


def _est_travailleur(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def _est_controleur_xdist(config: pytest.Config) -> bool:
    return not _est_travailleur(config) and getattr(config.option, "dist", "no") not in (None, "no")


# ------------------------------------------------------------------ options

def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("chorus", "Harnais de conformité Chorus Pro")
    group.addoption("--profil", default=None, metavar="PROFIL.toml",
                    help="profil de l'implémentation à tester (docs/PROFILES.md)")
    group.addoption("--url-implementation", default=None, metavar="URL",
                    help="URL de base d'une implémentation déjà démarrée (remplace url_base du profil)")
    group.addoption("--faker-seed", type=int, default=None, metavar="N",
                    help="graine des données Faker (par défaut : tirée au hasard et affichée)")
    group.addoption("--canal", choices=CANAUX, default=None,
                    help="n'exécuter que ce canal (les scénarios de l'autre sont « non vérifié »)")
    group.addoption("--proprietes-exemples", type=int, default=None, metavar="N",
                    help="nombre d'exemples par propriété (Hypothesis ; défaut : 30)")
    group.addoption("--rapports", default="reports", metavar="DOSSIER",
                    help="dossier des rapports (verdict.json, rapport.html, journaux)")
    group.addoption("--attendus", default=None, metavar="ATTENDUS.toml",
                    help="fichier des échecs attendus (remplace la clé attendus du profil)")
    group.addoption("--chromium", default=None, metavar="CHEMIN",
                    help="Chromium à lancer (défaut : $CHORUS_CHROMIUM, sinon /usr/bin/chromium-headless-shell, "
                         "ou /usr/bin/chromium avec --headed)")
    group.addoption("--traces", choices=TRACES, default="echec",
                    help="trace Playwright des scénarios du canal navigateur, gardée s'ils échouent : « echec » "
                         "(défaut) les actions, la console et le réseau ; « instantanes » aussi le DOM à chaque "
                         "action (~10 %% plus lent) ; « jamais » aucune")
    group.addoption("--bundled-fault", default=None, metavar="NOM",
                    help="démarrer l'implémentation de référence intégrée avec cette faute injectée")


def pytest_configure(config: pytest.Config) -> None:
    _CONFIGS.append(config)
    for marker, texte in (("navigateur", "scénario exécuté dans Chromium"),
                          ("http", "scénario exécuté en HTTP sans JavaScript"),
                          ("informatif", "scénario d'une lecture ambiguë du guide : informe, ne bloque pas")):
        config.addinivalue_line("markers", f"{marker}: {texte}")
    try:
        profil = charger_profil(config.getoption("--profil")) if config.getoption("--profil") else Profil()
    except ProfilInvalide as exc:
        raise pytest.UsageError(str(exc)) from None
    url = config.getoption("--url-implementation")
    if url and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc):
        raise pytest.UsageError(f"--url-implementation doit être une URL http(s) absolue, pas « {url} ».")
    if config.getoption("--profil") and not (url or profil.url_base or config.getoption("--bundled-fault")):
        raise pytest.UsageError(f"{config.getoption('--profil')} : la clé « url_base » manque et "
                                f"--url-implementation n'est pas donné : où est l'implémentation ?")
    partage = json.loads(config.workerinput["chorus"]) if _est_travailleur(config) else {}
    graine = partage.get("graine") or config.getoption("--faker-seed")
    if graine is None:
        graine = random.SystemRandom().randrange(1, 2**31)
    id_run = partage.get("id_run") or "".join(random.SystemRandom().choice(string.ascii_lowercase + string.digits)
                                              for _ in range(4))
    etat = Etat(profil=profil, graine=graine, id_run=id_run,
                rapports=Path(config.getoption("--rapports")).resolve(),
                url_implementation=url.rstrip("/") if url else None,
                faute=config.getoption("--bundled-fault"), services=partage.get("services"),
                debut=dt.datetime.now().astimezone().isoformat(timespec="seconds"))
    chemin_attendus = config.getoption("--attendus") or profil.attendus
    if chemin_attendus:
        try:
            etat.attendus = charger_attendus(chemin_attendus, charger_catalogue())
        except (AttendusInvalides, CatalogueInvalide) as exc:
            raise pytest.UsageError(str(exc)) from None
    config.stash[ETAT] = etat
    config.add_cleanup(lambda: _CONFIGS.remove(config))
    config.add_cleanup(lambda: arreter_services(etat))
    if not _est_travailleur(config):
        config.pluginmanager.register(Recolteur(config), "chorus-recolteur")
    # Registered now, after pytest-playwright whatever the load order (-p or conftest): the later fixture wins.
    lancement = types.ModuleType("chorus_chromium")
    lancement.browser_type_launch_args = browser_type_launch_args
    config.pluginmanager.register(lancement, "chorus-chromium")


def pytest_report_header(config: pytest.Config) -> list[str]:
    etat = _etat(config)
    cible = etat.url_implementation or etat.profil.url_base
    if etat.faute or not cible:
        cible = "implémentation de référence intégrée" + (f" avec la faute « {etat.faute} »" if etat.faute else "")
    return [f"chorus : graine Faker {etat.graine} (rejouer avec --faker-seed {etat.graine}) ; "
            f"profil « {etat.profil.nom} » ; cible : {cible} ; rapports : {etat.rapports}"]


class NavigateurDeSonde:
    """A Chromium of its own for the preflight (before pytest-playwright starts its own), closed after it."""

    def __init__(self, arguments: dict, implementation: Implementation) -> None:
        from playwright.sync_api import sync_playwright

        from .drivers.browser import BrowserDriver
        self.playwright = sync_playwright().start()
        try:
            self.navigateur = self.playwright.chromium.launch(**arguments)
        except Exception as exc:
            self.playwright.stop()
            raise ErreurDuHarnais(f"Erreur du harnais : Chromium n'a pas pu être lancé pour la vérification préalable "
                                  f"({type(exc).__name__} : {str(exc)[:300]}).") from exc
        self.driver = BrowserDriver(self.navigateur.new_context().new_page(), implementation.libelles,
                                    owns_context=True)

    def fermer(self) -> None:
        try:
            self.navigateur.close()
        finally:
            self.playwright.stop()


def arguments_chromium(config: pytest.Config) -> dict:
    """Chromium's launch arguments: the local Chromium (no browser download here)."""
    headed = config.getoption("--headed", default=False)
    args: dict[str, Any] = {
        "headless": not headed,
        "executable_path": (config.getoption("--chromium") or os.environ.get("CHORUS_CHROMIUM")
                            or (CHROMIUM_HEADED if headed else CHROMIUM_HEADLESS)),
        "args": list(CHROMIUM_ARGS),
    }
    slowmo = config.getoption("--slowmo", default=0)
    if slowmo:
        args["slow_mo"] = slowmo
    return args


@pytest.fixture(scope="session")
def browser_type_launch_args(pytestconfig: pytest.Config) -> dict:
    """pytest-playwright's launch arguments, with the local Chromium (no browser download here)."""
    return arguments_chromium(pytestconfig)


# ------------------------------------------------------------------ services

def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _demarre_implementation_integree(etat: Etat) -> bool:
    return etat.faute is not None or not (etat.url_implementation or etat.profil.url_base)


def demarrer_services(etat: Etat) -> None:
    """Start the Sirene fake, the SMTP capture and, unless a URL is given, the reference implementation."""
    from fixtures.clients import start_process

    journaux = etat.rapports / "journaux"
    journaux.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(RACINE), *filter(None, [env.get("PYTHONPATH")])])
    py = sys.executable

    def lance(argv: list[str], journal: str) -> str:
        processus, ligne = start_process(argv, "READY", DELAI_DEMARRAGE, journaux / journal, env=env, cwd=RACINE)
        etat.processus.append(processus)
        return ligne

    profil = etat.profil
    ligne = lance([py, "-m", "fixtures.fake_sirene", "--host", "127.0.0.1", "--port", str(profil.sirene_port or 0)],
                  "fake_sirene.log")
    sirene = ligne.split()[1]
    ligne = lance([py, "-m", "fixtures.smtp_capture", "--host", "127.0.0.1",
                   "--smtp-port", str(profil.smtp_port or 0), "--http-port", "0"], "smtp_capture.log")
    smtp, boite = ligne.split()[1], ligne.split()[2]
    smtp_parts = urlsplit(smtp)
    if _demarre_implementation_integree(etat):
        etat.temporaire = tempfile.mkdtemp(prefix="chorus-reference-")
        port = _port_libre()
        argv = [py, "-m", "reference_impl", "--host", "127.0.0.1", "--port", str(port),
                "--database", os.path.join(etat.temporaire, "reference.sqlite"),
                "--sirene-url", sirene, "--sirene-key", SIRENE_CLE,
                "--smtp-host", smtp_parts.hostname, "--smtp-port", str(smtp_parts.port),
                "--public-url", f"http://127.0.0.1:{port}",
                "--link-validity-minutes", str(profil.duree_validite_lien_minutes),
                "--test-mode", "--captcha-answer", profil.captcha_reponse]
        if etat.faute:
            argv += ["--fault", etat.faute]
        implementation = lance(argv, "reference_impl.log").split()[1]
    else:
        implementation = etat.url_implementation or profil.url_base
    etat.services = {"sirene": sirene, "smtp": smtp, "smtp_hote": smtp_parts.hostname,
                     "smtp_port": smtp_parts.port, "boite": boite, "implementation": implementation.rstrip("/")}


def arreter_services(etat: Etat) -> None:
    from fixtures.clients import stop_process

    while etat.processus:
        stop_process(etat.processus.pop())
    if etat.temporaire:
        shutil.rmtree(etat.temporaire, ignore_errors=True)
        etat.temporaire = None


def _preparer(config: pytest.Config) -> None:
    """Controller/single process: start the services and run the preflight, once."""
    etat = _etat(config)
    if etat.services is not None:
        return
    etat.conformite = True
    from fixtures.clients import ProcessusEnEchec

    try:
        demarrer_services(etat)
    except ProcessusEnEchec as exc:
        arreter_services(etat)
        _echec_preflight(config, "un service du harnais n'a pas démarré.\n" + str(exc)
                         + "\nComment corriger : consultez le journal cité ci-dessus "
                           f"({etat.rapports / 'journaux'}) ; un port fixé par [services] est peut-être déjà pris.")
    from fixtures.clients import BoiteMail, SireneAdmin

    from .preflight import PreflightEchec, verifier

    implementation = Implementation.depuis_profil(etat.profil, etat.services["implementation"])
    navigateur = None
    try:
        if "http" not in etat.profil.capacites:
            # An implementation that needs JavaScript: the probe goes through the browser, as its scenarios will.
            navigateur = NavigateurDeSonde(arguments_chromium(config), implementation)
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
        _echec_preflight(config, echec)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"chorus : vérification préalable réussie : {message}")


def _echec_preflight(config: pytest.Config, message: str) -> None:
    etat = _etat(config)
    etat.preflight = message
    _ecrire_json(etat.rapports / "verdict.json", {
        "code": CODE_PREFLIGHT, "resume": "VÉRIFICATION PRÉALABLE ÉCHOUÉE", "preflight": message,
        "graine": etat.graine, "date": etat.debut, "harnais": version_du_harnais(),
        "implementation": {"nom": etat.profil.nom, "version": etat.profil.version,
                           "url": (etat.services or {}).get("implementation") or etat.url_implementation
                           or etat.profil.url_base},
    })
    arreter_services(etat)
    pytest.exit("\n" + message, returncode=CODE_PREFLIGHT)


def _vise_la_conformite(config: pytest.Config) -> bool:
    """Under xdist the controller does not collect: judge from the paths given on the command line."""
    cibles = [RACINE / "steps", RACINE / "features"]
    for arg in config.args:
        chemin = Path(arg.split("::")[0]).resolve()
        if chemin.name.startswith("test_conformite") or any(
                chemin == c or c in chemin.parents for c in cibles):
            return True
    return False


def pytest_sessionstart(session: pytest.Session) -> None:
    config = session.config
    if _est_controleur_xdist(config) and _vise_la_conformite(config):
        _preparer(config)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    node.workerinput["chorus"] = json.dumps(_etat(node.config).partage())


def _gabarit(fonction: Any):
    """The pytest-bdd scenario template behind a test function, None for an ordinary test."""
    from pytest_bdd.scenario import scenario_wrapper_template_registry
    try:
        return scenario_wrapper_template_registry.get(fonction)
    except TypeError:  # not weak-referenceable: not a scenario
        return None


def _est_scenario(item: pytest.Item) -> bool:
    return _gabarit(getattr(item, "obj", None)) is not None


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makeitem(collector, name: str, obj: Any) -> None:
    # pytest-bdd steps ask for fixtures at run time: declare ``canal`` so that it can be parametrised.
    if callable(obj) and _gabarit(obj) is not None and not getattr(obj, "_chorus_canal", False):
        pytest.mark.usefixtures("canal")(obj)
        obj._chorus_canal = True


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_apply_tag(tag: str, function: Any) -> None:
    # Rule ids and channel tags are markers: declare them, so pytest does not warn about unknown marks.
    if _CONFIGS and tag not in _MARQUES:
        _MARQUES.add(tag)
        _CONFIGS[-1].addinivalue_line("markers", f"{tag}: étiquette Gherkin")


_CONFIGS: list[pytest.Config] = []
_MARQUES: set[str] = set()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    scenarios = [item for item in items if _est_scenario(item)]
    if not scenarios:
        return
    etat = _etat(config)
    try:
        catalogue = charger_catalogue()
    except CatalogueInvalide:
        catalogue = {}
    for item in scenarios:
        besoins = [m.name[len("necessite_"):] for m in item.iter_markers() if m.name.startswith("necessite_")]
        for tag in _tags(item):
            if tag in catalogue:
                besoins += list(catalogue[tag].capacites)
        manquantes = [c for c in dict.fromkeys(besoins) if c not in etat.profil.capacites]
        if manquantes:
            item.add_marker(pytest.mark.skip(reason=f"non vérifié : capacité « {manquantes[0]} » absente du "
                                                    f"profil « {etat.profil.nom} »"))


def pytest_collection_finish(session: pytest.Session) -> None:
    config = session.config
    if _est_travailleur(config) or _est_controleur_xdist(config):
        return
    if any(_est_scenario(item) for item in session.items):
        _preparer(config)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "canal" not in metafunc.fixturenames:
        return
    config = metafunc.config
    etat = _etat(config)
    tags = {m.name for m in metafunc.definition.iter_markers()}
    canaux = [c for c in CANAUX if c in tags] or list(CANAUX)
    seul = config.getoption("--canal")
    params = []
    for canal in canaux:
        marques = []
        if seul and canal != seul:
            marques.append(pytest.mark.skip(reason=f"non vérifié : canal {canal} exclu par --canal {seul}"))
        elif canal not in etat.profil.capacites:
            marques.append(pytest.mark.skip(reason=f"non vérifié : capacité « {canal} » absente du profil "
                                                   f"« {etat.profil.nom} »"))
        params.append(pytest.param(canal, id=canal, marks=marques))
    metafunc.parametrize("canal", params, indirect=True)


# ------------------------------------------------------------------ fixtures

def _services(config: pytest.Config) -> dict[str, Any]:
    etat = _etat(config)
    if etat.services is None:
        raise ErreurDuHarnais("Erreur du harnais : les services (faux Sirene, capture SMTP, implémentation) ne sont "
                           "pas démarrés. Lancez la suite de conformité (chorus-conformance, ou pytest sur "
                           "steps/) pour que le greffon les démarre.")
    return etat.services


@pytest.fixture(scope="session")
def implementation(pytestconfig: pytest.Config) -> Implementation:
    etat = _etat(pytestconfig)
    return Implementation.depuis_profil(etat.profil, _services(pytestconfig)["implementation"])


@pytest.fixture(scope="session")
def sirene(pytestconfig: pytest.Config):
    from fixtures.clients import SireneAdmin
    return SireneAdmin(_services(pytestconfig)["sirene"])


@pytest.fixture(scope="session")
def boite_mail(pytestconfig: pytest.Config):
    from fixtures.clients import BoiteMail
    return BoiteMail(_services(pytestconfig)["boite"])


class Controles:
    """The implementation's test-mode controls (docs/CONTRACT.md §4)."""

    def __init__(self, implementation: Implementation) -> None:
        self.implementation = implementation
        self.session = requests.Session()

    def _post(self, chemin: str, donnees: dict[str, str], capacite: str) -> None:
        url = self.implementation.url(chemin)
        reponse = self.session.post(url, data=donnees, timeout=10)
        if reponse.status_code >= 400:
            raise AssertionError(f"Contrôle de test POST {url} refusé (HTTP {reponse.status_code}) : la capacité "
                                 f"« {capacite} » est-elle offerte ? Sinon mettez capacites.{capacite} = false "
                                 f"dans le profil.")

    def vieillir_liens(self, adresse: str, minutes: int) -> None:
        self._post("/__test__/liens/vieillir", {"adresse": adresse, "minutes": str(minutes)}, "horloge")

    def ajouter_service(self, siret: str, nom: str) -> None:
        self._post("/__test__/services", {"siret": siret, "nom": nom}, "services")


@pytest.fixture(scope="session")
def controles(implementation: Implementation) -> Controles:
    return Controles(implementation)


@pytest.fixture
def canal(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "http")


def _nouveau(request: pytest.FixtureRequest, canal: str, implementation: Implementation, premier: bool):
    """A fresh driver: the scenario's page (pytest-playwright) or a new browser context; a new HTTP session."""
    if canal == "navigateur":
        from .drivers.browser import BrowserDriver
        try:
            page = request.getfixturevalue("page") if premier else request.getfixturevalue("new_context")().new_page()
        except Exception as exc:  # the steps ask for drivers while running: say whose fault it is
            raise ErreurDuHarnais(f"Erreur du harnais : Chromium n'a pas pu être lancé ({type(exc).__name__} : "
                                  f"{str(exc)[:500]}). Donnez son chemin par --chromium ou CHORUS_CHROMIUM.") from exc
        if _traces_legeres(request.config):
            # Actions, console and network cost nothing measurable; DOM snapshots ~10 % of a browser scenario, the
            # screencast and the sources ~25 % more: the failure's screenshot and saved page stand in for them.
            instantanes = request.config.getoption("--traces") == "instantanes"
            page.context.tracing.start(title=request.node.nodeid, snapshots=instantanes, screenshots=False,
                                       sources=False)
        return BrowserDriver(page, implementation.libelles)
    from .drivers.http import HttpDriver
    return HttpDriver(requests.Session(), implementation.libelles)


def _a_echoue(request: pytest.FixtureRequest) -> bool:
    """Whether the scenario failed so far (its setup or call reports), or could not be prepared: what decides
    which evidence is kept."""
    return (any(r.failed for r in request.node.stash.get(RAPPORTS_ITEM, {}).values())
            or request.node.stash.get(PREPARATION_ITEM, False))


def _traces_legeres(config: pytest.Config) -> bool:
    """Our own traces, unless pytest-playwright's --tracing already records them."""
    return config.getoption("--traces") != "jamais" and config.getoption("--tracing", "off") == "off"


def _arreter_les_traces(request: pytest.FixtureRequest, drivers: list) -> None:
    """Stop each browser context's trace; keep it (evidence) only when the scenario failed."""
    if not _traces_legeres(request.config):
        return
    echec = _a_echoue(request)
    dossier = _etat(request.config).rapports / "traces"
    for rang, d in enumerate(drivers, start=1):
        page = getattr(d, "page", None)
        if page is None:
            continue
        chemin = dossier / f"{_slug(request.node.nodeid)}-{rang}.zip"
        try:
            page.context.tracing.stop(path=str(chemin) if echec else None)
        except Exception:  # the context may be gone: the trace is lost, the verdict is not
            continue
        if echec:
            request.node.stash.setdefault(PREUVES_ITEM, {})[f"trace {rang}"] = str(chemin)


def _garder_la_page(request: pytest.FixtureRequest, drivers: list) -> None:
    """On failure, keep each driver's last page beside the reports (evidence for the HTTP channel too), and a
    screenshot of each browser page (unless pytest-playwright's --screenshot already takes them)."""
    if not _a_echoue(request):
        return
    dossier = _etat(request.config).rapports / "pages"
    dossier.mkdir(parents=True, exist_ok=True)
    base = _slug(request.node.nodeid)
    for rang, driver in enumerate(drivers, start=1):
        try:
            html = driver.html()
        except Exception:  # the browser may be gone already
            continue
        chemin = dossier / f"{base}-{rang}.html"
        chemin.write_text(html, encoding="utf-8")
        preuves = request.node.stash.setdefault(PREUVES_ITEM, {})
        preuves[f"page {rang} ({driver.url()})"] = str(chemin)
        page = getattr(driver, "page", None)
        if page is not None and request.config.getoption("--screenshot", "off") == "off":
            capture = dossier / f"{base}-{rang}.png"
            try:
                page.screenshot(path=str(capture), timeout=5000)
            except Exception:  # the page may be gone: the saved source stands alone
                continue
            preuves[f"capture {rang}"] = str(capture)


@pytest.fixture
def driver(request: pytest.FixtureRequest, canal: str, implementation: Implementation):
    """The Driver for ``canal``, fresh for the scenario."""
    d = _nouveau(request, canal, implementation, premier=True)
    drivers = request.node.stash.setdefault(PREUVES_ITEM, {}).setdefault("_drivers", [])
    drivers.append(d)
    yield d
    _garder_la_page(request, drivers)
    _arreter_les_traces(request, drivers)
    for x in drivers:
        x.close()


@pytest.fixture
def nouveau_driver(request: pytest.FixtureRequest, canal: str, implementation: Implementation,
                   driver) -> Callable[[], Any]:
    """Factory of other fresh drivers of the same channel (a second user in one scenario)."""
    drivers = request.node.stash[PREUVES_ITEM]["_drivers"]

    def fabrique():
        d = _nouveau(request, canal, implementation, premier=False)
        drivers.append(d)
        return d
    return fabrique


def graine_du_scenario(graine: int, nodeid: str) -> int:
    return int(hashlib.sha256(f"{graine}:{nodeid}".encode()).hexdigest()[:12], 16)


@pytest.fixture
def donnees(request: pytest.FixtureRequest):
    """fr_FR Faker with the project's providers, seeded from the run seed and the node id."""
    from fixtures.providers import nouveau_faker
    etat = _etat(request.config)
    jeton = etat.id_run + hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:7]
    return nouveau_faker(graine_du_scenario(etat.graine, request.node.nodeid), jeton)


# ------------------------------------------------------------------ reports

def _slug(nodeid: str) -> str:
    try:
        from pytest_playwright.pytest_playwright import _truncate_file_name
        from slugify import slugify
        return _truncate_file_name(slugify(nodeid))
    except ImportError:  # pragma: no cover - pytest-playwright always brings both
        return hashlib.sha256(nodeid.encode()).hexdigest()[:16]


def _tags(item: pytest.Item) -> list[str]:
    gabarit = _gabarit(getattr(item, "obj", None))
    tags = set(getattr(gabarit, "tags", ()) or ())
    for parent in (getattr(gabarit, "feature", None), getattr(gabarit, "rule", None)):
        tags |= set(getattr(parent, "tags", ()) or ())
    return sorted(tags)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    rep = outcome.get_result()
    scenario = _gabarit(getattr(item, "obj", None))
    if scenario is None:
        return
    item.stash.setdefault(RAPPORTS_ITEM, {})[rep.when] = rep
    callspec = getattr(item, "callspec", None)
    data: dict[str, Any] = {
        "scenario": scenario.name, "fonctionnalite": getattr(scenario.feature, "name", ""),
        "fichier": getattr(scenario.feature, "rel_filename", ""), "tags": _tags(item),
        "canal": callspec.params.get("canal") if callspec else None,
        # an outline's example row (column -> value): the report names the case by its values
        "exemple": dict(callspec.params.get("_pytest_bdd_example") or {}) if callspec else {},
    }
    if call.excinfo is not None and rep.failed:
        data["exception"] = call.excinfo.typename
        data["message"] = call.excinfo.exconly()[:4000]
        if rep.when == "call":
            impossible = classer_echec(call.excinfo.value, item.stash.get(PAS_EN_ECHEC, None), data["tags"])
            if impossible is not None:
                data["preparation"] = impossible
                # Not verified, nothing failed: pytest, JUnit and Cucumber say « skipped », with the root cause.
                rep.outcome = "skipped"
                rep.longrepr = (str(item.path), item.location[1] or 0,
                                f"non vérifié — {impossible['message'][:2000]}")
                item.stash[PREPARATION_ITEM] = True
    if rep.when == "teardown":
        data["preuves"] = {k: v for k, v in item.stash.get(PREUVES_ITEM, {}).items()
                           if isinstance(v, str)}
    from pytest_bdd.reporting import test_report_context_registry
    contexte = test_report_context_registry.get(rep)
    if contexte is not None:  # pytest-bdd issue 679: carried to the xdist controller with the report
        data["bdd"] = {"scenario": contexte.scenario, "name": contexte.name}
    rep.chorus = data


@pytest.hookimpl(optionalhook=True)
def pytest_bdd_step_error(request, feature, scenario, step, step_func, step_func_args, exception) -> None:
    request.node.stash[PAS_EN_ECHEC] = (step.type, step.name)


def classer_echec(exception: BaseException, pas: tuple[str, str] | None, tags: list[str]) -> dict | None:
    """Whether a failure is the preparation's (the scenario then is « préparation impossible »), as a dict for the
    report; None when it is the subject's (its rule is then non conforme) or a bug of the harness.

    Preparation: a PreparationImpossible anywhere (a preparation inside a Quand or an Alors); any check failing in
    a Soit step; in a Quand step, an element missing or refusing the action. Unless a rule of the scenario's own
    is the one in cause (the element's, the step's that did not go on): then what failed is its subject."""
    from .drivers.base import ActionImpossible, ElementIntrouvable
    from .preparation import Ecart, PreparationImpossible, impossibilite

    if not isinstance(exception, AssertionError):
        return None
    type_du_pas, texte = pas or ("", "")
    if isinstance(exception, PreparationImpossible):
        impossible = exception
    elif type_du_pas == "given":
        impossible = impossibilite(exception)
    elif (type_du_pas == "when" and isinstance(exception, (ElementIntrouvable, ActionImpossible))
          and not isinstance(exception, Ecart)):
        impossible = impossibilite(exception)
    else:
        return None
    if set(impossible.regles) & set(tags):
        return None
    return {"cause": impossible.cause, "regles": list(impossible.regles), "detail": impossible.detail,
            "pas": f"{type_du_pas} {texte}".strip(), "message": str(impossible)}


def pytest_runtest_setup(item: pytest.Item) -> None:
    if _est_scenario(item):
        callspec = getattr(item, "callspec", None)
        item.user_properties.append(("regles", " ".join(t for t in _tags(item) if t[:1].isupper())))
        if callspec and "canal" in callspec.params:
            item.user_properties.append(("canal", callspec.params["canal"]))


class Recolteur:
    """Collects the scenario reports in the controller (or the single process) for the verdicts."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        data = getattr(report, "chorus", None)
        if data is None:
            return
        from pytest_bdd.reporting import ReportContext, test_report_context_registry
        if "bdd" in data and report not in test_report_context_registry:
            # restored before pytest-bdd's cucumber JSON reads it (pytest-bdd issue 679)
            test_report_context_registry[report] = ReportContext(**data["bdd"])
        etat = _etat(self.config)
        etat.conformite = True
        entree = etat.resultats.setdefault(report.nodeid, {"data": {}, "phases": {}})
        entree["data"].update({k: v for k, v in data.items() if k != "bdd"})
        entree["phases"][report.when] = {
            "outcome": report.outcome, "duree": report.duration,
            "skip": report.longrepr[2] if report.skipped and isinstance(report.longrepr, tuple) else "",
            "texte": report.longreprtext[-6000:] if report.failed else "",
            "exception": data.get("exception"), "message": data.get("message", ""),
            "preparation": data.get("preparation"),
        }


def resultat_depuis_phases(nodeid: str, entree: dict) -> Resultat:
    """One Resultat from the setup/call/teardown reports of a scenario."""
    data, phases = entree["data"], entree["phases"]
    duree = sum(p["duree"] for p in phases.values())
    commun = dict(nodeid=nodeid, scenario=data.get("scenario", nodeid), tags=tuple(data.get("tags", ())),
                  canal=data.get("canal"), fonctionnalite=data.get("fonctionnalite", ""), duree=duree,
                  preuves=dict(data.get("preuves", {})), exemple=dict(data.get("exemple") or {}))
    appel = phases.get("call")
    if appel and appel.get("preparation"):
        impossible = appel["preparation"]
        return Resultat(issue=IMPOSSIBLE, message=impossible["message"], cause=impossible["cause"],
                        regles_en_cause=tuple(impossible["regles"]), **commun)
    if appel and appel["outcome"] == "failed":
        # A scenario stopped by pytest-timeout hung somewhere: no verdict on the implementation can be drawn from it.
        # ("Timeout (>Ns) from pytest-timeout", possibly wrapped by Hypothesis in a FlakyFailure).
        bloque = any("from pytest-timeout" in (appel[k] or "") for k in ("message", "texte"))
        harnais = (appel["exception"] or "") in ERREURS_DU_HARNAIS or bloque
        return Resultat(issue=ERREUR if harnais else ECHOUE, message=appel["message"] or appel["texte"], **commun)
    setup, demontage = phases.get("setup"), phases.get("teardown")
    if setup and setup["outcome"] == "failed":
        return Resultat(issue=ERREUR, message="erreur du harnais (préparation) : " + (setup["message"] or setup["texte"]),
                        **commun)
    if demontage and demontage["outcome"] == "failed":
        texte = "erreur du harnais (démontage) : " + (demontage["message"] or demontage["texte"])
        if appel and appel["outcome"] == "passed":
            # the observation was complete (e.g. Playwright failed to write a trace): it stands, with a warning
            return Resultat(issue=REUSSI, message="avertissement : " + texte, **commun)
        return Resultat(issue=ERREUR, message=texte, **commun)
    if (setup and setup["outcome"] == "skipped") or (appel and appel["outcome"] == "skipped"):
        raison = (setup if setup and setup["outcome"] == "skipped" else appel)["skip"]
        return Resultat(issue=IGNORE, message=raison.removeprefix("Skipped: "), **commun)
    if appel and appel["outcome"] == "passed":
        return Resultat(issue=REUSSI, **commun)
    return Resultat(issue=ERREUR, message="scénario interrompu avant son exécution", **commun)


def _preuves_playwright(config: pytest.Config, resultat: Resultat) -> None:
    try:
        sortie = Path(config.getoption("--output")).resolve()
    except ValueError:
        return
    dossier = sortie / _slug(resultat.nodeid)
    if dossier.is_dir():
        for fichier in sorted(dossier.iterdir()):
            resultat.preuves[fichier.name] = str(fichier)


def _ecrire_json(chemin: Path, donnees: dict) -> None:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(json.dumps(donnees, ensure_ascii=False, indent=2), encoding="utf-8")


def donnees_verdict(etat: Etat, resultats: list[Resultat], b, fin: str) -> dict:
    return {
        "code": b.code, "resume": b.resume, "graine": etat.graine, "date": etat.debut, "fin": fin,
        "duree_totale": round(time.monotonic() - etat.top, 1),
        "harnais": version_du_harnais(),
        "implementation": {"nom": etat.profil.nom, "version": etat.profil.version,
                           "url": (etat.services or {}).get("implementation"),
                           "faute_injectee": etat.faute},
        "comptes": b.compte(),
        "regles": [{"id": v.regle.id, "etape": v.regle.etape, "titre": v.regle.titre, "citation": v.regle.citation,
                    "niveau": v.regle.niveau, "source": v.regle.source, "ambiguite": v.regle.ambiguite,
                    "verdict": v.verdict, "detail": v.detail, "en_echec": v.en_echec,
                    "scenarios": [r.nodeid for r in v.resultats]} for v in b.regles.values()],
        "scenarios": [{"nodeid": r.nodeid, "scenario": r.scenario, "fonctionnalite": r.fonctionnalite,
                       "canal": r.canal, "tags": list(r.tags), "issue": r.issue, "message": r.message,
                       "duree": round(r.duree, 3), "preuves": r.preuves, "attendu": r.attendu, "cause": r.cause,
                       "exemple": r.exemple}
                      for r in resultats],
        "causes": [{"cause": c.cause, "regles_en_cause": list(c.regles_en_cause),
                    "scenarios": [r.nodeid for r in c.resultats], "regles_touchees": c.regles_touchees}
                   for c in b.causes],
        "sans_regle": [r.nodeid for r in b.sans_regle],
        "attendus_inutilises": [a.__dict__ for a in b.attendus_inutilises],
    }


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if _est_travailleur(config) or ETAT not in config.stash:
        return
    etat = _etat(config)
    if not etat.conformite or etat.preflight:
        return
    resultats = [resultat_depuis_phases(n, e) for n, e in etat.resultats.items()]
    for r in resultats:
        _preuves_playwright(config, r)
    try:
        catalogue = charger_catalogue()
    except CatalogueInvalide as exc:
        session.exitstatus = CODE_ERREUR
        sys.stderr.write(f"\nchorus : {exc}\n")
        return
    b = bilan(resultats, catalogue, etat.attendus)
    code = b.code
    if exitstatus in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
        code = CODE_ERREUR
    elif exitstatus == pytest.ExitCode.INTERRUPTED:
        code = int(exitstatus)
    etat.bilan = b
    fin = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    donnees = donnees_verdict(etat, resultats, b, fin)
    donnees["code"] = code
    _ecrire_json(etat.rapports / "verdict.json", donnees)
    from .report import ecrire_rapport
    ecrire_rapport(donnees, b, etat.rapports / "rapport.html")
    session.exitstatus = code


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if ETAT not in config.stash or _est_travailleur(config):
        return
    etat = _etat(config)
    b = etat.bilan
    if b is None:
        return
    terminalreporter.section("Verdict de conformité")
    non_verifiees = 0
    for v in b.regles.values():
        if v.verdict in ("non conforme", "attendu mais conforme", "non conforme (attendu)"):
            terminalreporter.write_line(f"{v.verdict:>24} | {v.regle.id} — {v.regle.titre}"
                                        + (f" ({v.detail})" if v.detail else ""))
        elif v.verdict == "non vérifié":
            non_verifiees += 1
    for c in b.causes:
        en_cause = f" ; règle en cause : {', '.join(c.regles_en_cause)}" if c.regles_en_cause else ""
        terminalreporter.write_line(f"{'préparation impossible':>24} | {c.cause} — {len(c.resultats)} scénario(s) "
                                    f"non vérifié(s){en_cause}")
    for r in b.erreurs:
        terminalreporter.write_line(f"{'erreur du harnais':>24} | {r.nodeid}")
    if non_verifiees:
        terminalreporter.write_line(f"{non_verifiees} règle(s) non vérifiée(s) : voir le rapport.")
    terminalreporter.write_line("")
    terminalreporter.write_line(b.resume, bold=True)
    terminalreporter.write_line(f"graine Faker {etat.graine} ; rapports : {etat.rapports / 'rapport.html'}")
