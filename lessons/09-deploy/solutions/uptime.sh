#!/usr/bin/env bash
# Lesson 09, exercise (a): the uptime of every host of a pi_list.txt, asked of all hosts at once.
# A reference answer. Try it on this machine's list (127.0.0.1, if your own ssh key lets you in):
#   source lessons/09-deploy/solutions/uptime.sh; cluster_uptime pi_list.txt
# Check it with: scripts/check-lesson.sh 09 solutions

# The repository this file sits in, unless the caller says otherwise.
: "${CLUSTERLAB_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
# shellcheck source-path=SCRIPTDIR source=../../../scripts/lib/pi-list.sh
source "$CLUSTERLAB_ROOT/scripts/lib/pi-list.sh"

# The ssh command and its options. BatchMode: fail instead of asking for a password (a missing key
# is an error to see, not a prompt to hang on); ConnectTimeout: give up on a dead host after 5 s.
SSH=${SSH:-ssh -o BatchMode=yes -o ConnectTimeout=5}

# cluster_uptime HOSTS_FILE
# Prints "TARGET: <what uptime printed>" or "TARGET: unreachable" for every host, in the order of
# the list; returns 1 if some host did not answer, and pi_list_read's status if the list has a
# mistake (then no ssh runs at all).
cluster_uptime() {
    local hosts dir target answer i status=0
    local -a ssh_command targets=() pids=()
    hosts=$(pi_list_read "$1") || return
    # SSH is one string holding a command and its options: split it into words once.
    read -r -a ssh_command <<<"$SSH"
    dir=$(mktemp -d) || return

    # Start every host at once, in the background. Each ssh writes into a file of its own, so
    # answers that arrive together cannot mix. ssh reads standard input: </dev/null keeps it away
    # from anything the caller is reading.
    while read -r target _; do
        [[ -n $target ]] || continue # a list with no hosts reads as one empty line
        "${ssh_command[@]}" "$target" uptime </dev/null >"$dir/${#targets[@]}" &
        pids+=("$!")
        targets+=("$target")
    done <<<"$hosts"

    # Collect the answers in the list's order, whatever order they finished in: `wait PID` waits
    # for that one host and returns its ssh's exit status (255 when ssh could not connect).
    for i in "${!targets[@]}"; do
        if wait "${pids[i]}"; then
            answer=""
            read -r answer <"$dir/$i" || true # the first line, without uptime's leading blank
            echo "${targets[i]}: $answer"
        else
            echo "${targets[i]}: unreachable"
            status=1
        fi
    done
    rm -rf "$dir"
    return "$status"
}
