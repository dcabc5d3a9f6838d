// Wagtail's date pickers (jQuery xdsoft datetimepicker) rewrite a value they cannot read with
// their one format ("d.m.Y H:i") to the current time when the field loses focus: a typed
// "2026-12-24 10:00" became "now", and a scheduled portrait would have gone live at once.
// Typed values stay as typed; the server reads German and ISO dates and names the format when
// it cannot read one (cms/dates.py). Loaded after the picker, before any field starts one.
(function () {
  "use strict";
  var $ = window.jQuery;
  if ($ && $.fn.datetimepicker && $.fn.datetimepicker.defaults) {
    $.fn.datetimepicker.defaults.validateOnBlur = false;
  }
})();
