"""Stopping a build on Ctrl-C or SIGTERM without replacing ``out/``.

The command line's handler asks for a stop, then raises KeyboardInterrupt.  A signal that lands while
a finalizer runs raises its KeyboardInterrupt there, where Python prints and drops it; the stop asked
for first is still seen, at the next progress tick and before ``out/`` is replaced
(:func:`graph.output.staged_output`), and the dropped interrupt is not printed.  While work is handed to
the parser's worker processes the handler only asks for the stop (an interrupt there could leave the
pool waiting on a worker it never recorded: :func:`extract.parser.handing_over`).
"""

from __future__ import annotations

import os
import signal
import sys
import threading

from extract.parser import handing_over

_STOP = threading.Event()


def request_stop() -> None:
    """Ask the running build not to replace ``out/``."""
    _STOP.set()


def stop_requested() -> bool:
    return _STOP.is_set()


def interrupt_on_signals() -> None:
    """Ctrl-C and SIGTERM end a build (this process only; worker processes end as usual).  Ctrl-C
    ignored by the shell (a background job) stays ignored."""
    main = os.getpid()

    def handler(signum, frame):
        if os.getpid() != main:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        request_stop()
        if not handing_over():  # (while work is handed to the parser's processes, the next tick stops it)
            raise KeyboardInterrupt

    def unraisable(u) -> None:
        if not issubclass(u.exc_type, KeyboardInterrupt):
            sys.__unraisablehook__(u)

    sys.unraisablehook = unraisable
    signal.signal(signal.SIGTERM, handler)
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, handler)
