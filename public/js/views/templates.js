// Template browser: the catalogue as cards with a category filter and instant search; a
// template's page shows its graph and its customizable fields as a typed form.
import { api } from "../api.js";
import { h, put, toast, busy, chip, empty } from "../ui.js";
import { loadLooks } from "../look.js";
import { workflowPane } from "../workflowpane.js";

export async function list(el) {
  const [catalogue, looks] = await Promise.all([api("/api/templates"), loadLooks()]);
  const search = h("input", { type: "search", id: "template-search", placeholder: "Search templates, integrations, tags…", "aria-label": "Search templates", autocomplete: "off" });
  let category = "";
  const filters = h("div", { class: "filters", role: "group", "aria-label": "Category" },
    [{ name: "", count: catalogue.templates.length }, ...catalogue.categories].map((c) =>
      h("button", { type: "button", class: "filter", "aria-pressed": String(c.name === ""), dataset: { category: c.name },
        onclick: (ev) => {
          category = c.name;
          filters.querySelectorAll("button").forEach((b) => b.setAttribute("aria-pressed", String(b === ev.currentTarget)));
          show();
        } }, c.name || "All", h("span", { class: "count" }, String(c.count)))));
  const grid = h("div", { class: "cards", id: "template-grid" });
  const count = h("p", { class: "muted", id: "template-count", "aria-live": "polite" });

  const words = (t) => [t.name, t.display_name, t.description, t.category, ...(t.tags || []), ...(t.integrations || []).map((i) => looks.info(i).name)].join(" ").toLowerCase();
  const show = () => {
    const q = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const shown = catalogue.templates.filter((t) => (!category || t.category === category) && q.every((w) => words(t).includes(w)));
    count.textContent = `${shown.length} of ${catalogue.templates.length} templates`;
    put(grid, shown.length ? shown.map((t) => card(t, looks)) : empty("No template matches. Try another word, or describe what you need on the Generate page.", h("a", { href: "#/generate" }, "Generate a workflow")));
  };
  search.addEventListener("input", show);
  show();
  put(el, h("div", { class: "view-head" }, h("h1", {}, "Templates"), h("p", { class: "lede" }, "Ready-made Sim workflows. Open one to see its graph, adjust its settings and create your own copy.")),
    h("div", { class: "toolbar" }, search), filters, count, grid);
}

function card(t, looks) {
  const integrations = (t.integrations || []).filter((i) => i !== "starter");
  return h("article", { class: "card template-card", dataset: { name: t.name } },
    h("h2", {}, h("a", { href: `#/templates/${encodeURIComponent(t.name)}` }, t.display_name || t.name)),
    h("p", { class: "meta" }, chip(t.category, "cat"), chip(t.complexity || ""), h("span", { class: "muted small" }, `${t.block_count} blocks`)),
    h("p", { class: "desc" }, t.description),
    h("ul", { class: "integrations", "aria-label": "Integrations" }, integrations.map((i) => {
      const look = looks.look(i);
      const dot = h("span", { class: "dot", "aria-hidden": "true", dataset: { color: look.color } });
      dot.style.background = look.color;
      return h("li", {}, dot, looks.info(i).name);
    })));
}

export async function detail(el, name) {
  const t = await api(`/api/templates/${encodeURIComponent(name)}`);
  const pane = await workflowPane(t.state, { label: `${t.display_name} graph` });
  const form = h("form", { class: "form", id: "customize", novalidate: true });
  const nameInput = h("input", { id: "wf-name", name: "name", value: t.display_name || t.name, maxlength: "200", required: true });
  form.append(h("div", { class: "field-row" }, h("label", { for: "wf-name" }, "Workflow name"), nameInput, h("p", { class: "field-error", id: "err-name" })));
  const inputs = {};
  for (const f of t.customizable_fields || []) {
    inputs[f.key] = fieldInput(f);
    form.append(h("div", { class: "field-row" },
      h("label", { for: `cf-${f.key}` }, f.label || f.key, h("span", { class: "muted small" }, ` ${f.type}`)),
      inputs[f.key],
      f.description ? h("p", { class: "help", id: `help-${f.key}` }, f.description) : null,
      h("p", { class: "field-error", id: `err-${f.key}`, role: "alert" })));
  }
  const submit = h("button", { type: "submit", class: "primary" }, "Create workflow");
  form.append(h("div", { class: "actions" }, submit));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    form.querySelectorAll(".field-error").forEach((p) => { p.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach((i) => i.removeAttribute("aria-invalid"));
    const customizations = {};
    for (const f of t.customizable_fields || []) {
      const raw = valueOf(inputs[f.key]);
      if (raw === "" && (f.default === null || f.default === undefined)) continue;
      customizations[f.key] = f.type === "integer" && raw !== "" && /^-?\d+$/.test(raw) ? Number(raw) : raw;
    }
    busy(submit, "Creating…", async () => {
      try {
        const wf = await api(`/api/workflows/templates/${encodeURIComponent(t.name)}`, { method: "POST", json: { name: nameInput.value.trim() || null, customizations } });
        toast(`Created “${wf.name}”.`, "ok");
        location.hash = `#/workflows/${wf.id}`;
      } catch (err) {
        const key = (err.field || "").replace(/^body\.(customizations\.)?/, "");
        const target = key === "name" ? nameInput : inputs[key]?.querySelector?.("input") || inputs[key];
        if (target) {
          target.setAttribute("aria-invalid", "true");
          form.querySelector(`#err-${CSS.escape(key)}`).textContent = err.message;
          target.focus();
        }
        throw err;
      }
    });
  });
  put(el,
    h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, h("a", { href: "#/" }, "Templates"), " / ", t.category),
    h("div", { class: "view-head" }, h("h1", {}, t.display_name || t.name), h("p", { class: "lede" }, t.description),
      h("p", { class: "meta" }, chip(t.category, "cat"), chip(t.complexity || ""), chip(`v${t.version}`), ...(t.tags || []).map((x) => chip(`#${x}`, "tag")))),
    pane.el,
    h("section", { class: "panel customize", "aria-labelledby": "customize-title" }, h("h2", { id: "customize-title" }, "Customize and create"), form));
}

const valueOf = (el) => (el.matches("input, select, textarea") ? el : el.querySelector("input")).value;

function fieldInput(f) {
  const attrs = { id: `cf-${f.key}`, name: f.key, "aria-describedby": `help-${f.key} err-${f.key}` };
  const value = f.default ?? "";
  if (f.allowed && f.allowed.length) {
    return h("select", attrs, f.allowed.map((v) => h("option", { value: v, selected: String(v) === String(value) }, String(v))));
  }
  if (f.type === "text") return h("textarea", { ...attrs, rows: "4" }, String(value));
  if (f.type === "timezone" && Intl.supportedValuesOf) {
    const zones = h("datalist", { id: `zones-${f.key}` }, Intl.supportedValuesOf("timeZone").map((z) => h("option", { value: z })));
    const input = h("input", { ...attrs, value: String(value), list: `zones-${f.key}`, autocomplete: "off", spellcheck: "false" });
    return h("span", { class: "with-list" }, input, zones);
  }
  const types = { integer: "number", email: "email", url: "url", time: "time" };
  return h("input", {
    ...attrs, value: String(value), type: types[f.type] || "text",
    min: f.minimum ?? undefined, max: f.maximum ?? undefined, step: f.type === "integer" ? "1" : undefined,
    pattern: f.pattern || undefined, spellcheck: "false",
  });
}
