"""Lighter code markup: drop highlighting spans that change nothing on screen.

Pygments wraps every name and every run of spaces in a span (``<span
class="n">theta</span>``). The site colours names with the code's own text
colour and whitespace not at all, so those spans only add weight: on the
longest chapters they were a fifth of the page. Unwrapping them leaves the
text, and its colour, exactly as it was.
"""

import re

_PLAIN = re.compile(r'<span class="(?:n|w)">([^<]*)</span>')


def unwrap_plain_spans(page_html):
    """The page with name and whitespace spans in code replaced by their text."""
    return _PLAIN.sub(r"\1", page_html)
