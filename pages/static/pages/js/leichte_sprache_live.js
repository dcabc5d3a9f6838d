// Leichte-Sprache hints while writing, in wagtail-localize's translation editor (issue 20).
// Each text field being written is checked a moment after the last key stroke (and when it
// opens); its hints appear below it and stay after "Speichern". The rules live on the server
// (pages/leichte_sprache.py); this script only asks and shows.
(() => {
  const config = document.getElementById("leichte-sprache-live");
  if (!config) return;
  const url = config.dataset.url;
  const timers = new WeakMap();
  const boxes = new WeakMap();

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function boxFor(field) {
    let box = boxes.get(field);
    if (box && box.isConnected) return box;
    const value = field.parentElement;
    box = document.createElement("ul");
    box.className = "leichte-sprache-live help-block help-warning";
    box.setAttribute("role", "status");
    box.setAttribute("aria-live", "polite");
    box.setAttribute("aria-label", config.dataset.label);
    value.insertAdjacentElement("afterend", box);
    boxes.set(field, box);
    return box;
  }

  function show(field, hints) {
    const box = boxFor(field);
    box.replaceChildren(
      ...hints.map((hint) => {
        const item = document.createElement("li");
        item.textContent = hint;
        return item;
      }),
    );
    box.hidden = hints.length === 0;
  }

  async function check(field) {
    const body = new FormData();
    body.append("text", field.value);
    try {
      const response = await fetch(url, {
        method: "POST",
        body,
        headers: { "X-CSRFToken": csrfToken() },
        credentials: "same-origin",
      });
      if (!response.ok) return;
      const answer = await response.json();
      show(field, answer.hints);
    } catch (error) {
      // Offline for a moment: the hints come with the next key stroke or on reload.
    }
  }

  function isEditorField(target) {
    return target instanceof HTMLTextAreaElement && target.closest(".js-translation-editor");
  }

  function later(field) {
    clearTimeout(timers.get(field));
    timers.set(field, setTimeout(() => check(field), 300));
  }

  document.addEventListener("input", (event) => {
    if (isEditorField(event.target)) later(event.target);
  });
  document.addEventListener("focusin", (event) => {
    if (isEditorField(event.target) && event.target.value) later(event.target);
  });
})();
