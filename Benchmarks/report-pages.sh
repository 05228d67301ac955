#!/bin/sh
# Printed size of the HTML report for a full final-Code assessment (every applicable question answered).
# usage: Benchmarks/report-pages.sh [GPAI_ASSESS_BINARY] [OUT_DIR]
# Needs chromium (headless) and pdfinfo (poppler-utils). Prints the page count; writes report.html/.pdf in OUT_DIR.
set -eu
bin=${1:-.build/debug/gpai-assess}
out=${2:-$(mktemp -d)}
here=$(cd "$(dirname "$0")/.." && pwd)
store=$(mktemp -d)
export GPAI_ASSESS_HOME="$store" GPAI_ASSESS_USER=bench
id=$("$bin" new -q gpai-cop-2025 -t "Full final-Code assessment" --organisation "Acme AI" --model "Acme-7B v2" --no-tui)
python3 "$here/Benchmarks/full_session.py" "$here/Questionnaires/gpai-cop-2025.json" scope > "$store/scope.json"
"$bin" answer "$id" --file "$store/scope.json" >/dev/null
python3 "$here/Benchmarks/full_session.py" "$here/Questionnaires/gpai-cop-2025.json" rest > "$store/rest.json"
"$bin" answer "$id" --file "$store/rest.json" >/dev/null 2>&1 || true
"$bin" action add "$id" --from-gaps --due-in 45 --today 2026-11-01 >/dev/null
for a in A1 A2 A3 A4 A5 A6; do "$bin" action set "$id" "$a" --owner "Compliance lead" >/dev/null; done
"$bin" report "$id" --format html -o "$out/report.html" --force
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "file://$out/report.html" >/dev/null 2>&1
pdfinfo "$out/report.pdf" | awk '/^Pages:/ { print $2 }'
