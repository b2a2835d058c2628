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

The list of English pages without a Chinese page is a report, not a failure:
translation is scheduled after the second editions (issue 24), so the test
that prints it checks only that the list is right.
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


def test_english_pages_without_a_chinese_page_are_reported():
    """A report, not a gate: translation comes after the second editions (issue
    24), so a missing page does not fail. What is checked is that the list is
    honest: each listed page exists in English and has no Chinese page, and
    every translated page is absent from it."""
    missing = translation.untranslated_pages(EN, ZH)
    print(f"\nEnglish pages with no Chinese page yet ({len(missing)}):")
    print("\n".join(f"  docs/{page}" for page in missing))
    for page in missing:
        assert (EN / page).is_file() and not (ZH / page).exists()
    for path, _, _ in PAIRS:
        assert path not in missing
    assert all(not page.startswith("api/") for page in missing)  # the API reference stays English
    assert "print.md" in missing or (ZH / "print.md").is_file()


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

def glossary():
    """(English, Chinese, [forms not to use]) for each row of docs-zh/glossary.md."""
    rows = []
    for line in (ZH / "glossary.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] not in ("English", "---"):
            rows.append((cells[0], cells[1], [v for v in cells[2].split("、") if v]))
    return rows


def _squash(text):
    return re.sub(r"\s+", "", text)


def test_the_glossary_has_one_row_per_term_and_the_terms_the_home_page_uses():
    rows = glossary()
    assert len(rows) >= 40
    english = [e.lower() for e, _, _ in rows]
    chinese = [c for _, c, _ in rows]
    assert len(set(english)) == len(english) and len(set(chinese)) == len(chinese)
    home = (ZH / "index.md").read_text(encoding="utf-8")
    for term in ("反向传播", "交叉熵", "梯度检验", "支持向量机", "学习率", "主成分分析", "异常检测"):
        assert term in chinese and term in home


def test_each_glossary_term_has_one_chinese_form_across_the_chinese_pages():
    rows = glossary()
    by_english = {e.lower(): c for e, c, _ in rows}
    for page in sorted([*ZH.rglob("*.md"), *ZH.rglob("*.ipynb")]):
        if page.name == "glossary.md":
            continue
        text = "\n".join(translation.prose_lines(translation.page_text(page)))
        for english, chinese, avoid in rows:
            for form in avoid:
                assert form not in text, f"{page.name}: {form!r}; the glossary's form for " \
                                         f"{english!r} is {chinese!r}"
        # "中文（English）": the Chinese before the parenthesis is the glossary's.
        for before, inside in re.findall(r"([^\s（）]{1,12}\s?[^\s（）]{0,6})（([^）]+)）", text):
            term = inside.split("，")[0].strip().lower()
            if term in by_english:
                assert _squash(before).endswith(_squash(by_english[term])), \
                    f"{page.name}: {before}（{inside}）; the glossary has {by_english[term]!r}"


def test_the_term_check_catches_a_second_chinese_form(tmp_path):
    rows = {e.lower(): c for e, c, _ in glossary()}
    text = "对数几率回归（logistic regression）"
    before, inside = re.findall(r"([^\s（）]{1,12}\s?[^\s（）]{0,6})（([^）]+)）", text)[0]
    assert not _squash(before).endswith(rows[inside])
    assert any("对数几率回归" in avoid for _, _, avoid in glossary())


def test_chinese_search_keeps_the_book_s_terms_whole():
    import jieba  # the test and docs extras install it (Material's Chinese search)
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.zh.yml").read_text(encoding="utf-8"))
    dictionary = ROOT / config["plugins"]["search"]["jieba_dict_user"]
    words = {line.split()[0] for line in dictionary.read_text(encoding="utf-8").splitlines()
             if line.strip()}
    for _, chinese, _ in glossary():
        assert _squash(chinese) in words, f"{chinese} is in the glossary, not in {dictionary.name}"
    tokenizer = jieba.Tokenizer()
    with open(dictionary, "rb") as file:  # jieba leaves a file it opens itself open
        tokenizer.load_userdict(file)
    for term in ("反向传播", "交叉熵", "梯度检验", "支持向量机", "学习率", "核函数"):
        assert term in tokenizer.lcut(f"我们用{term}来训练模型"), term


# --- the page engine on the Chinese build -----------------------------------------

def test_the_chinese_build_runs_its_own_pages_and_keeps_the_english_cache(tmp_path, monkeypatch):
    """The execute hook on mkdocs.zh.yml: a Chinese page's code runs (and its
    errors name docs-zh/), its cache entries live apart, and the English
    book's entries are neither read nor pruned."""
    from types import SimpleNamespace

    from tests._hooks import load_hook

    monkeypatch.delenv("CI", raising=False)
    execute = load_hook("execute")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs-zh").mkdir()
    (tmp_path / "mlbook").mkdir()
    (tmp_path / "docs" / "javascripts").mkdir()
    (tmp_path / "docs" / "javascripts" / "mathjax.js").write_text(
        (ROOT / "docs" / "javascripts" / "mathjax.js").read_text())
    (tmp_path / "CITATION.cff").write_text((ROOT / "CITATION.cff").read_text())
    english_entry = tmp_path / ".cache" / "execute" / "page.md.json"
    english_entry.parent.mkdir(parents=True)
    english_entry.write_text("{}")
    (tmp_path / "docs" / "page.md").write_text("# T\n\n```python\nprint(1)\n```\n")
    text = "# 标题\n\n```python\nprint(2)\n```\n"
    source = tmp_path / "docs-zh" / "page.md"
    source.write_text(text)
    file = SimpleNamespace(abs_src_path=str(source), src_uri="page.md", dest_uri="page.html",
                           url="page.html")
    files = SimpleNamespace(get_file_from_path=lambda p: file if p == "page.md" else None)
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.zh.yml"),
                             docs_dir=str(tmp_path / "docs-zh"), site_dir=str(tmp_path / "site"),
                             site_url="https://book.example/zh/", repo_url=None)
    execute.on_startup(command="build")
    execute.on_files([file], config)
    out = execute.on_page_markdown(text, page=SimpleNamespace(file=file, title="标题"),
                                   config=config, files=files)
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
