// In a lesson the teacher leads, keep a learner's page with the class: every couple of
// seconds ask where the learner belongs, and go there when the lesson has moved on (the
// teacher started, showed the answers, or moved to the next statement). Without
// JavaScript the page's own "Check again" link does the same by hand.
(function () {
  "use strict";
  var INTERVAL_MS = 2000;
  var follow = document.getElementById("follow");
  if (!follow || !window.fetch) return;
  var url = follow.getAttribute("data-follow-url");
  var shown = follow.getAttribute("data-state");
  var moving = false;

  function check() {
    if (moving || document.hidden) return;
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (where) {
        if (where.state !== shown && !moving) {
          moving = true;
          window.location.assign(where.url);
        }
      })
      .catch(function () { /* a lost connection: try again at the next tick */ });
  }

  setInterval(check, INTERVAL_MS);
  document.addEventListener("visibilitychange", check);
})();
