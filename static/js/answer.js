// An answer sent without leaving the page: the reply (the statement's feedback with the
// next statement under it, or the next statement itself) is shown in place and given its
// own address, so each statement costs one request, a refresh lands on the same page and
// Back goes to the page before. Without this script the form posts and the browser follows
// the redirect, as ever. Nothing the learner chose is lost when sending fails: the form
// stays as it was, with a message, to be sent again.
(function () {
  "use strict";
  if (!window.fetch || !window.FormData || !window.DOMParser || !window.history.pushState) return;
  var main = document.getElementById("main");
  if (!main) return;
  var sending = false;
  // A page that is the reply to a form sent without this script (sent before the script
  // had loaded, say, with something to mend) becomes an ordinary entry at its address, so
  // that Back and a refresh load it afresh rather than offer to send the form again.
  window.history.replaceState(window.history.state, "", window.location.href);

  function say(form, text) {
    var bar = form.querySelector(".submit-bar") || form;
    var note = bar.querySelector(".send-failed");
    if (!note) {
      note = document.createElement("p");
      note.className = "notice notice-error send-failed";
      note.setAttribute("role", "alert");
      bar.insertBefore(note, bar.firstChild);
    }
    note.textContent = text;
  }

  // To the top, and the focus on what a screen reader should read first: the verdict of
  // a feedback page, else the statement.
  function focusTop(heading) {
    window.scrollTo(0, 0);
    heading = heading || main.querySelector("[autofocus]") || main.querySelector("#statement");
    if (heading) heading.focus({ preventScroll: true });
  }

  // The reply's page in place of this one; false when it isn't one of ours.
  function show(html, address) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var fresh = page.getElementById("main");
    if (!fresh) return false;
    main.innerHTML = fresh.innerHTML;
    main.className = fresh.className;
    ["site-header", "site-footer"].forEach(function (name) {
      var here = document.querySelector("." + name);
      var there = page.querySelector("." + name);
      if (here && there) here.className = there.className;
    });
    document.title = page.title;
    if (address !== window.location.pathname + window.location.search) {
      window.history.pushState({ answered: true }, "", address);
    }
    focusTop();
    document.dispatchEvent(new CustomEvent("answer:shown"));
    return true;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("answer-form")) return;
    event.preventDefault();
    if (sending) return; // a double click sends once
    sending = true;
    var button = form.querySelector("button[type=submit]");
    var label = button ? button.textContent : "";
    if (button) {
      button.disabled = true;
      button.textContent = "Sending…";
    }
    function done() {
      sending = false;
      if (button && button.isConnected) {
        button.disabled = false;
        button.textContent = label;
      }
    }
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      cache: "no-store",
      headers: { "X-Answer-In-Place": "1" }
    })
      .then(function (response) {
        var go = response.headers.get("X-Go");
        var address = response.headers.get("X-Page");
        if (go) {
          window.location.assign(go);
          return;
        }
        if (!address) {
          if (response.status >= 500) {
            done();
            say(form, "The server is busy for a moment and your answer wasn't saved. " +
              "Wait a few seconds, then press the button again.");
            return;
          }
          form.submit(); // anything else: as a browser without this script would send it
          return;
        }
        return response.text().then(function (html) {
          done();
          if (!show(html, address)) form.submit();
        });
      })
      .catch(function () {
        done();
        say(form, "Your answer couldn't be sent: check your connection, then press the " +
          "button again. Your choices are still here.");
      });
  });

  // "Next statement" on a feedback page: the next statement is already on the page, below;
  // the feedback makes way for it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-show-next]") : null;
    if (!link) return;
    var feedback = document.getElementById("feedback-part");
    if (!feedback || !document.getElementById("next-statement")) return;
    event.preventDefault();
    feedback.hidden = true;
    document.title = link.getAttribute("data-title") + " · Fact or allegation?";
    focusTop(document.getElementById("statement"));
  });

  // Back and Forward between pages shown in place: load the page at that address.
  window.addEventListener("popstate", function () {
    window.location.reload();
  });
})();
