"""Which warnings fail the tests: all of ours, none of a third party's own deprecations.

Every warning is an error: an overflow, a NaN, a deprecated call in our
code.  One kind is not ours to fix: a deprecation that one third-party
package raises about code inside another (matplotlib 3.7-3.10.6 call
pyparsing 3.3's old names, which warn at ``import matplotlib``).  Such a
warning is attributed to the third party's module, and is ignored, so a
student's ``pytest`` does not fail on a library's internal business.  A
deprecation raised by *our* call into a library is attributed to our code,
and still fails.
"""
import builtins
import warnings

THIRD_PARTY = ("matplotlib", "mpl_toolkits", "pyparsing", "numpy", "scipy", "idx2numpy",
               "threadpoolctl", "hypothesis", "PIL", "dateutil", "contourpy", "kiwisolver",
               "fontTools", "cycler", "packaging", "_pytest", "pluggy")
MODULES = rf"({'|'.join(THIRD_PARTY)})(\..*)?$"
#: (category, message) pairs ignored when raised inside THIRD_PARTY modules.
#: pyparsing's PyparsingDeprecationWarning is a UserWarning whose message says "deprecated".
IGNORED = (("DeprecationWarning", ""), ("PendingDeprecationWarning", ""),
           ("UserWarning", ".*deprecated"))


def pytest_lines():
    """The policy as pytest ``filterwarnings`` lines, after setup.cfg's ``error``."""
    return [f"ignore:{message}:{category}:{MODULES}" for category, message in IGNORED]


def install():
    """The policy for this process (a chapter run by the tests)."""
    warnings.simplefilter("error")
    for category, message in IGNORED:
        warnings.filterwarnings("ignore", message, getattr(builtins, category), MODULES)
