// chibo: small enhancements; every page works without JavaScript.
(function () {
  "use strict";
  // Filter forms marked data-autosubmit submit as soon as a select changes.
  document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
    select.addEventListener("change", function () {
      select.form.submit();
    });
  });
})();
