// On every page: move the focus to a form's error summary, so that a refused form is announced and seen at once
// (on a phone it would otherwise be far above or below the button that was pressed); and wire the
// "Leave this page quickly" button of the reporting pages.
(function () {
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) {
    summary.focus();
    summary.scrollIntoView();
  }

  // A table too wide for the screen scrolls inside its box: keyboard users must be able to reach and scroll it.
  function scrollableTables() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        var caption = wrap.querySelector("caption");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", caption ? caption.textContent.trim() + " (scrolls sideways)" : "Table (scrolls sideways)");
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  scrollableTables();
  window.addEventListener("resize", scrollableTables);

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
