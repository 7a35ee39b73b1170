"""Sphinx configuration of the book: the chapters as web pages.

Build it (after ``pip install -e ".[book]"``), from the clone's folder::

    sphinx-build -W -b html book build/book

then open ``build/book/index.html``.  sphinx-gallery runs each chapter
and puts its text, code, printed output and figures on one page, with
links to download the chapter as a ``.py`` file and as a notebook.
"""
import sys
from pathlib import Path

BOOK = Path(__file__).resolve().parent
sys.path.insert(0, str(BOOK))  # for gallery.py, whose functions sphinx-gallery calls by name

import gallery  # noqa: E402
import maths  # noqa: E402  (book/maths.py: the chapters' dollars, and MathJax served offline)

project = "Logistic regression from scratch"
author = "logreg_from_scratch"
copyright = "2026, logreg_from_scratch"

extensions = ["myst_parser", "sphinx_gallery.gen_gallery", "sphinx.ext.mathjax"]
myst_enable_extensions = ["dollarmath"]  # the notation page's $...$ and $$...$$
mathjax_path = maths.MATHJAX  # a copy in the build (maths.copy_mathjax), not a CDN
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["chapters/*.ipynb", "chapters/*.py", "chapters/*.md5", "chapters/*.zip"]

html_theme = "furo"
html_title = project
html_show_sourcelink = False
html_static_path = ["_static"]
html_css_files = ["maths.css"]  # no scroll bar beside a displayed equation; outputs wrap
html_js_files = [("maths-narrow.js", {"priority": 900})]  # on a phone, equation numbers left
highlight_language = "none"  # plain blocks (the README's commands) are text, not Python
smartquotes = False  # "--digit" stays two hyphens, quotes stay straight, as in code

sphinx_gallery_conf = {
    "examples_dirs": str(BOOK.parent / "chapters"),
    "gallery_dirs": "chapters",
    "filename_pattern": r"/\d\d_",                 # run every chapter, not only plot_*.py
    "within_subsection_order": "FileNameSortKey",  # in the book's order
    "reset_argv": "gallery.reset_argv",            # by name, so that the build can be cached
    "reset_modules": ("matplotlib", "gallery.figures_stay_open"),
    "image_scrapers": ("gallery.saved_figures",),  # a figure the chapter saved is copied
    "download_all_examples": False,
    "show_memory": False,
    "remove_config_comments": True,
    "line_numbers": False,
    "run_stale_examples": True,                    # the pages show this package's results now
    "min_reported_time": 3600,                     # no "Total running time" lines: they vary
    "show_signature": False,
    "write_computation_times": False,
}


def setup(app):
    app.connect("source-read", maths.on_source_read)
    app.connect("source-read", gallery.chapter_page)
    app.connect("build-finished", maths.copy_mathjax)
    app.connect("build-finished", gallery.notebooks_as_jupyter_opens_them)
