// claimwire's one script: the article page's reprocess button asks the
// API to extract the article's claims again, then reloads the page. The
// request is a same-origin POST without a body, as the API's guard wants.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("reprocess");
  if (!button) return;
  const out = document.getElementById("reprocess-result");
  button.addEventListener("click", async () => {
    button.disabled = true;
    out.textContent = "Reprocessing…";
    try {
      const resp = await fetch(button.dataset.url, { method: "POST" });
      const body = await resp.json();
      if (!resp.ok) throw new Error(body.error || resp.statusText);
      out.textContent = body.claims + " claims now; reloading…";
      window.location.reload();
    } catch (err) {
      out.textContent = "Reprocessing failed: " + err.message;
      button.disabled = false;
    }
  });
});
