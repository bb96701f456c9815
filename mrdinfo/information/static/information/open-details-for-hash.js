// A link to something folded away opens it: the sources and review details are behind a
// <details> at the end of the page (includes/about_this_information.html), and a key figure's
// "Source" link (#source-…) or the contents list's "Sources and review dates" must show what
// they point at. Opens each <details data-open-for-hash> that holds the link's target, or that
// the target holds, then brings the target into view. Without script the section is still
// there and its summary opens on a tap.
function openFor(hash) {
  let id = hash.slice(1);
  if (!id) return;
  try {
    id = decodeURIComponent(id);
  } catch {
    return;
  }
  const target = document.getElementById(id);
  if (!target) return;
  let opened = false;
  for (const details of document.querySelectorAll("details[data-open-for-hash]")) {
    if (!details.open && (details.contains(target) || target.contains(details))) {
      details.open = true;
      opened = true;
    }
  }
  // The browser scrolled before the details opened: scroll again now the target has its place.
  if (opened) target.scrollIntoView();
}

openFor(window.location.hash);
window.addEventListener("hashchange", () => openFor(window.location.hash));
// A second tap on the same link changes no hash: open on the tap itself, before the browser scrolls.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest("a[href^='#']");
  if (link) openFor(link.hash);
});
