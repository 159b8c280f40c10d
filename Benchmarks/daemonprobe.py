"""What the benchmark scripts read from a running `seedwatch run`: a row count of its state
database (read-only, so the daemon's WAL is untouched), its peak RSS and its CPU time, from /proc.
Imported by feed-items.py and drop-burst.py (run them from any folder: they add their own)."""
import os
import sqlite3


def row_count(db, table):
    """Rows in `table` of the state database `db`; 0 while it does not exist yet or is locked."""
    try:
        c = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        n = c.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        c.close()
        return n
    except sqlite3.Error:
        return 0


def _status_mb(pid, field):
    """A memory line of /proc/PID/status (`VmHWM:`, `VmRSS:`, given in KiB) in MiB; 0 once it has exited."""
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def peak_rss_mb(pid):
    """The process's peak resident set (VmHWM) in MiB; 0 once it has exited."""
    return _status_mb(pid, "VmHWM:")


def rss_mb(pid):
    """The process's resident set now (VmRSS) in MiB; 0 once it has exited."""
    return _status_mb(pid, "VmRSS:")


def cpu_seconds(pid):
    """User plus system CPU time of the process, in seconds; 0 once it has exited."""
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0
