#!/bin/sh
# Builds gpai-assess and gpai-bench for release (static Swift runtime) and runs every benchmark,
# printing one table. Options are passed on to bench.py (e.g. --quick, --json FILE, --markdown FILE,
# --work DIR to keep the generated stores between runs). Not part of `swift test`.
set -eu
cd "$(dirname "$0")/.."
SCRATCH="${GPAI_BENCH_SCRATCH:-$PWD/.build-bench-rel}"
command -v dialog >/dev/null 2>&1 || { echo "run.sh: dialog is needed for the comparison (apt-get install -y dialog)" >&2; exit 2; }
# As README's "Install for many users" builds it (static, position-independent).
build=$(.ci/install-build-command)
for product in gpai-assess gpai-bench; do
    $build --scratch-path "$SCRATCH" --product "$product" >&2
done
# Measured as installed (README: `install -s`, stripped of debug sections and symbols).
install -s -m 0755 "$SCRATCH/release/gpai-assess" "$SCRATCH/gpai-assess-installed"
echo "run.sh: gpai-assess $(stat -c %s "$SCRATCH/release/gpai-assess") bytes as built, $(stat -c %s "$SCRATCH/gpai-assess-installed") installed" >&2
exec python3 Benchmarks/bench.py --bin "$SCRATCH/gpai-assess-installed" --bench "$SCRATCH/release/gpai-bench" "$@"
