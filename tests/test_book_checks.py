"""The build's checks on the book's text (overrides/bookengine/checks.py) and the print page."""

import re
import sys

from ._hooks import ROOT

sys.path.insert(0, str(ROOT / "overrides"))
from bookengine import printbook  # noqa: E402
from bookengine.checks import (  # noqa: E402
    citation_problems,
    equations,
    significant_digits,
    unbacked_numbers,
)

CHAPTER_1 = r"""# One

$$ a = b \tag{1.1}\label{eq:a} $$

See $\eqref{eq:a}$ and (1.1), and [(2.1)](../two/two.md#eq-2.1).

```python
print("(9.9) inside code is not a citation")
```
"""
CHAPTER_2 = r"""# Two

$$ c = d \tag{2.1}\label{eq:c} $$
"""


def pages(**extra):
    return {"one/one.md": CHAPTER_1, "two/two.md": CHAPTER_2, **extra}


def test_equations_are_found_with_their_labels_and_lines():
    (eq,) = equations(CHAPTER_1, "one/one.md")
    assert (eq.tag, eq.label, eq.line) == ("1.1", "eq:a", 3)


def test_a_book_with_sound_citations_has_no_problems():
    assert citation_problems(pages()) == []


def test_a_link_to_a_missing_equation_is_a_problem():
    bad = pages(**{"three.md": "[(1.66)](one/one.md#eq-1.66)"})
    assert citation_problems(bad) == ["three.md:1: a link to equation (1.66), which does not exist."]


def test_a_link_to_the_wrong_page_is_a_problem():
    bad = pages(**{"three.md": "[(1.1)](two/two.md#eq-1.1)"})
    assert citation_problems(bad) == [
        "three.md:1: a link to equation (1.1) on two/two.md, but it is on one/one.md."]


def test_a_duplicate_number_is_a_problem():
    bad = pages(**{"three.md": r"$$ e \tag{2.1} $$"})
    (problem,) = citation_problems(bad)
    assert problem.startswith("three.md:1: equation (2.1) is already numbered at two/two.md:3")


def test_a_bare_number_that_names_no_equation_is_a_problem():
    bad = pages(**{"three.md": "As (1.2) shows, and as (0.973) does not."})
    assert citation_problems(bad) == [
        "three.md:1: (1.2) looks like an equation number, but no equation has it."]


def test_an_eqref_to_another_page_s_label_is_a_problem():
    bad = pages(**{"three.md": r"$\eqref{eq:c}$"})
    (problem,) = citation_problems(bad)
    assert problem.startswith(r"three.md:1: \eqref{eq:c} names no \label on this page")


def test_listing_titles_and_docstrings_are_checked():
    listing = '~~~python title="cost (1.9)"\n--8<-- "x.py:a"\n~~~\n'
    problems = citation_problems(pages(**{"three.md": listing}), {"m.py": "equation (2.1)\nequation (2.7)"})
    assert problems == ["three.md:1: the listing title cites (1.9), which no equation has.",
                        "m.py:2: cites equation (2.7), which does not exist."]


def test_significant_digits():
    assert [significant_digits(x) for x in ["442", "0.973", "1500", "0.0230", "4.0e+09", "1,797"]] \
        == [3, 3, 2, 3, 2, 4]


def test_unbacked_numbers_need_printed_output():
    page = "# T\n\nThe accuracy is 0.973 on 1,797 digits in 2005, see (1.1).\n\n```python\nprint(1797)\n```\n"
    assert [n for n, _ in unbacked_numbers(page, "1797\n", tags={"1.1"})] == ["0.973"]
    assert unbacked_numbers(page, "acc 0.973, 1797 digits", tags={"1.1"}) == []


def test_a_number_is_not_backed_by_a_longer_one():
    assert [n for n, _ in unbacked_numbers("It took 442 steps.", "4421 steps")] == ["442"]


def test_references_and_code_are_not_prose():
    page = "Text.\n\n`max_iter=1500`\n\n## References\n\n- Vol. 123, pp. 456-789.\n"
    assert unbacked_numbers(page, "") == []
    # A translated page keeps the anchor: its references are no prose either.
    assert unbacked_numbers(page.replace("## References", "## 参考文献 {#references}"), "") == []
    assert unbacked_numbers(page.replace("## References", "## 参考"), "") != []


def test_tagged_displays_get_a_static_anchor_and_a_visible_number():
    from bookengine.equations import wrap_equations

    page = ('<p>x</p><div class="arithmatex">\\[ a = b \\tag{1.6a}\\label{eq:a} \\]</div>'
            '<div class="arithmatex">\\[ c \\]</div>')
    out = wrap_equations(page)
    assert out.startswith('<p>x</p><div class="mlbook-equation" id="eq-1.6a"><div class="arithmatex">')
    assert '<a class="mlbook-eq-number" href="#eq-1.6a" title="Link to equation (1.6a)">(1.6a)</a></div>' in out
    assert out.endswith('<div class="arithmatex">\\[ c \\]</div>')  # untagged: untouched


def test_letter_suffixed_numbers_are_citations_too():
    bad = pages(**{"three.md": "As (1.1a) says."})
    assert citation_problems(bad) == [
        "three.md:1: (1.1a) looks like an equation number, but no equation has it."]


def test_name_whitespace_punctuation_and_operator_spans_are_unwrapped_and_others_kept():
    from bookengine.lighten import unwrap_plain_spans

    code = ('<span class="n">theta</span><span class="w"> </span><span class="o">=</span>'
            '<span class="w"> </span><span class="mi">0</span><span class="p">,</span>'
            '<span class="o">&lt;</span><span class="ow">in</span><span class="s2">"a"</span>')
    assert unwrap_plain_spans(code) == ('theta = <span class="mi">0</span>,&lt;'
                                        '<span class="ow">in</span><span class="s2">"a"</span>')


def test_reference_pages_roles_and_equations_become_links():
    from bookengine import api

    pages = {"api/lm.md": "# lm\n\n::: mlbook.linear_model\n", "ch.md": "# C"}
    assert api.reference_pages(pages) == {"mlbook.linear_model": "api/lm.md"}
    index = api.entries(["mlbook.linear_model"])
    assert index["linear_cost"] == ("mlbook.linear_model", "mlbook.linear_model.linear_cost")
    assert index["LinearRegression.fit"][1] == "mlbook.linear_model.LinearRegression.fit"
    html = "See :func:<code>linear_cost</code>, equation (1.11), and :func:<code>nowhere</code>."
    out = api.link_reference(html, "api/lm.html", index, {"mlbook.linear_model": "api/lm.html"},
                             {"1.11": "linear-models/linear-regression.html"})
    assert out == ('See <a href="lm.html#mlbook.linear_model.linear_cost"><code>linear_cost</code></a>, '
                   'equation <a href="../linear-models/linear-regression.html#eq-1.11">(1.11)</a>, '
                   'and <code>nowhere</code>.')


def test_a_chapter_links_the_entries_its_code_imports():
    from bookengine import api

    page = ("# T\n\n```python\nfrom mlbook.linear_model import (LinearRegression,\n"
            "    linear_cost)\nfrom mlbook import sigmoid\nfrom numpy import array\n```\n")
    index = api.entries(["mlbook", "mlbook.linear_model"])
    assert api.used_entries(page, index) == ["mlbook.linear_model.LinearRegression",
                                             "mlbook.linear_model.linear_cost", "mlbook.sigmoid"]
    (line,) = api.uses_lines(page, "part/t.html", index,
                             {"mlbook": "api/index.html", "mlbook.linear_model": "api/lm.html"})
    assert '<a href="../api/lm.html#mlbook.linear_model.linear_cost"><code>linear_model.linear_cost</code></a>' in line


def _page(body):
    return ('<html><body><nav><a href="other.html">nav</a></nav>'
            f'<article class="md-content__inner md-typeset">{body}</article></body></html>')


def test_the_print_page_holds_every_chapter_with_links_kept_inside_it():
    one = _page(
        '<h1 id="first">One</h1><h2 id="exercises">Exercises</h2>'
        '<div class="mlbook-equation" id="eq-1.1">\\[ a \\label{eq:cost} \\tag{1.1} \\]</div>'
        '<p>See <a href="#exercises">below</a>, \\(\\eqref{eq:cost}\\), '
        '<a href="../b/two.html#eq-2.1">(2.1)</a>, <a href="../b/two.html">two</a> and '
        '<a href="../api/x.html#mlbook.x">the reference</a>.</p>'
        '<img alt="a" src="one-figures/figure-1.svg" loading="lazy">'
        '<details class="success"><summary>Solution</summary>x</details>'
        '<details class="quote">\n<summary>How to cite this chapter</summary>bib</details>'
        '<p class="mlbook-notebook"><a href="one.ipynb" download>notebook</a></p>')
    two = _page('<h1 id="first">Two</h1><h2 id="exercises">Exercises</h2>'
                '<div class="mlbook-equation" id="eq-2.1">\\[ b \\label{eq:cost} \\tag{2.1} \\]</div>')
    page = printbook.assemble(_page("<h1 id=\"book\">Book</h1>"),
                              [("a/one.html", one), ("b/two.html", two)], "print.html")
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # chapters share heading ids: prefixed apart
    assert {"one", "one--exercises", "two--exercises", "eq-1.1", "eq-2.1"} <= set(ids)
    assert 'href="#one--exercises"' in page
    assert 'href="#eq-2.1"' in page and 'href="#two"' in page  # another chapter: inside
    assert 'href="api/x.html#mlbook.x"' in page  # a page the print page lacks: relative to it
    assert 'src="a/one-figures/figure-1.svg"' in page and "lazy" not in page
    assert "\\label{one:eq:cost}" in page and "\\label{two:eq:cost}" in page
    assert "\\eqref{one:eq:cost}" in page
    assert "<details open" in page and "How to cite" not in page and "ipynb" not in page
    assert page.index("<h1 id=\"book\">") < page.index("One") < page.index("Two")


def test_errata_are_keyed_by_an_equation_anchor_and_known_editions():
    import re

    import yaml

    from ._hooks import ROOT

    versions = set(re.findall(r"^## Edition (\S+)", (ROOT / "docs" / "changelog.md").read_text(), re.M))
    versions.add("next")
    assert yaml.safe_load((ROOT / "CITATION.cff").read_text())["version"] in versions
    table = (ROOT / "docs" / "errata.md").read_text().split("| Equation |", 1)[1]
    rows = [line for line in table.split("\n")[2:] if line.startswith("|")]
    for row in rows:
        equation, wrong, corrected, what = [cell.strip() for cell in row.strip("|").split("|")]
        assert re.fullmatch(r"\[\(\d+\.\d+[a-z]?\)\]\([^)#]+\.md#eq-\d+\.\d+[a-z]?\)", equation), row
        assert wrong in versions and corrected in versions and what, row


def test_the_print_page_opens_with_title_page_contents_and_a_citation_that_parses():
    import html as html_module
    import re

    from pybtex.database import parse_string

    from bookengine import printbook

    book = {"title": "mlbook", "author": "The mlbook authors", "version": "0.1.0",
            "date": "2026-11-27", "address": "https://book.example/"}
    front = printbook.front_matter(book, [("k-means", "K-means clustering")])
    page = '<article class="md-content__inner md-typeset"><h1>Print</h1></article>'
    chapter = '<article class="md-content__inner md-typeset"><h1 id="k">K</h1></article>'
    out = printbook.assemble(page, [("unsupervised/k-means.html", chapter)], "print.html", front)
    assert out.index("Edition 0.1.0, 2026-11-27") < out.index("<h1>Print</h1>") < out.index('id="k-means"')
    assert '<a href="#k-means">K-means clustering</a>' in out
    bibtex = html_module.unescape(re.search(r"<pre><code>(.*?)</code></pre>", front, re.S)[1])
    (entry,) = parse_string(bibtex, "bibtex").entries.values()
    assert entry.type == "book" and entry.fields["edition"] == "0.1.0"
    assert entry.fields["publisher"] and entry.fields["year"] == "2026"
