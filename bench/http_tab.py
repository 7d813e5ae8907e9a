"""HTTP as one browser tab fetches: keep-alive connections, at most six to a host, all in one event loop.

The classroom benchmark's sessions used to make each GET on a new
connection in a pool of six threads shared by all thirty sessions, so one
tab's map files waited behind every other tab's scripts, as no classroom
of browsers does, and each file cost the server a new connection. Here
each session has its own six connections, reused as a browser reuses them,
and no thread is involved.
"""

from __future__ import annotations

import asyncio
import urllib.parse

CONNECTIONS_PER_HOST = 6  # what browsers open to one host over HTTP/1.1
TIMEOUT_S = 120.0


class HTTPError(RuntimeError):
    """A response other than 200, or one the server cut short."""


class Connection:
    """One keep-alive connection to the server."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.reusable = True

    async def get(self, host: str, target: str) -> bytes:
        request = (
            f"GET {target} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: gzip\r\n"
            "Connection: keep-alive\r\nUser-Agent: classroom-benchmark\r\n\r\n"
        )
        self.writer.write(request.encode("ascii"))
        await self.writer.drain()
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = head[0].split(" ", 2)
        headers = {}
        for line in head[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        if headers.get("connection", "").lower() == "close":
            self.reusable = False
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = await self.read_chunked()
        else:
            self.reusable = False
            body = await self.reader.read()
        if len(status) < 2 or status[1] != "200":
            raise HTTPError(f"GET {target}: {head[0]}")
        return body

    async def read_chunked(self) -> bytes:
        parts = []
        while True:
            size = int((await self.reader.readline()).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while (await self.reader.readline()) not in (b"\r\n", b""):
                    pass  # trailers
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readexactly(2)

    def close(self) -> None:
        self.writer.close()


class Tab:
    """The connections of one tab to one server."""

    def __init__(self, base: str) -> None:
        parts = urllib.parse.urlsplit(base)
        self.base = base
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.idle: list[Connection] = []
        self.slots = asyncio.Semaphore(CONNECTIONS_PER_HOST)

    async def get(self, address: str) -> bytes:
        """The body of a GET (as sent: compressed if the server compressed it)."""
        parts = urllib.parse.urlsplit(urllib.parse.urljoin(self.base, address))
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        async with self.slots:
            while self.idle:
                # A connection left idle may have been closed by the server (its keep-alive
                # timeout): as a browser does, send the request again on a new one.
                connection = self.idle.pop()
                try:
                    return await self.send(connection, target)
                except (asyncio.IncompleteReadError, ConnectionError):
                    continue
            return await self.send(Connection(*await self.connect()), target)

    async def send(self, connection: Connection, target: str) -> bytes:
        try:
            body = await asyncio.wait_for(connection.get(f"{self.host}:{self.port}", target), TIMEOUT_S)
        except BaseException:
            connection.close()
            raise
        if connection.reusable:
            self.idle.append(connection)
        else:
            connection.close()
        return body

    async def connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        return await asyncio.wait_for(asyncio.open_connection(self.host, self.port), TIMEOUT_S)

    async def get_all(self, addresses: list[str]) -> list[bytes]:
        return list(await asyncio.gather(*(self.get(address) for address in addresses)))

    def close(self) -> None:
        for connection in self.idle:
            connection.close()
        self.idle.clear()
