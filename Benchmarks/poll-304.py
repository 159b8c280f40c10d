#!/usr/bin/env python3
"""1,000 feeds answering 304 Not Modified: the daemon's poller beside `curl --parallel` (issue 15).

Both clients poll the same loopback server (127.0.0.1 only, in its own process) at the same
concurrency, with keep-alive on both sides (HTTP/1.1; the server never closes a connection):

- curl: `curl --parallel --parallel-max C` over the N feed URLs with `If-None-Match`, every answer
  a 304; timed as the process's wall time.
- seedwatch: `seedwatch run` with the N feeds in `feeds:` and `fetch.concurrency: C`. A first start
  fetches every feed once (200, ETag stored); each measured round then marks every feed due
  (`next_poll` cleared in the stopped daemon's state database, as after a long stop) and starts the
  daemon again, which polls all of them at start-up with the stored validator.

For both, the server times the span from the first request of the round to the last response sent
(the daemon's model loading and start-up are outside it), counts the 304s and the connections
opened. Rounds alternate between the two clients; the best and the median of each are printed.

  python3 Benchmarks/poll-304.py --daemon .build/release/seedwatch [--feeds 1000] [--concurrency 16] [--rounds 5]
"""
import argparse, asyncio, json, os, shutil, signal, sqlite3, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ETAG = '"v1"'
BODY = b'<rss version="2.0"><channel><title>T</title></channel></rss>'


# --- the server (its own process: `poll-304.py --serve PORTFILE`) ---

class Stats:
    def __init__(self):
        self.reset()

    def reset(self):
        self.first = None
        self.last = None
        self.requests = 0
        self.not_modified = 0
        self.connections = 0


STATS = Stats()


class FeedServer(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        self.buffer = b""
        STATS.connections += 1

    def data_received(self, data):
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            lines = head.split(b"\r\n")
            target = lines[0].split(b" ")[1] if len(lines[0].split(b" ")) > 1 else b"/"
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                headers[name.strip().lower()] = value.strip()
            if target == b"/_stats":
                STATS.connections -= 1  # this connection is the driver's, not a client's
                body = json.dumps({"first": STATS.first, "last": STATS.last, "requests": STATS.requests,
                                   "not_modified": STATS.not_modified, "connections": STATS.connections}).encode()
                STATS.reset()
                self.transport.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                                     b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
                self.transport.close()
                return
            now = time.monotonic()
            if STATS.first is None:
                STATS.first = now
            STATS.requests += 1
            if headers.get(b"if-none-match") == ETAG.encode():
                STATS.not_modified += 1
                self.transport.write(b"HTTP/1.1 304 Not Modified\r\nETag: " + ETAG.encode() + b"\r\n\r\n")
            else:
                self.transport.write(b"HTTP/1.1 200 OK\r\nETag: " + ETAG.encode() +
                                     b"\r\nContent-Type: application/rss+xml\r\nContent-Length: %d\r\n\r\n" % len(BODY) + BODY)
            STATS.last = time.monotonic()


def serve(port_file):
    async def main():
        server = await asyncio.get_running_loop().create_server(FeedServer, "127.0.0.1", 0, backlog=1024)
        with open(port_file + ".tmp", "w") as f:
            f.write(str(server.sockets[0].getsockname()[1]))
        os.rename(port_file + ".tmp", port_file)
        await server.serve_forever()
    asyncio.run(main())


# --- the driver ---

def stats(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stats", timeout=10) as r:
        return json.loads(r.read())


PEEKED = []


def span(parts):
    """Merges the stats of several /_stats reads of one round."""
    firsts = [p["first"] for p in parts if p["first"] is not None]
    lasts = [p["last"] for p in parts if p["last"] is not None]
    return {"seconds": (max(lasts) - min(firsts)) if firsts else 0.0,
            "requests": sum(p["requests"] for p in parts), "not_modified": sum(p["not_modified"] for p in parts),
            "connections": sum(p["connections"] for p in parts)}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--serve")
    p.add_argument("--daemon")
    p.add_argument("--feeds", type=int, default=1000)
    p.add_argument("--concurrency", type=int, default=16)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--curl", default="curl")
    a = p.parse_args()
    if a.serve:
        serve(a.serve)
        return
    if not a.daemon:
        p.error("--daemon PATH is required")
    work = tempfile.mkdtemp(prefix="seedwatch-poll-304-")
    port_file = os.path.join(work, "port")
    server = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--serve", port_file])
    try:
        while not os.path.exists(port_file):
            time.sleep(0.05)
        port = int(open(port_file).read())
        urls = [f"http://127.0.0.1:{port}/feed/{i}" for i in range(a.feeds)]
        curl_config = os.path.join(work, "curl.cfg")
        with open(curl_config, "w") as f:
            for url in urls:
                f.write(f'url = "{url}"\noutput = "/dev/null"\n')
        config = os.path.join(work, "c.yaml")
        with open(config, "w") as f:
            f.write(f"watches: [{ROOT}/seeds/china-russia-north-korea]\ndrop_folder: {{path: drop}}\nalerts: {{log: alerts.jsonl}}\nstate: {{path: state.sqlite}}\n"
                    f"fetch: {{concurrency: {a.concurrency}}}\nfeeds:\n")
            for url in urls:
                f.write(f"  - url: {url}\n")
        db = os.path.join(work, "state.sqlite")

        os.makedirs(os.path.join(work, "drop"))
        log = open(os.path.join(work, "daemon.log"), "w")

        def run_daemon(expected):
            PEEKED.clear()
            proc = subprocess.Popen([a.daemon, "run", "--config", config, "--log-level", "error"],
                                    stdout=subprocess.DEVNULL, stderr=log)
            try:
                deadline = time.time() + 300
                while sum(p["requests"] for p in PEEKED) < expected and time.time() < deadline and proc.poll() is None:
                    time.sleep(0.05)
                    PEEKED.append(stats(port))
                time.sleep(0.3)  # the state batch is written 0.1 s after the last poll
                PEEKED.append(stats(port))
            finally:
                proc.send_signal(signal.SIGTERM)
                proc.wait()
            if proc.returncode not in (0, -signal.SIGTERM):
                raise SystemExit(f"seedwatch run exited with {proc.returncode}: " + open(log.name).read()[-2000:])
            return span(PEEKED)

        stats(port)
        first = run_daemon(a.feeds)  # every feed fetched once: 200 and its ETag stored
        with sqlite3.connect(db) as c:
            stored = c.execute("SELECT COUNT(*) FROM feed_state WHERE etag = ?", (ETAG,)).fetchone()[0]
        print(f"first start: {first['requests']} requests, {stored} feeds with a stored ETag")

        curl_rounds, curl_wall, daemon_rounds = [], [], []
        for r in range(a.rounds):
            stats(port)
            t0 = time.monotonic()
            subprocess.run([a.curl, "--parallel", "--parallel-max", str(a.concurrency), "-s", "-H", f"If-None-Match: {ETAG}",
                            "-K", curl_config], check=True, stderr=subprocess.DEVNULL)
            curl_wall.append(time.monotonic() - t0)
            c = span([stats(port)])
            curl_rounds.append(c)
            with sqlite3.connect(db) as conn:
                conn.execute("UPDATE feed_state SET next_poll = NULL")
            d = run_daemon(a.feeds)
            daemon_rounds.append(d)
            print(f"round {r + 1}: curl {c['seconds']:.3f} s (process {curl_wall[-1]:.3f} s; {c['not_modified']} × 304, "
                  f"{c['connections']} connections) · seedwatch {d['seconds']:.3f} s ({d['not_modified']} × 304, "
                  f"{d['connections']} connections)", flush=True)

        def summary(rounds):
            s = sorted(x["seconds"] for x in rounds)
            return f"best {s[0]:.3f} s, median {statistics.median(s):.3f} s"
        best_ratio = min(x["seconds"] for x in daemon_rounds) / min(x["seconds"] for x in curl_rounds)
        print(f"{a.feeds} feeds answering 304, concurrency {a.concurrency}, first request to last response at the server:")
        print(f"  curl --parallel: {summary(curl_rounds)} (process wall best {min(curl_wall):.3f} s)")
        print(f"  seedwatch run:   {summary(daemon_rounds)}")
        print(f"  ratio of the bests: {best_ratio:.2f}× (issue 15's target: ≤ 1.5×); load average {os.getloadavg()[0]:.1f}")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
