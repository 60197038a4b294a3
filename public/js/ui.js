// DOM helpers shared by every view: an element builder (no innerHTML, so API text is never
// parsed as markup), toasts, loading placeholders, number formats and file downloads.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

const SVG_NS = "http://www.w3.org/2000/svg";
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function toast(message, kind = "error") {
  const box = document.getElementById("toasts");
  const item = h("div", { class: `toast ${kind}`, role: kind === "error" ? "alert" : "status" },
    h("span", {}, message),
    h("button", { type: "button", class: "icon", "aria-label": "Dismiss", onclick: () => item.remove() }, "×"));
  box.append(item);
  setTimeout(() => item.remove(), kind === "error" ? 12000 : 5000);
  return item;
}

export function loading(label = "Loading…") {
  return h("div", { class: "loading", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), label);
}

export function empty(message, ...extra) {
  return h("div", { class: "empty" }, h("p", {}, message), ...extra);
}

/** Runs `task` with `button` disabled and relabelled; errors become toasts with the API's message. */
export async function busy(button, label, task) {
  const before = button.textContent;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  button.textContent = label;
  try {
    return await task();
  } catch (err) {
    toast(err.message || String(err));
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    button.textContent = before;
  }
}

export const fmt = {
  ms: (v) => (v == null ? "—" : v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`),
  usd: (v) => (v == null ? "—" : `$${Number(v).toFixed(Number(v) < 0.01 && v > 0 ? 5 : 4)}`),
  int: (v) => (v == null ? "—" : Number(v).toLocaleString("en-US")),
  pct: (v) => (v == null ? "—" : `${(Number(v) * 100).toFixed(1)}%`),
  date: (v) => (v ? new Date(v).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }) : "—"),
  words: (id) => String(id).replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").replace(/^./, (c) => c.toUpperCase()),
};

export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: filename, class: "hidden" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function chip(text, cls = "") {
  return h("span", { class: `chip ${cls}` }, text);
}

/** Clears `el` and appends the children. */
export function put(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A modal yes/no question (a <dialog>, keyboard-first: Escape cancels, focus starts on Cancel). */
export function confirmDialog(message, action = "Delete") {
  return new Promise((resolve) => {
    const cancel = h("button", { type: "button", class: "ghost" }, "Cancel");
    const ok = h("button", { type: "button", class: "danger" }, action);
    const dlg = h("dialog", { class: "confirm", "aria-label": action }, h("p", {}, message), h("div", { class: "actions" }, cancel, ok));
    const done = (v) => { dlg.close(); dlg.remove(); resolve(v); };
    cancel.addEventListener("click", () => done(false));
    ok.addEventListener("click", () => done(true));
    dlg.addEventListener("cancel", (ev) => { ev.preventDefault(); done(false); });
    document.body.append(dlg);
    dlg.showModal();
    cancel.focus();
  });
}
