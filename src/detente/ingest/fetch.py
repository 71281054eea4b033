"""Fetching URLs safely: timeouts, a size cap, a redirect limit, and no private addresses.

Every hop of a redirect chain is checked the same way as the first URL: the host is
resolved and *every* address it resolves to must be public, unless
``IngestOptions.allow_private`` is set (local testing). The address the connection then
reaches is checked again, so a host that resolves differently the second time (DNS
rebinding) gets its answer dropped unread.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

import httpx

from detente.config import IngestOptions
from detente.errors import IngestError, UnsafeURLError
from detente.ingest.decode import cap_message

__all__ = ["Fetched", "Fetcher", "check_url"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched response: the final URL, its media type and charset, and the body."""

    url: str
    media_type: str
    charset: str | None
    body: bytes


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _unsafe(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
        or not address.is_global
    )


def check_url(url: str, *, allow_private: bool, input: str | None = None) -> None:
    """Raise IngestError for a URL we will not fetch (bad scheme, unresolvable host) and
    UnsafeURLError when its host resolves to a non-public address. Errors name ``input``
    (the URL the user gave, when ``url`` is a redirect hop), else ``url``."""
    name = input or url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise IngestError(name, "invalid URL") from None
    if parts.scheme not in ("http", "https"):
        raise IngestError(name, f"unsupported URL scheme {parts.scheme!r}")
    host = parts.hostname
    if not host:
        raise IngestError(name, "URL has no host")
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise IngestError(name, f"cannot resolve host {host!r}") from None
    if allow_private:
        return
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if _unsafe(address):
            raise UnsafeURLError(
                name,
                f"refused: {host} resolves to non-public address {address} "
                "(--allow-private allows it)",
            )


def _check_peer(response: httpx.Response, url: str, input: str) -> None:
    """Raise UnsafeURLError when the connection went to a non-public address although the
    host resolved to public ones a moment before (DNS rebinding): the answer is dropped
    unread. A proxy the environment sets is the peer then, and is trusted."""
    if urllib.request.getproxies() and not urllib.request.proxy_bypass(
            urlsplit(url).hostname or ""):
        return
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if not peer:
        return
    try:
        address = ipaddress.ip_address(str(peer[0]).split("%", 1)[0])
    except ValueError:
        return
    if _unsafe(address):
        raise UnsafeURLError(
            input,
            f"refused: {urlsplit(url).hostname} connected to non-public address {address} "
            "after resolving to public ones (--allow-private allows it)",
        )


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    if not content_type:
        return "", None
    message = Message()
    message["content-type"] = content_type
    charset = message.get_param("charset")
    return message.get_content_type().lower(), charset if isinstance(charset, str) else None


class Fetcher:
    """One HTTP client for a run (connection reuse across a feed's items). Close it."""

    def __init__(self, options: IngestOptions) -> None:
        self._options = options
        self._client: httpx.Client | None = None

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                follow_redirects=False,
                timeout=self._options.timeout,
                headers={"User-Agent": self._options.user_agent},
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def get(self, url: str) -> Fetched:
        """The body of ``url`` after at most ``max_redirects`` checked redirects.
        Raises IngestError (naming the URL given) with a one-line reason."""
        options = self._options
        current = url
        for _hop in range(options.max_redirects + 1):
            check_url(current, allow_private=options.allow_private, input=url)
            try:
                fetched = self._get_once(current, input=url)
            except httpx.TimeoutException:
                raise IngestError(url, f"timed out after {options.timeout:g} s") from None
            except httpx.ConnectError as exc:
                reason = _one_line(str(exc)) or type(exc).__name__
                if "refused" in reason.lower():
                    reason = "connection refused"
                raise IngestError(url, f"unreachable: {reason}") from None
            except httpx.HTTPError as exc:
                reason = _one_line(str(exc)) or type(exc).__name__
                raise IngestError(url, f"fetch failed: {reason}") from None
            if isinstance(fetched, str):
                current = fetched
                continue
            return fetched
        raise IngestError(url, f"more than {options.max_redirects} redirects")

    def _get_once(self, url: str, *, input: str) -> Fetched | str:
        """The response, or the next URL when it is a redirect."""
        cap = self._options.max_bytes
        with self._http().stream("GET", url) as response:
            if not self._options.allow_private:
                _check_peer(response, url, input)
            if response.status_code in _REDIRECTS and "location" in response.headers:
                return urljoin(url, response.headers["location"])
            if response.status_code >= 400:
                raise IngestError(input, f"HTTP error {response.status_code}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cap:
                raise IngestError(input, cap_message(int(declared), cap, "response"))
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > cap:
                    raise IngestError(input, cap_message(None, cap, "response"))
            media_type, charset = _media_type(response.headers.get("content-type"))
            return Fetched(str(response.url), media_type, charset, bytes(body))
