"""RGAA 4.1 (référentiel général d'amélioration de l'accessibilité): the criteria the accessibility rules of the
catalogue check (source « accessibilite »), in the referential's words, and which criterion each rule of axe-core
tests. Data only: the steps judge (steps/accessibilite.py), the report names the criteria (harness/report.py).
"""
from __future__ import annotations

CRITERES = {
    "1.1": "Chaque image porteuse d'information a-t-elle une alternative textuelle ?",
    "1.4": "Pour chaque image utilisée comme CAPTCHA ou comme image-test, ayant une alternative textuelle, cette "
           "alternative permet-elle d'identifier la nature et la fonction de l'image ?",
    "1.5": "Pour chaque image utilisée comme CAPTCHA, une solution d'accès alternatif au contenu ou à la fonction "
           "du CAPTCHA est-elle présente ?",
    "2.1": "Chaque cadre a-t-il un titre de cadre ?",
    "3.1": "Dans chaque page web, l'information ne doit pas être donnée uniquement par la couleur. Cette règle "
           "est-elle respectée ?",
    "3.2": "Dans chaque page web, le contraste entre la couleur du texte et la couleur de son arrière-plan est-il "
           "suffisamment élevé ?",
    "5.7": "Pour chaque tableau de données, la technique appropriée permettant d'associer chaque cellule avec ses "
           "en-têtes est-elle utilisée ?",
    "6.2": "Dans chaque page web, chaque lien a-t-il un intitulé ?",
    "7.1": "Chaque script est-il, si nécessaire, compatible avec les technologies d'assistance ?",
    "7.3": "Chaque script est-il contrôlable par le clavier et par tout dispositif de pointage ?",
    "7.5": "Dans chaque page web, les messages de statut sont-ils correctement restitués par les technologies "
           "d'assistance ?",
    "8.2": "Pour chaque page web, le code source généré est-il valide selon le type de document spécifié ?",
    "8.3": "Dans chaque page web, la langue par défaut est-elle présente ?",
    "8.4": "Pour chaque page web ayant une langue par défaut, le code de langue est-il pertinent ?",
    "8.5": "Chaque page web a-t-elle un titre de page ?",
    "8.6": "Pour chaque page web ayant un titre de page, ce titre est-il pertinent ?",
    "8.7": "Dans chaque page web, chaque changement de langue est-il indiqué dans le code source ?",
    "9.3": "Dans chaque page web, chaque liste est-elle correctement structurée ?",
    "10.4": "Dans chaque page web, le texte reste-t-il lisible lorsque la taille des caractères est augmentée "
            "jusqu'à 200 %, au moins ?",
    "10.7": "Dans chaque page web, pour chaque élément recevant le focus, la prise de focus est-elle visible ?",
    "11.1": "Chaque champ de formulaire a-t-il une étiquette ?",
    "11.2": "Chaque étiquette associée à un champ de formulaire est-elle pertinente ?",
    "11.5": "Dans chaque formulaire, les champs de même nature sont-ils regroupés, si nécessaire ?",
    "11.6": "Dans chaque formulaire, chaque regroupement de champs de même nature a-t-il une légende ?",
    "11.7": "Dans chaque formulaire, chaque légende associée à un regroupement de champs de même nature est-elle "
            "pertinente ?",
    "11.9": "Dans chaque formulaire, l'intitulé de chaque bouton est-il pertinent ?",
    "11.10": "Dans chaque formulaire, le contrôle de saisie est-il utilisé de manière pertinente ?",
    "11.11": "Dans chaque formulaire, le contrôle de saisie est-il accompagné, si nécessaire, de suggestions "
             "facilitant la correction des erreurs de saisie ?",
    "11.13": "La finalité d'un champ de saisie peut-elle être déduite pour faciliter le remplissage automatique "
             "des champs avec les données de l'utilisateur ?",
    "12.7": "Dans chaque page web, un lien d'évitement ou d'accès rapide à la zone de contenu principal est-il "
            "présent ?",
    "12.9": "Dans chaque page web, la navigation ne doit pas contenir de piège au clavier. Cette règle est-elle "
            "respectée ?",
    "13.1": "Pour chaque page web, l'utilisateur a-t-il le contrôle de chaque limite de temps modifiant le "
            "contenu ?",
}

# The criterion of RGAA 4.1 each rule of axe-core tests (the RGAA's own correspondence with WCAG 2.1). A rule
# absent from this table is reported under its axe id alone.
AXE_VERS_RGAA = {
    "image-alt": "1.1", "input-image-alt": "1.1", "role-img-alt": "1.1", "svg-img-alt": "1.1", "area-alt": "1.1",
    "object-alt": "1.1",
    "frame-title": "2.1",
    "link-in-text-block": "3.1",
    "color-contrast": "3.2",
    "td-headers-attr": "5.7", "th-has-data-cells": "5.7", "td-has-header": "5.7",
    "link-name": "6.2",
    "aria-allowed-attr": "7.1", "aria-required-attr": "7.1", "aria-required-children": "7.1",
    "aria-required-parent": "7.1", "aria-roles": "7.1", "aria-valid-attr": "7.1", "aria-valid-attr-value": "7.1",
    "aria-hidden-focus": "7.1", "aria-hidden-body": "7.1", "aria-command-name": "7.1",
    "aria-input-field-name": "7.1", "aria-toggle-field-name": "7.1", "aria-meter-name": "7.1",
    "aria-progressbar-name": "7.1", "aria-tooltip-name": "7.1", "aria-dialog-name": "7.1",
    "aria-prohibited-attr": "7.1", "aria-deprecated-role": "7.1", "aria-conditional-attr": "7.1",
    "nested-interactive": "7.1",
    "scrollable-region-focusable": "7.3",
    "duplicate-id": "8.2", "duplicate-id-active": "8.2", "duplicate-id-aria": "8.2",
    "html-has-lang": "8.3",
    "html-lang-valid": "8.4", "html-xml-lang-mismatch": "8.4",
    "document-title": "8.5",
    "valid-lang": "8.7",
    "list": "9.3", "listitem": "9.3", "definition-list": "9.3", "dlitem": "9.3",
    "meta-viewport": "10.4",
    "label": "11.1", "select-name": "11.1",
    "button-name": "11.9", "input-button-name": "11.9",
    "autocomplete-valid": "11.13",
    "bypass": "12.7",
    "meta-refresh": "13.1",
}


def critere_axe(regle_axe: str) -> str | None:
    """The RGAA criterion an axe-core rule tests, None when the table has none."""
    return AXE_VERS_RGAA.get(regle_axe)

