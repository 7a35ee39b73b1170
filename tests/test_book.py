"""The rendered book: Sphinx and sphinx-gallery make each chapter a web page.

Built once a session, from clean, with warnings as errors (the ``book``
fixture in conftest.py starts it as the tests start).  The pages are read
as a student reads them: the table of contents, each chapter's text with its
maths typeset, its printed numbers and its figures, and nothing loaded from
the network.
"""
import ast
import html
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from chapter_checks import (DRAWS, check_01_defaults, check_02_defaults, check_03_defaults,
                            check_04_defaults, check_05_defaults, check_06_defaults, check_08_defaults,
                            check_07_defaults, check_09_defaults, check_10_defaults,
                            check_11_defaults, text_lines)
from seed_numbers import MODELS, SEED_COST_10

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "book"))
from maths import INLINE  # noqa: E402  (the book's own reading of $...$ in a line)

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted(path.name for path in (ROOT / "chapters").glob("[0-9][0-9]_*.py"))
# A line each page must show, from the chapter's default run (the book runs the defaults)
PRINTED = {
    "01_data.py": r"^train count: +5923 +6742 ",
    "02_binary.py": r"^train accuracy: 99\.23 %\ntest accuracy: 99\.00 %$",
    "03_multiclass.py": rf"^ +10 +{MODELS * SEED_COST_10:.5f}\d +78\.40 %$",  # their sum
    "04_weights.py": r"^test accuracy: \d+\.\d\d %  \(run 2: scaled pixels\)$",
    "05_softmax.py": r"^test accuracy: 9[12]\.\d\d % \(95 % interval 9\d\.\d\d to 9\d\.\d\d %",
    "06_validation.py": r"^l2 = 0\.01 \(chosen\): test accuracy\n  87\.92 % \(95 % interval",
    "07_checking.py": r"^the two minima agree to 1e-6: yes$",
    "08_speed.py": r"^per-element log loop / vectorized log_sigmoid +[\d,]+\.\d\d",
    "09_deskew.py": r"^  deskewed: train accuracy \d+\.\d\d %, test accuracy 9[5-9]\.\d\d %$",
    "10_newton.py": r"they agree to 1e-8: yes$",
    "11_probabilities.py": r"^softmax: log loss \S+ -> \S+, ECE \S+ -> \S+\n +accuracy 92\.25 % ",
}

# Numbers the preface's table "What the chapters find" states (the first pattern's groups)
# that a chapter's default run must print (in the second's {}s, in order): one measurement
PREFACE_NUMBERS = {
    "05_softmax.py": (r"^\| chapter 5: .* softmax is right on (\d+) and one-vs-rest on (\d+) "
                      r"\(McNemar's exact p = (\S+)\)",
                      r"^softmax against one-vs-rest, paired on the validation images:\n"
                      r"  right with softmax only: {} images; with one-vs-rest only: {}\n"
                      r"  McNemar's exact p-value: {}$"),
    "09_deskew.py": (r"^\| chapter 9: .*\| test (\d+\.\d\d) %, train (?:\S+) %; ",
                     r"^  deskewed: train accuracy \S+ %, test accuracy {} %$"),
    "10_newton.py": (r"^\| chapter 10: .* the minimum to the last digit in (\d+) steps.* best "
                     r"fixed rate \((\d+),.* needs (\d+) steps to come within 1e-4 of it, and "
                     r"with a backtracking line search (\d+)",
                     r"^Newton: {} steps, (?s:.*)^  rate {} .*<- the rate kept$(?s:.*)^1e-04 +\d+ "
                     r"steps, \S+ s +{} steps, \S+ s +{} steps, "),
    "11_probabilities.py": (  # the output's order differs: numbered places
        r"^\| chapter 11: .* \| the two are (\S+) % and (\S+) % right on validation, .*: its log "
        r"loss is (\S+) against (\S+), its (\d+) mistakes carrying (\S+) % of it\. .* test log "
        r"loss from (\S+) to (\S+)\. .* finds (\S+) % of the test 1s and the raw one (\S+) % "
        r"\(on the test 1s, (\d+) against (\d+): McNemar's exact p = (\S+)\) \|$",
        r"^   raw: validation accuracy {0} %(?s:.*)^scaled: validation accuracy {1} %(?s:.*)"
        r"^ +recall {9} %(?s:.*)^ +recall {8} %(?s:.*)^test 1s found by one model only: "
        r"scaled {10}, raw {11}; McNemar's exact p = {12}$(?s:.*)"
        r"^   raw: log loss {2}; its {4} mistakes carry {5} % of it(?s:.*)"
        r"^scaled: log loss {3}; (?s:.*)^   raw: log loss {6} -> {7},"),
}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def text(markup):
    """What a browser shows of some HTML: the text without its tags, entities decoded."""
    parser = _Text()  # not a regular expression: an alt="5 -> 6" holds a '>'
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def page(book, chapter):
    return (book[0] / "chapters" / chapter.replace(".py", ".html")).read_text()


def test_the_book_builds_without_a_warning(book):
    _, output = book
    assert "build succeeded" in output
    assert not re.search(r"\w+Warning: ", output)  # nor a Python warning from a chapter's run
    assert f"executed {len(CHAPTERS)} out of {len(CHAPTERS)} files" in output


def test_the_first_page_is_the_table_of_contents_and_the_preface_comes_first(book):
    index = (book[0] / "index.html").read_text()
    article = index[index.index("<article"):index.index("</article>")]
    links = re.findall(r'<a class="reference internal" href="([\w/]+)\.html">', article)
    assert links[:3] == ["preface", "start", "notation"]  # the preface, the first page after it
    assert [link for link in links if link.startswith("chapters/")] == [
        f"chapters/{name[:-3]}" for name in CHAPTERS]
    assert links[-4:] == ["exercises/README", "exercises/ANSWERS", "exercises/DERIVATIONS",
                          "CONTRIBUTING"]
    titles = [re.search(r"^Chapter \d+\. .+", ast.get_docstring(ast.parse(
        (ROOT / "chapters" / name).read_text())), re.MULTILINE).group() for name in CHAPTERS]
    for title in titles:
        assert title in text(article)
    assert "sphx-glr-thumbcontainer" not in index  # a book's contents, not a thumbnail gallery
    assert "<!--" not in text(article) and "-->" not in text(article)  # no comment cut in half
    for name in ("preface", "start", "notation", "exercises/README", "exercises/ANSWERS",
                 "exercises/DERIVATIONS", "CONTRIBUTING"):
        assert (book[0] / f"{name}.html").is_file(), name


def test_the_preface_shows_its_numbers_and_its_links_work(book):
    preface = (book[0] / "preface.html").read_text()
    shown = text(preface)
    source = (ROOT / "book" / "preface.md").read_text()
    for row in re.findall(r"^\| (chapter \d+: .*) \|$", source, re.MULTILINE):
        assert row.split(" | ")[1].replace("`", "") in shown  # the numbers are on the page
    for link in re.findall(r'<a class="reference internal" href="([^"#]+)', preface):
        assert (book[0] / link).is_file(), link
    # every chapter in the map, and the original notebook introduced, by that name
    assert len(re.findall(r'href="chapters/\d\d_\w+\.html"', preface)) >= len(CHAPTERS)
    assert "the original notebook" in shown
    # the README, shown as the "Getting started" page: its picture is there, its links work
    start = (book[0] / "start.html").read_text()
    images = re.findall(r'<img [^>]*src="([^"]+)"', start)
    assert len(images) == (ROOT / "README.md").read_text().count("![")
    for image in images:
        assert (book[0] / image).is_file(), image
    for link in re.findall(r'<a class="reference internal" href="([^"#]+)', start):
        assert (book[0] / link).is_file(), link


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_is_a_page_with_its_text_equations_output_and_figures(book, chapter, note,
                                                                          seed_data):
    markup = page(book, chapter)
    shown = text(markup)
    docstring = ast.get_docstring(ast.parse((ROOT / "chapters" / chapter).read_text()))
    assert html.unescape(re.search(r"<h1>([^<]*)", markup).group(1)) == docstring.splitlines()[0]
    for section in ("Summary", "Exercises"):
        assert f">{section}<" in markup
    # the text sits beside the code: sections of text between code blocks, not all above, and
    # each "What to look for" right under the output or figure of the code just before it
    first_code = markup.index('<div class="highlight-Python')
    assert len(re.findall(r"<h2>", markup[first_code:])) >= 3, "the text is not beside the code"
    article = markup[markup.index("<article"):markup.index("</article>")]  # not the contents
    looks = [match.start() for match in re.finditer(r"What to look for", article)]
    assert looks
    for at in looks:
        code = article.rindex('<div class="highlight-Python', 0, at)
        heading = article.rfind("<h2", 0, at)
        if heading > article.rfind("</h2>", 0, at):  # the note's own heading, "What to look for"
            at = heading
        between = article[code:at]
        assert re.search(r'class="sphx-glr-script-out|<img src="[^"]*sphx_glr_', between) and (
            "<h2" not in between), (chapter, text(article[at:at + 200]))

    assert re.search(PRINTED[chapter], shown, re.MULTILINE)
    printed = "\n".join(text(block) for block in re.findall(
        r'<div class="sphx-glr-script-out[^"]*">.*?</pre>', markup, re.DOTALL))
    {"01_data.py": check_01_defaults, "05_softmax.py": check_05_defaults,
     "02_binary.py": lambda out: check_02_defaults(out, seed_data),
     "03_multiclass.py": lambda out: check_03_defaults(out, note),
     "04_weights.py": lambda out: check_04_defaults(out, note, seed_data),
     "06_validation.py": check_06_defaults, "08_speed.py": check_08_defaults,
     "07_checking.py": check_07_defaults,
     "09_deskew.py": check_09_defaults, "10_newton.py": check_10_defaults,
     "11_probabilities.py": check_11_defaults}.get(
        chapter, lambda out: None)(printed)  # the full default runs are checked here only
    if chapter in PREFACE_NUMBERS:  # the preface's number is this run's
        in_preface, in_output = PREFACE_NUMBERS[chapter]
        found = re.search(in_preface, (ROOT / "book" / "preface.md").read_text(),
                          re.MULTILINE).groups()
        assert re.search(in_output.format(*map(re.escape, found)), printed, re.MULTILINE), found
    assert "Traceback" not in shown and "Warning" not in shown
    images = [re.search(r'src="([^"]+)"', tag).group(1) for tag in re.findall(
        rf'<img src="[^"]*sphx_glr_{chapter[:-3]}_\d+\.png"[^>]*>', markup)]
    assert len(images) == len(re.findall(r"^saved \S+\.png$", shown, re.MULTILINE))
    assert (len(images) > 0) == (chapter in DRAWS)
    for image in images:
        assert (book[0] / "chapters" / image).stat().st_size > 10_000

    for kind in (".py", ".ipynb"):
        [link] = re.findall(rf'href="(\.\./_downloads/\w+/{chapter[:-3]}{re.escape(kind)})"',
                            markup)
        assert (book[0] / "chapters" / link).is_file()
    notebook = nbformat.read(book[0] / "chapters" / link, as_version=4)
    assert any('ARGS = ""' in cell.source for cell in notebook.cells)
    # the chapter as Jupyter opens it: with the option code the page hides, and its text cells
    assert any("chapter_parser(" in cell.source for cell in notebook.cells)
    assert any(cell.cell_type == "markdown" and "$" in cell.source for cell in notebook.cells)


def source_maths(chapter):
    """The chapter's maths, in order: (inline or display, LaTeX), from its text cells."""
    maths, display = [], None
    for line in text_lines(ROOT / "chapters" / chapter):
        if line.strip() == "$$":
            if display is None:
                display = []
            else:
                maths.append(("display", " ".join(" ".join(display).split())))
                display = None
        elif display is not None:
            display.append(line.strip())
        else:
            maths += [("inline", match.group("tex")) for match in INLINE.finditer(line)
                      if match.group("tex")]
    return maths


def page_maths(markup):
    """The maths a page hands MathJax, in order: (inline or display, LaTeX)."""
    found = []
    for kind, tex in re.findall(r'<(span|div) class="math notranslate nohighlight">\s*(.*?)\s*'
                                r'</(?:span|div)>', markup, re.DOTALL):
        tex = html.unescape(tex)
        if kind == "span":
            assert tex.startswith(r"\(") and tex.endswith(r"\)"), tex
            found.append(("inline", tex[2:-2]))
        else:
            assert tex.startswith(r"\[") and tex.endswith(r"\]"), tex
            found.append(("display", " ".join(tex[2:-2].split())))
    return found


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_page_typesets_its_maths_as_written(book, chapter):
    """The maths on the page is the chapter's, letter for letter, and none shows raw."""
    markup = page(book, chapter)
    maths = page_maths(markup)
    assert len(maths) >= 5
    assert maths == source_maths(chapter)
    # loaded from the build, with MathJax told where to find it
    [script] = re.findall(r'<script[^>]*src="([^"]*mathjax[^"]*)"', markup)
    assert script.endswith("_static/mathjax/tex-chtml-full.js")
    assert (book[0] / "chapters" / script).resolve().is_file()
    # a displayed equation scrolls sideways if it must, never up and down (furo's
    # overflow-x: auto alone put a scroll bar beside each numbered equation)
    [style] = re.findall(r'<link[^>]*href="([^"?]*maths\.css)[^"]*"', markup)
    css = (book[0] / "chapters" / style).resolve().read_text()
    assert re.search(r"\.math-wrapper\s*\{\s*overflow-y:\s*hidden;", css)
    # outside the maths, no dollar and no LaTeX command is left for the reader to see
    prose = re.sub(r'<(span|div) class="math notranslate nohighlight">.*?</(span|div)>', "",
                   markup, flags=re.DOTALL)
    prose = re.sub(r'<div class="highlight.*?</pre>', "", prose, flags=re.DOTALL)  # code, output
    visible = text(prose[prose.index("<article"):])
    assert "$" not in visible
    assert not re.search(r"\\(frac|sigma|tag|partial|sum|log|top|mathbb|lVert)\b", visible)


def test_no_page_loads_anything_from_off_the_build(book):
    """Every script, style, image, font and frame a page loads is a file of the build."""
    pages = sorted(book[0].rglob("*.html"))
    assert len(pages) > len(CHAPTERS)
    for path in pages:
        markup = path.read_text()
        loads = re.findall(r'<(?:script|img|iframe|source|video|audio)\b[^>]*\ssrc="([^"]*)"',
                           markup) + re.findall(r'<link\b[^>]*\shref="([^"]*)"', markup)
        for url in loads:
            assert not re.match(r"[a-z]+:|//", url), f"{path.name} loads {url}"
            assert (path.parent / url.split("#")[0].split("?")[0]).resolve().exists(), url
    fonts = list((book[0] / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2")
                 .glob("*.woff"))
    assert len(fonts) > 10  # MathJax's fonts, which it loads beside its script


#: The widest line a chapter may print: the output column holds about 88 characters at
#: 1280 px (seen in headless Chromium), and wraps on a phone (book/_static/maths.css)
WIDEST_OUTPUT = 80


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_output_fits_the_column_and_shows_no_machine_path(book, chapter):
    markup = page(book, chapter)
    printed = [text(block) for block in re.findall(
        r'<div class="sphx-glr-script-out[^"]*">.*?</pre>', markup, re.DOTALL)]
    assert printed
    for line in "\n".join(printed).splitlines():
        assert len(line) <= WIDEST_OUTPUT, f"{len(line)} characters: {line!r}"
        assert str(ROOT) not in line and str(book[0]) not in line, line
        assert not re.search(r"(^|[\s(])(/[\w.-]+){2,}", line), f"an absolute path: {line!r}"
    [style] = re.findall(r'<link[^>]*href="([^"?]*maths\.css)[^"]*"', markup)
    css = (book[0] / "chapters" / style).resolve().read_text()
    assert re.search(r"div\.sphx-glr-script-out pre\s*\{\s*white-space:\s*pre-wrap;", css)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_page_opens_with_its_text_not_its_plumbing(book, chapter):
    """The title and the introduction first; the set-up cell folded; the download links last."""
    markup = page(book, chapter)
    article = markup[markup.index("<article"):markup.index("</article>")]
    assert "Go to the end" not in article
    title, intro = article.index("<h1"), article.index("<p>")
    setup = article.index('<details class="chapter-setup">')
    first_code = article.index('<div class="highlight-Python')
    assert title < intro < setup < first_code < article.index("</details>")
    assert "import " in text(article[setup:article.index("</details>")])
    assert article.rindex("sphx-glr-download") > article.rindex("<h2")  # after the exercises
    # a file the book shows as a page is a link to it, not code text
    for path in re.findall(r"<code[^>]*><span class=\"pre\">(exercises/\w+\.md)</span>", article):
        pytest.fail(f"{path} is code text, not a link to its page")


def test_the_readmes_picture_of_a_page_is_of_the_book_as_it_is():
    """book/screenshot.py made it from a build: the chapters its side bar listed are today's."""
    from PIL import Image

    sys.path.insert(0, str(ROOT / "book"))
    from screenshot import CONTENTS_KEY, README_PICTURE

    assert f"]({README_PICTURE.relative_to(ROOT).as_posix()})" in (ROOT / "README.md").read_text()
    with Image.open(README_PICTURE) as picture:
        listed = picture.text.get(CONTENTS_KEY, "").splitlines()
        assert picture.size == (1280, 860)
    titles = [ast.get_docstring(ast.parse((ROOT / "chapters" / name).read_text())).splitlines()[0]
              for name in CHAPTERS]
    assert listed == titles, "stale: build the book, then run python book/screenshot.py"
