"""The subcommands' parser (comparer, plusieurs, fusionner, --diagnostic) in French: argparse writes its help and
its errors in English (« usage: », « positional arguments », « show this help message and exit », « the following
arguments are required »), and Python ships no French catalogue for it."""
from __future__ import annotations

import argparse
import re
import sys

# argparse's own messages (Python 3.11 to 3.13), each with its French wording
_MESSAGES = (
    (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
    (r"unrecognized arguments: (.*)", r"arguments inconnus : \1"),
    (r"argument (\S+): expected one argument", r"l'option \1 attend une valeur"),
    (r"argument (\S+): expected at least one argument", r"\1 attend au moins une valeur"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"\1 : choix invalide \2 (choix possibles : \3)"),
    (r"argument (\S+): invalid (\S+) value: (.*)", r"\1 : valeur invalide \3 (attendu : \2)"),
    (r"argument (\S+): not allowed with argument (\S+)", r"\1 ne peut pas être donné avec \2"),
    (r"argument (\S+): ignored explicit argument (.*)", r"\1 ne prend pas de valeur (\2 ignoré)"),
    (r"ambiguous option: (\S+) could match (.*)", r"option ambiguë : \1 peut désigner \2"),
)


_TYPES = {"(attendu : int)": "(attendu : un nombre entier)", "(attendu : float)": "(attendu : un nombre)",
          "(attendu : Path)": "(attendu : un chemin)"}


def en_francais(message: str) -> str:
    """argparse's English error message in French (as it is when it is not one of argparse's own)."""
    for motif, francais in _MESSAGES:
        if re.fullmatch(motif, message, flags=re.S):
            message = re.sub(motif, francais, message, flags=re.S)
            break
    for anglais, francais in _TYPES.items():
        message = message.replace(anglais, francais)
    return message


class _Mise_en_page(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "Usage : " if prefix is None else prefix)


class Parseur(argparse.ArgumentParser):
    """An ArgumentParser that speaks French: « Usage : », « arguments », « options », -h / --aide / --help, and
    its errors translated, then the exit with ``code_d_erreur`` (3 by default: a wrong command line)."""

    def __init__(self, *args, code_d_erreur: int = 3, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Mise_en_page)
        super().__init__(*args, add_help=False, **kwargs)
        self.code_d_erreur = code_d_erreur
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--aide", "--help", action="help", default=argparse.SUPPRESS,
                          help="affiche cette aide et sort")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(self.code_d_erreur, f"{self.prog} : erreur : {en_francais(message)}\n")
