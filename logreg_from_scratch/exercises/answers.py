"""The answers to the chapters' experiment exercises, from real runs: exercises/ANSWERS.md.

``python -m logreg_from_scratch.exercises answers`` runs every experiment
the chapters' exercises ask for, with the package's functions and the
chapters' settings (without the chapters' figures and per-epoch reports, to
keep it quick), and writes the numbers into ``exercises/ANSWERS.md``.  The
tests run it again and compare, so the answers cannot drift from the code.
"""
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from ..calibrate import platt
from ..chapter import blas_kernel
from ..experiments import (L2S, PRECISION_GOAL, SOFTMAX_SGD, binary_logits, binary_models,
                           curvature_bound, fit_softmax, generators, gradient_check, l2_path,
                           right, roughness, softmax_minimum, threshold_test)
from ..gradients import numerical_gradient, propagate, relative_error
from ..idx_data import load_mnist
from ..labels import binary_labels, one_hot
from ..optimize import DivergenceError, gradient_descent, train_softmax
from ..predict import accuracy, confusion_matrix, predict
from ..deskew import deskew
from ..newton import descent, hessian, newton
from ..metrics import auc_difference, expected_calibration_error
from ..softmax import predict_softmax, propagate_softmax, softmax
from ..uncertainty import describe_paired, mcnemar, wilson_interval


def chapter_1():
    X, y, X_test, y_test = load_mnist(scale=True)
    means = np.stack([X[y == j].mean(axis=0) for j in range(10)])
    distances = (X_test ** 2).sum(axis=1)[:, None] - 2 * X_test @ means.T + (means ** 2).sum(axis=1)
    nearest = accuracy(np.argmin(distances, axis=1), y_test)
    empty = int(np.sum(X.max(axis=0) == 0))
    return [
        f"1. `X_test[0]` is a **{y_test[0]}**: the rows of large numbers near the top are its "
        "bar, the diagonal of them below its stem.",
        f"2. Classifying each test image by the nearest mean image (Euclidean distance) scores "
        f"**{100 * nearest:.2f} %** on the 10,000 test images, far below chapter 5's "
        "softmax regression: a mean image blurs the many ways of writing a digit.",
        f"3. **{empty}** of the 784 pixels are 0 in all 60,000 training images. Their gradient "
        "(1/m) X^T (a - y) is 0 at every step, so their weights never leave their start, 0: "
        "the model learns nothing about them (chapter 4 prints how many stay exactly 0).",
    ]


@lru_cache(maxsize=2)
def _seed_slice(scale):
    """The seed's 3000 training and 500 test images, loaded once for all of chapter 2's runs."""
    return load_mnist(num_train=3000, num_test=500, scale=scale)


def binary_run(digit, *, scale, rate, iterations=100):
    """Chapter 2's run: test accuracy, the cost after the last step (as the chapter prints
    it), and the "always no" train and test scores."""
    X, y, X_test, y_test = _seed_slice(scale)
    y, y_test = binary_labels(y, digit), binary_labels(y_test, digit)
    w, b, _ = gradient_descent(np.zeros(784), 0.0, X, y, iterations, rate)
    return (100 * accuracy(predict(w, b, X_test), y_test), propagate(w, b, X, y)[0],
            100 * (1 - y.mean()), 100 * (1 - y_test.mean()))


def chapter_2():
    rows, scaled = [], {}
    for digit in range(10):
        test, _, no_train, no_test = binary_run(digit, scale=True, rate=0.5)
        raw = binary_run(digit, scale=False, rate=0.005)[0] if digit in (1, 4, 7, 8) else None
        scaled[digit] = test
        # the raw run is chaotic: its accuracy moves by images with the BLAS kernel's summation
        # order (8: 85.80 % on one OpenBLAS kernel, 87.80 % on another), so the answer
        # says where it ends against the baseline, which holds on each kernel seen
        where = None if raw is None else ("above" if raw > no_test + 0.5 else "below"
                                          if raw < no_test - 0.5 else "at")
        rows.append(f"   | {digit} | {no_train:.2f} % / {no_test:.2f} % | "
                    + (f"{where} always no" if raw is not None else "") + f" | {test:.2f} % |")
    hardest = min(scaled, key=scaled.get)
    runner_up = sorted(scaled, key=scaled.get)[1]
    low, high = wilson_interval(round(5 * scaled[hardest]), 500)
    X, y, _, _ = load_mnist(num_train=20, num_test=1, scale=False)
    w, y1 = np.zeros(784), binary_labels(y, 1)
    _, dw, _ = propagate(w, 0.0, X, y1)
    check = np.max(relative_error(dw, numerical_gradient(lambda v: propagate(v, 0.0, X, y1)[0], w)))
    rates = {rate: binary_run(1, scale=False, rate=rate) for rate in (0.05, 0.005, 0.0005)}
    X, y1 = _seed_slice(False)[0], binary_labels(_seed_slice(False)[1], 1)
    largest = {}  # the largest logit after the first step, at each rate: all are negative
    for rate in (0.05, 0.0005):
        w1, b1, _ = gradient_descent(np.zeros(784), 0.0, X, y1, 1, rate)
        largest[rate] = (X @ w1 + b1).max()
    scaled_rates = {rate: binary_run(1, scale=True, rate=rate)[1] for rate in (0.5, 5)}
    return [
        "1. Test accuracy on the first 500 test images: the \"always no\" score (train / "
        "test, as the chapter prints it), then raw pixels (the original notebook's rate 0.005) "
        "and `--scale` "
        "(rate 0.5):",
        "",
        "   | digit | always no (train / test) | raw pixels | `--scale` |",
        "   |---|---|---|---|",
        *rows,
        "",
        "   On raw pixels the run bounces (chapter 3): for 4 it ends exactly at the \"always no\" "
        "score and for 8 below it, so those numbers say nothing about the digits. (The raw "
        "accuracies themselves move by a few images with your BLAS library's summation order, "
        "so the table gives only where each ends against the baseline, within half a point; "
        "the chapter prints your numbers.) With "
        f"`--scale` every digit beats its baseline. The lowest is **{hardest}** "
        f"({scaled[hardest]:.2f} %, 95 % interval {100 * low:.2f} to {100 * high:.2f} % on "
        f"500 images), but {runner_up} is only "
        f"{round(5 * (scaled[runner_up] - scaled[hardest]))} images ahead of it, well inside "
        "that interval, and each digit's \"always no\" "
        "score differs too: these 500 images do not show which digit is hardest (chapter 6 "
        "says how sure an accuracy is).",
        f"2. The largest relative error over the 784 entries of dw is **{check:.1e}**, well "
        "below 1e-6.",
        "3. The costs after 100 steps: "
        + ", ".join(f"rate {rate:g}: {cost:.4f}" for rate, (_, cost, *_) in rates.items())
        + "; the test accuracies: "
        + ", ".join(f"{test:.2f} %" for test, *_ in rates.values())
        + ". After the first step every logit is negative and large, in proportion to the rate "
        f"(the largest is {largest[0.0005]:.0f} at rate 0.0005 and {largest[0.05]:.0f} at rate "
        "0.05), so a - y is 0 or +-1 almost "
        "everywhere and each step adds rate times nearly the same vector: w grows in proportion "
        "to the rate, and so does the cost of the images still wrong (about |z| each), while "
        "the predictions, the signs of z, barely move. With `--scale`, rate 0.5 ends at cost "
        f"{scaled_rates[0.5]:.4f} and rate 5 at **{scaled_rates[5]:.4f}**: on scaled pixels the "
        "larger rate gets further downhill in the same 100 steps.",
    ]


def chapter_3():
    X, y, X_test, y_test = load_mnist(num_train=3000, num_test=500, scale=True)
    Y = one_hot(y, 10)
    rises = {}  # the steps (counted from 1) after which the cost is higher than before them
    for rate in (0.5, 0.6, 0.7, 1.0, 2.0):
        W, b, costs = gradient_descent(np.zeros((784, 10)), np.zeros(10), X, Y, 110, rate)
        after = np.append(costs, propagate(W, b, X, Y)[0])  # the cost after 0, 1, ..., 110 steps
        rises[rate] = np.flatnonzero(np.diff(after) > 0) + 1
    first_rising = min(rate for rate in rises if rises[rate].size)
    at_first_step = all(rises[rate][0] == 1 for rate in rises if rises[rate].size)
    safe = 2 / np.linalg.eigvalsh(hessian(np.zeros(784), 0.0, X))[-1]  # (3.7) at the start
    W, b, _ = gradient_descent(np.zeros((784, 10)), np.zeros(10), X, Y, 110, 0.5)
    w3, b3, _ = gradient_descent(np.zeros(784), 0.0, X, binary_labels(y, 3), 110, 0.5)
    by_a = accuracy(predict(W, b, X_test), y_test)
    by_z = accuracy(np.argmax(X_test @ W + b, axis=1), y_test)
    largest = np.abs(X_test @ W + b).max()

    def said(rate):
        return ("falls at every step" if rises[rate].size == 0 else
                f"rises at {rises[rate].size} of the 110 steps, first at step {rises[rate][0]}")
    return [
        f"1. Run 2's cost with rate 0.5 {said(0.5)}; with 0.6 it {said(0.6)}; with 0.7 it "
        f"{said(0.7)}; with 1 it {said(1.0)}; with 2 it {said(2.0)}. So the cost stops "
        f"falling at every step from rate **{first_rising:g}** on (of the rates tried)"
        + (", and each of these rates first overshoots at the first step, which is taken "
           "where the curvature is largest: at the start, where every a(1 - a) is 1/4"
           if at_first_step else "")
        + f". Rate {first_rising:g} is {first_rising / safe:.1f} times the safe rate "
        f"{safe:.2g} that the chapter computes at the start: for the cross-entropy, the rule "
        "(3.7) at the start gives a rate that is sure to work and the order of magnitude of "
        "the largest one, not its last digit.",
        "2. \"Is it a 3?\" trained alone and column 3 of `W_scaled` (with `b_scaled[3]`) "
        "differ by "
        + ("less than 1e-15, rounding only (the sums run in another order): the ten models "
           "never interact." if max(np.abs(w3 - W[:, 3]).max(), abs(b3 - b[3])) < 1e-15 else
           "more than rounding: something couples the models."),
        f"3. No change: **{100 * by_a:.2f} %** both with argmax of A and with argmax of Z "
        f"({100 * by_z:.2f} %). On scaled pixels the logits stay small (the largest here is "
        f"{largest:.1f}), so no sigmoid rounds to 1.0 and there are no ties to break.",
    ]


def chapter_4():
    raw_X, y, raw_test, y_test = load_mnist(num_train=3000, num_test=500, scale=False)
    X, X_test = raw_X / 255, raw_test / 255
    Y = one_hot(y, 10)
    W_slow, b_slow, costs_slow = gradient_descent(np.zeros((784, 10)), np.zeros(10), raw_X, Y,
                                                  110, 7e-6)
    W_raw, _, _ = gradient_descent(np.zeros((784, 10)), np.zeros(10), raw_X, Y, 110, 0.002)
    W, b, costs = gradient_descent(np.zeros((784, 10)), np.zeros(10), X, Y, 110, 0.5)
    W_long, b_long, _ = gradient_descent(W, b, X, Y, 190, 0.5)  # on to 300 iterations
    y_pred = predict(W, b, X_test)
    right_slow, right_short = predict(W_slow, b_slow, raw_test) == y_test, y_pred == y_test
    falls = bool(np.all(np.diff(costs_slow) < 0))
    i = int(np.flatnonzero(y_pred != y_test)[0])
    true, said = y_test[i], y_pred[i]
    pull = X_test[i] * (W[:, said] - W[:, true])  # each pixel's vote for the wrong digit
    top = np.argsort(pull)[::-1][:20]
    rows = sorted({int(p) // 28 for p in top})
    right_long = predict(W_long, b_long, X_test) == y_test
    paired = describe_paired(right_long, right_short, "300 iterations", "110")
    p_value = mcnemar(right_long, right_short)[2]
    return [
        f"1. At rate 7e-6 run 1's cost falls {'at every step' if falls else 'but not at every step'}"
        f" (to {costs_slow[-1]:.4f}, against run 2's {costs[-1]:.4f}), and its maps are as smooth "
        f"as run 2's: roughness **{roughness(W_slow):.2f}** against {roughness(W):.2f} (and "
        f"{roughness(W_raw):.2f} at rate 0.002). So the noise of the chapter's run 1 came from its rate, not from the "
        f"raw pixels. Its accuracies are train {100 * accuracy(predict(W_slow, b_slow, raw_X), y):.2f}"
        f" % and test {100 * right_slow.mean():.2f} %, against run 2's "
        f"{100 * accuracy(predict(W, b, X), y):.2f} % and {100 * right_short.mean():.2f} %; paired "
        f"on the same 500 test images, {describe_paired(right_slow, right_short, 'run 1', 'run 2')}"
        + (": no evidence that either is the more accurate, which does not show that they are "
           "equally accurate. " if mcnemar(right_slow, right_short)[2] >= 0.05 else ". ")
        + "The runs are not quite the same model: on raw pixels the rate 7e-6 moves the weights "
        "as the rate 7e-6 x 255^2 = 0.46 would on scaled pixels, a little less than run 2's "
        "0.5, and it moves the bias 255^2 times less than that scaled run would, since the "
        "bias's curvature does not scale with the pixels (chapter 3).",
        f"2. The first test image run 2 gets wrong is in row {i} of `X_test` (image {i + 1}, "
        f"counting from 1): a {true}, read as a {said}: the logits "
        f"differ by Z_{said} - Z_{true} = "
        f"{(X_test[i] @ (W[:, said] - W[:, true])) + b[said] - b[true]:.2f}. The 20 pixels that "
        f"pull hardest towards {said} add up to {pull[top].sum():.2f}; they lie in rows "
        f"{rows[0]} to {rows[-1]} of the 28 (counting from 0, as u does in (1.1)).",
        f"3. After 300 iterations the maps are noisier ({roughness(W_long):.2f} against "
        f"{roughness(W):.2f} after 110): train accuracy {100 * accuracy(predict(W_long, b_long, X), y):.2f} % "
        f"(from {100 * accuracy(predict(W, b, X), y):.2f} %), test "
        f"{100 * accuracy(predict(W_long, b_long, X_test), y_test):.2f} % (from "
        f"{100 * accuracy(y_pred, y_test):.2f} %). Both accuracies rise, so this is "
        "not overfitting (which would show as the test accuracy falling while the train "
        "accuracy rises): 110 iterations had simply not finished descending. Paired on the "
        f"same 500 test images ({paired}), "
        + ("the gain is unlikely to be chance, which the two accuracies' overlapping intervals "
           "could not show." if p_value < 0.05 else "the split is one that equally good models "
           "often give: the test score shows only that nothing got worse."),
    ]


def softmax_run(**changes):
    """Chapter 5's training (seed 0) with `changes` to its settings: whether it is right on
    each validation image (None if it diverged).

    A setting is compared on the validation images, never on the test images.
    """
    num_train, dtype = changes.pop("num_train", 50000), changes.pop("dtype", "float64")
    data_rng, batch_rng = generators(0, 2)
    X, y, X_val, y_val, _, _ = load_mnist(num_train=num_train, scale=True, shuffle=data_rng,
                                          dtype=dtype, validation=True, num_test=1)
    try:
        W, b, _ = fit_softmax(X, y, batch_rng, **changes)
    except DivergenceError:
        return None
    return right(W, b, X_val, y_val)


def chapter_5():
    runs = {"default": softmax_run(), "small": softmax_run(num_train=6000, epochs=17),
            "penalised": softmax_run(l2=1e-4), "momentum": softmax_run(momentum=0.9, rate=0.2),
            "wild": softmax_run(momentum=0.9, rate=2.0), "float32": softmax_run(dtype="float32"),
            "full": softmax_run(batch_size=50000, rate=1.0, decay="none"),
            "small, few steps": softmax_run(num_train=6000)}
    default, small, penalised, momentum, wild, single, full, few_steps = (
        None if hits is None else 100 * hits.mean() for hits in runs.values())

    def against_default(name, called):
        """The paired comparison with the default run, on the same validation images."""
        return describe_paired(runs[name], runs["default"], called, "the default run")

    return [
        "Each run is scored on the 10,000 validation images (a setting is never chosen on "
        "the test images); one standard error of an accuracy near 92 % on them is 0.27 points, "
        "and each run is paired with the default run on those same images (McNemar's test, "
        "chapter 6).",
        "",
        f"1. {SOFTMAX_SGD['epochs']} full-batch steps ({SOFTMAX_SGD['epochs']} passes over the "
        f"data, as many as the default run): validation accuracy "
        f"**{full:.2f} %**, against "
        f"{default:.2f} % for the default run's {500 * SOFTMAX_SGD['epochs']:,} steps of 100 "
        "images: each pass over the data buys 500 noisy steps instead of one exact one, and "
        "the noise costs far less than the extra steps gain.",
        f"2. `--l2 1e-4`: validation accuracy **{penalised:.2f} %** (from "
        f"{default:.2f} %), "
        + ("within" if abs(penalised - default) < 0.27 else "beyond")
        + " one standard error; but paired, "
        f"{against_default('penalised', 'l2 = 1e-4')}: "
        + ("a split that equally good models often give" if
           mcnemar(runs["penalised"], runs["default"])[2] >= 0.05 else
           "a small loss, but unlikely to be chance, which one accuracy's standard error "
           "alone would miss")
        + ". 50,000 images pin down 7,850 parameters well, so there is little overfitting for "
        "a penalty to cure.",
        f"3. The first 6000 images for 17 epochs (1020 steps, about the default run's 1000): "
        f"**{small:.2f} %** validation accuracy, {default - small:.2f} points below all 50,000 "
        f"(paired, {against_default('small', '6000 images')}). With only 2 epochs of 6000 "
        f"images (120 steps) it reaches {few_steps:.2f} %: that run would mix the effect of "
        f"less data with that of fewer steps.",
        f"4. Momentum 0.9 with rate 0.2: **{momentum:.2f} %** validation accuracy "
        f"(paired, {against_default('momentum', 'momentum')}"
        + ("; these images cannot tell the two apart" if
           mcnemar(runs["momentum"], runs["default"])[2] >= 0.05 else "")
        + f"), close to rate 2.0 without momentum ({default:.2f} %): where the gradients agree, "
        "momentum "
        "beta at rate eta moves like rate eta / (1 - beta) (5.10), here 0.2 / (1 - 0.9) = 2.0. "
        "Rate 2 with momentum 0.9 moves like rate 20: "
        + ("it diverges, and the chapter says so." if wild is None else
           "the linear decay keeps it from diverging, but it ends about "
           f"{default - wild:.1f} points lower."),
        f"5. `--dtype float32`: validation accuracy **{single:.2f} %** "
        f"(float64: {default:.2f} %; {against_default('float32', 'float32')}). "
        + ("The two runs make the same prediction on every validation image, so there is no "
           "difference for a p-value to weigh: on these images, float32 loses nothing. (That "
           "is what these images show; it is not a proof for every image.) "
           if not np.any(runs["float32"] != runs["default"]) else
           "A large p-value says only that these images cannot tell the two apart, not that "
           "float32 is as accurate. " if mcnemar(runs["float32"], runs["default"])[2] >= 0.05
           else "The p-value is small: the difference is unlikely to be luck. ")
        + "Chapter 8 measures the speed: on the project's machine "
        f"chapter 5's training took {_recorded('chapter 5.s training: float64 / float32')} "
        "times less time in float32 (benchmarks/08_speed.txt, chapter 8's record).",
    ]


def _recorded(ratio):
    """A ratio as chapter 8's record on the project's machine prints it (benchmarks/)."""
    record = Path(__file__).resolve().parents[2] / "benchmarks" / "08_speed.txt"
    if not record.is_file():
        raise FileNotFoundError(f"{record} is missing: the answers are made in a clone of the "
                                "project, which holds chapter 8's speed records")
    return re.search(rf"^{ratio} +([\d,.]+)", record.read_text(), re.MULTILINE).group(1)


def chapter_6():
    data_rng, _ = generators(0, 2)
    X, y, X_val, y_val, X_test, y_test = load_mnist(scale=True, shuffle=data_rng,
                                                    validation=True)
    path = l2_path(X[:3000], y[:3000], X_val, y_val, L2S)
    best = max(path, key=lambda row: row[3].mean())
    n_ab, n_ba, p = mcnemar(best[3], path[0][3])
    small = l2_path(X[:1000], y[:1000], X_val, y_val, L2S)
    on_val = max(small, key=lambda row: row[3].mean())
    tests = [right(*W_b, X_test, y_test).mean() * 100 for _, W_b, _, _ in small]
    on_test = int(np.argmax(tests))
    validations = [100 * hits.mean() for *_, hits in small]
    unpaired = 100 * np.sqrt(sum(a / 100 * (1 - a / 100) / len(y_test)
                                 for a in (tests[on_test], validations[on_test])))
    return [
        f"1. On 3000 images the validation accuracy peaks at l2 = **{best[0]:g}** "
        f"({100 * best[3].mean():.2f} % against {100 * path[0][3].mean():.2f} % with no "
        f"penalty; paired, {n_ab} images gained and {n_ba} lost, McNemar's p-value {p:.2g}"
        + ("; equally good models would often split their disagreements this unevenly, so "
           "these images cannot tell whether the penalty still helps on 3000 images). "
           if p > 0.05 else "). ")
        + "With more images each weight is pinned down by more data, so less pull towards 0 "
        "is needed: the best penalty, and what it gains, shrink as the data grow, and on "
        "50,000 images the penalty hardly matters (chapter 5, exercise 2).",
        f"2. Chosen on the test images, the 1000-image path picks l2 = **{L2S[on_test]:g}** "
        f"({tests[on_test]:.2f} % test accuracy); chosen on validation it picks l2 = "
        f"{on_val[0]:g} ({tests[L2S.index(on_val[0])]:.2f} % test). "
        + ("Here the two choices agree. " if L2S[on_test] == on_val[0] else
           "Here they differ. ")
        + "Chosen on the test images, its test score is the best of eight noisy scores on "
        "them, so by (6.1) it is biased upwards on average. Its validation score, "
        f"{validations[on_test]:.2f} %, is now the untouched one, and the test score differs "
        f"from it by {tests[on_test] - validations[on_test]:+.2f} points. Those are different "
        "images, so the standard error of that difference is that of two independent "
        f"accuracies, {unpaired:.2f} points, and the difference is "
        f"{abs(tests[on_test] - validations[on_test]) / unpaired:.1f} of them"
        + (": too little to measure the bias on one draw of the images. "
           if abs(tests[on_test] - validations[on_test]) < 2 * unpaired else
           ": more than chance often gives, though one draw of the images cannot measure "
           "the bias. ")
        + "(6.1) itself gives no amount: the bias "
        "depends on how close the settings are and on how their errors go together. For "
        "eight equally good settings with independent errors, the best score would be about "
        "1.4 standard errors (0.5 points on 10,000 images) too high; scored on the same "
        "images, their errors go together, and the bias is smaller.",
        "3. `.venv/bin/python -m logreg_from_scratch.exercises check "
        "exercises/e9_uncertainty.py` grades them.",
    ]

def descent_to_lbfgs(center, iterations, l2=0.01):
    """Chapter 7's part 2: L, the first iteration within 1e-6 of L-BFGS-B's J (or None), the gap."""
    X, y, _, _ = load_mnist(num_train=500, num_test=1, scale=True)
    if center:
        X = X - X.mean(axis=0)
    L, rate = curvature_bound(X, l2)
    J = softmax_minimum(X, y, l2)[2].fun
    _, _, costs = train_softmax(np.zeros((784, 10)), np.zeros(10), X, y, epochs=iterations,
                                rate=rate, l2=l2)
    within = np.flatnonzero((costs - J) / J < 1e-6)
    return L, (int(within[0]) if within.size else None), (costs[-1] - J) / J


def chapter_7():
    L_c, needed, _ = descent_to_lbfgs(True, 1400)  # the first 1400 of the chapter's 2500
    L_u, reached, above = descent_to_lbfgs(False, 3000)
    X, y, _, _ = load_mnist(num_train=20, num_test=1, scale=True)
    rng = np.random.default_rng(0)
    W, b = rng.normal(scale=0.01, size=(784, 10)), rng.normal(size=10)

    def error(m_kept):
        """Part 1's check of softmax (its 785 entries, the same draw) with dW * m_kept."""
        def bugged(W, b):
            J, dW, db = propagate_softmax(W, b, X, y, 0.01)
            return J, dW * m_kept, db
        return gradient_check(bugged, W, b, np.random.default_rng(1))[3]
    hs = [10.0 ** -e for e in (1, 3, 7, 9, 12)]  # near 1e-5 the error is rounding noise
    errors = [abs((np.sin(1 + h) - np.sin(1 - h)) / (2 * h) - np.cos(1)) for h in hs]
    return [
        f"1. Without `/ m` the softmax line's error is **{error(len(y)):.2f}** (it was "
        f"{error(1):.0e}): dW is m = 20 times too large, and a vector 20 times its true value "
        f"has the relative error |1 - 20| / (1 + 20) = {19 / 21:.2f}.",
        f"2. Without centring L = {L_u:.3f} instead of {L_c:.3f} ({L_u / L_c:.1f} times larger, "
        "so the rate is that much smaller), and gradient descent "
        + (f"needs {reached} iterations" if reached is not None else
           f"is still {above:.1e} above the minimum after 3000 iterations")
        + f", against {needed} centred: far more than the {L_u / L_c:.1f} times that the "
        "ratio of L alone would explain.",
        "3. The error of the central difference of sin at 1 against cos 1: "
        + ", ".join(f"h = {h:.0e}: {e:.1e}" for h, e in zip(hs, errors))
        + ". It falls as h^2 (the truncation error) to its smallest, about 1e-11, near h = 1e-5, "
        "then rises as 1e-16 / h: f(x + h) - f(x - h) loses the digits that h no longer "
        "covers.",
    ]


def chapter_8():
    # timings differ from machine to machine: these answers give the shape, measured once
    return [
        "1. `np.vectorize(log_sigma_one)` calls the Python function once per element, like "
        "the list comprehension of `notebook_log_sigmoid`: the two take about the same time (a "
        "ratio near 1). It is a convenience, not vectorization: the loop over the elements still "
        "runs in Python.",
        "2. The chapter prints the epoch's time against its floor for the batch size you give. "
        "Fewer, larger batches mean fewer of the small NumPy operations each step pays for, so "
        "with 1000 rows the products dominate the step and the ratio moves towards 1; which "
        "size runs a product fastest per row depends on the BLAS kernel's code for small "
        "matrices, so your machine's numbers are the answer there.",
        "3. About the same: the full step reads all of X either way, and BLAS reads either "
        "layout at full speed (the products take X as it is, or as its transpose, without "
        "copying it).",
    ]


def chapter_9():
    data_rng, _ = generators(0, 2)
    X, y, _, _, X_test, y_test = load_mnist(scale=True, shuffle=data_rng, validation=True)
    D, D_test = deskew(X), deskew(X_test)
    models = {}
    for name, (train, test) in {"as written": (X, X_test), "deskewed": (D, D_test)}.items():
        _, batch_rng = generators(0, 2)
        W, b, _ = fit_softmax(train, y, batch_rng)
        models[name] = (W, confusion_matrix(predict_softmax(W, b, test), y_test, 10))
    right = {name: np.diag(C) / C.sum(axis=1) for name, (_, C) in models.items()}
    gain = right["deskewed"] - right["as written"]
    best = int(np.argmax(gain))
    again = np.abs(deskew(D_test) - D_test).max()
    rough = {name: roughness(W) for name, (W, _) in models.items()}
    return [
        f"1. The **{best}s**: {100 * right['as written'][best]:.1f} % of them right on the "
        f"images as written, {100 * right['deskewed'][best]:.1f} % deskewed. Every digit's "
        "share (as written -> deskewed): "
        + ", ".join(f"{j}: {100 * right['as written'][j]:.1f} -> "
                    f"{100 * right['deskewed'][j]:.1f} %" for j in range(10)) + ".",
        f"2. A second pass moves a pixel by at most {again:.2f}: the first left each image "
        "upright and centred up to the ink the interpolation smears and the ink cut at the "
        "borders, so there is almost nothing left to shear.",
        "3. The 1 and the 0. The 1's map, a short, leaning red bar about three pixels wide on "
        "the images as written, becomes an upright bar about two pixels wide that runs most "
        "of the image's height; the 0's hole, a blue oval that leaned, stands upright. The "
        "other maps stay hard to read: each mixes positive weight on its digit's ink with "
        "negative weight on other digits' ink. The maps are about as smooth by chapter 4's "
        f"measure ({rough['deskewed']:.2f} deskewed against {rough['as written']:.2f}): what "
        "changed is that the strokes stand upright and centred, the same in every image.",
        "4. `python -m logreg_from_scratch.exercises check exercises/e7_deskew.py` grades "
        "them.",
    ]


def chapter_10():
    X, y_digits, _, _ = load_mnist(num_train=3000, num_test=1, scale=True)
    y = binary_labels(y_digits, 1)

    def run(X, l2, iterations=20):
        w, b, history = newton(np.zeros(784), 0.0, X, y, l2=l2, iterations=iterations, tol=1e-13)
        return w, b, history

    def digit(w, b, l2):
        """Gradient descent's steps a digit at its best fixed rate, (10.6) and (E10.6)."""
        curvatures = np.linalg.eigvalsh(hessian(w, b, X, l2))
        kappa = curvatures[-1] / curvatures[0]
        steps = np.log(10) / np.log((kappa + 1) / (kappa - 1))
        return steps, (f"the curvatures run from {curvatures[0]:.1e} to {curvatures[-1]:.2g}, "
                       f"kappa = {float(f'{kappa:.2g}'):,.0f}, so gradient descent at its best "
                       f"fixed rate needs about {float(f'{steps:.2g}'):,.0f} steps a digit")

    lines, steps = [], {}
    for l2 in (1e-5, 1e-1, 1e-3):
        w, b, history = run(X, l2)
        steps[l2], said = digit(w, b, l2)
        lines.append(f"l2 = {l2:g}: **{len(history) - 1}** Newton steps; {said}")
    default = history
    X_raw = load_mnist(num_train=3000, num_test=1, scale=False)[0]
    _, _, raw = run(X_raw, 1e-3, iterations=30)
    _, _, strong = run(X_raw, 1e-3 * 255 ** 2, iterations=30)
    same = len(strong) == len(default) and all(
        abs(a[0] - b[0]) <= 1e-12 * a[0] for a, b in zip(strong, default))
    L_raw = curvature_bound(X_raw, 1e-3, most=1 / 4)[0]

    def first_step_climbs(rate):
        path = descent(np.zeros(784), 0.0, X_raw, y, l2=1e-3, rate=rate)
        return next(path)[0] < next(path)[0]
    climbs = all(first_step_climbs(rate) for rate in (1, 2, 5, 10, 20))
    return [
        "1. " + "; ".join(lines[:2]) + f" (the chapter's {lines[2]}). The penalty adds l2 to "
        "the curvature in every direction of w: a stronger one lifts the flattest direction "
        "most, kappa falls and gradient descent's crawl shortens, and Newton has less far to "
        "go; a weaker one lets the weights grow towards separating the images, every a (1 - a) "
        "shrinks, the flattest curvature most, and gradient descent needs "
        f"{steps[1e-5] / steps[1e-3]:.0f} times as many steps a digit while Newton needs only a "
        "few more steps.",
        f"2. On raw pixels Newton needs **{len(raw) - 1}** steps instead of {len(default) - 1}. "
        "The chapter then stops with an error: on raw pixels chapter 7's bound is "
        f"L = {L_raw:.3g}, so only rates below 2 / L = {2 / L_raw:.1e} are sure to lower the "
        "cost, and the race's rates 1 to 20 "
        + ("all make it climb at their first step" if climbs else "are all too large")
        + ". With l2 = 1e-3 x 255^2 = 65.025 on raw pixels Newton takes the chapter's "
        f"{len(strong) - 1} steps through the chapter's costs"
        + (" (equal to 1e-12 at every step)" if same else "")
        + ": Newton's method does not care how the pixels are scaled (dividing X by 255 "
        "multiplies w by 255 and H by 1/255^2, and the step follows). It needs no rate, "
        "because solving H delta = -g rescales each direction by its own curvature. Only the "
        "penalty's strength relative to the data changes: on raw pixels l2 = 1e-3 is 255^2 "
        "times weaker, the weights can grow further, and Newton needs more steps.",
        "3. `python -m logreg_from_scratch.exercises check exercises/e8_newton.py` grades "
        "them.",
    ]


def chapter_11():
    # chapter 11's (and chapter 5's) order and batches, and chapter 11's bootstrap
    data_rng, batch_rng, bootstrap_rng = generators(0, 3)
    X, digits, X_val, digits_val, X_test, digits_test = load_mnist(
        scale=True, shuffle=data_rng, validation=True)

    def binary(digit, goal):
        y, y_val, y_test = (binary_labels(d, digit) for d in (digits, digits_val, digits_test))
        models = binary_models(X, y)
        z_val, z_test = binary_logits(models, X_val), binary_logits(models, X_test)
        chosen = {pixels: threshold_test(z_val[pixels], y_val, z_test[pixels], y_test, goal)
                  for pixels in models}
        return y_val, y_test, z_val, z_test, chosen

    def tested(pixels, row, digit):
        _, precision, recall, tp, fp, fn = row
        p_low, p_high = wilson_interval(tp, tp + fp)
        r_low, r_high = wilson_interval(tp, tp + fn)
        return (f"{pixels} {100 * tp / (tp + fp):.2f} % (interval {100 * p_low:.2f} to "
                f"{100 * p_high:.2f} %, of {tp + fp} called {digit}s; on validation "
                f"{100 * precision:.2f} %), recall {100 * tp / (tp + fn):.2f} % ({100 * r_low:.2f} "
                f"to {100 * r_high:.2f} %)")

    y_val, y_test, z_val, z_test, chosen = binary(8, PRECISION_GOAL)
    accuracy_val = {pixels: 100 * np.mean((z > 0) == y_val) for pixels, z in z_val.items()}
    compared = auc_difference(z_val["raw"], z_val["scaled"], y_val, bootstrap_rng)
    apart = compared.low > 0 or compared.high < 0  # the interval does not hold 0
    s, c = platt(z_val["raw"], y_val)
    before, after = (100 * np.mean((z > 0) == y_test)
                     for z in (z_test["raw"], s * z_test["raw"] + c))
    called = {pixels: round(row[2] * y_val.sum() / row[1]) for pixels, row in chosen.items()}
    below = [pixels for pixels, (*_, tp, fp, _) in chosen.items()
             if tp / (tp + fp) < PRECISION_GOAL]
    few = (f"The validation precisions rested on {called['raw']} and {called['scaled']} images "
           f"called 8s; {' and '.join(below)} fell below the goal on the test images: "
           "a precision chosen where it first reaches the goal on few images is partly luck "
           "(chapter 6's winner's bias), and its interval is wide. " if below else "") + (
        "At 99 % precision neither linear model finds more than "
        f"{100 * max(row[2] for row in chosen.values()):.0f} % of the validation 8s.")
    y_val_ones, _, _, _, goal = binary(1, 0.999)
    ones_val = int(y_val_ones.sum())
    assert all(row[1] == 1.0 for row in goal.values())  # the text below says so
    W, b, _ = fit_softmax(X, digits, batch_rng)
    P = softmax(X_val @ W + b)
    confidence, right_ = P.max(axis=1), (P.argmax(axis=1) == digits_val).astype(int)
    eces = ", ".join(f"{bins} bins **{expected_calibration_error(confidence, right_, bins):.4f}**"
                     for bins in (5, 10, 20, 50))
    return [
        f"1. With `--digit 8` the raw-pixel model is right about only "
        f"**{accuracy_val['raw']:.2f} %** of the validation images at one half, below always "
        f"saying no ({100 * (1 - y_val.mean()):.2f} %); the scaled one gets "
        f"{accuracy_val['scaled']:.2f} %. Yet ranked by their logits, the raw model has the "
        + ("higher" if compared.difference > 0 else "lower")
        + f" AUC: **{compared.auc_a:.4f}** against **{compared.auc_b:.4f}**, a difference of "
        f"{compared.difference:+.4f}. The chapter's paired bootstrap ({len(compared.resampled)} "
        f"resamples of the same {len(y_val):,} validation images) gives it the 95 % interval "
        f"**{compared.low:+.4f} to {compared.high:+.4f}**. "
        + ("The interval does not hold 0: on images like these, the raw model ranks the 8s "
           + ("better" if compared.difference > 0 else "worse")
           + f", by somewhere between {min(abs(compared.low), abs(compared.high)):.3f} and "
           f"{max(abs(compared.low), abs(compared.high)):.3f} in AUC. " if apart else
           "The interval holds 0: these images cannot tell which of the two ranks the 8s "
           "better. ")
        + ("Its accuracy fails at the threshold, not in the ranking: " if apart
           and compared.difference > 0 else "") + "Platt scaling (the chapter's last "
        f"step, fitted on validation) moves its point a = 1/2 and takes its test accuracy from "
        f"{before:.2f} % to **{after:.2f} %**. The threshold for 99 % precision, chosen on "
        "validation, gives on the test images a precision of "
        + tested("raw", chosen["raw"], 8) + "; " + tested("scaled", chosen["scaled"], 8)
        + f". {few}",
        "2. With `--goal 0.999`, both thresholds are reached with no false alarm at all on the "
        "validation images (with one false alarm, 99.9 % precision needs 999 true 1s beside "
        f"it, {100 * 999 / ones_val:.0f} % of the {ones_val:,} validation 1s), and keep the "
        "most recall at 100 % validation precision. On the test "
        "images: " + tested("raw", goal["raw"], 1) + "; " + tested("scaled", goal["scaled"], 1)
        + (". No test image was a false alarm" if all(row[4] == 0 for row in goal.values())
           else ". Few test images were false alarms")
        + ", yet the intervals reach down below 99.9 %: a few hundred images cannot show a "
        "precision that high, only fail to contradict it.",
        f"3. The softmax model's validation ECE, by the number of bins alone: {eces}. The same "
        "probabilities, different numbers: with few bins, gaps of opposite signs inside one "
        "bin cancel; with many, each bin holds fewer images and its frequency is noisier, which "
        "adds to every gap. Compare ECEs only at the same bins (and on the same images).",
        "4. `python -m logreg_from_scratch.exercises check exercises/e10_metrics.py`, "
        "`... exercises/e11_temperature.py` and `... exercises/e13_laplace.py` grade them.",
    ]


SECTIONS = [("1. The data", chapter_1), ("2. Is it a 1?", chapter_2),
            ("3. All ten digits", chapter_3), ("4. Why does it work?", chapter_4),
            ("5. Softmax regression", chapter_5),
            ("6. Choosing settings without peeking", chapter_6), ("7. Checking", chapter_7), ("8. Speed", chapter_8),
            ("9. Better pixels", chapter_9), ("10. Newton's method", chapter_10),
            ("11. What the probabilities mean", chapter_11)]


def answers(first=0, stop=None):
    """The text of exercises/ANSWERS.md (with one BLAS thread, the same sums on any machine).

    With `first` and `stop`, only the sections ``SECTIONS[first:stop]`` (the title with the
    first): the text of a split is the parts joined by a newline, so that two processes can
    make it side by side (tests/conftest.py).
    """
    with threadpool_limits(1, "blas"):
        return _answers(first, stop)


# The answers whose words, not only their last digits, can change with the order of BLAS's
# sums: float32 moves one or two validation predictions, and with them the p-value's sentence
# (tests/test_exercises.py compares them exactly only on the BLAS they were made with).
ROUNDING_SENSITIVE = ("5. `--dtype float32`",)


def _answers(first, stop):
    parts = ["# Answers to the chapters' experiment exercises\n",
             "Made by `python -m logreg_from_scratch.exercises answers` from real runs on the "
             f"project's machine, whose BLAS is {blas_kernel()[0]} (tests/test_exercises.py "
             "runs it again and compares; with another BLAS the last digit of a few numbers "
             "can differ, because the sums are added in another order). Try each exercise "
             "first. The implementation exercises need no answers: the grader checks them.\n",
             ] if first == 0 else []
    for title, section in SECTIONS[first:stop]:
        parts.append(f"## {title}\n\n" + "\n".join(section()) + "\n")
    return "\n".join(parts)
