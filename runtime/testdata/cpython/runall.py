import contextlib
import glob
import io
import json
import runpy
import sys

logs = {}
for path in sorted(glob.glob("*.py")):
    name = path[:-3]
    if name in ("vloop", "runall"):
        continue
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(path, run_name="__main__")
        logs[name] = {"stdout": out.getvalue()}
    except BaseException as e:
        logs[name] = {"stdout": out.getvalue(), "error": repr(e)}
json.dump(logs, sys.stdout)
