#!/usr/bin/env python3
"""File -> decision during a burst of dropped articles, through the real daemon (issue 15 item 5).

Starts `seedwatch run` on an empty drop folder, waits until its state database exists, then writes
N distinct `.txt` articles into the drop folder as fast as it can (every tenth names Putin and Kim
Jong Un, so it alerts) and prints how long the daemon took from the first file written to the last
file recorded as processed (the 0.2 s settle included), in articles per second, with its peak RSS,
CPU time and the alert lines written (each id once). Issue 15's target: >= 2,000 articles/s.
`--alerts-out FILE` keeps the alert log, to compare two builds (sorted, without `time`).
`--staged` writes the articles into a folder beside the drop folder first (same filesystem) and
then renames them into it as fast as it can, timing from the first rename: the burst a producer
that writes and then moves makes, and the daemon's own rate where creating 10,000 files takes
longer than deciding them (ext4 on the shared 2-core machine: about 10 s of kernel time).
`--perf FILE` records the daemon with `perf record -F 999 -g` during the burst (not a timing run).
`--count-statements` runs the daemon with `SEEDWATCH_COUNT_STATEMENTS` and prints the SQLite
statements it started (start-up and stop included) per article: not a timing run (each statement
goes through a trace callback).

  python3 Benchmarks/drop-burst.py --daemon .build/release/seedwatch --articles 10000
"""
import argparse, json, os, shutil, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemonprobe import cpu_seconds, peak_rss_mb, row_count  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def article(i):
    if i % 10 == 0:
        return (f"Putin and Kim Jong Un meet in Pyongyang, report {i}\n\nReport {i}. Vladimir Putin and Kim Jong Un signed "
                "a mutual defence treaty in Pyongyang; Russia and North Korea pledged military help despite sanctions, "
                "while Xi Jinping watched from Beijing.\n")
    return (f"Regional weather and markets, report {i}\n\nReport {i}. Rain is expected along the coast tomorrow; markets "
            "closed higher on strong trading in local shares.\n")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--daemon", required=True)
    p.add_argument("--articles", type=int, default=10000)
    p.add_argument("--timeout", type=float, default=900)
    p.add_argument("--alerts-out", help="copy the alert log here")
    p.add_argument("--staged", action="store_true",
                   help="write the articles beside the drop folder first, then rename them into it (timed from the first rename)")
    p.add_argument("--perf", metavar="FILE",
                   help="record the daemon with `perf record -F 999 -g` into FILE from the first file to the last decision")
    p.add_argument("--count-statements", action="store_true",
                   help="count the daemon's SQLite statements (SEEDWATCH_COUNT_STATEMENTS) and print them per article")
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="seedwatch-drop-burst-")
    drop = os.path.join(work, "drop")
    os.makedirs(drop)
    config = os.path.join(work, "c.yaml")
    with open(config, "w") as f:
        f.write(f"watches: [{ROOT}/seeds/china-russia-north-korea]\ndrop_folder: {{path: drop, settle: 0.2s}}\n"
                f"alerts: {{log: alerts.jsonl}}\nstate: {{path: state.sqlite}}\n")
    db = os.path.join(work, "state.sqlite")
    counted = os.path.join(work, "statements")
    env = dict(os.environ, SEEDWATCH_COUNT_STATEMENTS=counted) if a.count_statements else None
    proc = subprocess.Popen([a.daemon, "run", "--config", config, "--log-level", "error"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        while not os.path.exists(db) and proc.poll() is None:
            time.sleep(0.1)
        time.sleep(3)  # the watcher is in place once the daemon has started
        staging = os.path.join(work, "staging")
        if a.staged:
            os.makedirs(staging)
            for i in range(a.articles):
                with open(os.path.join(staging, f"a{i}.txt"), "w") as f:
                    f.write(article(i))
        perf = None
        if a.perf:
            perf = subprocess.Popen(["perf", "record", "-F", "999", "-g", "-p", str(proc.pid), "-o", a.perf],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1)
        cpu0 = cpu_seconds(proc.pid)
        t0 = time.time()
        for i in range(a.articles):
            if a.staged:
                os.rename(os.path.join(staging, f"a{i}.txt"), os.path.join(drop, f"a{i}.txt"))
            else:
                with open(os.path.join(drop, f"a{i}.txt"), "w") as f:
                    f.write(article(i))
        written = time.time() - t0
        n = 0
        while time.time() - t0 < a.timeout and proc.poll() is None:
            n = row_count(db, "processed_file")
            if n >= a.articles:
                break
            time.sleep(0.05)
        elapsed = time.time() - t0
        if perf:
            perf.send_signal(signal.SIGINT)
            perf.wait()
        print(f"burst: {n} of {a.articles} articles decided in {elapsed:.2f} s from the first file written "
              f"({'renaming' if a.staged else 'writing'} took {written:.2f} s; 0.2 s settle included) = {n / elapsed:.0f} articles/s; "
              f"daemon CPU {cpu_seconds(proc.pid) - cpu0:.1f} s; peak RSS {peak_rss_mb(proc.pid):.0f} MB; "
              f"load average {os.getloadavg()[0]:.1f}")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait()
    log = os.path.join(work, "alerts.jsonl")
    ids = [json.loads(l)["id"] for l in open(log) if l.strip()] if os.path.exists(log) else []
    print(f"alert lines: {len(ids)} (expected {(a.articles + 9) // 10}), distinct ids: {len(set(ids))}")
    if a.count_statements:
        if os.path.exists(counted):
            n = int(open(counted).read())
            print(f"SQLite statements: {n} = {n / a.articles:.1f} per article (start-up and stop included)")
        else:
            print("SQLite statements: not counted (a build without SEEDWATCH_COUNT_STATEMENTS)")
    if a.alerts_out and os.path.exists(log):
        shutil.copyfile(log, a.alerts_out)
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
