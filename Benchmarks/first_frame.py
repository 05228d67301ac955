#!/usr/bin/env python3
"""First frames of `gpai-assess resume` and `dialog --menu`, run alternately in a pty (as bench.py
measures them), for quick comparisons of two builds. Needs a store from bench.py (--work DIR).

    python3 Benchmarks/first_frame.py BINARY [RUNS] [STORE]
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402

binary = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
store = sys.argv[3] if len(sys.argv) > 3 else "/tmp/bench-final-work/store-1000"
t, b, _, d, _ = bench.first_frames_side_by_side([binary, "resume", "bench-target", "--store", store], runs)
print(f"gpai-assess {t * 1000:.2f} ms  dialog {d * 1000:.2f} ms  ratio {t / d:.2f}  bytes {b}")
