"""The tests' warning policy: ours fail, a third party's own deprecations do not."""
import warnings

import pytest
import warning_policy


@pytest.mark.parametrize("category, message, module, fails", [
    (DeprecationWarning, "old", "logreg_from_scratch.cost", True),
    (RuntimeWarning, "overflow encountered", "numpy._core.fromnumeric", True),
    (UserWarning, "'parseString' deprecated - use 'parse_string'", "matplotlib._fontconfig_pattern", False),
    (DeprecationWarning, "old", "scipy.sparse", False),
    (PendingDeprecationWarning, "old", "matplotlib", False),
    (UserWarning, "something else", "matplotlib.figure", True),
    (DeprecationWarning, "old", "numpyish", True),  # a prefix is not the module
])
def test_only_third_party_deprecations_are_ignored(category, message, module, fails):
    with warnings.catch_warnings():
        warning_policy.install()
        emit = lambda: warnings.warn_explicit(message, category, "file.py", 1, module=module)  # noqa: E731
        if fails:
            with pytest.raises(category):
                emit()
        else:
            emit()
