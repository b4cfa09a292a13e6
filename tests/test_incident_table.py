"""`basewatch incidents` on a real-size database: it fits 80 and 200 columns, keeps what an analyst reads
first, never splits a word, says what it left out, and prints every column in full on a pipe."""
from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from extractors.records import AnalysedArticle, Article, Detection, IncidentReport
from flows.incident_table import one_line, render_table
from storage.database import list_incidents, store_articles

ROOT = Path(__file__).resolve().parents[1]

# (base, country, weapons, claimed by, suspected): the shapes real reporting produced (181 articles, 72
# incidents at 38 bases): unnamed camps named by their village, long group names, many weapons at once.
BASES = [
    ("Unnamed army camp in the village of Dioura at 23", "Mali", ("gunfire", "ground_assault", "ied"),
     "Jama'at Nusrat al-Islam wal-Muslimin", None),
    ("Bannu Cantonment", "Pakistan", ("ied", "gunfire", "ground_assault"), "Tehrik-e-Taliban Pakistan", None),
    ("Ain al-Asad Air Base", "Iraq", ("rocket",), None, "Iran-aligned militia"),
    ("Muwaffaq Salti Air Base", "Jordan", ("drone",), "Islamic Resistance in Iraq", None),
    ("Unnamed military outpost near Inates", "Niger", ("gunfire", "mortar", "rocket", "drone", "ground_assault"),
     "Islamic State in the Greater Sahara", None),
    ("Camp Taji", "Iraq", ("rocket", "mortar"), None, "Kata'ib Hezbollah"),
    ("Hmeimim Air Base", "Syria", ("drone", "missile"), None, None),
    ("Camp Lemonnier", "Djibouti", ("unknown",), None, None),
    ("Al-Tanf Garrison", "Syria", ("drone",), None, "Iran-backed groups operating in eastern Syria"),
    ("Forward Operating Base Chapman", "Afghanistan", ("ied", "gunfire"), "Taliban", None),
    ("Manda Bay Airfield (Camp Simba)", "Kenya", ("ground_assault", "gunfire", "mortar"), "al-Shabaab", None),
    ("Nigerien army base in Chinagodrar", "Niger", ("ground_assault",), None, "Islamic State Sahel Province"),
    ("Belbek Air Base", "Ukraine", ("missile", "drone"), None, None),
    ("Baledogle Airfield", "Somalia", ("ied", "mortar", "gunfire", "ground_assault"), "al-Shabaab", None),
    ("Erbil Air Base", "Iraq", ("drone", "rocket"), "Islamic Resistance in Iraq", "Iran-aligned militia"),
]


def real_size_db(path: Path, incidents: int = 72) -> Path:
    """`incidents` incidents at the bases above, 2 to 3 articles each, written by the real storage code."""
    batch = []
    for n in range(incidents):
        base, country, weapons, claimed, suspected = BASES[n % len(BASES)]
        day = date(2019, 3, 17) + timedelta(days=9 * n)
        for source in range(2 + n % 2):
            published = datetime.combine(day, datetime.min.time(), timezone.utc) + timedelta(hours=6 + source)
            report = IncidentReport(base, country, None, None, day, "day", weapons, 4 + n % 7 or None,
                                    n % 5, 3 * (n % 4) + 1, claimed, suspected, True,
                                    f"Attackers struck {base} on {day:%d %B}.")
            url = f"https://outlet{source}.example/{n}"
            article = Article(url, f"Attack on {base}", report.evidence, published, published, "https://f.example/")
            batch.append(AnalysedArticle(article, Detection(True, (report,))))
    store_articles(path, batch)
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return real_size_db(tmp_path_factory.mktemp("real-size") / "real.duckdb")


@pytest.fixture(scope="module")
def incidents(db):
    stored = list_incidents(db)
    assert len(stored) == 72
    assert "unnamed-army-camp-in-the-village-of-dioura-at-23-2019-03-17" in {i.incident_id for i in stored}
    return stored


def table_lines(text: str) -> tuple[list[str], list[str]]:
    """(header and rows, footer) of a rendered table."""
    body, _, footer = text.rstrip("\n").partition("\n\n")
    return body.splitlines(), footer.splitlines()


def columns_of(lines: list[str]) -> list[tuple[str, int, int]]:
    """(header, start, end) of each column, read from the dashed rule under the header."""
    return [(lines[0][m.start():m.end()].strip(), m.start(), m.end()) for m in re.finditer(r"-+", lines[1])]


def test_at_80_columns_what_an_analyst_reads_first_fits_and_the_rest_is_named(incidents):
    lines, footer = table_lines(render_table(incidents, 80))
    assert max(len(line) for line in lines + footer) <= 80
    assert [h for h, _, _ in columns_of(lines)] == ["date", "base", "country", "weapons", "killed", "wounded"]
    text = " ".join(footer)
    assert "72 incidents." in text and "claimed by, suspected" in text and "incident id" in text
    assert "--wide" in text and "--show ID" in text and "--format csv|json" in text


@pytest.mark.parametrize("width", [80, 200])
def test_no_word_is_ever_split_and_every_row_keeps_its_date_and_casualties(incidents, width):
    lines, _ = table_lines(render_table(incidents, width))
    columns = {h: (start, end) for h, start, end in columns_of(lines)}
    rows = lines[2:]
    starts = [line for line in rows if line[:10].strip()]
    assert [line[:10] for line in starts] == [str(i.attack_date) for i in incidents]
    start, end = columns["base"]
    words = {w for i in incidents for w in i.base.split()}
    assert all(w in words for line in rows for w in line[start:end + 2].split())
    assert "Bannu Cantonment" in "\n".join(rows)  # a short name is on one line, never "Ban / nu / Can..."
    start, end = columns["weapons"]
    shown = {w.strip() for line in rows for w in line[start:end].split(",") if w.strip()}
    assert shown == {"drone", "gunfire", "ground assault", "ied", "missile", "mortar", "rocket", "unknown"}
    start, end = columns["killed"]
    assert [line[start:end].strip() for line in starts] == [str(i.killed) for i in incidents]


def test_at_200_columns_attribution_and_counts_come_back_and_only_the_long_id_is_left_out(incidents):
    lines, footer = table_lines(render_table(incidents, 200))
    assert max(len(line) for line in lines) <= 200
    assert [h for h, _, _ in columns_of(lines)] == ["date", "base", "country", "weapons", "proj.", "killed",
                                                     "wounded", "claimed by", "suspected", "sources", "indep."]
    assert "Not shown at 200 columns: incident id." in " ".join(footer)
    assert "Unnamed army camp in the village of Dioura at 23" in "\n".join(lines)  # wide enough: one line


def test_without_a_width_every_column_is_whole_and_there_is_no_footer(incidents):
    lines, footer = table_lines(render_table(incidents))
    assert footer == [] and [h for h, _, _ in columns_of(lines)][-1] == "incident id"
    assert len(lines) == 2 + len(incidents)  # one line per incident: nothing wraps
    assert "unnamed-army-camp-in-the-village-of-dioura-at-23-2019-03-17" in "\n".join(lines)


def test_a_table_that_fits_is_left_alone():
    assert render_table([], 120) == "date  base  country  weapons  proj.  killed  wounded  claimed by  suspected  " \
        "sources  indep.  incident id\n----  ----  -------  -------  -----  ------  -------  ----------  ---------  " \
        "-------  ------  -----------\n\n0 incidents.\n"


def basewatch(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, **kwargs)


def test_on_a_pipe_the_command_prints_plain_full_width_text(db):
    done = basewatch("incidents", "--db", str(db))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("date ") and lines[0].endswith("incident id") and len(lines) == 2 + 72
    assert not re.search(r"[┃│━─]|\x1b\[", done.stdout)


def run_in_terminal(args: list[str], columns: int) -> str:
    """The CLI with its stdout on a real pseudo-terminal `columns` wide, as a user's shell gives it."""
    parent, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    process = subprocess.Popen([sys.executable, "-m", "flows.cli", *args], cwd=ROOT, stdout=child,
                               stderr=subprocess.PIPE, env=env)
    os.close(child)
    output = b""
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(parent)
    assert process.wait(timeout=60) == 0, process.stderr.read()
    return output.decode().replace("\r\n", "\n")


@pytest.mark.parametrize("columns", [80, 200])
def test_in_a_terminal_the_command_fits_its_width(db, columns):
    text = run_in_terminal(["incidents", "--db", str(db)], columns)
    assert max(len(line) for line in text.splitlines()) <= columns
    assert "72 incidents." in text and ("Not shown at" in text)


def test_wide_prints_every_column_even_in_a_narrow_terminal(db):
    text = run_in_terminal(["incidents", "--db", str(db), "--wide"], 80)
    assert "unnamed-army-camp-in-the-village-of-dioura-at-23-2019-03-17" in text and "Not shown" not in text


def test_one_line_flattens_a_quote_and_cuts_it_between_words_counting_columns_not_marks():
    assert one_line("Rockets hit\nCamp Taji.", 40) == "Rockets hit Camp Taji."
    assert one_line("Two rockets struck Camp Taji on Friday.", 20) == "Two rockets struck…"
    voweled = "سَقَطَ صَارُوخَانِ عَلَى مُعَسْكَرِ التَّاجِي"  # vowel marks take no column
    assert one_line(voweled, 40) == voweled
    assert one_line(voweled, 20) == "سَقَطَ صَارُوخَانِ عَلَى…"
