// On every page: move the focus to a form's error summary, so that a refused form is announced and seen at once
// (on a phone it would otherwise be far above or below the button that was pressed); and wire the
// "Leave this page quickly" button of the reporting pages.
(function () {
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) {
    summary.focus();
    summary.scrollIntoView();
  }

  document.querySelectorAll("[data-leave-quickly]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      // Hide what was typed at once, then replace this page in the history: Back does not bring it back.
      document.body.hidden = true;
      window.location.replace(link.href);
    });
  });
})();

// The policy editor: the preview and the section checklist follow the typing (the server renders both, so they
// are exactly what people will read). Without script, Save shows them after saving.
(function () {
  var form = document.querySelector("[data-policy-editor]");
  var target = document.getElementById("policy-preview");
  if (!form || !target) return;
  var timer = null;
  form.querySelector("textarea").addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch(form.getAttribute("data-preview-url"), { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) { if (html !== null) target.innerHTML = html; });
    }, 400);
  });
})();
