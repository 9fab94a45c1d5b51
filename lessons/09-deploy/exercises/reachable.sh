#!/usr/bin/env bash
# Lesson 09, exercise (b): does a host's port answer? Asked before deploying, so that a dead Pi
# costs one second instead of ssh's own time-outs and retries.
# Write host_reachable and skip_unreachable below, then check them from the repository root with:
#   scripts/check-lesson.sh 09
# Try them by hand:
#   source lessons/09-deploy/exercises/reachable.sh
#   host_reachable 127.0.0.1 22 1 && echo "this machine runs an ssh server"
#   skip_unreachable pi_list.txt 22 1

# The repository this file sits in, unless the caller says otherwise.
: "${CLUSTERLAB_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
# pi_list_read FILE prints one line per host, "TARGET SLOTS", or a message and status 2.
# shellcheck source-path=SCRIPTDIR source=../../../scripts/lib/pi-list.sh
source "$CLUSTERLAB_ROOT/scripts/lib/pi-list.sh"

# host_reachable HOST PORT SECONDS
# Succeed when a TCP connection to HOST:PORT opens within SECONDS (a decimal such as 0.5 may be
# given), fail otherwise. Never wait much longer than SECONDS, and print nothing.
# Hints:
#   - in bash, redirecting a file descriptor to /dev/tcp/HOST/PORT opens a TCP connection:
#         exec 3<>/dev/tcp/127.0.0.1/22
#     A closed port fails at once; a dead host makes it wait as long as the kernel likes.
#   - `timeout SECONDS COMMAND...` stops COMMAND after SECONDS. The connection must be opened
#     INSIDE the command timeout runs (bash -c '...' with HOST and PORT as its arguments $1 and $2);
#     a redirection written on the timeout line itself happens before timeout even starts.
#   - bash prints "connect: Connection refused": send the inner bash's stderr to /dev/null.
host_reachable() {
    echo "exercise (b): host_reachable is not written yet (lessons/09-deploy/exercises/reachable.sh)" >&2
    return 1
}

# skip_unreachable HOSTS_FILE PORT SECONDS
# For every host of HOSTS_FILE (read it with pi_list_read), check with host_reachable whether its
# PORT answers within SECONDS, checking all hosts AT ONCE. Then, in the order of the list:
#   - print the TARGET (as written in the list, user@ included) of every host that answered, on
#     stdout, one per line;
#   - report every other host on stderr:  skipping TARGET: port PORT does not answer
# Give host_reachable the host alone: a TARGET may be user@host ("${target#*@}" cuts "user@").
# Return 0 when every host answered, 1 when some were skipped. If pi_list_read fails, return its
# status and check nothing. A deploy script would use it as:
#   mapfile -t live < <(skip_unreachable pi_list.txt 22 1)
skip_unreachable() {
    echo "exercise (b): skip_unreachable is not written yet (lessons/09-deploy/exercises/reachable.sh)" >&2
    return 1
}
