// Refresh the dashboard's live part every few seconds. Without JavaScript, a plain reload
// shows the same page; with it, only #live is replaced, so the page does not jump.
// The live part also holds the teacher's own controls (ticking learners to remove, renaming
// one): while the teacher is using them, replacing it would throw their work away, so the
// refresh waits, and says so. An explanation the teacher has opened ("What do these figures
// mean?") holds nothing back: it stays open in the refreshed part.
(function () {
  "use strict";
  var INTERVAL_MS = 4000;
  var live = document.getElementById("live");
  if (!live || !window.fetch) return;
  var url = live.getAttribute("data-live-url");

  // In use: a learner ticked, a rename open, text being typed, or a control reached with
  // the keyboard (replacing it would lose the teacher's place). A box or button merely
  // clicked keeps no hold on the page once it is unticked or closed.
  function inUse() {
    var active = document.activeElement;
    var focused = active !== live && live.contains(active) &&
      active.matches('input[type="text"], textarea, :focus-visible');
    return Boolean(focused || live.querySelector('input[type="checkbox"]:checked, details.rename[open]'));
  }

  function refresh() {
    if (document.hidden) return;
    var busy = inUse();
    var paused = document.getElementById("live-paused");
    if (paused) paused.hidden = !busy;
    if (busy) return;
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        if (inUse()) return; // the teacher started using a control while it loaded
        var open = Array.prototype.map.call(
          live.querySelectorAll("details.explain[open][id]"), function (d) { return d.id; });
        live.innerHTML = html;
        open.forEach(function (id) {
          var details = document.getElementById(id);
          if (details) details.open = true;
        });
        live.removeAttribute("data-stale");
      })
      .catch(function () {
        live.setAttribute("data-stale", "true");
      });
  }

  setInterval(refresh, INTERVAL_MS);
  document.addEventListener("visibilitychange", refresh);
})();
