"""The functions the book's build calls (conf.py): sphinx-gallery's two for each chapter,
the notebook links', and the one that opens each chapter's page with its text."""
import re
import shutil
from pathlib import Path

import jupytext
import matplotlib.pyplot as plt
from jupytext.config import load_jupytext_configuration_file
from sphinx_gallery.scrapers import matplotlib_scraper

from logreg_from_scratch.chapter import SAVED_AS

#: Options for a chapter in the book, beyond the defaults: chapter 8's ratios
#: from one run each instead of the median of three, without scikit-learn
#: (not a dependency of the book; its fit alone takes 15 s), and without the
#: busy-core measurements (a process spinning on one core while the book builds
#: measures the build, not a student's laptop), to keep the build short; its
#: page quotes the full records in benchmarks/.
BOOK_OPTIONS = {"08_speed.py": ["--repeats", "1", "--no-sklearn", "--no-busy"]}


def reset_argv(gallery_conf, script_vars):
    """The chapter's command line in the book.

    Its figures go to a folder of the build, not the clone's figures/; the
    chapters that draw nothing have no --outdir.
    """
    chapter = Path(script_vars["src_file"])
    argv = list(BOOK_OPTIONS.get(chapter.name, []))
    if "figures=False" not in chapter.read_text(encoding="utf-8"):
        argv += ["--outdir", str(Path(gallery_conf["src_dir"]) / "chapters" / "figures")]
    return argv


def figures_stay_open(gallery_conf, fname):
    """Interactive mode: chapter.save() then leaves each figure open for the gallery.

    sphinx-gallery collects the figures still open at the end of each cell,
    puts them on the page, and closes them.
    """
    plt.ion()


def saved_figures(block, block_vars, gallery_conf):
    """sphinx-gallery's matplotlib scraper, which puts the figures open after a cell on the
    page, but a figure the chapter saved (chapter.save) is copied from its file instead of
    drawn a second time: the page shows the very file a student's run saves."""
    for number in plt.get_fignums():
        figure = plt.figure(number)
        saved = SAVED_AS.get(figure)
        if saved is not None and saved.is_file():
            figure.savefig = lambda target, *_, saved=saved, **__: shutil.copyfile(saved, target)
    return matplotlib_scraper(block, block_vars, gallery_conf)


def notebooks_as_jupyter_opens_them(app, exception):
    """Sphinx's build-finished event: each page's notebook link gets the chapter itself.

    sphinx-gallery makes its own notebook from the page, without the code the
    page hides (the chapter's options) and with its text turned from reST
    into Markdown by rules of its own.  The link gives instead the notebook
    that Jupyter opens the chapter as (jupytext, with the repository's
    jupytext.toml): every cell, the text as written.
    """
    if exception is not None or app.builder.format != "html":
        return
    chapters = Path(app.confdir).parent / "chapters"
    config = load_jupytext_configuration_file(str(chapters.parent / "jupytext.toml"))
    for download in Path(app.outdir, "_downloads").glob("*/[0-9][0-9]_*.ipynb"):
        chapter = chapters / download.with_suffix(".py").name
        jupytext.write(jupytext.read(chapter, config=config), download, fmt="ipynb")


#: The repository's files that are pages of the book: a chapter's ``exercises/ANSWERS.md``
#: becomes a link to the page that shows it
BOOK_PAGES = {"exercises/README.md": "/exercises/README", "exercises/ANSWERS.md": "/exercises/ANSWERS",
              "exercises/DERIVATIONS.md": "/exercises/DERIVATIONS",
              "CONTRIBUTING.md": "/CONTRIBUTING", "README.md": "/start"}
_DOWNLOAD_NOTE = re.compile(r"^\.\. only:: html\n\n    \.\. note::\n        :class: "
                            r"sphx-glr-download-link-note\n\n.*?\n\n", re.MULTILINE | re.DOTALL)
_FIRST_CODE = re.compile(r"^\.\. code-block:: Python\n\n(?:    .*\n|\n)*", re.MULTILINE)


def chapter_page(app, docname, content):
    """Sphinx's source-read event: a chapter's page begins with its text, not with plumbing.

    sphinx-gallery opens each page with a note pointing to the download links
    at its end, and the chapter's first code cell holds its imports and
    options.  The note goes (the links stay at the end), the first cell is
    folded under a line that says what it holds, and a repository file that
    the book shows as a page (``exercises/ANSWERS.md``) becomes a link to
    that page.
    """
    if not docname.startswith("chapters/") or docname.endswith("index"):
        return
    source = _DOWNLOAD_NOTE.sub("", content[0], count=1)
    setup = _FIRST_CODE.search(source)
    if setup:
        folded = (".. raw:: html\n\n   <details class=\"chapter-setup\"><summary>The "
                  "chapter's set-up: the package's functions it uses, and its options "
                  "(click to show)</summary>\n\n" + setup.group().rstrip("\n")
                  + "\n\n.. raw:: html\n\n   </details>\n\n")
        source = source[:setup.start()] + folded + source[setup.end():]
    for path, doc in BOOK_PAGES.items():
        source = source.replace(f"``{path}``", f":doc:`{path} <{doc}>`")
    content[0] = source
