// /docs: Swagger UI (vendored, see vendor/README.md) over this server's /openapi.json.
"use strict";

window.addEventListener("DOMContentLoaded", () => {
  window.ui = window.SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    // No "validator badge": it would send the schema to an outside service.
    validatorUrl: null,
  });
});
