#!/usr/bin/env bash
# shellcheck disable=SC2317  # the worker and collector functions are called through run_parallel
# cluster.sh: start, stop, watch and read the clusterlab programs running on every host of
# pi_list.txt, over ssh, many hosts at once.
#
# Run `scripts/cluster.sh --help` for the options.
#
# How it works:
#   * Every host gets one ssh connection, running `bash -s` there: a small bash script (the
#     REMOTE part below) comes in on its standard input and does the work on that host, for
#     all its instances. It answers with one record per line, which this side
#     turns into the lines you see.
#   * An instance is one program started with `java -jar clusterlab.jar COMMAND ARGS...` in
#     ~/clusterlab (where scripts/deploy.sh copies the jar). A host with "slots=3" in the host
#     list runs three: NAME-1, NAME-2, NAME-3. Each writes its output to
#     ~/clusterlab/run/NAME-i.log, and its process id (PID) goes to ~/clusterlab/run/NAME-i.pid.
#   * stop kills exactly the PIDs in those files, and only while they are still running
#     clusterlab.jar: a PID is reused by the system once its program has ended, and we must not
#     kill someone else's program that happens to get the same number.
#   * Hosts are handled in parallel, at most -j at once. Each host's lines are collected and
#     printed together by this script alone, so lines of different hosts never mix.

set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/pi-list.sh
source "$root/scripts/lib/pi-list.sh"
PROGRAM=cluster.sh
# shellcheck source-path=SCRIPTDIR source=lib/options.sh
source "$root/scripts/lib/options.sh"
# shellcheck source-path=SCRIPTDIR source=lib/parallel.sh
source "$root/scripts/lib/parallel.sh"

HOSTS_FILE=""                                  # default: pi_list.txt in the repository
SSH_CONFIG="${CLUSTERLAB_SSH_CONFIG:-}"
JOBS=16
CONNECT_TIMEOUT=5
STEP_TIMEOUT=60                                # seconds one host may take in all, at most
ACTION=""
NAME=""
LOG_LINES=20
COMMAND=()

usage() {
    cat <<'EOF'
Usage: scripts/cluster.sh [options] start [--name NAME] -- COMMAND ARGS...
       scripts/cluster.sh [options] stop|status|logs [--name NAME]

Run clusterlab on every host of the host list (the jar must be there first:
scripts/deploy.sh).

Actions:
  start -- COMMAND ARGS...
           start `java -jar clusterlab.jar COMMAND ARGS...` in ~/clusterlab on
           every host, as many instances as the host has slots (slots=N in the
           host list; 1 by default). They are named NAME-1, NAME-2, ...; NAME is
           COMMAND unless --name says otherwise. An instance that already runs
           is not started twice.
  stop     stop the instances started by start (all of them, or those of
           --name NAME): kill, wait up to 5 s, then kill -9
  status   a table: host, instance, running or dead, uptime, last log line
  logs     the last lines of each instance's log (-n N, default 20)

Options:
  --hosts FILE          host list (default pi_list.txt in the repository)
  --ssh-config FILE     ssh client configuration to use (ssh -F FILE); the
                        default is $CLUSTERLAB_SSH_CONFIG when that is set
  -j, --jobs N          talk to at most N hosts at the same time (default 16)
  --name NAME           the instances' name (letters, digits, . _ -); for
                        stop, status and logs also one instance: --name server-2
  -n, --lines N         logs: how many lines of each log (default 20)
  --connect-timeout S   seconds to wait for a host to answer (default 5)
  --timeout S           seconds one host may take in all (default 60)
  -h, --help            show this help

On each host: ~/clusterlab/run/NAME-i.log holds an instance's output and
~/clusterlab/run/NAME-i.pid its process id.

Examples:
  scripts/cluster.sh start -- server --port 20000
  scripts/cluster.sh status
  scripts/cluster.sh logs -n 5
  scripts/cluster.sh stop --name server

Exit status: 0 ok; 1 some host could not be reached or some instance did not
start; 2 bad usage.
EOF
}

# ---------------------------------------------------------------- options
# Options may come before or after the action; everything after "--" is the command.
while [[ $# -gt 0 ]]; do
    case "$1" in
        --hosts)           need_value "$1" $#; HOSTS_FILE=$2; shift 2 ;;
        --ssh-config)      need_value "$1" $#; SSH_CONFIG=$2; shift 2 ;;
        -j|--jobs)         need_value "$1" $#; JOBS=$2; shift 2 ;;
        -j[0-9]*)          JOBS=${1#-j}; shift ;;
        --name)            need_value "$1" $#; NAME=$2; shift 2 ;;
        -n|--lines)        need_value "$1" $#; LOG_LINES=$2; shift 2 ;;
        --connect-timeout) need_value "$1" $#; CONNECT_TIMEOUT=$2; shift 2 ;;
        --timeout)         need_value "$1" $#; STEP_TIMEOUT=$2; shift 2 ;;
        -h|--help)         usage; exit 0 ;;
        --)                shift; COMMAND=("$@"); break ;;
        start|stop|status|logs)
            [[ -z $ACTION ]] || die 2 "one action at a time: '$ACTION' or '$1'"
            ACTION=$1; shift ;;
        -*)                die 2 "unknown option '$1' (see --help)" ;;
        *)                 die 2 "unknown action '$1': start, stop, status or logs (a command to start goes after --)" ;;
    esac
done

[[ -n $ACTION ]] || die 2 "no action: start, stop, status or logs (see --help)"
need_number -j "$JOBS" 1 256
need_number --lines "$LOG_LINES" 1 10000
need_number --connect-timeout "$CONNECT_TIMEOUT" 1 600
need_number --timeout "$STEP_TIMEOUT" 1 3600
JOBS=$((10#$JOBS)); LOG_LINES=$((10#$LOG_LINES))
CONNECT_TIMEOUT=$((10#$CONNECT_TIMEOUT)); STEP_TIMEOUT=$((10#$STEP_TIMEOUT))

if [[ $ACTION == start ]]; then
    (( ${#COMMAND[@]} > 0 )) || die 2 "start needs a command after --, e.g.: cluster.sh start -- server --port 20000"
    [[ -n $NAME ]] || NAME=${COMMAND[0]}
elif (( ${#COMMAND[@]} > 0 )); then
    die 2 "only start takes a command after --"
fi
# The name becomes part of file names on the hosts: keep it to safe characters.
if [[ -n $NAME && ! $NAME =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]*$ ]]; then
    die 2 "the name '$NAME' may hold only letters, digits, '.', '_' and '-' (choose one with --name)"
fi
# Instances are numbered NAME-1, NAME-2, ...: a new name ending in -NUMBER would be confused
# with one of them. (stop, status and logs accept one instance's name, e.g. --name server-2.)
if [[ $ACTION == start && $NAME =~ -[0-9]+$ ]]; then
    die 2 "the name '$NAME' ends like an instance number (-N): choose another with --name"
fi

# `wait -n -p` (which job finished?) needs bash 5.1 or newer.
if (( BASH_VERSINFO[0] < 5 || (BASH_VERSINFO[0] == 5 && BASH_VERSINFO[1] < 1) )); then
    die 2 "needs bash 5.1 or newer, this is bash $BASH_VERSION"
fi

[[ -n $HOSTS_FILE ]] || HOSTS_FILE="$root/pi_list.txt"
if [[ -n $SSH_CONFIG && ! -r $SSH_CONFIG ]]; then
    die 2 "no ssh configuration $SSH_CONFIG (from --ssh-config or CLUSTERLAB_SSH_CONFIG)"
fi
lines="$(pi_list_read "$HOSTS_FILE")" || exit 2
TARGETS=(); SLOTS=()
while read -r target slots; do
    [[ -n $target ]] || continue
    TARGETS+=("$target"); SLOTS+=("$slots")
done <<<"$lines"
(( ${#TARGETS[@]} > 0 )) || die 2 "no hosts in $HOSTS_FILE"

SSH_OPTS=(-o BatchMode=yes -o "ConnectTimeout=$CONNECT_TIMEOUT" -o StrictHostKeyChecking=accept-new
          -o ServerAliveInterval=5 -o ServerAliveCountMax=3)
[[ -n $SSH_CONFIG ]] && SSH_OPTS=(-F "$SSH_CONFIG" "${SSH_OPTS[@]}")

# bounded COMMAND...: run COMMAND, but stop it after STEP_TIMEOUT seconds (status 124).
if command -v timeout >/dev/null 2>&1; then
    # --foreground: timeout stays in our process group, so that stopping the group stops it too
    bounded() { timeout --foreground -k 5 "$STEP_TIMEOUT" "$@"; }
else
    bounded() { "$@"; }   # no timeout(1): ConnectTimeout and ServerAlive still apply
fi

# ---------------------------------------------------------------- REMOTE
# The script each host runs, in bash, after a few variable lines written below (ACTION, NAME,
# SLOTS, LOG_LINES, CMD). It prints records, one per line, fields separated by the character
# 0x1f ("unit separator", made for this and never found in a log line):
#   I  INSTANCE  STATE  PID  [EXTRA  [TEXT]]   an instance and what became of it: started,
#                                              already (running), finished (at once, exit 0),
#                                              exited (at once: EXTRA exit status, TEXT its error),
#                                              stopped, killed, notrunning; for status: running
#                                              (EXTRA seconds up) or dead, TEXT the last log line
#   L  INSTANCE  LINE                          a line of an instance's log
#   N                                          this host has no instances
#   E  MESSAGE                                 this host cannot do it (no jar, no java, ...)
# The whole script is one { ... } block: bash reads it all before running any of it, so
# nothing in it can swallow the rest of the script from standard input.
read -r -d '' REMOTE_BODY <<'REMOTE' || true
{
exec </dev/null
rec() { local IFS=$'\x1f'; printf '%s\n' "$*"; }

# is_ours PID: is PID running, and is it a clusterlab jar? (a PID is reused once its program
# ended: an old pid file may name someone else's program by now)
is_ours() {
    local args
    [[ $1 =~ ^[0-9]+$ ]] || return 1
    args=$(ps -o args= -p "$1" 2>/dev/null) || return 1
    [[ $args == *clusterlab.jar* ]]
}

# instances EXT: the instance names NAME-i that have a run/NAME-i.EXT file (any NAME when
# NAME is empty; just that one when NAME is an instance's name, server-2), in order: server-1,
# server-2, ..., server-10.
instances() {
    local f base
    for f in run/*."$1"; do
        [[ -e $f ]] || continue
        base=${f#run/}; base=${base%."$1"}
        if [[ -n $NAME ]]; then [[ $base =~ ^"$NAME"(-[0-9]+)?$ ]] || continue
        else [[ $base =~ -[0-9]+$ ]] || continue; fi
        echo "$base"
    done | sort -V
}

last_log_line() { tail -n 1 "run/$1.log" 2>/dev/null | tr -d '\r\037'; }

# error_line INSTANCE: the line of the log most likely to say what went wrong: the last
# "clusterlab COMMAND: ..." message or exception, else the last line that is not blank.
error_line() {
    local line
    line=$(grep -E '^clusterlab [a-z-]+: |Exception|Error' "run/$1.log" 2>/dev/null | tail -n 1)
    [[ -n $line ]] || line=$(grep -v '^[[:space:]]*$' "run/$1.log" 2>/dev/null | tail -n 1)
    printf '%s' "$line" | tr -d '\r\037'
}

if ! cd ~/clusterlab 2>/dev/null; then
    if [[ $ACTION == start ]]; then rec E "no ~/clusterlab here: run scripts/deploy.sh first"
    else rec N; fi
    exit 0
fi

case $ACTION in
start)
    [[ -f clusterlab.jar ]] || { rec E "no ~/clusterlab/clusterlab.jar: run scripts/deploy.sh first"; exit 0; }
    command -v java >/dev/null 2>&1 || { rec E "java is not installed here"; exit 0; }
    mkdir -p run
    new=()
    for (( i = 1; i <= SLOTS; i++ )); do
        inst=$NAME-$i
        if [[ -f run/$inst.pid ]] && pid=$(<"run/$inst.pid") && is_ours "$pid"; then
            rec I "$inst" already "$pid"
            continue
        fi
        # Start it in the background with nohup (it keeps running when this ssh session ends),
        # every stream redirected: a program left holding the session's standard input, output
        # or error would keep ssh waiting for it. $! is the PID of that background program.
        # (Written on one line as `cd ... && nohup java ... & echo $!`, the & would put the
        # whole && chain in the background, and $! would be the PID of a shell, not of java.)
        nohup java -jar clusterlab.jar "${CMD[@]}" >"run/$inst.log" 2>&1 </dev/null &
        echo $! >"run/$inst.pid"
        new+=("$inst")
    done
    # A program that fails at once (a port already in use, a wrong option) has ended after a
    # second: say so now rather than leave a dead instance behind.
    (( ${#new[@]} == 0 )) || sleep 1
    for inst in "${new[@]}"; do
        pid=$(<"run/$inst.pid")
        if is_ours "$pid"; then
            rec I "$inst" started "$pid"
        else
            # It is our child: wait tells how it ended (0: it did its work and finished).
            code=0; wait "$pid" 2>/dev/null || code=$?
            rm -f "run/$inst.pid"
            if (( code == 0 )); then rec I "$inst" finished "$pid" "$code"
            else rec I "$inst" exited "$pid" "$code" "$(error_line "$inst")"; fi
        fi
    done
    ;;
stop)
    mapfile -t all < <(instances pid)
    (( ${#all[@]} > 0 )) || { rec N; exit 0; }
    pending=()
    for inst in "${all[@]}"; do
        pid=$(<"run/$inst.pid")
        if is_ours "$pid"; then
            kill "$pid" 2>/dev/null || true     # SIGTERM: the program may clean up and exit
            pending+=("$inst")
        else
            rm -f "run/$inst.pid"
            rec I "$inst" notrunning "$pid"
        fi
    done
    # Wait up to 5 s for all of them together.
    for (( t = 0; t < 50; t++ )); do
        alive=0
        for inst in "${pending[@]}"; do is_ours "$(<"run/$inst.pid")" && alive=1; done
        (( alive )) || break
        sleep 0.1
    done
    for inst in "${pending[@]}"; do
        pid=$(<"run/$inst.pid")
        if is_ours "$pid"; then
            kill -9 "$pid" 2>/dev/null || true  # SIGKILL: cannot be ignored
            rec I "$inst" killed "$pid"
        else
            rec I "$inst" stopped "$pid"
        fi
        rm -f "run/$inst.pid"
    done
    ;;
status)
    mapfile -t all < <(instances pid)
    (( ${#all[@]} > 0 )) || { rec N; exit 0; }
    for inst in "${all[@]}"; do
        pid=$(<"run/$inst.pid")
        if is_ours "$pid"; then
            rec I "$inst" running "$pid" "$(ps -o etimes= -p "$pid" | tr -d ' ')" "$(last_log_line "$inst")"
        else
            rec I "$inst" dead "$pid" "" "$(last_log_line "$inst")"
        fi
    done
    ;;
logs)
    mapfile -t all < <(instances log)
    (( ${#all[@]} > 0 )) || { rec N; exit 0; }
    for inst in "${all[@]}"; do
        tail -n "$LOG_LINES" "run/$inst.log" | tr -d '\r\037' | while IFS= read -r line || [[ -n $line ]]; do
            rec L "$inst" "$line"
        done
    done
    ;;
esac
exit 0
}
REMOTE

# remote_script: the variable lines, each value quoted with printf %q so that the remote bash
# reads back exactly the words we have here (spaces, quotes, $ and all), then the body.
remote_script() { # remote_script SLOTS
    printf 'ACTION=%q\nNAME=%q\nSLOTS=%q\nLOG_LINES=%q\n' "$ACTION" "$NAME" "$1" "$LOG_LINES"
    printf 'CMD=('
    (( ${#COMMAND[@]} == 0 )) || printf ' %q' "${COMMAND[@]}"
    printf ' )\n'
    printf '%s\n' "$REMOTE_BODY"
}

# ---------------------------------------------------------------- one host
# failure_reason STATUS ERRFILE TARGET: a one-line reason for a failed ssh.
failure_reason() {
    local status=$1 host=${3#*@} text last
    text="$(tr '\r\n' '  ' <"$2")"
    last="$(grep -v '^[[:space:]]*$' "$2" | grep -v '^Warning: Permanently added' | tail -n 1 | tr -d '\r')" || true
    if (( status == 124 || status == 137 )); then
        echo "gave up after ${STEP_TIMEOUT}s (--timeout)"; return
    fi
    case $text in
        *"REMOTE HOST IDENTIFICATION HAS CHANGED"*|*"Host key verification failed"*)
                                      echo "host key changed; if the Pi was re-installed: ssh-keygen -R $host" ;;
        *"Permission denied"*)        echo "no key login: run scripts/setup-keys.sh" ;;
        *"Could not resolve hostname"*) echo "unknown host name" ;;
        *"Connection refused"*)       echo "connection refused: is sshd running?" ;;
        *"timed out"*)                echo "no answer within ${CONNECT_TIMEOUT}s" ;;
        *"No route to host"*)         echo "no route to host" ;;
        *"Network is unreachable"*)   echo "network unreachable" ;;
        *"Connection reset"*|*"Connection closed"*|*"closed by remote host"*)
                                      echo "connection dropped" ;;
        *)  if [[ -n $last ]]; then echo "$last"; else echo "exit status $status"; fi ;;
    esac
}

# shorten TEXT: at most 70 characters, "..." marking a cut
shorten() { if (( ${#1} > 70 )); then printf '%s...' "${1:0:67}"; else printf '%s' "$1"; fi; }

# h:mm:ss from a number of seconds
US=$'\x1f'     # the field separator of the records

hms() { printf '%d:%02d:%02d' $(($1 / 3600)) $(($1 % 3600 / 60)) $(($1 % 60)); }

# run_host INDEX OUT: do ACTION on one host; runs in the background. Writes the lines to print
# to OUT and one word per event to count (started, failed, host-failed, ...) to OUT.count.
run_host() {
    local i=$1 out=$2 target=${TARGETS[$1]} status=0 record kind inst state pid extra text
    local records="$2.records" err="$2.err"
    : >"$out"; : >"$out.count"
    remote_script "${SLOTS[i]}" | bounded ssh "${SSH_OPTS[@]}" "$target" bash -s >"$records" 2>"$err" || status=$?
    if (( status != 0 )) && ! grep -q '^[EIN]' "$records"; then
        printf '%-*s  FAILED (%s)\n' "$WIDTH" "$target" "$(failure_reason "$status" "$err" "$target")" >>"$out"
        echo host-failed >>"$out.count"
        return 0
    fi
    while IFS= read -r record; do
        IFS=$US read -r kind inst state pid extra text <<<"$record"
        case $kind in
        E)  printf '%-*s  FAILED (%s)\n' "$WIDTH" "$target" "$inst" >>"$out"
            echo host-failed >>"$out.count" ;;
        N)  if [[ $ACTION == status ]]; then
                printf '%-*s  %-14s %-8s %8s  %s\n' "$WIDTH" "$target" "-" "-" "-" "no instances" >>"$out"
            else
                printf '%-*s  no instances%s\n' "$WIDTH" "$target" "${NAME:+ named $NAME}" >>"$out"
            fi ;;
        L)  text=${record#L"$US"*"$US"}     # the log line: all after the second separator
            printf '%s %s | %s\n' "$target" "$inst" "$text" >>"$out"
            echo logline >>"$out.count" ;;
        I)  case $state in
            started)    text="started (pid $pid)" ;;
            already)    text="already running (pid $pid)" ;;
            finished)   text="finished at once (exit status 0): see its output with logs" ;;
            exited)     text="FAILED: ended at once with exit status $extra: ${text:-its log is empty}"; state=failed ;;
            stopped)    text="stopped (pid $pid)" ;;
            killed)     text="killed with kill -9 (pid $pid): it did not stop within 5 s"; state=stopped ;;
            notrunning) text="was not running (pid $pid); pid file removed" ;;
            running)    text=$(printf '%-8s %8s  %s' running "$(hms "${extra:-0}")" "$(shorten "$text")") ;;
            dead)       text=$(printf '%-8s %8s  %s' dead "-" "$(shorten "$text")") ;;
            esac
            printf '%-*s  %-14s %s\n' "$WIDTH" "$target" "$inst" "$text" >>"$out"
            echo "$state" >>"$out.count" ;;
        esac
    done <"$records"
    if (( status != 0 )); then   # the connection broke after some records came
        printf '%-*s  FAILED (%s)\n' "$WIDTH" "$target" "$(failure_reason "$status" "$err" "$target")" >>"$out"
        echo host-failed >>"$out.count"
    fi
    return 0
}

# ---------------------------------------------------------------- all hosts
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cluster.XXXXXX")"
declare -A COUNT=()         # event -> how many
# On Ctrl-C or kill: stop the workers we started, each with the ssh it runs (by the process
# group numbered like the worker's PID), and remove the scratch directory.
# shellcheck disable=SC2317  # called by the traps
cleanup() {
    stop_workers
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "cluster.sh: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM

host_count=${#TARGETS[@]}
WIDTH=4
for target in "${TARGETS[@]}"; do (( ${#target} > WIDTH )) && WIDTH=${#target}; done

# collect INDEX: add up a finished host's counts and print its lines (status: later, in order).
collect() {
    local i=$1 event
    [[ -f $WORK/$i.count ]] || { echo host-failed >"$WORK/$i.count"; printf '%-*s  FAILED (the worker stopped unexpectedly)\n' "$WIDTH" "${TARGETS[i]}" >"$WORK/$i"; }
    while read -r event; do COUNT[$event]=$(( ${COUNT[$event]:-0} + 1 )); done <"$WORK/$i.count"
    [[ $ACTION == status ]] || cat "$WORK/$i"
}

if [[ $ACTION == start ]]; then
    shown=""     # the command as you would type it: words with odd characters quoted
    for word in "${COMMAND[@]}"; do
        if [[ $word =~ ^[A-Za-z0-9_./:=@,+-]+$ ]]; then shown+=" $word"; else shown+=" ${word@Q}"; fi
    done
    echo "starting${shown} as $NAME-1, $NAME-2, ... on $host_count hosts"
fi

cluster_worker() { run_host "$1" "$WORK/$1"; }
run_parallel "$host_count" "$JOBS" cluster_worker collect

if [[ $ACTION == status ]]; then
    printf '%-*s  %-14s %-8s %8s  %s\n' "$WIDTH" HOST INSTANCE STATE UPTIME "LAST LOG LINE"
    for (( i = 0; i < host_count; i++ )); do cat "$WORK/$i"; done
fi

c() { echo "${COUNT[$1]:-0}"; }
hosts_failed="hosts failed $(c host-failed) of $host_count"
case $ACTION in
    start)  finished=""; (( $(c finished) == 0 )) || finished=", finished at once $(c finished)"
            echo "started $(c started)$finished, already running $(c already), failed to start $(c failed), $hosts_failed" ;;
    stop)   echo "stopped $(c stopped), not running $(c notrunning), $hosts_failed" ;;
    status) echo "running $(c running), dead $(c dead), $hosts_failed" ;;
    logs)   echo "log lines $(c logline), $hosts_failed" ;;
esac
(( $(c host-failed) == 0 && $(c failed) == 0 )) || exit 1
exit 0
