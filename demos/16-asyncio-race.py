import asyncio

balance = 100
async def withdraw(amount: int) -> str:
    global balance
    if balance < amount:  # check
        return "refused"
    await asyncio.sleep(0.1)  # ask the bank: others run now
    balance -= amount  # act, on a check that may be stale
    return "paid"

async def locked(lock: asyncio.Lock, amount: int) -> str:
    async with lock:  # check and act as one step
        return await withdraw(amount)

async def main() -> None:
    global balance
    both = await asyncio.gather(withdraw(80), withdraw(80))
    print("no lock:  ", both, "balance", balance)
    balance, lock = 100, asyncio.Lock()
    both = await asyncio.gather(locked(lock, 80), locked(lock, 80))
    print("with Lock:", both, "balance", balance)
asyncio.run(main())
