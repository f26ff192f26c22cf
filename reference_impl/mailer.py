"""Outgoing mail, by plain SMTP to the configured host and port."""
from __future__ import annotations

import smtplib
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app

from .faults import fault


class MailError(Exception):
    """The SMTP server could not be reached or refused the message."""


def send(to: str, subject: str, text: str) -> None:
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    if not fault("courriel_sans_objet"):
        message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain="chorus-reference.invalid")
    message.set_content(text)
    try:
        with smtplib.SMTP(config["SMTP_HOST"], config["SMTP_PORT"], timeout=10) as smtp:
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        current_app.logger.error("envoi du courriel à %s impossible : %s", to, exc)
        raise MailError(str(exc)) from exc


def activation_link(token: str) -> str:
    chemin = "activer" if fault("lien_activation_casse") else "activation"
    return f"{current_app.config['PUBLIC_URL'].rstrip('/')}/{chemin}/{token}"


def login_link() -> str:
    return f"{current_app.config['PUBLIC_URL'].rstrip('/')}/connexion"


def send_activation(to: str, prenom: str, nom: str, adresse_connexion: str, token: str) -> None:
    minutes = current_app.config["LINK_VALIDITY_MINUTES"]
    send(
        to,
        "Chorus Pro : activez votre compte utilisateur",
        f"Bonjour {prenom} {nom},\n\n"
        f"Votre compte utilisateur {adresse_connexion} a été créé sur Chorus Pro.\n"
        f"Pour l'activer, ouvrez le lien ci-dessous ; il est valable {minutes} minutes "
        "et ne peut servir qu'une fois :\n\n"
        f"{activation_link(token)}\n\n"
        "Vous y choisirez votre mot de passe et votre question secrète.\n\n"
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel.\n\n"
        "L'équipe Chorus Pro\n",
    )


def send_account_exists(to: str) -> None:
    """Sent instead of an activation mail when the address already has an active account."""
    send(
        to,
        "Chorus Pro : vous avez déjà un compte utilisateur",
        "Bonjour,\n\n"
        f"Une demande de création de compte a été faite sur Chorus Pro avec l'adresse {to}.\n"
        "Un compte utilisateur existe déjà pour cette adresse : aucun nouveau compte n'a été créé.\n"
        "Pour vous connecter, ouvrez la page suivante :\n\n"
        f"{login_link()}\n\n"
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel.\n\n"
        "L'équipe Chorus Pro\n",
    )
