"""The Chinese edition (docs-zh/, mkdocs.zh.yml) follows the English book.

- A Chinese page whose English original changed shows the notice
  本页译文落后于英文版 with a link to the English page, and only then; the
  script .ci/stale_translations.py lists it.
- A translated page's code is the English page's, token for token except
  string literals (python tokenize), and its equation numbers, labels and
  section anchors are the English page's.
- Links to English pages (``en:``) are checked and marked （英文）.
- Every page has a language switch to the same page of the other edition.
- The glossary (术语表): each term has one Chinese form across the Chinese
  pages, and Chinese search keeps the book's terms whole.

- Every English page (the API reference aside) has a Chinese page, and each
  translation was read against its original by a second reader (``reviewed``).
"""

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from markdown.extensions.toc import slugify

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "overrides"))
from bookengine import translation  # noqa: E402

EN, ZH = ROOT / "docs", ROOT / "docs-zh"
PAIRS = list(translation.pairs(EN, ZH))


def _pair_ids():
    return [path for path, _, _ in PAIRS]


# --- a small two-edition site, built with the book's language hook and theme ----

def _site(tmp_path, english, chinese, extra_english=None):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs-zh").mkdir()
    (tmp_path / "docs" / "index.md").write_text(english, encoding="utf-8")
    for name, text in (extra_english or {}).items():
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    (tmp_path / "docs-zh" / "index.md").write_text(chinese, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: t
        site_url: http://example.org/book/
        use_directory_urls: false
        theme:
          name: material
          custom_dir: {ROOT / "overrides" / "theme"}
        extra:
          alternate: true
        plugins: []
        hooks:
          - {ROOT / "overrides" / "hooks" / "language.py"}
        """), encoding="utf-8")
    (tmp_path / "mkdocs.zh.yml").write_text(textwrap.dedent("""\
        INHERIT: mkdocs.yml
        docs_dir: docs-zh
        site_dir: site/zh
        nav:
          - 首页: index.md
        theme:
          language: zh
        """), encoding="utf-8")
    return tmp_path


def _build(root, name):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / name))
    build(config)
    return config


def _chinese(english_hash, body="# 标题\n\n正文。\n"):
    return f"---\ntranslation_of: {english_hash}\n---\n\n{body}"


def test_the_stale_notice_appears_when_the_english_page_changes_and_not_before(tmp_path):
    english = "# Title\n\nText.\n"
    root = _site(tmp_path, english, _chinese(translation.source_hash(english)))
    _build(root, "mkdocs.zh.yml")
    page = (root / "site" / "zh" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in page
    assert translation.NOTICE_TITLE not in page

    (root / "docs" / "index.md").write_text(english + "\nA new paragraph.\n", encoding="utf-8")
    _build(root, "mkdocs.zh.yml")
    page = (root / "site" / "zh" / "index.html").read_text(encoding="utf-8")
    assert translation.NOTICE_TITLE in page
    notice = page[page.index(translation.NOTICE_TITLE):]
    assert re.search(r'<a href="\.\./index\.html" hreflang="en">英文版</a>', notice[:2000])
    # The notice comes before the page's own text.
    assert page.index(translation.NOTICE_TITLE) < page.index("正文。")


def test_the_script_lists_exactly_the_stale_pages(tmp_path):
    english = "# Title\n\nText.\n"
    root = _site(tmp_path, english, _chinese(translation.source_hash(english)))
    script = [sys.executable, str(ROOT / ".ci" / "stale_translations.py"), "--root", str(root)]
    fresh = subprocess.run(script, capture_output=True, text=True, check=True).stdout
    assert "0 of 1" in fresh and "docs-zh/index.md" not in fresh
    (root / "docs" / "index.md").write_text(english + "More.\n", encoding="utf-8")
    stale = subprocess.run(script, capture_output=True, text=True, check=True).stdout
    assert "1 of 1" in stale and "docs-zh/index.md" in stale
    new = subprocess.run(script + ["--hash", "index.md"], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert new == translation.source_hash(english + "More.\n") and len(new) == 12


def test_a_malformed_translation_hash_is_refused():
    with pytest.raises(ValueError, match="translation_of"):
        translation.is_stale(_chinese("abc"), "# T\n")
    assert not translation.is_stale("# 只有中文的页面\n", "# T\n")  # no translation_of: not stale


@pytest.mark.parametrize("path", _pair_ids())
def test_every_translated_page_of_the_book_is_current_or_says_so(path):
    """The real pages: each records a well-formed hash (is_stale raises otherwise);
    a stale one is allowed (it shows the notice) but is printed here."""
    zh = (ZH / path).read_text(encoding="utf-8")
    en = (EN / path).read_text(encoding="utf-8")
    assert translation.translated_hash(zh) is not None, f"docs-zh/{path} has no translation_of"
    if translation.is_stale(zh, en):
        print(f"docs-zh/{path} is behind docs/{path}")


@pytest.mark.parametrize("path", _pair_ids())
def test_every_translated_page_was_read_against_its_original_by_a_second_reader(path):
    """The translation a page records is the one a second reader checked
    (``reviewed`` equals ``translation_of``): a retranslated page needs a new
    reading."""
    zh = (ZH / path).read_text(encoding="utf-8")
    assert translation.reviewed_hash(zh) == translation.translated_hash(zh), \
        f"docs-zh/{path}: reviewed {translation.reviewed_hash(zh)}, translation_of " \
        f"{translation.translated_hash(zh)}: have it read against docs/{path}, then record it"


# --- the same code, the same equations, the same anchors ------------------------

def _other_fences(markdown):
    """Non-Python fences (console commands) with their comments dropped."""
    fences = re.findall(r"^```(\w+)\n(.*?)^```", markdown, flags=re.S | re.M)
    return [(kind, [line.split("#")[0].rstrip() for line in body.splitlines()])
            for kind, body in fences if kind not in ("python", "py")]


@pytest.mark.parametrize("path", _pair_ids())
def test_a_chinese_page_has_the_english_page_s_code_token_for_token(path):
    zh, en = translation.page_text(ZH / path), translation.page_text(EN / path)
    zh_code, en_code = translation.code_blocks(zh), translation.code_blocks(en)
    assert len(zh_code) == len(en_code), f"docs-zh/{path}: {len(zh_code)} python blocks, " \
                                         f"docs/{path}: {len(en_code)}"
    for number, (a, b) in enumerate(zip(zh_code, en_code), start=1):
        assert translation.code_tokens(a) == translation.code_tokens(b), \
            f"docs-zh/{path}: python block {number} differs from the English one"
    assert _other_fences(zh) == _other_fences(en)


def test_the_code_comparison_ignores_strings_and_comments_and_nothing_else():
    english = 'plt.title("Cost per iteration")  # the curve\nprint(f"J = {cost:.4f}")\n'
    chinese = 'plt.title("每次迭代的代价")  # 曲线\nprint(f"代价 J = {cost:.4f}")\n'
    assert translation.code_tokens(chinese) == translation.code_tokens(english)
    for changed in ('plt.title("每次迭代的代价", fontsize=9)\nprint(f"J = {cost:.4f}")\n',
                    'plt.title("每次迭代的代价")\nprint(f"J = {cost:.3f}")\n',
                    'plt.title("每次迭代的代价")\nprint(f"J = {loss:.4f}")\n'):
        assert translation.code_tokens(changed) != translation.code_tokens(english), changed
    page = "# T\n\n```python\nx = 1\n```\n\n~~~python title=\"mlbook/x.py\"\n--8<-- \"a\"\n~~~\n"
    assert translation.code_blocks(page) == ["x = 1\n", '--8<-- "a"\n']


def _heading_anchors(markdown):
    """The anchor of every heading below the title: its {#id}, or the slug of its text."""
    lines = markdown.split("\n")
    for first, last in translation.verbatim_spans(markdown):  # code and displays are no headings
        lines[first:last + 1] = [""] * (last + 1 - first)
    anchors = []
    for level, text in re.findall(r"^(#{2,6}) (.+)$", "\n".join(lines), flags=re.M):
        explicit = re.search(r"\{#([^} ]+)[^}]*\}\s*$", text)
        anchors.append(explicit[1] if explicit else slugify(re.sub(r"[`*$]", "", text), "-"))
    return anchors


@pytest.mark.parametrize("path", _pair_ids())
def test_a_chinese_page_has_the_english_page_s_equations_and_anchors(path):
    zh, en = translation.page_text(ZH / path), translation.page_text(EN / path)
    assert translation.equation_tags(zh, path) == translation.equation_tags(en, path)
    if path.endswith(".ipynb"):
        return  # a lab's headings get their ids from nbconvert, and no page links to them
    assert _heading_anchors(zh) == _heading_anchors(en), \
        f"docs-zh/{path}: give each heading the English heading's anchor, '## 标题 {{#anchor}}'"
    # Other explicit anchors ({#id}, id="...") are the English page's too.
    assert set(translation.anchors(zh)) - set(_heading_anchors(zh)) == \
        set(translation.anchors(en)) - set(_heading_anchors(en))


def test_the_equation_and_anchor_comparison_fails_when_they_differ():
    en = "# T\n\n## Cost\n\n$$J = 1 \\tag{1.2}\\label{eq:cost}$$\n"
    assert translation.equation_tags("# 标\n\n$$J = 1 \\tag{1.3}\\label{eq:cost}$$\n", "a.md") != \
        translation.equation_tags(en, "a.md")
    assert _heading_anchors("# 标\n\n## 代价 {#cost}\n") == _heading_anchors(en) == ["cost"]
    assert _heading_anchors("# 标\n\n## 代价\n") != _heading_anchors(en)


@pytest.mark.parametrize("path", _pair_ids())
def test_a_chinese_page_has_the_english_page_s_numbers(path):
    """Every number in the prose (the page's code prints and asserts the
    English ones), no more and no fewer: a retyped number cannot drift."""
    from collections import Counter

    zh = Counter(translation.prose_numbers(translation.page_text(ZH / path)))
    en = Counter(translation.prose_numbers(translation.page_text(EN / path)))
    assert zh == en, (f"docs-zh/{path}: numbers only in the Chinese page {sorted((zh - en).elements())}, "
                      f"only in the English page {sorted((en - zh).elements())}")


def test_the_number_comparison_sees_a_changed_number_next_to_chinese_text():
    en = "---\ntranslation_of: 0123456789ab\n---\n# T\n\nThe error is 2.1e-3 after 40 steps (4.2).\n"
    zh = "# 标题\n\n走 40 步之后，误差是 2.1e-3（见公式 (4.2)）。\n\n```python\nx = 7\n```\n"
    assert translation.prose_numbers(en) == translation.prose_numbers(zh) == ["2.1e-3", "4.2", "40"]
    assert translation.prose_numbers(zh.replace("2.1e-3", "2.1e-2")) != translation.prose_numbers(en)
    assert translation.prose_numbers("走40步") == ["40"]  # no space needed before Chinese


def test_every_english_page_has_a_chinese_page():
    """Every page of the English book (the API reference aside, which stays
    English and which the Chinese api.md links) has its Chinese page: a new
    English page fails here, listed, until it is translated."""
    missing = translation.untranslated_pages(EN, ZH)
    assert missing == [], "English pages with no Chinese page: " + ", ".join(f"docs/{p}" for p in missing)


def test_the_list_of_untranslated_pages_is_right(tmp_path):
    (tmp_path / "en" / "api").mkdir(parents=True)
    (tmp_path / "zh").mkdir()
    for page in ("a.md", "b.md", "lab.ipynb", "api/x.md"):
        (tmp_path / "en" / page).write_text("# T\n")
    (tmp_path / "zh" / "a.md").write_text("# 标题\n")
    assert translation.untranslated_pages(tmp_path / "en", tmp_path / "zh") == ["b.md", "lab.ipynb"]


# --- links to English pages, and the language switch ------------------------------

def test_links_to_english_pages_are_checked_and_marked():
    html = ('<p><a href="en:linear-models/linear-regression.md#eq-1.6">公式</a>'
            '<a href="en:nowhere.md">x</a><a href="en:linear-models/linear-regression.md#eq-99.9">y</a></p>')
    out, problems = translation.english_links(html, "sub/page.html", EN)
    assert 'href="../../linear-models/linear-regression.html#eq-1.6" hreflang="en"' in out
    assert out.count(translation.ENGLISH_MARK) == 2
    assert len(problems) == 2
    assert "nowhere.md" in problems[0] and "(99.9)" in problems[1]


def test_every_page_switches_to_the_same_page_of_the_other_edition(tmp_path):
    english = "# Title\n\nText.\n"
    root = _site(tmp_path, english, _chinese(translation.source_hash(english)),
                 extra_english={"other.md": "# Other\n\nNot translated.\n"})
    _build(root, "mkdocs.yml")
    _build(root, "mkdocs.zh.yml")
    def switch(page):
        html = (root / "site" / page).read_text(encoding="utf-8")
        block = re.search(r'<div class="md-header__option mlbook-language">(.*?)</div>', html, re.S)[1]
        title = re.search(r' title="([^"]*)"', block)
        return (re.search(r'href="([^"]+)"', block)[1], re.search(r'hreflang="(\w+)"', block)[1],
                re.search(r">([^<]+)</a>", block)[1], title[1] if title else None)

    assert switch("index.html") == ("zh/index.html", "zh", "中文", None)
    other = switch("other.html")
    assert other[:3] == ("zh/index.html", "zh", "中文") and "本页尚无中文版" in other[3]
    assert switch("zh/index.html") == ("../index.html", "en", "English", None)


# --- the glossary and Chinese search -----------------------------------------------

class Term:
    """One row of docs-zh/glossary.md.

    ``names``: the English names a parenthesis may give (the English cell split
    at " / ", without the "(parameter)"/"(statistics)" that only tells two rows
    apart); ``avoid``: forms never to use; ``others``: longer words that contain
    the Chinese form (or a form to avoid) but are other words."""

    def __init__(self, english, chinese, avoid, others):
        self.english, self.chinese, self.avoid, self.others = english, chinese, avoid, others
        self.names = [re.sub(r"\s*\((parameter|statistics)\)$", "", name).strip()
                      for name in english.split(" / ")]


def _words(cell):
    return [word.strip() for word in cell.split("、") if word.strip()]


def glossary(text=None):
    """The Terms of docs-zh/glossary.md (or of ``text``, a glossary page)."""
    if text is None:
        text = (ZH / "glossary.md").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and cells[0] not in ("English", "---"):
            rows.append(Term(cells[0], cells[1], _words(cells[2]), _words(cells[3])))
    return rows


def _squash(text):
    return re.sub(r"\s+", "", text)


def _english_key(text):
    """An English name compared loosely: case, a leading article, British or
    American spelling (-ise/-ize, centring/centering) and spacing don't count."""
    text = re.sub(r"^(the|a|an)\s+", "", text.strip().lower())
    text = re.sub(r"is(e|es|ed|ing|ation|ations)\b", r"iz\1", text)
    text = text.replace("centring", "centering").replace("centred", "centered")
    return re.sub(r"\s+", " ", text)


def _name_matches(inside, term):
    """Does the text of a parenthesis begin with one of the term's English names
    (a plural allowed)?"""
    given = _english_key(inside)
    for name in term.names:
        key = _english_key(name)
        if given.startswith(key) and not re.match(r"[a-z0-9]", given[len(key):len(key) + 1]) \
                or re.match(re.escape(key) + r"(s|es)\b", given):
            return True
    return False


def _spans(text, form, others=()):
    """(start, end) of each occurrence of ``form`` not inside one of ``others``."""
    covered = [(m.start(), m.end()) for other in others for m in re.finditer(re.escape(other), text)]
    return [(m.start(), m.end()) for m in re.finditer(re.escape(form), text)
            if not any(a <= m.start() and m.end() <= b for a, b in covered)]


def body_prose(markdown):
    """The page's body prose, the same length as ``markdown`` (so positions are
    the page's): front matter, headings, admonition titles, code (fenced and
    inline), math (display and inline), link texts and targets and HTML tags are
    blanked, line breaks kept."""
    lines = markdown.split("\n")
    blank = set()
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
        blank.update(range(end + 1))
    for first, last in translation.verbatim_spans(markdown):
        blank.update(range(first, last + 1))
    out = []
    for i, line in enumerate(lines):
        if i in blank or re.match(r"\s{0,3}#{1,6}\s", line) or re.match(r"\s*(!!!|\?\?\?\+?)\s", line):
            line = " " * len(line)
        out.append(line)
    text = "\n".join(out)
    # Inline code, math and links may run over a line break: blank them in the
    # whole text (keeping the line breaks), not line by line.
    for pattern in (r"`[^`]*`", r"\$[^$]+\$", r"\\\(.*?\\\)", r"\[[^\]]*\]\([^)]*\)",
                    r"<[^>]+>", r"\{#[^}]*\}"):
        text = re.sub(pattern, lambda m: re.sub(r"[^\n]", " ", m[0]), text, flags=re.S)
    return text


_TOKENIZER = []


def _word_boundaries(text):
    """Positions where the search's segmentation (jieba with the book's
    dictionary) starts or ends a word."""
    if not _TOKENIZER:
        import jieba
        import yaml

        config = yaml.safe_load((ROOT / "mkdocs.zh.yml").read_text(encoding="utf-8"))
        tokenizer = jieba.Tokenizer()
        with open(ROOT / config["plugins"]["search"]["jieba_dict_user"], "rb") as file:
            tokenizer.load_userdict(file)
        _TOKENIZER.append(tokenizer)
    return {end for _, _, end in _TOKENIZER[0].tokenize(text)} | {0}


def first_uses(markdown, terms):
    """(term, position) of the first use of each glossary term in the body prose
    of a page: an occurrence inside a longer glossary term (梯度 in 梯度下降),
    inside one of the term's ``others``, or that the search's word segmentation
    cuts (先验 in 先验证) does not count."""
    text = body_prose(markdown)
    cuts = _word_boundaries(text)
    found = {id(term): [(a, b) for a, b in _spans(text, term.chinese, term.others)
                        if a in cuts and b in cuts or not re.match(r"[\u4e00-\u9fff]", term.chinese)]
             for term in terms}
    every = [span for spans in found.values() for span in spans]
    uses = []
    for term in terms:
        own = [(a, b) for a, b in found[id(term)]
               if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in every)]
        if own:
            uses.append((term, min(own)))
    return uses


def english_at_first_use_problems(markdown, terms):
    """Each glossary term used in the body prose whose first use is not followed
    by （English） (``**术语（English）**`` and ``**术语**（English）`` both count).
    A term whose Chinese form contains its English name (Hessian 矩阵) is exempt,
    and so is one whose English has digits (0-1 loss, F1 score): the parenthesis
    would add numbers the English page does not have."""
    problems = []
    for term, (start, end) in first_uses(markdown, terms):
        if any(name.lower() in term.chinese.lower() for name in term.names) \
                or re.search(r"\d", term.names[0]):
            continue
        after = markdown[end:end + 80]
        after = after.lstrip("*”’")
        given = after.startswith("（") and _name_matches(after[1:].split("）")[0], term)
        # or inside a parenthesis with the English after a comma: （自助法，bootstrap）
        given = given or markdown[start - 1:start] == "（" and after.startswith("，") \
            and _name_matches(after[1:].split("）")[0], term)
        if not given:
            line = markdown.count("\n", 0, start) + 1
            problems.append(f"line {line}: {term.chinese} ({term.names[0]}) first used without "
                            f"（{term.names[0]}）: {markdown[max(0, start - 12):end + 12]!r}")
    return problems


def forbidden_form_problems(markdown, terms):
    """Each use of a form the glossary says not to use (outside the longer words
    the glossary lists for it) and each 中文（English） whose Chinese is not the
    glossary's form for that English."""
    text = "\n".join(translation.prose_lines(markdown))
    problems = []
    for term in terms:
        for form in term.avoid:
            for start, _ in _spans(text, form, term.others):
                problems.append(f"{form!r} (…{text[max(0, start - 8):start + 12]}…); "
                                f"the glossary's form for {term.english!r} is {term.chinese!r}")
    by_name = {}
    for term in terms:
        for name in term.names:
            by_name.setdefault(_english_key(name), set()).add(term.chinese)
    for match in re.finditer(r"（([^（）]+)）", text):
        inside, before = match[1], text[max(0, match.start() - 40):match.start()]
        key = _english_key(re.split(r"[，；,;]", inside)[0])
        chinese = by_name.get(key) or by_name.get(key[:-1] if key.endswith("s") else None) \
            or by_name.get(key[:-2] if key.endswith("es") else None)
        if chinese and not any(_squash(before).rstrip("*”’").endswith(_squash(c)) for c in chinese):
            problems.append(f"{before[-14:]}（{inside}）; the glossary has {' or '.join(sorted(chinese))!r}")
    return problems


def _chinese_pages():
    return [page for page in sorted([*ZH.rglob("*.md"), *ZH.rglob("*.ipynb")])
            if page.name != "glossary.md"]


def test_the_glossary_has_one_row_per_term_and_the_terms_the_home_page_uses():
    rows = glossary()
    assert len(rows) >= 40
    english = [t.english.lower() for t in rows]
    chinese = [t.chinese for t in rows]
    assert len(set(english)) == len(english) and len(set(chinese)) == len(chinese)
    home = (ZH / "index.md").read_text(encoding="utf-8")
    for term in ("反向传播", "交叉熵", "梯度检验", "支持向量机", "学习率", "主成分分析", "异常检测"):
        assert term in chinese and term in home
    # the two meanings of "bias" are two rows, and "step size" is a term of its own
    bias = {t.english: t.chinese for t in rows if "bias" in t.names}
    assert bias == {"bias (parameter)": "偏置", "bias (statistics)": "偏差"}
    assert "步长" in chinese and not any("步长" in t.avoid for t in rows)


@pytest.mark.parametrize("page", _chinese_pages(), ids=lambda p: str(p.relative_to(ZH)))
def test_each_glossary_term_has_one_chinese_form_across_the_chinese_pages(page):
    problems = forbidden_form_problems(translation.page_text(page), glossary())
    assert not problems, f"{page.relative_to(ZH)}:\n" + "\n".join(problems)


def test_the_term_check_catches_a_second_chinese_form_and_not_a_longer_word():
    rows = glossary()
    assert forbidden_form_problems("对数几率回归（logistic regression）", rows)
    assert forbidden_form_problems("我们用逻辑斯谛回归。", rows)
    assert forbidden_form_problems("网络的精度。", rows)
    # a form to avoid inside a longer legitimate word is not a second form
    assert not forbidden_form_problems("用双精度计算，数值精度足够；学习率也叫步长。", rows)
    # both bold forms, a plural and the other spelling
    assert not forbidden_form_problems("**聚类（clustering）**与**质心**（centroids）；**正则化**（regularisation）", rows)
    # "bias" is either of two rows
    assert not forbidden_form_problems("偏置（bias）与偏差（bias）", rows)
    assert forbidden_form_problems("偏移（bias）", rows)  # neither of the two
    assert forbidden_form_problems("黑塞矩阵（Hessian）", rows)


@pytest.mark.parametrize("page", _chinese_pages(), ids=lambda p: str(p.relative_to(ZH)))
def test_the_english_term_is_given_at_its_first_use_on_each_page(page):
    problems = english_at_first_use_problems(translation.page_text(page), glossary())
    assert not problems, f"{page.relative_to(ZH)}:\n" + "\n".join(problems)


def test_the_first_use_check_fails_on_a_page_without_the_parenthesis():
    rows = glossary()
    page = textwrap.dedent("""\
        ---
        translation_of: 0123456789ab
        figures:
          1:
            caption: "学习率很大时"
        ---

        # 学习率与梯度下降 {#learning-rate}

        !!! note "学习率"

            梯度下降的步子由学习率决定，`学习率` 与 $\\text{学习率}$ 不算。
        """)
    problems = english_at_first_use_problems(page, rows)
    assert len(problems) == 2 and "学习率 (learning rate)" in " ".join(problems)
    assert "梯度下降 (gradient descent)" in " ".join(problems)
    fixed = page.replace("梯度下降的步子由学习率决定",
                         "**梯度下降**（gradient descent）的步子由**学习率（learning rate）**决定，学习率")
    assert english_at_first_use_problems(fixed, rows) == []
    # only the first use counts, and 梯度 inside 梯度下降 is not a use of 梯度
    late = fixed.replace("，学习率", "，梯度与学习率")
    assert [p.split(":")[1].split()[0] for p in english_at_first_use_problems(late, rows)] == ["梯度"]
    # a word the glossary lists as another word is not a use (偏差 as deviation)
    assert english_at_first_use_problems("x 对均值的偏差之和为零，偏差（bias）\n", rows) == []
    assert english_at_first_use_problems("x 的偏差之和为零，偏差（bias）\n", rows) != []


def test_chinese_search_keeps_the_book_s_terms_whole():
    import jieba  # the test and docs extras install it (Material's Chinese search)
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.zh.yml").read_text(encoding="utf-8"))
    dictionary = ROOT / config["plugins"]["search"]["jieba_dict_user"]
    words = {line.split()[0] for line in dictionary.read_text(encoding="utf-8").splitlines()
             if line.strip()}
    for term in glossary():
        assert _squash(term.chinese) in words, f"{term.chinese} is in the glossary, not in {dictionary.name}"
    tokenizer = jieba.Tokenizer()
    with open(dictionary, "rb") as file:  # jieba leaves a file it opens itself open
        tokenizer.load_userdict(file)
    for term in ("反向传播", "交叉熵", "梯度检验", "支持向量机", "学习率", "核函数"):
        assert term in tokenizer.lcut(f"我们用{term}来训练模型"), term


# --- the page engine on the Chinese build -----------------------------------------

def test_the_chinese_build_runs_its_own_pages_and_keeps_the_english_cache(tmp_path, monkeypatch):
    """The execute hook on mkdocs.zh.yml: a Chinese page whose code differs from
    its English page's runs (and its errors name docs-zh/), its cache entries
    live apart, and the English book's entries are neither read nor pruned."""
    from tests._hooks import load_hook

    monkeypatch.delenv("CI", raising=False)
    execute = load_hook("execute")
    editions = _two_editions(tmp_path, "# T\n\n```python\nprint(1)\n```\n",
                             "# 标题\n\n```python\nprint(2)\n```\n")
    english_entry = tmp_path / ".cache" / "execute" / "page.md.json"
    english_entry.parent.mkdir(parents=True)
    english_entry.write_text("{}")
    execute.on_startup(command="build")
    out = _page_markdown(execute, *editions["docs-zh"])
    assert "2" in out.split("print(2)", 1)[1]  # the Chinese page's own run is shown
    assert english_entry.is_file()  # not pruned
    assert (tmp_path / ".cache" / "docs-zh" / ".cache" / "execute" / "page.md.json").is_file()
    assert execute._STATE["docs"] == "docs-zh"


def _two_editions(tmp_path, english, chinese):
    """A checkout with docs/page.md and docs-zh/page.md, and the execute hook's
    (file, files, config) for each edition, as MkDocs would pass them."""
    from types import SimpleNamespace

    (tmp_path / "docs" / "javascripts").mkdir(parents=True)
    (tmp_path / "docs-zh").mkdir()
    (tmp_path / "mlbook").mkdir()
    (tmp_path / "docs" / "javascripts" / "mathjax.js").write_text(
        (ROOT / "docs" / "javascripts" / "mathjax.js").read_text())
    (tmp_path / "CITATION.cff").write_text((ROOT / "CITATION.cff").read_text())
    editions = {}
    for docs, text, name in (("docs", english, "mkdocs.yml"), ("docs-zh", chinese, "mkdocs.zh.yml")):
        source = tmp_path / docs / "page.md"
        source.write_text(text)
        file = SimpleNamespace(abs_src_path=str(source), src_uri="page.md", dest_uri="page.html",
                               url="page.html")
        files = SimpleNamespace(get_file_from_path=lambda p, f=file: f if p == "page.md" else None)
        config = SimpleNamespace(config_file_path=str(tmp_path / name), docs_dir=str(tmp_path / docs),
                                 site_dir=str(tmp_path / "site"), site_url=None, repo_url=None)
        editions[docs] = (text, file, files, config)
    return editions


def _page_markdown(execute, text, file, files, config):
    from types import SimpleNamespace

    from mkdocs.utils import meta

    execute.on_files([file], config)
    body, front = meta.get_data(text)  # MkDocs passes the page without its front matter
    page = SimpleNamespace(file=file, title="T", meta=front)
    return execute.on_page_markdown(body, page=page, config=config, files=files)


def test_the_chinese_build_reuses_the_english_run_of_identical_code_even_in_ci(tmp_path, monkeypatch):
    """Goal of issue 24: the Chinese build does not run a page a second time
    when its code is the English page's; a page whose code differs (here one
    string literal) runs on its own."""
    from tests._hooks import load_hook

    monkeypatch.setenv("CI", "true")  # as in .ci/run: every English page runs
    execute = load_hook("execute")
    execute.on_startup(command="build")
    counter = tmp_path / "runs.txt"
    code = f"with open({str(counter)!r}, 'a') as f:\n    f.write('x')\nprint('ran', 17)\n"
    english = f"# T\n\nSome text.\n\n```python\n{code}```\n"
    chinese = (f"---\ntranslation_of: 0123456789ab\n---\n\n# 标题\n\n一段比英文长一些的中文正文。\n\n"
               f"第二段。\n\n```python\n{code}```\n")
    editions = _two_editions(tmp_path, english, chinese)
    _page_markdown(execute, *editions["docs"])
    assert counter.read_text() == "x"
    out = _page_markdown(execute, *editions["docs-zh"])
    assert counter.read_text() == "x"  # not run again
    assert "ran 17" in out.split("f.write('x')", 1)[1]  # the English output, under the Chinese fence
    changed = chinese.replace("'ran'", "'运行'")
    (tmp_path / "docs-zh" / "page.md").write_text(changed)
    out = _page_markdown(execute, changed, *editions["docs-zh"][1:])
    assert counter.read_text() == "xx" and "运行 17" in out


def test_a_translated_page_s_front_matter_translates_its_figures(tmp_path):
    from types import SimpleNamespace

    from bookengine.runner import Block, Figure, PageRun
    from mkdocs.exceptions import PluginError
    from tests._hooks import load_hook

    execute = load_hook("execute")
    figure = Figure(caption="Cost against iterations", svg="<svg/>", width=10, height=10,
                    alt="The curve falls")
    run = PageRun(blocks={3: Block("", [figure]), 9: Block("x\n", [figure, figure])})
    page = SimpleNamespace(meta={"figures": {2: {"caption": "代价随迭代次数的变化", "alt": "曲线下降"}}})
    out = execute._translated_figures(run, page, "docs-zh/p.md")
    shown = [f for _, block in sorted(out.blocks.items()) for f in block.figures]
    assert [f.caption for f in shown] == ["Cost against iterations", "代价随迭代次数的变化",
                                          "Cost against iterations"]
    assert shown[1].alt == "曲线下降" and shown[1].svg == "<svg/>" and out.blocks[9].output == "x\n"
    # A number typed into a translated alt text must be one the code drew.
    numbered = PageRun(blocks={1: Block("", [Figure("Margin", "<svg/>", 1, 1, alt="Six of 320 points")])})
    ok = {"figures": {1: {"caption": "间隔", "alt": "320 个点中的 6 个"}}}
    with pytest.raises(PluginError, match=r"figure 1's translated .* \['6'\]"):
        execute._translated_figures(numbered, SimpleNamespace(meta=ok), "docs-zh/p.md")
    ok["figures"][1]["alt"] = "320 个点中的六个"
    assert execute._translated_figures(numbered, SimpleNamespace(meta=ok), "docs-zh/p.md")
    with pytest.raises(PluginError, match=r"figure\(s\) \[4\].*draws 3"):
        execute._translated_figures(run, SimpleNamespace(meta={"figures": {4: {"caption": "?"}}}),
                                    "docs-zh/p.md")


def test_a_line_break_between_chinese_characters_is_no_space():
    html = "<p>第一行的末尾\n第二行，接着\n  写。English\nwords and 中文\n$x$</p><pre>代码\n注释</pre>"
    assert translation.join_cjk_lines(html) == \
        "<p>第一行的末尾第二行，接着写。English\nwords and 中文\n$x$</p><pre>代码\n注释</pre>"


def test_a_stale_chinese_lab_shows_the_notice_too(tmp_path):
    """A lab's page comes from its notebook (mkdocs-jupyter), so the notice is
    put into its HTML; a current lab gets none."""
    import json
    from types import SimpleNamespace

    from tests._hooks import load_hook

    language = load_hook("language")
    (tmp_path / "docs" / "labs").mkdir(parents=True)
    (tmp_path / "docs-zh" / "labs").mkdir(parents=True)
    english = json.dumps({"cells": [], "metadata": {}})
    (tmp_path / "docs" / "labs" / "lab.ipynb").write_text(english)
    chinese = tmp_path / "docs-zh" / "labs" / "lab.ipynb"
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.zh.yml"), theme={"language": "zh"})
    page = SimpleNamespace(file=SimpleNamespace(src_uri="labs/lab.ipynb", dest_uri="labs/lab.html",
                                                abs_src_path=str(chinese)))
    for recorded, stale in ((translation.source_hash(english), False), ("0123456789ab", True)):
        chinese.write_text(json.dumps({"cells": [], "metadata": {"mlbook": {"translation_of": recorded}}}))
        html = language.on_page_content("<p>实验</p>", page=page, config=config, files=None)
        assert (translation.NOTICE_TITLE in html) == stale
        assert ('href="../../labs/lab.html"' in html) == stale


def test_a_page_s_cache_key_does_not_depend_on_how_the_configuration_was_named(monkeypatch):
    """`mkdocs build -f mkdocs.zh.yml` gives a relative root; the English build's
    entries are keyed with an absolute one. The Chinese build found none of
    them until the key resolved its root."""
    from bookengine import runner

    monkeypatch.chdir(ROOT)
    page = "# T\n\n```python\nprint(1)\n```\n"
    assert runner.cache_key(page, ".") == runner.cache_key(page, ROOT)


def test_body_prose_blanks_inline_math_that_runs_over_a_line_break():
    page = "正文 $a +\nb$ 之后是容差和\n曲率。\n"
    prose = body_prose(page)
    assert len(prose) == len(page) and prose.count("\n") == page.count("\n")
    assert "a +" not in prose and "b$" not in prose and "容差" in prose and "曲率" in prose


def test_a_chinese_chapter_notebook_links_english_pages_on_the_english_site():
    from bookengine.notebook import absolute_links

    def url_of(docs_path):
        if docs_path.startswith("en:"):
            return "https://book.example/" + docs_path[3:].replace(".md", ".html")
        return "https://book.example/zh/" + docs_path.replace(".md", ".html")

    text = "见[异常](en:api/exceptions.md#mlbook.exceptions)与[公式 (1.6)](linear-regression.md#eq-1.6)。"
    assert absolute_links(text, "linear-models/x.md", url_of) == (
        "见[异常](https://book.example/api/exceptions.html#mlbook.exceptions)与"
        "[公式 (1.6)](https://book.example/zh/linear-models/linear-regression.html#eq-1.6)。")


def test_the_chinese_print_page_leaves_out_the_chapters_citation_boxes_as_the_english_does():
    from bookengine import printbook

    for title in ("How to cite this chapter", "如何引用本章"):
        box = f'<details class="quote">\n<summary>{title}</summary><pre>@incollection{{x}}</pre></details>'
        assert not any(p.search(box) is None for p in printbook._DROP[2:]), title


def test_a_chinese_lab_gets_its_english_lab_s_anchors(tmp_path):
    """nbconvert and the contents slug Chinese headings differently (both to
    digits and underscores), so the contents' links of a Chinese lab led
    nowhere; its headings now carry the English lab's anchors."""
    import json
    from types import SimpleNamespace

    from tests._hooks import load_hook

    language = load_hook("language")
    english = tmp_path / "lab.ipynb"
    english.write_text(json.dumps({"cells": [
        {"cell_type": "markdown", "id": "a", "metadata": {}, "source": "# Lab 1: The cost\n\n## Task 1: the cost\n"},
        {"cell_type": "markdown", "id": "b", "metadata": {}, "source": "## Your progress\n"}],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    toc = [SimpleNamespace(id="1", children=[SimpleNamespace(id="1_1", children=[]),
                                             SimpleNamespace(id="_1", children=[])])]
    page = SimpleNamespace(toc=toc, file=SimpleNamespace(src_uri="labs/lab.ipynb"))
    html = ('<h1 id="1">实验 1：代价<a class="anchor-link" href="#1">¶</a></h1><p>正文</p>'
            '<h2 id="1">任务 1：代价<a class="anchor-link" href="#1">¶</a></h2>'
            '<h2 id="">你的进度<a class="anchor-link" href="#">¶</a></h2>')
    out = language._english_lab_anchors(html, page, english)
    assert re.findall(r'id="([^"]*)"', out) == ["lab-1-the-cost", "task-1-the-cost", "your-progress"]
    assert re.findall(r'href="#([^"]*)"', out) == ["lab-1-the-cost", "task-1-the-cost", "your-progress"]
    assert [toc[0].id, toc[0].children[0].id, toc[0].children[1].id] == \
        ["lab-1-the-cost", "task-1-the-cost", "your-progress"]
