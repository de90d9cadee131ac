// Ctrl+Enter (Cmd+Enter on a Mac) submits the form the text area belongs to.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
  const form = event.target.form;
  if (form) {
    event.preventDefault();
    form.requestSubmit();
  }
});

// A new account starts in the browser's time zone, so "Today" is right from the first entry.
for (const select of document.querySelectorAll("select[data-detect-time-zone]")) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && [...select.options].some((option) => option.value === zone)) select.value = zone;
}

// The server names rows whose look changed (a plan no longer done): re-render those shown,
// leaving alone any row that is being edited.
document.addEventListener("entry-rows-stale", (event) => {
  for (const id of event.detail.ids || []) {
    const row = document.getElementById(`entry-${id}`);
    if (row && row.dataset.rowUrl) {
      htmx.ajax("GET", row.dataset.rowUrl, { target: row, swap: "outerHTML" });
    }
  }
});

// Summary page: copy its Markdown, print it.
document.addEventListener("click", async (event) => {
  const copy = event.target.closest("[data-copy-from]");
  if (copy) {
    const response = await fetch(copy.dataset.copyFrom, { credentials: "same-origin" });
    await navigator.clipboard.writeText(await response.text());
    copy.textContent = copy.dataset.copied;
  }
  if (event.target.closest("[data-print]")) window.print();
});
