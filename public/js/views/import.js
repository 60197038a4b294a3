// Import: Sim's CSV exports (several files at once — workflow, workflow_blocks, workflow_edges,
// workflow_subflows) or a Sim JSON/YAML file; progress; the per-file and per-row report with every
// finding's message; links to the imported workflows.
import { api } from "../api.js";
import { h, put, toast, chip, fmt } from "../ui.js";
import { anyValue } from "../report.js";

const DIRECT_LIMIT = 4_400_000; // Vercel's request body cap is 4.5 MB; larger files go through /api/imports

export async function render(el) {
  const input = h("input", { type: "file", id: "import-files", multiple: true, accept: ".csv,.json,.yaml,.yml,text/csv,application/json,application/yaml", class: "visually-hidden" });
  const drop = h("label", { class: "dropzone", for: "import-files", tabindex: "0", id: "dropzone" },
    h("strong", {}, "Drop Sim exports here"), h("span", {}, "or press to choose files — CSV exports of workflow, workflow_blocks, workflow_edges, workflow_subflows; Sim JSON or YAML"));
  const chosen = h("ul", { class: "chosen", id: "chosen-files" });
  const start = h("button", { type: "button", class: "primary", id: "import-button", disabled: true }, "Import");
  const progress = h("div", { id: "import-progress", "aria-live": "polite" });
  const report = h("div", { id: "import-report" });
  let files = [];

  const pick = (list) => {
    files = [...list];
    put(chosen, files.map((f) => h("li", {}, h("span", { class: "fname" }, f.name), h("span", { class: "muted small" }, ` ${fmt.int(Math.ceil(f.size / 1024))} KB`))));
    start.disabled = !files.length;
  };
  input.addEventListener("change", () => pick(input.files));
  drop.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); input.click(); } });
  for (const name of ["dragenter", "dragover"]) drop.addEventListener(name, (ev) => { ev.preventDefault(); drop.classList.add("over"); });
  for (const name of ["dragleave", "drop"]) drop.addEventListener(name, () => drop.classList.remove("over"));
  drop.addEventListener("drop", (ev) => { ev.preventDefault(); pick(ev.dataTransfer.files); });

  start.addEventListener("click", async () => {
    start.disabled = true;
    put(report);
    const small = files.filter((f) => f.size <= DIRECT_LIMIT), large = files.filter((f) => f.size > DIRECT_LIMIT);
    const merged = { imported: [], rejected: [] };
    try {
      if (small.length) {
        put(progress, bar(null, `Uploading and importing ${small.length} file(s)…`));
        const form = new FormData();
        small.forEach((f) => form.append("files", f, f.name));
        const r = await api("/api/workflows/import", { method: "POST", form });
        merged.imported.push(...r.imported);
        merged.rejected.push(...r.rejected);
      }
      for (const f of large) {
        const r = await bigImport(f, progress);
        merged.imported.push(...(r.imported || []));
        merged.rejected.push(...(r.rejected || []));
      }
      put(progress, bar(1, "Done."));
      put(report, await reportView(merged));
      toast(`Imported ${merged.imported.length} workflow(s), ${merged.rejected.length} rejected.`, merged.rejected.length ? "error" : "ok");
    } catch (err) {
      put(progress, h("p", { class: "error-text" }, err.message));
      toast(err.message);
      // "nothing was imported": the error's details are the rejected rows, each with file and line.
      const rows = (err.details || []).filter((d) => d.file && d.reason);
      if (rows.length || merged.imported.length) put(report, await reportView({ imported: merged.imported, rejected: [...merged.rejected, ...rows] }));
    } finally {
      start.disabled = !files.length;
    }
  });

  put(el, h("div", { class: "view-head" }, h("h1", {}, "Import"), h("p", { class: "lede" }, "Bring workflows over from Sim: its table exports from Supabase (select all four at once), or a workflow's JSON or YAML export.")),
    h("div", { class: "panel" }, input, drop, chosen, h("div", { class: "actions" }, start)), progress, report);
}

function bar(fraction, label) {
  const attrs = { max: "1" };
  if (fraction != null) attrs.value = String(fraction);
  return h("div", { class: "progress" }, h("progress", { ...attrs, "aria-label": "Import progress" }), h("span", {}, label));
}

/** Over 4.5 MB: a signed upload, then `run` until the server says it is done. */
async function bigImport(file, progress) {
  put(progress, bar(null, `${file.name}: asking for an upload URL…`));
  const ticket = await api("/api/imports", { method: "POST", json: { filename: file.name, content_type: file.type || "text/csv" } });
  put(progress, bar(null, `${file.name}: uploading ${fmt.int(Math.ceil(file.size / 1048576))} MB…`));
  let up;
  try {
    up = await fetch(ticket.upload_url, { method: ticket.method || "PUT", headers: ticket.headers || {}, body: file });
  } catch {
    // The page's CSP (connect-src 'self') lets the browser talk to this site only.
    throw new Error(`${file.name}: the browser may not upload to ${new URL(ticket.upload_url, location.href).origin} from this page; ` +
      "import files over 4.4 MB with `python -m lib import FILE`, or split the export.");
  }
  if (!up.ok) throw new Error(`${file.name}: the upload was refused (HTTP ${up.status}).`);
  for (;;) {
    const r = await api(`/api/imports/${encodeURIComponent(ticket.id)}/run`, { method: "POST", raw: true });
    const body = await r.json();
    if (r.status !== 202) return body.report || body;
    const p = body.progress || body;
    const frac = p.bytes_total ? p.bytes_done / p.bytes_total : p.fraction ?? null;
    const what = p.status === "indexing"
      ? `${fmt.int(p.workflows_imported)} workflows stored, indexing them for search`
      : `${p.rows_done != null ? `${fmt.int(p.rows_done)} rows, ` : ""}${p.workflows_done != null ? `${fmt.int(p.workflows_done)} workflows` : "importing"}`;
    put(progress, bar(frac, `${file.name}: ${what}…`));
  }
}

const DETAILS_CAP = 60; // workflows whose stored record is read for its file and findings

/** The report per file: the workflows each file gave (every finding's message) and its rejected rows. */
async function reportView(r) {
  const details = await Promise.all(r.imported.map(async (w, i) => {
    const given = Array.isArray(w.findings) ? w.findings : null;
    if (i >= DETAILS_CAP) return { w, file: null, findings: given || [] };
    try {
      const full = await api(`/api/workflows/${encodeURIComponent(w.id)}`, { fresh: true });
      return { w, file: full.metadata?.import?.file || null, findings: given || full.metadata?.validation?.findings || [] };
    } catch { return { w, file: null, findings: given || [] }; }
  }));
  const files = new Map();
  const slot = (name) => {
    if (!files.has(name)) files.set(name, { workflows: [], rejected: [] });
    return files.get(name);
  };
  for (const d of details) slot(d.file || "this upload").workflows.push(d);
  for (const x of r.rejected) slot(x.file || "this upload").rejected.push(x);
  return h("section", { class: "panel report", "aria-labelledby": "report-title" },
    h("h2", { id: "report-title" }, "Report"),
    h("p", {}, `${r.imported.length} workflow(s) imported, ${r.rejected.length} row(s) or file(s) rejected.`),
    [...files.entries()].map(([name, f]) => h("section", { class: "report-file", dataset: { file: name } },
      h("h3", {}, h("span", { class: "fname" }, name), h("span", { class: "muted small" }, ` — ${f.workflows.length} workflow(s), ${f.rejected.length} rejected`)),
      f.workflows.length ? h("ul", { class: "imported" }, f.workflows.map(workflowItem)) : null,
      f.rejected.length ? h("table", { class: "list rejected" }, h("caption", {}, "Rejected"),
        h("thead", {}, h("tr", {}, ["Line", "Reason"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, f.rejected.map((x) => h("tr", {}, h("td", {}, x.line ?? "—"), h("td", {}, x.reason))))) : null)));
}

function workflowItem({ w, findings }) {
  return h("li", { class: "imported-item", dataset: { id: w.id } },
    h("div", { class: "line" }, h("a", { href: `#/workflows/${encodeURIComponent(w.id)}` }, w.name), " ", w.valid ? chip("valid", "ok") : chip("invalid", "bad"),
      w.created === false ? chip("updated") : null, w.source ? h("span", { class: "muted small" }, ` ${w.source}`) : null),
    findings.length ? h("ul", { class: "findings compact" }, findings.map((f) => h("li", { class: `finding ${f.severity}` },
      h("span", { class: `sev ${f.severity}` }, f.severity), h("span", { class: "msg" }, f.message), h("code", { class: "path" }, f.path)))) : null,
    (w.assumptions || []).length ? h("details", {}, h("summary", {}, `${w.assumptions.length} assumption(s)`), anyValue(w.assumptions)) : null);
}
