#!/bin/sh
# Printed size of the HTML report for a full final-Code assessment (every applicable question answered).
# usage: Benchmarks/report-pages.sh [GPAI_ASSESS_BINARY] [OUT_DIR] [QUESTIONNAIRE_JSON]
# QUESTIONNAIRE_JSON (default: Questionnaires/gpai-cop-2025.json) lists the questions to answer; give the
# binary's own version of the file when measuring an older build.
# Needs chromium (headless) and pdfinfo (poppler-utils). Prints the page count; writes report.html/.pdf in OUT_DIR.
set -eu
bin=${1:-.build/debug/gpai-assess}
out=${2:-$(mktemp -d)}
mkdir -p "$out"
here=$(cd "$(dirname "$0")/.." && pwd)
qjson=${3:-$here/Questionnaires/gpai-cop-2025.json}
store=$(mktemp -d)
export GPAI_ASSESS_HOME="$store" GPAI_ASSESS_USER=bench
id=$("$bin" new -q gpai-cop-2025 -t "Full final-Code assessment" --organisation "Acme AI" --model "Acme-7B v2" --no-tui)
python3 "$here/Benchmarks/full_session.py" "$qjson" scope > "$store/scope.json"
"$bin" answer "$id" --file "$store/scope.json" >/dev/null
python3 "$here/Benchmarks/full_session.py" "$qjson" rest > "$store/rest.json"
"$bin" answer "$id" --file "$store/rest.json" >/dev/null 2>&1 || { echo "answers refused; give the binary's own questionnaire file" >&2; exit 1; }
"$bin" action add "$id" --from-gaps --due-in 45 --today 2026-11-01 >/dev/null
for a in A1 A2 A3 A4 A5 A6; do "$bin" action set "$id" "$a" --owner "Compliance lead" >/dev/null; done
"$bin" report "$id" --format html -o "$out/report.html" --force
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "file://$out/report.html" >/dev/null 2>&1
pdfinfo "$out/report.pdf" | awk '/^Pages:/ { print $2 }'
