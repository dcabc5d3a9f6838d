// Wagtail's autosave posts the edit form again in the background. After a click on a workflow
// button ("Freigeben") the form carries that action's hidden inputs, and the autosave would
// send the action a second time, beside the click's own submission. The server refuses such a
// request (editorial/approval.py); here the browser does not send it at all, so no refused
// request (a 400 in the console) and no second request racing the approval. The autosave's
// "save" event is cancelable: a cancelled save sends nothing.
(function () {
  "use strict";
  var ACTION_KEYS = [
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-cancel-workflow",
    "action-workflow-action",
  ];

  document.addEventListener("w-autosave:save", function (event) {
    var data = event.detail && event.detail.formData;
    if (!data || typeof data.has !== "function") return;
    if (ACTION_KEYS.some(function (key) { return data.has(key); })) event.preventDefault();
  });
})();
