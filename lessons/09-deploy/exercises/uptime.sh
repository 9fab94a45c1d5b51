#!/usr/bin/env bash
# Lesson 09, exercise (a): the uptime of every host of a pi_list.txt, asked of all hosts at once.
# Write cluster_uptime below, then check it from the repository root with:
#   scripts/check-lesson.sh 09
# Try it by hand on this machine's list (127.0.0.1, if your own ssh key lets you in):
#   source lessons/09-deploy/exercises/uptime.sh; cluster_uptime pi_list.txt

# The repository this file sits in, unless the caller says otherwise.
: "${CLUSTERLAB_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
# pi_list_read FILE prints one line per host, "TARGET SLOTS", or a message and status 2.
# shellcheck source-path=SCRIPTDIR source=../../../scripts/lib/pi-list.sh
source "$CLUSTERLAB_ROOT/scripts/lib/pi-list.sh"

# The ssh command and its options, as one string. BatchMode: fail instead of asking for a
# password; ConnectTimeout: give up on a dead host after 5 s. The checker sets SSH to a stand-in
# that answers for pretend Pis (and logs how it was called), so use $SSH, never plain ssh.
SSH=${SSH:-ssh -o BatchMode=yes -o ConnectTimeout=5}

# cluster_uptime HOSTS_FILE
# For every host of HOSTS_FILE (read it with pi_list_read), run
#     $SSH TARGET uptime
# for all hosts AT ONCE (in the background, so ten dead Pis cost 5 s, not 50 s), then print one
# line per host, in the order of the list (not the order the answers arrive):
#     TARGET: what uptime printed           e.g.  pi@192.168.4.1: 10:02:13 up 3 days,  load average: 0.10, ...
#     TARGET: unreachable                   when ssh failed (ssh exits with 255 when it cannot connect)
# Return 0 when every host answered, 1 when some did not. If pi_list_read fails (a mistake in the
# list), return its status and run no ssh at all.
# Hints:
#   - SSH holds several words: split it once with  read -r -a ssh_command <<<"$SSH"
#     and run  "${ssh_command[@]}" "$target" uptime
#   - give each host's output a file of its own in a directory from  mktemp -d
#   - after starting a job with &, $! is its process id; `wait PID` waits for that job alone and
#     returns its exit status
#   - ssh reads standard input: run it with </dev/null so it cannot swallow your host list
cluster_uptime() {
    echo "exercise (a): cluster_uptime is not written yet (lessons/09-deploy/exercises/uptime.sh)" >&2
    return 1
}
