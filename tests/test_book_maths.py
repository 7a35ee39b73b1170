"""book/maths.py: the chapters' dollar maths, turned into Sphinx's math before reST parses it."""
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book"))
from chapter_checks import text_lines  # noqa: E402
from maths import MathsError, dollars_to_rest, mathjax_files  # noqa: E402


def test_inline_and_display_maths_become_sphinx_math_with_the_latex_untouched():
    source = ("The slope $|z| \\approx w_*$, not $$ here.\n\n$$\n\\frac{a}{b} \\tag{2.1}\n$$\n"
              .replace("not $$ here", "here"))
    out = dollars_to_rest(source)
    assert r":math:`|z| \approx w_*`" in out  # reST never reads inside: | and _ and * stay
    assert ".. math::\n   :nowrap:\n\n   \\[\n   \\frac{a}{b} \\tag{2.1}\n   \\]" in out


def test_a_role_next_to_a_letter_is_set_off_by_an_escaped_space():
    assert dollars_to_rest("the $m$s and x$y$") == r"the :math:`m`\ s and x\ :math:`y`"


def test_code_and_output_blocks_are_left_alone():
    source = ".. code-block:: Python\n\n    price = '$5 and $6'\n\nText $x$.\n"
    out = dollars_to_rest(source)
    assert "    price = '$5 and $6'" in out and "Text :math:`x`." in out
    assert dollars_to_rest("``a $ b``, $c$") == "``a $ b``, :math:`c`"


@pytest.mark.parametrize("bad, says", [
    ("$$ J = 1\n$$", "'$$' must stand alone"),         # reST would eat its backslashes
    ("one $x + y\nand z$ two", "without its pair on the same line"),
    ("a $ x $ b", "with a space inside"),
    ("$$\nJ\n", "never closed"),
    ("$$\n$$", "an empty display equation"),
])
def test_maths_that_would_show_raw_stops_the_build_with_its_line(bad, says):
    with pytest.raises(MathsError, match=re.escape(says)):
        dollars_to_rest(bad)


def test_mathjax_and_its_fonts_come_from_the_installed_package():
    files = mathjax_files()
    assert "tex-chtml-full.js" in files
    fonts = [name for name in files if name.endswith(".woff")]
    assert len(fonts) > 10 and all(path.is_file() for path in files.values())
    assert sum(path.stat().st_size for path in files.values()) < 3_000_000  # not 24 MB


def test_every_pen_and_paper_exercise_has_its_answer():
    answers = (ROOT / "exercises" / "DERIVATIONS.md").read_text()
    asked = 0
    for chapter in sorted((ROOT / "chapters").glob("[0-9][0-9]_*.py")):
        text = "\n".join(text_lines(chapter))
        if "With pen and paper" not in text:
            continue
        part = text[text.index("With pen and paper"):]
        numbers = re.findall(r"^(\d+)\. ", part, re.MULTILINE)
        section = answers[answers.index(f"## Chapter {int(chapter.name[:2])}\n"):]
        section = section[:section.find("\n## ", 1)] if "\n## " in section[1:] else section
        for number in numbers:
            assert f"**{number}. " in section, (chapter.name, number)
            asked += 1
    assert asked >= 13


def test_a_block_inside_a_block_ends_where_the_outer_one_does():
    source = ".. rst-class:: out\n\n    .. code-block:: none\n\n        $5\n\n    $6 too\nAfter $x$."
    assert dollars_to_rest(source).endswith("    $6 too\nAfter :math:`x`.")
