"""A throttle for redraws: the first trigger runs at once, later ones merge into one call per delay.

Example (a scheduler fired by hand instead of a real timer, as the tests do):
    >>> class Later:                     # schedule(delay, fn) -> an object with cancel()
    ...     def __init__(self):
    ...         self.waiting = []
    ...     def __call__(self, delay, fn):
    ...         self.waiting.append(fn)
    ...         return self
    ...     def cancel(self):
    ...         self.waiting.clear()
    ...     def fire(self):
    ...         waiting, self.waiting = self.waiting, []
    ...         for fn in waiting:
    ...             fn()
    >>> later, calls = Later(), []
    >>> redraw = Debouncer(lambda: calls.append("redraw"), delay=0.05, schedule=later)
    >>> redraw(); redraw(); redraw()     # the first runs at once, the next two wait for the delay
    >>> len(calls)
    1
    >>> later.fire()                     # the delay ends: one merged call, and a new delay starts
    >>> len(calls)
    2
    >>> later.fire()                     # nothing waited during that delay: quiet again
    >>> len(calls)
    2
"""

import threading

from augcourse._checks import check_number

DEBOUNCE = 0.05             # seconds; the default delay of every control set


class Debouncer:
    """Call ``fn`` at once on the first trigger, then at most once per ``delay`` seconds.

    Triggers that arrive while a delay runs are merged into one call at its end (with the
    values current then), and that call starts a new delay. ``delay=0`` calls ``fn`` on every
    trigger, synchronously. ``schedule(delay, fn)`` must return an object with ``cancel()``
    (default: a daemon ``threading.Timer``).
    """

    def __init__(self, fn, delay=DEBOUNCE, schedule=None):
        self.fn = fn
        self.delay = check_number("debounce", delay, low=0)
        self.schedule = schedule or _timer
        self._pending = None      # the running delay, or None when quiet
        self._dirty = False       # a trigger arrived during the running delay
        self._lock = threading.Lock()

    def __call__(self):
        if self.delay == 0:
            self.fn()
            return
        with self._lock:
            if self._pending is not None:
                self._dirty = True
                return
            self._pending = self.schedule(self.delay, self._expire)
        self.fn()

    def _expire(self):
        with self._lock:
            dirty, self._dirty = self._dirty, False
            self._pending = self.schedule(self.delay, self._expire) if dirty else None
        if dirty:
            self.fn()

    def flush(self):
        """Run a merged call now, if one is waiting, and end the delay (used by tests and the benchmark)."""
        with self._lock:
            dirty, self._dirty = self._dirty, False
            if self._pending is not None:
                self._pending.cancel()
                self._pending = None
        if dirty:
            self.fn()


def _timer(delay, fn):
    timer = threading.Timer(delay, fn)
    timer.daemon = True
    timer.start()
    return timer
