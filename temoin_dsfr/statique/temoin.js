// The page's own checks, before the round trip (the server checks everything again), and the error summary's focus.
(function () {
  "use strict";

  function luhn(chiffres) {
    var somme = 0;
    for (var i = 0; i < chiffres.length; i++) {
      var n = Number(chiffres[chiffres.length - 1 - i]);
      if (i % 2 === 1) { n *= 2; if (n > 9) { n -= 9; } }
      somme += n;
    }
    return somme % 10 === 0;
  }

  // The SIRET's check digits: Luhn over the 14 digits and over the SIREN; La Poste's own rule (sum multiple of 5)
  // for SIREN 356000000, except its head office.
  function problemeSiret(saisie) {
    var siret = saisie.replace(/[ .\u00a0]/g, "");
    if (siret === "") { return ""; }
    if (!/^[0-9]{14}$/.test(siret)) { return "Numéro de SIRET : le numéro doit compter 14 chiffres."; }
    var cle;
    if (siret.slice(0, 9) === "356000000" && siret !== "35600000000048") {
      cle = siret.split("").reduce(function (s, c) { return s + Number(c); }, 0) % 5 === 0;
    } else {
      cle = luhn(siret) && luhn(siret.slice(0, 9));
    }
    return cle ? "" : "Numéro de SIRET : la clé de contrôle est invalide.";
  }

  function typesDeCaracteres(mdp) {
    return [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter(function (re) { return re.test(mdp); }).length;
  }

  function surveiller(champ, probleme) {
    var verifier = function () { champ.setCustomValidity(probleme()); };
    champ.addEventListener("input", verifier);
    verifier();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var resume = document.getElementById("resume-erreurs");
    if (resume) { resume.focus(); }

    document.querySelectorAll("input[data-siret]").forEach(function (champ) {
      surveiller(champ, function () { return problemeSiret(champ.value); });
    });

    document.querySelectorAll("input[data-resaisie-de]").forEach(function (champ) {
      var source = document.getElementById(champ.getAttribute("data-resaisie-de"));
      var probleme = function () {
        return champ.value && source && champ.value.trim() !== source.value.trim()
          ? "Résaisissez votre adresse électronique de connexion : les deux adresses saisies ne sont pas identiques."
          : "";
      };
      surveiller(champ, probleme);
      if (source) { source.addEventListener("input", function () { champ.setCustomValidity(probleme()); }); }
    });

    document.querySelectorAll("form[data-controle-mdp]").forEach(function (formulaire) {
      var minimum = Number(formulaire.getAttribute("data-types-min") || "3");
      var mdp = formulaire.querySelector("input[name=mot_de_passe]");
      var confirmation = formulaire.querySelector("input[name=confirmation]");
      var indicateur = document.getElementById("complexite");
      var probleme = function () {
        if (!mdp.value) { return ""; }
        if (mdp.value.length < 12) { return "Mot de passe : il doit comporter au minimum 12 caractères."; }
        if (typesDeCaracteres(mdp.value) < minimum) {
          return "Mot de passe : il doit comporter au moins 3 types de caractères parmi majuscules, minuscules, " +
            "chiffres et caractères spéciaux.";
        }
        return "";
      };
      var suivre = function () {
        mdp.setCustomValidity(probleme());
        var types = typesDeCaracteres(mdp.value);
        if (indicateur) {
          indicateur.textContent = mdp.value.length < 12 || types < 3 ? "Insuffisante"
            : types === 3 && mdp.value.length < 16 ? "Moyenne" : "Forte";
        }
        if (confirmation) {
          confirmation.setCustomValidity(confirmation.value && confirmation.value !== mdp.value
            ? "Confirmation : elle doit être identique au mot de passe." : "");
        }
      };
      mdp.addEventListener("input", suivre);
      if (confirmation) { confirmation.addEventListener("input", suivre); }
      suivre();
    });
  });
}());
