#!/usr/bin/env bash
# Runs every JUnit test on the classpath with the console launcher, then prints one plain line,
# "N passed, N failed, N skipped", from the launcher's own counts, and after it one line per failed
# test with the first line of its error, so that the end of a long log names what broke.
# Exits with the launcher's status.
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
# The launcher's "Failures (N):" section names each test on a line "  JUnit Jupiter:Class:method()"
# and starts its error on the next line but one, "    => ...".
awk '/^Failures \(/ { on = 1; next }
     on && /^  [^ ]/ { name = substr($0, 3) }
     on && /^    => / { print "failed: " name " " substr($0, 5); if (++n == 20) exit }
     /^Test run finished/ { on = 0 }' "$report" | cut -c 1-300
exit "$status"
