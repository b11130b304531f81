// chibo: the clocks of the live meeting screen. The server keeps the times; this only lets them run.
// An element [data-clock="S"] shows S seconds; with [data-running] it counts on from the moment the page
// (or the part htmx swapped in) showed it. [data-planned="P"] turns it red past P seconds;
// [data-format="minutes"] shows whole minutes.
(function () {
  "use strict";
  function two(n) {
    return (n < 10 ? "0" : "") + n;
  }
  function clock(seconds) {
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    return h ? h + ":" + two(m) + ":" + two(s) : two(m) + ":" + two(s);
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-clock][data-running]").forEach(function (el) {
      if (!el.chiboStart) {
        el.chiboStart = now;
      }
      var seconds = parseInt(el.getAttribute("data-clock"), 10) + Math.floor((now - el.chiboStart) / 1000);
      el.textContent = el.getAttribute("data-format") === "minutes" ? String(Math.floor(seconds / 60)) : clock(seconds);
      var planned = parseInt(el.getAttribute("data-planned") || "0", 10);
      if (planned && seconds > planned) {
        el.classList.add("text-danger");
      }
    });
  }
  tick();
  window.setInterval(tick, 1000);
  // After a speech is recorded (htmx swapped the screen in), the line is ready for the next one.
  var fromSpeech = false;
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    fromSpeech = !!(form && form.querySelector && form.querySelector("#id_live_summary"));
  });
  document.body.addEventListener("htmx:afterSettle", function () {
    var line = document.getElementById("id_live_summary");
    if (fromSpeech && line) {
      line.focus({ preventScroll: true });
    }
    fromSpeech = false;
  });
})();
