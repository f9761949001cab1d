// The sidebars' buttons on narrow screens. sphinx-book-theme puts its own "toggle
// primary sidebar" and "contents" buttons in the article's header, but
// pydata-sphinx-theme (0.20) opens its sidebar dialogs from the first
// .primary-toggle / .secondary-toggle of the page only: those of the site header,
// which sphinx-book-theme hides on narrow screens. There, the visible buttons did
// nothing, and the navigation could not be reached at all (by mouse, touch or
// keyboard). On narrow screens they now press the header's buttons; on wide ones
// sphinx-book-theme's own handler (folding the sidebar) is left alone.
document.addEventListener("DOMContentLoaded", () => {
  const narrow = window.matchMedia("(max-width: 991.98px)");
  for (const kind of ["primary-toggle", "secondary-toggle"]) {
    const opener = document.querySelector(`.${kind}`);
    if (!opener) continue;
    for (const button of document.querySelectorAll(`.bd-header-article .${kind}`)) {
      if (button === opener) continue;
      button.addEventListener("click", (event) => {
        if (!narrow.matches) return;
        event.preventDefault();
        opener.click();
      });
    }
  }
});
