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
  // A text as it is (a form's answer, exactly what its limit counts; a new API token).
  const text = event.target.closest("button[data-copy-text]");
  if (text) {
    const plain = text.dataset.copyText;
    const html = plain.split("\n").map((line) => `<p>${escapeHtml(line)}</p>`).join("");
    copyToClipboard(text, { html, plain });
  }
  if (event.target.closest("[data-print]")) window.print();
});

// --- entry templates ---
// Today's template buttons are links (?template=…) that fill the box on the server; here
// they fill it in place from their data attributes (the server's translated text). An empty
// box takes the template; a box with text keeps it and gets the template at the cursor, on
// lines of its own (Ctrl+Z takes it out again). The cursor then sits at its first blank.
function insertEntryTemplate(box, text, cursor) {
  const kept = box.value.trim() !== "";
  const start = kept ? box.selectionEnd : 0;
  const before = kept && start > 0 && box.value[start - 1] !== "\n" ? "\n" : "";
  const after = kept && start < box.value.length && box.value[start] !== "\n" ? "\n" : "";
  box.focus();
  if (kept) box.setSelectionRange(start, start);
  else box.select(); // only spaces: nothing to keep
  const inserted = before + text + after;
  if (!document.execCommand("insertText", false, inserted)) {
    box.setRangeText(inserted, box.selectionStart, box.selectionEnd, "end");
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }
  const caret = start + before.length + cursor;
  box.setSelectionRange(caret, caret);
}

document.addEventListener("click", (event) => {
  const choice = event.target.closest("a[data-template-text]");
  const box = choice && document.getElementById(choice.dataset.templateBox);
  if (!box || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  insertEntryTemplate(box, choice.dataset.templateText, Number(choice.dataset.templateCursor));
});

// A box the server filled from a template (?template=…, or a link opened in a new tab).
for (const box of document.querySelectorAll("textarea[data-template-cursor]")) {
  const cursor = Number(box.dataset.templateCursor);
  box.focus();
  box.setSelectionRange(cursor, cursor);
}

// --- keys+phone ---
// Shortcuts, listed in base.html's <dialog id="shortcuts"> ("?"): n writes a fact (Today's
// box; elsewhere Today opens with it), / searches the Feed, j/k move between entries, Esc
// cancels an entry's edit. Letters never fire while typing in a field, with Ctrl, Alt or
// Meta held, or over an open dialog; Ctrl+Enter (above) is left as it is.
const shortcutList = document.getElementById("shortcuts");
const FACT_BOX = "fact-text";
const FEED_FILTERS = "feed-filters";
// Feed's address after "/" elsewhere. No element has this id: one that had it would take the
// focus as the browser goes to it (HTML's focusing steps for the fragment), from the search.
const SEARCH_HASH = "#search-feed";
// A Russian (or any other) layout still gives the key's place on the keyboard.
const SHORTCUT_CODES = { KeyN: "n", KeyJ: "j", KeyK: "k", Slash: "/" };

function shortcutKey(event) {
  if (/^[a-z/?]$/.test(event.key)) return event.key;
  const key = SHORTCUT_CODES[event.code];
  if (key === "/" && event.shiftKey) return "?";
  return event.shiftKey ? undefined : key;
}

function isTyping(target) {
  return target instanceof Element
    && (target.isContentEditable || target.closest("input, textarea, select") !== null);
}

function focusFactBox() {
  const box = document.getElementById(FACT_BOX);
  if (box) box.focus();
  else window.location.assign(`${shortcutList.dataset.todayUrl}#${FACT_BOX}`);
}

function focusSearch() {
  const filters = document.getElementById(FEED_FILTERS);
  const search = filters?.querySelector("input[name=q]");
  if (!search) {
    window.location.assign(`${shortcutList.dataset.feedUrl}${SEARCH_HASH}`);
    return;
  }
  filters.open = true;  // folded on a phone
  search.focus();
  search.select();
}

// In the order the lists show: a phone puts Today's facts above its plans (app.css), and
// lists side by side (a desktop's plans and facts) keep the page's order.
function entriesAsShown() {
  const rows = [...document.querySelectorAll("main .entry")]
    .filter((row) => row.getClientRects().length > 0);
  const tops = new Map(rows.map((row) => [row.parentElement, 0]));
  for (const list of tops.keys()) tops.set(list, Math.round(list.getBoundingClientRect().top));
  return rows.sort((a, b) => tops.get(a.parentElement) - tops.get(b.parentElement));
}

function moveBetweenEntries(step) {
  const rows = entriesAsShown();
  if (!rows.length) return;
  const index = rows.indexOf(document.activeElement?.closest(".entry"));
  const next = index === -1
    ? (step > 0 ? 0 : rows.length - 1)
    : Math.min(rows.length - 1, Math.max(0, index + step));
  rows[next].tabIndex = -1;  // focusable from script, not a Tab stop
  rows[next].focus({ preventScroll: true });
  rows[next].scrollIntoView({ block: "nearest" });
}

const SHORTCUTS = {
  n: focusFactBox,
  "/": focusSearch,
  j: () => moveBetweenEntries(1),
  k: () => moveBetweenEntries(-1),
  "?": () => shortcutList.showModal(),
};

// Esc in an entry's edit form (or anywhere but a field, while one row alone is edited) does
// what its Cancel link does, the last link of its actions; the row then gets its focus back.
let refocusRow = null;

function cancelEdit(event) {
  // A row being edited is one holding its form: for its first 20 ms htmx gives a swapped-in
  // row the attributes of the row it replaced (for transitions), class included.
  let row = event.target instanceof Element ? event.target.closest(".entry") : null;
  if (!row?.querySelector(":scope > form")) row = null;
  if (!row && !isTyping(event.target)) {
    const editing = document.querySelectorAll("main .entry > form");
    if (editing.length === 1) row = editing[0].parentElement;
  }
  const cancel = row?.querySelector(".form-actions > a:last-of-type");
  if (!cancel) return;
  event.preventDefault();
  refocusRow = row.id;
  // htmx binds a swapped-in form's links only as it settles (20 ms on): an Escape that
  // comes sooner asks for the row itself rather than click a link htmx has not bound yet.
  const rowUrl = cancel.getAttribute("hx-get");
  if (rowUrl && window.htmx) htmx.ajax("GET", rowUrl, { target: row, swap: "outerHTML" });
  else cancel.click();
}

document.addEventListener("htmx:afterSettle", () => {
  const row = refocusRow && document.getElementById(refocusRow);
  if (!row || row.querySelector(":scope > form")) return;
  refocusRow = null;
  (row.querySelector('.entry__actions a[href$="/edit/"]') || row).focus();
});

if (shortcutList) {
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
    if (event.key === "Escape") {
      if (!shortcutList.open) cancelEdit(event);
      return;
    }
    if (isTyping(event.target) || document.querySelector("dialog[open]")) return;
    const action = SHORTCUTS[shortcutKey(event)];
    if (!action) return;
    event.preventDefault();
    action();
  });

  document.addEventListener("click", (event) => {
    const opener = event.target.closest("[data-shortcuts-open]");
    if (!opener) return;
    opener.closest("details")?.removeAttribute("open");
    shortcutList.showModal();
  });

  // Arriving from "n" or "/" on another page.
  if (window.location.hash === `#${FACT_BOX}`) document.getElementById(FACT_BOX)?.focus();
  if (window.location.hash === SEARCH_HASH && document.getElementById(FEED_FILTERS)) focusSearch();
}

// --- feed ---
// The "Entry deleted. Undo" line a delete leaves in #undo-status goes after its seconds
// (data-undo-seconds), later if the Undo button has focus; the server takes the Undo a
// little longer. "Entry restored." goes too. A newer line replaces the old one.
document.addEventListener("htmx:afterSettle", () => {
  const status = document.getElementById("undo-status");
  const shown = status?.querySelector(".undo-line:not([data-undo-timed])");
  if (!shown) return;
  shown.dataset.undoTimed = "";
  const clear = () => { if (shown.isConnected) status.replaceChildren(); };
  setTimeout(() => {
    if (shown.contains(document.activeElement)) shown.addEventListener("focusout", clear, { once: true });
    else clear();
  }, (Number(shown.dataset.undoSeconds) || 6) * 1000);
});
