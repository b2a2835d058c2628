// MathJax configuration for every page. MathJax itself is served from
// assets/mathjax/ (see overrides/hooks/mathjax.py); nothing comes from a CDN.
// Every page is a full load (navigation.instant is off), so MathJax typesets
// each page once as it starts.
//
// Only the components the book uses are loaded, by startup.js: the TeX input
// with the packages below, the HTML output and the hidden MathML that screen
// readers read. The combined tex-chtml.js would also bring the context menu,
// 426 KB of the page's first load, which the book does not use.
window.MathJax = {
  loader: {
    load: [
      "input/tex-base", "[tex]/ams", "[tex]/newcommand", "[tex]/noundefined",
      "[tex]/configmacros", "[tex]/require", "[tex]/autoload", "[tex]/tagformat",
      "output/chtml", "a11y/assistive-mml",
    ],
  },
  tex: {
    packages: { "[+]": ["ams", "newcommand", "noundefined", "configmacros", "require",
                        "autoload", "tagformat"] },
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
// reachable by keyboard (arrow keys scroll a focused box), and name them. An
// inline formula cannot break across lines, so one wider than its paragraph
// (on a phone) becomes a scrolling line of its own instead of widening the page.
function focusableWhenScrolling() {
  for (const span of document.querySelectorAll(".md-typeset span.arithmatex")) {
    const formula = span.querySelector("mjx-container") || span;
    let block = span.parentElement;  // the nearest ancestor with a width of its own
    while (block && block.clientWidth === 0) block = block.parentElement;
    const room = block ? block.clientWidth : Infinity;
    span.classList.toggle("mlbook-wide", formula.getBoundingClientRect().width > room + 1);
  }
  const boxes = ".md-typeset div.arithmatex, .md-typeset span.arithmatex.mlbook-wide";
  for (const box of document.querySelectorAll(boxes)) {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute("tabindex")) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      const number = box.parentElement.querySelector(".mlbook-eq-number");
      box.setAttribute("aria-label", number ? "Equation " + number.textContent : "Formula");
    }
  }
}

let resizing;
window.addEventListener("resize", () => {
  clearTimeout(resizing);
  resizing = setTimeout(focusableWhenScrolling, 200);
});

// Typesetting changes the page's height: scroll to a linked equation again.
function scrollToEquation() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (target) target.scrollIntoView({ block: "center" });
}
