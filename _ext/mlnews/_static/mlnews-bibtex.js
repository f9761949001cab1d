// One click copies a BibTeX entry, even while its block is folded.
// The button is in the page's HTML (hidden); it is shown only where the
// clipboard can be written, so it never appears as a button that does nothing.
document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) return;
  for (const button of document.querySelectorAll("details.mlnews-bibtex button.mlnews-bibtex-copy")) {
    const label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", (event) => {
      // A click inside <summary> would also open or close the block.
      event.preventDefault();
      const pre = button.closest("details").querySelector("pre");
      navigator.clipboard.writeText(pre.textContent).then(() => {
        button.textContent = button.dataset.done;
        setTimeout(() => { button.textContent = label; }, 1500);
      });
    });
  }
});
