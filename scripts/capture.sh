#!/usr/bin/env bash
# capture.sh: record the TCP segments of a clusterlab exchange and print
# them one per line, labelled with their TCP phase (handshake, data, close).
#
# Run `scripts/capture.sh --help` for the options.
#
# How it works:
#   1. start tshark (or tcpdump when tshark is missing) in the background,
#      capturing only "tcp port PORT" on one interface into a pcap file;
#   2. wait until the capture is really running: the pcap file exists and
#      holds its 24-byte header, which tshark/tcpdump write only after the
#      interface is open and the filter is set;
#   3. run your command (or just wait --seconds), give the last segments a
#      moment to arrive, then stop the capture by the PID we started;
#   4. read the file back with `tshark -r FILE -T fields -e ...` and print
#      one line per segment.
#
# Lua as root: Wireshark only runs Lua dissectors that init.lua allows. With
# the tshark here (4.0, Debian), init.lua sets enable_lua = true and
# run_user_scripts_when_superuser = true, so `-X lua_script:FILE` works as
# root with no other setting (tshark just warns "Running as user root").
# The port is set with `-o clusterlab.ports:PORT`, a preference the Lua
# script declares. Where an init.lua disables Lua or refuses user scripts
# for root, tshark silently skips the script; this script checks that the
# "clusterlab" protocol really got registered and otherwise says so and
# prints the segments without frame decoding.

set -euo pipefail
export LC_ALL=C

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LUA_SCRIPT="$SCRIPT_DIR/wireshark/clusterlab.lua"

PORT=20000
OUT=capture.pcap
IFACE=lo
SECONDS_TO_CAPTURE=10
DISSECTOR=0
TOOL=""            # tshark or tcpdump; empty = tshark if installed
START_TIMEOUT=10   # seconds to wait for the capture to start
SETTLE=""          # seconds to wait after the command for the last segments
COMMAND=()

usage() {
    cat <<'EOF'
Usage: scripts/capture.sh [options] [-- COMMAND ARGS...]

Capture the TCP segments to and from one port and print them one per line,
each labelled with its TCP phase:
  handshake  SYN, SYN-ACK, ACK         (opening the connection)
  data       PSH-ACK segments          (carrying clusterlab frames) and ACKs
  close      FIN, FIN-ACK, ACK         (closing the connection)

Options:
  --port N        TCP port of the server side (default 20000)
  --out FILE      pcap file to write (default capture.pcap); open it later
                  with Wireshark or `tshark -r FILE`
  --iface NAME    network interface (default lo, the loopback interface)
  --seconds N     without COMMAND: capture for N seconds (default 10), or
                  until Ctrl-C
  --dissector     decode the clusterlab frames in the data segments with
                  scripts/wireshark/clusterlab.lua (needs tshark)
  --tool NAME     capture with tshark or tcpdump (default: tshark if
                  installed, else tcpdump)
  -h, --help      show this help

With "-- COMMAND ARGS...", the capture starts, COMMAND runs, and the capture
stops shortly after COMMAND ends. Example:
  scripts/capture.sh --port 20000 --dissector -- scripts/clusterlab client --port 20000 hello

Capturing needs root or membership of the wireshark group (try sudo).
Exit status: 0 ok, 1 nothing captured or the capture failed, 2 bad usage
or no capture tool, 3 not permitted to capture; if COMMAND fails, its
exit status.
EOF
}

die() { # die STATUS MESSAGE
    echo "capture.sh: $2" >&2
    exit "$1"
}

# ---------------------------------------------------------------- options
while [[ $# -gt 0 ]]; do
    case "$1" in
        --port)      PORT="${2:?--port needs a number}"; shift 2 ;;
        --out)       OUT="${2:?--out needs a file name}"; shift 2 ;;
        --iface)     IFACE="${2:?--iface needs an interface name}"; shift 2 ;;
        --seconds)   SECONDS_TO_CAPTURE="${2:?--seconds needs a number}"; shift 2 ;;
        --dissector) DISSECTOR=1; shift ;;
        --tool)      TOOL="${2:?--tool needs tshark or tcpdump}"; shift 2 ;;
        -h|--help)   usage; exit 0 ;;
        --)          shift; COMMAND=("$@"); break ;;
        *)           echo "capture.sh: unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
done

if ! [[ "$PORT" =~ ^[0-9]+$ ]] || (( PORT < 1 || PORT > 65535 )); then
    die 2 "--port must be a number from 1 to 65535, not '$PORT'"
fi
if ! [[ "$SECONDS_TO_CAPTURE" =~ ^[0-9]+$ ]] || (( SECONDS_TO_CAPTURE < 1 )); then
    die 2 "--seconds must be a whole number of seconds, at least 1"
fi

HAVE_TSHARK=0; command -v tshark >/dev/null 2>&1 && HAVE_TSHARK=1
HAVE_TCPDUMP=0; command -v tcpdump >/dev/null 2>&1 && HAVE_TCPDUMP=1
case "$TOOL" in
    "")      if (( HAVE_TSHARK )); then TOOL=tshark
             elif (( HAVE_TCPDUMP )); then TOOL=tcpdump
             else die 2 "neither tshark nor tcpdump is installed: sudo apt-get install tshark"
             fi ;;
    tshark)  (( HAVE_TSHARK )) || die 2 "tshark is not installed: sudo apt-get install tshark" ;;
    tcpdump) (( HAVE_TCPDUMP )) || die 2 "tcpdump is not installed: sudo apt-get install tcpdump" ;;
    *)       die 2 "--tool must be tshark or tcpdump, not '$TOOL'" ;;
esac
if (( DISSECTOR )) && ! (( HAVE_TSHARK )); then
    echo "capture.sh: --dissector needs tshark to read the capture; showing segments without frame decoding" >&2
    DISSECTOR=0
fi

# ---------------------------------------------------------------- capture
FILTER="tcp port $PORT"
LOG="$(mktemp "${TMPDIR:-/tmp}/capture-log.XXXXXX")"
CAPTURE_PID=""
INTERRUPTED=0

stop_capture() {
    [[ -n "$CAPTURE_PID" ]] || return 0
    kill -TERM "$CAPTURE_PID" 2>/dev/null || true
    # Give it up to 5 s to write its last packets and exit.
    local _
    for _ in $(seq 1 50); do
        kill -0 "$CAPTURE_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$CAPTURE_PID" 2>/dev/null || true
    wait "$CAPTURE_PID" 2>/dev/null || true
    CAPTURE_PID=""
}
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
    stop_capture
    rm -f "$LOG"
}
trap cleanup EXIT
trap 'INTERRUPTED=1' INT
trap 'exit 143' TERM

# How long to keep capturing after COMMAND ends. The kernel hands packets to
# tshark's capture helper (dumpcap) in batches every 250 ms, and a batch not
# yet handed over when the capture stops is lost: so wait well past that.
# tcpdump in immediate mode gets every packet at once.
if [[ "$TOOL" == tshark ]]; then SETTLE=2; else SETTLE=0.5; fi

rm -f "$OUT"
# The capture runs in the background; we remember its PID to stop exactly it.
if [[ "$TOOL" == tshark ]]; then
    # -F pcap: classic pcap format; -q: no live packet count on the screen.
    tshark -q -n -i "$IFACE" -f "$FILTER" -F pcap -w "$OUT" >"$LOG" 2>&1 &
else
    # --immediate-mode: hand each packet over at once (no kernel batching);
    # -U: write each packet to the file at once; -Z root: when run as root,
    # keep writing as root (tcpdump would otherwise switch to user "tcpdump").
    zopt=()
    [[ "$(id -u)" == 0 ]] && zopt=(-Z root)
    tcpdump --immediate-mode -U -n "${zopt[@]}" -i "$IFACE" -w "$OUT" "$FILTER" >"$LOG" 2>&1 &
fi
CAPTURE_PID=$!

# Wait until the pcap header (24 bytes) is on disk: then the capture runs.
started=0
for _ in $(seq 1 $((START_TIMEOUT * 10))); do
    if [[ -f "$OUT" ]] && (( $(stat -c %s "$OUT" 2>/dev/null || echo 0) >= 24 )); then
        started=1; break
    fi
    kill -0 "$CAPTURE_PID" 2>/dev/null || break
    sleep 0.1
done
if (( ! started )); then
    stop_capture
    if grep -qiE "permission to (capture|perform)|not permitted" "$LOG"; then
        why="$(grep -iE "permission to (capture|perform)|not permitted" "$LOG" | head -1)"
        die 3 "capturing needs root or the wireshark group: try sudo ($why)"
    fi
    echo "capture.sh: $TOOL did not start capturing on '$IFACE' within ${START_TIMEOUT}s; it said:" >&2
    grep -v "^Running as user" "$LOG" >&2 || true
    exit 1
fi
echo "capturing '$FILTER' on $IFACE with $TOOL into $OUT" >&2

COMMAND_STATUS=0
if [[ ${#COMMAND[@]} -gt 0 ]]; then
    echo "running: ${COMMAND[*]}" >&2
    set +e
    "${COMMAND[@]}"
    COMMAND_STATUS=$?
    set -e
    sleep "$SETTLE"     # the server closes its side, and the last ACKs reach the capture
else
    echo "capturing for ${SECONDS_TO_CAPTURE}s (Ctrl-C to stop earlier)" >&2
    sleep "$SECONDS_TO_CAPTURE" &
    SLEEP_PID=$!
    wait "$SLEEP_PID" 2>/dev/null || true   # returns early on Ctrl-C
    kill "$SLEEP_PID" 2>/dev/null || true
    wait "$SLEEP_PID" 2>/dev/null || true
fi
stop_capture
# Under sudo, give the file to the user who ran sudo, so Wireshark can open it.
if [[ -n "${SUDO_UID:-}" && -n "${SUDO_GID:-}" && -f "$OUT" ]]; then
    chown "$SUDO_UID:$SUDO_GID" "$OUT" 2>/dev/null || true
fi
(( INTERRUPTED )) && echo "capture.sh: interrupted, showing what was captured" >&2

# ---------------------------------------------------------------- summary
# Every segment becomes one tab-separated record:
#   number time stream src_ip src_port dst_ip dst_port flags len
#   reassembled_in frame_lengths frame_kinds frame_payloads
# and the awk program below turns the records into the table.

read_with_tshark() {
    local lua=()
    if (( DISSECTOR )); then
        if tshark -G protocols -X "lua_script:$LUA_SCRIPT" 2>/dev/null \
                | grep -q "^clusterlab framed protocol"; then
            lua=(-X "lua_script:$LUA_SCRIPT" -o "clusterlab.ports:$PORT")
        else
            echo "capture.sh: tshark did not load $LUA_SCRIPT (Lua disabled, or scripts refused for root: see enable_lua and run_user_scripts_when_superuser in init.lua); showing segments without frame decoding" >&2
            DISSECTOR=0
        fi
    fi
    local fields=(-e frame.number -e frame.time_relative -e tcp.stream
                  -e ip.src -e ipv6.src -e tcp.srcport -e ip.dst -e ipv6.dst -e tcp.dstport
                  -e tcp.flags -e tcp.len -e tcp.reassembled_in)
    if (( DISSECTOR )); then
        fields+=(-e clusterlab.length -e clusterlab.kind -e clusterlab.payload)
    fi
    # -2: two passes, so a segment that starts a frame knows (tcp.reassembled_in)
    # where that frame is completed. Frames in one segment come out as
    # comma-separated lists.
    tshark -n -2 -r "$OUT" "${lua[@]}" -Y tcp -T fields -E separator=/t "${fields[@]}" 2>"$LOG" \
        | awk -F'\t' -v OFS='\t' -v dis="$DISSECTOR" '{
            src = ($4 != "") ? $4 : $5; dst = ($7 != "") ? $7 : $8
            if (dis == 1) { fl = $13; fk = $14; fp = $15 } else { fl = ""; fk = ""; fp = "" }
            print $1, $2, $3, src, $6, dst, $9, $10, $11, $12, fl, fk, fp
        }'
}

read_with_tcpdump() {
    # tcpdump prints e.g.
    #   1712.000181 IP 127.0.0.1.36508 > 127.0.0.1.20000: Flags [P.], seq 1:34, ack 1, ..., length 33
    tcpdump -n -tt -r "$OUT" "tcp" 2>"$LOG" | awk -v OFS='\t' '
        function split_addr(a, parts,   i) { i = match(a, /\.[0-9]+$/); parts[1] = substr(a, 1, i - 1); parts[2] = substr(a, i + 1) }
        $2 == "IP" || $2 == "IP6" {
            n++
            if (n == 1) t0 = $1
            split_addr($3, s); dst = $5; sub(/:$/, "", dst); split_addr(dst, d)
            f = $0; sub(/.*Flags \[/, "", f); sub(/\].*/, "", f)
            flags = 0
            if (index(f, "F")) flags += 1;  if (index(f, "S")) flags += 2
            if (index(f, "R")) flags += 4;  if (index(f, "P")) flags += 8
            if (index(f, ".")) flags += 16
            len = 0; if (match($0, /length [0-9]+/)) len = substr($0, RSTART + 7, RLENGTH - 7)
            key = (s[1] < d[1] || (s[1] == d[1] && s[2] < d[2])) ? s[1] ":" s[2] "-" d[1] ":" d[2] : d[1] ":" d[2] "-" s[1] ":" s[2]
            if (!(key in stream)) stream[key] = nstreams++
            printf "%d\t%.6f\t%d\t%s\t%s\t%s\t%s\t0x%03x\t%d\t\t\t\t\n", n, $1 - t0, stream[key], s[1], s[2], d[1], d[2], flags, len
        }'
}

RECORDS="$(mktemp "${TMPDIR:-/tmp}/capture-records.XXXXXX")"
trap 'cleanup; rm -f "$RECORDS"' EXIT
if (( HAVE_TSHARK )); then
    read_with_tshark >"$RECORDS" || true
else
    read_with_tcpdump >"$RECORDS" || true
fi

if [[ ! -s "$RECORDS" ]]; then
    if [[ -s "$LOG" ]] && grep -qv "^Running as user" "$LOG"; then
        echo "capture.sh: reading $OUT failed:" >&2
        grep -v "^Running as user" "$LOG" >&2 || true
    fi
    echo "capture.sh: the capture is empty: no TCP segments on port $PORT were seen on $IFACE (is the server on port $PORT, and does the client connect to it through $IFACE?)" >&2
    (( COMMAND_STATUS != 0 )) && exit "$COMMAND_STATUS"
    exit 1
fi

awk -F'\t' -v port="$PORT" -v dis="$DISSECTOR" '
# Decode a hex string ("7b2261") into a short printable preview.
function preview(hex, kind,   out, i, n, c, b, max) {
    n = length(hex) / 2; max = 48; out = ""
    if (kind == "bytes") {
        for (i = 0; i < n && i < 16; i++) out = out (i ? " " : "") substr(hex, 2 * i + 1, 2)
        return out (n > 16 ? " ..." : "")
    }
    for (i = 0; i < n; i++) {
        b = hexval(substr(hex, 2 * i + 1, 2))
        # stop after max bytes, but not in the middle of a UTF-8 character
        if (i >= max && (b < 128 || b >= 192)) break
        if (b == 10) c = "\\n"; else if (b == 13) c = "\\r"; else if (b == 9) c = "\\t"
        else if (b >= 32 && b != 127) c = sprintf("%c", b)   # bytes >= 128: UTF-8 text
        else c = "."
        out = out c
    }
    if (kind == "json") return out (i < n ? "..." : "")
    return "\"" out "\"" (i < n ? "..." : "")
}
function hexval(h,   d, v, i) {
    v = 0
    for (i = 1; i <= length(h); i++) v = v * 16 + index("0123456789abcdef", tolower(substr(h, i, 1))) - 1
    return v
}
# bit(x, b): is bit b (1, 2, 4, 8, ...) set in the number x? (plain awk has no "and")
function bit(x, b) { return int(x / b) % 2 }
function flagnames(x,   s) {
    s = ""
    if (bit(x, 2))  s = s ",SYN"
    if (bit(x, 1))  s = s ",FIN"
    if (bit(x, 4))  s = s ",RST"
    if (bit(x, 8))  s = s ",PSH"
    if (bit(x, 16)) s = s ",ACK"
    return s == "" ? "-" : substr(s, 2)
}
BEGIN {
    printf "%-9s  %4s  %-9s  %-26s  %-11s  %5s  %s\n", "phase", "#", "time", "direction", "flags", "len", "note"
}
{
    num = $1; t = $2; st = $3; sp = $5; dp = $7; len = $9 + 0; rin = $10
    flags = hexval(substr($8, 3))
    syn = bit(flags, 2); fin = bit(flags, 1); rst = bit(flags, 4); ack = bit(flags, 16)
    from_server = (sp == port)
    client = from_server ? dp : sp
    dir = from_server ? "server -> client:" client : "client:" client " -> server"
    who = from_server ? "server" : "client"

    # Follow each connection (tcp stream) through its phases.
    if (!(st in state)) state[st] = "handshake"
    note = ""
    if (rst && state[st] == "handshake" && from_server) {
        phase = "reset"; state[st] = "closed"; note = "server refuses: nothing listens on port " port " (RST)"
    } else if (rst) {
        phase = "reset"; state[st] = "closed"; note = who " aborts the connection (RST)"
    } else if (fin) {
        phase = "close"; state[st] = "close"
        note = who " has nothing more to send (FIN)"
    } else if (state[st] == "handshake") {
        if (syn && !ack)     { phase = "handshake"; synack[st] = 0; note = "client asks to connect" }
        else if (syn && ack) { phase = "handshake"; synack[st] = 1; note = "server accepts" }
        else if (synack[st] && len == 0) {
            phase = "handshake"; state[st] = "data"; note = "client confirms: connection open"
        } else {  # capture started in the middle of a connection
            phase = "data"; state[st] = "data"
        }
    } else {
        phase = state[st]
        if (phase == "closed") phase = "close"
        if (len == 0) note = (phase == "close") ? "acknowledges the FIN" : "acknowledges data"
    }

    # Frames decoded by the clusterlab dissector in this segment.
    extra_count = 0
    if (dis == 1 && $11 != "") {
        nl = split($11, L, ","); split($12, K, ","); np = split($13, P, ",")
        pi = 1
        for (i = 1; i <= nl; i++) {
            if (K[i] == "too_long") { f = "frame: length " L[i] " over the 16 MiB limit" }
            else if (K[i] == "empty") { f = "frame: 0 bytes (empty)" }
            else { f = "frame: " L[i] " bytes " (K[i] == "bytes" ? "raw" : K[i]) " " preview(P[pi], K[i]); pi++ }
            if (i == 1) note = (note == "" ? f : note "; " f)
            else extra[++extra_count] = f
        }
    } else if (dis == 1 && rin != "" && len > 0) {
        note = "start of a frame, completed in #" rin
    }

    printf "%-9s  %4s  %-9s  %-26s  %-11s  %5d  %s\n", phase, num, sprintf("%.6f", t), dir, flagnames(flags), len, note
    for (i = 1; i <= extra_count; i++)
        printf "%-9s  %4s  %-9s  %-26s  %-11s  %5s  %s\n", "", "", "", "", "", "", extra[i]
}' "$RECORDS"

if (( COMMAND_STATUS != 0 )); then
    echo "capture.sh: the command exited with status $COMMAND_STATUS" >&2
    exit "$COMMAND_STATUS"
fi
exit 0
