-- Benchmark: the cost of starting up: a script that prints one line. It takes the
-- size argument the other workloads take, and ignores it.
-- Run: luasync run --clock real bench/startup.lua; twin: startup.py.
print("startup ok")
