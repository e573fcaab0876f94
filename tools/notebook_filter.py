"""git's clean filter for the lessons: the Python version in a notebook's ``language_info`` goes back to the
committed one, so a lesson JupyterLab opened on another Python does not show as changed.

JupyterLab writes the running kernel's ``language_info`` into every notebook it opens; the lessons carry the
one their outputs were made with (3.11.x). On 3.12 or 3.13 that one field would make every opened lesson
"modified" and block ``git pull``. ``make install`` registers this filter for the clone (``.gitattributes``
names the notebooks); git runs it from the repository root with the file's path:

    .venv/bin/python tools/notebook_filter.py notebooks/03_flip.ipynb < notebooks/03_flip.ipynb

Only that one value changes, and only when the committed file has one; any other edit shows as usual.
"""

import re
import subprocess
import sys

VERSION = re.compile(r'("language_info": \{(?:[^{}]|\{[^{}]*\})*?"version": ")([^"]*)(")')


def clean(text, committed):
    """``text`` with its language_info version set to the one in ``committed`` (if both have one).

    Example:
        >>> clean('"language_info": {"name": "python", "version": "3.12.3"}', '"language_info": {"version": "3.11.7"}')
        '"language_info": {"name": "python", "version": "3.11.7"}'
    """
    found = VERSION.search(committed)
    if not found:
        return text
    return VERSION.sub(lambda m: m.group(1) + found.group(2) + m.group(3), text, count=1)


def main(argv):
    text = sys.stdin.read()
    try:
        committed = subprocess.run(["git", "show", f"HEAD:{argv[0]}"], capture_output=True, text=True,
                                   check=True).stdout if argv else ""
    except (OSError, subprocess.CalledProcessError):       # a new file, or no commit yet: nothing to restore
        committed = ""
    sys.stdout.write(clean(text, committed))


if __name__ == "__main__":
    main(sys.argv[1:])
