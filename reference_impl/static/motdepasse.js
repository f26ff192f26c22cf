// Complexity indicator of the activation page: the server checks the rule anyway.
document.addEventListener("DOMContentLoaded", function () {
  // seeded fault sec_collage_bloque: the hurried version forbids pasting into the password fields
  document.querySelectorAll("[data-sans-collage]").forEach(function (el) {
    el.addEventListener("paste", function (e) { e.preventDefault(); });
  });
  var champ = document.getElementById("mot_de_passe");
  var jauge = document.getElementById("complexite");
  var texte = document.getElementById("complexite-texte");
  if (!champ || !jauge) { return; }
  var libelles = ["Non renseigné", "Insuffisant", "Insuffisant", "Suffisant", "Fort"];
  champ.addEventListener("input", function () {
    var v = champ.value;
    var classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter(function (r) { return r.test(v); }).length;
    var score = v.length === 0 ? 0 : (v.length >= 12 ? classes : Math.min(classes, 1));
    jauge.value = score;
    jauge.textContent = score + " sur 4";
    texte.textContent = libelles[score];
  });
});
