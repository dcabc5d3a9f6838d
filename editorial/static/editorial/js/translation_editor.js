// "Zur Freigabe einreichen" in wagtail-localize's translation editor (issue 20;
// editorial/translation_editor.py). Its footer is drawn by a React app: once it is there, the
// button from the <template> joins its form. For those who may not publish it becomes the main
// button, and the action wagtail-localize put there ("Löschen", say) moves into the "…" menu.
(() => {
  const template = document.getElementById("translation-submit");
  if (!template) return;

  function place() {
    const menu = document.querySelector(".js-translation-editor footer .w-dropdown-button");
    if (!menu) return false;
    const more = menu.querySelector("[data-w-dropdown-target=content]");
    const button = template.content.firstElementChild.cloneNode(true);
    if (template.dataset.main === "true") {
      const current = menu.firstElementChild;
      if (current && more && !current.classList.contains("w-dropdown")) {
        current.classList.add("action-secondary");
        more.prepend(current);
      }
      menu.prepend(button);
    } else if (more) {
      more.prepend(button);
    }
    return true;
  }

  if (!place()) {
    const observer = new MutationObserver(() => {
      if (place()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }
})();
