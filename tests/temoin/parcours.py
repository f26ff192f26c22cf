"""The guide's steps, driven through the témoin's pages by their labels (French wording)."""
from __future__ import annotations

import itertools
import re

from .outils import Client, Page, siret_neuf

MDP = "Chorus-Pro-2024!"
_compteur = itertools.count(1)


def adresse(prefixe: str = "user") -> str:
    return f"{prefixe}.{next(_compteur)}.{siret_neuf()[:6]}@example.org"


def identification(c: Client, login: str, siret: str) -> Page:
    c.ouvrir("/")
    c.remplir("Adresse électronique de connexion", login)
    c.remplir("Numéro de SIRET", siret)
    return c.valider("Valider")


def informations(c: Client, *, nom="Lefèvre-d'Arc", prenom="Zoé", captcha="TEST-CAPTCHA", resaisie=None,
                 rattachement=None, services=(), raison=None, **autres) -> Page:
    contact = c.page.valeur("Adresse électronique de connexion")
    c.remplir("Résaisissez votre adresse électronique de connexion", contact if resaisie is None else resaisie)
    c.remplir("Nom", nom)
    c.remplir("Prénom", prenom)
    c.remplir("Entrez les caractères générés par l'image", captcha)
    if raison is not None:
        c.remplir("Raison Sociale", raison)
    for libelle, valeur in autres.items():
        c.remplir(libelle, valeur)
    if rattachement:
        c.cocher(rattachement, groupe="Je me rattache à")
    for service in services:
        c.cocher(service, groupe="Services de la structure")
    return c.valider("Valider")


def espaces(c: Client, choix: dict[str, str] | None = None) -> Page:
    for espace, valeur in (choix or {}).items():
        c.cocher(valeur, groupe=espace)
    return c.valider("Valider")


def liens(boite, login: str, n: int = 1) -> list[str]:
    messages = boite.attendre(login, n)
    assert len(messages) >= n, f"{len(messages)} courriel(s) pour {login}, {n} attendu(s)"
    return [re.findall(r"https?://\S+", m["text"])[0] for m in messages]


def chemin(lien: str) -> str:
    return "/" + lien.split("/", 3)[3]


def activer(c: Client, lien: str, mdp: str = MDP, confirmation: str | None = None,
            question="Dans quelle ville êtes-vous né(e) ?", reponse="Quimper") -> Page:
    c.ouvrir(chemin(lien))
    c.remplir("Mot de passe", mdp)
    c.remplir("Confirmation", mdp if confirmation is None else confirmation)
    if question:
        c.choisir("Question secrète", question)
    c.remplir("Réponse", reponse)
    return c.valider("Valider")


def inscrire(c: Client, boite, *, login=None, siret=None, actif=True, **infos) -> dict:
    login = login or adresse()
    siret = siret or siret_neuf()
    p = identification(c, login, siret)
    assert p.h1 == "Complétez les informations demandées", p.texte[:500]
    p = informations(c, **infos)
    assert p.h1 == "Ouvrez vos espaces de travail", p.texte[:500]
    p = espaces(c)
    assert "Votre compte est créé et un courriel d'activation est envoyé" in p.texte
    lien = liens(boite, login)[-1]
    if actif:
        p = activer(c, lien)
        assert "Votre compte est désormais actif" in p.texte, p.texte[:500]
    return {"login": login, "siret": siret, "lien": lien}


def connecter(c: Client, login: str, mdp: str = MDP) -> Page:
    c.ouvrir("/se-connecter")
    c.remplir("Adresse électronique de connexion", login)
    c.remplir("Mot de passe", mdp)
    return c.valider("Connexion")
