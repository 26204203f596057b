// The checkout page's only script: it hides up-sell pictures that cannot
// be loaded, and reports the exit intent (the mouse leaving the window)
// once; the server decides whether the exit offer shows, and the page
// reloads to show it.
(function () {
  "use strict";
  document.querySelectorAll("img.offer-picture").forEach(function (img) {
    function drop() { img.remove(); }
    if (img.complete && img.naturalWidth === 0) { drop(); } else { img.addEventListener("error", drop); }
  });
  var main = document.getElementById("checkout");
  if (!main || !main.dataset.exitUrl) { return; }
  var sent = false;
  function leave(e) {
    if (sent || e.relatedTarget) { return; }
    sent = true;
    fetch(main.dataset.exitUrl, { method: "POST" })
      .then(function (r) { return r.json(); })
      .then(function (state) {
        document.body.dataset.exitIntent = "sent";
        if (state.pending_offer === "exit") { window.location.reload(); }
      })
      .catch(function () { sent = false; });
  }
  document.addEventListener("mouseout", leave);
  document.documentElement.addEventListener("mouseleave", leave);
}());
