"""The rendered book: Sphinx and sphinx-gallery make each chapter a web page.

Built once a session, from clean, with warnings as errors (the ``book``
fixture in conftest.py starts it as the tests start).  The pages are read
as a student reads them: the table of contents, each chapter's text, its
equations as preformatted blocks, its printed numbers and its figures.
"""
import ast
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from chapter_checks import (DRAWS, check_05_defaults, check_06_defaults, check_08_defaults,
                            check_09_defaults)
from seed_numbers import SEED_COST_10

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted(path.name for path in (ROOT / "chapters").glob("[0-9][0-9]_*.py"))
# A line each page must show, from the chapter's default run (the book runs the defaults)
PRINTED = {
    "01_data.py": r"^train count: +5923 +6742 ",
    "02_binary.py": r"^train accuracy: 99\.23 %\ntest accuracy: 99\.00 %$",
    "03_multiclass.py": rf"^ +10 +{SEED_COST_10:.6f} +78\.40 %$",
    "04_weights.py": r"^test accuracy: \d+\.\d\d %$",
    "05_softmax.py": r"^test accuracy: 92\.(5\d|[6-9]\d) %$",
    "06_checking.py": r"^the two minima agree to 1e-6: yes$",
    "07_speed.py": r"^seed's log loop / vectorized log_sigmoid +[\d,]+\.\d\d",
    "08_deskew.py": r"^  deskewed: train accuracy \d+\.\d\d %, test accuracy 9[5-9]\.\d\d %$",
    "09_newton.py": r"they agree to 1e-8: yes$",
}

# Numbers the README's "Beyond the seed" table states (first pattern) that a chapter's
# default run must print (second): one measurement for both
README_NUMBERS = {
    "08_deskew.py": (r"^\| chapter 8: .*\| test (\d+\.\d\d) %, train (?:\S+) %; ",
                     r"^  deskewed: train accuracy \S+ %, test accuracy {} %$"),
    "09_newton.py": (r"^\| chapter 9: .* the minimum to the last digit in (\d+) steps",
                     r"^Newton: {} steps, "),
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


def test_the_first_page_is_the_table_of_contents_and_the_readme(book):
    index = (book[0] / "index.html").read_text()
    contents = index[index.index("Chapters"):]
    links = re.findall(r'<a class="reference internal" href="(chapters/\d\d_\w+)\.html">', contents)
    assert links[:len(CHAPTERS)] == [f"chapters/{name[:-3]}" for name in CHAPTERS]
    titles = [re.search(r"^Chapter \d+\. .+", ast.get_docstring(ast.parse(
        (ROOT / "chapters" / name).read_text())), re.MULTILINE).group() for name in CHAPTERS]
    for title in titles:
        assert title in text(contents)
    assert "sphx-glr-thumbcontainer" not in index  # a book's contents, not a thumbnail gallery
    readme = (ROOT / "README.md").read_text()
    shown = text(index)
    for row in re.findall(r"^\| (ten classes one-vs-rest.*|chapter 5: softmax.*) \|$", readme,
                          re.MULTILINE):
        assert row.split(" | ")[1].replace("`", "") in shown  # the README's numbers, not a copy
    images = re.findall(r'<img [^>]*src="([^"]+)"', index)
    assert len(images) == readme.count("![")
    for image in images:
        assert (book[0] / image).is_file(), image


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_is_a_page_with_its_text_equations_output_and_figures(book, chapter):
    markup = page(book, chapter)
    shown = text(markup)
    docstring = ast.get_docstring(ast.parse((ROOT / "chapters" / chapter).read_text()))
    assert html.unescape(re.search(r"<h1>([^<]*)", markup).group(1)) == docstring.splitlines()[0]
    for section in ("The question", "What to look for", "Exercises"):
        assert f">{section}<" in markup

    # every line of each equation block is a line of a preformatted block, not reflowed
    blocks = "\n".join(text(pre) for pre in re.findall(r"<pre>.*?</pre>", markup, re.DOTALL))
    equations = [line.strip() for line in docstring.splitlines() if line.startswith("    ")
                 and not line.lstrip().startswith(("-", "("))]
    assert bool(equations) == (chapter not in ("04_weights.py", "07_speed.py"))  # no blocks there
    for line in equations:
        assert re.search(rf"^\s*{re.escape(line)}$", blocks, re.MULTILINE), line
    plain = [text(pre) for pre in re.findall(r'<div class="highlight-none notranslate">'
                                              r'<div class="highlight"><pre>.*?</pre>', markup, re.DOTALL)]
    for line in equations[:1]:  # as text, not coloured as if it were Python
        assert any(line in block for block in plain), line

    assert re.search(PRINTED[chapter], shown, re.MULTILINE)
    printed = "\n".join(text(block) for block in re.findall(
        r'<div class="sphx-glr-script-out[^"]*">.*?</pre>', markup, re.DOTALL))
    {"05_softmax.py": check_05_defaults, "06_checking.py": check_06_defaults,
     "08_deskew.py": check_08_defaults, "09_newton.py": check_09_defaults}.get(
        chapter, lambda out: None)(printed)  # the full default runs are checked here only
    if chapter in README_NUMBERS:  # the README's number is this run's
        in_readme, in_output = README_NUMBERS[chapter]
        found = re.search(in_readme, (ROOT / "README.md").read_text(), re.MULTILINE).group(1)
        assert re.search(in_output.format(re.escape(found)), printed, re.MULTILINE), found
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
