"""Back-fill from a file of URLs: one a line or CSV with a url column, read as a stream, and resumable: a
back-fill killed mid-run and started again reads only what the first run did not store."""
from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time

import pytest

from extractors.url_list import ListedUrl, UrlListError, read_url_list
from flows.backfill import backfill
from tests.archive_site import incident_table, publish_archive

BATCH = 50  # small batches, so a batch is stored early in the run
KILL_AFTER_REQUESTS = 170  # past the first batch of 50 (stored before the fourth is sent), far from the end


def test_plain_lists_skip_blanks_and_comments_and_report_bad_lines_by_number():
    lines = ["# archive of example.org\n", "https://example.org/a?utm_source=x\n", "\n", "ftp://example.org/b\n",
             "  http://Example.org/c#top  \n"]
    assert list(read_url_list(lines, "list.txt")) == [
        ListedUrl(2, "https://example.org/a"),
        ListedUrl(4, None, "list.txt:4: not an http(s) URL ('ftp://example.org/b')"),
        ListedUrl(5, "http://example.org/c"),
    ]


def test_csv_lists_are_read_by_their_url_column():
    lines = ["id,URL,outlet\n", "1,https://example.org/a,Wire\n", '2,"https://example.org/b?x=1,2",Wire\n', "3,,Wire\n"]
    assert [(e.line, e.url) for e in read_url_list(lines, "list.csv")] == [
        (2, "https://example.org/a"), (3, "https://example.org/b?x=1%2C2"), (4, None)]
    with pytest.raises(UrlListError, match="list.csv: CSV header .* has no url column"):
        list(read_url_list(["id,link\n", "1,https://example.org/a\n"], "list.csv"))


def test_a_list_is_read_as_a_stream_never_whole():
    endless = (f"https://example.org/{n}\n" for n in itertools.count())
    first = list(itertools.islice(read_url_list(endless, "endless"), 3))
    assert [e.url for e in first] == [f"https://example.org/{n}" for n in range(3)]


def test_a_killed_backfill_started_again_reads_only_what_was_not_stored(site, tmp_path, monkeypatch):
    monkeypatch.setenv("BASEWATCH_ARTICLES_PER_BATCH", str(BATCH))
    urls = publish_archive(site)
    urls_file = tmp_path / "archive.csv"
    rows = [f"{n},{url},Archive" for n, url in enumerate(urls)]
    urls_file.write_text("id,url,outlet\n" + "\n".join(rows[:10] + ["10,not-a-url,Archive"] + rows[10:]) + "\n")
    db = tmp_path / "archive.duckdb"
    site.delay = 0.01

    first = subprocess.Popen([sys.executable, "-m", "flows.cli", "backfill", "--urls-file", str(urls_file),
                              "--db", str(db)], start_new_session=True,
                             env={**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home")},
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 180
        while len(site.requests) < KILL_AFTER_REQUESTS:
            assert first.poll() is None and time.monotonic() < deadline, first.stdout.read().decode()[-3000:]
            time.sleep(0.01)
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    stored_first = incident_table(db)[2][0]
    assert BATCH <= stored_first < len(urls)

    site.requests.clear()
    state = backfill(urls_file=str(urls_file), db_path=str(db), return_state=True)
    summary = state.result()

    assert state.is_completed()
    assert (summary.requested, summary.already_stored) == (len(urls), stored_first)
    assert summary.articles_added == len(urls) - stored_first
    assert len(site.requests) == len(urls) - stored_first  # no stored page is fetched again
    assert summary.errors == (f"{urls_file}:12: not an http(s) URL ('not-a-url')",)
    assert incident_table(db)[2] == (len(urls), len(urls))
