#!/usr/bin/env python3
"""The watchdog under a burst of large files (issue 13's target: no missed deadline with 64 MiB
files on 2 cores), measured on any built binary, typically a release build:

    python3 scripts/watchdog-burst.py .build/release/seedwatch [--files 4] [--mib 64]

Runs `seedwatch run` as systemd would for the watchdog: NOTIFY_SOCKET is a datagram socket this
script reads, WATCHDOG_USEC=2000000 (WatchdogSec=2: a ping due every second, a deadline every 2 s).
After READY=1, it moves FILES HTML articles of MIB MiB each into the drop folder at once and waits
until the daemon has read them all. It prints the longest gap between two WATCHDOG=1 pings during
the burst, and exits 0 when that gap stayed under the 2 s deadline, 1 otherwise. Everything lives
in a temporary folder, removed at the end. Needs only python3.
"""
import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEADLINE = 2.0


def article(index: int, size: int) -> bytes:
    paragraph = ("<p>Paragraph of part %d: Russia and North Korea discussed sanctions, oil and arms in "
                 "Pyongyang while China watched; Moscow said the talks would go on.</p>\n" % index).encode()
    head = ("<html><head><title>Russia and North Korea, part %d</title></head><body>" % index).encode()
    body = paragraph * ((size - len(head)) // len(paragraph))
    return head + body + b"</body></html>"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--mib", type=int, default=64)
    args = parser.parse_args()
    size = args.mib << 20
    root = tempfile.mkdtemp(prefix="seedwatch-watchdog-burst-")
    try:
        os.makedirs(os.path.join(root, "drop"))
        os.makedirs(os.path.join(root, "staging"))
        with open(os.path.join(root, "seedwatch.yaml"), "w") as f:
            f.write("watches:\n  - %s\ndrop_folder:\n  path: drop\n  settle: 0.2s\n  max_bytes: %dMiB\n"
                    "alerts:\n  log: log/alerts.jsonl\nstate:\n  path: state/seedwatch.sqlite\nfeeds: []\n"
                    % (os.path.join(REPO, "seeds/china-russia-north-korea"), args.mib + 1))
        for i in range(args.files):
            with open(os.path.join(root, "staging", "big-%d.html" % i), "wb") as f:
                f.write(article(i, size))

        notify_path = os.path.join(root, "notify.sock")
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(notify_path)
        pings, ready = [], threading.Event()

        def listen():
            while True:
                try:
                    data = sock.recv(4096).decode(errors="replace")
                except OSError:
                    return
                for line in data.split("\n"):
                    if line == "WATCHDOG=1":
                        pings.append(time.monotonic())
                    elif line == "READY=1":
                        ready.set()

        threading.Thread(target=listen, daemon=True).start()
        env = dict(os.environ, NOTIFY_SOCKET=notify_path, WATCHDOG_USEC="2000000")
        env.pop("SEEDWATCH_CONFIG", None)
        log_path = os.path.join(root, "daemon.log")
        with open(log_path, "w") as log:
            daemon = subprocess.Popen([args.binary, "run", "--config", os.path.join(root, "seedwatch.yaml")],
                                      stderr=log, stdout=subprocess.DEVNULL, env=env)
        if not ready.wait(60):
            print("no READY=1 within 60 s", file=sys.stderr)
            daemon.kill()
            return 1
        start = time.monotonic()
        for i in range(args.files):
            os.rename(os.path.join(root, "staging", "big-%d.html" % i), os.path.join(root, "drop", "big-%d.html" % i))
        while True:
            with open(log_path) as log:
                read = sum(1 for line in log if " file read " in line)
            if read >= args.files or daemon.poll() is not None or time.monotonic() - start > 1800:
                break
            time.sleep(0.1)
        end = time.monotonic()
        daemon.send_signal(signal.SIGTERM)
        status = daemon.wait(60)
        sock.close()
        inside = [p for p in pings if start <= p <= end]
        points = [start] + inside + [end]
        gap = max(b - a for a, b in zip(points, points[1:]))
        print("watchdog burst: %d files of %d MiB read in %.1f s; %d pings; longest gap between pings %.2f s "
              "(deadline %.0f s); files read %d; exit status %d"
              % (args.files, args.mib, end - start, len(inside), gap, DEADLINE, read, status))
        passed = gap < DEADLINE and read >= args.files and status == 0
        if not passed:
            # What the daemon said about its watchdog: why pings were withheld, if they were.
            with open(log_path) as log:
                for line in log:
                    if "watchdog" in line:
                        print("daemon: " + line.rstrip(), file=sys.stderr)
        return 0 if passed else 1
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
