"""Every kind of figure the book draws has text a reader can read on the page.

The web book shows a figure at its natural size (sphinx-gallery saves it at 100
dots an inch), shrunk to fit the text column, about 736 CSS pixels wide at a
laptop's 1280.  A 12-inch figure is shrunk to 61 %, and its 10-point labels to
8.5 pixels: too small.  Each figure function of ``plots`` is drawn here on small
made-up data, and every piece of its text measured as it will be on the page.
"""
import matplotlib
import numpy as np
import pytest
from matplotlib.text import Text

from logreg_from_scratch import metrics, plots

#: The page's text column at 1280 px (seen in headless Chromium), and sphinx-gallery's dpi
COLUMN_PX, PAGE_DPI = 736, 100
#: The smallest text, in CSS pixels, that the test accepts (the page's own is 16)
SMALLEST_PX = 9.0


def text_on_page(fig):
    """{text: its height in CSS pixels where the book shows `fig`}, for every visible text."""
    fig.canvas.draw()
    width_px = fig.get_figwidth() * PAGE_DPI
    shrink = min(1.0, COLUMN_PX / width_px)
    sizes = {}
    for artist in fig.findobj(Text):
        if artist.get_visible() and artist.get_text().strip():
            px = artist.get_fontsize() * PAGE_DPI / 72 * shrink
            sizes[artist.get_text()] = min(px, sizes.get(artist.get_text(), np.inf))
    return sizes


def figures():
    rng = np.random.default_rng(0)
    images = rng.uniform(size=(10, 784))
    y = np.arange(200) % 2
    scores = y + rng.normal(size=200)
    fpr, tpr = metrics.roc_curve(scores, y)[:2]
    precision, recall = metrics.precision_recall_curve(scores, y)[:2]
    a = 1 / (1 + np.exp(-scores))
    bins = metrics.reliability(a, y)
    C = rng.integers(0, 50, size=(10, 10))
    path = np.array([[0.4, 2.5], [0.1, 2.0], [-0.05, 1.6]])
    return {
        "digit_grid": lambda: plots.digit_grid(images, [f"label {i}" for i in range(10)],
                                               suptitle="Ten digits"),
        "cost_curves": lambda: plots.cost_curves({"rate 0.5": np.exp(-np.arange(50) / 10)},
                                                 title="Cost during gradient descent"),
        "curvature_bowl": lambda: plots.curvature_bowl(np.diag([4.0, 1.0]),
                                                       {"rate 0.45": path, "rate 0.55": path},
                                                       title="A quadratic bowl"),
        "accuracy_curves": lambda: plots.accuracy_curves(
            [300, 1000, 3000], {"train": [1.0, 0.95, 0.93], "validation": [0.8, 0.85, 0.9]},
            title="Learning curves", xlabel="training images", log_x=True),
        "accuracy_curves, every option": lambda: plots.accuracy_curves(
            [1e-3, 1e-2, 1e-1], {"train": [99.0, 95.0, 93.0], "validation": [86.0, 87.0, 85.0]},
            title="The L2 path", xlabel="penalty", log_x=True, chosen=1e-2,
            ticks=[1e-3, 1e-2, 1e-1], flat={"validation": (86.3, "no penalty")},
            zoom=("validation", (84.0, 88.0))),
        "weight_maps": lambda: plots.weight_maps(rng.normal(size=(784, 10)),
                                                 [f"digit {i}" for i in range(10)],
                                                 suptitle="The ten weight maps"),
        "confusion_figure": lambda: plots.confusion_figure(C, title="Confusion matrix"),
        "confusion_change": lambda: plots.confusion_change(C, C[::-1], title="Change"),
        "ranking_curves": lambda: plots.ranking_curves(
            {"model": (fpr, tpr, precision, recall)}, title="Ranking"),
        "boundary_plane": lambda: plots.boundary_plane(
            rng.normal(size=(200, 2)) + y[:, None], y, np.array([1.0, 1.0]), -1.0,
            names=("1s", "7s"), axis_labels=("overlap with the 1s", "overlap with the 7s"),
            title="1 or 7? The boundary"),
        "reliability_diagrams": lambda: plots.reliability_diagrams(
            {"model": {"before": bins, "after": bins}}, title="Reliability"),
    }


def test_every_figure_function_is_tested():
    drawn = {name for name in dir(plots) if not name.startswith("_")
             and callable(getattr(plots, name)) and getattr(plots, name).__module__ == plots.__name__}
    assert drawn == {name.split(',')[0] for name in figures()}


@pytest.mark.parametrize("name", sorted(figures()))
def test_every_text_of_every_figure_is_readable_on_the_page(name):
    fig = figures()[name]()
    try:
        sizes = text_on_page(fig)
        assert sizes
        small = {text: round(px, 1) for text, px in sizes.items() if px < SMALLEST_PX}
        assert not small, f"{name}: text under {SMALLEST_PX} px on the page: {small}"
    finally:
        matplotlib.pyplot.close(fig)
