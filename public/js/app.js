// The dashboard shell: hash routes → views, the health line, the API key dialog.
import { apiKey } from "./api.js";
import { h, put, toast, loading } from "./ui.js";

const routes = [
  [/^#?\/?$/, "templates", () => import("./views/templates.js").then((m) => m.list)],
  [/^#\/templates\/([^/]+)$/, "templates", () => import("./views/templates.js").then((m) => m.detail)],
  [/^#\/generate$/, "generate", () => import("./views/generate.js").then((m) => m.render)],
  [/^#\/workflows$/, "workflows", () => import("./views/workflows.js").then((m) => m.render)],
  [/^#\/workflows\/([^/]+)$/, "workflows", () => import("./views/workflow.js").then((m) => m.render)],
  [/^#\/import$/, "import", () => import("./views/import.js").then((m) => m.render)],
  [/^#\/analytics$/, "analytics", () => import("./views/analytics.js").then((m) => m.render)],
];

const main = document.getElementById("main");
let navToken = 0;
let firstRoute = true;

async function route() {
  const token = ++navToken;
  const hash = location.hash || "#/";
  const found = routes.find(([re]) => re.test(hash));
  document.querySelectorAll("#nav a[data-route]").forEach((a) => {
    if (found && a.dataset.route === found[1]) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  });
  closeMenu();
  if (!found) {
    put(main, h("section", { class: "view" }, h("h1", {}, "Not found"), h("p", {}, "No such page. "), h("a", { href: "#/" }, "Back to templates")));
    return;
  }
  put(main, loading());
  const params = found[0].exec(hash).slice(1).map(decodeURIComponent);
  try {
    const view = await found[2]();
    const el = h("section", { class: `view view-${found[1]}` });
    await view(el, ...params);
    if (token !== navToken) return;
    put(main, el);
    document.title = `${el.querySelector("h1")?.textContent || "Dashboard"} — Agent Forge`;
    if (!firstRoute) main.focus({ preventScroll: true });
    firstRoute = false;
    window.scrollTo(0, 0);
  } catch (err) {
    if (token !== navToken) return;
    put(main, h("section", { class: "view" }, h("h1", {}, "Could not load this page"), h("p", { class: "error-text" }, err.message || String(err))));
    toast(err.message || String(err));
  }
}

async function health() {
  const el = document.getElementById("health");
  try {
    const r = await fetch("/api/health", { headers: { accept: "application/json" } });
    const b = await r.json();
    el.className = `health ${b.status}`;
    el.textContent = `${b.status} — database ${b.database.kind}`;
    el.title = [`schema ${b.database.schema_version || "none"}`, ...(b.degraded || []), ...(b.notes || [])].join("\n");
  } catch {
    el.className = "health down";
    el.textContent = "unreachable";
  }
}

// The key dialog: opened by the API key button, or by api() on a 401.
const dialog = document.getElementById("key-dialog");
const input = document.getElementById("key-input");
let pending = null;
function askKey(reason) {
  document.getElementById("key-reason").textContent = reason || "Paste an API key to act as its tenant.";
  input.value = apiKey.get() || "";
  if (!dialog.open) dialog.showModal();
  input.focus();
  return new Promise((resolve) => { pending = resolve; });
}
function settle(value) {
  if (dialog.open) dialog.close();
  const done = pending;
  pending = null;
  done?.(value);
  refreshKeyButton();
}
document.getElementById("key-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const v = input.value.trim();
  if (!v) { input.focus(); return; }
  apiKey.set(v);
  toast("API key saved for this session.", "ok");
  const retrying = pending !== null; // a refused request is waiting to be sent again with the key
  settle(v);
  if (!retrying) route();
});
document.getElementById("key-cancel").addEventListener("click", () => settle(null));
document.getElementById("key-forget").addEventListener("click", () => { apiKey.set(null); settle(null); toast("API key forgotten.", "ok"); });
dialog.addEventListener("cancel", () => settle(null));
document.getElementById("key-button").addEventListener("click", () => askKey());
function refreshKeyButton() {
  const b = document.getElementById("key-button");
  b.textContent = apiKey.get() ? "API key ✓" : "API key";
  b.setAttribute("aria-label", apiKey.get() ? "API key set — change or forget it" : "Set an API key");
}
apiKey.onMissing(askKey);

// Phone layout: the nav folds behind a menu button.
const toggle = document.getElementById("menu-toggle");
function closeMenu() { toggle.setAttribute("aria-expanded", "false"); document.body.classList.remove("menu-open"); }
toggle.addEventListener("click", () => {
  const open = toggle.getAttribute("aria-expanded") !== "true";
  toggle.setAttribute("aria-expanded", String(open));
  document.body.classList.toggle("menu-open", open);
});

// The skip link would otherwise change the hash, which is this page's router.
document.querySelector(".skip").addEventListener("click", (ev) => { ev.preventDefault(); main.focus(); });

window.addEventListener("hashchange", route);
refreshKeyButton();
health();
route();
