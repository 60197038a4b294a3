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

/** The coverage report: each top-level key as its own titled list. */
export function coverage(report) {
  if (!report || typeof report !== "object" || !Object.keys(report).length) return null;
  return h("section", { class: "panel coverage", "aria-labelledby": "coverage-title" },
    h("h2", { id: "coverage-title" }, "What was understood"),
    h("div", { class: "coverage-grid" }, Object.entries(report).map(([k, v]) =>
      h("div", { class: `coverage-part part-${k}` }, h("h3", {}, fmt.words(k)), anyValue(v)))));
}
