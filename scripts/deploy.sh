#!/usr/bin/env bash
# shellcheck disable=SC2317  # the worker and collector functions are called through run_parallel
# deploy.sh: copy build/clusterlab.jar to ~/clusterlab/clusterlab.jar on every host of
# pi_list.txt, many hosts at once, and say which hosts got it.
#
# Run `scripts/deploy.sh --help` for the options.
#
# How it works, for each host (at most -j hosts at the same time):
#   1. ssh: make ~/clusterlab and print the sha256 checksum of the jar already there;
#      the same checksum as ours means the host already has this jar: "unchanged";
#   2. scp: copy the jar to ~/clusterlab/clusterlab.jar.part, a temporary name;
#   3. ssh: check the copy's checksum, then rename it to clusterlab.jar. A rename is atomic:
#      a program starting the jar sees the old file or the new one, never half a copy;
#   4. with --secret, also the shared secret of the job nodes (lesson 07) to ~/.clusterlab/secret,
#      sent through ssh's standard input under umask 077, so it is never readable by others;
#   5. when a step fails with a problem that may pass (a switch dropping the connection, a
#      Pi still booting), wait 1 s, 2 s, 4 s, ... and try the host again, up to --retries
#      tries. A problem that will not pass (no key login, a changed host key) is not retried.
# Every ssh and scp runs with these options:
#   BatchMode=yes                  never ask for a password: a host without key login fails at
#                                  once instead of waiting for someone to type (see setup-keys.sh)
#   ConnectTimeout=N               give up on a host that does not answer within N seconds
#   StrictHostKeyChecking=accept-new
#                                  remember the host key of a host seen for the first time, but
#                                  refuse one whose key changed (see setup-keys.sh for why)
#   ServerAliveInterval, ...CountMax
#                                  notice within about 15 s a connection that went dead
# Hosts that fail are written to failed.log; `--only-failed` tries just those again.

set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/pi-list.sh
source "$root/scripts/lib/pi-list.sh"
PROGRAM=deploy.sh
# shellcheck source-path=SCRIPTDIR source=lib/options.sh
source "$root/scripts/lib/options.sh"
# shellcheck source-path=SCRIPTDIR source=lib/parallel.sh
source "$root/scripts/lib/parallel.sh"

HOSTS_FILE=""                                  # default: pi_list.txt in the repository
SSH_CONFIG="${CLUSTERLAB_SSH_CONFIG:-}"
JAR=""                                         # default: build/clusterlab.jar in the repository
JOBS=16
RETRIES=3
CONNECT_TIMEOUT=5
STEP_TIMEOUT=60                                # seconds for one ssh or scp, at most
ONLY_FAILED=0
FAILED_LOG=failed.log
REMOTE_DIR=clusterlab                          # on the host, relative to the home directory
SECRET=""                                      # --secret: the shared secret file to copy too

usage() {
    cat <<'EOF'
Usage: scripts/deploy.sh [options]

Copy the jar to ~/clusterlab/clusterlab.jar on every host of the host list, in
parallel, and print one line per host as it finishes:
  deployed    the host got the new jar
  unchanged   the host already had exactly this jar (same sha256 checksum)
  FAILED      with the reason, after the tries it was given
then a summary "deployed N, unchanged N, failed N". Hosts that failed are
written to failed.log, so you can try just those again with --only-failed.

Options:
  --hosts FILE          host list (default pi_list.txt in the repository)
  --ssh-config FILE     ssh client configuration to use (ssh -F FILE); the
                        default is $CLUSTERLAB_SSH_CONFIG when that is set
  --jar FILE            the jar to copy (default build/clusterlab.jar)
  -j, --jobs N          copy to at most N hosts at the same time (default 16)
  --retries N           tries per host before giving up (default 3); waits
                        1 s, 2 s, 4 s, ... between tries
  --connect-timeout S   seconds to wait for a host to answer (default 5)
  --timeout S           seconds one ssh or scp may take in all (default 60)
  --failed-log FILE     where to write the failed hosts (default failed.log,
                        in the current directory)
  --only-failed         deploy only to the hosts in the failed log
  --secret              also copy the job nodes' shared secret (lesson 07):
                        $CLUSTERLAB_SECRET or ~/.clusterlab/secret, to
                        ~/.clusterlab/secret on each host, readable only there
  --secret-file FILE    the same, with the secret in FILE
  -h, --help            show this help

The hosts need key login (scripts/setup-keys.sh sets it up): deploy.sh never
asks for a password.

Exit status: 0 every host has the jar, 1 some hosts failed, 2 bad usage, no
jar or no host list.
EOF
}

# ---------------------------------------------------------------- options
while [[ $# -gt 0 ]]; do
    case "$1" in
        --hosts)           need_value "$1" $#; HOSTS_FILE=$2; shift 2 ;;
        --ssh-config)      need_value "$1" $#; SSH_CONFIG=$2; shift 2 ;;
        --jar)             need_value "$1" $#; JAR=$2; shift 2 ;;
        -j|--jobs)         need_value "$1" $#; JOBS=$2; shift 2 ;;
        -j[0-9]*)          JOBS=${1#-j}; shift ;;
        --retries)         need_value "$1" $#; RETRIES=$2; shift 2 ;;
        --connect-timeout) need_value "$1" $#; CONNECT_TIMEOUT=$2; shift 2 ;;
        --timeout)         need_value "$1" $#; STEP_TIMEOUT=$2; shift 2 ;;
        --failed-log)      need_value "$1" $#; FAILED_LOG=$2; shift 2 ;;
        --only-failed)     ONLY_FAILED=1; shift ;;
        --secret)          SECRET=${CLUSTERLAB_SECRET:-$HOME/.clusterlab/secret}; shift ;;
        --secret-file)     need_value "$1" $#; SECRET=$2; shift 2 ;;
        -h|--help)         usage; exit 0 ;;
        *)                 die 2 "unknown option '$1' (see --help)" ;;
    esac
done

need_number -j "$JOBS" 1 256
need_number --retries "$RETRIES" 1 10
need_number --connect-timeout "$CONNECT_TIMEOUT" 1 600
need_number --timeout "$STEP_TIMEOUT" 1 3600
JOBS=$((10#$JOBS)); RETRIES=$((10#$RETRIES))
CONNECT_TIMEOUT=$((10#$CONNECT_TIMEOUT)); STEP_TIMEOUT=$((10#$STEP_TIMEOUT))

# `wait -n -p` (which job finished?) needs bash 5.1 or newer.
if (( BASH_VERSINFO[0] < 5 || (BASH_VERSINFO[0] == 5 && BASH_VERSINFO[1] < 1) )); then
    die 2 "needs bash 5.1 or newer, this is bash $BASH_VERSION"
fi

# The defaults live in the repository; files you name are found from where you are.
if [[ -z $JAR ]]; then
    JAR="$root/build/clusterlab.jar"; JAR_NAME=build/clusterlab.jar
else
    JAR_NAME=$JAR
fi
[[ -f $JAR && -r $JAR ]] || die 2 "no $JAR_NAME: run make first"
if [[ -n $SECRET && ! ( -f $SECRET && -r $SECRET ) ]]; then
    die 2 "no secret file $SECRET: create one with \`scripts/clusterlab secret --new\`"
fi
[[ -n $HOSTS_FILE ]] || HOSTS_FILE="$root/pi_list.txt"
if [[ -n $SSH_CONFIG && ! -r $SSH_CONFIG ]]; then
    die 2 "no ssh configuration $SSH_CONFIG (from --ssh-config or CLUSTERLAB_SSH_CONFIG)"
fi

# The list of hosts: the host list, or with --only-failed the failed log.
if (( ONLY_FAILED )); then
    if [[ ! -f $FAILED_LOG ]]; then
        echo "deploy.sh: no $FAILED_LOG here: the last deploy run in this directory had no failures" >&2
        exit 0
    fi
    LIST_FILE=$FAILED_LOG
else
    LIST_FILE=$HOSTS_FILE
fi
# pi_list_read prints "TARGET SLOTS" per host, each host once; a copy needs only TARGET.
lines="$(pi_list_read "$LIST_FILE")" || exit 2
TARGETS=()
while read -r target _; do
    [[ -n $target ]] && TARGETS+=("$target")
done <<<"$lines"
(( ${#TARGETS[@]} > 0 )) || die 2 "no hosts in $LIST_FILE"

# The checksum of our jar (sha256sum on Linux, shasum on macOS).
if command -v sha256sum >/dev/null 2>&1; then
    LOCAL_SUM="$(sha256sum "$JAR")"
else
    LOCAL_SUM="$(shasum -a 256 "$JAR")"
fi
LOCAL_SUM=${LOCAL_SUM%% *}

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

# ---------------------------------------------------------------- one host
# failure_reason STATUS ERRFILE HOST: prints a one-line reason for a failed ssh or scp.
# Returns 0 when trying again may help, 1 when it will not.
failure_reason() {
    local status=$1 host=${3#*@} text last
    text="$(tr '\r\n' '  ' <"$2")"
    last="$(grep -v '^[[:space:]]*$' "$2" | grep -v '^Warning: Permanently added' | tail -n 1 | tr -d '\r')" || true
    if (( status == 124 || status == 137 )); then
        echo "gave up after ${STEP_TIMEOUT}s (--timeout)"; return 0
    fi
    case $text in
        *"REMOTE HOST IDENTIFICATION HAS CHANGED"*|*"Host key verification failed"*)
            echo "host key changed; if the Pi was re-installed: ssh-keygen -R $host"; return 1 ;;
        *"Permission denied"*)
            echo "no key login: run scripts/setup-keys.sh"; return 1 ;;
        *"Could not resolve hostname"*)
            echo "unknown host name"; return 1 ;;
        *"Connection refused"*)       echo "connection refused: is sshd running?" ;;
        *"timed out"*)                echo "no answer within ${CONNECT_TIMEOUT}s" ;;
        *"No route to host"*)         echo "no route to host" ;;
        *"Network is unreachable"*)   echo "network unreachable" ;;
        *"Connection reset"*|*"Connection closed"*|*"lost connection"*|*"Broken pipe"*|*"closed by remote host"*)
                                      echo "connection dropped" ;;
        *)  if [[ -n $last ]]; then echo "$last"; else echo "exit status $status"; fi ;;
    esac
    return 0
}

# deploy_host TARGET RESULT_FILE: copy the jar to one host; runs in the background. Writes one
# line "STATUS<tab>TRIES<tab>REASON" to RESULT_FILE, STATUS being deployed, unchanged or failed.
deploy_host() {
    local target=$1 result=$2 err="$2.err" try=0 delay=1 status remote_sum reason="" copied=0
    while (( try < RETRIES )); do
        try=$((try + 1))
        if (( try > 1 )); then
            sleep "$delay"          # back off: 1 s, 2 s, 4 s, ...
            delay=$((delay * 2))
        fi

        # 0. The shared secret, when asked: written under a temporary name, then renamed.
        if [[ -n $SECRET ]]; then
            status=0
            bounded ssh "${SSH_OPTS[@]}" "$target" \
                "umask 077 && mkdir -p .clusterlab && cat > .clusterlab/secret.part && mv -f .clusterlab/secret.part .clusterlab/secret" \
                <"$SECRET" 2>"$err" || status=$?
            if (( status != 0 )); then
                if reason="$(failure_reason "$status" "$err" "$target")"; then continue; else break; fi
            fi
        fi

        # 1. Which jar does the host have? (no jar: an empty answer)
        status=0
        remote_sum="$(bounded ssh "${SSH_OPTS[@]}" "$target" \
            "mkdir -p $REMOTE_DIR && { sha256sum $REMOTE_DIR/clusterlab.jar 2>/dev/null || true; }" \
            </dev/null 2>"$err")" || status=$?
        if (( status != 0 )); then
            if reason="$(failure_reason "$status" "$err" "$target")"; then continue; else break; fi
        fi
        if [[ ${remote_sum%% *} == "$LOCAL_SUM" ]]; then
            if (( copied )); then printf 'deployed\t%d\t\n' "$try" >"$result"
            else printf 'unchanged\t%d\t\n' "$try" >"$result"; fi
            return 0
        fi

        # 2. Copy to a temporary name.
        status=0
        bounded scp -q "${SSH_OPTS[@]}" "$JAR" "$target:$REMOTE_DIR/clusterlab.jar.part" \
            </dev/null 2>"$err" || status=$?
        if (( status != 0 )); then
            if reason="$(failure_reason "$status" "$err" "$target")"; then continue; else break; fi
        fi

        # 3. Check the copy and rename it into place; a damaged copy is removed (status 3).
        # (If the connection drops after the rename, the next try finds the new jar there:
        # "copied" makes it say deployed rather than unchanged.)
        copied=1
        status=0
        bounded ssh "${SSH_OPTS[@]}" "$target" \
            "cd $REMOTE_DIR && if echo '$LOCAL_SUM  clusterlab.jar.part' | sha256sum -c --status; then mv -f clusterlab.jar.part clusterlab.jar; else rm -f clusterlab.jar.part; exit 3; fi" \
            </dev/null 2>"$err" || status=$?
        if (( status == 3 )); then
            reason="the copy arrived damaged (checksum differs)"; continue
        elif (( status != 0 )); then
            if reason="$(failure_reason "$status" "$err" "$target")"; then continue; else break; fi
        fi
        printf 'deployed\t%d\t\n' "$try" >"$result"
        return 0
    done
    printf 'failed\t%d\t%s\n' "$try" "$reason" >"$result"
}

# ---------------------------------------------------------------- all hosts
WORK="$(mktemp -d "${TMPDIR:-/tmp}/deploy.XXXXXX")"
# On Ctrl-C or kill: stop the workers we started, each with the ssh or scp it runs (by the
# process group numbered like the worker's PID), and remove the scratch directory. A half copy
# may stay behind as clusterlab.jar.part: it is never run, and the next deploy replaces it.
# shellcheck disable=SC2317  # called by the traps
cleanup() {
    stop_workers
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "deploy.sh: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM

host_count=${#TARGETS[@]}
width=0
for target in "${TARGETS[@]}"; do (( ${#target} > width )) && width=${#target}; done
from=""; (( ONLY_FAILED )) && from=" (those in $FAILED_LOG)"
hosts_word=hosts; (( host_count == 1 )) && hosts_word=host
echo "deploying $JAR_NAME (sha256 ${LOCAL_SUM:0:12}) to $host_count $hosts_word$from, $JOBS at a time"

deployed=0; unchanged=0; failed=0; finished=0
FAILED_LINES=()

# report INDEX: print the line of a host whose worker finished, and count it.
report() {
    local i=$1 target=${TARGETS[$1]} line state tries reason tries_text
    line="$(cat "$WORK/$i" 2>/dev/null)" || line=$'failed\t0\tthe worker stopped unexpectedly'
    IFS=$'\t' read -r state tries reason <<<"$line"
    finished=$((finished + 1))
    tries_text="$tries tries"; [[ $tries == 1 ]] && tries_text="1 try"
    case $state in
        deployed)  deployed=$((deployed + 1)); state="deployed, $tries_text" ;;
        unchanged) unchanged=$((unchanged + 1)); state="unchanged, $tries_text" ;;
        *)         failed=$((failed + 1)); state="FAILED ($reason), $tries_text"
                   FAILED_LINES+=("$(printf '%-*s  # %s' "$width" "$target" "$reason")") ;;
    esac
    # One printf per line: only this (main) process prints, so lines never mix.
    printf '[%*d/%d] %-*s  %s\n' "${#host_count}" "$finished" "$host_count" "$width" "$target" "$state"
}

deploy_worker() { deploy_host "${TARGETS[$1]}" "$WORK/$1"; }
run_parallel "$host_count" "$JOBS" deploy_worker report

echo "deployed $deployed, unchanged $unchanged, failed $failed"

# The failed log holds the hosts to try again, in the host-list format (the reasons are comments).
if (( failed > 0 )); then
    {
        echo "# Hosts scripts/deploy.sh could not copy $JAR_NAME to, $(date '+%Y-%m-%d %H:%M')."
        echo "# Try them again with: scripts/deploy.sh --only-failed"
        printf '%s\n' "${FAILED_LINES[@]}"
    } >"$FAILED_LOG"
    echo "the failed hosts are in $FAILED_LOG: once they are fixed, scripts/deploy.sh --only-failed"
    exit 1
fi
rm -f "$FAILED_LOG"
exit 0
