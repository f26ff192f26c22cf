// Seeded fault "siret_controle_navigateur_seulement": the check digit is only
// checked here, in the browser; the server no longer checks it.
document.addEventListener("DOMContentLoaded", function () {
  var champ = document.getElementById("siret");
  if (!champ) { return; }
  function luhn(n) {
    var somme = 0;
    for (var i = 0; i < n.length; i++) {
      var c = parseInt(n.charAt(n.length - 1 - i), 10);
      if (i % 2 === 1) { c *= 2; if (c > 9) { c -= 9; } }
      somme += c;
    }
    return somme % 10 === 0;
  }
  champ.form.addEventListener("submit", function (evenement) {
    var n = champ.value.replace(/[ .]/g, "");
    var laPoste = n.indexOf("356000000") === 0 && n !== "35600000000048";
    var ok = /^[0-9]{14}$/.test(n) && (laPoste
      ? n.split("").reduce(function (s, c) { return s + parseInt(c, 10); }, 0) % 5 === 0
      : luhn(n));
    champ.setCustomValidity(ok ? "" : "Numéro de SIRET : la clé de contrôle est invalide.");
    if (!ok) { evenement.preventDefault(); champ.reportValidity(); }
  });
  champ.addEventListener("input", function () { champ.setCustomValidity(""); });
});
