// MathJax configuration for every page. MathJax itself is served from
// assets/mathjax/ (see overrides/hooks/mathjax.py); nothing comes from a CDN.
// Every page is a full load (navigation.instant is off), so MathJax typesets
// each page once as it starts.
window.MathJax = {
  loader: { load: ["[tex]/tagformat"] },
  tex: {
    packages: { "[+]": ["tagformat"] },
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
    // Equations carry explicit numbers, \tag{1.4}, so a citation never moves.
    // The build wraps each numbered equation in an element with the id
    // eq-1.4 and prints its number beside it (overrides/bookengine/equations.py),
    // so \eqref links point there; MathJax's own copy of the tag is hidden.
    tags: "ams",
    useLabelIds: false,
    tagformat: {
      id: (tag) => "mjx-eq-" + tag.replace(/\s/g, "_"),
      url: (id, base) => base + "#" + encodeURIComponent(id.replace(/^mjx-/, "")),
    },
    // --8<-- [start:macros]
    macros: {
      R: "\\mathbb{R}",                          // the real numbers
      T: "\\mathsf{T}",                          // transpose: X^\T
      norm: ["\\left\\lVert #1 \\right\\rVert", 1],
      xs: ["x^{(#1)}", 1],                       // the i-th example: \xs{i}
      ys: ["y^{(#1)}", 1],                       // its target: \ys{i}
      htheta: "h_\\theta",                       // the hypothesis
      grad: "\\nabla_{\\theta}",                 // gradient with respect to theta
      layer: ["#1^{(#2)}", 2],                   // \layer{a}{l} is a^{(l)}
    },
    // --8<-- [end:macros]
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
    // No context menu: it puts every formula in the Tab order and loads
    // extensions the site does not serve.
    enableMenu: false,
  },
  startup: {
    pageReady: () =>
      MathJax.startup.defaultPageReady().then(() => {
        focusableWhenScrolling();
        scrollToEquation();
      }),
  },
};

// A display formula wider than the page scrolls sideways; make exactly those
// reachable by keyboard (arrow keys scroll a focused box), and name them.
function focusableWhenScrolling() {
  for (const box of document.querySelectorAll(".md-typeset div.arithmatex")) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      const number = box.parentElement.querySelector(".mlbook-eq-number");
      box.setAttribute("aria-label", number ? "Equation " + number.textContent : "Equation");
    }
  }
}

// Typesetting changes the page's height: scroll to a linked equation again.
function scrollToEquation() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (target) target.scrollIntoView({ block: "center" });
}
