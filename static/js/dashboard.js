// Refresh the dashboard's live part every few seconds. Without JavaScript, a plain reload
// shows the same page; with it, only #live is replaced, so the page does not jump.
(function () {
  "use strict";
  var INTERVAL_MS = 4000;
  var live = document.getElementById("live");
  if (!live || !window.fetch) return;
  var url = live.getAttribute("data-live-url");

  function refresh() {
    if (document.hidden) return;
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        live.innerHTML = html;
        live.removeAttribute("data-stale");
      })
      .catch(function () {
        live.setAttribute("data-stale", "true");
      });
  }

  setInterval(refresh, INTERVAL_MS);
  document.addEventListener("visibilitychange", refresh);
})();
