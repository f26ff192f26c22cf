"""``python -m temoin``: serve the témoin with uvicorn; prints ``READY http://HOST:PORT`` once listening."""
from __future__ import annotations

import argparse
import logging
import signal
import socket
import sys

import uvicorn

from .application import Config, creer_application
from .fautes import FAUTES, FAUTES_JS, VARIANTES


def analyser(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m temoin",
                                description="Témoin : seconde implémentation du parcours « Créer un compte "
                                            "en quelques clics » de Chorus Pro.")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="0 = un port libre")
    p.add_argument("--sirene-url", help="base de l'API Sirene 3.11, ex. http://127.0.0.1:8782/api-sirene/3.11")
    p.add_argument("--sirene-key", default="", help="clé envoyée dans X-INSEE-Api-Key-Integration")
    p.add_argument("--smtp-host", default="127.0.0.1")
    p.add_argument("--smtp-port", type=int, default=25)
    p.add_argument("--public-url", default="", help="base des liens des courriels (défaut : l'adresse d'écoute)")
    p.add_argument("--link-validity-minutes", type=int, default=60)
    p.add_argument("--test-mode", action="store_true", help="captcha de test et contrôles /__test__/")
    p.add_argument("--captcha-answer", default="TEST-CAPTCHA")
    p.add_argument("--langue", choices=("fr", "en"), default="fr")
    p.add_argument("--faute", action="append", default=[], metavar="NOM",
                   help="faute semée (mode test seulement) ; voir --list-faults")
    p.add_argument("--variante", action="append", default=[], choices=sorted(VARIANTES), metavar="NOM",
                   help="une autre façon, admise par le guide, de faire la page (--front html) : "
                        + " ; ".join(f"{nom} : {texte}" for nom, texte in VARIANTES.items()))
    p.add_argument("--front", choices=("html", "js"), default="html",
                   help="html : formulaires rendus par le serveur (défaut) ; js : pages vides rendues par un "
                        "script qui parle à une API JSON sous /api/")
    p.add_argument("--list-faults", action="store_true",
                   help="liste les fautes semées (celles de --front js avec --front js) et s'arrête")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = analyser(argv)
    admises = FAUTES_JS if args.front == "js" else FAUTES
    if args.list_faults:
        for nom, description in admises.items():
            print(f"{nom}\t{description}")
        return 0
    autre_front = [f for f in args.faute if f not in admises and f in {**FAUTES, **FAUTES_JS}]
    if autre_front:
        print(f"faute {', '.join(autre_front)} : elle n'existe qu'avec --front "
              f"{'html' if args.front == 'js' else 'js'} (voir --list-faults --front {args.front})", file=sys.stderr)
        return 2
    inconnues = [f for f in args.faute if f not in admises]
    if inconnues:
        print(f"faute inconnue : {', '.join(inconnues)} (voir --list-faults)", file=sys.stderr)
        return 2
    if args.variante and args.front != "html":
        print("--variante n'existe qu'avec --front html", file=sys.stderr)
        return 2
    if args.faute and not args.test_mode:
        print("--faute n'est admise qu'avec --test-mode", file=sys.stderr)
        return 2
    if not args.sirene_url:
        print("--sirene-url est obligatoire", file=sys.stderr)
        return 2
    if args.link_validity_minutes <= 0:
        print("--link-validity-minutes doit être positif", file=sys.stderr)
        return 2

    famille = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(famille, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        print(f"impossible d'écouter sur {args.host}:{args.port} : {exc}", file=sys.stderr)
        return 2
    sock.listen(128)
    sock.set_inheritable(True)
    port = sock.getsockname()[1]
    hote = f"[{args.host}]" if famille == socket.AF_INET6 else args.host
    adresse = f"http://{hote}:{port}"

    config = Config(
        sirene_url=args.sirene_url, sirene_cle=args.sirene_key or "temoin", smtp_hote=args.smtp_host,
        smtp_port=args.smtp_port, url_publique=args.public_url or adresse,
        minutes_lien=args.link_validity_minutes, mode_test=args.test_mode, captcha_test=args.captcha_answer,
        langue=args.langue, fautes=frozenset(args.faute), front=args.front,
        variantes=frozenset(args.variante))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s temoin %(levelname)s %(message)s", stream=sys.stderr)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    app = creer_application(config)

    class Serveur(uvicorn.Server):
        async def startup(self, sockets=None):
            await super().startup(sockets=sockets)
            if not self.should_exit:
                print(f"READY {adresse}", flush=True)

    serveur = Serveur(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                                     timeout_graceful_shutdown=3))
    # uvicorn stops gracefully on SIGTERM, then re-raises the signal to the handler in place before it:
    # make that one a no-op, so that SIGTERM ends the process with status 0.
    signal.signal(signal.SIGTERM, lambda signum, frame: None)
    serveur.run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
