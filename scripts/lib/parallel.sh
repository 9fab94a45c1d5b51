#!/usr/bin/env bash
# Running one worker per host, at most JOBS at once, for deploy.sh and cluster.sh (bash 5.1+).

declare -A JOB_INDEX=()     # PID of a running worker -> the index it was started with

# run_parallel COUNT JOBS WORKER COLLECTOR: runs "WORKER I" in the background for I = 0..COUNT-1,
# at most JOBS at once, and "COLLECTOR I" in this shell as soon as worker I has finished. Only
# the collector prints, so lines of different hosts never mix.
run_parallel() {
    local count=$1 jobs=$2 worker=$3 collector=$4 next=0 pid
    # set -m (job control) gives each worker a process group of its own, numbered like the
    # worker's PID: `kill -- -PID` then stops the worker together with the ssh it is running.
    set -m
    while (( next < count || ${#JOB_INDEX[@]} > 0 )); do
        if (( next < count && ${#JOB_INDEX[@]} < jobs )); then
            "$worker" "$next" &
            JOB_INDEX[$!]=$next
            next=$((next + 1))
            continue
        fi
        # wait -n waits for any one worker; -p tells which, so its result is collected at once.
        pid=""
        wait -n -p pid "${!JOB_INDEX[@]}" || true
        if [[ -n $pid && -n ${JOB_INDEX[$pid]+set} ]]; then
            "$collector" "${JOB_INDEX[$pid]}"
            unset "JOB_INDEX[$pid]"
        fi
    done
}

# stop_workers: on Ctrl-C or kill, stops the running workers, each with its process group.
stop_workers() {
    local pid
    if (( ${#JOB_INDEX[@]} > 0 )); then
        exec 2>/dev/null    # no "Terminated" notices from the shell for the workers we stop
        for pid in "${!JOB_INDEX[@]}"; do kill -TERM -- "-$pid" || true; done
    fi
}
