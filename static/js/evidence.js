// The question page works without this script: the article's sentences are radio buttons.
// With it, the bar beside the button says which sentence is marked, in a few words (also
// on a page answer.js has just shown in place).
(function () {
  "use strict";

  function show(input) {
    var echo = document.getElementById("evidence-echo");
    if (!echo) return;
    var label = document.querySelector('label[for="' + input.id + '"]');
    var words = label ? label.textContent.trim().split(/\s+/) : [];
    var text = words.slice(0, 12).join(" ") + (words.length > 12 ? " …" : "");
    echo.textContent = "Your sentence: “" + text + "”";
  }

  function showChecked() {
    var checked = document.querySelector('input[name="evidence"]:checked');
    if (checked) show(checked);
  }

  document.addEventListener("change", function (event) {
    if (event.target.name === "evidence") show(event.target);
  });
  document.addEventListener("answer:shown", showChecked);
  showChecked();
})();
