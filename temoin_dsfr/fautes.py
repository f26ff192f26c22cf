"""Seeded deviations (``--faute NOM``, test mode only): where each lives, so that the project's tests know what the
harness must find on each channel."""
from __future__ import annotations

# name -> (where the deviation lives, what it does)
FAUTES: dict[str, tuple[str, str]] = {
    "cle_siret_navigateur_seulement": (
        "navigateur",
        "seul le script de la page vérifie la clé de contrôle du SIRET ; le serveur ne la vérifie pas"),
    "choix_espaces_ignores": (
        "serveur", "le serveur enregistre les espaces par défaut, quels que soient les choix OUI/NON envoyés"),
    "mdp_deux_types": (
        "les deux", "la page et le serveur acceptent un mot de passe de deux types de caractères"),
}
