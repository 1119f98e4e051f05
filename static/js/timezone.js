// Tell the server the browser's time zone, so a time the teacher types (a session's
// closing time) means their own clock: each hidden input marked data-utc-offset gets the
// minutes east of UTC at that moment. Without JavaScript the server's time zone is used.
(function () {
  "use strict";
  var fields = document.querySelectorAll("input[data-utc-offset]");
  function fill() {
    for (var i = 0; i < fields.length; i++) {
      var picker = fields[i].form && fields[i].form.querySelector('input[type="datetime-local"]');
      var when = picker && picker.value ? new Date(picker.value) : new Date();
      if (isNaN(when.getTime())) when = new Date();
      fields[i].value = String(-when.getTimezoneOffset());
    }
  }
  fill();
  document.addEventListener("change", fill);
  document.addEventListener("submit", fill, true);
})();
