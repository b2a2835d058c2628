// Accessibility repairs to Material's markup, applied on every page.
// - The search dialog gets an accessible name.
// - The small bar Material adds to each code block for its copy button is a
//   <nav>: dozens of unnamed navigation landmarks per chapter. It is not
//   navigation, so it leaves the landmark list (role "none").
// - A table wider than the page scrolls sideways; make exactly those
//   reachable by keyboard (arrow keys scroll a focused box), and name them.
//   The same for a code cell of a lab (a notebook page), whose box scrolls.
function mlbookRepair(root) {
  for (const dialog of root.querySelectorAll(".md-search[role=dialog]:not([aria-label])")) {
    dialog.setAttribute("aria-label", "Search");
  }
  for (const bar of root.querySelectorAll("nav.md-code__nav:not([role])")) {
    bar.setAttribute("role", "none");
  }
  for (const box of root.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])")) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Table, scrolls sideways");
    }
  }
  for (const box of root.querySelectorAll(".jupyter-wrapper .highlight-ipynb:not([tabindex])")) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Code, scrolls sideways");
    }
  }
}

mlbookRepair(document);
// Again when the theme adds markup (search results, code toolbars); not for
// what MathJax adds (mjx-* elements), batch after batch, which needs nothing.
new MutationObserver((mutations) => {
  const added = (node) => node.nodeType === 1 && !node.tagName.startsWith("MJX-");
  if (mutations.some((m) => [...m.addedNodes].some(added))) mlbookRepair(document);
}).observe(document.body, {
  childList: true,
  subtree: true,
});
