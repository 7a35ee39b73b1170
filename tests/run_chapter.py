"""Run a chapter as ``python chapters/NN.py OPTIONS`` does, under the tests' warning policy.

Usage: python tests/run_chapter.py chapters/NN_name.py [OPTIONS]
"""
import runpy
import sys

import warning_policy

warning_policy.install()
sys.argv = sys.argv[1:]  # the chapter sees itself as argv[0], as when run directly
runpy.run_path(sys.argv[0], run_name="__main__")
