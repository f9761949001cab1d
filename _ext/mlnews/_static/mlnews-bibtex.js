// One click (or Enter, or Space) copies a BibTeX entry, even while its block is folded.
// The button is in the page's HTML (hidden); it is shown only where the
// clipboard can be written, so it never appears as a button that does nothing.
// It follows the <details> it copies from (a button inside <summary> would be a
// control inside a control); a status line tells screen readers it worked.
document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) return;
  const buttons = document.querySelectorAll(".mlnews-bibtex-block > button.mlnews-bibtex-copy");
  if (!buttons.length) return;
  const status = document.createElement("div");
  status.className = "mlnews-visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);
  for (const button of buttons) {
    const label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", () => {
      const pre = button.parentElement.querySelector("details.mlnews-bibtex pre");
      navigator.clipboard.writeText(pre.textContent).then(() => {
        button.textContent = button.dataset.done;
        status.textContent = button.dataset.status || button.dataset.done;
        setTimeout(() => { button.textContent = label; }, 1500);
      });
    });
  }
});
