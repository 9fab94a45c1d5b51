#!/usr/bin/env bash
# Runs every JUnit test on the classpath with the console launcher, then prints one plain line,
# "N passed, N failed, N skipped", from the launcher's own counts. Exits with the launcher's status.
#   usage: scripts/run-tests.sh JUNIT_JAR CLASSPATH [launcher options...]
set -uo pipefail
junit=$1 classpath=$2
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
report=$(mktemp)
trap 'rm -f "$report"' EXIT

java -Dclusterlab.root="$root" -Dclusterlab.junit="$junit" -jar "$junit" \
    --class-path "$classpath" --scan-class-path --disable-banner --disable-ansi-colors \
    --details=tree "$@" 2>&1 | tee "$report"
status=${PIPESTATUS[0]}

count() { sed -n "s/^\[ *\([0-9]*\) tests $1 *\]$/\1/p" "$report" | tail -n 1; }
passed=$(count successful) failed=$(count failed) skipped=$(count skipped) aborted=$(count aborted)
echo "${passed:-0} passed, ${failed:-0} failed, $(( ${skipped:-0} + ${aborted:-0} )) skipped"
exit "$status"
