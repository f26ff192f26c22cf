"""pytest plugin of the conformance harness: the registry of its options, hooks and fixtures.

Each concern lives in a module named for it: ``etat`` (what one process knows, in the config's stash),
``services`` (the fakes and the reference implementation), ``session`` (services and preflight, once before any
scenario), ``navigateur`` (which Chromium), ``canaux`` (how a driver of each channel is made), ``scenarios``
(pytest-bdd glue, preparation vs subject), ``preuves`` (evidence), ``collecte`` (reports to verdict).

Loaded by the root conftest.py. It does nothing visible for test files that use none of its fixtures: the services
start only for a conformance run (pytest-bdd scenarios collected, or under xdist a run aimed at ``steps/``).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import string
import types
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

import pytest

from .canaux import CANAUX, creer_driver
from .catalogue import REFERENTIELS, CatalogueInvalide, charger_catalogue
from .collecte import Recolteur, conclure, resumer
from .controles import Controles
from .etat import ETAT, Etat, est_controleur_xdist, est_travailleur, etat_de, services_de
from .navigateur import (AVIS_SANS_BAC_A_SABLE, CONTEXTE_FRANCAIS, arguments_chromium, bac_a_sable,
                         options_de_connexion)
from .preuves import arreter_les_traces, constats_du_scenario, drivers_du_scenario, garder_les_pages
from .profile import CAPACITES, Implementation, Profil, ProfilInvalide, charger_profil
from .scenarios import PAS_EN_ECHEC, annoter_rapport, est_scenario, gabarit, tags
from .services import (ServicesPartagesInvalides, arreter_services, demarre_implementation_integree,
                       lire_services_partages)
from .session import preparer, vise_la_conformite
from .verdict import AttendusInvalides, charger_attendus

# --traces: what the plugin records per browser context (kept only for failed scenarios).
TRACES = ("echec", "instantanes", "jamais")


# ------------------------------------------------------------------ options and configuration

def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("chorus", "Harnais de conformité Chorus Pro")
    group.addoption("--profil", default=None, metavar="PROFIL.toml",
                    help="profil de l'implémentation à tester (docs/PROFILES.md)")
    group.addoption("--url-implementation", default=None, metavar="URL",
                    help="URL de base d'une implémentation déjà démarrée (remplace url_base du profil)")
    group.addoption("--graine", "--faker-seed", dest="faker_seed", type=int, default=None, metavar="N",
                    help="graine des données Faker (par défaut : tirée au hasard et affichée)")
    group.addoption("--canal", choices=tuple(CANAUX), default=None,
                    help="n'exécuter que ce canal (les scénarios de l'autre sont « non vérifié »)")
    group.addoption("--proprietes-exemples", type=int, default=None, metavar="N",
                    help="nombre d'exemples par propriété (Hypothesis ; défaut : 30)")
    group.addoption("--rapports", default="reports", metavar="DOSSIER",
                    help="dossier des rapports (verdict.json, rapport.html, journaux)")
    group.addoption("--attendus", default=None, metavar="ATTENDUS.toml",
                    help="fichier des échecs attendus (remplace la clé attendus du profil)")
    group.addoption("--exiger-tout", action="store_true", default=False,
                    help="une règle qui pourrait bloquer (règle obligatoire du guide, référentiel bloquant) restée "
                         "« non vérifié » fait échouer l'exécution (code 1) : pour les portes de livraison "
                         "(défaut : la clé exiger_tout du profil)")
    group.addoption("--chromium", default=None, metavar="CHEMIN",
                    help="Chromium à lancer (défaut : $CHORUS_CHROMIUM, sinon /usr/bin/chromium-headless-shell, "
                         "ou /usr/bin/chromium avec --headed)")
    group.addoption("--traces", choices=TRACES, default="echec",
                    help="trace Playwright des scénarios du canal navigateur, gardée s'ils échouent : « echec » "
                         "(défaut) les actions, la console et le réseau ; « instantanes » aussi le DOM à chaque "
                         "action (~10 %% plus lent) ; « jamais » aucune")
    group.addoption("--navigateur-distant", default=None, metavar="WS",
                    help="se connecter au serveur de navigateurs Playwright ws://HOTE:PORT/ (playwright run-server "
                         "--unsafe, launch_server) au lieu de lancer Chromium ici (défaut : $CHORUS_NAVIGATEUR_DISTANT)")
    group.addoption("--sans-bac-a-sable", action="store_true", default=False,
                    help="lancer Chromium sans son bac à sable (défaut : $CHORUS_SANS_BAC_A_SABLE) : seulement où la "
                         "machine ne le permet pas (root) ; le terminal, le rapport et verdict.json le disent")
    group.addoption("--faute-integree", "--bundled-fault", dest="bundled_fault", default=None, metavar="NOM",
                    help="démarrer l'implémentation de référence intégrée avec cette faute injectée")
    group.addoption("--https", action="store_true", default=False,
                    help="servir l'implémentation de référence intégrée en HTTPS : une autorité de certification "
                         "jetable, faite au démarrage, signe son certificat pour 127.0.0.1 ; les canaux HTTP et "
                         "navigateur ne font confiance qu'à elle")
    group.addoption("--certificats-de-confiance", default=None, metavar="FICHIER.pem",
                    help="implémentation servie en HTTPS par une autorité que le système ne connaît pas : ses "
                         "certificats (PEM) ; le canal HTTP vérifie avec l'autorité, Chromium n'accepte que la clé "
                         "publique du certificat du serveur qui y figure")
    group.addoption("--services-partages", default=None, metavar="FICHIER",
                    help="interne (chorus-conformance plusieurs) : utiliser le faux Sirene et la capture SMTP dont "
                         "ce services.json donne les adresses, sans les démarrer ni les arrêter")


def _declarer_les_marques(config: pytest.Config) -> None:
    """The Gherkin tags pytest-bdd turns into markers: channels, rule ids, needed capabilities."""
    marques = {"navigateur": "scénario exécuté dans Chromium", "http": "scénario exécuté en HTTP sans JavaScript",
               "informatif": "scénario d'une lecture ambiguë du guide : informe, ne bloque pas"}
    marques.update({f"necessite_{c}": f"scénario qui demande la capacité « {c} »" for c in CAPACITES})
    for referentiel in REFERENTIELS.values():
        marques[referentiel.source] = (f"scénario du référentiel {referentiel.nom} : sélection par "
                                       f"-m {referentiel.source}")
    try:
        catalogue = charger_catalogue()
        marques.update({regle: "règle du catalogue" for regle in catalogue})
        marques.update({f"{r.referentiel.etiquette}{e}": f"{r.referentiel.exigence} {r.referentiel.nom} {e}"
                        for r in catalogue.values() if r.referentiel for e in r.exigences})
    except CatalogueInvalide:
        pass  # said at the verdict
    for marque, texte in marques.items():
        config.addinivalue_line("markers", f"{marque}: {texte}")


def pytest_configure(config: pytest.Config) -> None:
    _declarer_les_marques(config)
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
    partage = json.loads(config.workerinput["chorus"]) if est_travailleur(config) else {}
    graine = partage.get("graine") or config.getoption("--faker-seed")
    if graine is None:
        graine = random.SystemRandom().randrange(1, 2**31)
    id_run = partage.get("id_run") or "".join(random.SystemRandom().choice(string.ascii_lowercase + string.digits)
                                              for _ in range(4))
    etat = Etat(profil=profil, graine=graine, id_run=id_run,
                rapports=Path(config.getoption("--rapports")).resolve(),
                url_implementation=url.rstrip("/") if url else None,
                faute=config.getoption("--bundled-fault"), services=partage.get("services"),
                debut=dt.datetime.now().astimezone().isoformat(timespec="seconds"), bac_a_sable=bac_a_sable(config),
                https=config.getoption("--https"), confiance=config.getoption("--certificats-de-confiance"),
                exiger_tout=config.getoption("--exiger-tout"))
    if etat.https and not demarre_implementation_integree(etat):
        raise pytest.UsageError("--https sert l'implémentation de référence intégrée en HTTPS ; pour une implémentation "
                                "déjà servie en HTTPS par une autorité inconnue du système, donnez "
                                "--certificats-de-confiance FICHIER.pem.")
    if etat.confiance and not Path(etat.confiance).is_file():
        raise pytest.UsageError(f"--certificats-de-confiance : le fichier « {etat.confiance} » n'existe pas.")
    chemin_attendus = config.getoption("--attendus") or profil.attendus
    if chemin_attendus:
        try:
            etat.attendus = charger_attendus(chemin_attendus, charger_catalogue())
        except (AttendusInvalides, CatalogueInvalide) as exc:
            raise pytest.UsageError(str(exc)) from None
    if config.getoption("--services-partages"):
        try:
            etat.services_partages = lire_services_partages(config.getoption("--services-partages"),
                                                            profil.sirene_port, profil.smtp_port)
        except ServicesPartagesInvalides as exc:
            raise pytest.UsageError(str(exc)) from None
    config.stash[ETAT] = etat
    config.add_cleanup(lambda: arreter_services(etat))
    if not est_travailleur(config):
        config.pluginmanager.register(Recolteur(config), "chorus-recolteur")
    # Registered now, after pytest-playwright whatever the load order (-p or conftest): the later fixture wins.
    lancement = types.ModuleType("chorus_chromium")
    lancement.browser_type_launch_args = browser_type_launch_args
    lancement.connect_options = connect_options
    lancement.browser_context_args = browser_context_args
    config.pluginmanager.register(lancement, "chorus-chromium")


def pytest_report_header(config: pytest.Config) -> list[str]:
    etat = etat_de(config)
    cible = etat.url_implementation or etat.profil.url_base
    if etat.faute or not cible:
        cible = "implémentation de référence intégrée" + (f" avec la faute « {etat.faute} »" if etat.faute else "")
    lignes = [f"chorus : graine Faker {etat.graine} (rejouer avec --faker-seed {etat.graine}) ; "
              f"profil « {etat.profil.nom} » ; cible : {cible} ; rapports : {etat.rapports}"]
    if not etat.bac_a_sable:
        lignes.append(f"chorus : {AVIS_SANS_BAC_A_SABLE}")
    return lignes


@pytest.fixture(scope="session")
def browser_type_launch_args(pytestconfig: pytest.Config) -> dict:
    """pytest-playwright's launch arguments, with the local Chromium (no browser download here)."""
    return arguments_chromium(pytestconfig)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """pytest-playwright's context arguments (the device's, the base URL…), in French unless they say otherwise."""
    return {**CONTEXTE_FRANCAIS, **browser_context_args}


@pytest.fixture(scope="session")
def connect_options(pytestconfig: pytest.Config) -> dict | None:
    """pytest-playwright connects to a remote browser server when one is given (--navigateur-distant)."""
    return options_de_connexion(pytestconfig)


# ------------------------------------------------------------------ session: services and preflight, once

def pytest_sessionstart(session: pytest.Session) -> None:
    config = session.config
    if est_controleur_xdist(config) and vise_la_conformite(config):
        preparer(config)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    node.workerinput["chorus"] = json.dumps(etat_de(node.config).partage())


def pytest_collection_finish(session: pytest.Session) -> None:
    config = session.config
    if est_travailleur(config) or est_controleur_xdist(config):
        return
    if any(est_scenario(item) for item in session.items):
        preparer(config)


# ------------------------------------------------------------------ collection: channels and capabilities

@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makeitem(collector, name: str, obj: Any) -> None:
    # pytest-bdd steps ask for fixtures at run time: declare ``canal`` so that it can be parametrised.
    if callable(obj) and not getattr(obj, "_chorus_canal", False) and gabarit(obj) is not None:
        pytest.mark.usefixtures("canal")(obj)
        obj._chorus_canal = True


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    scenarios = [item for item in items if est_scenario(item)]
    if not scenarios:
        return
    etat = etat_de(config)
    try:
        catalogue = charger_catalogue()
    except CatalogueInvalide:
        catalogue = {}
    for item in scenarios:
        besoins = [m.name[len("necessite_"):] for m in item.iter_markers() if m.name.startswith("necessite_")]
        for tag in tags(item):
            if tag in catalogue:
                besoins += list(catalogue[tag].capacites)
        manquantes = [c for c in dict.fromkeys(besoins) if c not in etat.profil.capacites]
        if manquantes:
            item.add_marker(pytest.mark.skip(reason=f"non vérifié : capacité « {manquantes[0]} » absente du "
                                                    f"profil « {etat.profil.nom} »"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "canal" not in metafunc.fixturenames:
        return
    config = metafunc.config
    etat = etat_de(config)
    marques = {m.name for m in metafunc.definition.iter_markers()}
    canaux = [c for c in CANAUX if c in marques] or list(CANAUX)
    seul = config.getoption("--canal")
    params = []
    for canal in canaux:
        skip = []
        if seul and canal != seul:
            skip.append(pytest.mark.skip(reason=f"non vérifié : canal {canal} exclu par --canal {seul}"))
        elif canal not in etat.profil.capacites:
            skip.append(pytest.mark.skip(reason=f"non vérifié : capacité « {canal} » absente du profil "
                                                f"« {etat.profil.nom} »"))
        params.append(pytest.param(canal, id=canal, marks=skip))
    metafunc.parametrize("canal", params, indirect=True)


# ------------------------------------------------------------------ fixtures

@pytest.fixture(scope="session")
def implementation(pytestconfig: pytest.Config) -> Implementation:
    services = services_de(pytestconfig)
    return Implementation.depuis_profil(etat_de(pytestconfig).profil, services["implementation"],
                                        services.get("confiance"))


@pytest.fixture(scope="session")
def sirene(pytestconfig: pytest.Config):
    from fixtures.clients import SireneAdmin
    return SireneAdmin(services_de(pytestconfig)["sirene"])


@pytest.fixture(scope="session")
def boite_mail(pytestconfig: pytest.Config):
    from fixtures.clients import BoiteMail
    return BoiteMail(services_de(pytestconfig)["boite"])


@pytest.fixture(scope="session")
def controles(implementation: Implementation) -> Controles:
    return Controles(implementation)


@pytest.fixture
def canal(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "http")


@pytest.fixture
def driver(request: pytest.FixtureRequest, canal: str, implementation: Implementation):
    """The Driver for ``canal``, fresh for the scenario. At teardown, every driver the scenario made (this one,
    ``nouveau_driver``'s) is closed, its last page kept as evidence when the scenario did not pass."""
    drivers = drivers_du_scenario(request.node)
    d = creer_driver(request, canal, implementation, premier=True)
    drivers.append(d)
    yield d
    garder_les_pages(request, drivers)
    arreter_les_traces(request, drivers)
    for x in drivers:
        x.close()


@pytest.fixture
def nouveau_driver(request: pytest.FixtureRequest, canal: str, implementation: Implementation,
                   driver) -> Callable[..., Any]:
    """Factory of other fresh drivers, of the scenario's channel or of the one asked (``nouveau_driver("http")``:
    a preparation over plain HTTP); the plugin closes them and keeps their pages with the scenario's evidence."""
    drivers = drivers_du_scenario(request.node)

    def fabrique(autre_canal: str | None = None):
        d = creer_driver(request, autre_canal or canal, implementation)
        drivers.append(d)
        return d
    return fabrique


@pytest.fixture
def constats(request: pytest.FixtureRequest) -> list[str]:
    """What the scenario observed (« Content-Security-Policy : default-src 'self' »): the steps append short French
    lines; the report shows them under the scenario, passed or not, as the evidence of its verdict."""
    return constats_du_scenario(request.node)


def graine_du_scenario(graine: int, nodeid: str) -> int:
    return int(hashlib.sha256(f"{graine}:{nodeid}".encode()).hexdigest()[:12], 16)


@pytest.fixture
def donnees(request: pytest.FixtureRequest):
    """fr_FR Faker with the project's providers, seeded from the run seed and the node id."""
    from fixtures.providers import nouveau_faker
    etat = etat_de(request.config)
    jeton = etat.id_run + hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:7]
    return nouveau_faker(graine_du_scenario(etat.graine, request.node.nodeid), jeton)


# ------------------------------------------------------------------ reports and verdict

@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    annoter_rapport(item, call, outcome.get_result())


@pytest.hookimpl(optionalhook=True)
def pytest_bdd_step_error(request, feature, scenario, step, step_func, step_func_args, exception) -> None:
    request.node.stash[PAS_EN_ECHEC] = (step.type, step.name)


def pytest_runtest_setup(item: pytest.Item) -> None:
    if est_scenario(item):
        callspec = getattr(item, "callspec", None)
        item.user_properties.append(("regles", " ".join(t for t in tags(item) if t[:1].isupper())))
        if callspec and "canal" in callspec.params:
            item.user_properties.append(("canal", callspec.params["canal"]))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    conclure(session, exitstatus)


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    resumer(terminalreporter, config)
