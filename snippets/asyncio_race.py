"""Check, await, act: a race on one thread under asyncio, and asyncio.Lock as its fix."""
import asyncio

balance = 100


# #region main
async def withdraw(amount: int) -> str:
    global balance
    if balance >= amount:  # check
        await asyncio.sleep(0.1)  # ask the bank: other coroutines run now
        balance -= amount  # act, on a check that may be stale
        return f"paid {amount}"
    return f"refused {amount}"


async def main() -> None:
    global balance
    print(await asyncio.gather(withdraw(80), withdraw(80)), "balance:", balance)

    balance, lock = 100, asyncio.Lock()

    async def withdraw_locked(amount: int) -> str:
        async with lock:  # check and act as one step
            return await withdraw(amount)

    print(await asyncio.gather(withdraw_locked(80), withdraw_locked(80)), "balance:", balance)


asyncio.run(main())
# #endregion main
