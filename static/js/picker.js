// chibo: member pickers. A <select data-picker> becomes a searchable picker (Tom Select, vendored);
// without JavaScript it stays the plain select and the form works the same.
(function () {
  "use strict";
  if (typeof TomSelect === "undefined") {
    return;
  }
  function escapeText(text) {
    var div = document.createElement("div");
    div.textContent = text || "";
    return div.innerHTML;
  }
  document.querySelectorAll("select[data-picker]").forEach(function (select) {
    var noResults = select.getAttribute("data-no-results") || "";
    // Tom Select points the <label> at its own search box; the hidden select keeps its name.
    var label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
    if (label && !select.hasAttribute("aria-label")) {
      select.setAttribute("aria-label", label.textContent.replace("*", "").trim());
    }
    new TomSelect(select, {
      plugins: select.multiple ? ["remove_button", "checkbox_options"] : [],
      maxOptions: null,
      closeAfterSelect: !select.multiple,
      hidePlaceholder: false,
      placeholder: select.getAttribute("data-placeholder") || "",
      render: {
        no_results: function () {
          return '<div class="no-results">' + escapeText(noResults) + "</div>";
        },
      },
    });
  });
})();
