import asyncio

from aioq.queue import Queue


def test_fifo():
    async def run():
        q = Queue()
        await q.put(1)
        await q.put(2)
        return [await q.get(), await q.get()]
    assert asyncio.run(run()) == [1, 2]


def test_priority():
    async def run():
        q = Queue(priority=True)
        await q.put(5)
        await q.put(1)
        return await q.get()
    assert asyncio.run(run()) == 1
