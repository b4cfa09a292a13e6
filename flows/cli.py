"""The `basewatch` command line: the only place that prints.

Prefect is imported only by the commands that run a flow, so `detect`, `incidents` and `evaluate`
start instantly.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from extractors.records import Incident
from flows.incident_table import cell, one_line, render_table
from flows.prefect_api import prefect_api
from flows.settings import TASK_RUNNERS, ConfigError, feeds_toml, load_feeds, load_settings
from storage.database import IncidentFilter, StorageError, incident_detail, list_incidents

EXIT_CONFIG = 2
EVIDENCE_COLUMNS = 200  # an evidence sentence's line on a pipe; on a terminal, the terminal's width
DEMO_PORT = 8765  # a fixed port keeps the demo's article URLs stable, so re-running it adds nothing


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except ConfigError as exc:
        _say(f"configuration error: {exc}")
        return EXIT_CONFIG
    except StorageError as exc:
        _say(f"database error: {exc}")
        return 1
    except KeyboardInterrupt:
        _say("interrupted")
        return 130


def _say(line: str) -> None:
    """One line on stderr, after whatever stdout holds: with both on one pipe, neither continues the other's line."""
    sys.stdout.flush()
    print(f"basewatch: {line}", file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="basewatch", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="one polling pass over the feeds through the Prefect flow")
    run.add_argument("--feeds", type=Path, help="feeds TOML file ([[feeds]] name/url); default: the shipped list")
    run.add_argument("--db", type=Path, help="DuckDB file (default: basewatch.duckdb)")
    _add_runner(run)
    run.add_argument("-v", "--verbose", action="store_true", help="show Prefect's run log")
    run.set_defaults(handler=_run)

    backfill = commands.add_parser("backfill", help="read article URLs (arguments and/or a file) through the backfill flow")
    backfill.add_argument("urls", nargs="*", help="article URLs")
    backfill.add_argument("--urls-file", type=Path,
                          help="one URL a line, or CSV with a url column; streamed, and a re-run skips what is stored")
    backfill.add_argument("--db", type=Path, help="DuckDB file (default: basewatch.duckdb)")
    _add_runner(backfill)
    backfill.add_argument("-v", "--verbose", action="store_true", help="show Prefect's run log")
    backfill.set_defaults(handler=_backfill)

    demo = commands.add_parser("demo", help="run the pipeline on the bundled offline demo site")
    demo.add_argument("--db", type=Path, default=Path("basewatch-demo.duckdb"), help="DuckDB file to write")
    demo.add_argument("-v", "--verbose", action="store_true", help="show Prefect's run log")
    demo.set_defaults(handler=_demo)

    detect = commands.add_parser("detect", help="detect attacks in one plain-text article, print JSON")
    detect.add_argument("file", help="text file, or - for standard input")
    detect.add_argument("--published", type=date.fromisoformat, help="publication date, YYYY-MM-DD")
    detect.add_argument("--title", default="", help="the article's headline")
    detect.set_defaults(handler=_detect)

    evaluate = commands.add_parser("evaluate", help="score the detector on labelled corpora (JSONL)")
    evaluate.add_argument("corpus", type=Path, nargs="+")
    evaluate.add_argument("--json", action="store_true", help="print the full report as JSON")
    evaluate.add_argument("--cv", type=int, metavar="K",
                          help="also fit the candidate scorer on K-1 folds (grouped by incident) and score the K-th")
    evaluate.add_argument("--train-extra", type=Path, nargs="+", default=[], metavar="FILE",
                          help="labelled files (JSONL or challenge TOML) always in the training folds, never scored")
    evaluate.set_defaults(handler=_evaluate)

    fit_scorer = commands.add_parser("fit-scorer", help="fit the candidate scorer's weights on labelled corpora")
    fit_scorer.add_argument("corpus", type=Path, nargs="+", help="labelled files (JSONL or challenge TOML)")
    fit_scorer.add_argument("--out", type=Path, required=True, help="weights file to write (JSON)")
    fit_scorer.set_defaults(handler=_fit_scorer)

    incidents = commands.add_parser("incidents", help="list stored incidents")
    incidents.add_argument("--db", type=Path, help="DuckDB file (default: basewatch.duckdb)")
    _add_filters(incidents)
    incidents.add_argument("--format", choices=("table", "csv", "json", "geojson"), default="table")
    incidents.add_argument("--wide", action="store_true",
                           help="every column at full width, however wide the terminal (the default on a pipe)")
    incidents.add_argument("--show", metavar="ID", help="one incident with all its sources and evidence")
    incidents.set_defaults(handler=_incidents)

    export = commands.add_parser("export", help="write incidents to CSV, JSON, GeoJSON or Parquet")
    export.add_argument("--db", type=Path, help="DuckDB file (default: basewatch.duckdb)")
    export.add_argument("--format", choices=("csv", "json", "geojson", "parquet"), required=True)
    export.add_argument("--out", type=Path, required=True, help="file to write")
    export.add_argument("--with-sources", action="store_true",
                        help="add each incident's articles and evidence (CSV: a second file NAME.sources.csv)")
    _add_filters(export)
    export.set_defaults(handler=_export)

    report = commands.add_parser("report", help="write a self-contained HTML report (map, timeline, tables)")
    report.add_argument("--db", type=Path, help="DuckDB file (default: basewatch.duckdb)")
    report.add_argument("--out", type=Path, default=Path("report.html"), help="HTML file to write")
    _add_filters(report)
    report.set_defaults(handler=_report)

    backtest = commands.add_parser("backtest", help="replay stored articles through detector and merge rules")
    backtest.add_argument("--db", type=Path, help="DuckDB file (default: basewatch.duckdb)")
    backtest.add_argument("--quiet", action="store_true", help="print only the comparison, not every decision")
    backtest.set_defaults(handler=_backtest)

    serve = commands.add_parser("serve", help="serve the scheduled deployments (monitor, backfill, digest) until Ctrl-C")
    serve.add_argument("--feeds", type=Path, help="feeds TOML file for the scheduled monitor; default: the shipped list")
    serve.add_argument("--db", type=Path, help="DuckDB file (default: basewatch.duckdb)")
    serve.add_argument("--limit", type=int, default=2, help="flow runs at once (default: 2)")
    serve.set_defaults(handler=_serve)

    feeds = commands.add_parser("feeds", help="each feed's health: last success, last error, failures, back-off")
    feeds.add_argument("--db", type=Path, help="DuckDB file (default: basewatch.duckdb)")
    feeds.set_defaults(handler=_feeds)
    return parser


def _add_runner(command: argparse.ArgumentParser) -> None:
    """Where the analyse-articles batches run (settings `task_runner`, `dask_address`)."""
    command.add_argument("--task-runner", choices=TASK_RUNNERS,
                         help="default: this machine; dask: a Dask cluster (see --dask-address)")
    command.add_argument("--dask-address", metavar="ADDR",
                         help="a running dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster)")


def _add_filters(command: argparse.ArgumentParser) -> None:
    """The incident filters shared by `incidents`, `export` and `report`."""
    from extractors.records import WEAPONS

    command.add_argument("--since", type=date.fromisoformat, help="attacks on or after YYYY-MM-DD")
    command.add_argument("--until", type=date.fromisoformat, help="attacks on or before YYYY-MM-DD")
    command.add_argument("--base", help="base name contains this text")
    command.add_argument("--country", action="append", default=[], help="country (repeat for any of several)")
    command.add_argument("--weapon", action="append", default=[], choices=WEAPONS,
                         help="weapon used (repeat for any of several)")
    command.add_argument("--min-sources", type=int, metavar="N",
                         help="at least N independent sources (syndicated copies count once)")


def _filters(args: argparse.Namespace):
    return IncidentFilter(since=args.since, until=args.until, base=args.base, countries=tuple(args.country),
                          weapons=tuple(args.weapon), min_sources=args.min_sources)


def _prepare_prefect(verbose: bool) -> None:
    """No telemetry, library log lines in the run log (inherited by served runs), quiet unless asked."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "extractors,storage")
    # ephemeral mode starts a local server per run; its 20 s start-up limit is too short on a busy machine
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")  # the summary says what failed, once


def _run(args: argparse.Namespace) -> int:
    settings = load_settings({"feeds_file": args.feeds, "db_path": args.db, "task_runner": args.task_runner,
                              "dask_address": args.dask_address})
    load_feeds(settings.feeds_file)  # a bad feeds file is a configuration error before Prefect starts
    _prepare_prefect(args.verbose)
    with prefect_api() as wait_for_api:
        from flows.monitor import run_monitor

        wait_for_api()
        summary, completed = run_monitor(settings.feeds_file, settings.db_path, settings.task_runner,
                                         settings.dask_address)
    _print_summary(summary, settings.db_path)
    if not completed:
        _say("every feed failed; nothing was read")
        return 1
    return 0


def _backfill(args: argparse.Namespace) -> int:
    settings = load_settings({"db_path": args.db, "task_runner": args.task_runner,
                              "dask_address": args.dask_address})
    if args.urls_file and not args.urls_file.is_file():
        raise ConfigError(f"{args.urls_file}: no such URL file")
    if not args.urls and not args.urls_file:
        raise ConfigError("backfill needs URLs or --urls-file")
    _prepare_prefect(args.verbose)
    with prefect_api() as wait_for_api:
        from flows.backfill import backfill

        wait_for_api()
        state = backfill(urls=args.urls, db_path=str(settings.db_path),
                         urls_file=str(args.urls_file.resolve()) if args.urls_file else None,
                         task_runner=settings.task_runner, dask_address=settings.dask_address, return_state=True)
    summary = state.result(raise_on_failure=False)
    if isinstance(summary, BaseException):
        raise summary
    print(f"URLs: {summary.requested} ({summary.already_stored} already stored)")
    print(f"Articles stored: {summary.articles_added} ({summary.attack_reports} attack reports)")
    for error in summary.errors:
        print(f"  skipped {error}")
    print(f"Incidents: {len(summary.new_incidents)} new, {len(summary.updated_incidents)} updated -> {settings.db_path}")
    return 0 if state.is_completed() else 1


def _demo(args: argparse.Namespace) -> int:
    _prepare_prefect(args.verbose)
    with prefect_api() as wait_for_api:
        from flows.demo import serve_demo_site
        from flows.monitor import run_monitor

        with serve_demo_site(DEMO_PORT) as site, tempfile.TemporaryDirectory(prefix="basewatch-demo-") as tmp:
            feeds_file = Path(tmp) / "feeds.toml"
            feeds_file.write_text(feeds_toml(site.feeds), encoding="utf-8")
            print(f"Demo news site on {site.base_url} with {len(site.feeds)} feeds; writing {args.db}")
            wait_for_api()
            summary, _ = run_monitor(feeds_file, args.db)
    _print_summary(summary, args.db)
    print()
    _print_incidents(list_incidents(args.db), "table")
    return 0


def _detect(args: argparse.Namespace) -> int:
    from extractors.detect import detect

    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        _say(f"{args.file}: cannot read ({exc})")
        return EXIT_CONFIG
    detection = detect(text, args.published, args.title)
    print(json.dumps({"is_attack_report": detection.is_attack_report,
                      "incidents": [dataclasses.asdict(r) for r in detection.reports]},
                     indent=2, default=_json_value, ensure_ascii=False))  # Arabic evidence as letters
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from extractors.evaluation import evaluate_rows, format_comparison, format_report
    from extractors.training import cross_validate

    rows, extra = _labelled(args.corpus), _labelled(args.train_extra)
    if rows is None or extra is None:
        return EXIT_CONFIG
    report = evaluate_rows(rows)
    if args.cv is None:
        print(json.dumps(report.as_dict(), indent=2, default=_json_value, ensure_ascii=False) if args.json
              else format_report(report))
        return 0
    if args.cv < 2:
        _say(f"--cv {args.cv}: needs at least 2 folds")
        return EXIT_CONFIG
    learned = cross_validate(rows, args.cv, extra)
    if args.json:
        print(json.dumps({"packaged": report.as_dict(), f"learned_cv{args.cv}": learned.as_dict()}, indent=2,
                         default=_json_value, ensure_ascii=False))
    else:
        print(format_comparison({"packaged": report, f"learned, {args.cv}-fold CV": learned}))
    return 0


def _labelled(paths: list[Path]) -> list[dict] | None:
    """Rows of labelled files, or None after a one-line error naming the file that cannot be read."""
    from extractors.training import load_labelled

    rows: list[dict] = []
    for path in paths:
        try:
            rows += load_labelled(path)
        except (OSError, ValueError, KeyError) as exc:
            _say(f"{path}: cannot read labelled articles ({exc})")
            return None
    return rows


def _fit_scorer(args: argparse.Namespace) -> int:
    from extractors.training import fit_labelled

    rows = _labelled(args.corpus)
    if rows is None:
        return EXIT_CONFIG
    scorer = fit_labelled(rows)
    args.out.write_text(scorer.as_json(fitted_on=[p.name for p in args.corpus], articles=len(rows)), "utf-8")
    print(f"basewatch: {args.out}: weights fitted on {len(rows)} articles")
    return 0


def _incidents(args: argparse.Namespace) -> int:
    settings = load_settings({"db_path": args.db})
    if args.show:
        detail = incident_detail(settings.db_path, args.show, settings.lock_wait_seconds)
        if detail is None:
            _say(f"{settings.db_path}: no incident {args.show!r}")
            return 1
        _print_detail(detail)
        return 0

    _print_incidents(list_incidents(settings.db_path, _filters(args), settings.lock_wait_seconds), args.format,
                     args.wide)
    return 0


def _export(args: argparse.Namespace) -> int:
    from storage.export import ExportError, export_incidents

    db = load_settings({"db_path": args.db}).db_path
    try:
        with _ProgressReporter() as progress:
            result = export_incidents(db, args.out, args.format, _filters(args), args.with_sources,
                                      progress=lambda done, total: progress("reading sources", done, total))
    except ExportError as exc:
        _say(f"export error: {exc}")
        return 1
    sources = f" with {result.sources} sources" if args.with_sources else ""
    print(f"Exported {result.incidents} incidents{sources} as {args.format} -> "
          + ", ".join(str(f) for f in result.files))
    return 0


def _report(args: argparse.Namespace) -> int:
    from flows.report import write_report

    db = load_settings({"db_path": args.db}).db_path
    try:
        with _ProgressReporter() as progress:
            result = write_report(db, args.out, _filters(args), progress=progress)
    except OSError as exc:
        _say(f"{args.out}: cannot write the report ({exc.strerror or exc})")
        return 1
    print(f"Report: {result.incidents} incidents at {result.bases} bases -> {result.path} "
          f"({result.size_bytes / 1024:.0f} KB, self-contained, works offline)")
    return 0


class _ProgressReporter:
    """progress(step, done, total) as a rich progress bar on a terminal, else plain lines on stderr.

    Plain lines go through `_say`, so they never land inside a line of stdout's.
    """

    def __enter__(self):
        sys.stdout.flush()  # the bar redraws its own line: stdout's last line must be out before it
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._rich = Progress(TextColumn("{task.description:<26}"), BarColumn(), MofNCompleteColumn(),
                                  TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self._rich.start()
            self._tasks: dict[str, object] = {}
            return self._rich_step
        self._rich = None
        self._last: dict[str, int] = {}
        return self._plain_step

    def __exit__(self, *exc_info) -> None:
        if self._rich is not None:
            self._rich.stop()

    def _rich_step(self, step: str, done: int, total: int) -> None:
        if step not in self._tasks:
            self._tasks[step] = self._rich.add_task(step, total=total)
        self._rich.update(self._tasks[step], completed=done, total=total)

    def _plain_step(self, step: str, done: int, total: int) -> None:
        """At most one line per tenth of each step, the last when it is done: readable in CI logs."""
        tenth = 10 if done >= total else done * 10 // max(total, 1)
        if done == 0 or tenth <= self._last.get(step, -1):
            return
        self._last[step] = tenth
        _say(f"{step}: {done}/{total}")


def _serve(args: argparse.Namespace) -> int:
    settings = load_settings({"feeds_file": args.feeds, "db_path": args.db})
    load_feeds(settings.feeds_file)
    _prepare_prefect(verbose=True)  # a server's runs log at Prefect's own level
    from flows.serve import serve_all

    feeds_file = settings.feeds_file.resolve() if settings.feeds_file else None
    serve_all(feeds_file, settings.db_path.resolve(), lambda: _say("stopped; schedules left active"), limit=args.limit)
    return 0


def _feeds(args: argparse.Namespace) -> int:
    from extractors.retry import next_poll_at
    from storage.feed_health import feed_health

    settings = load_settings({"db_path": args.db})
    from rich.console import Console
    from rich.table import Table

    health = feed_health(settings.db_path, settings.lock_wait_seconds)
    table = Table(title=f"{len(health)} feeds in {settings.db_path}")
    for header in ("feed", "status", "last success", "last polled", "fails", "items seen", "next poll", "last error"):
        table.add_column(header, overflow="fold", no_wrap=header in ("last success", "last polled", "next poll"))
    for h in health:
        due = next_poll_at(h.last_polled_at, h.consecutive_failures, settings.backoff_minutes, settings.backoff_max_hours)
        flag = " FAILING" if h.consecutive_failures >= 3 else ""
        table.add_row(f"{h.name}\n{h.url}", f"{h.last_status or ''}{flag}", cell(h.last_success_at) or "never",
                      cell(h.last_polled_at), str(h.consecutive_failures), str(h.items_seen),
                      cell(due) if due else "next run", h.last_error or "")
    Console(width=max(150, Console().width)).print(table)
    return 0


def _backtest(args: argparse.Namespace) -> int:
    from extractors.backtest import differences, replay
    from storage.database import list_incidents, stored_articles

    db = load_settings({"db_path": args.db}).db_path
    result = replay(stored_articles(db))
    if not args.quiet:
        for decision in result.decisions:
            kind = "primary" if decision.is_primary else "background"
            print(f"{decision.action:<11} {decision.incident_id or '-':<40} {kind:<10} {decision.article_url}")
            print(f"{'':<12}{one_line(decision.evidence, 150)}")
    stored_rows = list_incidents(db)
    replayed, stored = {i.incident_id for i in result.incidents}, {i.incident_id for i in stored_rows}
    print(f"Replayed incidents: {len(replayed)}; stored incidents: {len(stored)}; "
          f"only in replay: {sorted(replayed - stored) or 'none'}; only stored: {sorted(stored - replayed) or 'none'}")
    changed = differences(result.incidents, stored_rows)
    print(f"Rows that differ: {len(changed) or 'none'}")
    for line in changed:
        print(f"  {line}")
    return 0


# ---------------------------------------------------------------- output

def _print_summary(summary, db_path: Path) -> None:
    print(f"Feeds polled: {len(summary.feeds)}")
    for feed in summary.feeds:
        detail = feed.error or f"{feed.new_articles} new articles"  # the status column already says "error"
        print(f"  {feed.status:<12} {feed.name}: {detail}")
    print(f"Articles stored: {summary.articles_added} ({summary.attack_reports} attack reports)")
    for error in summary.article_errors:
        print(f"  skipped {error}")
    print(f"Incidents: {len(summary.new_incidents)} new, {len(summary.updated_incidents)} updated -> {db_path}")
    for incident_id in summary.new_incidents:
        print(f"  new      {incident_id}")
    for incident_id in summary.updated_incidents:
        print(f"  updated  {incident_id}")


def _print_incidents(incidents: list[Incident], fmt: str, wide: bool = False) -> None:
    if fmt in ("csv", "geojson"):  # the same columns and encoding as `basewatch export`
        from storage.export import write_csv, write_geojson

        (write_csv if fmt == "csv" else write_geojson)(incidents, sys.stdout)
        return
    if fmt == "json":
        print(json.dumps([dataclasses.asdict(i) for i in incidents], indent=2, default=_json_value))
        return
    width = None if wide or not sys.stdout.isatty() else shutil.get_terminal_size().columns
    sys.stdout.write(render_table(incidents, width))


def _print_detail(detail) -> None:
    incident = detail.incident
    for name, value in dataclasses.asdict(incident).items():
        print(f"{name:>18}: {cell(value)}")
    print(f"\nSources ({len(detail.reports)}):")
    width = (shutil.get_terminal_size().columns if sys.stdout.isatty() else EVIDENCE_COLUMNS) - len("    evidence: ")
    for on_file in detail.reports:
        r = on_file.report
        kind = "primary" if r.is_primary else "background"
        language = detail.languages.get(on_file.article_url) or "?"
        print(f"- [{language}] {on_file.article_url}  [{kind}, published {cell(on_file.reported_at)}]")
        print(f"    says: date={cell(r.attack_date)} weapons={cell(r.weapons)} projectiles={cell(r.projectiles)}"
              f" killed={cell(r.killed)} wounded={cell(r.wounded)} claimed_by={cell(r.claimed_by)}"
              f" suspected={cell(r.suspected)}")
        print(f"    evidence: {one_line(r.evidence or '', width)}")


def _json_value(value: object) -> object:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


if __name__ == "__main__":
    sys.exit(main())
