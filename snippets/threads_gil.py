"""CPU-bound work in two threads vs one after the other, with measured times."""
import sys
import sysconfig
import threading
import time

N = 8_000_000


# #region main
def count(n: int) -> None:  # pure Python bytecode: it needs the GIL to run
    while n:
        n -= 1

start = time.perf_counter()
count(N), count(N)
one_by_one = time.perf_counter() - start

start = time.perf_counter()
threads = [threading.Thread(target=count, args=(N,)) for _ in range(2)]
for t in threads: t.start()
for t in threads: t.join()
two_threads = time.perf_counter() - start
# #endregion main

print(f"one after the other: {one_by_one:.2f} s")
print(f"two threads:         {two_threads:.2f} s")
# Only what this interpreter reports: Py_GIL_DISABLED is 1 in a free-threaded
# build (3.13+), and sys._is_gil_enabled() exists from 3.13 on.
free = sysconfig.get_config_var("Py_GIL_DISABLED")
print(f"Python {sys.version.split()[0]}, free-threaded build: {'yes' if free else 'no'}")
if hasattr(sys, "_is_gil_enabled"):
    print(f"GIL enabled: {sys._is_gil_enabled()}")
else:
    print("no sys._is_gil_enabled() here: it is new in 3.13")
