// Empty boxes are left out of a search's URL, so that the link stays short to share.
document.addEventListener("submit", (event) => {
  for (const field of event.target.elements) {
    if (field.name && !field.value) field.disabled = true;
  }
});
// Coming back to a page (Back, from the browser's cache) finds its boxes usable again.
window.addEventListener("pageshow", () => {
  for (const field of document.querySelectorAll("form [disabled]")) field.disabled = false;
});
