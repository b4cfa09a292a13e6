"""The HTML report: built from the demo pipeline's DuckDB file, opened in real headless Chromium, which
must find the map, timeline and table and record no request outside the file."""
from __future__ import annotations

import base64
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from extractors.records import Incident
from flows.report import CSP, ReportData, render_report, shown_incident_ids, write_report
from storage import keys
from storage.database import connect
from storage.export import IncidentSource
from tests.gates import skip_unless
from tests.test_export import ARABIC_HARIR, ARABIC_TAJI, bilingual_db, fixture_db

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 6, 1, 12, tzinfo=timezone.utc)
CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
needs_chromium = skip_unless(CHROMIUM is not None, "the browser check of the report",
                             "no headless Chromium; Debian: apt-get install -y chromium")


# ---------------------------------------------------------------- a minimal CDP client over a pipe

class Browser:
    """Headless Chromium driven through the DevTools protocol on --remote-debugging-pipe (fds 3 and 4):
    no websocket library, no port. Records every network request and console/CSP message."""

    FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
             "--disable-component-update", "--disable-sync", "--disable-default-apps", "--hide-scrollbars",
             "--mute-audio", "--remote-debugging-pipe")

    def __init__(self, profile: Path):
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire_pipes() -> None:  # runs in the child before exec: its fds 3 and 4 become the CDP pipe
            read_end, write_end = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.process = subprocess.Popen([CHROMIUM, *self.FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, close_fds=False, preexec_fn=wire_pipes)
        os.close(to_child_r)
        os.close(from_child_w)
        self._next_id = 0
        self._replies: dict[int, queue.Queue] = {}
        self.events: queue.Queue = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        buffer = b""
        while chunk := os.read(self._from_child, 65536):
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message and message["id"] in self._replies:
                    self._replies[message["id"]].put(message)
                else:
                    self.events.put(message)

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 30) -> dict:
        self._next_id += 1
        reply: queue.Queue = queue.Queue()
        self._replies[self._next_id] = reply
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        answer = reply.get(timeout=timeout)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_child)


def open_offline(html_file: Path, screenshot: Path | None, profile: Path) -> dict:
    """Load the file, wait for it to settle, and return what the page holds and what it requested."""
    browser = Browser(profile)
    try:
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Network", "Page", "Log", "Runtime"):
            browser.send(f"{domain}.enable", session=session)
        browser.send("Emulation.setDeviceMetricsOverride",
                     {"width": 1200, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=session)
        url = html_file.resolve().as_uri()
        browser.send("Page.navigate", {"url": url}, session=session)
        requests, messages, loaded = [], [], False
        deadline = time.monotonic() + 30
        quiet_until = None
        while time.monotonic() < deadline and (quiet_until is None or time.monotonic() < quiet_until):
            try:
                event = browser.events.get(timeout=0.2)
            except queue.Empty:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent":
                requests.append(params["request"]["url"])
            elif method == "Network.loadingFailed" and params.get("blockedReason"):
                messages.append(f"blocked ({params['blockedReason']})")
            elif method == "Log.entryAdded":
                messages.append(params["entry"]["text"])
            elif method == "Runtime.consoleAPICalled":
                messages.append(" ".join(str(a.get("value", "")) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                messages.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Page.loadEventFired" and not loaded:
                loaded, quiet_until = True, time.monotonic() + 1.0  # late requests still get recorded
        assert loaded, f"{url}: the page never finished loading"
        counts = browser.send("Runtime.evaluate", {"returnByValue": True, "expression": """({
            countries: document.querySelectorAll('svg.map path.land').length,
            markers: document.querySelectorAll('svg.map a.marker').length,
            bars: document.querySelectorAll('svg.timeline rect[fill]').length,
            rows: document.querySelectorAll('table.incidents tbody tr').length,
            sourceLinks: document.querySelectorAll('table.incidents ul.srcs a[href^="http"]').length,
            baseSections: document.querySelectorAll('article.base').length,
            mapWidth: document.querySelector('svg.map') ? document.querySelector('svg.map').getBoundingClientRect().width : 0,
            text: document.body.innerText,
        })"""}, session=session)["result"]["value"]
        if screenshot is not None:
            height = browser.send("Page.getLayoutMetrics", session=session)["cssContentSize"]["height"]
            browser.send("Emulation.setDeviceMetricsOverride",
                         {"width": 1200, "height": int(height), "deviceScaleFactor": 1, "mobile": False},
                         session=session)
            png = browser.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True},
                               session=session)["data"]
            screenshot.write_bytes(base64.b64decode(png))
        return {"url": url, "requests": requests, "messages": messages, **counts}
    finally:
        browser.close()


def outside_requests(page: dict) -> list[str]:
    """Every request the page made other than for the report file itself."""
    return [u for u in page["requests"] if u != page["url"] and not u.startswith("data:")]


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """The DuckDB file `basewatch demo` builds: the real pipeline over the bundled offline news site."""
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    done = subprocess.run([sys.executable, "-m", "flows.cli", "demo", "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return db


def incident(n: int, base: str, country: str | None, day: date | None, weapons=("rocket",), lat=33.0, lon=44.0):
    return Incident(f"{base.lower()}-{n}", base, country, lat, lon, day, "day" if day else None, weapons, 2, 0, 1,
                    None, None, NOW, NOW, 1, 1)


# ---------------------------------------------------------------- the report in a real browser

@needs_chromium
def test_the_demo_report_shows_map_timeline_and_table_offline_in_chromium(demo_db, tmp_path):
    out = tmp_path / "report.html"
    result = write_report(demo_db, out)
    assert result.incidents >= 5
    screenshot = Path(os.environ.get("BASEWATCH_REPORT_SCREENSHOT", tmp_path / "report.png"))
    page = open_offline(out, screenshot, tmp_path / "chromium-profile")
    assert outside_requests(page) == [], page["requests"]
    assert not [m for m in page["messages"] if "Content Security Policy" in m or "blocked" in m], page["messages"]
    assert page["countries"] >= 5 and page["mapWidth"] > 600
    assert page["markers"] == result.bases
    assert page["bars"] >= 3
    assert page["rows"] == result.incidents
    assert page["sourceLinks"] >= result.incidents
    assert page["baseSections"] == result.bases
    assert "Camp Taji" in page["text"] and "Latest incidents" in page["text"]
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and screenshot.stat().st_size > 20_000


@needs_chromium
def test_the_browser_check_catches_a_page_that_reaches_outside_the_file(tmp_path):
    """The offline check can fail: a report that pulls an image and a stylesheet is caught twice, by the
    recorded requests and by the page's Content-Security-Policy."""
    db = fixture_db(tmp_path / "fixture.duckdb")
    out = tmp_path / "report.html"
    write_report(db, out)
    html = out.read_text(encoding="utf-8").replace(
        "</main>", '<img src="http://127.0.0.1:9/pixel.png"><link rel="stylesheet" href="https://cdn.example/x.css">'
                   "</main>")
    out.write_text(html, encoding="utf-8")
    page = open_offline(out, None, tmp_path / "chromium-profile")
    assert sorted(outside_requests(page)) == ["http://127.0.0.1:9/pixel.png", "https://cdn.example/x.css"]
    assert sum("violates the following Content Security Policy" in m for m in page["messages"]) == 2, page


# ---------------------------------------------------------------- the page itself, without a browser

def test_the_report_loads_nothing_and_declares_a_strict_policy(tmp_path):
    db = fixture_db(tmp_path / "fixture.duckdb")
    html = (write_report(db, tmp_path / "r.html").path).read_text(encoding="utf-8")
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in html
    assert not re.search(r"<(script|link|iframe|object|embed|img)\b", html, re.I)
    assert not re.search(r"""\b(src|srcset|xlink:href)\s*=|url\((?!#)|@import""", html, re.I)
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert all(h.startswith(("#", "https://")) for h in hrefs), hrefs  # in-page anchors and source links only


def test_the_report_writes_sources_evidence_and_a_section_per_base(tmp_path):
    db = fixture_db(tmp_path / "fixture.duckdb")
    html = write_report(db, tmp_path / "r.html").path.read_text(encoding="utf-8")
    assert '<a href="https://daily.example/taji-rockets-2"' in html
    assert "<q>Two rockets struck Camp Taji on Friday.</q>" in html
    assert "Camp O&#x27;Brien" in html and "&quot;heavy&quot;" in html  # escaped, never raw
    for anchor in ("base-camp-taji", "base-camp-o-brien", "base-al-tanf-garrison", "base-ain-al-asad-air-base"):
        assert f'id="{anchor}"' in html
    assert "1 base(s) without coordinates are not shown" in html


def test_a_hostile_source_url_never_becomes_a_link():
    bad = IncidentSource("x-1", "javascript:alert(1)", "<b>t</b>", NOW, None, True, "<script>e</script>", None,
                         (), None, None)
    html = render_report(ReportData((incident(1, "X", "Iraq", date(2026, 1, 1)),), {"x-1": (bad,)}, NOW))
    assert 'href="javascript' not in html and "<script>" not in html and "&lt;script&gt;" in html


def test_rendering_is_pure_and_handles_an_empty_database(tmp_path):
    data = ReportData((), {}, NOW)
    assert render_report(data) == render_report(data)
    db = tmp_path / "empty.duckdb"
    with connect(db):
        pass
    html = write_report(db, tmp_path / "r.html").path.read_text(encoding="utf-8")
    assert "No incidents match." in html and "No dated attacks to plot." in html


def test_a_long_span_is_plotted_by_month_and_undated_incidents_are_noted():
    incidents = tuple(incident(n, f"Base {n % 3}", ("Iraq", "Syria", None)[n % 3], date(2020, 1, 1 + n % 28)
                               .replace(year=2020 + n // 12, month=1 + n % 12)) for n in range(60)) + \
        (incident(99, "Base 9", "Iraq", None),)
    html = render_report(ReportData(incidents, {}, NOW))
    assert "Attacks per month by country; 1 incident(s) without a known date are left out." in html
    assert "unknown" in html  # incidents without a country get their own series


def test_only_the_shown_incidents_need_their_sources():
    incidents = [incident(n, f"Base {n % 4}", "Iraq", date(2026, 1, 1 + n)) for n in range(20)]
    shown = shown_incident_ids(incidents, latest_rows=5, per_base_rows=2)
    assert shown[:5] == [i.incident_id for i in incidents[:5]]
    assert len(shown) == len(set(shown)) and len(shown) < len(incidents)


def large_db(db: Path) -> Path:
    """20 000 incidents at 150 bases in 4 countries, each with one source (also timed by
    benchmarks/bench_hostile_inputs.py)."""
    with connect(db) as con:
        con.execute("""
            INSERT INTO incidents
            SELECT 'syn-' || i, 'Synthetic Base ' || (i % 150), ['Iraq', 'Syria', 'Yemen', 'Mali'][1 + i % 4],
                   30 + (i % 150) / 10.0, 35 + (i % 150) / 7.0, DATE '2022-01-01' + (i // 150)::INTEGER, 'day',
                   [['rocket', 'drone', 'mortar', 'missile'][1 + i % 4]], 2, 0, 1, NULL, NULL,
                   TIMESTAMPTZ '2022-01-01 00:00:00+00', TIMESTAMPTZ '2022-01-01 00:00:00+00', 1, 1, 'base',
                   'synthetic base ' || (i % 150), NULL, NULL
            FROM range(20000) r(i)""")
        con.execute(f"""
            INSERT INTO incident_reports (incident_id, article_url, is_primary, evidence, base, reported_at,
                                          incident_key)
            SELECT incident_id, 'https://synthetic.example/' || incident_id, TRUE, 'synthetic evidence', base,
                   first_reported_at, {keys.INCIDENT_KEY_SQL} FROM incidents""")
    return db


def test_report_over_a_large_database_reports_progress_in_plain_lines(tmp_path):
    """20 000 incidents at 150 bases: `basewatch report` prints progress lines when stderr is not a TTY."""
    db = large_db(tmp_path / "large.duckdb")
    out = tmp_path / "large.html"
    done = subprocess.run([sys.executable, "-m", "flows.cli", "report", "--db", str(db), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert "basewatch: reading incidents: 1/1" in lines
    done_sources = [l.rsplit(" ", 1)[1] for l in lines if l.startswith("basewatch: reading sources: ")]
    assert 1 < len(done_sources) <= 11 and done_sources[-1] == "1200/1200"  # 150 bases x 8 shown, in tenths
    assert "basewatch: writing base sections: 150/150" in lines
    assert re.match(r"Report: 20000 incidents at 150 bases -> .*large\.html \(\d+ KB", done.stdout)
    assert out.stat().st_size < 5_000_000


def test_arabic_evidence_and_titles_read_right_to_left_and_english_ones_are_left_as_they_were(tmp_path):
    db = bilingual_db(tmp_path / "bilingual.duckdb")
    html = write_report(db, tmp_path / "r.html").path.read_text(encoding="utf-8")
    harir_url, harir_title, harir_evidence = ARABIC_HARIR
    assert f'<q dir="rtl" lang="ar">{harir_evidence}</q>' in html
    assert "<q>Two rockets struck Camp Taji on Friday.</q>" in html  # Camp Taji's first source is English
    assert f'<a href="{ARABIC_TAJI[0]}" rel="noopener noreferrer" dir="rtl" lang="ar">{ARABIC_TAJI[1]}</a>' in html
    assert f'<a href="{harir_url}" rel="noopener noreferrer" dir="rtl" lang="ar">{harir_title}</a>' in html
    assert ('<a href="https://daily.example/taji-rockets-2" rel="noopener noreferrer">A contractor died after '
            "rockets hit Camp Taji</a>") in html
    assert html.count('dir="rtl"') == 3  # the Arabic quote and the two Arabic titles, nothing else
