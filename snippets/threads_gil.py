"""CPU-bound work in two threads vs one after the other, with measured times."""
import sys
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

gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True  # 3.13+ can tell
print(f"one after the other: {one_by_one:.2f} s")
print(f"two threads:         {two_threads:.2f} s")
print(f"GIL enabled: {gil}")
