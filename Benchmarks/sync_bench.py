#!/usr/bin/env python3
"""Sync timing (issue 15): a store of 1,000 sessions, 10 changed on each side (5 of them on both,
different questions, so they are merged answer by answer), local bare remote; the median of 5
timed `gpai-assess sync` runs, process start-up included.

    Benchmarks/sync_bench.py --bin .build/release/gpai-assess [--sessions 1000] [--changed 10] [--runs 5]
"""
import argparse, json, os, shutil, statistics, subprocess, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build/release/gpai-assess"))
    ap.add_argument("--sessions", type=int, default=1000)
    ap.add_argument("--changed", type=int, default=10)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="gpai-sync-bench-")
    env = dict(os.environ, GPAI_ASSESS_QUESTIONNAIRES=os.path.join(ROOT, "Tests/Fixtures"), LC_ALL="C.UTF-8")
    env.pop("GPAI_ASSESS_HOME", None)

    def cli(store, *args):
        r = subprocess.run([a.bin, "--store", os.path.join(work, store), *args], env=env, capture_output=True, text=True)
        if r.returncode != 0:
            raise SystemExit(f"gpai-assess {' '.join(args)}: {r.stderr}")
        return r.stdout.strip()

    try:
        subprocess.run(["git", "init", "-q", "--bare", "-b", "main", os.path.join(work, "remote.git")], check=True)
        # One real session, copied under 1,000 ids.
        template = cli("a", "new", "--questionnaire", "mini", "--title", "Template", "--no-tui")
        for q, v in [("scope.gpai", "yes"), ("tr.1.1.q1", "partly"), ("tr.1.2.q3", "some text")]:
            cli("a", "answer", template, q, v)
        sessions = os.path.join(work, "a", "sessions")
        with open(os.path.join(sessions, template + ".json")) as f:
            doc = json.load(f)
        os.remove(os.path.join(sessions, template + ".json"))
        ids = [f"s{i:04d}" for i in range(a.sessions)]
        for i, sid in enumerate(ids):
            doc["id"], doc["title"] = sid, f"Assessment {i}"
            with open(os.path.join(sessions, sid + ".json"), "w") as f:
                f.write(json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False).replace('": ', '" : ') + "\n")
            os.chmod(os.path.join(sessions, sid + ".json"), 0o600)
        cli("a", "sync", "--remote", os.path.join(work, "remote.git"))
        cli("b", "sync", "--remote", os.path.join(work, "remote.git"))
        times = []
        half = a.changed // 2
        for run in range(a.runs):
            base = run * (2 * a.changed)
            mine = ids[base:base + a.changed]
            theirs = ids[base + half:base + half + a.changed]   # `half` of them overlap
            for sid in mine:
                cli("a", "answer", sid, "tr.1.1.q2", ["yes", "no", "partly"][run % 3])
            for sid in theirs:
                cli("b", "answer", sid, "tr.1.1.q3", f"2026-0{1 + run % 9}-01")
            cli("b", "sync")
            t = time.perf_counter()
            out = cli("a", "sync")
            times.append(time.perf_counter() - t)
            assert "merged" in out and "pushed" in out, out
        load = os.getloadavg()[0]
        print(f"sync, {a.sessions} sessions, {a.changed} changed on each side ({half} on both): "
              f"median {statistics.median(times) * 1000:.0f} ms of {a.runs} "
              f"(runs: {', '.join(f'{x * 1000:.0f}' for x in times)} ms; load average {load:.1f})")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
