"""Real HTTP over loopback: limits, conditional GET and the address policy."""
from __future__ import annotations

import pytest

from extractors.fetch import FetchError, HttpPolicy, Trust, fetch, new_client, post

POLICY = HttpPolicy(timeout_seconds=2, max_bytes=10_000)


def get(url, trust=Trust.CONFIGURED, **kw):
    with new_client(POLICY) as client:
        return fetch(client, url, POLICY, trust, **kw)


def test_conditional_get_returns_not_modified(site):
    url = site.add("/f.xml", "<rss/>", "application/rss+xml")
    first = get(url)
    assert first.status == 200 and first.etag
    again = get(url, etag=first.etag)
    assert again.not_modified and again.body == b""
    assert site.requests[-1][1]["If-None-Match"] == first.etag


def test_a_body_over_the_cap_is_refused(site):
    url = site.add("/big.html", b"x" * 20_000)
    with pytest.raises(FetchError, match="exceeds the 10000-byte cap"):
        get(url)


@pytest.mark.parametrize(("status", "reason"), [(404, "HTTP 404"), (500, "HTTP 500"),
                                                (429, "HTTP 429 (retry after 120)")])
def test_http_errors_are_one_line_with_the_status(site, status, reason):
    url = site.add("/e", "x", status=status, headers={"Retry-After": "120"})
    with pytest.raises(FetchError) as err:
        get(url)
    assert str(err.value) == f"{url}: {reason}"


def test_redirects_are_followed_and_loops_stop(site):
    target = site.add("/target", "ok")
    hop = site.add("/hop", "", status=302, headers={"Location": "/target"})
    assert get(hop).final_url == target
    loop = site.add("/loop", "", status=302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        get(loop)


def test_loopback_links_are_allowed_only_from_a_private_feed(site):
    url = site.add("/a.html", "ok")
    assert get(url, Trust.PRIVATE_OK).status == 200
    with pytest.raises(FetchError, match="is private, and the feed is public"):
        get(url, Trust.PUBLIC_ONLY)


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/x"])
def test_link_local_and_metadata_addresses_are_always_refused(url):
    with pytest.raises(FetchError, match="link-local"):
        get(url, Trust.PRIVATE_OK)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "data:text/html,hi"])
def test_non_http_schemes_are_refused(url):
    with pytest.raises(FetchError, match="is not http or https"):
        get(url, Trust.PRIVATE_OK)


def test_a_redirect_from_a_public_feed_link_to_loopback_is_refused_at_the_hop(site):
    hop = site.add("/hop2", "", status=302, headers={"Location": "http://169.254.169.254/"})
    with pytest.raises(FetchError, match="link-local"):
        get(hop, Trust.CONFIGURED)


def test_post_sends_the_body_and_returns_the_status():
    from tests.test_scheduling import Webhook

    hook = Webhook()
    hook.status = 204
    try:
        with new_client(POLICY) as client:
            assert post(client, hook.url, b'{"event": "incident.new"}', POLICY) == 204
    finally:
        hook.close()
    assert hook.bodies == [{"event": "incident.new"}]


def test_a_failed_post_is_a_one_line_fetch_error_and_non_http_is_refused():
    from tests.test_scheduling import Webhook

    hook = Webhook()  # answers 500
    try:
        with new_client(POLICY) as client, pytest.raises(FetchError) as err:
            post(client, hook.url, b"{}", POLICY)
        assert str(err.value) == f"{hook.url}: HTTP 500"
        with new_client(POLICY) as client, pytest.raises(FetchError, match="scheme 'file'"):
            post(client, "file:///etc/passwd", b"{}", POLICY)
    finally:
        hook.close()
