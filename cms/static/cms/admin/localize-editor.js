// wagtail-localize's translation editor writes two texts as literals of its JavaScript, out of
// reach of every catalogue: the heading "<source> to <target> translation" and the screen-reader
// label "More actions" of its action menus. The template that loads this script gives the
// admin's own words (data-title, with %(source)s and %(target)s; data-more-actions), the
// editor's props the two languages. They are replaced whenever the editor (re)renders them; only
// a text node's value changes, so React keeps its nodes. Wagtail loads scripts before the page's
// content: this one starts once the document is parsed.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.dataset.title) return;

  function start() {
    var editor = document.querySelector(".js-translation-editor");
    if (!editor || !editor.dataset.props) return;
    var props = JSON.parse(editor.dataset.props);
    var source = props.sourceLocale.displayName;
    var target = props.locale.displayName;
    var words = {};
    words[source + " to " + target + " translation"] = script.dataset.title
      .replace("%(source)s", source)
      .replace("%(target)s", target);
    words["More actions"] = script.dataset.moreActions || "More actions";

    function replace() {
      var walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      for (var text = walker.nextNode(); text; text = walker.nextNode()) {
        if (Object.prototype.hasOwnProperty.call(words, text.nodeValue)) {
          text.nodeValue = words[text.nodeValue];
        }
      }
    }

    new MutationObserver(replace).observe(editor, { childList: true, subtree: true });
    replace();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
