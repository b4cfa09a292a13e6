"""The one HTTP module: bounded GETs with conditional headers and an address policy.

feedparser has no timeout and trafilatura's fetcher refuses loopback and can stall, so basewatch fetches
every byte itself and hands the bytes to the parsers. Every failure is a `FetchError` that prints as one
line: the URL, then the reason.

Address policy (tests and the demo rely on it exactly):
- a feed URL the user configured is trusted whatever its address;
- an article link may resolve to a private or loopback address only when its feed is on one itself;
- link-local and cloud-metadata addresses (169.254.0.0/16, fe80::/10) are refused for every link;
- only http and https are fetched, and every redirect hop is checked by the same rules.
"""
from __future__ import annotations

import enum
import ipaddress
import socket
import time
from dataclasses import dataclass
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
    )


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
    """GET `url` within the policy's time and size limits; a 304 answer is returned, not raised."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + policy.timeout_seconds * 2
    current = url
    for hop in range(policy.max_redirects + 1):
        _check_address(current, trust if hop == 0 else _hop_trust(trust))
        response = _get(client, url, current, headers, policy, deadline)
        if response.status in _REDIRECTS and response.location:
            current = urljoin(current, response.location)
            continue
        if response.status == 304 or 200 <= response.status < 300:
            return Fetched(url, current, response.status, response.body, response.content_type,
                           response.etag, response.last_modified)
        raise FetchError(url, _status_reason(response))
    raise FetchError(url, f"more than {policy.max_redirects} redirects")


@dataclass(frozen=True)
class _Response:
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    location: str | None
    retry_after: str | None


def _get(client: httpx.Client, url: str, current: str, headers: dict[str, str], policy: HttpPolicy,
         deadline: float) -> _Response:
    try:
        with client.stream("GET", current, headers=headers) as response:
            body = bytearray()
            if response.status_code == 200:
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > policy.max_bytes:
                    raise FetchError(url, f"body of {declared} bytes exceeds the {policy.max_bytes}-byte cap")
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > policy.max_bytes:
                        raise FetchError(url, f"body exceeds the {policy.max_bytes}-byte cap")
                    if time.monotonic() > deadline:
                        raise FetchError(url, f"download took longer than {policy.timeout_seconds * 2:.0f} s")
            return _Response(
                status=response.status_code,
                body=bytes(body),
                content_type=response.headers.get("Content-Type", ""),
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
                location=response.headers.get("Location"),
                retry_after=response.headers.get("Retry-After"),
            )
    except httpx.TimeoutException as exc:
        raise FetchError(url, f"timed out after {policy.timeout_seconds:g} s") from exc
    except httpx.ConnectError as exc:
        raise FetchError(url, _connect_reason(exc)) from exc
    except httpx.DecodingError as exc:
        raise FetchError(url, f"undecodable content encoding ({exc})") from exc
    except httpx.HTTPError as exc:
        raise FetchError(url, f"{type(exc).__name__}: {exc}") from exc


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


def _hop_trust(trust: Trust) -> Trust:
    """A redirect from a configured feed is judged like one of its links."""
    return Trust.PRIVATE_OK if trust is Trust.CONFIGURED else trust


def _check_address(url: str, trust: Trust) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(url, f"refused: scheme {scheme or 'none'!r} is not http or https")
    if trust is Trust.CONFIGURED:
        return
    for address in _resolve(url):
        if address.is_link_local or (address.version == 6 and address in _FE80):
            raise FetchError(url, f"refused: {address} is a link-local/metadata address")
        if not address.is_global and trust is Trust.PUBLIC_ONLY:
            raise FetchError(url, f"refused: {address} is private, and the feed is public")


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
