// The configurator (admin: Einbetten): every change of a choice shows its preview at once.
document.querySelector("[data-embed-configurator]")?.addEventListener("change", (event) => {
  event.currentTarget.requestSubmit();
});
