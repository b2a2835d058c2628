"""Timing machinery: entries, interleaved repeats, thread settings, the machine.

An entry is a function decorated with :func:`entry` that builds its data and
returns what to time, without timing anything itself:

- a :class:`Comparison`: mlbook against a reference at equal work, timed
  interleaved (mlbook, reference, mlbook, ...) under each thread setting;
  the measure is the minimum of the repeats, and the ratio is mlbook's
  minimum over the reference's. Its ``facts`` say that the work and the
  accuracy were equal (iterations, accuracies), computed from the last fit.
- a :class:`Breakdown`: named pieces of one computation (a profile), timed
  interleaved with one BLAS thread.
- a :class:`Scaling`: mlbook and the reference at growing sizes, with one
  BLAS thread, for the time-against-size figures.
- a :class:`PeakMemory`: mlbook and the reference, each run alone in a fresh
  Python process with one BLAS thread, the high-water mark of the process's
  resident memory reset (Linux) after the data are built, so that the mark
  is that side's own: the peak above what the data and the imports already
  took, and the time.

The machine is shared and noisy: other processes come and go, so the minimum
of interleaved repeats is the measure (it is the run least disturbed), and
every result records the load average before and after.
"""

import contextlib
import datetime
import gc
import importlib.metadata
import json
import os
import platform
import resource
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from threadpoolctl import threadpool_info, threadpool_limits

ROOT = Path(__file__).resolve().parents[1]

#: The thread settings every comparison runs under, in this order.
THREADS = {
    # As installed: numpy's and scipy's OpenBLAS pools (and scikit-learn's
    # OpenMP pool) each sized to the machine. mlbook's fits limit BLAS to one
    # thread inside fit themselves; scikit-learn's do not.
    "default": None,
    # One thread for every BLAS and OpenMP pool, for both sides alike.
    "pinned": 1,
}

ENTRIES = {}


@dataclass
class Comparison:
    """mlbook against a reference, at equal work."""

    mlbook: Callable
    reference: Callable
    reference_name: str
    goal: float  # the most mlbook's time may be, as a multiple of the reference's (None: no goal)
    facts: Callable = None  # facts(mlbook_result, reference_result) -> dict
    repeat: int = 5
    threads: tuple = tuple(THREADS)


@dataclass
class Breakdown:
    """Pieces of one computation, each a callable, timed with one BLAS thread."""

    pieces: dict
    number: int = 1  # calls per timed repeat, for pieces too short to time alone
    repeat: int = 7
    facts: dict = field(default_factory=dict)


@dataclass
class Scaling:
    """``mlbook(m)`` and ``reference(m)`` at each size ``m``, with one BLAS thread."""

    sizes: list
    mlbook: Callable
    reference: Callable
    reference_name: str
    repeat: int = 3


@dataclass
class PeakMemory:
    """Peak memory and time of ``mlbook(data)`` and ``reference(data)``, each in its own process.

    ``setup()`` builds the data in the child process before the measurement;
    each side returns a dict of JSON-ready results, and ``facts(ours, theirs)``
    compares them. Goals are the most mlbook's peak and time may be, as
    multiples of the reference's.
    """

    setup: Callable
    mlbook: Callable
    reference: Callable
    reference_name: str
    memory_goal: float
    time_goal: float
    facts: Callable = None
    repeat: int = 2


def entry(name, title, group):
    """Register a benchmark entry: ``name`` on the command line, ``title`` on the page."""

    def register(build):
        ENTRIES[name] = {"build": build, "title": title, "group": group}
        return build

    return register


def interleaved(callables, repeat, number=1):
    """Call each callable in turn, ``repeat`` rounds; the wall-clock time of each call.

    Returns ``{name: [seconds per call, one per round]}``, the same for the
    process's CPU time (all threads), and the last result of each callable.
    """
    times = {name: [] for name in callables}
    cpu = {name: [] for name in callables}
    results = {}
    for _ in range(repeat):
        for name, call in callables.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            for _ in range(number):
                result = call()
            times[name].append((time.perf_counter() - start) / number)
            cpu[name].append((time.process_time() - start_cpu) / number)
            results[name] = result
    return times, cpu, results


def page_faults(call):
    """Minor page faults during one call: pages the operating system had to hand over."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    call()
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


@contextlib.contextmanager
def _threads(limit):
    # Fits capped at a fixed number of iterations warn that they did not
    # converge; here that is the point, not news.
    with warnings.catch_warnings(), threadpool_limits(limits=limit):
        warnings.simplefilter("ignore")
        yield


def run_comparison(spec, log):
    out = {"reference": spec.reference_name, "goal": spec.goal, "threads": {}}
    results = {}
    for setting in spec.threads:
        limit = THREADS[setting]
        with _threads(limit):
            # One call each first, untimed: imports, caches, first-touch pages.
            spec.mlbook(), spec.reference()
            times, cpu, results = interleaved(
                {"mlbook": spec.mlbook, "reference": spec.reference}, spec.repeat)
        best = {side: min(t) for side, t in times.items()}
        out["threads"][setting] = {
            "mlbook_s": best["mlbook"],
            "reference_s": best["reference"],
            "ratio": best["mlbook"] / best["reference"],
            "mlbook_all_s": times["mlbook"],
            "reference_all_s": times["reference"],
            "mlbook_cpu_s": min(cpu["mlbook"]),
            "reference_cpu_s": min(cpu["reference"]),
        }
        log(f"  {setting:8s} mlbook {best['mlbook']:.4g} s, reference {best['reference']:.4g} s, "
            f"ratio {best['mlbook'] / best['reference']:.3f} (goal: {spec.goal})")
    if spec.facts is not None:
        out["facts"] = spec.facts(results["mlbook"], results["reference"])
        log(f"  facts: {out['facts']}")
    return out


def run_breakdown(spec, log):
    with _threads(1):
        for call in spec.pieces.values():
            call()
        times, cpu, _ = interleaved(spec.pieces, spec.repeat, spec.number)
    best = {name: min(t) for name, t in times.items()}
    for name, seconds in best.items():
        log(f"  {name:60s} {seconds * 1e3:9.3f} ms")
    return {"pieces_s": best, "pieces_cpu_s": {name: min(t) for name, t in cpu.items()},
            "facts": spec.facts}


def run_scaling(spec, log):
    out = {"reference": spec.reference_name, "sizes": list(spec.sizes), "mlbook_s": [],
           "reference_s": [], "mlbook_page_faults": [], "reference_page_faults": []}
    with _threads(1):
        for m in spec.sizes:
            # mlbook(m) and reference(m) build the data of size m and return the fit to time.
            ours, theirs = spec.mlbook(m), spec.reference(m)
            ours(), theirs()
            times, _, _ = interleaved({"mlbook": ours, "reference": theirs}, spec.repeat)
            out["mlbook_s"].append(min(times["mlbook"]))
            out["reference_s"].append(min(times["reference"]))
            out["mlbook_page_faults"].append(page_faults(ours))
            out["reference_page_faults"].append(page_faults(theirs))
            log(f"  m = {m:7d}: mlbook {out['mlbook_s'][-1]:.4g} s, "
                f"reference {out['reference_s'][-1]:.4g} s")
    return out


def measure_side(name, side):
    """In a fresh process: build ``name``'s data, run one side, report peak and time.

    ``ru_maxrss`` (kilobytes on Linux) is the largest resident size the
    process has had; its rise across the call is the call's own peak above
    what was already taken. Printed as one line of JSON for the parent.
    """
    spec = ENTRIES[name]["build"]()
    data = spec.setup()
    gc.collect()
    # The high-water mark would still hold whatever building the data took at
    # its peak, which can exceed the call's own peak and hide it (a rise of 0).
    # Linux resets it on request; then the call's peak is its rise above the
    # resident size it started from.
    reset = _reset_peak()
    before = _status_kb("VmRSS") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    result = getattr(spec, side)(data)
    seconds = time.perf_counter() - start
    after = _status_kb("VmHWM") if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peak_mb": (after - before) / 1024, "baseline_mb": before / 1024,
                      "seconds": seconds, "result": result, "peak_reset": reset}))


def _reset_peak():
    """Reset the process's resident high-water mark (Linux: clear_refs 5); False if unsupported."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _status_kb(field):
    """A kilobyte field of /proc/self/status, such as VmRSS or VmHWM."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def _child(name, side):
    code = f"from benchmarks import entries; from benchmarks.harness import measure_side; " \
           f"measure_side({name!r}, {side!r})"
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_peak_memory(spec, log, name):
    out = {"reference": spec.reference_name, "memory_goal": spec.memory_goal,
           "time_goal": spec.time_goal}
    runs = {"mlbook": [], "reference": []}
    for _ in range(spec.repeat):  # interleaved, each run in its own process
        for side in runs:
            runs[side].append(_child(name, side))
    for side, measured in runs.items():
        out[f"{side}_peak_mb"] = max(r["peak_mb"] for r in measured)  # the worst peak
        out[f"{side}_s"] = min(r["seconds"] for r in measured)  # the least disturbed run
        out[f"{side}_baseline_mb"] = measured[0]["baseline_mb"]
    out["memory_ratio"] = out["mlbook_peak_mb"] / out["reference_peak_mb"]
    out["time_ratio"] = out["mlbook_s"] / out["reference_s"]
    log(f"  peak above baseline: mlbook {out['mlbook_peak_mb']:.0f} MB, reference "
        f"{out['reference_peak_mb']:.0f} MB, ratio {out['memory_ratio']:.2f} "
        f"(goal: {spec.memory_goal}); time ratio {out['time_ratio']:.2f} "
        f"(goal: {spec.time_goal})")
    if spec.facts is not None:
        out["facts"] = spec.facts(runs["mlbook"][-1]["result"], runs["reference"][-1]["result"])
        log(f"  facts: {out['facts']}")
    return out


RUNNERS = {Comparison: run_comparison, Breakdown: run_breakdown, Scaling: run_scaling,
           PeakMemory: run_peak_memory}


def run_entry(name, log):
    spec = ENTRIES[name]["build"]()
    started = time.perf_counter()
    runner = RUNNERS[type(spec)]
    out = runner(spec, log, name) if runner is run_peak_memory else runner(spec, log)
    out.update(kind=type(spec).__name__, title=ENTRIES[name]["title"],
               group=ENTRIES[name]["group"], wall_s=time.perf_counter() - started,
               date=now(), load_average=os.getloadavg())
    return out


def now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def _cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _commit():
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "mlbook"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
        return head + ("+changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine():
    """Where and with what the numbers were measured."""
    versions = {"python": platform.python_version()}
    for package in ("numpy", "scipy", "scikit-learn", "threadpoolctl", "mlbook"):
        versions[package] = importlib.metadata.version(package)
    pools = [
        {key: info.get(key) for key in
         ("user_api", "internal_api", "prefix", "version", "architecture", "num_threads")}
        for info in threadpool_info()
    ]
    try:  # what numpy's SIMD dispatch found on this processor, as numpy.show_runtime() lists it
        from numpy._core._multiarray_umath import __cpu_features__
        simd = sorted(name for name, found in __cpu_features__.items() if found)
    except ImportError:
        simd = []
    return {
        "cores": os.cpu_count(),
        "numpy_simd": simd,
        "cpu": _cpu_model(),
        "platform": platform.platform(),
        "versions": versions,
        "thread_pools": pools,
        "environment": {key: value for key, value in os.environ.items()
                        if key.startswith(("OPENBLAS_", "OMP_", "MKL_"))},
        "mlbook_commit": _commit(),
    }
