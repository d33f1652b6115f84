import asyncio


class Queue:
    def __init__(self):
        self._q = asyncio.Queue()

    async def put(self, item):
        await self._q.put(item)

    async def get(self):
        return await self._q.get()
