"""One Settings object, built once at run start and passed down.

Precedence: explicit values (flow parameters, CLI options) > `BASEWATCH_*` environment variables >
a TOML file (`BASEWATCH_CONFIG`, else `./basewatch.toml` when present) > packaged defaults.
"""
from __future__ import annotations

import dataclasses
import json
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from extractors.fetch import HttpPolicy
from extractors.records import FeedConfig


class ConfigError(Exception):
    """Bad configuration; str() is one line naming the file or variable and the reason."""


@dataclass(frozen=True)
class Settings:
    db_path: Path = Path("basewatch.duckdb")
    feeds_file: Path | None = None  # None: the packaged default feed list
    timeout_seconds: float = 20.0
    max_bytes: int = 10_000_000
    user_agent: str = HttpPolicy.user_agent
    fetch_workers: int = 8
    per_host_limit: int = 2
    articles_per_batch: int = 200  # one task run and one transaction each (a task run, a file open, a checkpoint)
    fetch_attempts: int = 3  # tries per fetch on a transient failure (HTTP 429/5xx, timeout, refused)
    retry_budget_seconds: float = 10.0  # no retry starts once a fetch has taken this long (0: never retry)
    backoff_minutes: int = 15  # a failing feed waits min(2^(failures-1) x this, backoff_max_hours)
    backoff_max_hours: int = 24
    lock_wait_seconds: float = 30.0  # how long a command waits for another process's lock on the DB file
    webhook_url: str | None = None  # POST one JSON alert per new incident / casualty revision
    task_runner: str = "default"  # where analyse-articles batches run: "default" (this machine) or "dask"
    dask_address: str | None = None  # with "dask": a running scheduler (tcp://host:8786); None: a local cluster

    @property
    def http_policy(self) -> HttpPolicy:
        return HttpPolicy(timeout_seconds=self.timeout_seconds, max_bytes=self.max_bytes,
                          user_agent=self.user_agent)


TASK_RUNNERS = ("default", "dask")
_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def load_settings(overrides: Mapping[str, object] | None = None,
                  environ: Mapping[str, str] | None = None) -> Settings:
    environ = os.environ if environ is None else environ
    values: dict[str, object] = {}
    config_path = environ.get("BASEWATCH_CONFIG")
    if config_path or Path("basewatch.toml").is_file():
        values.update(_read_config(Path(config_path or "basewatch.toml")))
    for name in _FIELDS:
        raw = environ.get(f"BASEWATCH_{name.upper()}")
        if raw is not None:
            values[name] = raw
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return Settings(**{name: _coerce(name, value) for name, value in values.items()})


def load_feeds(path: Path | None) -> tuple[FeedConfig, ...]:
    """The `[[feeds]]` tables of a feeds file (the packaged default list when `path` is None)."""
    if path is None:
        text, label = resources.files("flows").joinpath("feeds.toml").read_text(encoding="utf-8"), "default feeds.toml"
    else:
        label = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(f"{label}: no such feeds file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{label}: cannot read ({exc})") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{label}: invalid TOML ({exc})") from exc
    tables = data.get("feeds")
    if not isinstance(tables, list) or not tables:
        raise ConfigError(f"{label}: no [[feeds]] tables")
    feeds: dict[str, FeedConfig] = {}
    for n, table in enumerate(tables, start=1):
        url = str(table.get("url", "")).strip() if isinstance(table, dict) else ""
        if not url:
            raise ConfigError(f"{label}: feed #{n} has no url")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"{label}: feed #{n} url {url!r} is not an http(s) URL")
        feeds.setdefault(url, FeedConfig(name=str(table.get("name") or parts.hostname), url=url))
    return tuple(feeds.values())


def feeds_toml(feeds: Sequence[FeedConfig]) -> str:
    """A feeds file listing `feeds`, in the format `load_feeds` reads (values JSON-quoted, valid TOML)."""
    return "".join(f"[[feeds]]\nname = {json.dumps(f.name)}\nurl = {json.dumps(f.url)}\n\n" for f in feeds)


def _read_config(path: Path) -> dict[str, object]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config ({exc})") from exc
    section = data.get("basewatch", data)
    unknown = sorted(set(section) - set(_FIELDS))
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)}")
    return dict(section)


def _coerce(name: str, value: object) -> object:
    kind = _FIELDS[name].type
    try:
        if name == "task_runner" and value not in TASK_RUNNERS:
            raise ValueError(f"must be one of {', '.join(TASK_RUNNERS)}")
        if "Path" in str(kind):
            return Path(str(value)).expanduser()
        if kind == "float":
            return float(value)  # type: ignore[arg-type]
        if kind == "int":
            result = int(value)  # type: ignore[arg-type]
            if result < 1:
                raise ValueError("must be at least 1")
            return result
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name}={value!r}: {exc}") from exc
