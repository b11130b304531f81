// chibo: a small calendar beside every dd/mm/yyyy date field (members.forms.DateInput, data-date).
// The field stays a text field in dd/mm/yyyy whatever the browser's language; the button opens the
// browser's own date picker on a hidden date input and writes the chosen day back as dd/mm/yyyy.
// Without JavaScript, or where the browser cannot open its picker, the text field works alone.
(function () {
  "use strict";
  var probe = document.createElement("input");
  probe.type = "date";
  if (probe.type !== "date" || typeof probe.showPicker !== "function") {
    return;
  }
  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }
  function toIso(text) {
    var m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text || "");
    return m ? m[3] + "-" + pad(+m[2]) + "-" + pad(+m[1]) : "";
  }
  var SVG = "http://www.w3.org/2000/svg";
  function calendarIcon() {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("fill", "currentColor");
    // Bootstrap Icons "calendar3" (MIT), drawn as one path.
    path.setAttribute(
      "d",
      "M14 0H2a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V2a2 2 0 0 0-2-2M1 3.857C1 3.384 1.448 3 2 3h12c.552 0 " +
        "1 .384 1 .857v10.286c0 .473-.448.857-1 .857H2c-.552 0-1-.384-1-.857z M6.5 7a1 1 0 1 0 0-2 1 1 0 0 0 0 2m3 " +
        "0a1 1 0 1 0 0-2 1 1 0 0 0 0 2m3 0a1 1 0 1 0 0-2 1 1 0 0 0 0 2m-9 3a1 1 0 1 0 0-2 1 1 0 0 0 0 2m3 0a1 1 0 1 " +
        "0 0-2 1 1 0 0 0 0 2m3 0a1 1 0 1 0 0-2 1 1 0 0 0 0 2m3 0a1 1 0 1 0 0-2 1 1 0 0 0 0 2m-9 3a1 1 0 1 0 0-2 1 1 0 " +
        "0 0 0 2m3 0a1 1 0 1 0 0-2 1 1 0 0 0 0 2m3 0a1 1 0 1 0 0-2 1 1 0 0 0 0 2"
    );
    svg.appendChild(path);
    return svg;
  }
  document.querySelectorAll("input[data-date]").forEach(function (input) {
    var wrap = document.createElement("div");
    wrap.className = "input-group date-group";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var native = document.createElement("input");
    native.type = "date";
    native.className = "date-native";
    native.tabIndex = -1;
    native.setAttribute("aria-hidden", "true");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-secondary date-button";
    button.setAttribute("aria-label", input.getAttribute("data-date") || "");
    button.title = input.getAttribute("data-date") || "";
    button.appendChild(calendarIcon());
    wrap.appendChild(native);
    wrap.appendChild(button);
    if (input.classList.contains("is-invalid")) {
      wrap.classList.add("is-invalid"); // keeps the field's error shown (app.css)
    }
    button.addEventListener("click", function () {
      native.value = toIso(input.value);
      try {
        native.showPicker();
      } catch (error) {
        input.focus();
      }
    });
    native.addEventListener("change", function () {
      var parts = native.value.split("-");
      if (parts.length === 3) {
        input.value = parts[2] + "/" + parts[1] + "/" + parts[0];
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  });
})();
