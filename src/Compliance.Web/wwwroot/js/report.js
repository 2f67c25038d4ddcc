// Copies the case reference and key on request. Without script the fields can still be selected and copied.
(function () {
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-copy").split(" ").map(function (id) {
        var field = document.getElementById(id);
        return field.getAttribute("aria-label") + ": " + field.value;
      }).join("\n");
      var status = document.querySelector(".copy-status");
      navigator.clipboard.writeText(text).then(function () {
        status.textContent = "Copied. Paste them somewhere only you can open.";
      }, function () {
        status.textContent = "Copying did not work. Select each field and copy it instead.";
      });
    });
  });
})();
