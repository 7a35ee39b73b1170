"""Screenshots of the built web book, in headless Chromium, with every host blocked.

The README's picture of a page is made by this script from the build, so that
it shows the book as it is::

    python book/screenshot.py                      # the README's picture
    python book/screenshot.py --page chapters/05_softmax.html --width 412 --out shot.png

It needs Playwright's Python package (``pip install playwright``) and a
Chromium of the system's (Debian's ``chromium``): Playwright drives it through
``executable_path``, and never downloads a browser of its own.  The page is
opened from ``file://``; any other address is refused, so the picture shows
what a reader without a network sees.  The README's picture records, in a PNG
text chunk, the chapters the page's table of contents listed, so that a test
can tell a stale picture from a current one.
"""
import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "book"
README_PICTURE = ROOT / "book" / "img" / "02_binary_page.png"
#: The PNG text chunk that holds the chapters the picture's table of contents lists
CONTENTS_KEY = "book-contents"
#: Chromium's flags for a closed network: no background connections, every host unresolved
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", '--host-resolver-rules=MAP * ~NOTFOUND']


def chromium():
    """The system's Chromium, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(page, out, *, build=BUILD, width=1280, height=900, full_page=False):
    """Open ``build/page`` in headless Chromium at `width` CSS pixels and save a PNG.

    Returns
    -------
    dict
        ``contents``: the chapter titles of the page's side bar, in order;
        ``refused``: the addresses other than ``file://`` the page asked for.
    """
    from playwright.sync_api import sync_playwright

    executable = chromium()
    if executable is None:
        raise SystemExit("no Chromium found: install Debian's package, apt-get install chromium")
    refused = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        view = browser.new_page(viewport={"width": width, "height": height})

        def block(route):
            if route.request.url.startswith("file://"):
                return route.continue_()
            refused.append(route.request.url)
            return route.abort()

        view.route("**/*", block)
        view.goto((Path(build) / page).resolve().as_uri())
        view.wait_for_function("() => !window.MathJax || (MathJax.startup && "
                               "MathJax.startup.promise)")
        view.evaluate("() => window.MathJax ? MathJax.startup.promise : null")
        contents = view.eval_on_selector_all(
            ".sidebar-tree a.reference", "links => links.map(a => a.textContent.trim())")
        view.screenshot(path=str(out), full_page=full_page)
        browser.close()
    return {"contents": [title for title in contents if title.startswith("Chapter ")],
            "refused": refused}


def readme_picture(build=BUILD, out=README_PICTURE):
    """The README's picture: chapter 2's page at 1280 px, its contents recorded in the PNG."""
    from PIL import Image, PngImagePlugin

    seen = screenshot("chapters/02_binary.html", out, build=build, width=1280, height=860)
    info = PngImagePlugin.PngInfo()
    info.add_text(CONTENTS_KEY, "\n".join(seen["contents"]))
    with Image.open(out) as image:
        image.load()
        image.save(out, pnginfo=info, optimize=True)
    return seen


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=BUILD,
                        help="the built book (default build/book)")
    parser.add_argument("--page", help="a page of the build, e.g. chapters/05_softmax.html; "
                        "without it, the README's picture is remade")
    parser.add_argument("--width", type=int, default=1280, help="CSS pixels (default 1280)")
    parser.add_argument("--height", type=int, default=900, help="CSS pixels (default 900)")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not a screen")
    parser.add_argument("--out", type=Path, help="the PNG to write")
    args = parser.parse_args(argv)
    if not (args.build / "index.html").is_file():
        parser.error(f"no book in {args.build}: build it first, "
                     f"sphinx-build -W -b html book {args.build}")
    if args.page is None:
        seen = readme_picture(args.build, args.out or README_PICTURE)
        where = args.out or README_PICTURE
    else:
        if args.out is None:
            parser.error("--out is needed with --page")
        seen = screenshot(args.page, args.out, build=args.build, width=args.width,
                          height=args.height, full_page=args.full_page)
        where = args.out
    print(f"wrote {where}; the page asked for {len(seen['refused'])} other addresses")
    return 0


if __name__ == "__main__":
    sys.exit(main())
