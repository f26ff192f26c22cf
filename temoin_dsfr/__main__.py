"""``python -m temoin_dsfr``: the DSFR witness on waitress, printing ``READY http://HOST:PORT`` once listening."""
from __future__ import annotations

import argparse
import ipaddress
import os
import signal
import sys
import tempfile

from waitress.server import create_server

from .application import DSFR, Config, creer_application
from .fautes import FAUTES


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m temoin_dsfr", description="Témoin DSFR du parcours Chorus Pro.")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0 : un port libre")
    p.add_argument("--database", help="fichier SQLite (par défaut : un fichier temporaire)")
    p.add_argument("--sirene-url", help="base de l'API Sirene 3.11, ex. http://127.0.0.1:8081/api-sirene/3.11")
    p.add_argument("--sirene-key", default="cle")
    p.add_argument("--smtp-host", default="127.0.0.1")
    p.add_argument("--smtp-port", type=int, default=25)
    p.add_argument("--public-url", help="URL publique des liens d'activation (par défaut : l'adresse d'écoute)")
    p.add_argument("--link-validity-minutes", type=int, default=60)
    p.add_argument("--session-idle-minutes", type=int, default=30)
    p.add_argument("--test-mode", action="store_true", help="captcha de test et contrôles /__test__/…")
    p.add_argument("--captcha-answer", default="TEST-CAPTCHA")
    p.add_argument("--allow-remote-test-mode", action="store_true")
    p.add_argument("--faute", action="append", default=[], help="écart semé (mode test seulement)")
    p.add_argument("--list-faults", action="store_true", help="liste les écarts semés et s'arrête")
    return p.parse_args(argv)


def _boucle_locale(hote: str) -> bool:
    try:
        return ipaddress.ip_address(hote).is_loopback
    except ValueError:
        return hote == "localhost"


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.list_faults:
        for nom, (lieu, description) in FAUTES.items():
            print(f"{nom}\t{lieu}\t{description}")
        return 0
    if args.faute and not args.test_mode:
        print("temoin_dsfr : --faute n'est accepté qu'avec --test-mode.", file=sys.stderr)
        return 2
    inconnues = [f for f in args.faute if f not in FAUTES]
    if inconnues:
        print(f"temoin_dsfr : écart semé inconnu : {', '.join(inconnues)} (voir --list-faults).", file=sys.stderr)
        return 2
    if not args.sirene_url:
        print("temoin_dsfr : --sirene-url est obligatoire.", file=sys.stderr)
        return 2
    if args.test_mode and not _boucle_locale(args.host) and not args.allow_remote_test_mode:
        print(f"temoin_dsfr : le mode test est refusé sur {args.host}, joignable d'autres machines "
              "(--allow-remote-test-mode pour passer outre).", file=sys.stderr)
        return 2
    if not DSFR.is_dir():
        print(f"temoin_dsfr : les fichiers du DSFR manquent ({DSFR}) : lancez scripts/setup.sh "
              "(npm installe @gouvfr/dsfr).", file=sys.stderr)
        return 2
    base = args.database
    if base is None:
        descripteur, base = tempfile.mkstemp(prefix="temoin_dsfr_", suffix=".sqlite3")
        os.close(descripteur)
    # the port is known only once listening: the public URL defaults to it
    serveur = create_server(lambda environ, start: application(environ, start), host=args.host, port=args.port,
                            threads=8, ident="temoin_dsfr")
    url = f"http://{args.host}:{serveur.effective_port}"
    config = Config(sirene_url=args.sirene_url, sirene_cle=args.sirene_key, smtp_hote=args.smtp_host,
                    smtp_port=args.smtp_port, url_publique=args.public_url or url, base_de_donnees=base,
                    minutes_lien=args.link_validity_minutes, minutes_session=args.session_idle_minutes,
                    mode_test=args.test_mode, captcha_test=args.captcha_answer, fautes=frozenset(args.faute))
    application = creer_application(config)
    if args.test_mode:
        print("temoin_dsfr : MODE TEST ACTIF (captcha de test, contrôles /__test__/…)"
              + (f", écarts semés : {', '.join(args.faute)}" if args.faute else ""), file=sys.stderr, flush=True)

    def arreter(*_):
        serveur.close()
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, arreter)
    print(f"READY {url}", flush=True)
    try:
        serveur.run()
    except (SystemExit, KeyboardInterrupt):
        pass
    finally:
        if args.database is None:
            os.unlink(base)
    return 0


if __name__ == "__main__":
    sys.exit(main())
