"""Run the benchmark: ``python -m benchmarks [ENTRY ...]``."""

import argparse
import json
import os
import sys
import time

from . import RESULTS, entries  # noqa: F401  (entries registers itself)
from .harness import ENTRIES, machine, now, run_entry


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Time mlbook against scikit-learn and write the results file.")
    parser.add_argument("names", nargs="*", metavar="ENTRY",
                        help="entries or groups to run (default: all); see --list")
    parser.add_argument("--list", action="store_true", help="list the entries and exit")
    parser.add_argument("--output", default=str(RESULTS),
                        help=f"results file (default: {RESULTS.name} beside this package); "
                             "entries run now replace their old results, others are kept")
    args = parser.parse_args(argv)
    if args.list:
        for name, spec in ENTRIES.items():
            print(f"{name:28s} [{spec['group']}] {spec['title']}")
        return 0
    groups = {spec["group"] for spec in ENTRIES.values()}
    unknown = [n for n in args.names if n not in ENTRIES and n not in groups]
    if unknown:
        parser.error(f"unknown entries {unknown}; --list shows them")
    chosen = [name for name, spec in ENTRIES.items()
              if not args.names or name in args.names or spec["group"] in args.names]
    if any(key in os.environ for key in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")):
        print("note: OPENBLAS_CORETYPE or OPENBLAS_L2_SIZE is set, which can slow a current "
              "numpy; the results file records it", file=sys.stderr)

    here = machine()
    try:
        with open(args.output, encoding="utf-8") as f:
            results = json.load(f)
    except FileNotFoundError:
        results = {}
    if results.get("machine", {}).get("versions") != here["versions"] or \
            results.get("machine", {}).get("cpu") != here["cpu"]:
        results = {}  # other machine or versions: old entries are not comparable
    results.setdefault("entries", {})
    started = time.perf_counter()
    load_before = os.getloadavg()
    for name in chosen:
        print(f"{name}: {ENTRIES[name]['title']}", flush=True)
        results["entries"][name] = run_entry(name, lambda line: print(line, flush=True))
    results["machine"] = here
    results["date"] = now()
    results["last_run"] = {"entries": chosen, "wall_s": time.perf_counter() - started,
                           "load_average_before": load_before,
                           "load_average_after": os.getloadavg()}
    ordered = {name: results["entries"][name] for name in ENTRIES if name in results["entries"]}
    results["entries"] = ordered
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1)
        f.write("\n")
    print(f"wrote {args.output} in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
