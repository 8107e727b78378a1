"""CPU-bound work in two threads vs one after the other, with measured times."""
import sys
import threading
import time


# #region main
def count(n: int) -> int:  # pure Python bytecode: holds the GIL while it runs
    total = 0
    for i in range(n):
        total += i
    return total


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


N = 8_000_000
one_by_one = timed(lambda: (count(N), count(N)))
threads = [threading.Thread(target=count, args=(N,)) for _ in range(2)]
two_threads = timed(lambda: ([t.start() for t in threads], [t.join() for t in threads]))
# #endregion main
gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True  # 3.13+ can say
print(f"one after the other: {one_by_one:.2f} s")
print(f"two threads:         {two_threads:.2f} s")
print(f"GIL enabled: {gil}")
