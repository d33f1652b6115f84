import asyncio


class Queue:
    def __init__(self, priority=False):
        self._q = asyncio.PriorityQueue() if priority else asyncio.Queue()

    async def put(self, item):
        await self._q.put(item)

    async def get(self):
        return await self._q.get()
