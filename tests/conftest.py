"""Shared fixtures: the seed's slice of MNIST, loaded once per test session."""
import numpy as np
import pytest
from hypothesis import settings

from logreg_from_scratch.idx_data import load_mnist

import warning_policy


def pytest_configure(config):
    for line in warning_policy.pytest_lines():  # after setup.cfg's "error": they take precedence
        config.addinivalue_line("filterwarnings", line)


settings.register_profile("logreg", deadline=None, max_examples=200)
settings.load_profile("logreg")


@pytest.fixture(scope="session")
def seed_data():
    """First 3000 training and 500 test images, raw 0-255 pixels, as the seed."""
    arrays = load_mnist(num_train=3000, num_test=500, scale=False)
    for array in arrays:
        array.flags.writeable = False  # a test that mutates shared data fails loudly
    return arrays


@pytest.fixture
def rng():
    return np.random.default_rng(20261128)


NOTES = []  # lines for the end of the run: what a test could only check loosely, and why


@pytest.fixture
def note():
    """``note(text)`` prints `text` in pytest's summary at the end of the run."""
    return NOTES.append


def pytest_terminal_summary(terminalreporter):
    if NOTES:
        terminalreporter.section("notes")
        for line in NOTES:
            terminalreporter.write_line(line)
