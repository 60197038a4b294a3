// Generate: a plain-language description → a stored workflow, with where it came from, time,
// tokens and money spent or saved, the validation result and the coverage report.
import { api } from "../api.js";
import { h, put, busy, toast, fmt, chip } from "../ui.js";
import { workflowPane } from "../workflowpane.js";
import { coverage } from "../report.js";

const EXAMPLES = [
  "Every weekday at 9am check the BTC price; if it is above 100000 post to Slack #crypto, otherwise email me at me@example.com",
  "When a GitHub pull request opens, review the diff with an agent and post the review as a comment",
  "For each new lead from the webhook, research the company with web search and route hot leads to #sales in Slack",
];

export async function render(el) {
  const text = h("textarea", { id: "description", name: "description", rows: "5", maxlength: "4000", required: true,
    placeholder: "Describe the workflow: when it runs, what it reads, what it decides, where results go…", "aria-describedby": "description-help" });
  const name = h("input", { id: "gen-name", name: "name", maxlength: "200", placeholder: "optional" });
  const submit = h("button", { type: "submit", class: "primary", id: "generate-button" }, "Generate workflow");
  const out = h("div", { id: "generation", "aria-live": "polite" });
  const form = h("form", { class: "form panel", id: "generate-form" },
    h("label", { for: "description" }, "What should the workflow do?"), text,
    h("p", { class: "help", id: "description-help" }, "Plain words. Name the trigger, the apps, the conditions and where results go."),
    h("div", { class: "examples" }, h("span", { class: "muted small" }, "Try: "),
      EXAMPLES.map((e, i) => h("button", { type: "button", class: "link small", onclick: () => { text.value = e; text.focus(); } }, `example ${i + 1}`))),
    h("div", { class: "field-row inline" }, h("label", { for: "gen-name" }, "Name"), name),
    h("div", { class: "actions" }, submit));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (text.value.trim().length < 3) { toast("Describe the workflow in a few words first."); text.focus(); return; }
    put(out, h("div", { class: "loading", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), "Generating — reading the description, composing blocks, validating…"));
    busy(submit, "Generating…", async () => {
      try {
        const answer = await api("/api/generate", { method: "POST", json: { description: text.value, name: name.value.trim() || null } });
        put(out, await result(answer));
      } catch (err) {
        put(out);
        throw err;
      }
    });
  });
  put(el, h("div", { class: "view-head" }, h("h1", {}, "Generate"), h("p", { class: "lede" }, "Describe a workflow; Agent Forge drafts the Sim state, checks it with the nine validators and stores it as a draft.")), form, out);
}

export async function result(answer) {
  const wf = answer.workflow, cache = answer.cache || {}, usage = answer.usage || {}, saved = cache.saved || {};
  const tokens = (usage.input_tokens || 0) + (usage.output_tokens || 0);
  const v = answer.validation || { valid: true, findings: [] };
  const pane = await workflowPane(wf.state, { findings: v.findings || [], label: `${wf.name} graph` });
  return h("div", { class: "generation-result" },
    h("div", { class: "result-head" },
      h("h2", {}, h("a", { href: `#/workflows/${wf.id}` }, wf.name)),
      h("a", { class: "button primary", href: `#/workflows/${wf.id}` }, "Open workflow")),
    h("div", { class: "stats", id: "generation-stats" },
      stat("Source", h("span", { class: `source ${answer.source}` }, answer.source), answer.reason),
      stat("Time", fmt.ms(answer.elapsed_ms)),
      stat("Tokens", fmt.int(tokens), usage.cache_read_tokens ? `${fmt.int(usage.cache_read_tokens)} read from prompt cache` : null),
      stat("Cost", fmt.usd(usage.cost_usd)),
      stat("Cache", cache.hit ? "hit" : "miss",
        cache.hit ? `similarity ${fmt.pct(cache.similarity)}; saved ${fmt.int(saved.tokens)} tokens, ${fmt.usd(saved.cost_usd)}, ${fmt.ms(saved.ms)}`
          : cache.stored ? "stored for next time" : null),
      stat("Validation", v.valid ? chip("valid", "ok") : chip("invalid", "bad"), `${(v.findings || []).length} finding(s)`)),
    coverage(answer.coverage, pane.showBlock),
    pane.el);
}

function stat(label, value, note) {
  return h("div", { class: "stat" }, h("span", { class: "stat-label" }, label), h("span", { class: "stat-value" }, value), note ? h("span", { class: "stat-note" }, note) : null);
}
