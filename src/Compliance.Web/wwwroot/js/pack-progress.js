// The evidence pack's progress bar: asks where the pack has got to every two seconds and shows the chapter being
// written; when the pack is ready (or has failed) the page is loaded again to show it. Without script, the page
// has a link to refresh it by hand.
(function () {
  var box = document.getElementById("pack-progress");
  if (!box) return;
  var bar = document.getElementById("pack-bar");
  var chapter = document.getElementById("pack-chapter");
  function poll() {
    fetch(box.getAttribute("data-status-url"), { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) return;
        if (s.finished) { window.location.reload(); return; }
        bar.value = s.percent;
        bar.textContent = s.percent + "%";
        var text = s.status === "Queued" ? "Waiting to start" : "Writing: " + s.chapter + " (" + s.percent + "%)";
        if (chapter.textContent !== text) chapter.textContent = text;
      })
      .catch(function () { })
      .then(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 1000);
})();
