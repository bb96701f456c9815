// Offline reading (README "Offline reading"). Served at the site's root by core/offline/views.py,
// which puts `const OFFLINE = {...}` above this code: the content generation, the guide's pages,
// the paths never saved, the offline page and the note's words. A content change or a deploy
// changes those bytes, so the browser installs this worker again, which saves fresh copies
// and deletes the old ones.
//
// Pages: the network first, always; the saved copy only when the network fails (or the site
// answers with a server error), marked with the note "Saved for offline reading on <date>".
// Static files and images: the saved copy first (their names change when they do).
// Saved: a page only when it is public (not "private" or "no-store": pages with a form for
// personal details, anything an editor sees signed in), HTML, answered 200, with no query string,
// and not under a path the site never saves (the admin, documents, donations...).

/* global OFFLINE */
const PAGES = `mrdinfo-offline-${OFFLINE.version}`;
const SETTINGS = "mrdinfo-offline-settings";
const PREFIX = "mrdinfo-offline-";
const WANTS_GUIDE = new URL("offline-settings/wants-guide", self.registration.scope).href;
const SAVED_AT = "X-Offline-Saved-At";
const TITLE = "X-Offline-Title";
const scope = new URL(self.registration.scope);
const guidePages = OFFLINE.guide.pages.map((path) => new URL(path, scope).href);
const openedFrom = new Set(OFFLINE.guide.openedFrom.map((path) => new URL(path, scope).href));
const offlineUrl = new URL(OFFLINE.offlinePage, scope).href;
const saving = new Map(); // address -> the save under way, so two asks fetch it once

const sameOrigin = (url) => url.origin === scope.origin;
const neverSaved = (url) => OFFLINE.neverSave.some((path) => url.pathname.startsWith(path));
const isAsset = (url) => OFFLINE.assets.some((path) => url.pathname.startsWith(path));
const pageAddress = (url) => {
  const address = new URL(url);
  address.hash = "";
  return address.href;
};

function savable(response) {
  if (!response || response.status !== 200 || response.type !== "basic") return false;
  const url = new URL(response.url);
  if (!sameOrigin(url) || url.search || neverSaved(url)) return false;
  if (!(response.headers.get("Content-Type") || "").startsWith("text/html")) return false;
  return !/\b(private|no-store)\b/i.test(response.headers.get("Cache-Control") || "");
}

// The static files and images a page shows, found in its HTML: src, href and srcset values
// under the static or media address (links to other pages are not followed).
function assetsIn(html, base) {
  const found = new Set();
  for (const [, , value] of html.matchAll(/\s(src|href|srcset)="([^"]+)"/g)) {
    for (const candidate of value.split(",")) {
      const url = new URL(candidate.trim().split(/\s+/)[0].replaceAll("&amp;", "&"), base);
      if (sameOrigin(url) && isAsset(url)) found.add(url.href);
    }
  }
  return [...found];
}

async function saveAsset(cache, address) {
  if (await cache.match(address)) return;
  const response = await fetch(address, { credentials: "omit" });
  if (response.ok && response.type === "basic") await cache.put(address, response);
}

async function store(cache, response) {
  const html = await response.text();
  const address = pageAddress(response.url);
  await Promise.all(assetsIn(html, address).map((asset) => saveAsset(cache, asset).catch(() => {})));
  const headers = new Headers(response.headers);
  for (const name of ["Content-Length", "Content-Encoding", "Set-Cookie"]) headers.delete(name);
  headers.set(SAVED_AT, new Date().toISOString());
  const title = (html.match(/<title>([\s\S]*?)<\/title>/) || ["", ""])[1].replace(/\s+\|[^|]*$/, "").trim();
  headers.set(TITLE, encodeURIComponent(title));
  await cache.put(address, new Response(html, { status: 200, headers }));
  return true;
}

// Fetch a page as any visitor sees it (no cookies) and keep it with what it shows.
function save(address, cache) {
  if (!saving.has(address)) {
    const done = (async () => {
      const response = await fetch(address, { credentials: "omit", cache: "no-cache" });
      return savable(response) ? store(cache, response) : false;
    })().finally(() => saving.delete(address));
    saving.set(address, done);
  }
  return saving.get(address);
}

async function isSaved(cache, address) {
  return Boolean(await cache.match(address));
}

async function saveGuide(cache) {
  const settings = await caches.open(SETTINGS);
  await settings.put(WANTS_GUIDE, new Response("yes"));
  await Promise.all(
    guidePages.map(async (address) => (await isSaved(cache, address)) || save(address, cache).catch(() => false)),
  );
  return guideIsSaved(cache);
}

async function guideIsSaved(cache) {
  const saved = await Promise.all(guidePages.map((address) => isSaved(cache, address)));
  return saved.length > 0 && saved.every(Boolean);
}

async function earlierCache() {
  const names = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== PAGES && name !== SETTINGS);
  return names.length ? caches.open(names[names.length - 1]) : null;
}

// A new version (the content changed, or the code): save again every page the parent had
// saved, and the guide if they had opened it; a page that cannot be fetched now keeps its
// old copy (with its own date), so nothing they could read offline is lost.
async function install() {
  const cache = await caches.open(PAGES);
  if (!(await save(offlineUrl, cache))) throw new Error("The offline page could not be saved");
  const earlier = await earlierCache();
  const settings = await caches.open(SETTINGS);
  const wanted = await settings.match(WANTS_GUIDE);
  const before = earlier ? (await earlier.keys()).map((request) => request.url) : [];
  const pages = before.filter((address) => !isAsset(new URL(address)) && address !== offlineUrl);
  const addresses = [...new Set([...(wanted ? guidePages : []), ...pages])];
  await Promise.all(
    addresses.map(async (address) => {
      if (await save(address, cache).catch(() => false)) return;
      const old = earlier && (await earlier.match(address));
      if (!old) return;
      const html = await old.clone().text();
      await Promise.all(
        assetsIn(html, address).map(async (asset) => {
          const copy = await earlier.match(asset);
          if (copy) await cache.put(asset, copy);
        }),
      );
      await cache.put(address, old);
    }),
  );
}

self.addEventListener("install", (event) => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== PAGES && name !== SETTINGS) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const longDate = (date) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" }).format(date);

function dated(template, savedAt) {
  const date = new Date(savedAt);
  return template.replaceAll("{datetime}", date.toISOString().slice(0, 10)).replaceAll("{date}", longDate(date));
}

function rewritten(response, html) {
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  return new Response(html, { status: 200, headers });
}

// The saved copy, with the note at the top of its main content.
async function savedCopy(address) {
  const cache = await caches.open(PAGES);
  const saved = await cache.match(address);
  if (!saved) return null;
  const note = dated(OFFLINE.note, saved.headers.get(SAVED_AT));
  const html = (await saved.text()).replace(/<main\b[^>]*>/, (main) => main + note);
  return rewritten(saved, html);
}

// The offline page, listing the pages this device has saved.
async function offlinePage() {
  const cache = await caches.open(PAGES);
  const page = await cache.match(offlineUrl);
  if (!page) return Response.error();
  const items = [];
  for (const request of await cache.keys()) {
    const url = new URL(request.url);
    if (isAsset(url) || request.url === offlineUrl) continue;
    const saved = await cache.match(request);
    const title = decodeURIComponent(saved.headers.get(TITLE) || "") || url.pathname;
    const when = dated(OFFLINE.savedOn, saved.headers.get(SAVED_AT));
    items.push(`<li><a href="${escapeHtml(url.pathname)}">${title}</a> ${when}</li>`);
  }
  let html = await page.text();
  if (items.length) {
    const list = `<ul class="${OFFLINE.listClass}">${items.join("")}</ul>`;
    html = html.replace(/<!--saved-pages-->[\s\S]*<!--\/saved-pages-->/, list);
  }
  return rewritten(page, html);
}

async function pageFromNetwork(event) {
  const address = pageAddress(event.request.url);
  let response;
  try {
    response = await fetch(event.request);
  } catch {
    return (await savedCopy(address)) || offlinePage();
  }
  if (response.status >= 500) return (await savedCopy(address)) || response;
  if (savable(response)) {
    const copy = response.clone();
    event.waitUntil(caches.open(PAGES).then((cache) => store(cache, copy)).catch(() => {}));
  }
  return response;
}

async function assetFromCache(request) {
  const saved = await caches.match(request, { cacheName: PAGES });
  return saved || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || !sameOrigin(url) || neverSaved(url)) return; // the network, as usual
  if (request.mode === "navigate") event.respondWith(pageFromNetwork(event));
  else if (isAsset(url)) event.respondWith(assetFromCache(request));
});

// Each page tells the worker it was opened (offline.js): a page the worker did not fetch
// (the first visit, before it was installed) is saved now, and opening the guide's first page
// saves the whole guide. The answer says what is saved, for the page (and the tests).
self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "opened" || !event.source) return;
  const address = pageAddress(event.data.url);
  const url = new URL(address);
  if (!sameOrigin(url)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(PAGES);
      if (!url.search && !(await isSaved(cache, address))) await save(address, cache).catch(() => false);
      const guide = openedFrom.has(address) ? await saveGuide(cache) : await guideIsSaved(cache);
      event.source.postMessage({ type: "saved", generation: OFFLINE.generation, guide });
    })(),
  );
});
