r"""Numbered equations as HTML a reader can link to without JavaScript.

Every display formula that carries ``\tag{1.4}`` is wrapped, at build time,
in an element with the permanent id ``eq-1.4`` and followed by its number as
a link to itself:

    <div class="mlbook-equation" id="eq-1.4">
      <div class="arithmatex">\[ ... \tag{1.4} ... \]</div>
      <a class="mlbook-eq-number" href="#eq-1.4" ...>(1.4)</a>
    </div>

So a link to ``page/#eq-1.4`` lands on the equation in reader mode, in print
and in a notebook, before MathJax runs and without it; the number sits
outside the formula's scrolling box, so it stays visible on a phone when a
wide formula scrolls (the site's CSS hides MathJax's own copy of the tag).
"""

import html
import re

_DISPLAY = re.compile(r'<div class="arithmatex">(\\\[.*?\\\])</div>', re.S)
_TAG = re.compile(r"\\tag\{([^}]*)\}")


def anchor(tag):
    """The id of equation ``tag``: ``eq-1.4``."""
    return "eq-" + re.sub(r"\s", "_", tag)


_LINK_TITLE = {"en": "Link to equation ({number})", "zh": "指向公式 ({number}) 的链接"}


def wrap_equations(page_html, lang="en"):
    """The page with each tagged display formula wrapped and numbered; see the module."""

    def wrap(match):
        tag = _TAG.search(match[1])
        if tag is None:
            return match[0]
        number = html.escape(tag[1])
        target = anchor(tag[1])
        return (
            f'<div class="mlbook-equation" id="{target}">{match[0]}'
            f'<a class="mlbook-eq-number" href="#{target}" '
            f'title="{_LINK_TITLE[lang].format(number=number)}">({number})</a></div>'
        )

    return _DISPLAY.sub(wrap, page_html)


_EQREF = re.compile(r'<span class="arithmatex">\\\(\\eqref\{([^}]*)\}\\\)</span>')


def link_eqrefs(page_html, labels):
    r"""Each inline ``\eqref{eq:name}`` of the page as a plain link, ``(4.2)``.

    ``labels`` maps a label of the page to its tag. The link is the one the
    prose writes as "[equation (3.1)](#eq-3.1)", so both look alike, work
    before and without MathJax, and leave MathJax less to typeset. A label the
    page does not define is left to MathJax (the build's citation check
    reports it).
    """

    def link(match):
        tag = labels.get(match[1])
        if tag is None:
            return match[0]
        number = html.escape(tag)
        return f'<a class="mlbook-eqref" href="#{anchor(tag)}">({number})</a>'

    return _EQREF.sub(link, page_html)
