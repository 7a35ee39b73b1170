"""Pictures: digits, cost curves, weight maps and confusion matrices as Figures.

Every function returns a ``Figure`` and never shows it: a chapter saves it
as a PNG, and opens a window only when asked (``--show``).
"""
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import CenteredNorm

IMAGE_SIDE = 28


def digit_grid(images, titles, *, suptitle, nrows=2, ncols=5):
    """Images in a grid, each with a title and a thin grey frame at its edge.

    Parameters
    ----------
    images : ndarray, shape (n, 784)
        One flattened 28 x 28 image a row, n <= nrows * ncols.
    titles : sequence of str, length n
    suptitle : str
        Title of the whole figure.
    Returns
    -------
    fig : matplotlib.figure.Figure
        The frame shows where each image ends, so that a digit whose ink
        reaches the edge can be seen to.
    """
    fig, axes = plt.subplots(nrows, ncols, figsize=(max(2.2 * ncols, 6.0), 2.5 * nrows),
                             layout="constrained", squeeze=False)  # a grid even of one
    for ax, image, title in zip(axes.flat, images, titles):
        ax.imshow(image.reshape(IMAGE_SIDE, IMAGE_SIDE), cmap="gray_r")
        ax.set_title(title, fontsize=13)
        ax.set(xticks=[], yticks=[])  # no numbers: only the frame, the image's edge
        for spine in ax.spines.values():
            spine.set(color="0.6", linewidth=0.8)
    for ax in axes.flat[len(titles):]:  # the grid's cells left empty
        ax.set_axis_off()
    fig.suptitle(suptitle, fontsize=14)
    return fig


def cost_curves(curves, *, title, xlabel="iteration", ylabel="cost J (cross-entropy)",
                first=0, log_y=False):
    """Cost against step, one labelled line a run.

    Parameters
    ----------
    curves : dict of str -> ndarray, shape (n_steps,)
        Legend label to costs; entry i is plotted at x = first + i.
    title : str
    xlabel, ylabel : str
        The axes' labels: the ylabel says which cost (the full cost J, or a
        mean of batch costs).
    first : int
        The x of the first entry: 0 for iterations, 1 for epochs.
    log_y : bool
        A logarithmic cost axis, for costs that span decades.
    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    fig, ax = plt.subplots(figsize=(7, 4.5), layout="constrained")
    for label, costs in curves.items():
        ax.plot(first + np.arange(len(costs)), costs, label=label, lw=2)
    return _finish(fig, ax, title=title, xlabel=xlabel, ylabel=ylabel,
                   yscale="log" if log_y else "linear")


def curvature_bowl(H, paths, *, title):
    """A quadratic bowl of two parameters: its contours, eigen-directions and descent paths.

    The bowl is f(theta) = theta^T H theta / 2, least at theta = 0.  Its
    contour lines are ellipses; the eigenvectors of H are their axes, and
    the eigenvalues the curvatures along them (chapter 3, (3.4) and (3.5)).

    Parameters
    ----------
    H : ndarray, shape (2, 2)
        Symmetric, with both eigenvalues > 0.
    paths : dict of str -> ndarray, shape (n_steps + 1, 2)
        Panel title to the points theta_0, theta_1, ... of a descent: one
        panel per path, each on the same contours, with its start and the
        minimum marked.
    title : str

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    curvatures, directions = np.linalg.eigh(H)  # ascending: the flattest first
    directions = directions * np.where(directions[0] < 0, -1, 1)  # each arrow to the right
    reach = 1.1 * max(np.abs(points).max() for points in paths.values())
    grid = np.linspace(-reach, reach, 201)
    T1, T2 = np.meshgrid(grid, grid)
    bowl = (H[0, 0] * T1 ** 2 + 2 * H[0, 1] * T1 * T2 + H[1, 1] * T2 ** 2) / 2
    fig, axes = plt.subplots(1, len(paths), figsize=(5.6 * len(paths), 5.4),
                             layout="constrained", squeeze=False)
    for ax, (label, points) in zip(axes.flat, paths.items()):
        ax.contour(T1, T2, bowl, levels=np.geomspace(bowl.max() / 400, bowl.max(), 9),
                   colors="0.65", linewidths=1)
        for curvature, direction, name, colour in zip(curvatures, directions.T,
                                                       ("smallest", "largest"), ("C0", "C2")):
            end = 0.8 * reach * direction
            ax.annotate("", xy=end, xytext=(0, 0),
                        arrowprops=dict(arrowstyle="->", color=colour, lw=2.5))
            ax.text(*(1.02 * end), f"{name}\ncurvature {curvature:g}", color=colour,
                    fontsize=12, ha="center", va="bottom" if end[1] >= 0 else "top")
        ax.plot(points[:, 0], points[:, 1], "o-", color="C3", lw=1.5, ms=5,
                label="descent path")
        ax.plot(*points[0], "s", color="C3", ms=9, label="start")
        ax.plot(0, 0, "*", color="k", ms=16, zorder=5, label="minimum")
        ax.set(xlim=(-reach, reach), ylim=(-reach, reach), aspect="equal",
               xlabel=r"$\theta_1$", ylabel=r"$\theta_2$")
        ax.set_title(label, fontsize=13)
        ax.legend(loc="lower left", fontsize=11)
    fig.suptitle(title, fontsize=14)
    return fig


def accuracy_curves(x, curves, *, title, xlabel, log_x=False, chosen=None, ticks=None,
                    flat=None, zoom=None):
    """Accuracy against a setting, one labelled line a set of images, with 95 % bands.

    Parameters
    ----------
    x : sequence of float, length n
        The setting (training images, penalty, epoch).
    curves : dict of str -> ndarray of shape (n,) or tuple of three such arrays
        Legend label to accuracies in %, or to (accuracy, low, high) in % to
        draw the 95 % interval as a band.
    title, xlabel : str
    log_x : bool
        A logarithmic x axis (a penalty of 0 cannot be drawn on one: see `flat`).
    chosen : float, optional
        Mark this x with a vertical line: the setting chosen on validation.
    ticks : sequence of float, optional
        Put the x axis's ticks at these values only, labelled as numbers
        (on a log axis, instead of powers of ten).
    flat : dict of str -> (float, str), optional
        For a label of `curves`, a level in % drawn across the whole axis as
        a dashed line of that curve's colour, with its own legend label: a
        run that the x axis cannot show, such as no penalty on a log axis.
    zoom : (str, (float, float)), optional
        A label of `curves` and a range of accuracies in %: a second panel
        below shows that curve alone within that range, for differences
        too small to see on the first.

    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    if zoom is None:
        fig, ax = plt.subplots(figsize=(7, 4.5), layout="constrained")
    else:
        fig, (ax, ax_zoom) = plt.subplots(2, 1, figsize=(7, 7.5), height_ratios=[3, 2],
                                          sharex=True, layout="constrained")
    colours = {}
    for label, values in curves.items():
        accuracy, *band = values if isinstance(values, tuple) else (values,)
        line, = ax.plot(x, accuracy, "o-", label=label, lw=2, ms=4)
        colours[label] = line.get_color()
        if band:
            ax.fill_between(x, *band, color=line.get_color(), alpha=0.2, lw=0)
    for label, (level, flat_label) in (flat or {}).items():
        ax.axhline(level, color=colours[label], ls="--", lw=1.5, label=flat_label)
    if chosen is not None:
        ax.axvline(chosen, color="k", ls=":", label="chosen on validation")
    if zoom is not None:
        label, limits = zoom
        values = curves[label]
        ax_zoom.plot(x, values[0] if isinstance(values, tuple) else values, "o-", ms=3, lw=1.5,
                     color=colours[label])
        if chosen is not None:
            ax_zoom.axvline(chosen, color="k", ls=":")
        ax_zoom.set(ylim=limits, xlabel=xlabel, ylabel="accuracy (%)",
                    title=f"Zoomed in: {label}")
        ax_zoom.grid(alpha=0.3)
    _finish(fig, ax, title=title, xlabel="" if zoom is not None else xlabel,
            ylabel="accuracy (%)", xscale="log" if log_x else "linear")
    if ticks is not None:
        ax.minorticks_off()
        ax.set_xticks(ticks, [f"{tick:,g}" for tick in ticks])
    return fig


def boundary_plane(F, y, w, b, *, names, axis_labels, title, levels=(0.1, 0.25, 0.75, 0.9)):
    """Images as points of a plane, a binary model's boundary and probability contours.

    Parameters
    ----------
    F : ndarray, shape (m, 2)
        Two features an image, the points' coordinates.
    y : ndarray of int, shape (m,)
        0 or 1: which class each point is drawn as.
    w : ndarray, shape (2,)
        The model's weights (not both 0); b : float, its bias.
    names : pair of str
        The classes 0 and 1, for the legend.
    axis_labels : pair of str
    title : str
    levels : sequence of float in (0, 1)
        Probabilities a = sigma(w.x + b) drawn as thin lines, besides the
        boundary a = 1/2.

    Returns
    -------
    fig : matplotlib.figure.Figure
        Equal scales on the two axes, so that right angles look right: the
        arrow, the direction of w (its length not to scale), is at right
        angles to every line.  The points the model gets wrong are outlined.  Each
        line of probability a lies at the distance log(a / (1 - a)) / ||w||
        from the boundary (4.6).
    """
    w = np.asarray(w, dtype=float)
    length = np.linalg.norm(w)
    fig, ax = plt.subplots(figsize=(7, 6.2), layout="constrained")
    wrong = (F @ w + b > 0) != (y == 1)  # the model's mistakes, outlined in black
    for label, marker, colour in ((0, "o", "tab:blue"), (1, "^", "tab:red")):
        ax.scatter(*F[y == label].T, s=14, marker=marker, color=colour, alpha=0.55,
                   linewidths=0, label=names[label])
        ax.scatter(*F[(y == label) & wrong].T, s=30, marker=marker, color=colour,
                   edgecolors="black", linewidths=1.0)
    ax.set_aspect("equal")
    pad = 0.05 * np.ptp(F, axis=0).max()
    low, high = F.min(axis=0) - pad, F.max(axis=0) + pad
    ax.set(xlim=(low[0], high[0]), ylim=(low[1], high[1]))
    g0, g1 = np.meshgrid(np.linspace(low[0], high[0], 300), np.linspace(low[1], high[1], 300))
    z = w[0] * g0 + w[1] * g1 + b
    logits = sorted(np.log(a / (1 - a)) for a in levels)
    lines = ax.contour(g0, g1, z, levels=logits, colors="0.45", linewidths=0.9,
                       linestyles="dashed")
    ax.clabel(lines, fmt={z_a: f"a = {1 / (1 + np.exp(-z_a)):g}" for z_a in logits},
              fontsize=10)
    ax.contour(g0, g1, z, levels=[0.0], colors="black", linewidths=2.2)
    ax.plot([], [], color="black", lw=2.2, label="boundary, a = 1/2")
    # the normal: an arrow along w from the boundary point nearest the points' centre
    centre = F.mean(axis=0)
    foot = centre - (w @ centre + b) / length ** 2 * w
    arrow = 0.25 * np.ptp(F, axis=0).min() * w / length
    ax.annotate("", xy=foot + arrow, xytext=foot,
                arrowprops=dict(arrowstyle="-|>", color="black", lw=1.8))
    ax.text(*(foot + 1.1 * arrow), "direction of w\n(not to scale)", fontsize=11,
            ha="center", va="bottom")
    ax.set(xlabel=axis_labels[0], ylabel=axis_labels[1], title=title)
    ax.grid(alpha=0.3)
    ax.legend(loc="best", fontsize=11)
    return fig


def _finish(fig, ax, **labels_and_scales):
    """A line plot's labels, axis scales, light grid and legend; the figure back."""
    ax.set(**labels_and_scales)
    ax.grid(alpha=0.3)
    ax.legend()
    return fig


def weight_maps(W, titles, *, suptitle, nrows=2, ncols=5, halfrange=None):
    """Each column of `W` as a 28 x 28 image: red positive, blue negative.

    Parameters
    ----------
    W : ndarray, shape (784, k)
        One weight vector a class, k <= nrows * ncols.
    titles : sequence of str, length k
    suptitle : str
    halfrange : float or None
        The colour scale runs from -halfrange (darkest blue) to +halfrange
        (darkest red); None takes the largest |W|.  Give two figures the
        same halfrange to put them on one colour scale.

    Returns
    -------
    fig : matplotlib.figure.Figure

    Notes
    -----
    All maps share one colour scale centred at zero (the palest colour), so that
    colours compare across digits; the shared colorbar gives the values.
    """
    fig, axes = plt.subplots(nrows, ncols, figsize=(2.4 * ncols, 2.6 * nrows),
                             layout="constrained", squeeze=False)
    norm = CenteredNorm(vcenter=0.0,
                        halfrange=np.abs(W).max() if halfrange is None else halfrange)
    for ax, w, title in zip(axes.flat, W.T, titles):
        image = ax.imshow(w.reshape(IMAGE_SIDE, IMAGE_SIDE), cmap="RdBu_r", norm=norm)
        ax.set_title(title, fontsize=13)
    for ax in axes.flat:
        ax.set(xticks=[], yticks=[])  # no pixel numbers, not even hidden ones
        ax.set_axis_off()
    bar = fig.colorbar(image, ax=axes, shrink=0.8)
    bar.set_label("weight (red +, blue -)", fontsize=12)  # 12 pt: readable on the page
    bar.ax.tick_params(labelsize=12)
    fig.suptitle(suptitle, fontsize=14)
    return fig


def confusion_figure(C, *, title):
    """A confusion matrix as a heat map with the count in every cell.

    Parameters
    ----------
    C : ndarray of int, shape (k, k)
        C[i, j] examples of true class i predicted as j (predict.confusion_matrix).
    title : str
    Returns
    -------
    fig : matplotlib.figure.Figure
    """
    k = len(C)
    fig, ax = plt.subplots(figsize=(7.5, 6.5), layout="constrained")
    off_diagonal = C * (1 - np.eye(k, dtype=C.dtype))  # colour the mistakes, not the hits
    image = ax.imshow(off_diagonal, cmap="Reds")
    for i in range(k):
        for j in range(k):
            dark = off_diagonal[i, j] > 0.6 * off_diagonal.max()
            ax.text(j, i, C[i, j], ha="center", va="center", fontsize=9,
                    fontweight="bold" if i == j else "normal",
                    color="white" if dark else "black")
    ax.set(xticks=range(k), yticks=range(k), xlabel="predicted digit", ylabel="true digit",
           title=title)
    fig.colorbar(image, ax=ax, shrink=0.8, label="misclassified images (off the diagonal)")
    return fig


def confusion_change(before, after, *, title):
    """How two confusion matrices differ: each cell's count before -> after, coloured by the change.

    Parameters
    ----------
    before, after : ndarray of int, shape (k, k)
        Confusion matrices of the same test examples (predict.confusion_matrix),
        e.g. of two models.
    title : str

    Returns
    -------
    fig : matplotlib.figure.Figure
        Off the diagonal, blue where ``after`` has fewer mistakes, red where it
        has more; the diagonal (the examples right) is grey.
    """
    k = len(before)
    change = (after - before).astype(float)
    mistakes = np.where(np.eye(k, dtype=bool), np.nan, change)  # NaN: drawn in the grey below
    fig, ax = plt.subplots(figsize=(8.5, 6.5), layout="constrained")
    cmap = plt.get_cmap("RdBu_r").with_extremes(bad="0.85")
    image = ax.imshow(mistakes, cmap=cmap, norm=CenteredNorm(halfrange=max(1.0, np.nanmax(
        np.abs(mistakes)))))
    for i in range(k):
        for j in range(k):
            ax.text(j, i, f"{before[i, j]}\n{after[i, j]}", ha="center", va="center",
                    fontsize=7.5, fontweight="bold" if i == j else "normal",
                    color="white" if i != j and abs(change[i, j]) > 0.6 * np.nanmax(
                        np.abs(mistakes)) else "black")
    ax.set(xticks=range(k), yticks=range(k), xlabel="predicted digit", ylabel="true digit",
           title=title)
    fig.colorbar(image, ax=ax, shrink=0.8, label="change in misclassified images "
                                                  "(blue: fewer)")
    return fig


def ranking_curves(curves, *, title, chosen=None, roc_zoom=0.05):
    """The ROC and precision-recall curves of some models, one above the other.

    Parameters
    ----------
    curves : dict of str -> (fpr, tpr, precision, recall)
        Legend label to the four arrays of ``metrics.roc_curve`` and
        ``metrics.precision_recall_curve``.
    title : str
    chosen : dict of str -> (recall, precision), optional
        Points to mark on the precision-recall curves (a chosen threshold).
    roc_zoom : float
        The ROC panel shows false-positive rates up to this (its top-left
        corner, where models this good differ); the text says so.

    Returns
    -------
    fig : matplotlib.figure.Figure
        6.4 inches wide, so that its text, at matplotlib's sizes, reads at
        the size of the page's text where the book shows it (about 700
        pixels wide).
    """
    fig, (roc, pr) = plt.subplots(2, 1, figsize=(6.4, 9.0), layout="constrained")
    for label, (fpr, tpr, precision, recall) in curves.items():
        line, = roc.step(fpr, tpr, where="post", lw=2, label=label)
        pr.step(recall, precision, where="post", lw=2, label=label, color=line.get_color())
        if chosen and label in chosen:
            pr.plot(*chosen[label], "o", ms=8, mfc="none", mew=2, color=line.get_color(),
                    label=f"{label}: threshold chosen")
    roc.set(xlim=(0, roc_zoom), ylim=(0.5, 1.005),
            title=f"ROC curve (false-positive rate up to {roc_zoom:g})",
            xlabel="false-positive rate FP / $n_0$",
            ylabel="true-positive rate TP / $n_1$")
    pr.set(xlim=(0, 1.005), ylim=(0.5, 1.005), title="precision-recall curve",
           xlabel="recall TP / $n_1$", ylabel="precision TP / (TP + FP)")
    for ax in (roc, pr):
        ax.grid(alpha=0.3)
        ax.legend(loc="lower left" if ax is pr else "lower right")
    fig.suptitle(title, fontsize=12)
    return fig


def reliability_diagrams(panels, *, title):
    """Reliability diagrams, one row a model: each bin's frequency against its mean probability.

    Parameters
    ----------
    panels : dict of str -> dict of str -> metrics.Reliability
        Panel title to its lines: legend label to the bins of
        ``metrics.reliability`` (e.g. before and after calibration).
    title : str

    Returns
    -------
    fig : matplotlib.figure.Figure
        One row for each panel, 7.2 inches wide, so that its text reads at
        the size of the page's text where the book shows it.  On the left,
        each bin's frequency (its share of ones, (11.8)) against its mean
        probability a-bar(G) (the dotted diagonal is perfect calibration),
        a marker's area growing with the bin's count; on the right, the
        count in each bin on a log scale, in the colours of the lines on
        the left (with their legend when a panel has more than one line).
    """
    rows = len(panels)
    height = 3.2 * rows + 0.4 + 0.25 * (title.count("\n") + 1)  # inches
    # a fixed layout: the constrained one costs more than drawing these panels
    fig, axes = plt.subplots(rows, 2, figsize=(7.2, height), width_ratios=[1.25, 1],
                             squeeze=False)
    fig.subplots_adjust(left=0.1, right=0.98, top=1 - (0.45 + 0.25 * (title.count("\n") + 1))
                        / height, bottom=0.6 / height, hspace=0.5, wspace=0.3)
    for (name, lines), left, right in zip(panels.items(), axes[:, 0], axes[:, 1]):
        left.plot([0, 1], [0, 1], "k:", lw=1, label="calibrated")
        for i, (label, bins) in enumerate(lines.items()):
            sizes = 12 + 60 * np.log10(bins.count) / np.log10(max(bins.count.max(), 10))
            line, = left.plot(bins.confidence, bins.frequency, "-", lw=1.5, label=label)
            left.scatter(bins.confidence, bins.frequency, s=sizes, color=line.get_color(),
                         zorder=3)
            width = (bins.upper - bins.lower) / len(lines)
            right.bar(bins.lower + i * width, bins.count, width=width, align="edge",
                      color=line.get_color(), alpha=0.7, label=label)
        left.set(xlim=(-0.01, 1.01), ylim=(-0.01, 1.01), title=name,
                 xlabel="mean probability in the bin", ylabel="frequency in the bin")
        most = max(bins.count.max() for bins in lines.values())
        room = 1000 if len(lines) > 1 else 3  # on the log scale, room above the bars for a legend
        right.set(xlim=(-0.01, 1.01), yscale="log", ylim=(0.5, room * most),
                  title="images in each bin", xlabel="probability (the bins)",
                  ylabel="images (log scale)")
        for ax in (left, right):
            ax.set_xticks(np.linspace(0, 1, 6))
            ax.grid(alpha=0.3)
        left.legend(loc="upper left")
        if len(lines) > 1:
            right.legend(loc="upper center", fontsize=9)
    fig.suptitle(title, fontsize=12)
    return fig
