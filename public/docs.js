// Renders /api/openapi.json with the vendored, pinned Swagger UI (no CDN; CSP script-src 'self').
// validatorUrl: null — otherwise, on any host but localhost, Swagger UI loads a badge from
// validator.swagger.io, which leaks the spec URL and is refused by the CSP.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#docs",
    deepLinking: true,
    tryItOutEnabled: false,
    validatorUrl: null,
  });
});
