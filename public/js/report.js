// Shows the parts of an API answer whose exact shape may still grow (the coverage report, the
// analytics) generically: lists of strings become lists, objects become term/definition lists.
import { h, fmt } from "./ui.js";

export function anyValue(value, depth = 0) {
  if (value === null || value === undefined || value === "") return h("span", { class: "muted" }, "—");
  if (Array.isArray(value)) {
    if (!value.length) return h("span", { class: "muted" }, "none");
    return h("ul", { class: "plain" }, value.map((v) => h("li", {}, anyValue(v, depth + 1))));
  }
  if (typeof value === "object") {
    if (depth > 3) return h("code", {}, JSON.stringify(value));
    const message = value.message || value.text || value.reason;
    if (typeof message === "string" && Object.keys(value).length <= 4) {
      const rest = Object.entries(value).filter(([k, v]) => !["message", "text", "reason"].includes(k) && v !== null && typeof v !== "object");
      return h("span", {}, message, rest.length ? h("span", { class: "muted small" }, ` (${rest.map(([k, v]) => `${fmt.words(k).toLowerCase()}: ${v}`).join(", ")})`) : null);
    }
    return h("dl", { class: "kv" }, Object.entries(value).map(([k, v]) => [h("dt", {}, fmt.words(k)), h("dd", {}, anyValue(v, depth + 1))]));
  }
  if (typeof value === "boolean") return h("span", {}, value ? "yes" : "no");
  return h("span", {}, String(value));
}

/**
 * The coverage report `{blocks: [{block_id, name, type, operation, words}], unused, assumptions,
 * needs_input: [{block_id, block, field, reason}]}`; keys it does not know are shown generically.
 * `onBlock(id)` selects a block on the canvas.
 */
export function coverage(report, onBlock = null) {
  if (!report || typeof report !== "object" || !Object.keys(report).length) return null;
  const known = { blocks: understood, unused: plainList, assumptions: plainList, needs_input: toFill };
  const titles = { blocks: "Understood", unused: "Not used", assumptions: "Assumed", needs_input: "Still to fill in" };
  const notes = {
    blocks: "Each block and the words it came from.",
    unused: "Parts of the description no block carries — rephrase them or add the step by hand.",
    assumptions: "Choices made where the description did not say.",
    needs_input: "Settings the workflow needs before Sim can run it.",
  };
  const parts = Object.entries(report);
  return h("section", { class: "panel coverage", id: "coverage", "aria-labelledby": "coverage-title" },
    h("h2", { id: "coverage-title" }, "What was understood"),
    h("div", { class: "coverage-grid" }, parts.map(([k, v]) =>
      h("div", { class: `coverage-part part-${k}` },
        h("h3", {}, titles[k] || fmt.words(k), Array.isArray(v) ? h("span", { class: "count" }, ` ${v.length}`) : null),
        notes[k] ? h("p", { class: "muted small" }, notes[k]) : null,
        Array.isArray(v) && !v.length ? h("p", { class: "muted" }, "none") : (known[k] || anyValue)(v, onBlock)))));
}

function plainList(items) {
  return h("ul", { class: "plain" }, items.map((x) => h("li", {}, typeof x === "string" ? x : anyValue(x))));
}

function pick(id, label, onBlock) {
  return onBlock && id ? h("button", { type: "button", class: "link", onclick: () => onBlock(id, true) }, label) : h("strong", {}, label);
}

function understood(blocks, onBlock) {
  return h("ul", { class: "plain understood" }, blocks.map((b) => h("li", {},
    pick(b.block_id, b.name, onBlock), h("span", { class: "muted small" }, ` ${b.type}${b.operation ? ` · ${b.operation}` : ""}`),
    b.words ? h("q", { class: "words" }, b.words) : h("span", { class: "muted small" }, " (not traced to words)"))));
}

function toFill(items, onBlock) {
  return h("ul", { class: "plain to-fill" }, items.map((n) => h("li", {},
    pick(n.block_id, n.block, onBlock), " · ", h("code", {}, n.field), h("div", { class: "small" }, n.reason))));
}
