// Sharing without any third-party script. The share control's plain links work without
// JavaScript; here they follow the address as it is now (a section's #anchor, an explainer
// stage), and the device's own share sheet (Web Share API) and copy buttons appear where the
// browser has them. Each section link also copies its full address when clicked.
const TRACKING = /^(utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_ga)$/i;

function cleanAddress(address) {
  const url = new URL(address, window.location.href);
  for (const name of [...url.searchParams.keys()]) {
    if (TRACKING.test(name)) url.searchParams.delete(name);
  }
  return url.toString();
}

function currentAddress(control) {
  // The canonical address (no tracking parameters), plus where the reader is on the page.
  const base = control.dataset.shareUrl || cleanAddress(window.location.href).split("#")[0];
  return base.split("#")[0] + window.location.hash;
}

function announce(message) {
  const status = document.querySelector("[data-share-status]");
  if (!status) return;
  status.textContent = "";
  window.setTimeout(() => { status.textContent = message; }, 50);
}

async function copy(text) {
  if (!navigator.clipboard) return false;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (error) {
    return false;
  }
}

function refresh(control) {
  const url = currentAddress(control);
  const title = control.dataset.shareTitle || document.title;
  const field = control.querySelector("[data-share-field]");
  if (field) field.value = url;
  for (const link of control.querySelectorAll("[data-share-template]")) {
    link.href = link.dataset.shareTemplate
      .replace("{url}", encodeURIComponent(url))
      .replace("{title}", encodeURIComponent(title))
      .replace("{text}", encodeURIComponent(`${title} ${url}`));
  }
}

function setUp(control) {
  const nativeButton = control.querySelector("[data-share-native]");
  const copyButton = control.querySelector("[data-share-copy]");
  control.addEventListener("toggle", () => { if (control.open) refresh(control); });
  if (nativeButton && typeof navigator.share === "function") {
    nativeButton.hidden = false;
    nativeButton.addEventListener("click", async () => {
      try {
        await navigator.share({ title: control.dataset.shareTitle || document.title, url: currentAddress(control) });
      } catch (error) {
        // The reader closed the share sheet: nothing to do.
      }
    });
  }
  if (copyButton && navigator.clipboard) {
    copyButton.hidden = false;
    copyButton.addEventListener("click", async () => {
      refresh(control);
      const copied = await copy(currentAddress(control));
      if (copied) {
        announce("Link copied");
      } else {
        const field = control.querySelector("[data-share-field]");
        if (field) field.select();
        announce("Select the link and copy it");
      }
    });
  }
}

document.querySelectorAll("[data-share-control]").forEach(setUp);

document.addEventListener("click", async (event) => {
  const link = event.target.closest("[data-section-link]");
  if (!link) return;
  // The browser still follows the link (the address bar then shows it too); we also copy it.
  const control = document.querySelector("[data-share-control]");
  const base = control ? control.dataset.shareUrl : cleanAddress(window.location.href).split("#")[0];
  const address = base.split("#")[0] + link.hash;
  if (await copy(address)) announce("Link to this section copied");
});
