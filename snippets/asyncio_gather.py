"""Three waits on one thread: asyncio overlaps them, so the total is the longest."""
import asyncio
import time


# #region main
async def fetch(name: str, seconds: float) -> str:
    await asyncio.sleep(seconds)  # yields to the event loop while waiting
    return f"{name} after {seconds} s"


async def main() -> None:
    start = time.perf_counter()
    results = await asyncio.gather(
        fetch("a", 0.3), fetch("b", 0.1), fetch("c", 0.2)
    )
    print(results)
    print(f"total: {time.perf_counter() - start:.2f} s")


asyncio.run(main())
# #endregion main
