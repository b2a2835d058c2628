"""Lighter code markup: drop highlighting spans that change nothing on screen.

Pygments wraps every name, every run of spaces, every punctuation mark and
every operator in a span (``<span class="n">theta</span>``). The site colours
names, punctuation and operators with the code's own text colour
(docs/stylesheets/extra.css) and whitespace not at all, so those spans only
add weight: on the longest chapters they were more than a third of the page.
Unwrapping them leaves the text, and its colour, exactly as it was.
"""

import re

_PLAIN = re.compile(r'<span class="(?:n|w|p|o)">([^<]*)</span>')


def unwrap_plain_spans(page_html):
    """The page with name, whitespace, punctuation and operator spans in code
    replaced by their text."""
    return _PLAIN.sub(r"\1", page_html)
