import asyncio
import re
import selectors


class _VirtualSelector(selectors.DefaultSelector):
    def __init__(self, loop):
        super().__init__()
        self._vloop = loop

    def select(self, timeout=None):
        if timeout is None:
            raise RuntimeError("deadlock: nothing ready and no timer")
        if timeout > 0:
            self._vloop._vt += timeout
        return super().select(0)


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        self._vt = 0.0
        self._ticks = 0
        super().__init__(_VirtualSelector(self))
        self._clock_resolution = 1e-6

    def time(self):
        self._ticks += 1
        return self._vt + self._ticks * 1e-9


def _show(v):
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "<nil>"
    if isinstance(v, (list, tuple)):
        return "[" + " ".join(_show(x) for x in v) + "]"
    return str(v)


def log(*parts):
    t = round(asyncio.get_running_loop()._vt, 6)
    print(f"{t:g} " + " ".join(_show(p) for p in parts))


def run(main):
    asyncio.run(main(), loop_factory=VirtualLoop)


def shown(obj):
    return re.sub(r"<asyncio\.\w+\.(\w+) object at 0x[0-9a-f]+ ", r"<\1 ", repr(obj))
