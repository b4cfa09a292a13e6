"""End to end versus the physical floor, and the steady-state second pass.

A loopback site serves N article URLs cycling over the real pages in ../shared/bench/html/ behind F RSS
feeds. Three timings, side by side in one run:
  floor     the same pages fetched with httpx in 8 threads, then trafilatura.extract on a 2-process pool
            (the fair floor of ../shared/tools/perf_vs_floor.py);
  pass 1    `basewatch run` over the site (Prefect start-up included, reported separately);
  pass 2    `basewatch run` again: every feed answers 304 or lists only stored URLs.
Pass 1's stage split comes from the flow's "Stage seconds: ..." log line (flow-run INFO logs are enabled
for the runs; task-run logs stay at WARNING).
Run: `uv run python benchmarks/bench_pipeline.py [--articles 2000] [--feeds 40]`.
"""
from __future__ import annotations

import argparse
import email.utils
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import trafilatura

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT.parent / "shared" / "bench" / "html"


class BenchSite:
    """Article i serves page i mod 109 (bytes as stored); feed j lists articles j, j+F, j+2F, …"""

    def __init__(self, articles: int, feeds: int) -> None:
        self.pages = [p.read_bytes() for p in sorted(PAGES.glob("*.html"))]
        self.articles, self.feeds = articles, feeds
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                body, kind = site.route(self.path)
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                etag = f'"{len(body)}-{hash(body) & 0xffffffff:x}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.feed_bodies = [self._feed(j) for j in range(feeds)]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def article_urls(self) -> list[str]:
        return [f"{self.url}/a/{i}.html" for i in range(self.articles)]

    def route(self, path: str) -> tuple[bytes | None, str]:
        if m := re.fullmatch(r"/a/(\d+)\.html", path):
            i = int(m.group(1))
            return (self.pages[i % len(self.pages)] if i < self.articles else None), "text/html"
        if m := re.fullmatch(r"/feeds/(\d+)\.xml", path):
            j = int(m.group(1))
            return (self.feed_bodies[j] if j < self.feeds else None), "application/rss+xml"
        return None, ""

    def _feed(self, j: int) -> bytes:
        start = datetime(2026, 11, 1, tzinfo=timezone.utc)
        items = "".join(
            f"<item><title>Story {i}</title><link>{self.url}/a/{i}.html</link><guid>{self.url}/a/{i}.html</guid>"
            f"<pubDate>{email.utils.format_datetime(start + timedelta(minutes=i))}</pubDate></item>"
            for i in range(j, self.articles, self.feeds)
        )
        return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed {j}</title>'
                f"<link>{self.url}/</link><description>bench</description>{items}</channel></rss>").encode()

    def feeds_toml(self) -> str:
        return "".join(f'[[feeds]]\nname = "feed {j}"\nurl = "{self.url}/feeds/{j}.xml"\n\n'
                       for j in range(self.feeds))


# (key in the run's "Stage seconds:" line, what it is). fetch/extract/detect/store are summed over pages.
STAGES = (("poll", "poll feeds (wall)"), ("read", "read + store articles (wall)"),
          ("fetch", "  fetch, summed over 8-16 threads"), ("extract", "  extract, summed over worker processes"),
          ("detect", "  detect, summed over worker processes"), ("store", "  store (DuckDB), sequential"),
          ("flow", "flow body (wall)"))


def _extract(body: bytes) -> int:
    return len(trafilatura.extract(body.decode("utf-8", "replace"), include_comments=False) or "")


def floor_seconds(urls: list[str], processes: int) -> float:
    """The fair floor, as ../shared/tools/perf_vs_floor.py measures it: every page fetched with one httpx
    client in 8 threads, then `trafilatura.extract` on a pool of `processes` (its start-up included)."""
    t0 = time.perf_counter()
    with httpx.Client(timeout=30) as client, ThreadPoolExecutor(8) as threads:
        bodies = list(threads.map(lambda url: client.get(url).content, urls))
    with ProcessPoolExecutor(processes) as pool:
        list(pool.map(_extract, bodies, chunksize=16))
    return time.perf_counter() - t0


def timed_run(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=3600)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"basewatch {' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, done.stdout + done.stderr


def prefect_startup_seconds(env: dict[str, str]) -> float:
    """A flow that does nothing, in a fresh process: what every `basewatch run` pays before working."""
    code = "from prefect import flow\n@flow\ndef noop():\n    return 1\nnoop()\n"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--feeds", type=int, default=40)
    args = parser.parse_args()
    site = BenchSite(args.articles, args.feeds)
    work = Path(tempfile.mkdtemp(prefix="bw-bench-"))
    try:
        feeds = work / "feeds.toml"
        feeds.write_text(site.feeds_toml())
        # The flow's own INFO lines (not the per-task ones) reach stderr: they carry "Stage seconds: ...".
        env = {**os.environ, "PREFECT_HOME": str(work / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
               "DO_NOT_TRACK": "1", "PYTHONPATH": str(ROOT),
               "PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL": "INFO"}
        env.pop("PREFECT_API_URL", None)
        urls = site.article_urls()
        floor2 = floor_seconds(urls, 2)
        startup = prefect_startup_seconds(env)
        db = work / "bench.duckdb"
        pass1, out1 = timed_run(["run", "--feeds", str(feeds), "--db", str(db)], env)
        pass2, out2 = timed_run(["run", "--feeds", str(feeds), "--db", str(db)], env)
        stored = re.search(r"Articles stored: (\d+)", out1)
        print(f"machine: {os.cpu_count()} cores; {args.articles} articles behind {args.feeds} feeds")
        print(f"{'measure':<44} {'seconds':>8} {'ms/article':>11}")
        rows = [
            ("floor: httpx 8 threads, then extract on 2 processes", floor2),
            ("Prefect start-up (empty flow, fresh process)", startup),
            ("basewatch run, pass 1 (all new)", pass1),
            ("  pass 1 minus Prefect start-up", pass1 - startup),
            ("basewatch run, pass 2 (nothing new)", pass2),
            ("  pass 2 minus Prefect start-up", pass2 - startup),
        ]
        for name, seconds in rows:
            print(f"{name:<44} {seconds:>8.1f} {seconds / args.articles * 1000:>11.1f}")
        print(f"pass 1 / floor: {pass1 / floor2:.2f}x (minus start-up: {(pass1 - startup) / floor2:.2f}x); "
              f"articles stored: {stored.group(1) if stored else '?'}; "
              f"articles/s: {args.articles / pass1:.1f}")
        stages2 = re.search(r"Stage seconds: .*flow=([\d.]+)", out2)
        if stages2:
            print(f"pass 2 flow body (polls, no article read): {float(stages2.group(1)):.1f} s")
        stages = re.search(r"Stage seconds: (.*)", out1)
        if stages:
            print(f"pass 1 stages: {stages.group(1)}")
            split = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", stages.group(1))}
            print(f"{'pass 1 stage':<44} {'seconds':>8} {'ms/article':>11}")
            for name, label in STAGES:
                if name in split:
                    print(f"{label:<44} {split[name]:>8.1f} {split[name] / args.articles * 1000:>11.1f}")
            if "flow" in split:
                print(f"{'Prefect start-up, shut-down (pass 1 - flow)':<44} {pass1 - split['flow']:>8.1f}")
                print(f"{'flow minus poll and read (artifacts, etc.)':<44} "
                      f"{split['flow'] - split.get('poll', 0) - split.get('read', 0):>8.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
