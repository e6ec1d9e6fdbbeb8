"""The parser's worker processes, startable before this process has imported spaCy.

A build that has every document to parse (its first, or one without the cache) starts them
first thing, each importing spaCy and loading the model at once, while this process imports
the rest of the build and reads the documents: that second of start-up runs on every core
instead of one.  Otherwise they are started when a first turn is to be parsed, and load the
model with it (see :class:`extract.analysis.Parser`).
"""

from __future__ import annotations

import multiprocessing as mp


def die_with_parent() -> None:
    """Ask Linux to end this (worker) process when the process that started it dies, even by SIGKILL,
    so a killed build leaves no parser running (elsewhere that part is a no-op); and let SIGTERM end
    it at once, whatever handler the process it was forked from had set (the command line's turns
    SIGTERM into an orderly stop of the build, which a worker must not inherit)."""
    import signal
    import sys

    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _lazy() -> None:
    die_with_parent()  # the model is loaded by the first parse a worker is given (none: never)


def _eager() -> None:
    die_with_parent()
    from extract.analysis import load_model

    load_model()


def start(jobs: int, preload: bool = False):
    """A pool of ``jobs`` worker processes (forked where the platform can).  With ``preload``, each
    loads the model as soon as it starts, before it is given anything to parse."""
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    return mp.get_context(method).Pool(jobs, initializer=_eager if preload else _lazy)
