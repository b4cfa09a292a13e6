"""Canonical article URLs, so one page reached through two feeds (or with tracking tags) is one article."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

_TRACKING_PARAM = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|yclid|mc_[a-z]+|igshid|ocid|cmpid|sr_share|at_[a-z_]+|"
    r"__twitter_impression|smid|taid|ref_src|outputtype|amp|xtor|ito|_ga|_gl|_hsenc|_hsmi|mkt_tok|"
    r"ns_[a-z_]+|soc_src|soc_trk|guccounter|guce_[a-z_]+|wt\.[a-z_]+|cmp)$",
    re.IGNORECASE,
)
_AMP_PATH = re.compile(r"(/amp)(?=/|$)|(\.amp)(?=\.html?$|$)", re.IGNORECASE)
_MOBILE_HOST = re.compile(r"^(m|mobile|amp)\.", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str, base: str | None = None) -> str:
    """Return the URL with tracking parameters, fragments, AMP and mobile variants removed."""
    absolute = urljoin(base, url.strip()) if base else url.strip()
    parts = urlsplit(absolute)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    host = _MOBILE_HOST.sub("", host) if host.count(".") >= 2 else host
    netloc = host
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    path = _AMP_PATH.sub("", parts.path) or "/"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAM.match(k)]
    )
    return urlunsplit((scheme, netloc, path, query, ""))
