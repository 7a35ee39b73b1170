r"""The chapters' LaTeX, typeset in the web book by Sphinx's own math, offline.

A chapter's text is written once, for Jupyter (Markdown) and for the book
(reStructuredText, through sphinx-gallery): inline maths between single
dollars, ``$\sigma(z)$``, and display maths between two lines that hold
only ``$$``::

    $$
    \frac{d\sigma}{dz} = \sigma(z)\,(1 - \sigma(z)) \tag{2.5}
    $$

JupyterLab typesets both with its own MathJax.  reStructuredText knows no
dollars, so before Sphinx parses a chapter's page, :func:`dollars_to_rest`
turns them into Sphinx's ``:math:`` role and ``.. math::`` directive.  This
happens *before* parsing, so reST never reads inside the maths: ``|z|``,
``w_`` and ``*`` stay LaTeX, and backslashes are kept.  (sphinx-math-dollar
works on the parsed text instead, after reST has read ``|z|`` as a
substitution and ``x_`` as a link.)  A dollar it cannot pair, or a ``$$``
that is not alone on its line, stops the build with the line's number:
such maths would otherwise show as raw text.

:func:`copy_mathjax` puts MathJax 3 (the ``tex-chtml-full.js`` component and
its fonts, about 1.7 MB, from the ``sphinx-mathjax-offline`` package) into
the built book, so that no page loads anything from the network.
"""
import importlib.metadata
import re
import shutil
from pathlib import Path

#: Where the book's pages load MathJax from, relative to the build's _static folder
MATHJAX = "mathjax/tex-chtml-full.js"

# a code span, kept as it is, or inline maths: no space just inside either dollar
INLINE = re.compile(r"(?P<code>``.*?``)"
                     r"|(?<![\\$])\$(?!\$)(?P<tex>[^$\s](?:[^$]*?[^$\s])?)(?<!\\)\$(?!\$)")


class MathsError(ValueError):
    """A chapter's maths that would not be typeset (the message names the line)."""


def _inline(line, number):
    """One line of text with each ``$...$`` as a ``:math:`` role; code spans untouched."""
    converted = INLINE.sub(_role, line)
    if "$" in INLINE.sub("", line):  # a dollar left once the code spans and maths are out
        raise MathsError(f"line {number}: a '$' without its pair on the same line, or with "
                         f"a space inside it (write $x$, not $ x $; inline maths sits on "
                         f"one line): {line.strip()!r}")
    return converted


def _role(match):
    """``$tex$`` as ``:math:`tex```, set off from a neighbouring letter by an escaped space."""
    if match.group("code"):
        return match.group("code")
    tex = match.group("tex")
    if "`" in tex:
        raise MathsError(f"a backtick in the maths {tex!r}: write \\grave or rephrase")
    before = match.string[match.start() - 1] if match.start() > 0 else " "
    after = match.string[match.end()] if match.end() < len(match.string) else " "
    # reST wants inline markup set off by space or punctuation: an escaped space joins it
    return ((r"\ " if before.isalnum() else "") + f":math:`{tex}`"
            + (r"\ " if after.isalnum() else ""))


def _skipped(lines):
    """For each line, whether it belongs to a directive or a literal block (code, output).

    Such a block starts at a line that opens a directive (``.. name::``) or ends
    in ``::``, and runs on through the lines indented deeper than that one.
    """
    skip, inside, indent = [], False, 0
    for line in lines:
        stripped = line.lstrip()
        depth = len(line) - len(stripped)
        if inside and stripped and depth <= indent:
            inside = False
        opens = stripped.endswith("::") or stripped.startswith(".. ") and "::" in stripped
        if not inside and opens:
            inside, indent = True, depth
            skip.append(True)
        else:
            skip.append(inside)
    return skip


def dollars_to_rest(source):
    r"""`source` (reST with dollar maths) with the maths as Sphinx's math role and directive.

    Lines inside directives and literal blocks (the code and output
    sphinx-gallery writes) are left as they are.  A ``$$`` line opens a
    display equation and the next ``$$`` line closes it; the equation
    becomes a ``.. math::`` directive (``:nowrap:``, its LaTeX kept whole
    inside ``\[ \]``, so that a ``\tag`` and an ``aligned`` block work as in
    Jupyter).

    Raises
    ------
    MathsError
        A display equation left open, a ``$$`` that shares its line with
        other text, or an inline dollar without its pair.
    """
    lines = source.split("\n")
    out, display, opened = [], None, 0
    for number, (line, skip) in enumerate(zip(lines, _skipped(lines)), start=1):
        if skip and display is None:
            out.append(line)
            continue
        stripped = line.strip()
        if stripped == "$$":
            if display is None:
                display, opened, indent = [], number, line[:len(line) - len(line.lstrip())]
            else:
                if not display:
                    raise MathsError(f"line {opened}: an empty display equation")
                out += ["", f"{indent}.. math::", f"{indent}   :nowrap:", "",
                        f"{indent}   \\["] + [f"{indent}   {tex}" for tex in display] + [
                        f"{indent}   \\]", ""]
                display = None
            continue
        if display is not None:
            display.append(stripped)
            continue
        if "$$" in line:
            raise MathsError(f"line {number}: '$$' must stand alone on its line, opening or "
                             f"closing a display equation: {stripped!r}")
        out.append(_inline(line, number) if "$" in line else line)
    if display is not None:
        raise MathsError(f"line {opened}: a display equation opened with '$$' is never closed")
    return "\n".join(out)


def on_source_read(app, docname, content):
    """Sphinx's source-read event: convert the dollars of the chapters' pages."""
    if docname.startswith("chapters/"):
        try:
            content[0] = dollars_to_rest(content[0])
        except MathsError as error:
            raise MathsError(f"{docname}: {error}") from None


def mathjax_files():
    """{path inside the MathJax folder: file} for tex-chtml-full.js and its woff-v2 fonts."""
    package = importlib.metadata.distribution("sphinx-mathjax-offline")
    root = "sphinx-mathjax-offline/static/mathjax/"
    wanted = {}
    for file in package.files:
        name = str(file).replace("\\", "/")
        if name == root + "tex-chtml-full.js" or name.startswith(
                root + "output/chtml/fonts/woff-v2/"):
            wanted[name[len(root):]] = Path(file.locate())
    return wanted


def copy_mathjax(app, exception):
    """Sphinx's build-finished event: MathJax into the build's _static/mathjax/."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / Path(MATHJAX).parent
    for name, file in mathjax_files().items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, target / name)
