"""Unattended operation against a real Prefect server: deploy from prefect.yaml, a process worker picks up
runs triggered through the CLI and the REST API, the incidents land in DuckDB once.

Marked `prefect_server` (select or skip it with `-m`); it runs by default and takes about a minute.
Everything it starts (server, worker) is its own process group and is stopped even when the test fails.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from flows.serve import PLANS, SHUTDOWN_GRACE_SECONDS, TIMEZONE
from tests.processes import Processes, free_port
from tests.test_pipeline import incident_rows
from tests.wire_site import ARTICLES, EXPECTED_INCIDENTS, feeds_toml, publish

ROOT = Path(__file__).resolve().parents[1]
PREFECT = [sys.executable, "-m", "prefect"]
TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def call_api(method: str, url: str, **kwargs) -> httpx.Response:
    """A call to the server's REST API that, like Prefect's own client, retries a busy server's 5xx and a read
    that times out (the server's SQLite can stall past the timeout while a flow run writes)."""
    for attempt in range(8):
        try:
            response = httpx.request(method, url, timeout=10, **kwargs)
        except httpx.TimeoutException:
            if attempt == 7:
                raise
        else:
            if response.status_code < 500:
                return response
        time.sleep(0.25 * 2 ** attempt)
    response.raise_for_status()
    return response

pytestmark = pytest.mark.prefect_server


def test_prefect_yaml_and_basewatch_serve_declare_the_same_deployments_and_schedules():
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    declared = {}
    for d in spec["deployments"]:
        flow_file, func = d["entrypoint"].split(":")
        schedules = d.get("schedules") or []
        assert all(s["timezone"] == TIMEZONE for s in schedules)
        declared[d["name"]] = ([s["cron"] for s in schedules], d.get("concurrency_limit"))
        assert (ROOT / flow_file).is_file() and f"def {func}(" in (ROOT / flow_file).read_text()
        assert d["work_pool"]["name"] == "local-procs"
    one_writer = {"limit": 1, "collision_strategy": "ENQUEUE"}
    assert declared == {p.deployment: ([p.cron] if p.cron else [], one_writer if p.writes else None) for p in PLANS}


@pytest.fixture
def prefect_server(tmp_path) -> Iterator[tuple[str, dict[str, str], Processes]]:
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ,
           "PREFECT_HOME": str(tmp_path / "prefect-home"),
           "PREFECT_API_URL": api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
           "PREFECT_UI_ENABLED": "false",
           "PREFECT_LOGGING_LEVEL": "INFO",
           "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
           "PREFECT_WORKER_QUERY_SECONDS": "1",
           "PREFECT_WORKER_HEARTBEAT_SECONDS": "5",
           # deliberately wrong: prefect.yaml must not depend on the shell's $PWD
           "PWD": str(tmp_path)}
    env.pop("PREFECT_LOGGING_EXTRA_LOGGERS", None)  # must come from prefect.yaml's job variables
    procs = Processes(tmp_path)
    try:
        procs.start("server", [*PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                    env, tmp_path)
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, procs.log("server")[-3000:]
            time.sleep(0.3)
        yield api, env, procs
    finally:
        procs.stop_all()


def prefect_cli(env: dict[str, str], *args: str, cwd: Path = ROOT) -> str:
    done = subprocess.run([*PREFECT, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"prefect {' '.join(args)}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def wait_for(api: str, flow_run_id: str, procs: Processes, timeout: float = 90) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = call_api("GET", f"{api}/flow_runs/{flow_run_id}").json()
        if run["state_type"] in TERMINAL:
            return run
        time.sleep(0.5)
    raise AssertionError(f"flow run {flow_run_id} did not finish; worker log:\n{procs.log('worker')[-4000:]}")


def run_logs(api: str, flow_run_id: str) -> list[dict]:
    return call_api("POST", f"{api}/logs/filter", json={"logs": {"flow_run_id": {"any_": [flow_run_id]}}, "limit": 200}).json()


def test_deployed_monitor_runs_on_a_worker_stores_incidents_once(prefect_server, site, tmp_path):
    api, env, procs = prefect_server
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(feeds_toml(publish(site) + [("Dead", "http://127.0.0.1:9/feed.xml")]))
    db = tmp_path / "bw.duckdb"

    prefect_cli(env, "work-pool", "create", "local-procs", "--type", "process")
    prefect_cli(env, "--no-prompt", "deploy", "--all")
    deployments = {d["name"]: d for d in call_api("POST", f"{api}/deployments/filter", json={}).json()}
    assert set(deployments) == {"every-15-minutes", "manual", "daily"}
    monitor = deployments["every-15-minutes"]
    assert monitor["pull_steps"][0]["prefect.deployments.steps.set_working_directory"]["directory"] == str(ROOT)
    assert [s["schedule"]["cron"] for s in monitor["schedules"]] == ["*/15 * * * *"]
    assert all(s["active"] for s in monitor["schedules"]) and not monitor["paused"]

    procs.start("worker", [*PREFECT, "worker", "start", "--pool", "local-procs", "--type", "process"],
                env, tmp_path)

    # 1. triggered from the command line, as an operator would
    out = prefect_cli(env, "deployment", "run", "monitor-feeds/every-15-minutes",
                      "--param", f"feeds_file={feeds}", "--param", f"db_path={db}", cwd=tmp_path)
    first_id = next(line.split("UUID:")[1].strip() for line in out.splitlines() if "UUID:" in line)
    first = wait_for(api, first_id, procs)
    assert first["state_type"] == "COMPLETED", procs.log("worker")[-4000:]
    rows, counts = incident_rows(db)
    assert rows == EXPECTED_INCIDENTS
    assert counts["articles"] == len(ARTICLES)

    logs = run_logs(api, first_id)
    assert any(log["name"].startswith("extractors") for log in logs), [log["name"] for log in logs]
    artifacts = call_api("POST", f"{api}/artifacts/filter",
                           json={"artifacts": {"flow_run_id": {"any_": [first_id]}}}).json()
    assert {a["key"] for a in artifacts} == {"monitor-incidents", "monitor-feed-status"}
    table = next(a for a in artifacts if a["key"] == "monitor-incidents")["data"]
    table = json.loads(table) if isinstance(table, str) else table
    assert {row["change"] for row in table} == {"new"} and len(table) == len(EXPECTED_INCIDENTS)

    # 2. triggered twice at once through the REST API: the writer's limit queues one behind the other, both
    #    complete, and nothing new is stored
    assert monitor["global_concurrency_limit"]["limit"] == 1
    assert monitor["concurrency_options"]["collision_strategy"] == "ENQUEUE"
    overlapping = [call_api("POST", f"{api}/deployments/{monitor['id']}/create_flow_run",
                            json={"parameters": {"feeds_file": str(feeds), "db_path": str(db)}}).json()["id"]
                   for _ in range(2)]
    both = sorted((wait_for(api, run_id, procs, timeout=150) for run_id in overlapping), key=lambda r: r["start_time"])
    assert [r["state_type"] for r in both] == ["COMPLETED", "COMPLETED"], procs.log("worker")[-4000:]
    assert both[1]["start_time"] >= both[0]["end_time"]
    assert incident_rows(db) == (rows, counts)
    for run in both:
        artifacts = call_api("POST", f"{api}/artifacts/filter",
                             json={"artifacts": {"flow_run_id": {"any_": [run["id"]]}}}).json()
        table = next(a for a in artifacts if a["key"] == "monitor-incidents")["data"]
        table = json.loads(table) if isinstance(table, str) else table
        assert [row["change"] for row in table] == ["none"]

    # the schedule is live: the server's scheduler has queued future runs for the worker
    scheduled = call_api("POST", f"{api}/flow_runs/filter", json={
        "flow_runs": {"deployment_id": {"any_": [monitor["id"]]}, "state": {"type": {"any_": ["SCHEDULED"]}}}}).json()
    assert scheduled and all(r["auto_scheduled"] for r in scheduled)

    # 3. the manual backfill and the daily digest, side by side on the same worker
    def start(deployment: dict, parameters: dict) -> str:
        return call_api("POST", f"{api}/deployments/{deployment['id']}/create_flow_run",
                          json={"parameters": parameters}).json()["id"]

    backfill_db = tmp_path / "backfill.duckdb"
    page = f"{site.url}{ARTICLES[0].path}"
    runs = [start(deployments["manual"], {"urls": [page, page + "?utm_source=x"], "db_path": str(backfill_db)}),
            start(deployments["daily"], {"db_path": str(db)})]
    states = [wait_for(api, r, procs)["state_type"] for r in runs]
    assert states == ["COMPLETED", "COMPLETED"], procs.log("worker")[-4000:]
    assert incident_rows(backfill_db)[1]["articles"] == 1
    again = start(deployments["manual"], {"urls": [page], "db_path": str(backfill_db)})
    assert wait_for(api, again, procs)["state_type"] == "COMPLETED"
    assert incident_rows(backfill_db)[1]["articles"] == 1
    digest = call_api("POST", f"{api}/artifacts/filter", json={"artifacts": {"key": {"any_": ["daily-digest"]}}}).json()
    assert digest and digest[0]["type"] == "markdown"
    assert f"**{len(EXPECTED_INCIDENTS)} new incidents, 0 updated.**" in digest[0]["data"]


def test_basewatch_serve_serves_the_deployments_and_ctrl_c_leaves_the_schedules_active(prefect_server, tmp_path):
    api, env, procs = prefect_server
    serve = procs.start("serve", [sys.executable, "-m", "flows.cli", "serve", "--db", str(tmp_path / "bw.duckdb")],
                        env, ROOT)
    deadline = time.monotonic() + 60
    names: set[str] = set()
    while names != {"every-15-minutes", "manual", "daily"}:
        assert time.monotonic() < deadline and serve.poll() is None, procs.log("serve")[-3000:]
        time.sleep(0.5)
        names = {d["name"] for d in call_api("POST", f"{api}/deployments/filter", json={}).json()}
    time.sleep(2)  # let the runner settle into its polling loop
    os.killpg(serve.pid, signal.SIGINT)  # one Ctrl-C
    try:
        # Prefect's runner now and then hangs in its shutdown; basewatch leaves after its grace period regardless
        code = serve.wait(timeout=SHUTDOWN_GRACE_SECONDS + 30)
    except subprocess.TimeoutExpired:
        pytest.fail("serve did not stop after Ctrl-C:\n" + procs.log("serve")[-3000:])
    assert code == 0, procs.log("serve")[-3000:]
    assert "schedules left active" in procs.log("serve")
    for d in call_api("POST", f"{api}/deployments/filter", json={}).json():
        assert not d["paused"], d["name"]
        assert all(s["active"] for s in d["schedules"]), d["name"]


def test_basewatch_run_reports_to_the_server_a_prefect_profile_names(prefect_server, tmp_path):
    """A configured API wins over the temporary server `basewatch run` would start: here one named by a profile,
    not by the environment."""
    api, env, procs = prefect_server
    profiles = tmp_path / "profiles.toml"
    profiles.write_text(f'active = "team"\n\n[profiles.team]\nPREFECT_API_URL = "{api}"\n')
    env = {k: v for k, v in env.items() if k != "PREFECT_API_URL"} | {"PREFECT_PROFILES_PATH": str(profiles)}
    feeds = tmp_path / "feeds.toml"
    feeds.write_text('[[feeds]]\nname = "Nowhere"\nurl = "http://127.0.0.1:9/feed.xml"\n')
    done = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--feeds", str(feeds), "--db",
                           str(tmp_path / "bw.duckdb")], env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 1 and "every feed failed" in done.stderr, done.stderr[-3000:]
    runs = call_api("POST", f"{api}/flow_runs/filter", json={}).json()
    assert [r["state_type"] for r in runs] == ["FAILED"]
