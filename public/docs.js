// Renders /api/openapi.json with the vendored, pinned Swagger UI (no CDN; CSP script-src 'self').
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#docs",
    deepLinking: true,
    tryItOutEnabled: false,
  });
});
