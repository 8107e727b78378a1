import asyncio
import time

async def fetch(name: str, seconds: float) -> str:
    await asyncio.sleep(seconds)  # the loop runs others
    print(f"{name} done at {time.perf_counter() - start:.2f} s")
    return f"{name} after {seconds} s"

async def main() -> None:
    results = await asyncio.gather(
        fetch("a", 0.3), fetch("b", 0.1), fetch("c", 0.2)
    )
    print(results)
    print(f"total: {time.perf_counter() - start:.2f} s")

start = time.perf_counter()
asyncio.run(main())
