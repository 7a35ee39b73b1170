"""Reading IDX files: the committed MNIST facts, and every broken file a student can meet."""
import gzip
import os
import shutil

import idx2numpy
import numpy as np
import pytest

from logreg_from_scratch.fetch import SHA256, ChecksumError, verify_mnist
from logreg_from_scratch.idx_data import (DATA_DIR, MNIST_NAMES, IdxFormatError,
                                          load_mnist, read_idx)

IMAGES = np.arange(3 * 2 * 2, dtype=np.uint8).reshape(3, 2, 2)
LABELS = np.array([7, 0, 9], dtype=np.uint8)


def write(path, data):
    path.write_bytes(data)
    return path


def write_mnist(folder, images=IMAGES, labels=LABELS, spelling="{}.gz", test_count=None):
    """A tiny MNIST-format folder: the same images as training and test set."""
    folder.mkdir(exist_ok=True)
    test_images = images if test_count is None else images[:test_count]
    arrays = (images, labels, test_images, labels[:len(test_images)])
    for name, array in zip(MNIST_NAMES, arrays):
        data = idx2numpy.convert_to_string(array)
        filename = spelling.format(name)
        write(folder / filename, gzip.compress(data) if filename.endswith(".gz") else data)
    return folder


# --- the committed files -------------------------------------------------------

def test_committed_files_pass_their_checksums():
    assert [p.name for p in verify_mnist(DATA_DIR)] == [n + ".gz" for n in SHA256]


def test_committed_mnist_facts():
    X, y, X_t, y_t = load_mnist(num_train=10, num_test=10)
    assert X.dtype == X_t.dtype == np.float64 and y.dtype == y_t.dtype == np.int64
    # every image, in float32 to halve the suite's memory (the same pixels, rounded)
    X_train, y_train, X_test, y_test = load_mnist(dtype=np.float32)
    assert X_train.shape == (60000, 784) and X_test.shape == (10000, 784)
    assert X_train.min() == 0.0 and X_train.max() == 1.0
    mean = X_train.mean(dtype=np.float64)
    assert mean == pytest.approx(0.1307, abs=5e-5)
    # the standard deviation a slice at a time: X_train.std() would hold a copy of X_train
    squares = sum(np.sum((X_train[i:i + 6000] - mean) ** 2) for i in range(0, 60000, 6000))
    assert np.sqrt(squares / X_train.size) == pytest.approx(0.3081, abs=5e-5)
    np.testing.assert_array_equal(np.bincount(y_train),
                                  [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
    np.testing.assert_array_equal(np.bincount(y_test),
                                  [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
    np.testing.assert_array_equal(y_train[:10], [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
    np.testing.assert_array_equal(y_test[:10], [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])


def test_raw_pixels_and_first_n(seed_data):
    X_train, y_train, X_test, y_test = seed_data
    assert X_train.shape == (3000, 784) and X_test.shape == (500, 784)
    assert X_train.max() == 255.0 and np.all(X_train == np.round(X_train))
    raw = read_idx(DATA_DIR / "train-images-idx3-ubyte.gz")
    assert raw.shape == (60000, 28, 28) and raw.dtype == np.uint8
    np.testing.assert_array_equal(X_train, raw[:3000].reshape(3000, 784))


def test_shuffle_puts_images_and_labels_in_the_same_random_order(seed_data):
    X, y, X_test, y_test = load_mnist(num_train=3000, num_test=500, scale=False,
                                      shuffle=np.random.default_rng(7))
    order = np.random.default_rng(7).permutation(3000)  # the same draw, made here
    np.testing.assert_array_equal(X, seed_data[0][order])
    np.testing.assert_array_equal(y, seed_data[1][order])
    assert not np.array_equal(y, seed_data[1])  # really moved
    np.testing.assert_array_equal(X_test, seed_data[2])  # the test set keeps its order
    np.testing.assert_array_equal(y_test, seed_data[3])
    with pytest.raises(TypeError, match=r"shuffle must be a Generator, np.random.default_rng"):
        load_mnist(num_train=10, num_test=10, shuffle=7)


def test_float32_pixels_are_the_float64_ones_rounded(seed_data):
    X32, _, X_test32, _ = load_mnist(num_train=3000, num_test=500, dtype=np.float32)
    assert X32.dtype == X_test32.dtype == np.float32
    np.testing.assert_array_equal(X32, (seed_data[0] / 255).astype(np.float32))
    with pytest.raises(ValueError, match=r"dtype must be np.float64 or np.float32"):
        load_mnist(num_train=10, num_test=10, dtype=np.int8)


def test_default_folder_does_not_depend_on_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LOGREG_DATA_DIR", raising=False)
    assert load_mnist(num_train=2, num_test=2)[1].tolist() == [5, 0]


def test_environment_variable_overrides_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("LOGREG_DATA_DIR", str(write_mnist(tmp_path / "mine")))
    X_train, y_train, _, _ = load_mnist(scale=False)
    np.testing.assert_array_equal(X_train, IMAGES.reshape(3, 4))
    np.testing.assert_array_equal(y_train, LABELS)


# --- read_idx ----------------------------------------------------------------------

@pytest.mark.parametrize("compress", [False, True])
@pytest.mark.parametrize("suffix", ["", ".gz", ".bin"])
def test_gzip_is_told_by_magic_bytes_not_suffix(tmp_path, compress, suffix):
    data = idx2numpy.convert_to_string(IMAGES)
    path = write(tmp_path / f"images{suffix}", gzip.compress(data) if compress else data)
    for p in (path, str(path)):
        array = read_idx(p)
        np.testing.assert_array_equal(array, IMAGES)
        array[0, 0, 0] = 99  # writable, unlike idx2numpy's own arrays


def test_a_file_changed_on_disk_is_read_again(tmp_path):
    path = write(tmp_path / "images", idx2numpy.convert_to_string(IMAGES))
    np.testing.assert_array_equal(read_idx(path), IMAGES)  # decoded once, then kept
    write(path, idx2numpy.convert_to_string(255 - IMAGES))  # the same size
    os.utime(path, ns=(0, 0))                                 # whatever the clock's resolution
    np.testing.assert_array_equal(read_idx(path), 255 - IMAGES)


@pytest.mark.parametrize("dtype", [np.uint8, np.int16, np.int32, np.float32, np.float64])
def test_every_idx_dtype_round_trips(tmp_path, dtype):
    array = (np.arange(6) - 2).astype(dtype).reshape(2, 3)
    if dtype == np.uint8:
        array = np.arange(6, dtype=dtype).reshape(2, 3)
    path = write(tmp_path / "a.idx", idx2numpy.convert_to_string(array))
    np.testing.assert_array_equal(read_idx(path), array)


GOOD = idx2numpy.convert_to_string(IMAGES)


@pytest.mark.parametrize("content, message", [
    (b"\x12\x34\x08\x03" + GOOD[4:], "wrong magic number 12 34 08 03"),
    (b"PK", "wrong magic number 50 4b"),
    (b"", r"is empty \(0 bytes\), often an interrupted download"),
    (b"<!DOCTYPE html><html><body>404 Not Found</body></html>", "is an HTML \\(or XML\\) page"),
    (b"\n  <html><head><title>Moved</title></head></html>", "is an HTML \\(or XML\\) page"),
    (b"<?xml version='1.0'?><Error><Code>NoSuchKey</Code></Error>", "is an HTML \\(or XML\\) page"),
    (GOOD[:2] + b"\x07" + GOOD[3:], "unexpected dtype code 0x07"),
    (GOOD[:-5], r"promises 12 bytes .* holds 7; it is truncated"),
    (GOOD + b"\0\0", "holds more; it is too long"),
    (GOOD[:9], r"the header is cut short: it announces 3 dimension sizes .* ends after 9 bytes"),
    (GOOD[:4], r"the header is cut short: .* ends after 4 bytes"),
    (GOOD[:3] + b"\x41" + GOOD[4:], "the header announces 65 dimensions; an IDX array has 1 to 32"),
    (GOOD[:3] + b"\x00", "the header announces 0 dimensions"),
])
def test_broken_files_name_the_file_and_the_problem(tmp_path, content, message):
    path = write(tmp_path / "train-images-idx3-ubyte", content)
    with pytest.raises(IdxFormatError, match=message) as info:
        read_idx(path)
    assert str(path) in str(info.value)
    assert isinstance(info.value, ValueError)


def test_truncated_and_corrupt_gzip(tmp_path):
    packed = gzip.compress(GOOD)
    cut = write(tmp_path / "cut.gz", packed[:len(packed) // 2])
    with pytest.raises(IdxFormatError, match="cut.gz: the gzip stream is corrupt or truncated"):
        read_idx(cut)
    flipped = bytearray(packed)
    flipped[20] ^= 0xFF
    bad = write(tmp_path / "bad.gz", bytes(flipped))
    with pytest.raises(IdxFormatError, match="bad.gz: the gzip stream is corrupt"):
        read_idx(bad)


def test_html_page_under_a_gz_name(tmp_path):
    path = write(tmp_path / "t10k-labels-idx1-ubyte.gz", gzip.compress(b"<html>Error</html>"))
    with pytest.raises(IdxFormatError, match="HTML \\(or XML\\) page"):
        read_idx(path)


# --- load_mnist on folders -------------------------------------------------------

@pytest.mark.parametrize("spelling", ["{}", "{}.gz", "x"])
def test_both_file_name_spellings(tmp_path, spelling):
    if spelling == "x":  # the dotted spelling, train-images.idx3-ubyte
        write_mnist(tmp_path / "d", spelling="{}")
        for path in (tmp_path / "d").iterdir():
            path.rename(path.with_name(path.name.replace("-idx", ".idx")))
    else:
        write_mnist(tmp_path / "d", spelling=spelling)
    X_train, y_train, X_test, y_test = load_mnist(tmp_path / "d", num_test=2)
    np.testing.assert_allclose(X_train, IMAGES.reshape(3, 4) / 255)
    assert y_test.tolist() == [7, 0]


def test_missing_file_says_where_and_how(tmp_path):
    folder = write_mnist(tmp_path / "d")
    (folder / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(FileNotFoundError) as info:
        load_mnist(folder)
    message = str(info.value)
    assert "t10k-labels-idx1-ubyte.gz not found" in message and str(folder) in message
    assert "t10k-labels.idx1-ubyte" in message and "fetch download" in message


def test_image_and_label_counts_must_agree(tmp_path):
    folder = write_mnist(tmp_path / "d")
    write(folder / "train-labels-idx1-ubyte.gz",
          gzip.compress(idx2numpy.convert_to_string(LABELS[:2])))
    with pytest.raises(IdxFormatError, match=r"images of shape \(3, 2, 2\) .* labels of shape \(2,\)"):
        load_mnist(folder)


@pytest.mark.parametrize("kwargs, message", [
    ({"num_train": 4}, "asked for 4 images from train-images-idx3-ubyte.gz, which holds 3"),
    ({"num_train": 0}, "asked for 0 images"),
    ({"num_test": -1}, "asked for -1 images from t10k-images"),
    ({"num_test": 1.5}, "asked for 1.5 images"),
    ({"num_train": True}, "asked for True images"),
])
def test_counts_out_of_range(tmp_path, kwargs, message):
    with pytest.raises(ValueError, match=message):
        load_mnist(write_mnist(tmp_path / "d"), **kwargs)


def test_checksum_mismatch_is_reported(tmp_path):
    folder = tmp_path / "d"
    shutil.copytree(DATA_DIR, folder, ignore=shutil.ignore_patterns("*images*", "*.md"))
    labels = folder / "train-labels-idx1-ubyte.gz"
    data = bytearray(gzip.decompress(labels.read_bytes()))
    data[-1] = (data[-1] + 1) % 10  # one label changed: still a valid IDX file
    labels.write_bytes(gzip.compress(bytes(data)))
    names = {n: SHA256[n] for n in MNIST_NAMES if "labels" in n}
    with pytest.raises(ChecksumError, match="train-labels-idx1-ubyte.gz: SHA-256 .* expected 65a50cbb"):
        verify_mnist(folder, names)


def test_a_gzip_bomb_is_refused_without_inflating_it(tmp_path):
    """A valid one-image header, then 3 GB of zeros: read 785 bytes, refuse, stop."""
    import resource
    header = b"\0\0\x08\x03" + (1).to_bytes(4, "big") + (28).to_bytes(4, "big") * 2
    zeros = gzip.compress(b"\0" * 2**24)  # 16 MiB; gzip members may follow one another
    path = write(tmp_path / "train-images-idx3-ubyte.gz", gzip.compress(header) + zeros * 192)
    assert path.stat().st_size < 4 * 2**20
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(IdxFormatError, match=r"promises 784 bytes .* holds more; it is too long"):
        read_idx(path)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200 * 1024  # KiB


def test_an_endless_file_is_refused(tmp_path):
    with pytest.raises(IdxFormatError, match="/dev/zero: unexpected dtype code 0x00"):
        read_idx("/dev/zero")


@pytest.mark.parametrize("labels, message", [
    (np.array([7, 200, 9], dtype=np.uint8), r"does not hold digit labels 0\.\.9 \(found \[200\]\)"),
    (np.array([7.0, np.nan, 9.0]), r"does not hold digit labels 0\.\.9 \(found float64\)"),
    (np.array([7.0, 0.0, 9.0], dtype=np.float32), r"does not hold digit labels 0\.\.9 \(found float32\)"),
])
def test_labels_that_are_not_digits_are_refused(tmp_path, labels, message):
    folder = write_mnist(tmp_path / "mnist", labels=labels)
    with pytest.raises(IdxFormatError, match="train-labels-idx1-ubyte.gz " + message):
        load_mnist(folder)


def test_images_of_no_pixels_are_refused(tmp_path):
    folder = write_mnist(tmp_path / "mnist")
    header = b"\0\0\x08\x03" + b"".join(n.to_bytes(4, "big") for n in (3, 0, 28))
    write(folder / "train-images-idx3-ubyte.gz", gzip.compress(header))  # 0 pixels: no data
    with pytest.raises(IdxFormatError, match=r"images of shape \(3, 0, 28\) .* rows, columns >= 1"):
        load_mnist(folder)


def test_an_installed_package_says_where_the_data_is(monkeypatch, tmp_path):
    from logreg_from_scratch import idx_data
    installed = tmp_path / "site-packages" / "logreg_from_scratch"  # no setup.cfg beside it
    installed.mkdir(parents=True)
    monkeypatch.setattr(idx_data, "DATA_DIR", installed.parent / "data")
    monkeypatch.delenv("LOGREG_DATA_DIR", raising=False)
    with pytest.raises(FileNotFoundError, match=r"installed outside its repository .* Pass "
                       r"--data-dir PATH/TO/THE/CLONE/data .* or install the clone with pip install -e \."):
        load_mnist()


def test_validation_is_held_out_once_and_for_all():
    """10,000 training images held out at random, the same in every call; the rest train."""
    from logreg_from_scratch.idx_data import VALIDATION_SIZE, validation_indices
    # in float32, whose 0-255 pixels are as exact as float64's, at half the memory; compared
    # with array_equal (assert_array_equal's NaN bookkeeping took 3.5 s of these 5 s)
    X_all, y_all, _, _ = load_mnist(scale=False, num_test=1, dtype=np.float32)
    X, y, X_val, y_val, X_test, y_test = load_mnist(scale=False, validation=True, num_test=5,
                                                    dtype=np.float32)
    held = validation_indices()
    assert len(held) == len(np.unique(held)) == VALIDATION_SIZE == len(y_val)
    assert np.array_equal(X_val, X_all[held]) and np.array_equal(y_val, y_all[held])
    rest = np.setdiff1d(np.arange(60000), held)
    assert np.array_equal(X, X_all[rest])
    assert len(y) == 50000 and X_test.shape == (5, 784)
    assert np.bincount(y_val, minlength=10).min() > 800  # every digit, about in proportion
    # a shuffle or a smaller --num-train changes the training rows only, never the validation
    rng = np.random.default_rng(0)
    X_few, y_few, X_val_2, y_val_2, _, _ = load_mnist(scale=False, validation=True,
                                                      num_train=300, shuffle=rng, num_test=1,
                                                      dtype=np.float32)
    assert np.array_equal(X_val_2, X_val)
    assert {row.tobytes() for row in X_few} <= {row.tobytes() for row in X}


def test_asking_for_more_training_images_than_remain_says_how_many():
    with pytest.raises(ValueError, match="holds 60000, 50000 once 10000 are held out for "
                                         "validation: choose a whole number from 1 to 50000"):
        load_mnist(validation=True, num_train=60000)


def test_a_damaged_file_in_a_folder_of_ones_own_is_fixed_in_that_folder(tmp_path):
    for name in MNIST_NAMES:
        (tmp_path / f"{name}.gz").write_bytes((DATA_DIR / f"{name}.gz").read_bytes())
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(b"")
    with pytest.raises(IdxFormatError) as error:
        load_mnist(tmp_path, num_train=10, num_test=10)
    assert str(error.value).endswith(
        f"delete it and run: python -m logreg_from_scratch.fetch download --data-dir "
        f"{tmp_path.resolve()}")
