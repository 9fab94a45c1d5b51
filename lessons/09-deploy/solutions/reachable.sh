#!/usr/bin/env bash
# Lesson 09, exercise (b): does a host's port answer? Asked before deploying, so that a dead Pi
# costs one second instead of ssh's own time-outs and retries.
# A reference answer. Try it:
#   source lessons/09-deploy/solutions/reachable.sh
#   host_reachable 127.0.0.1 22 1 && echo "this machine runs an ssh server"
#   skip_unreachable pi_list.txt 22 1
# Check it with: scripts/check-lesson.sh 09 solutions

# The repository this file sits in, unless the caller says otherwise.
: "${CLUSTERLAB_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
# shellcheck source-path=SCRIPTDIR source=../../../scripts/lib/pi-list.sh
source "$CLUSTERLAB_ROOT/scripts/lib/pi-list.sh"

# host_reachable HOST PORT SECONDS
# Succeeds when a TCP connection to HOST:PORT opens within SECONDS (a decimal such as 0.5 is fine),
# fails otherwise, quietly, and never waits much longer than SECONDS.
# bash opens the connection when it redirects a file descriptor to /dev/tcp/HOST/PORT (there is no
# such file: bash itself understands the name). The redirection must happen inside the command
# that timeout runs: `timeout 1 true 3<>/dev/tcp/...` would connect in the calling shell, before
# timeout starts, and wait as long as the kernel likes. So timeout runs a small bash whose only
# job is to connect; its error message goes to /dev/null, and the connection closes as it exits.
host_reachable() {
    # shellcheck disable=SC2016 # $1 and $2 are the inner bash's arguments, expanded there
    timeout "$3" bash -c 'exec 2>/dev/null 3<>"/dev/tcp/$1/$2"' host_reachable "$1" "$2"
}

# skip_unreachable HOSTS_FILE PORT SECONDS
# Prints the TARGET of every host of the list whose PORT answers within SECONDS, in the list's
# order, and "skipping TARGET: port PORT does not answer" on stderr for the others. All hosts are
# tried at once, so a list with dead hosts takes SECONDS, not SECONDS per dead host.
# Returns 0 when every host answered, 1 when some were skipped, pi_list_read's status if the list
# has a mistake. Use it as:  mapfile -t live < <(skip_unreachable pi_list.txt 22 1)
skip_unreachable() {
    local hosts target i status=0
    local -a targets=() pids=()
    hosts=$(pi_list_read "$1") || return
    while read -r target _; do
        [[ -n $target ]] || continue # a list with no hosts reads as one empty line
        host_reachable "${target#*@}" "$2" "$3" & # the host alone, without "user@"
        pids+=("$!")
        targets+=("$target")
    done <<<"$hosts"
    for i in "${!targets[@]}"; do
        if wait "${pids[i]}"; then
            echo "${targets[i]}"
        else
            echo "skipping ${targets[i]}: port $2 does not answer" >&2
            status=1
        fi
    done
    return "$status"
}
