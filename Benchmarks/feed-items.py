#!/usr/bin/env python3
"""One feed document with N new items, through the real daemon (issue 11).

Serves a generated feed on 127.0.0.1, runs `seedwatch run` on a fresh state, and prints how long
the daemon took to decide every item (seen marks in the state database), its peak RSS (VmHWM),
the alert lines written, and, with --stop-after SECONDS, how long SIGTERM took to end it mid-feed
(then restarts it and checks that every item ends up decided exactly once).

  python3 Benchmarks/feed-items.py --daemon .build/release/seedwatch --items 100000 --shape undated
  shapes: dated (items a minute apart), undated (JSON Feed without dates), same-date (one pubDate)
"""
import argparse, http.server, json, os, shutil, signal, subprocess, sys, tempfile, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from daemonprobe import cpu_seconds, peak_rss_mb, row_count, rss_mb  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def feed(n, shape, base):
    if shape == "undated":
        items = []
        for i in range(n):
            text = body(i)
            items.append({"id": f"item-{i}", "title": title(i), "content_text": text, "url": f"https://news.example/{i}"})
        return "application/feed+json", json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Bench",
                                                     "items": items}).encode()
    parts = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench</title>']
    for i in range(n):
        t = base if shape == "same-date" else base - 60 * i
        date = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(t))
        parts.append(f"<item><guid>item-{i}</guid><title>{title(i)}</title><link>https://news.example/{i}</link>"
                     f"<description>{body(i)}</description><pubDate>{date}</pubDate></item>")
    parts.append("</channel></rss>")
    return "application/rss+xml", "".join(parts).encode()


def title(i):
    return f"Putin and Kim Jong Un meet in Pyongyang, report {i}" if i % 10 == 0 else f"Regional weather and markets, report {i}"


def body(i):
    if i % 10 == 0:
        return (f"Report {i}. Vladimir Putin and Kim Jong Un signed a mutual defence treaty in Pyongyang; "
                "Russia and North Korea pledged military help despite sanctions, while Xi Jinping watched from Beijing.")
    return f"Report {i}. Rain is expected along the coast tomorrow; markets closed higher on strong trading in local shares."


def serve(content_type, payload):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start(daemon, config):
    return subprocess.Popen([daemon, "run", "--config", config], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--daemon", required=True)
    p.add_argument("--items", type=int, default=100000)
    p.add_argument("--shape", choices=["dated", "undated", "same-date"], default="undated")
    p.add_argument("--timeout", type=float, default=600)
    p.add_argument("--stop-after", type=float, default=None)
    p.add_argument("--base", type=float, default=None,
                   help="Unix seconds of the newest dated item (default: an hour ago); fixed, two runs write the same alerts")
    p.add_argument("--trace", action="store_true", help="print RSS (MB) and items decided every second")
    p.add_argument("--alerts-out", default=None, help="copy the alert log here (to compare two builds' alert lines)")
    a = p.parse_args()
    content_type, payload = feed(a.items, a.shape, a.base if a.base is not None else time.time() - 3600)
    server = serve(content_type, payload)
    work = tempfile.mkdtemp(prefix="seedwatch-feed-items-")
    os.makedirs(os.path.join(work, "drop"))  # run refuses a missing drop folder
    config = os.path.join(work, "c.yaml")
    with open(config, "w") as f:
        f.write(f"watches: [{ROOT}/seeds/china-russia-north-korea]\ndrop_folder: {{path: drop}}\n"
                f"alerts: {{log: alerts.jsonl}}\nstate: {{path: state.sqlite}}\n"
                f"feeds:\n  - {{url: 'http://127.0.0.1:{server.server_port}/feed', max_bytes: 512MiB, max_age: 3650d}}\n")
    db = os.path.join(work, "state.sqlite")
    print(f"feed: {a.items} items ({a.shape}), {len(payload) / 1e6:.1f} MB")
    t0 = time.time()
    proc = start(a.daemon, config)
    peak = 0.0
    try:
        while True:
            time.sleep(0.5)
            peak = max(peak, peak_rss_mb(proc.pid))
            n = row_count(db, "seen_article")
            elapsed = time.time() - t0
            if a.trace and int(elapsed * 2) % 2 == 0:
                print(f"  {elapsed:6.1f} s: {n} decided, RSS {rss_mb(proc.pid):.0f} MB, peak {peak:.0f} MB", flush=True)
            if a.stop_after is not None and elapsed >= a.stop_after:
                s0 = time.time()
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=30)
                    print(f"SIGTERM after {elapsed:.1f} s ({n} items decided): exited in {time.time() - s0:.2f} s, code {proc.returncode}")
                except subprocess.TimeoutExpired:
                    print(f"SIGTERM after {elapsed:.1f} s: still running after 30 s; killed")
                    proc.kill()
                    proc.wait()
                a.stop_after = None
                proc = start(a.daemon, config)
                continue
            if n >= a.items or proc.poll() is not None or elapsed > a.timeout:
                break
        print(f"decided {n} of {a.items} items in {elapsed:.1f} s wall, {cpu_seconds(proc.pid):.1f} s CPU (daemon start included); "
              f"peak RSS {peak:.0f} MB; load average {os.getloadavg()[0]:.1f}")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait()
        server.shutdown()
    lines = [json.loads(l) for l in open(os.path.join(work, "alerts.jsonl")) if l.strip()] if os.path.exists(os.path.join(work, "alerts.jsonl")) else []
    ids = [l["id"] for l in lines]
    if a.alerts_out:
        shutil.copyfile(os.path.join(work, "alerts.jsonl"), a.alerts_out)
    print(f"alert lines: {len(lines)}, distinct ids: {len(set(ids))}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
