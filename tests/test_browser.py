"""The built book in a real browser: headless Chromium, every host blocked, at a desktop's
width and a phone's.

Playwright (the ``test`` extra) drives the system's Chromium (Debian's ``chromium``)
through ``executable_path``; it never downloads a browser.  Where no Chromium is found
the tests are skipped with one line that says how to install it (``.ci/run`` installs it).
"""
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book"))
from screenshot import CHROMIUM_FLAGS, chromium  # noqa: E402

CHAPTERS = sorted(path.name[:-3] for path in (ROOT / "chapters").glob("[0-9][0-9]_*.py"))
#: A phone's width and a laptop's, in CSS pixels
WIDTHS = (412, 1280)

#: Each displayed equation: its chapter, its text, how much wider than its column it is
#: (0 when it fits), and whether its number lies within the screen
EQUATIONS = """() => Array.from(document.querySelectorAll('article mjx-container[display="true"]'))
    .map(maths => {
        const column = maths.closest('.math-wrapper') || maths.parentElement;
        const labels = maths.querySelector('mjx-labels');
        let number = null;
        if (labels) {  // the box of the number's own characters (mjx-labels has no size)
            const range = document.createRange();
            range.selectNodeContents(labels);
            number = range.getBoundingClientRect();
        }
        const from = maths.closest('[data-chapter]');
        return {chapter: from ? from.dataset.chapter : null,
                tex: (maths.getAttribute('aria-label') || maths.textContent).slice(0, 60),
                over: Math.max(0, column.scrollWidth - column.clientWidth),
                numbered: number !== null && number.width > 0,
                seen: number === null || (number.left >= 0 && number.right <= innerWidth)};
    })"""
#: How far the page itself runs off the screen sideways
PAGE_OVERFLOW = "() => document.scrollingElement.scrollWidth - innerWidth"
DISPLAY = re.compile(r'<div class="math-wrapper[^"]*">\s*<div class="math notranslate '
                     r'nohighlight">.*?</div></div>', re.DOTALL)


@pytest.fixture(scope="module")
def browser():
    executable = chromium()
    if executable is None:
        pytest.skip("no Chromium: install it (Debian: apt-get install chromium) to test the "
                    "book in a browser")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def open_page(browser, path, width, body=None):
    """A page of the build at `width`, MathJax done: (page, refused addresses, script errors).

    With `body`, the page's own address serves that HTML instead of the file's (its
    styles and scripts, all files of the build, load as they would)."""
    view = browser.new_page(viewport={"width": width, "height": 900})
    refused, errors = [], []
    view.on("pageerror", lambda error: errors.append(str(error)))
    address = path.resolve().as_uri()

    def block(route):
        if body is not None and route.request.url == address:
            return route.fulfill(body=body, content_type="text/html")
        if route.request.url.startswith("file://"):
            return route.continue_()
        refused.append(route.request.url)
        return route.abort()

    view.route("**/*", block)
    view.goto(address)
    view.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
    view.evaluate("() => MathJax.startup.promise")
    return view, refused, errors


def every_display(book):
    """Chapter 2's page with every chapter's displayed equations in its article, each group
    marked with its chapter: one page load typesets them all in the column they sit in."""
    first = (book[0] / "chapters" / "02_binary.html").read_text()
    groups = []
    for chapter in CHAPTERS:
        displays = DISPLAY.findall((book[0] / "chapters" / f"{chapter}.html").read_text())
        groups.append(f'<section data-chapter="{chapter}">' + "".join(displays) + "</section>")
    article = first.index("</article>")
    start = first.index(">", first.index("<article")) + 1
    return first[:start] + "".join(groups) + first[article:]


def test_every_equation_shows_its_number_on_a_phone_and_fits_a_laptop(book, browser):
    """At 412 px a long equation scrolls sideways in its own box, its number on the left
    and always on the screen, and the page never runs off it; at 1280 px every equation fits
    its column.  Nothing is asked of any host, and no script fails."""
    view, refused, errors = open_page(browser, book[0] / "chapters" / "02_binary.html",
                                      WIDTHS[0], body=every_display(book))
    phone = view.evaluate(EQUATIONS)
    page_overflow = view.evaluate(PAGE_OVERFLOW)
    view.set_viewport_size({"width": WIDTHS[1], "height": 900})
    laptop = view.evaluate(EQUATIONS)
    view.close()
    assert not refused and not errors, (refused, errors)
    assert page_overflow <= 0
    counted = {chapter: sum(eq["chapter"] == chapter and eq["numbered"] for eq in phone)
               for chapter in CHAPTERS}
    for chapter in CHAPTERS:  # every numbered display of every chapter was typeset, its number seen
        source = (ROOT / "chapters" / f"{chapter}.py").read_text()
        assert counted[chapter] == source.count("\\tag{"), chapter
    problems = [(eq["chapter"], "number off a phone's screen", eq["tex"]) for eq in phone
                if not eq["seen"]]
    problems += [(eq["chapter"], f"{eq['over']} px too wide at 1280 px", eq["tex"])
                 for eq in laptop if eq["over"] > 1]
    assert not problems, "\n".join(map(str, problems))
