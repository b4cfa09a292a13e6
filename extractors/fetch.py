"""The one HTTP module: bounded GETs with conditional headers and an address policy, and the webhook POST.

feedparser has no timeout and trafilatura's fetcher refuses loopback and can stall, so basewatch fetches
every byte itself and hands the bytes to the parsers. Every failure is a `FetchError` that prints as one
line: the URL, then the reason.

Address policy (tests and the demo rely on it exactly):
- a feed URL the user configured is trusted whatever its address;
- an article link may resolve to a private or loopback address only when its feed is on one itself;
- link-local and cloud-metadata addresses (169.254.0.0/16, fe80::/10) are refused for every link;
- only http and https are fetched, and every redirect hop is checked by the same rules (a redirect from a
  configured feed counts as one of its links);
- the address actually connected is checked again, so DNS that changes its answer between the check and
  the connection (rebinding) gains nothing.
Limits: a per-read timeout, a total deadline of twice that for the whole fetch, and a size cap on the
decoded body (a gzip bomb stops at the cap). `post` sends a webhook's alerts under the same limits.
"""
from __future__ import annotations

import enum
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from functools import cache
from urllib.parse import urljoin, urlsplit

import httpx

_REDIRECTS = {301, 302, 303, 307, 308}


class FetchError(Exception):
    """A URL could not be fetched; str() is `URL: reason`."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class Trust(enum.Enum):
    CONFIGURED = "configured"  # the user's own feed URL
    PRIVATE_OK = "private-ok"  # links from a feed that is itself on a private/loopback address
    PUBLIC_ONLY = "public-only"  # links from a public feed


@dataclass(frozen=True)
class HttpPolicy:
    timeout_seconds: float = 20.0
    max_bytes: int = 10_000_000
    user_agent: str = "basewatch/0.1 (news monitor; +https://example.org/basewatch)"
    max_redirects: int = 5


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def new_client(policy: HttpPolicy) -> httpx.Client:
    """One client per worker: redirects are followed by hand so each hop meets the address policy."""
    return httpx.Client(
        follow_redirects=False,
        timeout=httpx.Timeout(policy.timeout_seconds),
        headers={"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"},
        trust_env=False,
        verify=_tls_context(),
    )


@cache
def _tls_context() -> ssl.SSLContext:
    """httpx's default verification, built once: loading the CA bundle costs ~19 ms of CPU per client,
    more than reading a page. An SSLContext is safe to share between clients and threads."""
    return httpx.create_ssl_context()


def is_private_host(url: str) -> bool:
    """True when the URL's host resolves to a private, loopback or otherwise non-public address."""
    return any(not address.is_global for address in _resolve(url))


def trust_for_links(feed_url: str) -> Trust:
    try:
        return Trust.PRIVATE_OK if is_private_host(feed_url) else Trust.PUBLIC_ONLY
    except FetchError:
        return Trust.PUBLIC_ONLY


def fetch(
    client: httpx.Client,
    url: str,
    policy: HttpPolicy,
    trust: Trust,
    etag: str | None = None,
    last_modified: str | None = None,
) -> Fetched:
    """GET `url` within the policy's time and size limits; a 304 answer is returned, not raised.

    The whole fetch, redirects included, ends by a total deadline of twice the per-read timeout, even
    when a server drips its headers or body a byte at a time.
    """
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    with _Guard(url, policy.timeout_seconds * 2) as guard:
        current = url
        for hop in range(policy.max_redirects + 1):
            hop_trust = trust if hop == 0 else _hop_trust(trust, url)
            try:
                _check_address(current, hop_trust)
            except FetchError as exc:
                if hop == 0:
                    raise
                raise FetchError(url, f"redirected to {current}: {exc.reason}") from exc
            guard.trust = hop_trust
            response = _request(client, "GET", url, current, headers, policy, guard)
            if response.status in _REDIRECTS and response.location:
                current = urljoin(current, response.location)
                continue
            if response.status == 304 or 200 <= response.status < 300:
                return Fetched(url, current, response.status, response.body, response.content_type,
                               response.etag, response.last_modified)
            raise FetchError(url, _status_reason(response))
    raise FetchError(url, f"more than {policy.max_redirects} redirects")


def post(client: httpx.Client, url: str, body: bytes, policy: HttpPolicy, trust: Trust = Trust.CONFIGURED,
         content_type: str = "application/json") -> int:
    """POST `body` to `url` within the same limits as `fetch`, and return the 2xx status.

    Anything else raises a `FetchError` worded as a fetch's are, so retries treat both alike. Redirects are
    not followed: a POST that a server moves elsewhere is a configuration to fix, not a hop to make.
    """
    with _Guard(url, policy.timeout_seconds * 2) as guard:
        _check_address(url, trust)
        guard.trust = trust
        response = _request(client, "POST", url, url, {"Content-Type": content_type}, policy, guard, body)
    if not 200 <= response.status < 300:
        raise FetchError(url, _status_reason(response))
    return response.status


class _Guard:
    """Enforces what httpx cannot: a total deadline, and the address policy on the address actually connected.

    httpx's timeouts are per read, so a server sending one byte a second holds a worker forever; at the
    deadline the guard shuts down the fetch's sockets, which ends any read at once. Through httpcore's
    `trace` extension it also sees each new connection and refuses a peer the policy forbids, so a host
    name that resolves to a public address for the check and a private one for the connection
    (DNS rebinding) is still refused.
    """

    def __init__(self, url: str, total_seconds: float):
        self.url = url
        self.total_seconds = total_seconds
        self.trust = Trust.CONFIGURED
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._done = False
        self._deadline = time.monotonic() + total_seconds
        self._timer = threading.Timer(total_seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Guard:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()
        with self._lock:
            self._done = True

    @property
    def past_deadline(self) -> bool:
        return self.expired or time.monotonic() > self._deadline

    def deadline_error(self) -> FetchError:
        return FetchError(self.url, f"gave up at the {self.total_seconds:g} s total deadline")

    def trace(self, event: str, info: dict) -> None:
        if event != "connection.connect_tcp.complete":
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if sock is None:
            return
        peer = _peer_address(sock)
        refusal = _refusal(peer, self.trust) if peer is not None else None
        if refusal:
            stream.close()
            raise FetchError(self.url, f"{refusal} (connected address)")
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shutdown(sock)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            for sock in self._sockets:
                _shutdown(sock)


def _peer_address(sock: socket.socket) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(sock.getpeername()[0].split("%")[0])
    except (OSError, ValueError, IndexError):
        return None


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


@dataclass(frozen=True)
class _Response:
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    location: str | None
    retry_after: str | None


def _request(client: httpx.Client, method: str, url: str, current: str, headers: dict[str, str], policy: HttpPolicy,
             guard: _Guard, content: bytes | None = None) -> _Response:
    try:
        with client.stream(method, current, headers=headers, content=content,
                           extensions={"trace": guard.trace}) as response:
            body = bytearray()
            if response.status_code == 200:
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > policy.max_bytes:
                    raise FetchError(url, f"body of {declared} bytes exceeds the {policy.max_bytes}-byte cap")
                decoder = _Decoder(url, response.headers.get("Content-Encoding", ""), policy.max_bytes)
                for raw in response.iter_raw():
                    body += decoder.decode(raw, len(body))
                    if guard.past_deadline:
                        raise guard.deadline_error()
                body += decoder.flush(len(body))
            return _Response(
                status=response.status_code,
                body=bytes(body),
                content_type=response.headers.get("Content-Type", ""),
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
                location=response.headers.get("Location"),
                retry_after=response.headers.get("Retry-After"),
            )
    except httpx.HTTPError as exc:
        if guard.past_deadline:
            raise guard.deadline_error() from exc
        if isinstance(exc, httpx.TimeoutException):
            raise FetchError(url, f"timed out after {policy.timeout_seconds:g} s") from exc
        if isinstance(exc, httpx.ConnectError):
            raise FetchError(url, _connect_reason(exc)) from exc
        raise FetchError(url, f"{type(exc).__name__}: {exc}") from exc


class _Decoder:
    """Content-Encoding undone here, a bounded step at a time, so the size cap counts decoded bytes
    and a gzip bomb stops after `max_bytes` instead of inflating a whole network chunk a thousandfold."""

    def __init__(self, url: str, content_encoding: str, max_bytes: int):
        self.url = url
        self.max_bytes = max_bytes
        codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip().lower() not in ("", "identity")]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise FetchError(url, f"unsupported content encoding {content_encoding!r}")
        self.coding = codings[0] if codings else None
        wbits = 16 + zlib.MAX_WBITS if self.coding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._zlib = zlib.decompressobj(wbits) if self.coding else None
        self._started = False

    def decode(self, data: bytes, have: int) -> bytes:
        if self._zlib is None:
            return self._checked(data, have)
        out = bytearray()
        while data:
            room = self.max_bytes - have - len(out) + 1
            try:
                out += self._zlib.decompress(data, room)
            except zlib.error as exc:
                if self.coding == "deflate" and not self._started:  # raw deflate, as some servers send
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._started = True
                    continue
                raise FetchError(self.url, f"undecodable {self.coding} content ({exc})") from exc
            self._started = True
            self._checked(b"", have + len(out))
            data = self._zlib.unconsumed_tail
            if self._zlib.eof:
                break
        return bytes(out)

    def flush(self, have: int) -> bytes:
        return self._checked(self._zlib.flush(), have) if self._zlib is not None else b""

    def _checked(self, data: bytes, have: int) -> bytes:
        if have + len(data) > self.max_bytes:
            raise FetchError(self.url, f"body exceeds the {self.max_bytes}-byte cap")
        return data


def _status_reason(response: _Response) -> str:
    reason = f"HTTP {response.status}"
    if response.status in (429, 503) and response.retry_after:
        reason += f" (retry after {response.retry_after})"
    return reason


def _connect_reason(exc: httpx.ConnectError) -> str:
    text = str(exc)
    if "Name or service not known" in text or "nodename nor servname" in text or "Temporary failure" in text:
        return "DNS lookup failed"
    if "Connection refused" in text:
        return "connection refused"
    return f"cannot connect ({text})"


def _hop_trust(trust: Trust, url: str) -> Trust:
    """A redirect from a configured feed is judged like one of its links: private only from a private feed."""
    return trust_for_links(url) if trust is Trust.CONFIGURED else trust


def _check_address(url: str, trust: Trust) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(url, f"refused: scheme {scheme or 'none'!r} is not http or https")
    if trust is Trust.CONFIGURED:
        return
    for address in _resolve(url):
        refusal = _refusal(address, trust)
        if refusal:
            raise FetchError(url, refusal)


def _refusal(address: ipaddress.IPv4Address | ipaddress.IPv6Address, trust: Trust) -> str | None:
    """Why the policy forbids this address for a link of this trust, or None when it is allowed."""
    if trust is Trust.CONFIGURED:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_link_local or (address.version == 6 and address in _FE80):
        return f"refused: {address} is a link-local/metadata address"
    if not address.is_global and trust is Trust.PUBLIC_ONLY:
        return f"refused: {address} is private, and the feed is public"
    return None


_FE80 = ipaddress.ip_network("fe80::/10")


def _resolve(url: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    host = urlsplit(url).hostname
    if not host:
        raise FetchError(url, "no host in URL")
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(url, "DNS lookup failed") from exc
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
