"""``python -m augcourse.study``: the study's command line (``augcourse.study.cli.main``).

Example (the full study; it downloads 170 MB once and trains for hours on a CPU):
    $ python -m augcourse.study --full --epochs 40
"""

import sys

from augcourse.study.cli import main

if __name__ == "__main__":
    sys.exit(main())
