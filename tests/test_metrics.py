"""Chapter 11's metrics against scikit-learn, the test-only reference, on random and tied scores.

The grader's properties (the slow loop over thresholds, the pairwise AUC,
negated scores, a perfect ranking, the bins) run on the package in
tests/test_exercises.py; here the same functions meet scikit-learn's
``roc_curve``, ``precision_recall_curve``, ``roc_auc_score``,
``average_precision_score``, ``calibration_curve`` and the scores of 0/1
predictions, including the handling of ties.
"""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import metrics as sk
from sklearn.calibration import calibration_curve

from logreg_from_scratch import metrics
from logreg_from_scratch.exercises.ranking import on_edges, scored



def _large(seed):
    """Up to 2000 images drawn from `seed`: positives scoring higher on average, a third of
    the images positive, the scores rounded to 0.1 for half the seeds (many ties)."""
    rng = np.random.default_rng(seed)
    m = int(rng.integers(2, 2000))
    y = (rng.random(m) < 1 / 3).astype(int)
    y[0], y[-1] = 1, 0
    scores = rng.normal(size=m) + y
    return (np.round(scores, 1) if seed % 2 else scores), y


# The grader's small draws, and large ones
many = st.one_of(scored, st.integers(0, 2 ** 32 - 1).map(_large))


@settings(max_examples=100)
@given(many)
def test_the_curves_are_scikit_learns(drawn):
    scores, y = drawn
    fpr, tpr, thresholds = metrics.roc_curve(scores, y)
    sk_fpr, sk_tpr, sk_thresholds = sk.roc_curve(y, scores, drop_intermediate=False)
    np.testing.assert_allclose(fpr, sk_fpr, atol=1e-15)
    np.testing.assert_allclose(tpr, sk_tpr, atol=1e-15)
    assert thresholds[0] == np.inf and sk_thresholds[0] > scores.max()  # 1.3+: inf too
    np.testing.assert_array_equal(thresholds[1:], sk_thresholds[1:])

    precision, recall, pr_thresholds = metrics.precision_recall_curve(scores, y)
    sk_precision, sk_recall, sk_thresholds = sk.precision_recall_curve(y, scores)
    # scikit-learn lists them from the lowest threshold up, then (recall 0, precision 1)
    np.testing.assert_allclose(precision, sk_precision[::-1], atol=1e-15)
    np.testing.assert_allclose(recall, sk_recall[::-1], atol=1e-15)
    np.testing.assert_array_equal(pr_thresholds[1:], sk_thresholds[::-1])

    # and they are monotone, one point a distinct score, ending where they must
    assert np.all(np.diff(fpr) >= 0) and np.all(np.diff(tpr) >= 0)
    assert (fpr[0], tpr[0], fpr[-1], tpr[-1]) == (0, 0, 1, 1)
    assert len(thresholds) == len(np.unique(scores)) + 1 and np.all(np.diff(thresholds) < 0)
    assert np.all(np.diff(recall) >= 0) and (recall[0], recall[-1]) == (0, 1)
    assert precision[-1] == pytest.approx(y.mean())  # every image a yes: the share of ones

    assert metrics.roc_auc(scores, y) == pytest.approx(sk.roc_auc_score(y, scores), abs=1e-12)
    assert metrics.average_precision(scores, y) == pytest.approx(
        sk.average_precision_score(y, scores), abs=1e-12)


@settings(max_examples=60)
@given(on_edges)
def test_the_bins_are_scikit_learns_calibration_curve(drawn):
    a, y, bins = drawn
    bins_ = metrics.reliability(a, y, bins)
    frequency, confidence = calibration_curve(y, a, n_bins=bins)
    np.testing.assert_allclose(bins_.frequency, frequency, atol=1e-12)
    np.testing.assert_allclose(bins_.confidence, confidence, atol=1e-12)
    assert bins_.count.sum() == len(a)
    ece = metrics.expected_calibration_error(a, y, bins)
    assert ece == pytest.approx(np.sum(bins_.count * np.abs(frequency - confidence)) / len(a))


def test_an_exact_edge_goes_to_the_bin_below_as_in_scikit_learn():
    a, y = np.array([0.0, 0.5, 0.5000001, 1.0]), np.array([0, 1, 0, 1])
    bins_ = metrics.reliability(a, y, 2)
    np.testing.assert_array_equal(bins_.count, [2, 2])  # 0.5 is in [0, 0.5]
    np.testing.assert_array_equal(bins_.lower, [0.0, 0.5])
    assert metrics.expected_calibration_error(np.array([1.0, 1.0]), np.array([1, 0])) == 0.5


@settings(max_examples=60)
@given(many, st.floats(0.01, 1.0))
def test_the_threshold_for_a_precision_is_the_one_with_most_recall(drawn, target):
    scores, y = drawn
    precision, recall, thresholds = metrics.precision_recall_curve(scores, y)
    reached = precision[1:] >= target
    if not reached.any():
        with pytest.raises(ValueError, match=f"no threshold reaches precision {target:g}"):
            metrics.threshold_for_precision(scores, y, target)
        return
    t, p, r = metrics.threshold_for_precision(scores, y, target)
    yes = (scores >= t).astype(int)
    assert (p, r) == pytest.approx((sk.precision_score(y, yes), sk.recall_score(y, yes)))
    assert p >= target and r == recall[1:][reached].max()
    # and no threshold with that recall has a higher precision
    assert p == precision[1:][reached & (recall[1:] == r)].max()


def test_the_counts_at_one_threshold_are_scikit_learns(rng):
    y = rng.integers(0, 2, 300)
    y_pred = np.where(rng.random(300) < 0.8, y, 1 - y)
    np.testing.assert_array_equal(metrics.confusion(y_pred, y), sk.confusion_matrix(y, y_pred))
    assert metrics.precision_recall_f1(y_pred, y) == pytest.approx(
        (sk.precision_score(y, y_pred), sk.recall_score(y, y_pred), sk.f1_score(y, y_pred)))


def test_auc_is_the_chance_a_positive_outscores_a_negative(rng):
    scores, y = rng.normal(size=2000), rng.integers(0, 2, 2000)
    scores[y == 1] += 1.0  # positives shifted by one standard deviation
    positives, negatives = scores[y == 1], scores[y == 0]
    drawn = rng.choice(positives, 200_000) > rng.choice(negatives, 200_000)
    # 200,000 random pairs: their share agrees with the AUC to about 0.001 (one standard error)
    assert abs(drawn.mean() - metrics.roc_auc(scores, y)) < 0.005


def test_scores_and_probabilities_rank_the_same_unless_probabilities_tie():
    z = np.array([40.0, 38.0, 3.0, -1.0, -50.0])
    y = np.array([1, 0, 1, 0, 0])
    a = 1 / (1 + np.exp(-z))  # 40 and 38 both round to a = 1.0: a tie the logits break
    assert a[0] == a[1] == 1.0
    assert metrics.roc_auc(z, y) == pytest.approx(5 / 6)
    assert metrics.roc_auc(a, y) == pytest.approx(4.5 / 6)


def _pairs(scores, y):
    """(11.5) as its double loop: the share of (positive, negative) pairs in order."""
    return np.mean([(s_1 > s_0) + 0.5 * (s_1 == s_0) for s_1 in scores[y == 1]
                    for s_0 in scores[y == 0]])


def test_the_auc_difference_resamples_the_same_images_for_both_models():
    """Each resample, computed directly: the images drawn (positives from the positives,
    then negatives from the negatives), and (11.5)'s pair count of each model on them."""
    y = np.array([1, 0, 1, 0, 0, 1, 0])
    a = np.array([2.0, 1.0, 1.0, 3.0, -1.0, 0.5, 1.0])  # ties, and a negative above a positive
    b = np.array([0.0, 1.0, 2.0, -2.0, 1.0, 3.0, 0.0])
    a_before, b_before = a.copy(), b.copy()
    result = metrics.auc_difference(a, b, y, np.random.default_rng(7), resamples=50)
    assert (result.auc_a, result.auc_b) == pytest.approx((_pairs(a, y), _pairs(b, y)))
    assert result.difference == pytest.approx(metrics.roc_auc(a, y) - metrics.roc_auc(b, y))
    rng = np.random.default_rng(7)  # the same draws, in the docstring's order
    positives, negatives = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    for resampled in result.resampled:
        drawn = np.r_[positives[rng.integers(0, 3, 3)], negatives[rng.integers(0, 4, 4)]]
        assert resampled == pytest.approx(_pairs(a[drawn], y[drawn]) - _pairs(b[drawn], y[drawn]))
    assert (result.low, result.high) == pytest.approx(tuple(np.quantile(result.resampled,
                                                                        [0.025, 0.975])))
    np.testing.assert_array_equal(a, a_before)  # the inputs are left as they were
    np.testing.assert_array_equal(b, b_before)


def test_the_auc_difference_interval_covers_the_difference_and_zero_only_when_it_should(rng):
    y = (rng.random(3000) < 0.2).astype(int)
    good = rng.normal(size=3000) + 1.5 * y
    noisy = good + rng.normal(size=3000)  # the same images, ranked worse
    result = metrics.auc_difference(good, noisy, y, np.random.default_rng(0))
    assert result.low < result.difference < result.high and result.low > 0
    assert len(result.resampled) == 2000
    same = metrics.auc_difference(good, good + 1e-9 * rng.normal(size=3000), y,
                                  np.random.default_rng(0))
    assert same.low <= 0 <= same.high  # a model against itself (nearly): 0 inside
    again = metrics.auc_difference(good, noisy, y, np.random.default_rng(0))
    assert (again.low, again.high) == (result.low, result.high)  # seeded: the same interval


BAD = [
    (lambda: metrics.auc_difference([0.1, 0.2], [0.3, 0.1], [0, 1], 0),
     "rng must be a numpy Generator"),
    (lambda: metrics.auc_difference([0.1, 0.2], [0.3, 0.1], [0, 1], np.random.default_rng(),
                                    level=95), r"coverage in \(0, 1\)"),
    (lambda: metrics.roc_curve([0.1, 0.2], [1, 1]), "only 1s .*both must be present"),
    (lambda: metrics.average_precision([0.1, 0.2], [0, 0]), "only 0s .*both must be present"),
    (lambda: metrics.roc_auc([0.1, np.nan, 0.3], [0, 1, 1]),
     r"1 NaN or infinite value\(s\), the first at index 1 .*smaller rate"),
    (lambda: metrics.roc_curve([0.1, 0.2, 0.3], [0, 1, 2]), "only 0 and 1 .*binary_labels"),
    (lambda: metrics.roc_curve([0.1, 0.2, 0.3], [0, 1]), "3 scores and 2 labels"),
    (lambda: metrics.roc_curve(np.zeros((3, 10)), [0, 1, 1]), "1-D.*one class at a time"),
    (lambda: metrics.roc_curve([], []), "no examples"),
    (lambda: metrics.precision_recall_f1(np.zeros(3, int), np.array([0, 1, 1])),
     "answered yes for no example"),
    (lambda: metrics.reliability([0.5, 3.0], [0, 1]), r"probabilities, in \[0, 1\].*not the logits"),
    (lambda: metrics.reliability([0.5, 0.3], [0, 1], bins=0), "bins must be a whole number >= 1"),
    (lambda: metrics.threshold_for_precision([0.5, 0.3], [0, 1], 99), r"in \(0, 1\], e.g. 0.99"),
    (lambda: metrics.threshold_for_precision([0.5, 0.3], [0, 1], 0.9), "no threshold reaches"),
]


@pytest.mark.parametrize("bad, message", BAD, ids=[m.split()[0] for _, m in BAD])
def test_a_mistake_gets_a_clear_error(bad, message):
    with pytest.raises(ValueError, match=message):
        bad()
