"""Command line: ``python -m reference_impl`` (console script ``chorus-reference``).

Every option has an environment variable (CHORUS_REF_<OPTION>); the option wins.
Prints ``READY http://HOST:PORT`` (``https://`` with --certfile) once listening.
"""
from __future__ import annotations

import argparse
import atexit
import ipaddress
import os
import signal
import sys
import tempfile

from waitress import create_server

from . import ConfigError, create_app
from .faults import FAULTS


def _env(name: str, default=None):
    return os.environ.get(f"CHORUS_REF_{name}", default)


def _env_flag(name: str) -> bool:
    return _env(name, "").strip().lower() in ("1", "true", "yes", "oui", "on")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="chorus-reference",
        description="Implémentation de référence du parcours « Créer un compte en quelques clics » de Chorus Pro.",
    )
    parser.add_argument("--host", default=_env("HOST", "127.0.0.1"), help="adresse d'écoute (CHORUS_REF_HOST)")
    parser.add_argument("--port", type=int, default=int(_env("PORT", "8000")),
                        help="port d'écoute, 0 = un port libre (CHORUS_REF_PORT)")
    parser.add_argument("--database", default=_env("DATABASE"),
                        help="fichier SQLite (CHORUS_REF_DATABASE) ; par défaut un fichier temporaire supprimé à l'arrêt")
    parser.add_argument("--sirene-url", default=_env("SIRENE_URL", "https://api.insee.fr/api-sirene/3.11"),
                        help="URL de base de l'API Sirene 3.11 (CHORUS_REF_SIRENE_URL)")
    parser.add_argument("--sirene-key", default=_env("SIRENE_KEY", "chorus-reference"),
                        help="clé envoyée dans X-INSEE-Api-Key-Integration (CHORUS_REF_SIRENE_KEY)")
    parser.add_argument("--smtp-host", default=_env("SMTP_HOST", "localhost"), help="serveur SMTP (CHORUS_REF_SMTP_HOST)")
    parser.add_argument("--smtp-port", type=int, default=int(_env("SMTP_PORT", "25")),
                        help="port SMTP (CHORUS_REF_SMTP_PORT)")
    parser.add_argument("--mail-from", default=_env("MAIL_FROM", "Chorus Pro <ne-pas-repondre@chorus-reference.invalid>"),
                        help="expéditeur des courriels (CHORUS_REF_MAIL_FROM)")
    parser.add_argument("--public-url", default=_env("PUBLIC_URL"),
                        help="URL publique utilisée dans les liens des courriels (CHORUS_REF_PUBLIC_URL) ; "
                             "par défaut http://HOST:PORT réellement écouté")
    parser.add_argument("--link-validity-minutes", type=int, default=int(_env("LINK_VALIDITY_MINUTES", "60")),
                        help="durée de validité du lien d'activation (CHORUS_REF_LINK_VALIDITY_MINUTES)")
    parser.add_argument("--session-idle-minutes", type=float, default=float(_env("SESSION_IDLE_MINUTES", "30")),
                        help="une session inutilisée pendant cette durée est fermée (CHORUS_REF_SESSION_IDLE_MINUTES)")
    parser.add_argument("--secret-key", default=_env("SECRET_KEY"),
                        help="clé de signature des sessions (CHORUS_REF_SECRET_KEY) ; par défaut aléatoire")
    parser.add_argument("--threads", type=int, default=int(_env("THREADS", "8")),
                        help="fils du serveur (CHORUS_REF_THREADS)")
    parser.add_argument("--certfile", default=_env("CERTFILE"),
                        help="certificat du serveur (PEM, chaîne comprise) : servi en HTTPS (CHORUS_REF_CERTFILE)")
    parser.add_argument("--keyfile", default=_env("KEYFILE"),
                        help="clé privée du certificat (PEM) (CHORUS_REF_KEYFILE)")
    parser.add_argument("--test-mode", action="store_true", default=_env_flag("TEST_MODE"),
                        help="mode test : réponse de captcha documentée, contrôles /__test__/ (CHORUS_REF_TEST_MODE=1)")
    parser.add_argument("--allow-remote-test-mode", action="store_true",
                        default=_env_flag("ALLOW_REMOTE_TEST_MODE"),
                        help="accepte le mode test sur une adresse d'écoute autre que la boucle locale "
                             "(CHORUS_REF_ALLOW_REMOTE_TEST_MODE=1) : à réserver à un réseau de test fermé")
    parser.add_argument("--captcha-answer", default=_env("CAPTCHA_ANSWER", "TEST-CAPTCHA"),
                        help="réponse au captcha acceptée en mode test (CHORUS_REF_CAPTCHA_ANSWER)")
    parser.add_argument("--fault", default=_env("FAULT") or None,
                        help="défaut injecté, mode test seulement (CHORUS_REF_FAULT) ; voir --list-faults")
    parser.add_argument("--list-faults", action="store_true", help="affiche les défauts injectables et quitte")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.list_faults:
        for name, description in FAULTS.items():
            print(f"{name}\t{description}")
        return 0
    if args.fault and not args.test_mode:
        print("erreur : --fault n'est accepté qu'avec --test-mode", file=sys.stderr)
        return 2
    if args.fault and args.fault not in FAULTS:
        print(f"erreur : défaut inconnu {args.fault!r} (voir --list-faults)", file=sys.stderr)
        return 2
    if args.test_mode and not (loopback(args.host) or args.allow_remote_test_mode):
        # Test mode answers a documented captcha and opens /__test__/ controls: never on a reachable address
        # by accident (an environment variable left set, a container listening on 0.0.0.0).
        print(f"erreur : le mode test est refusé sur l'adresse d'écoute {args.host} : il n'est accepté que sur la "
              "boucle locale (127.0.0.1, ::1, localhost), sauf avec --allow-remote-test-mode "
              "(CHORUS_REF_ALLOW_REMOTE_TEST_MODE=1).", file=sys.stderr)
        return 2
    if bool(args.certfile) != bool(args.keyfile):
        print("erreur : --certfile et --keyfile vont ensemble (HTTPS)", file=sys.stderr)
        return 2

    database = args.database
    if not database:
        fd, database = tempfile.mkstemp(prefix="chorus-reference-", suffix=".sqlite3")
        os.close(fd)
        atexit.register(_remove_database, database)

    config = {
        "DATABASE": database,
        "SIRENE_URL": args.sirene_url,
        "SIRENE_KEY": args.sirene_key,
        "SMTP_HOST": args.smtp_host,
        "SMTP_PORT": args.smtp_port,
        "MAIL_FROM": args.mail_from,
        "LINK_VALIDITY_MINUTES": args.link_validity_minutes,
        "SESSION_IDLE_MINUTES": args.session_idle_minutes,
        "TEST_MODE": args.test_mode,
        "CAPTCHA_ANSWER": args.captcha_answer,
        "FAULT": args.fault,
        # The scheme is known now (the security headers and the session cookie's Secure depend on it); the port
        # maybe not (0): PUBLIC_URL is set again once the server listens.
        "PUBLIC_URL": (args.public_url or f"{'https' if args.certfile else 'http'}://{args.host}:{args.port}"),
    }
    if args.secret_key:
        config["SECRET_KEY"] = args.secret_key
    try:
        app = create_app(config)
    except ConfigError as exc:
        print(f"erreur : {exc}", file=sys.stderr)
        return 2

    server = Serveur(app, args)
    url = server.url
    app.config["PUBLIC_URL"] = (args.public_url or url).rstrip("/")
    # SIGTERM ends like Ctrl-C, so that atexit removes the temporary database.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if args.test_mode:
        print(f"ATTENTION : MODE TEST ACTIF sur {url} — réponse de captcha documentée, contrôles /__test__/ "
              "ouverts" + (f", défaut injecté « {args.fault} »" if args.fault else "")
              + ". Ne jamais l'exposer à des utilisateurs.", file=sys.stderr, flush=True)
    print(f"READY {url}", flush=True)
    try:
        server.run()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.close()
    return 0


class Serveur:
    """The WSGI server, listening once made: waitress over HTTP; over HTTPS (waitress has no TLS) cheroot, CherryPy's
    thread-pooled server, with its builtin ``ssl`` adapter."""

    def __init__(self, app, args: argparse.Namespace) -> None:
        if args.certfile:
            from cheroot.ssl.builtin import BuiltinSSLAdapter
            from cheroot.wsgi import Server

            self._cheroot = Server((args.host, args.port), app, numthreads=args.threads,
                                   request_queue_size=64)
            self._cheroot.ssl_adapter = BuiltinSSLAdapter(args.certfile, args.keyfile)
            self._cheroot.prepare()
            self.url = f"https://{args.host}:{self._cheroot.bind_addr[1]}"
            self.run, self.close = self._cheroot.serve, self._cheroot.stop
        else:
            waitress = create_server(app, host=args.host, port=args.port, threads=args.threads)
            self.url = f"http://{args.host}:{waitress.effective_port}"
            self.run, self.close = waitress.run, waitress.close


def loopback(host: str) -> bool:
    """Whether ``host`` listens on this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _remove_database(path: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass


if __name__ == "__main__":
    sys.exit(main())
