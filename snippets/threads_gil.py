"""CPU-bound work in two threads vs one after the other: wall-clock and CPU times, as measured."""
import sys
import sysconfig
import threading
import time

N = 8_000_000


# #region main
def count(n: int) -> None:  # pure Python bytecode: needs the GIL
    while n:
        n -= 1

def in_two_threads() -> None:
    ts = [threading.Thread(target=count, args=(N,)) for _ in range(2)]
    for t in ts: t.start()
    for t in ts: t.join()

runs = {"one after the other:": lambda: (count(N), count(N)),
        "two threads:        ": in_two_threads}
for label, run in runs.items():
    # CPU time: what all the process's threads spent on a core
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label} {wall:.2f} s, CPU {cpu:.2f} s")
# #endregion main

# Only what this interpreter reports: Py_GIL_DISABLED is 1 in a free-threaded
# build (3.13+), and sys._is_gil_enabled() exists from 3.13 on.
free = sysconfig.get_config_var("Py_GIL_DISABLED")
print(f"Python {sys.version.split()[0]}, free-threaded build: {'yes' if free else 'no'}")
if hasattr(sys, "_is_gil_enabled"):
    print(f"GIL enabled: {sys._is_gil_enabled()}")
else:
    print("no sys._is_gil_enabled(): new in 3.13")
