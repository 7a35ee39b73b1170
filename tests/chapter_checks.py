"""Checks of what a chapter printed, wherever it ran: a subprocess, a notebook, the book."""
import re
from pathlib import Path

import numpy as np
from seed_numbers import check_seed_end, check_seed_one_vs_rest

from logreg_from_scratch.chapter import SOFTMAX_SGD, blas_kernel

CHAPTERS = Path(__file__).resolve().parent.parent / "chapters"
NO_FIGURES = ("07_checking.py", "08_speed.py", "10_newton.py")  # they print tables and draw nothing
DRAWS = {path.name for path in CHAPTERS.glob("[0-9][0-9]_*.py")} - set(NO_FIGURES)


def text_lines(path):
    """The lines of a chapter's text cells (``# %% [markdown]`` then ``#`` lines), as they read.

    Each line loses its ``# ``; the first cell, the docstring, is not among them.
    """
    lines, in_text = [], False
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("# %%"):
            in_text = "[markdown]" in line
        elif in_text and line.startswith("#"):
            lines.append(line[2:])
    return lines


def number(pattern, text):
    """The number `pattern`'s group matches on a line of `text`."""
    match = re.search(pattern, text, re.MULTILINE)
    assert match, f"{pattern!r} not in output:\n{text}"
    return float(match.group(1))


def paired_counts(title, out):
    """The counts and p-value that chapters 5 and 6 print under `title` (a regex): images
    right with the first model only, with the second only, and McNemar's p-value."""
    match = re.search(rf"^{title}\n  right with .+ only: (\d+) images; with .+ only: (\d+)\n"
                      r"  McNemar's exact p-value: (\S+)$", out, re.MULTILINE)
    assert match, f"{title!r} not in output:\n{out}"
    return int(match.group(1)), int(match.group(2)), float(match.group(3))


def check_05_defaults(out):
    """The headline: 50,000 images, chapter 5's epochs scored on validation, the test once."""
    epochs = re.findall(r"^epoch +\d+ .* validation +(\S+) %", out, re.MULTILINE)
    assert len(epochs) == SOFTMAX_SGD["epochs"]
    assert out.count("test accuracy") == 1  # the test images are scored once
    test = number(r"^test accuracy: (\S+) % \(95 % interval", out)
    low, high = map(float, re.search(r"^validation accuracy: \S+ % \(95 % interval (\S+) to "
                                     r"(\S+) %, 10000 images\)$", out, re.MULTILINE).groups())
    assert test >= 91.50 and low < float(epochs[-1]) < high
    assert number(r"^train accuracy: (\S+) %$", out) > 91.5
    # the loop written out gives minibatch_sgd's weights, to rounding
    assert number(r"^  the largest difference in W: (\S+), in b: \S+$", out) < 1e-12
    assert number(r"^  the largest difference in W: \S+, in b: (\S+)$", out) < 1e-12
    # softmax against one-vs-rest, paired on the validation images, then on the test images
    rates = re.findall(r"^one-vs-rest, rate (\S+): validation accuracy (\S+) %$", out, re.MULTILINE)
    assert len(rates) == 5
    kept = number(r"^kept: rate (\S+), the best on validation$", out)
    assert max(rates, key=lambda r: float(r[1]))[0] == f"{kept:g}"
    ahead, behind, p_value = paired_counts(
        "softmax against one-vs-rest, paired on the validation images:", out)
    assert ahead > behind and p_value < 1e-3
    # the text: "right on about twice as often" on validation, "ahead, but by less" on test
    assert 1.7 < ahead / behind < 2.3
    test_ahead, test_behind, test_p = paired_counts(
        "softmax against one-vs-rest, paired on the test images:", out)
    assert test_ahead > test_behind and test_p < 0.05
    assert test_ahead - test_behind < ahead - behind
    assert max(len(line) for line in out.splitlines()) <= 80  # the page's column


def check_07_defaults(out):
    """Chapter 7: finite differences agree, and both optimisers find the same minimum."""
    checked = re.findall(r"^.* (\d+) of (\d+) +\(the entries checked\) +(\S+)$", out, re.MULTILINE)
    assert [(int(p), int(n)) for p, n, _ in checked] == [(785, 785), (785, 7850), (785, 7850)]
    assert max(float(e) for *_, e in checked) < 1e-6
    assert number(r"^objective relative difference: (\S+)$", out) < 1e-6
    assert "the two minima agree to 1e-6: yes" in out
    assert number(r"^gradient descent within 1e-6 of that minimum: after (\d+) iterations$",
                  out) < 2500
    accuracies = re.search(r"^test accuracy +(\S+) % +(\S+) %$", out, re.MULTILINE).groups()
    assert abs(float(accuracies[0]) - float(accuracies[1])) <= 0.05
    assert float(accuracies[0]) > 80.0


def check_09_defaults(out):
    """Chapter 9: the same training on deskewed pixels, >= 95.0 %, paired with the raw model."""
    raw = number(r"^raw pixels: train accuracy \S+ %, test accuracy (\S+) %$", out)
    deskewed = number(r"^  deskewed: train accuracy \S+ %, test accuracy (\S+) %$", out)
    assert raw >= 91.50 and deskewed >= 95.00
    # the text: chapter 5's 50,000 training images and the 10,000 test images are deskewed
    assert re.search(r"^deskewed 60000 images \(50000 training, 10000 test\) in \S+ s$", out,
                     re.MULTILINE)
    before, after = map(int, re.search(r"^all errors: (\d+) -> (\d+)$", out, re.MULTILINE).groups())
    # the paired count: images only the raw model gets right, only the deskewed one, and p
    only_raw, only_deskewed, p = re.search(
        r"^paired, on the same 10000 test images:\n  right on raw pixels only: (\d+) images; "
        r"right deskewed only: (\d+)\n  McNemar's exact p-value: (\S+)$", out,
        re.MULTILINE).groups()
    assert int(only_deskewed) - int(only_raw) == before - after and float(p) < 1e-10
    assert (before, after) == (round(100 * (100 - raw)), round(100 * (100 - deskewed)))
    fell = re.findall(r"^  (\d) -> (\d): +(\d+) -> +(\d+)$", out, re.MULTILINE)
    assert len(fell) == 5 and all(int(a) > int(b) for *_, a, b in fell)


def check_10_defaults(out):
    """Chapter 10: Newton converges quadratically to L-BFGS-B's minimum; descent crawls."""
    table = [[float(x) for x in row.split()] for row in re.findall(
        r"^ +\d+ +(\d\.\d{15} +\S+ +\S+ +\S+) +\d+\.\d\d$", out, re.MULTILINE)]
    assert 5 <= len(table) <= 16
    distances = [row[3] for row in table]  # to Newton's end point
    assert distances[-1] == 0 and table[-1][1] < 1e-13
    for before, after in zip(distances, distances[1:]):  # the digits double near the end
        if before < 0.1 and after > 0:
            assert after <= 10 * before ** 2
    assert table[-1][2] < 1e-6  # L-BFGS-B's point, to within its own error
    assert "they agree to 1e-8: yes" in out
    assert number(r"^objective relative difference, Newton against L-BFGS-B: (\S+)$", out) < 1e-8
    # the race of fixed rates: the rates above 2 / eig_max climb away, the kept one is below it
    race = {float(rate): (float(last), float(lowest)) for rate, last, lowest in re.findall(
        r"^  rate (\S+) +after +\d+ steps: gap (\S+), its lowest (\S+)",
        out, re.MULTILINE)}
    kept = float(re.search(r"^  rate (\S+) .*<- the rate kept$", out, re.MULTILINE).group(1))
    cliff = number(r"a rate above 2 / eig_max = (\S+) cannot settle", out)
    assert sorted(race) == [1, 2, 5, 10, 20] and kept < cliff
    assert race[kept][0] <= 1e-2 and all(race[rate][0] > 1e-2 for rate in race if rate != kept)
    for rate, (last, lowest) in race.items():
        assert (last > 10 * lowest) == (rate > cliff)  # above the cliff: it comes close, then climbs
    rows = {int(tol): [int(n) for n in steps] for tol, *steps in re.findall(
        r"^1e-0(\d) +(\d+) steps, \S+ s +(\d+) steps, \S+ s +(\d+) steps, \S+ s \(\d+\)$",
        out, re.MULTILINE)}
    assert sorted(rows) == [1, 2, 4]
    newton, fixed, searched = rows[4]  # to within 1e-4
    assert fixed > 100 * newton and searched > 100 * newton
    forecast, measured = (int(n.replace(",", "")) for n in re.search(
        r"([\d,]+) steps a digit\nmeasured, from a gap of 1e-2 to one of 1e-4: ([\d,]+) steps$",
        out, re.MULTILINE).groups())
    assert measured == fixed - rows[2][1] and abs(measured - forecast) < 0.15 * forecast


def check_06_defaults(out):
    """Chapter 6: settings chosen on validation, each chosen model scored once on the test set."""
    assert out.startswith("50000 training, 10000 validation and 10000 test images\n"
                          "the small training set: the first 1000\n")
    curve = re.findall(r"^ +(\d+) +(\S+) % +(\S+) % +\((\S+) to (\S+) %\) +(\S+)$", out,
                       re.MULTILINE)
    assert [int(row[0]) for row in curve] == [300, 1000, 3000, 10000, 50000]
    validation = [float(row[2]) for row in curve]
    assert validation[-1] > validation[0] + 5  # more data, better on unseen images
    assert all(float(low) < float(acc) < float(high) for _, _, acc, low, high, _ in curve)
    gradients = [float(row[5]) for row in curve]
    # the text: the 50,000-image run ends furthest from a minimum, about ten times the 300's
    assert gradients[-1] == max(gradients) and 8 < gradients[-1] / gradients[0] < 14
    # four times the steps on 50,000 images: a better fit, a shorter gradient, and no gain
    # that the validation images can tell from chance
    train, train_long, val, val_long = map(float, re.search(
        r"^  train (\S+) % -> (\S+) %, validation (\S+) % -> (\S+) %$", out, re.MULTILINE).groups())
    assert (train, val) == (float(curve[-1][1]), float(curve[-1][2]))
    assert train_long > train + 0.5
    short, long_ = map(float, re.search(r"^  the gradient's length: (\S+) -> (\S+)$", out,
                                        re.MULTILINE).groups())
    assert short == gradients[-1] and long_ < short
    _, _, p_value = paired_counts(r"paired on the validation images, 4000 steps against "
                                  r"1000:", out)
    assert p_value > 0.05 and abs(val_long - val) < 0.27
    path = {float(l2): float(val) for l2, val in
            re.findall(r"^ +([\d.e-]+) +\S+ % +(\S+) %$", out, re.MULTILINE)}
    assert len(path) == 8
    chosen = number(r"^chosen on validation: l2 = (\S+)$", out)
    assert path[chosen] == max(path.values())  # the penalty is chosen on validation
    gained, lost, p_value = paired_counts("paired on the validation images:", out)
    assert gained > lost and p_value < 0.05
    best, best_val = re.search(r"^best validation accuracy after epoch (\d+): (\S+) %", out,
                               re.MULTILINE).groups()
    last, last_val = re.search(r"^after the last, epoch (\d+): (\S+) %", out,
                               re.MULTILINE).groups()
    assert 1 <= int(best) <= int(last) and float(best_val) >= float(last_val)
    assert re.search(rf"^stopped after epoch {best}: test accuracy\n  \S+ % \(95 % interval",
                     out, re.MULTILINE)
    assert re.search(rf"^l2 = {chosen:g} \(chosen\): test accuracy\n  \S+ % \(95 % interval",
                     out, re.MULTILINE)
    assert len(re.findall(r"test accuracy", out)) == 2  # each chosen model scored once
    ahead, behind, p_value = paired_counts("paired, on the test images:", out)
    assert ahead > behind and p_value < 1e-3  # the text: the penalty beats early stopping
    assert max(len(line) for line in out.splitlines()) <= 80  # the page's column


def check_01_defaults(out):
    """Chapter 1: the facts of the data it loads."""
    assert "X_train (60000, 784) float64" in out and "X_test  (10000, 784) float64" in out
    assert "train count:  5923  6742  5958  6131  5842  5421  5918  6265  5851  5949" in out
    assert "mean 0.1307, standard deviation 0.3081" in out
    assert "figure: 10 MNIST test digits (picked with seed 0)" in out


def check_11_defaults(out):
    """Chapter 11: every claim its text makes of the numbers it prints."""
    assert "always no: validation accuracy 88.73 %" in out
    fields = {pixels: [float(x) for x in re.search(
        rf"^ *{pixels}: validation accuracy (\S+) %, median \|z\| (\S+)\n +images with "
        rf"0\.01 < a < 0\.99: (\d+), with a exactly 0 or 1: (\d+)$", out, re.MULTILINE).groups()]
        for pixels in ("raw", "scaled")}
    (raw_acc, raw_median, raw_between, raw_exact), (acc, median, between, exact) = fields.values()
    assert abs(raw_acc - acc) < 0.5 and min(raw_acc, acc) > 88.73 + 9
    assert raw_median > 1000 and raw_between < 50 and raw_exact > 5000  # "most exactly 0 or 1"
    assert 2000 < between < 3500 and exact == 0  # "a quarter in between"
    (raw_p, raw_r), (p, r) = ([float(x) for x in re.search(
        rf"^ *{pixels}: TP +\d+ +FP +\d+ +FN +\d+ +TN +\d+\n +precision (\S+) %, recall (\S+) %",
        out, re.MULTILINE).groups()] for pixels in ("raw", "scaled"))
    assert raw_r > r and raw_p < p  # the raw model calls more images 1s
    aucs = {pixels: [float(x) for x in re.search(
        rf"^ *{pixels}: AUC (\S+) \(sorting a: (\S+)\),  AP (\S+) \(sorting a: (\S+)\)$", out,
        re.MULTILINE).groups()] for pixels in ("raw", "scaled")}
    assert all(auc > 0.99 for auc, *_ in aucs.values())
    assert aucs["raw"][1] < aucs["raw"][0] and aucs["raw"][3] < aucs["raw"][2]  # ties in a
    assert aucs["scaled"][1] == aucs["scaled"][0]
    # the paired bootstrap of the AUCs' difference: "higher by less than a thousandth", its
    # interval "just above 0"
    difference, low, high = (float(x) for x in re.search(
        r"^AUC raw - scaled: (\S+); 95 % paired bootstrap interval (\S+)\n +to (\S+) \(2000 "
        r"resamples of the 10000 validation images\)$", out, re.MULTILINE).groups())
    assert abs(difference - (aucs["raw"][0] - aucs["scaled"][0])) <= 0.00011
    assert 0 < low < difference < high and difference < 0.001
    chosen = re.findall(r"^ *(raw|scaled): threshold z >= (\S+): validation precision (\S+) %, "
                        r"recall (\S+) %\n +test, once: precision (\S+) % \((\S+) to (\S+) %, of "
                        r"\d+ called 1s\)\n +recall (\S+) %", out, re.MULTILINE)
    assert [row[0] for row in chosen] == ["raw", "scaled"]
    (_, raw_t, raw_vp, _, raw_tp, _, raw_high, raw_tr), (_, _, vp, _, tp, _, high, tr) = chosen
    assert float(raw_vp) >= 99 and float(vp) >= 99 and float(raw_t) > 300
    assert float(raw_tp) >= 99 and float(tp) >= 99  # "at or above the goal"
    assert float(tr) > float(raw_tr) + 5  # "about ten points more of the 1s"
    assert number(r"^test 1s found by one model only: scaled \d+, raw \d+; McNemar's exact p = "
                  r"(\S+)$", out) < 1e-3
    ece = {pixels: number(rf"^ *{pixels}: ECE (\S+);", out) for pixels in ("raw", "scaled")}
    assert abs(ece["raw"] - ece["scaled"]) < 0.005  # the ECE hardly tells them apart
    top = re.search(r"^ +raw: ECE \S+; the top bin: (\d+) images, mean a (\S+), (\S+) % are 1s",
                    out, re.MULTILINE).groups()
    assert int(top[0]) > 1000 and float(top[1]) > 0.999 and 85 < float(top[2]) < 95
    confidence, share = re.search(r"^scaled: ECE \S+; the top bin: \d+ images, mean a (\S+), "
                                  r"(\S+) % are 1s", out, re.MULTILINE).groups()
    assert float(share) > 100 * float(confidence)  # timid at the top
    confidence, share = re.search(r"^softmax: ECE \S+; the top bin: \d+ images, mean (\S+), "
                                  r"(\S+) % right", out, re.MULTILINE).groups()
    assert float(share) > 100 * float(confidence)
    losses = {pixels: [float(x) for x in re.search(
        rf"^ *{pixels}: log loss (\S+); its \d+ mistakes carry (\S+) % of it \(mean \|z\| "
        rf"(\S+)\)$", out, re.MULTILINE).groups()] for pixels in ("raw", "scaled")}
    assert losses["raw"][0] > 50 * losses["scaled"][0] and losses["raw"][1] > 99.9
    assert 100 < losses["raw"][2] < 300 and 40 < losses["scaled"][1] < 60
    newton, descent = (int(n) for n in re.search(
        r"^  Newton's method: (\d+) steps\n  gradient descent with line search: (\d+) steps", out,
        re.MULTILINE).groups())
    assert newton < 20 and descent > 100
    s_raw = number(r"^ +raw: a = sigmoid\((\S+) z", out)
    s_scaled = number(r"^scaled: a = sigmoid\((\S+) z", out)
    T = number(r"^softmax: T = (\S+), fitted on the validation images$", out)
    assert 0.005 < s_raw < 0.02 and s_scaled > 1 and 1 < T < 1.2
    tests = {pixels: [float(x) for x in re.search(
        rf"^ *{pixels}: log loss (\S+) -> (\S+), ECE (\S+) -> (\S+)\n +accuracy (\S+) % -> (\S+) %: "
        rf"\d+ put right, \d+ put wrong\n +\(McNemar's exact p = (\S+)\)$", out,
        re.MULTILINE).groups()]
        for pixels in ("raw", "scaled")}
    for row in tests.values():  # as accuracy before and after, log loss, ECE, p
        row[:] = row[4:6] + row[:4] + row[6:]
    raw, scaled = tests["raw"], tests["scaled"]
    assert raw[3] < raw[2] / 20 and raw[3] < 1.5 * scaled[3]  # fiftyfold, to the scaled model's
    assert raw[5] < raw[4] and scaled[5] < scaled[4] and scaled[3] < scaled[2]
    assert raw[6] > 0.05 and scaled[0] == scaled[1]  # no real change in accuracy
    before, after, ece_before, ece_after = (float(x) for x in re.search(
        r"^softmax: log loss (\S+) -> (\S+), ECE (\S+) -> (\S+)\n +accuracy \S+ % \(the same "
        r"predictions\)$", out, re.MULTILINE).groups())
    assert after < before and after > before - 0.001 and ece_after > ece_before


def reference_kernel(note, chapter):
    """Whether the seed's late numbers can be checked exactly here (tests/seed_numbers.py);
    where they cannot, say so in pytest's summary."""
    kernel, exact = blas_kernel()
    if not exact:
        note(f"chapter {chapter}: BLAS is {kernel}, not a reference kernel: the seed's late "
             "one-vs-rest numbers were checked within the measured spread, not to the digit")
    return exact


def check_03_defaults(out, note):
    """Chapter 3: the original notebook's bouncing run reproduced, the rule (3.7) for the rate
    at the start, then the same model on scaled pixels; the numbers the text quotes are the
    run's (those of the bouncing run where the BLAS kernel reproduces it exactly)."""
    exact = reference_kernel(note, "03")
    assert re.search(rf"^BLAS: {re.escape(blas_kernel()[0])}\n  reproduces the original "
                     rf"notebook's late numbers exactly: {'yes' if exact else 'no'}$", out,
                     re.MULTILINE)  # the chapter names the kernel that decides
    cost_10 = number(r"^ +10 +(\S+) +\S+ %$", out)
    raw_test = number(r"^test accuracy: (\S+) %  \(run 1: raw pixels\)$", out)
    check_seed_one_vs_rest(
        cost_10, number(r"^ +10 +\S+ +(\S+) %$", out),
        number(r"^train accuracy: (\S+) %  \(run 1: raw pixels\)$", out), raw_test,
        exact=exact)
    text = " ".join(text_lines(CHAPTERS / "03_multiclass.py"))
    assert f"after 10 steps the cost is {cost_10:.6f}" in text  # the sum of the ten costs
    # the rule (3.7) at the start: the two bounds the text quotes, and the ratio of curvatures
    largest = {name: number(rf"^ *{re.escape(name)}: eig_max\(H\) at the start (\S+), ", out)
               for name in ("raw pixels", "pixels / 255")}
    bound = {name: number(rf"^ *{re.escape(name)}: .*, 2 / eig_max\(H\) = (\S+)$", out)
             for name in largest}
    mantissa, power = f"{bound['raw pixels']:.1e}".split("e")
    assert (rf"below ${mantissa} \times 10^{{{int(power)}}}$ on raw pixels and below "
            rf"{bound['pixels / 255']:g} on scaled ones") in text
    ratio = largest["raw pixels"] / largest["pixels / 255"]
    assert f"about {round(ratio, -2):,.0f} times larger on raw pixels" in text
    scaled_test = number(r"^test accuracy: (\S+) %  \(run 2: scaled pixels\)$", out)
    assert scaled_test > 85.0  # better than the raw run's 83.80
    assert "run 2's cost falls at every iteration: yes" in out
    gained, lost, p = re.search(r"^paired, on the same test images:\n  run 2 right where run 1 "
                                r"is wrong: (\d+) images\n  run 1 right where run 2 is wrong: "
                                r"(\d+)\n  McNemar's exact p = (\S+)$", out, re.MULTILINE).groups()
    assert int(gained) > int(lost) and float(p) < 0.05
    if exact:  # the bouncing run's numbers the text quotes, on the kernel that reproduces them
        run_1 = re.findall(r"^ +\d+ +(\S+) +\S+ %$", out[:out.index("Run 2")], re.MULTILINE)
        bounce = re.search(r"the cost jumps up and down \(([\d., ]+), \.\.\.\)", text).group(1)
        assert bounce == ", ".join(f"{float(cost):.1f}" for cost in run_1[1:7])
        assert (f"test accuracy, {scaled_test:.2f} %, is higher than run 1's {raw_test:.2f} %"
                in text)
        assert f": {gained} for run 2 against {lost} for run 1." in text
        assert f"Its p-value, {p}, says rarely" in text


def check_04_defaults(out, note, seed_data):
    """Chapter 4: the seed's end reproduced; the pixels blank in every image keep w = 0."""
    check_seed_end(number(r"^train accuracy: (\S+) %$", out),
                   number(r"^test accuracy: (\S+) %$", out), exact=reference_kernel(note, "04"))
    # a pixel blank in every training image gets dw = 0 at every step: it stays exactly 0
    blank = int(np.sum(np.all(seed_data[0] == 0, axis=0)))
    assert blank > 0 and number(r"exactly 0 .*: (\d+) of 784", out) == blank
    # the text quotes this run's numbers: the blank pixels, and the raw maps' roughness
    text = " ".join(text_lines(CHAPTERS / "04_weights.py"))
    assert re.search(rf"\b{blank}\s+pixels are exactly white", text)
    quoted = re.search(r"roughness (\S+) against (\S+)\)", text).group(2)
    assert number(r"^roughness of the maps: (\S+)$", out) == float(quoted)


def check_08_defaults(out):
    """Chapter 8 as the book runs it: one repeat, no busy core, no scikit-learn."""
    for line in ("busy core: skipped (--no-busy)", "scikit-learn: skipped (--no-sklearn)",
                 "X @ W and X.T @ dZ, 50000 images, float64"):
        assert re.search(rf"^{re.escape(line)}", out, re.MULTILINE), line
