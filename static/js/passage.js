// Selecting words in the article fills in the item's quote (pasting works as well).
document.addEventListener("DOMContentLoaded", function () {
  var article = document.getElementById("article-text");
  var quote = document.getElementById("quote");
  if (!article || !quote) return;
  function take() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed) return;
    if (!article.contains(selection.anchorNode) || !article.contains(selection.focusNode)) return;
    var text = selection.toString().replace(/\s+/g, " ").trim();
    if (text) {
      quote.value = text;
      quote.dispatchEvent(new Event("input"));
    }
  }
  article.addEventListener("mouseup", take);
  article.addEventListener("keyup", take);
  article.addEventListener("touchend", take);
});
