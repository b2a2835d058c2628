// MathJax configuration for every page. MathJax itself is served from
// assets/mathjax/ (see overrides/hooks/mathjax.py); nothing comes from a CDN.
// Every page is a full load (navigation.instant is off).
//
// Typesetting a whole chapter at once is one main-thread task of several
// seconds on a phone, during which the page is frozen and shows raw TeX. So
// MathJax does not typeset the page as it starts (startup.typeset is false):
// mlbookTypeset, below, typesets the formulas in small batches, each its own
// task of about 30 ms, those on screen (and just below it) first, then the
// rest of the page in reading order, yielding to the browser between batches.
// Before printing, whatever is left is typeset at once. The inline citations
// of equations, (4.2), are plain links made by the build, not MathJax.
//
// Two kinds of page hold math. A chapter's formulas are the elements that
// pymdownx.arithmatex marks with the class "arithmatex", delimited by \( \)
// and \[ \]. A lab (a notebook page made by mkdocs-jupyter) keeps its
// Markdown cells' math as written in Jupyter, between $ and $$, inside the
// elements of class "jp-RenderedMarkdown". MathJax reads only those two kinds
// of element: every element with a class is skipped unless it is one of them,
// and an element without a class (a paragraph, a list item) is read only
// inside one of them. So a dollar sign anywhere else on a page stays a dollar
// sign. (The notebook page also carries a MathJax 2 configuration of its own,
// which MathJax 3 ignores.)
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
    inlineMath: [["\\(", "\\)"], ["$", "$"]],
    displayMath: [["\\[", "\\]"], ["$$", "$$"]],
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
      // Bars of one fixed size: \left\lVert ... \right\rVert drew small, widely
      // spaced bars around a short argument, and two sizes in one formula.
      norm: ["\\lVert #1\\rVert", 1],          // \norm{w}
      xs: ["x^{(#1)}", 1],                       // the i-th example: \xs{i}
      ys: ["y^{(#1)}", 1],                       // its target: \ys{i}
      htheta: "h_\\theta",                       // the hypothesis
      grad: "\\nabla_{\\theta}",                 // gradient with respect to theta
      layer: ["#1^{(#2)}", 2],                   // \layer{a}{l} is a^{(l)}
    },
    // --8<-- [end:macros]
  },
  // No context menu: it would put every formula in the Tab order and load
  // extensions the site does not serve. It is simply not loaded (above), so
  // there is no "enableMenu" option to set (MathJax warns about one).
  options: {
    // Any class at all: skip the element, unless it is one of the two below.
    ignoreHtmlClass: ".+",
    processHtmlClass: "arithmatex|jp-RenderedMarkdown",
  },
  startup: {
    typeset: false,
    pageReady: () => MathJax.startup.defaultPageReady().then(mlbookTypeset),
  },
};

// Resolved once every formula of the page is typeset (the browser check waits
// for it, and so may anything that measures formulas).
let mlbookMathDone;
window.mlbookMath = new Promise((resolve) => { mlbookMathDone = resolve; });

const BATCH_MS = 30;  // the time one task spends typesetting, at most about
// On a page of thousands of formulas (the print page), laying the page out
// again after each batch costs more than the batch: once what is on screen is
// done, the batches there are larger.
const LONG_PAGE = 1500, LONG_PAGE_BATCH_MS = 150;

function mlbookTypeset() {
  const selector = ".md-typeset .arithmatex, .md-typeset .jp-RenderedMarkdown";
  const waiting = [...document.querySelectorAll(selector)]
    .filter((element) => !element.parentElement.closest(".arithmatex, .jp-RenderedMarkdown"));
  const left = new Set(waiting);
  const soon = new Set();  // on screen or about to be
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting && left.has(entry.target)) soon.add(entry.target);
    }
  }, { rootMargin: "50% 0px 100% 0px" });
  for (const element of waiting) observer.observe(element);
  // What is on screen now (the observer reports only later).
  for (const element of waiting) {
    const box = element.getBoundingClientRect();
    if (box.bottom > -0.5 * innerHeight && box.top < 2 * innerHeight && box.width > 0) soon.add(element);
  }
  let perElement = 10;  // ms, an estimate refined after every batch
  let firstScreen = true;

  const longPage = waiting.length > LONG_PAGE;

  function next() {
    const budget = longPage && soon.size === 0 ? LONG_PAGE_BATCH_MS : BATCH_MS;
    const count = Math.max(1, Math.floor(budget / perElement));
    const batch = [];
    for (const element of soon) {
      if (batch.length >= count) break;
      soon.delete(element);
      if (left.has(element)) batch.push(element);
    }
    if (soon.size === 0 && firstScreen && batch.length === 0) {
      firstScreen = false;
      scrollToEquation();
    }
    for (const element of left) {
      if (batch.length >= count) break;
      if (!batch.includes(element)) batch.push(element);
    }
    return batch;
  }

  function step() {
    const batch = next();
    if (batch.length === 0) {
      observer.disconnect();
      focusableWhenScrolling();
      mlbookMathDone();
      return;
    }
    const start = performance.now();
    for (const element of batch) {
      left.delete(element);
      observer.unobserve(element);
    }
    MathJax.typesetPromise(batch).then(() => {
      perElement = 0.5 * perElement + 0.5 * (performance.now() - start) / batch.length;
      focusableWhenScrolling(batch);
      setTimeout(step, 0);
    }, (error) => {
      console.error("MathJax:", error);
      setTimeout(step, 0);
    });
  }
  // Before printing there is no time to wait: typeset what is left now.
  window.addEventListener("beforeprint", () => {
    if (left.size === 0) return;
    const rest = [...left];
    left.clear();
    try { MathJax.typeset(rest); } catch (error) { console.error("MathJax:", error); }
  });
  // Let the browser paint the text first, then start with what is on screen.
  requestAnimationFrame(() => setTimeout(step, 0));
}

// A display formula wider than the page scrolls sideways; make exactly those
// reachable by keyboard (arrow keys scroll a focused box), and name them. An
// inline formula cannot break across lines, so one wider than its paragraph
// (on a phone) becomes a scrolling line of its own instead of widening the page.
function focusableWhenScrolling(within) {
  const spans = within ? within.filter((element) => element.matches("span.arithmatex"))
    : document.querySelectorAll(".md-typeset span.arithmatex");
  for (const span of spans) {
    const formula = span.querySelector("mjx-container") || span;
    let block = span.parentElement;  // the nearest ancestor with a width of its own
    while (block && block.clientWidth === 0) block = block.parentElement;
    const room = block ? block.clientWidth : Infinity;
    span.classList.toggle("mlbook-wide", formula.getBoundingClientRect().width > room + 1);
  }
  const boxes = ".md-typeset div.arithmatex, .md-typeset span.arithmatex.mlbook-wide, "
    + '.md-typeset .jp-RenderedMarkdown mjx-container[display="true"]';  // a lab's formula
  const all = within ? within.flatMap((element) => [
    ...(element.matches(boxes) ? [element] : []), ...element.querySelectorAll(boxes)])
    : document.querySelectorAll(boxes);
  for (const box of all) {
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
