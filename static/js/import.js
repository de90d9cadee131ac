// --- upload (Settings' import) ---
// A file over the import's limit is refused here before it is sent, with the server's own
// sentence; the server checks the size again whatever this does.
(function () {
  if (window.perfImportLoaded) return;
  window.perfImportLoaded = true;
  document.addEventListener("change", function (event) {
    var input = event.target;
    var form = input.closest && input.closest("form[data-import-form]");
    if (!form || input.type !== "file") return;
    var file = input.files && input.files[0];
    var tooLarge = file && file.size > Number(form.dataset.maxBytes);
    input.setCustomValidity(tooLarge ? form.dataset.tooLarge : "");
    if (tooLarge) input.reportValidity();
  });
})();
