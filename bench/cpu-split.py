#!/usr/bin/env python3
"""Where the machine's CPU goes during a benchmark: the application, its PostgreSQL, the load generator, the rest.

On a 2-core machine shared by all of them, a throughput figure alone cannot be scaled to real hardware (replicas on
their own nodes, a separate database). CPU time per request per process can: that is what this prints.

  cpu-split.py sample APP_PID PG_PORT CLIENT_PATTERN OUT   samples every 0.5 s until killed (SIGTERM)
  cpu-split.py report OUT MARKS [COUNT_LABEL=N ...]    CPU seconds per process group between consecutive marks

MARKS is a file of "epoch_ms label" lines (bench scripts append them). The PostgreSQL group is the postmaster
listening on PG_PORT (its command line has "-p PG_PORT") and its backends; the embedded Redis (a child of the application) is its own group; the application's CPU is also split by
thread name (Tomcat's request threads, the job queue's workers, ...); the client group is every process whose command line
contains CLIENT_PATTERN. A process that exits keeps the CPU it was last seen with (samples every 0.5 s).
"""
import os
import re
import signal
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")


def proc_stat(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            raw = f.read()
    except OSError:
        return None
    rest = raw[raw.rindex(")") + 2:].split()
    comm = raw[raw.index("(") + 1:raw.rindex(")")]
    # fields after comm: state ppid ... utime(12) stime(13) counting state as 0
    return comm, int(rest[1]), int(rest[11]) + int(rest[12])


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def machine():
    with open("/proc/stat") as f:
        cpu = [int(x) for x in f.readline().split()[1:]]
    idle = cpu[3] + cpu[4]
    return sum(cpu) - idle, sum(cpu)


def thread_group(comm):
    name = re.sub(r"\d+", "N", comm)
    for prefix, group in (("http-nio", "tomcat"), ("job-", "jobs"), ("jobs-", "jobs"), ("ForkJoinPool", "forkjoin"),
                          ("lettuce", "redis-client"), ("GC ", "gc"), ("G1 ", "gc"), ("C1 ", "jit"), ("C2 ", "jit")):
        if name.startswith(prefix):
            return "app:" + group
    return "app:" + name


def sample(app_pid, pg_port, client_pattern, out):
    last = {}  # pid or (pid, tid) -> (group, ticks)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    with open(out, "w") as f:
        while True:
            stats = {}
            for name in os.listdir("/proc"):
                if name.isdigit():
                    st = proc_stat(int(name))
                    if st:
                        stats[int(name)] = st
            postmasters = {p for p, (comm, _, _) in stats.items()
                           if comm == "postgres" and f"-p {pg_port}" in cmdline(p)}
            for pid, (comm, ppid, ticks) in stats.items():
                group = None
                if pid == app_pid:
                    try:
                        for tid in os.listdir(f"/proc/{pid}/task"):
                            try:
                                with open(f"/proc/{pid}/task/{tid}/stat") as t:
                                    raw = t.read()
                            except OSError:
                                continue
                            rest = raw[raw.rindex(")") + 2:].split()
                            tcomm = raw[raw.index("(") + 1:raw.rindex(")")]
                            last[(pid, int(tid))] = (thread_group(tcomm), int(rest[11]) + int(rest[12]))
                    except OSError:
                        pass
                    continue
                if pid in postmasters or (ppid in postmasters and comm == "postgres"):
                    group = "pg"
                elif ppid == app_pid and comm.startswith("redis-server"):
                    group = "redis"
                elif pid in last and last[pid][0] == "client":
                    group = "client"
                elif client_pattern and client_pattern in cmdline(pid) and pid != os.getpid():
                    group = "client"
                if group:
                    last[pid] = (group, ticks)
            totals = {"app": 0, "pg": 0, "redis": 0, "client": 0}
            for group, ticks in last.values():
                totals[group] = totals.get(group, 0) + ticks
                if group.startswith("app:"):
                    totals["app"] += ticks
            busy, total = machine()
            f.write(f"{int(time.time() * 1000)} busy={busy} total={total} "
                    + " ".join(f"{k.replace(' ', '_')}={v}" for k, v in totals.items()) + "\n")
            f.flush()
            if stop:
                return
            time.sleep(0.5)


def report(out, marks_file, counts):
    rows = []
    for line in open(out):
        if line.strip():
            t, *kv = line.split()
            rows.append((int(t), {k: int(v) for k, v in (x.split("=", 1) for x in kv)}))
    marks = [(int(line.split()[0]), line.split(None, 1)[1].strip()) for line in open(marks_file) if line.strip()]

    def at(ms):
        before = [r for r in rows if r[0] <= ms]
        return before[-1] if before else rows[0]

    for (t0, _), (t1, label) in zip(marks, marks[1:]):
        (a_t, a), (b_t, b) = at(t0), at(t1)
        secs = (b_t - a_t) / 1000
        d = {k: (b.get(k, 0) - a.get(k, 0)) / HZ for k in b}
        busy = d["busy"]
        app, pg, redis, client = d.get("app", 0), d.get("pg", 0), d.get("redis", 0), d.get("client", 0)
        other = busy - app - pg - redis - client
        n = counts.get(label)
        per = (lambda v: f"{v:.1f} s" + (f" = {1000 * v / n:.2f} ms/item" if n else ""))
        print(f"CPU until {label}: {secs:.1f} s wall, machine busy {busy:.1f} CPU-s "
              f"({100 * busy / max(secs, 1e-9) / os.cpu_count():.0f} % of {os.cpu_count()} cores)"
              + (f", {n} items" if n else ""))
        print(f"    app {per(app)}, postgres {per(pg)}, redis {per(redis)}, load generator {per(client)}, "
              f"other processes {per(other)}")
        threads = sorted(((v, k[4:]) for k, v in d.items() if k.startswith("app:") and v > 0.05 * max(app, 1e-9)),
                         reverse=True)
        print("    app threads: " + ", ".join(f"{name} {per(v)}" for v, name in threads))
        print(f"RESULT cpu phase={label} wall_s={secs:.1f} busy_cpu_s={busy:.1f} app_cpu_s={app:.1f} pg_cpu_s={pg:.1f} "
              f"redis_cpu_s={redis:.1f} client_cpu_s={client:.1f} other_cpu_s={other:.1f} items={n or 0}")


if __name__ == "__main__":
    if sys.argv[1] == "sample":
        sample(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        report(sys.argv[2], sys.argv[3], {k: int(v) for k, v in (a.split("=") for a in sys.argv[4:])})
