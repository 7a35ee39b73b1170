"""The notation page: every symbol the chapters' maths uses is on it, each listed once.

A symbol with two meanings (p as a pixel, an accuracy, a p-value...) is what a
beginner trips on.  The page lists each symbol in one row with one meaning;
these tests hold the page and the chapters to it.
"""
import re
import sys
from pathlib import Path

import pytest
from chapter_checks import text_lines

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "book"))
from maths import INLINE  # noqa: E402  (the book's own reading of $...$ in a line)

ROOT = Path(__file__).resolve().parent.parent
NOTATION = ROOT / "book" / "notation.md"
CHAPTERS = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.py"))
GREEK = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho "
         "sigma tau upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi "
         "Omega ell varphi varepsilon vartheta").split()
#: LaTeX words that name no symbol of the book's: functions, layout, accents
LATEX_WORDS = set("""frac tfrac dfrac sum prod log exp max min arg argmax argmin sqrt left right
    bigl bigr Bigl Bigr biggl biggr big Big quad qquad text mathrm operatorname mathbb mathbf
    cdot cdots dots ldots top leq geq neq approx to in notin mid ne le ge times pm mp infty
    partial nabla tag begin end aligned pmatrix binom hat tilde bar lVert rVert lvert rvert
    langle rangle leftarrow rightarrow Rightarrow iff implies quad displaystyle limits lfloor
    rfloor lceil rceil star prime mathcal boldsymbol vdots ddots vert Vert sim equiv propto
    forall exists subset cup cap emptyset colon underbrace overbrace mathit substack widehat
    lbrace rbrace ln Pr sin cos tan Longrightarrow Leftrightarrow gg ll lesssim gtrsim
    overline underline hline array textstyle det""".split())


def page_rows():
    """The notation page's table rows: (the symbol cell, the rest), header rows left out."""
    rows = []
    for line in NOTATION.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0] not in ("symbol", "") and not set(cells[0]) <= set("-"):
            rows.append((cells[0], cells[1:]))
    return rows


def symbols_in(tex):
    """The symbols a piece of LaTeX names: its Latin letters and Greek letters, with no
    text, operator names or LaTeX commands."""
    tex = re.sub(r"\\begin\{array\}\{[^{}]*\}", " ", tex)  # the columns' alignment
    tex = re.sub(r"\\(text|mathrm|operatorname|begin|end)\{[^{}]*\}", " ", tex)
    greek = {word for word in re.findall(r"\\([A-Za-z]+)", tex) if word in GREEK}
    unknown = {word for word in re.findall(r"\\([A-Za-z]+)", tex)
               if word not in GREEK and word not in LATEX_WORDS}
    assert not unknown, f"a LaTeX command this test does not know: {unknown} in {tex!r}"
    latin = set(re.findall(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", " ", tex)))
    return latin | {"\\" + word for word in greek}


def chapter_maths(path):
    """Every piece of maths in a chapter's text cells, displayed and inline (one line each,
    as the book reads it: book/maths.py)."""
    text = "\n".join(text_lines(path))
    displays = re.findall(r"^\$\$\n(.*?)\n\$\$$", text, re.MULTILINE | re.DOTALL)
    prose = re.sub(r"^\$\$\n.*?\n\$\$$", "", text, flags=re.MULTILINE | re.DOTALL)
    inline = [match.group("tex") for line in prose.splitlines()
              for match in INLINE.finditer(line) if match.group("tex")]
    return displays + inline


def test_each_symbol_is_listed_once():
    seen = {}
    for cell, _ in page_rows():
        for symbol in re.findall(r"\$([^$]+)\$", cell) or [cell]:
            assert symbol not in seen, f"{symbol} is listed twice: {seen[symbol]!r} and {cell!r}"
            seen[symbol] = cell


def test_each_row_gives_one_meaning():
    for cell, rest in page_rows():
        meaning = rest[-2] if len(rest) == 3 else rest[-1]
        # a second meaning reads "...; in chapter N ..." or "...; also ..."
        assert not re.search(r";\s*(also|in chapter|elsewhere|or)\b", meaning), (cell, meaning)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.name)
def test_every_symbol_a_chapter_uses_is_on_the_page(chapter):
    listed = set()
    for cell, _ in page_rows():
        for symbol in re.findall(r"\$([^$]+)\$", cell):
            listed |= symbols_in(symbol)
    listed |= {"e"}  # Euler's number, e^z, which the page need not list beside e_j
    missing = {}
    for tex in chapter_maths(chapter):
        for symbol in symbols_in(tex) - listed:
            missing.setdefault(symbol, tex)
    assert not missing, f"not on the notation page: {missing}"


#: The old second meanings (issue 26), each now a symbol of its own
RETIRED = {
    r"\\lambda_\{?\\max": "the largest eigenvalue is eig_max, not lambda_max (lambda is L2)",
    r"h_\{?\\m(in|ax)": "the curvatures at the minimum are eig_min(H*) and eig_max(H*)",
    r"\bL'?\(": "L is the curvature bound; the expected log loss is R",
    r"\\hat p\b": "a measured accuracy is \\widehat{\\mathrm{acc}}",
    r"(frequency|confidence)\}?\(B\)|\\sum_\{?B\b": "B is a mini-batch; a reliability bin is G",
    r"_\{?p[j}]|\\sum_\{p": "a pixel is j, a class is ell",
    r"TP_n|FP_n|z_\{\(n\)\}": "a rank is r",
}


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.name)
def test_no_chapter_uses_a_retired_meaning(chapter):
    for tex in chapter_maths(chapter):
        for pattern, why in RETIRED.items():
            assert not re.search(pattern, tex), f"{why}: {tex!r}"
