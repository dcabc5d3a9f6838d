// Wagtail's date pickers float below their field and cover what is under it (in the schedule
// dialog: the expiry field and the dialog's button; on the consent tab: the scope and the
// document). Here a picker opens beside its field where that covers no other control; else it
// stays below its field and the fields after it move down while it is open.
//
// A click elsewhere closes the picker on the button's press; the fields move back up only once
// the button is released, else the click's target has moved away from under the pointer between
// press and release and the click is lost (the consent document's chooser button, below the
// consent date, opened only on the second click).
(function () {
  "use strict";
  var GAP = 8;
  var CONTROLS = "input, select, textarea, button";
  var pressed = false; // a mouse button, finger or pen is down
  var afterRelease = [];

  function whenReleased(callback) {
    if (!pressed) return callback();
    afterRelease.push(callback);
  }

  function released() {
    pressed = false;
    // After the click that this release completes: it is dispatched in the same task.
    var callbacks = afterRelease.splice(0);
    window.setTimeout(function () {
      callbacks.forEach(function (callback) {
        callback();
      });
    }, 0);
  }

  document.addEventListener("pointerdown", function () { pressed = true; }, true);
  document.addEventListener("pointerup", released, true);
  document.addEventListener("pointercancel", released, true);

  function overlaps(a, b) {
    return a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
  }

  function coversAControl(picker, input) {
    var scope = input.closest("[role=dialog], form");
    if (!scope.length) scope = window.jQuery(document.body);
    var box = picker[0].getBoundingClientRect();
    return scope.find(CONTROLS).toArray().some(function (el) {
      if (el === input[0] || !el.getClientRects().length || picker[0].contains(el)) return false;
      return overlaps(box, el.getBoundingClientRect());
    });
  }

  function shift(picker, dx, dy) {
    picker.css({
      left: parseFloat(picker.css("left")) + dx,
      top: parseFloat(picker.css("top")) + dy,
      bottom: "",
    });
  }

  function place(picker) {
    var input = picker.data("input");
    if (!input || !input.length || !picker.is(":visible")) return;
    var field = input[0].getBoundingClientRect();
    var below = picker[0].getBoundingClientRect();
    if (field.right + GAP + below.width <= document.documentElement.clientWidth) {
      shift(picker, field.right + GAP - below.left, field.top - below.top);
      if (!coversAControl(picker, input)) return;
      shift(picker, below.left - (field.right + GAP), below.top - field.top);
    }
    // Below the field, with room made for it: the field's wrapper grows by the picker's height.
    var wrapper = input.closest(".w-field__wrapper, .w-field");
    if (!wrapper.length) wrapper = input.parent();
    wrapper.css("margin-bottom", below.height + GAP + "px");
    picker.data("es-room", wrapper);
    shift(picker, 0, field.bottom - below.top);
  }

  function unplace(picker) {
    var wrapper = picker.data("es-room");
    if (wrapper) wrapper.css("margin-bottom", "");
    picker.removeData("es-room");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var $ = window.jQuery;
    if (!$) return;
    // After the picker's own handlers, which put it below its field.
    $(document).on("open.xdsoft", ".xdsoft_datetimepicker", function () {
      var picker = $(this);
      unplace(picker);
      place(picker);
      // On the picker itself: its own close handler stops the event from bubbling.
      picker.off("close.xdsoft.es").on("close.xdsoft.es", function () {
        whenReleased(function () {
          if (!picker.is(":visible")) unplace(picker);
        });
      });
    });
    $(window).on("resize", function () {
      window.setTimeout(function () {
        $(".xdsoft_datetimepicker:visible").each(function () {
          unplace($(this));
          place($(this));
        });
      }, 0);
    });
  });
})();

// Wagtail's date pickers (jQuery xdsoft datetimepicker) rewrite a value they cannot read with
// their one format ("d.m.Y H:i") to the current time when the field loses focus: a typed
// "2026-12-24 10:00" became "now", and a scheduled portrait would have gone live at once.
// Typed values stay as typed; the server reads German and ISO dates and names the format when
// it cannot read one (cms/dates.py). Runs on load, after the picker's script, before any field
// starts one.
(function () {
  "use strict";
  var $ = window.jQuery;
  if ($ && $.fn.datetimepicker && $.fn.datetimepicker.defaults) {
    $.fn.datetimepicker.defaults.validateOnBlur = false;
  }
})();
