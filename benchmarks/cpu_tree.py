"""Run a command and append its wall time and the CPU seconds of its whole process tree to a JSON-lines file.

`/usr/bin/time` counts only the children a process waits for, so it misses the page pool's workers (children of the
forkserver) and whatever Prefect does not reap: on a shared machine CPU seconds are the figure the other engineers'
load disturbs least. The tree is sampled from /proc every 0.1 s; a process that ends between two samples loses at
most its last 0.1 s. Linux only. Use it as the perf tool's command prefix:
    uv run python ../shared/tools/perf_vs_floor.py --cmd "uv run python benchmarks/cpu_tree.py OUT.jsonl uv run basewatch" ...
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, str, float] | None:
    """(parent pid, command name, user+system CPU seconds) of a live process."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = text[text.index("(") + 1:text.rindex(")")]
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[1]), name, (int(fields[11]) + int(fields[12])) / TICKS


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")[:120]
    except OSError:
        return ""


def main() -> int:
    out, command = sys.argv[1], sys.argv[2:]
    started = time.perf_counter()
    root = subprocess.Popen(command)
    cpu: dict[int, float] = {}
    label: dict[int, str] = {}
    tree = {root.pid}
    while root.poll() is None:
        stats = {int(p): s for p in os.listdir("/proc") if p.isdigit() and (s := _stat(int(p)))}
        for pid, (parent, _, _) in stats.items():
            if parent in tree:
                tree.add(pid)
        for pid in tree & stats.keys():
            cpu[pid] = stats[pid][2]
            label.setdefault(pid, _cmdline(pid))
        time.sleep(0.1)
    wall = time.perf_counter() - started
    by_kind: dict[str, float] = {}
    for pid, seconds in cpu.items():
        text = label.get(pid, "")
        kind = "prefect_server" if "uvicorn" in text else "page_pool" if "forkserver" in text else "flow_and_rest"
        by_kind[kind] = by_kind.get(kind, 0.0) + seconds
    record = {"command": " ".join(command)[-80:], "wall_s": round(wall, 2), "cpu_s": round(sum(cpu.values()), 2),
              **{f"cpu_{k}_s": round(v, 2) for k, v in sorted(by_kind.items())}}
    with open(out, "a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")
    return root.returncode


if __name__ == "__main__":
    sys.exit(main())
