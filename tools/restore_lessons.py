"""Put lessons back as they were committed, keeping a copy of the learner's version first (``make restore``).

Every tracked file under notebooks/ that differs from the last commit (or only those named) is copied to
``my-work/<date-time>/`` (git-ignored, so nothing a learner wrote is lost), then restored with git. Files the
learner added (their own notebooks) are never touched. Run from the repository root:

    python tools/restore_lessons.py                 # every changed lesson
    python tools/restore_lessons.py 03_flip         # one lesson (a stem or a path)

Exit status 0, or 1 with one line when this is not a git clone or a named lesson does not exist.
"""

import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BACKUPS = "my-work"


def git(*args, root=ROOT):
    """``git args`` in ``root``; its stdout (raises CalledProcessError on failure)."""
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def changed_lessons(root=ROOT, names=()):
    """Tracked files under notebooks/ that differ from HEAD: all, or those ``names`` (stems or paths) pick."""
    # Modified, deleted or retyped files that HEAD has (--diff-filter=MDT): a file the learner added, even
    # one staged with `git add`, is theirs and never touched.
    changed = [line for line in git("diff", "--name-only", "--diff-filter=MDT", "HEAD", "--", "notebooks",
                                    root=root).splitlines() if line]
    if not names:
        return changed
    tracked = git("ls-files", "notebooks", root=root).splitlines()
    picked = []
    for name in names:
        matches = [path for path in tracked if name in (path, Path(path).name, Path(path).stem)]
        if not matches:
            raise SystemExit(f"restore: no lesson called {name!r} under notebooks/ (e.g. 03_flip)")
        picked += [path for path in matches if path in changed]
    return picked


def restore(root=ROOT, names=(), stamp=None):
    """Copy each changed lesson to my-work/<stamp>/ and restore it from HEAD; returns the backup folder or None."""
    lessons = changed_lessons(root, names)
    if not lessons:
        print("Nothing to restore: the lessons are as committed.")
        return None
    backup = root / BACKUPS / (stamp or time.strftime("%Y-%m-%d_%H%M%S"))
    for path in lessons:
        target = backup / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if (root / path).exists():
            shutil.copy2(root / path, target)
    try:
        git("checkout", "HEAD", "--", *lessons, root=root)
    except subprocess.CalledProcessError as error:
        raise SystemExit(f"restore: git could not restore the lessons ({' '.join(error.stderr.split())}); "
                         f"your versions are safe in {backup.relative_to(root)}/") from None
    print(f"Restored {len(lessons)} file(s) as committed; your versions are in {backup.relative_to(root)}/ "
          "(close a restored lesson in JupyterLab without saving, or reload it, so autosave does not write it back):")
    for path in lessons:
        print(f"  {path}")
    return backup


def main(argv):
    try:
        git("rev-parse", "--is-inside-work-tree")
    except (OSError, subprocess.CalledProcessError):
        raise SystemExit("restore: this is not a git clone of the course (download the lessons again instead)")
    restore(names=argv)


if __name__ == "__main__":
    main(sys.argv[1:])
