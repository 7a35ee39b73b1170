"""The properties of chapter 11's metrics: the ROC and precision-recall curves, AUC, AP, bins.

Each is checked against the slow way, written here as a loop: for every
distinct score tau, from the highest down, count the images with score >= tau
(cs231n's naive loop against the vectorized form).  The tests of the
package (tests/test_metrics.py) hold ``metrics.py`` to these same
properties, and compare it with scikit-learn's functions besides.
"""
import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from .grader import Property, Wrong, call, described, expect, expect_tuple, show


def _both_classes(drawn):
    """At least one positive and one negative: the curves compare the two classes."""
    scores, y = drawn
    y = y.copy()
    y[0], y[-1] = 1, 0
    return scores, y


#: (scores, y): 2 to 30 images, scores with many ties (whole numbers -3..3) or few
scored = st.integers(2, 30).flatmap(lambda m: st.tuples(
    st.one_of(arrays(np.float64, (m,), elements=st.integers(-3, 3).map(float)),
              arrays(np.float64, (m,), elements=st.floats(-1e3, 1e3))),
    arrays(np.int64, (m,), elements=st.integers(0, 1)))).map(_both_classes)


def _perfect(drawn):
    """The same images, rescored so that every positive scores above every negative."""
    scores, y = drawn
    return np.where(y == 1, 10.0 + np.abs(scores), -10.0 - np.abs(scores)), y


perfectly_ranked = scored.map(_perfect)


def by_loop(scores, y):
    """(threshold, TP, FP) for each distinct score, from the highest down: the slow way."""
    rows = []
    for t in sorted(set(scores.tolist()), reverse=True):
        yes = scores >= t
        tp = int(np.sum(y[yes]))
        rows.append((t, tp, int(np.sum(yes)) - tp))
    return rows


def _points(f, name, scores, y, names):
    text = described(name, scores, y)
    result = expect_tuple(text, call(f, name, scores, y), names)
    thresholds = np.asarray(result[2], dtype=float) if np.ndim(result[2]) == 1 else None
    if thresholds is None or len(thresholds) == 0 or not thresholds[0] > scores.max():
        raise Wrong(text + " thresholds", f"returned {show(result[2])}",
                    "a threshold above every score first (np.inf), then each distinct score "
                    "from the highest down", kind="shape")
    return text, result


def _roc_agrees(f, scores, y):
    text, (fpr, tpr, thresholds) = _points(f, "roc_curve", scores, y, ["fpr", "tpr", "thresholds"])
    rows = by_loop(scores, y)
    positives, negatives = int(y.sum()), int(len(y) - y.sum())
    expect(text + " thresholds", np.asarray(thresholds, dtype=float)[1:],
           [t for t, _, _ in rows], within=" (the distinct scores, from the highest)")
    expect(text + " fpr", fpr, [0.0] + [fp / negatives for _, _, fp in rows], atol=1e-12,
           within=" (FP / n_0 with 'yes' for score >= tau, at each distinct tau, after 0)")
    expect(text + " tpr", tpr, [0.0] + [tp / positives for _, tp, _ in rows], atol=1e-12,
           within=" (TP / n_1 with 'yes' for score >= tau, at each distinct tau, after 0)")


def _pr_agrees(f, scores, y):
    text, (precision, recall, thresholds) = _points(f, "precision_recall_curve", scores, y,
                                                    ["precision", "recall", "thresholds"])
    rows = by_loop(scores, y)
    positives = int(y.sum())
    expect(text + " thresholds", np.asarray(thresholds, dtype=float)[1:],
           [t for t, _, _ in rows], within=" (the distinct scores, from the highest)")
    expect(text + " precision", precision, [1.0] + [tp / (tp + fp) for _, tp, fp in rows],
           atol=1e-12, within=" (TP / (TP + FP) with 'yes' for score >= tau, after 1)")
    expect(text + " recall", recall, [0.0] + [tp / positives for _, tp, _ in rows], atol=1e-12,
           within=" (TP / n_1 with 'yes' for score >= tau, after 0)")


def pairwise_auc(scores, y):
    """The chance a random positive outscores a random negative, ties half: every pair."""
    pos, neg = scores[y == 1][:, None], scores[y == 0][None, :]
    return float(np.mean((pos > neg) + 0.5 * (pos == neg)))


def _auc_is_pairwise(f, scores, y):
    expect(described("roc_auc", scores, y), call(f, "roc_auc", scores, y),
           pairwise_auc(scores, y), atol=1e-12,
           within=" (the share of (positive, negative) pairs the positive wins, ties half)")


def _auc_reversed(f, scores, y):
    forward = call(f, "roc_auc", scores, y)
    expect(described("roc_auc", -scores, y), call(f, "roc_auc", -scores, y),
           1 - float(forward), atol=1e-12, within=" (1 - the AUC of the scores not negated)")


def _auc_perfect(f, scores, y):
    expect(described("roc_auc", scores, y), call(f, "roc_auc", scores, y), 1.0, atol=1e-12,
           within=" (every positive scores above every negative)")


def _ap_agrees(f, scores, y):
    rows = by_loop(scores, y)
    positives, recall, total = int(y.sum()), 0.0, 0.0
    for _, tp, fp in rows:
        total += (tp / positives - recall) * tp / (tp + fp)
        recall = tp / positives
    expect(described("average_precision", scores, y), call(f, "average_precision", scores, y),
           total, atol=1e-12,
           within=" (sum of (rec_r - rec_r') prec_r over the distinct thresholds, r' the "
                  "one before r)")


def _ap_perfect(f, scores, y):
    expect(described("average_precision", scores, y),
           call(f, "average_precision", scores, y), 1.0, atol=1e-12,
           within=" (every positive scores above every negative)")


#: (a, y, bins): 1 to 30 probabilities, 0, 1 and the bins' inner edges among them
on_edges = st.sampled_from([1, 2, 5, 10, 15]).flatmap(lambda bins: st.integers(1, 30).flatmap(
    lambda m: st.tuples(
        arrays(np.float64, (m,), elements=st.one_of(
            st.sampled_from([0.0, 1.0]), st.integers(0, bins).map(lambda i: i / bins),
            st.floats(0, 1))),
        arrays(np.int64, (m,), elements=st.integers(0, 1)), st.just(bins))))

#: (a, y, bins): probabilities away from the inner edges (where the conventions differ),
#: 0 and 1 among them
off_edges = st.sampled_from([1, 2, 5, 10, 15]).flatmap(lambda bins: st.integers(1, 30).flatmap(
    lambda m: st.tuples(
        arrays(np.float64, (m,), elements=st.one_of(
            st.sampled_from([0.0, 1.0]),
            st.tuples(st.integers(0, bins - 1), st.floats(0.01, 0.99)).map(
                lambda drawn: (drawn[0] + drawn[1]) / bins))),
        arrays(np.int64, (m,), elements=st.integers(0, 1)), st.just(bins))))

FIELDS = ["lower", "upper", "count", "confidence", "frequency"]


def _bins_count_everything(f, a, y, bins):
    text = described("reliability", a, y, bins)
    result = expect_tuple(text, call(f, "reliability", a, y, bins), FIELDS)
    count = np.asarray(result[2])
    if count.ndim != 1 or np.any(count <= 0) or int(np.sum(count)) != len(a):
        raise Wrong(text + " count", f"returned {show(count)}",
                    f"counts > 0 that add up to the {len(a)} probabilities, each in one bin")


def _bins_agree(f, a, y, bins):
    text = described("reliability", a, y, bins)
    result = expect_tuple(text, call(f, "reliability", a, y, bins), FIELDS)
    rows = []
    for i in range(bins):
        lower, upper = i / bins, (i + 1) / bins
        inside = (a > lower) & (a <= upper) | ((i == 0) & (a == 0))
        if inside.any():
            rows.append((lower, upper, int(inside.sum()), a[inside].mean(), y[inside].mean()))
    for name, got, expected in zip(FIELDS, result, zip(*rows)):
        expect(f"{text} {name}", got, expected, atol=1e-12,
               within=f" (the {name} of each bin that holds a probability, in order)")


ROC_CURVE = [
    Property("agrees with a loop over the distinct scores tau, from the highest: FP / n_0 "
             "and TP / n_1 with 'yes' for score >= tau, after (0, 0) at threshold inf", scored,
             _roc_agrees,
             hint="sort once, highest first (np.argsort(-scores, kind='stable')); TP = "
                  "np.cumsum of the sorted labels, FP = (rank + 1) - TP; keep only the last "
                  "image of each run of equal scores",
             hints={"shape": "one point a distinct score, after (0, 0): images with equal "
                             "scores fall on the same side of every threshold, so keep only the "
                             "last of each run of ties (where np.diff of the sorted scores is "
                             "not 0), never split them by the images' order"}),
]
ROC_AUC = [
    Property("equals the share of (positive, negative) pairs in which the positive scores "
             "higher, a tie counting 1/2", scored, _auc_is_pairwise,
             hint="the trapezoid rule on roc_curve's points, sum of diff(fpr) (tpr[1:] + "
                  "tpr[:-1]) / 2; a tie between scores is a diagonal step, worth half"),
    Property("gives 1 - AUC for the negated scores", scored, _auc_reversed,
             hint="negating the scores swaps every pair's winner; ties stay ties"),
    Property("gives 1 when every positive scores above every negative", perfectly_ranked,
             _auc_perfect, hint="the curve goes up to (0, 1) before it moves right"),
]
PRECISION_RECALL_CURVE = [
    Property("agrees with a loop over the distinct scores tau, from the highest: TP / (TP + "
             "FP) and TP / n_1 with 'yes' for score >= tau, after (precision 1, recall 0) at "
             "threshold inf", scored, _pr_agrees,
             hint="at threshold tau the yeses are the images with score >= tau, the threshold's "
                  "own image included; sort once and keep the last image of each run of ties",
             hints={"shape": "one point a distinct score, after (precision 1, recall 0): keep "
                             "only the last image of each run of equal scores"}),
]
AVERAGE_PRECISION = [
    Property("equals sum (rec_r - rec_r') prec_r over the distinct thresholds (r' the one "
             "before r), without "
             "interpolation", scored, _ap_agrees,
             hint="np.sum(np.diff(recall) * precision[1:]) with precision_recall_curve's "
                  "points: each threshold's precision weighted by the recall it adds"),
    Property("gives 1 when every positive scores above every negative", perfectly_ranked,
             _ap_perfect, hint="every threshold that adds recall then has precision 1"),
]
RELIABILITY = [
    Property("puts every probability in one bin, 0 and 1 included: the counts add up to m",
             on_edges, _bins_count_everything,
             hint="bin g (g = 1, ..., bins) holds (g - 1) / bins < a <= g / bins, and the "
                  "first bin a = 0 too: "
                  "np.searchsorted(edges[1:-1], a) never drops a = 1, "
                  "which (a * bins).astype(int) puts in a bin that does not exist",
             hints={"shape": "return (lower, upper, count, confidence, frequency), each an "
                             "array over the bins that hold a probability"}),
    Property("agrees with a loop over the bins (for probabilities off the bins' inner edges): "
             "each bin that holds a probability, its edges, count, mean probability and "
             "fraction of ones", off_edges, _bins_agree,
             hint="leave out the empty bins; confidence is the mean of a in the bin, "
                  "frequency the mean of y (np.bincount with weights= does all bins at once)",
             hints={"shape": "one entry a bin that holds a probability, empty bins left out"}),
]
