"""Hostile servers for the fault-injection suite: loopback only, started and stopped by the tests.

`HostileServer` answers each path with a *behaviour*: a function that gets the raw socket and writes
whatever it likes (a drip, an endless body, a gzip bomb, a header that never ends). It counts the bytes
each path actually sent, so a test can prove the client stopped reading early without sending 50 MB.
Every behaviour is bounded: it stops when the client hangs up or after a fixed number of bytes/seconds.
"""
from __future__ import annotations

import socket
import socketserver
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable

Behaviour = Callable[[socket.socket, "Request"], None]


# ---------------------------------------------------------------- hostile bodies (also timed by
# benchmarks/bench_hostile_inputs.py: the tests check what happens, the benchmark how long it takes)

def five_megabyte_page(paragraph: str) -> bytes:
    """20,000 scripts, then 25,000 paragraphs: ~14 s of trafilatura if nothing cut it first."""
    return ("<html><head>" + "<script>var tracking = 'x';</script>" * 20_000 + "</head><body><article>"
            + "".join(f"<p>{paragraph} Paragraph {i}.</p>" for i in range(25_000)) + "</article></body></html>").encode()


def deeply_nested_page(paragraph: str) -> bytes:
    return ("<html><body>" + "<div>" * 10_000 + f"<p>{paragraph}</p>" + "</div>" * 10_000 + "</body></html>").encode()


def unclosed_script_flood(paragraph: str) -> bytes:
    return b"<html><body><article><p>" + paragraph.encode() * 3 + b"</p></article>" + b"<script>" * 400_000


def billion_laughs_feed() -> bytes:
    """Nine levels of entities, each ten of the one below: 10^9 "lol"s if a parser expanded them."""
    laughs = "".join(f'<!ENTITY l{n} "{("&l%d;" % (n - 1)) * 10}">' for n in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">{laughs}]>'
            '<rss version="2.0"><channel><title>&l9;</title><item><title>&l9;</title>'
            "<link>http://127.0.0.1:9/a.html</link></item></channel></rss>").encode()


class Request:
    def __init__(self, method: str, path: str, headers: dict[str, str]):
        self.method, self.path, self.headers = method, path, headers


class HostileServer:
    """A threaded TCP server on 127.0.0.1 speaking just enough HTTP/1.1 to misbehave on purpose."""

    def __init__(self) -> None:
        self.behaviours: dict[str, Behaviour] = {}
        self.sent: Counter[str] = Counter()
        self.hits: Counter[str] = Counter()
        self.finished: Counter[str] = Counter()
        self.stop = threading.Event()
        server = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                self.request.settimeout(30)
                request = _read_request(self.request)
                if request is None:
                    return
                server.hits[request.path] += 1
                behaviour = server.behaviours.get(request.path, not_found)
                counting = _CountingSocket(self.request, server.sent, request.path)
                try:
                    behaviour(counting, request)  # type: ignore[arg-type]
                except OSError:
                    pass  # the client hung up: that is usually the point
                finally:
                    server.finished[request.path] += 1

        class Server(socketserver.ThreadingTCPServer):
            daemon_threads = True
            allow_reuse_address = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def add(self, path: str, behaviour: Behaviour) -> str:
        self.behaviours[path] = behaviour
        return self.url + path

    def wait_finished(self, path: str, count: int = 1, timeout: float = 15.0) -> bool:
        """Wait (bounded) until `path` has been answered `count` times, so `sent` is final."""
        deadline = time.monotonic() + timeout
        while self.finished[path] < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.finished[path] >= count

    def close(self) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


class _CountingSocket:
    def __init__(self, sock: socket.socket, counter: Counter[str], path: str):
        self._sock, self._counter, self._path = sock, counter, path

    def sendall(self, data: bytes) -> None:
        self._sock.sendall(data)
        self._counter[self._path] += len(data)

    def recv(self, size: int) -> bytes:
        return self._sock.recv(size)


def _read_request(sock: socket.socket) -> Request | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk or len(data) > 65536:
            return None
        data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    method, path, _ = (head[0].split(" ") + ["", "", ""])[:3]
    headers = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return Request(method, path, headers)


def head(status: int = 200, headers: dict[str, str] | None = None, reason: str = "X") -> bytes:
    lines = [f"HTTP/1.1 {status} {reason}"] + [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


# ---------------------------------------------------------------- behaviours


def not_found(sock: socket.socket, request: Request) -> None:
    sock.sendall(head(404, {"Content-Length": "0", "Connection": "close"}))


def respond(body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200,
            headers: dict[str, str] | None = None) -> Behaviour:
    """An ordinary answer (the baseline the other behaviours distort)."""
    def behaviour(sock: socket.socket, request: Request) -> None:
        sock.sendall(head(status, {"Content-Type": content_type, "Content-Length": str(len(body)),
                                   "Connection": "close", **(headers or {})}) + body)
    return behaviour


def sequence(*behaviours: Behaviour) -> Behaviour:
    """The n-th request gets the n-th behaviour (the last one repeats): a server that changes its mind."""
    calls = [0]

    def behaviour(sock: socket.socket, request: Request) -> None:
        n = min(calls[0], len(behaviours) - 1)
        calls[0] += 1
        behaviours[n](sock, request)
    return behaviour


def drip_body(seconds: float = 30.0) -> Behaviour:
    """Headers at once, then one body byte per second (each well inside the read timeout)."""
    def behaviour(sock: socket.socket, request: Request) -> None:
        sock.sendall(head(200, {"Content-Type": "text/html", "Content-Length": "100000", "Connection": "close"}))
        for _ in range(int(seconds)):
            sock.sendall(b"x")
            time.sleep(1)
    return behaviour


def drip_headers(seconds: float = 30.0) -> Behaviour:
    """A status line, then a header that grows one byte per second and never ends."""
    def behaviour(sock: socket.socket, request: Request) -> None:
        sock.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        for _ in range(int(seconds)):
            sock.sendall(b"a")
            time.sleep(1)
    return behaviour


def silent(seconds: float = 30.0) -> Behaviour:
    """Accept the connection, read the request, never answer (until the client hangs up)."""
    def behaviour(sock: socket.socket, request: Request) -> None:
        sock.recv(1)  # returns when the client closes; the handler's 30 s socket timeout bounds it
    return behaviour


def endless_body(limit: int = 50_000_000, declare_length: bool = False) -> Behaviour:
    """Up to `limit` bytes of HTML filler; without a Content-Length the client must count for itself."""
    chunk = b"<p>" + b"filler " * 9000 + b"</p>\n"

    def behaviour(sock: socket.socket, request: Request) -> None:
        headers = {"Content-Type": "text/html", "Connection": "close"}
        if declare_length:
            headers["Content-Length"] = str(limit)
        sock.sendall(head(200, headers))
        sent = 0
        while sent < limit:
            sock.sendall(chunk)
            sent += len(chunk)
    return behaviour


def gzip_bomb(decoded_bytes: int = 1 << 30) -> Behaviour:
    """Content-Encoding: gzip of `decoded_bytes` zeros: ~1 MB on the wire for 1 GB, built without compressing 1 GB.

    One 1 MB segment of zeros is deflated once and ended with a full flush, which makes it independent of
    what came before, so the same bytes repeated are a valid deflate stream; the trailer's CRC is computed
    only if a client reads that far.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    segment = compressor.compress(bytes(1 << 20)) + compressor.flush(zlib.Z_FULL_FLUSH)
    gzip_header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"

    def behaviour(sock: socket.socket, request: Request) -> None:
        sock.sendall(head(200, {"Content-Type": "text/html", "Content-Encoding": "gzip", "Connection": "close"})
                     + gzip_header)
        for _ in range(decoded_bytes >> 20):
            sock.sendall(segment)
        crc = 0
        for _ in range(decoded_bytes >> 20):
            crc = zlib.crc32(bytes(1 << 20), crc)
        sock.sendall(b"\x03\x00" + struct.pack("<II", crc, decoded_bytes & 0xFFFFFFFF))
    return behaviour


def redirect(location: str, status: int = 302) -> Behaviour:
    return respond(b"", status=status, headers={"Location": location})
