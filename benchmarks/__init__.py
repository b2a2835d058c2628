"""mlbook against scikit-learn, timed side by side: ``python -m benchmarks``.

Not a test: nothing under ``tests/`` times anything. Each entry in
``entries.py`` times mlbook and its reference interleaved, with default
threads and with one thread for every BLAS and OpenMP pool, and writes the
minimum of the repeats, the ratio, the machine, the library versions and the
date to ``results.json``, which the page "How fast is from scratch?"
(``docs/performance.md``) reads. ``python -m benchmarks --help`` lists the
options; ``python -m benchmarks --list`` the entries.
"""

from pathlib import Path

RESULTS = Path(__file__).with_name("results.json")
