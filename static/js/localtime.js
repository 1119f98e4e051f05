// Times are stored and sent in UTC: <time datetime="2026-03-02T14:05:07Z" data-local="time">
// holds the UTC text, which is what a reader without JavaScript sees. Here each is rewritten
// in the browser's own time zone and language, with the zone named ("2:05:07 PM EST"); the
// UTC text stays as its tooltip. Parts of a page that are swapped in later (the dashboard's
// live part) are rewritten as they arrive.
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) return;

  var STYLES = {
    time: { hour: "numeric", minute: "2-digit", second: "2-digit", timeZoneName: "short" },
    "date-time": {
      day: "numeric", month: "short", year: "numeric",
      hour: "numeric", minute: "2-digit", timeZoneName: "short"
    }
  };
  var formats = {};

  function format(style) {
    if (!formats[style]) formats[style] = new Intl.DateTimeFormat(undefined, STYLES[style]);
    return formats[style];
  }

  function localise(root) {
    var times = root.querySelectorAll("time[data-local]:not([data-localised])");
    for (var i = 0; i < times.length; i++) {
      var el = times[i];
      var style = el.getAttribute("data-local");
      var moment = new Date(el.getAttribute("datetime"));
      if (!STYLES[style] || isNaN(moment.getTime())) continue;
      el.title = el.textContent.trim();
      el.textContent = format(style).format(moment);
      el.setAttribute("data-localised", "");
    }
  }

  function start() {
    localise(document);
    if (!window.MutationObserver) return;
    new MutationObserver(function (changes) {
      for (var i = 0; i < changes.length; i++) {
        if (changes[i].addedNodes.length) {
          localise(document);
          return;
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
