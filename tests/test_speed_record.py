"""The speed figures in CONTRIBUTING.md and the chapters' text are those of the recorded runs.

benchmarks/08_speed.txt (and its Sandybridge twin) is chapter 8's output on the
project's machine, and benchmarks/softmax_settings.txt the seed sweep that
chose chapter 5's settings on validation images.  Every figure quoted from them must be in them,
so that CONTRIBUTING.md and the chapters say the same thing and cannot drift.
"""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RECORDS = {"Haswell kernel": ROOT / "benchmarks" / "08_speed.txt",
           "Sandybridge kernel": ROOT / "benchmarks" / "08_speed_sandybridge.txt"}
FIGURE = re.compile(r"\d[\d,]*\.\d\d")  # 2,735.43 or 1.12 or 92.63: figures quoted to 2 decimals


def ratio_table(path):
    """{ratio: value as printed} from the table at the end of chapter 8's output (up to the
    blank line before the record's closing note, if it has one)."""
    table = path.read_text().split("\nratio ")[1].split("\n\n")[0].splitlines()[1:]
    return {re.split(r"\s{2,}", line.strip())[0]: re.split(r"\s{2,}", line.strip())[1]
            for line in table if line.strip()}


def section(text, title, end):
    return text[text.index(title):text.index(end, text.index(title))]


def test_the_records_come_from_the_project_machine_with_the_kernel_they_name():
    for kernel, path in RECORDS.items():
        first = path.read_text().splitlines()[0]
        assert first.startswith("machine: AMD EPYC, 2 cores; numpy 2.4") and kernel in first


def test_the_contributing_speed_table_is_the_recorded_ratio_tables():
    rows = section((ROOT / "CONTRIBUTING.md").read_text(), "| ratio |", "\n\n").splitlines()[2:]
    readme = {cells[0]: dict(zip(RECORDS, cells[1:]))
              for cells in ([c.strip() for c in row.strip("|").split("|")] for row in rows)}
    for kernel, path in RECORDS.items():
        recorded = ratio_table(path)
        assert set(recorded) == set(readme), kernel
        for ratio, value in recorded.items():
            assert readme[ratio][kernel] == value, (kernel, ratio)


@pytest.mark.parametrize("source, title, end, records", [
    ("CONTRIBUTING.md", "## Speed, measured", "## Layout", RECORDS.values()),
    ("chapters/08_speed.py", "What to look for", "Exercises", RECORDS.values()),
    ("chapters/05_softmax.py", "The settings: a trade of accuracy", "Training prints one line",
     [ROOT / "benchmarks" / "softmax_settings.txt"]),
])
def test_every_figure_quoted_is_in_a_record(source, title, end, records):
    quoted = FIGURE.findall(section((ROOT / source).read_text(), title, end))
    recorded = "\n".join(path.read_text() for path in records)
    assert quoted, "nothing quoted: the section moved?"
    missing = [figure for figure in quoted if figure not in recorded]
    assert not missing, f"{source} quotes {missing}, which no record holds"


def test_the_record_compares_chapter_5s_defaults_with_the_other_settings():
    """SOFTMAX_SGD is one of the record's settings, the one it calls the defaults, and each
    row of the paired table agrees with the record's own accuracies."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("softmax_settings",
                                                  ROOT / "benchmarks" / "softmax_settings.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)  # defines CANDIDATES and DEFAULTS; main() does not run
    from logreg_from_scratch.experiments import SOFTMAX_SGD
    text = (ROOT / "benchmarks" / "softmax_settings.txt").read_text()
    assert bench.CANDIDATES[bench.DEFAULTS] == SOFTMAX_SGD
    assert re.search(rf"^highest median: .*; the defaults: {re.escape(bench.DEFAULTS)}$", text,
                     re.MULTILINE)
    assert "validation accuracy" in text.splitlines()[1]  # on validation images, not test
    rows = {name: [float(x) for x in re.search(
        rf"^{re.escape(name)} +(\S+) +(\S+) +(\S+) % +\S+ s$", text, re.MULTILINE).groups()]
        for name in bench.CANDIDATES}
    highest = re.search(r"^highest median: (.+);", text, re.MULTILINE).group(1)
    assert rows[highest][1] == max(median for _, median, _ in rows.values())
    seeds = int(re.search(r"(\d+) random seeds", text).group(1))
    for name in bench.CANDIDATES:
        if name == bench.DEFAULTS:
            continue
        mean, error, ahead, behind, n_ab, n_ba, p_value = re.search(
            rf"^{re.escape(name)} +([-+]\d+\.\d\d) +(\S+) +(\d+) +(\d+) +(\d+) / +(\d+) +(\S+)$",
            text, re.MULTILINE).groups()
        assert int(ahead) + int(behind) <= seeds
        if int(ahead) == seeds:  # ahead on every seed: its lowest above the defaults' lowest
            assert float(mean) > 0 and rows[name][0] > rows[bench.DEFAULTS][0]
        if int(behind) == seeds:
            assert float(mean) < 0 and rows[name][2] < rows[bench.DEFAULTS][2]
        assert 0 < float(error) < 0.27  # a paired difference's, below one accuracy's
        assert 0 < float(p_value) <= 1


def test_the_records_name_their_ratios_as_the_chapter_prints_them():
    """The records were renamed once to the chapter's labels; a label changed in the chapter
    since shows here (rename the record's, the numbers untouched, or run it again)."""
    source = (ROOT / "chapters" / "08_speed.py").read_text()
    for path in RECORDS.values():
        for ratio in ratio_table(path):
            assert f'"{ratio}"' in source, (path.name, ratio)
