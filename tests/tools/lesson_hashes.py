#!/usr/bin/env python3
"""lesson_hashes.py - the content hash rollwise gives each lesson of a course,
as --hash arguments for make_handins.py and class_ref.py.

    lesson_hashes.py ROLLWISE_BIN COURSE_YAML

Prints one "--hash LESSON=HEX" per line. The hash is rollwise's own (the C
program computes it; nothing here recomputes it): for each lesson the program
is run in plain mode in a private, throw-away home, reads the lesson's pages,
answers the first question, and the answer it saves carries the hash.
"""
import os
import shutil
import subprocess
import sys
import tempfile

import yaml


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: lesson_hashes.py ROLLWISE_BIN COURSE_YAML")
    binary, course_file = os.path.abspath(argv[0]), os.path.abspath(argv[1])
    with open(course_file, "rb") as f:
        course = yaml.safe_load(f)
    folder = tempfile.mkdtemp(prefix="rollwise-hash.")
    try:
        lessons_dir = os.path.join(folder, "lessons")
        os.mkdir(lessons_dir)
        shutil.copy(course_file, os.path.join(lessons_dir, "course.yaml"))
        for lesson in course["lessons"]:
            home = os.path.join(folder, "home-" + str(lesson["id"]))
            os.mkdir(home)
            env = dict(os.environ, HOME=home, XDG_STATE_HOME=home + "/state",
                       XDG_DATA_HOME=home + "/data", XDG_DATA_DIRS=folder + "/none",
                       ROLLWISE_SEED="1")
            env.pop("ROLLWISE_LESSONS", None)
            keys = "\n" * (len(lesson["pages"]) + 1) + "1\n" + "q\n" * 6
            subprocess.run([binary, "--plain", "--lessons", lessons_dir, str(course["id"]),
                            str(lesson["id"])], input=keys.encode(), env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
            found = None
            with open(home + "/state/rollwise/progress.log") as f:
                for e in yaml.load(f, Loader=yaml.BaseLoader):
                    if isinstance(e, dict) and e.get("ev") == "answer" and "hash" in e:
                        found = e["hash"]
                        break
            if not found:
                sys.exit("lesson_hashes.py: no answer saved for lesson %s" % lesson["id"])
            print("--hash %s=%s" % (lesson["id"], found))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
