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
    // Each numbered equation gets the anchor #eq-1.4 for links.
    tags: "ams",
    useLabelIds: false,
    tagformat: { id: (tag) => "eq-" + tag.replace(/\s/g, "_") },
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
  },
  startup: {
    // The anchor #eq-1.4 exists only once MathJax has run: scroll to it then.
    pageReady: () => MathJax.startup.defaultPageReady().then(scrollToEquation),
  },
};

function scrollToEquation() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (target) target.scrollIntoView({ block: "center" });
}
