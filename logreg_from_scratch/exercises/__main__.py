"""``python -m logreg_from_scratch.exercises check [FILE ...]``, ``new FOLDER``, ``answers``.

check: grade the exercise functions in each file (default: every file in
the clone's exercises/), one line a function; exit code 0 when every one
passed, 1 otherwise.  new: write fresh copies of the exercise files.
answers: rerun the chapters' experiment exercises into exercises/ANSWERS.md.
"""
import argparse
import os
import sys
from pathlib import Path

from .answers import answers
from .files import FILES, grade, source

EXERCISES_DIR = Path(__file__).resolve().parents[2] / "exercises"
ANSWERS = EXERCISES_DIR / "ANSWERS.md"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m logreg_from_scratch.exercises",
                                     description="Grade the exercises, or start them afresh.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="grade exercise files")
    check.add_argument("files", nargs="*", type=Path,
                       help="files to grade (default: every file in exercises/)")
    new = commands.add_parser("new", help="write fresh exercise files into a folder")
    new.add_argument("folder", type=Path)
    commands.add_parser("answers", help=f"rerun the experiment exercises into {ANSWERS}")
    args = parser.parse_args(argv)

    if args.command == "answers":
        ANSWERS.write_text(answers())
        print(f"wrote {ANSWERS}")
        return 0

    if args.command == "new":
        args.folder.mkdir(parents=True, exist_ok=True)
        for number, (name, *_) in enumerate(FILES, 1):
            path = args.folder / name
            if path.exists():
                parser.error(f"{path} exists: choose an empty folder, your work stays yours")
            path.write_text(source(number))
            print(f"wrote {path}")
        return 0

    files = args.files or sorted(EXERCISES_DIR.glob("e[0-9]*_*.py"),  # e1 ... e11, in order
                                 key=lambda path: int(path.name[1:].split("_")[0]))
    if not files:
        parser.error(f"no exercise files in {EXERCISES_DIR}: name the files to check")
    passed = True
    for path in files:
        if not path.is_file():
            parser.error(f"no such file: {path}")
        print(os.path.relpath(path))
        lines, ok = grade(path)
        for line in lines:
            print(f"  {line}", flush=True)
        passed = passed and ok
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
