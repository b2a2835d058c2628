// MathJax configuration for every page. MathJax itself is served from
// assets/mathjax/ (see overrides/hooks/mathjax.py); nothing comes from a CDN.
// Every page is a full load (navigation.instant is off).
//
// This file is loaded in the page's head (overrides/theme/main.html), and it
// loads MathJax, asynchronously: MathJax's components then arrive and start
// while the browser is still reading the rest of the page. On a phone (a CPU
// four times slower) a long chapter takes about two seconds to read, and
// Material's scripts at the end of the page take a second more; a MathJax
// loaded after them left raw TeX on screen for over four seconds.
//
// Typesetting a whole chapter at once is one main-thread task of several
// seconds on a phone, during which the page is frozen and shows raw TeX. So
// MathJax does not typeset the page as it starts (startup.typeset is false):
// the scheduler below typesets the formulas in small batches, each its own
// task, those on screen (and just below it) first, then the rest of the page
// in reading order, yielding to the browser between batches. It starts as soon
// as MathJax is ready, with the formulas on screen that the browser has read
// so far, and takes the rest once the whole page is read. Which formulas are
// on screen is measured once, when it starts; after that it comes from an
// IntersectionObserver, answered after the browser's own layout, where asking
// each formula for its box would force a layout of the whole page, batch after
// batch. Before printing, whatever is left is typeset at once. The inline
// citations of equations, (4.2), are plain links made by the build, not MathJax.
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
// Only the components the book uses are loaded (below). The combined
// tex-chtml.js would also bring the context menu, 426 KB of the page's first
// load, which the book does not use.
window.MathJax = {
  // The components are not loaded by MathJax's loader, one after another as
  // each asks for the next, but all at once by the script at the end of this
  // file.
  loader: { load: [] },
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
    // The components are in: start with what is on screen, if the page is
    // still being read; and once it is read, take the rest.
    ready: () => {
      MathJax.startup.defaultReady();
      mlbookUrgent(mlbookTypesetter.start);
    },
    pageReady: () => MathJax.startup.defaultPageReady().then(mlbookTypesetter.pageRead),
  },
};

// MathJax itself, without waiting for the rest of the page: its startup and
// the components the book uses (the TeX input with the packages above, the
// HTML output, the hidden MathML that screen readers read), joined by the
// build into two files (PARTS in overrides/hooks/mathjax.py), requested at once
// and run in this order as soon as each has arrived and the browser has a
// moment between reading parts of the page. Each part tells MathJax's loader
// which components it holds.
(function () {
  const root = new URL("../assets/mathjax/", document.currentScript.src);
  let waiting = 2;  // the loader's call that it is ready, and the last part
  const ready = () => {
    waiting -= 1;
    if (waiting === 0) mlbookUrgent(() => MathJax.loader.defaultReady());
  };
  window.MathJax.loader.ready = ready;
  const parts = ["mlbook-input.js", "mlbook-output.js"];
  parts.forEach((file, index) => {
    const script = document.createElement("script");
    script.src = new URL(file, root).href;
    script.async = false;  // run in the order given
    script.onerror = () => console.error("MathJax: could not load " + script.src);
    if (index === parts.length - 1) script.onload = ready;
    document.head.appendChild(script);
  });
})();

// Run fn in a task of its own, before the browser reads on where it can tell
// (scheduler.postTask): the setup is split into tasks of under 200 ms each.
function mlbookUrgent(fn) {
  if (window.scheduler && scheduler.postTask) scheduler.postTask(fn, { priority: "user-blocking" });
  else setTimeout(fn, 0);
}

// Resolved once every formula of the page is typeset (the browser check waits
// for it, and so may anything that measures formulas).
let mlbookMathDone;
window.mlbookMath = new Promise((resolve) => { mlbookMathDone = resolve; });

// The time one task spends typesetting, at most about: for the formulas on
// screen, which the reader is waiting for, and for the rest of the page, when
// the reader may be scrolling and each batch delays the next frame.
const SCREEN_BATCH_MS = 120, BATCH_MS = 40;
// On a page of thousands of formulas (the print page), laying the page out
// again after each batch costs more than the batch: once what is on screen is
// done, the batches there are larger.
const LONG_PAGE = 1500, LONG_PAGE_BATCH_MS = 150;
// The first batch also sets up MathJax's fonts and styles, a task of about
// 150 ms on a phone however many formulas it holds: it takes only a few.
const FIRST_BATCH = 2;

const mlbookTypesetter = (function () {
  const selector = ".md-typeset .arithmatex, .md-typeset .jp-RenderedMarkdown";
  const left = new Set();  // found and not yet typeset, in reading order
  const soon = new Set();  // of those, the ones on screen or about to be
  const seen = new WeakSet();
  let read = false;        // the whole page has been read (DOMContentLoaded)
  let scheduled = false, busy = false, firstScreen = true, batches = 0;
  let perElement = 10;     // ms, an estimate refined after every batch
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!left.has(entry.target)) continue;
      if (entry.isIntersecting) soon.add(entry.target);
      else soon.delete(entry.target);
    }
    wake();
  }, { rootMargin: "50% 0px 100% 0px" });

  // Formulas the browser has read since the last look. While the page is
  // still being read, a formula counts only once something follows it: a
  // lab's Markdown cell is read only once the page is.
  function collect() {
    for (const element of document.querySelectorAll(selector)) {
      if (seen.has(element)) continue;
      if (element.parentElement.closest(".arithmatex, .jp-RenderedMarkdown")) {
        seen.add(element);
        continue;
      }
      if (!read && (!element.classList.contains("arithmatex") || !element.nextSibling)) continue;
      seen.add(element);
      left.add(element);
      observer.observe(element);
    }
  }

  function next() {
    const budget = soon.size > 0 ? SCREEN_BATCH_MS : left.size > LONG_PAGE ? LONG_PAGE_BATCH_MS : BATCH_MS;
    const count = batches === 0 ? FIRST_BATCH : Math.max(1, Math.floor(budget / perElement));
    const batch = [];
    for (const element of soon) {
      if (batch.length >= count) break;
      batch.push(element);
    }
    if (batch.length === 0 && read) {
      if (firstScreen) {
        firstScreen = false;
        scrollToEquation();
      }
      for (const element of left) {
        if (batch.length >= count) break;
        batch.push(element);
      }
    }
    for (const element of batch) {
      left.delete(element);
      soon.delete(element);
      observer.unobserve(element);
    }
    return batch;
  }

  // The formulas on screen go before the browser reads on.
  function wake() {
    if (scheduled || busy) return;
    scheduled = true;
    if (soon.size > 0) mlbookUrgent(step);
    else setTimeout(step, 0);
  }

  function step() {
    scheduled = false;
    if (!read) collect();
    const batch = next();
    if (batch.length === 0) {
      if (read && left.size === 0) {
        observer.disconnect();
        mlbookMathDone();
      } else if (!read) {
        setTimeout(wake, 100);  // look again for what the browser has read since
      }
      return;  // the observer wakes the scheduler when a formula comes on screen
    }
    busy = true;
    const start = performance.now();
    MathJax.typesetPromise(batch).then(() => {
      const took = (performance.now() - start) / batch.length;
      perElement = batches === 0 ? perElement : 0.5 * perElement + 0.5 * took;
      batches += 1;
      focusableWhenScrolling(batch);
    }).catch((error) => {
      console.error("MathJax:", error);  // and go on: one bad batch does not stop the page
    }).then(() => {
      busy = false;
      wake();
    });
  }

  // Before printing there is no time to wait: typeset what is left now.
  window.addEventListener("beforeprint", () => {
    if (!read) collect();
    if (left.size === 0) return;
    const rest = [...left];
    left.clear();
    soon.clear();
    try { MathJax.typeset(rest); } catch (error) { console.error("MathJax:", error); }
    focusableWhenScrolling(rest);
  });

  return {
    start() {
      collect();
      // What is on screen now: the observer reports only after the next frame,
      // and the browser may read on (and run Material's scripts) before it.
      for (const element of left) {
        const box = element.getBoundingClientRect();
        if (box.bottom > 0 && box.top < 2 * innerHeight && box.width > 0) soon.add(element);
      }
      wake();
    },
    pageRead() {
      read = true;
      collect();
      wake();
    },
  };
})();

// A display formula wider than the page scrolls sideways; make exactly those
// reachable by keyboard (arrow keys scroll a focused box), and name them. An
// inline formula cannot break across lines, so one wider than its paragraph
// (on a phone) becomes a scrolling line of its own instead of widening the page.
// After each batch, its formulas are measured first, then changed, so that only
// the blocks holding them are laid out, once (the others are skipped, see
// docs/stylesheets/extra.css). A box that scrolls must be focusable before the
// reader first tabs to it, so this is not left until it comes into view.
function focusableWhenScrolling(elements) {
  const boxes = elements.flatMap((element) => element.matches(".arithmatex") ? [element]
    : [...element.querySelectorAll('mjx-container[display="true"]')]);
  boxes.map(measure).forEach(apply);
}

function measure(element) {
  if (element.matches("span.arithmatex")) {
    const formula = element.querySelector("mjx-container") || element;
    let block = element.parentElement;  // the nearest ancestor with a width of its own
    while (block && block.clientWidth === 0) block = block.parentElement;
    const room = block ? block.clientWidth : Infinity;
    const wide = formula.getBoundingClientRect().width > room + 1;
    return { element, wide, scrolls: wide };  // a wide one is a box narrower than its formula
  }
  return { element, scrolls: element.scrollWidth > element.clientWidth + 1 };
}

function apply({ element, wide, scrolls }) {
  if (wide !== undefined) element.classList.toggle("mlbook-wide", wide);
  if (scrolls && !element.hasAttribute("tabindex")) {
    element.tabIndex = 0;
    element.setAttribute("role", "region");
    const number = element.parentElement.querySelector(".mlbook-eq-number");
    element.setAttribute("aria-label", number ? "Equation " + number.textContent : "Formula");
  }
}

// A narrower window can make a paragraph too narrow for its formula.
let resizing;
window.addEventListener("resize", () => {
  clearTimeout(resizing);
  resizing = setTimeout(() => {
    const typeset = [...document.querySelectorAll(".md-typeset .arithmatex, .md-typeset .jp-RenderedMarkdown")]
      .filter((element) => element.querySelector("mjx-container"));
    focusableWhenScrolling(typeset);
  }, 200);
});

// Typesetting changes the page's height: scroll to a linked equation again.
function scrollToEquation() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (target) target.scrollIntoView({ block: "center" });
}
