"""``python -m logreg_from_scratch.exercises check [PATH ...]``, ``new FOLDER``, ``answers``.

check: grade the exercise functions in each file, or in every exercise file
of each folder (default: the clone's exercises/), one line a function, each
function in a process of its own under a time limit; exit code 0 when every
function graded passed, 1 otherwise, 130 when stopped by Ctrl-C.  With
``--report grades.csv`` and one folder a student, a class's grades as a
table.  new: write fresh copies of the exercise files.  answers: rerun the
chapters' experiment exercises into exercises/ANSWERS.md.
"""
import argparse
import csv
import os
import sys
from pathlib import Path

from .answers import answers
from .files import FILES, TIME_LIMIT, grade, said, source
from .grader import EXAMPLES

EXERCISES_DIR = Path(__file__).resolve().parents[2] / "exercises"
ANSWERS = EXERCISES_DIR / "ANSWERS.md"


def exercise_files(folder):
    """The exercise files of `folder` (e1_... to e11_...), in the book's order."""
    return sorted(folder.glob("e[0-9]*_*.py"), key=lambda path: int(
        path.name[1:].split("_")[0]) if path.name[1:].split("_")[0].isdigit() else 99)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m logreg_from_scratch.exercises",
                                     description="Grade the exercises, or start them afresh.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check", help="grade exercise files",
        description="Grade each exercise function in a process of its own, under a time "
                    "limit. Exit code 0 when every function graded passed.")
    check.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                       help="exercise files, or folders of them (default: the clone's "
                            "exercises/); with --report, one folder a student")
    check.add_argument("--time-limit", type=_seconds, default=TIME_LIMIT, metavar="SECONDS",
                       help="the most each function may take to be graded "
                            "(default %(default)g s)")
    check.add_argument("--examples", type=_count, default=EXAMPLES, metavar="N",
                       help="inputs tried per property, at most (default %(default)s; more "
                            "searches harder and takes longer)")
    check.add_argument("--report", type=Path, metavar="CSV",
                       help="write one row a student and function (verdict, property, "
                            "seconds) to this CSV file, and print a summary")
    new = commands.add_parser("new", help="write fresh exercise files into a folder")
    new.add_argument("folder", type=Path)
    commands.add_parser("answers", help=f"rerun the experiment exercises into {ANSWERS}")
    args = parser.parse_args(argv)

    if args.command == "answers":
        try:
            text = answers()
        except (OSError, ValueError) as error:  # the MNIST files missing or damaged
            parser.exit(1, f"answers: error: {error}\n")
        ANSWERS.write_text(text)
        print(f"wrote {ANSWERS}")
        return 0
    if args.command == "new":
        return _new(parser, args.folder)
    try:
        return _check(parser, args)
    except KeyboardInterrupt:  # the child being graded is ended by sandbox.run
        print("\ninterrupted (Ctrl-C): the functions not yet graded have no verdict",
              file=sys.stderr)
        return 130


def _count(text):
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1, got {text}")
    return int(text)


def _seconds(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds > 0, got {text}")
    return value


def _new(parser, folder):
    def error(message):  # one line, exit code 2
        parser.exit(2, f"new: error: {message}\n")

    if folder.is_symlink() and not folder.exists():
        error(f"{folder} is a link to {os.readlink(folder)}, which does not exist: choose a "
              "folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        error(f"{folder} is a file, not a folder: choose a folder for the exercises")
    except OSError as why:
        error(f"cannot make the folder {folder}: {why.strerror}")
    paths = [folder / name for name, *_ in FILES]
    taken = [path for path in paths if path.exists() or path.is_symlink()]
    if taken:  # before writing anything
        error(f"{taken[0]} exists: choose an empty folder, your work stays yours")
    for number, path in enumerate(paths, 1):
        try:
            path.write_text(source(number))
        except OSError as why:
            error(f"cannot write {path}: {why.strerror}")
        print(f"wrote {path}")
    return 0


def _targets(parser, paths, report):
    """(student, file) pairs to grade: a folder stands for its exercise files.

    A path that cannot be graded ends the command in one line, exit code 2."""
    def error(message):
        parser.exit(2, f"check: error: {message}\n")

    if not paths:
        paths = [EXERCISES_DIR]
    targets = []
    for path in paths:
        if path.is_dir():
            files = exercise_files(path)
            if not files and not report:
                error(f"no exercise files (e1_sigmoid.py ...) in the folder {path}")
            targets += [(path, file) for file in files]
        elif not path.exists():
            error(f"no such file or folder: {path}")
        elif path.suffix != ".py":
            error(f"{path} is not a Python file: name the .py exercise files, or their folder")
        elif report:
            error(f"with --report, name one folder a student, not a file: {path}")
        else:
            targets.append((path.parent, path))
    return targets


def _check(parser, args):
    targets = _targets(parser, args.paths, args.report)
    results, shown = [], None
    for student, path in targets:
        if args.report and student != shown:
            print(f"== {os.path.relpath(student)}")
            shown = student
        print(os.path.relpath(path), flush=True)
        for result in grade(path, args.time_limit, examples=args.examples):
            print(f"  {result.line}", flush=True)
            if result.printed:
                print(said(result, "    "), flush=True)
            results.append((student, path, result))
    if args.report:
        _report(args.report, results, [student for student in args.paths if student.is_dir()])
    return 0 if results and all(result.passed for *_, result in results) else 1


def _report(path, results, students):
    """The class's CSV, one row a student and function, and a summary a line a student."""
    with open(path, "w", newline="", encoding="utf-8") as table:
        rows = csv.writer(table)
        rows.writerow(["student", "file", "function", "verdict", "property", "seconds"])
        for student, file, result in results:
            rows.writerow([student.name, file.name, result.name, result.status, result.claim,
                           f"{result.seconds:.2f}"])
    print(f"wrote {path}: {len(results)} rows")
    for student in students:
        mine = [result for who, _, result in results if who == student]
        passed = sum(result.passed for result in mine)
        print(f"  {student.name}: {passed} of {len(mine)} passed"
              + ("" if mine else " (no exercise files)"))


if __name__ == "__main__":
    sys.exit(main())
