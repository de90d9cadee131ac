// Ctrl+Enter (Cmd+Enter on a Mac) submits the form the text area belongs to.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
  const form = event.target.form;
  if (form) {
    event.preventDefault();
    form.requestSubmit();
  }
});
