// My workflows: newest first, keyset pages, filters, semantic search (when the server has it)
// and "similar" links.
import { api, hasOperation } from "../api.js";
import { h, put, chip, fmt, empty, loading, toast } from "../ui.js";

export async function render(el) {
  const [canSearch, canSimilar, catalogue] = await Promise.all([
    hasOperation("post", "/api/workflows/semantic-search"), hasOperation("get", "/api/workflows/similar/{id}"), api("/api/templates"),
  ]);
  const q = h("input", { type: "search", id: "workflow-search", autocomplete: "off", "aria-label": canSearch ? "Search by meaning" : "Search by name",
    placeholder: canSearch ? "Search by meaning: “alert me when prices jump”" : "Search by name or description" });
  const category = h("select", { id: "filter-category", "aria-label": "Category" }, h("option", { value: "" }, "All categories"),
    catalogue.categories.map((c) => h("option", { value: c.name }, c.name)));
  const status = h("select", { id: "filter-status", "aria-label": "Status" }, h("option", { value: "" }, "Any status"),
    ["draft", "active", "archived"].map((s) => h("option", { value: s }, s)));
  const body = h("div", { id: "workflow-results", "aria-live": "polite" });
  const more = h("button", { type: "button", class: "ghost", id: "load-more", hidden: true }, "Load more");
  let cursor = null, seq = 0;

  const load = async (append = false) => {
    const mine = ++seq;
    if (!append) put(body, loading("Loading workflows…"));
    try {
      let rows, next = null, semantic = false;
      if (canSearch && q.value.trim()) {
        const r = await api("/api/workflows/semantic-search", { method: "POST", json: { query: q.value.trim(), limit: 20, category: category.value || undefined, status: status.value || undefined, kind: "workflow" } });
        rows = r.results; semantic = true;
      } else {
        const p = new URLSearchParams({ limit: "20" });
        if (q.value.trim()) p.set("q", q.value.trim());
        if (category.value) p.set("category", category.value);
        if (status.value) p.set("status", status.value);
        if (append && cursor) p.set("cursor", cursor);
        const r = await api(`/api/workflows?${p}`);
        rows = r.workflows; next = r.next_cursor;
      }
      if (mine !== seq) return;
      cursor = next;
      more.hidden = !next;
      const table = append ? body.querySelector("tbody") : null;
      const trs = rows.map((w) => row(w, semantic, canSimilar));
      if (table) table.append(...trs);
      else if (!rows.length) put(body, empty(q.value || category.value || status.value ? "Nothing matches these filters." : "No workflows yet. Start from a template, generate one or import Sim's exports.",
        h("p", {}, h("a", { href: "#/" }, "Browse templates"), " · ", h("a", { href: "#/generate" }, "Generate"), " · ", h("a", { href: "#/import" }, "Import"))));
      else put(body, h("table", { class: "list" }, h("thead", {}, h("tr", {}, ["Name", "Category", semantic ? "Match" : "Status", semantic ? "" : "Updated", ""].map((t) => h("th", { scope: "col" }, t)))), h("tbody", {}, trs)));
    } catch (err) {
      if (mine !== seq) return;
      put(body, h("p", { class: "error-text" }, err.message));
      toast(err.message);
    }
  };
  let timer = null;
  q.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => load(), 300); });
  category.addEventListener("change", () => load());
  status.addEventListener("change", () => load());
  more.addEventListener("click", () => load(true));
  put(el, h("div", { class: "view-head" }, h("h1", {}, "My workflows"), h("p", { class: "lede" }, "Everything created, generated or imported for this tenant.")),
    h("div", { class: "toolbar" }, q, category, status), body, more);
  await load();
}

function row(w, semantic, canSimilar) {
  const href = w.kind === "template" ? `#/templates/${encodeURIComponent(w.id)}` : `#/workflows/${encodeURIComponent(w.id)}`;
  return h("tr", { dataset: { id: w.id } },
    h("td", {}, h("a", { href, class: "wf-link" }, w.name), semantic ? matchedLine(w.matched) : null),
    h("td", {}, w.category ? chip(w.category, "cat") : "—"),
    h("td", {}, semantic ? fmt.pct(w.score) : chip(w.status || "—", w.status)),
    h("td", {}, semantic ? (w.kind === "template" ? chip("template") : "") : fmt.date(w.updated_at)),
    h("td", { class: "right" }, canSimilar && w.kind !== "template"
      ? h("button", { type: "button", class: "link similar-button", "aria-expanded": "false", onclick: (ev) => toggleSimilar(ev.currentTarget, w) }, "Similar") : null));
}

/** Why a search result matched: the query's words found in it (the score says how close it is). */
function matchedLine(m) {
  const words = Array.isArray(m?.text) ? m.text : Array.isArray(m) ? m : [];
  return words.length ? h("div", { class: "muted small" }, `matched: ${words.join(", ")}`) : null;
}

/** Opens a row under `w` listing the workflows most like it. */
async function toggleSimilar(button, w) {
  const tr = button.closest("tr");
  if (tr.nextElementSibling?.classList.contains("similar-row")) {
    tr.nextElementSibling.remove();
    button.setAttribute("aria-expanded", "false");
    return;
  }
  button.setAttribute("aria-expanded", "true");
  const cell = h("td", { colspan: "5" }, loading("Finding similar workflows…"));
  tr.after(h("tr", { class: "similar-row" }, cell));
  try {
    put(cell, similarList(await api(`/api/workflows/similar/${encodeURIComponent(w.id)}?limit=5`), w.name));
  } catch (err) {
    put(cell, h("p", { class: "error-text" }, err.message));
  }
}

export function similarList(answer, name) {
  const items = (answer.results || answer.similar || answer.workflows || []);
  if (!items.length) return h("p", { class: "muted" }, `Nothing similar to “${name}” yet.`);
  return h("ul", { class: "similar", "aria-label": `Similar to ${name}` }, items.map((r) => {
    const href = r.kind === "template" ? `#/templates/${encodeURIComponent(r.id)}` : `#/workflows/${encodeURIComponent(r.id)}`;
    return h("li", {}, h("a", { href }, r.name), r.kind === "template" ? chip("template") : null, r.category ? chip(r.category, "cat") : null,
      r.score != null ? h("span", { class: "muted small" }, ` ${fmt.pct(r.score)}`) : null);
  }));
}
