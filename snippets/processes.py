"""CPU-bound work spread over processes: each has its own interpreter and its own GIL."""
import time
from concurrent.futures import ProcessPoolExecutor


# #region main
def count(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


if __name__ == "__main__":  # spawned children import this file: not them
    jobs = [5_000_000] * 4
    start = time.perf_counter()
    alone = [count(n) for n in jobs]
    one = time.perf_counter() - start
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = list(pool.map(count, jobs))
    two = time.perf_counter() - start
    # #endregion main
    assert pooled == alone
    # The speed-up is computed from the rounded times printed, so a reader can check it.
    one, two = round(one, 2), round(two, 2)
    print(f"1 process:   {one:.2f} s")
    print(f"2 processes: {two:.2f} s, speed-up {one:.2f} / {two:.2f} = {one / two:.1f}×")
