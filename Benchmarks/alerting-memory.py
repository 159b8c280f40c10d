#!/usr/bin/env python3
"""Peak memory of `seedwatch scan --json` for one article that alerts in (nearly) every sentence
(issue 15 item 4: the peak above an idle scan at most 3x the input's bytes).

Writes, in a temporary folder, one `.txt` of N lines, each the alerting report of drop-burst.py
(Putin, Kim Jong Un, Russia, North Korea and Xi Jinping named in one defence-treaty sentence;
50,000 lines = 9.6 MB), and a one-line idle article; runs `BIN scan --config config/seedwatch.yaml
--json` on each under GNU time (`/usr/bin/time -f %M`, apt-get install time) and prints the peak
RSS of both and the peak above idle in multiples of the input's bytes. `--keep FILE` copies the
scan's output, to compare two builds (the alert must stay the same: `diff` after dropping "time").

  python3 Benchmarks/alerting-memory.py --binary .build/release/seedwatch [--lines 50000]
"""
import argparse, os, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def report_line(i):
    return (f"Report {i}. Vladimir Putin and Kim Jong Un signed a mutual defence treaty in Pyongyang; Russia and North "
            "Korea pledged military help despite sanctions, while Xi Jinping watched from Beijing.")


def peak_kib(binary, path, out):
    """Peak RSS in KiB of one scan of `path`, its JSON written to `out`."""
    with open(out, "w") as f:
        r = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "scan", "--config", os.path.join(ROOT, "config/seedwatch.yaml"),
                            "--json", path], stdout=f, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit(f"scan of {path} failed: {r.stderr.strip()}")
    return int(r.stderr.strip().splitlines()[-1])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--binary", required=True)
    p.add_argument("--lines", type=int, default=50000)
    p.add_argument("--keep", help="copy the scan's JSON output here")
    a = p.parse_args()
    if not os.path.exists("/usr/bin/time"):
        sys.exit("/usr/bin/time missing (apt-get install time)")
    work = tempfile.mkdtemp(prefix="seedwatch-alerting-memory-")
    try:
        article = os.path.join(work, "alerting.txt")
        with open(article, "w") as f:
            f.write("Putin and Kim Jong Un meet in Pyongyang, report 0\n\n")
            f.write("\n".join(report_line(i) for i in range(a.lines)) + "\n")
        idle = os.path.join(work, "idle.txt")
        with open(idle, "w") as f:
            f.write("Idle\n")
        size = os.path.getsize(article)
        # The first scan of a new build compiles and stores the watch's automata (a higher peak than
        # the later scans, which load them): the idle figure is that of a second scan.
        peak_kib(a.binary, idle, os.path.join(work, "idle.json"))
        idle_kib = peak_kib(a.binary, idle, os.path.join(work, "idle.json"))
        peak = peak_kib(a.binary, article, os.path.join(work, "alerting.json"))
        above = (peak - idle_kib) * 1024
        print(f"alerting article {size / 1e6:.2f} MB ({a.lines} lines): peak RSS {peak / 1024:.1f} MiB, idle {idle_kib / 1024:.1f} MiB, "
              f"above idle {above / 1e6:.1f} MB = {above / size:.2f}x its bytes (target <= 3x)")
        if a.keep:
            shutil.copyfile(os.path.join(work, "alerting.json"), a.keep)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
