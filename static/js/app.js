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

// Summary page: each section's "Edit" toggle shows the tools of its pieces (app.css).
document.addEventListener("click", (event) => {
  const toggle = event.target.closest("[data-edit-toggle]");
  if (!toggle) return;
  const pressed = toggle.getAttribute("aria-pressed") !== "true";
  toggle.setAttribute("aria-pressed", String(pressed));
  toggle.closest("[data-edit-section]")?.classList.toggle("is-editing", pressed);
});

// Citation marks ([1] [2]) open the cited entries under their point, that entry marked; the
// open mark again, or Escape, closes them, and the focus goes back to the mark.
function citeMarks(list) {
  return document.querySelectorAll(`.cite[aria-controls="${CSS.escape(list.id)}"]`);
}

function showCitation(list, number) {
  list.classList.toggle("is-open", number !== null);
  for (const mark of citeMarks(list)) {
    mark.setAttribute("aria-expanded", String(mark.dataset.cite === number));
  }
  for (const entry of list.querySelectorAll(".cite-entry")) {
    entry.classList.toggle("is-current", entry.dataset.cite === number);
  }
}

document.addEventListener("click", (event) => {
  const mark = event.target.closest(".cite");
  const list = mark && document.getElementById(mark.getAttribute("aria-controls"));
  if (!list) return;
  const open = mark.getAttribute("aria-expanded") === "true";
  showCitation(list, open ? null : mark.dataset.cite);
});

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const piece = event.target.closest?.(".piece");
  const list = piece?.querySelector(".cite-list.is-open");
  if (!list) return;
  const opener = [...citeMarks(list)].find((m) => m.getAttribute("aria-expanded") === "true");
  showCitation(list, null);
  (opener || citeMarks(list)[0])?.focus();
});

// "3 claims need a look" goes to the first flagged piece and focuses its first mark, whose
// reason then shows (app.css).
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-first-flag]");
  const piece = link && document.getElementById(link.hash.slice(1));
  if (!piece) return;
  const target = piece.querySelector(".claim-flag") || piece;
  if (target === piece) piece.setAttribute("tabindex", "-1");
  requestAnimationFrame(() => target.focus());
});

// Copy: the review as it reads (headings, narrative, context, points with their cited
// dates), as HTML for Docs or Word and as plain text; never its tools or flags.
const NOT_COPIED = [
  ".no-copy", ".no-print", ".piece__tools", ".cites", ".cite-list", ".piece__warning",
  ".claim-flag--note", ".badge", "button", "form", "script", "style", "template", "[hidden]",
].join(", ");

function copiedText(node) {
  let text = "";
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) text += child.textContent.replace(/\s+/g, " ");
    else if (child.nodeType !== Node.ELEMENT_NODE || child.matches(NOT_COPIED)) continue;
    else if (child.tagName === "BR") text += "\n";
    else text += copiedText(child);
  }
  return text;
}

function tidy(text) {
  return text.split("\n").map((line) => line.replace(/\s+/g, " ").trim()).join("\n").trim();
}

function copiedItems(list) {
  return [...list.children]
    .filter((item) => item.tagName === "LI" && !item.matches(NOT_COPIED))
    .map((item) => tidy(copiedText(item)))
    .filter(Boolean);
}

function copiedBlocks(node, blocks = []) {
  for (const child of node.children) {
    if (child.matches(NOT_COPIED)) continue;
    const tag = child.tagName.toLowerCase();
    if (/^h[1-6]$/.test(tag) || tag === "p" || child.hasAttribute("data-copy-block")) {
      const text = tidy(copiedText(child));
      if (text) blocks.push({ tag: tag.startsWith("h") ? tag : "p", text });
    } else if (tag === "ul" || tag === "ol") {
      const items = copiedItems(child);
      if (items.length) blocks.push({ tag: "ul", items });
    } else {
      copiedBlocks(child, blocks);
    }
  }
  return blocks;
}

function escapeHtml(text) {
  const entities = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
  return text.replace(/[&<>"]/g, (c) => entities[c]);
}

function reviewForClipboard() {
  const blocks = [];
  const title = document.querySelector("[data-copy-title]");
  if (title) blocks.push({ tag: "h1", text: tidy(copiedText(title)) });
  const root = document.querySelector("[data-copy-root]");
  if (root) copiedBlocks(root, blocks);
  const html = blocks.map((block) => block.items
    ? `<ul>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`
    : `<${block.tag}>${escapeHtml(block.text).replaceAll("\n", "<br>")}</${block.tag}>`);
  const plain = blocks.map((block) => block.items
    ? block.items.map((item) => `- ${item.replaceAll("\n", " ")}`).join("\n")
    : block.text);
  return { html: html.join("\n"), plain: plain.join("\n\n") };
}

// A week's card: its points, one "- point" per line (and as a list for Docs or Word).
function weekPointsForClipboard(button) {
  const list = button.closest(".week-card")?.querySelector(".bullets");
  const items = list ? copiedItems(list) : [];
  return {
    html: `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>`,
    plain: items.map((item) => `- ${item.replaceAll("\n", " ")}`).join("\n"),
  };
}

async function copyToClipboard(button, { html, plain }) {
  const status = button.parentElement.querySelector(".copy-status");
  let message = button.dataset.copied;
  try {
    if (!window.ClipboardItem || !navigator.clipboard.write) throw new Error("no ClipboardItem");
    await navigator.clipboard.write([new ClipboardItem({
      "text/html": new Blob([html], { type: "text/html" }),
      "text/plain": new Blob([plain], { type: "text/plain" }),
    })]);
  } catch {
    try {
      await navigator.clipboard.writeText(plain);
    } catch {
      message = button.dataset.copyFailed;
    }
  }
  if (status) {
    status.textContent = message;
    clearTimeout(status.clearing);
    status.clearing = setTimeout(() => { status.textContent = ""; }, 4000);
  }
}

document.addEventListener("click", (event) => {
  const copy = event.target.closest("[data-copy-review]");
  if (copy) copyToClipboard(copy, reviewForClipboard());
  const points = event.target.closest("[data-copy-points]");
  if (points) copyToClipboard(points, weekPointsForClipboard(points));
  if (event.target.closest("[data-print]")) window.print();
});
