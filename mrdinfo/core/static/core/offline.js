// Registers the offline-reading service worker (core/offline/service-worker.js) and tells it
// which page is open: it saves that page, and the whole guide when this is the guide's first
// page. <html data-offline-saved> then holds the content generation saved, and
// data-offline-guide="saved" once the guide is kept whole.
const script = document.querySelector("script[data-service-worker]");
const workers = navigator.serviceWorker;

if (script && workers && window.isSecureContext) {
  const tell = (worker) => worker && worker.postMessage({ type: "opened", url: window.location.href });
  workers.addEventListener("message", (event) => {
    if (!event.data || event.data.type !== "saved") return;
    document.documentElement.dataset.offlineSaved = String(event.data.generation);
    if (event.data.guide) document.documentElement.dataset.offlineGuide = "saved";
  });
  // A new worker (the content changed) takes over: it has saved fresh copies, so ask again.
  workers.addEventListener("controllerchange", () => tell(workers.controller));
  workers
    .register(script.dataset.serviceWorker, { scope: script.dataset.scope, updateViaCache: "none" })
    .then(() => workers.ready)
    .then((registration) => {
      tell(registration.active);
      // Has the content changed? Browsers also check when a page is opened, but may skip a
      // check that failed a moment ago (offline); unchanged, the answer is a 304 with no body.
      return registration.update();
    })
    .catch(() => {}); // no offline copies (private browsing, storage full): the site works as before
}
