// Minimal landing page: service health and the template catalogue, read from the API.
async function getJSON(path) {
  const r = await fetch(path, { headers: { accept: "application/json" } });
  return { status: r.status, body: await r.json() };
}

function text(el, value) { el.textContent = value; return el; }

async function showHealth() {
  const el = document.getElementById("health");
  try {
    const { body } = await getJSON("/api/health");
    el.className = body.status;
    text(el, `${body.status} — database ${body.database.kind}, schema ${body.database.schema_version || "none"}` +
      (body.degraded.length ? ` (${body.degraded.join("; ")})` : ""));
    showBuild(body);
  } catch (e) { el.className = "down"; text(el, "unreachable"); }
}

// Footer: which build this is (health.deployment, database.schema_version, providers).
function showBuild(health) {
  const el = document.getElementById("build");
  if (!el || !health.deployment) return;
  const d = health.deployment;
  const providers = Object.entries(health.providers || {}).filter(([, on]) => on).map(([name]) => name);
  text(el, [
    d.environment,
    d.branch ? `branch ${d.branch}` : null,
    d.commit ? `commit ${d.commit.slice(0, 7)}` : null,
    `schema ${health.database.schema_version || "none"}`,
    `providers: ${providers.length ? providers.join(", ") : "none"}`,
  ].filter(Boolean).join(" · "));
  if (d.commit) el.title = d.commit;
}

async function showTemplates() {
  const list = document.getElementById("templates");
  try {
    const { status, body } = await getJSON("/api/templates");
    list.replaceChildren();
    if (status !== 200) { list.append(text(document.createElement("li"), body.error.message)); return; }
    if (!body.templates.length) { list.append(text(document.createElement("li"), "no templates yet")); return; }
    for (const t of body.templates) {
      const li = document.createElement("li");
      li.append(text(document.createElement("strong"), t.display_name || t.name));
      li.append(text(document.createElement("span"), t.category)); li.lastChild.className = "cat";
      li.append(text(document.createElement("div"), t.description));
      list.append(li);
    }
  } catch (e) { list.replaceChildren(text(document.createElement("li"), "templates unavailable")); }
}

showHealth();
showTemplates();
